"""Passage ids: one treeprocessor, stable under edits elsewhere, same ids for extraction and pages."""

from __future__ import annotations

from typing import ClassVar

import markdown
import pytest
from markdown.treeprocessors import Treeprocessor

from generator import PROJECT_ROOT
from generator.crossref.passages import PRIORITY, PassageExtension, extract_passages, path_label, split_number
from generator.crossref.sitecfg import read_plan, site_markdown_extensions

EXTENSIONS, CONFIGS = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")


def plan_text(slug: str) -> str:
    return read_plan(PROJECT_ROOT / "docs" / "plans" / f"{slug}.md")


def by_id(text: str) -> dict:
    return {p.id: p for p in extract_passages(text, EXTENSIONS, CONFIGS)}


@pytest.fixture(scope="module")
def haidian() -> str:
    return plan_text("haidian")


def test_real_plan_passages_have_section_ids(haidian):
    passages = by_id(haidian)
    p = passages["s4-4-p2"]
    assert p.kind == "p"
    assert p.text.startswith("制定实施新一期学前教育行动计划。加快解决“入园难”问题")
    assert p.section_id == "s4-4"
    assert [s.id for s in p.path] == ["s4", "s4-4"]
    assert p.section_label == "四（四）学前教育普及普惠安全优质发展"


def test_table_rows_are_passages_with_cells(haidian):
    row = by_id(haidian)["b1-p1"]
    assert row.kind == "tr"
    assert row.cells == ("1", "学前三年入园率（%）", "90", ">90")
    assert row.header == ("", "指标", "2020年", "2025年")
    assert row.text == "1 | 学前三年入园率（%） | 90 | >90"


def test_notice_blockquote_is_not_a_passage(haidian):
    texts = [p.text for p in extract_passages(haidian, EXTENSIONS, CONFIGS)]
    assert not any("特此通知" in t for t in texts)
    assert texts[0].startswith("国民经济和社会发展第十四个五年规划执行时期")


def test_edit_in_another_section_does_not_move_ids(haidian):
    before = by_id(haidian)
    marker = "### （四）学前教育普及普惠安全优质发展 {#s4-4}"
    assert marker in haidian
    edited = haidian.replace(marker, "新增的一段说明文字。\n\n" + marker, 1)
    after = by_id(edited)
    # the section that received a new paragraph renumbers …
    assert after["s4-3-p5"].text == "新增的一段说明文字。"
    # … every other section keeps its ids and texts
    for pid in ("s4-4-p1", "s4-4-p2", "s4-5-p3", "b1-p1", "s1-1-p9"):
        assert after[pid].text == before[pid].text


def test_ids_match_between_extraction_and_page(haidian):
    ext = PassageExtension()
    html = markdown.Markdown(extensions=[*EXTENSIONS, ext], extension_configs=CONFIGS).convert(haidian)
    extracted = [p.id for p in extract_passages(haidian, EXTENSIONS, CONFIGS)]
    assert [p.id for p in ext.passages] == extracted
    assert '<p class="passage" id="s4-4-p2">' in html
    assert html.count('class="passage-permalink"') == len(extracted)


def test_decoration_permalink_and_chips():
    text = "## 一、任务 {#s1}\n\n第一段。\n\n- 列表项\n\n| 指标 | 2020年 |\n|---|---|\n| 入园率 | 90 |\n"
    ext = PassageExtension(chips={"s1-p1": [("preschool", "学前教育", "haidian-s1-p1")]})
    html = markdown.Markdown(extensions=["attr_list", "tables", "toc", ext]).convert(text)
    assert (
        '<p class="passage" id="s1-p1">第一段。<span class="theme-chips">'
        '<a class="theme-chip" href="../themes/preschool.md#haidian-s1-p1">学前教育</a></span>'
        '<a class="passage-permalink" href="#s1-p1" title="段落永久链接">¶</a></p>'
    ) in html
    assert '<li class="passage" id="s1-p2">列表项<a class="passage-permalink" href="#s1-p2" title="段落永久链接">¶</a></li>' in html
    # a table row carries its permalink in its last cell
    assert '<tr class="passage" id="s1-p3">' in html
    assert '<td>90<a class="passage-permalink" href="#s1-p3" title="段落永久链接">¶</a></td>' in html


