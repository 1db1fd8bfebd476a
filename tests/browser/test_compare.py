"""The compare view (themes/<slug>/compare/) and the district-pair overview (compare/) in Chromium:
choosing districts, the URL and history, JavaScript off, the narrow-screen tabs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_helpers import FIXED_NOW, Site, Watch, copy_citation
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

ALL = ["dongcheng", "haidian", "huairou", "jingkai", "mentougou"]


def visible_columns(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        ".compare-table thead th[data-plan]",
        "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.plan)",
    )


def visible_cells(page: Page) -> list[str]:
    """Districts whose cells are on screen (the narrow layout has no header row, the tabs name the district)."""
    return page.eval_on_selector_all(
        ".compare-table td[data-plan]",
        "els => [...new Set(els.filter(e => e.offsetParent !== null).map(e => e.dataset.plan))]",
    )


def open_compare(page: Page, site: Site, query: str = "") -> None:
    page.goto(site.url(f"themes/preschool/compare/{query}"))
    page.wait_for_selector(".compare.is-interactive")


def test_choosing_districts_changes_columns_and_url_reload_and_back_restore(page: Page, site: Site, watch: Watch) -> None:
    open_compare(page, site)
    assert visible_columns(page) == ALL
    for plan in ("dongcheng", "huairou", "jingkai"):
        page.uncheck(f".compare-picker input[value={plan}]")
    assert visible_columns(page) == ["haidian", "mentougou"]
    # two is the minimum: the last two boxes cannot be unticked
    assert page.is_disabled(".compare-picker input[value=haidian]") and page.is_disabled(".compare-picker input[value=mentougou]")
    page.check(".compare-picker input[value=dongcheng]")
    assert visible_columns(page) == ["haidian", "mentougou", "dongcheng"]  # a new choice joins at the end
    page.uncheck(".compare-picker input[value=mentougou]")
    assert visible_columns(page) == ["haidian", "dongcheng"]
    assert page.url.endswith("themes/preschool/compare/?d=haidian,dongcheng")
    page.reload()
    page.wait_for_selector(".compare.is-interactive")
    assert visible_columns(page) == ["haidian", "dongcheng"]
    page.check(".compare-picker input[value=jingkai]")
    assert visible_columns(page) == ["haidian", "dongcheng", "jingkai"]
    page.go_back()
    page.wait_for_function("() => location.search === '?d=haidian,dongcheng'")
    assert visible_columns(page) == ["haidian", "dongcheng"]
    watch.assert_clean()


def test_url_order_is_the_column_order_and_rows_without_passages_are_hidden(page: Page, site: Site, watch: Watch) -> None:
    open_compare(page, site, "?d=mentougou,haidian")
    assert visible_columns(page) == ["mentougou", "haidian"]
    first_row = page.locator(".compare-table tbody tr:not(.is-hidden)").first
    assert first_row.locator("td[data-plan]:visible").evaluate_all("els => els.map(e => e.dataset.plan)") == ["mentougou", "haidian"]
    # every visible line shows at least one passage of the chosen districts, or says 本区规划未涉及
    lines = page.eval_on_selector_all(
        ".compare-table tbody tr:not(.is-hidden)",
        "rows => rows.map(r => Array.from(r.querySelectorAll('td:not(.is-hidden)'))"
        ".some(td => td.querySelector('.xref-entry, .xref-group, li') || td.textContent.includes('本区规划未涉及')))",
    )
    assert lines and all(lines)
    watch.assert_clean()


def test_an_unknown_or_short_choice_in_the_url_shows_every_column(page: Page, site: Site, watch: Watch) -> None:
    open_compare(page, site, "?d=haidian,nowhere")
    assert visible_columns(page) == ALL
    watch.assert_clean()


@pytest.fixture
def no_js_page(browser: Browser, site: Site) -> Iterator[Page]:
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900}, locale="zh-CN")
    foreign: list[str] = []
    ctx.route("**/*", lambda route, req: route.continue_() if req.url.startswith(site.origin) else (foreign.append(req.url), route.abort()))
    page = ctx.new_page()
    yield page
    assert foreign == []
    ctx.close()


def test_without_javascript_every_column_and_passage_is_there(no_js_page: Page, site: Site) -> None:
    no_js_page.goto(site.url("themes/preschool/compare/?d=haidian,dongcheng"))
    assert visible_columns(no_js_page) == ALL
    assert not no_js_page.is_visible(".compare-picker")  # controls that need the script are not offered
    entries = no_js_page.eval_on_selector_all(".compare-table .xref-entry", "els => els.filter(e => e.offsetParent !== null).length")
    assert entries == no_js_page.locator(".compare-table .xref-entry").count() > 20


def test_on_a_phone_one_district_is_shown_and_tabs_switch_keeping_the_row(browser: Browser, site: Site) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(site.url("themes/preschool/compare/?d=haidian,dongcheng,huairou"))
    page.wait_for_selector(".compare.is-interactive")
    assert visible_cells(page) == ["haidian"]
    tabs = page.locator(".compare-tabs [role=tab]:visible")
    assert tabs.evaluate_all("els => els.map(e => e.textContent.trim())") == ["海淀", "东城", "怀柔"]
    assert page.locator(".compare-tabs [aria-selected=true]").inner_text() == "海淀"
    # scroll to the 保教质量 row, switch to 怀柔: the same row stays at the top of the screen
    row = page.locator("tbody#quality tr:not(.is-hidden)").first
    row.scroll_into_view_if_needed()
    page.evaluate("() => window.scrollBy(0, document.querySelector('tbody#quality').getBoundingClientRect().top - 200)")
    before = page.evaluate("() => document.querySelector('tbody#quality').getBoundingClientRect().top")
    # a real tap on the sticky tab (page.click would first scroll the tab's place in the flow into view)
    box = page.locator(".compare-tabs [data-plan=huairou]").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert visible_cells(page) == ["huairou"]
    after = page.evaluate("() => document.querySelector('tbody#quality').getBoundingClientRect().top")
    assert abs(after - before) < 80, (before, after)
    assert page.locator("td[data-plan=huairou].is-current .xref-entry").first.is_visible()
    # the page does not scroll sideways
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert errors == []
    ctx.close()


def test_the_pair_overview_links_to_compare_views_with_the_two_districts(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("compare/?d=haidian,dongcheng"))
    page.wait_for_selector(".pairs.is-interactive")
    shown = page.eval_on_selector_all(
        ".pairs-table thead th[data-plan]", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.plan)"
    )
    assert shown == ["haidian", "dongcheng"]
    assert page.input_value("select[name=a]") == "haidian" and page.input_value("select[name=b]") == "dongcheng"
    page.select_option("select[name=b]", "jingkai")
    assert page.url.endswith("compare/?d=haidian,jingkai")
    link = page.locator("a.pairs-link[data-topic=preschool]")
    assert link.get_attribute("href").endswith("themes/preschool/compare/?d=haidian,jingkai")
    link.click()
    page.wait_for_selector(".compare.is-interactive")
    assert visible_columns(page) == ["haidian", "jingkai"]
    watch.assert_clean()


def test_copying_the_citation_in_a_cell_gives_the_plan_passage_citation(page: Page, site: Site, watch: Watch) -> None:
    page.clock.set_fixed_time(FIXED_NOW)
    open_compare(page, site, "?d=huairou,haidian")
    cell = page.locator("td[data-plan=huairou] [id='huairou-s3-3-1-p1']")
    assert cell.count() == 1
    from_cell = {fmt: copy_citation(page, "huairou-s3-3-1-p1", fmt) for fmt in ("line", "gbt")}
    page.goto(site.url("plans/huairou/"))
    from_plan = {fmt: copy_citation(page, "s3-3-1-p1", fmt) for fmt in ("line", "gbt")}
    assert from_cell == from_plan
    assert from_cell["line"].endswith(f"，{site.url('plans/huairou/')}#s3-3-1-p1")
    watch.assert_clean()


def test_printing_gives_the_chosen_columns_without_controls(page: Page, site: Site, watch: Watch) -> None:
    open_compare(page, site, "?d=haidian,dongcheng")
    page.emulate_media(media="print")
    assert visible_columns(page) == ["haidian", "dongcheng"]
    for selector in (".compare-controls", ".compare-tabs", ".md-header", ".md-sidebar--primary", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    # the whole table is printed, not a scrolling box
    assert page.evaluate("() => getComputedStyle(document.querySelector('.compare-scroll')).overflowY") == "visible"
    watch.assert_clean()
