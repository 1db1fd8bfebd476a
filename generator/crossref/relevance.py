"""Which passages are substantially about a theme, under which sub-topic, and each plan's main section.

The plans are structured by their own numbering, and a section titled about a theme is about it
throughout — so the section heading is the strongest signal. Outside such sections a passage
counts only when its own text is about the theme: its lead phrase (the short sentence most
paragraphs open with, e.g. “加强学前教育管理。”) names it, or the theme's vocabulary is dense in it.

What must *not* count is a passage that merely lists the theme's stage among all the others
(“学前教育、义务教育、普通高中……全覆盖”). Stage names that appear in such an enumeration are found
first (:func:`enumeration_spans`) and every theme term inside one weighs nothing.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from generator.crossref.passages import Passage, Section
from generator.crossref.themes import Theme, ThemeSet

log = logging.getLogger(__name__)

#: text between two stage names that makes them an enumeration (“、”, “和”, “以及”, “到” …); after
#: a conjunction the second name may carry a short modifier (“中心幼儿园和中心小学”)
_LIST_GAP_RE = re.compile(r"^(?:[、，,和与及或以至到/（）()\s“”\"]{0,4}|[和与及][^\s、，,。；;：:]{1,2})$")
#: the lead phrase: a short first sentence ending with 。 or ：
_LEAD_RE = re.compile(r"^([^。：:；;]{2,40})[。：:；;]")
#: when the first sentence is longer, its first clause states what the passage does (“深化学区制教育综合改革，…”)
_FIRST_CLAUSE_RE = re.compile(r"^([^。：:；;，,]{4,14})[，,]")
#: clauses: coverage is measured on these, so one long sentence with a passing mention counts little
_CLAUSE_RE = re.compile(r"[^。；;！？!?，,：:]+[。；;！？!?，,：:]?")
#: a run-in heading: a short paragraph that opens with a dash and has no full stop (“——坚持人才强教，…”)
_RUN_IN_RE = re.compile(r"^——[^。]{2,40}$")
#: sentences: a context-tier term counts only in a sentence that names the theme's stage; a table
#: cell (cells are joined by “ | ” in a row's text) ends a sentence too
_SENTENCE_RE = re.compile(r"[^。；;！？!?|]+[。；;！？!?|]?")
#: the number of a table's or a box's own heading (“表3”, “专栏”): see :func:`headings`
_BOX_NUMBER_RE = re.compile(r"^(?:表|专栏)")
#: vocabulary a sentence needs to count as being about the theme (one core term, or strong + weak)
CLAUSE_MIN = 2.0

#: outside a theme section: a lead naming the theme, or this much vocabulary …
MIN_SCORE = 8.0
#: … with this share of the text in sentences about the theme
MIN_COVERAGE = 0.25
#: … or, with at least this much vocabulary, this share
RICH_SCORE = 16.0
RICH_COVERAGE = 0.2
#: a passage that goes through three or more school stages in turn is an overview: a theme needs
#: this much of it (“学前教育持续强化……义务教育优质均衡……高中阶段教育……”)
OVERVIEW_STAGES = 3
OVERVIEW_COVERAGE = 0.3
#: texts up to this length may act as a heading (lead phrase, table cell, run-in heading)
LEAD_MAX = 40
#: inside a theme section a passage is dropped only when another stage dominates it
EXCLUDE_MIN = 4.0


def _alternation(terms: Iterable[str]) -> re.Pattern[str]:
    """One regex over all terms, longest first, so “普惠性幼儿园” is one hit, not two."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return re.compile("|".join(re.escape(t) for t in ordered)) if ordered else re.compile(r"(?!x)x")


def enumeration_spans(text: str, stage_re: re.Pattern[str], stage_of: Mapping[str, str]) -> list[tuple[int, int]]:
    """Spans of runs of names of two or more *different* stages joined by list punctuation.

    “学前教育、义务教育” is an enumeration; “学前教育、幼儿园” (one stage) is not.
    """
    spans: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []

    def close() -> None:
        if len({stage_of[m.group(0)] for m in run}) >= 2:
            spans.append((run[0].start(), run[-1].end()))

    for match in stage_re.finditer(text):
        if run and not _LIST_GAP_RE.match(text[run[-1].end() : match.start()]):
            close()
            run = []
        run.append(match)
    if run:
        close()
    return spans


