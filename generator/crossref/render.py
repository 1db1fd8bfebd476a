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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2

from generator.crossref.align import align
from generator.crossref.build import Citation, CrossReference, ThemeResult
from generator.crossref.passages import CHIPS_SHOWN, Chip, Passage, Section, path_label

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
THEMES_DIR = "themes"
DATA_DIR = "data"
JSON_NAME = "crossref.json"
CSV_NAME = "crossref.csv"
#: the compare view of a topic: themes/<slug>/compare.md (URL themes/<slug>/compare/)
COMPARE_NAME = "compare"
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


def highlight(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each (start, end) span in ``<mark>``."""
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out.append(md_escape(text[pos:start]))
        out.append(f"<mark>{md_escape(text[start:end])}</mark>")
        pos = end
    out.append(md_escape(text[pos:]))
    return "".join(out)


def _spans(citation: Citation, result: ThemeResult) -> list[tuple[int, int]]:
    """Where the passage uses the topic's vocabulary (not merely listed): the <mark>ed terms."""
    return [(h.start, h.end) for h in result.matcher.hits(citation.passage.text) if not h.listed]


def excerpt(citation: Citation, result: ThemeResult, limit: int = EXCERPT_LIMIT) -> str:
    """The passage, or its sentences that carry the theme's terms, with ``……`` where text is left out.

    Faithful: every kept piece is an exact substring, in order; the lead sentence is always kept.
    """
    text = citation.passage.text
    hits = [h for h in result.matcher.hits(text) if not h.listed]
    spans = _spans(citation, result)
    if len(text) <= limit:
        return highlight(text, spans)
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
        parts.append(highlight(text[start:end], [(s - start, e - start) for s, e in spans if start <= s and e <= end]))
        previous_end = end
    if previous_end < len(text):
        parts.append("……")
    return "".join(parts)


# -- view model for the templates -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    anchor: str
    plan: str
    link: str
    label: str
    number: str
    body: str
    similar: tuple[tuple[str, str, float], ...]  # (anchor, label, score)
    #: a run of record rows shown as one entry (see :func:`record_runs`); each keeps its own anchor
    rows: tuple[Entry, ...] = ()
    #: the passage's topic chips, strongest first, as inline Markdown (compare view only)
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


def _plan_link(plan: str, anchor: str, up: str = "..") -> str:
    """Link from a generated page to a plan passage; ``up`` leads from the page's folder to docs/
    (``..`` for themes/x.md, ``../..`` for themes/x/compare.md)."""
    return f"{up}/plans/{plan}.md#{anchor}"


def _section_path_label(passages: Iterable[Passage], section: Section) -> str:
    for passage in passages:
        ids = [s.id for s in passage.path]
        if section.id in ids:
            return path_label(passage.path[: ids.index(section.id) + 1])
    return section.label


def _entry(c: Citation, result: ThemeResult, full: bool = False, up: str = "..") -> Entry:
    """A citation as the templates show it; ``full`` gives the whole text (compare view) instead of
    the excerpt of its on-topic sentences (topic page)."""
    similar = tuple(
        (
            s.citation.entry_id,
            f"{s.citation.plan.short_name} · {section_label(s.citation.passage)} {paragraph_number(s.citation.passage)}",
            s.score,
        )
        for s in result.similar.get(c.entry_id, [])
    )
    return Entry(
        anchor=c.entry_id,
        plan=c.plan.slug,
        link=_plan_link(c.plan.slug, c.passage.id, up),
        label=md_escape(section_label(c.passage)),
        number=paragraph_number(c.passage),
        body=highlight(c.passage.text, _spans(c, result)) if full else excerpt(c, result),
        similar=tuple((a, md_escape(label), score) for a, label, score in similar),
    )


def _run_entry(run: Sequence[Citation], result: ThemeResult, full: bool = False, up: str = "..") -> Entry:
    """One entry for a run of citations (a single passage, or adjacent record rows shown together)."""
    single = [_entry(c, result, full, up) for c in run]
    if len(run) == 1:
        return single[0]
    first = run[0].passage
    return Entry(
        anchor=f"{run[0].entry_id}-rows",
        plan=run[0].plan.slug,
        link=_plan_link(run[0].plan.slug, first.id, up),
        label=md_escape(section_label(first)),
        number=row_range([c.passage for c in run]),
        body="",
        similar=(),
        rows=tuple(single),
    )


def theme_context(xref: CrossReference, result: ThemeResult) -> dict:
    theme = result.theme
    plans = xref.plans
    subtopics = result.subtopics()
    entries: dict[tuple[str, str], list[Entry]] = {}
    for slug, _ in subtopics:
        for plan in plans:
            entries[(slug, plan.slug)] = [_run_entry(run, result) for run in record_runs(result.grouped(slug, plan.slug))]
    main_rows = []
    for plan in plans:
        main = result.main_sections.get(plan.slug)
        if main is None:
            main_rows.append((plan, None, 0, ()))
            continue
        passages = xref.passages[plan.slug]
        others = tuple(
            (md_escape(_section_path_label(passages, s)), _plan_link(plan.slug, s.id), n) for s, n in main.others
        )
        main_rows.append(
            (plan, (md_escape(_section_path_label(passages, main.section)), _plan_link(plan.slug, main.section.id)), main.count, others)
        )
    indicator_rows = []
    for indicator, by_plan in result.indicators:
        cells = []
        for plan in plans:
            row = by_plan.get(plan.slug)
            if row is None:
                cells.append(None)
            else:
                value = f"{row.value_2020 or DASH} → {row.value_2025 or DASH}"
                cells.append((md_escape(value), _plan_link(plan.slug, row.passage_id), link_title(row.name)))
        indicator_rows.append((md_escape(indicator.name), cells))
    return {
        "theme": theme,
        "title": md_escape(theme.title),
        "description": md_escape(theme.description),
        "scope": md_escape(theme.scope),
        "group": md_escape(_group_title(xref, theme.group)),
        "plans": plans,
        "subtopics": [(slug, md_escape(title)) for slug, title in subtopics],
        "entries": entries,
        "total": {p.slug: sum(1 for c in result.citations if c.plan.slug == p.slug) for p in plans},
        "main_rows": main_rows,
        "indicator_rows": indicator_rows,
        "dash": DASH,
        "data_json": f"../{DATA_DIR}/{JSON_NAME}",
        "data_csv": f"../{DATA_DIR}/{CSV_NAME}",
    }


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


def chips_markdown(chips: Sequence[Chip], up: str = "..") -> str:
    """Topic chips as on plan pages (passages.PassageTreeprocessor): Markdown links, so MkDocs
    rewrites and validates them, the ones after the first CHIPS_SHOWN folded behind “+N”."""
    if not chips:
        return ""
    links = []
    for index, (slug, title, entry) in enumerate(chips):
        extra = " .theme-chip--extra" if index >= CHIPS_SHOWN else ""
        links.append(f"[{md_escape(title)}]({up}/{slug}.md#{entry}){{: .theme-chip{extra} }}")
    more = ""
    if len(chips) > CHIPS_SHOWN:
        n = len(chips) - CHIPS_SHOWN
        more = f'<button type="button" class="theme-chips-more" aria-expanded="false" title="显示其余 {n} 个专题">+{n}</button>'
    return f' <span class="theme-chips">{"".join(links)}{more}</span>'


def _compare_chips(chips: Sequence[Chip]) -> str:
    return chips_markdown(chips)


def _with_chips(entry: Entry, run: Sequence[Citation], chips: dict[str, dict[str, list[Chip]]]) -> Entry:
    """The entry (or each row of a run) with the chips of its passage."""
    if entry.rows:
        rows = tuple(
            Entry(**{**r.__dict__, "chips": _compare_chips(chips.get(c.plan.slug, {}).get(c.passage.id, []))})
            for r, c in zip(entry.rows, run, strict=True)
        )
        return Entry(**{**entry.__dict__, "rows": rows})
    c = run[0]
    return Entry(**{**entry.__dict__, "chips": _compare_chips(chips.get(c.plan.slug, {}).get(c.passage.id, []))})


def compare_rows(xref: CrossReference, result: ThemeResult, chips: dict[str, dict[str, list[Chip]]]) -> list[CompareRow]:
    """The compare view's rows: per sub-topic, the aligned groups of :mod:`generator.crossref.align`
    over the same entries (runs) the topic page lists, with full text."""
    rows = []
    for slug, title in result.subtopics():
        runs = {p.slug: record_runs(result.grouped(slug, p.slug)) for p in xref.plans}
        cosine = xref.similarities([c for plan_runs in runs.values() for run in plan_runs for c in run])

        def similarity(a: list[Citation], b: list[Citation], cosine=cosine) -> float:
            return max(cosine(x, y) for x in a for y in b)

        lines = []
        for group in align(runs, similarity):
            cells = []
            for p in xref.plans:
                run = group.cells.get(p.slug)
                cells.append((p.slug, None if run is None else _with_chips(_run_entry(run, result, True, "../.."), run, chips)))
            lines.append(CompareLine(group.aligned, tuple(cells)))
        if not lines:
            lines.append(CompareLine(False, tuple((p.slug, None) for p in xref.plans)))
        rows.append(CompareRow(slug, md_escape(title), tuple(lines), frozenset(p for p, r in runs.items() if r)))
    return rows


def compare_context(xref: CrossReference, result: ThemeResult, chips: dict[str, dict[str, list[Chip]]]) -> dict:
    theme = result.theme
    indicators: dict[str, list[tuple[str, str, str]]] = {p.slug: [] for p in xref.plans}
    for indicator, by_plan in result.indicators:
        for plan in xref.plans:
            row = by_plan.get(plan.slug)
            if row is not None:
                value = f"{row.value_2020 or DASH} → {row.value_2025 or DASH}"
                indicators[plan.slug].append((md_escape(indicator.name), md_escape(value), _plan_link(plan.slug, row.passage_id, "../..")))
    return {
        "theme": theme,
        "title": md_escape(theme.title),
        "plans": xref.plans,
        "rows": compare_rows(xref, result, chips),
        "indicators": indicators,
        "has_indicators": any(indicators.values()),
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


def render_theme(xref: CrossReference, slug: str) -> str:
    return _environment().get_template("theme.md.j2").render(**theme_context(xref, xref.results[slug]))


def render_compare(xref: CrossReference, slug: str, chips: dict[str, dict[str, list[Chip]]] | None = None) -> str:
    chips = xref.chips() if chips is None else chips
    return _environment().get_template("compare.md.j2").render(**compare_context(xref, xref.results[slug], chips))


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


def compare_page(slug: str) -> str:
    """docs-relative path of a topic's compare view."""
    return f"{THEMES_DIR}/{slug}/{COMPARE_NAME}.md"


def is_compare_page(src_uri: str) -> bool:
    """A topic's compare view: linked from its topic page and the indexes, not listed in the nav."""
    parts = src_uri.split("/")
    return len(parts) == 3 and parts[0] == THEMES_DIR and parts[2] == f"{COMPARE_NAME}.md"


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
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


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


def render_all(xref: CrossReference, site_url: str | None = None, directory_urls: bool = True) -> dict[str, str | bytes]:
    """Every generated file: docs-relative path -> content."""
    files: dict[str, str | bytes] = {f"{THEMES_DIR}/index.md": render_index(xref), PAIRS_PAGE: render_pairs(xref)}
    chips = xref.chips()
    for slug in xref.results:
        files[f"{THEMES_DIR}/{slug}.md"] = render_theme(xref, slug)
        files[compare_page(slug)] = render_compare(xref, slug, chips)
    files[f"{DATA_DIR}/{JSON_NAME}"] = render_json(xref, site_url, directory_urls)
    files[f"{DATA_DIR}/{CSV_NAME}"] = render_csv(xref, site_url, directory_urls)
    return files
