"""Tables of contents: found, parsed (for the outline check) and removed (the site draws its own).

Two shapes occur: PDF exports with dot leaders and page numbers (mentougou, huairou) and a plain
list of the numbered headings (haidian) that the body then repeats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEADER_RE = re.compile(r"^[#*\s]*目\s*录[*\s]*$")
#: "一、发展基础.....\t2", "（一）发展基础.....→1": dot leader (or ellipsis) then a page number
_LEADER_RE = re.compile(r"^(?P<entry>.*?)\s*(?:\.{3,}|…+|·{3,})\s*(?P<page>\d+)\s*$")
_NUMBERED_RE = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．]|表\s*\d+|附件\s*\d+|专栏)"
)


@dataclass(frozen=True)
class TocSpan:
    start: int  # index of the 目录 line
    end: int  # index after the last entry
    entries: tuple[str, ...]


def find_toc(lines: list[str]) -> TocSpan | None:
    """Locate the table of contents that starts with a 目录 line; ``None`` when the text has none."""
    header = next((i for i, line in enumerate(lines) if _HEADER_RE.match(line)), None)
    if header is None:
        return None
    entries: list[str] = []
    end = header + 1
    plain: bool | None = None
    for i in range(header + 1, len(lines)):
        line = lines[i].strip()
        if not line:
            continue
        leader = _LEADER_RE.match(line)
        if plain is None:
            plain = leader is None
        if not plain and leader:
            entries.append(leader.group("entry").strip())
        elif plain and _NUMBERED_RE.match(line) and _squash(line) != (_squash(entries[0]) if entries else None):
            entries.append(line)
        else:
            break
        end = i + 1
    if not entries:
        return None
    return TocSpan(header, end, tuple(entries))


def toc_entries(text: str) -> list[str]:
    """The entries of the text's table of contents, without leaders and page numbers."""
    span = find_toc(text.split("\n"))
    return list(span.entries) if span else []


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
