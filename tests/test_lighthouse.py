"""The Lighthouse part of the benchmark without running Lighthouse (that takes a minute and a 110 MB npm
install, so only benchmarks/run.py does it): the gzip server it measures, and the reading of a report."""

from __future__ import annotations

import gzip
import json
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import lighthouse  # noqa: E402


def fetch(url: str, gzip_ok: bool = True) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_server_sends_text_gzipped_and_the_404_page_for_missing_files(tmp_path: Path) -> None:
    (tmp_path / "plans").mkdir()
    page = "<!doctype html><title>规划</title>" + "正文" * 2000
    (tmp_path / "plans" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "404.html").write_text("页面不存在", encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(100))
    with lighthouse.serve(tmp_path) as origin:
        status, headers, body = fetch(origin + "plans/")
        assert status == 200 and headers["Content-Encoding"] == "gzip" and headers["Content-Type"] == "text/html; charset=utf-8"
        assert gzip.decompress(body).decode("utf-8") == page
        status, headers, body = fetch(origin + "plans/", gzip_ok=False)
        assert "Content-Encoding" not in headers and body.decode("utf-8") == page
        status, headers, _ = fetch(origin + "a.png")
        assert status == 200 and "Content-Encoding" not in headers
        status, headers, body = fetch(origin + "missing/")
        assert status == 404 and gzip.decompress(body).decode("utf-8") == "页面不存在"


def test_scores_and_failed_audits_are_read_from_a_report() -> None:
    report = {
        "lighthouseVersion": "12.2.3",
        "configSettings": {"formFactor": "mobile"},
        "categories": {
            "performance": {"score": 0.91, "auditRefs": [{"id": "largest-contentful-paint", "weight": 25}]},
            "accessibility": {"score": 0.97, "auditRefs": [{"id": "link-in-text-block", "weight": 7}, {"id": "bypass", "weight": 0}]},
            "best-practices": {"score": 1, "auditRefs": [{"id": "doctype", "weight": 1}]},
            "seo": {"score": 1, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": {
            "largest-contentful-paint": {"score": 0.8, "title": "Largest Contentful Paint", "numericValue": 2612.4},
            "first-contentful-paint": {"score": 0.9, "title": "First Contentful Paint", "numericValue": 1530},
            "total-blocking-time": {"score": 0.9, "title": "Total Blocking Time", "numericValue": 181.6},
            "cumulative-layout-shift": {"score": 1, "title": "Cumulative Layout Shift", "numericValue": 0.0012},
            "link-in-text-block": {"score": 0, "title": "Links rely on color to be distinguishable."},
            "bypass": {"score": 0, "title": "not weighted: not counted"},
            "doctype": {"score": 1, "title": "Page has the HTML doctype"},
            "meta-description": {"score": 1, "title": "Document has a meta description"},
        },
    }
    result = lighthouse.scores(json.loads(json.dumps(report)))
    assert result["scores"] == {"performance": 91, "accessibility": 97, "best-practices": 100, "seo": 100}
    # performance lists no failed audits (every opportunity scores below 1): its metrics say more
    assert result["metrics"] == {"FCP": 1530, "LCP": 2612.4, "TBT": 181.6, "CLS": 0.0012}
    assert result["failed"] == {
        "performance": [],
        "accessibility": ["link-in-text-block: Links rely on color to be distinguishable."],
        "best-practices": [],
        "seo": [],
    }
    assert result["form_factor"] == "mobile"
    table = lighthouse.table({"首页": {"url": "u", **result}})
    assert table.rows == [
        ["首页", "91", "97", "100", "100", "FCP 1.5 s, LCP 2.6 s, TBT 182 ms, CLS 0.001",
         "link-in-text-block: Links rely on color to be distinguishable."]
    ]
    # a run without the performance category shows a dash there, not "None"
    del report["categories"]["performance"]
    without = lighthouse.scores(json.loads(json.dumps(report)))
    assert lighthouse.table({"首页": {"url": "u", **without}}).rows[0][:2] == ["首页", "—"]


def test_the_median_run_is_kept_whole_and_every_run_is_shown() -> None:
    def run(score: int, tbt: float) -> dict:
        return {"scores": {"performance": score, "accessibility": 100}, "failed": {}, "metrics": {"TBT": tbt}, "lighthouse": "12.2.3"}

    chosen = lighthouse.median_report([run(82, 110), run(64, 840), run(78, 300)])
    assert chosen["scores"]["performance"] == 78 and chosen["metrics"] == {"TBT": 300}  # the run's own metrics
    assert chosen["runs"] == [82, 64, 78]
    row = lighthouse.table({"规划": {"url": "u", **chosen}}).rows[0]
    assert row[:2] == ["规划", "78"]
    assert row[5] == "TBT 300 ms（3 次性能分：82、64、78，取中位数那次）"


def test_lighthouse_is_pinned_to_12_2_3() -> None:
    assert lighthouse.locked_version() == "12.2.3"
    assert json.loads((ROOT / "benchmarks" / "package.json").read_text(encoding="utf-8"))["dependencies"] == {"lighthouse": "12.2.3"}
