"""``python -m generator import``: raw plans (corpus/raw) -> docs/plans/<slug>.md.

Pipeline per plan: read_raw -> extract_tables on the raw lines (each span becomes a placeholder)
-> cleaning steps (generator.importing.clean) -> outline (generator.importing.structure) -> Markdown
(generator.importing.render). Every requested plan is converted in memory first; any refusal means nothing
is written. A page edited by hand since the last import is never overwritten without ``--force``.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator import PROJECT_ROOT
from generator.errors import GeneratorError
from generator.importing.clean import clean_plan_text, hygiene
from generator.importing.manifest import Entry, atomic_write, dump_manifest, load_manifest, sha256_text
from generator.importing.readers import READ_TABLE_MARK, RawText, ReadTable, read_raw
from generator.importing.render import escape_inline, render_plan
from generator.importing.structure import Block, Heading, Paragraph, TableSlot, build_blocks
from generator.importing.tables import TableSpan, extract_tables, render_table
from generator.registry import Plan, Registry, load_registry

log = logging.getLogger(__name__)

DEFAULT_REGISTRY = PROJECT_ROOT / "corpus" / "plans.yml"
DEFAULT_DOCS_DIR = PROJECT_ROOT / "docs" / "plans"
DEFAULT_MANIFEST = PROJECT_ROOT / "corpus" / "import-manifest.json"


@dataclass
class Converted:
    """One plan converted in memory, with what the summary line reports."""

    plan: Plan
    raw_path: Path
    raw_sha256: str
    markdown: str
    headings: int = 0
    paragraphs: int = 0
    tables: int = 0
    review_notes: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    notice: tuple[str, ...] = ()


def placeholder(index: int) -> str:
    return f"\x00TABLE{index}\x00"


def clean_cell(text: str) -> str:
    """Character hygiene and escaping for one table cell; in-cell line breaks are kept for tables.py."""
    return "\n".join(escape_inline(line) for line in hygiene(text).split("\n"))


def replace_tables(text: str, read_tables: Sequence[ReadTable] = ()) -> tuple[str, list[TableSpan]]:
    """Find the tables in the raw lines (before any cleaning) and put a placeholder line in each place.

    ``read_tables`` are those a structured reader (PDF, Word) rebuilt itself; they stand in ``text``
    as :data:`READ_TABLE_MARK` lines and are numbered in document order with the tables found here.
    """
    marks = {READ_TABLE_MARK.format(i): table for i, table in enumerate(read_tables)}
    lines = [line if line in marks else line.replace("\x00", "") for line in text.split("\n")]
    spans: list[TableSpan] = list(extract_tables(lines))
    for number, line in enumerate(lines):
        if line in marks:
            spans.append(TableSpan(number, number + 1, marks[line].caption, marks[line].table))
    spans.sort(key=lambda s: s.start)
    for index, span in reversed(list(enumerate(spans))):
        lines[span.start : span.end] = ["", placeholder(index), ""]
    return "\n".join(lines), spans


def convert_text(plan: Plan, text: str, raw_path: Path, read_tables: Sequence[ReadTable] = ()) -> Converted:
    """Convert one plan's decoded raw text (pure: no file access)."""
    text, spans = replace_tables(text, read_tables)
    cleaned = clean_plan_text(text, plan.title)
    captions = {i: hygiene_caption(span.caption) for i, span in enumerate(spans)}
    blocks = build_blocks(cleaned.body, captions)
    headings = [b for b in blocks if isinstance(b, Heading)]
    if not any(h.id.startswith("s") and h.id[1:].isdigit() and h.id != "s0" for h in headings):
        raise GeneratorError(
            raw_path,
            "没有识别出“一、”形式的章节标题，无法确定规划结构",
            "确认文件是规划正文且编码正确；章节标题应单独成行，如“一、发展基础”",
        )
    notes: list[str] = []
    rendered: dict[int, tuple[str, list[str]]] = {}
    for index, span in enumerate(spans):
        table_notes = list(span.table.review_notes)
        rendered[index] = (render_table(span.table, clean_cell), table_notes)
        notes.extend(table_notes)
    markdown = render_plan(plan, cleaned.notice, blocks, lambda i: rendered[i])
    return Converted(
        plan=plan,
        raw_path=raw_path,
        raw_sha256="",
        markdown=markdown,
        headings=len(headings),
        paragraphs=sum(isinstance(b, Paragraph) for b in blocks),
        tables=sum(isinstance(b, TableSlot) for b in blocks),
        review_notes=notes,
        blocks=blocks,
        notice=cleaned.notice,
    )


def hygiene_caption(caption: str | None) -> str | None:
    if not caption:
        return None
    return hygiene(caption.strip()) or None


