"""MkDocs glue for the cross-reference: thin, like Material's tags plugin — the work is in generator.crossref.

Per build (``mkdocs build`` and every ``mkdocs serve`` rebuild):

* ``on_config``  reset state, load the topic files (topics/) and the registry, register the ONE passage
  treeprocessor (appended after every configured extension, see generator.crossref.passages);
  list every plan page the nav leaves out under 规划原文, in registry order. Not in ``on_nav``:
  MkDocs builds the navigation — and reports pages missing from it
  (``validation.nav.omitted_files``, a warning that fails ``--strict``) — *before* ``on_nav``; and
  here rather than in ``on_files`` so the site's nav hook (overrides/hooks/nav.py, which runs after
  the plugins and appends leftover pages by name) finds the plans already placed;
* ``on_files``   parse each plan's *current* Markdown once, build the cross-reference, add the theme
  pages and the JSON/CSV export as generated files, and remember which passages get theme chips;
* ``on_page_markdown``  switch the treeprocessor on for plan pages (with that plan's chips), fill
  the home page markers, and drop the "edit this page" link of generated pages;
* ``on_post_build``  keep for the next rebuild only what this build used;
* ``on_serve``   also watch the topic files and the registry.

``on_startup`` makes MkDocs keep this one instance across ``mkdocs serve`` rebuilds, so two caches
carry over from one build to the next, both keyed by content hashes: the cross-reference's
(generator.crossref.cache: passages, judgements and tokens of unchanged plans and passages) and
the rendered pages' (generator.site.pagecache: pages whose Markdown and inputs are unchanged).
A plain ``mkdocs build`` starts with both empty.

Nothing is ever written into docs/.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from generator.crossref import render
from generator.crossref.build import CrossReference, build
from generator.crossref.cache import BuildCache
from generator.crossref.passages import PassageExtension
from generator.crossref.sitecfg import split_plan
from generator.crossref.themes import ThemeSet, load_themes
from generator.errors import GeneratorError
from generator.registry import Registry, load_registry
from generator.site.glue import SiteExtras
from generator.site.pagecache import PageCache

log = logging.getLogger("mkdocs.plugins.plancompare")

PLANS_DIR = "plans"
#: the nav section of the plan pages; plan pages the nav does not list are added to it
PLANS_NAV_TITLE = "规划原文"
NAV_TITLE = "专题对照"
#: documents the export and the method; listed under the theme section unless the nav has it
DATA_PAGE = "about/data.md"


class PlanCompareConfig(Config):
    #: one file per topic plus the shared _taxonomy.yml (generator.crossref.themes)
    topics_dir = config_options.Type(str, default="topics")
    registry = config_options.Type(str, default="corpus/plans.yml")
    #: add a 专题对照 section to an explicit nav that lists no theme page
    add_nav = config_options.Type(bool, default=True)
    #: bytes of content a topic page or compare view may hold before its districts are split into
    #: parts (generator.crossref.layout); by default what keeps every page under 300 KB
    page_budget = config_options.Optional(config_options.Type(int))


class PlanComparePlugin(BasePlugin[PlanCompareConfig]):
    def __init__(self) -> None:
        #: results of earlier builds by content hash (generator.crossref.cache); kept across the
        #: rebuilds of ``mkdocs serve``, which keeps this instance because it has ``on_startup``
        self.cache = BuildCache()
        self.pages = PageCache()
        self._reset()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that MkDocs keeps one plugin instance (and its cache) for all serve rebuilds."""

    def _reset(self) -> None:
        self.root = Path.cwd()
        self.themes: ThemeSet | None = None
        self.registry: Registry | None = None
        self.xref: CrossReference | None = None
        self.chips: dict[str, dict[str, list[tuple[str, str, str]]]] = {}
        self.generated: set[str] = set()
        self.extension = PassageExtension(active=False)
        self.site = SiteExtras()  # citations, head metadata, notice (generator.site, issue 13)

    # -- configuration ------------------------------------------------------------------------------
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._reset()
        self.root = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        try:
            self.themes = load_themes(self._path(self.config.topics_dir))
            self.registry = load_registry(self._path(self.config.registry), check_files=False)
        except GeneratorError as err:
            raise PluginError(str(err)) from err
        config.markdown_extensions.append(self.extension)  # type: ignore[arg-type]  # an Extension instance
        self.site.on_config(config)
        _add_plan_nav(config, self.registry)
        if self.config.add_nav:
            _add_theme_nav(config, self.themes)
        return config

    def _path(self, name: str) -> Path:
        """Relative to mkdocs.yml; shown relative to the working directory when inside it, so a
        refusal reads ``topics/preschool.yml:12: …`` rather than a long absolute path."""
        path = Path(name) if Path(name).is_absolute() else self.root / name
        relative = Path(os.path.relpath(path))
        return path if relative.parts[:1] == ("..",) else relative

    # -- files --------------------------------------------------------------------------------------
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.themes is not None and self.registry is not None
        start = time.perf_counter()
        texts: dict[str, str] = {}
        for plan in self.registry.plans:
            file = files.get_file_from_path(f"{PLANS_DIR}/{plan.slug}.md")
            if file is None:
                log.warning("规划 %s 没有页面 docs/%s/%s.md，专题对照中不含该区", plan.slug, PLANS_DIR, plan.slug)
                continue
            texts[plan.slug] = split_plan(file.content_string)[0]
        extensions = [e for e in config.markdown_extensions if e is not self.extension]
        self.xref = build(self.registry.plans, texts, self.themes, extensions, config.mdx_configs, cache=self.cache)
        outputs, layouts = render.render_site(
            self.xref, site_url=config.site_url or None, directory_urls=config.use_directory_urls, page_budget=self.config.page_budget
        )
        for src_uri, content in outputs.items():
            existing = files.get_file_from_path(src_uri)
            if existing is not None and existing.generated_by is None:
                hint = "请删除或改名该文件；专题页由 topics/ 中的专题定义与规划原文生成"
                raise PluginError(f"docs/{src_uri} 与自动生成的专题页同名（{hint}）")
            if existing is not None:
                files.remove(existing)
            inclusion = InclusionLevel.NOT_IN_NAV if render.is_compare_page(src_uri) else InclusionLevel.UNDEFINED
            files.append(File.generated(config, src_uri, content=content, inclusion=inclusion))
            self.generated.add(src_uri)
        self.chips = render.page_chips(self.xref.chips(), layouts)
        self.site.on_files(files, config, self.registry.plans, PLANS_DIR)
        self.pages.begin(config, files)
        log.info("专题对照：生成 %d 个文件，用时 %.2f 秒", len(outputs), time.perf_counter() - start)
        return files

    # -- pages --------------------------------------------------------------------------------------
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = page.file.src_uri
        slug = src[len(PLANS_DIR) + 1 : -3] if src.startswith(f"{PLANS_DIR}/") and src.endswith(".md") else None
        self.extension.active = slug is not None
        self.extension.chips = self.chips.get(slug, {}) if slug else {}
        if src in self.generated:
            page.edit_url = None
        if src == "index.md":
            markdown = self._home(markdown)
        self.site.on_page_markdown(page)
        # what the passages treeprocessor and the notice add to a plan page besides its Markdown
        plan = self.site.plan_of(page)
        self.pages.attach(page, repr((self.extension.chips, plan)) if slug or plan else "")
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.extension.active = False
        self.extension.chips = {}
        return self.site.on_page_content(html, page)

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        return self.site.on_page_context(context, page, config)

    def _home(self, markdown: str) -> str:
        from generator.site import home  # the home page pieces

        assert self.xref is not None and self.registry is not None and self.themes is not None
        return home.replace_markers(
            markdown,
            home.render_plans_table(self.registry),
            home.render_coverage_matrix(
                self.xref.coverage(), self.registry, [(g.title, [(t.slug, t.title) for t in ts]) for g, ts in self.themes.by_group()]
            ),
        )

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Keep for the next serve rebuild only what this build used."""
        self.cache.sweep()
        self.pages.sweep()

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        for name in (self.config.topics_dir, self.config.registry):
            path = self._path(name)
            if path.exists():
                server.watch(str(path))  # a directory is watched recursively: added and deleted topics too
        return server


def _add_theme_nav(config: MkDocsConfig, themes: ThemeSet) -> None:
    """Give the generated pages a nav section when the site lists its pages explicitly: the topic
    index, then one sub-section per topic group (学段, 育人 …) as the index groups them."""
    nav = config.nav
    if not nav or _mentions(nav, "themes/"):
        return
    pages: list[Any] = ["themes/index.md", render.PAIRS_PAGE]
    pages += [{group.title: [f"themes/{t.slug}.md" for t in members]} for group, members in themes.by_group()]
    if not _mentions(nav, DATA_PAGE):
        pages.append(DATA_PAGE)
    section = {NAV_TITLE: pages}
    plans = _plans_section(nav)
    nav.insert(len(nav) if plans is None else plans + 1, section)


def _plans_section(nav: list[Any]) -> int | None:
    """Index of the plans section: the top-level item titled 规划原文, else the first one listing a plan."""
    for i, item in enumerate(nav):
        if isinstance(item, dict) and PLANS_NAV_TITLE in item:
            return i
    return next((i for i, item in enumerate(nav) if _mentions([item], f"{PLANS_DIR}/")), None)


def _add_plan_nav(config: MkDocsConfig, registry: Registry) -> None:
    """List every plan page the explicit nav leaves out under 规划原文: registered plans in registry
    order, then any other page in docs/plans/ by name. A new plan thus needs no edit of mkdocs.yml;
    an explicit entry (with a custom title, say) is left as it is."""
    nav = config.nav
    if not nav:
        return  # no explicit nav: MkDocs lists every page itself
    order = {f"{PLANS_DIR}/{plan.slug}.md": i for i, plan in enumerate(registry.plans)}
    pages = [f"{PLANS_DIR}/{path.name}" for path in sorted((Path(config.docs_dir) / PLANS_DIR).glob("*.md"))]
    missing = sorted((uri for uri in pages if not _lists(nav, uri)), key=lambda uri: (order.get(uri, len(order)), uri))
    if not missing:
        return
    index = _plans_section(nav)
    if index is None:
        nav.insert(min(1, len(nav)), {PLANS_NAV_TITLE: missing})
    else:
        item = nav[index]
        title = next(iter(item)) if isinstance(item, dict) else PLANS_NAV_TITLE
        children = item[title] if isinstance(item, dict) else [item]
        nav[index] = {title: [*(children if isinstance(children, list) else [children] if children else []), *missing]}
    log.debug("导航：%s 下补列 %s", PLANS_NAV_TITLE, "、".join(missing))


def _lists(nav: Any, src_uri: str) -> bool:
    """The nav names this page (as a plain path or as a titled entry)."""
    if isinstance(nav, str):
        return nav == src_uri
    if isinstance(nav, dict):
        return any(_lists(v, src_uri) for v in nav.values())
    if isinstance(nav, list):
        return any(_lists(v, src_uri) for v in nav)
    return False


def _mentions(nav: Any, prefix: str) -> bool:
    if isinstance(nav, str):
        return nav.startswith(prefix)
    if isinstance(nav, dict):
        return any(_mentions(v, prefix) for v in nav.values())
    if isinstance(nav, list):
        return any(_mentions(v, prefix) for v in nav)
    return False
