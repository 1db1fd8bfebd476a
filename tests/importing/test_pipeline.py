"""The import command end to end on the real seeds: faithful output, outline = TOC, nothing lost,
contributor safety (refusal, --force, atomic writes) and determinism."""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.errors import GeneratorError
from generator.importing import pipeline as importer
from generator.importing.clean import hygiene
from generator.importing.clean.hanzi import to_simplified
from generator.importing.clean.toc import toc_entries
from generator.importing.manifest import load_manifest, sha256_text
from generator.importing.pipeline import convert_plan, import_plans
from generator.importing.readers import read_raw
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")
SLUGS = ("dongcheng", "haidian", "huairou", "jingkai", "mentougou")
BOILERPLATE = ("联华众创", "17319287279", "010-61256989", "关联内容", "点击上述关键字", "关键字", "微信", "版权所有", "ICP备", "返回顶部")
HEADING_RE = re.compile(r"^(#{2,6}) (.*) \{#([a-z0-9-]+)\}$")


@pytest.fixture(scope="module")
def converted():
    return {slug: convert_plan(REGISTRY, REGISTRY.get(slug)) for slug in SLUGS}


def body_of(markdown: str) -> str:
    """The page without its YAML front matter."""
    assert markdown.startswith("---\n")
    return markdown.split("\n---\n", 1)[1]


def raw(slug: str) -> str:
    return read_raw(PROJECT_ROOT / "corpus" / "raw" / f"{slug}.txt").text


# --- rule 1: chrome and notice ----------------------------------------------------------------


def test_haidian_has_no_chrome_and_keeps_the_notice_out_of_the_body(converted) -> None:
    page = converted["haidian"].markdown
    for word in BOILERPLATE:
        assert word not in page, word
    assert converted["haidian"].notice[:4] == (
        "北京市海淀区人民政府关于印发《海淀区“十四五”时期教育改革和发展规划》的通知",
        "各镇政府、街道（地区）办事处，各委、办、局，区属各单位：",
        "经区政府研究同意，现将《海淀区“十四五”时期教育改革和发展规划》印发给你们，请认真贯彻执行。",
        "特此通知。",
    )
    lines = body_of(page).split("\n")
    notice_lines = [line for line in lines if "特此通知" in line or "关于印发" in line]
    assert notice_lines and all(line.startswith("> ") for line in notice_lines)
    first_heading = next(i for i, line in enumerate(lines) if line.startswith("## "))
    assert lines[first_heading] == "## 一、发展基础及形势要求 {#s1}"


def test_huairou_cover_is_metadata(converted) -> None:
    page = converted["huairou"].markdown
    assert "notice:\n- 怀政发〔2021〕32号\n- 2021年11月\n- 北京市怀柔区人民政府\n---\n" in page
    assert [line for line in body_of(page).split("\n") if "怀政发" in line] == ["> 怀政发〔2021〕32号"]


# --- rule 2: no table of contents -------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_no_table_of_contents_survives(converted, slug: str) -> None:
    page = body_of(converted[slug].markdown)
    assert not re.search(r"\.{3,}\s*\d+\s*$|^[#*\s]*目\s*录", page, re.M)
    first = (
        "一、"
        + {
            "dongcheng": "编制背景",
            "haidian": "发展基础及形势要求",
            "huairou": "发展基础和形势要求",
            "jingkai": "规划背景",
            "mentougou": "发展基础与形势要求",
        }[slug]
    )
    assert sum(1 for line in page.split("\n") if first in line) == 1


# --- rule 3: outline equals the table of contents ----------------------------------------------

#: The one place where a plan's own table of contents and its body disagree (the body lacks 和).
SOURCE_TOC_DISCREPANCIES = {
    "huairou": {
        # TOC entry -> heading as the body gives it
        "（五）全面深化教师队伍建设和改革，着力打造高素质专业化创新型的干部队伍和教师队伍": (
            "（五）全面深化教师队伍建设改革，着力打造高素质专业化创新型的干部队伍和教师队伍"
        ),
    },
}


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", hygiene(text)).replace("\\", "")


def _kind(entry_or_id: str, is_id: bool) -> str | None:
    if is_id:
        for kind, pattern in (("h2", r"s\d+"), ("h3", r"s\d+-\d+"), ("h4", r"s\d+-\d+-\d+"), ("table", r"b\d+")):
            if re.fullmatch(pattern, entry_or_id):
                return kind
        return None
    if re.match(r"[一二三四五六七八九十]+、", entry_or_id):
        return "h2"
    if re.match(r"[（(]", entry_or_id):
        return "h3"
    if re.match(r"\d", entry_or_id):
        return "h4"
    return "table" if entry_or_id.startswith("表") else None


