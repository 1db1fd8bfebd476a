"""Measure build cost, page weight and scaling; print the tables and refresh the site's 性能 page.

    python benchmarks/run.py [--scales 1,5,20] [--repeat K] [--out docs/about/performance.md]

Everything is built in a temporary copy of the project (the real docs/ and corpus/ are never
touched). Each build runs in its own subprocess (benchmarks/child.py) and is timed from outside,
so times include interpreter start-up as a contributor running ``mkdocs build`` sees it, and peak
memory is that child's own.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import json
import logging
import math
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import lighthouse, procs, sandbox, synth, weight, whatif
from benchmarks.report import Table, mib, render_text, seconds, size, verdict, write_page
from benchmarks.stats import growth_exponent, median, spread

log = logging.getLogger("benchmarks.run")

ROOT = sandbox.ROOT
DEFAULT_OUT = ROOT / "docs" / "about" / "performance.md"
PROFILE_DIR = ROOT / "benchmarks" / "out"

# issue 15's targets
TARGET_RATIO = 1.3  # mkdocs build CPU time, and a serve rebuild after a one-paragraph edit, vs the bare site
TARGET_SHARE = 0.15  # cross-reference share of the build's CPU time
TARGET_EXPONENT = 1.0  # fitted growth of the build time over 1×, 5×, 20×
TARGET_MEMORY_MB = 1024.0  # peak memory at 20×
PAGE_CAP_BYTES = 300_000  # no HTML page larger (generator/crossref/layout.py; tests/site/test_page_size.py)
#: the plan edited before the serve rebuild (benchmarks/child.py edit_paragraph: one paragraph)
EDIT_PLAN = "haidian"


@dataclass
class Series:
    """Repeated measurements of one command."""

    wall: list[float] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    results: list[dict[str, Any]] = field(default_factory=list)

    def add(self, run: procs.ChildRun) -> None:
        # up to the end of the first build: a serve rebuild measured in the same child is not counted
        self.wall.append(run.wall_s - float(run.result.get("tail_s", 0.0)))
        self.rss.append(run.peak_rss_mb)
        # the child's own count stops after the first build (a serve rebuild may follow)
        self.cpu.append(float(run.result.get("cpu_s", run.cpu_s)))
        self.results.append(run.result)

    def values(self, key: str) -> list[float]:
        return [float(r[key]) for r in self.results if key in r]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,5,20", help="corpus multiples for the scaling runs (default 1,5,20)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; medians are reported (default 3)")
    parser.add_argument("--scale-repeat", type=int, help="runs per scaling point (default: --repeat)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="Markdown page to write (default docs/about/performance.md)")
    parser.add_argument("--workdir", type=Path, help="where the temporary copies go (default: a new temp dir)")
    parser.add_argument(
        "--project", type=Path, default=ROOT, help="project to measure (default: this checkout; it is copied, never modified)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary copies and built sites")
    parser.add_argument("--no-profile", action="store_true", help="skip the pyinstrument profiles")
    parser.add_argument("--no-what-if", action="store_true", help="skip measuring the proposed fixes (benchmarks/whatif.py)")
    parser.add_argument("--profile-dir", type=Path, default=PROFILE_DIR, help="where profiles go (default benchmarks/out)")
    parser.add_argument("--no-published", action="store_true", help="skip importing the PDF/Word versions (benchmarks/importing.py)")
    parser.add_argument(
        "--no-lighthouse", action="store_true", help="skip the Lighthouse scores (benchmarks/lighthouse.py; needs npm and Chromium)"
    )
    parser.add_argument("--no-search", action="store_true", help="skip the first-search transfer (benchmarks/search.py, where present)")
    parser.add_argument("--before", type=Path, help="results.json of an earlier run (e.g. of the commit before a change), shown beside")
    args = parser.parse_args(argv)
    args.scales = sorted({int(s) for s in args.scales.split(",") if s.strip()})
    args.scale_repeat = args.scale_repeat or args.repeat
    if any(s < 1 for s in args.scales) or args.repeat < 1:
        parser.error("scales and repeat must be positive integers")
    return args


def build_args(project: Path, site: Path, *extra: str) -> list[str]:
    return ["build", "--config", str(project / "mkdocs.yml"), "--site-dir", str(site), *extra]


def crossref_args(project: Path, out: Path, *extra: str) -> list[str]:
    return ["crossref", "--root", str(project), "--out", str(out), *extra]


# -- measurements ---------------------------------------------------------------------------------


def measure_imports(project: Path, passes: int) -> dict[str, Any]:
    """Per-plan import times; a failing importer is reported in the table instead of stopping the run."""
    log.info("import: %d pass(es)", passes)
    try:
        return procs.run_child(["import", "--root", str(project), "--passes", str(passes)], cwd=project).result
    except procs.ChildFailed as exc:
        log.warning("import not measured: %s", exc)
        return {"error": str(exc).splitlines()[-1]}


def measure_crossref(project: Path, work: Path, repeat: int) -> Series:
    series = Series()
    for i in range(repeat):
        log.info("crossref run %d/%d in %s", i + 1, repeat, project.name)
        out = work / f"crossref-{project.name}"
        shutil.rmtree(out, ignore_errors=True)
        series.add(procs.run_child(crossref_args(project, out), cwd=project))
    return series


def measure_overhead(project: Path, bare: Path, work: Path, repeat: int) -> tuple[Series, Series]:
    """Alternate project and bare builds so drifting machine load hits both alike."""
    full, plain = Series(), Series()
    for i in range(repeat):
        for name, root, series in (("project", project, full), ("bare", bare, plain)):
            log.info("build %s %d/%d", name, i + 1, repeat)
            site = work / f"site-{name}"
            shutil.rmtree(site, ignore_errors=True)
            ours = ("--ours",) if root == project else ()
            series.add(procs.run_child(build_args(root, site, "--rebuild", "--edit-plan", EDIT_PLAN, *ours), cwd=root))
    return full, plain


def measure_scale(source: Path, factor: int, work: Path, repeat: int) -> dict[str, Any]:
    project = sandbox.copy_project(work / f"scale-{factor}", source)
    plans = synth.scale_corpus(project, factor)
    crossref = measure_crossref(project, work, repeat)
    build = Series()
    site = work / f"site-scale-{factor}"
    for i in range(repeat):
        log.info("build %d× %d/%d", factor, i + 1, repeat)
        shutil.rmtree(site, ignore_errors=True)
        build.add(procs.run_child(build_args(project, site, "--ours"), cwd=project))
    sizes = weight.measure_site(site)
    return {"plans": plans, "crossref": crossref, "build": build, "weight": sizes, "project": project, "pages": page_sizes(site)}


def page_sizes(site: Path) -> dict[str, int]:
    """Every HTML page's size in bytes (uncompressed), by path."""
    return {p.relative_to(site).as_posix(): p.stat().st_size for p in sorted(site.rglob("*.html"))}


