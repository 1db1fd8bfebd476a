"""Reading raw plan files into text. (Minimal UTF-8 version; encoding detection comes with issue 6.)"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str


def read_raw(path: Path) -> RawText:
    data = path.read_bytes()
    text = data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    return RawText(text=text, encoding="utf-8")
