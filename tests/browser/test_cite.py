"""Citing: 复制引用 copies the documented one-line citation; permalinks land on and mark their target.

Citation format (docs/assets/javascripts/cite.js):
  <district>，《<plan title>》[（标题为编者所加）]，<section number path and title>，<page URL>#<id>
"""

from __future__ import annotations

import pytest
from browser_helpers import Site, Watch
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

HAIDIAN = "海淀区，《海淀区“十四五”时期教育改革和发展规划》"


def copy_citation(page: Page, element_id: str) -> str:
    """Hover the heading or passage, click its 复制引用 button and read the clipboard."""
    target = page.locator(f"[id='{element_id}']")
    target.scroll_into_view_if_needed()
    target.hover()
    button = page.locator(f"[id='{element_id}'] .cite-button").first
    assert button.inner_text() == "复制引用"
    button.click()
    page.wait_for_function("b => b.textContent === '已复制'", arg=button.element_handle())
    return page.evaluate("() => navigator.clipboard.readText()")


@pytest.mark.parametrize(
    ("slug", "element_id", "expected"),
    [
        ("haidian", "s4-4", HAIDIAN + "，四、（四）学前教育普及普惠安全优质发展"),
        ("haidian", "s4-4-p2", HAIDIAN + "，四、（四）学前教育普及普惠安全优质发展"),
        ("haidian", "b1-p2", HAIDIAN + "，三、表1 海淀教育发展“十四五”规划主要指标"),
        ("dongcheng", "s3-1-4", "东城区，《东城区“十四五”时期教育事业发展规划》，三、（一）4.落实国家“双减”部署，大力发展素质教育"),
        (
            "jingkai",
            "s0-p1",
            "北京经济技术开发区，《北京经济技术开发区“十四五”时期教育发展规划》（标题为编者所加），序言：建设北京经济技术开发区高质量教育体系",
        ),
    ],
)
def test_copy_citation_copies_one_line(page: Page, site: Site, watch: Watch, slug: str, element_id: str, expected: str) -> None:
    page.goto(site.url(f"plans/{slug}/"))
    text = copy_citation(page, element_id)
    assert text == f"{expected}，{site.url(f'plans/{slug}/')}#{element_id}"
    assert "\n" not in text
    watch.assert_clean()


def test_citation_under_the_sub_path_uses_the_published_address(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/haidian/", subpath=True))
    text = copy_citation(page, "s4-4-p1")
    assert text == f"{HAIDIAN}，四、（四）学前教育普及普惠安全优质发展，{site.url('plans/haidian/', subpath=True)}#s4-4-p1"
    watch.assert_clean()


def test_every_heading_and_passage_has_exactly_one_citation_button(page: Page, site: Site) -> None:
    page.goto(site.url("plans/huairou/"))
    counts = page.evaluate(
        """() => {
          const targets = [...document.querySelectorAll(
            'article h2[id], article h3[id], article h4[id], article h5[id], article .passage[id]')];
          const buttons = el => (el.tagName === 'TR' ? el.lastElementChild : el).querySelectorAll(':scope > .cite-button').length;
          return {targets: targets.length, wrong: targets.filter(el => buttons(el) !== 1).map(el => el.id),
                  buttons: document.querySelectorAll('article .cite-button').length};
        }"""
    )
    assert counts["targets"] > 100
    assert counts["wrong"] == []
    assert counts["buttons"] == counts["targets"]


def in_viewport(page: Page, element_id: str) -> bool:
    return page.evaluate(
        """id => { const r = document.getElementById(id).getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight && r.height > 0; }""",
        element_id,
    )


def test_opening_a_permalink_marks_and_shows_the_target(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/haidian/#s4-4-p2"))
    target = page.locator("[id='s4-4-p2']")
    assert "cite-target" in (target.get_attribute("class") or "")
    assert in_viewport(page, "s4-4-p2")
    assert target.evaluate("el => getComputedStyle(el).backgroundColor") not in ("rgba(0, 0, 0, 0)", "transparent")
    # following another permalink inside the page moves the mark
    other = page.locator("[id='s4-4-p3']")
    other.hover()
    other.locator(".passage-permalink").click()
    page.wait_for_function("() => document.getElementById('s4-4-p3').classList.contains('cite-target')")
    assert "cite-target" not in (target.get_attribute("class") or "")
    assert page.locator(".cite-target").count() == 1
    watch.assert_clean()


def test_theme_page_passage_link_lands_on_the_passage(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/preschool/"))
    link = page.locator(".xref-entry > a[href*='/plans/'][href*='#']").first
    href = link.get_attribute("href") or ""
    slug = href.split("/plans/", 1)[1].split("/", 1)[0]
    anchor = href.split("#", 1)[1]
    entry_text = page.locator(".xref-entry").first.inner_text()
    link.click()
    page.wait_for_url(site.url(f"plans/{slug}/#{anchor}"))
    target = page.locator(f"[id='{anchor}']")
    assert target.count() == 1
    assert "passage" in (target.get_attribute("class") or "")
    assert "cite-target" in (target.get_attribute("class") or "")
    assert in_viewport(page, anchor)
    # the theme page quotes the passage it links to
    quoted = entry_text.split("：", 1)[1][:20]
    assert quoted in target.inner_text()
    watch.assert_clean()


def test_theme_chip_on_a_plan_page_leads_back_to_the_theme_entry(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/haidian/#s4-4-p2"))
    chip = page.locator("[id='s4-4-p2'] .theme-chip", has_text="学前教育")
    href = chip.get_attribute("href") or ""
    chip.click()
    page.wait_for_url(lambda url: "/themes/preschool/#" in url)
    anchor = href.split("#", 1)[1]
    assert page.locator(f"[id='{anchor}']").count() == 1
    assert in_viewport(page, anchor)
    watch.assert_clean()


def test_theme_page_heading_citation_names_site_page_and_heading_path(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/preschool/"))
    text = copy_citation(page, "supply-haidian")
    assert text == f"北京各区“十四五”教育规划对照，学前教育，学位供给与布局 · 海淀，{site.url('themes/preschool/')}#supply-haidian"
    watch.assert_clean()
