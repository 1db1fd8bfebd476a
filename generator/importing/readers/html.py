"""Saved web pages: the visible text of the page, one line per block, tables as tab-separated rows.

The page is decoded by ``readers.text`` (BOM, ``<meta charset>``, detection) and then laid out
here the way a browser shows it, so the cleaning steps and the table finder see the same shapes as
in a text export.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import NavigableString, PreformattedString, Tag

#: Page chrome: never plan text. (``header``/``footer`` only outside ``article``/``main``, see below.)
DROP_TAGS = frozenset(
    {"head", "script", "style", "noscript", "template", "nav", "aside", "form", "iframe", "frame", "frameset",
     "object", "embed", "applet", "svg", "math", "canvas", "video", "audio", "map", "button", "select",
     "textarea", "input", "dialog", "menu"}
)
PAGE_CHROME_TAGS = frozenset({"header", "footer"})
CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar", "toolbar", "dialog"})
#: Elements a browser lays out as their own block: each starts a new line of text.
BLOCK_TAGS = frozenset(
    {"address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div", "dl", "dt",
     "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "hgroup",
     "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "ul", "table", "thead",
     "tbody", "tfoot", "tr"}
)
CELL_TAGS = frozenset({"td", "th"})
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
#: East-Asian wide characters (CJK ideographs, CJK punctuation, full-width forms).
_WIDE = r"\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\U00020000-\U0003ffff"
#: A source line break between two wide characters is not a space (CSS Text 3 segment-break rules).
CJK_SEGMENT_BREAK_RE = re.compile(rf"(?<=[{_WIDE}])[ \t\r\f]*\n[ \t\n\r\f]*(?=[{_WIDE}])")
HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
ASCII_SPACE = " \t\n\r\f"


def html_to_text(html: str) -> str:
    """Visible text of a saved web page, one line per block, the way a browser lays it out.

    Chrome (scripts, styles, navigation, page header/footer, side bars, forms, frames, hidden
    elements) is dropped. Each block element (``p``, ``div``, ``li``, headings …) becomes its own
    line, ``<br>`` a line break, and a table row one line of tab-separated cells (merged cells —
    ``colspan`` and ``rowspan`` — expanded into empty cells, so rows keep their column count; a row of empty cells stays a line of
    tabs, which the table detector reads as empty cells rather than as a break between rows) — the shape the table detector
    already reads in the text exports. An empty paragraph (``<p></p>``, ``<p>&nbsp;</p>``) is the
    spacer a page uses for a blank line, so it becomes a blank line. ASCII whitespace collapses as
    in a browser; NBSP and ideographic spaces are kept for the cleaning steps, which remove them
    the same way as in text plans. Markup inside the text (``&lt;script&gt;``) comes out as the
    literal characters the reader saw.
    """
    soup = BeautifulSoup(html, "html.parser")
    _drop_chrome(soup)
    out = _LineWriter()
    _walk(soup, out)
    lines = out.finish()
    return "\n".join(lines) + "\n" if lines else ""


def _drop_chrome(soup: BeautifulSoup) -> None:
    for tag in list(soup.find_all(True)):
        if tag.decomposed:
            continue
        if _is_chrome(tag):
            tag.decompose()


def _is_chrome(tag: Tag) -> bool:
    if tag.name in DROP_TAGS:
        return True
    if tag.name in PAGE_CHROME_TAGS and tag.find_parent(["article", "main"]) is None:
        return True  # the site's banner/footer; an article's own header carries its title and stays
    if str(tag.get("role", "")).lower() in CHROME_ROLES:
        return True
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(HIDDEN_STYLE_RE.search(str(tag.get("style", ""))))


class _LineWriter:
    """Collects inline text into lines; blocks end lines without creating blank ones."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[str] = []

    def text(self, value: str) -> None:
        self.parts.append(value)

    def _current(self) -> str:
        joined = CJK_SEGMENT_BREAK_RE.sub("", "".join(self.parts))
        return HTML_SPACE_RE.sub(" ", joined).strip(ASCII_SPACE)

    def soft_break(self) -> None:
        """End the current line if it has text (block boundary)."""
        line = self._current()
        if line:
            self.lines.append(line)
        self.parts = []

    def hard_break(self) -> None:
        """End the current line even when empty (``<br>``)."""
        self.lines.append(self._current())
        self.parts = []

    def raw_lines(self, lines: list[str]) -> None:
        self.soft_break()
        self.lines.extend(lines)

    def blank_line(self) -> None:
        self.soft_break()
        self.lines.append("")

    def finish(self) -> list[str]:
        self.soft_break()
        return self.lines


