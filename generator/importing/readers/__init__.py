"""Per-format readers: a raw plan file -> :class:`RawText`, the one shape every later step reads.

A reader's only job is to turn its format into plain lines the way the text exports look: one line
per paragraph (or per line of the export), tables either left in the text in a shape
``tables.extract_tables`` knows (text, HTML) or rebuilt from the document's own structure and
handed over as :class:`ReadTable` objects with a placeholder line in the text (PDF, Word). Cleaning,
structure and rendering are the same for every format.

The reader is chosen by the file's extension *and* its content: the first bytes are sniffed
(``%PDF-``, a zip container, an OLE compound file), and a file whose extension does not match what
it is, a Word 97–2003 or WPS file, or a format we do not read is refused with what to do — never
read as something it is not.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from generator.errors import GeneratorError
from generator.importing.formats import CONVERT_SUFFIXES, DOCX_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES, RAW_SUFFIXES, READ_SUFFIXES
from generator.importing.readers.html import html_to_text
from generator.importing.readers.text import decode_bytes
from generator.importing.tables import Table

log = logging.getLogger(__name__)

#: The placeholder line a structured reader leaves where table ``i`` of ``RawText.tables`` stands.
READ_TABLE_MARK = "\x00READTABLE{}\x00"

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ACCEPTED = ".txt 文本、.html 网页、有文字层的 .pdf 或 Word .docx"
CONVERT_HINT = "用 Word 或 WPS 打开后“另存为” Word 文档（.docx）或 PDF，再把 raw 字段改为新文件名"
KIND_NAMES = {
    "pdf": "PDF 文件",
    "docx": "Word .docx 文档",
    "ole": "旧版 Word（.doc）或 WPS 文档",
    "ole-encrypted": "加密的 Word 文档",
    "zip": "zip 压缩包（不是 Word 文档）",
    "text": "文本或网页",
}
KIND_SUFFIX = {"pdf": ".pdf", "docx": ".docx", "text": ".txt"}


@dataclass(frozen=True)
class ReadTable:
    """A table a structured reader rebuilt from the document itself, with the caption found with it."""

    table: Table
    caption: str | None = None


@dataclass(frozen=True)
class RawText:
    """A raw plan as text: LF line ends, no BOM. ``encoding`` is a Python codec name for text formats
    (``""`` for PDF and Word); ``format`` is text|html|pdf|docx; ``tables`` are the reader's own
    tables, each standing in ``text`` as a :data:`READ_TABLE_MARK` line; ``sha256`` is that of the
    file's bytes for binary formats (the manifest records it)."""

    text: str
    encoding: str
    format: str = "text"
    tables: tuple[ReadTable, ...] = ()
    sha256: str = ""


def sniff(data: bytes) -> str:
    """What the bytes are, whatever the file is called: pdf | docx | zip | ole | ole-encrypted | text."""
    if data[:1024].lstrip(b"\x00\t\n\r\f ").startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        try:
            names = set(zipfile.ZipFile(BytesIO(data)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return "docx" if b"word/document.xml" in data[:65536] or b"[Content_Types].xml" in data[:65536] else "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if data.startswith(OLE_MAGIC):
        return "ole-encrypted" if "EncryptedPackage".encode("utf-16-le") in data else "ole"
    return "text"


def read_raw(path: Path) -> RawText:
    """Read a raw plan file (.txt, .html/.htm, .pdf, .docx) into text, or refuse it with a reason."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CONVERT_SUFFIXES:
        raise GeneratorError(path, f"不能直接读取 {suffix} 格式", CONVERT_HINT)
    if suffix not in READ_SUFFIXES:
        raise GeneratorError(path, f"不支持的原始文件类型 {suffix or '（无扩展名）'}", f"原始规划须为 {ACCEPTED}")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise GeneratorError(path, "找不到原始文件", "把原始文件放进 corpus/raw/ 或修正 corpus/plans.yml 中的 raw 字段") from None
    except IsADirectoryError:
        raise GeneratorError(path, "这是一个目录而不是文件", "raw 字段应指向 corpus/raw/ 中的单个文件") from None
    expected = "pdf" if suffix in PDF_SUFFIXES else "docx" if suffix in DOCX_SUFFIXES else "text"
    if not data and expected != "text":
        raise GeneratorError(path, "文件为空（0 字节）", "请放入完整的规划原文；如果是下载或复制中断，请重新获取")
    kind = sniff(data) if data else expected
    if kind != expected:
        _refuse_mismatch(path, suffix, kind)
    if kind == "pdf":
        from generator.importing.readers.pdf import read_pdf

        raw = read_pdf(data, path)
    elif kind == "docx":
        from generator.importing.readers.docx import read_docx

        raw = read_docx(data, path)
    else:
        is_html = suffix in HTML_SUFFIXES
        text, encoding = decode_bytes(data, path, html=is_html)
        if is_html:
            text = html_to_text(text)
            if not text.strip():
                raise GeneratorError(
                    path,
                    "网页中没有可提取的正文文字（去掉脚本、样式、导航等页面框架后为空）",
                    "请保存包含规划全文的网页，或把正文复制为 .txt 文件",
                )
        raw = RawText(text=text, encoding=encoding, format="html" if is_html else "text")
    if raw.format in ("pdf", "docx"):
        raw = RawText(raw.text, raw.encoding, raw.format, raw.tables, hashlib.sha256(data).hexdigest())
    log.debug("%s: %s %s, %d characters, %d tables", path, raw.format, raw.encoding, len(raw.text), len(raw.tables))
    return raw


def _refuse_mismatch(path: Path, suffix: str, kind: str) -> None:
    """The extension says one format, the bytes another: say what the file really is."""
    what = KIND_NAMES[kind]
    if kind in ("ole", "ole-encrypted"):
        hint = CONVERT_HINT if kind == "ole" else "在 Word 中打开并取消密码（文件—信息—保护文档），另存为 .docx 或 PDF 后重试"
    elif kind == "zip":
        hint = f"请提供规划原文：{ACCEPTED}"
    elif kind == "text" and suffix in PDF_SUFFIXES + DOCX_SUFFIXES:
        hint = "文件可能下载不完整（例如保存的是下载页面），请重新下载原文件"
    else:
        right = KIND_SUFFIX[kind]
        hint = f"把文件改名为 {path.stem}{right}，并把 corpus/plans.yml 中的 raw 字段改为同名"
    raise GeneratorError(path, f"扩展名是 {suffix}，但文件内容是{what}", hint)


__all__ = ["RAW_SUFFIXES", "READ_TABLE_MARK", "RawText", "ReadTable", "decode_bytes", "html_to_text", "read_raw", "sniff"]
