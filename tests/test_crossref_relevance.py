"""Theme assignment on real passages: positives by section, lead and text; list-only negatives."""

from __future__ import annotations

import re

import pytest

from generator import PROJECT_ROOT
from generator.crossref.build import CrossReference, build
from generator.crossref.evaluate import evaluate, load_labels, predict
from generator.crossref.relevance import enumeration_spans
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import load_themes
from generator.registry import load_registry

THEMES = load_themes(PROJECT_ROOT / "themes.yml")
EXTENSIONS, CONFIGS = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")
STAGE_OF = THEMES.stage_of
STAGE_RE = re.compile("|".join(sorted(map(re.escape, STAGE_OF), key=len, reverse=True)))


@pytest.fixture(scope="module")
def xref() -> CrossReference:
    registry = load_registry(PROJECT_ROOT / "corpus" / "plans.yml", check_files=False)
    texts = {p.slug: read_plan(PROJECT_ROOT / "docs" / "plans" / f"{p.slug}.md") for p in registry.plans}
    return build(registry.plans, texts, THEMES, EXTENSIONS, CONFIGS)


def reasons(xref: CrossReference, plan: str, pid: str) -> dict[str, str]:
    return {
        slug: c.judgement.reason
        for slug, result in xref.results.items()
        for c in result.citations
        if c.plan.slug == plan and c.passage.id == pid
    }


def test_section_about_the_theme(xref):
    # haidian 四（四）学前教育普及普惠安全优质发展
    assert reasons(xref, "haidian", "s4-4-p2") == {"preschool": "section"}
    # haidian 四（十二）建设高素质专业化创新型干部教师队伍
    assert reasons(xref, "haidian", "s4-12-p3") == {"teachers": "section"}
    # dongcheng 四（二）贯彻落实国家“双减”政策……3.注重严格监管，规范校外培训机构
    assert reasons(xref, "dongcheng", "s4-2-3-p1") == {"compulsory": "section"}
    assert reasons(xref, "haidian", "s4-13-p3") == {"smart-education": "section"}


def test_run_in_heading_governs_following_paragraphs(xref):
    # “——坚持人才强教，干部教师队伍建设取得新进展” is a paragraph acting as a heading
    assert reasons(xref, "haidian", "s1-1-p21") == {"teachers": "lead"}
    assert reasons(xref, "haidian", "s1-1-p22") == {"teachers": "section"}
    assert reasons(xref, "haidian", "s1-1-p24") == {"teachers": "section"}


def test_lead_phrase_and_table_names(xref):
    assert reasons(xref, "haidian", "s3-p3") == {"preschool": "lead"}  # ——学前教育更加普及普惠、安全优质。
    assert reasons(xref, "mentougou", "b2-p9") == {"smart-education": "lead"}  # 智慧校园覆盖率
    # an indicator about compulsory-school teachers belongs to both themes
    assert reasons(xref, "haidian", "b1-p5") == {"compulsory": "lead", "teachers": "lead"}
    assert reasons(xref, "mentougou", "b3-p4") == {"teachers": "lead"}  # 教师队伍质量提升项目


def test_own_text_about_the_theme(xref):
    # in the special-education section, but about special-education teachers' training and pay
    assert reasons(xref, "haidian", "s4-9-p4") == {"teachers": "text"}
    # a passage mainly about 双减 under the “人民群众的教育获得感” goal
    assert reasons(xref, "haidian", "s3-p11") == {"compulsory": "text"}


def test_list_of_stages_is_not_about_any_stage(xref):
    # “在教育结构上，大力发展普惠幼儿园……；强化政府统筹，实现义务教育优质均衡发展；……”
    assert reasons(xref, "haidian", "s1-2-p4") == {}
    # “加强全区学前教育、义务教育、高中教育学段学位供需研究……”
    assert reasons(xref, "dongcheng", "s2-4-p2") == {}
    # “实现学前教育、义务教育以及中等职业教育教师的全覆盖” counts for teachers only
    assert "preschool" not in reasons(xref, "haidian", "s4-9-p4")
    assert "compulsory" not in reasons(xref, "haidian", "s4-9-p4")


