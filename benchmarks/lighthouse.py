"""Lighthouse scores (performance, accessibility, best practices, SEO) for the home, a plan, a topic and a compare page.

    python benchmarks/lighthouse.py [--project .] [--keep]      # prints the table
    python benchmarks/run.py …                                  # the same table on the 性能 page

* Lighthouse comes from the npm registry, pinned: ``lighthouse@12.2.3`` in benchmarks/package.json and
  package-lock.json (Lighthouse 13 needs Node 22; the machines have Node 20). ``npm ci`` installs it
  into benchmarks/node_modules the first time (never in ``make test``).
* The browser is Debian's Chromium (``CHROME_PATH``, default /usr/bin/chromium) in headless mode;
  Lighthouse never downloads one.
* Lighthouse's default configuration is the mobile preset (Moto G-class emulation, 4× CPU slowdown,
  simulated slow 4G); the four categories are run (not PWA). For performance the table gives the
  metrics behind the score (FCP, LCP, TBT, CLS, Speed Index) instead of every audit below 1.
* The site is built with ``SITE_URL`` set to the loopback address it is served from (so canonical
  links point at the page under test) and served by a small HTTP server that sends text files
  gzip-compressed, as GitHub Pages does; the 404 page answers for missing files.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import logging
import mimetypes
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import sandbox
from benchmarks.report import Table, render_text

log = logging.getLogger("benchmarks.lighthouse")

HERE = Path(__file__).resolve().parent
LIGHTHOUSE_CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LABELS = {"performance": "性能", "accessibility": "无障碍", "best-practices": "最佳实践", "seo": "SEO"}
#: the metrics behind the performance score (audit id, label, unit)
METRICS = (
    ("first-contentful-paint", "FCP", "ms"),
    ("largest-contentful-paint", "LCP", "ms"),
    ("total-blocking-time", "TBT", "ms"),
    ("cumulative-layout-shift", "CLS", ""),
    ("speed-index", "SI", "ms"),
)
#: (label, path under the site root)
PAGES = [
    ("首页", ""),
    ("规划原文（怀柔）", "plans/huairou/"),
    ("专题（学前教育）", "themes/preschool/"),
    ("分区对照（学前教育）", "themes/preschool/compare/"),
]
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run"
COMPRESSIBLE = ("text/", "application/json", "application/javascript", "image/svg+xml", "application/xml")
mimetypes.add_type("application/javascript", ".js")
mimetypes.add_type("text/css", ".css")
mimetypes.add_type("application/json", ".json")


# -- installing ------------------------------------------------------------------------------------


def locked_version() -> str:
    lock = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"]["node_modules/lighthouse"]["version"]


def ensure_lighthouse() -> Path:
    """``npm ci`` in benchmarks/ unless the locked Lighthouse is already installed; the CLI's path."""
    installed = HERE / "node_modules" / "lighthouse" / "package.json"
    want = locked_version()
    if installed.is_file() and json.loads(installed.read_text(encoding="utf-8"))["version"] == want:
        return LIGHTHOUSE_CLI
    if shutil.which("npm") is None:
        raise SystemExit("lighthouse: npm not found (apt-get install nodejs npm)")
    log.info("npm ci in %s (lighthouse %s)", HERE, want)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True)
    return LIGHTHOUSE_CLI


