"""Render-time transforms of plan pages (generator/site/notice.py) on the committed plans' Markdown."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator import PROJECT_ROOT
from generator.crossref.sitecfg import read_plan
from generator.importing.render import NOTICE_LABEL
from generator.site.notice import NoticeExtension


def render(text: str, active: bool = True) -> BeautifulSoup:
    html = markdown.markdown(text, extensions=["attr_list", "tables", NoticeExtension(active=active)])
    return BeautifulSoup(html, "html.parser")


def plan_html(slug: str) -> BeautifulSoup:
    return render(read_plan(PROJECT_ROOT / "docs" / "plans" / f"{slug}.md"))


def test_haidian_notice_is_a_closed_details_right_under_the_title() -> None:
    soup = plan_html("haidian")
    details = soup.h1.find_next_sibling()
    assert details.name == "details" and details["class"] == ["plan-notice"] and not details.has_attr("open")
    assert details.summary.get_text() == "原文在正文之前的印发通知与封面信息（8 段，点击展开）"
    paragraphs = [p.get_text() for p in details.find_all("p")]
    assert paragraphs[0] == "北京市海淀区人民政府关于印发《海淀区“十四五”时期教育改革和发展规划》的通知"
    assert paragraphs[-1] == "2022年1月" and len(paragraphs) == 8
    assert soup.find("blockquote") is None
    assert NOTICE_LABEL not in soup.get_text()


def test_huairou_cover_lines_are_collapsed() -> None:
    details = plan_html("huairou").find("details")
    assert [p.get_text() for p in details.find_all("p")] == ["怀政发〔2021〕32号", "2021年11月", "北京市怀柔区人民政府"]


def test_an_editors_note_without_a_notice_stays_visible() -> None:
    soup = plan_html("jingkai")
    assert soup.find("details") is None
    assert soup.h1.find_next_sibling().name == "blockquote"


def test_editors_note_stays_in_the_quote_and_the_notice_follows_collapsed() -> None:
    soup = render(f"# 标题\n\n> 说明：编者所加。\n>\n> {NOTICE_LABEL}\n>\n> 第一行\n>\n> 第二行\n\n正文。\n")
    quote, details = soup.h1.find_next_siblings()[:2]
    assert quote.name == "blockquote" and quote.get_text().strip() == "说明：编者所加。"
    assert details.name == "details" and [p.get_text() for p in details.find_all("p")] == ["第一行", "第二行"]


def test_inactive_extension_changes_nothing() -> None:
    text = f"# 标题\n\n> {NOTICE_LABEL}\n>\n> 第一行\n"
    assert render(text, active=False).find("details") is None


@pytest.mark.parametrize("slug", ["haidian", "huairou", "jingkai"])
def test_the_empty_row_number_header_is_named(slug: str) -> None:
    soup = plan_html(slug)
    empty = [th for th in soup.find_all("th") if not th.get_text(strip=True)]
    assert empty == []
    hidden = soup.select("th > span.visually-hidden")
    assert [s.get_text() for s in hidden] == ["序号"]


def test_an_empty_header_over_text_is_named_by_its_column() -> None:
    soup = render("# T\n\n|  | 指标 |\n|---|---|\n| 甲 | 1 |\n")
    assert soup.select_one("th > span.visually-hidden").get_text() == "第 1 列"
