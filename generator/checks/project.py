"""``python -m generator check``: catch contributors' mistakes in plan pages and the theme file.

After import, people edit ``docs/plans/*.md`` by hand. Python-Markdown forgives almost everything —
a table row with a cell too many is silently cut, a heading without ``{#id}`` gets a generated
slug, a duplicate id is kept twice, an unclosed ``<!--`` hides the rest of the page — so the page
still builds and the damage is only found when a citation stops working. ``check`` reads the
Markdown *source* line by line so each finding names ``file:line`` and says what to do, prints
every finding (not just the first), and exits non-zero when there is any. It runs in CI and in
``make test``; ``mkdocs build --strict`` is the second net, without line numbers.

What is enforced (the list in CONTRIBUTING.md mirrors it):

* every heading below the title carries an explicit ``{#id}``; ids are well-formed and unique on
  the page (also against the passage ids ``<section>-p<n>``); exactly one ``#`` title;
* heading ids present at the last import still exist (citations point at them); a changed id is
  reported at the heading that now carries the text;
* every row of a pipe table has as many cells as its header;
* internal links (relative ``.md`` links, ``#anchors`` on the same or another page, images) resolve;
  absolute and ``javascript:``-style links are refused;
* HTML comments are closed; no active HTML (``<script>``, ``<iframe>``, ``on…=`` handlers);
* the front matter is valid YAML whose ``slug`` names the file and whose title-like fields are
  plain text (Material prints ``page.title`` unescaped); every registered plan has a page
  and every page a registry entry;
* the topic files ``topics/*.yml`` pass the topic loader (:func:`generator.crossref.themes.load_themes`).

The pure functions (``scan``, ``lint_plan``) take text and return findings; ``run`` does the I/O.
"""

from __future__ import annotations

import argparse
import html
import logging
import posixpath
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import yaml

from generator.errors import GeneratorError
from generator.importing.manifest import Entry, load_manifest, sha256_text
from generator.registry import MARKUP_RE, PLAIN_TEXT

log = logging.getLogger(__name__)

