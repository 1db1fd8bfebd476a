"""What the keyboard focus looks like: a description of the focused element and its focus ring."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

#: the focused element, where its ring is drawn (Material's palette toggle is a hidden radio button whose
#: label shows the ring), and the ring's style, width, colour and the colour behind it
FOCUS_JS = """async () => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ringEl = el.matches('input.md-option') ? el.nextElementSibling : el;
  // let fade-ins that focus starts (the skip link, 复制引用) finish, and transitions of what is behind
  // the ring (the search form turns from the header's red to the page's background as search opens)
  const ancestors = [];
  for (let n = ringEl.parentElement; n; n = n.parentElement) ancestors.push(n);
  const running = [el, ringEl, ...ancestors].flatMap(n => n.getAnimations()).filter(a => a.effect?.getTiming().iterations !== Infinity);
  await Promise.all(running.map(a => a.finished.catch(() => null)));
  const style = getComputedStyle(ringEl);
  const parse = c => { const m = c.match(/[\\d.]+/g) || []; return m.map(Number); };
  // the colour behind the ring: the first opaque background outwards from where the ring is drawn
  // (outside the element, so from its parent, unless the ring is drawn inside: negative offset)
  const layers = [];
  const inside = parseFloat(style.outlineOffset) < 0;
  for (let n = inside ? ringEl : ringEl.parentElement; n; n = n.parentElement) {
    const [r, g, b, a = 1] = parse(getComputedStyle(n).backgroundColor);
    if (a > 0) layers.push([r, g, b, a]);
    if (a >= 1) break;
  }
  let bg = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) bg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
  const rect = ringEl.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    cls: [...el.classList].filter(c => c !== 'focus-visible').join(' '),
    text: (el.getAttribute('aria-label') || el.textContent || el.value || '').replace(/\\s+/g, ' ').trim().slice(0, 40),
    inArticle: !!el.closest('article'), inHeader: !!el.closest('.md-header, .md-tabs'),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
    outline: parse(style.outlineColor).slice(0, 3), background: bg,
    opacity: Number(getComputedStyle(ringEl).opacity), visible: rect.width > 0 && rect.height > 0,
  };
}"""


def focused(page: Page) -> dict[str, Any] | None:
    return page.evaluate(FOCUS_JS)


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ring_problems(state: dict[str, Any]) -> list[str]:
    """Why this focus ring is not a visible one (WCAG 2.4.7; 1.4.11: 3:1 against what is behind it)."""
    problems = []
    if state["outlineStyle"] in ("none", "hidden") or state["outlineWidth"] < 2:
        problems.append(f"no ring ({state['outlineStyle']} {state['outlineWidth']}px)")
    elif contrast(state["outline"], state["background"]) < 3:
        problems.append(f"ring contrast {contrast(state['outline'], state['background']):.2f}:1")
    if state["opacity"] < 1 or not state["visible"]:
        problems.append(f"element not shown (opacity {state['opacity']})")
    return problems