def measure_whatifs(project: Path, work: Path, repeat: int) -> dict[str, Series]:
    """Baseline and each proposed fix (and all together), alternating within each round."""
    variants = ["", *whatif.VARIANTS, ",".join(whatif.VARIANTS)]
    series = {v: Series() for v in variants}
    sizes: dict[str, int] = {}
    for i in range(repeat):
        for variant in variants:
            log.info("what-if %r %d/%d", variant or "baseline", i + 1, repeat)
            site = work / "site-whatif"
            shutil.rmtree(site, ignore_errors=True)
            series[variant].add(procs.run_child(build_args(project, site, "--ours", "--what-if", variant), cwd=project))
            sizes[variant] = (site / weight.SEARCH_INDEX).stat().st_size
    for variant, value in sizes.items():
        for result in series[variant].results:
            result["search_index_bytes"] = value
    return series


def whatif_table(series: dict[str, Series], plain: Series) -> Table:
    table = Table(
        "可选优化的实测收益（what-if）",
        ["方案", "墙钟 (s)", "CPU (s)", "本项目 CPU (s)", "交叉引用占比", "相对纯 Material（CPU）", "峰值内存 (MiB)", "搜索索引"],
    )
    bare = median(plain.cpu)
    for variant, runs in series.items():
        if not variant:
            label = "现状"
        elif "," in variant:
            label = "全部合计"
        else:
            label = whatif.LABELS[variant]
        applied = runs.results[0].get("what_if_applied", {}) if runs.results else {}
        if variant and not all(applied.get(v) for v in variant.split(",")):
            label += "（补丁未生效：代码已变）"
        shares = [r["ours_cpu_s"] / r["build_cpu_s"] for r in runs.results]
        table.add(
            label,
            seconds(median(runs.wall)),
            seconds(median(runs.cpu)),
            seconds(median(runs.values("ours_cpu_s"))),
            f"{median(shares):.1%}",
            f"{median(runs.cpu) / bare:.2f}",
            mib(median(runs.rss)),
            size(median(runs.values("search_index_bytes"))),
        )
    table.note = (
        "每个方案只在测量子进程里以补丁模拟（benchmarks/whatif.py），不改动任何源文件；各方案在每一轮中交替运行，取中位数。"
        "“相对纯 Material”以上表纯 Material 站点的 CPU 时间中位数为分母。"
    )
    return table


def profile(project: Path, bare: Path, work: Path, out_dir: Path) -> dict[str, Any]:
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / ".gitignore").write_text("*\n", encoding="utf-8")
    build_txt, crossref_txt = out_dir / "profile-build.txt", out_dir / "profile-crossref.txt"
    log.info("profiling the full build -> %s", build_txt)
    build = procs.run_child(build_args(project, work / "site-profile", "--ours", "--profile", str(build_txt)), cwd=project)
    log.info("counting the project build's events and pages")
    counts = procs.run_child(build_args(project, work / "site-count", "--ours", "--count"), cwd=project)
    log.info("counting the bare build's events and pages")
    bare_counts = procs.run_child(build_args(bare, work / "site-bare-count", "--count"), cwd=bare)
    log.info("profiling the cross-reference -> %s", crossref_txt)
    crossref = procs.run_child(crossref_args(project, work / "crossref-profile", "--profile", str(crossref_txt)), cwd=project)
    return {
        "build": build.result,
        "counts": counts.result,
        "bare": bare_counts.result,
        "crossref": crossref.result,
        "files": [build_txt, crossref_txt],
    }


# -- tables ---------------------------------------------------------------------------------------


