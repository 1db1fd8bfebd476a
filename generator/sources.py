"""Reading raw plan files into text: encoding detection, HTML pages, refusals of non-text input.

Contributors bring plans as whatever they found: a GBK text file from an old government site, a
UTF-16 file saved by Notepad, CRLF line ends, a saved web page, or an empty or binary file. This
module turns every one of those into the same ``str`` (LF line ends, no BOM) or refuses it with a
``GeneratorError`` that names the file and says what to do; the importer never sees bytes.

Encoding decision, in order (``decode_bytes``), and why each step is trusted:

1. **A byte-order mark** is authoritative: nobody writes ``EF BB BF`` or ``FF FE`` by accident, and
   statistical detectors are at their weakest on exactly these files (UTF-16 is full of NUL bytes).
2. **An HTML ``<meta charset>`` declaration** (HTML only) is honoured when the bytes decode strictly
   under it; sites that declare ``utf-8`` but serve GBK fall through to detection.
3. **Strict UTF-8** wins next. Non-ASCII text that decodes as UTF-8 without a single error is
   UTF-8 with near certainty, whereas charset-normalizer has to guess from character statistics.
   A file that is *almost* UTF-8 (a few invalid bytes, or a multi-byte character cut off at the
   end) is refused with the line of the damage instead of being handed to the detector, which
   would happily read the whole file as some other encoding and turn it into mojibake.
4. **charset-normalizer** decides the rest. Its answer is overridden in one case: when its best
   guess is an East-Asian multi-byte codec (it ranks ``cp949`` or ``big5`` first for short Chinese
   snippets) and GB18030 also decodes the bytes, GB18030 is used. These are Beijing government
   documents in simplified Chinese, and GB18030 is a strict superset of GB2312 and GBK that decodes
   their bytes identically, so ``gbk``/``gb2312`` answers are widened to ``gb18030`` as well.

After decoding, text containing NUL or mostly made of control characters is refused as binary.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from bs4 import BeautifulSoup
from bs4.dammit import EncodingDetector
from bs4.element import NavigableString, PreformattedString, Tag

from generator.errors import GeneratorError

log = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

#: (BOM, codec) — UTF-32 first: its little-endian BOM starts with the UTF-16 one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: charset-normalizer answers that mean "some CJK multi-byte encoding"; GB18030 is preferred over them.
CJK_CODECS = frozenset(
    {"gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "cp932",
     "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
     "iso2022_jp", "iso2022_kr"}
)
#: Share of control characters above which decoded "text" is treated as binary.
MAX_CONTROL_SHARE = 0.01
#: Share of undecodable characters below which a file is taken for damaged UTF-8 rather than another encoding.
DAMAGED_UTF8_SHARE = 0.01
ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")

NEWLINES_RE = re.compile(r"\r\n?")
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")

BINARY_HINT = "请提供规划原文的 .txt 文本（UTF-8、GBK/GB18030、UTF-16 均可）或保存的 .html 网页；PDF、Word 请先导出为文本"


@dataclass(frozen=True)
class RawText:
    """A raw plan as text: LF line ends, no BOM. ``encoding`` is a Python codec name; ``format`` is text|html."""

    text: str
    encoding: str
    format: str = "text"


def read_raw(path: Path) -> RawText:
    """Read a raw plan file (.txt or .html/.htm) into text, or refuse it with a reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES + HTML_SUFFIXES:
        raise GeneratorError(path, f"不支持的原始文件类型 {suffix or '（无扩展名）'}",
                             "原始规划须为 .txt 文本或 .html/.htm 网页；PDF、Word 请先导出为文本")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GeneratorError(path, "找不到原始文件", "把原始文件放进 corpus/raw/ 或修正 corpus/plans.yml 中的 raw 字段") from None
    except IsADirectoryError:
        raise GeneratorError(path, "这是一个目录而不是文件", "raw 字段应指向 corpus/raw/ 中的单个文件") from None
    is_html = suffix in HTML_SUFFIXES
    text, encoding = decode_bytes(data, path, html=is_html)
    if is_html:
        text = html_to_text(text)
        if not text.strip():
            raise GeneratorError(path, "网页中没有可提取的正文文字（去掉脚本、样式、导航等页面框架后为空）",
                                 "请保存包含规划全文的网页，或把正文复制为 .txt 文件")
    log.debug("%s: %s, %s, %d characters", path, encoding, "html" if is_html else "text", len(text))
    return RawText(text=text, encoding=encoding, format="html" if is_html else "text")


