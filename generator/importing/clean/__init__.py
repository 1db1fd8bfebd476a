"""Cleaning steps: small ``str -> str`` functions chained in a fixed order (trafilatura style).

Order matters: chrome goes first (its phone numbers must not be "fixed"), the front block and the
table of contents next, then character hygiene, and the page-break rejoin last because it looks at
sentence-final punctuation, which must already be full-width.
"""

from __future__ import annotations

from collections.abc import Callable

from generator.importing.clean.chrome import strip_chrome
from generator.importing.clean.dash import fix_dash
from generator.importing.clean.front import Front, split_front
from generator.importing.clean.hanzi import to_simplified
from generator.importing.clean.numbers import tighten_numbers
from generator.importing.clean.pagebreak import rejoin_page_breaks
from generator.importing.clean.punctuation import widen_punctuation
from generator.importing.clean.whitespace import strip_indentation

#: Character hygiene, applied to body text, notice paragraphs, captions and table cells alike.
HYGIENE_STEPS: tuple[Callable[[str], str], ...] = (
    strip_indentation,
    to_simplified,
    widen_punctuation,
    tighten_numbers,
    fix_dash,
)


def hygiene(text: str) -> str:
    for step in HYGIENE_STEPS:
        text = step(text)
    return text


def clean_plan_text(text: str, title: str) -> Front:
    """Raw text (tables already replaced by placeholders) -> notice paragraphs and clean body text."""
    text = strip_indentation(strip_chrome(text))
    front = split_front(text, title)
    body = rejoin_page_breaks(hygiene(front.body))
    notice = tuple(hygiene(line) for line in front.notice)
    return Front(notice=notice, body=body)


__all__ = [
    "HYGIENE_STEPS",
    "Front",
    "clean_plan_text",
    "fix_dash",
    "hygiene",
    "rejoin_page_breaks",
    "split_front",
    "strip_chrome",
    "strip_indentation",
    "tighten_numbers",
    "to_simplified",
    "widen_punctuation",
]
