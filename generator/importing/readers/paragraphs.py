"""What the structured readers (PDF, Word) share: captions, bold lead-ins, page-number lines.

A PDF or Word reader knows which runs are bold and where a table begins, which a text export has
lost. These helpers turn that knowledge into the shapes the text path already understands, so
that cleaning and structure need no format-specific rules: a caption travels with its table, a
bold lead-in becomes ``**…**`` (as the Markdown-like exports write it), and a line that is only a
page number can be recognised wherever it turns up.
"""

from __future__ import annotations

import re

from generator.importing.structure import match_numbered, strip_markup

#: 表1 …, 表 1 …, 专栏 … (the caption shapes tables.py accepts above a table).
CAPTION_RE = re.compile(r"^(?:表\s*\d+|专栏|附表\s*\d*)")
CAPTION_MAX = 60
#: The common page-number forms: “— 3 —”, “- 3 -”, “－3－”, “·3·”, “第3页”, “第 3 页 共 40 页”, “3/40”,
#: “3 / 40”, “Page 3 of 40”, a bare number.
_DASHES = "\\-‐‑‒–—―−－─━~～·•"
PAGE_NUMBER_RE = re.compile(
    rf"^[{_DASHES}\s]*\d{{1,4}}[{_DASHES}\s]*$"
    r"|^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$"
    r"|^共\s*\d{1,4}\s*页\s*第\s*\d{1,4}\s*页$"
    r"|^\d{1,4}\s*[/／]\s*\d{1,4}$"
    r"|^(?:page|p\.)\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$",
    re.IGNORECASE,
)
#: A lead-in must be at least this long to be re-emitted as bold (a bold “一、” alone is numbering).
_MIN_LEAD_IN = 2


def is_caption(text: str) -> bool:
    """A short 表N/专栏 line that names the table below it (never a sentence)."""
    text = text.strip()
    return bool(CAPTION_RE.match(text)) and len(text) <= CAPTION_MAX and "。" not in text


def is_page_number(text: str) -> bool:
    """True for a line that is nothing but a page number in one of the common forms."""
    return bool(PAGE_NUMBER_RE.match(text.strip()))


def with_lead_in(bold: str, rest: str) -> str:
    """``**bold**rest`` for a paragraph that opens with a bold run, or the plain text where that
    bold is numbering or a heading (the structure step must see the number first)."""
    plain = bold + rest
    if len(bold.strip()) < _MIN_LEAD_IN or not rest.strip() or "*" in plain:
        return plain
    if match_numbered(strip_markup(plain.strip())) is not None:
        return plain
    leading = bold[: len(bold) - len(bold.lstrip())]
    trailing = bold[len(bold.rstrip()) :]
    return f"{leading}**{bold.strip()}**{trailing}{rest}"