def phase_table(imports: dict[str, Any], crossref: Series, full: Series) -> Table:
    table = Table("阶段耗时", ["阶段", "中位数 (s)", "最小–最大 (s)", "说明"])
    if "error" in imports:
        table.add("导入", "—", "—", f"未能测量：{imports['error']}")
    if "load_s" in imports:
        table.add("导入器：加载库", seconds(imports["load_s"]), "—", "每个进程一次（OpenCC、charset-normalizer 等）")
    for slug, times in imports.get("per_plan", {}).items():
        warm = times[1:] or times
        table.add(
            f"导入 {slug}",
            seconds(median(warm)),
            "–".join(seconds(v) for v in spread(warm)),
            f"首次 {seconds(times[0])} s",
        )
    phase_names: list[str] = []
    for result in crossref.results:
        for name in result.get("phases", {}):
            if name not in phase_names:
                phase_names.append(name)
    for name in phase_names:
        values = [r["phases"][name] for r in crossref.results if name in r.get("phases", {})]
        table.add(f"交叉引用：{name}", seconds(median(values)), "–".join(seconds(v) for v in spread(values)), "进程内计时")
    table.add(
        "交叉引用（独立命令，墙钟）", seconds(median(crossref.wall)), "–".join(seconds(v) for v in spread(crossref.wall)), "含 Python 启动"
    )
    table.add("完整 mkdocs build（墙钟）", seconds(median(full.wall)), "–".join(seconds(v) for v in spread(full.wall)), "含 Python 启动")
    build_s = full.values("build_s")
    table.add(
        "其中 MkDocs 构建", seconds(median(build_s)), "–".join(seconds(v) for v in spread(build_s)), "导入本项目插件 + load_config + build"
    )
    return table


def overhead_table(full: Series, plain: Series) -> tuple[Table, dict[str, Any]]:
    table = Table("相对纯 Material 站点的开销", ["指标", "本项目", "纯 Material", "比值 / 占比", "目标", "结论"])

    def compare(label: str, ours: float, bare: float, fmt: Callable[[float], str], target: float | None = None) -> float:
        """One row: both medians, their ratio, and a verdict when the ratio has a target."""
        ratio = ours / bare
        goal, verdict_text = (f"≤ {target}", verdict(ratio <= target)) if target is not None else ("—", "参考")
        table.add(label, fmt(ours), fmt(bare), f"{ratio:.2f}", goal, verdict_text)
        return ratio

    wall_ratio = compare("mkdocs build 墙钟 (s)", median(full.wall), median(plain.wall), seconds, TARGET_RATIO)
    cpu_ratio = compare("mkdocs build CPU 时间 (s)", median(full.cpu), median(plain.cpu), seconds, TARGET_RATIO)
    build_ratio = compare("MkDocs 构建，进程内 (s)", median(full.values("build_s")), median(plain.values("build_s")), seconds)
    share = median([r["ours_cpu_s"] / r["build_cpu_s"] for r in full.results if r.get("build_cpu_s")])
    table.add(
        "交叉引用占完整构建（CPU 时间）",
        seconds(median(full.values("ours_cpu_s"))),
        "—",
        f"{share:.1%}",
        f"≤ {TARGET_SHARE:.0%}",
        verdict(share <= TARGET_SHARE),
    )
    rebuild_ratio = compare(
        "serve 重建（改一段规划后）CPU 时间 (s)",
        median(full.values("rebuild_cpu_s")),
        median(plain.values("rebuild_cpu_s")),
        seconds,
        TARGET_RATIO,
    )
    compare("serve 重建（改一段规划后）墙钟 (s)", median(full.values("rebuild_s")), median(plain.values("rebuild_s")), seconds)
    compare("峰值内存 (MiB)", median(full.rss), median(plain.rss), mib)
    table.note = (
        f"各 {len(full.wall)} 次交替运行取中位数。墙钟时间是贡献者实际等待的时间（含 Python 启动），但在共用机器上受其他进程干扰；"
        "CPU 时间（用户态 + 内核态，截至第一次构建结束）基本不受干扰，在空闲机器上约等于墙钟时间。"
        "“交叉引用”为导入本项目插件（含 numpy、scipy 等库）、插件各事件钩子与段落树处理器所用的 CPU 时间（嵌套调用只计一次），"
        "占本次构建（导入插件 + load_config + build）CPU 时间的比例。"
        f"“serve 重建”：同一进程内重新加载配置、再构建一次（mkdocs serve 的做法，插件实例与其缓存保留），此前在 {EDIT_PLAN} 规划的"
        "第一个谈学前教育的段落末尾加一句（纯 Material 站点改同一文件的同一段）。"
    )
    return table, {
        "wall_ratio": wall_ratio,
        "cpu_ratio": cpu_ratio,
        "build_ratio": build_ratio,
        "share": share,
        "rebuild_ratio": rebuild_ratio,
        "ours_cpu": median(full.cpu),
        "bare_cpu": median(plain.cpu),
        "ours_rebuild_cpu": median(full.values("rebuild_cpu_s")),
        "bare_rebuild_cpu": median(plain.values("rebuild_cpu_s")),
    }


