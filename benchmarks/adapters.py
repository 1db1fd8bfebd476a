"""The benchmark's only contact with the generator's APIs: import one plan, build the cross-reference.

Kept in one module so that when an API changes, only this file follows it. Each function returns
per-phase timings measured with ``time.perf_counter`` around the library calls, in memory: nothing
is written into the project's docs/.
"""

from __future__ import annotations

import logging
import re
import time
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)


class Phases:
    """Ordered phase timings, as a context manager per phase."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def __call__(self, name: str) -> _Phase:
        return _Phase(self, name)


class _Phase:
    def __init__(self, phases: Phases, name: str) -> None:
        self.phases, self.name = phases, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        spent = time.perf_counter() - self.start
        self.phases.times[self.name] = self.phases.times.get(self.name, 0.0) + spent


def import_all(root: Path, passes: int) -> dict[str, list[float]]:
    """Seconds per plan per pass for converting raw text to plan Markdown, in memory."""
    from generator import importer
    from generator.registry import load_registry

    registry = load_registry(root / "corpus" / "plans.yml")
    times: dict[str, list[float]] = {plan.slug: [] for plan in registry.plans}
    for _ in range(passes):
        for plan in registry.plans:
            start = time.perf_counter()
            importer.convert_plan(registry, plan)  # type: ignore[attr-defined]
            times[plan.slug].append(time.perf_counter() - start)
    return times


def build_crossref(root: Path, out: Path) -> dict[str, float]:
    """Passages, relevance, similarity, pages for the plans under ``root``; seconds per phase."""
    phases = Phases()
    with phases("导入库"):
        from generator.crossref import passages as passages_mod
        from generator.crossref import relevance, similarity, themes
        from generator.registry import load_registry
    with phases("加载登记表与专题"):
        registry = load_registry(root / "corpus" / "plans.yml")
        theme_set = themes.load_themes(root / "themes.yml")
    collected: list[Any] = []
    groups: list[str] = []
    with phases("段落"):
        for plan in registry.plans:
            path = root / "docs" / "plans" / f"{plan.slug}.md"
            if not path.exists():
                continue
            text = FRONT_MATTER_RE.sub("", path.read_text(encoding="utf-8"), count=1)
            found = passages_mod.extract_passages(text)
            collected += found
            groups += [plan.slug] * len(found)
    with phases("相关性"):
        classifier = relevance.Classifier(theme_set)
        cited = [i for i, p in enumerate(collected) if any(j.relevant for j in classifier.judge(p))]  # type: ignore[attr-defined]
    with phases("相似度"):
        matrix = similarity.tfidf_matrix([p.text for p in collected])
        similarity.top_similar(matrix, cited, groups)
    out.mkdir(parents=True, exist_ok=True)
    return phases.times
