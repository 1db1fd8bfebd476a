"""Rule 7: traditional characters left by OCR become simplified; correct simplified text is untouched."""

from __future__ import annotations

from collections import Counter

import opencc
import pytest

from generator import PROJECT_ROOT
from generator.importing.clean.hanzi import is_simplified_charset, to_simplified
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"


def raw(slug: str) -> str:
    return read_raw(RAW / f"{slug}.txt").text


def test_the_issue_examples() -> None:
    assert to_simplified("督導體制") == "督导体制"
    assert to_simplified("中小學生") == "中小学生"


def test_mentougou_line_with_xue() -> None:
    line = next(line for line in raw("mentougou").split("\n") if "面向中小學生" in line)
    converted = to_simplified(line)
    assert "助力构建面向中小学生、残疾人和市民的终身教育体系" in converted
    assert "學" not in converted
    assert sum(a != b for a, b in zip(line, converted, strict=True)) == line.count("學")


def test_huairou_appendix_cell_with_du_dao_ti_zhi() -> None:
    line = next(line for line in raw("huairou").split("\n") if "督導體制机制改革的实施办法" in line)
    assert "落实《怀柔区关于深化新时代教育督导体制机制改革的实施办法》" in to_simplified(line)


# Which characters OpenCC changes over the whole corpus, verified once and pinned here: a new
# conversion in these texts would be a change to review, not a silent rewrite.
EXPECTED_CHANGES = {
    "dongcheng": Counter(),
    "haidian": Counter(),
    "huairou": Counter({("學", "学"): 3, ("導", "导"): 3, ("體", "体"): 3}),
    "jingkai": Counter(),
    "mentougou": Counter({("學", "学"): 5}),
}


@pytest.mark.parametrize("slug", sorted(EXPECTED_CHANGES))
def test_corpus_wide_changes_are_exactly_the_ocr_characters(slug: str) -> None:
    text = raw(slug)
    converted = to_simplified(text)
    assert len(converted) == len(text)
    assert Counter((a, b) for a, b in zip(text, converted, strict=True) if a != b) == EXPECTED_CHANGES[slug]


def test_valid_simplified_characters_are_never_rewritten() -> None:
    # Plain t2s rewrites these GB2312 characters; in simplified text they are correct as written.
    assert opencc.OpenCC("t2s").convert("乾燥於是") == "干燥于是"
    assert to_simplified("乾燥於是") == "乾燥於是"
    assert is_simplified_charset("乾") and not is_simplified_charset("學")
    assert is_simplified_charset("A") and is_simplified_charset("，")
