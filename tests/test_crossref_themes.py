"""themes.yml: the real file loads; each contributor mistake is refused with file, line and remedy."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.crossref.themes import THEME_OPTIONAL, THEME_REQUIRED, TIER_WEIGHTS, load_themes, parse_themes
from generator.errors import GeneratorError

THEMES = PROJECT_ROOT / "themes.yml"
REAL = THEMES.read_text(encoding="utf-8")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line containing ``needle`` at or after line ``start``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


def mutate(old: str, new: str) -> str:
    """The real file with its first ``old`` replaced; fails loudly (not silently) if themes.yml no
    longer contains ``old``, so an edit of the vocabulary never turns a refusal test into a no-op."""
    assert old in REAL, f"themes.yml no longer contains {old!r}; pick another anchor for this test"
    return REAL.replace(old, new, 1)


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
    text = mutate("    title: 学前教育\n", "    title: 学前教育\n    colour: red\n")
    err = refuse(text)
    assert err.line == line_of(text, "colour: red")
    allowed = "、".join(THEME_REQUIRED + THEME_OPTIONAL)
    assert str(err) == f"themes.yml:{err.line}: 专题 preschool 中有未知字段“colour”（允许的字段：{allowed}；检查拼写或删除该字段）"
    assert "stages、exclude_terms" in str(err)


def test_unknown_tier_is_refused():
    text = mutate("      core:\n", "      central:\n")
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'central:')}: 专题 preschool 的 terms 中有未知字段“central”"
        "（允许的字段：core、strong、weak、context；检查拼写或删除该字段）"
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
    text = mutate("    section_terms:\n      - 学前教育\n      - 学前\n", "    section_terms: 学前教育 学前\n")
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'section_terms: 学前教育 学前')}: 专题 preschool 的 section_terms 应为非空的词语列表"
        "（写成 YAML 列表，每行一个“- 词语”）"
    )


def test_term_with_a_space_is_refused_at_its_item():
    text = mutate("        - 普惠性幼儿园\n", "        - 普惠性 幼儿园\n")
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, '- 普惠性 幼儿园')}: 专题 preschool 的 terms.core 第 3 项“普惠性 幼儿园”不是有效的词语"
        "（每项是一个不含空格的词语）"
    )


def test_nested_list_item_is_refused():
    text = mutate("        - 普惠性幼儿园\n", "        - [普惠性幼儿园, 普惠园]\n")
    err = refuse(text)
    assert err.line == line_of(text, "- [普惠性幼儿园, 普惠园]")
    assert "第 3 项“（列表或映射）”不是有效的词语" in str(err)


def test_duplicate_theme_slug_is_refused():
    text = mutate("  - slug: compulsory\n", "  - slug: preschool\n")
    err = refuse(text)
    first = line_of(text, "- slug: preschool")
    second = line_of(text, "- slug: preschool", first + 1)
    assert str(err) == f"themes.yml:{second}: 专题 slug“preschool”重复（第 {first} 行已使用）（每个专题的 slug 必须唯一）"


def test_term_in_two_tiers_is_refused():
    text = mutate("      strong:\n        - 学前\n", "      strong:\n        - 学前教育\n        - 学前\n")
    err = refuse(text)
    assert "专题 preschool 的词语“学前教育”出现在两档中（每个词只放在一档）" in str(err)


def test_yaml_syntax_error_names_the_line():
    text = mutate("    title: 学前教育\n", "    title: [学前教育\n")
    err = refuse(text)
    assert str(err).startswith("themes.yml:")
    assert "YAML 语法错误" in str(err)
    assert err.line is not None


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(GeneratorError) as info:
        load_themes(tmp_path / "themes.yml")
    assert str(info.value) == f"{tmp_path / 'themes.yml'}: 找不到专题定义文件（在项目根目录放置 themes.yml（参见 docs/about/data.md））"


def test_reserved_subtopic_slug_is_refused():
    text = mutate("      - slug: supply\n", "      - slug: matrix\n")
    err = refuse(text)
    assert err.line == line_of(text, "- slug: matrix")
    assert "是保留名" in str(err)


def test_umbrella_stage_must_be_a_stage():
    text = mutate("umbrella_stages: [中小学", "umbrella_stages: [小学校, 中小学")
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, 'umbrella_stages:')}: umbrella_stages 中的“小学校”不是 stages 中的学段（写 stages 里已有的学段名）"
    )


def test_context_tier_and_stages_are_loaded():
    themes = load_themes(THEMES)
    compulsory = themes.get("compulsory")
    assert compulsory.stages == ("义务教育", "中小学", "基础教育")
    assert "学位" in compulsory.context_terms and compulsory.terms["学位"] == TIER_WEIGHTS["context"] == 2.0
    assert "小学" not in compulsory.context_terms  # a strong term, not a context one
    assert themes.get("teachers").stages == () and not themes.get("teachers").context_terms
    assert {"学位", "布局"} <= set(themes.supply_terms)


def test_context_tier_needs_the_themes_stages():
    text = mutate("    stages: [学前]\n", "")
    err = refuse(text)
    # the line of the tier's first word, right under “context:” in the preschool entry
    assert err.line == line_of(text, "context:", line_of(text, "- slug: preschool")) + 1
    assert str(err) == (
        f"themes.yml:{err.line}: 专题 preschool 有 context 档词语却没有 stages"
        "（写上本专题的学段（如 stages: [学前]），context 档的词只在句中出现该学段名称时计分）"
    )


def test_theme_stage_must_be_a_stage():
    text = mutate("    stages: [学前]\n", "    stages: [幼教]\n")
    err = refuse(text)
    assert str(err) == (
        f"themes.yml:{line_of(text, '- slug: preschool')}: 专题 preschool 的 stages 中的“幼教”不是顶层 stages 中的学段"
        "（写 stages 里已有的学段名）"
    )
