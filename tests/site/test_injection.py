"""No injection: markup, links and ids in a raw plan reach the built site as literal, visible text.

A temporary copy of the project gets one more registered plan, ``tests/data/bad/injection.txt``:
real-looking plan text (一、 headings, a 表1 table) carrying the payloads a scraped page or a
careless copy can contain. The importer runs on it, ``mkdocs build`` renders the site, and the
built HTML is searched for anything active. tests/browser/test_injection_browser.py opens the same
page in Chromium and listens for dialogs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from injection_site import INJECTED_IDS, SLUG, VISIBLE, build_injection_site

from generator.site import search

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def soup(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "plans" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_markdown_carries_the_payloads_escaped(site: Path) -> None:
    markdown = (site.parent / "project" / "docs" / "plans" / f"{SLUG}.md").read_text(encoding="utf-8")
    body = markdown.split("\n---\n", 1)[1]
    assert "<script" not in body and "<img" not in body and "<iframe" not in body
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in body
    assert "\\[点击查看\\]\\(javascript:alert\\(3\\)\\)" in body


def site_pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) for path in sorted(site.rglob("*.html"))]


def test_no_active_elements_anywhere_on_the_site(site: Path) -> None:
    """The plan page, every page whose navigation lists it, and the theme pages quoting its passages."""
    pages = site_pages(site)
    assert len(pages) >= 7
    quoting = [path for path, soup in pages if "alert(12)" in soup.get_text()]
    assert site / "plans" / SLUG / "index.html" in quoting
    for path, soup in pages:
        assert [s for s in soup.find_all("script") if "alert(" in s.get_text()] == [], path
        assert soup.find_all(["img", "iframe", "object", "embed"]) == [], path
        # the only <details> are the site's own collapsed notices (generator/site/notice.py)
        assert [d for d in soup.find_all("details") if d.attrs != {"class": ["plan-notice"]}] == [], path
        assert soup.select("svg[onload]") == [], path
        handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")]
        assert handlers == [], path
        for injected in INJECTED_IDS:
            assert soup.find(id=injected) is None, path


def test_no_javascript_urls(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        for attr in ("href", "src", "action", "formaction", "data"):
            value = re.sub(r"\s", "", str(tag.get(attr, ""))).lower()
            assert not value.startswith("javascript:"), (tag.name, attr, value)
    assert [a for a in soup.find_all("a") if a.get_text() in ("点击查看", "相关链接", "义务教育巩固率")] == []


def test_no_injected_ids(soup: BeautifulSoup) -> None:
    for injected in INJECTED_IDS:
        assert soup.find(id=injected) is None
    headings = {h.get_text(" ", strip=True).removesuffix(" ¶"): h["id"] for h in soup.select("article h2, article h3")}
    assert headings["（二）面临形势 {#injected-heading}"] == "s1-2"


def test_payloads_are_visible_text(soup: BeautifulSoup) -> None:
    article = soup.select_one("article")
    assert article is not None
    text = re.sub(r"\s+", " ", article.get_text(" "))
    missing = [payload for payload in VISIBLE if re.sub(r"\s+", " ", payload) not in text]
    assert missing == []


def test_search_fragments_hold_the_payloads_as_text(site: Path) -> None:
    """The Pagefind fragments a search downloads carry the payloads as plain characters (the indexed
    documents escape them, so Pagefind reads text, not markup), and the dialog's script puts result
    text into the page only as text nodes: a payload shows as written and never becomes an element."""
    fragments = {f.location: f for f in search.read_fragments(site / search.OUTPUT_DIR)}
    assert search.plain_text(fragments[f"plans/{SLUG}/#s1"].title) == "一、发展基础<img src=x onerror=alert(2)>"
    assert "脚本 <script>alert(1)</script> 应当 原样 显示" in fragments[f"plans/{SLUG}/"].text
    script = (ROOT / "docs" / "assets" / "javascripts" / "search.js").read_text(encoding="utf-8")
    assert re.findall(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser", script) == []
