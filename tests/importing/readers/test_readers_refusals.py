"""Refusals of PDF and Word input, with real broken files: file, what is wrong, what to do; exit 2; nothing written."""

from __future__ import annotations

import argparse
import io
import shutil
import zipfile
import zlib
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.errors import GeneratorError
from generator.importing import pipeline
from generator.importing.readers import read_raw

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def image_only_pdf() -> bytes:
    """A valid one-page PDF whose page is one grey image and no text: what a scanner writes."""
    pixels = zlib.compress(bytes([128]) * (64 * 64))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
    ]
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    streams = [
        (b"<< /Length %d >>" % len(content), content),
        (b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray /BitsPerComponent 8 "
         b"/Filter /FlateDecode /Length %d >>" % len(pixels), pixels),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    for number, (head, data) in enumerate(streams, start=len(objects) + 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n" % (number, head, data))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref))
    return out.getvalue()


def encrypted(pdf: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def not_a_docx() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("规划.txt", "一、总体要求\n")
    return out.getvalue()


@pytest.fixture(scope="module")
def broken(published: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> a real broken file (made from the generated PDF/Word fixtures where one is needed)."""
    root = tmp_path_factory.mktemp("broken")
    pdf = (published / "jingkai.pdf").read_bytes()
    docx = (published / "jingkai.docx").read_bytes()
    files = {
        "scan.pdf": image_only_pdf(),
        "truncated.pdf": pdf[: len(pdf) * 6 // 10],
        "damaged.pdf": pdf[:1000] + b"\x00garbage" * 2000,
        "encrypted.pdf": encrypted(pdf),
        "truncated.docx": docx[: len(docx) // 2],
        "archive.docx": not_a_docx(),
        "word-file.pdf": docx,
        "pdf-file.docx": pdf,
        "old-word.doc": OLE_HEADER,
        "old-word.docx": OLE_HEADER,
        "wps-file.wps": OLE_HEADER,
        "text.pdf": "一、总体要求\n".encode(),
    }
    for name, data in files.items():
        (root / name).write_bytes(data)
    return {name: root / name for name in files}


REFUSALS = {
    "scan.pdf": ("PDF 没有文字层（看起来是扫描件，页面只有图像）", "不支持文字识别（OCR）"),
    "truncated.pdf": ("PDF 文件不完整（缺少文件结尾标记 %%EOF，可能下载或复制中断）", "重新下载"),
    "damaged.pdf": ("PDF 文件", "重新下载"),
    "encrypted.pdf": ("PDF 已加密，需要密码才能打开", "未加密"),
    "truncated.docx": ("Word 文档已损坏，无法读取", "另存为 .docx 或 PDF"),
    "archive.docx": ("扩展名是 .docx，但文件内容是zip 压缩包（不是 Word 文档）", "请提供规划原文"),
    "word-file.pdf": ("扩展名是 .pdf，但文件内容是Word .docx 文档", "改名为 word-file.docx"),
    "pdf-file.docx": ("扩展名是 .docx，但文件内容是PDF 文件", "改名为 pdf-file.pdf"),
    "old-word.doc": ("不能直接读取 .doc 格式", "另存为” Word 文档（.docx）或 PDF"),
    "old-word.docx": ("扩展名是 .docx，但文件内容是旧版 Word（.doc）或 WPS 文档", "另存为” Word 文档（.docx）或 PDF"),
    "wps-file.wps": ("不能直接读取 .wps 格式", "另存为” Word 文档（.docx）或 PDF"),
    "text.pdf": ("扩展名是 .pdf，但文件内容是文本或网页", "重新下载"),
}


@pytest.mark.parametrize("name", sorted(REFUSALS))
def test_broken_file_is_refused_saying_what_and_what_to_do(broken: dict[str, Path], name: str) -> None:
    message, hint = REFUSALS[name]
    with pytest.raises(GeneratorError) as info:
        read_raw(broken[name])
    assert info.value.path == broken[name]
    assert info.value.message.startswith(message)
    assert hint in info.value.hint


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(PROJECT_ROOT / "corpus", tmp_path / "corpus")
    shutil.copytree(PROJECT_ROOT / "docs" / "plans", tmp_path / "docs" / "plans")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    files = [*sorted((root / "docs" / "plans").iterdir()), root / "corpus" / "import-manifest.json"]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def run_import(root: Path, *options: str) -> int:
    parser = argparse.ArgumentParser()
    pipeline.add_arguments(parser)
    return pipeline.run(parser.parse_args([
        "--registry", str(root / "corpus" / "plans.yml"), "--docs-dir", str(root / "docs" / "plans"),
        "--manifest", str(root / "corpus" / "import-manifest.json"), *options,
    ]))


def use_raw(root: Path, slug: str, source: Path, name: str) -> Path:
    """Register ``source`` (copied as corpus/raw/<name>) as the raw file of ``slug``."""
    raw_dir = root / "corpus" / "raw"
    (raw_dir / f"{slug}.txt").unlink()
    shutil.copy(source, raw_dir / name)
    registry = root / "corpus" / "plans.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(f"raw: {slug}.txt", f"raw: {name}"), encoding="utf-8")
    return raw_dir / name


@pytest.mark.parametrize("name", ["scan.pdf", "encrypted.pdf", "truncated.docx", "word-file.pdf"])
def test_import_of_a_broken_file_exits_2_and_writes_nothing(project: Path, broken: dict[str, Path], capsys, name: str) -> None:
    raw = use_raw(project, "jingkai", broken[name], f"jingkai{Path(name).suffix}")
    before = snapshot(project)
    assert run_import(project) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(f"错误：{raw}: {REFUSALS[name][0]}")
    assert snapshot(project) == before


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_import_of_a_published_file_prints_the_summary_line(project: Path, published: Path, capsys, ext: str) -> None:
    use_raw(project, "huairou", published / f"huairou.{ext}", f"huairou.{ext}")
    assert run_import(project, "--force", "huairou") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("huairou：65 个标题，") and "3 个表格" in out[0] and out[0].endswith("（已写入）")
    page = (project / "docs" / "plans" / "huairou.md").read_text(encoding="utf-8")
    assert "## 附件1 “十四五”时期基础教育领域教育设施专项规划一览表 {#fj1}" in page