FENCE_RE = re.compile(r"^\s{0,3}(```+|~~~+)")
#: Python-Markdown's hash heading: no indentation, no space needed after the hashes
ATX_RE = re.compile(r"^(#{1,6})(.*?)[ \t]*#*[ \t]*$")
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
#: a trailing attr_list block: ``{#id}``, ``{: #id .class }``
ATTR_LIST_RE = re.compile(r"[ \t]*(?<!\\)\{:?[ \t]*([^{}\n]*)\}[ \t]*$")
ATTR_ID_RE = re.compile(r"(?:^|\s)#([^\s}]+)")
VALID_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
PASSAGE_ID_RE = re.compile(r"-p\d+$")
HTML_ID_RE = re.compile(r"""<[a-zA-Z][^>]*?\sid\s*=\s*["']([^"']+)["']""")
#: a pipe-table delimiter row: | --- | :---: | ---: |
DELIMITER_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
CODE_SPAN_RE = re.compile(r"(`+)(.+?)\1")
UNESCAPE_RE = re.compile(r"\\(.)")
ESCAPED_RE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>&]")
ENTITY_LT_RE = re.compile(r"&lt;|&#0*60;|&#x0*3c;", re.IGNORECASE)
#: inline links and images: [text](target "title")
INLINE_LINK_RE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
REFERENCE_DEF_RE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
HTML_LINK_RE = re.compile(r"""<(?:a|img|area|link|source)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
ACTIVE_HTML_RE = re.compile(
    r"<\s*(script|iframe|frame|object|embed|style|form|base|meta)\b|<[a-zA-Z][^>]*\son[a-z]+\s*=", re.IGNORECASE
)
UNSAFE_SCHEME_RE = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
EXTERNAL_SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FRONT_MATTER_END_RE = re.compile(r"^(---|\.\.\.)\s*$")


@dataclass(frozen=True)
class HeadingLine:
    line: int
    level: int
    text: str
    id: str | None


@dataclass(frozen=True)
class Link:
    line: int
    target: str


@dataclass
class Table:
    """A pipe table: (line, cell count) of its header and delimiter rows and of each body row."""

    header: tuple[int, int]
    delimiter: tuple[int, int]
    rows: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Scan:
    """What ``check`` needs from one Markdown page, each with its 1-based line."""

    front_matter: str | None = None
    front_matter_line: int = 1
    headings: list[HeadingLine] = field(default_factory=list)
    other_ids: list[tuple[int, str]] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    active_html: list[tuple[int, str]] = field(default_factory=list)
    unclosed_comment: int | None = None


# --- scanning the source ------------------------------------------------------------------------


def _is_delimiter(line: str) -> bool:
    return bool(DELIMITER_RE.match(line)) and "-" in line and "|" in line


def _visible(line: str) -> str:
    """The line without code spans and backslash escapes: what Markdown could read as syntax."""
    line = CODE_SPAN_RE.sub(lambda m: " " * len(m.group(0)), line)
    return ESCAPED_RE.sub("  ", line)


def split_cells(row: str) -> list[str]:
    """Cells of a pipe-table row as the tables extension splits them (``\\|`` and code spans kept)."""
    hidden = _visible(row).strip()
    if hidden.startswith("|"):
        hidden = hidden[1:]
        row = row.strip()[1:]
    else:
        row = row.strip()
    if hidden.endswith("|") and hidden.strip() != "":
        hidden = hidden[:-1]
        row = row[: len(hidden)]
    cells, start = [], 0
    for index, char in enumerate(hidden):
        if char == "|":
            cells.append(row[start:index].strip())
            start = index + 1
    cells.append(row[start : len(hidden)].strip())
    return cells


def heading_id(text: str) -> tuple[str, str | None]:
    """``三、主要任务 {#s3}`` -> (``三、主要任务``, ``s3``); no attr_list -> (text, None)."""
    match = ATTR_LIST_RE.search(text)
    if not match:
        return _readable(text), None
    ids = ATTR_ID_RE.findall(match.group(1))
    return _readable(text[: match.start()]), (ids[-1] if ids else None)


def _readable(markdown_text: str) -> str:
    """Heading text as the reader sees it (for messages and matching): escapes and entities resolved."""
    return html.unescape(UNESCAPE_RE.sub(r"\1", markdown_text)).strip()


def scan(text: str) -> Scan:
    """Read one page's Markdown source: front matter, headings, ids, tables, links, risky HTML."""
    result = Scan()
    lines = text.split("\n")
    start = 0
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if FRONT_MATTER_END_RE.match(lines[index]):
                result.front_matter = "\n".join(lines[1:index])
                result.front_matter_line = 2
                start = index + 1
                break
    in_fence: str | None = None
    in_comment_since: int | None = None
    previous = ""  # previous line, if it could be a setext heading's text
    table: Table | None = None
    for index in range(start, len(lines)):
        number = index + 1
        line = lines[index]
        # HTML comments (possibly several on one line, possibly spanning lines)
        if in_comment_since is not None:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_comment_since = None
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            end = after.find("-->")
            if end < 0:
                in_comment_since = number
                line = before
                break
            line = before + after[end + 3 :]
        if in_fence:
            if line.strip().startswith(in_fence):
                in_fence = None
            continue
        fence = FENCE_RE.match(line)
        if fence:
            in_fence = fence.group(1)[:3]
            previous = ""
            continue
        stripped = line.strip()
        # tables: a header row directly followed by a delimiter row, then rows until a blank line
        # (Python-Markdown: every following line of the block is a body row; the delimiter row sets the columns)
        if table is not None:
            if stripped:
                if index + 1 == table.delimiter[0]:
                    table.delimiter = (number, len(split_cells(line)))
                else:
                    table.rows.append((number, len(split_cells(line))))
                continue
            result.tables.append(table)
            table = None
        if "|" in _visible(stripped) and not previous and index + 1 < len(lines) and _is_delimiter(lines[index + 1]):
            table = Table(header=(number, len(split_cells(line))), delimiter=(number + 1, 0))
            previous = ""
            continue
        atx = ATX_RE.match(line)
        if atx:
            title, hid = heading_id(atx.group(2) or "")
            result.headings.append(HeadingLine(number, len(atx.group(1)), title, hid))
            previous = ""
        elif SETEXT_RE.match(line) and previous:
            title, hid = heading_id(previous)
            level = 1 if stripped.startswith("=") else 2
            result.headings.append(HeadingLine(number - 1, level, title, hid))
            previous = ""
            continue
        else:
            hid = heading_id(line)[1] if stripped.endswith("}") else None
            if hid and stripped:
                result.other_ids.append((number, hid))
            previous = line if stripped and not stripped.startswith((">", "<", "-", "*", "+", "|")) else ""
        visible = _visible(line)
        for match in HTML_ID_RE.finditer(line):
            result.other_ids.append((number, match.group(1)))
        for regex in (INLINE_LINK_RE, REFERENCE_DEF_RE, HTML_LINK_RE):
            for match in regex.finditer(visible):
                # read the target from the original line (escapes inside URLs are kept as written)
                result.links.append(Link(number, line[match.start(1) : match.end(1)]))
        active = ACTIVE_HTML_RE.search(visible)
        if active:
            result.active_html.append((number, active.group(0).strip()))
    if table is not None:
        result.tables.append(table)
    if in_comment_since is not None:
        result.unclosed_comment = in_comment_since
    return result


# --- page anchors ---------------------------------------------------------------------------------


def page_ids(markdown_text: str) -> list[str]:
    """Every id the site will give this page: explicit/toc heading ids and passage ids.

    Rendered with the extensions that create ids (attr_list, md_in_html, tables, toc with the
    site's slugify) plus the shared passage treeprocessor, so the anchors ``check`` accepts are
    exactly the ones MkDocs will validate.
    """
    import markdown
    from bs4 import BeautifulSoup
    from pymdownx.slugs import slugify

    from generator.crossref.passages import PassageExtension

    body = _strip_front_matter(markdown_text)
    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", "toc", PassageExtension(decorate=True)],
        extension_configs={"toc": {"slugify": slugify(case="lower")}},
    )
    html = md.convert(body)
    return [str(tag["id"]) for tag in BeautifulSoup(html, "html.parser").find_all(id=True)]


def _strip_front_matter(text: str) -> str:
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for index in range(1, len(lines)):
            if FRONT_MATTER_END_RE.match(lines[index]):
                return "\n".join(lines[index + 1 :])
    return text


# --- linting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Site:
    """What links may point at: pages (docs-relative path -> ids, None = ids unknown) and other files."""

    docs_dir: Path
    pages: Mapping[str, Callable[[], Iterable[str] | None]]
    generated: frozenset[str] = frozenset()

    def page_anchors(self, page: str) -> set[str] | None:
        ids = self.pages[page]()
        return None if ids is None else set(ids)


def lint_plan(
    path: Path | str,
    text: str,
    *,
    page: str,
    site: Site,
    imported: list[HeadingLine] | None = None,
    slug: str | None = None,
) -> list[GeneratorError]:
    """All findings for one plan page. ``page`` is its docs-relative path; ``imported`` its headings at the last import."""
    found: list[GeneratorError] = []

    def add(line: int | None, message: str, hint: str) -> None:
        found.append(GeneratorError(path, message, hint, line))

    doc = scan(text)
    _lint_front_matter(doc, slug, add)
    own_ids = _lint_headings(doc, add)
    if page in site.pages:
        own_ids |= site.page_anchors(page) or set()
    _lint_imported_ids(doc, imported, add)
    for table in doc.tables:
        (header_line, header), (delimiter_line, columns) = table.header, table.delimiter
        if header != columns:
            add(delimiter_line, f"表格分隔行有 {columns} 列，表头（第 {header_line} 行）有 {header} 列",
                "分隔行每列写一个 ---，与表头列数相同")
        for line, cells in table.rows:
            if cells != columns:
                add(line, f"表格行有 {cells} 个单元格，表头（第 {header_line} 行）有 {columns} 列",
                    "补齐或合并单元格，使每行与表头列数相同（多出的单元格会被丢弃，缺少的显示为空）；单元格内的竖线写成 \\|")
    for link in doc.links:
        _lint_link(link, page, own_ids, site, add)
    for line, tag in doc.active_html:
        add(line, f"规划页中不允许可执行的 HTML：{tag}", "删除该标签或属性；如需显示原文中的尖括号，写成 &lt; 与 &gt;")
    if doc.unclosed_comment is not None:
        add(doc.unclosed_comment, "HTML 注释“<!--”没有结束，其后的内容不会显示", "在注释末尾加上 -->")
    return sorted(found, key=lambda f: f.line or 0)


def _lint_front_matter(doc: Scan, slug: str | None, add: Callable[[int | None, str, str], None]) -> None:
    if doc.front_matter is None:
        add(1, "缺少 YAML 前置信息（以 --- 开始和结束）", "从版本库恢复文件开头的登记信息，或重新导入该规划")
        return
    try:
        data = yaml.safe_load(doc.front_matter)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = doc.front_matter_line + (mark.line if mark else 0)
        problem = getattr(exc, "problem", None) or str(exc)
        add(line, f"前置信息 YAML 语法错误：{problem}", "检查缩进、冒号和引号")
        return
    if not isinstance(data, dict):
        add(doc.front_matter_line, "前置信息应为“字段: 值”的映射", "从版本库恢复文件开头的登记信息")
        return
    for number, line in enumerate(doc.front_matter.split("\n"), doc.front_matter_line):
        key = line.split(":", 1)[0].strip()
        value = data.get(key)
        if key in PLAIN_TEXT and isinstance(value, str) and MARKUP_RE.search(value):
            add(number, f"前置信息的 {key} 含有尖括号 < 或 >", "它会成为网页标题和导航，只能是纯文本；删除其中的 HTML 标记")
    if slug is not None and data.get("slug") != slug:
        add(doc.front_matter_line, f"前置信息中的 slug {data.get('slug')!r} 与文件名 {slug}.md 不一致", "slug 应与文件名相同")


def _lint_headings(doc: Scan, add: Callable[[int | None, str, str], None]) -> set[str]:
    titles = [h for h in doc.headings if h.level == 1]
    if not titles:
        add(None, "缺少一级标题（规划标题）", "在前置信息之后写一行“# 规划标题”")
    for extra in titles[1:]:
        add(extra.line, f"出现第二个一级标题“{extra.text}”（第 {titles[0].line} 行已有规划标题）",
            "每页只有一个一级标题；章节用 ## 及以下级别")
    seen: dict[str, int] = {}
    for heading in doc.headings:
        if heading.level == 1:
            if heading.id is not None:
                seen.setdefault(heading.id, heading.line)
            continue
        if heading.id is None:
            add(heading.line, f"标题“{heading.text}”没有锚点",
                "在行末加上 {#id}，锚点按编号路径命名，如 {#s3-4-2}（见 about/plan-format.md）")
            continue
        if not VALID_ID_RE.match(heading.id):
            add(heading.line, f"锚点 #{heading.id} 不合法", "只用字母、数字、连字符，以字母开头，如 s3-4")
        if PASSAGE_ID_RE.search(heading.id):
            add(heading.line, f"锚点 #{heading.id} 与段落锚点的格式（<章节>-p<序号>）冲突", "标题锚点不要以 -p<数字> 结尾")
        if heading.id in seen:
            add(heading.line, f"锚点 #{heading.id} 重复（第 {seen[heading.id]} 行已使用）",
                "每个锚点在页面内必须唯一；按编号路径改正其中一个")
        else:
            seen[heading.id] = heading.line
    for line, other in doc.other_ids:
        if other in seen:
            add(line, f"锚点 #{other} 重复（第 {seen[other]} 行已使用）", "每个锚点在页面内必须唯一")
        else:
            seen[other] = line
    return set(seen)


def _lint_imported_ids(doc: Scan, imported: list[HeadingLine] | None, add: Callable[[int | None, str, str], None]) -> None:
    """Heading ids of the last import must survive hand edits: readers' citations point at them."""
    if not imported:
        return
    current = {h.id for h in doc.headings if h.id}
    by_text = {h.text: h for h in doc.headings}
    for old in imported:
        if old.level == 1 or not old.id or old.id in current:
            continue
        now = by_text.get(old.text)
        if now is not None and now.id is None:
            continue  # reported as a heading without an id
        if now is not None:
            add(now.line, f"标题“{old.text}”的锚点由 #{old.id} 改成了 #{now.id}",
                f"改回 {{#{old.id}}}：外部引用指向上次导入时的锚点，修改标题措辞也不应改变锚点")
        else:
            add(None, f"上次导入时的锚点 #{old.id}（标题“{old.text}”）已不存在",
                f"恢复带有 {{#{old.id}}} 的标题；若确需删除该章节，请在评审中说明，因为指向它的引用会失效")


def _lint_link(link: Link, page: str, own_ids: set[str], site: Site, add: Callable[[int | None, str, str], None]) -> None:
    target = link.target.strip()
    if not target:
        add(link.line, "链接地址为空", "填写目标页面，如 haidian.md#s3-4")
        return
    if UNSAFE_SCHEME_RE.match(target):
        add(link.line, f"不安全的链接 {target}", "删除该链接；规划页只链接站内页面或 http(s) 网址")
        return
    if EXTERNAL_SCHEME_RE.match(target) or target.startswith("//"):
        return
    if target.startswith("/"):
        add(link.line, f"链接 {target} 是绝对路径", "写成相对于本页的 .md 链接，如 ../plans/haidian.md")
        return
    path_part, _, anchor = target.partition("#")
    path_part = unquote(path_part.split("?", 1)[0])
    anchor = unquote(anchor)
    if not path_part:
        if anchor and anchor not in own_ids:
            add(link.line, f"本页没有锚点 #{anchor}", "锚点须为本页标题的 {#id} 或段落锚点（如 s3-4-p2）")
        return
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path_part))
    if resolved.startswith("../") or resolved == "..":
        add(link.line, f"链接 {target} 指向 docs/ 之外", "只链接 docs/ 中的页面或文件")
        return
    if path_part.endswith("/") or not posixpath.splitext(resolved)[1]:
        add(link.line, f"链接 {target} 不是 .md 文件", "链接到页面的 .md 文件，如 haidian.md，MkDocs 会把它换成网址")
        return
    if resolved.endswith(".md"):
        if resolved not in site.pages and resolved not in site.generated:
            add(link.line, f"链接的页面 {resolved} 不存在", "检查文件名；规划页位于 plans/<slug>.md")
            return
        if anchor and resolved in site.pages:
            anchors = own_ids if resolved == page else site.page_anchors(resolved)
            if anchors is not None and anchor not in anchors:
                add(link.line, f"页面 {resolved} 中没有锚点 #{anchor}", "检查锚点是否写错，或目标章节的锚点是否已改变")
        return
    if not (site.docs_dir / resolved).is_file():
        add(link.line, f"链接的文件 {resolved} 不存在", "把文件放进 docs/ 或修正路径")


