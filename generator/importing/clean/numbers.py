"""Blanks that PDF export puts between numbers and Chinese text (``2019 年``, ``78 所``, ``39.4 %``)."""

from __future__ import annotations

import re

from generator.importing.clean.chars import HAN

_NUM_THEN_HAN_RE = re.compile(rf"(?<=[\d%％‰])(?<!附件\d)(?<!附件\d\d)[ \t]+(?=[{HAN}%％‰])")
_HAN_THEN_NUM_RE = re.compile(rf"(?<=[{HAN}])[ \t]+(?=\d)")
_COMPARATOR_RE = re.compile(r"(?<=[<>≥≤＞＜])[ \t]+(?=\d)")


def tighten_numbers(text: str) -> str:
    """Remove blanks between a number and the Chinese text or unit around it.

    Latin neighbours keep their blank (``5G 等``, ``A 级``); so do numbers followed by a title, which
    is why captions such as ``表 1 主要指标`` are normalised separately before this step runs, and
    why ``附件2 怀柔区……一览表`` keeps its blank: the appendix label and its title on one line must
    read as they do when the export put them on two (the structure step joins those with a blank).
    """
    text = _NUM_THEN_HAN_RE.sub("", text)
    text = _HAN_THEN_NUM_RE.sub("", text)
    return _COMPARATOR_RE.sub("", text)
