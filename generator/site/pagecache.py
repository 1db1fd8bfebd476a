"""Rendered pages reused across ``mkdocs serve`` rebuilds when nothing they depend on changed.

MkDocs converts every page's Markdown again on every rebuild. After a one-paragraph edit of one
plan, most pages — the about pages, the other plans, and the topic pages and compare views the
edit does not reach — come out byte for byte as before, and converting them is most of a
rebuild (the nineteen topic pages and compare views hold about 2 MB of HTML). :class:`PageCache`
replaces, for one build, each page's ``render`` with one that looks the result up by a hash of
everything the conversion reads:

* the page's final Markdown (after every ``on_page_markdown``) and its path;
* the Markdown extensions and their configuration, ``use_directory_urls`` and ``site_url``;
* the set of files in the site (relative links are resolved against it);
* whatever the caller adds for the page: for a plan page its theme chips and registry entry, which
  the passages treeprocessor and the notice add to it;
* the generator's code version (generator.crossref.cache.CODE_VERSION).

On a hit it restores what ``Page.render`` would have set — ``content``, ``toc``, the title found
in the Markdown, the anchors present on the page and the links to other pages' anchors (MkDocs
validates those after all pages are rendered, so anchor validation is unchanged). A page whose
conversion logged a warning is never stored, so a broken link is reported on every build.
``mkdocs build`` starts with an empty cache: every page is converted.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.crossref.cache import _stable, digest

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rendered:
    content: str
    toc: Any
    title: str | None
    present_anchor_ids: frozenset[str] | None
    #: linked page (src_uri) -> anchor -> original link
    links_to_anchors: dict[str, dict[str, str]] | None


class _WarningSeen(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


class PageCache:
    def __init__(self) -> None:
        self._entries: dict[str, Rendered] = {}
        self._used: set[str] = set()
        self._site_key = ""
        self.hits = 0
        self.misses = 0
        #: (pages reused, pages converted) in the last finished build
        self.last = (0, 0)

    def begin(self, config: MkDocsConfig, files: Files) -> None:
        """Start a build: fix what every page's conversion depends on (call in ``on_files``)."""
        extensions = [e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}" for e in config.markdown_extensions]
        self._site_key = digest(
            _stable(extensions),
            _stable(dict(config.mdx_configs or {})),
            str(config.use_directory_urls),
            str(config.site_url),
            "\n".join(sorted(f.src_uri for f in files)),
        )
        self._used = set()
        self.hits = self.misses = 0

    def attach(self, page: Page, extra: str = "") -> None:
        """Make this build's conversion of ``page`` go through the cache (call in ``on_page_markdown``)."""
        original: Callable[[MkDocsConfig, Files], None] = page.render
        cache = self

        def render(config: MkDocsConfig, files: Files) -> None:
            key = digest(cache._site_key, page.file.src_uri, page.markdown or "", extra)
            cache._used.add(key)
            entry = cache._entries.get(key)
            if entry is not None and cache._restore(page, entry, files):
                cache.hits += 1
                return
            cache.misses += 1
            watcher = _WarningSeen()
            logging.getLogger("mkdocs").addHandler(watcher)
            try:
                original(config, files)
            finally:
                logging.getLogger("mkdocs").removeHandler(watcher)
            if not watcher.seen:
                cache._entries[key] = cache._snapshot(page)

        page.render = render  # type: ignore[method-assign]  # this page object, this build only

    @staticmethod
    def _snapshot(page: Page) -> Rendered:
        links = page.links_to_anchors
        return Rendered(
            content=page.content or "",
            toc=copy.deepcopy(page.toc),
            title=getattr(page, "_title_from_render", None),
            present_anchor_ids=None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
            links_to_anchors=None if links is None else {f.src_uri: dict(anchors) for f, anchors in links.items()},
        )

    @staticmethod
    def _restore(page: Page, entry: Rendered, files: Files) -> bool:
        links = None
        if entry.links_to_anchors is not None:
            links = {}
            for src_uri, anchors in entry.links_to_anchors.items():
                file = files.get_file_from_path(src_uri)
                if file is None:
                    return False
                links[file] = dict(anchors)
        page.content = entry.content
        page.toc = copy.deepcopy(entry.toc)
        page._title_from_render = entry.title
        page.present_anchor_ids = None if entry.present_anchor_ids is None else set(entry.present_anchor_ids)
        if links is not None or entry.links_to_anchors is None:
            page.links_to_anchors = links
        return True

    def sweep(self) -> None:
        """After a build: keep only the pages it rendered (memory stays one site's worth)."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        log.debug("page cache: %d reused, %d converted", self.hits, self.misses)
        self.last = (self.hits, self.misses)
