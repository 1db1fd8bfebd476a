"""Blocks -> the plan's Markdown page (docs/about/plan-format.md).

Everything that comes from the raw text is escaped so that it can only ever be visible text:
``< > &`` become entities and Markdown punctuation is backslash-escaped. The only Markdown in a
page is the importer's own: front matter, headings with ``{#id}``, tables, the notice quote, review
comments, and the source's bold lead-ins (**——党的建设更加坚强有力。**), which are re-emitted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import yaml

from generator.importing.structure import Block, Heading, Paragraph, TableSlot
from generator.registry import Plan

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: Python-Markdown's escapable characters that can start syntax (``|`` is added by the tables
#: extension). ``.``, ``-`` and ``+`` only matter at the start of a line and are handled there.
_BACKSLASHED = set("\\`*_[](){}#!|")
_LIST_START_RE = re.compile(r"^(\d+)([.)])(?=\s|$)")
#: ``- x`` / ``+ x`` start lists, ``---`` is a rule: any leading ``-`` or ``+`` is escaped
_BULLET_START_RE = re.compile(r"^([-+])")
#: ``???`` opens a pymdownx.details block and ``~~~`` a fence once a fence extension is enabled;
#: neither character is escapable in Python-Markdown, so they become entities.
_DETAILS_START_RE = re.compile(r"^\?")
_TILDE_START_RE = re.compile(r"^~")
#: A bold lead-in as the PDF export wrote it: optional dash, then **…**, then the paragraph.
_LEAD_IN_RE = re.compile(r"^(?P<dash>——)?\*\*(?P<bold>[^*\n]+?)\*\*(?P<rest>.*)$", re.S)
_WS_RE = re.compile(r"[\t\r\n]+")

NOTICE_LABEL = "原文在正文之前的印发通知与封面信息："
SUPPLIED_TITLE_NOTE = "说明：原文没有标题行，以上标题由编者根据正文拟定，并非原文标题。"


def escape_inline(text: str) -> str:
    """Make raw text literal in Markdown + HTML: entities for ``< > &``, backslashes elsewhere."""
    text = _WS_RE.sub(" ", text)
    out = []
    for char in text:
        if char in _ENTITIES:
            out.append(_ENTITIES[char])
        elif char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def escape_block(text: str) -> str:
    """Escape a whole paragraph, including what only means something at the start of a line."""
    escaped = escape_inline(text.strip())
    escaped = _LIST_START_RE.sub(r"\1\\\2", escaped)
    escaped = _BULLET_START_RE.sub(r"\\\1", escaped)
    escaped = _TILDE_START_RE.sub("&#126;", escaped)
    return _DETAILS_START_RE.sub("&#63;", escaped)


def render_paragraph(text: str) -> str:
    """A body paragraph; a leading ``**…**`` of the source stays bold, everything else is literal."""
    lead = _LEAD_IN_RE.match(text.strip())
    if lead and lead.group("bold").strip():
        dash = escape_inline(lead.group("dash") or "")
        return f"{dash}**{escape_inline(lead.group('bold'))}**{escape_inline(lead.group('rest'))}"
    return escape_block(text)


def render_heading(heading: Heading) -> str:
    return f"{'#' * heading.level} {escape_inline(heading.text)} {{#{heading.id}}}"


def review_comment(note: str) -> str:
    """An HTML comment a human can find; ``--`` cannot end it early."""
    safe = _WS_RE.sub(" ", note).replace("--", "- -").strip()
    return f"<!-- review: {safe} -->"


def front_matter(plan: Plan, notice: Sequence[str]) -> str:
    data = plan.front_matter()
    if notice:
        data["notice"] = list(notice)
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{dumped}---\n"


def render_plan(
    plan: Plan,
    notice: Sequence[str],
    blocks: Sequence[Block],
    render_table: Callable[[int], tuple[str, Sequence[str]]],
) -> str:
    """The complete page. ``render_table(i)`` returns table ``i``'s Markdown and its review notes."""
    parts = [front_matter(plan, notice).rstrip("\n"), f"# {escape_inline(plan.title)}"]
    # One quote block (two would merge anyway): editor's note on a supplied title, then the notice.
    quoted = [SUPPLIED_TITLE_NOTE] if plan.title_supplied else []
    if notice:
        quoted += [NOTICE_LABEL, *(escape_block(line) for line in notice)]
    if quoted:
        parts.append("\n>\n".join(f"> {line}" for line in quoted))
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(render_heading(block))
        elif isinstance(block, Paragraph):
            parts.append(render_paragraph(block.text))
        elif isinstance(block, TableSlot):
            markdown, notes = render_table(block.index)
            parts.extend(review_comment(note) for note in notes)
            parts.append(markdown.strip("\n"))
    return "\n\n".join(parts) + "\n"
