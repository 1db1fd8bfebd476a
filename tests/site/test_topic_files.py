"""Adding or deleting a topic is a file change only: a real build of a project copy shows it
everywhere a topic appears (its page, chips, nav entry, home row, index row, export rows) — or,
once its file is gone, nowhere."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from project_copy import copy_project, mkdocs_build, read

from generator import PROJECT_ROOT

PRIVATE = PROJECT_ROOT / "tests" / "data" / "topics" / "private.yml"


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("added"))
    shutil.copy(PRIVATE, project / "topics" / "private.yml")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


@pytest.fixture(scope="module")
def deleted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("deleted"))
    (project / "topics" / "teachers.yml").unlink()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project


def soup(project: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup(read(project, rel), "html.parser")


def nav_links(project: Path) -> list[str]:
    return [a["href"] for a in soup(project, "about/index.html").select("nav.md-nav--primary a[href]")]


def export(project: Path) -> tuple[dict, list[dict[str, str]]]:
    data = json.loads(read(project, "data/crossref.json"))
    rows = list(csv.DictReader(io.StringIO(read(project, "data/crossref.csv").lstrip("\ufeff"))))
    return data, rows


def test_an_added_topic_file_gets_its_page_with_the_passages_it_is_about(added: Path):
    page = soup(added, "themes/private/index.html")
    assert page.h1.get_text(strip=True).rstrip("¶") == "民办教育"
    # haidian 四（八）民办教育规范有序健康发展: its section names the topic
    entry = page.find(id="haidian-s4-8-p2")
    assert entry is not None and entry.a["href"] == "../../plans/haidian/#s4-8-p2"
    assert [h.get("id") for h in page.select("h2[id]")][:3] == ["matrix", "main-sections", "indicators"]
    assert {"regulation", "party-building", "support", "quality"} <= {h.get("id") for h in page.select("h2[id]")}


def test_an_added_topic_gets_chips_nav_home_and_index_rows(added: Path):
    chips = soup(added, "plans/haidian/index.html").select("#s4-8-p2 .theme-chips a.theme-chip")
    assert "../../themes/private/#haidian-s4-8-p2" in [a["href"] for a in chips]
    assert "../themes/private/" in nav_links(added)
    home = soup(added, "index.html")
    rows = {row.th.get_text(strip=True): row for row in home.select("table.coverage tbody tr:not(.coverage-group)")}
    assert "民办教育" in rows and rows["民办教育"].th.a["href"] == "themes/private/"
    assert int(rows["民办教育"].find_all("td")[1].get_text()) >= 3  # 海淀's column
    index = soup(added, "themes/index.html")
    governance = index.find(id="governance").find_next("table")
    assert "民办教育" in [a.get_text() for a in governance.select("tbody td:first-child a")]


def test_an_added_topic_has_its_rows_in_the_export(added: Path):
    data, rows = export(added)
    topic = next(t for t in data["themes"] if t["slug"] == "private")
    assert topic["group"] == "governance" and topic["page"] == "themes/private/"
    cited = [p for p in data["passages"] if "private" in p["themes"]]
    assert ("haidian", "s4-8-p2") in {(p["plan"], p["passage_id"]) for p in cited}
    assert any("private" in row["themes"].split(";") for row in rows)


def test_a_deleted_topic_file_leaves_no_trace(deleted: Path):
    assert not (deleted / "site" / "themes" / "teachers").exists()
    assert "../themes/teachers/" not in nav_links(deleted)
    plan = read(deleted, "plans/haidian/index.html")
    assert "themes/teachers/" not in plan and ">教师队伍</a>" not in plan
    home = soup(deleted, "index.html")
    assert "教师队伍" not in [row.th.get_text(strip=True) for row in home.select("table.coverage tbody tr")]
    assert "teachers.md" not in read(deleted, "themes/index.html") and "teachers/" not in read(deleted, "themes/index.html")
    data, rows = export(deleted)
    assert "teachers" not in [t["slug"] for t in data["themes"]]
    assert not any("teachers" in p["themes"] for p in data["passages"])
    assert not any("teachers" in row["themes"].split(";") for row in rows)
