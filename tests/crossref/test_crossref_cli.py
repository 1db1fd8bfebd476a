"""``python -m generator build --out DIR``: plain files without MkDocs; a refused run writes nothing."""

from __future__ import annotations

import shutil

from generator import PROJECT_ROOT
from generator.cli import main
from generator.crossref.themes import load_themes


def test_build_writes_pages_and_exports(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    slugs = [t.slug for t in load_themes(PROJECT_ROOT / "topics").themes]
    pages = [f"themes/{slug}.md" for slug in slugs] + [f"themes/{slug}/compare.md" for slug in slugs]
    assert written == sorted(["compare/index.md", "data/crossref.csv", "data/crossref.json", "themes/index.md", *pages])
    page = (out / "themes" / "preschool.md").read_text(encoding="utf-8")
    assert '<p class="xref-entry" id="haidian-s4-4-p2" data-search-exclude="true">' in page


def test_refused_run_leaves_previous_output_intact(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    broken = tmp_path / "topics"
    shutil.copytree(PROJECT_ROOT / "topics", broken)
    compulsory = broken / "compulsory.yml"
    compulsory.write_text(compulsory.read_text(encoding="utf-8").replace("slug: compulsory\n", "slug: Compulsory\n", 1), encoding="utf-8")
    assert main(["build", "--out", str(out), "--topics", str(broken)]) == 2
    err = capsys.readouterr().err
    assert f"错误：{compulsory}:" in err
    assert "专题的 slug“Compulsory”不合法（只用小写字母、数字和连字符，以字母开头）" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
