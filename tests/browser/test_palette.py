"""Light/dark toggle: switches Material's colour scheme, the page colours follow, the choice persists."""

from __future__ import annotations

import pytest
from browser_helpers import Site, Watch
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def scheme(page: Page) -> str:
    return page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")


def background(page: Page, selector: str = "body") -> str:
    return page.locator(selector).first.evaluate("el => getComputedStyle(el).backgroundColor")


def test_dark_mode_toggle_switches_scheme_and_colours(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    assert scheme(page) == "default"
    light_body, light_cell = background(page), background(page, "td.cov-1")
    toggle = page.locator("label.md-header__button[for='__palette_1']")
    assert toggle.get_attribute("title") == "切换到深色模式"
    toggle.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert background(page) != light_body
    assert background(page, "td.cov-1") != light_cell  # the heatmap has its own dark palette
    # the choice survives navigation to another page
    page.goto(site.url("plans/haidian/"))
    assert scheme(page) == "slate"
    back = page.locator("label.md-header__button[for='__palette_0']")
    assert back.get_attribute("title") == "切换到浅色模式"
    back.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'default'")
    watch.assert_clean()


def test_dark_system_preference_is_followed_on_first_visit(browser, site: Site) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(site.url(""))
        assert scheme(page) == "slate"
    finally:
        context.close()
