"""The contributor-editable topic definitions (``topics/*.yml``) and their strict loader.

A topic (专题; ``theme`` in the code and in the page URLs ``themes/<slug>/``) is ONE file,
``topics/<slug>.yml``, holding everything that differs between topics: title, group, scope line,
description, vocabulary tiers, the school stage it is tied to, sub-topics and indicator concepts.
What all topics share — the groups of the topic index, the names of the school stages, the words
of school places — is in ``topics/_taxonomy.yml``. Adding, editing or deleting a topic is a file
change only; the engine (generator.crossref.relevance) has no branch for any particular topic.

The files are edited by hand by people who are not programmers, so every mistake must come back as
one sentence naming the file, the line and the fix — a typo in a key would otherwise silently drop
a whole vocabulary tier and quietly change every topic page. Validation therefore walks the YAML
*node* tree (which keeps line numbers) instead of the plain Python objects.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import GeneratorError

log = logging.getLogger(__name__)

#: Weight of each vocabulary tier; documented in topics/README.md.
TIER_WEIGHTS: dict[str, float] = {"core": 3.0, "strong": 2.0, "weak": 1.0, "context": 2.0}
#: the tier whose words count only in a sentence that also names the topic's stage
#: (学位 is about 义务教育 in “新建小学2所，增加学位960个”, about nothing in “学位论文”)
CONTEXT_TIER = "context"

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{0,40}$")
TERM_RE = re.compile(r"^\S+$")

#: the shared file in the topics directory; every other ``*.yml`` there not starting with ``_`` is a topic
TAXONOMY_FILE = "_taxonomy.yml"
TAXONOMY_REQUIRED = ("groups", "stages")
TAXONOMY_OPTIONAL = ("umbrella_stages", "supply_terms", "domains")
GROUP_REQUIRED = ("slug", "title")
THEME_REQUIRED = ("slug", "title", "group", "scope", "description", "section_terms", "terms", "subtopics")
THEME_OPTIONAL = ("order", "stages", "exclude_terms", "ignore_terms", "indicators")
SUBTOPIC_REQUIRED = ("slug", "title", "terms")
INDICATOR_REQUIRED = ("name",)
INDICATOR_OPTIONAL = ("synonyms",)
#: anchors the topic page uses for its own sections; a sub-topic may not take them
RESERVED_SUBTOPICS = ("other", "matrix", "main-sections", "indicators", "compare")
#: position of a topic without ``order`` within its group: after the numbered ones, by slug
DEFAULT_ORDER = 1000


@dataclass(frozen=True)
class Subtopic:
    slug: str
    title: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    """An indicator concept; ``names`` is the display name followed by its synonyms."""

    name: str
    synonyms: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


@dataclass(frozen=True)
class Group:
    """A heading of the topic index and of the nav (学段, 育人 …), in ``_taxonomy.yml`` order."""

    slug: str
    title: str


@dataclass(frozen=True)
class Theme:
    slug: str
    title: str
    description: str
    section_terms: tuple[str, ...]
    exclude_terms: tuple[str, ...]
    #: phrases in which the topic's words mean something else (校长负责制 is governance, not staff)
    ignore_terms: tuple[str, ...]
    #: term -> weight (from its tier)
    terms: dict[str, float]
    subtopics: tuple[Subtopic, ...]
    indicators: tuple[Indicator, ...]
    #: the terms of the context tier (see CONTEXT_TIER)
    context_terms: frozenset[str] = frozenset()
    #: the school stages the topic is about (学前教育 -> 学前); empty for topics across stages
    stages: tuple[str, ...] = ()
    #: slug of its group (see Group)
    group: str = ""
    #: one line saying what the topic covers (the topic index shows it)
    scope: str = ""
    order: int = DEFAULT_ORDER
    #: the file that defines it
    path: Path | None = None


@dataclass(frozen=True)
class ThemeSet:
    path: Path
    #: school stage -> the names that designate it (学前 -> 学前教育, 幼儿园, …)
    stages: dict[str, tuple[str, ...]]
    themes: tuple[Theme, ...]
    #: stages that name several others at once (中小学); not counted when spotting an overview
    umbrella_stages: tuple[str, ...] = ()
    #: words of school places and layout (学位, 布局 …): a lead with one is about the places of the
    #: stages the passage names
    supply_terms: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()
    #: fields of education and their names (体育美育劳动 -> 体育, 艺术, …): names of different fields
    #: side by side (“体育、科技、艺术”) are a list, like names of different stages
    domains: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def stage_of(self) -> dict[str, str]:
        return {term: stage for stage, terms in self.stages.items() for term in terms}

    @property
    def domain_of(self) -> dict[str, str]:
        return {term: domain for domain, terms in self.domains.items() for term in terms}

    def get(self, slug: str) -> Theme:
        for theme in self.themes:
            if theme.slug == slug:
                return theme
        raise KeyError(slug)

    def titles(self) -> list[tuple[str, str]]:
        return [(t.slug, t.title) for t in self.themes]

    def by_group(self) -> list[tuple[Group, list[Theme]]]:
        """Groups in taxonomy order with their topics (topic order); empty groups left out."""
        return [(g, members) for g in self.groups if (members := [t for t in self.themes if t.group == g.slug])]


@dataclass(frozen=True)
class Taxonomy:
    """What ``_taxonomy.yml`` defines for all topics."""

    path: Path
    groups: tuple[Group, ...]
    stages: dict[str, tuple[str, ...]]
    umbrella_stages: tuple[str, ...]
    supply_terms: tuple[str, ...]
    domains: dict[str, tuple[str, ...]] = field(default_factory=dict)


class _Reader:
    """Validating accessors over YAML nodes; every refusal carries the node's line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: Node | None, message: str, hint: str) -> GeneratorError:
        line = None if node is None else node.start_mark.line + 1
        return GeneratorError(self.path, message, hint, line)

    def mapping(self, node: Node, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"{where}应为“字段: 值”的映射", "参见文件中其他条目的写法")
        allowed = required + optional
        fields: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            if key not in allowed:
                raise self.fail(key_node, f"{where}中有未知字段“{key}”", f"允许的字段：{'、'.join(allowed)}；检查拼写或删除该字段")
            if key in fields:
                raise self.fail(key_node, f"{where}中字段“{key}”重复", "每个字段只写一次")
            fields[key] = value_node
        missing = [key for key in required if key not in fields]
        if missing:
            raise self.fail(node, f"{where}缺少字段“{missing[0]}”", f"必须填写的字段：{'、'.join(required)}")
        return fields

    def text(self, node: Node, where: str, key: str) -> str:
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:str" or not str(node.value).strip():
            raise self.fail(node, f"{where}的 {key} 应为非空文本", "写在冒号后面，例如 title: 学前教育")
        return str(node.value).strip()

    def slug(self, node: Node, where: str) -> str:
        value = self.text(node, where, "slug")
        if not SLUG_RE.match(value):
            raise self.fail(node, f"{where}的 slug“{value}”不合法", "只用小写字母、数字和连字符，以字母开头")
        return value

    def terms(self, node: Node, where: str, key: str) -> tuple[str, ...]:
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.fail(node, f"{where}的 {key} 应为非空的词语列表", "写成 YAML 列表，每行一个“- 词语”")
        result: list[str] = []
        for index, item in enumerate(node.value, 1):
            ok = isinstance(item, ScalarNode) and item.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:int")
            value = str(item.value).strip() if ok else ""
            if not ok or not TERM_RE.match(value):
                shown = item.value if isinstance(item, ScalarNode) else "（列表或映射）"
                raise self.fail(item, f"{where}的 {key} 第 {index} 项“{shown}”不是有效的词语", "每项是一个不含空格的词语")
            if value in result:
                raise self.fail(item, f"{where}的 {key} 中“{value}”重复", "删除重复的一项")
            result.append(value)
        return tuple(result)

    def sequence(self, node: Node, where: str, key: str) -> list[Node]:
        if not isinstance(node, SequenceNode) or not node.value:
            raise self.fail(node, f"{where}的 {key} 应为非空列表", "每项以“- ”开头")
        return list(node.value)


