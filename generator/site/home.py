"""Pieces of the home page that come from data: the plans table and the topics × districts heatmap.

Pure ``data -> str`` functions. The MkDocs plugin substitutes their output for the marker lines
``<!-- plans-table -->`` and ``<!-- coverage-matrix -->`` in ``docs/index.md``; keeping them here
(not in the plugin) lets them be tested without MkDocs and keeps the Markdown page hand-editable.

Links are written as relative ``.md`` links in Markdown syntax so that MkDocs rewrites them to
page URLs and ``mkdocs build --strict`` validates them. The heatmap is HTML (a table) because a
pipe table cannot carry a class per cell; its cells use ``markdown="span"`` (md_in_html) so the
links inside are still Markdown links that MkDocs sees.
"""

from __future__ import annotations

import html
import logging
import math
import re
from collections.abc import Mapping, Sequence

from generator.registry import Plan, Registry

log = logging.getLogger(__name__)

#: Shown where the registry states nothing (the raw text gives no issuer, number or date).
MISSING = "—"
#: Appended to a title the editors wrote because the raw text has none.
SUPPLIED_MARK = "（标题为编者所加）"
#: Number of colour steps in the heatmap besides "no passage" (CSS classes cov-1 … cov-4).
LEVELS = 4

#: Anchor of the districts × sub-topics table at the top of every theme page (generator.crossref):
#: a heatmap cell lands on the row of its district there.
THEME_MATRIX_ANCHOR = "matrix"

PLANS_TABLE_MARKER = "<!-- plans-table -->"
COVERAGE_MATRIX_MARKER = "<!-- coverage-matrix -->"

# Characters that would start Markdown syntax (links, emphasis, code, attr_list, tables) in a cell.
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}|#!])")


def escape_md(text: str) -> str:
    """Registry text as literal Markdown inline text: HTML escaped, Markdown syntax backslashed.

    Registry values are contributor input; a ``<script>`` or ``[x](javascript:…)`` in them must
    end up as visible text, never as markup.
    """
    return _MD_SPECIAL_RE.sub(r"\\\1", html.escape(text, quote=False))


def _cell(value: str | None) -> str:
    return escape_md(value) if value else MISSING


def plan_title_cell(plan: Plan) -> str:
    """The plan's title linked to its page, marked when the editors supplied it."""
    link = f"[{escape_md(plan.title)}](plans/{plan.slug}.md)"
    return link + SUPPLIED_MARK if plan.title_supplied else link


def render_plans_table(registry: Registry) -> str:
    """Markdown table of every registered plan, in registry order."""
    rows = [
        "| 区 | 规划 | 印发机关 | 文号 | 日期 |",
        "|---|---|---|---|---|",
    ]
    for plan in registry.plans:
        cells = [
            escape_md(plan.district),
            plan_title_cell(plan),
            _cell(plan.issuer),
            _cell(plan.doc_number),
            _cell(plan.date),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


#: up to this many cells (topics × districts) the heatmap's cells carry a tooltip (19 topics × 21 districts)
TOOLTIP_CELLS = 400


def coverage_level(count: int, maximum: int) -> int:
    """Colour step 0‥LEVELS for a cell: 0 only for no passage, LEVELS for the largest count.

    Scaled on the largest cell of the whole matrix so colours compare across themes.
    """
    if count <= 0 or maximum <= 0:
        return 0
    return max(1, min(LEVELS, math.ceil(LEVELS * count / maximum)))


#: one group of topics for the heatmap: (group title, [(topic slug, topic title), …])
TopicGroup = tuple[str, Sequence[tuple[str, str]]]


def render_coverage_matrix(
    coverage: Mapping[str, Mapping[str, int]],
    registry: Registry,
    groups: Sequence[TopicGroup],
) -> str:
    """Topics × districts heatmap as an HTML table; each number links to the topic page's matrix.

    Topics are the rows, grouped under a header row per group, and districts the columns: with
    nineteen topics and a handful of districts this is the shape that fits a phone (390 px), and a
    new topic file adds a row, not a column. ``coverage[topic][plan]`` is the number of passages
    the topic page cites from that plan; a missing entry counts as 0. Numbers stay visible text
    (not only colour) so the matrix is readable by screen readers and in print.
    """
    topics = [topic for _, members in groups for topic in members]
    counts = {(t, p.slug): int(coverage.get(t, {}).get(p.slug, 0)) for t, _ in topics for p in registry.plans}
    # each cell's tooltip repeats its row and column headers (which assistive technology reads out
    # anyway); with many districts the tooltips alone would push the home page past the page cap
    tooltips = len(counts) <= TOOLTIP_CELLS
    maximum = max(counts.values(), default=0)
    columns = len(registry.plans) + 1
    lines = [
        '<div class="coverage-matrix" markdown="1">',
        '<table class="coverage" aria-label="各专题从各区规划中引用的段落数" markdown="1">',
        '<thead markdown="1">',
        '<tr markdown="1">',
        '<th scope="col">专题</th>',
    ]
    for plan in registry.plans:
        lines.append(f'<th scope="col" markdown="span">[{escape_md(plan.short_name)}](plans/{plan.slug}.md)</th>')
    lines += ["</tr>", "</thead>"]
    for group_title, members in groups:
        header = f'<tr class="coverage-group"><th scope="colgroup" colspan="{columns}">{html.escape(group_title)}</th></tr>'
        lines += ['<tbody markdown="1">', header]
        for slug, title in members:
            lines.append('<tr markdown="1">')
            lines.append(f'<th scope="row" markdown="span">[{escape_md(title)}](themes/{slug}.md)</th>')
            for plan in registry.plans:
                count = counts[(slug, plan.slug)]
                level = coverage_level(count, maximum)
                label = f' "{html.escape(f"{plan.district} · {title}：{count} 段", quote=True)}"' if tooltips else ""
                lines.append(f'<td class="cov cov-{level}" markdown="span">[{count}](themes/{slug}.md#{THEME_MATRIX_ANCHOR}{label})</td>')
            lines.append("</tr>")
        lines.append("</tbody>")
    lines += ["</table>", "</div>"]
    legend = " ".join(f'<span class="cov cov-{i}">{_legend_label(i, maximum)}</span>' for i in range(LEVELS + 1))
    lines.append(f'<p class="coverage-legend">图例（段落数）：{legend}</p>')
    return "\n".join(lines) + "\n"


def _legend_label(level: int, maximum: int) -> str:
    """Range of counts that one colour step stands for, e.g. ``7–12``."""
    if level == 0:
        return "0"
    if maximum <= 0:
        return MISSING
    low = math.floor(maximum * (level - 1) / LEVELS) + 1
    high = math.floor(maximum * level / LEVELS)
    if high < low:
        return MISSING
    return str(low) if low == high else f"{low}–{high}"


def replace_markers(markdown: str, plans_table: str, coverage_matrix: str) -> str:
    """Put the rendered pieces in place of their marker lines (each marker on a line of its own)."""
    out = []
    for line in markdown.splitlines(keepends=True):
        stripped = line.strip()
        if stripped == PLANS_TABLE_MARKER:
            out.append(plans_table)
        elif stripped == COVERAGE_MATRIX_MARKER:
            out.append(coverage_matrix)
        else:
            out.append(line)
    return "".join(out)
