"""One error type for everything a contributor can get wrong.

Every refusal names the file (and the line where there is one) and says what to do, so the CLI can
print a single actionable line and exit non-zero, and the MkDocs plugin can raise ``PluginError``
with the same text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class GeneratorError(Exception):
    """A refusal with a location and a remedy."""

    path: Path | str
    message: str
    hint: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"（{self.hint}）"
        return text
