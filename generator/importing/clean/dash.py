"""A paragraph-initial “一一” (two characters “one”) is an OCR reading of the dash “——”."""

from __future__ import annotations

import re

_DASH_RE = re.compile(r"^(\**)一一(?=\S)", re.M)


def fix_dash(text: str) -> str:
    """Turn a line-initial 一一 into ——; 一一 inside a sentence (一一对应) is a real word and stays."""
    return _DASH_RE.sub(r"\1——", text)