@pytest.mark.parametrize(("slug", "count"), [("mentougou", 40), ("huairou", 23), ("haidian", 28)])
def test_outline_equals_the_plans_table_of_contents(converted, slug: str, count: int) -> None:
    toc = [_norm(entry) for entry in toc_entries(raw(slug))]
    assert len(toc) == count
    kinds = {_kind(entry, False) for entry in toc}
    headings = []
    for line in body_of(converted[slug].markdown).split("\n"):
        if (m := HEADING_RE.match(line)) and _kind(m.group(3), True) in kinds:
            headings.append(_norm(m.group(2)))
    expected = [SOURCE_TOC_DISCREPANCIES.get(slug, {}).get(entry, entry) for entry in toc]
    assert headings == expected


# --- rule 4: explicit ids ---------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_heading_has_an_explicit_unique_id(converted, slug: str) -> None:
    lines = body_of(converted[slug].markdown).split("\n")
    headings = [line for line in lines if re.match(r"#{2,6} ", line)]
    ids = [HEADING_RE.match(line).group(3) for line in headings]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids)) == converted[slug].headings
    assert sum(1 for line in lines if line.startswith("# ")) == 1


# --- rule 6: tables ---------------------------------------------------------------------------


def tables_of(markdown: str) -> list[list[str]]:
    found: list[list[str]] = []
    current: list[str] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            found.append(current)
            current = []
    return found


def columns(row: str) -> int:
    return len(re.split(r"(?<!\\)\|", row)) - 2


EXPECTED_TABLES = {
    # slug: [(caption heading line before the table, column count, data rows)]
    "mentougou": [
        ("##### 表1 教育事业发展与人力资源开发主要指标进展 {#b1}", 5, 8),
        ("#### 表2 门头沟区“十四五”时期教育事业主要指标 {#b2}", 4, 12),
        ("#### 表3 门头沟区“十四五”时期重点项目 {#b3}", 3, 12),
    ],
    "huairou": [
        ("#### 专栏：教育事业发展主要指标 {#s2-3-zl1}", 4, 16),
        ("## 附件1 “十四五”时期基础教育领域教育设施专项规划一览表 {#fj1}", 9, 17),
        ("## 附件2 怀柔区“十四五”时期重点项目一览表 {#fj2}", 3, 15),
    ],
    "jingkai": [("#### 专栏：经开区教育事业发展主要指标 {#s2-2-zl1}", 4, 17), ("## 附件1：“十四五”时期重点项目、工程一览表 {#fj1}", 3, 13)],
    "haidian": [
        ("### 表1 海淀教育发展“十四五”规划主要指标 {#b1}", 4, 12),
        ("## 附件：1.“十四五”时期海淀教育10大工程 {#fj1}", 2, 10),
        ("## 附件2 “十四五”时期海淀教育重点项目（24项） {#fj2}", 2, 24),
    ],
    "dongcheng": [],
}


@pytest.mark.parametrize("slug", SLUGS)
def test_tables_have_a_header_the_right_width_and_their_caption_attached(converted, slug: str) -> None:
    page = converted[slug].markdown
    tables = tables_of(page)
    assert len(tables) == len(EXPECTED_TABLES[slug]) == converted[slug].tables
    lines = page.split("\n")
    for table, (caption, width, rows) in zip(tables, EXPECTED_TABLES[slug], strict=True):
        assert {columns(row) for row in table} == {width}
        assert re.fullmatch(r"\| --- (\| --- )*\|", table[1])
        assert len(table) - 2 == rows
        start = lines.index(table[0])
        before = [line for line in lines[:start] if line.strip() and not line.startswith("<!-- review:")]
        assert before[-1] == caption


def test_literal_p_tags_in_huairou_appendix_2_are_gone(converted) -> None:
    assert raw("huairou").count("<p>") > 5
    page = body_of(converted["huairou"].markdown)
    assert "<p>" not in page and "&lt;p&gt;" not in page and "</p>" not in page


def test_review_comments_match_the_summary(converted) -> None:
    for slug in SLUGS:
        comments = re.findall(r"^<!-- review: (.*) -->$", converted[slug].markdown, re.M)
        assert comments == converted[slug].review_notes
    assert len(converted["huairou"].review_notes) > 0  # the broken 附件1 facility table


# --- rule 7: character hygiene in the output ---------------------------------------------------


