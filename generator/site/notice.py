"""Render-time transforms of plan pages: the notice quote collapses, empty table headers get a name.

ONE Python-Markdown treeprocessor (priority 4, explicit: after the passages treeprocessor (5), which
gives passages their ids, and MkDocs' anchor extraction (5); before MkDocs' relpath (0)). It never
changes ids or passages: the cross-reference and the anchors see the same page as before. The plan
Markdown (docs/plans/*.md) stays as the importer and contributors write it.

1. The importer writes one quote block under the H1 (docs/about/plan-format.md): the editors' note on a
   supplied title (if any), then, after the label 原文在正文之前的印发通知与封面信息：, the publishing
   notice or cover lines (if any). The label and the lines after it become a closed
   ``<details class="plan-notice">`` whose summary is the label and the number of lines, so a reader on
   a phone reaches the plan text at once; the editors' note stays visible in the quote. A quote without
   the label (jingkai: only the editors' note) is left as it is.
2. A table header cell with no text (the row-number column of the indicator tables) gets visually
   hidden text — 序号 when every body cell of the column is a number — so screen readers announce the
   column (axe-core ``empty-table-header``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.importing.render import NOTICE_LABEL

PRIORITY = 4
NAME = "plan_notice"
_NUMBER_RE = re.compile(r"^\s*\d+\s*$")


def _text(el: etree.Element) -> str:
    return "".join(el.itertext()).strip()


def summary_text(lines: int) -> str:
    return f"{NOTICE_LABEL.rstrip('：:')}（{lines} 段，点击展开）"


def collapse_notice(root: etree.Element) -> bool:
    """Turn the notice part of the quote under the H1 into a closed ``<details>``; True if it did."""
    children = list(root)
    for i, el in enumerate(children[:-1]):
        if el.tag != "h1":
            continue
        quote = children[i + 1]
        if quote.tag != "blockquote":
            return False
        parts = list(quote)
        start = next((k for k, p in enumerate(parts) if p.tag == "p" and _text(p) == NOTICE_LABEL), None)
        if start is None:
            return False
        details = etree.Element("details", {"class": "plan-notice"})
        summary = etree.SubElement(details, "summary")
        summary.text = summary_text(len(parts) - start - 1)
        for part in parts[start + 1 :]:
            quote.remove(part)
            details.append(part)
        quote.remove(parts[start])
        position = list(root).index(quote)
        if len(quote) == 0:
            root.remove(quote)
            root.insert(position, details)
        else:
            root.insert(position + 1, details)
        return True
    return False


def name_empty_headers(root: etree.Element) -> int:
    """Give every empty ``<th>`` hidden text; returns how many."""
    named = 0
    for table in root.iter("table"):
        head = table.find("thead")
        body = table.find("tbody")
        if head is None:
            continue
        for row in head.iter("tr"):
            for col, th in enumerate(row.findall("th")):
                if _text(th) or len(th):
                    continue
                cells = [] if body is None else [r.findall("td")[col] for r in body.iter("tr") if len(r.findall("td")) > col]
                numbers = bool(cells) and all(_NUMBER_RE.match(_text(c)) for c in cells)
                span = etree.SubElement(th, "span", {"class": "visually-hidden", "data-search-exclude": ""})
                span.text = "序号" if numbers else f"第 {col + 1} 列"
                named += 1
    return named


class NoticeTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: NoticeExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        if not self.extension.active:
            return
        collapse_notice(root)
        name_empty_headers(root)


class NoticeExtension(Extension):
    """Registered once per build by the plugin; ``active`` is switched on for plan pages only."""

    def __init__(self, active: bool = False) -> None:
        super().__init__()
        self.active = active

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(NoticeTreeprocessor(md, self), NAME, PRIORITY)
