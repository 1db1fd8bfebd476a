"""Citing: 复制引用 opens a panel whose buttons copy the one-line citation or GB/T 7714; permalinks land on
and mark their target; topic-page entries cite the passage they link to, exactly as its plan page does.

One-line format (docs/assets/javascripts/cite.js):
  <district>，《<plan title>》[（标题为编者所加）]，<section number path and title>，<page URL>#<id>
GB/T 7714—2015 (generator/site/citation.py, access date = the day of copying):
  [<issuer>. ]<title>[: <doc number>][EB/OL]. [(<date>)][<accessed>]. <URL>#<id>.
"""

from __future__ import annotations

import pytest
from browser_helpers import FIXED_NOW, Site, Watch, copy_citation
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

HAIDIAN = "海淀区，《海淀区“十四五”时期教育改革和发展规划》"


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
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(site.url("themes/preschool/"))
    text = copy_citation(page, "supply-haidian")
    url = f"{site.url('themes/preschool/')}#supply-haidian"
    assert text == f"北京各区“十四五”教育规划对照，学前教育，学位供给与布局 · 海淀，{url}"
    # GB/T for a page of this site: the site as responsible party, the page title, the heading path
    gbt = copy_citation(page, "supply-haidian", "gbt")
    assert gbt == f"北京各区“十四五”教育规划对照. 学前教育: 学位供给与布局 · 海淀[EB/OL]. [2026-12-01]. {url}."
    watch.assert_clean()


@pytest.mark.parametrize(
    ("slug", "element_id", "line", "gbt"),
    [
        (
            "huairou",
            "s3-3-1-p1",
            "怀柔区，《“十四五”时期怀柔区教育事业发展行动计划》，三、（三）1. 推动学前教育普及普惠优质发展。，{url}",
            "北京市怀柔区人民政府. “十四五”时期怀柔区教育事业发展行动计划: 怀政发〔2021〕32号[EB/OL]. (2021-11)[2026-12-01]. {url}.",
        ),
        (
            "dongcheng",
            "s3-1-4",
            "东城区，《东城区“十四五”时期教育事业发展规划》，三、（一）4.落实国家“双减”部署，大力发展素质教育，{url}",
            "东城区“十四五”时期教育事业发展规划[EB/OL]. [2026-12-01]. {url}.",
        ),
    ],
    ids=["huairou", "dongcheng"],
)
def test_each_format_copies_its_exact_text(page: Page, site: Site, watch: Watch, slug: str, element_id: str, line: str, gbt: str) -> None:
    """One plan with issuer, document number and date (huairou), one with none of them (dongcheng)."""
    page.clock.set_fixed_time(FIXED_NOW)
    page.goto(site.url(f"plans/{slug}/"))
    url = f"{site.url(f'plans/{slug}/')}#{element_id}"
    assert copy_citation(page, element_id, "line") == line.format(url=url)
    assert copy_citation(page, element_id, "gbt") == gbt.format(url=url)
    watch.assert_clean()


def test_plan_metadata_block_downloads_the_plans_bibtex_and_ris(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/huairou/"))
    row = page.locator(".plan-meta div", has=page.locator("dt", has_text="引用格式"))
    for name, kind in (("BibTeX", "bib"), ("RIS", "ris")):
        link = row.locator("a", has_text=name)
        assert link.get_attribute("download") == f"huairou.{kind}"
        with page.expect_download() as info:
            link.click()
        path = info.value.path()
        assert path is not None
        assert path.read_bytes() == (site.root / "data" / "cite" / f"huairou.{kind}").read_bytes()
    bib = (site.root / "data" / "cite" / "huairou.bib").read_text(encoding="utf-8")
    assert bib.startswith("@misc{huairou2021,\n  author    = {{北京市怀柔区人民政府}},")
    watch.assert_clean()


def test_topic_entry_cites_its_passage_exactly_as_the_plan_page_does(page: Page, site: Site, watch: Watch) -> None:
    """The entry's first link decides plan and passage; the plan's data is fetched once, on first use."""
    page.clock.set_fixed_time(FIXED_NOW)
    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url) if "/data/cite/" in req.url else None)
    page.goto(site.url("themes/preschool/"))
    assert requests == []  # nothing fetched until a reader opens 复制引用
    entry = page.locator(".xref-entry[id='huairou-s3-3-1-p1']")
    assert entry.locator("a").first.get_attribute("href") == "../../plans/huairou/#s3-3-1-p1"
    from_topic = {fmt: copy_citation(page, "huairou-s3-3-1-p1", fmt) for fmt in ("line", "gbt")}
    assert requests == [site.url("data/cite/huairou.json")]
    page.goto(site.url("plans/huairou/"))
    from_plan = {fmt: copy_citation(page, "s3-3-1-p1", fmt) for fmt in ("line", "gbt")}
    assert from_topic == from_plan
    assert from_topic["line"].endswith(f"，{site.url('plans/huairou/')}#s3-3-1-p1")
    watch.assert_clean()


def test_every_topic_entry_has_a_citation_button_for_its_plan_passage(page: Page, site: Site) -> None:
    page.goto(site.url("themes/teachers/"))
    counts = page.evaluate(
        """() => {
          const entries = [...document.querySelectorAll('article .xref-entry, article .xref-group')];
          return {entries: entries.length,
                  without: entries.filter(e => e.querySelectorAll(':scope > .cite-button').length !== 1).map(e => e.id)};
        }"""
    )
    assert counts["entries"] > 50
    assert counts["without"] == []

