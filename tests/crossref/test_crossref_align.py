"""Aligned groups for the compare view (generator.crossref.align), on hand-made similarities and
on the real plans."""

from __future__ import annotations

from generator.crossref.align import align
from generator.crossref.build import CrossReference
from generator.crossref.render import compare_rows, record_runs

SIMILARITY = {
    frozenset(("a1", "b2")): 0.9,
    frozenset(("b2", "c1")): 0.6,
    frozenset(("a2", "b1")): 0.5,
    frozenset(("a1", "c1")): 0.4,
    frozenset(("a2", "c1")): 0.3,
    frozenset(("a3", "b1")): 0.05,  # below the threshold: no correspondence
}


def similarity(a: str, b: str) -> float:
    return SIMILARITY.get(frozenset((a, b)), 0.0)


def test_most_similar_pair_first_then_each_other_district_joins_the_anchor():
    groups = align({"A": ["a1", "a2", "a3"], "B": ["b1", "b2"], "C": ["c1"]}, similarity, threshold=0.08)
    assert [(g.cells, g.aligned) for g in groups] == [
        # a2–b1 (0.5) comes second, as c1 is taken (no passage is used twice), but the group stands
        # higher in its plans (mean relative position 0.375 against 0.47), so it is shown first
        ({"A": "a2", "B": "b1"}, True),
        ({"A": "a1", "B": "b2", "C": "c1"}, True),  # a1–b2 (0.9) seeds it; c1 is a1's best in C (0.4)
        ({"A": "a3"}, False),  # nothing reaches the threshold with a3
    ]


def test_leftovers_fill_lines_in_plan_order():
    groups = align({"A": ["x1", "x2"], "B": ["y1"], "C": []}, lambda a, b: 0.0)
    assert [(g.cells, g.aligned) for g in groups] == [({"A": "x1", "B": "y1"}, False), ({"A": "x2"}, False)]


def test_groups_follow_the_plans_order():
    sims = {frozenset(("a1", "b1")): 0.2, frozenset(("a2", "b2")): 0.9}
    groups = align({"A": ["a1", "a2"], "B": ["b1", "b2"]}, lambda a, b: sims.get(frozenset((a, b)), 0.0))
    assert [g.cells for g in groups] == [{"A": "a1", "B": "b1"}, {"A": "a2", "B": "b2"}]


def _units(line) -> list[tuple[str, str]]:
    out = []
    for plan, entry in line.cells:
        if entry is not None:
            out += [(plan, r.anchor) for r in entry.rows] if entry.rows else [(plan, entry.anchor)]
    return out


def test_real_rows_align_corresponding_passages_and_use_each_once(xref: CrossReference):
    chips = xref.chips()
    shared = {}
    for slug in ("preschool", "compulsory", "teachers"):
        result = xref.results[slug]
        rows = compare_rows(xref, result, chips)
        seen: list[tuple[str, str]] = []
        for row in rows:
            for line in row.lines:
                seen += _units(line)
        cited = [(c.plan.slug, c.entry_id) for c in result.citations]
        # every cited passage appears exactly once (record runs show their rows)
        assert sorted(seen) == sorted(cited), slug
        shared[slug] = {
            (row.slug, tuple(anchor for _, anchor in _units(line)))
            for row in rows
            for line in row.lines
            if line.aligned and len({plan for plan, _ in _units(line)}) >= 2
        }
    # pinned on real passages: corresponding passages of two or more districts share one group
    pinned = {
        # 普惠性幼儿园覆盖率, the indicator row of three plans
        "preschool": ("inclusive", {"haidian-b1-p2", "huairou-s2-3-zl1-p2", "mentougou-b2-p2"}),
        # 校外培训机构治理: 东城 四（二）3. and 海淀 四（八）“依法规范校外培训机构”
        "compulsory": ("double-reduction", {"dongcheng-s4-2-3-p1", "haidian-s4-8-p4"}),
        # 思想政治和师德师风建设摆在首位: 海淀 四（十二） and 怀柔 三（五）2.
        "teachers": ("ethics", {"haidian-s4-12-p2", "huairou-s3-5-2-p1"}),
    }
    for slug, (subtopic, anchors) in pinned.items():
        assert any(row == subtopic and anchors <= set(group) for row, group in shared[slug]), slug


def test_record_runs_are_aligned_as_one_unit(xref: CrossReference):
    result = xref.results["preschool"]
    runs = record_runs(result.grouped("supply", "huairou"))
    assert any(len(run) > 1 for run in runs)  # the 附件1 facility rows
    rows = {row.slug: row for row in compare_rows(xref, result, xref.chips())}
    grouped = [entry for line in rows["supply"].lines for plan, entry in line.cells if plan == "huairou" and entry and entry.rows]
    assert grouped and all(entry.anchor.endswith("-rows") for entry in grouped)
