"""Aligned rows for the compare view: corresponding passages of different districts side by side.

Within one sub-topic, each district has a few cited passages. Read in columns, a comparison is
easiest when the passages that answer each other (东城's 普惠园 passage and 海淀's) sit at the same
height. A row is therefore built as a sequence of *aligned groups*: a passage of one district and
its most similar passage in each other district — by the same TF-IDF cosine that gives
“其他区对应内容” (generator.crossref.similarity) — using no passage twice; then, in rows of their
own, the passages that corresponded to nothing.

Greedy, most similar pair first: the pair (a, b) with the highest similarity among unused
passages of two districts seeds a group; a is its anchor, and every other district contributes its
unused passage most similar to a, if any reaches ``MIN_SIMILARITY``. Greedy is what a reader would
do by hand, it is deterministic, and for the handful of passages per cell an optimal assignment
would rarely differ.

The units aligned are *runs* (see render.record_runs: adjacent record rows of one table count as
one unit, a facility list is compared as a whole), so this module only needs a similarity between
two units and a position of each unit in its plan.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.crossref.similarity import MIN_SIMILARITY

log = logging.getLogger(__name__)

Unit = TypeVar("Unit")


@dataclass(frozen=True)
class AlignedGroup(Generic[Unit]):
    """One line of a compare row: at most one unit per district (plan slug -> unit)."""

    cells: dict[str, Unit]
    #: True for a group of corresponding passages, False for the passages that matched nothing
    aligned: bool


def align(
    units: Mapping[str, Sequence[Unit]],
    similarity: Callable[[Unit, Unit], float],
    threshold: float = MIN_SIMILARITY,
) -> list[AlignedGroup[Unit]]:
    """Aligned groups, then leftover lines, for ``units`` (plan slug -> its units in plan order).

    Aligned groups are ordered by where their members stand in their plans (mean relative
    position), so a column still reads roughly in plan order; leftover line k holds the k-th
    unmatched unit of each district.
    """
    plans = [plan for plan, items in units.items() if items]
    index = {(plan, i): unit for plan in plans for i, unit in enumerate(units[plan])}
    scores: dict[tuple[tuple[str, int], tuple[str, int]], float] = {}
    pairs: list[tuple[float, tuple[str, int], tuple[str, int]]] = []
    for a_rank, a_plan in enumerate(plans):
        for b_plan in plans[a_rank + 1 :]:
            for i, a in enumerate(units[a_plan]):
                for j, b in enumerate(units[b_plan]):
                    score = similarity(a, b)
                    scores[((a_plan, i), (b_plan, j))] = scores[((b_plan, j), (a_plan, i))] = score
                    if score >= threshold:
                        pairs.append((score, (a_plan, i), (b_plan, j)))
    pairs.sort(key=lambda p: (-p[0], plans.index(p[1][0]), p[1][1], plans.index(p[2][0]), p[2][1]))
    used: set[tuple[str, int]] = set()
    groups: list[dict[str, int]] = []
    for _, a, b in pairs:
        if a in used or b in used:
            continue
        group = {a[0]: a[1], b[0]: b[1]}
        for plan in plans:
            if plan in group:
                continue
            candidates = [(scores[(a, (plan, k))], -k, k) for k in range(len(units[plan])) if (plan, k) not in used]
            best = max(candidates, default=None)
            if best is not None and best[0] >= threshold:
                group[plan] = best[2]
        used.update(group.items())
        groups.append(group)

    def position(group: dict[str, int]) -> float:
        return sum((k + 0.5) / len(units[plan]) for plan, k in group.items()) / len(group)

    result = [AlignedGroup({plan: index[(plan, g[plan])] for plan in plans if plan in g}, True) for g in sorted(groups, key=position)]
    leftovers = {plan: [index[(plan, k)] for k in range(len(units[plan])) if (plan, k) not in used] for plan in plans}
    for line in range(max((len(v) for v in leftovers.values()), default=0)):
        cells = {plan: items[line] for plan, items in leftovers.items() if line < len(items)}
        result.append(AlignedGroup(cells, False))
    return result
