"""Text-layer PDFs (as Word, WPS, LibreOffice or a browser export them) -> plan lines and tables.

Libraries: **pypdfium2** (PDFium, Apache-2.0/BSD) reads every character with its box, font and
render mode and every path segment; it is a C library and reads a 60-page plan in well under a
second, where pdfminer.six (pure Python) needs about 20 s for the per-glyph text that Chromium and
Word write. **pdfplumber** (MIT) contributes its lines-strategy table finder (edges -> intersections
-> cells -> tables), fed with the ruling lines PDFium found. PyMuPDF was not used: AGPL.

The layout, not just the text, decides (every threshold is relative to what the document itself
measures — its body font size, line pitch and text block — never to one exporter's coordinates):

1. **Furniture.** Lines at the top or bottom of a page are dropped when they are a page number
   (“— 3 —”, “- 3 -”, “第3页”, “3/40”, a bare number …) or when the same text (digits ignored)
   recurs at the same height on other pages: running headers and footers.
2. **Tables.** Ruled tables become cell grids; merged cells are expanded (text in the first cell)
   and noted for review, multi-line cells keep their line breaks (joined later like the text
   path's), a caption line just above or below travels with the table, a table continued on the
   next page is joined to its first part, a repeated header row is dropped. A grid the reader
   cannot square is flagged for review. One-column boxes are read as text.
3. **Paragraphs.** A line continues the paragraph above when it follows at the normal line pitch
   (or opens the next page), starts at the text block's left edge, and the line above was full —
   it reached the right edge, or the next line's first word would not have fitted. A first-line
   indent, vertical space, a change to a heading-like line (bold, larger or in another font) or a
   short line ends a paragraph. Heading candidates still get their level from the numbering only.
4. **Characters.** Duplicates drawn twice for fake bold are removed, Kangxi-radical code points
   that some fonts map ideographs to (⼗ for 十) become the ideographs, a blank is kept only where
   the source has one or where two non-CJK characters are visibly apart (justified CJK lines have
   wide gaps that are not spaces). A bold run opening a body paragraph becomes ``**…**``.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import logging
import operator
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError
from generator.importing.readers import READ_TABLE_MARK, RawText, ReadTable
from generator.importing.readers.paragraphs import is_caption, is_page_number, with_lead_in
from generator.importing.structure import match_numbered, strip_markup
from generator.importing.tables import grid_table

log = logging.getLogger(__name__)

DAMAGED_HINT = "文件可能下载不完整或已损坏；请重新下载，或用 PDF 阅读器打开后重新“打印为 PDF”再试"
_WIDE_RE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff“”‘’—…·]")
_BOLD_NAME_RE = re.compile(r"bold|heavy|black|semibold|demibold|-b$|,b$|黑体|hei(?!ti)|粗", re.IGNORECASE)
_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")
_LEADER_RE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|．{3,})\s*\d+\s*$")
_NUMBERED_START_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、](?!\d)|附件|表\s*\d|专栏|序\s*言)"
)
_DIGITS_RE = re.compile(r"\d+")
_CELL_ITEM_RE = re.compile(r"^(?:[-*•●▪]|\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[）)]|[一二三四五六七八九十]+、)")
_NO_BREAK_BEFORE = frozenset(".,;:!?%)]}…·．，。、；：！？）》」』”’")
_SPACES_RE = re.compile(r"\s+")
#: A first-line indent is at least this many ems (documents use 2).
INDENT_EM = 0.9
#: A line is "full" when the gap to the right edge is less than the next line's first word plus this slack.
FULL_SLACK_EM = 1.3
#: Vertical space beyond this many line pitches starts a new paragraph.
GAP_PITCHES = 1.35
#: Body-size lines further apart than the body pitch plus this many ems are separated by spacing.
EXTRA_SPACE_EM = 0.25
#: Sentence-final punctuation (as the text path's page-break rejoin reads it).
TERMINAL = "。！？；：…"
#: Text recurring at the same height (± this many points) on several pages is a running header/footer.
FURNITURE_Y_TOLERANCE = 3.0
#: How many lines at the top and at the bottom of a page can be furniture.
FURNITURE_LINES = 2
#: Fewer characters than this per page (on average) with images on the pages: a scan.
MIN_CHARS_PER_PAGE = 20
#: Ruling lines shorter than this (points) are ignored (underlines of single characters, dots).
MIN_EDGE = 6.0


@dataclass
class Char:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    font: str
    bold: bool


@dataclass
class Line:
    """One printed line (or part of a cell): characters left to right."""

    page: int
    chars: list[Char]
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    font: str = ""
    bold: bool = False

    def __post_init__(self) -> None:
        self.chars.sort(key=lambda c: c.x0)
        visible = [c for c in self.chars if c.text.strip()] or self.chars
        self.x0 = min(c.x0 for c in visible)
        self.x1 = max(c.x1 for c in visible)
        self.top = statistics.median(c.top for c in visible)
        self.bottom = statistics.median(c.bottom for c in visible)
        self.size = statistics.median(c.size for c in visible)
        fonts = Counter(c.font for c in visible)
        self.font = fonts.most_common(1)[0][0]
        self.bold = sum(c.bold for c in visible) >= 0.8 * len(visible)
        self.text = assemble(self.chars)

    @property
    def baseline(self) -> float:
        return self.bottom


@dataclass
class TableBox:
    page: int
    bbox: tuple[float, float, float, float]  # x0, top, x1, bottom
    grid: list[list[str]]
    merged: list[str]
    irregular: bool
    caption: str | None = None
    open_bottom: bool = False  # the last row continues on the next page


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[TableBox] = field(default_factory=list)
    images: int = 0


# --- characters ------------------------------------------------------------------------------------


def normalise_char(char: str) -> str:
    """Kangxi radicals and CJK compatibility ideographs -> the unified ideograph; else unchanged."""
    code = ord(char)
    if 0x2F00 <= code <= 0x2FDF or 0xF900 <= code <= 0xFAFF:
        return unicodedata.normalize("NFKC", char)
    return RADICALS_SUPPLEMENT.get(char, char)


#: CJK Radicals Supplement code points that fonts map simplified ideographs to (⻓ for 长 …).
RADICALS_SUPPLEMENT = {
    "⺁": "厂",
    "⺇": "几",
    "⺈": "刀",
    "⺊": "卜",
    "⺌": "小",
    "⺍": "小",
    "⺎": "尢",
    "⺐": "尣",
    "⺓": "幺",
    "⺕": "彐",
    "⺛": "无",
    "⺟": "母",
    "⺠": "民",
    "⺡": "水",
    "⺢": "水",
    "⺣": "火",
    "⺤": "爪",
    "⺥": "爪",
    "⺦": "丬",
    "⺧": "牛",
    "⺩": "王",
    "⺪": "疋",
    "⺫": "目",
    "⺬": "示",
    "⺭": "礻",
    "⺮": "竹",
    "⺲": "罒",
    "⺳": "网",
    "⺴": "网",
    "⺵": "网",
    "⺶": "羊",
    "⺷": "羊",
    "⺸": "羊",
    "⺹": "老",
    "⺺": "聿",
    "⺻": "聿",
    "⺼": "肉",
    "⺽": "臼",
    "⺾": "艸",
    "⺿": "艸",
    "⻀": "艸",
    "⻁": "虎",
    "⻂": "衣",
    "⻃": "覀",
    "⻄": "西",
    "⻅": "见",
    "⻆": "角",
    "⻇": "角",
    "⻉": "贝",
    "⻋": "车",
    "⻌": "辶",
    "⻍": "辶",
    "⻎": "辶",
    "⻏": "阝",
    "⻐": "金",
    "⻑": "長",
    "⻒": "镸",
    "⻓": "长",
    "⻔": "门",
    "⻕": "阜",
    "⻖": "阝",
    "⻗": "雨",
    "⻘": "青",
    "⻙": "韦",
    "⻚": "页",
    "⻛": "风",
    "⻜": "飞",
    "⻝": "食",
    "⻟": "食",
    "⻠": "饣",
    "⻢": "马",
    "⻣": "骨",
    "⻤": "鬼",
    "⻥": "鱼",
    "⻦": "鸟",
    "⻧": "卤",
    "⻨": "麦",
    "⻩": "黄",
    "⻪": "黾",
    "⻫": "齐",
    "⻬": "齐",
    "⻭": "齿",
    "⻮": "齿",
    "⻯": "龙",
    "⻰": "龙",
    "⻱": "龜",
    "⻲": "龟",
    "⻳": "龟",
}


def assemble(chars: list[Char]) -> str:
    """A line's text: blanks only where the source has one or two non-CJK characters are apart."""
    if not chars:
        return ""
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(chars) if a.text.strip() and b.text.strip()]
    usual = statistics.median(gaps) if gaps else 0.0
    out: list[str] = []
    previous: Char | None = None
    for char in chars:
        if not char.text.strip():
            if out and out[-1] != " ":
                out.append(" ")
            continue
        if previous is not None and out and out[-1] != " ":
            gap = char.x0 - previous.x1
            both_wide = _WIDE_RE.match(previous.text) and _WIDE_RE.match(char.text)
            if not both_wide and gap > max(usual, 0.0) + 0.2 * max(char.size, 1.0):
                out.append(" ")
        out.append(char.text)
        previous = char
    return "".join(out).strip()


