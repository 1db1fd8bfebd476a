"""The serve path reuses earlier results (generator.crossref.cache, generator.site.pagecache) and can
never serve a stale one: edit an input, rebuild with the same plugin instance (as ``mkdocs serve``
does), and compare every built file with a clean ``mkdocs build`` of the edited project."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from project_copy import copy_project, mkdocs_build

from generator.site.search import read_fragments

#: a one-paragraph edit of a passage that three topics cite (new words: the TF-IDF idf of every
#: passage changes with it)
PARAGRAPH = "制定实施新一期学前教育行动计划。"
EDITED = "制定实施新一期学前教育行动计划，新增普惠性幼儿园学位和托幼一体化试点。"


def serve_build(project: Path, site: Path):
    """One build as ``mkdocs serve`` runs it: a fresh config; MkDocs hands back the same plugin instance."""
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, dirty=False)
    return config.plugins["plancompare"]


def unreproducible(path: str) -> bool:
    """Files two clean builds of the same project write differently, whatever the cache does:
    sitemap.xml.gz holds the gzip time stamp; Pagefind writes its filter map, the metadata file and
    the entry file naming them in hash-map order (``pagefind/filter/und_<hash>.pf_filter``,
    ``pagefind.und_<hash>.pf_meta``). The searchable content is still compared byte for byte: the
    fragments (one per section, named by a hash of their content, holding the page filter too) and
    the word index chunks."""
    pagefind_maps = path.startswith("pagefind/filter/") or path.endswith(".pf_meta") or path == "pagefind/pagefind-entry.json"
    return path.endswith(".gz") or pagefind_maps


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ or exist on one side only, except the ones no two builds reproduce."""
    found = []
    compare = filecmp.dircmp(a, b)
    stack = [(compare, "")]
    while stack:
        node, prefix = stack.pop()
        found += [f"{prefix}{name} (only one side)" for name in node.left_only + node.right_only if not unreproducible(prefix + name)]
        for name in node.common_files:
            if unreproducible(prefix + name):
                continue
            if (Path(node.left) / name).read_bytes() != (Path(node.right) / name).read_bytes():
                found.append(prefix + name)
        stack += [(sub, f"{prefix}{name}/") for name, sub in node.subdirs.items()]
    return sorted(found)


@pytest.fixture()
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_project(tmp_path / "project")
    monkeypatch.chdir(root)  # the search plugin's jieba_dict_user is relative to the working directory
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_rebuild_after_a_plan_edit_equals_a_clean_build(project: Path):
    first = serve_build(project, project / "served")
    edit(project / "docs" / "plans" / "haidian.md", PARAGRAPH, EDITED)
    second = serve_build(project, project / "served")
    assert second is first  # the serve path: one plugin instance, its caches carried over
    hits, misses = second.cache.last
    assert hits > 10 * misses > 0  # only what the edit reaches was recomputed
    reused, converted = second.pages.last
    assert reused > 30 and 1 <= converted < 15
    result = mkdocs_build(project)  # clean: a new process, empty caches
    assert result.returncode == 0, result.stderr[-3000:]
    assert EDITED in (project / "site" / "data" / "crossref.json").read_text(encoding="utf-8")
    assert differences(project / "served", project / "site") == []
    assert read_fragments(project / "served" / "pagefind") == read_fragments(project / "site" / "pagefind")


def test_rebuild_after_a_topic_edit_equals_a_clean_build(project: Path):
    serve_build(project, project / "served")
    # a new term for a sub-topic: every judgement of the topic set is recomputed
    edit(project / "topics" / "preschool.yml", "title: 学前教育\n", "title: 学前教育与托育\n")
    plugin = serve_build(project, project / "served")
    assert plugin.cache.last[1] > 1000  # nothing of the old topic set reused
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr[-3000:]
    assert differences(project / "served", project / "site") == []
