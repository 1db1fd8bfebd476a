"""Pages load cleanly: no console error, no failed request, nothing sent to another host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_helpers import Site, Watch
from bs4 import BeautifulSoup
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = [
    ("", "北京各区“十四五”教育规划对照"),
    ("plans/haidian/", "海淀区“十四五”时期教育改革和发展规划"),
    ("plans/jingkai/", "北京经济技术开发区“十四五”时期教育发展规划"),
    ("themes/preschool/", "学前教育"),
    ("about/", "关于本站"),
]


@pytest.mark.parametrize(("path", "h1"), PAGES)
def test_page_loads_without_errors_or_third_party_requests(page: Page, site: Site, watch: Watch, path: str, h1: str) -> None:
    response = page.goto(site.url(path))
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert h1 in page.locator("article h1").first.inner_text()
    watch.assert_clean()


def test_plan_page_shows_metadata_block_from_the_registry(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("plans/huairou/"))
    meta = page.locator(".plan-meta")
    assert meta.locator("dt").all_inner_texts() == ["行政区", "印发机关", "文号", "日期", "原始文本", "引用格式"]
    assert meta.locator("dd").all_inner_texts()[:4] == ["怀柔区", "北京市怀柔区人民政府", "怀政发〔2021〕32号", "2021年11月"]
    assert meta.locator("dd").nth(4).inner_text().startswith("corpus/raw/huairou.txt：PDF 导出")
    # the block sits right under the title, before the text of the plan
    assert page.evaluate("() => document.querySelector('article h1').nextElementSibling.classList.contains('plan-meta')")
    page.goto(site.url("plans/jingkai/"))
    assert page.locator(".plan-meta dd").all_inner_texts()[:5] == [
        "北京经济技术开发区", "—", "—", "—", "原文没有标题行，本页标题为编者所加",
    ]
    watch.assert_clean()


def test_text_renders_in_a_cjk_font(page: Page, site: Site) -> None:
    """The glyphs of the title come from a CJK font installed on the machine (no web font, no tofu)."""
    page.goto(site.url(""))
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument")
    node = cdp.send("DOM.querySelector", {"nodeId": document["root"]["nodeId"], "selector": "article h1"})
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    families = {f["familyName"] for f in fonts}
    assert any("CJK" in name or "Hei" in name or "Han" in name for name in families), families


def test_no_built_page_refers_to_another_host_for_scripts_styles_fonts_or_images(site: Site) -> None:
    """Static check over every built page, including those no browser test opens."""
    offenders = []
    for html_file in sorted(Path(site.root).rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for el in soup.find_all(tag):
                value = el.get(attr) or ""
                if tag == "link" and not {"stylesheet", "preconnect", "preload", "icon", "modulepreload"} & set(el.get("rel", [])):
                    continue
                if re.match(r"^(https?:)?//", value):
                    offenders.append(f"{html_file.relative_to(site.root)}: <{tag} {attr}={value}>")
        for style in soup.find_all("style"):
            if re.search(r"@import|url\((['\"]?)(https?:)?//", style.get_text()):
                offenders.append(f"{html_file.relative_to(site.root)}: <style> loads a remote resource")
    assert offenders == []


def test_404_page_under_the_sub_path_is_styled_and_in_chinese(page: Page, site: Site, watch: Watch) -> None:
    response = page.goto(site.url("no-such-page/", subpath=True))
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == "页面不存在（404）"
    # the stylesheet loaded (absolute /beijing-edu-plans/ paths): the header has Material's layout
    assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    # Chromium logs the document's own 404 status as a console error; nothing else may fail
    assert watch.console_errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    watch.console_errors.clear()
    page.click("text=返回首页")
    page.wait_for_url(site.url("", subpath=True))
    watch.assert_clean()


def test_site_works_under_a_sub_path(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("", subpath=True))
    page.click(".md-tabs >> text=规划原文")
    page.wait_for_url(re.compile(re.escape(site.url("plans/", subpath=True)) + ".+"))
    page.click(".md-nav >> text=海淀区“十四五”时期教育改革和发展规划")
    page.wait_for_url(site.url("plans/haidian/", subpath=True))
    assert page.locator(".plan-meta dd").first.inner_text() == "海淀区"
    page.goto(site.url("themes/preschool/", subpath=True))
    page.wait_for_load_state("networkidle")
    watch.assert_clean()
