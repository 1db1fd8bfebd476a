"""Rule 5: a paragraph-initial “一一” meant as a dash becomes “——”."""

from __future__ import annotations

import re

from generator import PROJECT_ROOT
from generator.importing.clean.dash import fix_dash
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"


def test_huairou_dash() -> None:
    text = read_raw(RAW / "huairou.txt").text
    assert "\n一一教育公平和均衡迈上新台阶。" in text
    fixed = fix_dash(text)
    assert "\n——教育公平和均衡迈上新台阶。" in fixed
    assert re.findall(r"^一一", fixed, re.M) == []


def test_words_with_yi_yi_inside_a_sentence_stay() -> None:
    text = read_raw(RAW / "dongcheng.txt").text
    assert "成为唯一一家被评为" in fix_dash(text)
    assert fix_dash("一一对应。") != "一一对应。"  # line-initial: the OCR dash reading
    assert fix_dash("要一一落实。") == "要一一落实。"