def weight_table(project_site: Path, bare_site: Path, project: Path) -> tuple[Table, dict[str, Any]]:
    ours, bare = weight.measure_site(project_site), weight.measure_site(bare_site)
    raw_paths = sorted((project / "corpus" / "raw").iterdir())
    md_paths = sorted((project / "docs" / "plans").glob("*.md"))
    raw_bytes, raw_gz = weight.text_bytes(raw_paths)
    md_bytes, md_gz = weight.text_bytes(md_paths)
    table = Table("页面体积", ["指标", "本项目", "gzip 后", "纯 Material", "相对原始文本"])
    table.add("原始文本 corpus/raw", size(raw_bytes), size(raw_gz), "—", "1.00×")
    table.add("规划 Markdown docs/plans", size(md_bytes), size(md_gz), "—", f"{md_bytes / raw_bytes:.2f}×")
    table.add("站点总大小", size(ours.total_bytes), "—", size(bare.total_bytes), f"{ours.total_bytes / raw_bytes:.1f}×")
    table.add("HTML 页面数", str(ours.html_pages), "—", str(bare.html_pages), "—")
    table.add(
        f"最大页面 {ours.largest_page}",
        size(ours.largest_page_bytes),
        "—",
        f"{size(bare.largest_page_bytes)}（{bare.largest_page}）",
        f"{ours.largest_page_bytes / raw_bytes:.2f}×",
    )
    index_label = "搜索索引 search_index.json"
    if ours.search_kind == "pagefind":
        index_label = "搜索索引（本项目 pagefind/，纯 Material search_index.json）"
    table.add(index_label, size(ours.search_index_bytes), "—", size(bare.search_index_bytes), f"{ours.search_index_bytes / raw_bytes:.2f}×")
    table.add(f"打开首页（{len(ours.home.files)} 个文件）", size(ours.home.bytes), size(ours.home.gzip_bytes), size(bare.home.bytes), "—")
    table.add(
        f"打开最大页面（{len(ours.largest.files)} 个文件）",
        size(ours.largest.bytes),
        size(ours.largest.gzip_bytes),
        size(bare.largest.bytes),
        "—",
    )
    if ours.search_kind == "pagefind":  # loaded per query: measured in the browser (the 首次搜索 tables)
        table.add("首次搜索", "见“首次搜索”表", "—", f"{size(bare.first_search.bytes)}（{size(bare.first_search.gzip_bytes)} gzip）", "—")
    else:
        table.add(
            f"首次搜索（{len(ours.first_search.files)} 个文件）",
            size(ours.first_search.bytes),
            size(ours.first_search.gzip_bytes),
            size(bare.first_search.bytes),
            f"{ours.first_search.bytes / raw_bytes:.2f}×",
        )
    breakdown = "、".join(f"{k} {size(v)}" for k, v in ours.index_by_section.items())
    bare_breakdown = "、".join(f"{k} {size(v)}" for k, v in bare.index_by_section.items())
    external = sorted(set(ours.home.external + ours.largest.external))
    missing = sorted(set(ours.home.missing + ours.largest.missing + ours.first_search.missing))
    table.note = (
        "下载量由构建好的站点文件解析得出（HTML 引用的 CSS/JS/图片及 CSS 再引用的字体与图片），不访问网络；"
        + (
            "本项目的搜索是 Pagefind（按词分块，打开搜索后只取查询用到的块），首次搜索的传输量在浏览器里实测，见“首次搜索”表；"
            "纯 Material 的首次搜索 = 搜索 worker + lunr 语言脚本 + 整个搜索索引。"
            if ours.search_kind == "pagefind"
            else f"首次搜索 = 搜索 worker + lunr 语言脚本（{', '.join(ours.search_lang) or '—'}）+ 搜索索引。"
        )
        + "gzip 按级别 6 估算静态托管的传输量。"
        + (f" 引用了外部主机：{', '.join(external)}。" if external else " 页面不引用任何外部主机。")
        + (f" 引用但不存在的文件：{', '.join(missing)}。" if missing else "")
        + f" 搜索索引中的文本按栏目：本项目 {breakdown or '—'}；纯 Material {bare_breakdown or '—'}。"
    )
    return table, {"ours": ours, "bare": bare, "raw_bytes": raw_bytes}


def scaling_table(points: dict[int, dict[str, Any]]) -> tuple[Table, dict[str, Any]]:
    table = Table(
        "规模化（合成语料 N×）",
        ["N", "规划数", "交叉引用 墙钟/CPU (s)", "交叉引用峰值 (MiB)", "完整构建 墙钟/CPU (s)", "其中本项目 CPU (s)", "构建峰值 (MiB)",
         "站点大小", "搜索索引", "最大页面"],
    )  # fmt: skip
    scales = sorted(points)
    for n in scales:
        p = points[n]
        table.add(
            f"{n}×",
            p["plans"],
            f"{seconds(median(p['crossref'].wall))} / {seconds(median(p['crossref'].cpu))}",
            mib(max(p["crossref"].rss)),
            f"{seconds(median(p['build'].wall))} / {seconds(median(p['build'].cpu))}",
            seconds(median(p["build"].values("ours_cpu_s"))),
            mib(max(p["build"].rss)),
            size(p["weight"].total_bytes),
            size(p["weight"].search_index_bytes),
            size(p["weight"].largest_page_bytes),
        )
    xs = [float(n) for n in scales]

    def fit(step: str, attr: str) -> float:
        return growth_exponent(xs, [median(getattr(points[n][step], attr)) for n in scales])

    fits = {f"{step}_{attr}": fit(step, attr) for step in ("crossref", "build") for attr in ("wall", "cpu", "rss")}
    summary: dict[str, Any] = {"fits": fits}
    notes = [
        "拟合增长指数（对数–对数最小二乘，1 为线性、2 为平方）："
        f"交叉引用 CPU {fits['crossref_cpu']:.2f}（墙钟 {fits['crossref_wall']:.2f}）、内存 {fits['crossref_rss']:.2f}；"
        f"完整构建 CPU {fits['build_cpu']:.2f}（墙钟 {fits['build_wall']:.2f}）、内存 {fits['build_rss']:.2f}。"
    ]
    top, low = max(scales), min(scales)
    if top > low:
        growth = {
            (step, attr): median(getattr(points[top][step], attr)) / median(getattr(points[low][step], attr))
            for step in ("crossref", "build")
            for attr in ("wall", "cpu")
        }
        summary.update(growth={f"{k[0]}_{k[1]}": v for k, v in growth.items()})
        ok = fits["build_cpu"] <= TARGET_EXPONENT
        notes.append(
            f"{top}× 相对 {low}×：完整构建 CPU 时间 {growth[('build', 'cpu')]:.1f} 倍（墙钟 {growth[('build', 'wall')]:.1f} 倍），"
            f"交叉引用 CPU 时间 {growth[('crossref', 'cpu')]:.1f} 倍（墙钟 {growth[('crossref', 'wall')]:.1f} 倍）；"
            f"完整构建 CPU 的增长指数 {fits['build_cpu']:.2f}，目标 ≤ {TARGET_EXPONENT:.1f}：{verdict(ok)}。"
        )
    peak = max(max(points[n]["build"].rss + points[n]["crossref"].rss) for n in scales)
    summary["peak"] = peak
    notes.append(f"最大峰值内存 {peak:.0f} MiB（目标 < {TARGET_MEMORY_MB:.0f} MiB）：{verdict(peak < TARGET_MEMORY_MB)}。")
    table.note = " ".join(notes)
    return table, summary


