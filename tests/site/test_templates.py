"""Template overrides that copy a Material partial stay copies (a Material upgrade fails here, loudly)."""

from __future__ import annotations

import re
from pathlib import Path

import material

from generator import PROJECT_ROOT

MATERIAL = Path(material.__file__).parent / "templates"


def body(path: Path) -> str:
    """The template without its leading {#- … -#} comment."""
    text = path.read_text(encoding="utf-8")
    return text.split("-#}\n", 1)[1] if text.startswith("{#-") else text


def test_search_partial_keeps_materials_markup_but_starts_no_material_search() -> None:
    """The site's dialog (Pagefind) reuses Material's classes, so its stylesheet lays it out; Material's
    script starts its search (worker + search_index.json on every page load) only for a form named
    "search" inside data-md-component="search", so neither may be there."""
    ours = body(PROJECT_ROOT / "overrides" / "partials" / "search.html")
    theirs = body(MATERIAL / "partials" / "search.html")
    assert 'data-md-component="search"' in theirs and 'name="search"' in theirs
    assert 'data-md-component="search"' not in ours and 'name="search"' not in ours
    assert '<div class="md-search" role="dialog" aria-label="站内搜索" data-plan-search' in ours
    for css_class in re.findall(r'class="(md-search[^"]*)"', theirs):
        if "share" not in css_class and "suggest" not in css_class:
            assert f'class="{css_class}"' in ours, css_class


def test_language_partial_is_materials_with_the_sites_own_skip_link_text() -> None:
    ours = body(PROJECT_ROOT / "overrides" / "partials" / "language.html")
    theirs = body(MATERIAL / "partials" / "language.html")
    lookup = "{{ lang.t(key) or fallback.t(key) or key }}"
    assert lookup in theirs
    assert ours == theirs.replace(lookup, '{{ {"action.skip": "跳到正文"}[key] or lang.t(key) or fallback.t(key) or key }}')
