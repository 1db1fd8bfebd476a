"""The site's MkDocs hooks (overrides/hooks/*.py): nav completion and the search index."""

from __future__ import annotations

import copy
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]


def load_hook(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"site_hook_{name}", ROOT / "overrides" / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


nav_hook = load_hook("nav")
search_hook = load_hook("search_index")


def real_nav() -> list:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        return yaml_load(fh)["nav"]


def section(nav: list, title: str) -> list:
    return next(entry[title] for entry in nav if isinstance(entry, dict) and title in entry)


def test_completed_real_nav_lists_every_about_page_and_leaves_plans_to_the_plugin() -> None:
    nav = real_nav()
    nav_hook.complete_nav(nav, ROOT / "docs")
    assert section(nav, "规划原文") == section(real_nav(), "规划原文")
    about = section(nav, "数据与说明")
    assert {f"about/{p.name}" for p in (ROOT / "docs" / "about").glob("*.md")} <= set(about)
    assert about[:4] == ["about/index.md", "about/sources.md", "about/data.md", "about/plan-format.md"]


def test_a_new_about_page_is_appended_to_its_section_once(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "plans", docs / "plans")
    shutil.copytree(ROOT / "docs" / "about", docs / "about")
    (docs / "plans" / "chaoyang.md").write_text("# 朝阳\n", encoding="utf-8")
    (docs / "about" / "performance.md").write_text("# 性能\n", encoding="utf-8")
    nav = real_nav()
    original = copy.deepcopy(nav)
    added = nav_hook.complete_nav(nav, docs)
    assert added == ["about/performance.md"]  # the new plan is the plugin's to place
    assert section(nav, "数据与说明").count("about/performance.md") == 1
    assert nav[0] == original[0]  # 首页 untouched
    assert nav_hook.complete_nav(nav, docs) == []  # idempotent


PASSAGE = (
    '<p class="passage" id="s4-4-p2">制定实施新一期学前教育行动计划。'
    '<a class="passage-permalink" href="#s4-4-p2" title="段落永久链接">¶</a>'
    '<span class="theme-chips"><a class="theme-chip" href="../themes/preschool.md#x">学前教育</a></span></p>'
)


def test_passage_furniture_is_excluded_from_search_and_text_is_not() -> None:
    out = search_hook.exclude_decorations(PASSAGE)
    assert out == (
        '<p class="passage" id="s4-4-p2">制定实施新一期学前教育行动计划。'
        '<a class="passage-permalink" data-search-exclude href="#s4-4-p2" title="段落永久链接">¶</a>'
        '<span class="theme-chips" data-search-exclude><a class="theme-chip" href="../themes/preschool.md#x">学前教育</a></span></p>'
    )
    assert search_hook.exclude_decorations(out) == out