# --- last import ----------------------------------------------------------------------------------


def imported_headings(root: Path, slug: str, entry: Entry | None, current_text: str) -> list[HeadingLine] | None:
    """Headings of the page as ``import`` last wrote it, or None when that version cannot be found.

    The import manifest records only the sha256 of what ``import`` wrote (see the report: it should
    also record the heading ids). If the page still has that hash, nothing changed. Otherwise the
    version with that hash is looked up in the page's git history (generated output is committed),
    and failing that the importer is re-run in memory: the same raw file and importer code give
    byte-identical output, which the hash verifies.
    """
    if entry is None:
        return None
    if sha256_text(current_text) == entry.sha256:
        return scan(current_text).headings
    for text in _git_versions(root, entry.file):
        if sha256_text(text) == entry.sha256:
            return scan(text).headings
    regenerated = _regenerate(root, slug)
    if regenerated is not None and sha256_text(regenerated) == entry.sha256:
        return scan(regenerated).headings
    log.warning("%s: the version written by the last import was not found; heading ids not compared", entry.file)
    return None


def _git_versions(root: Path, relative: str) -> Iterable[str]:
    """Committed versions of ``relative`` (newest first); nothing when ``root`` is not a git work tree."""
    try:
        listed = subprocess.run(["git", "-C", str(root), "log", "--format=%H", "--", relative], capture_output=True, text=True)
    except OSError:
        return
    if listed.returncode != 0:
        return
    for commit in listed.stdout.split():
        shown = subprocess.run(["git", "-C", str(root), "show", f"{commit}:{relative}"], capture_output=True)
        if shown.returncode == 0:
            yield shown.stdout.decode("utf-8", errors="replace")


