"""What a page says about itself in ``<head>``: description, Open Graph, and for plan pages the tags
reference managers read (Highwire Press ``citation_*``, Dublin Core ``DC.*``) and schema.org JSON-LD.

Pure functions; :func:`render_head` returns the HTML, escaped here (the values come from the registry
and from page text, both written by contributors), so the template prints it as it is.

* Highwire Press tags are what Google Scholar and Zotero's "Embedded Metadata" read: title, author
  (the issuer, a corporate author), publication date (``2021/11``, the date as stated), publisher,
  ``citation_technical_report_number`` for the document number (文号), language, full-text URL.
* Dublin Core (``DC.*``, with the ``schema.DC`` link): title, creator, date (ISO 8601), publisher,
  identifier (文号 and the URL), language.
* schema.org ``Legislation``: name, legislationIdentifier (文号), legislationDate, legislationJurisdiction
  (the district), legislationPassedBy/author (the issuer), inLanguage, url — the vocabulary national
  legislation sites use for ELI.
* Open Graph on every page: og:type, og:title, og:description, og:url, og:site_name, og:locale.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.registry import Plan
from generator.site.citation import display_title, parse_date

LANGUAGE = "zh"
LOCALE = "zh_CN"
DESCRIPTION_LIMIT = 120
_SPACE_RE = re.compile(r"\s+")
#: a line break of the Markdown source between two Chinese characters or punctuation marks is no space
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’"
_CJK_SPACE_RE = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


@dataclass(frozen=True)
class Tag:
    """One ``<meta>``: ``attr`` is ``name`` or ``property``."""

    attr: str
    key: str
    value: str


def plan_description(plan: Plan) -> str:
    """One sentence about a plan page for search results and link previews."""
    facts = [f"{plan.issuer}印发" if plan.issuer else "", plan.doc_number or "", plan.date or ""]
    stated = "，".join(f for f in facts if f)
    head = f"{plan.district}“十四五”教育规划全文：《{display_title(plan)}》" + (f"，{stated}" if stated else "")
    return head + "。每一章、每一段都有永久链接，可复制引用。"


_P_RE = re.compile(r"<p\b[^>]*>(.*?)</p>", re.S)
_TAG_RE = re.compile(r"<[^>]+>")
#: a paragraph inside one of these is not the page's own first paragraph
_CONTAINERS = ("table", "blockquote", "details", "nav", "aside")


def first_paragraph(page_html: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The text of the page's first paragraph (not inside a table, quote or notice), shortened to
    ``limit`` characters at a sentence end where possible; "" when there is none.

    Python-Markdown's HTML is regular enough to scan with regular expressions, which keeps this to
    a millisecond per page (a full parse of every page cost ~0.4 s per build)."""
    for match in _P_RE.finditer(page_html):
        before = page_html[: match.start()]
        if any(before.count(f"<{tag}") > before.count(f"</{tag}>") for tag in _CONTAINERS):
            continue
        text = _SPACE_RE.sub(" ", _CJK_SPACE_RE.sub("", html.unescape(_TAG_RE.sub("", match.group(1))))).strip()
        if len(text) < 8:
            continue
        return shorten(text, limit)
    return ""


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(mark) for mark in "。；！？")
    return cut[: end + 1] if end >= limit // 2 else cut.rstrip("，、；：") + "……"


def open_graph(title: str, description: str, url: str | None, site_name: str, *, article: bool) -> list[Tag]:
    tags = [
        Tag("property", "og:type", "article" if article else "website"),
        Tag("property", "og:title", title),
        Tag("property", "og:description", description),
    ]
    if url:
        tags.append(Tag("property", "og:url", url))
    tags += [Tag("property", "og:site_name", site_name), Tag("property", "og:locale", LOCALE)]
    return tags


def plan_tags(plan: Plan, url: str | None) -> list[Tag]:
    """Highwire Press and Dublin Core tags for a plan page (values exactly as in the registry)."""
    stated = parse_date(plan.date)
    tags = [Tag("name", "citation_title", display_title(plan))]
    if plan.issuer:
        tags.append(Tag("name", "citation_author", plan.issuer))
    if stated:
        tags.append(Tag("name", "citation_publication_date", stated.iso.replace("-", "/")))
    if plan.issuer:
        tags.append(Tag("name", "citation_publisher", plan.issuer))
    if plan.doc_number:
        tags.append(Tag("name", "citation_technical_report_number", plan.doc_number))
    tags.append(Tag("name", "citation_language", LANGUAGE))
    if url:
        tags.append(Tag("name", "citation_fulltext_html_url", url))
    tags.append(Tag("name", "DC.title", display_title(plan)))
    if plan.issuer:
        tags.append(Tag("name", "DC.creator", plan.issuer))
    if stated:
        tags.append(Tag("name", "DC.date", stated.iso))
    if plan.issuer:
        tags.append(Tag("name", "DC.publisher", plan.issuer))
    if plan.doc_number:
        tags.append(Tag("name", "DC.identifier", plan.doc_number))
    if url:
        tags.append(Tag("name", "DC.identifier", url))
    tags.append(Tag("name", "DC.language", LANGUAGE))
    return tags


def legislation(plan: Plan, url: str | None, description: str) -> dict[str, object]:
    """schema.org ``Legislation`` for a plan page (only the properties the registry knows)."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": display_title(plan),
        "description": description,
        "inLanguage": "zh-CN",
        "legislationJurisdiction": {"@type": "AdministrativeArea", "name": plan.district},
    }
    if plan.doc_number:
        data["legislationIdentifier"] = plan.doc_number
    stated = parse_date(plan.date)
    if stated:
        data["legislationDate"] = stated.iso
    if plan.issuer:
        issuer = {"@type": "GovernmentOrganization", "name": plan.issuer}
        data["legislationPassedBy"] = issuer
        data["author"] = issuer
    if url:
        data["url"] = url
    return data


def json_for_script(data: object) -> str:
    """JSON safe inside ``<script>``: ``<``, ``>`` and ``&`` as \\u escapes, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_head(tags: Iterable[Tag], jsonld: Sequence[object] = (), *, dublin_core: bool = False) -> str:
    """The ``<meta>`` (and JSON-LD) HTML, every value escaped."""
    out = []
    if dublin_core:
        out.append('<link rel="schema.DC" href="http://purl.org/dc/elements/1.1/">')
    for tag in tags:
        out.append(f'<meta {tag.attr}="{html.escape(tag.key)}" content="{html.escape(tag.value)}">')
    for data in jsonld:
        out.append(f'<script type="application/ld+json">{json_for_script(data)}</script>')
    return "\n".join(out)


def page_head(
    *, title: str, description: str, url: str | None, site_name: str, plan: Plan | None = None
) -> str:
    """Everything this site adds to a page's ``<head>``."""
    tags = open_graph(title, description, url, site_name, article=plan is not None)
    if plan is None:
        return render_head(tags)
    return render_head([*plan_tags(plan, url), *tags], [legislation(plan, url, description)], dublin_core=True)
