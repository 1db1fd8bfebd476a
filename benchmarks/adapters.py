"""The benchmark's only contact with the generator's APIs: import one plan, build the cross-reference.

Kept in one module so that when an API changes, only this file follows it. Each function returns
per-phase timings measured with ``time.perf_counter`` around the library calls, in memory: nothing
is written into the project's docs/.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


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


def import_all(root: Path, passes: int) -> dict[str, Any]:
    """Seconds per plan per pass for converting raw text to plan Markdown, in memory (nothing written).

    ``load_s`` is the one-off cost of importing the importer and its libraries (OpenCC …).
    """
    start = time.perf_counter()
    from generator.importing import pipeline as importer
    from generator.registry import load_registry

    load_s = time.perf_counter() - start
    registry = load_registry(root / "corpus" / "plans.yml")
    times: dict[str, list[float]] = {plan.slug: [] for plan in registry.plans}
    for _ in range(passes):
        for plan in registry.plans:
            start = time.perf_counter()
            importer.convert_plan(registry, plan)
            times[plan.slug].append(time.perf_counter() - start)
    return {"load_s": load_s, "per_plan": times}


#: generator.crossref.build timings -> the names printed in the table
PHASE_NAMES = {"passages": "段落", "relevance": "相关性", "indicators": "指标", "similarity": "相似度"}


def build_crossref(root: Path, out: Path, after_import: Callable[[], None] | None = None) -> dict[str, float]:
    """Passages, relevance, indicators, similarity and pages for the plans under ``root``; seconds per phase.

    Library start-up (numpy, scipy, Markdown imports) is timed as its own phase because it
    is paid once per build process, whatever the corpus size.
    """
    phases = Phases()
    with phases("导入库"):
        from generator.crossref import build as build_mod
        from generator.crossref import sitecfg, themes
        from generator.registry import load_registry
    if after_import:
        after_import()
    with phases("读取规划与专题"):
        registry = load_registry(root / "corpus" / "plans.yml")
        theme_set = themes.load_themes(root / "topics")
        extensions, configs = sitecfg.site_markdown_extensions(root / "mkdocs.yml")
        texts = {}
        for plan in registry.plans:
            path = root / "docs" / "plans" / f"{plan.slug}.md"
            if path.exists():
                texts[plan.slug] = sitecfg.read_plan(path)
    xref = build_mod.build(registry.plans, texts, theme_set, extensions, configs)
    for key, name in PHASE_NAMES.items():
        if key in xref.timings:
            phases.times[name] = xref.timings[key]
    render_pages(xref, out, phases)
    return phases.times


def render_pages(xref: Any, out: Path, phases: Phases) -> None:
    """Theme pages and exports as Markdown/JSON strings in memory (the ``out`` dir gets nothing)."""
    try:
        from generator.crossref import render
    except ImportError:
        log.info("generator.crossref.render not there yet: pages not timed")
        return
    with phases("页面"):
        render.render_all(xref)  # type: ignore[attr-defined]
