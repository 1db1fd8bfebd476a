"""What precedes the plan body: title, publishing notice, cover block and table of contents.

The notice (关于印发……的通知 … 特此通知) and cover lines (文号, date, issuer) are kept verbatim as
the page's ``notice`` paragraphs; the title is the registry's and becomes the H1; the table of
contents is dropped because the site draws its own.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from generator.importing.clean.toc import find_toc

log = logging.getLogger(__name__)

_MARKUP_RE = re.compile(r"[\s#*\u00a0\u3000]+")
#: how far into the text a title line (without a table of contents after it) is looked for
_TITLE_WINDOW = 8


@dataclass(frozen=True)
class Front:
    notice: tuple[str, ...]
    body: str


def squash_title(text: str) -> str:
    """Compare titles without blanks and Markdown markers (“十四五”时期 怀柔区… == “十四五”时期怀柔区…)."""
    return _MARKUP_RE.sub("", text)


def split_front(text: str, title: str) -> Front:
    """Separate the front block (everything before the table of contents, or up to the title line)."""
    lines = text.split("\n")
    toc = find_toc(lines)
    if toc is not None:
        front, body = lines[: toc.start], lines[toc.end :]
    else:
        wanted = squash_title(title)
        nonblank = [i for i, line in enumerate(lines) if line.strip()][:_TITLE_WINDOW]
        hit = next((i for i in nonblank if squash_title(lines[i]) == wanted), None)
        front, body = (lines[: hit + 1], lines[hit + 1 :]) if hit is not None else ([], lines)
    wanted = squash_title(title)
    notice = tuple(line.strip() for line in front if line.strip() and squash_title(line) != wanted)
    log.debug("front block: %d notice lines, toc=%s", len(notice), toc is not None)
    return Front(notice=notice, body="\n".join(body))