def test_character_hygiene_in_the_pages(converted) -> None:
    for slug in SLUGS:
        page = converted[slug].markdown
        assert not re.search("[學導體\u00a0\u3000]", page), slug
        assert not re.search(r"[\u4e00-\u9fff][,:;?!][\u4e00-\u9fff]", page), slug
        assert not re.search(r"\d (?:年|所|个|人|%)", body_of(page).split("<!-- review")[0]), slug
    assert "督导体制机制" in converted["huairou"].markdown
    assert "中小学生" in converted["mentougou"].markdown


# --- rule 8: nothing lost ---------------------------------------------------------------------

_KEEP = re.compile(r"[^\u3007\u4e00-\u9fff0-9A-Za-z%]")
#: where the plan starts and ends inside a scraped page (the rest is the site's chrome)
BODY_BOUNDS = {"haidian": ("海淀区“十四五”时期教育改革和发展规划", "关联内容")}


def _letters(text: str) -> str:
    """Compare on characters only: whitespace, punctuation width, escapes and markup drop out."""
    return _KEEP.sub("", to_simplified(text))


def raw_sentences(slug: str) -> list[str]:
    lines = raw(slug).split("\n")
    if slug in BODY_BOUNDS:
        first, stop = BODY_BOUNDS[slug]
        start = next(i for i, line in enumerate(lines) if line.strip() == first)
        lines = lines[start : next(i for i, line in enumerate(lines) if line.strip() == stop)]
    sentences = []
    for line in lines:
        if re.search(r"\.{3,}\s*\d+\s*$", line) or re.fullmatch(r"[#\s]*目\s*录\s*", line):
            continue  # table-of-contents lines: the site draws its own
        line = re.sub(r"</?p>", "", line)
        sentences += [s for s in re.split(r"[。！？；\t]", line) if _letters(s)]
    return sentences


@pytest.mark.parametrize("slug", SLUGS)
def test_every_sentence_of_the_raw_plan_is_in_the_page(converted, slug: str) -> None:
    page = _letters(html.unescape(body_of(converted[slug].markdown).replace("\\", "")))
    sentences = raw_sentences(slug)
    assert len(sentences) > 300
    missing = [s for s in sentences if _letters(re.sub(r"^\s*一一", "", s)) not in page]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_no_boilerplate_in_any_page(converted, slug: str) -> None:
    for word in BOILERPLATE:
        assert word not in converted[slug].markdown


# --- contributor safety -----------------------------------------------------------------------


@pytest.fixture()
def workspace(tmp_path: Path):
    """A copy of the corpus and an empty docs dir, so tests never touch the project's files."""
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus" / "raw", corpus / "raw")
    shutil.copy(PROJECT_ROOT / "corpus" / "plans.yml", corpus / "plans.yml")
    return load_registry(corpus / "plans.yml"), tmp_path / "docs" / "plans", corpus / "import-manifest.json"


def test_import_writes_pages_and_the_manifest(workspace) -> None:
    registry, docs, manifest = workspace
    outcomes = import_plans(registry, docs_dir=docs, manifest_path=manifest)
    assert [o.status for o in outcomes] == ["written"] * 5
    entries = load_manifest(manifest)
    assert sorted(entries) == sorted(SLUGS)
    for slug in SLUGS:
        assert entries[slug].sha256 == sha256_text((docs / f"{slug}.md").read_text(encoding="utf-8"))
    again = import_plans(registry, docs_dir=docs, manifest_path=manifest)
    assert [o.status for o in again] == ["unchanged"] * 5


def test_same_input_gives_byte_identical_output(workspace, tmp_path: Path) -> None:
    registry, docs, manifest = workspace
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    first = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    shutil.rmtree(docs)
    manifest.unlink()
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    second = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    assert first == second


def test_committed_pages_are_what_import_produces(converted) -> None:
    """docs/plans/*.md and the manifest in the repository are the importer's output for the seeds
    (or were edited by hand since, which the manifest hash then records)."""
    entries = load_manifest(PROJECT_ROOT / "corpus" / "import-manifest.json")
    for slug in SLUGS:
        page = (PROJECT_ROOT / "docs" / "plans" / f"{slug}.md").read_text(encoding="utf-8")
        assert entries[slug].sha256 == sha256_text(page)
        assert entries[slug].raw_sha256 == sha256_text(raw(slug))


