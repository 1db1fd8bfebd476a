"""What search costs the reader and the build, at 1× and 20× the corpus, next to Material's own search.

    python benchmarks/search.py [--project .] [--scales 1,20] [--json out.json]   # prints the tables
    python benchmarks/run.py …                                                    # the same tables on the 性能 page

For each scale (benchmarks/synth.py makes the N× corpus in a copy of the project):

* the site is built with ``mkdocs build``; the search hook logs how long Pagefind indexing took
  (CPU of this process and of the Pagefind subprocess, from getrusage), which is read from the log;
* the site is served gzip-compressed on 127.0.0.1 (benchmarks/lighthouse.py's server) and Debian's
  Chromium opens the home page, waits until the network is idle, then opens the search box and
  searches. Every response is recorded: what was transferred (body bytes on the wire) and its size
  once decompressed (Pagefind's index chunks and fragments are stored gzip-compressed and sent as
  they are). "Before search" is everything the page loaded; "first search" everything after;
* Material's search, loaded lazily, is what it would transfer on the first search instead: its
  worker, the lunr language scripts and the whole ``search_index.json`` of the bare Material site
  with the same plans and search configuration (benchmarks/sandbox.py), gzip level 6.

Queries: 普惠 (a policy term in every plan) and 教育 (the most frequent word: the largest index
chunk and the most results).
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import lighthouse, sandbox, synth, weight
from benchmarks.report import Table, render_text, size

log = logging.getLogger("benchmarks.search")

QUERIES = ("普惠", "教育")
#: the hook's log line (overrides/hooks/search_index.py)
INDEX_LOG_RE = re.compile(r"search: (\d+) sections indexed by Pagefind in ([\d.]+) s CPU \((\d+) files, (\d+) KiB\)")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@dataclass
class Transfer:
    requests: int = 0
    wire_bytes: int = 0
    raw_bytes: int = 0
    files: list[str] = field(default_factory=list)

    def add(self, name: str, wire: int, raw: int) -> None:
        self.requests += 1
        self.wire_bytes += wire
        self.raw_bytes += raw
        self.files.append(name)


@dataclass
class ScalePoint:
    factor: int
    plans: int
    sections: int
    index_files: int
    index_bytes: int
    index_cpu_seconds: float
    page_load: Transfer
    page_load_search_files: list[str]
    first_search: dict[str, Transfer]
    results: dict[str, int]
    material_lazy_bytes: int
    material_lazy_gzip_bytes: int
    material_index_bytes: int


def build(project: Path, site: Path) -> str:
    """``mkdocs build`` of ``project`` into ``site``; returns the log (for the indexing line)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=project, env={**__import__("os").environ, **env}, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed: {result.stderr[-3000:]}")
    return result.stderr


def decoded_size(body: bytes) -> int:
    """Bytes of a response body once decompressed: Pagefind's files are gzip streams themselves."""
    if body[:2] == b"\x1f\x8b":
        try:
            return len(gzip.decompress(body))
        except OSError:
            return len(body)
    return len(body)


def browse(site: Path, queries: tuple[str, ...]) -> tuple[Transfer, dict[str, Transfer], dict[str, int]]:
    """Page load of the home page, then each query in a fresh page (so each is a *first* search)."""
    from playwright.sync_api import sync_playwright

    page_load = Transfer()
    searches: dict[str, Transfer] = {}
    counts: dict[str, int] = {}
    with lighthouse.serve(site) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for index, query in enumerate(queries):
                context = browser.new_context(locale="zh-CN", viewport={"width": 412, "height": 823})
                page = context.new_page()
                responses: list[Any] = []
                page.on("response", lambda response, bucket=responses: bucket.append(response))
                page.goto(origin, wait_until="networkidle")
                loaded = record(responses, origin)
                if index == 0:
                    page_load = loaded
                responses.clear()
                page.click("label.md-header__button[for='__search']")  # a phone's width: the header's search button
                page.fill("input.md-search__input", query)
                page.wait_for_function("() => /\\d/.test(document.querySelector('.md-search-result__meta')?.textContent || '')")
                page.wait_for_load_state("networkidle")
                current = record(responses, origin)
                meta = page.locator(".md-search-result__meta").inner_text()
                counts[query] = int(re.search(r"\d+", meta).group()) if re.search(r"\d+", meta) else 0
                searches[query] = current
                context.close()
        finally:
            browser.close()
    return page_load, searches, counts


def record(responses: list[Any], origin: str) -> Transfer:
    transfer = Transfer()
    for response in responses:
        if not response.url.startswith(origin):
            transfer.add(response.url, 0, 0)  # never expected: counted so that it shows
            continue
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted request has no body
            continue
        wire = response.request.sizes()["responseBodySize"]
        encoded = (response.headers or {}).get("content-encoding") == "gzip"
        transfer.add(response.url[len(origin):] or "/", wire, len(body) if encoded else decoded_size(body))
    return transfer


def material_lazy(project: Path, work: Path) -> tuple[int, int, int]:
    """Material's first search if its index were loaded only then: (raw, gzip, index raw) bytes."""
    bare = work / f"bare-{project.name}"
    shutil.rmtree(bare, ignore_errors=True)
    sandbox.write_bare_site(project, bare)
    site = work / f"site-bare-{project.name}"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--config-file", str(bare / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=bare, env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"}, check=True, capture_output=True,
    )
    download, _ = weight.search_download(site)
    index = site / weight.SEARCH_INDEX
    return download.bytes, download.gzip_bytes, index.stat().st_size if index.is_file() else 0


