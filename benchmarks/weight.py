"""Page weight of a built site, resolved from the files on disk (never from the network).

A reader's first visit downloads the page's HTML plus every stylesheet, script, icon and image it
references, and whatever those stylesheets reference in turn (fonts, images). A first search adds
Material's search worker, the lunr language scripts it imports for the configured languages and
the search index.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

log = logging.getLogger(__name__)

CSS_URL_RE = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
CSS_IMPORT_RE = re.compile(r"@import\s+['\"]([^'\"]+)['\"]")
SEARCH_INDEX = "search/search_index.json"
#: the chunked index this site's search loads piecewise (generator/site/search.py); its first-search
#: transfer is measured in a browser by benchmarks/search.py, not estimated here
PAGEFIND_DIR = "pagefind"


@dataclass
class Download:
    """The set of files one action fetches, with raw and gzip sizes."""

    files: dict[str, int] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    gzip_bytes: int = 0

    @property
    def bytes(self) -> int:
        return sum(self.files.values())


@dataclass
class Weight:
    total_bytes: int
    html_pages: int
    largest_page: str
    largest_page_bytes: int
    search_index_bytes: int
    home: Download
    largest: Download
    first_search: Download
    search_lang: list[str]
    #: "pagefind" (chunked, loaded per query) or "material" (one index, search_index.json)
    search_kind: str = "material"
    #: bytes of indexed text per top-level section (plans, themes, about …)
    index_by_section: dict[str, int] = field(default_factory=dict)


def gzip_size(path: Path) -> int:
    """Bytes over the wire from a static host that compresses (GitHub Pages, Netlify: gzip)."""
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _local(site: Path, base_url: str, ref: str) -> tuple[str | None, str]:
    """Resolve ``ref`` seen in the file at ``base_url`` (site-relative) to a site-relative path.

    Returns (path, "") for a local file or (None, reason) for external/data URLs.
    """
    if ref.startswith("data:") or ref.startswith("#") or not ref.strip():
        return None, "inline"
    parts = urlsplit(urljoin("https://site.invalid/" + base_url, ref))
    if parts.netloc != "site.invalid":
        return None, "external"
    rel = unquote(parts.path).lstrip("/")
    if rel.endswith("/") or rel == "":
        rel += "index.html"
    return rel, ""


def page_download(site: Path, page: str) -> Download:
    """Everything the browser fetches to render ``page`` (site-relative HTML path) without searching."""
    dl = Download()
    queue = [page]
    while queue:
        rel = queue.pop()
        if rel in dl.files:
            continue
        path = site / rel
        if not path.is_file():
            dl.missing.append(rel)
            continue
        dl.files[rel] = path.stat().st_size
        dl.gzip_bytes += gzip_size(path)
        refs: list[str] = []
        if rel.endswith(".html"):
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            for tag in soup.find_all("link", href=True):
                rels = set(tag.get("rel") or [])
                if rels & {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "manifest"}:
                    refs.append(tag["href"])
            refs += [tag["src"] for tag in soup.find_all(["script", "img"], src=True)]
        elif rel.endswith(".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            refs += CSS_URL_RE.findall(text) + CSS_IMPORT_RE.findall(text)
        for ref in refs:
            target, reason = _local(site, rel, ref)
            if target is not None:
                queue.append(target)
            elif reason == "external":
                dl.external.append(ref)
    return dl


def search_download(site: Path, page: str = "index.html") -> tuple[Download, list[str]]:
    """What a first search fetches: Material's worker, lunr language scripts, the search index."""
    dl = Download()
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    tag = soup.find("script", id="__config")
    config = json.loads(tag.string) if tag and tag.string else {}
    worker = config.get("search")
    index_path = site / SEARCH_INDEX
    langs: list[str] = []
    if index_path.is_file():
        langs = list(json.loads(index_path.read_text(encoding="utf-8")).get("config", {}).get("lang", []))
    wanted: list[str] = []
    if worker:
        worker_rel, _ = _local(site, page, worker)
        if worker_rel:
            wanted.append(worker_rel)
            lunr = str(Path(worker_rel).parent.parent / "lunr" / "min")
            scripts = [f"lunr.{lang}.min.js" for lang in langs if lang != "en"]
            if len(langs) > 1:
                scripts.append("lunr.multi.min.js")
            if scripts:
                wanted += [f"{lunr}/lunr.stemmer.support.min.js"] + [f"{lunr}/{s}" for s in scripts]
            if "ja" in langs:
                wanted.append(f"{Path(lunr).parent}/tinyseg.js")
    wanted.append(SEARCH_INDEX)
    for rel in wanted:
        path = site / rel
        if path.is_file():
            dl.files[rel] = path.stat().st_size
            dl.gzip_bytes += gzip_size(path)
        else:
            dl.missing.append(rel)
    return dl, langs


def index_breakdown(index_path: Path) -> dict[str, int]:
    """UTF-8 bytes of title + text in the search index, by first path segment of the location."""
    if not index_path.is_file():
        return {}
    sizes: dict[str, int] = {}
    for doc in json.loads(index_path.read_text(encoding="utf-8")).get("docs", []):
        location = doc.get("location", "")
        section = location.split("/", 1)[0] if "/" in location else "首页"
        sizes[section] = sizes.get(section, 0) + len((doc.get("title", "") + doc.get("text", "")).encode("utf-8"))
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def measure_site(site: Path) -> Weight:
    """Total size, largest HTML page, search index, home page and first-search downloads."""
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = [p for p in files if p.suffix == ".html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    largest_rel = largest.relative_to(site).as_posix()
    index_path = site / SEARCH_INDEX
    pagefind = site / PAGEFIND_DIR
    if pagefind.is_dir() and not index_path.is_file():
        kind, search, langs = "pagefind", Download(), []
        index_bytes = sum(p.stat().st_size for p in pagefind.rglob("*") if p.is_file())
    else:
        kind, (search, langs) = "material", search_download(site)
        index_bytes = index_path.stat().st_size if index_path.is_file() else 0
    return Weight(
        total_bytes=sum(p.stat().st_size for p in files),
        html_pages=len(pages),
        largest_page=largest_rel,
        largest_page_bytes=largest.stat().st_size,
        search_index_bytes=index_bytes,
        home=page_download(site, "index.html"),
        largest=page_download(site, largest_rel),
        first_search=search,
        search_lang=langs,
        search_kind=kind,
        index_by_section=index_breakdown(index_path),
    )


def text_bytes(paths: list[Path]) -> tuple[int, int]:
    """(raw bytes, gzip bytes) summed over text files: the baseline a page is compared with."""
    return sum(p.stat().st_size for p in paths), sum(gzip_size(p) for p in paths)
