"""Rule 7: half-width punctuation between Chinese characters becomes full-width; numbers and Latin stay."""

from __future__ import annotations

import re

import pytest

from generator import PROJECT_ROOT
from generator.importing.clean.chars import CJK
from generator.importing.clean.chrome import strip_chrome
from generator.importing.clean.punctuation import widen_punctuation
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"


def raw(slug: str) -> str:
    return read_raw(RAW / f"{slug}.txt").text


def test_haidian_notice_addressees() -> None:
    line = next(line for line in raw("haidian").split("\n") if "区属各单位" in line).strip()
    assert widen_punctuation(line) == "各镇政府、街道（地区）办事处，各委、办、局，区属各单位："


def test_mentougou_heading_with_a_half_width_comma() -> None:
    line = "#### 5. 教育统筹谋划力度持续夯实,教育事业主要指标均达预期目标"
    assert line in raw("mentougou")
    assert widen_punctuation(line) == "#### 5. 教育统筹谋划力度持续夯实，教育事业主要指标均达预期目标"


def test_table_header_cell_parenthesis_after_a_blank() -> None:
    assert widen_punctuation("2020 年 (市级)") == "2020 年（市级）"
    assert widen_punctuation("区级及以上学科带头人、骨干教师数量占比 (%)") == "区级及以上学科带头人、骨干教师数量占比（%）"


@pytest.mark.parametrize(
    "text",
    ["1,000", "3.5", "10:30", "Hello, world (test); ok? yes!", "http://example.org/a?b=1", "“1+3”", "3-6岁"],
)
def test_numbers_and_latin_text_are_left_alone(text: str) -> None:
    assert widen_punctuation(text) == text


def test_no_half_width_mark_next_to_chinese_is_left_in_the_haidian_plan() -> None:
    before = strip_chrome(raw("haidian"))
    pattern = re.compile(rf"(?<=[{CJK}])[,:;()?!]|[,:;()?!](?=[{CJK}])")
    assert len(pattern.findall(before)) > 1000  # the seed really uses , : ( ) throughout
    assert pattern.findall(widen_punctuation(before)) == []
