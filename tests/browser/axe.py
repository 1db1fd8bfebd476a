"""axe-core in the browser tests: the pinned npm package (tests/browser/package.json), injected into the
page under test as a script (same origin: the page's own request guard sees no request at all).

``make test`` installs it (.ci/node-deps.sh: ``npm ci`` in tests/browser) as it installs Chromium.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
#: WCAG 2.0/2.1 A and AA, plus axe's best practices (the issue's rule sets)
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")


@functools.cache
def axe_source() -> str:
    if not AXE_JS.is_file():
        pytest.fail(f"axe-core not installed at {AXE_JS}: run `make node-deps` (npm ci in tests/browser)", pytrace=False)
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, context: str | None = None, rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe's violations on the page (or inside the elements matching ``context``)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    options["runOnly"] = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": TAGS}
    return page.evaluate(
        "([context, options]) => axe.run(context ? {include: [[context]]} : document, options).then(r => r.violations)",
        [context, options],
    )


def summary(violations: list[dict[str, Any]], impacts: tuple[str, ...] = BLOCKING) -> list[str]:
    """One line per offending node: rule, impact, selector, axe's explanation."""
    lines = []
    for v in violations:
        if v["impact"] not in impacts:
            continue
        for node in v["nodes"]:
            where = " ".join(map(str, node["target"]))
            lines.append(f"{v['id']} ({v['impact']}) {where}: {node['failureSummary'].splitlines()[-1].strip()}")
    return lines
