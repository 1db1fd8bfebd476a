"""Text files: bytes -> ``str`` with encoding detection, and refusals of what is not text.

Contributors bring plans as whatever they found: a GBK text file from an old government site, a
UTF-16 file saved by Notepad (with or without a byte-order mark), CRLF line ends, or an empty or
binary file. This module turns every one of those into the same ``str`` (LF line ends, no BOM) or
refuses it with a ``GeneratorError`` that names the file and says what to do; the importer never
sees bytes. Saved web pages are decoded here too (``html=True``) and then read by ``readers.html``.

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
4. **UTF-16 without a BOM** (Notepad's "Unicode" without signature, some Windows tools): both
   byte orders are tried and accepted when the result is plausible Chinese or ASCII text (almost
   only CJK ideographs, CJK punctuation, printable ASCII and line ends). Bytes of GBK or UTF-8 text
   read as UTF-16 give Hangul, private-use and surrogate code points instead, so they never pass.
5. **A file that switches encoding mid-way** (a UTF-8 export with a GBK part pasted on, or the
   other way round) is refused with the line where the encoding changes: no single codec can read
   it, and detection would turn one of the parts into mojibake. A line counts as GBK when it is
   valid GB18030 and most of its non-ASCII bytes are invalid UTF-8 (so a UTF-8 line with one
   damaged byte is still reported as damage, step 3).
6. **charset-normalizer** decides the rest. Its answer is overridden in one case: when its best
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
from pathlib import Path

import charset_normalizer
from bs4.dammit import EncodingDetector

from generator.errors import GeneratorError

log = logging.getLogger(__name__)

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

BINARY_HINT = "请提供规划原文：.txt 文本（UTF-8、GBK/GB18030、UTF-16 均可）、保存的 .html 网页、有文字层的 .pdf 或 Word .docx"
#: Share of plausible characters (CJK, CJK punctuation, printable ASCII, line ends) for UTF-16 without a BOM.
MIN_PLAUSIBLE_UTF16 = 0.97
_PLAUSIBLE_UTF16_RE = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2000-\u206f\u00a0-\u00ff\x20-\x7e\t\n\r]")
_CJK_TEXT_RE = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")
#: Share of a line's non-ASCII characters that must be undecodable as UTF-8 for it to count as GBK.
MIN_FOREIGN_LINE_SHARE = 0.3


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
            _refuse_truncated_utf8(data, exc, path)
            _refuse_mixed_encoding(data, path)
            _refuse_damaged_utf8(data, exc, path)
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    return _detect(data, path)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a byte-order mark, recognised by what it decodes to (module docstring, step 4)."""
    if len(data) < 4 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        plausible = len(_PLAUSIBLE_UTF16_RE.findall(text))
        if plausible >= MIN_PLAUSIBLE_UTF16 * len(text):
            return text, codec
    return None


def _refuse_mixed_encoding(data: bytes, path: Path | str) -> None:
    """Refuse a text whose lines are partly UTF-8 and partly GBK/GB18030, naming the line of the change."""
    kinds: list[tuple[int, str]] = []  # (line number, "utf-8" | "gb18030") of lines with non-ASCII bytes
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            # GBK bytes are valid UTF-8 by chance now and then (two-byte sequences, never Chinese)
            if _CJK_TEXT_RE.search(decoded):
                kinds.append((number, "utf-8"))
            continue
        as_utf8 = line.decode("utf-8", errors="replace")
        bad = as_utf8.count("\ufffd")
        try:
            line.decode("gb18030")
        except UnicodeDecodeError:
            continue  # neither: damage, reported by _refuse_damaged_utf8
        if bad >= MIN_FOREIGN_LINE_SHARE * len(NON_ASCII_RE.findall(as_utf8)):
            kinds.append((number, "gb18030"))
    found = {kind for _, kind in kinds}
    if found != {"utf-8", "gb18030"}:
        return
    first = kinds[0][1]
    change = next(number for number, kind in kinds if kind != first)
    names = {"utf-8": "UTF-8", "gb18030": "GBK/GB18030"}
    raise GeneratorError(
        path,
        f"文件中途改变了编码：前面是 {names[first]}，从第 {change} 行起是 {names[({'utf-8', 'gb18030'} - {first}).pop()]}",
        "用文本编辑器把整个文件另存为同一种编码（建议 UTF-8）后重试；也可能是两个文件被拼接在一起，请核对原文",
        change,
    )


DAMAGE_HINT = "文件可能已损坏或被截断，请重新获取原文"


def _refuse_truncated_utf8(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> None:
    """Refuse UTF-8 text whose last character was cut off (an interrupted download), naming the line."""
    valid_prefix = data[: exc.start].decode("utf-8")
    if exc.reason == "unexpected end of data" and exc.end == len(data) and NON_ASCII_RE.search(valid_prefix):
        raise GeneratorError(path, "UTF-8 文本在末尾被截断（最后一个字符不完整）", DAMAGE_HINT, data.count(b"\n", 0, exc.start) + 1)


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError, path: Path | str) -> None:
    """Refuse text that is UTF-8 except for a few bad bytes (corruption), naming the line."""
    line = data.count(b"\n", 0, exc.start) + 1
    hint = DAMAGE_HINT
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