def decode_bytes(data: bytes, path: Path | str, *, html: bool = False) -> tuple[str, str]:
    """Decode ``data`` to text with LF line ends; return ``(text, codec)``. See the module docstring for the order."""
    if not data:
        raise GeneratorError(path, "文件为空（0 字节）", "请放入完整的规划原文；如果是下载或复制中断，请重新获取")
    text, encoding = _decode(data, path, html=html)
    text = NEWLINES_RE.sub("\n", text.removeprefix("\ufeff"))
    _refuse_binary_text(text, path)
    if not text.strip():
        raise GeneratorError(path, "文件只有空白字符，没有正文", "请放入完整的规划原文；如果是下载或复制中断，请重新获取")
    return text, encoding


def _decode(data: bytes, path: Path | str, *, html: bool) -> tuple[str, str]:
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError as exc:
                raise GeneratorError(path, f"文件以 {codec} 字节顺序标记开头，但内容无法按 {codec} 解码（第 {exc.start} 字节）",
                                     "文件可能已损坏或被截断，请重新获取原文") from None
    if html:
        declared = EncodingDetector.find_declared_encoding(data, is_html=True)
        codec = _gb_widened(_codec_name(declared)) if declared else None
        if codec:
            try:
                return data.decode(codec), codec
            except UnicodeDecodeError:
                log.info("%s: declares %s but does not decode as it; detecting instead", path, declared)
    if b"\x00" not in data:
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as exc:
            _refuse_damaged_utf8(data, exc, path)
    return _detect(data, path)


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> None:
    """Refuse text that is UTF-8 except for a few bad bytes (corruption, truncation), naming the line."""
    line = data.count(b"\n", 0, exc.start) + 1
    hint = "文件可能已损坏或被截断，请重新获取原文"
    valid_prefix = data[: exc.start].decode("utf-8")
    if exc.reason == "unexpected end of data" and exc.end == len(data) and NON_ASCII_RE.search(valid_prefix):
        raise GeneratorError(path, "UTF-8 文本在末尾被截断（最后一个字符不完整）", hint, line)
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    non_ascii = len(NON_ASCII_RE.findall(decoded))
    if non_ascii - bad > 0 and bad <= DAMAGED_UTF8_SHARE * non_ascii:
        raise GeneratorError(path, f"UTF-8 文本中有 {bad} 处无效字节（第一处在第 {exc.start} 字节）", hint, line)


def _detect(data: bytes, path: Path | str) -> tuple[str, str]:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise GeneratorError(path, "看起来是二进制文件，无法识别为任何文本编码", BINARY_HINT)
    codec = _codec_name(best.encoding) or best.encoding
    if codec in CJK_CODECS:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            pass
        else:
            log.debug("%s: charset-normalizer guessed %s; GB18030 also decodes it and is preferred", path, codec)
            return text, "gb18030"
    return str(best), codec


def _codec_name(name: str | None) -> str | None:
    """Python's canonical codec name (``GB2312`` -> ``gb2312``), or None when Python knows no such codec."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _gb_widened(codec: str | None) -> str | None:
    """Widen a declared charset the way browsers do: GBK/GB2312 -> GB18030, Latin-1/ASCII -> Windows-1252.

    GB2312 and GBK are subsets of GB18030 whose bytes mean the same characters; pages declaring
    them routinely contain characters only the superset has.
    """
    return {"gbk": "gb18030", "gb2312": "gb18030", "iso8859-1": "cp1252", "ascii": "cp1252"}.get(codec or "", codec)


def _refuse_binary_text(text: str, path: Path | str) -> None:
    if "\x00" in text:
        raise GeneratorError(path, "看起来是二进制文件（含 NUL 字节）", BINARY_HINT)
    controls = sum(1 for ch in text if ch not in ALLOWED_CONTROLS and unicodedata.category(ch) == "Cc")
    if controls and controls > MAX_CONTROL_SHARE * len(text):
        share = controls * 100 // len(text)
        raise GeneratorError(path, f"看起来是二进制文件（{share}% 是控制字符）", BINARY_HINT)


# --- HTML pages ------------------------------------------------------------------------------------

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
    line, ``<br>`` a line break, and a table row one line of tab-separated cells (``colspan``
    repeated as empty cells, so rows keep their column count; a row of empty cells stays a line of
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
    elif name == "tr":
        out.soft_break()
        cells = _row_cells(tag)
        out.raw_lines(["\t".join(cells)])
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


def _row_cells(row: Tag) -> list[str]:
    """Cell texts of one table row; a cell spanning n columns is followed by n-1 empty cells."""
    cells: list[str] = []
    for cell in row.find_all(CELL_TAGS, recursive=False):
        inner = _LineWriter()
        _walk(cell, inner)
        cells.append(" ".join(line for line in inner.finish() if line).replace("\t", " "))
        try:
            span = int(str(cell.get("colspan", "1")))
        except ValueError:
            span = 1
        cells.extend([""] * (min(span, 100) - 1))
    return cells
