"""What reference managers and link previews read: the built <head> of every page, checked against the
registry (corpus/plans.yml). Static checks of the session's build (no browser needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from browser_helpers import ROOT, SUBPATH, Site
from bs4 import BeautifulSoup

from generator.registry import Plan, load_registry
from generator.site.citation import parse_date

REGISTRY = load_registry(ROOT / "corpus" / "plans.yml", check_files=False)
SITE_URL = f"http://127.0.0.1{SUBPATH}"


def head(site: Site, rel: str) -> BeautifulSoup:
    return BeautifulSoup((Path(site.root) / rel).read_text(encoding="utf-8"), "html.parser").head


def metas(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [((m.get("name") or m.get("property")), m["content"]) for m in soup.find_all("meta") if m.get("content") is not None]


def expected_plan_tags(plan: Plan, url: str, description: str) -> list[tuple[str, str]]:
    title = plan.title + ("（标题为编者所加）" if plan.title_supplied else "")
    stated = parse_date(plan.date)
    tags = [("citation_title", title)]
    tags += [("citation_author", plan.issuer)] if plan.issuer else []
    tags += [("citation_publication_date", stated.iso.replace("-", "/"))] if stated else []
    tags += [("citation_publisher", plan.issuer)] if plan.issuer else []
    tags += [("citation_technical_report_number", plan.doc_number)] if plan.doc_number else []
    tags += [("citation_language", "zh"), ("citation_fulltext_html_url", url), ("DC.title", title)]
    tags += [("DC.creator", plan.issuer)] if plan.issuer else []
    tags += [("DC.date", stated.iso)] if stated else []
    tags += [("DC.publisher", plan.issuer)] if plan.issuer else []
    tags += [("DC.identifier", plan.doc_number)] if plan.doc_number else []
    tags += [("DC.identifier", url), ("DC.language", "zh")]
    tags += [("og:type", "article"), ("og:title", plan.title), ("og:description", description), ("og:url", url)]
    tags += [("og:site_name", "北京各区“十四五”教育规划对照"), ("og:locale", "zh_CN")]
    return tags


@pytest.mark.parametrize("plan", REGISTRY.plans, ids=[p.slug for p in REGISTRY.plans])
def test_plan_page_head_carries_the_registry_values(site: Site, plan: Plan) -> None:
    soup = head(site, f"plans/{plan.slug}/index.html")
    url = f"{SITE_URL}plans/{plan.slug}/"
    description = dict(metas(soup))["description"]
    assert plan.district in description and plan.title in description
    ours = [(k, v) for k, v in metas(soup) if k.startswith(("citation_", "DC.", "og:"))]
    assert ours == expected_plan_tags(plan, url, description)
    assert soup.find("link", rel="schema.DC")["href"] == "http://purl.org/dc/elements/1.1/"
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@type"] == "Legislation"
    assert data["name"] == plan.title + ("（标题为编者所加）" if plan.title_supplied else "")
    assert data["legislationJurisdiction"] == {"@type": "AdministrativeArea", "name": plan.district}
    assert data.get("legislationIdentifier") == plan.doc_number
    assert data.get("legislationDate") == (parse_date(plan.date).iso if plan.date else None)
    assert data.get("legislationPassedBy") == ({"@type": "GovernmentOrganization", "name": plan.issuer} if plan.issuer else None)
    assert data["url"] == url


def test_head_values_are_escaped_in_the_html(site: Site) -> None:
    """The raw HTML: the quotes inside titles are entities or typographic, no value breaks its attribute."""
    text = (Path(site.root) / "plans/huairou/index.html").read_text(encoding="utf-8")
    assert '<meta name="citation_title" content="“十四五”时期怀柔区教育事业发展行动计划">' in text
    assert '<meta name="citation_technical_report_number" content="怀政发〔2021〕32号">' in text
    ld = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert ld is not None and "<" not in ld.group(1)


def test_every_page_has_open_graph_title_and_description(site: Site) -> None:
    missing = []
    for html_file in sorted(Path(site.root).rglob("*.html")):
        soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser").head
        tags = dict(metas(soup))
        if not tags.get("og:title") or not tags.get("og:description") or not tags.get("description"):
            missing.append(str(html_file.relative_to(site.root)))
    assert missing == []


def test_topic_page_description_is_its_first_paragraph(site: Site) -> None:
    tags = dict(metas(head(site, "themes/preschool/index.html")))
    assert tags["og:title"] == "学前教育"
    assert tags["description"] == tags["og:description"]
    page = BeautifulSoup((Path(site.root) / "themes/preschool/index.html").read_text(encoding="utf-8"), "html.parser")
    first = page.select_one("article h1").find_next_sibling("p").get_text()
    assert tags["description"] == first.strip()
    assert tags["og:url"] == f"{SITE_URL}themes/preschool/"


def test_citation_data_files_are_generated_not_written_to_docs(site: Site) -> None:
    for plan in REGISTRY.plans:
        data = json.loads((Path(site.root) / f"data/cite/{plan.slug}.json").read_text(encoding="utf-8"))
        assert (data["district"], data["title"], data["page"]) == (plan.district, plan.title, f"plans/{plan.slug}/")
        assert len(data["headings"]) > 10
        assert all(len(h) == 3 and h[1] in (2, 3, 4, 5) for h in data["headings"])
    assert not (ROOT / "docs" / "data").exists()
