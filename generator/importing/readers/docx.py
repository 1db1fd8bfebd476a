"""Word .docx files (python-docx): the body's paragraphs and tables in order, as the text path expects.

What a Word file carries that a text export loses, and what this reader does with it:

* **Automatic numbering** (``w:numPr`` on the paragraph or its style, with ``chineseCounting``,
  ``decimal`` … formats): the number Word would display (一、 （一） 1.) is written before the
  text, because the numbering decides heading levels and ids in the structure step. Counters
  follow Word: per abstract list, deeper levels restart after a higher one, ``startOverride``.
  Bullets are dropped (list formatting, not text).
* **Heading styles and bold paragraphs** need nothing special: the numbering decides, exactly as
  for text. A bold run at the start of a body paragraph becomes ``**…**`` (a bold lead-in).
* **Tables** (``w:tbl``) become :class:`~generator.importing.readers.ReadTable` grids: ``gridSpan``
  and ``vMerge`` cells are expanded (text in the first cell, the covered ones empty) and noted for
  review; a caption paragraph (表N/专栏) just above, or a first row that spans the whole table,
  travels with it. A one-column table is a framed box of text and is read as paragraphs.
* **Not content:** headers and footers (never part of the body), page-number fields (PAGE,
  NUMPAGES … in the body too), deleted revisions and hidden text. Text boxes anchored in a
  paragraph are content and follow it (the DrawingML copy only, not the VML fallback).
* **Table of contents** paragraphs (TOC styles or a TOC field) are written the way a PDF export
  shows them (entry……page), so the text path's TOC step removes them.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError
from generator.importing.readers import READ_TABLE_MARK, RawText, ReadTable
from generator.importing.readers.paragraphs import is_caption, with_lead_in
from generator.importing.tables import grid_table

log = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(tag: str) -> str:
    prefix, _, local = tag.partition(":")
    return f"{{{MC if prefix == 'mc' else W}}}{local}"


P, R, T, TAB, BR, CR, TBL, TR, TC, SDT, SDT_CONTENT = (
    _q(t) for t in ("w:p", "w:r", "w:t", "w:tab", "w:br", "w:cr", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent")
)
VAL = _q("w:val")
#: Containers whose runs are part of the paragraph's text.
INLINE_CONTAINERS = frozenset(
    _q(t) for t in ("w:hyperlink", "w:smartTag", "w:ins", "w:customXml", "w:dir", "w:bdo", "w:sdtContent", "w:sdt", "w:moveTo")
)
#: Never text: deleted or moved-away revisions, field instructions, proofing marks.
SKIPPED = frozenset(_q(t) for t in ("w:del", "w:moveFrom", "w:instrText", "w:delText", "w:pPr", "w:rPr", "w:proofErr"))
#: Field types whose displayed result is page furniture, not plan text.
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"})
_FIELD_TYPE_RE = re.compile(r"^\s*([A-Za-z]+)")
_TOC_STYLE_RE = re.compile(r"^(?:toc|目录)\s*\d+$", re.IGNORECASE)
_TOC_HEADING_RE = re.compile(r"^\s*目\s*录\s*$")
_SQUASH_RE = re.compile(r"\s+")

DAMAGED_HINT = "文件可能已损坏或下载不完整；请重新下载，或用 Word/WPS 打开后另存为 .docx 或 PDF 再试"

# --- numbering ---------------------------------------------------------------------------------

_CN_DIGITS = "零一二三四五六七八九"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
#: Chinese typography puts no space after these (一、发展基础, （一）总体要求).
_NO_SPACE_AFTER = "、）)：:"
_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = (
            ""
            if not rest
            else (
                "零" + chinese_number(rest) if rest < 10 else (_CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else ""))
            )
        )
        return _CN_DIGITS[n // 100] + "百" + tail
    return str(n)


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, digits in _ROMAN:
        while n >= value:
            out += digits
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    """A counter value in one of Word's ``w:numFmt`` formats (unknown formats fall back to decimal)."""
    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "chineseLegalSimplified",
        "japaneseCounting",
        "ideographDigital",
        "taiwaneseCounting",
        "taiwaneseCountingThousand",
        "koreanCounting",
    ):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 0 < n <= len(_PAREN) else f"({n})"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass(frozen=True)
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    suffix: str = "tab"  # tab | space | nothing
    restart: int | None = None  # w:lvlRestart: restart after this (1-based) level, 0 = never
    legal: bool = False  # w:isLgl: every level shown as decimal


