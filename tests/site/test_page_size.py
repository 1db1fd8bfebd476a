"""No built page over the size cap, and what happens when a page would be: its districts are split
into part pages (generator.crossref.layout), old anchors still land (the overview's anchor map),
and every link inside the generated raw HTML resolves — with directory URLs (the site's default)
and without them (the split build below), since MkDocs validates no link inside raw HTML."""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from project_copy import copy_project, mkdocs_build

from generator.crossref.layout import PAGE_CAP_BYTES

#: forces every topic page and compare view of today's five plans into parts
SMALL_BUDGET = 40_000
#: the elements of generated pages whose links are written by generator.crossref.links
RAW_LINKS = ".xref-entry a, .xref-group a, .xref-similar a, .theme-chip, .compare-table a"


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_no_built_page_exceeds_the_cap(built: Path):
    site = built / "site"
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in html_pages(site)}
    assert len(sizes) > 40
    assert {page: size for page, size in sizes.items() if size > PAGE_CAP_BYTES} == {}


class Resolver:
    """Resolves a page-relative link to a built file and checks the anchor exists there."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.ids: dict[Path, set[str]] = {}

    def file_of(self, page: str, href: str) -> tuple[Path, str]:
        target = urlsplit(urljoin(f"https://x/{page}", href))
        path = target.path.lstrip("/")
        if path.endswith("/") or path == "":
            path += "index.html"
        return self.site / posixpath.normpath(path), target.fragment

    def check(self, page: str, href: str) -> str | None:
        file, fragment = self.file_of(page, href)
        if not file.is_file():
            return f"{page}: {href} -> no file {file.relative_to(self.site)}"
        if fragment:
            if file not in self.ids:
                self.ids[file] = {e["id"] for e in BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser").select("[id]")}
            if fragment not in self.ids[file]:
                return f"{page}: {href} -> no #{fragment} in {file.relative_to(self.site)}"
        return None


def broken_raw_links(site: Path) -> tuple[int, list[str]]:
    resolver = Resolver(site)
    checked, broken = 0, []
    for path in html_pages(site / "themes"):
        page = path.relative_to(site).as_posix()
        for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select(RAW_LINKS):
            checked += 1
            problem = resolver.check(page, link["href"])
            if problem:
                broken.append(problem)
    return checked, broken


def test_every_link_in_the_generated_html_resolves(built: Path):
    checked, broken = broken_raw_links(built / "site")
    assert checked > 3000
    assert broken == []


@pytest.fixture(scope="module")
def split(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy built with a small page budget, without directory URLs, under a sub-path."""
    project = copy_project(tmp_path_factory.mktemp("split"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - plancompare\n" in text
    text = text.replace("  - plancompare\n", f"  - plancompare:\n      page_budget: {SMALL_BUDGET}\n", 1)
    config.write_text(text + "\nuse_directory_urls: false\n", encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project / "site"


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def anchor_map(page: BeautifulSoup) -> dict:
    script = page.select_one("script.xref-anchor-map")
    assert script is not None
    return json.loads(script.string)


def cited(site: Path, topic: str) -> dict[str, list[str]]:
    """plan -> entry ids of the topic's citations (from the JSON export)."""
    data = json.loads((site / "data" / "crossref.json").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for record in data["passages"]:
        if topic in record["themes"]:
            found.setdefault(record["plan"], []).append(f"{record['plan']}-{record['passage_id']}")
    return found


@pytest.mark.parametrize("topic", ["preschool", "teachers"])
def test_a_split_topic_page_puts_each_district_on_one_part(split: Path, topic: str):
    overview = soup(split, f"themes/{topic}.html")
    assert overview.select(".xref-entry") == []  # the overview keeps matrix, main sections, indicators
    assert overview.select_one("#matrix") and overview.select_one("#indicators")
    parts = anchor_map(overview)["parts"]
    assert len(set(parts.values())) >= 2
    for plan, entries in cited(split, topic).items():
        part = split / "themes" / posixpath.normpath(parts[plan])
        ids = {e["id"] for e in soup(split, part.relative_to(split).as_posix()).select("[id]")}
        assert set(entries) <= ids, (topic, plan)
        for other in {p for p in set(parts.values()) if p != parts[plan]}:
            other_ids = {e["id"] for e in soup(split, f"themes/{posixpath.normpath(other)}").select("[id]")}
            assert not set(entries) & other_ids  # on one part only
    for page in html_pages(split / "themes" / topic):
        assert page.stat().st_size <= PAGE_CAP_BYTES


def test_an_old_anchor_is_mapped_to_the_part_that_holds_it(split: Path):
    parts = anchor_map(soup(split, "themes/preschool.html"))["parts"]
    # the rule topics.js follows: an entry anchor starts with its district
    target = urljoin("https://x/themes/preschool.html", parts["haidian"])
    rel = urlsplit(target).path.lstrip("/")
    assert re.fullmatch(r"themes/preschool/part-\d+\.html", rel)
    assert soup(split, rel).find(id="haidian-s4-4-p2") is not None
    assert soup(split, rel).find(id="supply-haidian") is not None


def test_chips_link_to_the_part_holding_the_entry(split: Path):
    page = soup(split, "plans/haidian.html")
    chip = next(a for a in page.select("a.theme-chip") if a["href"].endswith("#haidian-s4-4-p2") and "preschool" in a["href"])
    assert re.fullmatch(r"\.\./themes/preschool/part-\d+\.html#haidian-s4-4-p2", chip["href"])


def test_a_split_compare_view_has_parts_with_their_districts(split: Path):
    overview = soup(split, "themes/preschool/compare.html")
    assert overview.select_one(".compare-table") is None
    parts = anchor_map(overview)["parts"]
    assert len(set(parts.values())) >= 2
    for target in set(parts.values()):
        rel = urlsplit(urljoin("https://x/themes/preschool/compare.html", target)).path.lstrip("/")
        table = soup(split, rel).select_one(".compare-table")
        columns = [th["data-plan"] for th in table.select("thead th[data-plan]")]
        assert columns == [plan for plan, part in parts.items() if part == target]


def test_every_link_in_the_split_html_resolves(split: Path):
    checked, broken = broken_raw_links(split)
    assert checked > 3000
    assert broken == []