def headings(passage: Passage) -> tuple[Section, ...]:
    """The headings whose topic the passage shares: its path, cut at a table's or box's own heading
    (“表3门头沟区“十四五”时期重点项目” placed under “（四）维护校园安全稳定” lists every project of the
    plan; its rows are not about safety). The table heading itself still counts."""
    path = passage.path
    for index in range(len(path) - 1, -1, -1):
        if _BOX_NUMBER_RE.match(path[index].number):
            return tuple(path[index:])
    return tuple(path)


@dataclass(frozen=True)
class Hit:
    term: str
    start: int
    end: int
    weight: float
    listed: bool


@dataclass
class Judgement:
    """Why a passage is (not) about a theme; the numbers go to the export as ``scores``."""

    theme: str
    relevant: bool
    reason: str  # "section", "lead", "text" or "" when not relevant
    score: float
    coverage: float
    section: str | None = None  # id of the heading that made it relevant
    subtopic: str | None = None
    subtopic_scores: dict[str, float] = field(default_factory=dict)
    terms: tuple[str, ...] = ()


def _score(hits: Sequence[Hit]) -> float:
    """Sum of weights, each term counted at most twice: repeating one word is not more evidence."""
    seen: dict[str, int] = {}
    total = 0.0
    for hit in hits:
        seen[hit.term] = seen.get(hit.term, 0) + 1
        if seen[hit.term] <= 2:
            total += hit.weight
    return total


class SpanCache:
    """The enumerations of a text, which are the same for every theme: computed once per text and
    shared by a Classifier's matchers (the texts of one plan at a time)."""

    def __init__(self, stage_re: re.Pattern[str], stage_of: Mapping[str, str], domain_of: Mapping[str, str] | None = None):
        self.stage_re = stage_re
        self.stage_of = stage_of
        self.domain_of = dict(domain_of or {})
        self.domain_re = _alternation(self.domain_of)
        self._stages: dict[str, list[tuple[int, int]]] = {}
        self._listed: dict[str, list[tuple[int, int]]] = {}
        self._names: dict[str, list[re.Match[str]]] = {}

    def clear(self) -> None:
        self._stages.clear()
        self._listed.clear()
        self._names.clear()

    def names(self, text: str) -> list[re.Match[str]]:
        """The stage names in ``text``."""
        if text not in self._names:
            self._names[text] = list(self.stage_re.finditer(text))
        return self._names[text]

    def stages(self, text: str) -> list[tuple[int, int]]:
        """Enumerations of stages (:func:`enumeration_spans`)."""
        if text not in self._stages:
            self._stages[text] = enumeration_spans(text, self.stage_re, self.stage_of)
        return self._stages[text]

    def listed(self, text: str) -> list[tuple[int, int]]:
        """Enumerations of stages and of fields of education."""
        if text not in self._listed:
            spans = self.stages(text)
            self._listed[text] = spans + enumeration_spans(text, self.domain_re, self.domain_of) if self.domain_of else spans
        return self._listed[text]


