"""Which pages a topic's entries go on: one topic page and one compare view, or parts of them.

A topic page lists every cited passage of every district; a compare view puts them side by side
in full. Both grow with the corpus (at 20× the plans a topic page would be 1.5–2.9 MB), so when a
page would pass :data:`PAGE_CAP_BYTES` its districts are split into consecutive groups in registry
order, each group on a part page of its own (``themes/<slug>/part-<k>.md``,
``themes/<slug>/compare-<k>.md``), and the original page becomes an overview: the matrix, main
sections and indicators of every district, the list of parts, and a small anchor → page map that
topics.js follows, so a published link such as ``themes/preschool/#haidian-s4-4-p2`` still lands on
its passage. The decision is by estimated size, with the same code at every scale: at today's
size every page is under the cap and nothing splits.

The estimate is deliberately simple (bytes of passage text plus a fixed cost per entry, per
similar-passage link, per chip and, in a compare view, per empty cell of a line); render.py checks
each rendered part and halves a group that still comes out too large, and a test checks every
built page against the cap.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from generator.registry import Plan

THEMES_DIR = "themes"
#: no built HTML page may be larger than this (issue 15); tests/site/test_page_size.py checks it
PAGE_CAP_BYTES = 300_000
#: Material's page furniture (header, navigation, footer) around the content, which grows with the
#: number of plans in the navigation; measured on built pages: ~40 KB with five plans
CHROME_BYTES = 45_000
CHROME_BYTES_PER_PLAN = 400
#: safety margin for what the estimate leaves out (the matrix, headings, attribute escaping)
MARGIN_BYTES = 25_000

# estimated bytes of rendered HTML (UTF-8: a Chinese character is three bytes)
TOPIC_ENTRY = 420
TOPIC_SIMILAR = 240
TOPIC_TEXT_CHARS = 300  # an excerpt is at most EXCERPT_LIMIT characters plus ellipses and <mark>s
DISTRICT_HEADING = 260
COMPARE_ENTRY = 450
COMPARE_CHIP = 120
COMPARE_CELL = 70
COMPARE_COLUMN = 500


def body_budget(plan_count: int, cap: int = PAGE_CAP_BYTES) -> int:
    """Bytes of page content (Markdown, mostly raw HTML) a page may hold and stay under ``cap``."""
    return cap - CHROME_BYTES - CHROME_BYTES_PER_PLAN * plan_count - MARGIN_BYTES


@dataclass(frozen=True)
class Part:
    """One page of a topic's entries: its docs path, its districts, its number (1-based)."""

    src_uri: str
    plans: tuple[Plan, ...]
    number: int

    @property
    def label(self) -> str:
        """``东城—怀柔`` (the first and last district of the part), for titles and part lists."""
        first, last = self.plans[0].short_name, self.plans[-1].short_name
        return first if len(self.plans) == 1 else f"{first}—{last}"


@dataclass(frozen=True)
class ThemeLayout:
    slug: str
    topic_parts: tuple[Part, ...]
    compare_parts: tuple[Part, ...]
    directory_urls: bool = True

    @classmethod
    def single(cls, slug: str, plans: Sequence[Plan], directory_urls: bool = True) -> ThemeLayout:
        """Everything on the topic page and the compare view themselves (no split)."""
        return cls(
            slug,
            (Part(topic_page(slug), tuple(plans), 1),),
            (Part(compare_page(slug), tuple(plans), 1),),
            directory_urls,
        )

    @property
    def topic_overview(self) -> str:
        return topic_page(self.slug)

    @property
    def compare_overview(self) -> str:
        return compare_page(self.slug)

    @property
    def topic_split(self) -> bool:
        return self.topic_parts[0].src_uri != self.topic_overview

    @property
    def compare_split(self) -> bool:
        return self.compare_parts[0].src_uri != self.compare_overview

    @cached_property
    def _topic_index(self) -> dict[str, str]:
        return {plan.slug: part.src_uri for part in self.topic_parts for plan in part.plans}

    @cached_property
    def _compare_index(self) -> dict[str, str]:
        return {plan.slug: part.src_uri for part in self.compare_parts for plan in part.plans}

    def topic_page_of(self, plan: str) -> str:
        """docs path of the page holding ``plan``'s entries (looked up for every link of every entry)."""
        return self._topic_index.get(plan, self.topic_overview)

    def compare_page_of(self, plan: str) -> str:
        return self._compare_index.get(plan, self.compare_overview)

    def chip_stem(self, plan: str) -> str:
        """The topic page of ``plan``'s entries as a path under themes/ without ``.md`` (chips link to it)."""
        return self.topic_page_of(plan)[len(THEMES_DIR) + 1 : -3]

    @staticmethod
    def up(page: str) -> str:
        """From ``page``'s folder to docs/: ``..`` for themes/x.md, ``../..`` for themes/x/compare.md."""
        return "/".join([".."] * page.count("/")) or "."

    @staticmethod
    def md_link(page: str, target: str) -> str:
        """Markdown link (a docs-relative ``.md`` path) from ``page`` to ``target``; MkDocs rewrites it."""
        return posixpath.relpath(target, posixpath.dirname(page) or ".")


def topic_page(slug: str) -> str:
    return f"{THEMES_DIR}/{slug}.md"


def compare_page(slug: str) -> str:
    """docs-relative path of a topic's compare view (URL themes/<slug>/compare/)."""
    return f"{THEMES_DIR}/{slug}/compare.md"


def topic_part_page(slug: str, number: int) -> str:
    return f"{THEMES_DIR}/{slug}/part-{number}.md"


def compare_part_page(slug: str, number: int) -> str:
    return f"{THEMES_DIR}/{slug}/compare-{number}.md"


def pack(plans: Sequence[Plan], weight: Callable[[Sequence[Plan]], int], budget: int) -> list[tuple[Plan, ...]]:
    """Consecutive groups of ``plans`` (registry order), each as large as ``weight`` allows within
    ``budget``; a plan heavier than the budget alone still gets a group of its own."""
    groups: list[tuple[Plan, ...]] = []
    current: list[Plan] = []
    for plan in plans:
        if current and weight([*current, plan]) > budget:
            groups.append(tuple(current))
            current = []
        current.append(plan)
    if current:
        groups.append(tuple(current))
    return groups


def parts(slug: str, groups: Sequence[tuple[Plan, ...]], name: Callable[[str, int], str], whole: str) -> tuple[Part, ...]:
    if len(groups) <= 1:
        return (Part(whole, tuple(groups[0]) if groups else (), 1),)
    return tuple(Part(name(slug, k), group, k) for k, group in enumerate(groups, start=1))
