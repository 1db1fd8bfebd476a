"""Indicator tables: read from the plans, merged across districts only through the listed synonyms."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.crossref.indicators import clean_value, concept_index, indicator_rows, merge, normalize_name
from generator.crossref.passages import extract_passages
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import load_themes

THEMES = load_themes(PROJECT_ROOT / "topics")
EXTENSIONS, CONFIGS = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")
PLANS = ("dongcheng", "haidian", "huairou", "jingkai", "mentougou")


@pytest.fixture(scope="module")
def rows():
    found = []
    for slug in PLANS:
        passages = extract_passages(read_plan(PROJECT_ROOT / "docs" / "plans" / f"{slug}.md"), EXTENSIONS, CONFIGS)
        found += indicator_rows(slug, passages)
    return found


@pytest.fixture(scope="module")
def merged(rows):
    return merge(rows, concept_index(THEMES.themes))


def cell(row):
    return (row.name, row.value_2020, row.value_2025, row.passage_id)


def test_enrolment_rate_merges_three_wordings(merged):
    enrolment = merged["学前三年入园率"]
    assert sorted(enrolment) == ["haidian", "huairou", "jingkai", "mentougou"]
    assert cell(enrolment["haidian"]) == ("学前三年入园率（%）", "90", ">90", "b1-p1")
    assert cell(enrolment["huairou"]) == ("学前教育入园率（%）", "98", ">98", "s2-3-zl1-p1")
    assert cell(enrolment["jingkai"]) == ("学前教育入园率（%）", None, "＞90", "s2-2-zl1-p1")
    # mentougou's 表1 (2015/2020 progress) has no 2025 column: the 表2 row is the one used
    assert cell(enrolment["mentougou"]) == ("学前教育入园率（%）", "99", "≥95", "b2-p1")


def test_graduate_teacher_share_merges_high_school_wordings(merged):
    share = merged["普通高中专任教师中研究生学历人员比例"]
    assert share["haidian"].name == "高中阶段专任教师中研究生及以上学历人员比例（%）"
    assert share["huairou"].name == "普通高中专任教师中研究生学历比例（%）"
    assert share["mentougou"].name == "普通高中专任教师研究生以上学历人员比例（%）"
    assert share["jingkai"].value_2025 == "全市前列"


def test_dual_qualified_teachers_across_wordings(merged):
    share = merged["职业教育“双师型”教师比例"]
    assert {plan: (r.value_2020, r.value_2025) for plan, r in share.items()} == {
        "haidian": ("80", "82"),
        "huairou": ("84", "≥85"),
        "jingkai": (None, "＞85"),
        "mentougou": (None, ">85"),
    }


def test_plan_without_indicator_table_has_no_cells(merged):
    assert not any("dongcheng" in by_plan for by_plan in merged.values())


def test_unlisted_wordings_are_not_merged(rows, merged):
    # with the first four topics only, 绿色学校达标率 / 平安校园达标率 belong to no concept …
    four = [t for t in THEMES.themes if t.slug in ("preschool", "compulsory", "teachers", "smart-education")]
    names = {row.name for by_plan in merge(rows, concept_index(four)).values() for row in by_plan.values()}
    assert not any("平安校园" in n or "绿色" in n for n in names)
    # … with all nineteen they are the indicators of safety and resources, 绿色校园 through its synonym
    assert sorted(merged["平安校园达标率"]) == ["haidian", "huairou", "jingkai", "mentougou"]
    assert merged["绿色学校达标率"]["haidian"].name == "绿色校园达标率（%）"


def test_name_normalisation():
    assert normalize_name("学前三年入园率 (%)") == normalize_name("学前三年入园率（%）") == "学前三年入园率"
    assert normalize_name("中等职业教育“双师型”教师比例 (%)") == "中等职业教育双师型教师比例"
    assert normalize_name("基础教育生均公用经费（元）") == "基础教育生均公用经费"


def test_dashes_are_no_value():
    assert [clean_value(v) for v in ("—", "——", "---", "-", "", " 90 ")] == [None, None, None, None, None, "90"]