class ThemeMatcher:
    """Compiled vocabulary of one theme."""

    def __init__(
        self,
        theme: Theme,
        stage_re: re.Pattern[str],
        stage_of: Mapping[str, str],
        umbrella: Iterable[str] = (),
        supply_terms: Iterable[str] = (),
        domain_of: Mapping[str, str] | None = None,
        spans: SpanCache | None = None,
    ) -> None:
        self.theme = theme
        self.spans = spans or SpanCache(stage_re, stage_of, domain_of)
        self.supply_terms = tuple(supply_terms)
        self.stages = frozenset(theme.stages)
        self.umbrella = frozenset(umbrella)
        self.stage_re = stage_re
        self.stage_of = stage_of
        self.term_re = _alternation(theme.terms)
        self.section_re = _alternation(theme.section_terms)
        self.exclude_re = _alternation(theme.exclude_terms)
        self.ignore_re = _alternation(theme.ignore_terms)
        self.subtopic_res = [(s.slug, _alternation(s.terms)) for s in theme.subtopics]
        #: the other themes of its kind, with or without ``stages`` (set by Classifier): see :meth:`claimed_by_another`
        self.peers: list[ThemeMatcher] = []
        self._names: dict[str, bool] = {}

    def listed_spans(self, text: str) -> list[tuple[int, int]]:
        """Enumerations of stages and of fields of education (“体育、科技、艺术”): their theme words
        are only listed."""
        return self.spans.listed(text)

    def stage_names(self, text: str) -> list[re.Match[str]]:
        """Stage names in ``text`` outside this theme's ignored phrases (高中 in “提高中外合作办学质量”)."""
        names = self.spans.names(text)
        if not names or not self.theme.ignore_terms:
            return names
        ignored = self._ignored(text)
        return [m for m in names if not any(s < m.end() and m.start() < e for s, e in ignored)]

    def _ignored(self, text: str) -> list[tuple[int, int]]:
        return [m.span() for m in self.ignore_re.finditer(text)] if self.theme.ignore_terms else []

    def hits(self, text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[Hit]:
        """The theme's terms in ``text``; context-tier terms only in sentences anchored by a core or
        strong term that is not merely listed among the stages."""
        spans = self.listed_spans(text) if spans is None else spans
        ignored = self._ignored(text)
        result = []
        for m in self.term_re.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in ignored):
                continue
            listed = any(s <= m.start() and m.end() <= e for s, e in spans)
            result.append(Hit(m.group(0), m.start(), m.end(), self.theme.terms[m.group(0)], listed))
        if not self.theme.context_terms:
            return result
        anchors = [
            m.start()
            for m in self.stage_names(text)
            if self.stage_of[m.group(0)] in self.stages and not any(s <= m.start() and m.end() <= e for s, e in spans)
        ]
        anchored = [(s.start(), s.end()) for s in _SENTENCE_RE.finditer(text) if any(s.start() <= a < s.end() for a in anchors)]
        context = self.theme.context_terms
        return [h for h in result if h.term not in context or any(s <= h.start < e for s, e in anchored)]

    def other_stage_section(self, passage: Passage) -> bool:
        """The nearest heading naming a school stage names only others (特殊教育, 普通高中 …).

        A passage there is about that stage even when it mentions this theme's stage
        (“保障义务教育阶段残疾儿童就近入学” under 特殊教育). Umbrella stages (基础教育) do not count.
        """
        if not self.stages:
            return False
        for section in reversed(headings(passage)):
            named = {self.stage_of[m.group(0)] for m in self.stage_names(section.title)} - self.umbrella
            if named:
                return not named & self.stages
        return False

    def names_theme(self, text: str) -> bool:
        """A heading or lead phrase names the theme (not merely within a list of stages, nor as part
        of a longer name of another stage: 小学 in 中小学 is not a primary school, while 职业教育 in
        中等职业教育 and 高中 in 高中阶段 still name their own stage)."""
        if text not in self._names:
            self._names[text] = self._names_theme(text)
        return self._names[text]

    def _names_theme(self, text: str) -> bool:
        spans = self.listed_spans(text) + self._ignored(text)
        longer = [(m.start(), m.end(), self.stage_of[m.group(0)]) for m in self.stage_re.finditer(text)]

        def inside_other(m: re.Match[str]) -> bool:
            # the stage the term itself names; a term that is no stage name (中等职业) reads as part of
            # the longer name, so it names the theme when that name is of one of the theme's own stages
            own = self.stage_of.get(m.group(0))
            return any(
                s <= m.start() and m.end() <= e and e - s > m.end() - m.start() and (stage != own if own else stage not in self.stages)
                for s, e, stage in longer
            )

        return any(
            not any(s < m.end() and m.start() < e for s, e in spans) and not inside_other(m) for m in self.section_re.finditer(text)
        )

    def supply_lead(self, lead: str, text: str) -> bool:
        """A lead about school places or layout (``supply_terms``: 学位, 布局, 新建 …) in a passage
        that names this theme's own stage outside enumerations (“基础教育学位建设项目 | …新建幼儿园3所、
        启动改扩建小学1所”): the passage is about the places of that stage."""
        if not self.stages or not any(t in lead for t in self.supply_terms):
            return False
        spans = self.spans.stages(text)
        return any(
            self.stage_of[m.group(0)] in self.stages - self.umbrella and not any(s <= m.start() and m.end() <= e for s, e in spans)
            for m in self.stage_names(text)
        )

    def is_overview(self, text: str) -> bool:
        """Names of OVERVIEW_STAGES or more stages outside enumerations: the passage surveys the stages."""
        spans = self.spans.stages(text)
        stages = {
            self.stage_of[m.group(0)]
            for m in self.stage_names(text)
            if not any(s <= m.start() and m.end() <= e for s, e in spans)
        }
        return len(stages - self.umbrella) >= OVERVIEW_STAGES

    def exclusion(self, text: str) -> float:
        return float(len(self.exclude_re.findall(text))) * 2.0

    def leads(self, passage: Passage) -> list[str]:
        """Short texts that act like headings: the lead phrase, a short passage, a table row's short cells."""
        if passage.kind == "tr":
            return [c for c in passage.cells if 2 <= len(c) <= LEAD_MAX and not c.replace(".", "").isdigit()]
        if len(passage.text) <= LEAD_MAX:
            return [passage.text]
        lead = _LEAD_RE.match(passage.text) or _FIRST_CLAUSE_RE.match(passage.text)
        return [lead.group(1)] if lead else []

    def stage_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentences whose topic is this theme's stage alone: their first clause names one of its own
        stages (not in an enumeration, not an umbrella like 中小学) and no other stage is named.

        A Chinese sentence states its topic once and then goes on (“义务教育阶段小学共有19所，……开设班级
        522个，在校学生17569人”); all of such a sentence is about the stage.
        """
        if not self.stages or not any(self.stage_of[m.group(0)] in self.stages - self.umbrella for m in self.stage_names(text)):
            return []
        spans = self.spans.stages(text)
        result = []
        for sentence in _SENTENCE_RE.finditer(text):
            names = [
                (m.start(), self.stage_of[m.group(0)])
                for m in self.stage_names(sentence.group(0))
                if not any(s <= m.start() + sentence.start() and m.end() + sentence.start() <= e for s, e in spans)
            ]
            first = _CLAUSE_RE.match(sentence.group(0))
            topic = {stage for start, stage in names if first and start < first.end()}
            named = {stage for _, stage in names}
            if topic & (self.stages - self.umbrella) and not named - self.stages - self.umbrella:
                result.append((sentence.start(), sentence.end()))
        return result

    def coverage(self, text: str, hits: Sequence[Hit]) -> float:
        """Share of the text (by characters) in clauses that are themselves about the theme, or in
        sentences about the theme's stage alone (:meth:`stage_sentences`)."""
        spans = list(self.stage_sentences(text))
        for clause in _CLAUSE_RE.finditer(text) if hits else ():
            weight = sum(h.weight for h in hits if clause.start() <= h.start < clause.end())
            if weight >= CLAUSE_MIN:
                spans.append(clause.span())
        # the union of those spans: a clause runs on across a table cell's end (“ | ”) while a sentence
        # stops there, so the two may overlap (counted twice, a table row could reach 1.5)
        covered, reach = 0, 0
        for s, e in sorted(spans):
            covered += max(0, e - max(s, reach))
            reach = max(reach, e)
        return covered / max(len(text), 1)

    def min_coverage(self, text: str, score: float) -> float:
        """Coverage a passage needs outside theme sections: more for a survey of the stages, less
        when the vocabulary is abundant (a long review whose theme words run through several
        sentences, e.g. 学区制, 集团化办学 and 一体化办学 in one achievements paragraph)."""
        if self.is_overview(text):
            return OVERVIEW_COVERAGE
        return RICH_COVERAGE if score >= RICH_SCORE else MIN_COVERAGE

    def claimed_by_another(self, passage: Passage, section: Section | None, context: Sequence[str], score: float = 0.0) -> bool:
        """Inside this theme's section, a nearer heading says the passage is about something else.

        Going inwards from the heading that names the theme (sub-headings, then run-in headings, then
        the passage's own lead when its text has not one clause's worth of this theme's words —
        “持续推进跨区域教育帮扶与交流。” under “完善教育治理体系” — or when only a run-in heading names the
        theme: “维护校园安全稳定，……” under “——坚持放管结合，……”), the first one that names the theme
        keeps the passage; the first one that names another theme of the same kind and not this one
        takes it away. For a theme without ``stages`` that is another
        topic across stages (“坚持安全第一，继续推进平安校园建设工作” under “构建现代化教育治理体系”); for a
        stage theme another stage theme or other school stages only (“建设智能化终身学习服务平台” under
        “加快发展现代职业教育”, “增强高等教育辐射力” under “高等教育产教融合发展”). Stage themes ignore
        topics across stages: a stage's chapter covers its teachers, its moral education and so on.
        This is what ``exclude_terms`` had to do word by word.
        """
        # the passage's own lead counts too when the passage has not one clause's worth of this theme's
        # words, and always under a run-in heading only (a run-in heading is the weaker kind)
        nearer: list[str] = list(self.leads(passage)) if score < CLAUSE_MIN or section is None else []
        if section is not None:
            path = headings(passage)
            nearer += list(reversed(context)) + [s.title for s in reversed(path[path.index(section) + 1 :])]
        for text in nearer:
            if self.names_theme(text):
                return False
            if self.stages:
                spans = self.spans.stages(text)
                named = {
                    self.stage_of[m.group(0)]
                    for m in self.stage_names(text)
                    if not any(s <= m.start() and m.end() <= e for s, e in spans)
                } - self.umbrella
                if named and not named & self.stages:
                    return True
            if any(peer.names_theme(text) for peer in self.peers):
                return True
        return False

    def judge(self, passage: Passage, context: Sequence[str] = ()) -> Judgement:
        """``context``: run-in headings above the passage within its section (see Classifier)."""
        text = passage.text
        hits = [h for h in self.hits(text) if not h.listed]
        score = _score(hits)
        coverage = self.coverage(text, hits)
        terms = tuple(dict.fromkeys(h.term for h in hits))
        section = next((s for s in reversed(headings(passage)) if self.names_theme(s.title)), None)
        reason = ""
        # a run-in heading (“——坚持生命至上，疫情防控阻击战取得新胜利”) governs the paragraphs after it that
        # use the theme's words at all (one clause's worth), not the closing summary after the last one
        claimed = section is not None or (score >= CLAUSE_MIN and any(self.names_theme(c) for c in context))
        if claimed and self.claimed_by_another(passage, section, context, score):
            claimed, section = False, None
        if claimed:
            excluded = bool(self.theme.exclude_terms) and self.exclusion(text) >= EXCLUDE_MIN and score < self.exclusion(text) / 2
            reason = "" if excluded else "section"
        elif self.other_stage_section(passage):
            # under another stage's heading only a lead naming this theme and no other stage theme counts
            # (“打造……继续教育品牌” under “挖掘职业教育资源”; not “巩固提高残疾儿童少年义务教育普及水平”
            # under 特殊教育, which names special education too)
            own = [lead for lead in self.leads(passage) if self.names_theme(lead)]
            reason = "lead" if own and not any(peer.names_theme(lead) for lead in own for peer in self.peers) else ""
        elif any(self.names_theme(lead) or self.supply_lead(lead, text) for lead in self.leads(passage)):
            reason = "lead"
        elif passage.path and self.supply_lead(passage.section.title, text):
            # its own heading is about school places (“学位供给不均衡”, “优化整合全区教育资源布局”)
            section, reason = passage.section, "section"
        elif score >= MIN_SCORE and coverage >= self.min_coverage(text, score):
            reason = "text"
        judgement = Judgement(
            theme=self.theme.slug,
            relevant=bool(reason),
            reason=reason,
            score=round(score, 2),
            coverage=round(coverage, 3),
            section=section.id if section is not None and reason == "section" else None,
            terms=terms,
        )
        if judgement.relevant:
            self._subtopic(passage, judgement)
        return judgement

    def _subtopic(self, passage: Passage, judgement: Judgement) -> None:
        """Best-matching sub-topic; the own heading and the lead phrase count double (they name what
        the passage does, the body lists how)."""
        heading = passage.section.title if passage.path else ""
        leads = " ".join(self.leads(passage)) if passage.kind != "tr" else ""
        scores: dict[str, float] = {}
        for slug, regex in self.subtopic_res:
            value = len(regex.findall(passage.text)) + 2 * len(regex.findall(heading)) + 2 * len(regex.findall(leads))
            if value:
                scores[slug] = float(value)
        judgement.subtopic_scores = scores
        judgement.subtopic = max(scores, key=lambda s: scores[s]) if scores else None