def measure_scale(source: Path, factor: int, work: Path) -> ScalePoint:
    project = sandbox.copy_project(work / f"search-scale-{factor}", source)
    plans = synth.scale_corpus(project, factor) if factor > 1 else len(list((project / "docs" / "plans").glob("*.md")))
    site = work / f"search-site-{factor}"
    shutil.rmtree(site, ignore_errors=True)
    log.info("search: build %d× (%d plans)", factor, plans)
    match = INDEX_LOG_RE.search(build(project, site))
    if match is None:
        raise RuntimeError("the search hook did not log its indexing line")
    bundle = site / "pagefind"
    files = [p for p in bundle.rglob("*") if p.is_file()]
    log.info("search: browser at %d×", factor)
    page_load, searches, counts = browse(site, QUERIES)
    raw, gz, index_bytes = material_lazy(project, work)
    return ScalePoint(
        factor=factor,
        plans=plans,
        sections=int(match.group(1)),
        index_files=len(files),
        index_bytes=sum(p.stat().st_size for p in files),
        index_cpu_seconds=float(match.group(2)),
        page_load=page_load,
        page_load_search_files=[f for f in page_load.files if "pagefind" in f or "search" in f],
        first_search=searches,
        results=counts,
        material_lazy_bytes=raw,
        material_lazy_gzip_bytes=gz,
        material_index_bytes=index_bytes,
    )


def measure(source: Path, work: Path, scales: tuple[int, ...] = (1, 20)) -> list[ScalePoint]:
    """One point per corpus factor; ``work`` (created if missing) holds the copies and built sites."""
    work.mkdir(parents=True, exist_ok=True)
    return [measure_scale(source, factor, work) for factor in scales]


#: first-search targets (gzip, bytes on the wire) by scale
TARGETS = {1: 300 * 1024, 20: 600 * 1024}


def tables(points: list[ScalePoint]) -> list[Table]:
    t = Table(
        "搜索：首次搜索的传输量（Pagefind）",
        ["语料", "查询", "结果数", "请求数", "传输（gzip）", "解压后", "目标", "结论", "同一查询若用 Material 搜索（延迟加载）"],
    )
    for p in points:
        for query, transfer in p.first_search.items():
            target = TARGETS.get(p.factor)
            verdict = "—" if target is None else ("达标" if transfer.wire_bytes <= target else "未达标")
            t.add(
                f"{p.factor}×（{p.plans} 份规划）", query, p.results.get(query, 0), transfer.requests,
                size(transfer.wire_bytes), size(transfer.raw_bytes), f"≤ {size(target)}" if target else "—", verdict,
                f"{size(p.material_lazy_gzip_bytes)}（解压后 {size(p.material_lazy_bytes)}）",
            )
    t.note = (
        "在 Debian Chromium 中测得：站点以 gzip 在本机回环地址上提供，先打开首页（等待网络空闲），再点开搜索框输入查询，"
        "记录此后的每个响应。传输 = 响应体在网络上的字节数；Pagefind 的索引分块与片段本身以 gzip 存储、原样发送。"
        "首次搜索包括 pagefind.js、其 worker 与 WebAssembly、索引元数据、查询词所在的索引分块"
        "和前 10 条结果的片段（滚动时每次再取 10 条）。"
        "Material 一列为同样的规划与搜索配置的纯 Material 站点在首次搜索时要下载的 worker、lunr 语言脚本"
        "与整个 search_index.json（gzip 级别 6）。"
    )
    u = Table(
        "搜索：页面加载与索引",
        ["语料", "打开首页的请求 / 传输（gzip）", "其中与搜索有关", "索引段数", "索引文件", "索引大小（磁盘）", "索引耗时 CPU",
         "Material 索引"],
    )
    for p in points:
        load = f"{p.page_load.requests} / {size(p.page_load.wire_bytes)}"
        search_files = "、".join(p.page_load_search_files) or "—"
        cpu = f"{p.index_cpu_seconds:.2f} s"
        u.add(f"{p.factor}×", load, search_files, p.sections, p.index_files, size(p.index_bytes), cpu, size(p.material_index_bytes))
    u.note = (
        "打开页面时与搜索有关的只有 search.js（对话框脚本，几 KiB）；pagefind 目录下的文件在读者打开搜索框之前一个也不加载。"
        "索引耗时为 mkdocs build 中搜索钩子把 Material 的分段写成 Pagefind 文档并运行 Pagefind 的 CPU 时间（本进程加子进程，getrusage），"
        "不含 Material 搜索插件本身的分词。"
    )
    return [t, u]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=sandbox.ROOT, help="project to measure (copied, never modified)")
    parser.add_argument("--scales", default="1,20", help="corpus factors (default 1,20)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[search] %(message)s", stream=sys.stderr)
    with sandbox.scratch_dir("plan-search-", keep=args.keep) as work:
        points = measure(args.project, work, tuple(int(s) for s in args.scales.split(",")))
        for table in tables(points):
            print(render_text(table))
            print()
        if args.json:
            args.json.write_text(json.dumps([asdict(p) for p in points], ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
