"""Everything the theme pages, chips, home matrix and exports need, computed once per build.

Input is the *current* Markdown of each plan (so an edit to docs/plans/x.md shows on the next
build) plus the theme set; each plan is parsed exactly once, by the passage treeprocessor.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from markdown.extensions import Extension
from scipy import sparse

from generator.crossref import indicators as ind
from generator.crossref import similarity
from generator.crossref.cache import BuildCache, digest, extensions_fingerprint, themes_fingerprint
from generator.crossref.passages import DEFAULT_EXTENSIONS, Chip, Passage, extract_passages
from generator.crossref.relevance import Classifier, Judgement, MainSection, ThemeMatcher, main_section
from generator.crossref.similarity import tfidf_matrix, tokenize, top_similar
from generator.crossref.themes import Indicator, Theme, ThemeSet
from generator.registry import Plan

log = logging.getLogger(__name__)
T = TypeVar("T")

#: bucket for cited passages that match no sub-topic's terms
OTHER_SUBTOPIC = ("other", "其他相关内容")
SIMILAR_K = 3
#: how directly a topic was found in a passage (relevance.Judgement.reason), strongest first
REASON_RANK = {"section": 0, "lead": 1, "text": 2}


def entry_id(plan: str, passage_id: str) -> str:
    """Anchor of a passage's entry on a theme page; unique because passage ids are unique per plan."""
    return f"{plan}-{passage_id}"


@dataclass(frozen=True)
class Citation:
    plan: Plan
    passage: Passage
    judgement: Judgement

    @property
    def entry_id(self) -> str:
        return entry_id(self.plan.slug, self.passage.id)

    @property
    def subtopic(self) -> str:
        return self.judgement.subtopic or OTHER_SUBTOPIC[0]


@dataclass(frozen=True)
class Similar:
    citation: Citation
    score: float


@dataclass
class ThemeResult:
    theme: Theme
    matcher: ThemeMatcher
    #: registry order, then plan order
    citations: list[Citation] = field(default_factory=list)
    main_sections: dict[str, MainSection | None] = field(default_factory=dict)
    #: (concept, plan slug -> row) in theme-file order
    indicators: list[tuple[Indicator, dict[str, ind.IndicatorRow]]] = field(default_factory=list)
    #: entry id -> similar citations in other districts
    similar: dict[str, list[Similar]] = field(default_factory=dict)
    #: (plan, passage id) -> the theme's vocabulary hits in it, filled by render (both pages show them)
    hits_cache: dict[tuple[str, str], list] = field(default_factory=dict, repr=False, compare=False)
    #: the build's cache and this theme's key in it (the topic set and the theme's slug): render
    #: keeps each passage's highlighted text there, a pure function of the theme and the text
    cache: BuildCache | None = field(default=None, repr=False, compare=False)
    key: str = ""
    _groups: dict[tuple[str, str], list[Citation]] | None = field(default=None, repr=False, compare=False)
    _grouped_count: int = field(default=-1, repr=False, compare=False)
    _counts: dict[str, int] | None = field(default=None, repr=False, compare=False)

    def memo(self, kind: str, text: str, compute: Callable[[], T]) -> T:
        """``compute()`` for (this theme, ``kind``, ``text``), from the cache when it has it."""
        if self.cache is None:
            return compute()
        return self.cache.get(digest(kind, self.key, text), compute)

    def subtopics(self) -> list[tuple[str, str]]:
        """Sub-topics in theme-file order, plus the catch-all bucket when it is used."""
        result = [(s.slug, s.title) for s in self.theme.subtopics]
        if any(c.judgement.subtopic is None for c in self.citations):
            result.append(OTHER_SUBTOPIC)
        return result

    def grouped(self, subtopic: str, plan: str) -> list[Citation]:
        """The citations of one plan in one sub-topic, in plan order (indexed once: pages ask for
        every (sub-topic, plan) pair, which at 100 plans made a linear scan quadratic)."""
        if self._groups is None or self._grouped_count != len(self.citations):
            groups: dict[tuple[str, str], list[Citation]] = {}
            for c in self.citations:
                groups.setdefault((c.subtopic, c.plan.slug), []).append(c)
            self._groups, self._grouped_count = groups, len(self.citations)
        return list(self._groups.get((subtopic, plan), ()))

    def count(self, plan: str) -> int:
        """Cited passages of ``plan``."""
        if self._counts is None or sum(self._counts.values()) != len(self.citations):
            counts: dict[str, int] = {}
            for c in self.citations:
                counts[c.plan.slug] = counts.get(c.plan.slug, 0) + 1
            self._counts = counts
        return self._counts.get(plan, 0)