class Classifier:
    """All themes of a theme set, compiled once per build."""

    def __init__(self, themes: ThemeSet) -> None:
        self.themes = themes
        stage_of = themes.stage_of
        stage_re = _alternation(stage_of)
        self.spans = SpanCache(stage_re, stage_of, themes.domain_of)
        self.matchers = [
            ThemeMatcher(theme, stage_re, stage_of, themes.umbrella_stages, themes.supply_terms, spans=self.spans)
            for theme in themes.themes
        ]
        for matcher in self.matchers:
            matcher.peers = [m for m in self.matchers if m is not matcher and bool(m.stages) == bool(matcher.stages)]

    def judge(self, passage: Passage, context: Sequence[str] = ()) -> list[Judgement]:
        return [m.judge(passage, context) for m in self.matchers]

    def judge_plan(self, passages: Sequence[Passage]) -> list[list[Judgement]]:
        """Judge a plan's passages in order, carrying run-in headings (“——坚持人才强教，…”) as context.

        A run-in heading governs the paragraphs after it up to the next one or the next heading (those
        that use its theme's words: see :meth:`ThemeMatcher.judge`).
        """
        return [self.judge(passage, context) for passage, context in self.contexts(passages)]

    def clear(self) -> None:
        """Empty the per-text caches (they hold one plan's texts at a time)."""
        self.spans.clear()
        for matcher in self.matchers:
            matcher._names.clear()

    def contexts(self, passages: Sequence[Passage]) -> Iterator[tuple[Passage, tuple[str, ...]]]:
        """Each passage with the run-in heading that governs it (see :meth:`judge_plan`): a passage's
        judgements depend on the passage and this context only, so they can be cached per passage."""
        self.clear()
        context: tuple[str, ...] = ()
        section = None
        for passage in passages:
            if passage.section_id != section:
                section, context = passage.section_id, ()
            if passage.kind == "p" and _RUN_IN_RE.match(passage.text):
                context = (passage.text,)
                yield passage, ()
                continue
            yield passage, context


