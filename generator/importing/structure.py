"""From cleaned plan text to a block list: headings with levels and ids, paragraphs, table slots.

Heading levels come only from the numbering scheme (docs/about/plan-format.md), never from the
``#`` or ``**`` a PDF export put around a line:

    一、 -> h2 ``s<n>``   （一）/(一) -> h3 ``s<n>-<m>``   1. -> h4 (short titles only)
    （1） -> h5          附件N -> h2 ``fj<N>``, numbering restarted inside it nests one level deeper
    序言 -> h2 ``s0``    表N caption -> one level below its section, ``b<N>``; 专栏 -> ``<section>-zl<k>``

Ids depend on numbers only, so correcting a heading's wording never moves its anchor.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二三四五六七八九十"

#: Placeholder line standing for table ``i`` (NUL cannot occur in decoded text: sources strip it).
PLACEHOLDER_RE = re.compile(r"^\x00TABLE(\d+)\x00$")

_MD_HEADING_RE = re.compile(r"^#{1,6}\s*")
_WRAPPED_BOLD_RE = re.compile(r"^\*\*([^*]+)\*\*$")

_H2_RE = re.compile(rf"^(?P<num>[{_CN}]{{1,3}})、\s*(?P<title>.+)$")
_H3_RE = re.compile(rf"^[（(](?P<num>[{_CN}]{{1,3}})[）)]\s*(?P<title>.+)$")
_H4_RE = re.compile(r"^(?P<num>\d{1,2})[.．](?!\d)\s*(?P<title>.+)$")
_H5_RE = re.compile(r"^[（(](?P<num>\d{1,2})[）)]\s*(?P<title>.+)$")
_APPENDIX_RE = re.compile(r"^附件\s*[:：]?\s*(?P<num>\d{1,2})(?!\d)\s*[.．、:：]?\s*(?P<title>.*)$")
_ATTACHMENT_LIST_RE = re.compile(r"^附件\s*[:：]\s*1[.．]")
_ATTACHMENT_ITEM2_RE = re.compile(r"^2[.．]")
_PREFACE_RE = re.compile(r"^序\s*言(?:[:：\s]|$)")
_TABLE_CAPTION_RE = re.compile(r"^表\s*(?P<num>\d{1,2})(?!\d)\s*(?P<title>.*)$")
_BOX_CAPTION_RE = re.compile(r"^专栏\s*\d*\s*[:：]?\s*(?P<title>.*)$")

#: sentence punctuation that a title may carry only at its very end
_SENTENCE_MARKS_RE = re.compile(r"[。；！？]")
_MAX_SECTION_TITLE = 60
_MAX_SHORT_TITLE = 40


def cn_number(text: str) -> int:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23 (all the plans need)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, units = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def strip_markup(line: str) -> str:
    """Drop a PDF export's Markdown heading markers and whole-line bold; they carry no structure."""
    line = _MD_HEADING_RE.sub("", line.strip())
    wrapped = _WRAPPED_BOLD_RE.match(line)
    return wrapped.group(1).strip() if wrapped else line


@dataclass(frozen=True)
class Numbered:
    """A line that starts with a number of the plan's outline."""

    kind: str  # "h2" | "h3" | "h4" | "h5" | "appendix" | "preface"
    number: int
    title: str


def _is_short_title(title: str, limit: int) -> bool:
    body = title[:-1]
    return len(title) <= limit and not _SENTENCE_MARKS_RE.search(body) and not title.endswith(("：", ":", "，"))


def match_numbered(line: str) -> Numbered | None:
    """Classify a (markup-stripped, cleaned) line as an outline heading, or ``None`` for body text."""
    if _PREFACE_RE.match(line):
        return Numbered("preface", 0, line)
    if m := _APPENDIX_RE.match(line):
        if len(m.group("title")) <= _MAX_SECTION_TITLE:
            return Numbered("appendix", int(m.group("num")), m.group("title"))
        return None
    for kind, regex, limit in (("h2", _H2_RE, _MAX_SECTION_TITLE), ("h3", _H3_RE, _MAX_SECTION_TITLE)):
        if (m := regex.match(line)) and _is_short_title(m.group("title"), limit):
            return Numbered(kind, cn_number(m.group("num")), m.group("title"))
    for kind, regex in (("h4", _H4_RE), ("h5", _H5_RE)):
        if (m := regex.match(line)) and _is_short_title(m.group("title"), _MAX_SHORT_TITLE):
            return Numbered(kind, int(m.group("num")), m.group("title"))
    return None


def is_heading_line(line: str) -> bool:
    """True for lines that open a section (used by the page-break rejoin step)."""
    return match_numbered(strip_markup(line)) is not None


def caption_kind(caption: str) -> str:
    """"table" (表N), "box" (专栏), "appendix" (附件N) or "other"."""
    if _TABLE_CAPTION_RE.match(caption):
        return "table"
    if _BOX_CAPTION_RE.match(caption):
        return "box"
    if _APPENDIX_RE.match(caption):
        return "appendix"
    return "other"


# --- blocks ---------------------------------------------------------------------------------------


@dataclass
class Heading:
    level: int
    id: str
    text: str


@dataclass
class Paragraph:
    text: str