def _declared_slug(node: Node) -> str | None:
    """The slug written in a topic file, before the file is validated (for messages only)."""
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == "slug" and isinstance(value, ScalarNode) and SLUG_RE.match(str(value.value)):
                return str(value.value)
    return None


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse(reader: _Reader, text: str, path: Path, empty_hint: str) -> Node:
    try:
        try:
            # libyaml's parser composes the same nodes (with line marks) ~15× faster: 19 topic files
            # cost 0.25 s of every build with the pure-Python one
            root = yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            root = yaml.compose(text, Loader=yaml.SafeLoader)  # its message, as contributors know it
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise GeneratorError(path, f"YAML 语法错误：{problem}", "检查缩进与冒号", None if mark is None else mark.line + 1) from exc
    if root is None:
        raise GeneratorError(path, "文件是空的", empty_hint, None)
    return root


def _integer(reader: _Reader, node: Node, where: str, key: str) -> int:
    if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:int":
        raise reader.fail(node, f"{where}的 {key} 应为整数", "例如 order: 30（同组内按从小到大排列）")
    return int(node.value)


def parse_topic(text: str, path: Path, taxonomy: Taxonomy) -> Theme:
    """Validate one topic file (the content ``text`` of ``path``) against the shared taxonomy."""
    reader = _Reader(path)
    node = _parse(reader, text, path, "一个专题文件至少要有 " + "、".join(THEME_REQUIRED) + " 这些字段")
    declared = _declared_slug(node)
    where = f"专题 {declared} " if declared else "专题"
    fields = reader.mapping(node, where, THEME_REQUIRED, THEME_OPTIONAL)
    slug = reader.slug(fields["slug"], where)
    where = f"专题 {slug} "
    group = reader.text(fields["group"], where, "group")
    groups = [g.slug for g in taxonomy.groups]
    if group not in groups:
        hint = f"可用的分组：{'、'.join(groups)}（在 {TAXONOMY_FILE} 的 groups 中定义）"
        raise reader.fail(fields["group"], f"{where}的分组“{group}”不存在", hint)
    terms_fields = reader.mapping(fields["terms"], f"{where}的 terms ", (), tuple(TIER_WEIGHTS))
    if not terms_fields:
        raise reader.fail(fields["terms"], f"{where}的 terms 至少要有一档词语", f"可用的档：{'、'.join(TIER_WEIGHTS)}")
    weights: dict[str, float] = {}
    context: set[str] = set()
    for tier, tier_node in terms_fields.items():
        for term in reader.terms(tier_node, where, f"terms.{tier}"):
            if term in weights:
                raise reader.fail(tier_node, f"{where}的词语“{term}”出现在两档中", "每个词只放在一档")
            weights[term] = TIER_WEIGHTS[tier]
            if tier == CONTEXT_TIER:
                context.add(term)
    if weights and not set(weights) - context:
        hint = "context 档的词只在句中另有本专题学段名称时计分，至少再写一档"
        raise reader.fail(fields["terms"], f"{where}的 terms 只有 context 档", hint)
    stages = reader.terms(fields["stages"], where, "stages") if "stages" in fields else ()
    unknown = [name for name in stages if name not in taxonomy.stages]
    if unknown:
        hint = f"写 {TAXONOMY_FILE} 的 stages 里已有的学段名"
        raise reader.fail(fields["stages"], f"{where}的 stages 中的“{unknown[0]}”不是 {TAXONOMY_FILE} 中的学段", hint)
    if context and not stages:
        hint = "写上本专题的学段（如 stages: [学前]），context 档的词只在句中出现该学段名称时计分"
        raise reader.fail(terms_fields[CONTEXT_TIER], f"{where}有 context 档词语却没有 stages", hint)
    subtopics: list[Subtopic] = []
    for sub_index, sub_node in enumerate(reader.sequence(fields["subtopics"], where, "subtopics"), 1):
        sub_where = f"{where}的第 {sub_index} 个子专题"
        sub_fields = reader.mapping(sub_node, sub_where, SUBTOPIC_REQUIRED)
        sub_slug = reader.slug(sub_fields["slug"], sub_where)
        if sub_slug in RESERVED_SUBTOPICS:
            reserved = "、".join(RESERVED_SUBTOPICS)
            raise reader.fail(sub_fields["slug"], f"{sub_where}的 slug“{sub_slug}”是保留名", f"换一个名字；保留名：{reserved}")
        if any(s.slug == sub_slug for s in subtopics):
            raise reader.fail(sub_fields["slug"], f"{where}的子专题 slug“{sub_slug}”重复", "同一专题内子专题的 slug 必须唯一")
        sub_where = f"{where}的子专题 {sub_slug} "
        subtopics.append(
            Subtopic(sub_slug, reader.text(sub_fields["title"], sub_where, "title"), reader.terms(sub_fields["terms"], sub_where, "terms"))
        )
    indicators: list[Indicator] = []
    if "indicators" in fields:
        for ind_index, ind_node in enumerate(reader.sequence(fields["indicators"], where, "indicators"), 1):
            ind_where = f"{where}的第 {ind_index} 个指标"
            ind_fields = reader.mapping(ind_node, ind_where, INDICATOR_REQUIRED, INDICATOR_OPTIONAL)
            name = reader.text(ind_fields["name"], ind_where, "name")
            synonyms = reader.terms(ind_fields["synonyms"], f"{where}的指标 {name} ", "synonyms") if "synonyms" in ind_fields else ()
            indicators.append(Indicator(name, synonyms))
    exclude = reader.terms(fields["exclude_terms"], where, "exclude_terms") if "exclude_terms" in fields else ()
    ignore = reader.terms(fields["ignore_terms"], where, "ignore_terms") if "ignore_terms" in fields else ()
    return Theme(
        slug=slug,
        title=reader.text(fields["title"], where, "title"),
        description=reader.text(fields["description"], where, "description"),
        section_terms=reader.terms(fields["section_terms"], where, "section_terms"),
        exclude_terms=exclude,
        ignore_terms=ignore,
        terms=weights,
        subtopics=tuple(subtopics),
        indicators=tuple(indicators),
        context_terms=frozenset(context),
        stages=stages,
        group=group,
        scope=reader.text(fields["scope"], where, "scope"),
        order=_integer(reader, fields["order"], where, "order") if "order" in fields else DEFAULT_ORDER,
        path=path,
    )


