"""Half-width punctuation inside Chinese text becomes full-width; numbers and Latin text stay as they are.

Web exports (haidian) use ``, : ; ( )`` throughout; search and reading both expect ``，：；（）``.
A mark is widened only when it touches Chinese text, so 1,000, 3.5, 10:30 and English stay intact.
"""

from __future__ import annotations

import re

from generator.importing.clean.chars import CJK

_SIMPLE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！"}
# a mark touching Chinese text on either side (1,000 and "a, b" never do)
_MARK_RE = re.compile(rf"(?<=[{CJK}])[,:;?!]|[,:;?!](?=[{CJK}])")
# a pair of parentheses without nested ones, next to or containing Chinese text
_PAREN_RE = re.compile(r"\(([^()\n]*)\)")
_HAS_CJK_RE = re.compile(rf"[{CJK}]")
_FULLWIDTH = "，。、；：！？（）《》"
_SPACE_BY_FULLWIDTH_RE = re.compile(rf"(?<=[{_FULLWIDTH}])[ \t]+|[ \t]+(?=[{_FULLWIDTH}])")


def _widen_paren(match: re.Match[str]) -> str:
    text = match.string
    inner = match.group(1)
    before = text[max(0, match.start() - 8) : match.start()].rstrip(" \t")[-1:]
    after = text[match.end() : match.end() + 8].lstrip(" \t")[:1]
    if _HAS_CJK_RE.search(inner) or _HAS_CJK_RE.match(before) or _HAS_CJK_RE.match(after) or not inner.strip():
        return f"（{inner}）"
    return match.group(0)


def widen_punctuation(text: str) -> str:
    """Replace ``, : ; ? !`` and ``( )`` pairs that belong to Chinese text by their full-width forms."""
    text = _PAREN_RE.sub(_widen_paren, text)
    text = _MARK_RE.sub(lambda m: _SIMPLE[m.group(0)], text)
    # "2020 年 (市级)", "教学、 办公": a blank next to full-width punctuation is typesetting noise
    return _SPACE_BY_FULLWIDTH_RE.sub("", text)