def test_hand_edited_page_is_not_overwritten(workspace) -> None:
    registry, docs, manifest = workspace
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    page = docs / "huairou.md"
    edited = page.read_text(encoding="utf-8").replace("## 四、保障措施 {#s4}", "## 四、保障措施（校订） {#s4}")
    page.write_text(edited, encoding="utf-8")
    before = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    with pytest.raises(GeneratorError) as caught:
        import_plans(registry, docs_dir=docs, manifest_path=manifest)
    assert Path(caught.value.path) == page
    assert "手工修改" in str(caught.value) and "--force" in str(caught.value)
    after = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    assert after == before  # no other plan was written either
    # importing only the other plans is fine
    assert [o.status for o in import_plans(registry, ["haidian"], docs_dir=docs, manifest_path=manifest)] == ["unchanged"]


def test_force_overwrites_a_hand_edited_page(workspace) -> None:
    registry, docs, manifest = workspace
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    page = docs / "huairou.md"
    original = page.read_text(encoding="utf-8")
    page.write_text(original + "\n手工补充。\n", encoding="utf-8")
    outcomes = import_plans(registry, ["huairou"], docs_dir=docs, manifest_path=manifest, force=True)
    assert [o.status for o in outcomes] == ["written"]
    assert page.read_text(encoding="utf-8") == original


def test_a_page_that_import_never_wrote_is_not_overwritten(workspace) -> None:
    registry, docs, manifest = workspace
    docs.mkdir(parents=True)
    (docs / "jingkai.md").write_text("# 手写页面\n", encoding="utf-8")
    with pytest.raises(GeneratorError, match="没有它的导入记录"):
        import_plans(registry, docs_dir=docs, manifest_path=manifest)
    assert (docs / "jingkai.md").read_text(encoding="utf-8") == "# 手写页面\n"
    assert not manifest.exists()


def test_text_without_plan_structure_is_refused_and_nothing_is_written(workspace) -> None:
    registry, docs, manifest = workspace
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    before = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    # the mentougou file replaced by a text with paragraphs only (an export that lost its headings)
    raw_file = registry.raw_path(registry.get("mentougou"))
    raw_file.write_text("这是一段说明文字。\n\n这是另一段，没有任何编号标题。\n", encoding="utf-8")
    with pytest.raises(GeneratorError) as caught:
        import_plans(registry, docs_dir=docs, manifest_path=manifest, force=True)
    assert Path(caught.value.path) == raw_file
    assert "一、" in caught.value.message
    after = {p.name: p.read_bytes() for p in docs.iterdir()} | {"manifest": manifest.read_bytes()}
    assert after == before


def test_a_failing_write_leaves_the_previous_file_intact(workspace, monkeypatch) -> None:
    registry, docs, manifest = workspace
    import_plans(registry, docs_dir=docs, manifest_path=manifest)
    page = docs / "dongcheng.md"
    page_before, manifest_before = page.read_bytes(), manifest.read_bytes()
    raw_file = registry.raw_path(registry.get("dongcheng"))
    raw_file.write_text(raw_file.read_text(encoding="utf-8").replace("一、编制背景", "一、编制背景与依据"), encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        import_plans(registry, ["dongcheng"], docs_dir=docs, manifest_path=manifest)
    assert page.read_bytes() == page_before
    assert manifest.read_bytes() == manifest_before
    assert sorted(p.name for p in docs.iterdir()) == sorted(f"{s}.md" for s in SLUGS)  # no temp file left


# --- command line -----------------------------------------------------------------------------


def run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    importer.add_arguments(parser)
    return importer.run(parser.parse_args(argv))


def test_cli_prints_one_summary_line_per_plan(workspace, capsys) -> None:
    registry, docs, manifest = workspace
    args = ["--registry", str(registry.path), "--docs-dir", str(docs), "--manifest", str(manifest)]
    assert run_cli(args) == 0
    out = capsys.readouterr().out.splitlines()
    summaries = [line for line in out if not line.startswith("  ")]
    assert [line.split("：")[0] for line in summaries] == list(SLUGS)
    assert summaries[2].startswith("huairou：65 个标题，")
    assert "个段落，3 个表格，" in summaries[2] and "处待人工核对" in summaries[2] and summaries[2].endswith("（已写入）")
    assert all(line.startswith("  待核对：") for line in out if line.startswith("  "))
    # a refused import exits 2 and names the file
    (docs / "haidian.md").write_text("改过了\n", encoding="utf-8")
    assert run_cli([*args, "haidian"]) == 2
    assert "haidian.md" in capsys.readouterr().err


def test_help_describes_the_command() -> None:
    parser = argparse.ArgumentParser(prog="import")
    importer.add_arguments(parser)
    text = parser.format_help()
    for option in ("--force", "--dry-run", "--docs-dir", "--registry", "--manifest", "SLUG"):
        assert option in text
