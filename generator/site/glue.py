"""MkDocs glue for generator.site: called from a few lines of the plancompare plugin.

Per build:

* ``on_config``  reset, register the notice treeprocessor (inactive; generator.site.notice);
* ``on_files``   add, per registered plan with a page, ``data/cite/<slug>.bib`` and ``.ris`` (whole-plan
  citations) and ``data/cite/<slug>.json`` (what 复制引用 needs to cite the plan's passages from other
  pages) as generated files. The JSON's heading list is filled in when the plan page is rendered
  (``on_page_content``): MkDocs copies generated files only after every page has been rendered, so
  the file written is complete. Nothing is written into docs/;
* ``on_page_markdown`` / ``on_page_content``  switch the notice treeprocessor on for plan pages only;
  record the plan's headings; give every page a description (front matter, else the registry for
  plan pages, else the page's first paragraph), escaped because Material prints it unescaped;
* ``on_page_context``  ``site_head`` (Open Graph; plan pages: Highwire, Dublin Core, JSON-LD) and,
  on plan pages, ``plan_cite`` (the GB/T template and the download links) for the templates.

Why a JSON per plan rather than the registry in every page: a topic (or compare) page cites passages
of every plan, and the site will grow past 100 plans; each page stays as light as it is, and the
browser fetches the few kilobytes of one plan's data the first time a reader opens 复制引用 on one of
its passages (a plan page has the same data in its own metadata block and fetches nothing).
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.registry import Plan
from generator.site import citation, meta
from generator.site.notice import NoticeExtension

CITE_DIR = "data/cite"
_SPACE_RE = re.compile(r"\s+")


_HEADING_RE = re.compile(r"<h([2-5])\b([^>]*)>(.*?)</h\1>", re.S)
_ID_RE = re.compile(r'\bid="([^"]+)"')
_HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_TAG_RE = re.compile(r"<[^>]+>")


def heading_list(page_html: str) -> list[tuple[str, int, str]]:
    """``(id, level, text)`` of every h2–h5 with an id, in document order; the text as the reader sees
    it (without the ¶ permalink), whitespace collapsed — what cite.js reads from the plan page.
    Regular expressions on Python-Markdown's output (a full parse cost ~0.1 s per plan page)."""
    out = []
    for match in _HEADING_RE.finditer(page_html):
        found = _ID_RE.search(match.group(2))
        if not found:
            continue
        text = html.unescape(_TAG_RE.sub("", _HEADERLINK_RE.sub("", match.group(3))))
        out.append((html.unescape(found.group(1)), int(match.group(1)), _SPACE_RE.sub(" ", text).strip()))
    return out


def cite_files(slug: str) -> dict[str, str]:
    return {kind: f"{CITE_DIR}/{slug}.{kind}" for kind in ("bib", "ris", "json")}


class SiteExtras:
    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        """One build's state (``mkdocs serve`` rebuilds with the same plugin instance)."""
        self.notice = NoticeExtension(active=False)
        self.plans: dict[str, Plan] = {}  # page src_uri -> plan
        self.json_files: dict[str, File] = {}  # slug -> data/cite/<slug>.json
        self.cite_data: dict[str, dict[str, Any]] = {}

    def on_config(self, config: MkDocsConfig) -> None:
        self._reset()
        config.markdown_extensions.append(self.notice)  # type: ignore[arg-type]  # an Extension instance

    def on_files(self, files: Files, config: MkDocsConfig, plans: Iterable[Plan], plans_dir: str) -> None:
        site_url = config.site_url or ""
        for plan in plans:
            page = files.get_file_from_path(f"{plans_dir}/{plan.slug}.md")
            if page is None:
                continue
            self.plans[page.src_uri] = plan
            paths = cite_files(plan.slug)
            url = site_url + page.url
            contents = {"bib": citation.bibtex(plan, url), "ris": citation.ris(plan, url)}
            self.cite_data[plan.slug] = citation.cite_data(plan, page.url, {k: paths[k] for k in ("bib", "ris")}, [])
            contents["json"] = json.dumps(self.cite_data[plan.slug], ensure_ascii=False)
            for kind, path in paths.items():
                existing = files.get_file_from_path(path)
                if existing is not None:
                    files.remove(existing)
                file = File.generated(config, path, content=contents[kind])
                files.append(file)
                if kind == "json":
                    self.json_files[plan.slug] = file

    def plan_of(self, page: Page) -> Plan | None:
        return self.plans.get(page.file.src_uri)

    def on_page_markdown(self, page: Page) -> None:
        self.notice.active = self.plan_of(page) is not None

    def on_page_content(self, html: str, page: Page) -> str:
        self.notice.active = False
        plan = self.plan_of(page)
        if plan is not None and plan.slug in self.json_files:
            data = self.cite_data[plan.slug]
            data["headings"] = [list(h) for h in heading_list(html)]
            self.json_files[plan.slug].content_string = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        page.meta["description"] = self._description(page, html, plan)
        return html

    def _description(self, page: Page, html: str, plan: Plan | None) -> Markup:
        given = page.meta.get("description")
        if given:
            text = str(given)
        elif plan is not None:
            text = meta.plan_description(plan)
        else:
            text = meta.first_paragraph(html)
        return escape(text) if text else Markup("")

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        plan = self.plan_of(page)
        description = Markup(page.meta.get("description") or "").unescape() or (config.site_description or "")
        title = config.site_name if page.is_homepage else _plain(page.title or config.site_name)
        context["site_head"] = Markup(
            meta.page_head(title=title, description=description, url=page.canonical_url, site_name=config.site_name, plan=plan)
        )
        if plan is not None:
            files = cite_files(plan.slug)
            context["plan_cite"] = {"gbt": citation.gbt7714_template(plan), "bib": files["bib"], "ris": files["ris"], "json": files["json"]}
        return context


def _plain(title: str) -> str:
    from bs4 import BeautifulSoup  # only for titles with markup: importing bs4 costs 0.1 s a build

    return BeautifulSoup(title, "html.parser").get_text() if "<" in title or "&" in title else title
