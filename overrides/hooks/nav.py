"""MkDocs hook: every "about" page is in the navigation without editing mkdocs.yml.

``mkdocs.yml`` lists the pages in the order readers should see them. A page another tool writes into
``docs/about/`` later (the benchmark script's 性能 page) is appended to its section here, and
``validation.nav.omitted_files: warn`` (which makes ``mkdocs build --strict`` fail on a page missing
from the nav) still guards everything else. Plan pages are not handled here: the ``plancompare``
plugin lists them under 规划原文 in registry order (corpus/plans.yml), the one source of that order.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.nav")

#: nav section title -> directory under docs/ whose Markdown pages belong to it
SECTIONS = {"数据与说明": "about"}


def _listed(items: list[Any]) -> set[str]:
    """Every page path mentioned in a nav (sub)list."""
    found: set[str] = set()
    for item in items:
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                found |= _listed(value) if isinstance(value, list) else {value}
    return found


def complete_nav(nav: list[Any], docs_dir: Path) -> list[str]:
    """Append unlisted pages of each section's directory to that section; return what was added."""
    added: list[str] = []
    listed = _listed(nav)
    for entry in nav:
        if not isinstance(entry, dict):
            continue
        for title, pages in entry.items():
            folder = SECTIONS.get(title)
            if folder is None or not isinstance(pages, list):
                continue
            for path in sorted((docs_dir / folder).glob("*.md")):
                rel = path.relative_to(docs_dir).as_posix()
                if rel not in listed:
                    pages.append(rel)
                    added.append(rel)
    return added


def on_config(config: Any, **kwargs: Any) -> Any:
    if config["nav"]:
        added = complete_nav(config["nav"], Path(config["docs_dir"]))
        if added:
            log.info("导航中补充了未列出的页面：%s", "、".join(added))
    return config