def convert_raw(plan: Plan, raw: RawText, raw_path: Path) -> Converted:
    """Convert what a reader gave for one plan (pure: no file access)."""
    converted = convert_text(plan, raw.text, raw_path, raw.tables)
    converted.raw_sha256 = raw.sha256 or sha256_text(raw.text)
    return converted


def convert_plan(registry: Registry, plan: Plan) -> Converted:
    raw_path = registry.raw_path(plan)
    return convert_raw(plan, read_raw(raw_path), raw_path)


@dataclass(frozen=True)
class Outcome:
    converted: Converted
    path: Path
    status: str  # "written" | "unchanged" | "would write"


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def import_plans(
    registry: Registry,
    slugs: Sequence[str] = (),
    *,
    docs_dir: Path = DEFAULT_DOCS_DIR,
    manifest_path: Path = DEFAULT_MANIFEST,
    force: bool = False,
    dry_run: bool = False,
) -> list[Outcome]:
    """Convert the plans, check every target, then write. Any error -> nothing is written."""
    plans = [registry.get(slug) for slug in slugs] if slugs else list(registry.plans)
    converted = [convert_plan(registry, plan) for plan in plans]
    manifest = load_manifest(manifest_path)
    pending: list[tuple[Converted, Path, bool]] = []
    for item in converted:
        path = docs_dir / f"{item.plan.slug}.md"
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current is not None and current != item.markdown and not force:
            entry = manifest.get(item.plan.slug)
            if entry is None:
                raise GeneratorError(
                    path,
                    f"文件已存在，但 {_display(manifest_path)} 中没有它的导入记录，可能是手工创建的",
                    "确认可以覆盖后加 --force 重新导入",
                )
            if sha256_text(current) != entry.sha256:
                raise GeneratorError(
                    path,
                    f"文件在上次导入后被手工修改过（内容哈希与 {_display(manifest_path)} 的记录不符），拒绝覆盖",
                    "保留手工修改就不要重新导入该规划；确需按原始文本重新生成并放弃修改，加 --force",
                )
        pending.append((item, path, current == item.markdown))
    outcomes: list[Outcome] = []
    for item, path, same in pending:
        if dry_run:
            outcomes.append(Outcome(item, path, "unchanged" if same else "would write"))
            continue
        if not same:
            atomic_write(path, item.markdown)
        manifest[item.plan.slug] = Entry(file=_display(path), sha256=sha256_text(item.markdown), raw_sha256=item.raw_sha256)
        outcomes.append(Outcome(item, path, "unchanged" if same else "written"))
    if not dry_run:
        text = dump_manifest(manifest)
        if not manifest_path.exists() or manifest_path.read_text(encoding="utf-8") != text:
            atomic_write(manifest_path, text)
    return outcomes


_STATUS = {"written": "已写入", "unchanged": "无变化", "would write": "将写入（--dry-run 未写）"}


def summary_line(outcome: Outcome) -> str:
    c = outcome.converted
    return (
        f"{c.plan.slug}：{c.headings} 个标题，{c.paragraphs} 个段落，{c.tables} 个表格，"
        f"{len(c.review_notes)} 处待人工核对 -> {_display(outcome.path)}（{_STATUS[outcome.status]}）"
    )


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "把 corpus/raw/ 中登记的原始规划（.txt、.html、有文字层的 .pdf、.docx）转换为 docs/plans/<slug>.md："
        "清除网页杂质、页眉页脚页码与目录，"
        "规范字符，按编号生成带固定锚点的标题层级，重建表格。先在内存中转换全部规划，"
        "任何错误都不会写入文件；手工修改过的页面不会被覆盖（除非 --force）。"
    )
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="只导入这些规划（默认：plans.yml 中的全部）")
    parser.add_argument("--force", action="store_true", help="覆盖上次导入后被手工修改过的页面（手工修改将丢失）")
    parser.add_argument("--dry-run", action="store_true", help="只转换和检查，不写任何文件")
    parser.add_argument("--docs-dir", type=Path, default=DEFAULT_DOCS_DIR, help="输出目录（默认：docs/plans）")
    parser.add_argument("--registry", type=Path, default=DEFAULT_REGISTRY, help="规划登记文件（默认：corpus/plans.yml）")
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST, help="导入清单（默认：corpus/import-manifest.json）")


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    try:
        registry = load_registry(args.registry)
        outcomes = import_plans(
            registry,
            args.slugs,
            docs_dir=args.docs_dir,
            manifest_path=args.manifest,
            force=args.force,
            dry_run=args.dry_run,
        )
    except GeneratorError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    for outcome in outcomes:
        print(summary_line(outcome))
        for note in outcome.converted.review_notes:
            print(f"  待核对：{note}")
    log.info("import: %d plans in %.2f s", len(outcomes), time.perf_counter() - started)
    return 0