def _stages(
    reader: _Reader, node: Node, key: str = "stages", kind: str = "学段", example: str = "学前: [学前教育, 幼儿园]"
) -> dict[str, tuple[str, ...]]:
    """``stages`` (or ``domains``): name -> the names that designate it, each name in one entry only."""
    if not isinstance(node, MappingNode) or not node.value:
        raise reader.fail(node, f"{key} 应为“{kind}名: [名称, …]”的映射", f"每行写一个{kind}，例如 {example}")
    stages: dict[str, tuple[str, ...]] = {}
    owner: dict[str, str] = {}
    for key_node, value_node in node.value:
        name = reader.text(key_node, key, f"{kind}名")
        if name in stages:
            raise reader.fail(key_node, f"{key} 中{kind}“{name}”重复", f"每个{kind}只写一次")
        terms = reader.terms(value_node, f"{kind} {name} ", "名称列表")
        for term in terms:
            if term in owner:
                raise reader.fail(value_node, f"名称“{term}”同时属于{kind}“{owner[term]}”和“{name}”", f"每个名称只归入一个{kind}")
            owner[term] = name
        stages[name] = terms
    return stages


def parse_taxonomy(text: str, path: Path) -> Taxonomy:
    """Validate the shared file (groups, stages, umbrella stages, supply terms, domains)."""
    reader = _Reader(path)
    root = _parse(reader, text, path, "至少要有 groups 与 stages 两个字段")
    fields = reader.mapping(root, "顶层", TAXONOMY_REQUIRED, TAXONOMY_OPTIONAL)
    groups: list[Group] = []
    for index, node in enumerate(reader.sequence(fields["groups"], "顶层", "groups"), 1):
        group_fields = reader.mapping(node, f"第 {index} 个分组", GROUP_REQUIRED)
        slug = reader.slug(group_fields["slug"], f"第 {index} 个分组")
        if any(g.slug == slug for g in groups):
            raise reader.fail(group_fields["slug"], f"分组 slug“{slug}”重复", "每个分组的 slug 必须唯一")
        groups.append(Group(slug, reader.text(group_fields["title"], f"分组 {slug} ", "title")))
    stages = _stages(reader, fields["stages"])
    umbrella: tuple[str, ...] = ()
    if "umbrella_stages" in fields:
        umbrella = reader.terms(fields["umbrella_stages"], "顶层", "umbrella_stages")
        unknown = [name for name in umbrella if name not in stages]
        if unknown:
            message = f"umbrella_stages 中的“{unknown[0]}”不是 stages 中的学段"
            raise reader.fail(fields["umbrella_stages"], message, "写 stages 里已有的学段名")
    supply = reader.terms(fields["supply_terms"], "顶层", "supply_terms") if "supply_terms" in fields else ()
    domains = _stages(reader, fields["domains"], "domains", "领域", "科技: [科技, 科学]") if "domains" in fields else {}
    return Taxonomy(path=path, groups=tuple(groups), stages=stages, umbrella_stages=umbrella, supply_terms=supply, domains=domains)


