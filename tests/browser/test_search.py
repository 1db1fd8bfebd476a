"""Chinese search: the header search (Pagefind, jieba-segmented sections) finds every plan with the term.

The expected plans are computed from the text of docs/plans/*.md, so the tests follow the plans
as contributors edit them; each result link must point at a section that contains the term.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from browser_helpers import ROOT, SUBPATH, Site, Watch, open_search, plan_slugs, plans_containing, section_texts
from playwright.sync_api import Page

from generator.site import search

pytestmark = pytest.mark.browser

TERMS = ["普惠", "中小学生", "智慧校园", "双减", "集团化办学"]
#: the 48 common query words of tests/site/test_search_recall.py
SEARCH_WORDS = [
    word
    for line in (ROOT / "tests" / "data" / "search_words.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
]
_PLAN_URL_RE = re.compile(r"/plans/([a-z0-9-]+)/$")


def test_expected_sets_are_not_trivial() -> None:
    """Guard for the test below: the terms occur in several plans, and not every term in all."""
    found = {term: plans_containing(term) for term in TERMS}
    assert all(len(plans) >= 4 for plans in found.values()), found
    assert len(plan_slugs()) == 5


def test_nothing_is_downloaded_for_search_until_the_reader_opens_it(page: Page, site: Site, watch: Watch) -> None:
    """Material's worker and index are never loaded; Pagefind's script, index and fragments only once
    the search box is used, all from the site's own origin (the page is under the sub-path)."""
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.url("plans/haidian/", subpath=True))
    page.wait_for_load_state("networkidle")
    assert [url for url in fetched if "pagefind" in url or "search_index" in url or "/workers/" in url] == []
    assert not (site.root / "search" / "search_index.json").exists()
    links = open_search(page, "双减")
    assert links
    loaded = [url for url in fetched if "/pagefind/" in url]
    assert any(url.endswith("/pagefind/pagefind.js") for url in loaded)
    assert any(".pf_fragment" in url for url in loaded)
    assert all(url.startswith(site.url("pagefind/", subpath=True)) for url in loaded), loaded
    assert all(urlsplit(link).path.startswith(SUBPATH) for link in links)
    watch.assert_clean()


#: Pagefind result URLs (document paths, generator.site.search.document_path) and the locations they
#: stand for, with use_directory_urls on and off
RESULT_URLS = [
    "/plans/haidian/s4-4.html",
    "/plans/haidian/",
    "/",
    "/coverage.html",
    "/about/performance/%E7%BB%93%E8%AE%BA.html",
    "/plans/haidian.html/s4-4.html",
    "/plans/haidian.html/",
    "/index.html/",
]


def test_the_browser_reads_a_result_url_as_the_indexer_wrote_it(page: Page, site: Site, watch: Watch) -> None:
    """search.js's locationOf is the inverse of the indexer's document_path, as location_from_url is."""
    page.goto(site.url(""))
    page.wait_for_function("() => window.planSearch")
    found = page.evaluate("urls => urls.map(u => window.planSearch.locationOf(u))", RESULT_URLS)
    assert found == [search.location_from_url(url) for url in RESULT_URLS]
    assert found[5:] == ["plans/haidian.html#s4-4", "plans/haidian.html", "index.html"]
    watch.assert_clean()


