"""Contrast in the states axe cannot see by loading a page: hovered and focused links, tabs, heatmap
cells, chips and buttons, the revealed ¶ and 复制引用 — light and dark scheme.

Each state is produced for real (mouse hover, keyboard focus) and axe-core's color-contrast rule is run
on that one element; the test also checks axe did measure it (an element axe skips, e.g. one left
invisible, would otherwise pass silently). STATES is one list: a new control is one line.
"""

from __future__ import annotations

import pytest
from axe import run_axe
from browser_helpers import Site
from focus import contrast
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: page -> [(selector of one element, state)]. Resting states (the header, tabs, heatmap cells, chips,
#: marked terms, metadata labels, the notice summary) are covered by test_a11y's whole-page axe runs.
STATES = {
    "": [
        (".md-tabs__item:nth-child(2) .md-tabs__link", "hover"),
        ("td.cov-1 a", "focus"),
        ("td.cov-3 a", "hover"),
        ("td.cov-4 a", "hover"),
        ("article p a", "hover"),
    ],
    "plans/haidian/": [
        ("[id='s4-4-p2'] .theme-chip", "hover"),
        ("[id='s4-4-p2'] .theme-chip", "focus"),
        ("[id='s4-4-p1'] .cite-button", "focus"),
        (".plan-meta a[download]", "hover"),
    ],
    "themes/preschool/": [
        (".xref-entry > a", "hover"),
        (".xref-similar a", "focus"),
        (".xref-entry .cite-button", "focus"),
    ],
}


def no_transitions(page: Page) -> None:
    """Colours change with a transition (Material: 0.25 s); measure the end state at once."""
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")


def probe(page: Page, selector: str, state: str) -> dict:
    el = page.locator(selector).first
    el.scroll_into_view_if_needed()
    if state == "hover":
        el.hover()
    elif state == "focus":
        el.focus()
    el.evaluate("el => el.setAttribute('data-contrast-probe', '')")
    try:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            run_axe(page, "[data-contrast-probe]", ["color-contrast"])
        return page.evaluate(
            """() => axe.run({include: [['[data-contrast-probe]']]}, {runOnly: {type: 'rule', values: ['color-contrast']}})
                     .then(r => ({violations: r.violations.flatMap(v => v.nodes.map(n => n.failureSummary)),
                                  incomplete: r.incomplete.flatMap(v => v.nodes.map(n => n.failureSummary)),
                                  passes: r.passes.flatMap(v => v.nodes).length}))"""
        )
    finally:
        el.evaluate("el => el.removeAttribute('data-contrast-probe')")
        page.mouse.move(0, 0)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", list(STATES), ids=["home", "plan", "topic"])
def test_text_contrast_in_every_state(browser: Browser, site: Site, path: str, scheme: str) -> None:
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url(path))
        page.wait_for_function("() => window.planCite && window.planA11y")
        no_transitions(page)
        failures = []
        for selector, state in STATES[path]:
            result = probe(page, selector, state)
            if result["violations"] or result["incomplete"] or not result["passes"]:
                failures.append(f"{selector} [{state}]: {result}")
        assert failures == [], "\n".join(failures)
    finally:
        context.close()


#: the colour of an element's text against the first opaque background behind it (for one-glyph
#: links such as ¶, which axe's color-contrast rule declines to judge: "content too short")
GLYPH_JS = """el => {
  const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const layers = [];
  for (let n = el; n; n = n.parentElement) {
    const [r, g, b, a = 1] = parse(getComputedStyle(n).backgroundColor);
    if (a > 0) layers.push([r, g, b, a]);
    if (a >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const [r, g, b, a = 1] = parse(getComputedStyle(el).color);
  const alpha = a * Number(getComputedStyle(el).opacity);
  return {fg: [r * alpha + bg[0] * (1 - alpha), g * alpha + bg[1] * (1 - alpha), b * alpha + bg[2] * (1 - alpha)], bg};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_permalink_glyphs_are_readable_when_they_show(browser: Browser, site: Site, scheme: str) -> None:
    context = browser.new_context(locale="zh-CN", color_scheme=scheme, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url("plans/haidian/"))
        page.wait_for_function("() => window.planCite && window.planA11y")
        no_transitions(page)
        ratios = {}
        for host, glyph in (("[id='s4-4-p1']", ".passage-permalink"), ("[id='s4-4']", ".headerlink")):
            # shown because the reader points at the passage or heading (not at the glyph itself,
            # which then takes the link hover colour), and when it has keyboard focus
            for state in ("host-hover", "focus"):
                el = page.locator(f"{host} {glyph}")
                if state == "focus":
                    el.focus()
                else:
                    page.locator(host).hover(position={"x": 5, "y": 5})
                colours = el.evaluate(GLYPH_JS)
                ratios[f"{host} {glyph} [{state}]"] = round(contrast(colours["fg"], colours["bg"]), 2)
                page.evaluate("() => document.activeElement && document.activeElement.blur()")
        assert all(r >= 4.5 for r in ratios.values()), ratios
    finally:
        context.close()
