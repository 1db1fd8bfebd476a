"""MkDocs hook: keep the passage decorations of plan pages out of the search index.

The passages treeprocessor appends to every passage a ¶ permalink and, where themes cite it, theme
chips (学前教育 …). Both are page furniture, not plan text: indexed, they would show as "学前教育¶" in
result previews and make a search for 学前教育 match every passage a theme cites. Material's search
plugin skips any element carrying ``data-search-exclude``; this hook adds that attribute to those
two elements (by their contract class names, docs/about/plan-format.md) before the page is indexed
(Material indexes in ``on_page_context``, after every ``on_page_content``).
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger("mkdocs.hooks.search_exclude")

#: opening tag of a chips span or passage permalink that is not yet excluded
_DECORATION_RE = re.compile(r'<(span|a) class="(theme-chips|passage-permalink)"(?![^>]*data-search-exclude)')


def exclude_decorations(html: str) -> str:
    """The page HTML with ``data-search-exclude`` on every chips span and passage permalink."""
    return _DECORATION_RE.sub(r'<\1 class="\2" data-search-exclude', html)


def on_page_content(html: str, **kwargs: object) -> str:
    return exclude_decorations(html)