@dataclass
class Numbering:
    """The document's list definitions and the running counters, in document order."""

    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> Level
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> startOverride
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId -> ilvl -> value
    started: set[str] = field(default_factory=set)  # numIds whose overrides were applied

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the counter of (num_id, ilvl) and return the number text Word shows, with its suffix."""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if abstract is None or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for level, start in self.overrides.get(num_id, {}).items():
                counters[level] = start - 1
                for deeper in [k for k in counters if k > level]:
                    del counters[deeper]
        level = levels[ilvl]
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart and restart - 1 >= ilvl):
                del counters[deeper]
        if level.fmt == "bullet":
            return ""

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, Level())
            n = counters.get(k, shown.start)
            return format_number(n, "decimal" if level.legal and k != ilvl else shown.fmt)

        text = re.sub(r"%([1-9])", value, level.text)
        if not text or level.suffix == "nothing" or text[-1] in _NO_SPACE_AFTER:
            return text
        return text + " "  # Word's tab or space after the number


def _int(element: Any, default: int) -> int:
    try:
        return int(element.get(VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


def load_numbering(document: Any) -> Numbering:
    numbering = Numbering()
    try:
        part = document.part.numbering_part
    except (NotImplementedError, KeyError):
        return numbering
    if part is None:
        return numbering
    root = part.element
    for abstract in root.iter(_q("w:abstractNum")):
        aid = abstract.get(_q("w:abstractNumId"))
        levels: dict[int, Level] = {}
        for lvl in abstract.iter(_q("w:lvl")):
            levels[_int_attr(lvl, _q("w:ilvl"), 0)] = _level(lvl)
        numbering.levels[aid] = levels
    for num in root.iter(_q("w:num")):
        nid = num.get(_q("w:numId"))
        ref = num.find(_q("w:abstractNumId"))
        if ref is None:
            continue
        numbering.abstract_of[nid] = ref.get(VAL)
        for override in num.iter(_q("w:lvlOverride")):
            ilvl = _int_attr(override, _q("w:ilvl"), 0)
            start = override.find(_q("w:startOverride"))
            if start is not None:
                numbering.overrides.setdefault(nid, {})[ilvl] = _int(start, 1)
            lvl = override.find(_q("w:lvl"))
            if lvl is not None:  # a level redefined for this list only: give it its own abstract copy
                copy = f"{ref.get(VAL)}@{nid}"
                numbering.levels.setdefault(copy, dict(numbering.levels.get(ref.get(VAL), {})))[ilvl] = _level(lvl)
                numbering.abstract_of[nid] = copy
    return numbering


def _int_attr(element: Any, name: str, default: int) -> int:
    try:
        return int(element.get(name))
    except (TypeError, ValueError):
        return default


def _level(lvl: Any) -> Level:
    fmt = lvl.find(_q("w:numFmt"))
    text = lvl.find(_q("w:lvlText"))
    suffix = lvl.find(_q("w:suff"))
    restart = lvl.find(_q("w:lvlRestart"))
    return Level(
        fmt=fmt.get(VAL) if fmt is not None else "decimal",
        text=text.get(VAL, "") if text is not None else "",
        start=_int(lvl.find(_q("w:start")), 1),
        suffix=suffix.get(VAL) if suffix is not None else "tab",
        restart=_int(restart, 0) if restart is not None else None,
        legal=lvl.find(_q("w:isLgl")) is not None,
    )


# --- styles ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    name: str
    based_on: str | None
    num: tuple[str, int] | None  # (numId, ilvl) from the style's pPr
    bold: bool | None


def load_styles(document: Any) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    try:
        root = document.styles.element
    except (KeyError, NotImplementedError):
        return styles
    for style in root.iter(_q("w:style")):
        sid = style.get(_q("w:styleId"))
        name = style.find(_q("w:name"))
        based = style.find(_q("w:basedOn"))
        num_pr = style.find(f"{_q('w:pPr')}/{_q('w:numPr')}")
        num = None
        if num_pr is not None and num_pr.find(_q("w:numId")) is not None:
            num = (num_pr.find(_q("w:numId")).get(VAL), _int(num_pr.find(_q("w:ilvl")), 0))
        styles[sid] = Style(
            name=(name.get(VAL) if name is not None else sid) or "",
            based_on=based.get(VAL) if based is not None else None,
            num=num,
            bold=_flag(style.find(f"{_q('w:rPr')}/{_q('w:b')}")),
        )
    return styles


def _flag(element: Any) -> bool | None:
    """A toggle property (w:b, w:vanish): None when absent, else its value (absent w:val = on)."""
    if element is None:
        return None
    return element.get(VAL) not in ("0", "false", "off", "none")


def _style_chain(styles: dict[str, Style], sid: str | None) -> Iterator[Style]:
    seen: set[str] = set()
    while sid and sid in styles and sid not in seen:
        seen.add(sid)
        yield styles[sid]
        sid = styles[sid].based_on


# --- reading -----------------------------------------------------------------------------------


@dataclass
class _Reader:
    numbering: Numbering
    styles: dict[str, Style]
    lines: list[str] = field(default_factory=list)
    tables: list[ReadTable] = field(default_factory=list)
    in_toc: bool = False
    toc_started: bool = False
    #: open complex fields (w:fldChar begin … end), which may span paragraphs (a TOC field does)
    fields: list[dict[str, Any]] = field(default_factory=list)

    # paragraphs -------------------------------------------------------------------------------

    def paragraph(self, p: Any) -> None:
        ppr = p.find(_q("w:pPr"))
        style_id = None
        if ppr is not None and ppr.find(_q("w:pStyle")) is not None:
            style_id = ppr.find(_q("w:pStyle")).get(VAL)
        chain = list(_style_chain(self.styles, style_id or "Normal"))
        style_bold = next((s.bold for s in chain if s.bold is not None), False)
        runs: list[tuple[str, bool]] = []
        boxes: list[Any] = []
        self._inline(p, runs, boxes, style_bold, field_stack=self.fields)
        text = "".join(t for t, _ in runs)
        is_toc = bool(chain and _TOC_STYLE_RE.match(chain[0].name)) or self.in_toc
        label = "" if is_toc else self._number(ppr, chain)
        if is_toc:
            self.toc_line(text)
        else:
            self.lines.extend(self._compose(label, runs).split("\n"))
        for box in boxes:
            for inner in box.iter(P):
                if inner.getparent() is not None and _q("w:txbxContent") == inner.getparent().tag:
                    self.paragraph(inner)

    def _number(self, ppr: Any, chain: list[Style]) -> str:
        num: tuple[str, int] | None = None
        direct = ppr.find(_q("w:numPr")) if ppr is not None else None
        if direct is not None:
            nid = direct.find(_q("w:numId"))
            style_num = next((s.num for s in chain if s.num), None)
            if nid is not None:
                num = (nid.get(VAL), _int(direct.find(_q("w:ilvl")), 0))
            elif style_num:
                num = (style_num[0], _int(direct.find(_q("w:ilvl")), style_num[1]))
        else:
            num = next((s.num for s in chain if s.num), None)
        if not num or num[0] in (None, "0"):
            return ""
        return self.numbering.label(num[0], num[1])

    def _compose(self, label: str, runs: list[tuple[str, bool]]) -> str:
        """The paragraph's line(s): its number, then the text, a leading bold run as ``**…**``."""
        text = "".join(t for t, _ in runs).replace("\t", " ")
        lead = 0
        while lead < len(runs) and (runs[lead][1] or not runs[lead][0].strip()):
            lead += 1
        bold = "".join(t for t, _ in runs[:lead]).replace("\t", " ")
        if lead and bold.strip() and "\n" not in bold and lead < len(runs):
            text = with_lead_in(bold, text[len(bold) :]) if not label else text
        return label + text

    def _inline(
        self, node: Any, runs: list[tuple[str, bool]], boxes: list[Any], style_bold: bool, field_stack: list[dict[str, Any]]
    ) -> None:
        for child in node:
            tag = child.tag
            if not isinstance(tag, str) or tag in SKIPPED:
                continue
            if tag == R:
                self._run(child, runs, boxes, style_bold, field_stack)
            elif tag == _q("w:fldSimple"):
                kind = _field_type(child.get(_q("w:instr"), ""))
                if kind not in PAGE_FIELDS:
                    self._inline(child, runs, boxes, style_bold, field_stack)
            elif tag in INLINE_CONTAINERS:
                self._inline(child, runs, boxes, style_bold, field_stack)
            elif tag == _q("mc:AlternateContent"):
                self._alternate(child, runs, boxes, style_bold, field_stack)

    def _alternate(
        self, node: Any, runs: list[tuple[str, bool]], boxes: list[Any], style_bold: bool, field_stack: list[dict[str, Any]]
    ) -> None:
        choice = node.find(_q("mc:Choice"))
        chosen = choice if choice is not None else node.find(_q("mc:Fallback"))
        if chosen is not None:
            for child in chosen:
                if child.tag == R:
                    self._run(child, runs, boxes, style_bold, field_stack)
                else:
                    self._drawing(child, boxes)

    def _drawing(self, node: Any, boxes: list[Any]) -> None:
        if any(True for _ in node.iter(_q("w:txbxContent"))):
            boxes.append(node)

    def _run(self, r: Any, runs: list[tuple[str, bool]], boxes: list[Any], style_bold: bool, field_stack: list[dict[str, Any]]) -> None:
        rpr = r.find(_q("w:rPr"))
        if rpr is not None and _flag(rpr.find(_q("w:vanish"))):
            return
        bold = style_bold
        if rpr is not None:
            rstyle = rpr.find(_q("w:rStyle"))
            if rstyle is not None:
                bold = next((s.bold for s in _style_chain(self.styles, rstyle.get(VAL)) if s.bold is not None), bold)
            direct = _flag(rpr.find(_q("w:b")))
            bold = bold if direct is None else direct
        for child in r:
            tag = child.tag
            if tag == _q("w:fldChar"):
                kind = child.get(_q("w:fldCharType"))
                if kind == "begin":
                    field_stack.append({"instr": "", "result": False})
                elif kind == "separate" and field_stack:
                    field_stack[-1]["result"] = True
                    if _field_type(field_stack[-1]["instr"]) == "TOC":
                        self.in_toc = True
                elif kind == "end" and field_stack and _field_type(field_stack.pop()["instr"]) == "TOC":
                    self.in_toc = False
                continue
            if tag == _q("w:instrText"):
                if field_stack:
                    field_stack[-1]["instr"] += child.text or ""
                continue
            if any(not f["result"] or _field_type(f["instr"]) in PAGE_FIELDS for f in field_stack):
                continue  # a field's instruction, or the shown value of a page-number field
            if tag == T:
                runs.append((child.text or "", bold))
            elif tag == TAB or tag == _q("w:ptab"):
                runs.append(("\t", bold))
            elif tag in (BR, CR):
                runs.append(("\n", bold))
            elif tag in (_q("w:noBreakHyphen"), _q("w:softHyphen")):
                runs.append(("-" if tag == _q("w:noBreakHyphen") else "", bold))
            elif tag == _q("w:sym"):
                char = child.get(_q("w:char"))
                try:
                    code = int(char, 16) if char else 0
                except ValueError:
                    code = 0
                if code and not 0xF000 <= code <= 0xF0FF:
                    runs.append((chr(code), bold))
            elif tag == _q("mc:AlternateContent"):
                self._alternate(child, runs, boxes, bold, field_stack)
            elif tag in (_q("w:drawing"), _q("w:pict"), _q("w:object")):
                self._drawing(child, boxes)

    def toc_line(self, text: str) -> None:
        """A table-of-contents entry as a PDF export shows it: ``entry……page`` (under a 目录 line)."""
        if not self.toc_started:
            self.toc_started = True
            previous = next((line for line in reversed(self.lines) if line.strip()), "")
            if not _TOC_HEADING_RE.match(previous.replace("*", "")):
                self.lines.append("目录")
        entry, _, page = text.replace("\n", " ").rpartition("\t")
        if not entry:
            entry, page = text, ""
        entry = _SQUASH_RE.sub(" ", entry.replace("\t", " ")).strip()
        page = page.strip()
        if entry:
            self.lines.append(f"{entry}……{page}" if page.isdigit() else entry)

    # tables -----------------------------------------------------------------------------------

    def table(self, tbl: Any) -> None:
        grid, header_rows, merged = self._grid(tbl)
        grid = [row for row in grid if any(cell.strip() for cell in row)]
        if not grid:
            return
        width = max(len(row) for row in grid)
        if width == 1:  # a framed box of text: its paragraphs are body text
            for row in grid:
                self.lines.extend(["", *row[0].split("\n"), ""])
            return
        caption = self._caption_above()
        notes: list[str] = []
        first = grid[0]
        if (
            len(grid) > 2
            and first[0].strip()
            and all(not c.strip() or c == first[0] for c in first[1:])
            and merged.get((0, "span")) == width
        ):
            title = first[0].strip().replace("\n", "")
            if caption is None:
                caption = title
            else:
                self.lines.append(title)
            grid = grid[1:]
            header_rows = max(1, header_rows - 1)
        if merged.get("count"):
            where = "；".join(merged["where"][:3]) + ("……" if len(merged["where"]) > 3 else "")
            notes.append(
                f"表格{('「' + caption + '」') if caption else ''}有 {merged['count']} 个合并单元格（{where}），"
                "已展开：文字留在首格，被合并的格留空，请对照原文核对"
            )
        table = grid_table(grid, notes, header_rows=header_rows)
        self.lines.extend(["", READ_TABLE_MARK.format(len(self.tables)), ""])
        self.tables.append(ReadTable(table=table, caption=caption))

    def _caption_above(self) -> str | None:
        index = len(self.lines) - 1
        while index >= 0 and not self.lines[index].strip():
            index -= 1
        if index >= 0 and is_caption(self.lines[index].replace("**", "")):
            caption = self.lines[index].replace("**", "").strip()
            del self.lines[index:]
            return caption
        return None

    def _grid(self, tbl: Any) -> tuple[list[list[str]], int, dict[Any, Any]]:
        """Rows of cell texts with merged cells expanded; the number of header rows; what was merged."""
        grid: list[list[str]] = []
        header_rows = 0
        merged: dict[Any, Any] = {"count": 0, "where": []}
        vertical: dict[int, int] = {}  # column -> row index where the running vMerge started
        for r_index, tr in enumerate(tbl.iter(TR)):
            if tr.getparent() is not tbl and tr.getparent().getparent() is not tbl:
                continue  # a row of a nested table
            trpr = tr.find(_q("w:trPr"))
            if trpr is not None and trpr.find(_q("w:tblHeader")) is not None and header_rows == r_index:
                header_rows += 1
            row: list[str] = []
            before = _int(trpr.find(_q("w:gridBefore")), 0) if trpr is not None else 0
            row.extend([""] * before)
            for tc in _cells(tr):
                tcpr = tc.find(_q("w:tcPr"))
                span = _int(tcpr.find(_q("w:gridSpan")), 1) if tcpr is not None else 1
                vmerge = tcpr.find(_q("w:vMerge")) if tcpr is not None else None
                column = len(row)
                if vmerge is not None and vmerge.get(VAL) != "restart":
                    row.extend([""] * max(span, 1))
                    merged["count"] += 1
                    start = vertical.get(column)
                    if start is not None and len(merged["where"]) < 10:
                        merged["where"].append(f"第 {start + 1}–{len(grid) + 1} 行第 {column + 1} 列")
                    continue
                if vmerge is not None:
                    vertical[column] = len(grid)
                else:
                    vertical.pop(column, None)
                row.append(self._cell_text(tc))
                if span > 1:
                    row.extend([""] * (span - 1))
                    merged["count"] += 1
                    if len(grid) == 0:
                        merged[(0, "span")] = span
                    if len(merged["where"]) < 10:
                        merged["where"].append(f"第 {len(grid) + 1} 行第 {column + 1}–{column + span} 列")
            grid.append(row)
        if merged.get((0, "span")) and len(grid[0]) != merged[(0, "span")]:
            merged.pop((0, "span"))
        if merged.get((0, "span")) == len(grid[0]):
            merged["count"] -= 1  # a title row spanning the table is a caption, not a merge to check
            merged["where"] = merged["where"][1:]
        return grid, max(header_rows, 1), merged

    def _cell_text(self, tc: Any) -> str:
        inner = _Reader(self.numbering, self.styles)
        for child in tc:
            if child.tag == P:
                inner.paragraph(child)
            elif child.tag == TBL:  # a nested table: its rows as lines of the cell
                for row in inner._grid(child)[0]:
                    inner.lines.append(" ".join(c.replace("\n", " ") for c in row if c))
            elif child.tag in (SDT, SDT_CONTENT):
                for p in child.iter(P):
                    inner.paragraph(p)
        return "\n".join(line.replace("**", "") for line in inner.lines if line.strip())

    # body -------------------------------------------------------------------------------------

    def body(self, node: Any) -> None:
        for child in node:
            tag = child.tag
            if tag == P:
                self.paragraph(child)
            elif tag == TBL:
                self.table(child)
            elif tag in (SDT, SDT_CONTENT, _q("w:customXml")):
                self.body(child.find(SDT_CONTENT) if tag == SDT and child.find(SDT_CONTENT) is not None else child)
            elif tag == _q("mc:AlternateContent"):
                choice = child.find(_q("mc:Choice"))
                if choice is not None:
                    self.body(choice)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr:
        if child.tag == TC:
            yield child
        elif child.tag in (SDT, _q("w:customXml")):
            content = child.find(SDT_CONTENT) if child.tag == SDT else child
            if content is not None:
                yield from (c for c in content if c.tag == TC)


def _field_type(instruction: str) -> str:
    match = _FIELD_TYPE_RE.match(instruction)
    return match.group(1).upper() if match else ""


def read_docx(data: bytes, path: Path | str) -> RawText:
    """The body of a .docx as plan lines and tables, or a refusal naming what is wrong."""
    import docx  # python-docx: imported here so that text imports do not load it
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(BytesIO(data))
        reader = _Reader(load_numbering(document), load_styles(document))
        reader.body(document.element.body)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, PackageNotFoundError, KeyError, XMLSyntaxError, EOFError, ValueError) as exc:
        log.debug("%s: %r", path, exc)
        raise GeneratorError(path, f"Word 文档已损坏，无法读取（{type(exc).__name__}）", DAMAGED_HINT) from None
    text = "\n".join(reader.lines).strip("\n") + "\n"
    if not "".join(reader.lines).strip() and not reader.tables:
        raise GeneratorError(
            path, "Word 文档中没有正文文字", "确认文件是规划全文；正文若是插入的图片（扫描件），本工具不支持文字识别（OCR）"
        )
    log.debug("%s: %d lines, %d tables", path, len(reader.lines), len(reader.tables))
    return RawText(text=text, encoding="", format="docx", tables=tuple(reader.tables))
