"""The injection project (a registered plan full of script, markup and attribute payloads), built once
by MkDocs: shared by tests/site/test_injection.py and tests/browser/test_injection_browser.py."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "tests" / "data" / "bad" / "injection.txt"
SLUG = "injection"
#: registry fields that become page titles must be plain text (refused otherwise, see test_registry);
#: provenance may quote markup, and the page template must escape it
PROVENANCE = '安全测试用的合成文本，含 <iframe src="javascript:alert(20)"></iframe> 与 <img src=x onerror=alert(21)>'
ENTRY = f"""  - slug: {SLUG}
    district: 西城区
    short_name: 西城
    title: 西城区“十四五”时期教育发展规划（安全测试样例）
    title_supplied: false
    issuer: null
    doc_number: null
    date: null
    raw: {SLUG}.txt
    provenance: '{PROVENANCE}'
"""
#: every payload, as the reader must see it on the page
VISIBLE = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "{#injected-id}",
    "[点击查看](javascript:alert(3))",
    "![示意图](javascript:alert(4))",
    '<iframe src="javascript:alert(5)"></iframe>',
    '<a href="javascript:alert(6)">相关链接</a>',
    "<svg onload=alert(7)>",
    "<details open ontoggle=alert(8)>",
    "{#injected-heading}",
    '{: #injected-attr onclick="alert(9)" }',
    "<javascript:alert(10)>",
    "<b onmouseover=alert(11)>加粗</b>",
    "<img src=x onerror=alert(12)>",
    "[义务教育巩固率](javascript:alert(13))",
    "{#cell-id}",
    "&lt;script&gt;alert(14)&lt;/script&gt;",
    PROVENANCE,
)
INJECTED_IDS = ("injected-id", "injected-heading", "injected-attr", "cell-id")
COPY_IGNORE = shutil.ignore_patterns(".git", ".venv", "site", "test-artifacts", "__pycache__", "*.egg-info", "tests", "benchmarks")


def build_injection_site(workdir: Path) -> Path:
    """Copy the project, register and import the injection plan, ``mkdocs build``; return the site dir."""
    from generator.importing.pipeline import import_plans
    from generator.registry import load_registry

    project = workdir / "project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    shutil.copy(RAW, project / "corpus" / "raw" / f"{SLUG}.txt")
    with (project / "corpus" / "plans.yml").open("a", encoding="utf-8") as registry_file:
        registry_file.write(ENTRY)
    registry = load_registry(project / "corpus" / "plans.yml")
    import_plans(registry, [SLUG], docs_dir=project / "docs" / "plans", manifest_path=project / "corpus" / "import-manifest.json")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav_line = re.search(r"^(\s*)- plans/mentougou\.md\n", text, re.M)
    if nav_line:  # list the page in the nav like the other plans (it then appears in every page's nav)
        text = text[: nav_line.end()] + f"{nav_line.group(1)}- plans/{SLUG}.md\n" + text[nav_line.end() :]
        config.write_text(text, encoding="utf-8")
    site = workdir / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING") and SLUG in line]
    assert warnings == []
    return site
