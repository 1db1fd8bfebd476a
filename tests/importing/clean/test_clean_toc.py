"""Rule 2: tables of contents (dot leaders + page numbers, or a plain list) are found and parsed."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.importing.clean.toc import find_toc, toc_entries
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"


def raw(slug: str) -> str:
    return read_raw(RAW / f"{slug}.txt").text


def test_mentougou_dot_leader_toc() -> None:
    lines = raw("mentougou").split("\n")
    span = find_toc(lines)
    assert span is not None
    assert lines[span.start] == "## 目 录"
    assert len(span.entries) == 40
    assert span.entries[0] == "一、发展基础与形势要求"
    assert span.entries[7] == "表 1 教育事业发展与人力资源开发主要指标进展"
    assert span.entries[-1] == "表 3 门头沟区“十四五”时期重点项目"
    assert lines[span.end - 1] == "表 3 门头沟区“十四五”时期重点项目.....\t27"


def test_huairou_toc_with_wrapped_entries_and_a_blank_line() -> None:
    entries = toc_entries(raw("huairou"))
    assert len(entries) == 23
    assert entries[9] == "（二）坚持“五育”并举，培养担当民族复兴大任的时代 新人"
    assert entries[-1] == "五、规划实施"


def test_haidian_plain_toc_stops_where_the_body_begins() -> None:
    lines = raw("haidian").split("\n")
    span = find_toc(lines)
    assert span is not None
    assert span.entries[0] == "一、发展基础及形势要求"
    assert span.entries[-1] == "\xa0\xa0(四)维护教育安全稳定".strip()
    assert len(span.entries) == 28
    following = next(line for line in lines[span.end :] if line.strip())
    assert following.strip().startswith("国民经济和社会发展第十四个五年规划")


@pytest.mark.parametrize("slug", ["dongcheng", "jingkai"])
def test_plans_without_toc(slug: str) -> None:
    assert find_toc(raw(slug).split("\n")) is None
