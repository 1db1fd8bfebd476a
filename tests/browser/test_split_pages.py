"""A split topic page in the browser: a link published before the split (an entry, a district
under a sub-topic, a sub-topic) lands on its passage in the part that now holds it, and a compare
view's ?d= choice goes to the part of its districts (docs/assets/javascripts/topics.js).

The site is a copy built with a small page budget, so today's five plans are split into parts
(generator/crossref/layout.py); it is served on 127.0.0.1 like the main browser site."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from browser_helpers import SUBPATH, serve_directory
from playwright.sync_api import Browser, Page
from project_copy import copy_project

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def split_origin(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("split-browser"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - plancompare\n", "  - plancompare:\n      page_budget: 40000\n", 1), encoding="utf-8"
    )
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1{SUBPATH}", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    with serve_directory(project / "site", "split-site") as origin:
        yield origin


@pytest.fixture
def tab(browser: Browser, split_origin: str) -> Iterator[Page]:
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.route("**/*", lambda route, req: route.continue_() if req.url.startswith(split_origin) else route.abort())
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.mark.parametrize("anchor", ["haidian-s4-4-p2", "supply-haidian", "supply"])
def test_an_old_anchor_lands_on_its_passage_after_the_split(tab: Page, split_origin: str, anchor: str) -> None:
    tab.goto(f"{split_origin}{SUBPATH}themes/preschool/#{anchor}")
    tab.wait_for_url("**/themes/preschool/part-*/#" + anchor)
    assert tab.locator(f"[id='{anchor}']").count() == 1


def test_a_compare_choice_goes_to_the_part_of_its_districts(tab: Page, split_origin: str) -> None:
    tab.goto(f"{split_origin}{SUBPATH}themes/preschool/compare/?d=haidian,dongcheng")
    tab.wait_for_url("**/themes/preschool/compare-*/?d=*")
    columns = tab.locator(".compare-table thead th[data-plan]").evaluate_all("ths => ths.map(th => th.dataset.plan)")
    assert "haidian" in columns
