"""Theme pages and exports: escaped text, faithful excerpts, every district present, stable export."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from generator.crossref import render


@pytest.fixture(scope="module")
def files(xref):
    return render.render_all(xref, site_url="https://example.org/site/")


def test_md_escape_keeps_markup_literal():
    assert render.md_escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert render.md_escape("[x](javascript:alert(1)) {#id} *a*") == "\\[x\\](javascript:alert(1)) \\{\\#id\\} \\*a\\*"
    assert render.highlight("a<b>学前", [(4, 6)]) == "a&lt;b&gt;<mark>学前</mark>"


def test_generated_files(files, xref):
    slugs = [t.slug for t in xref.themes.themes]
    pages = [f"themes/{slug}.md" for slug in slugs] + [f"themes/{slug}/compare.md" for slug in slugs]
    assert sorted(files) == sorted(["compare/index.md", "data/crossref.csv", "data/crossref.json", "themes/index.md", *pages])
    assert len(slugs) == 19


def test_theme_page_sections_and_all_districts(files, xref):
    page = files["themes/preschool.md"]
    for anchor in ("{#matrix}", "{#main-sections}", "{#indicators}", "{#supply}", "{#supply-haidian data-search-exclude }"):
        assert anchor in page  # (a district's sub-heading is kept out of the search index)
    for district in ("东城", "海淀", "怀柔", "经开区", "门头沟"):
        assert f"| [{district}](../plans/" in page
    # the main-section row: its link and the number of passages cited in it (whatever the rules cite)
    main = xref.results["preschool"].main_sections["haidian"]
    assert main.section.id == "s4-4"
    cited = sum(1 for c in xref.results["preschool"].citations if c.plan.slug == "haidian" and "s4-4" in {s.id for s in c.passage.path})
    assert main.count == cited >= 4
    assert f"| 海淀 | [四（四）学前教育普及普惠安全优质发展](../plans/haidian.md#s4-4) | {cited} |" in page
    assert '[90 → &gt;90](../plans/haidian.md#b1-p1 "学前三年入园率（%）")' in page
    assert "| 学前三年入园率 | — |" in page  # dongcheng has no indicator table


def test_entries_link_to_the_passage_and_carry_the_entry_id(files):
    # entries are raw HTML (generator.crossref.links): the link is the page-relative URL MkDocs would write
    page = files["themes/preschool.md"]
    link = '<a href="../../plans/haidian/#s4-4-p2">四（四）学前教育普及普惠安全优质发展 · 第 2 段</a>'
    entry = '<p class="xref-entry" id="haidian-s4-4-p2" data-search-exclude="true">'
    assert f"{entry}{link}：制定实施新一期<mark>学前教育</mark>行动计划。" in page
    assert '<p class="xref-similar" data-search-exclude="true">其他区对应内容：<a href="#' in page


def test_entry_links_follow_use_directory_urls(xref):
    page = render.render_all(xref, directory_urls=False)["themes/preschool.md"]
    assert '<a href="../plans/haidian.html#s4-4-p2">' in page
    compare = render.render_all(xref, directory_urls=False)["themes/preschool/compare.md"]
    assert '<a href="../../plans/haidian.html#s4-4-p2">' in compare
    assert '<a class="theme-chip" href="../preschool.html#haidian-s4-4-p2">学前教育</a>' in compare


def test_excerpt_is_faithful(xref):
    result = xref.results["teachers"]
    citation = next(c for c in result.citations if c.entry_id == "haidian-s4-12-p6")
    assert len(citation.passage.text) > render.EXCERPT_LIMIT
    shown = render.excerpt(citation, result)
    plain = shown.replace("<mark>", "").replace("</mark>", "")
    assert plain.startswith("全面提升教师岗位吸引力。")
    pieces = [p for p in plain.split("……") if p]
    position = 0
    for piece in pieces:  # every kept piece is verbatim and in order
        position = citation.passage.text.index(piece, position) + len(piece)
    assert "……" in plain


def test_json_export(files, xref):
    data = json.loads(files["data/crossref.json"])
    assert [t["slug"] for t in data["themes"]] == [t.slug for t in xref.themes.themes]
    assert [t["slug"] for t in data["themes"]][:4] == ["preschool", "compulsory", "highschool", "vocational"]
    record = next(r for r in data["passages"] if r["plan"] == "haidian" and r["passage_id"] == "s4-5-p3")
    assert record["district"] == "海淀区"
    assert record["section_number"] == "四、（五）"
    assert record["section_title"] == "义务教育优质均衡发展"
    assert record["url"] == "https://example.org/site/plans/haidian/#s4-5-p3"
    assert record["themes"] == ["compulsory", "teachers"]
    assert record["scores"]["compulsory"]["reason"] == "section"
    assert all(s["plan"] != "haidian" for sims in record["similar"].values() for s in sims)
    cited = {(c.plan.slug, c.passage.id) for r in xref.results.values() for c in r.citations}
    assert len(data["passages"]) == len(cited)


def test_csv_export_opens_in_spreadsheets(files):
    raw = files["data/crossref.csv"]
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == render.CSV_COLUMNS
    row = next(r for r in rows if r["plan"] == "haidian" and r["passage_id"] == "s4-4-p2")
    assert row["themes"] == "preschool;resources"  # the new action plan also sets kindergarten places
    assert row["text"].startswith("制定实施新一期学前教育行动计划。")


def test_index_page_lists_themes_and_downloads(files):
    index = files["themes/index.md"]
    assert "[学前教育](preschool.md)" in index
    assert "[JSON](../data/crossref.json)" in index and "[CSV](../data/crossref.csv)" in index


def test_adjacent_record_rows_are_one_entry_with_their_own_anchors(files, xref):
    # huairou 附件1 lists one new kindergarten per row (rows 5–12): one entry, each row still anchored
    page = files["themes/preschool.md"]
    head = '<a href="../../plans/huairou/#fj1-p5">附件1“十四五”时期基础教育领域教育设施专项规划一览表 · 第 5–12 行（8 行）</a>：'
    assert f'<p class="xref-group" id="huairou-fj1-p5-rows">{head}</p>' in page
    for n in range(5, 13):
        row = f'<li class="xref-entry" id="huairou-fj1-p{n}" data-search-exclude="true">'
        assert f'{row}<a href="../../plans/huairou/#fj1-p{n}">第 {n} 行</a>：' in page
    # every row is still a cited passage (matrix, heatmap and export count passages)
    cited = {c.passage.id for c in xref.results["preschool"].citations if c.plan.slug == "huairou"}
    assert {f"fj1-p{n}" for n in range(5, 13)} <= cited
    # a project row with a prose description stays an entry of its own
    assert '<p class="xref-entry" id="jingkai-fj1-p12" data-search-exclude="true">' in page
    assert "jingkai-fj1-p12-rows" not in page


def test_record_runs_need_adjacent_rows_of_one_table(xref):
    citations = [c for c in xref.results["compulsory"].citations if c.plan.slug == "huairou"]
    runs = [[c.passage.id for c in run] for run in render.record_runs(citations) if len(run) > 1]
    # indicator rows 3–4 (就近入学率, 残疾儿童入学率) and facility rows 1–3 (two primary schools, a 九年一贯 school)
    assert runs == [["s2-3-zl1-p3", "s2-3-zl1-p4"], ["fj1-p1", "fj1-p2", "fj1-p3"]]


def test_theme_page_quotations_stay_out_of_the_search_index(files) -> None:
    """Quoted passages already sit in the plan pages' index entries; indexing them again on the theme
    pages doubled search results and made the index 30 % larger."""
    page = files["themes/preschool.md"]
    entries = re.findall(r'^<(?:p|li) class="xref-entry" id="[\w-]+"([^>]*)>', page, flags=re.M)
    similar = re.findall(r'^<p class="xref-similar"([^>]*)>', page, flags=re.M)
    assert entries and similar
    assert all('data-search-exclude="true"' in attrs for attrs in entries + similar)


def test_a_description_that_repeats_the_scope_is_said_once(files, xref):
    themes = {t.slug: t for t in xref.themes.themes}
    preschool, vocational = themes["preschool"], themes["vocational"]
    assert preschool.description == preschool.scope  # the first four topics' files say it once, as both
    head = files["themes/preschool.md"].split("**涵盖：**")[0]
    assert preschool.scope not in head and head.rstrip().endswith("# 学前教育")
    head = files["themes/vocational.md"].split("**涵盖：**")[0]
    assert head.rstrip().endswith(render.md_escape(vocational.description))
