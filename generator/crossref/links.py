"""Page-relative URLs for the raw HTML parts of the generated pages.

The bulk of a topic page (its entries) and of a compare view (the whole table) is written as raw
HTML blocks: Python-Markdown stashes such a block instead of parsing it, which makes these pages
several times cheaper to render than the same content as Markdown with ``md_in_html`` and
``attr_list`` (benchmarks/run.py). MkDocs rewrites ``.md`` links only in Markdown, so links inside
those blocks are made here, exactly as MkDocs would write them: relative to the page's own URL,
for ``use_directory_urls`` on and off, so they keep working under any sub-path of ``site_url`` (MkDocs' own ``get_relative_url`` does the
arithmetic).
MkDocs does not validate links inside raw HTML; tests/site/test_compare_pages.py and
tests/site/test_topic_pages.py check every one of them in a real build.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import lru_cache

from mkdocs.utils import get_relative_url


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL of a docs page, relative to the site root, as MkDocs' ``File.url`` computes it:
    ``plans/haidian.md`` -> ``plans/haidian/`` (or ``plans/haidian.html``); with directory URLs an
    ``index.md`` is its folder."""
    stem = src_uri[:-3] if src_uri.endswith(".md") else src_uri
    if not directory_urls:
        return f"{stem}.html"
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        return f"{folder}/" if folder else "./"
    return f"{stem}/"


@dataclass(frozen=True)
class Linker:
    """Links from one generated page (its docs path ``page``) to any docs page and anchor."""

    page: str
    directory_urls: bool = True

    def to(self, src_uri: str, anchor: str = "") -> str:
        """URL of ``src_uri`` (and ``#anchor``) from this page; just ``#anchor`` on the page itself."""
        if anchor and src_uri == self.page:
            return f"#{anchor}"
        path = _relative(src_uri, self.page, self.directory_urls)
        return f"{path}#{anchor}" if anchor else path


@lru_cache(maxsize=65536)
def _relative(src_uri: str, page: str, directory_urls: bool) -> str:
    return get_relative_url(page_url(src_uri, directory_urls), page_url(page, directory_urls))
