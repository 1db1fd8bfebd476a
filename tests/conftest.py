"""Fixtures shared by several test modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from project_copy import copy_project, mkdocs_build

from generator import PROJECT_ROOT
from generator.crossref.build import CrossReference, build
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import load_themes
from generator.registry import load_registry


@pytest.fixture(scope="session")
def xref() -> CrossReference:
    """The cross-reference of the committed plans, built once per test session (read-only)."""
    registry = load_registry(PROJECT_ROOT / "corpus" / "plans.yml", check_files=False)
    texts = {p.slug: read_plan(PROJECT_ROOT / "docs" / "plans" / f"{p.slug}.md") for p in registry.plans}
    extensions, configs = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")
    return build(registry.plans, texts, load_themes(PROJECT_ROOT / "topics"), extensions, configs)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built by ``mkdocs build --strict`` once per session (read-only)."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    return project
