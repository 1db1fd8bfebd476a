"""Chinese search: jieba-segmented index, and the header search finds every plan with the term.

The expected plans are computed from the text of docs/plans/*.md, so the tests follow the plans
as contributors edit them; each result link must point at a section that contains the term.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote, urlsplit

import pytest
from browser_helpers import Site, Watch, open_search, plan_slugs, plans_containing, section_texts
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

TERMS = ["普惠", "中小学生", "智慧校园", "双减", "集团化办学"]
_PLAN_URL_RE = re.compile(r"/plans/([a-z0-9-]+)/$")


def test_expected_sets_are_not_trivial() -> None:
    """Guard for the test below: the terms occur in several plans, and not every term in all."""
    found = {term: plans_containing(term) for term in TERMS}
    assert all(len(plans) >= 4 for plans in found.values()), found
    assert len(plan_slugs()) == 5


def test_search_index_is_segmented_by_jieba_with_zero_width_spaces(site: Site) -> None:
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = index["config"]["separator"]
    assert "\\u200b" in separator
    assert index["config"]["lang"] == ["zh"]
    pattern = re.compile(separator)  # Python's re reads the \\uXXXX escapes like JavaScript does
    assert pattern.fullmatch("\u200b")
    assert pattern.fullmatch("\u3400")  # the end-of-word marker of search-zh.js never joins a term
    plan_docs = [doc for doc in index["docs"] if doc["location"].startswith("plans/")]
    assert plan_docs
    text = "".join(doc["text"] for doc in plan_docs)
    assert "\u200b" in text
    # passage ¶ links and theme chips are page furniture, kept out of the index (overrides/hooks)
    assert "¶" not in text
    indexed = next(doc for doc in plan_docs if doc["location"] == "plans/haidian/#s4-4")["text"]
    shown = section_texts((site.root / "plans" / "haidian" / "index.html").read_text(encoding="utf-8"))["s4-4"]
    squash = lambda s: re.sub(r"<[^>]+>|[\s\u200b]", "", s)  # noqa: E731
    assert squash(indexed) == squash(shown).removeprefix("（四）学前教育普及普惠安全优质发展")
    tokens = set(pattern.split(text))
    # policy vocabulary kept whole (user dictionary) so a query for the whole word matches a token
    for term in ["中小学生", "智慧校园", "双减", "集团化办学"]:
        assert term in tokens, term
    # 普惠 is matched as a word or as the start of one (普惠性): Material searches by prefix
    assert any(token.startswith("普惠") for token in tokens)


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


def test_query_marker_is_added_to_han_runs_only(page: Page, site: Site) -> None:
    page.goto(site.url(""))
    fix = "q => window.planSearch.fixQuery(q)"
    assert page.evaluate(fix, "集团化办学") == "集团化办学\u3400"
    assert page.evaluate(fix, "智慧 校园 AI") == "智慧\u3400 校园\u3400 AI"
    assert page.evaluate(fix, "mkdocs") == "mkdocs"


def test_search_result_opens_the_section_and_highlights_the_term(page: Page, site: Site, watch: Watch) -> None:
    page.goto(site.url(""))
    open_search(page, "集团化办学")
    first = page.locator("a.md-search-result__link[href*='/plans/'][href*='#']").first
    href = first.get_attribute("href") or first.evaluate("el => el.href")
    first.click()
    page.wait_for_url(re.compile(r".*/plans/.*#.+"))
    anchor = unquote(urlsplit(page.url).fragment)
    assert page.evaluate(f"() => document.getElementById({json.dumps(anchor)}) !== null"), href
    # search.highlight marks the term on the page that was opened
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
