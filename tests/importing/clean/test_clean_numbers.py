"""Rule 7: stray blanks inside numbers and units from PDF export are removed."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.importing.clean.numbers import tighten_numbers
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"


def test_huairou_kindergarten_counts() -> None:
    line = next(line for line in read_raw(RAW / "huairou.txt").text.split("\n") if line.startswith("目前，学前教育共有幼儿园"))
    assert line.startswith("目前，学前教育共有幼儿园 78 所，其中公办园 33 所、占比 42.3%")
    assert tighten_numbers(line).startswith("目前，学前教育共有幼儿园78所，其中公办园33所、占比42.3%")


def test_mentougou_year() -> None:
    line = next(line for line in read_raw(RAW / "mentougou.txt").text.split("\n") if "2019 年召开全区教育大会" in line)
    assert "2019年召开全区教育大会" in tighten_numbers(line)


@pytest.mark.parametrize(
    ("before", "after"),
    [("39.4 %", "39.4%"), ("2019 年", "2019年"), ("> 99", ">99"), ("≥ 50", "≥50"), ("见表 1", "见表1")],
)
def test_units_and_comparators(before: str, after: str) -> None:
    assert tighten_numbers(before) == after


@pytest.mark.parametrize("text", ["5G 等技术", "达到 A 级", "1 000", "3.5", "2021—2025年"])
def test_latin_neighbours_and_plain_numbers_keep_their_blanks(text: str) -> None:
    assert tighten_numbers(text) == text
