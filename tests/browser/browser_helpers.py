"""Small helpers shared by the browser tests (plain functions, no fixtures)."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
PLANS_DIR = ROOT / "docs" / "plans"
_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.S)
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
HEADING_TAGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
#: where GitHub Pages would serve a project site; the tests serve the build there too
SUBPATH = "/beijing-edu-plans/"


@dataclass
class Site:
    """The built site on disk and the server that serves it."""

    root: Path
    origin: str  # http://127.0.0.1:<port>

    def url(self, path: str = "", *, subpath: bool = False) -> str:
        prefix = SUBPATH if subpath else "/"
        return f"{self.origin}{prefix}{path.lstrip('/')}"


@dataclass
class Watch:
    """What happened while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.foreign_requests == [], "requests leaving the origin"
        assert self.page_errors == [], "uncaught exceptions"
        assert self.console_errors == [], "console errors"
        assert self.failed_requests == [], "failed same-origin requests"


def plan_slugs() -> list[str]:
    return sorted(p.stem for p in PLANS_DIR.glob("*.md"))


def plan_body(slug: str) -> str:
    """A plan's Markdown as the reader gets it: without front matter and HTML comments."""
    text = (PLANS_DIR / f"{slug}.md").read_text(encoding="utf-8")
    return _COMMENT_RE.sub("", _FRONT_MATTER_RE.sub("", text, count=1))


def plans_containing(term: str) -> set[str]:
    return {slug for slug in plan_slugs() if term in plan_body(slug)}


def section_texts(html: str) -> dict[str, str]:
    """Text of each heading's section (heading to next heading of any level), keyed by heading id.

    This is how Material's search splits a page into results, so a result pointing at ``#id``
    must have its match inside ``section_texts(...)[id]``. Text before the first heading is ``""``.
    """
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    for junk in article.select(".headerlink, .passage-permalink, .theme-chips, .plan-meta"):
        junk.decompose()
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for node in article.find_all(string=True):
        parent_heading = node.find_parent(HEADING_TAGS)
        if parent_heading is not None and parent_heading.get("id") and parent_heading["id"] != current:
            current = parent_heading["id"]
            sections.setdefault(current, [])
        sections[current].append(str(node))
    return {key: "".join(parts) for key, parts in sections.items()}


def open_search(page: Page, term: str) -> list[str]:
    """Type ``term`` into the header search and return every result link, all results loaded."""
    page.click("input.md-search__input")
    # wait for the worker to have loaded the index ("正在初始化搜索引擎" → "键入以开始搜索")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent.trim() === '键入以开始搜索'")
    page.fill("input.md-search__input", term)
    page.press("input.md-search__input", "End")  # Material reads the query on keyup
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => /\\d+/.test(document.querySelector('.md-search-result__meta')?.textContent || '')"
    )
    total = int(re.search(r"\d+", meta.inner_text()).group())
    # Material renders results in batches of 10 as the list is scrolled: scroll until every result
    # is there or no more appear (its count can include one result it does not render).
    items = page.locator("li.md-search-result__item")
    seen, still = -1, 0
    while items.count() < total and still < 5:
        page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, el.scrollHeight)")
        page.wait_for_timeout(200)
        still = still + 1 if items.count() == seen else 0
        seen = items.count()
    assert items.count() >= min(total, 10)
    return page.eval_on_selector_all("a.md-search-result__link", "els => els.map(e => e.href)")


#: the browser's clock in the tests that pin the access date
FIXED_NOW = dt.datetime(2026, 12, 1, 10, 30)


def copy_citation(page: Page, element_id: str, fmt: str = "line") -> str:
    """Hover the heading, passage or entry, open its 复制引用 panel, click a format and read the clipboard."""
    target = page.locator(f"[id='{element_id}']")
    target.scroll_into_view_if_needed()
    target.hover()
    button = page.locator(f"[id='{element_id}'] .cite-button").first
    assert button.inner_text() == "复制引用"
    if button.get_attribute("aria-expanded") == "false":  # the panel stays open after a copy
        button.click()
    assert button.get_attribute("aria-expanded") == "true"
    item = page.locator(f".cite-menu [data-format='{fmt}']")
    item.click()
    page.wait_for_function("b => b.textContent === '已复制'", arg=item.element_handle())
    return page.evaluate("() => navigator.clipboard.readText()")


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the build, at / and under SUBPATH; 404.html for missing files (as Pages)."""

    def translate_path(self, path: str) -> str:
        parsed = urlsplit(path).path
        if parsed.startswith(SUBPATH):
            parsed = "/" + parsed[len(SUBPATH):]
        elif parsed == SUBPATH.rstrip("/"):
            parsed = "/"
        return super().translate_path(parsed)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format: str, *args: object) -> None:  # quiet: pytest output stays readable
        pass


@contextmanager
def serve_directory(root: Path, name: str = "site-server") -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (at / and under SUBPATH); yields the origin, no trailing slash."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHandler, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
