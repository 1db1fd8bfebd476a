"""The benchmark script: a smoke run at N=1 (no timed assertions) and its pure helpers on real text."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import report, stats, synth  # noqa: E402

DONGCHENG = (ROOT / "corpus" / "raw" / "dongcheng.txt").read_text(encoding="utf-8")
#: a real multi-sentence paragraph: dongcheng's 一是携手组团 … paragraph (line 12 of the raw file)
PARAGRAPH = DONGCHENG.splitlines()[11]


def test_growth_exponent_recovers_power_laws() -> None:
    assert stats.growth_exponent([1, 5, 20], [3.0, 15.0, 60.0]) == pytest.approx(1.0)
    assert stats.growth_exponent([1, 5, 20], [2.0, 50.0, 800.0]) == pytest.approx(2.0)
    assert stats.growth_exponent([1], [2.0]) != stats.growth_exponent([1], [2.0])  # NaN: one scale fits nothing


def test_shuffle_keeps_every_sentence_of_a_real_paragraph() -> None:
    assert PARAGRAPH.startswith("一是携手组团")
    sentences = [s for s in synth.SENTENCE_RE.split(PARAGRAPH) if s]
    assert len(sentences) == 7
    shuffled = synth.shuffle_sentences(PARAGRAPH, random.Random(3))
    kept = [s for s in synth.SENTENCE_RE.split(shuffled) if s]
    assert shuffled != PARAGRAPH
    # with 4+ sentences one may be dropped; the rest are the original sentences, reordered
    assert len(kept) in (6, 7)
    assert not Counter(kept) - Counter(sentences)


def test_perturbation_is_deterministic_and_keeps_structure() -> None:
    lines = [
        "## 一、编制背景 {#s1}",
        "",
        PARAGRAPH,
        "",
        "- 加强学前教育管理。推进普惠性幼儿园建设。提升保教质量。 {#x}",
        "",
        "| 指标 | 2020年 | 2025年 |",
        "<!-- review: 加强 推进 -->",
    ]
    text = "\n".join(lines)
    first = synth.perturb_body(text, random.Random("7:dongcheng-c1"))
    again = synth.perturb_body(text, random.Random("7:dongcheng-c1"))
    other = synth.perturb_body(text, random.Random("7:dongcheng-c2"))
    assert first == again
    assert first != other
    out = first.split("\n")
    assert out[0] == lines[0] and out[6] == lines[6] and out[7] == lines[7]
    assert out[2] != PARAGRAPH
    assert out[4].startswith("- ") and out[4].endswith(" {#x}")


def test_synonym_swaps_only_listed_words() -> None:
    text = "加强学前教育管理，推进普惠性幼儿园建设。"
    swapped = synth.swap_synonyms(text, random.Random(0))
    assert set(re.sub("强化|推动", "", swapped)) <= set(text)
    assert swapped.replace("强化", "加强").replace("推动", "推进") == text


def test_copy_identity_gets_new_slug_and_raw_file() -> None:
    plan = {
        "slug": "dongcheng",
        "district": "东城区",
        "short_name": "东城",
        "title": "东城区规划",
        "raw": "dongcheng.txt",
        "provenance": "x",
    }
    copy = synth.copy_identity(plan, 3)
    assert (copy["slug"], copy["district"], copy["short_name"], copy["raw"]) == (
        "dongcheng-c3",
        "东城区（样本3）",
        "东城3",
        "dongcheng-c3.txt",
    )


def test_page_refresh_keeps_hand_written_text(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    table = report.Table("规模化", ["N", "秒"], [["1×", "2.00"]])
    report.write_page(page, [table], "环境", "方法")
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: 性能\n---\n")
    page.write_text(text + "\n## 分析\n\n手写的结论。\n", encoding="utf-8")
    table.rows[0][1] = "3.00"
    report.write_page(page, [table], "环境", "方法")
    refreshed = page.read_text(encoding="utf-8")
    assert "| 1× | 3.00 |" in refreshed and "| 1× | 2.00 |" not in refreshed
    assert refreshed.endswith("## 分析\n\n手写的结论。\n")


def test_page_goes_to_docs_only_when_the_nav_lists_it(tmp_path: Path) -> None:
    """A docs page missing from an explicit nav would fail `mkdocs build --strict` for everyone."""
    from benchmarks import run

    (tmp_path / "docs" / "about").mkdir(parents=True)
    page, fallback = tmp_path / "docs" / "about" / "performance.md", tmp_path / "out" / "performance.md"
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\nnav:\n  - 首页: index.md\n  - 数据与说明:\n      - about/index.md\n", encoding="utf-8"
    )
    assert run.page_destination(page, tmp_path, fallback) == fallback
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nnav:\n  - 数据与说明:\n      - 性能: about/performance.md\n", encoding="utf-8")
    assert run.page_destination(page, tmp_path, fallback) == page
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert run.page_destination(page, tmp_path, fallback) == page
    assert run.page_destination(tmp_path / "elsewhere.md", tmp_path, fallback) == tmp_path / "elsewhere.md"


TABLE_TITLES = (
    "目标一览（issue 15）",
    "阶段耗时",
    "相对纯 Material 站点的开销",
    "页面体积",
    "规模化（合成语料 N×）",
    "页面大小（未压缩 HTML）",
)
ROW_LABELS = (
    "完整 mkdocs build（墙钟）",
    "mkdocs build 墙钟 (s)",
    "交叉引用占完整构建",
    "serve 重建（改一段规划后）CPU 时间 (s)",
    "搜索索引（本项目 pagefind/，纯 Material search_index.json）",
    "首次搜索",
    "mkdocs build CPU 时间 ÷ 纯 Material",
    "1× 最大 HTML 页面",
)


def test_smoke_run_at_one_times_the_corpus(tmp_path: Path) -> None:
    """The command CI runs: N=1, one repetition, no profile; the table is printed and the page written."""
    page = tmp_path / "performance.md"
    proc = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--scales",
            "1",
            "--repeat",
            "1",
            "--no-profile",
            "--no-published",  # measured on the cached fixtures by tests/importing/test_benchmark_importing.py
            "--no-lighthouse",  # ~1 min and a 110 MB npm install: benchmark only (tests/test_lighthouse.py tests its parts)
            "--no-search",  # the first-search transfer drives Chromium: benchmark only
            "--out",
            str(page),
            "--workdir",
            str(tmp_path / "work"),
            "--profile-dir",
            str(tmp_path / "out"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    for title in TABLE_TITLES:
        assert f"== {title} ==" in proc.stdout
    for label in ROW_LABELS:
        assert re.search(rf"^{re.escape(label)}", proc.stdout, re.MULTILINE), label
    scaling = proc.stdout.split("== 规模化（合成语料 N×） ==\n")[1].splitlines()
    assert scaling[0].split()[:2] == ["N", "规划数"]
    assert scaling[2].split()[:2] == ["1×", "5"]
    text = page.read_text(encoding="utf-8")
    for title in TABLE_TITLES:
        assert f"## {title}\n\n| " in text
    assert text.count(report.BEGIN) == 1 and text.count(report.END) == 1
    assert not (tmp_path / "work").exists()  # temporary copies are removed
    results = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(results["project_build"]["wall"]) == len(results["bare_build"]["wall"]) == 1
    assert results["summary"]["rebuild_ratio"][0] > 0 and results["summary"]["page_1"][1] <= 300_000
    assert set(results["imports"]["per_plan"]) == {"dongcheng", "haidian", "huairou", "jingkai", "mentougou"}


#: issue 15's targets, one row each on the 性能 page (benchmarks/run.py targets_table)
TARGET_ROWS = (
    "mkdocs build CPU 时间 ÷ 纯 Material",
    "交叉引用占构建 CPU 时间",
    "serve 重建（改一段规划后）CPU ÷ 纯 Material",
    "1× 最大 HTML 页面",
    "20× 最大 HTML 页面",
    "1× 首次搜索传输（gzip）",
    "20× 首次搜索传输（gzip）",
    "Lighthouse 移动端性能（首页、规划、专题、分区对照）",
    "构建 CPU 时间随语料的增长指数（1×、5×、20×）",
    "20× 峰值内存",
)


def test_targets_table_renders_every_target_of_issue_15() -> None:
    """Every target gets a row with its figure and verdict; the earlier run's figure sits beside it."""
    from types import SimpleNamespace

    from benchmarks import run

    transfer = SimpleNamespace(wire_bytes=250_000)
    points = [
        SimpleNamespace(factor=1, first_search={"普惠": SimpleNamespace(wire_bytes=90_000), "教育": transfer}),
        SimpleNamespace(factor=20, first_search={"普惠": SimpleNamespace(wire_bytes=700_000)}),
    ]
    assert run.first_search(points) == {1: 250_000, 20: 700_000}
    now = {
        "build_ratio": [1.21, 6.05, 5.0], "xref_share": 0.12, "rebuild_ratio": [1.4, 2.8, 2.0],
        "page_1": ["themes/preschool/index.html", 280_000], "page_20": ["plans/haidian-c3/index.html", 310_000],
        "search_1": 250_000, "search_20": 700_000, "lighthouse": {"首页": 98, "专题（学前教育）": 93},
        "exponent": 0.97, "peak_mb": 612.0,
    }  # fmt: skip
    before = {"build_ratio": [2.3, 11.5, 5.0], "xref_share": 0.35, "commit": "4c85874"}
    table = run.targets_table(now, before, "abc1234")
    rows = {r[0]: r[1:] for r in table.rows}
    assert tuple(rows) == TARGET_ROWS
    verdicts = {label: cells[2] for label, cells in rows.items()}
    assert [label for label, v in verdicts.items() if v == "未达标"] == [
        "serve 重建（改一段规划后）CPU ÷ 纯 Material", "20× 最大 HTML 页面", "20× 首次搜索传输（gzip）",
        "Lighthouse 移动端性能（首页、规划、专题、分区对照）",
    ]  # fmt: skip
    assert rows["mkdocs build CPU 时间 ÷ 纯 Material"] == ["≤ 1.3", "1.21（6.05 s / 5.00 s）", "达标", "2.30（11.50 s / 5.00 s）"]
    assert rows["交叉引用占构建 CPU 时间"][1:] == ["12.0%", "达标", "35.0%"]
    assert rows["20× 峰值内存"] == ["< 1024 MiB", "612 MiB", "达标", "—"]
    assert rows["1× 最大 HTML 页面"][1] == "273.4 KiB（themes/preschool/index.html）"
    assert "abc1234" in table.note and "4c85874" in table.note
    # a run without search, Lighthouse or scaling points says so instead of inventing a figure
    partial = run.targets_table({k: now[k] for k in ("build_ratio", "xref_share", "rebuild_ratio", "page_1")}, None, "abc1234")
    missing = [r[0] for r in partial.rows if r[2] == "未测量"]
    assert missing == list(TARGET_ROWS[4:])
    assert all(r[3] == "—" for r in partial.rows if r[2] == "未测量")