def _regenerate(root: Path, slug: str) -> str | None:
    """The importer's Markdown for ``slug``, converted in memory from the raw file."""
    from generator.importing.pipeline import convert_plan
    from generator.registry import load_registry

    try:
        registry = load_registry(root / "corpus" / "plans.yml")
        return convert_plan(registry, registry.get(slug)).markdown
    except GeneratorError as exc:
        log.debug("regenerating %s failed: %s", slug, exc)
        return None


# --- the command ----------------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="项目根目录（默认为当前目录）")
    parser.add_argument("--topics", type=Path, default=None, help="专题定义目录（默认为 <root>/topics）")
    parser.add_argument("--no-history", action="store_true", help="不与上次导入时的标题锚点比较")


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    findings = check_project(root, topics=args.topics, history=not args.no_history)
    for finding in findings:
        print(finding)
    plans = len(list((root / "docs" / "plans").glob("*.md")))
    if findings:
        print(f"检查未通过：{len(findings)} 个问题", file=sys.stderr)
        return 1
    print(f"检查通过：{plans} 份规划页面与专题定义文件", file=sys.stderr)
    return 0


def check_project(root: Path, *, topics: Path | None = None, history: bool = True) -> list[GeneratorError]:
    """Every finding in the project at ``root``; paths are reported relative to ``root``."""
    from generator.crossref.themes import load_themes
    from generator.registry import load_registry

    findings: list[GeneratorError] = []
    docs = root / "docs"
    plans_dir = docs / "plans"

    def rel(path: Path) -> Path:
        try:
            return path.relative_to(root)
        except ValueError:
            return path

    slugs: list[str] = []
    try:
        registry = load_registry(root / "corpus" / "plans.yml")
        slugs = [plan.slug for plan in registry.plans]
    except GeneratorError as exc:
        exc.path = rel(Path(exc.path))
        findings.append(exc)
    theme_slugs: list[str] = []
    try:
        theme_slugs = [slug for slug, _ in load_themes(topics or root / "topics").titles()]
    except GeneratorError as exc:
        exc.path = rel(Path(exc.path))
        findings.append(exc)

    texts: dict[str, str] = {}
    for md in sorted(docs.rglob("*.md")):
        texts[md.relative_to(docs).as_posix()] = md.read_text(encoding="utf-8")
    cache: dict[str, list[str]] = {}

    def anchors(page: str) -> Callable[[], list[str]]:
        def get() -> list[str]:
            if page not in cache:
                cache[page] = page_ids(texts[page])
            return cache[page]

        return get

    from generator.crossref.render import PAIRS_PAGE, compare_page

    generated = {"themes/index.md", PAIRS_PAGE, *(f"themes/{slug}.md" for slug in theme_slugs), *map(compare_page, theme_slugs)}
    site = Site(docs_dir=docs, pages={page: anchors(page) for page in texts}, generated=frozenset(generated))
    registered = set(slugs)
    manifest: dict[str, Entry] = {}
    if history:
        try:
            manifest = load_manifest(root / "corpus" / "import-manifest.json")
        except GeneratorError as exc:
            exc.path = rel(Path(exc.path))
            findings.append(exc)
    for md in sorted(plans_dir.glob("*.md")):
        slug = md.stem
        text = texts[md.relative_to(docs).as_posix()]
        if slugs and slug not in registered:
            findings.append(GeneratorError(rel(md), "该规划页面在 corpus/plans.yml 中没有登记", "登记该规划，或删除此文件"))
        imported = imported_headings(root, slug, manifest.get(slug), text) if history else None
        findings += lint_plan(rel(md), text, page=md.relative_to(docs).as_posix(), site=site, imported=imported, slug=slug)
    for slug in slugs:
        if not (plans_dir / f"{slug}.md").is_file():
            missing = rel(plans_dir / f"{slug}.md")
            findings.append(GeneratorError(missing, "已登记的规划没有页面", f"运行 python -m generator import {slug}"))
    return findings


