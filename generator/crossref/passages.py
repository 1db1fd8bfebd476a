"""Passage ids: ONE Python-Markdown treeprocessor gives every citable unit of a plan its anchor.

A passage is a top-level paragraph, an item of a top-level list or a body row of a top-level table
(docs/about/plan-format.md, 段落锚点). Its id is ``<section-id>-p<n>``: the id of the nearest
preceding heading plus its position under that heading, so editing another section never moves it.

The same treeprocessor serves two callers, which is the point: MkDocs registers it to decorate the
plan pages (id, ``passage`` class, ¶ permalink, theme chips), and the cross-reference builder runs
it through :func:`extract_passages` to *collect* the passages it cites. Links and anchors therefore
cannot diverge.

Priority: it runs at 5, registered after ``toc`` (5; the plugin appends this extension after every
configured extension) so headings already carry their ids — explicit ones come from ``attr_list``
(8), generated ones from ``toc`` — and before MkDocs' ``mkdocs_extract_anchors`` (5, registered after
all extensions, so it sees the passage ids for anchor validation) and ``relpath`` (0, which then
rewrites the chips' ``.md`` links and validates them).
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER_RE

log = logging.getLogger(__name__)

PRIORITY = 5
PERMALINK_TITLE = "段落永久链接"
PERMALINK_TEXT = "¶"
#: chips shown before the rest are folded behind a “+N” button (docs/assets/javascripts/topics.js);
#: without JavaScript every chip stays visible
CHIPS_SHOWN = 3
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
#: ids given to text before the first numbered heading (plan-format.md)
DEFAULT_SECTION = "s0"

_ESCAPED_CHAR_RE = re.compile("\x02(\\d+)\x03")
_AMP_RE = re.compile("\x02amp\x03")
_SPACE_RE = re.compile(r"\s+")
#: heading numbers as the plans write them: 一、 （一） 1. （1） 附件1 表1 专栏 序言
_NUMBER_RE = re.compile(
    r"^\s*(序言|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d+[.．、]|[（(]\d+[）)]|附件\s*\d+|表\s*\d+|专栏)[：:\s]*"
)


@dataclass(frozen=True)
class Section:
    """A heading as the reader sees it: ``number`` like ``（四）``, ``title`` the rest."""

    id: str
    level: int
    number: str
    title: str

    @property
    def label(self) -> str:
        return f"{self.number}{self.title}" if self.number else self.title


@dataclass(frozen=True)
class Passage:
    id: str
    kind: str  # "p", "li" or "tr"
    text: str
    #: headings enclosing the passage, outermost first; the last one is its own section
    path: tuple[Section, ...]
    #: position in the document (0-based), for "plan order"
    order: int
    #: table rows only: the row's cells and the table's header cells
    cells: tuple[str, ...] = ()
    header: tuple[str, ...] = ()

    @property
    def section(self) -> Section:
        return self.path[-1] if self.path else Section(DEFAULT_SECTION, 2, "", "")

    @property
    def section_id(self) -> str:
        return self.section.id

    @property
    def section_label(self) -> str:
        """Numbering path as a reader cites it, e.g. ``四（四）`` + title of the own heading."""
        return path_label(self.path)


def path_label(path: Sequence[Section]) -> str:
    """``四、`` + ``（四）`` + ``学前教育…`` -> ``四（四）学前教育…`` (tables and boxes keep their own label)."""
    if not path:
        return ""
    numbers = [s.number for s in path if s.number and not s.number.startswith(("表", "专栏"))]
    if len(numbers) > 1 and numbers[0].endswith("、"):
        numbers[0] = numbers[0][:-1]
    own = path[-1]
    if own.number.startswith(("表", "专栏")) or not numbers:
        return own.label
    return "".join(numbers) + own.title


#: topic page (its path under themes/ without .md: the slug, or slug/part-k of a split page), topic
#: title, entry id on that page
Chip = tuple[str, str, str]


def split_number(heading: str) -> tuple[str, str]:
    """``（四）学前教育…`` -> (``（四）``, ``学前教育…``); unnumbered headings keep all as title."""
    match = _NUMBER_RE.match(heading)
    if not match:
        return "", heading.strip()
    number = match.group(1).replace("(", "（").replace(")", "）").replace("．", ".")
    if number == "序言":
        return "", heading.strip()
    return number, heading[match.end() :].strip()


class PassageTreeprocessor(Treeprocessor):
    """Walks the top level of the document; see the module docstring for what counts."""

    def __init__(self, md: markdown.Markdown, ext: PassageExtension) -> None:
        super().__init__(md)
        self.ext = ext

    # -- text -----------------------------------------------------------------------------------
    def _stash(self, match: re.Match[str]) -> str:
        """Raw HTML kept aside by Python-Markdown: entities become their character, tags vanish."""
        index = int(match.group(1))
        blocks = self.md.htmlStash.rawHtmlBlocks
        raw = str(blocks[index]) if index < len(blocks) else ""
        return html.unescape(raw) if raw.startswith("&") else ""

    def text_of(self, element: etree.Element) -> str:
        parts: list[str] = [element.text or ""]
        for child in element:
            self._collect(child, parts)
        text = "".join(parts)
        text = HTML_PLACEHOLDER_RE.sub(self._stash, text)
        text = _ESCAPED_CHAR_RE.sub(lambda m: chr(int(m.group(1))), text)
        text = _AMP_RE.sub("&", text)
        return _SPACE_RE.sub(" ", text).strip()

    def _collect(self, element: etree.Element, parts: list[str]) -> None:
        """Text of ``element`` and its tail, leaving out our own decorations and heading links."""
        if element.get("class") not in ("headerlink", "passage-permalink", "theme-chips"):
            parts.append(element.text or "")
            for child in element:
                self._collect(child, parts)
        parts.append(element.tail or "")

    # -- walking --------------------------------------------------------------------------------
    def run(self, root: etree.Element) -> None:
        if not self.ext.active:
            return
        stack: list[Section] = []
        counters: dict[str, int] = {}
        order = 0
        for child in list(root):
            if child.tag in HEADINGS:
                level = HEADINGS[child.tag]
                if level == 1:
                    continue  # the plan title; text under it belongs to s0
                number, title = split_number(self.text_of(child))
                section = Section(child.get("id") or DEFAULT_SECTION, level, number, title)
                while stack and stack[-1].level >= level:
                    stack.pop()
                stack.append(section)
                continue
            header = self._header(child) if child.tag == "table" else ()
            for element, kind in self._units(child):
                cells: tuple[str, ...] = ()
                if kind == "tr":
                    cells = tuple(self.text_of(c) for c in element if c.tag in ("td", "th"))
                    text = " | ".join(c for c in cells if c)
                else:
                    text = self.text_of(element)
                if not text.replace("|", "").strip():
                    continue
                section_id = stack[-1].id if stack else DEFAULT_SECTION
                counters[section_id] = counters.get(section_id, 0) + 1
                pid = f"{section_id}-p{counters[section_id]}"
                self._decorate(element, kind, pid)
                self.ext.passages.append(Passage(pid, kind, text, tuple(stack), order, cells, header))
                order += 1

    def _header(self, table: etree.Element) -> tuple[str, ...]:
        for head in table.iter("thead"):
            for row in head:
                return tuple(self.text_of(c) for c in row if c.tag in ("td", "th"))
        return ()

    @staticmethod
    def _units(child: etree.Element) -> Iterable[tuple[etree.Element, str]]:
        if child.tag == "p":
            yield child, "p"
        elif child.tag in ("ul", "ol"):
            for item in child:
                if item.tag == "li":
                    yield item, "li"
        elif child.tag == "table":
            for body in child.iter("tbody"):
                for row in body:
                    if row.tag == "tr":
                        yield row, "tr"

    def _decorate(self, element: etree.Element, kind: str, pid: str) -> None:
        if not self.ext.decorate:
            return
        element.set("id", pid)
        classes = element.get("class", "").split()
        element.set("class", " ".join([*classes, "passage"]))
        target = element
        if kind == "tr":
            cells = [c for c in element if c.tag in ("td", "th")]
            target = cells[-1] if cells else element
        chips = self.ext.chips.get(pid, ())
        if chips:
            span = etree.SubElement(target, "span", {"class": "theme-chips"})
            for index, (slug, title, entry) in enumerate(chips):
                classes = "theme-chip" if index < CHIPS_SHOWN else "theme-chip theme-chip--extra"
                link = etree.SubElement(span, "a", {"class": classes, "href": f"../themes/{slug}.md#{entry}"})
                link.text = title
            if len(chips) > CHIPS_SHOWN:
                extra = len(chips) - CHIPS_SHOWN
                more = etree.SubElement(
                    span,
                    "button",
                    {"type": "button", "class": "theme-chips-more", "aria-expanded": "false", "title": f"显示其余 {extra} 个专题"},
                )
                more.text = f"+{extra}"
        permalink = etree.SubElement(target, "a", {"class": "passage-permalink", "href": f"#{pid}", "title": PERMALINK_TITLE})
        permalink.text = PERMALINK_TEXT


class PassageExtension(Extension):
    """Register once (the plugin keeps one instance); toggle ``active``/``chips`` per page.

    ``decorate`` false collects passages without touching the tree (the extraction path does not
    need the HTML, only the ids and texts).
    """

    def __init__(self, *, active: bool = True, decorate: bool = True, chips: Mapping[str, Sequence[Chip]] | None = None) -> None:
        super().__init__()
        self.active = active
        self.decorate = decorate
        self.chips: Mapping[str, Sequence[Chip]] = chips or {}
        self.passages: list[Passage] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(PassageTreeprocessor(md, self), "plan_passages", PRIORITY)
        md.registerExtension(self)

    def reset(self) -> None:
        self.passages = []


#: used when the caller has no MkDocs configuration (python -m generator build without mkdocs.yml)
DEFAULT_EXTENSIONS: tuple[str, ...] = ("attr_list", "tables", "toc")


def extract_passages(
    text: str, extensions: Sequence[str | Extension] = DEFAULT_EXTENSIONS, extension_configs: Mapping[str, dict] | None = None
) -> list[Passage]:
    """Render plan Markdown (without front matter) through the site's extensions and collect its passages."""
    ext = PassageExtension(decorate=False)
    others = [e for e in extensions if not isinstance(e, PassageExtension)]
    md = markdown.Markdown(extensions=[*others, ext], extension_configs=dict(extension_configs or {}))
    md.convert(text)
    return ext.passages
