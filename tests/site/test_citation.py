"""Citation formats (generator/site/citation.py): exact text for a plan with issuer and document number
(huairou: 北京市怀柔区人民政府, 怀政发〔2021〕32号, 2021年11月) and one with neither (dongcheng: no
issuer, number or date), plus the supplied-title case (jingkai)."""

from __future__ import annotations

from datetime import date

import pytest

from generator import PROJECT_ROOT
from generator.registry import Plan, load_registry
from generator.site import citation

SITE = "https://example.github.io/beijing-edu-plans/"
ACCESSED = date(2026, 12, 1)


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    registry = load_registry(PROJECT_ROOT / "corpus" / "plans.yml", check_files=False)
    return {p.slug: p for p in registry.plans}


def test_gbt7714_with_issuer_document_number_and_date(plans: dict[str, Plan]) -> None:
    url = SITE + "plans/huairou/#s3-3-1-p1"
    assert citation.gbt7714(plans["huairou"], url, ACCESSED) == (
        "北京市怀柔区人民政府. “十四五”时期怀柔区教育事业发展行动计划: 怀政发〔2021〕32号[EB/OL]. (2021-11)[2026-12-01]. "
        "https://example.github.io/beijing-edu-plans/plans/huairou/#s3-3-1-p1."
    )


def test_gbt7714_without_issuer_number_or_date_starts_with_the_title(plans: dict[str, Plan]) -> None:
    url = SITE + "plans/dongcheng/#s3-1-4"
    assert citation.gbt7714(plans["dongcheng"], url, ACCESSED) == (
        "东城区“十四五”时期教育事业发展规划[EB/OL]. [2026-12-01]. https://example.github.io/beijing-edu-plans/plans/dongcheng/#s3-1-4."
    )


def test_gbt7714_issue_example_and_supplied_title(plans: dict[str, Plan]) -> None:
    assert citation.gbt7714(plans["haidian"], "https://…/plans/haidian/#s4-4", ACCESSED) == (
        "北京市海淀区人民政府. 海淀区“十四五”时期教育改革和发展规划[EB/OL]. (2022-01)[2026-12-01]. https://…/plans/haidian/#s4-4."
    )
    assert citation.gbt7714(plans["jingkai"], "U", "2026-12-01") == (
        "北京经济技术开发区“十四五”时期教育发展规划（标题为编者所加）[EB/OL]. [2026-12-01]. U."
    )


def test_the_browser_template_is_the_same_entry_with_placeholders(plans: dict[str, Plan]) -> None:
    template = citation.gbt7714_template(plans["huairou"])
    filled = template.replace(citation.URL, "U").replace(citation.ACCESSED, "2026-12-01")
    assert filled == citation.gbt7714(plans["huairou"], "U", ACCESSED)
    assert template.count(citation.URL) == 1 and template.count(citation.ACCESSED) == 1


def test_bibtex_huairou(plans: dict[str, Plan]) -> None:
    assert citation.bibtex(plans["huairou"], SITE + "plans/huairou/") == (
        "@misc{huairou2021,\n"
        "  author    = {{北京市怀柔区人民政府}},\n"
        "  title     = {“十四五”时期怀柔区教育事业发展行动计划},\n"
        "  number    = {怀政发〔2021〕32号},\n"
        "  year      = {2021},\n"
        "  month     = {11},\n"
        "  date      = {2021-11},\n"
        "  publisher = {北京市怀柔区人民政府},\n"
        "  address   = {北京},\n"
        "  url       = {https://example.github.io/beijing-edu-plans/plans/huairou/},\n"
        "  langid    = {chinese}\n"
        "}\n"
    )


def test_bibtex_dongcheng(plans: dict[str, Plan]) -> None:
    assert citation.bibtex(plans["dongcheng"], SITE + "plans/dongcheng/") == (
        "@misc{dongcheng,\n"
        "  title   = {东城区“十四五”时期教育事业发展规划},\n"
        "  address = {北京},\n"
        "  url     = {https://example.github.io/beijing-edu-plans/plans/dongcheng/},\n"
        "  langid  = {chinese}\n"
        "}\n"
    )


def test_ris_huairou(plans: dict[str, Plan]) -> None:
    assert citation.ris(plans["huairou"], SITE + "plans/huairou/") == (
        "TY  - GOVDOC\r\n"
        "TI  - “十四五”时期怀柔区教育事业发展行动计划\r\n"
        "AU  - 北京市怀柔区人民政府\r\n"
        "PY  - 2021\r\n"
        "DA  - 2021/11\r\n"
        "M1  - 怀政发〔2021〕32号\r\n"
        "CY  - 北京\r\n"
        "PB  - 北京市怀柔区人民政府\r\n"
        "LA  - zh\r\n"
        "UR  - https://example.github.io/beijing-edu-plans/plans/huairou/\r\n"
        "ER  - \r\n"
    )


def test_ris_dongcheng(plans: dict[str, Plan]) -> None:
    assert citation.ris(plans["dongcheng"], SITE + "plans/dongcheng/") == (
        "TY  - GOVDOC\r\n"
        "TI  - 东城区“十四五”时期教育事业发展规划\r\n"
        "CY  - 北京\r\n"
        "LA  - zh\r\n"
        "UR  - https://example.github.io/beijing-edu-plans/plans/dongcheng/\r\n"
        "ER  - \r\n"
    )


def test_supplied_title_is_noted_in_bibtex_and_ris(plans: dict[str, Plan]) -> None:
    assert "  note    = {标题为编者所加}\n" in citation.bibtex(plans["jingkai"], "U")
    assert "N1  - 标题为编者所加\r\n" in citation.ris(plans["jingkai"], "U")


@pytest.mark.parametrize(
    ("stated", "iso"),
    [
        ("2021年11月", "2021-11"),
        ("2022年1月", "2022-01"),
        ("2022年1月1日", "2022-01-01"),
        ("2021年", "2021"),
        (" 2021 年 3 月 ", "2021-03"),
    ],
)
def test_dates_as_stated_become_iso_with_their_precision(stated: str, iso: str) -> None:
    parsed = citation.parse_date(stated)
    assert parsed is not None and parsed.iso == iso


@pytest.mark.parametrize("stated", [None, "", "2021年底", "十一月"])
def test_dates_in_other_forms_are_left_out(stated: str | None) -> None:
    assert citation.parse_date(stated) is None


def test_bibtex_escapes_its_special_characters() -> None:
    plan = Plan("x", "某区", "某", "50% & #1 {计划}_草案", False, "某区政府", None, None, "x.txt", "")
    entry = citation.bibtex(plan, "https://e.org/a_b%20c/")
    assert "title     = {50\\% \\& \\#1 \\{计划\\}\\_草案}," in entry
    assert "url       = {https://e.org/a_b%20c/}," in entry  # the url field is verbatim
