"""Every plan imported from its PDF and its Word version gives what its text import gives.

The PDF and Word files are made from the committed pages (tests/importing/fixtures/make_fixtures.py):
printed by Chromium with A4 margins, “— N —” footers and running headers, a table of contents and
ruled tables; written by python-docx with heading styles, bold paragraphs only, or Word's own
automatic numbering. For each plan and format: the outline (level, id and text of every heading)
equals the text import's, every sentence of the text import is there, the tables have the same
rows and columns (and cells), and nothing else is there — no page number, header or footer text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator import PROJECT_ROOT
from generator.importing.pipeline import Converted, convert_plan, convert_raw
from generator.importing.readers import read_raw
from generator.importing.readers.paragraphs import is_page_number
from generator.importing.structure import Heading
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")
SLUGS = ("dongcheng", "haidian", "huairou", "jingkai", "mentougou")
_KEEP = re.compile(r"[^\u3007\u4e00-\u9fff0-9A-Za-z%]")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def letters(text: str) -> str:
    return _KEEP.sub("", html.unescape(text.replace("\\", "")))


def body(markdown: str) -> str:
    return markdown.split("\n---\n", 1)[1]


def paragraphs(markdown: str) -> list[str]:
    lines = [line for line in body(markdown).split("\n") if line.strip() and not line.startswith(("<!--", ">", "|", "# "))]
    return [text for text in (letters(line) for line in lines) if text]


def sentences(markdown: str) -> list[str]:
    found: list[str] = []
    for line in body(markdown).split("\n"):
        if line.startswith(("<!--", ">", "# ")):
            continue
        found += [letters(s) for s in re.split(r"[。！？；|]", line) if letters(s)]
    return found


def tables(markdown: str) -> list[list[list[str]]]:
    out: list[list[list[str]]] = []
    current: list[list[str]] = []
    for line in [*markdown.split("\n"), ""]:
        if line.startswith("|"):
            raw_cells = [c.strip() for c in _CELL_SPLIT.split(line.strip())[1:-1]]
            if not all(re.fullmatch(r"-{3,}", c) for c in raw_cells):
                current.append([letters(c) for c in raw_cells])
        elif current:
            out.append(current)
            current = []
    return out


def outline(converted: Converted) -> list[tuple[int, str, str]]:
    return [(b.level, b.id, b.text) for b in converted.blocks if isinstance(b, Heading)]


@pytest.fixture(scope="module")
def text_imports() -> dict[str, Converted]:
    return {slug: convert_plan(REGISTRY, REGISTRY.get(slug)) for slug in SLUGS}


@pytest.fixture(scope="module")
def format_imports(published: Path) -> dict[tuple[str, str], Converted]:
    found = {}
    for slug in SLUGS:
        for ext in ("pdf", "docx"):
            path = published / f"{slug}.{ext}"
            found[(slug, ext)] = convert_raw(REGISTRY.get(slug), read_raw(path), path)
    return found


CASES = [(slug, ext) for slug in SLUGS for ext in ("pdf", "docx")]


@pytest.mark.parametrize(("slug", "ext"), CASES)
def test_outline_equals_the_text_import(text_imports, format_imports, slug: str, ext: str) -> None:
    expected = outline(text_imports[slug])
    assert len(expected) == text_imports[slug].headings > 30
    assert outline(format_imports[(slug, ext)]) == expected


@pytest.mark.parametrize(("slug", "ext"), CASES)
def test_no_sentence_of_the_text_import_is_lost(text_imports, format_imports, slug: str, ext: str) -> None:
    page = "".join(paragraphs(format_imports[(slug, ext)].markdown)) + "".join(
        "".join("".join(row) for row in table) for table in tables(format_imports[(slug, ext)].markdown)
    )
    expected = sentences(text_imports[slug].markdown)
    assert len(expected) > 300
    assert [s for s in expected if s not in page] == []


@pytest.mark.parametrize(("slug", "ext"), CASES)
def test_tables_have_the_same_rows_columns_and_cells(text_imports, format_imports, slug: str, ext: str) -> None:
    expected, got = tables(text_imports[slug].markdown), tables(format_imports[(slug, ext)].markdown)
    assert len(got) == len(expected) == text_imports[slug].tables
    for want, have in zip(expected, got, strict=True):
        assert (len(have), {len(r) for r in have}) == (len(want), {len(r) for r in want})
        assert have == want


@pytest.mark.parametrize(("slug", "ext"), CASES)
def test_nothing_but_plan_text_no_page_numbers_headers_or_footers(text_imports, format_imports, slug: str, ext: str) -> None:
    converted = format_imports[(slug, ext)]
    reference = "".join(paragraphs(text_imports[slug].markdown))
    assert [p for p in paragraphs(converted.markdown) if p not in reference] == []
    lines = body(converted.markdown).split("\n")
    assert [line for line in lines if is_page_number(line.replace("\\", ""))] == []
    title = REGISTRY.get(slug).title
    assert body(converted.markdown).count(title) == body(text_imports[slug].markdown).count(title)
    assert converted.notice == text_imports[slug].notice
