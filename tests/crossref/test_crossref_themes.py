"""topics/: the real files load; each contributor mistake is refused with file, line and remedy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.crossref.themes import THEME_OPTIONAL, THEME_REQUIRED, TIER_WEIGHTS, load_themes, topic_files
from generator.errors import GeneratorError

TOPICS = PROJECT_ROOT / "topics"
PRESCHOOL = (TOPICS / "preschool.yml").read_text(encoding="utf-8")
TAXONOMY = (TOPICS / "_taxonomy.yml").read_text(encoding="utf-8")


def line_of(text: str, needle: str, start: int = 0) -> int:
    """1-based line of the first line containing ``needle`` at or after line ``start``."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= start and needle in line:
            return number
    raise AssertionError(needle)


def mutate(text: str, old: str, new: str) -> str:
    """``text`` with its first ``old`` replaced; fails loudly (not silently) if the file no longer
    contains ``old``, so an edit of the vocabulary never turns a refusal test into a no-op."""
    assert old in text, f"the topic file no longer contains {old!r}; pick another anchor for this test"
    return text.replace(old, new, 1)


@pytest.fixture
def topics(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of topics/ in a temporary working directory, so messages read ``topics/x.yml:12: …``."""
    shutil.copytree(TOPICS, tmp_path / "topics")
    monkeypatch.chdir(tmp_path)
    return Path("topics")


def refuse(topics: Path, name: str, text: str) -> GeneratorError:
    (topics / name).write_text(text, encoding="utf-8")
    with pytest.raises(GeneratorError) as info:
        load_themes(topics)
    return info.value


def test_real_files_define_nineteen_topics_in_four_groups():
    themes = load_themes(TOPICS)
    assert [g.title for g in themes.groups] == ["学段", "育人", "队伍与支撑", "治理与开放"]
    assert [[t.slug for t in members] for _, members in themes.by_group()] == [
        ["preschool", "compulsory", "highschool", "vocational", "special", "lifelong"],
        ["moral", "wellbeing", "innovation", "family"],
        ["teachers", "smart-education", "resources", "funding"],
        ["party", "governance", "double-reduction", "safety", "opening"],
    ]
    assert [t.title for t in themes.themes[:2]] == ["学前教育", "义务教育"]
    for theme in themes.themes:
        assert 4 <= len(theme.subtopics) <= 7, theme.slug
        assert theme.description and theme.scope
        assert set(theme.terms.values()) <= set(TIER_WEIGHTS.values())
        assert theme.path is not None and theme.path.name == f"{theme.slug}.yml"


def test_tiers_become_weights():
    preschool = load_themes(TOPICS).get("preschool")
    assert preschool.terms["学前教育"] == 3.0  # core
    assert preschool.terms["园长"] == 2.0  # strong
    assert preschool.terms["儿童"] == 1.0  # weak


def test_indicator_synonyms_are_loaded():
    preschool = load_themes(TOPICS).get("preschool")
    enrolment = next(i for i in preschool.indicators if i.name == "学前三年入园率")
    assert {"学前教育入园率", "学前三年毛入园率"} <= set(enrolment.synonyms)


def test_stages_group_names():
    stage_of = load_themes(TOPICS).stage_of
    assert stage_of["幼儿园"] == stage_of["学前教育"] == "学前"
    assert stage_of["普通高中"] == "高中"


def test_order_then_slug_decides_the_position_not_the_file_name(topics: Path):
    (topics / "preschool.yml").rename(topics / "zz-renamed.yml")
    text = mutate((topics / "teachers.yml").read_text(encoding="utf-8"), "order: 10\n", "")
    (topics / "teachers.yml").write_text(text, encoding="utf-8")
    themes = load_themes(topics)
    assert [t.slug for t in themes.themes][:2] == ["preschool", "compulsory"]
    support = next(members for group, members in themes.by_group() if group.slug == "support")
    assert support[-1].slug == "teachers"  # without order: after the numbered ones


def test_shared_files_are_not_topics(topics: Path):
    (topics / "_draft.yml").write_text("not: a topic\n", encoding="utf-8")
    names = [p.name for p in topic_files(topics)]
    assert names == sorted(names) and "compulsory.yml" in names
    assert "_taxonomy.yml" not in names and "_draft.yml" not in names
    load_themes(topics)  # the draft is ignored, not refused


def test_unknown_key_is_refused_with_its_line(topics: Path):
    text = mutate(PRESCHOOL, "title: 学前教育\n", "title: 学前教育\ncolour: red\n")
    err = refuse(topics, "preschool.yml", text)
    allowed = "、".join(THEME_REQUIRED + THEME_OPTIONAL)
    line = line_of(text, "colour: red")
    assert str(err) == f"topics/preschool.yml:{line}: 专题 preschool 中有未知字段“colour”（允许的字段：{allowed}；检查拼写或删除该字段）"


def test_unknown_tier_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "  core:\n", "  central:\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, 'central:')}: 专题 preschool 的 terms 中有未知字段“central”"
        "（允许的字段：core、strong、weak、context；检查拼写或删除该字段）"
    )


def test_missing_field_is_refused_at_the_topic(topics: Path):
    start = PRESCHOOL.index("description: >-\n")
    end = PRESCHOOL.index("\n", PRESCHOOL.index("\n", start) + 1) + 1
    text = PRESCHOOL[:start] + PRESCHOOL[end:]
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, 'slug: preschool')}: 专题 preschool 缺少字段“description”"
        f"（必须填写的字段：{'、'.join(THEME_REQUIRED)}）"
    )


def test_term_list_written_as_text_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "section_terms:\n  - 学前教育\n  - 学前\n", "section_terms: 学前教育 学前\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, 'section_terms: 学前教育 学前')}: 专题 preschool 的 section_terms 应为非空的词语列表"
        "（写成 YAML 列表，每行一个“- 词语”）"
    )


def test_term_with_a_space_is_refused_at_its_item(topics: Path):
    text = mutate(PRESCHOOL, "    - 普惠性幼儿园\n", "    - 普惠性 幼儿园\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, '- 普惠性 幼儿园')}: 专题 preschool 的 terms.core 第 3 项“普惠性 幼儿园”不是有效的词语"
        "（每项是一个不含空格的词语）"
    )


def test_nested_list_item_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "    - 普惠性幼儿园\n", "    - [普惠性幼儿园, 普惠园]\n")
    err = refuse(topics, "preschool.yml", text)
    assert err.line == line_of(text, "- [普惠性幼儿园, 普惠园]")
    assert "第 3 项“（列表或映射）”不是有效的词语" in str(err)


def test_duplicate_slug_across_files_is_refused_at_the_second_file(topics: Path):
    text = mutate((topics / "teachers.yml").read_text(encoding="utf-8"), "slug: teachers\n", "slug: preschool\n")
    err = refuse(topics, "teachers.yml", text)
    first = line_of(PRESCHOOL, "slug: preschool")
    assert str(err) == (
        f"topics/teachers.yml:{line_of(text, 'slug: preschool')}: 专题 slug“preschool”与 preschool.yml 第 {first} 行重复"
        "（每个专题的 slug 必须唯一；改名或删除其中一个文件）"
    )


def test_unknown_group_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "group: stages\n", "group: stage\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, 'group: stage')}: 专题 preschool 的分组“stage”不存在"
        "（可用的分组：stages、nurture、support、governance（在 _taxonomy.yml 的 groups 中定义））"
    )


def test_subtopic_slug_used_twice_in_one_topic_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "  - slug: inclusive\n", "  - slug: supply\n")
    err = refuse(topics, "preschool.yml", text)
    line = line_of(text, "- slug: supply", line_of(text, "- slug: supply") + 1)
    assert str(err) == f"topics/preschool.yml:{line}: 专题 preschool 的子专题 slug“supply”重复（同一专题内子专题的 slug 必须唯一）"


def test_order_must_be_an_integer(topics: Path):
    text = mutate(PRESCHOOL, "order: 10\n", "order: first\n")
    err = refuse(topics, "preschool.yml", text)
    line = line_of(text, "order: first")
    assert str(err) == f"topics/preschool.yml:{line}: 专题 preschool 的 order 应为整数（例如 order: 30（同组内按从小到大排列））"


def test_term_in_two_tiers_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "  strong:\n    - 学前\n", "  strong:\n    - 学前教育\n    - 学前\n")
    err = refuse(topics, "preschool.yml", text)
    assert "专题 preschool 的词语“学前教育”出现在两档中（每个词只放在一档）" in str(err)


def test_yaml_syntax_error_names_the_file_and_line(topics: Path):
    text = mutate(PRESCHOOL, "title: 学前教育\n", "title: [学前教育\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err).startswith("topics/preschool.yml:")
    assert "YAML 语法错误" in str(err)
    assert err.line is not None


def test_missing_directory_is_refused(tmp_path: Path):
    with pytest.raises(GeneratorError) as info:
        load_themes(tmp_path / "topics")
    assert str(info.value).startswith(f"{tmp_path / 'topics'}: 找不到专题定义目录")


def test_directory_without_topic_files_is_refused(topics: Path):
    for path in topic_files(topics):
        path.unlink()
    with pytest.raises(GeneratorError) as info:
        load_themes(topics)
    assert str(info.value) == "topics: 专题定义目录中没有专题文件（每个专题写一个 <slug>.yml（参见 topics/README.md））"


def test_missing_taxonomy_is_refused(topics: Path):
    (topics / "_taxonomy.yml").unlink()
    with pytest.raises(GeneratorError) as info:
        load_themes(topics)
    assert str(info.value) == "topics/_taxonomy.yml: 找不到专题定义文件（写明专题分组与学段名称（参见 topics/README.md））"


def test_reserved_subtopic_slug_is_refused(topics: Path):
    text = mutate(PRESCHOOL, "  - slug: supply\n", "  - slug: compare\n")
    err = refuse(topics, "preschool.yml", text)
    assert err.line == line_of(text, "- slug: compare")
    assert "是保留名" in str(err)


def test_umbrella_stage_must_be_a_stage(topics: Path):
    text = mutate(TAXONOMY, "umbrella_stages: [中小学", "umbrella_stages: [小学校, 中小学")
    err = refuse(topics, "_taxonomy.yml", text)
    line = line_of(text, "umbrella_stages:")
    assert str(err) == f"topics/_taxonomy.yml:{line}: umbrella_stages 中的“小学校”不是 stages 中的学段（写 stages 里已有的学段名）"


def test_domains_group_names_and_each_name_belongs_to_one():
    domain_of = load_themes(TOPICS).domain_of
    assert domain_of["体育"] == domain_of["艺术"] == domain_of["劳动教育"]
    assert domain_of["科技"] != domain_of["体育"]


def test_domain_name_in_two_domains_is_refused(topics: Path):
    text = mutate(TAXONOMY, "  科技: [科技,", "  科技: [科技, 艺术,")
    err = refuse(topics, "_taxonomy.yml", text)
    line = line_of(text, "  科技: [科技, 艺术,")
    assert str(err) == f"topics/_taxonomy.yml:{line}: 名称“艺术”同时属于领域“体育美育劳动”和“科技”（每个名称只归入一个领域）"


def test_domains_are_optional(topics: Path):
    text = TAXONOMY[: TAXONOMY.index("\ndomains:")] + "\n"
    (topics / "_taxonomy.yml").write_text(text, encoding="utf-8")
    assert load_themes(topics).domains == {}


def test_duplicate_group_is_refused(topics: Path):
    text = mutate(TAXONOMY, "  - slug: nurture\n", "  - slug: stages\n")
    err = refuse(topics, "_taxonomy.yml", text)
    line = line_of(text, "- slug: stages", line_of(text, "title: 学段"))
    assert str(err) == f"topics/_taxonomy.yml:{line}: 分组 slug“stages”重复（每个分组的 slug 必须唯一）"


def test_context_tier_and_stages_are_loaded():
    themes = load_themes(TOPICS)
    compulsory = themes.get("compulsory")
    assert compulsory.stages == ("义务教育", "中小学", "基础教育")
    assert "学位" in compulsory.context_terms and compulsory.terms["学位"] == TIER_WEIGHTS["context"] == 2.0
    assert "小学" not in compulsory.context_terms  # a strong term, not a context one
    assert themes.get("teachers").stages == () and not themes.get("teachers").context_terms
    assert {"学位", "布局"} <= set(themes.supply_terms)


def test_context_tier_needs_the_topics_stages(topics: Path):
    text = mutate(PRESCHOOL, "stages: [学前]\n", "")
    err = refuse(topics, "preschool.yml", text)
    # the line of the tier's first word, right under “context:”
    assert err.line == line_of(text, "context:") + 1
    assert str(err) == (
        f"topics/preschool.yml:{err.line}: 专题 preschool 有 context 档词语却没有 stages"
        "（写上本专题的学段（如 stages: [学前]），context 档的词只在句中出现该学段名称时计分）"
    )


def test_topic_stage_must_be_a_stage(topics: Path):
    text = mutate(PRESCHOOL, "stages: [学前]\n", "stages: [幼教]\n")
    err = refuse(topics, "preschool.yml", text)
    assert str(err) == (
        f"topics/preschool.yml:{line_of(text, 'stages: [幼教]')}: 专题 preschool 的 stages 中的“幼教”不是 _taxonomy.yml 中的学段"
        "（写 _taxonomy.yml 的 stages 里已有的学段名）"
    )