# -- serving ---------------------------------------------------------------------------------------


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; text types gzip-compressed when the client accepts it; 404.html for missing files."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.path.split("?", 1)[0] + "/")
                self.end_headers()
                return
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
        body = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.send_response(status)
        textual = kind.startswith("text/") or kind.endswith(("json", "javascript"))
        self.send_header("Content-Type", kind + ("; charset=utf-8" if textual else ""))
        if kind.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, compresslevel=6)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(root: Path, port: int = 0) -> Iterator[str]:
    """Serve ``root`` on 127.0.0.1; yields the origin with a trailing slash."""

    def handler(*args: Any, **kwargs: Any) -> GzipHandler:
        return GzipHandler(*args, directory=str(root), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as probe:
        return probe.server_address[1]


def build_site(project: Path, site: Path, site_url: str) -> None:
    # the measured project's own generator package (the plugin), not the one installed in .venv
    path = os.pathsep.join([str(project), *filter(None, [os.environ.get("PYTHONPATH")])])
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": path}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    subprocess.run([*command, "--config-file", str(project / "mkdocs.yml"), "--site-dir", str(site)], cwd=project, env=env, check=True)


# -- running ---------------------------------------------------------------------------------------


def lighthouse_json(cli: Path, url: str, chrome: str) -> dict[str, Any]:
    env = {**os.environ, "CHROME_PATH": chrome}
    proc = subprocess.run(
        [
            "node", str(cli), url,
            "--output=json", "--output-path=stdout", "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def scores(report: dict[str, Any]) -> dict[str, Any]:
    """Category scores (0–100); per category, the audits that did not pass (id: title), except for
    performance, where every opportunity scores below 1 and the metrics say more (``metrics``)."""
    out: dict[str, Any] = {"scores": {}, "failed": {}, "metrics": {}, "lighthouse": report.get("lighthouseVersion"), "form_factor": None}
    out["form_factor"] = report.get("configSettings", {}).get("formFactor")
    audits = report["audits"]
    for key in CATEGORIES:
        category = report["categories"].get(key)
        if category is None:
            continue
        out["scores"][key] = round(category["score"] * 100) if category["score"] is not None else None
        failed = []
        for ref in category["auditRefs"]:
            audit = audits[ref["id"]]
            if key != "performance" and ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                failed.append(f"{ref['id']}: {audit['title']}")
        out["failed"][key] = failed
    for audit_id, label, _unit in METRICS:
        if audit_id in audits and audits[audit_id].get("numericValue") is not None:
            out["metrics"][label] = audits[audit_id]["numericValue"]
    return out


def metrics_text(metrics: dict[str, float]) -> str:
    """"FCP 1.2 s, LCP 1.9 s, TBT 40 ms, CLS 0.001, SI 1.4 s" from the report's numeric values."""
    parts = []
    for _audit_id, label, unit in METRICS:
        if label not in metrics:
            continue
        value = metrics[label]
        if unit == "ms" and label != "TBT":
            parts.append(f"{label} {value / 1000:.1f} s")
        elif unit == "ms":
            parts.append(f"{label} {value:.0f} ms")
        else:
            parts.append(f"{label} {value:.3f}")
    return ", ".join(parts)


#: Lighthouse runs per page; the report with the median performance score is kept. On a shared
#: 2-core machine one page's score varied by ±15 between back-to-back runs (TBT 110 ms vs 840 ms)
RUNS = 3


def median_report(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """The run with the median performance score (a whole report, so its metrics belong together);
    ``runs`` lists every run's performance score."""
    ranked = sorted(reports, key=lambda r: r["scores"].get("performance") or 0)
    chosen = dict(ranked[len(ranked) // 2])
    chosen["runs"] = [r["scores"].get("performance") for r in reports]
    return chosen


def measure(project: Path, work: Path, chrome: str | None = None, runs: int = RUNS) -> dict[str, dict[str, Any]]:
    """Build ``project`` for a loopback address, serve it gzipped, run Lighthouse ``runs`` times on
    each of PAGES and keep the median run."""
    cli = ensure_lighthouse()
    chrome = chrome or os.environ.get("CHROMIUM") or os.environ.get("CHROME_PATH") or "/usr/bin/chromium"
    port = free_port()
    site = work / "site-lighthouse"
    shutil.rmtree(site, ignore_errors=True)
    build_site(project, site, f"http://127.0.0.1:{port}/")
    results: dict[str, dict[str, Any]] = {}
    with serve(site, port) as origin:
        for label, path in PAGES:
            log.info("lighthouse %s", origin + path)
            reports = [scores(lighthouse_json(cli, origin + path, chrome)) for _ in range(runs)]
            results[label] = {"url": origin + path, **median_report(reports)}
    return results


def table(results: dict[str, dict[str, Any]]) -> Table:
    t = Table("Lighthouse（移动端预设）", ["页面", *(LABELS[c] for c in CATEGORIES), "性能指标", "未通过的审核"])
    for label, r in results.items():
        failed = [a for c in CATEGORIES for a in r["failed"].get(c, [])]
        shown = ("—" if r["scores"].get(c) is None else r["scores"][c] for c in CATEGORIES)  # "—": category not run
        runs = r.get("runs") or []
        metrics = metrics_text(r.get("metrics", {})) or "—"
        if len(runs) > 1:
            metrics += f"（{len(runs)} 次性能分：{'、'.join(str(x) for x in runs)}，取中位数那次）"
        t.add(label, *shown, metrics, "；".join(failed) or "—")
    version = next(iter(results.values()))["lighthouse"] if results else "?"
    t.note = (
        f"Lighthouse {version}（npm，锁定版本），Debian Chromium 无头模式，默认移动端预设（模拟手机屏幕、4× CPU 降速、慢速 4G），"
        "站点以 gzip 压缩在本机回环地址上提供；运行性能、无障碍、最佳实践与 SEO 四类。性能指标为模拟值：FCP 首次内容绘制、"
        "LCP 最大内容绘制、TBT 总阻塞时间、CLS 累计布局偏移、SI 速度指数。"
    )
    return t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=sandbox.ROOT, help="project to measure (copied, never modified)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary copy and the built site")
    parser.add_argument("--json", type=Path, help="also write the scores and failed audits here")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="[lighthouse] %(message)s", stream=sys.stderr)
    with sandbox.scratch_dir("plan-lighthouse-", keep=args.keep) as work:
        project = sandbox.copy_project(work / "project", args.project)
        results = measure(project, work)
        print(render_text(table(results)))
        if args.json:
            args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