def _dedupe(chars: list[Char]) -> list[Char]:
    """Drop characters drawn twice at (almost) the same place: fake bold, shadows."""
    seen: dict[tuple[str, int, int], Char] = {}
    out: list[Char] = []
    for char in chars:
        key = (char.text, round(char.x0 / 1.5), round(char.top / 1.5))
        if key in seen and char.text.strip():
            seen[key].bold = True
            continue
        seen[key] = char
        out.append(char)
    return out


# --- reading pages with PDFium ----------------------------------------------------------------------


def _font_key(raw: Any, obj: Any, cache: dict[int, tuple[str, bool]], buffer: ctypes.Array[ctypes.c_char]) -> tuple[str, bool]:
    """(font, bold) of a text object: the base font name when the file gives one ("" when it does
    not, as in Chromium's PDFs), bold from the name, the weight, or text drawn filled and stroked
    (the fake bold of Word and WPS for fonts without a bold face)."""
    address = ctypes.cast(obj, ctypes.c_void_p).value or 0
    if address in cache:
        return cache[address]
    font = raw.FPDFTextObj_GetFont(obj) if obj else None
    name = ""
    if font:
        length = raw.FPDFFont_GetBaseFontName(font, buffer, len(buffer))
        name = _SUBSET_RE.sub("", buffer.value.decode("utf-8", errors="replace")) if length > 1 else ""
    mode = raw.FPDFTextObj_GetTextRenderMode(obj) if obj else 0
    weight = raw.FPDFFont_GetWeight(font) if font else -1
    bold = bool(_BOLD_NAME_RE.search(name)) or mode in (2, 6) or weight >= 600
    cache[address] = (name, bold)
    return name, bold


