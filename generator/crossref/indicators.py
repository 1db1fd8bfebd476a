"""The plans' 主要指标 tables, merged into indicator concepts across districts.

Each plan words its indicators a little differently (学前三年入园率 / 学前教育入园率 / 适龄儿童入园率).
The topic files list, per concept, the wordings that mean the same thing; names are compared after
removing units in brackets, spaces and quotes, and nothing else — an unlisted wording stays
unmatched rather than being merged by a guess.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator.crossref.passages import Passage
from generator.crossref.themes import Theme

log = logging.getLogger(__name__)

_UNIT_RE = re.compile(r"[（(][^（）()]*[）)]\s*$")
_NOISE_RE = re.compile(r"[\s“”\"'‘’「」]")
_DASH_RE = re.compile(r"^[\s\-－—–─]*$")
_ROW_NUMBER_RE = re.compile(r"^\d+$")


def normalize_name(name: str) -> str:
    """``学前三年入园率 (%)`` and ``学前三年入园率（%）`` compare equal; so do quote styles."""
    name = _NOISE_RE.sub("", name)
    while _UNIT_RE.search(name):
        name = _UNIT_RE.sub("", name)
    return name


def clean_value(value: str) -> str | None:
    """A stated value, or ``None`` where the plan gives a dash or nothing."""
    value = value.strip()
    return None if _DASH_RE.match(value) else value


@dataclass(frozen=True)
class IndicatorRow:
    """One row of one plan's indicator table."""

    plan: str
    name: str  # as the plan states it
    value_2020: str | None
    value_2025: str | None
    passage_id: str  # the row's own anchor
    table_id: str  # the heading above the table


def _columns(header: Sequence[str]) -> tuple[int, int, int] | None:
    name = next((i for i, h in enumerate(header) if "指标" in h), None)
    start = next((i for i, h in enumerate(header) if "2020" in h), None)
    end = next((i for i, h in enumerate(header) if "2025" in h), None)
    if name is None or start is None or end is None:
        return None
    return name, start, end


def indicator_rows(plan: str, passages: Iterable[Passage]) -> list[IndicatorRow]:
    """Rows of every table whose header has an 指标 column and 2020/2025 columns."""
    rows: list[IndicatorRow] = []
    for passage in passages:
        if passage.kind != "tr" or not passage.header:
            continue
        columns = _columns(passage.header)
        if columns is None or max(columns) >= len(passage.cells):
            continue
        name_col, start_col, end_col = columns
        name = passage.cells[name_col].strip()
        if not name or _ROW_NUMBER_RE.match(name):
            continue
        rows.append(
            IndicatorRow(
                plan=plan,
                name=name,
                value_2020=clean_value(passage.cells[start_col]),
                value_2025=clean_value(passage.cells[end_col]),
                passage_id=passage.id,
                table_id=passage.section_id,
            )
        )
    return rows


def concept_index(themes: Iterable[Theme]) -> dict[str, str]:
    """normalised wording -> concept name, over all themes (a concept may belong to several)."""
    index: dict[str, str] = {}
    for theme in themes:
        for indicator in theme.indicators:
            for name in indicator.names:
                index.setdefault(normalize_name(name), indicator.name)
    return index


def merge(rows: Iterable[IndicatorRow], index: Mapping[str, str]) -> dict[str, dict[str, IndicatorRow]]:
    """concept -> plan -> row; the first row per plan wins (plans state an indicator once)."""
    merged: dict[str, dict[str, IndicatorRow]] = {}
    for row in rows:
        concept = index.get(normalize_name(row.name))
        if concept is None:
            log.debug("indicator %r of %s belongs to no theme", row.name, row.plan)
            continue
        merged.setdefault(concept, {}).setdefault(row.plan, row)
    return merged
