"""The site's search index: Pagefind, fed one small document per section of Material's search index.

Why Pagefind, and why fed like this (measurements: docs/about/performance.md, benchmarks/search.py):

* Material's browser search downloads one index of every section's full text on every page load
  (19 MB at 20× the corpus). Pagefind splits its index into chunks by word and the text into one
  fragment per result, and the reader's browser fetches only the chunks of the words searched and
  the fragments of the results shown.
* The sections stay Material's. Material's search plugin still runs at build time: it splits each
  page at its headings, leaves out everything marked ``data-search-exclude`` (passage ¶ links,
  theme chips, the topic pages' quotations of plan text) and segments Chinese with jieba and the
  project's user dictionary (U+200B between words). overrides/hooks/search_index.py adds the words
  hidden inside longer tokens (``parts``: 幼儿园 in 普惠性幼儿园). This module turns each of those
  sections into one HTML document for Pagefind, so a result is a section (``plans/haidian/#s4-4``),
  exactly as before.
* Pagefind's own Chinese handling is not used. Its extended build segments with its own dictionary
  (no user dictionary: 集团化办学 would be split), and its browser code splits a Chinese query
  with ``Intl.Segmenter`` (幼儿园 → 幼儿 + 园, then matches both anywhere). Instead the documents
  carry jieba's words separated by a hair space (U+200A, whitespace to Pagefind's tokenizer) and are
  indexed as language ``und`` (undetermined), for which Pagefind neither segments nor stems; the
  browser (docs/assets/javascripts/search.js) searches with ``und`` too, so a query is matched as
  the prefix of a jieba word — Material's semantics, which tests/site/test_search_recall.py checks.
* Where a result points and what it is called are not searchable. Pagefind matches query words
  against metadata too, so the page title travels as a *filter* (returned with the result, never
  matched) and the location as the document's path: ``plans/haidian/#s4-4`` is indexed from
  ``plans/haidian/s4-4.html``, ``plans/haidian/`` from ``plans/haidian/index.html``
  (``location_from_url`` reverses it; with ``use_directory_urls: false`` a page's sections go into a
  folder named like the page file, ``plans/haidian.html/s4-4.html``).
* The inner words are a metadata field (``parts``): searchable, never displayed, and weighted below
  the text by Pagefind's metadata weighting.

The binary comes inside the ``pagefind-bin`` wheel from PyPI (the standard build; nothing is
downloaded at run time). Pagefind's own UI bundles are deleted from the output: the site has its own
search dialog.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import resource
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

#: output folder under the site root
OUTPUT_DIR = "pagefind"
#: the language the documents are indexed as, and the browser searches with (see the docstring)
INDEX_LANGUAGE = "und"
#: between two jieba words in an indexed document: whitespace to Pagefind, invisible to a reader
WORD_SEPARATOR = "\u200a"
#: Material's word break in its search index
JIEBA_BREAK = "\u200b"
#: the Pagefind filter that carries a section's page title (filters are returned, never matched)
PAGE_FILTER = "page"
#: the metadata field of words found inside longer tokens (searchable, not displayed)
PARTS_META = "parts"
#: files of Pagefind's bundle the site does not use (its own UIs, the highlighter, the playground)
UNUSED_BUNDLE = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "playground",
)
_TAG_RE = re.compile(r"<[^>]+>")
_SPACE_RUN_RE = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class SearchRecord:
    """One search result: a section of a page (or the part of a page before its first heading)."""

    location: str  # site-relative, as in Material's index: "plans/haidian/#s4-4", "" for the home page
    page: str  # title of the page the section belongs to
    title: str  # jieba words separated by WORD_SEPARATOR
    text: str  # the same
    parts: tuple[str, ...] = ()  # words inside longer tokens (overrides/hooks/search_index.py)


@dataclass(frozen=True)
class Fragment:
    """One indexed section read back from Pagefind's output (what a result downloads)."""

    id: str  # Pagefind's result id: the fragment's file name without suffix
    location: str
    page: str
    title: str  # words separated by WORD_SEPARATOR
    text: str  # words separated by spaces (Pagefind normalises the separator to a space)
    parts: tuple[str, ...]


@dataclass(frozen=True)
class IndexStats:
    records: int
    files: int
    bytes: int
    cpu_seconds: float  # the Pagefind process (user + system), plus writing the documents
    wall_seconds: float


def indexed_words(segmented: str) -> str:
    """Material's indexed text (HTML fragments, U+200B between jieba words) as plain words separated
    by WORD_SEPARATOR; markup becomes a space, entities their characters."""
    text = html.unescape(_TAG_RE.sub(" ", segmented))
    words = [w for w in text.split(JIEBA_BREAK) if w.strip()]
    return _SPACE_RUN_RE.sub(" ", WORD_SEPARATOR.join(w.strip(" ") for w in words)).strip()


def plain_text(words: str) -> str:
    """What a reader sees of an indexed field: the words joined again."""
    return words.replace(WORD_SEPARATOR, "")


def records_from_material_index(data: Mapping[str, Any], parts_field: str = "parts") -> list[SearchRecord]:
    """One record per entry of Material's ``search_index.json`` (after the site's search hook), with
    the title of the page each section belongs to."""
    docs = data.get("docs", [])
    pages = {doc["location"]: plain_text(indexed_words(doc.get("title", ""))) for doc in docs if "#" not in doc["location"]}
    records = []
    for doc in docs:
        location = doc["location"]
        page = pages.get(location.split("#", 1)[0], "")
        parts = tuple(p for p in str(doc.get(parts_field, "")).split(JIEBA_BREAK) if p)
        records.append(SearchRecord(location, page, indexed_words(doc.get("title", "")), indexed_words(doc.get("text", "")), parts))
    return records