def _page_chars(raw: Any, page: Any, height: float) -> list[Char]:
    textpage = page.get_textpage()
    try:
        handle = textpage.raw
        buffer = ctypes.create_string_buffer(512)
        fonts: dict[int, tuple[str, bool]] = {}
        chars: list[Char] = []
        box = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        ox, oy = ctypes.c_double(), ctypes.c_double()
        for index in range(raw.FPDFText_CountChars(handle)):
            if raw.FPDFText_IsGenerated(handle, index):
                continue
            code = raw.FPDFText_GetUnicode(handle, index)
            if code in (0, 0xFFFE, 0xFFFF) or (code < 32 and code != 9) or 0xE000 <= code <= 0xF8FF:
                continue
            text = normalise_char(chr(code)) if code != 9 else " "
            if not raw.FPDFText_GetLooseCharBox(handle, index, ctypes.byref(box)):
                continue
            raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix))
            raw.FPDFText_GetCharOrigin(handle, index, ctypes.byref(ox), ctypes.byref(oy))
            scale = abs(matrix.a * matrix.d - matrix.b * matrix.c) ** 0.5 or 1.0
            size = raw.FPDFText_GetFontSize(handle, index) * scale
            if size <= 1.0:
                continue
            name, bold = _font_key(raw, raw.FPDFText_GetTextObject(handle, index), fonts, buffer)
            x0 = min(ox.value, box.left) if box.right > box.left else ox.value
            x1 = box.right
            if box.top - box.bottom < 0.6 * size:  # PDFium gave the ink box: use the em box
                x0 = ox.value
                x1 = max(box.right, x0 + (size if _WIDE_RE.match(text) else 0.5 * size))
            baseline = height - oy.value
            chars.append(Char(text, x0, x1, baseline - 0.88 * size, baseline + 0.12 * size, size, name, bold))
        return _dedupe(chars)
    finally:
        textpage.close()


def _page_edges(raw: Any, page: Any, height: float) -> tuple[list[dict[str, Any]], int]:
    """Horizontal and vertical ruling segments (pdfplumber edge dicts), and the number of images."""
    edges: list[dict[str, Any]] = []
    images = 0
    x, y = ctypes.c_float(), ctypes.c_float()
    matrix = raw.FS_MATRIX()
    for obj in page.get_objects(max_depth=3):
        kind = raw.FPDFPageObj_GetType(obj.raw)
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if kind != raw.FPDF_PAGEOBJ_PATH:
            continue
        if not raw.FPDFPageObj_GetMatrix(obj.raw, ctypes.byref(matrix)):
            continue
        a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
        points: list[tuple[float, float]] = []
        start: tuple[float, float] | None = None
        count = raw.FPDFPath_CountSegments(obj.raw)
        if count > 2000:
            continue
        for index in range(count):
            segment = raw.FPDFPath_GetPathSegment(obj.raw, index)
            if not raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind_of = raw.FPDFPathSegment_GetType(segment)
            if kind_of == raw.FPDF_SEGMENT_MOVETO or not points:
                start = point
            elif kind_of == raw.FPDF_SEGMENT_LINETO:
                _add_edge(edges, points[-1], point, height)
            points.append(point)
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                _add_edge(edges, point, start, height)
    return edges, images


