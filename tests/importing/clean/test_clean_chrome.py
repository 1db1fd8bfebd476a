"""Rule 1: the web-page chrome around the haidian plan goes; texts without chrome pass unchanged."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.importing.clean.chrome import strip_chrome
from generator.importing.readers import read_raw

RAW = PROJECT_ROOT / "corpus" / "raw"
BOILERPLATE = ("联华众创", "17319287279", "010-61256989", "关联内容", "点击上述关键字", "微信", "版权所有", "ICP备", "返回顶部", "Sitemap")


def raw(slug: str) -> str:
    return read_raw(RAW / f"{slug}.txt").text


def test_haidian_chrome_is_cut_before_the_title_and_after_the_last_appendix_row() -> None:
    text = strip_chrome(raw("haidian"))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert lines[0] == "海淀区“十四五”时期教育改革和发展规划"
    assert lines[1] == "北京市海淀区人民政府关于印发《海淀区“十四五”时期教育改革和发展规划》的通知"
    assert lines[-1] == "24 平安校园建设"
    for word in BOILERPLATE:
        assert word not in text, word


def test_the_seed_really_has_that_chrome() -> None:
    text = raw("haidian")
    for word in BOILERPLATE:
        assert word in text, word


@pytest.mark.parametrize("slug", ["dongcheng", "huairou", "jingkai", "mentougou"])
def test_texts_without_chrome_are_unchanged(slug: str) -> None:
    assert strip_chrome(raw(slug)) == raw(slug)


def test_a_trailer_word_followed_by_numbered_headings_is_not_a_trailer() -> None:
    text = "一、总则\n\n关键字\n\n二、任务\n\n正文。"
    assert strip_chrome(text) == text
