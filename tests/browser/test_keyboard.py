"""Keyboard: a skip link first, then header controls, then the content; every stop shows a focus ring;
复制引用 and its panel work from the keyboard; tables that scroll sideways can be focused and scrolled."""

from __future__ import annotations

import pytest
from browser_helpers import Site, Watch
from focus import focused, ring_problems
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser


def tab_walk(page: Page, presses: int) -> list[dict]:
    stops = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        state = focused(page)
        if state is not None:
            stops.append(state)
    return stops


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_tab_order_starts_with_the_skip_link_and_every_stop_shows_a_ring(browser: Browser, site: Site, scheme: str) -> None:
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url("plans/haidian/"))
        page.wait_for_function("() => window.planCite && window.planA11y")
        header = tab_walk(page, 20)
        assert header[0]["cls"] == "md-skip" and header[0]["text"] == "跳到正文"
        kinds = [s["cls"] for s in header]
        # the scheme toggle and the search box come right after the skip link and the logo, before navigation
        assert "md-option" in kinds[1:6] and "md-search__input" in kinds[1:6], kinds
        assert not any(s["inArticle"] for s in header)
        # the skip link leads into the text: the next stops are the controls of the plan's first lines
        page.goto(site.url("plans/haidian/"))
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        content = tab_walk(page, 12)
        assert content and all(s["inArticle"] for s in content), [s["cls"] for s in content]
        stops = header + content
        bad = [f'{s["tag"]}.{s["cls"]} {s["text"]}: {ring_problems(s)}' for s in stops if ring_problems(s)]
        assert bad == [], "\n".join(bad)
    finally:
        context.close()


def test_skip_link_moves_to_the_content(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/preschool/"))
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("el => el === document.activeElement") and skip.is_visible()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash.length > 1")
    target = page.evaluate("() => decodeURIComponent(location.hash.slice(1))")
    assert page.locator(f"article [id='{target}']").evaluate("el => el.tagName") == "H1"
    watch.assert_clean()


def test_not_found_page_has_a_skip_link_too(page: Page, site: Site) -> None:
    page.goto(site.url("no-such-page/", subpath=True))
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('md-skip')")
    href = page.locator(".md-skip").get_attribute("href") or ""
    assert page.locator(f"article {href}").count() == 1


def test_citation_button_and_panel_from_the_keyboard(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/huairou/"))
    page.locator("[id='s3-3-1-p1'] .passage-permalink").focus()
    page.keyboard.press("Tab")
    state = focused(page)
    assert state is not None and state["cls"] == "cite-button" and ring_problems(state) == []
    page.keyboard.press("Enter")
    page.locator(".cite-menu [data-format='line']").wait_for()
    order = [focused(page)["text"]]
    for _ in range(3):
        page.keyboard.press("Tab")
        order.append(focused(page)["text"])
    assert order == ["复制一行引用", "复制 GB/T 7714 格式", "BibTeX", "RIS"]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")  # copy the one-line citation from the keyboard
    page.wait_for_function("() => document.querySelector(\".cite-menu [data-format='line']\").textContent === '已复制'")
    page.keyboard.press("Escape")
    assert focused(page)["cls"] == "cite-button"
    assert page.locator(".cite-menu").count() == 0
    watch.assert_clean()


def test_theme_chip_is_a_tab_stop_with_a_ring(page: Page, site: Site) -> None:
    page.goto(site.url("plans/haidian/"))
    chip = page.locator("[id='s4-4-p2'] .theme-chip").first
    page.locator("[id='s4-4-p1'] .cite-button").focus()
    for _ in range(5):
        page.keyboard.press("Tab")
        if chip.evaluate("el => el === document.activeElement"):
            break
    state = focused(page)
    assert state is not None and state["cls"] == "theme-chip" and ring_problems(state) == []


def test_tables_that_scroll_sideways_are_focusable_regions(browser: Browser, site: Site) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 800})
    try:
        page = context.new_page()
        page.goto(site.url(""))  # the home page's plans table: wider than a phone, narrower than a desktop
        page.wait_for_function("() => document.querySelector('.md-typeset__scrollwrap[data-scroll-region]')")
        region = page.locator(".md-typeset__scrollwrap[data-scroll-region]").first
        assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
        assert region.get_attribute("aria-label") == "五份规划（表格，可左右滚动）"
        region.focus()
        state = focused(page)
        assert state is not None and ring_problems(state) == []
        page.keyboard.press("ArrowRight")
        page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
        # at desktop width the same table fits: no tab stop, no region
        page.set_viewport_size({"width": 1280, "height": 800})
        page.wait_for_function("el => !el.hasAttribute('tabindex') && !el.hasAttribute('role')", arg=region.element_handle())
    finally:
        context.close()