def test_overview_of_all_stages_is_not_about_one(xref):
    # huairou “2. 基本公共教育服务优质均衡水平明显提升。……学前教育……义务教育……高中阶段教育……”
    assert reasons(xref, "huairou", "s2-3-p4") == {}


def test_other_stage_inside_a_theme_section_is_left_out(xref):
    # jingkai 三（三）中小学教育公平优质发展: the 选课走班 paragraph is about 普通高中
    assert reasons(xref, "jingkai", "s3-3-2-p1") == {"compulsory": "section"}
    assert reasons(xref, "jingkai", "s3-3-2-p2") == {}


def test_ignored_phrase_does_not_make_a_passage_about_teachers(xref):
    # “探索试行党组织领导的校长负责制……” is about school governance
    assert reasons(xref, "jingkai", "s3-1-1-p2") == {}


def spans_of(text: str) -> list[str]:
    return [text[s:e] for s, e in enumeration_spans(text, STAGE_RE, STAGE_OF)]


def test_enumeration_spans():
    assert spans_of("学前教育、义务教育、普通高中教育全覆盖，大力发展普惠幼儿园") == ["学前教育、义务教育、普通高中"]
    assert spans_of("区内中小学、幼儿园配备全部达标") == ["中小学、幼儿园"]
    assert spans_of("统筹规划布局从高质量学前教育到高中教育阶段") == ["学前教育到高中"]
    # names of one stage side by side are not an enumeration
    assert spans_of("学前教育、幼儿园") == []
    assert spans_of("推动学前教育普及普惠") == []


def test_sub_topics(xref):
    preschool = {c.passage.id: c.subtopic for c in xref.results["preschool"].citations if c.plan.slug == "haidian"}
    assert preschool["s4-4-p4"] == "safety"  # 完善督评体制，提升区域学前教育规范水平
    assert preschool["s4-4-p3"] == "quality"  # 加强内涵建设……科学保教
    teachers = {c.passage.id: c.subtopic for c in xref.results["teachers"].citations if c.plan.slug == "haidian"}
    assert teachers["s4-12-p2"] == "ethics"  # 提升干部教师思想政治素质和师德师风水平


def test_main_sections(xref):
    main = {slug: {p: (m.section.id if m else None) for p, m in r.main_sections.items()} for slug, r in xref.results.items()}
    assert main["preschool"] == {"dongcheng": "s3-3", "haidian": "s4-4", "huairou": "s3-3-1", "jingkai": "s3-2", "mentougou": "s3-3"}
    assert main["compulsory"]["haidian"] == "s4-5"
    assert main["compulsory"]["dongcheng"] == "s3-4"
    assert main["teachers"] == {"dongcheng": "s3-7", "haidian": "s4-12", "huairou": "s3-5", "jingkai": "s4-4", "mentougou": "s4-3"}
    # huairou （七）…推进教育与现代科技深度融合发展: its three sub-headings name the theme
    assert main["smart-education"]["huairou"] == "s3-7"
    dongcheng = xref.results["smart-education"].main_sections["dongcheng"]
    assert dongcheng.section.id == "s4-3"
    assert [s.id for s, _ in dongcheng.others][:1] == ["s3-8"]


def test_hand_labels_stay_above_the_agreed_floor():
    """Regression guard on the hand-labelled plans (the numbers themselves: README / evaluate)."""
    labels = dict(load_labels(p) for p in sorted((PROJECT_ROOT / "tests" / "data" / "labels").glob("*.yml")))
    assert sorted(labels) == ["dongcheng", "haidian", "mentougou"]
    predicted = predict(THEMES, PROJECT_ROOT / "docs" / "plans", labels, EXTENSIONS, CONFIGS)
    for plan, passages in labels.items():
        assert set(passages) == set(predicted[plan]), f"{plan}: labelled ids no longer match the plan"
    result = evaluate(labels, predicted, [t.slug for t in THEMES.themes])
    for slug, counts in result.items():
        assert counts.precision >= 0.90, (slug, counts.precision)
        assert counts.recall >= 0.85, (slug, counts.recall)
