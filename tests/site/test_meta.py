"""Head metadata (generator/site/meta.py): values from the registry, every one escaped."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from generator.registry import Plan
from generator.site import meta

HOSTILE = Plan(
    slug="x",
    district='某"区',
    short_name="某",
    title='“十四五”规划" onload="alert(1)',
    title_supplied=False,
    issuer="某区人民政府 & </script><script>alert(2)</script>",
    doc_number='某政发〔2021〕1号"',
    date="2021年11月",
    raw="x.txt",
    provenance="",
)


def head(plan: Plan) -> BeautifulSoup:
    description = meta.plan_description(plan)
    html = meta.page_head(title=plan.title, description=description, url="https://e.org/plans/x/", site_name="站", plan=plan)
    return BeautifulSoup(f"<head>{html}</head>", "html.parser")


def test_hostile_values_stay_values() -> None:
    soup = head(HOSTILE)
    assert soup.find_all(attrs={"onload": True}) == []
    scripts = soup.find_all("script")
    assert len(scripts) == 1 and scripts[0]["type"] == "application/ld+json"
    assert "</script>" not in scripts[0].decode_contents()
    data = json.loads(scripts[0].string)
    assert data["author"]["name"] == HOSTILE.issuer
    assert data["name"] == HOSTILE.title
    values = {(m.get("name") or m.get("property")): m["content"] for m in soup.find_all("meta")}
    assert values["citation_title"] == HOSTILE.title
    assert values["citation_author"] == HOSTILE.issuer
    assert values["citation_technical_report_number"] == HOSTILE.doc_number
    assert values["og:title"] == HOSTILE.title


def test_plan_tags_and_legislation_for_a_plan_without_issuer_number_or_date() -> None:
    plan = Plan("d", "东城区", "东城", "东城区“十四五”时期教育事业发展规划", False, None, None, None, "d.txt", "")
    names = [t.key for t in meta.plan_tags(plan, "https://e.org/plans/d/")]
    assert names == ["citation_title", "citation_language", "citation_fulltext_html_url", "DC.title", "DC.identifier", "DC.language"]
    data = meta.legislation(plan, "https://e.org/plans/d/", "说明")
    assert data == {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": "东城区“十四五”时期教育事业发展规划",
        "description": "说明",
        "inLanguage": "zh-CN",
        "legislationJurisdiction": {"@type": "AdministrativeArea", "name": "东城区"},
        "url": "https://e.org/plans/d/",
    }


def test_json_for_script_escapes_what_could_end_the_element() -> None:
    assert meta.json_for_script({"a": "</script>&"}) == '{"a":"\\u003c/script\\u003e\\u0026"}'


def test_first_paragraph_skips_quotes_and_tables_and_shortens_at_a_sentence_end() -> None:
    html = "<h1>T</h1><blockquote><p>引用的话，不要用它。</p></blockquote><p>短</p>" + "<p>" + "甲" * 70 + "。" + "乙" * 70 + "。</p>"
    assert meta.first_paragraph(html) == "甲" * 70 + "。"
    assert meta.first_paragraph("<table><tr><td><p>表格里的段落文字。</p></td></tr></table>") == ""
    assert meta.shorten("丙" * 130) == "丙" * 120 + "……"


def test_open_graph_on_a_page_that_is_not_a_plan() -> None:
    tags = meta.open_graph("学前教育", "各区的学前教育段落。", "https://e.org/themes/preschool/", "站", article=False)
    assert [(t.key, t.value) for t in tags] == [
        ("og:type", "website"),
        ("og:title", "学前教育"),
        ("og:description", "各区的学前教育段落。"),
        ("og:url", "https://e.org/themes/preschool/"),
        ("og:site_name", "站"),
        ("og:locale", "zh_CN"),
    ]


def test_first_paragraph_joins_chinese_lines_and_keeps_spaces_between_latin_words() -> None:
    html = "<p>本站把北京“十四五”规划整理成<strong>可检索</strong>的网页，\n并按四个专题 ABC\ndef 对照。</p>"
    assert meta.first_paragraph(html) == "本站把北京“十四五”规划整理成可检索的网页，并按四个专题 ABC def 对照。"
