"""The plancompare plugin in a real ``mkdocs build --strict`` of a copy of the project."""

from __future__ import annotations

import json
import re
from pathlib import Path

from project_copy import copy_project, mkdocs_build, read


def test_theme_pages_are_generated_not_written_to_docs(built):
    for slug in ("index", "preschool", "compulsory", "teachers", "smart-education"):
        page = "themes/index.html" if slug == "index" else f"themes/{slug}/index.html"
        assert (built / "site" / page).is_file()
    assert not (built / "docs" / "themes").exists()
    assert not (built / "docs" / "data").exists()


def test_theme_entry_links_to_the_plan_passage(built):
    page = read(built, "themes/preschool/index.html")
    assert 'id="haidian-s4-4-p2"' in page
    assert 'href="../../plans/haidian/#s4-4-p2"' in page
    assert "edit/main/docs/themes" not in page  # generated pages have no "edit this page" link


def test_plan_page_has_passage_ids_and_chips(built):
    page = read(built, "plans/haidian/index.html")
    assert '<p class="passage" id="s4-4-p2">' in page
    assert '<a class="theme-chip" href="../../themes/preschool/#haidian-s4-4-p2">学前教育</a>' in page
    # (the site's hook adds data-search-exclude to the permalink)
    assert re.search(r'<a class="passage-permalink"[^>]* href="#s4-4-p2" title="段落永久链接">¶</a>', page)
    assert "edit/main/docs/plans/haidian.md" in page


def test_other_pages_are_not_decorated(built):
    assert 'class="passage"' not in read(built, "about/index.html")
    assert 'class="passage"' not in read(built, "themes/preschool/index.html")


def test_home_page_markers_are_filled(built):
    home = read(built, "index.html")
    assert "<!-- plans-table -->" not in home and "<!-- coverage-matrix -->" not in home
    assert 'class="coverage"' in home
    assert 'href="themes/preschool/"' in home


def test_exports_are_published(built):
    data = json.loads(read(built, "data/crossref.json"))
    assert {r["plan"] for r in data["passages"]} == {"dongcheng", "haidian", "huairou", "jingkai", "mentougou"}
    assert read(built, "data/crossref.csv").startswith("\ufeffdistrict,plan,passage_id")


def test_editing_a_plan_changes_its_theme_page_on_the_next_build(tmp_path):
    project = copy_project(tmp_path)
    plan = project / "docs" / "plans" / "haidian.md"
    text = plan.read_text(encoding="utf-8")
    original = "制定实施新一期学前教育行动计划。"
    assert original in text
    plan.write_text(text.replace(original, "制定实施新一期学前教育行动计划（编辑后的句子）。", 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    page = read(project, "themes/preschool/index.html")
    assert "（编辑后的句子）" in page
    assert "（编辑后的句子）" in read(project, "data/crossref.json")


def test_broken_topic_file_stops_the_build_with_its_line(tmp_path):
    project = copy_project(tmp_path)
    topic = project / "topics" / "preschool.yml"
    text = topic.read_text(encoding="utf-8").replace("title: 学前教育\n", "title: 学前教育\ntitel: 错字\n", 1)
    topic.write_text(text, encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode != 0
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "titel" in content)
    assert f"topics/preschool.yml:{line}: 专题 preschool 中有未知字段“titel”" in result.stderr
    assert not (project / "site" / "themes").exists()


#: a sixth district, registered second (after dongcheng); its page is a copy of haidian's
EXTRA_ENTRY = """  - slug: xicheng
    district: 西城区
    short_name: 西城
    title: 西城区“十四五”时期教育改革和发展规划（测试用）
    title_supplied: true
    issuer: null
    doc_number: null
    date: null
    raw: xicheng.txt
    provenance: 测试用：海淀区规划的副本。
"""


def add_extra_plan(project: Path) -> None:
    registry = project / "corpus" / "plans.yml"
    text = registry.read_text(encoding="utf-8")
    assert "  - slug: haidian\n" in text
    registry.write_text(text.replace("  - slug: haidian\n", EXTRA_ENTRY + "  - slug: haidian\n", 1), encoding="utf-8")
    page = (project / "docs" / "plans" / "haidian.md").read_text(encoding="utf-8")
    page = page.replace("slug: haidian\n", "slug: xicheng\n", 1).replace("district: 海淀区\n", "district: 西城区\n", 1)
    (project / "docs" / "plans" / "xicheng.md").write_text(page, encoding="utf-8")


def plans_nav(project: Path) -> list[str]:
    """The plan pages under the 规划原文 section of the built site's navigation, in order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read(project, "index.html"), "html.parser")
    nav = soup.select_one("nav.md-nav--primary")
    item = next(li for li in nav.select("li.md-nav__item--nested") if li.find("label") and "规划原文" in li.find("label").get_text())
    return [re.search(r"plans/([a-z-]+)/", a["href"]).group(1) for a in item.select("a.md-nav__link[href*='plans/']")]


def test_a_new_plan_page_joins_the_nav_without_editing_mkdocs_yml(tmp_path):
    project = copy_project(tmp_path)
    add_extra_plan(project)
    result = mkdocs_build(project)
    # --strict with validation.nav.omitted_files: warn fails on a page missing from the nav
    assert result.returncode == 0, result.stderr[-3000:]
    assert "not included in the \"nav\"" not in result.stderr
    # mkdocs.yml leaves 规划原文 empty: the plugin fills it in registry order
    assert plans_nav(project) == ["dongcheng", "xicheng", "haidian", "huairou", "jingkai", "mentougou"]
    assert "西城" in read(project, "themes/preschool/index.html")  # and into the cross-reference
    # the 专题对照 section still follows the plans section
    assert sections(project)[:4] == ["首页", "规划原文", "专题对照", "数据与说明"]


def test_plans_listed_by_hand_keep_their_order_and_a_new_one_is_appended(tmp_path):
    project = copy_project(tmp_path)
    add_extra_plan(project)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    listed = "".join(f"      - plans/{slug}.md\n" for slug in ["mentougou", "haidian", "dongcheng", "huairou", "jingkai"])
    assert "  - 规划原文: []\n" in text
    config.write_text(text.replace("  - 规划原文: []\n", "  - 规划原文:\n" + listed, 1), encoding="utf-8")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert plans_nav(project) == ["mentougou", "haidian", "dongcheng", "huairou", "jingkai", "xicheng"]


def sections(project: Path) -> list[str]:
    """Top-level entries of the built site's navigation (the tabs), in order."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(read(project, "index.html"), "html.parser")
    return [" ".join(a.get_text().split()) for a in soup.select("nav.md-tabs a.md-tabs__link")]
