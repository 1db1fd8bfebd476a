"""Theme pages (Markdown) and the cross-reference export (JSON, CSV), from a :class:`CrossReference`.

Pure ``data -> str``: no file is read or written here, so the MkDocs plugin can hand the strings
to ``File.generated`` and ``python -m generator build`` can write them to a directory.

Every passage text is contributor-controlled input; it is HTML-escaped and Markdown-escaped
before it goes into a page, so ``<script>``, ``[x](javascript:…)`` or ``{#id}`` in a plan stay
visible text. Links are relative ``.md`` links so MkDocs rewrites and validates them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import jinja2

from generator.crossref import indicators as ind
from generator.crossref import layout as lay
from generator.crossref.align import align
from generator.crossref.build import Citation, CrossReference, ThemeResult
from generator.crossref.layout import Part, ThemeLayout
from generator.crossref.links import Linker
from generator.crossref.passages import CHIPS_SHOWN, Chip, Passage, Section, path_label
from generator.registry import Plan

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
THEMES_DIR = "themes"
DATA_DIR = "data"
JSON_NAME = "crossref.json"
CSV_NAME = "crossref.csv"
#: the district-pair overview: compare/index.md (URL compare/)
PAIRS_PAGE = "compare/index.md"
#: what an empty compare cell says: the district's plan cites nothing in this sub-topic
NOT_COVERED = "本区规划未涉及"
#: of the JSON export; 2 added the topic groups and each topic's group and scope (docs/about/data.md)
FORMAT_VERSION = 2
#: passages longer than this are shown as an excerpt of their on-theme sentences
EXCERPT_LIMIT = 240
DASH = "—"
_MD_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}|#!])")
_SENTENCE_RE = re.compile(r"[^。；;！？!?]+[。；;！？!?]?")


def md_escape(text: str) -> str:
    """Literal inline Markdown: HTML escaped, Markdown syntax characters backslashed."""
    return _MD_SPECIAL_RE.sub(r"\\\1", html.escape(text, quote=False))


def link_title(text: str) -> str:
    """Text for a Markdown link title in double quotes."""
    return html.escape(text.replace('"', "”"), quote=False)


def section_label(passage: Passage) -> str:
    return passage.section_label if passage.path else "正文开头"


def paragraph_number(passage: Passage) -> str:
    """``第 2 段`` (``第 2 行`` for a table row): the n of the passage id."""
    n = passage.id.rsplit("-p", 1)[-1]
    return f"第 {n} 行" if passage.kind == "tr" else f"第 {n} 段"


# -- view model for the templates -----------------------------------------------------------------
#
# The entries of a topic page and the whole table of a compare view are raw HTML blocks (see
# generator.crossref.links for why): their text is HTML-escaped only (raw HTML is not Markdown, so
# ``md_escape``'s backslashes would show) and their links come from a :class:`Linker` for the page.
# Headings, the matrix and the other small tables stay Markdown, so MkDocs still builds the table
# of contents and validates those links.


def html_text(text: str) -> str:
    """Literal text inside a raw HTML block."""
    return html.escape(text, quote=False)


def html_attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class Entry:
    anchor: str
    plan: str
    link: str
    label: str
    number: str
    body: str
    #: (href, label, score): the most similar passages of other districts
    similar: tuple[tuple[str, str, float], ...]
    #: a run of record rows shown as one entry (see :func:`record_runs`); each keeps its own anchor
    rows: tuple[Entry, ...] = ()
    #: the passage's topic chips, strongest first, as HTML (compare view only)
    chips: str = ""


#: a table row whose cells are all this short is a record (a facility, a date, a number), not prose
RECORD_CELL_MAX = 40


def is_record_row(passage: Passage) -> bool:
    return passage.kind == "tr" and all(len(c) <= RECORD_CELL_MAX for c in passage.cells)


def record_runs(citations: Sequence[Citation]) -> list[list[Citation]]:
    """Citations in plan order, with adjacent record rows of one table merged into one run.

    A facility list (怀柔 附件1: one kindergarten per row, eight rows) would otherwise fill a sub-topic
    with near-identical entries; shown as one entry with its rows listed, it reads as what it is.
    Rows with a prose cell (a project's description) stay entries of their own. Every row is still
    counted as a cited passage and keeps its anchor, so chips and links land on it.
    """
    runs: list[list[Citation]] = []
    for c in citations:
        previous = runs[-1][-1].passage if runs else None
        if (
            previous is not None
            and is_record_row(c.passage)
            and is_record_row(previous)
            and previous.section_id == c.passage.section_id
            and c.passage.order == previous.order + 1
        ):
            runs[-1].append(c)
        else:
            runs.append([c])
    return runs


def row_range(passages: Sequence[Passage]) -> str:
    """``第 5–12 行（8 行）`` for a run of table rows."""
    first, last = (p.id.rsplit("-p", 1)[-1] for p in (passages[0], passages[-1]))
    return f"第 {first}–{last} 行（{len(passages)} 行）"


def plan_page(plan: str) -> str:
    """docs-relative path of a plan page."""
    return f"plans/{plan}.md"


def _plan_link(plan: str, anchor: str, up: str = "..") -> str:
    """Markdown link from a generated page to a plan passage; ``up`` leads from the page's folder to
    docs/ (``..`` for themes/x.md, ``../..`` for themes/x/compare.md)."""
    return f"{up}/plans/{plan}.md#{anchor}"


def _section_path_label(xref: CrossReference, plan: str, section: Section) -> str:
    """``四（四）学前教育…``: the numbering path of a heading, from the first passage under it."""
    labels = xref.section_labels.get(plan)
    if labels is None:
        labels = xref.section_labels[plan] = {}
        for passage in xref.passages[plan]:
            for depth, outer in enumerate(passage.path):
                if outer.id not in labels:
                    labels[outer.id] = path_label(passage.path[: depth + 1])
    return labels.get(section.id, section.label)


def _hits(result: ThemeResult, citation: Citation) -> list:
    """The topic's vocabulary hits in a passage, computed once per build for both pages that show it."""
    key = (citation.plan.slug, citation.passage.id)
    hits = result.hits_cache.get(key)
    if hits is None:
        hits = result.hits_cache[key] = [h for h in result.matcher.hits(citation.passage.text) if not h.listed]
    return hits


def _spans(citation: Citation, result: ThemeResult) -> list[tuple[int, int]]:
    """Where the passage uses the topic's vocabulary (not merely listed): the <mark>ed terms."""
    return [(h.start, h.end) for h in _hits(result, citation)]


def highlight(text: str, spans: Sequence[tuple[int, int]], escape: Callable[[str], str] = md_escape) -> str:
    """Escape ``text`` and wrap each (start, end) span in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def excerpt(citation: Citation, result: ThemeResult, limit: int = EXCERPT_LIMIT, escape: Callable[[str], str] = md_escape) -> str:
    """The passage, or its sentences that carry the theme's terms, with ``……`` where text is left out.

    Faithful: every kept piece is an exact substring, in order; the lead sentence is always kept.
    """
    text = citation.passage.text
    hits = _hits(result, citation)
    spans = [(h.start, h.end) for h in hits]
    if len(text) <= limit:
        return highlight(text, spans, escape)
    sentences = [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text)]
    weight = {s: sum(h.weight for h in hits if s[0] <= h.start < s[1]) for s in sentences}
    chosen = {sentences[0]}
    used = sentences[0][1] - sentences[0][0]
    for sentence in sorted(sentences[1:], key=lambda s: (-weight[s], s[0])):
        if weight[sentence] <= 0 or used + (sentence[1] - sentence[0]) > limit:
            continue
        chosen.add(sentence)
        used += sentence[1] - sentence[0]
    parts: list[str] = []
    previous_end = 0
    for start, end in sorted(chosen):
        if start > previous_end:
            parts.append("……")
        parts.append(highlight(text[start:end], [(s - start, e - start) for s, e in spans if start <= s and e <= end], escape))
        previous_end = end
    if previous_end < len(text):
        parts.append("……")
    return "".join(parts)


def _entry(c: Citation, result: ThemeResult, linker: Linker, layout: ThemeLayout, full: bool = False) -> Entry:
    """A citation as the templates show it; ``full`` gives the whole text (compare view) instead of
    the excerpt of its on-topic sentences (topic page). Similar passages link to their entries on the
    topic page (or the part of it that holds their district)."""
    similar = () if full else tuple(
        (
            linker.to(layout.topic_page_of(s.citation.plan.slug), s.citation.entry_id),
            html_text(f"{s.citation.plan.short_name} · {section_label(s.citation.passage)} {paragraph_number(s.citation.passage)}"),
            s.score,
        )
        for s in result.similar.get(c.entry_id, [])
    )
    return Entry(
        anchor=c.entry_id,
        plan=c.plan.slug,
        link=linker.to(plan_page(c.plan.slug), c.passage.id),
        label=html_text(section_label(c.passage)),
        number=paragraph_number(c.passage),
        body=result.memo(
            "full" if full else "excerpt",
            c.passage.text,
            lambda: highlight(c.passage.text, _spans(c, result), html_text) if full else excerpt(c, result, escape=html_text),
        ),
        similar=() if full else similar,
    )


def _run_entry(run: Sequence[Citation], result: ThemeResult, linker: Linker, layout: ThemeLayout, full: bool = False) -> Entry:
    """One entry for a run of citations (a single passage, or adjacent record rows shown together)."""
    single = [_entry(c, result, linker, layout, full) for c in run]
    if len(run) == 1:
        return single[0]
    first = run[0].passage
    return Entry(
        anchor=f"{run[0].entry_id}-rows",
        plan=run[0].plan.slug,
        link=linker.to(plan_page(run[0].plan.slug), first.id),
        label=html_text(section_label(first)),
        number=row_range([c.passage for c in run]),
        body="",
        similar=(),
        rows=tuple(single),
    )


def _indicator_value(row: ind.IndicatorRow) -> str:
    return f"{row.value_2020 or DASH} → {row.value_2025 or DASH}"


def theme_context(xref: CrossReference, result: ThemeResult, layout: ThemeLayout | None = None, part: Part | None = None) -> dict:
    """The topic page (``part`` None: the whole page, or the overview of a split page) or one part."""
    theme = result.theme
    layout = layout or ThemeLayout.single(theme.slug, xref.plans)
    page = part.src_uri if part is not None else layout.topic_overview
    linker = Linker(page, layout.directory_urls)
    # the plans whose entries this page shows
    plans = list(part.plans) if part is not None else ([] if layout.topic_split else xref.plans)
    shown = {p.slug for p in plans}
    #: the matrix, main sections and indicators of every district are on the page itself or its overview
    overview = part is None
    subtopics = result.subtopics()
    entries: dict[tuple[str, str], list[Entry | None]] = {}
    for slug, _ in subtopics:
        for plan in xref.plans:
            runs = record_runs(result.grouped(slug, plan.slug)) if plan.slug in shown or overview else []
            if plan.slug in shown:
                entries[(slug, plan.slug)] = [_run_entry(run, result, linker, layout) for run in runs]
            elif overview:  # counted in the matrix only
                entries[(slug, plan.slug)] = [None] * len(runs)
    main_rows = []
    for plan in xref.plans if overview else ():
        main = result.main_sections.get(plan.slug)
        if main is None:
            main_rows.append((plan, None, 0, ()))
            continue
        others = tuple(
            (md_escape(_section_path_label(xref, plan.slug, s)), _plan_link(plan.slug, s.id, layout.up(page)), n) for s, n in main.others
        )
        main_rows.append(
            (
                plan,
                (md_escape(_section_path_label(xref, plan.slug, main.section)), _plan_link(plan.slug, main.section.id, layout.up(page))),
                main.count,
                others,
            )
        )
    indicator_rows = []
    for indicator, by_plan in result.indicators if overview else ():
        cells = []
        for plan in xref.plans:
            row = by_plan.get(plan.slug)
            if row is None:
                cells.append(None)
            else:
                link = _plan_link(plan.slug, row.passage_id, layout.up(page))
                cells.append((md_escape(_indicator_value(row)), link, link_title(row.name)))
        indicator_rows.append((md_escape(indicator.name), cells))
    up = layout.up(page)
    return {
        "theme": theme,
        "title": md_escape(theme.title),
        "description": md_escape(theme.description),
        "scope": md_escape(theme.scope),
        "group": md_escape(_group_title(xref, theme.group)),
        "all_plans": xref.plans,
        "plans": plans,
        "part": part,
        "layout": layout,
        "overview": layout.md_link(page, layout.topic_overview),
        "compare": layout.md_link(page, layout.compare_overview),
        "part_links": [(layout.md_link(page, p.src_uri), p) for p in layout.topic_parts] if layout.topic_split else [],
        "matrix_link": lambda sub, plan: _md_anchor_link(page, layout.topic_page_of(plan), f"{sub}-{plan}"),
        "sub_link": lambda sub: _md_anchor_link(page, layout.topic_parts[0].src_uri, sub),
        "anchor_map": _anchor_map(layout, page, layout.topic_parts) if layout.topic_split and part is None else "",
        "up": up,
        "subtopics": [(slug, md_escape(title)) for slug, title in subtopics],
        "entries": entries,
        "total": {p.slug: result.count(p.slug) for p in xref.plans},
        "main_rows": main_rows,
        "indicator_rows": indicator_rows,
        "dash": DASH,
        "data_json": f"{up}/{DATA_DIR}/{JSON_NAME}",
        "data_csv": f"{up}/{DATA_DIR}/{CSV_NAME}",
        "about": f"{up}/about/data.md",
        "index": layout.md_link(page, f"{THEMES_DIR}/index.md"),
    }


def _md_anchor_link(page: str, target: str, anchor: str) -> str:
    """Markdown link target for ``#anchor`` on ``target``: just the anchor on the page itself."""
    return f"#{anchor}" if target == page else f"{ThemeLayout.md_link(page, target)}#{anchor}"


def _anchor_map(layout: ThemeLayout, page: str, parts: Sequence[Part]) -> str:
    """The overview's map for old links: district -> the part holding its entries (page-relative URL).

    Small on purpose (one item per district, not per entry): every anchor the old single page had
    names its district — ``<plan>-<passage>`` for an entry, ``<subtopic>-<plan>`` for a district
    under a sub-topic — so topics.js finds the part from the anchor alone; a sub-topic anchor
    (``#supply``) goes to the first part.
    """
    linker = Linker(page, layout.directory_urls)
    data = {
        "parts": {plan.slug: linker.to(part.src_uri) for part in parts for plan in part.plans},
        "first": linker.to(parts[0].src_uri),
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" class="xref-anchor-map">{text}</script>'


@dataclass(frozen=True)
class CompareLine:
    """One line of a compare row: per plan (registry order) its entry, or None."""

    aligned: bool
    cells: tuple[tuple[str, Entry | None], ...]


@dataclass(frozen=True)
class CompareRow:
    slug: str
    title: str
    lines: tuple[CompareLine, ...]
    #: plans with at least one passage in this sub-topic
    covered: frozenset[str]


def chips_html(chips: Sequence[Chip], linker: Linker) -> str:
    """Topic chips as on plan pages (passages.PassageTreeprocessor), the ones after the first
    CHIPS_SHOWN folded behind “+N”. A chip's first item is the topic page's path under themes/
    (``preschool``, or ``preschool/part-2`` for a part of a split page)."""
    if not chips:
        return ""
    links = []
    for index, (stem, title, entry) in enumerate(chips):
        classes = "theme-chip theme-chip--extra" if index >= CHIPS_SHOWN else "theme-chip"
        links.append(f'<a class="{classes}" href="{html_attr(linker.to(f"{THEMES_DIR}/{stem}.md", entry))}">{html_text(title)}</a>')
    more = ""
    if len(chips) > CHIPS_SHOWN:
        n = len(chips) - CHIPS_SHOWN
        more = f'<button type="button" class="theme-chips-more" aria-expanded="false" title="显示其余 {n} 个专题">+{n}</button>'
    return f' <span class="theme-chips">{"".join(links)}{more}</span>'


def _with_chips(entry: Entry, run: Sequence[Citation], chips: Mapping[str, Mapping[str, Sequence[Chip]]], linker: Linker) -> Entry:
    """The entry (or each row of a run) with the chips of its passage."""
    if entry.rows:
        rows = tuple(
            replace(r, chips=chips_html(chips.get(c.plan.slug, {}).get(c.passage.id, []), linker))
            for r, c in zip(entry.rows, run, strict=True)
        )
        return replace(entry, rows=rows)
    c = run[0]
    return replace(entry, chips=chips_html(chips.get(c.plan.slug, {}).get(c.passage.id, []), linker))


def compare_rows(
    xref: CrossReference,
    result: ThemeResult,
    chips: Mapping[str, Mapping[str, Sequence[Chip]]],
    plans: Sequence[Plan] | None = None,
    layout: ThemeLayout | None = None,
    page: str | None = None,
) -> list[CompareRow]:
    """The compare view's rows for ``plans`` (default: all): per sub-topic, the aligned groups of
    :mod:`generator.crossref.align` over the same entries (runs) the topic page lists, with full text.

    Alignment is within the page's districts only, so a split page never aligns across 100 plans.
    """
    plans = list(plans if plans is not None else xref.plans)
    layout = layout or ThemeLayout.single(result.theme.slug, xref.plans)
    linker = Linker(page or layout.compare_overview, layout.directory_urls)
    rows = []
    for slug, title in result.subtopics():
        runs = {p.slug: record_runs(result.grouped(slug, p.slug)) for p in plans}
        cosine = xref.similarities([c for plan_runs in runs.values() for run in plan_runs for c in run])

        def similarity(a: list[Citation], b: list[Citation], cosine=cosine) -> float:
            return max(cosine(x, y) for x in a for y in b)

        lines = []
        for group in align(runs, similarity):
            cells = []
            for p in plans:
                run = group.cells.get(p.slug)
                entry = None if run is None else _with_chips(_run_entry(run, result, linker, layout, True), run, chips, linker)
                cells.append((p.slug, entry))
            lines.append(CompareLine(group.aligned, tuple(cells)))
        if not lines:
            lines.append(CompareLine(False, tuple((p.slug, None) for p in plans)))
        rows.append(CompareRow(slug, html_text(title), tuple(lines), frozenset(p for p, r in runs.items() if r)))
    return rows


def compare_context(
    xref: CrossReference,
    result: ThemeResult,
    chips: Mapping[str, Mapping[str, Sequence[Chip]]],
    layout: ThemeLayout | None = None,
    part: Part | None = None,
) -> dict:
    """The compare view (``part`` None: the whole view, or the overview of a split one) or one part."""
    theme = result.theme
    layout = layout or ThemeLayout.single(theme.slug, xref.plans)
    page = part.src_uri if part is not None else layout.compare_overview
    linker = Linker(page, layout.directory_urls)
    plans = list(part.plans) if part is not None else ([] if layout.compare_split else xref.plans)
    indicators: dict[str, list[tuple[str, str, str]]] = {p.slug: [] for p in plans}
    for indicator, by_plan in result.indicators:
        for plan in plans:
            row = by_plan.get(plan.slug)
            if row is not None:
                indicators[plan.slug].append(
                    (html_text(indicator.name), html_text(_indicator_value(row)), linker.to(plan_page(plan.slug), row.passage_id))
                )
    first_topic_part = layout.topic_parts[0].src_uri
    return {
        "theme": theme,
        "title": md_escape(theme.title),
        "title_html": html_text(theme.title),
        "plans": plans,
        "part": part,
        "layout": layout,
        "topic_link": layout.md_link(page, layout.topic_overview),
        "pairs_link": layout.md_link(page, PAIRS_PAGE),
        "overview": layout.md_link(page, layout.compare_overview),
        "part_links": [(layout.md_link(page, p.src_uri), p) for p in layout.compare_parts] if layout.compare_split else [],
        "anchor_map": _anchor_map(layout, page, layout.compare_parts) if layout.compare_split and part is None else "",
        "plan_href": {p.slug: linker.to(plan_page(p.slug)) for p in plans},
        "row_href": lambda sub: linker.to(first_topic_part, sub),
        "indicators_href": linker.to(layout.topic_overview, "indicators"),
        "rows": compare_rows(xref, result, chips, plans, layout, page) if plans else [],
        "indicators": indicators,
        "has_indicators": any(by_plan for _, by_plan in result.indicators),
        "not_covered": NOT_COVERED,
        "dash": DASH,
    }


def _group_title(xref: CrossReference, slug: str) -> str:
    return next((g.title for g in xref.themes.groups if g.slug == slug), slug)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=False,  # Markdown output; every text value is escaped by md_escape above
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # “{#id}” is attr_list syntax in the pages, not a Jinja comment
        comment_start_string="{##",
        comment_end_string="##}",
    )


def render_theme(xref: CrossReference, slug: str, layout: ThemeLayout | None = None, part: Part | None = None) -> str:
    return _environment().get_template("theme.md.j2").render(**theme_context(xref, xref.results[slug], layout, part))


def render_compare(
    xref: CrossReference,
    slug: str,
    chips: Mapping[str, Mapping[str, Sequence[Chip]]] | None = None,
    layout: ThemeLayout | None = None,
    part: Part | None = None,
) -> str:
    chips = xref.chips() if chips is None else chips
    return _environment().get_template("compare.md.j2").render(**compare_context(xref, xref.results[slug], chips, layout, part))


# -- splitting -----------------------------------------------------------------------------------


def theme_layout(
    xref: CrossReference, result: ThemeResult, chips: Mapping[str, Mapping[str, Sequence[Chip]]], budget: int, directory_urls: bool = True
) -> ThemeLayout:
    """Where the topic's entries go (generator.crossref.layout): packed by estimated size."""
    subtopics = len(result.subtopics())
    topic = {p.slug: lay.DISTRICT_HEADING * subtopics for p in xref.plans}
    compare = {p.slug: lay.COMPARE_COLUMN for p in xref.plans}
    count = dict.fromkeys(topic, 0)
    for c in result.citations:
        plan, length = c.plan.slug, len(c.passage.text)
        topic[plan] += 3 * min(length, lay.TOPIC_TEXT_CHARS) + lay.TOPIC_ENTRY + lay.TOPIC_SIMILAR * len(result.similar.get(c.entry_id, ()))
        compare[plan] += 3 * length + lay.COMPARE_ENTRY + lay.COMPARE_CHIP * len(chips.get(plan, {}).get(c.passage.id, ()))
        count[plan] += 1

    def topic_weight(group: Sequence[Plan]) -> int:
        return sum(topic[p.slug] for p in group)

    def compare_weight(group: Sequence[Plan]) -> int:
        # every line of a row has a cell per district, empty or not
        return sum(compare[p.slug] for p in group) + lay.COMPARE_CELL * (len(group) - 1) * (sum(count[p.slug] for p in group) + subtopics)

    slug = result.theme.slug
    return ThemeLayout(
        slug,
        lay.parts(slug, lay.pack(xref.plans, topic_weight, budget), lay.topic_part_page, lay.topic_page(slug)),
        lay.parts(slug, lay.pack(xref.plans, compare_weight, budget), lay.compare_part_page, lay.compare_page(slug)),
        directory_urls,
    )


def layouts(
    xref: CrossReference, page_budget: int | None = None, directory_urls: bool = True
) -> dict[str, ThemeLayout]:
    """Every topic's layout; ``page_budget`` (bytes of page content) defaults to what keeps a
    built page under :data:`generator.crossref.layout.PAGE_CAP_BYTES`."""
    chips = xref.chips()
    budget = lay.body_budget(len(xref.plans)) if page_budget is None else page_budget
    return {slug: theme_layout(xref, result, chips, budget, directory_urls) for slug, result in xref.results.items()}


def page_chips(chips: Mapping[str, Mapping[str, Sequence[Chip]]], layouts: Mapping[str, ThemeLayout]) -> dict[str, dict[str, list[Chip]]]:
    """The chips with the page of each entry: ``(stem, title, entry)`` where stem is the topic page
    under themes/ holding the passage's district (``preschool``, or ``preschool/part-2`` when split)."""

    def stem(slug: str, plan: str) -> str:
        return layouts[slug].chip_stem(plan) if slug in layouts else slug

    return {
        plan: {pid: [(stem(slug, plan), title, entry) for slug, title, entry in items] for pid, items in by_pid.items()}
        for plan, by_pid in chips.items()
    }


def _halve(parts: Sequence[Part], oversize: Part, name: Callable[[str, int], str], slug: str) -> tuple[Part, ...]:
    """The parts with ``oversize`` cut in two (districts in order), renumbered."""
    groups: list[tuple[Plan, ...]] = []
    for part in parts:
        if part is oversize:
            middle = len(part.plans) // 2
            groups += [part.plans[:middle], part.plans[middle:]]
        else:
            groups.append(part.plans)
    return tuple(Part(name(slug, k), group, k) for k, group in enumerate(groups, start=1))


def _theme_pages(
    xref: CrossReference, slug: str, chips: Mapping[str, Mapping[str, Sequence[Chip]]], layout: ThemeLayout, budget: int
) -> tuple[dict[str, str], ThemeLayout]:
    """The topic page and compare view of one topic (overviews and parts when split). A part that
    comes out over ``budget`` although the estimate let it through is halved, and the topic's pages
    are rendered again (its links to the other parts change with it)."""
    while True:
        files: dict[str, str] = {}
        oversize: tuple[str, Part] | None = None
        if layout.topic_split:
            files[layout.topic_overview] = render_theme(xref, slug, layout)
        for part in layout.topic_parts:
            files[part.src_uri] = text = render_theme(xref, slug, layout, part if layout.topic_split else None)
            if oversize is None and len(part.plans) > 1 and len(text.encode("utf-8")) > budget:
                oversize = ("topic", part)
        if layout.compare_split:
            files[layout.compare_overview] = render_compare(xref, slug, chips, layout)
        for part in layout.compare_parts:
            files[part.src_uri] = text = render_compare(xref, slug, chips, layout, part if layout.compare_split else None)
            if oversize is None and len(part.plans) > 1 and len(text.encode("utf-8")) > budget:
                oversize = ("compare", part)
        if oversize is None:
            return files, layout
        kind, part = oversize
        log.info("专题 %s 的%s超出体积预算，再拆分", slug, "专题页" if kind == "topic" else "分区对照")
        if kind == "topic":
            layout = replace(layout, topic_parts=_halve(layout.topic_parts, part, lay.topic_part_page, slug))
        else:
            layout = replace(layout, compare_parts=_halve(layout.compare_parts, part, lay.compare_part_page, slug))


def render_pairs(xref: CrossReference) -> str:
    """The district-pair overview: per topic group, each topic's number of cited passages per district."""
    coverage = xref.coverage()
    groups = [
        (group, [(t.slug, md_escape(t.title), [coverage[t.slug][p.slug] for p in xref.plans]) for t in members])
        for group, members in xref.themes.by_group()
    ]
    return _environment().get_template("pairs.md.j2").render(plans=xref.plans, groups=groups)


def render_index(xref: CrossReference) -> str:
    """The topic index: one table per group, each topic with its scope line and counts per district."""
    coverage = xref.coverage()
    groups = [
        (group, [(t.slug, md_escape(t.title), md_escape(t.scope), [coverage[t.slug][p.slug] for p in xref.plans]) for t in members])
        for group, members in xref.themes.by_group()
    ]
    return _environment().get_template("themes_index.md.j2").render(
        plans=xref.plans,
        groups=groups,
        topic_count=len(xref.results),
        data_json=f"../{DATA_DIR}/{JSON_NAME}",
        data_csv=f"../{DATA_DIR}/{CSV_NAME}",
    )


# -- export ------------------------------------------------------------------------------------------


compare_page = lay.compare_page


def is_compare_page(src_uri: str) -> bool:
    """A page in a topic's folder: its compare view, or a part of a split topic page or compare view.
    Linked from the topic page and the indexes, not listed in the nav."""
    parts = src_uri.split("/")
    return len(parts) == 3 and parts[0] == THEMES_DIR and parts[2].endswith(".md")


def page_url(plan: str, anchor: str, directory_urls: bool = True) -> str:
    path = f"plans/{plan}/" if directory_urls else f"plans/{plan}.html"
    return f"{path}#{anchor}"


def export_records(xref: CrossReference, site_url: str | None = None, directory_urls: bool = True) -> list[dict]:
    """One record per cited passage (registry order, plan order)."""
    records: dict[tuple[str, str], dict] = {}
    for result in xref.results.values():
        theme = result.theme.slug
        for c in result.citations:
            key = (c.plan.slug, c.passage.id)
            record = records.get(key)
            if record is None:
                path = page_url(c.plan.slug, c.passage.id, directory_urls)
                record = records[key] = {
                    "plan": c.plan.slug,
                    "district": c.plan.district,
                    "passage_id": c.passage.id,
                    "kind": c.passage.kind,
                    "order": c.passage.order,
                    "section_id": c.passage.section_id,
                    "section_number": "".join(s.number for s in c.passage.path if s.number),
                    "section_title": c.passage.section.title if c.passage.path else "",
                    "path": path,
                    "url": (site_url.rstrip("/") + "/" + path) if site_url else path,
                    "text": c.passage.text,
                    "themes": [],
                    "subtopics": {},
                    "scores": {},
                    "similar": {},
                }
            record["themes"].append(theme)
            record["subtopics"][theme] = c.subtopic
            record["scores"][theme] = {
                "reason": c.judgement.reason,
                "score": c.judgement.score,
                "coverage": c.judgement.coverage,
                "terms": list(c.judgement.terms),
                "subtopic_scores": c.judgement.subtopic_scores,
            }
            record["similar"][theme] = [
                {"plan": s.citation.plan.slug, "passage_id": s.citation.passage.id, "score": s.score}
                for s in result.similar.get(c.entry_id, [])
            ]
    order = {p.slug: i for i, p in enumerate(xref.plans)}
    return sorted(records.values(), key=lambda r: (order[r["plan"]], r["order"]))


def render_json(xref: CrossReference, site_url: str | None = None, directory_urls: bool = True) -> str:
    data = {
        "format": "beijing-edu-plans/crossref",
        "version": FORMAT_VERSION,
        "groups": [{"slug": g.slug, "title": g.title} for g, _ in xref.themes.by_group()],
        "themes": [
            {
                "slug": r.theme.slug,
                "title": r.theme.title,
                "group": r.theme.group,
                "scope": r.theme.scope,
                "page": f"{THEMES_DIR}/{r.theme.slug}/",
                "subtopics": [{"slug": s, "title": t} for s, t in r.subtopics()],
            }
            for r in xref.results.values()
        ],
        "plans": [{"slug": p.slug, "district": p.district, "title": p.title} for p in xref.plans],
        "passages": export_records(xref, site_url, directory_urls),
    }
    # one passage per line: still readable and diffable, and written by json's C encoder (an
    # ``indent`` makes json fall back to its pure-Python encoder, 0.2 s a build for this file)
    head = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in data.items() if key != "passages"]
    passages = ",\n".join(json.dumps(record, ensure_ascii=False) for record in data["passages"])
    return "{\n" + ",\n".join(head) + ',\n"passages": [\n' + passages + "\n]\n}\n"