def _add_edge(edges: list[dict[str, Any]], p: tuple[float, float], q: tuple[float, float], height: float) -> None:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) < 1.0 and abs(x1 - x0) >= MIN_EDGE:
        top = height - (y0 + y1) / 2
        edges.append(
            {"orientation": "h", "x0": min(x0, x1), "x1": max(x0, x1), "top": top, "bottom": top, "width": abs(x1 - x0), "height": 0.0}
        )
    elif abs(x0 - x1) < 1.0 and abs(y1 - y0) >= MIN_EDGE:
        left = (x0 + x1) / 2
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        edges.append({"orientation": "v", "x0": left, "x1": left, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top})


# --- tables --------------------------------------------------------------------------------------------


def _cluster(values: Iterable[float], tolerance: float) -> list[float]:
    out: list[float] = []
    for value in sorted(values):
        if out and value - out[-1] <= tolerance:
            continue
        out.append(value)
    return out


def _index(boundaries: list[float], value: float, tolerance: float) -> int:
    return min(range(len(boundaries)), key=lambda i: abs(boundaries[i] - value)) if boundaries else 0


def find_tables(number: int, edges: list[dict[str, Any]], chars: list[Char]) -> list[TableBox]:
    """Ruled tables on one page (pdfplumber's lines strategy on PDFium's ruling lines)."""
    from pdfplumber import table as finder

    if len(edges) < 4:
        return []
    merged = finder.merge_edges(edges, snap_x_tolerance=3, snap_y_tolerance=3, join_x_tolerance=3, join_y_tolerance=3)
    merged = [e for e in merged if (e["x1"] - e["x0"] if e["orientation"] == "h" else e["bottom"] - e["top"]) >= MIN_EDGE]
    closed = close_open_ends(merged)
    merged = [*merged, *closed]
    synthetic = [e["top"] for e in closed]
    intersections = finder.edges_to_intersections(merged, x_tolerance=3, y_tolerance=3)
    cells = finder.intersections_to_cells(intersections)
    boxes: list[TableBox] = []
    for cell_group in finder.cells_to_tables(cells):
        xs = _cluster([v for c in cell_group for v in (c[0], c[2])], 2.0)
        ys = _cluster([v for c in cell_group for v in (c[1], c[3])], 2.0)
        if len(xs) < 3 or len(ys) < 3:
            continue  # one column or one row: a frame around text, read as text
        grid = [[""] * (len(xs) - 1) for _ in range(len(ys) - 1)]
        covered = [[False] * (len(xs) - 1) for _ in range(len(ys) - 1)]
        merged_notes: list[str] = []
        for c in sorted(cell_group, key=lambda c: (c[1], c[0])):
            c0, c1 = _index(xs, c[0], 2), _index(xs, c[2], 2)
            r0, r1 = _index(ys, c[1], 2), _index(ys, c[3], 2)
            if c1 <= c0 or r1 <= r0:
                continue
            inside = [
                ch for ch in chars if c[0] - 1 <= (ch.x0 + ch.x1) / 2 <= c[2] + 1 and c[1] - 1 <= (ch.top + ch.bottom) / 2 <= c[3] + 1
            ]
            grid[r0][c0] = cell_text(_lines(number, inside))
            for r in range(r0, r1):
                for k in range(c0, c1):
                    covered[r][k] = True
            if (r1 - r0, c1 - c0) != (1, 1):
                merged_notes.append(
                    f"第 {r0 + 1}{'–' + str(r1) if r1 - r0 > 1 else ''} 行第 {c0 + 1}{'–' + str(c1) if c1 - c0 > 1 else ''} 列"
                )
        irregular = not all(all(row) for row in covered)
        bbox = (xs[0], ys[0], xs[-1], ys[-1])
        box = TableBox(number, bbox, grid, merged_notes, irregular)
        box.open_bottom = any(abs(y - ys[-1]) <= 2 for y in synthetic)
        boxes.append(box)
    return boxes


def cell_text(lines: list[Line]) -> str:
    """A cell's lines: wrapped lines joined (no blank between CJK), a line break kept before a list item."""
    text = ""
    for line in lines:
        if not line.text:
            continue
        if text and _CELL_ITEM_RE.match(line.text):
            text += "\n" + line.text
        elif text:
            glue = "" if _WIDE_RE.match(text[-1]) or _WIDE_RE.match(line.text[0]) else " "
            text += glue + line.text
        else:
            text = line.text
    return text