def page_size_table(points: dict[int, dict[str, Any]]) -> tuple[Table, dict[int, dict[str, Any]]]:
    """The largest HTML pages at each scale against the cap, and how many topics were split."""
    table = Table(
        "页面大小（未压缩 HTML）",
        ["N", "页面数", "最大页面", "大小", "最大专题页 / 分区对照页", f"超过 {PAGE_CAP_BYTES // 1000} KB", "拆分（专题 / 对照）", "结论"],
    )
    summary: dict[int, dict[str, Any]] = {}
    for n in sorted(points):
        pages = points[n]["pages"]
        largest = max(pages, key=pages.__getitem__)
        topic = max((v for k, v in pages.items() if k.startswith("themes/") and "compare" not in k and k != "themes/index.html"), default=0)
        compare = max((v for k, v in pages.items() if k.startswith("themes/") and "/compare" in k), default=0)
        over = sorted(k for k, v in pages.items() if v > PAGE_CAP_BYTES)
        split_topics = len({k.split("/")[1] for k in pages if "/part-" in k})
        split_compare = len({k.split("/")[1] for k in pages if "/compare-" in k})
        table.add(
            f"{n}×", len(pages), largest, size(pages[largest]), f"{size(topic)} / {size(compare)}",
            len(over), f"{split_topics} / {split_compare}", verdict(not over),
        )  # fmt: skip
        summary[n] = {"largest": largest, "largest_bytes": pages[largest], "over_cap": over, "split": [split_topics, split_compare]}
    table.note = (
        f"上限 {PAGE_CAP_BYTES // 1000} KB（{PAGE_CAP_BYTES} 字节，tests/site/test_page_size.py 在 1× 与一个强制拆分的小预算构建上检查）。"
        "专题页或分区对照估计会超过上限时，其各区按登记顺序分组放到分页（themes/<专题>/part-k/、themes/<专题>/compare-k/），"
        "原页面保留一览、主要章节与指标，并带一个“区 → 分页”的小映射，"
        "旧链接（如 themes/preschool/#haidian-s4-4-p2）由 topics.js 转到所在分页。"
    )
    return table, summary


def lighthouse_performance(results: dict[str, Any] | None) -> dict[str, Any] | None:
    """Lighthouse mobile performance per page, when benchmarks/lighthouse.py measured it."""
    if not results:
        return None
    found = {label: r.get("scores", {}).get("performance") for label, r in results.items()}
    return found if any(v is not None for v in found.values()) else None


def first_search(points: list[Any] | None) -> dict[int, int]:
    """Largest first-search transfer (gzip bytes on the wire) per scale, from benchmarks/search.py."""
    out: dict[int, int] = {}
    for p in points or []:
        transfers = getattr(p, "first_search", {}) or {}
        if transfers:
            out[p.factor] = max(t.wire_bytes for t in transfers.values())
    return out


