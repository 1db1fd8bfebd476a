"""Rule 1: the publishing notice and cover blocks become the page's notice, not numbered body text."""

from __future__ import annotations

from generator import PROJECT_ROOT
from generator.importing.clean.chrome import strip_chrome
from generator.importing.clean.front import split_front, squash_title
from generator.importing.clean.whitespace import strip_indentation
from generator.importing.readers import read_raw
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")


def front(slug: str):
    plan = REGISTRY.get(slug)
    text = strip_indentation(strip_chrome(read_raw(REGISTRY.raw_path(plan)).text))
    return split_front(text, plan.title)


def first_line(body: str) -> str:
    return next(line for line in body.split("\n") if line.strip())


def test_haidian_notice_and_cover_are_kept_verbatim_without_the_title() -> None:
    result = front("haidian")
    assert result.notice == (
        "北京市海淀区人民政府关于印发《海淀区“十四五”时期教育改革和发展规划》的通知",
        "各镇政府、街道(地区)办事处,各委、办、局,区属各单位:",
        "经区政府研究同意,现将《海淀区“十四五”时期教育改革和发展规划》印发给你们,请认真贯彻执行。",
        "特此通知。",
        "北京市海淀区人民政府",
        "2022年1月1日",
        "北京市海淀区人民政府",
        "2022年1月",
    )
    assert first_line(result.body).startswith("国民经济和社会发展第十四个五年规划执行时期是海淀教育")
    assert "特此通知" not in result.body


def test_huairou_cover_block_document_number_date_issuer() -> None:
    result = front("huairou")
    assert result.notice == ("怀政发〔2021〕32号", "2021年11月", "北京市怀柔区人民政府")
    assert first_line(result.body).startswith("“十四五”时期是首都向实现高水平教育现代化迈进的重要时期")
    assert "怀政发" not in result.body


def test_mentougou_markdown_title_is_not_a_notice() -> None:
    result = front("mentougou")
    assert result.notice == ()
    assert first_line(result.body).startswith("“十四五”时期是我国全面建设社会主义现代化国家新征程")


def test_dongcheng_title_line_without_toc_is_removed() -> None:
    result = front("dongcheng")
    assert result.notice == ()
    assert first_line(result.body).startswith("编制和实施国民经济和社会发展五年规划")


def test_jingkai_has_no_front_block_and_keeps_its_preface() -> None:
    result = front("jingkai")
    assert result.notice == ()
    assert first_line(result.body) == "序言：建设北京经济技术开发区高质量教育体系"


def test_title_comparison_ignores_blanks_and_markup() -> None:
    assert squash_title("“十四五”时期 怀柔区教育事业发展行动计划") == squash_title("“十四五”时期怀柔区教育事业发展行动计划")
    assert squash_title("# **标题**") == "标题"