CSV_COLUMNS = (
    "district", "plan", "passage_id", "section_number", "section_title", "url", "themes", "subtopics", "scores", "similar", "text",
)


def render_csv(xref: CrossReference, site_url: str | None = None, directory_urls: bool = True) -> bytes:
    """UTF-8 with a byte-order mark, so spreadsheet programs open the Chinese text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in export_records(xref, site_url, directory_urls):
        writer.writerow(
            [
                r["district"],
                r["plan"],
                r["passage_id"],
                r["section_number"],
                r["section_title"],
                r["url"],
                ";".join(r["themes"]),
                ";".join(f"{t}:{s}" for t, s in r["subtopics"].items()),
                ";".join(f"{t}:{v['score']}" for t, v in r["scores"].items()),
                ";".join(f"{t}:{s['plan']}#{s['passage_id']}({s['score']})" for t, sims in r["similar"].items() for s in sims),
                r["text"],
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_site(
    xref: CrossReference,
    site_url: str | None = None,
    directory_urls: bool = True,
    page_budget: int | None = None,
) -> tuple[dict[str, str | bytes], dict[str, ThemeLayout]]:
    """Every generated file (docs-relative path -> content) and each topic's final layout, which
    the plan pages' chips need. Pages are rendered again only when a part had to be halved (the
    chips of other topics' compare views link into it)."""
    budget = lay.body_budget(len(xref.plans)) if page_budget is None else page_budget
    current = layouts(xref, budget, directory_urls)
    files: dict[str, str | bytes] = {f"{THEMES_DIR}/index.md": render_index(xref), PAIRS_PAGE: render_pairs(xref)}
    for _ in range(8):  # each round can only split parts further; a handful of rounds at most
        chips = page_chips(xref.chips(), current)
        pages: dict[str, str] = {}
        final: dict[str, ThemeLayout] = {}
        for slug in xref.results:
            theme_files, final[slug] = _theme_pages(xref, slug, chips, current[slug], budget)
            pages.update(theme_files)
        stable = final == current
        current = final
        if stable:
            break
    files.update(pages)
    files[f"{DATA_DIR}/{JSON_NAME}"] = render_json(xref, site_url, directory_urls)
    files[f"{DATA_DIR}/{CSV_NAME}"] = render_csv(xref, site_url, directory_urls)
    return files, current


def render_all(
    xref: CrossReference, site_url: str | None = None, directory_urls: bool = True, page_budget: int | None = None
) -> dict[str, str | bytes]:
    """Every generated file: docs-relative path -> content (see :func:`render_site`)."""
    return render_site(xref, site_url, directory_urls, page_budget)[0]