def targets_table(now: dict[str, Any], before: dict[str, Any] | None, commit: str) -> Table:
    """Every target of issue 15 with the measured figure (and the earlier run's, when given)."""
    table = Table("目标一览（issue 15）", ["目标", "要求", "本次测量", "结论", "此前"])
    before = before or {}

    def row(key: str, label: str, goal: str, fmt: Callable[[Any], str], ok: Callable[[Any], bool]) -> None:
        value = now.get(key)
        old = before.get(key)
        table.add(label, goal, "未测量" if value is None else fmt(value), "—" if value is None else verdict(ok(value)),
                  "—" if old is None else fmt(old))  # fmt: skip

    def pct(v: float) -> str:
        return f"{v:.1%}"

    def ratio(v: list[float]) -> str:
        return f"{v[0]:.2f}（{v[1]:.2f} s / {v[2]:.2f} s）"

    row("build_ratio", "mkdocs build CPU 时间 ÷ 纯 Material", f"≤ {TARGET_RATIO}", ratio, lambda v: v[0] <= TARGET_RATIO)
    row("xref_share", "交叉引用占构建 CPU 时间", f"≤ {TARGET_SHARE:.0%}", pct, lambda v: v <= TARGET_SHARE)
    row("rebuild_ratio", "serve 重建（改一段规划后）CPU ÷ 纯 Material", f"≤ {TARGET_RATIO}", ratio, lambda v: v[0] <= TARGET_RATIO)
    for n in (1, 20):
        row(f"page_{n}", f"{n}× 最大 HTML 页面", f"≤ {PAGE_CAP_BYTES // 1000} KB",
            lambda v: f"{size(v[1])}（{v[0]}）", lambda v: v[1] <= PAGE_CAP_BYTES)  # fmt: skip
    for n, goal in ((1, 300 * 1024), (20, 600 * 1024)):
        row(f"search_{n}", f"{n}× 首次搜索传输（gzip）", f"≤ {size(goal)}", size, lambda v, goal=goal: v <= goal)
    row("lighthouse", "Lighthouse 移动端性能（首页、规划、专题、分区对照）", "≥ 95",
        lambda v: "、".join(f"{k} {x}" for k, x in v.items()), lambda v: all(x is not None and x >= 95 for x in v.values()))  # fmt: skip
    row("exponent", "构建 CPU 时间随语料的增长指数（1×、5×、20×）", f"≤ {TARGET_EXPONENT}",
        lambda v: f"{v:.2f}", lambda v: v <= TARGET_EXPONENT)  # fmt: skip
    row("peak_mb", "20× 峰值内存", f"< {TARGET_MEMORY_MB:.0f} MiB", lambda v: f"{v:.0f} MiB", lambda v: v < TARGET_MEMORY_MB)
    table.note = (
        f"本次测量的提交 {commit}；复现：`python benchmarks/run.py`（见页首命令）。"
        + (f"“此前”一列为 {before.get('commit', '更早的提交')} 用同一基准脚本测得（`--before`）。" if before else "")
        + "“未测量”：本次运行没有该项（首次搜索由 benchmarks/search.py 测量，Lighthouse 需要 npm 与 Chromium）。"
    )
    return table


def cpu_breakdown_table(ours: dict[str, Any], bare: dict[str, Any]) -> Table:
    """Where the CPU seconds of one build go, ours next to the bare site's (instrumented runs)."""
    table = Table("CPU 时间去向（单次计数运行）", ["项目", "本项目 (s)", "纯 Material (s)", "差值 (s)"])

    def row(label: str, a: float, b: float) -> None:
        table.add(label, seconds(a), seconds(b), f"{a - b:+.2f}")

    row("整个进程", ours.get("cpu_s", math.nan), bare.get("cpu_s", math.nan))
    row("　Python 启动与 MkDocs 导入", ours["cpu_s"] - ours["build_cpu_s"], bare["cpu_s"] - bare["build_cpu_s"])
    row("　导入本项目插件（numpy、scipy……）", ours.get("import_ours_cpu_s", 0.0), 0.0)
    events = dict.fromkeys([*ours.get("events_cpu", {}), *bare.get("events_cpu", {})])
    for key in events:
        a, b = ours.get("events_cpu", {}).get(key, 0.0), bare.get("events_cpu", {}).get(key, 0.0)
        if max(a, b) >= 0.005 and "on_page_" not in key:
            row(f"　事件 {key}", a, b)
    sections = dict.fromkeys([*ours.get("pages_cpu", {}), *bare.get("pages_cpu", {})])
    for key in sections:
        a, b = ours.get("pages_cpu", {}).get(key, 0.0), bare.get("pages_cpu", {}).get(key, 0.0)
        pages = f"{ours.get('pages', {}).get(key, 0)} / {bare.get('pages', {}).get(key, 0)}"
        row(f"　页面 {key}（{pages} 页：渲染、模板、搜索分词）", a, b)
    table.note = (
        "页面一行含该栏目所有页面的 Markdown 转换、页面事件（含 Material 搜索的分词）与模板渲染；其余为构建级事件。"
        "计数运行本身略慢于正常运行。"
    )
    return table


def phase_scaling_table(points: dict[int, dict[str, Any]]) -> Table:
    """Each cross-reference phase at each scale (medians), to see which one grows fastest."""
    scales = sorted(points)
    names: list[str] = []
    for n in scales:
        for result in points[n]["crossref"].results:
            names += [k for k in result.get("phases", {}) if k not in names]
    table = Table("交叉引用各阶段随规模的耗时（墙钟 s）", ["阶段", *(f"{n}×" for n in scales), "增长指数"])
    xs = [float(n) for n in scales]
    for name in names:
        values = [median([r["phases"][name] for r in points[n]["crossref"].results if name in r.get("phases", {})]) for n in scales]
        fit = growth_exponent(xs, values)
        table.add(name, *(seconds(v) for v in values), "—" if math.isnan(fit) else f"{fit:.2f}")
    return table


