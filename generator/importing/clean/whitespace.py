"""Whitespace hygiene: indentation from web pages (NBSP) and PDFs (ideographic space), stray blanks."""

from __future__ import annotations

import re

_INDENT_RE = re.compile(r"^[ \t\u00a0\u3000\u2002\u2003\u200b\ufeff]+", re.M)
_TRAILING_RE = re.compile(r"[ \t\u00a0\u3000\u200b]+$", re.M)
_INNER_NBSP_RE = re.compile(r"[\u00a0\u2002\u2003\u3000]")
_BLANK_RUN_RE = re.compile(r"\n{3,}")


def strip_indentation(text: str) -> str:
    """Drop leading/trailing blanks of every line and turn inner NBSPs into plain spaces.

    Indentation carries no meaning in the Markdown we write (four leading spaces would even make a
    code block), and inner NBSPs would survive every later ``\\s`` based rule as invisible noise.
    """
    text = _INDENT_RE.sub("", text)
    text = _TRAILING_RE.sub("", text)
    text = _INNER_NBSP_RE.sub(" ", text)
    return _BLANK_RUN_RE.sub("\n\n", text)