@dataclass
class CrossReference:
    plans: list[Plan]
    themes: ThemeSet
    passages: dict[str, list[Passage]]
    results: dict[str, ThemeResult]
    timings: dict[str, float] = field(default_factory=dict)
    #: TF-IDF rows (L2-normalised) of every cited passage, and the row of each (plan, passage id):
    #: the one similarity measure behind “其他区对应内容” and the aligned rows of the compare view
    vectors: sparse.csr_matrix | None = None
    vector_row: dict[tuple[str, str], int] = field(default_factory=dict)
    #: plan -> section id -> numbering path label (filled by render)
    section_labels: dict[str, dict[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def similarities(self, citations: Sequence[Citation]) -> Callable[[Citation, Citation], float]:
        """Cosine similarity between any two of ``citations``, computed as one block (a compare row
        has a few dozen passages: one sparse product instead of a product per pair)."""
        keys = [(c.plan.slug, c.passage.id) for c in citations]
        rows = [self.vector_row[k] for k in keys if k in self.vector_row]
        if self.vectors is None or not rows:
            return lambda a, b: 0.0
        block = (self.vectors[rows] @ self.vectors[rows].T).toarray()
        at = {k: i for i, k in enumerate(k for k in keys if k in self.vector_row)}

        def similarity(a: Citation, b: Citation) -> float:
            i, j = at.get((a.plan.slug, a.passage.id)), at.get((b.plan.slug, b.passage.id))
            return 0.0 if i is None or j is None else float(block[i, j])

        return similarity

    def coverage(self) -> dict[str, dict[str, int]]:
        """theme slug -> plan slug -> number of cited passages (the home page heatmap)."""
        cover: dict[str, dict[str, int]] = {}
        for slug, result in self.results.items():
            row = cover.setdefault(slug, {p.slug: 0 for p in self.plans})
            for citation in result.citations:
                row[citation.plan.slug] += 1
        return cover

    def chips(self) -> dict[str, dict[str, list[Chip]]]:
        """plan slug -> passage id -> chips linking to the topic entries, strongest first.

        A passage can carry many of the topics; the plan page shows the first few and folds the
        rest, so the order says what the passage is most about: a topic its section names, then
        one its lead names, then one its text is about; by vocabulary score within each; topic
        order last, so the order is stable.
        """
        ranked: dict[tuple[str, str], list[tuple[tuple[int, float, int], Chip]]] = {}
        for position, result in enumerate(self.results.values()):
            for c in result.citations:
                key = (REASON_RANK.get(c.judgement.reason, len(REASON_RANK)), -c.judgement.score, position)
                ranked.setdefault((c.plan.slug, c.passage.id), []).append((key, (result.theme.slug, result.theme.title, c.entry_id)))
        chips: dict[str, dict[str, list[Chip]]] = {p.slug: {} for p in self.plans}
        for (plan, pid), items in ranked.items():
            chips[plan][pid] = [chip for _, chip in sorted(items)]
        return chips


def build(
    plans: Sequence[Plan],
    texts: Mapping[str, str],
    themes: ThemeSet,
    extensions: Sequence[str | Extension] = DEFAULT_EXTENSIONS,
    extension_configs: Mapping[str, dict] | None = None,
    cache: BuildCache | None = None,
) -> CrossReference:
    """``texts``: plan slug -> plan Markdown without front matter. Plans without text are skipped.

    With a ``cache`` from an earlier build (generator.crossref.cache), a plan whose Markdown, the
    extensions and the topics are unchanged reuses its passages and judgements, and an unchanged
    passage its tokens; the result is the same as without it.
    """
    cache = cache if cache is not None else BuildCache()
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    present = [p for p in plans if p.slug in texts]
    ext_key = extensions_fingerprint(extensions, extension_configs)
    passage_keys = {p.slug: digest("passages", ext_key, texts[p.slug]) for p in present}
    passages = {
        p.slug: cache.get(passage_keys[p.slug], lambda p=p: extract_passages(texts[p.slug], extensions, extension_configs)) for p in present
    }
    timings["passages"] = time.perf_counter() - t0

    t1 = time.perf_counter()
    themes_key = themes_fingerprint(themes)
    classifier = cache.get(digest("classifier", themes_key), lambda: Classifier(themes))
    results = {m.theme.slug: ThemeResult(m.theme, m, cache=cache, key=digest(themes_key, m.theme.slug)) for m in classifier.matchers}
    for plan in present:
        judged = cache.get(
            digest("judgements", themes_key, passage_keys[plan.slug]),
            lambda p=plan: _judge_plan(classifier, passages[p.slug], cache, themes_key),
        )
        for passage, judgements in zip(passages[plan.slug], judged.judgements, strict=True):
            for judgement in judgements:
                results[judgement.theme].citations.append(Citation(plan, passage, judgement))
        for slug, main in judged.main_sections.items():
            results[slug].main_sections[plan.slug] = main
    timings["relevance"] = time.perf_counter() - t1

    t2 = time.perf_counter()
    index = ind.concept_index(themes.themes)
    merged = ind.merge((row for p in present for row in ind.indicator_rows(p.slug, passages[p.slug])), index)
    for result in results.values():
        result.indicators = [(i, merged.get(i.name, {})) for i in result.theme.indicators]
    timings["indicators"] = time.perf_counter() - t2

    t3 = time.perf_counter()
    vectors, vector_row = _similarity(results, cache)
    timings["similarity"] = time.perf_counter() - t3
    timings["total"] = time.perf_counter() - t0
    cited = {(c.plan.slug, c.passage.id) for r in results.values() for c in r.citations}
    log.info(
        "专题对照：%d 份规划、%d 段，引用 %d 段（%s），用时 %.2f 秒",
        len(present),
        sum(len(v) for v in passages.values()),
        len(cited),
        "、".join(f"{r.theme.title} {len(r.citations)}" for r in results.values()),
        timings["total"],
    )
    return CrossReference(list(present), themes, passages, results, timings, vectors, vector_row)


@dataclass(frozen=True)
class PlanJudgements:
    """One plan's relevant judgements per passage (plan order) and each theme's main section."""

    judgements: tuple[tuple[Judgement, ...], ...]
    main_sections: dict[str, MainSection | None]


def _judge_plan(classifier: Classifier, passages: Sequence[Passage], cache: BuildCache, themes_key: str) -> PlanJudgements:
    """Everything relevance decides about one plan: it depends on that plan's passages and the topics
    only, so it is cached per plan; within an edited plan, each passage's judgements depend on the
    passage and its run-in context only (relevance.Classifier.contexts), so they are cached per passage."""

    def judge(passage: Passage, context: tuple[str, ...]) -> tuple[Judgement, ...]:
        return tuple(j for j in classifier.judge(passage, context) if j.relevant)

    judged = tuple(
        cache.get(digest("judge", themes_key, repr(passage), repr(context)), lambda p=passage, c=context: judge(p, c))
        for passage, context in classifier.contexts(passages)
    )
    mains = {}
    for matcher in classifier.matchers:
        cited = {p.id for p, judgements in zip(passages, judged, strict=True) if any(j.theme == matcher.theme.slug for j in judgements)}
        mains[matcher.theme.slug] = main_section(matcher, passages, cited)
    return PlanJudgements(judged, mains)


def _similarity(results: Mapping[str, ThemeResult], cache: BuildCache) -> tuple[sparse.csr_matrix | None, dict[tuple[str, str], int]]:
    """One TF-IDF space over all cited passages; neighbours searched within each theme.

    Returns the matrix and the row of each (plan, passage id), for the compare view's alignment.
    Tokens are cached per passage text; the matrix (whose idf depends on every passage) is not.
    """
    keys: list[tuple[str, str]] = []
    position: dict[tuple[str, str], int] = {}
    texts: list[str] = []
    for result in results.values():
        for c in result.citations:
            key = (c.plan.slug, c.passage.id)
            if key not in position:
                position[key] = len(keys)
                keys.append(key)
                texts.append(c.passage.text)
    if not texts:
        return None, position
    state = similarity.tokenizer_state()
    tokens = [cache.get(digest("tokens", state, text), lambda text=text: tokenize(text)) for text in texts]
    matrix = tfidf_matrix(tokens, analyzer=_given)
    groups = [plan for plan, _ in keys]
    for result in results.values():
        by_row = {position[(c.plan.slug, c.passage.id)]: c for c in result.citations}
        neighbours = top_similar(matrix, list(by_row), groups, k=SIMILAR_K)
        result.similar = {by_row[row].entry_id: [Similar(by_row[j], score) for j, score in pairs] for row, pairs in neighbours.items()}
    return matrix, position


def _given(tokens: Sequence[str]) -> Sequence[str]:
    """The analyzer for texts already tokenized (and cached)."""
    return tokens
