"""generator.registry: the real registry loads; each contributor mistake is refused with file, line and remedy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.errors import GeneratorError
from generator.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "corpus" / "plans.yml"
FIELDS = "slug, district, short_name, title, raw, provenance, title_supplied, issuer, doc_number, date"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of corpus/ (registry and raw files)."""
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    return tmp_path / "corpus"


def mutate(corpus: Path, old: str, new: str) -> int:
    """Replace the single ``old`` in the copied registry; return the line of its entry's ``- slug:``."""
    path = corpus / "plans.yml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    entry = text.rfind("  - slug:", 0, text.index(old) + len(old))
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[:entry].count("\n") + 1


def refusal(corpus: Path) -> str:
    with pytest.raises(GeneratorError) as info:
        load_registry(corpus / "plans.yml")
    return str(info.value)


def test_real_registry() -> None:
    registry = load_registry(REGISTRY)
    assert [p.slug for p in registry.plans] == ["dongcheng", "haidian", "huairou", "jingkai", "mentougou"]
    assert registry.get("huairou").doc_number == "怀政发〔2021〕32号"
    assert registry.get("jingkai").title_supplied is True


def test_entry_without_its_raw_file(corpus: Path) -> None:
    (corpus / "raw" / "huairou.txt").unlink()
    line = mutate(corpus, "raw: huairou.txt\n", "raw: huairou.txt\n")
    assert refusal(corpus) == (
        f"{corpus / 'plans.yml'}:{line}: huairou 的原始文件 {corpus / 'raw' / 'huairou.txt'} 不存在"
        "（把原始文件放进 corpus/raw/ 或修正 raw 字段）"
    )


def test_raw_file_without_entry(corpus: Path) -> None:
    (corpus / "raw" / "xicheng.html").write_text("<p>一、总体要求</p>", encoding="utf-8")
    assert refusal(corpus) == (
        f"{corpus / 'raw' / 'xicheng.html'}: 原始文件没有登记（在 {corpus / 'plans.yml'} 中为它添加条目，或移走该文件）"
    )


def test_duplicate_slug(corpus: Path) -> None:
    first = mutate(corpus, "slug: dongcheng\n", "slug: dongcheng\n")
    line = mutate(corpus, "slug: haidian\n", "slug: dongcheng\n")
    assert refusal(corpus) == f"{corpus / 'plans.yml'}:{line}: slug 'dongcheng' 重复（第 {first} 行已登记）（每份规划的 slug 必须唯一）"


def test_invalid_slug(corpus: Path) -> None:
    line = mutate(corpus, "slug: haidian\n", "slug: Hai Dian\n")
    assert refusal(corpus) == f"{corpus / 'plans.yml'}:{line}: slug 'Hai Dian' 不合法（只用小写字母、数字和连字符，以字母开头）"


def test_unknown_field(corpus: Path) -> None:
    line = mutate(corpus, "raw: mentougou.txt\n", "raw: mentougou.txt\n    url: http://example.com/\n")
    assert refusal(corpus) == f"{corpus / 'plans.yml'}:{line}: 未知字段：url（允许的字段：{FIELDS}）"


def test_missing_field(corpus: Path) -> None:
    line = mutate(corpus, "    short_name: 怀柔\n", "")
    assert refusal(corpus) == f"{corpus / 'plans.yml'}:{line}: 缺少字段：short_name（每个条目都必须填写这些字段）"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("title: 东城区“十四五”时期教育事业发展规划\n", "title: 东城区规划<script>alert(1)</script>\n", "title"),
        ("issuer: 北京市海淀区人民政府\n", "issuer: <img src=x onerror=alert(1)>\n", "issuer"),
        ("short_name: 门头沟\n", "short_name: 门头沟<b>\n", "short_name"),
    ],
)
def test_markup_in_fields_that_become_page_titles(corpus: Path, old: str, new: str, field: str) -> None:
    line = mutate(corpus, old, new)
    assert refusal(corpus) == (
        f"{corpus / 'plans.yml'}:{line}: 字段 {field} 含有尖括号 < 或 >（这些字段会成为网页标题和导航，只能是纯文本；删除其中的 HTML 标记）"
    )


def test_markup_in_provenance_is_allowed() -> None:
    """huairou's provenance names the literal <p> tags of its export; the page template escapes it."""
    assert "<p>" in load_registry(REGISTRY).get("huairou").provenance


def test_raw_path_outside_corpus_raw(corpus: Path) -> None:
    line = mutate(corpus, "raw: jingkai.txt\n", "raw: ../../etc/passwd.txt\n")
    assert refusal(corpus) == (
        f"{corpus / 'plans.yml'}:{line}: raw 字段 '../../etc/passwd.txt' 不是 corpus/raw/ 中的文件名"
        "（只写文件名（如 haidian.txt），扩展名为 .txt、.html、.htm、.pdf 或 .docx）"
    )


def test_raw_with_unsupported_suffix(corpus: Path) -> None:
    line = mutate(corpus, "raw: jingkai.txt\n", "raw: jingkai.xlsx\n")
    assert refusal(corpus) == (
        f"{corpus / 'plans.yml'}:{line}: raw 字段 'jingkai.xlsx' 不是 corpus/raw/ 中的文件名"
        "（只写文件名（如 haidian.txt），扩展名为 .txt、.html、.htm、.pdf 或 .docx）"
    )


def test_date_written_as_a_yaml_date(corpus: Path) -> None:
    line = mutate(corpus, "date: 2022年1月\n", "date: 2022-01-01\n")
    assert refusal(corpus) == (
        f"{corpus / 'plans.yml'}:{line}: 字段 date 应为文本（照原文写成文字；日期、文号等可加引号，如 date: \"2021年11月\"）"
    )


def test_yaml_syntax_error(corpus: Path) -> None:
    mutate(corpus, "district: 怀柔区\n", "district: [怀柔区\n")
    message = refusal(corpus)
    assert message.startswith(f"{corpus / 'plans.yml'}:")
    assert "YAML 语法错误" in message and message.endswith("（检查缩进与冒号）")


def test_missing_registry(tmp_path: Path) -> None:
    with pytest.raises(GeneratorError) as info:
        load_registry(tmp_path / "plans.yml")
    assert str(info.value) == f"{tmp_path / 'plans.yml'}: 找不到规划登记文件（请在 corpus/plans.yml 中登记规划）"
