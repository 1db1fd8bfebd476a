"""The injection plan (tests/data/bad/injection.txt) in Chromium: no dialog fires, the payloads read as text.

The site is the temporary build of tests/test_injection.py (the real project plus one registered
plan full of script, img onerror, iframe, javascript: links, Markdown links and {#id}), served on
127.0.0.1. Every payload calls ``alert(n)``; a dialog listener records any that run. The page is
exercised the way a reader would trigger handlers: hovering and clicking the payload text,
searching for it, and opening the theme page that quotes the plan.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import serve_directory
from playwright.sync_api import Browser, Dialog, Page, Request, Route

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the shared site builder, injection_site.py
from injection_site import SLUG, build_injection_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def injection_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection-browser"))


@pytest.fixture(scope="module")
def injection_origin(injection_site: Path) -> Iterator[str]:
    with serve_directory(injection_site, "injection-site") as origin:
        yield origin


class Recorder:
    def __init__(self) -> None:
        self.dialogs: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []


@pytest.fixture
def watched(browser: Browser, injection_origin: str) -> Iterator[tuple[Page, Recorder]]:
    """A page on the injection site: dialogs recorded (and dismissed), requests elsewhere aborted and recorded."""
    seen = Recorder()
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)

    def route(route: Route, request: Request) -> None:
        if request.url.startswith(injection_origin + "/") or request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            seen.foreign.append(request.url)
            route.abort()

    def on_dialog(dialog: Dialog) -> None:
        seen.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route("**/*", route)
    page = context.new_page()
    page.on("dialog", on_dialog)
    page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
    try:
        yield page, seen
    finally:
        context.close()


def test_plan_page_runs_no_payload(watched: tuple[Page, Recorder], injection_origin: str) -> None:
    page, seen = watched
    page.goto(f"{injection_origin}/plans/{SLUG}/", wait_until="networkidle")
    article = page.locator("article")
    for text in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "[点击查看](javascript:alert(3))", "{#cell-id}"):
        assert article.get_by_text(text, exact=False).first.is_visible(), text
    # what a reader does: hover over and click the payload text, follow the (non-)links
    for text in ("<b onmouseover=alert(11)>加粗</b>", "[点击查看](javascript:alert(3))", '<a href="javascript:alert(6)">相关链接</a>'):
        target = article.get_by_text(text, exact=False).first
        target.hover()
        target.click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{injection_origin}/plans/{SLUG}/"
    assert page.locator("img, iframe, details").count() == 0
    assert page.evaluate("() => document.querySelectorAll('#injected-id, #injected-heading, #injected-attr, #cell-id').length") == 0
    assert seen.dialogs == []
    assert seen.foreign == []
    assert seen.errors == []


def search(page: Page, query: str) -> str:
    """Type ``query`` into the header search and return the visible result text (without jieba's U+200B).

    Material reads the query on ``keyup``; ``fill`` fires only ``input``, so a key is pressed after it.
    """
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")
    page.wait_for_selector("li.md-search-result__item")
    # Material folds further matches on the same page under "在该页上还有 N 个符合条件的结果": open them,
    # so every rendered result (where a payload could become active) is part of the check.
    more = page.locator(".md-search-result__more > summary")
    for index in range(more.count()):
        more.nth(index).click()
    return page.locator(".md-search-result").inner_text().replace("\u200b", "")


@pytest.mark.parametrize(
    ("query", "payload"),
    [("残留", "<script>alert(1)</script>"), ("onerror", "<img src=x onerror=alert(2)>"), ("onerror", "<img src=x onerror=alert(12)>")],
)
def test_search_results_run_no_payload(watched: tuple[Page, Recorder], injection_origin: str, query: str, payload: str) -> None:
    page, seen = watched
    page.goto(f"{injection_origin}/plans/{SLUG}/", wait_until="networkidle")
    assert payload in search(page, query)
    assert page.locator(".md-search-result img, .md-search-result iframe, .md-search-result script").count() == 0
    page.wait_for_load_state("networkidle")
    assert seen.dialogs == []
    assert seen.errors == []


def test_every_page_quoting_the_payloads_runs_none(watched: tuple[Page, Recorder], injection_origin: str, injection_site: Path) -> None:
    """The plan page and the theme pages that cite its passages (the cross-reference quotes them)."""
    page, seen = watched
    quoting = sorted(
        path.parent.relative_to(injection_site).as_posix()
        for path in injection_site.rglob("index.html")
        if "alert(12)" in path.read_text(encoding="utf-8")
    )
    assert f"plans/{SLUG}" in quoting
    for location in quoting:
        page.goto(f"{injection_origin}/{location}/", wait_until="networkidle")
        assert "alert(12)" in page.locator("article").inner_text(), location
        assert page.locator("img, iframe, details").count() == 0, location
    assert seen.dialogs == []
    assert seen.foreign == []
    assert seen.errors == []