def profile_tables(prof: dict[str, Any]) -> list[Table]:
    tables: list[Table] = []
    build = prof["counts"]
    counters = Table("完整构建中的重复工作", ["计数", "值"])
    counters.add("Markdown 转换次数 / 不同源文本数", f"{build.get('markdown_calls', 0)} / {build.get('markdown_unique', 0)}")
    counters.add("Markdown 转换总耗时 (s)", seconds(build.get("markdown_s", math.nan)))
    counters.add("jieba 分词调用次数", str(build.get("jieba_calls", 0)))
    counters.add("jieba 分词字符数 / 其中不重复", f"{build.get('jieba_chars', 0)} / {build.get('jieba_unique_chars', 0)}")
    counters.add("jieba 词典加载 CPU (s)", seconds(build.get("jieba_init_s", math.nan)))
    counters.add("本项目：导入插件、事件钩子与段落处理器 CPU (s)", seconds(build.get("ours_cpu_s", math.nan)))
    for hook, spent in list(build.get("by_hook", {}).items())[:8]:
        counters.add(f"　{hook}（墙钟 s）", seconds(spent))
    tables.append(counters)
    tables.append(cpu_breakdown_table(build, prof["bare"]))
    for label, result in (("完整构建", prof["build"]), ("交叉引用（独立命令）", prof["crossref"])):
        summary = result.get("profile", {})
        if not summary:
            continue
        table = Table(f"剖析：{label}（pyinstrument，共 {seconds(summary['total_s'])} s）", ["类别", "项目", "耗时 (s)", "占比"])
        total = summary["total_s"] or math.nan
        for name, spent in summary.get("suspects", {}).items():
            table.add("包含时间", name, seconds(spent), f"{spent / total:.0%}")
        for name, spent in summary.get("by_package", [])[:8]:
            table.add("自身时间·按包", name, seconds(spent), f"{spent / total:.0%}")
        for pkg, func, spent in summary.get("top_functions", [])[:8]:
            table.add("自身时间·按函数", f"{pkg}: {func}", seconds(spent), f"{spent / total:.0%}")
        tables.append(table)
    return tables


# -- page -----------------------------------------------------------------------------------------


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain"], capture_output=True, text=True, check=True).stdout
        return out.stdout.strip() + ("（工作区有未提交修改）" if dirty.strip() else "")
    except (OSError, subprocess.CalledProcessError):
        return "未知"


def environment(args: argparse.Namespace, load: tuple[float, float, float]) -> str:
    from importlib.metadata import version

    versions = ", ".join(f"{name} {version(name)}" for name in ("mkdocs", "mkdocs-material", "Markdown", "jieba"))
    scales = ",".join(str(s) for s in args.scales)
    return (
        f"测量于 {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}，提交 {git_commit()}；"
        f"{platform.system()} {platform.machine()}，{os.cpu_count()} 核，开始时负载 {load[0]:.2f}；"
        f"Python {platform.python_version()}，{versions}。\n\n"
        f"命令：`python benchmarks/run.py --scales {scales} --repeat {args.repeat} --scale-repeat {args.scale_repeat}`"
    )


METHOD = """### 测量方法

- 每次构建都在项目的临时副本中、在独立子进程里运行（`benchmarks/child.py`），墙钟时间从父进程测量，
  峰值内存取该子进程的 `ru_maxrss`（`os.wait4`）；真实的 `docs/` 与 `corpus/` 不会被改动。
- **纯 Material 站点**：同一批 `docs/plans/*.md`、同样的 `theme.language` 与 `search` 插件配置（jieba 分词、
  分隔符与用户词典），加一个只列出规划链接的首页，扩展仅 `attr_list`、`tables`、`toc`，其余一概没有。
- **合成语料**：每份规划复制 N−1 份，换新的 slug、区名与标题（登记表与导航同步），正文按固定随机种子
  打乱段内句序、偶尔删去一句、替换常见动词的近义词（推进/推动、加强/强化……）；标题、锚点和表格保持不变。
- 机器共用、噪声较大：请看中位数与最小–最大范围，不要比较单次数字。测量不进入测试套件（测试不做计时断言）。"""


