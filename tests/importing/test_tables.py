"""Table detection and reconstruction on the five real seed plans (corpus/raw), with exact results."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from generator.importing.tables import Table, TableSpan, extract_tables, render_table

RAW = Path(__file__).resolve().parents[2] / "corpus" / "raw"


@cache
def raw_lines(slug: str) -> tuple[str, ...]:
    return tuple((RAW / f"{slug}.txt").read_text(encoding="utf-8").split("\n"))


@cache
def spans(slug: str) -> tuple[TableSpan, ...]:
    return tuple(extract_tables(list(raw_lines(slug))))


# ---------------------------------------------------------------------------------------------
# Which tables are found, where, and with which caption and header


EXPECTED = {
    "mentougou": [
        (89, 101, "表 1 教育事业发展与人力资源开发主要指标进展", ["序号", "指标", "2015 年", "2020 年 (市级)", "2020 年 (本区)"], 8),
        (164, 180, "表2 门头沟区“十四五”时期教育事业主要指标", ["序号", "指标", "2020年", "2025年"], 12),
        (343, 359, "表 3 门头沟区“十四五”时期重点项目", ["序号", "重点项目", "建设内容"], 12),
    ],
    "huairou": [
        (169, 188, "专栏：教育事业发展主要指标", ["", "指标", "2020年", "2025年"], 16),
        (
            503,
            523,
            None,
            [
                "项目类型",
                "基本情况·名称",
                "基本情况·建设地点",
                "基本情况·建设内容",
                "主管部门",
                "主管部门·建设主体",
                "学位情况·建设规模",
                "学位情况·可新增学位",
                "计划完成时间",
            ],
            17,
        ),
        (528, 547, None, ["序号", "重点项目", "主要内容"], 15),
    ],
    "jingkai": [
        (42, 133, "专栏：经开区教育事业发展主要指标", ["", "指标", "2020年", "2025年"], 17),
        (262, 317, None, ["序号", "重点项目", "内容提要"], 13),
    ],
    "haidian": [
        (231, 258, "表1 海淀教育发展“十四五”规划主要指标", ["", "指标", "2020年", "2025年"], 12),
        (473, 494, None, ["序号", "工程名称"], 10),
        (497, 546, None, ["序号", "项目名称"], 24),
    ],
    "dongcheng": [],
}


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_tables_found_with_span_caption_header_and_size(slug: str) -> None:
    found = [(s.start, s.end, s.caption, s.table.header, len(s.table.rows)) for s in spans(slug)]
    assert found == EXPECTED[slug]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_every_row_has_the_header_width_and_spans_are_ordered(slug: str) -> None:
    previous_end = 0
    for span in spans(slug):
        assert span.start >= previous_end
        assert span.start < span.end
        previous_end = span.end
        assert all(len(row) == len(span.table.header) for row in span.table.rows)


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_no_table_of_contents_line_is_in_a_table(slug: str) -> None:
    lines = raw_lines(slug)
    toc = {i for i, line in enumerate(lines) if ".....\t" in line}
    inside = {i for s in spans(slug) for i in range(s.start, s.end)}
    assert not toc & inside
    if slug in {"mentougou", "huairou"}:
        assert len(toc) > 20  # the dot-leader TOC is really there, with its tabs


def test_toc_entry_for_a_table_is_not_a_caption() -> None:
    lines = raw_lines("mentougou")
    assert lines[13] == "表 1 教育事业发展与人力资源开发主要指标进展.....\t5"
    assert spans("mentougou")[0].start == 89


def test_appendix_headings_stay_outside_the_spans() -> None:
    jingkai = raw_lines("jingkai")
    assert jingkai[261] == "附件1：“十四五”时期重点项目、工程一览表"
    assert spans("jingkai")[1].start == 262
    huairou = raw_lines("huairou")
    assert (huairou[499], huairou[501]) == ("附件 1", "“十四五”时期基础教育领域教育设施专项规划一览表")
    assert huairou[524] == "附件 2"
    assert [s.start for s in spans("huairou")[1:]] == [503, 528]
    haidian = raw_lines("haidian")
    assert haidian[471].strip() == "附件:1.“十四五”时期海淀教育10大工程"
    assert haidian[495].strip() == "附件2 “十四五”时期海淀教育重点项目(24项)"
    assert [s.start for s in spans("haidian")[1:]] == [473, 497]


def test_ordinary_prose_and_headings_never_become_tables() -> None:
    # dongcheng has no table at all; everything else found is listed in EXPECTED.
    assert spans("dongcheng") == ()


# ---------------------------------------------------------------------------------------------
# Rows, shape by shape


def test_mentougou_tab_tables_with_blank_lines_inside() -> None:
    t1, t2, t3 = (s.table for s in spans("mentougou"))
    assert t1.rows[0] == ["1", "学前三年毛入园率 (%)", "95", "95", "99"]
    assert t1.rows[2] == ["3", "高中阶段教育毛入学率 (%)", "99", "> 99", "> 99"]  # after the blank line
    assert t1.rows[-1] == ["8", "中小学建网学校比例 (%)", "95.4", "100", "100"]
    assert t2.rows[3] == ["4", "学前教育专任教师接受专业教育比例(%)", "——", ">85"]
    assert t2.rows[-1] == ["12", "公共财政教育支出占公共财政支出比例 (%)", "---", "> 16"]
    assert t3.rows[0][:2] == ["1", "基础教育学位建设项目"]
    assert t3.rows[0][2].startswith("建立多部门协调的学龄人口预测机制。")
    assert t3.rows[-1] == [
        "12",
        "终身教育服务体系建设项目",
        "充分利用职业高中、社区教育学院（开放大学）的教育资源，开展形式多样、内容丰富的教育培训，提供高质量、纯公益、便捷性、"
        "灵活性的社区教育、家庭教育、老年教育，倡导终身学习理念。构建囊括社区培训、农村培训、学校培训、企业培训及老年教育的大培训体系。",
    ]
    assert all(t.review_notes == [] for t in (t1, t2, t3))


def test_huairou_column_caption_row_and_sequence_gap() -> None:
    table = spans("huairou")[0].table
    assert table.rows[0] == ["1", "学前教育入园率（%）", "98", ">98"]
    assert [r[0] for r in table.rows[5:7]] == ["6", "8"]
    assert table.rows[-1] == ["17", "平安校园达标率 (%)", "100", "100"]
    assert table.review_notes == ["序号 6 之后为 8（原文第 178 行），照原文保留，请核对是否漏行"]


def test_huairou_appendix2_p_tags_removed_text_kept() -> None:
    table = spans("huairou")[2].table
    cells = [c for row in table.rows for c in row]
    assert not any("<p" in c or "</p" in c for c in cells)
    assert sum("<p>" in line for line in raw_lines("huairou")[528:547]) == 12
    assert table.rows[10] == [
        "11",
        "深化一体化教研项目",
        "落实机构设置改革,在完善海怀一体化教研合作机制基础上,不断拓展与优质教研资源合作,发挥各级各类名师工作室示范引领作用,全面提升区域整体教研能力。",
    ]
    assert table.rows[0][:2] == ["1", "教育督导与评价专业化建设"]
    assert table.rows[-1][:2] == ["15", "校园安全提质升级项目"]
    assert table.rows[-1][2].startswith("持续推进、巩固平安校园建设成果，")
    assert table.rows[-1][2].endswith("持续优化校园周边交通秩序。")
    # A name the PDF wrapped inside its cell is joined, and the join is reported.
    assert table.rows[8][1] == "职业学校转型升级建设项目"
    assert table.rows[9][1] == "青年人才专题培训项目"
    assert table.review_notes == [
        "第 9 行「职业学校转型升级建设项目」（原文第 540 行）：1 个单元格内的断行已合并（如「职业学校转型升级建设项目」），请核对",
        "第 10 行「青年人才专题培训项目」（原文第 541 行）：1 个单元格内的断行已合并（如「青年人才专题培训项目」），请核对",
    ]


def test_huairou_appendix1_facility_table_reconstructed() -> None:
    table = spans("huairou")[1].table
    building = "新建教学、办公及辅助用房"
    assert table.rows[0] == ["", "怀柔区第七小学新建", "03 街区", building, "区教委", "区教委", "设计办学规模 24 个班", "960", "2023"]
    assert table.rows[2] == [
        "",
        "北京第三实验学校新建",
        "中关村一小怀柔分校及南地块",
        "新建教学、办公及辅助用房",
        "区政府",
        "北京第三实验学校",
        "设计办学规模 72 个班（小学 36 个班、初中 18 个班、高中 18 个班（含国际部）",
        "2820 个（其中中小学 1440 个、初中 720 个、高中 660 个）",
        "2024",
    ]
    # Second page: the first column is missing and narrow cells were wrapped with spaces.
    assert table.rows[12] == [
        "",
        "怀柔区培智学校达标建设",
        "怀柔区怀柔镇下元村北（培智学校、教科研用地）",
        "新建教学、办公及辅助用房",
        "区教委",
        "区教委",
        "设计办学规模为 14 个班，现状 6 个班",
        "112",
        "2025",
    ]
    assert table.rows[13][1] == "怀柔区第六中学新建（迁建）"
    assert table.rows[13][8] == "随棚改同步完成"
    assert table.rows[14] == ["", "学校操场建设", "怀柔区 44 所学校", "操场", "区教委", "区教委", "设计 44 所操场", "", "2025"]
    last = ["", "一零一中学怀柔区扩建项目", "12 街区", building, "区教委", "区教委", "设计办学规模 36 个班", "1620", "2022"]
    assert table.rows[-1] == last
    notes = table.review_notes
    assert len(notes) == 9
    assert notes[0].startswith("原文第 504–505 行为两行表头（分组表头）")
    assert notes[1].startswith("表头「项目类型」在原文第 506 行位于首个数据行的首列")
    assert notes[2] == (
        "第 11 行「14 街区庙城镇庙城村配套幼儿园新建」（原文第 517 行）：原文少 1 个单元格，已在「项目类型」列补空；"
        "5 个单元格内的断行已合并（如「14 街区庙城镇庙城村配套幼儿园新建」；「庙城镇庙城村」），请核对"
    )
    assert [n.split("」")[0] for n in notes[2:]] == [
        "第 11 行「14 街区庙城镇庙城村配套幼儿园新建",
        "第 12 行「怀柔区城南地区幼儿园",
        "第 13 行「怀柔区培智学校达标建设",
        "第 14 行「怀柔区第六中学新建（迁建）",
        "第 15 行「学校操场建设",
        "第 16 行「教科研中心异址搬迁",
        "第 17 行「一零一中学怀柔区扩建项目",
    ]


def test_jingkai_one_cell_per_line_tables() -> None:
    column, projects = (s.table for s in spans("jingkai"))
    assert column.rows[0] == ["1", "学前教育入园率（%）", "—", "＞90"]
    # Row 9 is cut by a stray blank line in the export; row 10 has an empty cell.
    assert column.rows[8] == ["9", "职业教育“双师型”教师比例（%）", "—", "＞85"]
    assert column.rows[9] == ["10", "基础教育生均公用经费（元）", "", "全市前列"]
    assert column.rows[-1] == ["17", "区域教育人民满意度", "", "逐年提高"]
    assert projects.rows[0][:2] == ["1", "学生综合素质提升项目"]
    assert projects.rows[0][2].startswith("严格按照国家课程方案和课程标准实施教学，")
    assert projects.rows[-1][:2] == ["13", "165平方公里基础教育高起点提升工程"]
    assert projects.rows[-1][2].endswith("实施周期5年以上。")
    assert column.review_notes == projects.review_notes == []


def test_haidian_space_separated_tables() -> None:
    indicators, works, projects = (s.table for s in spans("haidian"))
    assert indicators.rows[0] == ["1", "学前三年入园率(%)", "90", ">90"]
    assert indicators.rows[7] == ["8", "新增劳动力平均受教育年限(年)", "16", "16.1"]
    assert indicators.rows[10] == ["11", "绿色校园达标率(%)", "-", ">80"]
    assert indicators.rows[-1] == ["12", "平安校园达标率(%)", "100", "100"]
    assert works.rows[0] == ["1", "深入推进全面育人工程"]
    assert works.rows[-1] == ["10", "深化教育督导改革工程"]
    assert projects.rows[14] == ["15", "“大教研”海淀范式3.0建设"]
    assert projects.rows[-1] == ["24", "平安校园建设"]
    assert not any("\xa0" in c for t in (indicators, works, projects) for row in t.rows for c in row)


# ---------------------------------------------------------------------------------------------
# Rendering


def test_render_small_table_exactly() -> None:
    works = spans("haidian")[1].table
    assert render_table(works, lambda s: s) == "\n".join(
        [
            "| 序号 | 工程名称 |",
            "| --- | --- |",
            "| 1 | 深入推进全面育人工程 |",
            "| 2 | 中小学教学质量提升工程 |",
            "| 3 | 普通高中多样化特色化发展工程 |",
            "| 4 | 义务教育优质均衡发展工程 |",
            "| 5 | 学前教育质量提升工程 |",
            "| 6 | 融合教育体系完善工程 |",
            "| 7 | 优化教育布局工程 |",
            "| 8 | 人才强教工程 |",
            "| 9 | 智慧教育发展工程 |",
            "| 10 | 深化教育督导改革工程 |",
        ]
    )


def test_render_applies_clean_cell_and_keeps_empty_cells() -> None:
    column = spans("jingkai")[0].table
    rendered = render_table(column, lambda s: s.replace("（", "(").replace("）", ")")).split("\n")
    assert rendered[0] == "|  | 指标 | 2020年 | 2025年 |"
    assert rendered[1] == "| --- | --- | --- | --- |"
    assert rendered[11] == "| 10 | 基础教育生均公用经费(元) |  | 全市前列 |"
    assert len(rendered) == 2 + 17
    assert all(line.count(" | ") == 3 for line in rendered)


def test_render_escapes_pipes_and_joins_line_breaks() -> None:
    table = Table(header=["项目", "内容"], rows=[["a|b", "第一行\n第二行"], ["x\\|y", "目标：\n1. 扩容\n2. 提质"]])
    assert render_table(table, lambda s: s).split("\n")[2:] == [
        "| a\\|b | 第一行第二行 |",
        "| x\\|y | 目标：<br>1. 扩容<br>2. 提质 |",
    ]


def test_table_refuses_ragged_rows() -> None:
    with pytest.raises(ValueError, match="row has 1 cells, header has 2"):
        Table(header=["序号", "指标"], rows=[["1"]])


# ---------------------------------------------------------------------------------------------
# Generic rules on altered seed lines (what a sixth plan exported the same way could look like)


def test_nothing_found_in_empty_input_or_a_table_of_contents_alone() -> None:
    assert extract_tables([]) == []
    toc = list(raw_lines("mentougou")[6:46])
    assert all("\t" in line for line in toc if line)
    assert extract_tables(toc) == []


def test_numbered_lines_need_a_run_from_one_under_a_label_line() -> None:
    haidian = list(raw_lines("haidian"))
    assert extract_tables(haidian[471:473] + haidian[476:494]) == []  # starts at 2
    assert extract_tables(haidian[473:478]) == []  # a header and rows 1, 2: too short to be sure
    assert haidian[479] == "\xa0\xa03 普通高中多样化特色化发展工程"
    assert len(extract_tables(haidian[473:480])) == 1  # rows 1, 2, 3


def test_numbered_rows_straight_under_a_caption_get_an_empty_header_and_a_note() -> None:
    haidian = list(raw_lines("haidian"))
    (span,) = extract_tables(haidian[231:233] + haidian[234:258])
    assert span.caption == "表1 海淀教育发展“十四五”规划主要指标"
    assert (span.start, span.end, span.table.header) == (0, 26, ["", "", "", ""])
    assert span.table.rows[0] == ["1", "学前三年入园率(%)", "90", ">90"]
    assert span.table.review_notes == ["原文第 1 行的表题下没有表头行，表头留空，请补上"]


def test_a_row_that_lost_a_value_is_padded_and_noted() -> None:
    haidian = list(raw_lines("haidian"))
    lines = haidian[231:258]
    lines[24] = lines[24].replace(" - >80", " >80")
    assert lines[24] == "\xa0\xa011 绿色校园达标率(%) >80"
    table = extract_tables(lines)[0].table
    assert table.rows[10] == ["11", "绿色校园达标率(%)", "", ">80"]
    assert table.rows[11] == ["12", "平安校园达标率(%)", "100", "100"]
    assert table.review_notes == ["第 11 行「绿色校园达标率(%)」（原文第 25 行）：只有 1 个数值（应为 2 个），已在前面补空，请核对"]


def test_one_cell_rows_split_by_a_missing_blank_line_are_regrouped_and_noted() -> None:
    jingkai = list(raw_lines("jingkai"))
    lines = jingkai[262:278]
    assert lines[7] == ""
    del lines[7]  # the blank line between rows 1 and 2
    table = extract_tables(lines)[0].table
    assert [r[1] for r in table.rows] == ["学生综合素质提升项目", "学前教育多元优质提升项目", "义务教育资源优质均衡升级项目"]
    assert table.review_notes == ["原文第 5 行起的一组有 6 个单元格（应为 3 个），已按每 3 个拆行，请核对"]