def close_open_ends(edges: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Horizontal edges where several vertical rules end (or start) together with no rule across.

    A table row that a page break splits is printed open: its column rules run to the bottom of
    the page (and resume at the top of the next) without a closing line. Closing it lets the cell
    finder see the row; the split itself is mended when the two parts are joined.
    """
    verticals = [e for e in edges if e["orientation"] == "v"]
    horizontals = [e for e in edges if e["orientation"] == "h"]
    added: list[dict[str, Any]] = []
    for key in ("top", "bottom"):
        groups: defaultdict[int, list[dict[str, Any]]] = defaultdict(list)
        for edge in verticals:
            groups[round(edge[key] / 2)].append(edge)
        for group in groups.values():
            if len(group) < 3:
                continue
            y = statistics.median(e[key] for e in group)
            x0, x1 = min(e["x0"] for e in group), max(e["x0"] for e in group)
            if any(abs(h["top"] - y) <= 2 and h["x0"] <= x0 + 2 and h["x1"] >= x1 - 2 for h in horizontals):
                continue
            added.append({"orientation": "h", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0})
    return added


# --- lines ---------------------------------------------------------------------------------------------


def _lines(number: int, chars: list[Char]) -> list[Line]:
    """Group characters into lines by their vertical centre (tolerance: half the character height)."""
    lines: list[list[Char]] = []
    centres: list[float] = []
    for char in sorted(chars, key=lambda c: ((c.top + c.bottom) / 2, c.x0)):
        centre = (char.top + char.bottom) / 2
        if lines and abs(centre - centres[-1]) <= 0.45 * max(char.size, 1.0):
            lines[-1].append(char)
            continue
        lines.append([char])
        centres.append(centre)
    out = [Line(number, group) for group in lines if any(c.text.strip() for c in group)]
    return sorted(out, key=lambda line: (line.top, line.x0))


def _furniture_key(text: str) -> str:
    return _DIGITS_RE.sub("#", _SPACES_RE.sub("", text))


def drop_furniture(pages: list[Page]) -> int:
    """Remove running headers, footers and page numbers; return how many lines were removed."""
    candidates: list[tuple[Page, Line, str]] = []
    for page in pages:
        body = [line for line in page.lines]
        edge_lines = body[:FURNITURE_LINES] + body[-FURNITURE_LINES:] if len(body) > 2 * FURNITURE_LINES else body
        candidates.extend((page, line, _furniture_key(line.text)) for line in {id(x): x for x in edge_lines}.values())
    where: defaultdict[str, list[tuple[int, float]]] = defaultdict(list)
    for page, line, key in candidates:
        where[key].append((page.number, line.top))
    furniture: list[tuple[Page, Line]] = []
    for page, line, key in candidates:
        repeated = sum(1 for number, top in where[key] if number != page.number and abs(top - line.top) <= FURNITURE_Y_TOLERANCE)
        outermost = line is page.lines[0] or line is page.lines[-1] or _isolated(page, line)
        page_number = is_page_number(line.text) and outermost
        if page_number or (repeated >= 1 and len(pages) > 1 and len(key) <= 80):
            furniture.append((page, line))
    removed = 0
    for page, line in furniture:
        if line in page.lines:
            page.lines.remove(line)
            removed += 1
    return removed


def _isolated(page: Page, line: Line) -> bool:
    """A line set apart from its neighbours by more than two line heights (a footer in the margin)."""
    i = page.lines.index(line)
    above = page.lines[i - 1].bottom if i else None
    below = page.lines[i + 1].top if i + 1 < len(page.lines) else None
    gaps = [
        g
        for g in ((line.top - above) if above is not None else None, (below - line.bottom) if below is not None else None)
        if g is not None
    ]
    return bool(gaps) and min(gaps) > 2 * line.size


# --- paragraphs ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Metrics:
    size: float
    font: str
    pitch: float
    left: dict[int, float]  # page parity -> left edge of the text block
    right: dict[int, float]


def measure(pages: list[Page]) -> Metrics:
    lines = [line for page in pages for line in page.lines]
    weights: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    for line in lines:
        weights[round(line.size * 2) / 2] += len(line.chars)
        fonts[line.font] += len(line.chars)
    size = weights.most_common(1)[0][0] if weights else 12.0
    font = fonts.most_common(1)[0][0] if fonts else ""
    body = [line for line in lines if abs(line.size - size) <= 0.15 * size]
    deltas: Counter[float] = Counter()
    for page in pages:
        same = [line for line in page.lines if abs(line.size - size) <= 0.15 * size]
        for a, b in itertools.pairwise(same):
            delta = b.baseline - a.baseline
            if 0.9 * size <= delta <= 3.0 * size:
                deltas[round(delta * 2) / 2] += 1
    pitch = deltas.most_common(1)[0][0] if deltas else 1.5 * size
    left: dict[int, float] = {}
    right: dict[int, float] = {}
    for parity in (0, 1):
        group = [line for line in body if line.page % 2 == parity] or body
        if not group:
            left[parity], right[parity] = 0.0, 0.0
            continue
        starts = Counter(round(line.x0) for line in group)
        common = [x for x, n in starts.items() if n >= max(2, 0.05 * len(group))]
        left[parity] = float(min(common) if common else min(starts))
        ends = sorted(line.x1 for line in group)
        right[parity] = ends[int(0.9 * (len(ends) - 1))]
    return Metrics(size, font, pitch, left, right)


def _family(font: str) -> str:
    return re.sub(r"[-,](?:bold|regular|medium|light|heavy|black|semibold|italic|b|r).*$", "", font, flags=re.IGNORECASE).lower()


def _heading_like(line: Line, metrics: Metrics) -> bool:
    """Bold, larger, or in another font than the body (when the file names its fonts)."""
    other_font = bool(line.font and metrics.font) and _family(line.font) != _family(metrics.font)
    return line.bold or line.size >= 1.12 * metrics.size or other_font


def _first_word_width(line: Line) -> float:
    """Width of what could not have been moved to the end of the line above: one CJK character with
    its closing punctuation, or a run of non-CJK characters."""
    chars = [c for c in line.chars if c.text.strip()]
    if not chars:
        return 0.0
    end = 1
    if not _WIDE_RE.match(chars[0].text):
        while end < len(chars) and not _WIDE_RE.match(chars[end].text) and chars[end].x0 - chars[end - 1].x1 < 0.3 * chars[end].size:
            end += 1
    # no line break before closing punctuation, full stops and what clings to them (UAX #14 LB13):
    # “人……4” at the start of a line moved down as one piece
    while end < len(chars) and (chars[end].text in _NO_BREAK_BEFORE or (chars[end].text.isdigit() and chars[end - 1].text in ".．…")):
        end += 1
    return chars[end - 1].x1 - chars[0].x0


def same_size(line: Line, metrics: Metrics) -> bool:
    return abs(line.size - metrics.size) <= 0.05 * metrics.size


def is_heading_text(text: str) -> bool:
    return match_numbered(strip_markup(text.strip())) is not None


def continues(
    above: Line,
    below: Line,
    metrics: Metrics,
    *,
    new_page: bool,
    paragraph_lines: int,
    continuation_x: float | None,
    paragraph_text: str = "",
) -> bool:
    """Does ``below`` continue the paragraph whose last line is ``above``? (module docstring, step 3)"""
    em = max(metrics.size, 1.0)
    if abs(above.size - below.size) > 0.15 * max(above.size, below.size):
        return False
    if _LEADER_RE.search(above.text):
        return False  # a table-of-contents entry ends with its page number
    if not new_page:
        delta = below.baseline - above.baseline
        pitch = max(metrics.pitch, 1.1 * max(above.size, below.size))
        if delta <= 0 or delta > GAP_PITCHES * pitch or (same_size(above, metrics) and delta > metrics.pitch + EXTRA_SPACE_EM * em):
            return False  # vertical space: a paragraph or heading starts here
    if _NUMBERED_START_RE.match(below.text) and (paragraph_text[-1:] in TERMINAL or is_heading_text(paragraph_text)):
        return False  # a numbered line after a finished sentence or a complete heading title
    if _heading_like(below, metrics) and not _heading_like(above, metrics):
        return False
    if (
        _heading_like(above, metrics)
        and not _heading_like(below, metrics)
        and not (above.bold and not below.bold and above.size == below.size and _family(above.font) == _family(below.font))
    ):
        return False
    right = metrics.right[above.page % 2]
    room = right - above.x1
    if room > _first_word_width(below) + FULL_SLACK_EM * em:
        return False  # the line above ended early: the paragraph ended there
    left = metrics.left[below.page % 2]
    if continuation_x is not None:
        return abs(below.x0 - continuation_x) <= 0.5 * em
    if below.x0 <= left + 0.5 * em:
        return True
    # a block-indented heading wraps onto a line at the same indent
    same_style = _heading_like(above, metrics) and _heading_like(below, metrics) and abs(below.x0 - above.x0) <= 0.5 * em
    return same_style and not _NUMBERED_START_RE.match(below.text) and paragraph_lines >= 1


def _is_centred(line: Line, metrics: Metrics) -> bool:
    left, right = metrics.left[line.page % 2], metrics.right[line.page % 2]
    middle = (left + right) / 2
    return abs((line.x0 + line.x1) / 2 - middle) <= 1.5 * metrics.size and line.x0 > left + 1.0 * metrics.size


def _joins_centred(above: Line, below: Line, metrics: Metrics) -> bool:
    """A title in large type set centred over two lines (the first may fill the line)."""
    full = metrics.right[above.page % 2] - above.x1 <= 1.5 * above.size
    return (
        above.size >= 1.12 * metrics.size
        and abs(above.size - below.size) <= 0.05 * above.size
        and above.bold == below.bold
        and _is_centred(below, metrics)
        and (_is_centred(above, metrics) or full)
        and 0 < below.baseline - above.baseline <= 1.6 * above.size
    )


# --- the document ------------------------------------------------------------------------------------------


def _open(data: bytes, path: Path | str) -> Any:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    tail = data[-2048:]
    if b"%%EOF" not in tail:
        raise GeneratorError(path, "PDF 文件不完整（缺少文件结尾标记 %%EOF，可能下载或复制中断）", DAMAGED_HINT)
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            raise GeneratorError(
                path, "PDF 已加密，需要密码才能打开", "请向发布单位索取未加密的文件，或用 PDF 阅读器输入密码后另存为不加密的 PDF"
            ) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise GeneratorError(path, "PDF 使用了不支持的加密方式", "用 PDF 阅读器打开后另存为不加密的 PDF 再试") from None
        raise GeneratorError(path, f"PDF 文件已损坏，无法打开（{exc}）", DAMAGED_HINT) from None
    if not raw.FPDF_DocumentHasValidCrossReferenceTable(document.raw):
        document.close()
        raise GeneratorError(path, "PDF 文件已损坏（交叉引用表无效，文件可能被截断或改动过）", DAMAGED_HINT)
    if len(document) == 0:
        document.close()
        raise GeneratorError(path, "PDF 中没有页面", DAMAGED_HINT)
    return document


def read_pages(data: bytes, path: Path | str) -> list[Page]:
    import pypdfium2.raw as raw

    document = _open(data, path)
    pages: list[Page] = []
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                width, height = page.get_size()
                chars = _page_chars(raw, page, height)
                edges, images = _page_edges(raw, page, height)
            finally:
                page.close()
            tables = find_tables(number, edges, chars) if len(edges) >= 4 else []
            inside = [t.bbox for t in tables]
            flow = [
                c
                for c in chars
                if not any(b[0] - 1 <= (c.x0 + c.x1) / 2 <= b[2] + 1 and b[1] - 1 <= (c.top + c.bottom) / 2 <= b[3] + 1 for b in inside)
            ]
            pages.append(Page(number, width, height, _lines(number, flow), tables, images))
    finally:
        document.close()
    text_chars = sum(len(line.chars) for page in pages for line in page.lines) + sum(
        len("".join(functools.reduce(operator.iadd, t.grid, []))) for page in pages for t in page.tables
    )
    if text_chars < MIN_CHARS_PER_PAGE * len(pages):
        if any(page.images for page in pages):
            raise GeneratorError(
                path,
                "PDF 没有文字层（看起来是扫描件，页面只有图像）",
                "本工具不支持文字识别（OCR）；请向发布单位索取可复制文字的 PDF 或 Word 文件，或找到同一规划的网页版",
            )
        raise GeneratorError(path, "PDF 中没有可提取的文字", "请确认文件是规划全文；可复制文字的 PDF 才能导入")
    return pages


@dataclass
class _Flow:
    """Lines and tables of the whole document in reading order, then paragraphs."""

    metrics: Metrics
    out: list[str] = field(default_factory=list)
    tables: list[ReadTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _items(pages: list[Page]) -> list[Line | TableBox]:
    items: list[Line | TableBox] = []
    for page in pages:
        page_items: list[Line | TableBox] = [*page.lines, *page.tables]
        page_items.sort(key=lambda item: item.top if isinstance(item, Line) else item.bbox[1])
        items.extend(page_items)
    return _merge_continued_tables(items)


def _merge_continued_tables(items: list[Line | TableBox]) -> list[Line | TableBox]:
    """A table that ends one page and one that starts the next with as many columns are one table."""
    out: list[Line | TableBox] = []
    for item in items:
        previous = out[-1] if out else None
        if (
            isinstance(item, TableBox)
            and isinstance(previous, TableBox)
            and item.page == previous.page + 1
            and len(item.grid[0]) == len(previous.grid[0])
        ):
            rows = item.grid[1:] if _squash(item.grid[0]) == _squash(previous.grid[0]) else item.grid
            if previous.open_bottom and rows:
                split, rows = rows[0], rows[1:]
                previous.grid[-1] = [f"{a}\n{b}".strip("\n") for a, b in zip(previous.grid[-1], split, strict=True)]
                previous.merged.append(f"第 {len(previous.grid)} 行跨页断开，两部分已合并")
            previous.grid.extend(rows)
            previous.open_bottom = item.open_bottom
            previous.merged.extend(item.merged)
            previous.irregular = previous.irregular or item.irregular
            previous.page = item.page
            continue
        out.append(item)
    return out


def _squash(row: list[str]) -> list[str]:
    return [_SPACES_RE.sub("", cell) for cell in row]


def build_text(pages: list[Page]) -> tuple[str, list[ReadTable]]:
    metrics = measure(pages)
    items = _items(pages)
    paragraphs: list[list[Line] | TableBox] = []
    current: list[Line] = []
    continuation_x: float | None = None
    for item in items:
        if isinstance(item, TableBox):
            if current:
                paragraphs.append(current)
            paragraphs.append(item)
            current, continuation_x = [], None
            continue
        if current:
            above = current[-1]
            new_page = item.page != above.page
            so_far = "".join(line.text for line in current)
            if continues(
                above, item, metrics, new_page=new_page, paragraph_lines=len(current), continuation_x=continuation_x, paragraph_text=so_far
            ) or (not new_page and _joins_centred(above, item, metrics)):
                current.append(item)
                if len(current) >= 2 and not _joins_centred(above, item, metrics):
                    continuation_x = (
                        item.x0 if len(current) >= 3 or abs(item.x0 - metrics.left[item.page % 2]) > 0.5 * metrics.size else None
                    )
                continue
            paragraphs.append(current)
        current, continuation_x = [item], None
    if current:
        paragraphs.append(current)
    return _render(paragraphs, metrics)


def _paragraph_text(lines: list[Line]) -> str:
    """One paragraph: lines joined (a blank only between two non-CJK characters), a bold opening as **…**."""
    chars: list[Char] = []
    text = ""
    for line in lines:
        if text and line.text:
            glue = "" if _WIDE_RE.match(text[-1]) or _WIDE_RE.match(line.text[0]) or text.endswith("-") else " "
            text += glue + line.text
        else:
            text += line.text
        chars.extend(c for c in line.chars if c.text.strip())
    bold_count = 0
    while bold_count < len(chars) and chars[bold_count].bold:
        bold_count += 1
    if 0 < bold_count < len(chars):
        bold_text = "".join(c.text for c in chars[:bold_count])
        position = _position_after(text, bold_text)
        if position is not None:
            return with_lead_in(text[:position], text[position:])
    return text


def _position_after(text: str, prefix: str) -> int | None:
    """Index in ``text`` just after the characters of ``prefix`` (blanks in ``text`` skipped)."""
    i = 0
    for char in prefix:
        while i < len(text) and text[i] == " ":
            i += 1
        if i >= len(text) or text[i] != char:
            return None
        i += 1
    return i


def _render(paragraphs: list[list[Line] | TableBox], metrics: Metrics) -> tuple[str, list[ReadTable]]:
    out: list[str] = []
    tables: list[ReadTable] = []
    pending_caption_after: int | None = None
    for index, item in enumerate(paragraphs):
        if isinstance(item, TableBox):
            caption = None
            j = len(out) - 1
            while j >= 0 and not out[j].strip():
                j -= 1
            if j >= 0 and is_caption(out[j].replace("**", "")):
                caption = out[j].replace("**", "").strip()
                del out[j:]
            elif index + 1 < len(paragraphs) and not isinstance(paragraphs[index + 1], TableBox):
                following = _paragraph_text(paragraphs[index + 1])  # type: ignore[arg-type]
                if is_caption(following.replace("**", "")) and not _followed_by_table(paragraphs, index + 1):
                    caption = following.replace("**", "").strip()
                    pending_caption_after = index + 1
            grid = item.grid
            notes: list[str] = []
            width = len(grid[0])
            if (
                len(grid) > 2
                and grid[0][0].strip()
                and all(not c.strip() for c in grid[0][1:])
                and any(n.startswith("第 1 行") and f"1–{width} 列" in n for n in item.merged)
            ):
                title = grid[0][0].replace("\n", "")
                if caption is None:
                    caption = title
                else:
                    out.append(title)
                grid = grid[1:]
                item.merged = [n for n in item.merged if not (n.startswith("第 1 行") and f"1–{width} 列" in n)]
            label = f"表格「{caption}」" if caption else f"第 {item.page + 1} 页的表格"
            if item.irregular:
                notes.append(f"{label}的框线不规则，已按单元格位置重建为 {len(grid[0])} 列，请对照原文核对")
            if item.merged:
                where = "；".join(item.merged[:3]) + ("……" if len(item.merged) > 3 else "")
                notes.append(f"{label}有 {len(item.merged)} 个合并单元格（{where}），已展开：文字留在首格，被合并的格留空，请核对")
            out.extend(["", READ_TABLE_MARK.format(len(tables)), ""])
            tables.append(ReadTable(grid_table([row[:] for row in grid], notes), caption))
            continue
        if pending_caption_after == index:
            pending_caption_after = None
            continue
        out.append(_paragraph_text(item))
    return "\n".join(out).strip("\n") + "\n", tables


def _followed_by_table(paragraphs: list[list[Line] | TableBox], index: int) -> bool:
    return index + 1 < len(paragraphs) and isinstance(paragraphs[index + 1], TableBox)


def read_pdf(data: bytes, path: Path | str) -> RawText:
    """A text-layer PDF as plan lines and tables, or a refusal (scan, encrypted, damaged)."""
    pages = read_pages(data, path)
    removed = drop_furniture(pages)
    text, tables = build_text(pages)
    log.debug("%s: %d pages, %d header/footer lines dropped, %d tables", path, len(pages), removed, len(tables))
    return RawText(text=text, encoding="", format="pdf", tables=tuple(tables))
