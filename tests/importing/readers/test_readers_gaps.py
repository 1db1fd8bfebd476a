"""The input gaps left by issue 6, and the pieces of the PDF/Word readers with exact expectations."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.importing.readers import read_raw
from generator.importing.readers.docx import chinese_number, format_number, read_docx
from generator.importing.readers.html import html_to_text
from generator.importing.readers.paragraphs import is_page_number, with_lead_in

ROOT = Path(__file__).resolve().parents[3]


def seed(slug: str) -> str:
    return (ROOT / "corpus" / "raw" / f"{slug}.txt").read_text(encoding="utf-8")


# --- text: UTF-16 without a BOM, encodings switching mid-way ----------------------------------------


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["一、编制背景\n", "（一）总体要求：坚持党的全面领导。\n2021年"])
def test_short_utf16_without_bom_is_recognised(tmp_path: Path, codec: str, text: str) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(text.encode(codec))
    raw = read_raw(path)
    assert (raw.text, raw.encoding) == (text, codec)


def test_a_file_switching_from_utf8_to_gbk_is_refused_at_the_line_of_the_change(tmp_path: Path) -> None:
    lines = seed("dongcheng").split("\n")
    data = "\n".join(lines[:40]).encode("utf-8") + b"\n" + "\n".join(lines[40:]).encode("gbk")
    path = tmp_path / "dongcheng.txt"
    path.write_bytes(data)
    with pytest.raises(GeneratorError) as info:
        read_raw(path)
    first_gbk = next(n for n, line in enumerate(lines[40:], start=41) if not line.isascii())
    assert info.value.line == first_gbk
    assert info.value.message == f"文件中途改变了编码：前面是 UTF-8，从第 {first_gbk} 行起是 GBK/GB18030"
    assert "另存为同一种编码" in info.value.hint


def test_a_file_switching_from_gbk_to_utf8_is_refused_too(tmp_path: Path) -> None:
    lines = seed("huairou").split("\n")
    path = tmp_path / "huairou.txt"
    path.write_bytes("\n".join(lines[:100]).encode("gbk") + b"\n" + "\n".join(lines[100:]).encode("utf-8"))
    with pytest.raises(GeneratorError, match=r"前面是 GBK/GB18030，从第 10[0-9] 行起是 UTF-8"):
        read_raw(path)


# --- HTML: rowspan and colspan ------------------------------------------------------------------------


def test_html_rowspan_and_colspan_are_expanded_into_empty_cells() -> None:
    page = (
        "<table><tr><th rowspan='2'>类别</th><th colspan='2'>学位</th></tr>"
        "<tr><th>2020年</th><th>2025年</th></tr>"
        "<tr><td rowspan='2'>学前</td><td>1</td><td>2</td></tr>"
        "<tr><td>3</td><td>4</td></tr>"
        "<tr><td>小学</td><td rowspan='3'>5</td><td>6</td></tr><tr><td>初中</td><td>7</td></tr></table>"
    )
    assert html_to_text(page) == "类别\t学位\t\n\t2020年\t2025年\n学前\t1\t2\n\t3\t4\n小学\t5\t6\n初中\t\t7\n"


# --- shared helpers -----------------------------------------------------------------------------------


PAGE_NUMBERS = ["— 3 —", "- 3 -", "－3－", "—12—", "第3页", "第 3 页 共 40 页", "3/40", "3 / 40", "12", "·5·", "Page 2 of 9"]


@pytest.mark.parametrize("text", PAGE_NUMBERS)
def test_page_number_forms(text: str) -> None:
    assert is_page_number(text)


@pytest.mark.parametrize("text", ["2021年", "一、总体要求", "3.5", "1. 发展基础", "第三章"])
def test_plan_text_is_no_page_number(text: str) -> None:
    assert not is_page_number(text)


def test_bold_lead_in_but_not_bold_numbering() -> None:
    assert with_lead_in("——党的建设更加坚强有力。", "党组织覆盖全区学校。") == "**——党的建设更加坚强有力。**党组织覆盖全区学校。"
    assert with_lead_in("一、", "发展基础") == "一、发展基础"
    assert with_lead_in("（一）指导思想", "") == "（一）指导思想"


# --- Word: numbering formats, merged cells, fields ------------------------------------------------------


def test_word_chinese_counting() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 23, 100, 105)] == ["一", "十", "十一", "二十", "二十三", "一百", "一百零五"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"


def _docx(build) -> bytes:  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_word_merged_cells_are_expanded_and_flagged() -> None:
    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.add_paragraph("表1 学位情况")
        table = document.add_table(rows=4, cols=3)
        for r, values in enumerate([("类别", "学校", "学位"), ("学前", "甲园", "120"), ("", "乙园", "90"), ("小学", "丙校", "")]):
            for c, value in enumerate(values):
                table.cell(r, c).text = value
        table.cell(1, 0).merge(table.cell(2, 0))
        table.cell(3, 1).merge(table.cell(3, 2))

    raw = read_docx(_docx(build), "x.docx")
    assert raw.text == "\x00READTABLE0\x00\n"
    [read] = raw.tables
    assert read.caption == "表1 学位情况"
    assert read.table.header == ["类别", "学校", "学位"]
    assert read.table.rows == [["学前", "甲园", "120"], ["", "乙园", "90"], ["小学", "丙校", ""]]
    assert read.table.review_notes and "2 个合并单元格" in read.table.review_notes[0]


def test_word_page_fields_in_the_body_are_dropped_and_footers_ignored() -> None:
    from make_fixtures import page_field

    def build(document) -> None:  # type: ignore[no-untyped-def]
        document.sections[0].footer.paragraphs[0].text = "— 1 —"
        paragraph = document.add_paragraph("本页是第")
        page_field(paragraph, "7")
        paragraph.add_run("页。")

    assert read_docx(_docx(build), "x.docx").text == "本页是第页。\n"
