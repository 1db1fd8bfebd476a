"""generator.importing.readers: every encoding/format of a real seed decodes to the same text; bad files are refused."""

from __future__ import annotations

import codecs
import html
import re
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.importing.readers import decode_bytes, html_to_text, read_raw

ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "corpus" / "raw"
ASCII_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
BINARY_HINT = "请提供规划原文：.txt 文本（UTF-8、GBK/GB18030、UTF-16 均可）、保存的 .html 网页、有文字层的 .pdf 或 Word .docx"
DAMAGE_HINT = "文件可能已损坏或被截断，请重新获取原文"
EMPTY_HINT = "请放入完整的规划原文；如果是下载或复制中断，请重新获取"


def seed(slug: str) -> str:
    return (RAW / f"{slug}.txt").read_bytes().decode("utf-8")


# --- the same seed in other encodings ------------------------------------------------------------

VARIANTS = {
    # name: (bytes from text, reported encoding)
    "gbk": (lambda t: t.encode("gbk"), "gb18030"),
    "gb18030": (lambda t: t.encode("gb18030"), "gb18030"),
    "utf-8-bom": (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
    "utf-16-bom-le": (lambda t: t.encode("utf-16"), "utf-16"),  # Python writes a little-endian BOM
    "utf-16-bom-be": (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16"),
    "utf-16-le-no-bom": (lambda t: t.encode("utf-16-le"), "utf-16-le"),
    "utf-32-bom": (lambda t: t.encode("utf-32"), "utf-32"),
    "crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    "cr": (lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8"),
    "gbk-crlf": (lambda t: t.replace("\n", "\r\n").encode("gbk"), "gb18030"),
    "utf-16-crlf": (lambda t: t.replace("\n", "\r\n").encode("utf-16"), "utf-16"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_dongcheng_in_every_encoding_decodes_to_the_utf8_text(tmp_path: Path, variant: str) -> None:
    text = seed("dongcheng")
    encode, expected_encoding = VARIANTS[variant]
    path = tmp_path / "dongcheng.txt"
    path.write_bytes(encode(text))
    raw = read_raw(path)
    assert raw.text == text
    assert raw.encoding == expected_encoding
    assert raw.format == "text"


@pytest.mark.parametrize("slug", ["mentougou", "huairou", "jingkai"])
@pytest.mark.parametrize("variant", ["gbk-crlf", "utf-16-crlf"])
def test_seeds_with_tables_decode_identically(tmp_path: Path, slug: str, variant: str) -> None:
    text = seed(slug)
    encode, expected_encoding = VARIANTS[variant]
    path = tmp_path / f"{slug}.txt"
    path.write_bytes(encode(text))
    assert read_raw(path) == read_raw(RAW / f"{slug}.txt").__class__(text=text, encoding=expected_encoding)


def test_haidian_needs_gb18030_not_gbk(tmp_path: Path) -> None:
    """haidian is indented with NBSP, which GBK cannot encode but GB18030 can."""
    text = seed("haidian")
    with pytest.raises(UnicodeEncodeError):
        text.encode("gbk")
    path = tmp_path / "haidian.txt"
    path.write_bytes(text.encode("gb18030"))
    raw = read_raw(path)
    assert raw.text == text
    assert raw.text.count("\xa0") == text.count("\xa0") == 540
    assert raw.encoding == "gb18030"


def test_short_gbk_heading_is_read_as_gb18030_not_korean(tmp_path: Path) -> None:
    """charset-normalizer ranks cp949 first for this single GBK line; GB18030 is preferred."""
    line = "一、编制背景\n"
    assert line in seed("dongcheng")
    import charset_normalizer

    assert charset_normalizer.from_bytes(line.encode("gbk")).best().encoding == "cp949"
    path = tmp_path / "one-line.txt"
    path.write_bytes(line.encode("gbk"))
    assert read_raw(path).text == line
    assert read_raw(path).encoding == "gb18030"


def test_utf8_seeds_report_utf8() -> None:
    for path in sorted(RAW.glob("*.txt")):
        raw = read_raw(path)
        assert raw.encoding == "utf-8"
        assert raw.text == path.read_bytes().decode("utf-8")


# --- HTML renderings -----------------------------------------------------------------------------

CHROME_HEAD = (
    "<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"{charset}\"><title>北京市某区人民政府网站</title>"
    "<style>p {{ text-indent: 2em }}</style><script>var tracker = '首页';</script></head>\n<body>\n"
    "<header><div class=\"logo\">某区人民政府</div><form><input name=\"q\"><button>搜索</button></form></header>\n"
    "<nav><ul><li><a href=\"/\">首页</a></li><li><a href=\"/zw\">政务公开</a></li></ul></nav>\n"
    "<div role=\"navigation\">当前位置：首页 &gt; 规划计划</div>\n<main><article>\n"
)
CHROME_TAIL = (
    "</article></main>\n<aside><h3>相关链接</h3><p>关联内容</p></aside>\n<noscript>请启用脚本</noscript>\n"
    "<iframe src=\"https://example.com/ad\"></iframe>\n"
    "<footer><p>版权所有：某区人民政府办公室</p><p>电话：010-12345678</p></footer>\n"
    "<script>document.write('统计代码')</script>\n</body></html>\n"
)


def render_html(text: str, charset: str = "utf-8") -> str:
    """A saved web page of a plan: each line a <p> (blank line -> empty <p>), tab lines as table rows, chrome around."""
    body: list[str] = []
    rows: list[str] = []
    for line in text.removesuffix("\n").split("\n"):
        if "\t" in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t")) + "</tr>")
            continue
        if rows:
            body.append("<table>" + "\n".join(rows) + "</table>")
            rows = []
        body.append(f"<p>{html.escape(line)}</p>")
    if rows:
        body.append("<table>" + "\n".join(rows) + "</table>")
    return CHROME_HEAD.format(charset=charset) + "\n".join(body) + "\n" + CHROME_TAIL


def browser_text(text: str) -> str:
    """What a reader sees of ``text`` rendered by ``render_html``: ASCII whitespace collapsed per cell/line."""

    def visible(part: str) -> str:
        return ASCII_SPACE_RE.sub(" ", part).strip(" ")

    lines = ["\t".join(visible(cell) for cell in line.split("\t")) for line in text.removesuffix("\n").split("\n")]
    return "\n".join(lines) + "\n"


def test_html_rendering_of_dongcheng_gives_its_text(tmp_path: Path) -> None:
    text = seed("dongcheng")
    path = tmp_path / "dongcheng.html"
    path.write_text(render_html(text), encoding="utf-8")
    raw = read_raw(path)
    assert raw.format == "html"
    assert raw.encoding == "utf-8"
    assert raw.text == browser_text(text)
    # the only differences from the text file: the title line's leading space and 3 trailing spaces
    assert raw.text == "".join(line.strip(" ") + "\n" for line in text.removesuffix("\n").split("\n"))
    assert raw.text != text
    for chrome in ("某区人民政府", "首页", "当前位置", "相关链接", "版权所有", "tracker", "统计代码", "请启用脚本", "text-indent"):
        assert chrome not in raw.text


@pytest.mark.parametrize("slug", ["mentougou", "jingkai", "huairou"])
def test_html_rendering_with_tables_gives_tab_separated_rows(tmp_path: Path, slug: str) -> None:
    text = seed(slug)
    path = tmp_path / f"{slug}.html"
    path.write_text(render_html(text), encoding="utf-8")
    assert read_raw(path).text == browser_text(text)


def test_gbk_html_page_with_meta_charset(tmp_path: Path) -> None:
    text = seed("dongcheng")
    path = tmp_path / "dongcheng.htm"
    path.write_bytes(render_html(text, charset="gb2312").encode("gbk"))
    raw = read_raw(path)
    assert raw.encoding == "gb18030"
    assert raw.text == browser_text(text)


def test_html_declaring_utf8_but_served_as_gbk_is_detected(tmp_path: Path) -> None:
    text = seed("dongcheng")
    path = tmp_path / "dongcheng.html"
    path.write_bytes(render_html(text, charset="utf-8").encode("gbk"))
    assert read_raw(path).text == browser_text(text)
    assert read_raw(path).encoding == "gb18030"


def test_html_block_structure() -> None:
    page = (
        "<html><head><title>站点</title></head><body><header>网站名</header>"
        "<main><article><header><h1>某区教育规划</h1></header>"
        "<p>\u3000\u3000一、总体要求</p>"
        "<p>北京市\n  海淀区 and  Latin, 2019 年</p><p>&nbsp;</p>"
        "<p>甲<br>乙<br><br>丙</p>"
        "<div hidden>隐藏一</div><span style=\"display: none\">隐藏二</span><p aria-hidden=\"true\">隐藏三</p>"
        "<ul><li>第一项</li><li>第二项<ul><li>子项</li></ul></li></ul>"
        "<table><caption>表1 指标</caption><thead><tr><th>指标</th><th colspan=\"2\">数值</th></tr></thead>"
        "<tbody><tr><td>学校<br>数量</td><td>78</td><td>所</td></tr><tr><td></td><td> </td><td></td></tr></tbody></table>"
        "<pre>  a  b\nc</pre>"
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; <!-- 注释 --><b>加粗</b></p>"
        "</article></main><aside>相关</aside><footer>版权所有</footer></body></html>"
    )
    assert html_to_text(page) == (
        "某区教育规划\n"
        "\u3000\u3000一、总体要求\n"
        "北京市海淀区 and Latin, 2019 年\n"
        "\n"
        "甲\n乙\n\n丙\n"
        "第一项\n第二项\n子项\n"
        "表1 指标\n指标\t数值\t\n学校 数量\t78\t所\n\t\t\n"
        "  a  b\nc\n"
        "<script>alert(1)</script> 加粗\n"
    )


# --- refusals ------------------------------------------------------------------------------------


def refusal(path: Path) -> str:
    with pytest.raises(GeneratorError) as info:
        read_raw(path)
    return str(info.value)


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert refusal(path) == f"{path}: 文件为空（0 字节）（{EMPTY_HINT}）"


def test_whitespace_only_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes(" \r\n\t\n\u3000\xa0\n".encode())
    assert refusal(path) == f"{path}: 文件只有空白字符，没有正文（{EMPTY_HINT}）"


def test_whitespace_only_utf16_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_bytes("\r\n\r\n".encode("utf-16"))
    assert refusal(path) == f"{path}: 文件只有空白字符，没有正文（{EMPTY_HINT}）"


def test_nul_bytes_are_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "nul.txt"
    path.write_bytes(seed("dongcheng")[:200].encode("utf-8") + b"\x00\x00\x00\x00")
    assert refusal(path) == f"{path}: 看起来是二进制文件（含 NUL 字节）（{BINARY_HINT}）"


def test_pdf_bytes_renamed_to_txt_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(bytes(range(256)) * 16)
    assert refusal(path) == f"{path}: 看起来是二进制文件，无法识别为任何文本编码（{BINARY_HINT}）"


def test_mostly_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "controls.txt"
    path.write_bytes(b"\x01\x02\x03\x1b[0m" * 20 + "一、总体要求\n".encode())
    assert refusal(path) == f"{path}: 看起来是二进制文件（54% 是控制字符）（{BINARY_HINT}）"


def test_truncated_utf8_is_refused_with_line(tmp_path: Path) -> None:
    data = seed("dongcheng").encode("utf-8")
    cut = data.index("二、指导思想".encode()) + 2  # in the middle of 二 (line 50)
    path = tmp_path / "dongcheng.txt"
    path.write_bytes(data[:cut])
    assert refusal(path) == f"{path}:50: UTF-8 文本在末尾被截断（最后一个字符不完整）（{DAMAGE_HINT}）"


def test_damaged_utf8_byte_is_refused_with_line(tmp_path: Path) -> None:
    data = bytearray(seed("dongcheng").encode("utf-8"))
    at = data.index("一、编制背景".encode())
    data[at] = 0xFF  # the lead byte of 一 (3 bytes): 3 invalid bytes
    path = tmp_path / "dongcheng.txt"
    path.write_bytes(bytes(data))
    assert refusal(path) == f"{path}:4: UTF-8 文本中有 3 处无效字节（第一处在第 {at} 字节）（{DAMAGE_HINT}）"


def test_broken_utf16_after_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "一、".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate at byte 6 (after the 2-byte BOM)
    assert refusal(path) == f"{path}: 文件以 utf-16 字节顺序标记开头，但内容无法按 utf-16 解码（第 6 字节）（{DAMAGE_HINT}）"


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(CHROME_HEAD.format(charset="utf-8") + CHROME_TAIL, encoding="utf-8")
    assert refusal(path) == (
        f"{path}: 网页中没有可提取的正文文字（去掉脚本、样式、导航等页面框架后为空）（请保存包含规划全文的网页，或把正文复制为 .txt 文件）"
    )


def test_unsupported_suffix_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"PK\x03\x04")
    assert refusal(path) == f"{path}: 不支持的原始文件类型 .xlsx（原始规划须为 .txt 文本、.html 网页、有文字层的 .pdf 或 Word .docx）"


def test_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gone.txt"
    assert refusal(path) == f"{path}: 找不到原始文件（把原始文件放进 corpus/raw/ 或修正 corpus/plans.yml 中的 raw 字段）"


def test_decode_bytes_names_the_given_path() -> None:
    with pytest.raises(GeneratorError) as info:
        decode_bytes(b"", "corpus/raw/x.txt")
    assert str(info.value) == f"corpus/raw/x.txt: 文件为空（0 字节）（{EMPTY_HINT}）"


# --- the importer gives byte-identical Markdown for every encoding and format ----------------------


@pytest.fixture(scope="module")
def registry():
    from generator.registry import load_registry

    return load_registry(ROOT / "corpus" / "plans.yml")


FORMATS = {
    "gbk": lambda t: t.encode("gb18030") if "\xa0" in t else t.encode("gbk"),  # haidian's NBSP needs GB18030
    "utf-16": VARIANTS["utf-16-bom-le"][0],
    "crlf": VARIANTS["crlf"][0],
}


@pytest.mark.parametrize("slug", ["dongcheng", "haidian", "huairou", "jingkai", "mentougou"])
@pytest.mark.parametrize("variant", ["gbk", "utf-16", "crlf", "html"])
def test_importer_markdown_is_byte_identical(tmp_path: Path, registry, slug: str, variant: str) -> None:
    from generator.importing.pipeline import convert_plan, convert_text

    plan = registry.get(slug)
    expected = convert_plan(registry, plan).markdown
    text = seed(slug)
    if variant == "html":
        path = tmp_path / f"{slug}.html"
        path.write_text(render_html(text), encoding="utf-8")
    else:
        path = tmp_path / f"{slug}.txt"
        path.write_bytes(FORMATS[variant](text))
    assert convert_text(plan, read_raw(path).text, path).markdown == expected


# --- bad raw files through `import`: one message, non-zero exit, nothing written -------------------


@pytest.fixture
def import_project(tmp_path: Path) -> Path:
    """corpus/ and docs/plans/ copied, so `import` can be pointed at them and their bytes compared."""
    import shutil

    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    shutil.copytree(ROOT / "docs" / "plans", tmp_path / "docs" / "plans")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    files = [*sorted((root / "docs" / "plans").iterdir()), root / "corpus" / "import-manifest.json"]
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in files}


def run_import(root: Path, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    import argparse

    from generator.importing import pipeline as importer

    parser = argparse.ArgumentParser()
    importer.add_arguments(parser)
    args = parser.parse_args([
        "--registry", str(root / "corpus" / "plans.yml"),
        "--docs-dir", str(root / "docs" / "plans"),
        "--manifest", str(root / "corpus" / "import-manifest.json"),
        *options,
    ])
    code = importer.run(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


BAD_RAW = {
    "empty": (b"", "文件为空（0 字节）（" + EMPTY_HINT + "）"),
    "whitespace": ("\r\n \u3000\r\n".encode(), "文件只有空白字符，没有正文（" + EMPTY_HINT + "）"),
    "binary": (bytes(range(256)) * 16, "看起来是二进制文件，无法识别为任何文本编码（" + BINARY_HINT + "）"),
    "nul": ("一、总体要求\n".encode() + b"\x00" * 8, "看起来是二进制文件（含 NUL 字节）（" + BINARY_HINT + "）"),
}


@pytest.mark.parametrize("case", sorted(BAD_RAW))
def test_import_refuses_a_bad_raw_file_and_writes_nothing(import_project: Path, capsys: pytest.CaptureFixture[str], case: str) -> None:
    data, message = BAD_RAW[case]
    raw = import_project / "corpus" / "raw" / "dongcheng.txt"
    raw.write_bytes(data)
    before = snapshot(import_project)
    assert run_import(import_project, capsys) == (2, "", f"错误：{raw}: {message}\n")
    assert snapshot(import_project) == before


def test_import_refuses_text_without_plan_structure(import_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The haidian web page's chrome alone (its first 28 lines: ads, phone numbers, navigation) is no plan."""
    raw = import_project / "corpus" / "raw" / "haidian.txt"
    chrome = "".join(seed("haidian").splitlines(keepends=True)[:28])
    assert "一、" not in chrome and "注册地址" in chrome
    raw.write_text(chrome, encoding="utf-8")
    before = snapshot(import_project)
    assert run_import(import_project, capsys) == (
        2, "", f"错误：{raw}: 没有识别出“一、”形式的章节标题，无法确定规划结构"
        "（确认文件是规划正文且编码正确；章节标题应单独成行，如“一、发展基础”）\n"
    )
    assert snapshot(import_project) == before


def test_import_of_a_gbk_crlf_copy_changes_nothing(import_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Re-saving a raw plan as GBK with CRLF line ends is not a change: pages and manifest stay byte-identical."""
    assert run_import(import_project, capsys, "--force")[0] == 0  # the pages as import writes them here
    before = snapshot(import_project)
    raw = import_project / "corpus" / "raw" / "mentougou.txt"
    raw.write_bytes(seed("mentougou").replace("\n", "\r\n").encode("gbk"))
    code, out, err = run_import(import_project, capsys)
    assert (code, err) == (0, "")
    assert out.count("（无变化）") == 5
    assert snapshot(import_project) == before
