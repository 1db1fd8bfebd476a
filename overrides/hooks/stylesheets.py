"""MkDocs hook: the site's stylesheets reach the reader as one file.

mkdocs.yml lists the site's own stylesheets one by one (site.css, palette.css, topics.css …), each
with its own concern, as contributors edit them. Linked one by one they are seven more
render-blocking requests before a phone can paint anything (issue 15: Lighthouse mobile
performance). ``on_config`` replaces them in ``extra_css`` by one generated file with their contents
in the listed order — the cascade is unchanged: each file is whole, @media blocks stay inside, and
all of them sit in the same folder, so relative url()s still resolve; ``on_files`` adds that file.
The separate files are still copied to the site (a bookmark to one keeps working), just not linked.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.stylesheets")

FOLDER = "assets/stylesheets/"
_bundle: dict[str, Any] = {}


def bundle_css(parts: list[tuple[str, str]]) -> str:
    """The stylesheets concatenated in order, each introduced by its name (for a reader of the file)."""
    return "".join(f"/* ---- {name} ---- */\n{text.rstrip()}\n\n" for name, text in parts)


def on_config(config: Any, **kwargs: Any) -> Any:
    _bundle.clear()
    docs = Path(config["docs_dir"])
    listed = [str(entry) for entry in config["extra_css"]]
    ours = [path for path in listed if path.startswith(FOLDER) and (docs / path).is_file()]
    if len(ours) < 2:
        return config
    text = bundle_css([(path[len(FOLDER):], (docs / path).read_text(encoding="utf-8")) for path in ours])
    name = f"{FOLDER}site.bundle.{hashlib.sha256(text.encode('utf-8')).hexdigest()[:8]}.css"
    _bundle.update(name=name, text=text, parts=ours)
    first = listed.index(ours[0])
    config["extra_css"] = [*(p for p in listed[:first] if p not in ours), name, *(p for p in listed[first:] if p not in ours)]
    return config


def on_files(files: Files, config: Any, **kwargs: Any) -> Files:
    if _bundle:
        files.append(File.generated(config, _bundle["name"], content=_bundle["text"]))
    return files