@dataclass(frozen=True)
class MainSection:
    section: Section
    count: int
    #: other headings naming the theme that hold cited passages outside the main one
    others: tuple[tuple[Section, int], ...]


def main_section(matcher: ThemeMatcher, passages: Sequence[Passage], relevant: set[str]) -> MainSection | None:
    """The heading that names the theme and holds most of its cited passages (shallowest on ties).

    A heading whose own title does not name the theme still qualifies when most (and at least two)
    of its sub-headings do (怀柔 “（七）…推进教育与现代科技深度融合发展” with 1. 信息化, 2. 互联网+,
    3. 信息化) — but not a broad chapter where two of five sub-headings do.
    Falls back to the heading holding most cited passages when no heading names the theme.
    """
    counts: dict[str, int] = {}
    sections: dict[str, Section] = {}
    parent: dict[str, str] = {}
    for passage in passages:
        for outer, inner in zip(passage.path, passage.path[1:], strict=False):
            parent[inner.id] = outer.id
        for section in passage.path:
            sections[section.id] = section
            if passage.id in relevant:
                counts[section.id] = counts.get(section.id, 0) + 1
    named = {s.id for s in sections.values() if matcher.names_theme(s.title) and counts.get(s.id)}
    children: dict[str, set[str]] = {}
    for child, outer in parent.items():
        children.setdefault(outer, set()).add(child)
    named |= {sid for sid, kids in children.items() if len(kids & named) >= 2 and 2 * len(kids & named) > len(kids)}
    pool = [sections[sid] for sid in named] or [s for s in sections.values() if counts.get(s.id, 0) >= 2 and s.level >= 3]
    if not pool:
        return None
    first = {}
    for passage in passages:
        for section in passage.path:
            first.setdefault(section.id, passage.order)
    # most cited passages; then the shallower heading; then the title most about the theme; then the earlier
    best = max(pool, key=lambda s: (counts[s.id], -s.level, _score(matcher.hits(s.title)), -first[s.id]))

    def inside(inner: str, outer: str) -> bool:
        while inner in parent:
            inner = parent[inner]
            if inner == outer:
                return True
        return False

    others = [
        (sections[sid], counts[sid])
        for sid in sorted(named, key=lambda i: first[i])
        if sid != best.id and not inside(sid, best.id) and not inside(best.id, sid) and not any(inside(sid, o) for o in named)
    ]
    return MainSection(best, counts[best.id], tuple(others))
