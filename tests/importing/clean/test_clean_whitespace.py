"""Rule 7: NBSP / ideographic-space indentation is removed."""

from __future__ import annotations

from generator import PROJECT_ROOT
from generator.importing.clean.whitespace import strip_indentation
from generator.importing.readers import read_raw


def test_haidian_nbsp_indentation() -> None:
    text = read_raw(PROJECT_ROOT / "corpus" / "raw" / "haidian.txt").text
    line = next(line for line in text.split("\n") if "(一)加强党对教育工作的全面领导" in line)
    assert line == "\xa0\xa0(一)加强党对教育工作的全面领导"
    cleaned = strip_indentation(text)
    assert "\n(一)加强党对教育工作的全面领导\n" in cleaned
    assert "\xa0" not in cleaned


def test_ideographic_space_tabs_and_blank_runs() -> None:
    assert strip_indentation("\u3000\u3000正文。\t\n\n\n\n下一段。 ") == "正文。\n\n下一段。"
    assert strip_indentation("十四五\xa0\xa0时期") == "十四五  时期"
