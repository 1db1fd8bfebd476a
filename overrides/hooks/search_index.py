"""MkDocs hook: what goes into the search index, and how big the index file is.

1. Passage decorations stay out of the index. The passages treeprocessor appends to every passage
   a ¶ permalink and, where themes cite it, theme chips (学前教育 …). Both are page furniture, not
   plan text: indexed, they would show as "学前教育¶" in result previews and make a search for
   学前教育 match every passage a theme cites. Material's search plugin skips any element carrying
   ``data-search-exclude``; ``on_page_content`` adds that attribute to those two elements (by their
   contract class names, docs/about/plan-format.md) before Material indexes the page in
   ``on_page_context``.
2. The index is written as UTF-8. Material writes ``search_index.json`` with every Chinese
   character and every U+200B word break escaped as ``\\uXXXX`` (six bytes instead of three), which
   roughly doubles the file every visitor downloads. ``on_post_build`` rewrites it with the same JSON
   content, unescaped. Runs after Material's ``on_post_build`` (hooks come after plugins).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.search_index")

#: opening tag of a chips span or passage permalink that is not yet excluded
_DECORATION_RE = re.compile(r'<(span|a) class="(theme-chips|passage-permalink)"(?![^>]*data-search-exclude)')
INDEX_PATH = Path("search") / "search_index.json"


def exclude_decorations(html: str) -> str:
    """The page HTML with ``data-search-exclude`` on every chips span and passage permalink."""
    return _DECORATION_RE.sub(r'<\1 class="\2" data-search-exclude', html)


def compact_index(path: Path) -> tuple[int, int]:
    """Rewrite the index as UTF-8 JSON without whitespace; returns (bytes before, bytes after)."""
    before = path.stat().st_size
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return before, path.stat().st_size


def on_page_content(html: str, **kwargs: Any) -> str:
    return exclude_decorations(html)


def on_post_build(config: Any, **kwargs: Any) -> None:
    path = Path(config["site_dir"]) / INDEX_PATH
    if path.is_file():
        before, after = compact_index(path)
        log.debug("search index %s: %d -> %d bytes", path, before, after)