def _read(path: Path, missing_hint: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeneratorError(path, "找不到专题定义文件", missing_hint) from None
    except UnicodeDecodeError as exc:
        raise GeneratorError(path, "专题定义文件不是 UTF-8 编码", "用 UTF-8 重新保存该文件") from exc


def topic_files(directory: Path) -> list[Path]:
    """The topic files of ``directory``: every ``*.yml`` except the shared ``_*.yml`` ones, by name."""
    return sorted(p for p in directory.glob("*.yml") if not p.name.startswith("_"))


def load_themes(directory: Path) -> ThemeSet:
    """Read and validate every topic file in ``directory`` (``topics/``) and the shared taxonomy.

    Topics are ordered by group (taxonomy order), then ``order``, then slug — never by file name,
    so renaming a file changes nothing a reader sees.
    """
    if not directory.is_dir():
        raise GeneratorError(directory, "找不到专题定义目录", f"在项目根目录放置 topics/，其中有 {TAXONOMY_FILE} 与每个专题一个 .yml 文件")
    shared = directory / TAXONOMY_FILE
    taxonomy = parse_taxonomy(_read(shared, "写明专题分组与学段名称（参见 topics/README.md）"), shared)
    themes: list[Theme] = []
    first: dict[str, tuple[Path, int]] = {}
    for path in topic_files(directory):
        text = _read(path, "")
        theme = parse_topic(text, path, taxonomy)
        line = _slug_line(text)
        if theme.slug in first:
            other, other_line = first[theme.slug]
            message = f"专题 slug“{theme.slug}”与 {other.name} 第 {other_line} 行重复"
            raise GeneratorError(path, message, "每个专题的 slug 必须唯一；改名或删除其中一个文件", line)
        first[theme.slug] = (path, line)
        themes.append(theme)
    if not themes:
        raise GeneratorError(directory, "专题定义目录中没有专题文件", "每个专题写一个 <slug>.yml（参见 topics/README.md）")
    rank = {g.slug: i for i, g in enumerate(taxonomy.groups)}
    themes.sort(key=lambda t: (rank[t.group], t.order, t.slug))
    log.debug("topics %s: %s", directory, ", ".join(t.slug for t in themes))
    return ThemeSet(
        path=directory,
        stages=taxonomy.stages,
        themes=tuple(themes),
        umbrella_stages=taxonomy.umbrella_stages,
        supply_terms=taxonomy.supply_terms,
        groups=taxonomy.groups,
        domains=taxonomy.domains,
    )


def _slug_line(text: str) -> int:
    """Line of the top-level ``slug:`` key (for the duplicate-slug message)."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("slug:"):
            return number
    return 1
