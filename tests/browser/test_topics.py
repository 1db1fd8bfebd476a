"""Nineteen topics in the browser: the grouped topic index, a new topic page, the folded chips on
plan pages and the home overview, at 1280 px and at 390 px (a phone)."""

from __future__ import annotations

import pytest
from browser_helpers import Site, Watch
from playwright.sync_api import Browser, Page

from generator import PROJECT_ROOT
from generator.crossref.themes import load_themes

pytestmark = pytest.mark.browser

TOPICS = load_themes(PROJECT_ROOT / "topics")
GROUPS = [(g.slug, g.title, [t.title for t in members]) for g, members in TOPICS.by_group()]


def fits_the_screen(page: Page) -> bool:
    """Nothing makes the page itself scroll sideways (a wide table may scroll inside its own box)."""
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_topic_index_lists_every_topic_under_its_group(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/"))
    for slug, title, titles in GROUPS:
        heading = page.locator(f"article h2#{slug}")
        assert heading.evaluate("e => e.firstChild.textContent.trim()") == title
        table = page.locator(f"article h2#{slug} + .md-typeset__scrollwrap table, article h2#{slug} ~ div table").first
        assert table.locator("tbody td:first-child a.topic-title").all_inner_texts() == titles
    # each row: title, scope line, a count per district and a link to the compare view
    row = page.locator("article table tbody tr", has=page.locator("a.topic-title", has_text="职业教育"))
    assert row.locator(".topic-scope").inner_text() == TOPICS.get("vocational").scope
    assert row.locator("td").count() == 1 + 5 + 1
    assert row.locator("a", has_text="分区对照").get_attribute("href") == "vocational/compare/"
    # the nav groups the topics the same way
    sections = page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('nav.md-nav--primary li.md-nav__item--nested'))
            .map(li => [li.querySelector(':scope > label, :scope > .md-nav__container > a, :scope > a')?.textContent.trim(),
                        Array.from(li.querySelectorAll(':scope > nav a.md-nav__link')).map(a => a.textContent.trim())]))"""
    )
    for _, title, titles in GROUPS:
        assert sections[title] == titles
    watch.assert_clean()


def test_topic_index_shows_every_column_at_desktop_width(page: Page, site: Site, watch: Watch) -> None:
    """At 1280 px no topic table scrolls sideways: the five counts and the 分区对照 link are in view,
    each header and link on one line."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site.url("themes/"))
    tables = page.evaluate(
        """() => [...document.querySelectorAll('article table')].filter(t => t.querySelector('.topic-title')).map(t => {
            const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
            const lines = el => { const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length; };
            const oneLine = [...t.querySelectorAll('thead th'), ...t.querySelectorAll('td:last-child a')];
            return {overflow: box.scrollWidth - box.clientWidth, wrapped: oneLine.filter(el => lines(el) > 1).length};
        })"""
    )
    assert len(tables) == 4
    assert tables == [{"overflow": 0, "wrapped": 0}] * 4
    watch.assert_clean()


def test_a_new_topic_page_has_what_the_first_four_have(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url("themes/vocational/"))
    ids = page.eval_on_selector_all("article h2[id]", "els => els.map(e => e.id)")
    subtopics = [s.slug for s in TOPICS.get("vocational").subtopics]
    assert ids[:3] == ["matrix", "main-sections", "indicators"]
    assert set(subtopics) <= set(ids)
    # the matrix links into the district sections of each sub-topic
    first = page.locator("#matrix ~ div table a[href^='#']").first
    target = first.get_attribute("href")
    assert page.locator(f"article [id='{target[1:]}']").count() == 1
    # entries: highlighted terms, a permalink into a plan, similar passages in other districts
    entry = page.locator(".xref-entry").first
    assert entry.locator("mark").count() >= 1
    assert "/plans/" in entry.locator("a").first.get_attribute("href")
    assert page.locator(".xref-similar a").count() >= 1
    assert page.locator("a.xref-compare-link").get_attribute("href") == "compare/"
    watch.assert_clean()


def test_chips_fold_after_three_and_every_chip_links_to_its_entry(page: Page, site: Site, watch: Watch) -> None:
    """The five plans rarely give a passage more than three topics, so the folded markup the
    generator writes (tests/test_crossref_passages.py pins it) is made here from a real passage's
    chips: five real links, the last two marked extra, and the button — then topics.js and
    topics.css must fold, unfold and follow them."""
    page.goto(site.url("plans/haidian/"))
    page.evaluate(
        """() => {
            const span = document.querySelector('#s4-4-p2 .theme-chips');
            const chip = span.querySelector('a.theme-chip');
            while (span.querySelectorAll('a.theme-chip').length < 5) span.appendChild(chip.cloneNode(true));
            span.querySelectorAll('a.theme-chip').forEach((c, i) => { if (i >= 3) c.classList.add('theme-chip--extra'); });
            span.insertAdjacentHTML('beforeend', '<button type="button" class="theme-chips-more" aria-expanded="false">+2</button>');
        }"""
    )
    folded = page.locator("#s4-4-p2 .theme-chips")
    assert folded.locator("a.theme-chip:visible").count() == 3
    extra = folded.locator("a.theme-chip--extra")
    assert not extra.first.is_visible()
    button = folded.locator(".theme-chips-more")
    button.click()
    assert button.get_attribute("aria-expanded") == "true" and button.inner_text() == "收起"
    assert extra.first.is_visible() and extra.first.evaluate("e => e === document.activeElement")
    button.click()
    assert button.get_attribute("aria-expanded") == "false" and button.inner_text() == "+2"
    assert not extra.first.is_visible()
    button.click()
    href = extra.last.get_attribute("href")
    extra.last.click()
    page.wait_for_url("**/themes/preschool/#haidian-s4-4-p2")
    assert href.endswith("themes/preschool/#haidian-s4-4-p2")
    assert page.locator("[id='haidian-s4-4-p2']").is_visible()
    watch.assert_clean()


def test_without_the_script_every_chip_shows_and_the_button_does_not(page: Page, site: Site) -> None:
    """The CSS folds chips only under html.js (Material's marker that scripts run)."""
    page.goto(site.url("plans/haidian/"))
    page.evaluate(
        """() => {
            const span = document.querySelector('#s4-4-p2 .theme-chips');
            const chip = span.querySelector('a.theme-chip').cloneNode(true);
            chip.classList.add('theme-chip--extra');
            span.appendChild(chip);
            span.insertAdjacentHTML('beforeend', '<button type="button" class="theme-chips-more">+1</button>');
            document.documentElement.classList.replace('js', 'no-js');
        }"""
    )
    assert page.locator("#s4-4-p2 a.theme-chip--extra").is_visible()
    assert not page.locator("#s4-4-p2 .theme-chips-more").is_visible()


@pytest.mark.parametrize("width", [1280, 390])
def test_home_overview_covers_every_topic_and_district_and_fits(browser: Browser, site: Site, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN")
    page = ctx.new_page()
    page.goto(site.url(""))
    table = page.locator("table.coverage")
    assert table.locator("thead th").all_inner_texts() == ["专题", "东城", "海淀", "怀柔", "经开区", "门头沟"]
    assert table.locator("tr.coverage-group th").all_inner_texts() == [title for _, title, _ in GROUPS]
    assert table.locator("tbody th[scope=row]").all_inner_texts() == [t for _, _, titles in GROUPS for t in titles]
    assert table.locator("tbody td.cov").count() == 19 * 5
    # the whole table is on screen without sideways scrolling, even on a phone
    box = table.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert fits_the_screen(page)
    ctx.close()