@dataclass
class TableSlot:
    index: int


Block = Heading | Paragraph | TableSlot


@dataclass
class _Outline:
    """Running number path; ``appendix`` is set once an 附件 heading has been seen."""

    appendix: int | None = None
    path: dict[int, int] = field(default_factory=dict)  # base level (2..5) -> number
    last_level: int = 1
    section_id: str = "s0"
    boxes: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def unique(self, ident: str) -> str:
        candidate, n = ident, 2
        while candidate in self.used:
            candidate = f"{ident}-{n}"
            n += 1
        if candidate != ident:
            log.warning("heading id %s already used; using %s", ident, candidate)
        self.used.add(candidate)
        return candidate

    def numbered(self, item: Numbered, text: str) -> Heading:
        if item.kind == "preface":
            return self._section(2, "s0", text)
        if item.kind == "appendix":
            self.appendix = item.number
            self.path = {}
            return self._section(2, f"fj{item.number}", text)
        base = {"h2": 2, "h3": 3, "h4": 4, "h5": 5}[item.kind]
        self.path = {lvl: n for lvl, n in self.path.items() if lvl < base}
        self.path[base] = item.number
        numbers = "-".join(str(self.path[lvl]) for lvl in sorted(self.path))
        if self.appendix is None:
            return self._section(base, f"s{numbers}", text)
        return self._section(min(base + 1, 6), f"fj{self.appendix}-{numbers}", text)

    def _section(self, level: int, ident: str, text: str) -> Heading:
        heading = Heading(level, self.unique(ident), text)
        self.last_level = level
        self.section_id = heading.id
        return heading

    def caption(self, caption: str) -> Heading:
        level = min(self.last_level + 1, 6)
        if m := _TABLE_CAPTION_RE.match(caption):
            return Heading(level, self.unique(f"b{int(m.group('num'))}"), caption)
        k = self.boxes.get(self.section_id, 0) + 1
        self.boxes[self.section_id] = k
        return Heading(level, self.unique(f"{self.section_id}-zl{k}"), caption)


def normalise_caption(caption: str) -> str:
    """``表 1 主要指标`` -> ``表1 主要指标``; ``附件 1`` -> ``附件1``; ``专栏: x`` -> ``专栏：x``."""
    caption = strip_markup(caption)
    if m := _TABLE_CAPTION_RE.match(caption):
        title = m.group("title").strip()
        return f"表{int(m.group('num'))} {title}".rstrip()
    if m := _BOX_CAPTION_RE.match(caption):
        return f"专栏：{m.group('title').strip()}"
    return caption


def build_blocks(text: str, captions: dict[int, str | None]) -> list[Block]:
    """Turn cleaned body text (one block per non-empty line) into headings, paragraphs and tables.

    ``captions`` maps a table index to its cleaned caption (or ``None``).
    """
    lines = [strip_markup(line) for line in text.split("\n") if line.strip()]
    outline = _Outline()
    blocks: list[Block] = []
    in_attachment_list = False
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if placeholder := PLACEHOLDER_RE.match(line):
            index = int(placeholder.group(1))
            caption = captions.get(index)
            if caption:
                _caption_block(outline, blocks, caption)
            blocks.append(TableSlot(index))
            in_attachment_list = False
            continue
        item = match_numbered(line)
        if item is not None and _ATTACHMENT_LIST_RE.match(line) and _ATTACHMENT_ITEM2_RE.match(nxt):
            # "附件：1.…… / 2.……" lists the attachments; the appendices themselves follow later
            blocks.append(Paragraph(line))
            in_attachment_list = True
            continue
        if in_attachment_list and _H4_RE.match(line):
            blocks.append(Paragraph(line))
            continue
        in_attachment_list = False
        if item is None and PLACEHOLDER_RE.match(nxt) and caption_kind(line) in ("table", "box") and len(line) <= 60:
            blocks.append(outline.caption(normalise_caption(line)))  # a caption the table finder left behind
            continue
        if item is None:
            if _merge_into_appendix(blocks, line):
                continue
            blocks.append(Paragraph(line))
            continue
        blocks.append(outline.numbered(item, line))
    return blocks


def _caption_block(outline: _Outline, blocks: list[Block], caption: str) -> None:
    kind = caption_kind(caption)
    if kind == "appendix":
        item = match_numbered(caption)
        assert item is not None
        blocks.append(outline.numbered(item, caption))
    elif kind in ("table", "box"):
        blocks.append(outline.caption(normalise_caption(caption)))
    elif not _merge_into_appendix(blocks, caption):
        blocks.append(Paragraph(caption))


def _merge_into_appendix(blocks: list[Block], line: str) -> bool:
    """``附件 1`` on its own line followed by the appendix title: one heading ``附件1 <title>``."""
    if not blocks or not isinstance(blocks[-1], Heading) or not blocks[-1].id.startswith("fj"):
        return False
    last = blocks[-1]
    m = _APPENDIX_RE.match(last.text)
    if not m or m.group("title") or len(line) > _MAX_SECTION_TITLE or _SENTENCE_MARKS_RE.search(line):
        return False
    last.text = f"附件{int(m.group('num'))} {line}"
    return True
