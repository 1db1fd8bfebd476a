"""No injection: markup, links and ids in a raw plan reach the built site as literal, visible text.

A temporary copy of the project gets one more registered plan, ``tests/data/bad/injection.txt``:
real-looking plan text (一、 headings, a 表1 table) carrying the payloads a scraped page or a
careless copy can contain. The importer runs on it, ``mkdocs build`` renders the site, and the
built HTML is searched for anything active. tests/browser/test_injection_browser.py opens the same
page in Chromium and listens for dialogs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "tests" / "data" / "bad" / "injection.txt"
SLUG = "injection"
#: registry fields that become page titles must be plain text (refused otherwise, see test_registry);
#: provenance may quote markup, and the page template must escape it
PROVENANCE = '安全测试用的合成文本，含 <iframe src="javascript:alert(20)"></iframe> 与 <img src=x onerror=alert(21)>'
ENTRY = f"""  - slug: {SLUG}
    district: 西城区
    short_name: 西城
    title: 西城区“十四五”时期教育发展规划（安全测试样例）
    title_supplied: false
    issuer: null
    doc_number: null
    date: null
    raw: {SLUG}.txt
    provenance: '{PROVENANCE}'
"""
#: every payload, as the reader must see it on the page
VISIBLE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "{#injected-id}",
    "[点击查看](javascript:alert(3))",
    "![示意图](javascript:alert(4))",
    '<iframe src="javascript:alert(5)"></iframe>',
    '<a href="javascript:alert(6)">相关链接</a>',
    "<svg onload=alert(7)>",
    "<details open ontoggle=alert(8)>",
    "{#injected-heading}",
    '{: #injected-attr onclick="alert(9)" }',
    "<javascript:alert(10)>",
    "<b onmouseover=alert(11)>加粗</b>",
    "<img src=x onerror=alert(12)>",
    "[义务教育巩固率](javascript:alert(13))",
    "{#cell-id}",
    "&lt;script&gt;alert(14)&lt;/script&gt;",
    PROVENANCE,
)
INJECTED_IDS = ("injected-id", "injected-heading", "injected-attr", "cell-id")
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "test-artifacts", "__pycache__", "*.egg-info", "tests", "benchmarks")


def build_injection_site(workdir: Path) -> Path:
    """Copy the project, register and import the injection plan, ``mkdocs build``; return the site dir."""
    from generator.importing.pipeline import import_plans
    from generator.registry import load_registry

    project = workdir / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    shutil.copy(RAW, project / "corpus" / "raw" / f"{SLUG}.txt")
    with (project / "corpus" / "plans.yml").open("a", encoding="utf-8") as registry_file:
        registry_file.write(ENTRY)
    registry = load_registry(project / "corpus" / "plans.yml")
    import_plans(registry, [SLUG], docs_dir=project / "docs" / "plans", manifest_path=project / "corpus" / "import-manifest.json")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav_line = re.search(r"^(\s*)- plans/mentougou\.md\n", text, re.M)
    if nav_line:  # list the page in the nav like the other plans (it then appears in every page's nav)
        text = text[: nav_line.end()] + f"{nav_line.group(1)}- plans/{SLUG}.md\n" + text[nav_line.end() :]
        config.write_text(text, encoding="utf-8")
    site = workdir / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and SLUG in line]
    assert warnings == []
    return site


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_injection_site(tmp_path_factory.mktemp("injection"))


@pytest.fixture(scope="module")
def soup(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "plans" / SLUG / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_markdown_carries_the_payloads_escaped(site: Path) -> None:
    markdown = (site.parent / "project" / "docs" / "plans" / f"{SLUG}.md").read_text(encoding="utf-8")
    body = markdown.split("\n---\n", 1)[1]
    assert "<script" not in body and "<img" not in body and "<iframe" not in body
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" in body
    assert "\\[点击查看\\]\\(javascript:alert\\(3\\)\\)" in body


def site_pages(site: Path) -> list[tuple[Path, BeautifulSoup]]:
    return [(path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")) for path in sorted(site.rglob("*.html"))]


def test_no_active_elements_anywhere_on_the_site(site: Path) -> None:
    """The plan page, every page whose navigation lists it, and the theme pages quoting its passages."""
    pages = site_pages(site)
    assert len(pages) >= 7
    quoting = [path for path, soup in pages if "alert(12)" in soup.get_text()]
    assert site / "plans" / SLUG / "index.html" in quoting
    for path, soup in pages:
        assert [s for s in soup.find_all("script") if "alert(" in s.get_text()] == [], path
        assert soup.find_all(["img", "iframe", "object", "embed"]) == [], path
        # the only <details> are the site's own collapsed notices (generator/site/notice.py)
        assert [d for d in soup.find_all("details") if d.attrs != {"class": ["plan-notice"]}] == [], path
        assert soup.select("svg[onload]") == [], path
        handlers = [(tag.name, attr) for tag in soup.find_all(True) for attr in tag.attrs if attr.lower().startswith("on")]
        assert handlers == [], path
        for injected in INJECTED_IDS:
            assert soup.find(id=injected) is None, path


def test_no_javascript_urls(soup: BeautifulSoup) -> None:
    for tag in soup.find_all(True):
        for attr in ("href", "src", "action", "formaction", "data"):
            value = re.sub(r"\s", "", str(tag.get(attr, ""))).lower()
            assert not value.startswith("javascript:"), (tag.name, attr, value)
    assert [a for a in soup.find_all("a") if a.get_text() in ("点击查看", "相关链接", "义务教育巩固率")] == []


def test_no_injected_ids(soup: BeautifulSoup) -> None:
    for injected in INJECTED_IDS:
        assert soup.find(id=injected) is None
    headings = {h.get_text(" ", strip=True).removesuffix(" ¶"): h["id"] for h in soup.select("article h2, article h3")}
    assert headings["（二）面临形势 {#injected-heading}"] == "s1-2"


def test_payloads_are_visible_text(soup: BeautifulSoup) -> None:
    article = soup.select_one("article")
    assert article is not None
    text = re.sub(r"\s+", " ", article.get_text(" "))
    missing = [payload for payload in VISIBLE if re.sub(r"\s+", " ", payload) not in text]
    assert missing == []


def test_search_index_holds_the_payloads_escaped(site: Path) -> None:
    """Material inserts the index's title and text as HTML in the result list: payloads must be entities there."""
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    entries = {doc["location"]: (doc["title"].replace("\u200b", ""), doc["text"].replace("\u200b", "")) for doc in docs}
    assert entries[f"plans/{SLUG}/#s1"][0] == "一、发展基础 &lt;img src=x onerror=alert(2)&gt;"
    assert "网页抓取时残留的脚本 &lt;script&gt;alert(1)&lt;/script&gt; 应当原样显示" in entries[f"plans/{SLUG}/"][1]
    for location, (title, text) in entries.items():
        for raw in ("<script", "<img", "<iframe", "<svg", "<details", "<a href=\"javascript"):
            assert raw not in title and raw not in text, location
