"""Rendering: escaping makes raw text literal; the importer's own Markdown is the only Markdown."""

from __future__ import annotations

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from generator import PROJECT_ROOT
from generator.importing.render import (
    escape_block,
    escape_inline,
    front_matter,
    render_heading,
    render_paragraph,
    render_plan,
    review_comment,
)
from generator.importing.structure import Heading, Paragraph
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")
#: the Markdown extensions mkdocs.yml enables for plan pages
EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details"]


def html(text: str) -> BeautifulSoup:
    return BeautifulSoup(markdown.markdown(text, extensions=EXTENSIONS), "html.parser")


INJECTIONS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    "[点此](javascript:alert(1))",
    "<javascript:alert(1)>",
    "[x](y)",
    "![x](y)",
    "学前教育 {#s1 .evil onclick=alert(1)}",
    "*强调* __粗体__ `代码`",
    "<!-- 注释 -->",
    "&amp; &lt;b&gt;",
    "*[HTML]: 缩写定义",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_raw_text_comes_out_as_literal_visible_text(text: str) -> None:
    soup = html(render_paragraph(text))
    assert soup.find_all(["script", "img", "iframe", "a", "em", "strong", "code", "abbr"]) == []
    paragraph = soup.find("p")
    assert paragraph is not None
    assert paragraph.get_text() == text
    assert not paragraph.attrs


@pytest.mark.parametrize("text", INJECTIONS)
def test_headings_escape_their_text_and_carry_only_their_own_id(text: str) -> None:
    soup = html(render_heading(Heading(3, "s2-1", text)))
    h3 = soup.find("h3")
    assert h3 is not None
    assert h3["id"] == "s2-1"
    assert set(h3.attrs) == {"id"}
    assert h3.get_text().rstrip("¶") == text
    assert soup.find_all(["script", "img", "iframe", "a"]) == soup.find_all("a", class_="headerlink")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. 党对教育工作的全面领导全面加强。", "1\\. 党对教育工作的全面领导全面加强。"),
        ("- 列表", "\\- 列表"),
        ("+ 列表", "\\+ 列表"),
        ("---", "\\---"),
        ("~~~", "&#126;~~"),
        ("!!! note", "\\!\\!\\! note"),
        ("??? 折叠", "&#63;?? 折叠"),
        ("# 标题", "\\# 标题"),
        ("> 引用", "&gt; 引用"),
    ],
)
def test_line_start_syntax_is_neutralised(text: str, expected: str) -> None:
    assert escape_block(text) == expected
    soup = html(escape_block(text))
    assert soup.find_all(["ol", "ul", "h1", "h2", "hr", "pre", "blockquote", "details", "div"]) == []
    assert soup.get_text().strip() == text


def test_numbers_and_chinese_punctuation_are_not_escaped() -> None:
    text = "1,000 人，占比 3.5%（见表1），“1+3”格局"
    assert escape_inline(text) == text


def test_bold_lead_ins_of_the_source_stay_bold() -> None:
    # mentougou writes **——…。**, huairou writes ——**…。**
    for source, bold in (
        ("**——党的建设更加坚强有力。**教育系统党的思想建设……全面加强。", "——党的建设更加坚强有力。"),
        ("——**党建引领教育发展的能力全面提升。**教育系统党建和思想政治工作不断加强。", "党建引领教育发展的能力全面提升。"),
    ):
        rendered = render_paragraph(source)
        soup = html(rendered)
        assert [s.get_text() for s in soup.find_all("strong")] == [bold]
        assert soup.get_text().strip() == source.replace("**", "")


def test_stray_asterisks_are_literal() -> None:
    soup = html(render_paragraph("比例 5*3 和 a**b 以及 **未闭合"))
    assert soup.find_all(["strong", "em"]) == []
    assert soup.get_text().strip() == "比例 5*3 和 a**b 以及 **未闭合"


def test_review_comment_cannot_be_closed_early() -> None:
    comment = review_comment("单元格 --> <script>x</script>\n第二行")
    assert comment.startswith("<!-- review: ") and comment.endswith(" -->")
    assert comment.count("-->") == 1
    assert "\n" not in comment


def test_front_matter_round_trips_the_registry_and_notice() -> None:
    plan = REGISTRY.get("huairou")
    text = front_matter(plan, ["怀政发〔2021〕32号", "2021年11月", "北京市怀柔区人民政府"])
    assert text.startswith("---\n") and text.endswith("---\n")
    data = yaml.safe_load(text.strip().strip("-"))
    assert data == {**plan.front_matter(), "notice": ["怀政发〔2021〕32号", "2021年11月", "北京市怀柔区人民政府"]}
    assert list(data)[:4] == ["slug", "district", "short_name", "title"]


def test_supplied_title_is_marked_and_the_notice_is_a_quote() -> None:
    plan = REGISTRY.get("jingkai")
    page = render_plan(plan, ["特此通知。"], [Heading(2, "s0", "序言"), Paragraph("正文。")], lambda i: ("", []))
    body = page.split("---\n", 2)[2]
    assert body.count("\n# ") == 1 and body.lstrip().startswith("# 北京经济技术开发区“十四五”时期教育发展规划")
    soup = html(body)
    quotes = soup.find_all("blockquote")
    assert len(quotes) == 1
    assert [p.get_text() for p in quotes[0].find_all("p")] == [
        "说明：原文没有标题行，以上标题由编者根据正文拟定，并非原文标题。",
        "原文在正文之前的印发通知与封面信息：",
        "特此通知。",
    ]
    assert [h.name for h in soup.find_all(["h1", "h2"])] == ["h1", "h2"]