def document_path(location: str) -> str:
    """The path of a record's document under the indexed folder: it becomes Pagefind's result URL.

    ``plans/haidian/#s4-4`` → ``plans/haidian/s4-4.html``; ``plans/haidian/`` → ``plans/haidian/index.html``;
    ``#coverage`` (a section of the home page) → ``coverage.html``. With ``use_directory_urls: false``
    a page is a file (``plans/haidian.html``), whose sections go into a folder of that name:
    ``plans/haidian.html#s4-4`` → ``plans/haidian.html/s4-4.html``.
    """
    page, _, anchor = location.partition("#")
    if page.endswith(".html"):
        page += "/"
    if page and not page.endswith("/"):
        raise ValueError(f"neither a directory URL nor an .html page: {location!r}")
    if "/" in anchor or (anchor in ("", "index") and "#" in location):
        raise ValueError(f"anchor cannot be a file name: {location!r}")
    return f"{page}{anchor}.html" if anchor else f"{page}index.html"


#: a page file's folder in a document path (``plans/haidian.html/``), to turn back into the page
_PAGE_FILE_FOLDER_RE = re.compile(r"\.html/(?=#|$)")


def location_from_url(url: str, base: str = "/") -> str:
    """Inverse of ``document_path`` for the URL Pagefind returns (``/plans/haidian/s4-4.html``;
    Pagefind drops a trailing ``index.html``). docs/assets/javascripts/search.js has the same rule."""
    path = unquote(url)
    path = path[len(base):] if path.startswith(base) else path.lstrip("/")
    if path.endswith(".html"):
        folder, _, name = path.rpartition("/")
        path = f"{folder}/#{name[:-5]}" if folder else f"#{name[:-5]}"
    return _PAGE_FILE_FOLDER_RE.sub(".html", path)


def record_html(record: SearchRecord) -> str:
    """The document Pagefind indexes for one record: the title as its h1 (weighted as a heading, and
    Pagefind's result title), the text, the page title as a filter, the inner words as metadata."""
    esc = html.escape
    head = [f'<meta data-pagefind-filter="{PAGE_FILTER}[content]" content="{esc(record.page)}">']
    if record.parts:
        head.append(f'<meta data-pagefind-meta="{PARTS_META}[content]" content="{esc(" ".join(record.parts))}">')
    return (
        f'<!doctype html><html lang="{INDEX_LANGUAGE}"><head><meta charset="utf-8">{"".join(head)}</head>'
        f"<body><h1>{esc(record.title)}</h1><p>{esc(record.text)}</p></body></html>\n"
    )


def write_documents(records: Iterable[SearchRecord], folder: Path) -> int:
    count = 0
    for record in records:
        path = folder / document_path(record.location)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(record_html(record), encoding="utf-8")
        count += 1
    return count


def pagefind_executable() -> Path:
    """The Pagefind binary shipped in the ``pagefind-bin`` wheel (a project dependency)."""
    from pagefind_bin import get_executable

    return Path(get_executable())


def run_pagefind(source: Path, output: Path) -> None:
    command = [str(pagefind_executable()), "--site", str(source), "--output-path", str(output), "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed ({result.returncode}): {result.stderr[-2000:] or result.stdout[-2000:]}")


def prune_bundle(output: Path) -> None:
    for name in UNUSED_BUNDLE:
        path = output / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def build_index(records: list[SearchRecord], site_dir: Path) -> IndexStats:
    """Index ``records`` into ``site_dir``/pagefind (replacing an older index)."""
    start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    own = time.process_time()
    output = site_dir / OUTPUT_DIR
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="pagefind-src-") as tmp:
        write_documents(records, Path(tmp))
        run_pagefind(Path(tmp), output)
    prune_bundle(output)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - children.ru_utime) + (after.ru_stime - children.ru_stime) + (time.process_time() - own)
    files = [p for p in output.rglob("*") if p.is_file()]
    return IndexStats(len(records), len(files), sum(p.stat().st_size for p in files), cpu, time.perf_counter() - start)


#: what a decompressed Pagefind fragment starts with
FRAGMENT_SIGNATURE = b"pagefind_dcd"


def parse_fragment(fragment_id: str, compressed: bytes) -> Fragment:
    raw = gzip.decompress(compressed)
    if not raw.startswith(FRAGMENT_SIGNATURE):
        raise ValueError(f"not a Pagefind fragment: {fragment_id}")
    data = json.loads(raw[len(FRAGMENT_SIGNATURE):])
    title = data["meta"].get("title", "")
    content = data["content"]
    spaced_title = title.replace(WORD_SEPARATOR, " ")
    text = content[len(spaced_title):].removeprefix(".").strip() if content.startswith(spaced_title) else content
    page = (data.get("filters", {}).get(PAGE_FILTER) or [""])[0]
    parts = tuple(data["meta"].get(PARTS_META, "").split())
    return Fragment(fragment_id, location_from_url(data["url"]), page, title, text, parts)


def read_fragments(bundle: Path) -> list[Fragment]:
    """Every section of a built index (``site/pagefind``), in file-name order."""
    return [parse_fragment(path.stem, path.read_bytes()) for path in sorted((bundle / "fragment").glob("*.pf_fragment"))]