def nav_pages(nav: Any) -> set[str]:
    """Every page path an explicit MkDocs nav names."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, list):
        return set().union(*(nav_pages(item) for item in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(nav_pages(v) for v in nav.values())) if nav else set()
    return set()


def effective_nav(root: Path) -> Any:
    """The nav MkDocs will build with: mkdocs.yml's, after every plugin's and hook's on_config.

    (A hook may append pages, e.g. every page of docs/about/.) ``None`` when there is no explicit nav.
    """
    from mkdocs.config import load_config

    with contextlib.chdir(root):  # plugin options such as jieba_dict_user are relative to the cwd
        config = load_config(config_file=str(root / "mkdocs.yml"))
        config = config.plugins.on_config(config)
    return config["nav"]


def page_destination(out: Path, root: Path, fallback: Path) -> Path:
    """Where to write the page: ``out``, unless it lies in docs/ and the nav would omit it.

    With ``validation.nav.omitted_files: warn`` such a page would fail every ``mkdocs build --strict``
    in the checkout, so it goes to ``fallback`` until the nav names it.
    """
    docs = (root / "docs").resolve()
    try:
        rel = out.resolve().relative_to(docs).as_posix()
    except ValueError:
        return out
    existed = out.exists()
    if not existed:  # hooks that add pages look at the files on disk
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("---\ntitle: 性能\n---\n\n# 性能\n", encoding="utf-8")
    try:
        nav = effective_nav(root)
    finally:
        if not existed:
            out.unlink()
    if nav is None or rel in nav_pages(nav):
        return out
    log.warning("导航中没有 %s：为免 --strict 构建失败，本次写到 %s（把该页加入 mkdocs.yml 的 nav 后再运行）", rel, fallback)
    return fallback


def measure_search(project: Path, work: Path, scales: list[int]) -> list[Any] | None:
    """The first-search transfer, by benchmarks/search.py (the search work's own benchmark) where it
    exists; a failure is reported, not fatal."""
    try:
        from benchmarks import search as search_bench
    except ImportError:
        log.info("no benchmarks/search.py: first-search transfer not measured")
        return None
    try:
        return search_bench.measure(project, work / "search", tuple(s for s in scales if s in (1, 20)) or (1,))
    except Exception as exc:  # the rest of the page is still worth writing
        log.warning("first-search transfer not measured: %s", exc)
        return None


def targets_summary(raw: dict[str, Any], points: dict[int, dict[str, Any]], search_points: list[Any] | None) -> dict[str, Any]:
    """The figures the targets table shows (also saved in results.json, for a later ``--before``)."""
    overhead = raw["overhead"]
    summary: dict[str, Any] = {
        "commit": git_commit(),
        "build_ratio": [overhead["cpu_ratio"], overhead["ours_cpu"], overhead["bare_cpu"]],
        "xref_share": overhead["share"],
        "rebuild_ratio": [overhead["rebuild_ratio"], overhead["ours_rebuild_cpu"], overhead["bare_rebuild_cpu"]],
    }
    for n, pages in raw.get("page_sizes", {}).items():
        summary[f"page_{n}"] = [pages["largest"], pages["largest_bytes"]]
    for n, wire in first_search(search_points).items():
        summary[f"search_{n}"] = wire
    performance = lighthouse_performance(raw.get("lighthouse"))
    if performance:
        summary["lighthouse"] = performance
    fits = raw.get("scaling_summary", {}).get("fits", {})
    if len(points) >= 2 and not math.isnan(fits.get("build_cpu", math.nan)):
        summary["exponent"] = fits["build_cpu"]
    if 20 in points:
        summary["peak_mb"] = max(points[20]["build"].rss + points[20]["crossref"].rss)
    return summary


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, set):
        return sorted(value)
    return str(value)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[bench] %(message)s", stream=sys.stderr)
    load = os.getloadavg()
    tables: list[Table] = []
    raw: dict[str, Any] = {"args": {k: str(v) for k, v in vars(args).items()}, "load_at_start": load}

    def emit(table: Table) -> None:
        """Print each table as soon as it is measured, so a late failure loses nothing."""
        tables.append(table)
        print(render_text(table), end="\n\n", flush=True)

    with sandbox.scratch_dir("plan-bench-", args.workdir, args.keep) as work:
        project = sandbox.copy_project(work / "project", args.project)
        bare = work / "bare"
        sandbox.write_bare_site(project, bare)
        imports = measure_imports(project, args.repeat)
        crossref = measure_crossref(project, work, args.repeat)
        full, plain = measure_overhead(project, bare, work, args.repeat)
        raw.update(imports=imports, crossref=crossref, project_build=full, bare_build=plain)
        emit(phase_table(imports, crossref, full))
        if not args.no_published:
            from benchmarks import importing

            emit(importing.measure(work / "published", args.repeat))
        table, raw["overhead"] = overhead_table(full, plain)
        emit(table)
        table, raw["weight"] = weight_table(work / "site-project", work / "site-bare", project)
        emit(table)
        points: dict[int, dict[str, Any]] = {}
        for factor in args.scales:
            if factor == 1:
                points[1] = {
                    "plans": len(list((project / "docs" / "plans").glob("*.md"))),
                    "crossref": crossref,
                    "build": full,
                    "weight": weight.measure_site(work / "site-project"),
                    "pages": page_sizes(work / "site-project"),
                }
            else:
                points[factor] = measure_scale(args.project, factor, work, args.scale_repeat)
        raw["scaling"] = points
        table, raw["scaling_summary"] = scaling_table(points)
        emit(table)
        emit(phase_scaling_table(points))
        table, raw["page_sizes"] = page_size_table(points)
        emit(table)
        search_points = None
        if not args.no_search:
            search_points = measure_search(args.project, work, args.scales)
            if search_points:
                from benchmarks import search as search_bench

                for t in search_bench.tables(search_points):
                    emit(t)
        if not args.no_what_if and whatif.VARIANTS:
            raw["what_if"] = measure_whatifs(project, work, args.repeat)
            emit(whatif_table(raw["what_if"], plain))
        if not args.no_lighthouse:
            raw["lighthouse"] = lighthouse.measure(project, work)
            emit(lighthouse.table(raw["lighthouse"]))
        raw["summary"] = summary = targets_summary(raw, points, search_points)
        before = json.loads(args.before.read_text(encoding="utf-8")).get("summary") if args.before else None
        tables.insert(0, targets_table(summary, before, summary["commit"]))
        print(render_text(tables[0]), end="\n\n", flush=True)
        if not args.no_profile:
            raw["profile"] = profile(project, bare, work, args.profile_dir)
            for table in profile_tables(raw["profile"]):
                emit(table)
        args.profile_dir.mkdir(parents=True, exist_ok=True)
        out = page_destination(args.out, ROOT, args.profile_dir / args.out.name)
        write_page(out, tables, environment(args, load), METHOD)
        print(f"已写入 {out}")
        (args.profile_dir / ".gitignore").write_text("*\n", encoding="utf-8")
        results = args.profile_dir / "results.json"
        results.write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=_jsonable), encoding="utf-8")
        print(f"原始测量数据：{results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
