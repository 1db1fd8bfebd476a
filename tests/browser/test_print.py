"""Printing plan and topic pages: no header, navigation, search or controls; headings kept with what
follows; the notice printed open; the page address and the print date at the end."""

from __future__ import annotations

import datetime as dt

import pytest
from browser_helpers import Site, Watch
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

RECORD_PRINT_EVENTS = """() => {
  window.__printed = [];
  for (const type of ['beforeprint', 'afterprint']) addEventListener(type, () => __printed.push(type));
}"""
HIDDEN = [
    ".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer",
    ".cite-button", ".headerlink", ".passage-permalink", ".theme-chips",
]


def displayed(page: Page, selector: str) -> list[bool]:
    return page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display !== 'none' && !!e.getClientRects().length)")


@pytest.mark.parametrize("path", ["plans/haidian/", "themes/preschool/"])
def test_printed_page_has_only_the_text_and_a_footer_with_address_and_date(page: Page, site: Site, watch: Watch, path: str) -> None:
    page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 9, 0))
    page.goto(site.url(path))
    page.hover("article h2")  # reveal a 复制引用 button on screen: it must still not print
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    for selector in HIDDEN:
        assert not any(displayed(page, selector)), selector
    for selector in (".md-header", ".md-search", ".md-footer", ".cite-button"):  # they exist, and do not print
        assert displayed(page, selector), selector
    assert any(displayed(page, "article h1")) and any(displayed(page, "article p"))
    breaks = page.eval_on_selector_all("article :is(h2, h3, h4, h5)", "els => [...new Set(els.map(e => getComputedStyle(e).breakAfter))]")
    assert breaks == ["avoid"]
    footer = page.locator(".print-footer")
    assert footer.is_visible()
    assert footer.inner_text().split() == ["本页地址：" + site.url(path), "·", "打印日期：2026-12-01"]
    page.emulate_media(media="screen")
    assert not footer.is_visible()
    watch.assert_clean()


def test_the_collapsed_notice_prints_open_and_closes_again(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/haidian/"))
    details = page.locator("details.plan-notice")
    assert details.get_attribute("open") is None
    assert not details.locator("p").first.is_visible()
    page.emulate_media(media="print")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert details.get_attribute("open") is not None
    assert details.locator("p").first.is_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert details.get_attribute("open") is None
    watch.assert_clean()


def test_a_plan_prints_to_pdf_through_the_print_events(page: Page, site: Site, watch: Watch) -> None:
    """Chromium's own print path renders the page and fires the events a11y.js prepares the page on."""
    page.clock.set_fixed_time(dt.datetime(2027, 1, 5, 9, 0))
    page.goto(site.url("plans/huairou/"))
    page.evaluate(RECORD_PRINT_EVENTS)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
    assert page.evaluate("() => window.__printed") == ["beforeprint", "afterprint"]
    assert page.locator(".print-footer [data-print-date]").inner_text() == "2027-01-05"
    watch.assert_clean()
