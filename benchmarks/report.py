"""Tables printed to the terminal and written as Markdown into the site's 性能 page.

The page keeps any hand-written text outside the generated block (between BEGIN and END
markers), so analysis written by people survives a refresh of the numbers.
"""

from __future__ import annotations

import html
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

BEGIN = "<!-- benchmarks:begin（以下由 python benchmarks/run.py 生成，请勿手改） -->"
END = "<!-- benchmarks:end -->"

PAGE_HEAD = """---
title: 性能
---

# 性能与规模

本页记录站点构建的耗时、页面体积与规模化表现，数字由 `python benchmarks/run.py` 测量并写入。
测量方法见页末；每次重新运行脚本都会刷新下面标记之间的内容，标记之外的文字保持不变。

"""


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list[str]] = field(default_factory=list)
    note: str = ""

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])


def width(text: str) -> int:
    """Terminal columns: CJK and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, cols: int) -> str:
    return text + " " * (cols - width(text))


def render_text(table: Table) -> str:
    cols = [max(width(r[i]) for r in [table.headers, *table.rows]) for i in range(len(table.headers))]
    line = "  ".join("-" * c for c in cols)
    out = [f"== {table.title} ==", "  ".join(pad(h, c) for h, c in zip(table.headers, cols, strict=True)), line]
    out += ["  ".join(pad(cell, c) for cell, c in zip(row, cols, strict=True)) for row in table.rows]
    if table.note:
        out.append(table.note)
    return "\n".join(out)


def _md_cell(text: str) -> str:
    """Escape what Markdown would read as markup: pipes, and <...> (function names like <genexpr>)."""
    return html.escape(text, quote=False).replace("|", "\\|")


def render_markdown(table: Table) -> str:
    out = [f"## {table.title}", ""]
    out.append("| " + " | ".join(_md_cell(h) for h in table.headers) + " |")
    out.append("|" + "|".join("---" for _ in table.headers) + "|")
    out += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    if table.note:
        out += ["", table.note]
    return "\n".join(out)


def write_page(path: Path, tables: list[Table], preamble: str, footer: str) -> None:
    """Write (or refresh) the page: generated block between markers, everything else kept."""
    block = "\n\n".join([BEGIN, preamble, *(render_markdown(t) for t in tables), footer, END]) + "\n"
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        text = head + block + (("\n" + tail) if tail else "")
    else:
        text = PAGE_HEAD + block
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def seconds(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.2f}"


def mib(value: float) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.0f}"


def size(n: int | float) -> str:
    """Human bytes with binary units, as browsers' dev tools show them."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return "—"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def verdict(ok: bool | None) -> str:
    return "—" if ok is None else ("达标" if ok else "未达标")
