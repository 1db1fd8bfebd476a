"""Template overrides that copy a Material partial stay copies (a Material upgrade fails here, loudly)."""

from __future__ import annotations

from pathlib import Path

import material

from generator import PROJECT_ROOT

MATERIAL = Path(material.__file__).parent / "templates"


def body(path: Path) -> str:
    """The template without its leading {#- … -#} comment."""
    text = path.read_text(encoding="utf-8")
    return text.split("-#}\n", 1)[1] if text.startswith("{#-") else text


def test_search_partial_is_materials_with_an_accessible_name_for_the_dialog() -> None:
    ours = body(PROJECT_ROOT / "overrides" / "partials" / "search.html")
    theirs = body(MATERIAL / "partials" / "search.html")
    dialog = '<div class="md-search" data-md-component="search" role="dialog">'
    assert dialog in theirs
    assert ours == theirs.replace(dialog, dialog[:-1] + ' aria-label="站内搜索">')


def test_language_partial_is_materials_with_the_sites_own_skip_link_text() -> None:
    ours = body(PROJECT_ROOT / "overrides" / "partials" / "language.html")
    theirs = body(MATERIAL / "partials" / "language.html")
    lookup = "{{ lang.t(key) or fallback.t(key) or key }}"
    assert lookup in theirs
    assert ours == theirs.replace(lookup, '{{ {"action.skip": "跳到正文"}[key] or lang.t(key) or fallback.t(key) or key }}')
