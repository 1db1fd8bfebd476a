"""themes.yml: the real file loads; each contributor mistake is refused with file, line and remedy."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.crossref.themes import TIER_WEIGHTS, load_themes, parse_themes
from generator.errors import GeneratorError

THEMES = PROJECT_ROOT / "themes.yml"
REAL = THEMES.read_text(encoding="utf-8")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line containing ``needle`` at or after line ``start``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


def refuse(text: str) -> GeneratorError:
    with pytest.raises(GeneratorError) as info:
        parse_themes(text, Path("themes.yml"))
    return info.value


def test_real_file_defines_the_four_themes():
    themes = load_themes(THEMES)
    assert [t.slug for t in themes.themes] == ["preschool", "compulsory", "teachers", "smart-education"]
    assert [t.title for t in themes.themes] == ["学前教育", "义务教育", "教师队伍", "智慧教育"]
    for theme in themes.themes:
        assert 4 <= len(theme.subtopics) <= 7, theme.slug
        assert theme.description
        assert set(theme.terms.values()) <= set(TIER_WEIGHTS.values())


def test_tiers_become_weights():
    preschool = load_themes(THEMES).get("preschool")
    assert preschool.terms["学前教育"] == 3.0  # core
    assert preschool.terms["园长"] == 2.0  # strong
    assert preschool.terms["儿童"] == 1.0  # weak


def test_indicator_synonyms_are_loaded():
    preschool = load_themes(THEMES).get("preschool")
    enrolment = next(i for i in preschool.indicators if i.name == "学前三年入园率")
    assert {"学前教育入园率", "学前三年毛入园率"} <= set(enrolment.synonyms)


def test_stages_group_names():
    stage_of = load_themes(THEMES).stage_of
    assert stage_of["幼儿园"] == stage_of["学前教育"] == "学前"
    assert stage_of["普通高中"] == "高中"


def test_unknown_key_is_refused_with_its_line():
    text = REAL.replace("    title: 学前教育\n", "    title: 学前教育\n    colour: red\n", 1)
    err = refuse(text)
    assert err.line == line_of(text, "colour: red")
    assert str(err) == (
        f"themes.yml:{err.line}: 专题 preschool 中有未知字段“colour”"
        "（允许的字段：slug、title、description、section_terms、terms、subtopics、exclude_terms、ignore_terms、indicators；检查拼写或删除该字段）"
    )


def test_unknown_tier_is_refused():
    text = REAL.replace("      core:\n", "      central:\n", 1)
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'central:')}: 专题 preschool 的 terms 中有未知字段“central”"
        "（允许的字段：core、strong、weak；检查拼写或删除该字段）"
    )


def test_missing_field_is_refused_at_the_theme():
    start = REAL.index("    description: >-\n")
    end = REAL.index("\n", REAL.index("\n", start) + 1) + 1
    text = REAL[:start] + REAL[end:]
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, '- slug: preschool')}: 专题 preschool 缺少字段“description”"
        "（必须填写的字段：slug、title、description、section_terms、terms、subtopics）"
    )


def test_term_list_written_as_text_is_refused():
    text = REAL.replace("    section_terms:\n      - 学前教育\n      - 学前\n", "    section_terms: 学前教育 学前\n", 1)
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'section_terms: 学前教育 学前')}: 专题 preschool 的 section_terms 应为非空的词语列表"
        "（写成 YAML 列表，每行一个“- 词语”）"
    )


def test_term_with_a_space_is_refused_at_its_item():
    text = REAL.replace("        - 普惠性幼儿园\n", "        - 普惠性 幼儿园\n", 1)
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, '- 普惠性 幼儿园')}: 专题 preschool 的 terms.core 第 3 项“普惠性 幼儿园”不是有效的词语"
        "（每项是一个不含空格的词语）"
    )


def test_nested_list_item_is_refused():
    text = REAL.replace("        - 普惠性幼儿园\n", "        - [普惠性幼儿园, 普惠园]\n", 1)
    err = refuse(text)
    assert err.line == line_of(text, "- [普惠性幼儿园, 普惠园]")
    assert "第 3 项“（列表或映射）”不是有效的词语" in str(err)


def test_duplicate_theme_slug_is_refused():
    text = REAL.replace("  - slug: compulsory\n", "  - slug: preschool\n", 1)
    err = refuse(text)
    first = line_of(text, "- slug: preschool")
    second = line_of(text, "- slug: preschool", first + 1)
    assert str(err) == f"themes.yml:{second}: 专题 slug“preschool”重复（第 {first} 行已使用）（每个专题的 slug 必须唯一）"


def test_term_in_two_tiers_is_refused():
    text = REAL.replace("      strong:\n        - 学前\n", "      strong:\n        - 学前教育\n        - 学前\n", 1)
    err = refuse(text)
    assert "专题 preschool 的词语“学前教育”出现在两档中（每个词只放在一档）" in str(err)


def test_yaml_syntax_error_names_the_line():
    text = REAL.replace("    title: 学前教育\n", "    title: [学前教育\n", 1)
    err = refuse(text)
    assert str(err).startswith("themes.yml:")
    assert "YAML 语法错误" in str(err)
    assert err.line is not None


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(GeneratorError) as info:
        load_themes(tmp_path / "themes.yml")
    assert str(info.value) == f"{tmp_path / 'themes.yml'}: 找不到专题定义文件（在项目根目录放置 themes.yml（参见 docs/about/data.md））"


def test_reserved_subtopic_slug_is_refused():
    text = REAL.replace("      - slug: supply\n", "      - slug: matrix\n", 1)
    err = refuse(text)
    assert err.line == line_of(text, "- slug: matrix")
    assert "是保留名" in str(err)


def test_umbrella_stage_must_be_a_stage():
    text = REAL.replace("umbrella_stages: [中小学, 民办与校外]", "umbrella_stages: [中小学, 基础教育]", 1)
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'umbrella_stages:')}: umbrella_stages 中的“基础教育”不是 stages 中的学段（写 stages 里已有的学段名）"
    )
