"""Rules 3 and 4: heading levels from the numbering scheme; explicit, stable, unique ids."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.importing.pipeline import convert_plan, convert_text
from generator.importing.readers import read_raw
from generator.importing.structure import Heading, Numbered, Paragraph, cn_number, match_numbered, normalise_caption, strip_markup
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")
SLUGS = ("dongcheng", "haidian", "huairou", "jingkai", "mentougou")


@pytest.fixture(scope="module")
def plans():
    return {slug: convert_plan(REGISTRY, REGISTRY.get(slug)) for slug in SLUGS}


def headings(converted) -> list[tuple[int, str, str]]:
    return [(b.level, b.id, b.text) for b in converted.blocks if isinstance(b, Heading)]


def heading(converted, ident: str) -> tuple[int, str]:
    found = [(level, text) for level, i, text in headings(converted) if i == ident]
    assert len(found) == 1, ident
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一", 1), ("九", 9), ("十", 10), ("十五", 15), ("二十", 20), ("二十三", 23)],
)
def test_chinese_numerals(text: str, expected: int) -> None:
    assert cn_number(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("一、发展基础与形势要求", Numbered("h2", 1, "发展基础与形势要求")),
        ("（十五）深化新时代教育评价改革", Numbered("h3", 15, "深化新时代教育评价改革")),
        ("(一) 持续加强党对教育工作的全面领导", Numbered("h3", 1, "持续加强党对教育工作的全面领导")),
        ("1.服务国家和北京的重大战略对教育提出了新要求", Numbered("h4", 1, "服务国家和北京的重大战略对教育提出了新要求")),
        ("3. 国际化教育供给不足。", Numbered("h4", 3, "国际化教育供给不足。")),
        ("（2）完善评价机制", Numbered("h5", 2, "完善评价机制")),
        ("附件 1", Numbered("appendix", 1, "")),
        ("附件2：谋划办好225平方公里教育", Numbered("appendix", 2, "谋划办好225平方公里教育")),
        ("序言：建设北京经济技术开发区高质量教育体系", Numbered("preface", 0, "序言：建设北京经济技术开发区高质量教育体系")),
        # long numbered paragraphs stay paragraphs
        ("1. 党对教育工作的全面领导全面加强。坚持用习近平新时代中国特色社会主义思想武装头脑。", None),
        ("一是教育的规模、布局、结构、质量还不完全适应经开区发展变化的节奏。", None),
        ("2019年召开全区教育大会", None),
        ("3.5%的增长", None),
    ],
)
def test_match_numbered(line: str, expected: Numbered | None) -> None:
    assert match_numbered(line) == expected


def test_markup_of_the_pdf_export_is_ignored() -> None:
    assert strip_markup("## **一、发展基础与形势要求**") == "一、发展基础与形势要求"
    assert strip_markup("#### **1. 党的领导和党的建设持续夯实**") == "1. 党的领导和党的建设持续夯实"
    assert strip_markup("**——党的建设更加坚强有力。**教育系统") == "**——党的建设更加坚强有力。**教育系统"


def test_captions_are_normalised() -> None:
    assert normalise_caption("表 1 教育事业发展与人力资源开发主要指标进展") == "表1 教育事业发展与人力资源开发主要指标进展"
    assert normalise_caption("专栏:教育事业发展主要指标") == "专栏：教育事业发展主要指标"


def test_mentougou_levels_come_from_numbers_not_from_hashes(plans) -> None:
    raw = read_raw(PROJECT_ROOT / "corpus" / "raw" / "mentougou.txt").text
    assert "\n### 三、主要任务\n" in raw and "\n## **2. 教育综合改革力度持续加强" in raw
    assert "\n#### **四、重点举措**\n" in raw and "\n##### **（一）提升教育服务和支撑社会发展的能级水平**\n" in raw
    converted = plans["mentougou"]
    assert heading(converted, "s3") == (2, "三、主要任务")
    assert heading(converted, "s1-1-2") == (4, "2. 教育综合改革力度持续加强，优质教育资源辐射效应逐步显现")
    assert heading(converted, "s4") == (2, "四、重点举措")
    assert heading(converted, "s4-1") == (3, "（一）提升教育服务和支撑社会发展的能级水平")
    assert heading(converted, "s1-2") == (3, "（二）发展形势与要求")


def test_mentougou_table_captions_are_headings_one_level_below_their_section(plans) -> None:
    converted = plans["mentougou"]
    assert heading(converted, "b1") == (5, "表1 教育事业发展与人力资源开发主要指标进展")
    assert heading(converted, "b2") == (4, "表2 门头沟区“十四五”时期教育事业主要指标")
    assert heading(converted, "b3") == (4, "表3 门头沟区“十四五”时期重点项目")


def test_huairou_mixed_brackets_and_short_numbered_titles(plans) -> None:
    converted = plans["huairou"]
    assert heading(converted, "s3-1") == (3, "（一）持续加强党对教育工作的全面领导")  # (一) in the raw text
    assert heading(converted, "s3-4-2") == (4, "2. 完善终身教育制度环境和推进机制。")
    assert heading(converted, "s1-2-3") == (4, "3. 国际化教育供给不足。")
    assert heading(converted, "s2-3-zl1") == (4, "专栏：教育事业发展主要指标")
    # 二、（三） lists five goals as long numbered paragraphs: they stay paragraphs
    goals = [b.text for b in converted.blocks if isinstance(b, Paragraph) and b.text[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert [g[:12] for g in goals] == [
        "1. 党对教育工作的全面",
        "2. 基本公共教育服务优",
        "3. 科学育人能力明显提",
        "4. 服务怀柔经济社会发",
        "5. 教育治理体系规范高",
    ]


def test_appendices(plans) -> None:
    assert heading(plans["huairou"], "fj1") == (2, "附件1 “十四五”时期基础教育领域教育设施专项规划一览表")
    assert heading(plans["huairou"], "fj2") == (2, "附件2 怀柔区“十四五”时期重点项目一览表")
    assert heading(plans["jingkai"], "fj1") == (2, "附件1：“十四五”时期重点项目、工程一览表")
    assert heading(plans["haidian"], "fj2") == (2, "附件2 “十四五”时期海淀教育重点项目（24项）")


def test_jingkai_appendix_2_restarts_numbering_nested_under_it(plans) -> None:
    converted = plans["jingkai"]
    assert heading(converted, "fj2") == (2, "附件2：谋划办好225平方公里教育")
    assert heading(converted, "fj2-1") == (3, "一、系统布局，全面提升")
    assert heading(converted, "fj2-3") == (3, "三、分期指引，逐步推动")
    assert heading(converted, "s1") == (2, "一、规划背景")  # the body's own 一、 keeps s1


def test_jingkai_preface_and_box(plans) -> None:
    converted = plans["jingkai"]
    assert headings(converted)[0] == (2, "s0", "序言：建设北京经济技术开发区高质量教育体系")
    assert heading(converted, "s2-2-zl1") == (4, "专栏：经开区教育事业发展主要指标")


def test_missing_levels_join_only_the_numbers_present(plans) -> None:
    converted = plans["dongcheng"]
    assert heading(converted, "s5") == (2, "五、实施保障")
    assert heading(converted, "s5-1") == (4, "1.加强组织保障，提供教育政策支持")
    assert heading(converted, "s3-4-2") == (4, "2.深化创新实践，推进教育综合改革")


def test_haidian_attachment_list_is_not_a_heading(plans) -> None:
    converted = plans["haidian"]
    texts = [b.text for b in converted.blocks if isinstance(b, Paragraph)]
    assert "附件：1.“十四五”时期海淀教育10大工程" in texts
    assert "2.“十四五”时期海淀教育重点项目（24项）" in texts
    assert heading(converted, "fj1") == (2, "附件：1.“十四五”时期海淀教育10大工程")


@pytest.mark.parametrize("slug", SLUGS)
def test_ids_are_unique_per_page(plans, slug: str) -> None:
    ids = [i for _, i, _ in headings(plans[slug])]
    assert len(ids) == len(set(ids))


def test_fixing_a_heading_wording_does_not_move_any_id() -> None:
    plan = REGISTRY.get("mentougou")
    raw = read_raw(REGISTRY.raw_path(plan)).text
    edited = raw.replace("#### **（四）推进义务教育优质均衡发展**", "#### **（四）推进义务教育优质均衡发展（修订措辞）**")
    assert edited != raw
    before = convert_text(plan, raw, REGISTRY.raw_path(plan))
    after = convert_text(plan, edited, REGISTRY.raw_path(plan))
    assert [i for _, i, _ in headings(before)] == [i for _, i, _ in headings(after)]
    assert heading(after, "s3-4") == (3, "（四）推进义务教育优质均衡发展（修订措辞）")


def test_heading_counts(plans) -> None:
    assert {slug: len(headings(plans[slug])) for slug in SLUGS} == {
        "dongcheng": 108,
        "haidian": 31,
        "huairou": 65,
        "jingkai": 77,
        "mentougou": 40,
    }