def test_a_result_shows_its_page_and_an_excerpt_with_the_term_highlighted(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    open_search(page, "普惠")
    for item in page.locator("li.md-search-result__item").all()[:10]:
        page_title = item.locator(".plan-search-result__page")
        assert page_title.count() == 0 or page_title.inner_text().strip()
        assert item.locator("mark", has_text="普惠").count() >= 1
        assert "\u200a" not in item.inner_text() and "\u200b" not in item.inner_text()
    plan_item = page.locator("li.md-search-result__item", has=page.locator("a[href*='/plans/']")).first
    assert "规划" in plan_item.locator(".plan-search-result__page").inner_text()
    watch.assert_clean()


@pytest.mark.parametrize("term", TERMS)
def test_search_finds_every_plan_containing_the_term_in_the_right_section(page: Page, site: Site, watch: Watch, term: str) -> None:
    page.goto(site.url(""))
    links = open_search(page, term)
    by_plan: dict[str, set[str]] = {}
    for link in links:
        parts = urlsplit(link)
        match = _PLAN_URL_RE.search(parts.path)
        if match:
            by_plan.setdefault(match.group(1), set()).add(unquote(parts.fragment))
    assert set(by_plan) == plans_containing(term)
    for slug, anchors in by_plan.items():
        sections = section_texts((site.root / "plans" / slug / "index.html").read_text(encoding="utf-8"))
        pointed = anchors - {""}
        assert pointed, f"{slug}: no result points into a section"
        for anchor in pointed:
            assert term in sections[anchor], f"{slug}#{anchor} does not contain {term}"
    watch.assert_clean()


def test_search_result_opens_the_section_and_highlights_the_term(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    open_search(page, "集团化办学")
    first = page.locator("a.md-search-result__link[href*='/plans/'][href*='#']").first
    href = first.get_attribute("href") or first.evaluate("el => el.href")
    first.click()
    page.wait_for_url(re.compile(r".*/plans/.*#.+"))
    anchor = unquote(urlsplit(page.url).fragment)
    assert page.evaluate(f"() => document.getElementById({json.dumps(anchor)}) !== null"), href
    # the result link carries ?h=<query>: search.js marks the term on the page that was opened
    assert page.locator("article mark", has_text="集团化办学").count() >= 1
    watch.assert_clean()


@pytest.mark.parametrize("term", ["幼儿园", "小学"])
def test_a_word_inside_longer_tokens_finds_every_section_containing_it(page: Page, site: Site, watch: Watch, term: str) -> None:
    """幼儿园 is inside the token 普惠性幼儿园 and 小学 inside 中小学 in some sections: the hidden
    ``parts`` field of the index (overrides/hooks/search_index.py) makes the browser find them."""
    expected = set()
    for slug in plan_slugs():
        sections = section_texts((site.root / "plans" / slug / "index.html").read_text(encoding="utf-8"))
        expected |= {(slug, anchor) for anchor, text in sections.items() if anchor and term in text}
    page.goto(site.url(""))
    found = set()
    for link in open_search(page, term):
        parts = urlsplit(link)
        match = _PLAN_URL_RE.search(parts.path)
        if match and parts.fragment:
            found.add((match.group(1), unquote(parts.fragment)))
    assert found == expected
    watch.assert_clean()


def test_pagefind_finds_exactly_the_sections_containing_each_common_word(page: Page, site: Site, watch: Watch) -> None:
    """The 48 words of tests/site/test_search_recall.py through the real engine in the browser:
    a section is found if and only if the word is written in it inside one jieba token (title or text)."""
    fragments = {fragment.id: fragment for fragment in search.read_fragments(site.root / search.OUTPUT_DIR)}
    page.goto(site.url(""))
    page.click("input.md-search__input")
    page.wait_for_function("() => document.querySelector('.md-search-result__meta')?.textContent.trim() === '键入以开始搜索'")
    found_ids = page.evaluate(
        """async words => {
          const pagefind = await import(new URL(document.querySelector('[data-plan-search]').dataset.pagefind, location.href).href);
          const found = {};
          for (const word of words) found[word] = (await pagefind.search(word)).results.map(r => r.id);
          return found;
        }""",
        SEARCH_WORDS,
    )
    for word in SEARCH_WORDS:
        expected = {
            f.location for f in fragments.values()
            if word in "\n".join(f.title.split(search.WORD_SEPARATOR)) or word in "\n".join(f.text.split())
        }
        assert expected, word
        assert {fragments[i].location for i in found_ids[word]} == expected, word
    watch.assert_clean()
