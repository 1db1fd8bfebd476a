"""Paragraphs split mid-sentence by a page break (or an empty line) are joined again.

A block that ends without sentence-final punctuation and is followed by another body block was cut
by the export (mentougou “让每 / 个孩子”). Headings, tables, short labels (——坚持优先发展，……)
and paragraphs that end properly are left alone, so real paragraph ends are kept.
"""

from __future__ import annotations

import logging
import re

from generator.importing.clean.chars import TERMINAL
from generator.importing.structure import PLACEHOLDER_RE, is_heading_line, strip_markup

log = logging.getLogger(__name__)

_SENTENCE_RE = re.compile(r"[。；！？]")
_INNER_PUNCT_RE = re.compile(r"[，。；、：！？]")
_ASCII_END_RE = re.compile(r"[0-9A-Za-z%]$")
_ASCII_START_RE = re.compile(r"^[0-9A-Za-z]")
_SHORT_LABEL = 30


def _is_structural(line: str) -> bool:
    return bool(PLACEHOLDER_RE.match(line)) or is_heading_line(line) or line.startswith("附件")


def _is_open(line: str) -> bool:
    """Does this paragraph stop in the middle of a sentence?"""
    text = strip_markup(line)
    if not text or text[-1] in TERMINAL or text.endswith("**"):
        return False
    if text.lstrip("*").startswith("——") and not _SENTENCE_RE.search(text):
        return False  # a dash-led label such as “——坚持优先发展，教育发展水平达到新高度”
    return not (len(text) <= _SHORT_LABEL and not _INNER_PUNCT_RE.search(text))


def _continues(line: str) -> bool:
    text = strip_markup(line)
    return not text.startswith(("——", "**")) and not line.lstrip().startswith("#")


def rejoin_page_breaks(text: str) -> str:
    """Join split paragraphs; output has one block per line with a blank line between blocks."""
    blocks: list[str] = []
    joined = 0
    for line in text.split("\n"):
        if not line.strip():
            continue
        if blocks and not _is_structural(blocks[-1]) and _is_open(blocks[-1]) and not _is_structural(line) and _continues(line):
            glue = " " if _ASCII_END_RE.search(blocks[-1]) and _ASCII_START_RE.match(line) else ""
            blocks[-1] = blocks[-1].rstrip() + glue + line.strip()
            joined += 1
            continue
        blocks.append(line.strip())
    log.debug("page-break rejoin: %d joins", joined)
    return "\n\n".join(blocks)
