"""Every passage a topic page cites is in that topic's compare view, in its district's column and
its sub-topic's row, with a permalink that lands on the passage (a real build, all topics)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from project_copy import read

from generator import PROJECT_ROOT
from generator.crossref.themes import load_themes

TOPICS = [t.slug for t in load_themes(PROJECT_ROOT / "topics").themes]


def soup(project: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(project, rel), "html.parser")


def topic_entries(page: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(sub-topic, district, entry id) of every entry of a topic page, in page order."""
    found = []
    for entry in page.select(".xref-entry[id], .xref-group[id]"):
        district = entry.find_previous("h3")
        subtopic = district.find_previous("h2")
        plan = district["id"][len(subtopic["id"]) + 1 :]
        found.append((subtopic["id"], plan, entry["id"]))
    return found


def test_every_topic_has_a_compare_page(built: Path):
    assert len(TOPICS) == 19
    for slug in TOPICS:
        assert (built / "site" / "themes" / slug / "compare" / "index.html").is_file(), slug


def test_every_cited_passage_is_in_its_column_and_row_with_a_working_permalink(built: Path):
    plan_ids: dict[str, set[str]] = {}
    checked = 0
    for slug in TOPICS:
        rel = f"themes/{slug}/compare/index.html"
        compare = soup(built, rel)
        entries = topic_entries(soup(built, f"themes/{slug}/index.html"))
        assert entries, slug
        for subtopic, plan, entry_id in entries:
            element = compare.find(id=entry_id)
            assert element is not None, (slug, entry_id)
            cell = element.find_parent("td")
            assert cell["data-plan"] == plan, (slug, entry_id)
            assert cell.find_parent("tbody")["id"] == subtopic, (slug, entry_id)
            href = element.find("a")["href"]
            target = urlsplit(urljoin(f"https://x/{rel}", href))
            assert target.path == f"/plans/{plan}/", (slug, entry_id, href)
            if plan not in plan_ids:
                plan_ids[plan] = {e["id"] for e in soup(built, f"plans/{plan}/index.html").select("[id]")}
            assert target.fragment in plan_ids[plan], (slug, entry_id, href)
            checked += 1
        # and nothing else: the compare view adds no passage the topic page does not cite
        assert len(compare.select("td .xref-entry[id], td .xref-group[id]")) == len(entries), slug
    assert checked > 500


def test_empty_cells_say_the_plan_does_not_cover_the_sub_topic(built: Path):
    compare = soup(built, "themes/special/compare/index.html")
    empty = compare.select("td.compare-empty .compare-none")
    assert empty and {e.get_text() for e in empty} <= {"本区规划未涉及", "本区规划未列出本专题的指标", "本专题没有定义指标"}
    assert compare.select_one("tbody#indicators") is not None
