"""WCAG 2.1 AA with axe-core on every page type, in the light and the dark scheme.

PAGES is the one list of page types: a new page type (the compare page of issue 12) is one line.
Each page is loaded once per width; axe runs in the light scheme, then again after switching to
the dark scheme with Material's own toggle. No violation of impact serious or critical is allowed
(rule sets wcag2a, wcag2aa, wcag21a, wcag21aa, best-practice) — the issue's bar — and, checked
separately so a failure says which bar broke, none of impact minor or moderate either.
"""

from __future__ import annotations

import pytest
from axe import BLOCKING, run_axe, summary
from browser_helpers import Site, Watch
from playwright.sync_api import Browser, Page, Route

pytestmark = pytest.mark.browser

#: (page type, path under the site root, also checked at phone width). not-found: any missing page.
PAGES = [
    ("home", "", True),
    ("topic-index", "themes/", False),
    ("topic", "themes/preschool/", False),
    ("compare", "themes/preschool/compare/?d=haidian,dongcheng", True),
    ("compare-pairs", "compare/?d=haidian,dongcheng", False),
    ("plan", "plans/haidian/", True),
    ("data", "about/data/", True),
    ("about", "about/", False),
    ("not-found", "no-such-page/", False),
]
#: desktop with a mouse; a phone with a touch screen (no hover: the citation controls stay visible)
DESKTOP, PHONE = 1280, 390
OTHER_IMPACTS = ("minor", "moderate")
CASES = [pytest.param(path, DESKTOP, id=f"{kind}-{DESKTOP}") for kind, path, _ in PAGES] + [
    pytest.param(path, PHONE, id=f"{kind}-{PHONE}") for kind, path, phone in PAGES if phone
]


def open_page(browser: Browser, site: Site, path: str, width: int, watch: Watch, scheme: str = "light") -> Page:
    """The page under the site's sub-path, in the system colour scheme given (light unless told), every
    off-origin request aborted and recorded."""
    phone = {"has_touch": True, "is_mobile": True} if width == PHONE else {}  # a touch screen: (hover: none)
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, viewport={"width": width, "height": 900}, **phone)
    def refuse(route: Route) -> None:
        watch.foreign_requests.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(site.origin + "/"), refuse)
    page = context.new_page()
    page.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    page.goto(site.url(path, subpath=True))
    settle(page)
    return page


def settle(page: Page) -> None:
    """Wait until the site's scripts have run (they subscribe to Material's document$)."""
    page.wait_for_function("() => window.planCite && window.planA11y && document.querySelector('#__config')")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")


def switch_to_dark(page: Page) -> None:
    page.locator("label.md-header__button[for='__palette_1']").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")


def check_both_schemes(page: Page) -> dict[str, list[str]]:
    light = run_axe(page)
    switch_to_dark(page)
    dark = run_axe(page)
    return {
        "serious/critical, light": summary(light, BLOCKING),
        "serious/critical, dark": summary(dark, BLOCKING),
        "minor/moderate, light": summary(light, OTHER_IMPACTS),
        "minor/moderate, dark": summary(dark, OTHER_IMPACTS),
    }


@pytest.mark.parametrize(("path", "width"), CASES)
def test_axe_finds_no_violation_in_either_scheme(browser: Browser, site: Site, path: str, width: int) -> None:
    watch = Watch()
    page = open_page(browser, site, path, width, watch)
    try:
        found = check_both_schemes(page)
        assert {k: v for k, v in found.items() if k.startswith("serious")} == {"serious/critical, light": [], "serious/critical, dark": []}
        assert {k: v for k, v in found.items() if k.startswith("minor")} == {"minor/moderate, light": [], "minor/moderate, dark": []}
        assert watch.foreign_requests == [] and watch.page_errors == []
    finally:
        page.context.close()


def test_plan_page_with_an_open_citation_panel_and_a_highlighted_target(browser: Browser, site: Site) -> None:
    """States axe cannot reach by loading a page: a permalink target, the revealed 复制引用 and its panel."""
    watch = Watch()
    page = open_page(browser, site, "plans/huairou/#s3-3-1-p1", DESKTOP, watch)
    try:
        target = page.locator("[id='s3-3-1-p1']")
        target.hover()
        target.locator(".cite-button").click()
        page.locator(".cite-menu [data-format='gbt']").wait_for()
        found = check_both_schemes(page)
        assert found == {key: [] for key in found}
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_search_dialog_with_results(browser: Browser, site: Site, width: int, scheme: str) -> None:
    """The search dialog (Pagefind results, highlighted excerpts) in either scheme, on a phone too,
    where it covers the screen. The scheme comes from the reader's system setting (Material's palette
    follows prefers-color-scheme until the toggle is used). A first visit in that scheme: Material
    remembers the palette of a visit, so switching the system setting and reloading would keep light."""
    watch = Watch()
    page = open_page(browser, site, "plans/haidian/", width, watch, scheme)
    try:
        expected = "slate" if scheme == "dark" else "default"
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == expected
        if width == PHONE:
            page.locator("label.md-header__button[for='__search']").click()
        else:
            page.locator("input.md-search__input").click()
        page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent.trim() === '键入以开始搜索'")
        page.fill("input.md-search__input", "普惠")
        page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta')?.textContent || '')")
        assert page.locator("[role='dialog'][aria-label='站内搜索'] li.md-search-result__item").count() >= 10
        assert page.evaluate("() => document.activeElement?.classList.contains('md-search__input')")
        page.keyboard.press("ArrowDown")
        assert page.evaluate("() => document.activeElement?.classList.contains('md-search-result__link')")
        found = run_axe(page)
        assert summary(found, BLOCKING) == [] and summary(found, OTHER_IMPACTS) == []
        page.keyboard.press("Escape")
        assert page.evaluate("() => !document.getElementById('__search').checked")
        assert watch.foreign_requests == [] and watch.page_errors == []
    finally:
        page.context.close()


def test_a_contrast_regression_in_the_palette_fails_the_check(browser: Browser, site: Site) -> None:
    """The check can fail: Material's stock link red (#ef5350) on white is 3.4:1, below AA's 4.5:1.

    The palette override is exactly what a contributor might change; axe must name the links.
    """
    watch = Watch()
    page = open_page(browser, site, "plans/haidian/", DESKTOP, watch)
    try:
        page.add_style_tag(content="[data-md-color-scheme=default] { --md-typeset-a-color: #ef5350; }")
        found = summary(run_axe(page, rules=["color-contrast"]), BLOCKING)
        assert found and all(line.startswith("color-contrast (serious)") for line in found)
        assert any("a[href$=\"haidian.bib\"]" in line and "contrast of 3.19" in line for line in found), found
    finally:
        page.context.close()