def test_chips_after_the_third_are_folded_behind_a_button():
    chips = [(slug, title, f"haidian-{slug}-s1-p1") for slug, title in (("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁"), ("e", "戊"))]
    ext = PassageExtension(chips={"s1-p1": chips})
    html = markdown.Markdown(extensions=["attr_list", "tables", "toc", ext]).convert("## 一、任务 {#s1}\n\n第一段。\n")
    assert (
        '<span class="theme-chips">'
        '<a class="theme-chip" href="../themes/a.md#haidian-a-s1-p1">甲</a>'
        '<a class="theme-chip" href="../themes/b.md#haidian-b-s1-p1">乙</a>'
        '<a class="theme-chip" href="../themes/c.md#haidian-c-s1-p1">丙</a>'
        '<a class="theme-chip theme-chip--extra" href="../themes/d.md#haidian-d-s1-p1">丁</a>'
        '<a class="theme-chip theme-chip--extra" href="../themes/e.md#haidian-e-s1-p1">戊</a>'
        '<button aria-expanded="false" class="theme-chips-more" title="显示其余 2 个专题" type="button">+2</button></span>'
    ) in html


def test_inactive_extension_leaves_pages_alone():
    html = markdown.Markdown(extensions=["attr_list", PassageExtension(active=False)]).convert("## 标题 {#s1}\n\n段落。\n")
    assert html == '<h2 id="s1">标题</h2>\n<p>段落。</p>'


def test_text_before_first_heading_belongs_to_s0_and_title_is_skipped():
    passages = extract_passages("# 规划标题\n\n编者说明。\n\n## 一、背景 {#s1}\n\n正文。\n")
    assert [(p.id, p.text) for p in passages] == [("s0-p1", "编者说明。"), ("s1-p1", "正文。")]


def test_escaped_markup_is_text_not_html():
    source = "## 一 {#s1}\n\n&lt;script&gt;alert(1)&lt;/script&gt; \\[链接\\]\\(x\\) \\{#id\\}\n\n<!-- review: 核对 -->\n"
    passages = extract_passages(source)
    assert [p.text for p in passages] == ["<script>alert(1)</script> [链接](x) {#id}"]


def test_runs_after_toc_and_before_mkdocs_anchor_extraction():
    """MkDocs registers its anchor collector at priority 5 *after* all extensions: it must see passage ids."""

    class Anchors(Treeprocessor):
        ids: ClassVar[list[str]] = []

        def run(self, root):
            Anchors.ids = [el.get("id") for el in root.iter() if el.get("id")]

    md = markdown.Markdown(extensions=["attr_list", "toc", PassageExtension()])
    md.treeprocessors.register(Anchors(md), "mkdocs_extract_anchors", 5)
    md.convert("## 一、任务 {#s1}\n\n段落。\n\n## 无编号标题\n\n另一段。\n")
    assert Anchors.ids == ["s1", "s1-p1", "_1", "_1-p1"]  # toc's generated id is already there
    order = [md.treeprocessors.get_index_for_name(n) for n in ("attr_list", "toc", "plan_passages", "mkdocs_extract_anchors")]
    assert order == sorted(order)
    assert PRIORITY == 5


def test_heading_numbers():
    assert split_number("（四）学前教育普及普惠安全优质发展") == ("（四）", "学前教育普及普惠安全优质发展")
    assert split_number("四、主要任务") == ("四、", "主要任务")
    assert split_number("1.合理规划布局") == ("1.", "合理规划布局")
    assert split_number("(二) 发展形势与要求") == ("（二）", "发展形势与要求")
    assert split_number("序言：建设高质量教育体系") == ("", "序言：建设高质量教育体系")


def test_path_label_joins_numbers_like_a_citation(haidian):
    p = by_id(plan_text("dongcheng"))["s3-3-1-p1"]
    assert path_label(p.path) == "三（三）1.合理规划布局，大力发展优质普惠幼儿园"
