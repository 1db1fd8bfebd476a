"""generator.site.search: Material's sections as Pagefind documents, and Pagefind's files read back."""

from __future__ import annotations

import gzip
import json

import pytest

from generator.site import search

MATERIAL_INDEX = {
    "config": {"lang": ["zh"]},
    "docs": [
        {"location": "plans/haidian/", "title": "海淀区\u200b“\u200b十四五\u200b”\u200b规划", "text": "<p>前言</p>"},
        {
            "location": "plans/haidian/#s4-4",
            "title": "（\u200b四\u200b）\u200b学前教育",
            "text": "<p>扩大\u200b普惠性幼儿园\u200b覆盖面\u200b。</p><p>&lt;script&gt;\u200b 2021 \u200b年</p>",
            "parts": "幼儿\u200b幼儿园",
        },
        {"location": "#coverage", "title": "覆盖\u200b概览", "text": ""},
    ],
}


def test_each_section_becomes_a_record_with_its_page_title_and_inner_words() -> None:
    records = search.records_from_material_index(MATERIAL_INDEX)
    assert [r.location for r in records] == ["plans/haidian/", "plans/haidian/#s4-4", "#coverage"]
    section = records[1]
    assert section.page == "海淀区“十四五”规划"
    assert section.title == "（\u200a四\u200a）\u200a学前教育"
    # markup is a word break, entities are text again, jieba's breaks become hair spaces
    assert section.text == "扩大\u200a普惠性幼儿园\u200a覆盖面\u200a。 <script>\u200a2021\u200a年"
    assert section.parts == ("幼儿", "幼儿园")
    assert search.plain_text(section.title) == "（四）学前教育"
    assert records[2].page == ""  # no entry for the home page itself in this index


def test_a_record_is_a_document_whose_path_is_its_location() -> None:
    assert search.document_path("plans/haidian/#s4-4") == "plans/haidian/s4-4.html"
    assert search.document_path("plans/haidian/") == "plans/haidian/index.html"
    assert search.document_path("") == "index.html"
    assert search.document_path("#coverage") == "coverage.html"
    assert search.document_path("about/performance/#结论") == "about/performance/结论.html"
    for url, location in [
        ("/plans/haidian/s4-4.html", "plans/haidian/#s4-4"),
        ("/plans/haidian/", "plans/haidian/"),
        ("/", ""),
        ("/coverage.html", "#coverage"),
        ("/about/performance/%E7%BB%93%E8%AE%BA.html", "about/performance/#结论"),
    ]:
        assert search.location_from_url(url) == location
    # use_directory_urls: false
    assert search.document_path("plans/haidian.html#s4-4") == "plans/haidian.html/s4-4.html"
    assert search.document_path("plans/haidian.html") == "plans/haidian.html/index.html"
    assert search.document_path("index.html") == "index.html/index.html"
    for url, location in [
        ("/plans/haidian.html/s4-4.html", "plans/haidian.html#s4-4"),
        ("/plans/haidian.html/", "plans/haidian.html"),
        ("/index.html/", "index.html"),
        ("/index.html/coverage.html", "index.html#coverage"),
    ]:
        assert search.location_from_url(url) == location
    with pytest.raises(ValueError):
        search.document_path("plans/haidian")


def test_the_document_escapes_text_and_keeps_page_and_inner_words_out_of_the_text() -> None:
    record = search.records_from_material_index(MATERIAL_INDEX)[1]
    document = search.record_html(record)
    assert '<html lang="und">' in document
    assert '<meta data-pagefind-filter="page[content]" content="海淀区“十四五”规划">' in document
    assert '<meta data-pagefind-meta="parts[content]" content="幼儿 幼儿园">' in document
    assert "<p>扩大\u200a普惠性幼儿园\u200a覆盖面\u200a。 &lt;script&gt;\u200a2021\u200a年</p>" in document
    assert "<script>" not in document


def test_a_fragment_is_read_back_into_location_page_title_text_and_parts() -> None:
    payload = {
        "url": "/plans/haidian/s4-4.html",
        "content": "（ 四 ） 学前教育. 扩大 普惠性幼儿园 覆盖面 。",
        "meta": {"title": "（\u200a四\u200a）\u200a学前教育", "parts": "幼儿 幼儿园"},
        "filters": {"page": ["海淀区“十四五”规划"]},
        "anchors": [],
    }
    fragment = search.parse_fragment("und_1", gzip.compress(search.FRAGMENT_SIGNATURE + json.dumps(payload).encode()))
    assert fragment == search.Fragment(
        "und_1", "plans/haidian/#s4-4", "海淀区“十四五”规划", payload["meta"]["title"], "扩大 普惠性幼儿园 覆盖面 。", ("幼儿", "幼儿园")
    )


def test_pagefind_indexes_the_records_and_only_the_bundle_the_site_uses_is_kept(tmp_path) -> None:
    records = search.records_from_material_index(MATERIAL_INDEX)
    stats = search.build_index(records, tmp_path)
    bundle = tmp_path / search.OUTPUT_DIR
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-entry.json").is_file()
    assert not [name for name in search.UNUSED_BUNDLE if (bundle / name).exists()]
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [search.INDEX_LANGUAGE]
    fragments = {f.location: f for f in search.read_fragments(bundle)}
    assert set(fragments) == {"plans/haidian/", "plans/haidian/#s4-4", "#coverage"}
    assert fragments["plans/haidian/#s4-4"].parts == ("幼儿", "幼儿园")
    assert fragments["plans/haidian/#s4-4"].text.split()[:3] == ["扩大", "普惠性幼儿园", "覆盖面"]
    assert stats.records == 3 and stats.files > 3 and stats.cpu_seconds > 0