def _walk(node: Tag, out: _LineWriter) -> None:
    for child in node.children:
        if isinstance(child, PreformattedString):
            continue  # comments, doctype, CDATA, processing instructions
        if isinstance(child, NavigableString):
            out.text(str(child))
        elif isinstance(child, Tag):
            _element(child, out)


def _element(tag: Tag, out: _LineWriter) -> None:
    name = tag.name
    if name == "br":
        out.hard_break()
    elif name == "table":
        out.soft_break()
        _table(tag, out)
        out.soft_break()
    elif name == "tr":  # a row outside any table element (broken markup)
        out.soft_break()
        out.raw_lines(["\t".join(_row_cells(tag, {}))])
    elif name == "pre":
        out.soft_break()
        out.raw_lines(tag.get_text().removeprefix("\n").rstrip("\n").split("\n"))
    elif name in BLOCK_TAGS:
        out.soft_break()
        if name == "p" and not tag.get_text().strip() and tag.find("br") is None:
            out.blank_line()
            return
        _walk(tag, out)
        out.soft_break()
    else:
        _walk(tag, out)


#: Upper bound for colspan/rowspan values (a typo such as rowspan="9999" must not explode a table).
MAX_SPAN = 100


def _span(cell: Tag, attribute: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attribute, "1")).strip() or "1"), MAX_SPAN))
    except ValueError:
        return 1


def _table(table: Tag, out: _LineWriter) -> None:
    """A table's caption and rows; merged cells are expanded so every row keeps its columns.

    A cell spanning n columns is followed by n-1 empty cells; a cell spanning n rows leaves an
    empty cell in its column in each of the next n-1 rows. Its text stays in its first row and
    column, where a reader of the page sees it start, so no text is duplicated.
    """
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for child in table.children:
        if not isinstance(child, Tag):
            continue
        if child.name == "tr":
            out.raw_lines(["\t".join(_row_cells(child, pending))])
        elif child.name in ("thead", "tbody", "tfoot"):
            for row in child.find_all("tr", recursive=False):
                out.raw_lines(["\t".join(_row_cells(row, pending))])
        else:
            _element(child, out)  # caption, colgroup, stray text blocks


def _row_cells(row: Tag, pending: dict[int, int]) -> list[str]:
    """Cell texts of one table row, with the places of merged cells filled by empty ones."""
    cells: list[str] = []

    def fill_covered() -> None:
        while pending.get(len(cells), 0) > 0:
            pending[len(cells)] -= 1
            cells.append("")

    for cell in row.find_all(CELL_TAGS, recursive=False):
        fill_covered()
        inner = _LineWriter()
        _walk(cell, inner)
        colspan, rowspan = _span(cell, "colspan"), _span(cell, "rowspan")
        start = len(cells)
        cells.append(" ".join(line for line in inner.finish() if line).replace("\t", " "))
        cells.extend([""] * (colspan - 1))
        if rowspan > 1:
            for column in range(start, start + colspan):
                pending[column] = rowspan - 1
    fill_covered()
    last = max((column for column, rows in pending.items() if rows > 0), default=-1)
    while len(cells) <= last:  # a short row under a cell spanning rows further right
        if pending.get(len(cells), 0) > 0:
            pending[len(cells)] -= 1
        cells.append("")
    return cells
