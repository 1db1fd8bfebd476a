"""Find the tables in a plan's raw lines and rebuild them as clean rows.

The raw plans are PDF and web exports, and each export flattened its tables differently. Detection
therefore goes by *line shape*, never by plan slug, so a sixth plan exported the same way works
without code changes. Three shapes occur in the seeds:

* **tab rows** — one table row per line, cells separated by tabs, blank lines allowed between rows
  (mentougou 表1–表3, huairou 专栏 and 附件1/附件2). A table-of-contents line also carries a tab
  (``一、发展基础.....<TAB>2``), so dot-leader lines are excluded first.
* **one cell per line** — every cell on its own tab-indented line, a blank line between rows
  (jingkai 专栏 and 附件1). The blank lines are not fully reliable (one row of jingkai's 专栏 is cut by
  an extra blank line), so rows are rebuilt to the column count most groups have.
* **space-separated numbered rows** — ``1 学前三年入园率(%) 90 >90`` (haidian 表1 and both appendix
  tables). Only a run of lines numbered 1, 2, 3 … directly under a short label line counts, so a
  paragraph that happens to begin with a number never becomes a table.

The importer calls :func:`extract_tables` on the decoded raw lines before any other cleaning,
replaces each :class:`TableSpan` with the Markdown of :func:`render_table`, and turns
``Table.review_notes`` into HTML comments and summary lines: whatever this module had to guess
is said there, so a human can check it against the raw line it names.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

# A table-of-contents entry: dot leaders (or an ellipsis) then a page number at the line end.
_TOC_LINE = re.compile(r"(?:\.{3,}|…{1,}|·{3,}|．{3,})\s*\d+\s*$")
# A caption: 表1 / 表 1 / 专栏 at the start of a short line (not a sentence).
_CAPTION = re.compile(r"^(?:表\s*\d+|专栏)")
_CAPTION_MAX = 60
# Literal paragraph tags left in cells by an HTML export (huairou 附件2).
_P_TAG = re.compile(r"</?p(?:\s[^>]*)?>", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# Characters of running Chinese text. A space between two of them is never meant: it is where the
# PDF export wrapped a narrow cell onto a new line (怀柔区 培智学 校达 标建 设).
_CJK = "\u2e80-\u2fff\u3001-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uffef\u2014\u2018\u2019\u201c\u201d\u2026"
_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")
_CJK_CHAR = re.compile(rf"[{_CJK}]")
# One cell on its own line: exactly one leading tab and no other tab (jingkai).
_CELL_LINE = re.compile(r"^\t[^\t]*$")
# A space-separated numbered row: sequence number, whitespace, then text (haidian).
_NUMBERED_ROW = re.compile(r"^(\d{1,3})\s+\S")
_ROW_MAX = 80
# A value cell of an indicator table: optional comparator, a number, optional percent; or a dash
# standing for "no value".
_VALUE_TOKEN = re.compile(r"^(?:[<>≤≥＜＞~～±+]?=?\d[\d,.]*%?|[-—–−]+)$")
_INTEGER = re.compile(r"^\d{1,3}$")
_SEQ_LABEL = re.compile(r"^(?:序号|编号|序)$")
_DIGIT = re.compile(r"\d")
_HEADER_PUNCT = re.compile(r"[。，,；;：:]")
# Joins the two levels of a two-row header (基本情况 over 名称 → 基本情况·名称).
_HEADER_JOIN = "·"
_LIST_MARKER = re.compile(r"^(?:[-*•·]|\d+[.、．]|[（(]\d+[）)]|[一二三四五六七八九十]+、)")


@dataclass
class Table:
    """A rebuilt table: one header row and data rows, all of the same width.

    ``review_notes`` name every place where the text did not say for certain how it was meant
    (a reconstructed cell, a row that lost a cell, a moved header label), in Chinese, with the raw
    line number, because the importer shows them to contributors who edit the Chinese Markdown.
    """

    header: list[str]
    rows: list[list[str]]
    review_notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A ragged table would render as a broken pipe table; fail where it is built, not in MkDocs.
        for row in self.rows:
            if len(row) != len(self.header):
                raise ValueError(f"row has {len(row)} cells, header has {len(self.header)}: {row!r}")


@dataclass
class TableSpan:
    """Where a table sits in the raw lines: ``start``..``end`` (end exclusive) covers its caption
    line when it has one and its last row, so the importer can replace exactly those lines."""

    start: int
    end: int
    caption: str | None
    table: Table


@dataclass
class _Row:
    """A row while it is being rebuilt: its cells, the raw line it starts on, and the cells whose
    line wraps were joined (reported in the review notes)."""

    line: int
    cells: list[str]
    joined: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Cells


def _clean_cell(raw: str) -> tuple[str, bool]:
    """Strip a cell and rejoin what the export split inside it; say whether a wrap was joined.

    ``<p>`` tags are dropped but their text kept; runs of whitespace (tabs, NBSP, ideographic
    space) become one space; a space between two Chinese characters is a line wrap and is removed.
    Spaces next to digits (``2015 年``) are left to the importer's character hygiene, which treats
    them the same way inside and outside tables.
    """
    text = _P_TAG.sub("", raw)
    text = _WHITESPACE.sub(" ", text).strip()
    joined = _WRAP_SPACE.sub("", text)
    return joined, joined != text


def _is_blank(line: str) -> bool:
    return not line.strip()


def _is_toc(line: str) -> bool:
    return bool(_TOC_LINE.search(line.strip()))


def _is_caption(text: str) -> bool:
    text = text.strip()
    return bool(_CAPTION.match(text)) and len(text) <= _CAPTION_MAX and "。" not in text and not _is_toc(text)


def _is_tab_row(line: str) -> bool:
    return "\t" in line and not _CELL_LINE.match(line) and not _is_toc(line) and bool(line.strip())


def _is_cell_line(line: str) -> bool:
    return bool(_CELL_LINE.match(line)) and not _is_toc(line)


def _row_label(row: list[str]) -> str:
    """The text that names a row in a review note: its first cell that is not a bare number."""
    for cell in row:
        if cell and not _INTEGER.match(cell):
            return cell if len(cell) <= 24 else cell[:24] + "…"
    return ""


def _caption_above(lines: list[str], start: int) -> int | None:
    """Index of a caption line just above ``start`` (blank lines allowed between), else None."""
    i = start - 1
    while i >= 0 and _is_blank(lines[i]) and start - i <= 3:
        i -= 1
    if i >= 0 and not _is_blank(lines[i]) and "\t" not in lines[i] and _is_caption(lines[i]):
        return i
    return None


# ---------------------------------------------------------------------------------------------
# Turning rows into a Table


def _merge_two_row_header(top: list[str], bottom: list[str]) -> list[str]:
    """Flatten a grouped header: a top label spans the empty top cells to its right.

    Only huairou 附件1 has one (基本情况 over 名称/建设地点/建设内容 …). The group label is kept
    in each column it covers (基本情况·名称), so no header text is lost.
    """
    width = max(len(top), len(bottom))
    top = top + [""] * (width - len(top))
    bottom = bottom + [""] * (width - len(bottom))
    merged: list[str] = []
    group = ""
    for upper, lower in zip(top, bottom, strict=True):
        if upper:
            group = upper
        elif not lower:
            group = ""
        label_top = upper or group
        if not lower:
            merged.append(label_top)
        elif not label_top or label_top == lower:
            merged.append(lower)
        else:
            merged.append(f"{label_top}{_HEADER_JOIN}{lower}")
    return merged


def _is_label_row(cells: list[str]) -> bool:
    """A header-like row: some text and no cell that is a bare number or value (data rows carry a
    序号 or values; labels such as 「2020年」 are fine)."""
    return any(cells) and not any(_VALUE_TOKEN.match(c) or _INTEGER.match(c) for c in cells if c)


def _build_table(header: list[str], rows: list[_Row], notes: list[str]) -> Table:
    """Square the rows to one width and record every guess in ``notes``.

    Rules, each generic:
    * the width is the widest of the header and the rows (trailing empty cells ignored);
    * a header shorter than the rows lacks the label of the leading 序号 column when the rows'
      first cells are numbers (jingkai 专栏, haidian 表1) — it is padded on the left, else right;
    * a header label that the export printed beside the first data row (a vertically merged
      header cell, huairou 附件1 「项目类型」) is moved into the header when that column is empty in
      every other row;
    * a row with fewer cells lost the cells of the columns that are empty in every full row
      (huairou 附件1, second page) — empties are inserted there, else appended, with a note;
    * gaps in a 序号 column (6, 8) are kept as in the source and noted.
    """
    for row in rows:
        while len(row.cells) > 1 and not row.cells[-1]:
            row.cells.pop()
    while len(header) > 1 and not header[-1]:
        header.pop()
    width = max([len(header)] + [len(r.cells) for r in rows])

    numbered = bool(rows) and all(_INTEGER.match(r.cells[0]) for r in rows if r.cells and r.cells[0])
    if len(header) < width:
        missing = width - len(header)
        header = ([""] * missing + header) if numbered and header[0] != "" else header + [""] * missing
    full = [r for r in rows if len(r.cells) == width]

    # A vertically merged header label printed beside the first data row.
    if (
        rows
        and not header[0]
        and len(rows[0].cells) == width
        and rows[0].cells[0]
        and not _DIGIT.search(rows[0].cells[0])
        and len(full) > 1
        and all(not r.cells[0] for r in full[1:])
    ):
        label = rows[0].cells[0]
        header[0] = label
        rows[0].cells[0] = ""
        notes.append(
            f"表头「{label}」在原文第 {rows[0].line + 1} 行位于首个数据行的首列，判定为纵向合并的表头单元格，"
            f"已移入表头；该列各行均无内容，请对照原表核对"
        )

    empty_cols = [c for c in range(width) if full and all(not r.cells[c] for r in full)]
    for number, row in enumerate(rows, start=1):
        what: list[str] = []
        missing = width - len(row.cells)
        if missing > 0:
            if len(empty_cols) >= missing:
                for col in empty_cols[:missing]:
                    row.cells.insert(col, "")
                cols = "、".join(f"「{header[c]}」" for c in empty_cols[:missing])
                what.append(f"原文少 {missing} 个单元格，已在{cols}列补空")
            else:
                row.cells.extend([""] * missing)
                what.append(f"原文少 {missing} 个单元格，已在行尾补空")
        if row.joined:
            examples = "；".join(f"「{j}」" for j in row.joined[:2])
            what.append(f"{len(row.joined)} 个单元格内的断行已合并（如{examples}）")
        if what:
            notes.append(f"第 {number} 行「{_row_label(row.cells)}」（原文第 {row.line + 1} 行）：" + "；".join(what) + "，请核对")

    if numbered:
        previous: int | None = None
        for row in rows:
            if not row.cells[0]:
                continue
            current = int(row.cells[0])
            if previous is not None and current != previous + 1:
                notes.append(f"序号 {previous} 之后为 {current}（原文第 {row.line + 1} 行），照原文保留，请核对是否漏行")
            previous = current
    return Table(header=header, rows=[r.cells for r in rows], review_notes=notes)


# ---------------------------------------------------------------------------------------------
# Shape 1: tab-separated rows


def _tab_block(lines: list[str], start: int) -> TableSpan | None:
    """A run of tab rows (blank lines allowed inside) starting at ``start``."""
    end = start
    i = start
    while i < len(lines) and (_is_tab_row(lines[i]) or _is_blank(lines[i])):
        if _is_tab_row(lines[i]):
            end = i + 1
        i += 1
    rows: list[_Row] = []
    for n in range(start, end):
        if _is_tab_row(lines[n]):
            cleaned = [_clean_cell(c) for c in lines[n].split("\t")]
            rows.append(_Row(n, [c for c, _ in cleaned], [c for c, j in cleaned if j]))
    if len(rows) < 2:
        return None

    caption: str | None = None
    span_start = start
    non_empty = [c for c in rows[0].cells if c]
    if len(non_empty) == 1 and rows[0].cells[0] and _is_caption(rows[0].cells[0]):
        caption = rows.pop(0).cells[0]  # huairou: "专栏：…<TAB><TAB><TAB>"
    else:
        above = _caption_above(lines, start)
        if above is not None:
            caption, span_start = lines[above].strip(), above
    if len(rows) < 2:
        return None

    notes: list[str] = []
    head = rows.pop(0)
    header = head.cells
    if rows and _is_label_row(header) and _is_label_row(rows[0].cells) and any(
        not t and b for t, b in zip(header, rows[0].cells, strict=False)
    ):
        bottom = rows.pop(0)
        header = _merge_two_row_header(header, bottom.cells)
        labels = "、".join(h for h in header if h)
        notes.append(f"原文第 {head.line + 1}–{bottom.line + 1} 行为两行表头（分组表头），已合并为一行：{labels}")
    return TableSpan(span_start, end, caption, _build_table(header, rows, notes))


# ---------------------------------------------------------------------------------------------
# Shape 2: one cell per line


def _cell_block(lines: list[str], start: int) -> TableSpan | None:
    """A run of tab-indented single cells, rows separated by blank lines (jingkai).

    Only jingkai is exported this way. The row width is the most common group size; a group cut
    short by a stray blank line is joined with the next one when together they make a full row.
    """
    groups: list[list[tuple[int, str, bool]]] = [[]]
    end = start
    i = start
    while i < len(lines) and (_is_cell_line(lines[i]) or _is_blank(lines[i])):
        if _is_cell_line(lines[i]):
            text, joined = _clean_cell(lines[i][1:])
            groups[-1].append((i, text, joined))
            end = i + 1
        elif groups[-1]:
            groups.append([])
        i += 1
    groups = [g for g in groups if g]

    caption: str | None = None
    span_start = start
    if groups and len(groups[0]) == 1 and _is_caption(groups[0][0][1]):
        caption = groups.pop(0)[0][1]
    else:
        above = _caption_above(lines, start)
        if above is not None:
            caption, span_start = lines[above].strip(), above
    if len(groups) < 2:
        return None

    # The most common group size; on a tie the header's size, then the smaller one (a group that
    # lost its blank line is a multiple of the width, never a fraction of it).
    sizes = Counter(len(g) for g in groups[1:])
    width = max(sizes, key=lambda s: (sizes[s], s == len(groups[0]), -s))
    if width < 2:
        return None
    notes: list[str] = []
    merged: list[list[tuple[int, str, bool]]] = [groups[0]]
    for group in groups[1:]:
        last = merged[-1]
        if len(merged) > 1 and len(last) < width and len(last) + len(group) <= width:
            last.extend(group)
        else:
            merged.append(list(group))
    rows: list[_Row] = []
    for group in merged[1:]:
        if len(group) > width:
            notes.append(f"原文第 {group[0][0] + 1} 行起的一组有 {len(group)} 个单元格（应为 {width} 个），已按每 {width} 个拆行，请核对")
            chunks = [group[k : k + width] for k in range(0, len(group), width)]
        else:
            chunks = [group]
        for chunk in chunks:
            rows.append(_Row(chunk[0][0], [c for _, c, _ in chunk], [c for _, c, j in chunk if j]))
    header = [c for _, c, _ in merged[0]]
    return TableSpan(span_start, end, caption, _build_table(header, rows, notes))


# ---------------------------------------------------------------------------------------------
# Shape 3: space-separated numbered rows


def _numbered(line: str) -> int | None:
    text = line.strip()
    match = _NUMBERED_ROW.match(text)
    if not match or "\t" in line or "。" in text or len(text) > _ROW_MAX or _is_toc(text):
        return None
    return int(match.group(1))


def _space_block(lines: list[str], start: int) -> TableSpan | None:
    """Rows ``1 名称 值 值`` numbered 1, 2, 3 … under a short label line (haidian only).

    Columns: 序号, one text column, then k value columns, where k is the number of trailing
    value-like tokens (numbers with an optional comparator or %, or a dash) that most rows have.
    The text column is everything between, so a space inside an indicator name cannot shift the
    columns (none of haidian's names has one; its header 「指 标」 does, and is joined). A row with
    fewer trailing values than k lost a value: it is padded on the value side and noted. The
    header line gives the k value labels from its end; a leading 序号 label is used when present,
    otherwise the 序号 column's label stays empty, as in the source.
    """
    if _numbered(lines[start]) != 1:
        return None
    row_lines: list[int] = []
    expected = 1
    i = start
    while i < len(lines):
        if _is_blank(lines[i]):
            i += 1
            continue
        if _numbered(lines[i]) != expected:
            break
        row_lines.append(i)
        expected += 1
        i += 1
    if len(row_lines) < 3:
        return None
    head_at = start - 1
    while head_at >= 0 and _is_blank(lines[head_at]):
        head_at -= 1
    if head_at < 0:
        return None
    head_text = lines[head_at].strip()
    head_is_caption = _is_caption(head_text)
    if not head_is_caption and (
        len(head_text.split()) < 2 or len(head_text) > 40 or _NUMBERED_ROW.match(head_text) or _HEADER_PUNCT.search(head_text)
    ):
        return None

    token_rows = [lines[n].split() for n in row_lines]
    counts = [_trailing_values(t) for t in token_rows]
    tally = Counter(counts)
    k = max(tally, key=lambda c: (tally[c], -c))
    notes: list[str] = []
    rows: list[_Row] = []
    for number, (n, tokens, count) in enumerate(zip(row_lines, token_rows, counts, strict=True), start=1):
        have = min(count, k)
        text, joined = _clean_cell(" ".join(tokens[1 : len(tokens) - have]))
        values = tokens[len(tokens) - have :] if have else []
        if have < k:
            values = [""] * (k - have) + values
            notes.append(f"第 {number} 行「{text}」（原文第 {n + 1} 行）：只有 {have} 个数值（应为 {k} 个），已在前面补空，请核对")
        rows.append(_Row(n, [tokens[0], text, *values], [text] if joined else []))

    caption: str | None = None
    if head_is_caption:
        # Numbered rows straight under a caption: the source gives no header labels.
        caption, span_start = head_text, head_at
        header = [""] * (k + 2)
        notes.insert(0, f"原文第 {head_at + 1} 行的表题下没有表头行，表头留空，请补上")
    else:
        head_tokens = head_text.split()
        labels = head_tokens[len(head_tokens) - k :] if k else []
        rest = head_tokens[: len(head_tokens) - k]
        if len(rest) >= 2 and _SEQ_LABEL.match(rest[0]):
            seq_label, text_label = rest[0], " ".join(rest[1:])
        else:
            seq_label, text_label = "", " ".join(rest)
        header = [seq_label, _clean_cell(text_label)[0], *labels]
        span_start = head_at
        above = _caption_above(lines, head_at)
        if above is not None:
            caption, span_start = lines[above].strip(), above
    return TableSpan(span_start, row_lines[-1] + 1, caption, _build_table(header, rows, notes))


def _trailing_values(tokens: list[str]) -> int:
    """How many tokens at the end of a space-separated row are values (keeping 序号 and one word)."""
    count = 0
    for token in reversed(tokens[2:]):
        if not _VALUE_TOKEN.match(token):
            break
        count += 1
    return count


# ---------------------------------------------------------------------------------------------
# Public API


def extract_tables(lines: list[str]) -> list[TableSpan]:
    """Every table in a plan's raw lines, in order and without overlap.

    ``lines`` are the decoded raw lines (LF split, nothing cleaned). Table-of-contents lines, which
    also carry tabs and 「表 1 ……」 titles, are never part of a table or caption; an appendix heading
    such as 「附件1：……一览表」 stays outside the span, for the importer to make a heading of.
    """
    spans: list[TableSpan] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        span: TableSpan | None = None
        if _is_tab_row(line):
            span = _tab_block(lines, i)
        elif _is_cell_line(line) and line.strip():
            span = _cell_block(lines, i)
        elif _numbered(line) == 1:
            span = _space_block(lines, i)
        if span is None:
            i += 1
            continue
        if spans and span.start < spans[-1].end:
            # A caption or header line above was already consumed by the previous table.
            log.warning("table at line %d overlaps the previous one; skipped", i + 1)
            i += 1
            continue
        log.debug("table at lines %d–%d: %d×%d", span.start + 1, span.end, len(span.table.rows), len(span.table.header))
        spans.append(span)
        i = span.end
    return spans


def _join_cell_lines(text: str) -> str:
    """Join an in-cell line break: nothing between Chinese text, a space elsewhere, ``<br>`` only
    before a list item, where joining would run two items together."""
    parts = [p.strip() for p in text.split("\n")]
    out = parts[0]
    for part in parts[1:]:
        if not part:
            continue
        if _LIST_MARKER.match(part):
            out += "<br>" + part
        elif out and _CJK_CHAR.match(out[-1]) and _CJK_CHAR.match(part[0]):
            out += part
        else:
            out += " " + part
    return out


def _escape_pipes(text: str) -> str:
    return re.sub(r"(?<!\\)\|", r"\\|", text)


def render_table(table: Table, clean_cell: Callable[[str], str]) -> str:
    """A Markdown pipe table (header, separator, rows), without a trailing newline.

    ``clean_cell`` is the importer's character hygiene and Markdown escaping, applied to every
    cell so table text is normalised exactly like body text; pipes are escaped afterwards (unless
    already escaped), because an unescaped ``|`` would add a column.
    """

    def cell(text: str) -> str:
        return _escape_pipes(_join_cell_lines(clean_cell(text)))

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cell(c) for c in cells) + " |"

    out = [line(table.header), "| " + " | ".join("---" for _ in table.header) + " |"]
    out.extend(line(row) for row in table.rows)
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Tables a structured reader (PDF, Word) rebuilt from the document's own grid


def grid_table(grid: list[list[str]], notes: list[str], *, header_rows: int = 1) -> Table:
    """A :class:`Table` from a cell grid whose merged cells were already expanded.

    Rows are squared to the widest row. Cell text keeps its in-cell line breaks (``\\n``), which
    :func:`render_table` joins like those of the text exports. When the document marks two header
    rows (Word's repeated header rows, a PDF header whose top row has merged group labels) they are
    flattened the same way as a two-row header in a text export (基本情况·名称).
    """
    width = max((len(row) for row in grid), default=0)
    rows = [[cell.strip() for cell in row] + [""] * (width - len(row)) for row in grid]
    header, body = rows[0], rows[1:]
    if header_rows >= 2 and body and _is_label_row(body[0]):
        header = _merge_two_row_header(header, body[0])
        body = body[1:]
        notes.append(f"两行表头（分组表头）已合并为一行：{'、'.join(h for h in header if h)}")
    return Table(header=header, rows=body, review_notes=notes)
