"""Home page pieces (generator/site/home.py) on the real registry, rendered through Python-Markdown
with the site's extensions so the links MkDocs must see are real links."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.registry import Registry, load_registry
from generator.site.home import (
    COVERAGE_MATRIX_MARKER,
    PLANS_TABLE_MARKER,
    coverage_level,
    escape_md,
    render_coverage_matrix,
    render_plans_table,
    replace_markers,
)

ROOT = Path(__file__).resolve().parents[2]
#: two groups of topics, as ThemeSet.by_group() gives them to the heatmap
GROUPS = [
    ("学段", [("preschool", "学前教育"), ("compulsory", "义务教育")]),
    ("队伍与支撑", [("teachers", "教师队伍"), ("smart-education", "智慧教育")]),
]
EXTENSIONS = ["md_in_html", "attr_list", "tables"]


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(ROOT / "corpus" / "plans.yml")


def to_html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


def test_plans_table_lists_every_plan_with_dashes_for_what_the_text_does_not_state(registry: Registry) -> None:
    assert render_plans_table(registry) == (
        "| 区 | 规划 | 印发机关 | 文号 | 日期 |\n"
        "|---|---|---|---|---|\n"
        "| 东城区 | [东城区“十四五”时期教育事业发展规划](plans/dongcheng.md) | — | — | — |\n"
        "| 海淀区 | [海淀区“十四五”时期教育改革和发展规划](plans/haidian.md) | 北京市海淀区人民政府 | — | 2022年1月 |\n"
        "| 怀柔区 | [“十四五”时期怀柔区教育事业发展行动计划](plans/huairou.md) | 北京市怀柔区人民政府 | 怀政发〔2021〕32号 | 2021年11月 |\n"
        "| 北京经济技术开发区 | [北京经济技术开发区“十四五”时期教育发展规划](plans/jingkai.md)（标题为编者所加） | — | — | — |\n"
        "| 门头沟区 | [北京市门头沟区“十四五”时期教育改革和发展规划](plans/mentougou.md) | — | — | — |\n"
    )


def test_plans_table_renders_as_a_table_with_one_link_per_plan(registry: Registry) -> None:
    soup = to_html(render_plans_table(registry))
    rows = soup.select("tbody tr")
    assert [row.td.get_text() for row in rows] == ["东城区", "海淀区", "怀柔区", "北京经济技术开发区", "门头沟区"]
    assert [a["href"] for a in soup.select("tbody a")] == [
        "plans/dongcheng.md", "plans/haidian.md", "plans/huairou.md", "plans/jingkai.md", "plans/mentougou.md",
    ]
    assert rows[3].find_all("td")[1].get_text() == "北京经济技术开发区“十四五”时期教育发展规划（标题为编者所加）"


def test_registry_text_cannot_inject_markup_into_the_plans_table(registry: Registry) -> None:
    evil = dataclasses.replace(
        registry.plans[0],
        title="<script>alert(1)</script>[x](javascript:alert(1))",
        issuer="A | B {#id}",
    )
    soup = to_html(render_plans_table(dataclasses.replace(registry, plans=(evil,))))
    assert soup.find("script") is None
    cells = soup.select("tbody td")
    assert len(cells) == 5
    assert cells[1].get_text() == "<script>alert(1)</script>[x](javascript:alert(1))"
    assert [a["href"] for a in soup.select("a")] == ["plans/dongcheng.md"]
    assert cells[2].get_text() == "A | B {#id}"
    assert escape_md("a*b_c") == "a\\*b\\_c"


@pytest.mark.parametrize(
    ("count", "maximum", "level"),
    [(0, 20, 0), (1, 20, 1), (5, 20, 1), (6, 20, 2), (15, 20, 3), (16, 20, 4), (20, 20, 4), (3, 0, 0)],
)
def test_coverage_level_scales_on_the_largest_cell(count: int, maximum: int, level: int) -> None:
    assert coverage_level(count, maximum) == level


def test_coverage_matrix_is_a_topics_by_districts_heatmap_grouped_with_visible_numbers(registry: Registry) -> None:
    coverage = {
        "preschool": {"haidian": 12, "huairou": 7, "dongcheng": 5, "jingkai": 3},
        "compulsory": {"haidian": 20, "mentougou": 1},
        "smart-education": {"dongcheng": 9},
    }
    soup = to_html(render_coverage_matrix(coverage, registry, GROUPS))
    table = soup.select_one("table.coverage")
    assert table is not None
    assert [th.get_text() for th in table.select("thead th")] == ["专题", "东城", "海淀", "怀柔", "经开区", "门头沟"]
    assert [a["href"] for a in table.select("thead a")][:2] == ["plans/dongcheng.md", "plans/haidian.md"]
    assert [th.get_text() for th in table.select("tr.coverage-group th")] == ["学段", "队伍与支撑"]
    assert {th["colspan"] for th in table.select("tr.coverage-group th")} == {"6"}
    assert [len(body.select("tr")) for body in table.select("tbody")] == [3, 3]  # group row + two topics
    grid = {
        row.th.get_text(): [(td.get_text(), td["class"][1]) for td in row.find_all("td")]
        for row in table.select("tbody tr:not(.coverage-group)")
    }
    assert grid == {
        "学前教育": [("5", "cov-1"), ("12", "cov-3"), ("7", "cov-2"), ("3", "cov-1"), ("0", "cov-0")],
        "义务教育": [("0", "cov-0"), ("20", "cov-4"), ("0", "cov-0"), ("0", "cov-0"), ("1", "cov-1")],
        "教师队伍": [("0", "cov-0")] * 5,
        "智慧教育": [("9", "cov-2"), ("0", "cov-0"), ("0", "cov-0"), ("0", "cov-0"), ("0", "cov-0")],
    }
    haidian_preschool = table.select("tbody tr:not(.coverage-group)")[0].find_all("td")[1].a
    assert haidian_preschool["href"] == "themes/preschool.md#matrix"
    assert haidian_preschool["title"] == "海淀区 · 学前教育：12 段"
    assert [a["href"] for a in table.select("tbody th a")][:2] == ["themes/preschool.md", "themes/compulsory.md"]
    legend = soup.select_one("p.coverage-legend")
    assert [span.get_text() for span in legend.select("span.cov")] == ["0", "1–5", "6–10", "11–15", "16–20"]
    assert soup.find("script") is None


def test_coverage_matrix_with_no_passages_at_all_is_all_zero(registry: Registry) -> None:
    soup = to_html(render_coverage_matrix({}, registry, GROUPS))
    cells = soup.select("tbody td")
    assert len(cells) == 4 * 5
    assert {td.get_text() for td in cells} == {"0"}
    assert {td["class"][1] for td in cells} == {"cov-0"}


def test_markers_are_replaced_where_they_stand_on_the_real_home_page(registry: Registry) -> None:
    page = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    assert page.count(PLANS_TABLE_MARKER) == 1
    assert page.count(COVERAGE_MATRIX_MARKER) == 1
    out = replace_markers(page, render_plans_table(registry), render_coverage_matrix({}, registry, GROUPS))
    assert PLANS_TABLE_MARKER not in out
    assert COVERAGE_MATRIX_MARKER not in out
    assert out.index("## 五份规划") < out.index("| 海淀区 |") < out.index("## 专题")
    assert out.index("## 覆盖概览") < out.index('<table class="coverage"') < out.index("## 如何引用")
