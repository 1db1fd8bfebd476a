"""Screenshots of the home page, a theme page and a search for 普惠, rendered with CJK fonts.

Always written to test-artifacts/screenshots/ (for people to look at); with
``SCREENSHOTS_DIR=docs/assets/screenshots`` (``make screenshots``) they also refresh the images the
README shows. Each asserts that the Chinese text of the shot is drawn with a CJK font installed on
the machine (Chromium reports the platform fonts it used), i.e. no tofu boxes and no web font.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from browser_helpers import ROOT, Site, Watch, open_search
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

SHOTS = ROOT / "test-artifacts" / "screenshots"


def platform_fonts(page: Page, selector: str) -> set[str]:
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1, "pierce": False})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {f["familyName"] for f in fonts}


def assert_cjk_font(page: Page, selector: str) -> None:
    families = platform_fonts(page, selector)
    assert any(word in name for name in families for word in ("CJK", "Hei", "Han", "Song", "Ming")), families


def save(page: Page, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path))
    assert path.stat().st_size > 20_000  # a real picture, not a blank page
    target = os.environ.get("SCREENSHOTS_DIR")
    if target:
        Path(ROOT / target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, ROOT / target / name)
    return path


def test_home_page_screenshot(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    page.wait_for_load_state("networkidle")
    assert_cjk_font(page, "article h1")
    assert_cjk_font(page, "article table.coverage th")  # 区: a direct text child
    save(page, "home.png")
    watch.assert_clean()


def test_theme_page_screenshot(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/preschool/"))
    page.wait_for_load_state("networkidle")
    assert_cjk_font(page, "article h1")
    save(page, "theme-preschool.png")
    watch.assert_clean()


def test_search_screenshot(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    open_search(page, "普惠")
    page.eval_on_selector(".md-search__scrollwrap", "el => el.scrollTo(0, 0)")
    assert_cjk_font(page, ".md-search-result__item h2")
    assert page.locator(".md-search-result mark", has_text="普惠").count() > 0
    save(page, "search-puhui.png")
    watch.assert_clean()


def test_topic_index_and_compare_screenshots(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/"))
    page.wait_for_load_state("networkidle")
    assert_cjk_font(page, "article h1")
    save(page, "topics-index.png")
    page.goto(site.url("themes/preschool/compare/?d=haidian,dongcheng"))
    page.wait_for_load_state("networkidle")
    page.evaluate("() => document.querySelector('tbody#inclusive').scrollIntoView()")
    assert_cjk_font(page, "tbody#inclusive td .xref-entry > a")
    save(page, "compare-preschool.png")
    watch.assert_clean()


@pytest.mark.parametrize("name", ["home", "compare"])
def test_phone_screenshots(browser, site: Site, name: str) -> None:
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True, device_scale_factor=2)
    page = ctx.new_page()
    if name == "home":
        page.goto(site.url(""))
        page.evaluate("() => document.querySelector('#coverage').scrollIntoView()")
        assert_cjk_font(page, "table.coverage tbody th")
    else:
        page.goto(site.url("themes/preschool/compare/?d=haidian,dongcheng,huairou"))
        page.wait_for_selector(".compare.is-interactive")
        page.evaluate("() => window.scrollBy(0, document.querySelector('tbody#quality').getBoundingClientRect().top - 110)")
        assert_cjk_font(page, "td.is-current .xref-entry > a")
    save(page, f"{name}-390.png")
    ctx.close()
