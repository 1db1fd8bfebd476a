"""PDF and Word versions of the five plans, generated once per session (tests/importing/fixtures/).

Generation takes about 20 s (Chromium prints five PDFs), so the files are cached in pytest's cache
directory under a hash of everything they are made from: the generator script, the committed
pages and the raw files. A fresh clone (CI) generates them once.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent / "fixtures"))

import make_fixtures


def _fixture_key() -> str:
    digest = hashlib.sha256(Path(make_fixtures.__file__).read_bytes())
    for slug in make_fixtures.SLUGS:
        digest.update((PROJECT_ROOT / "docs" / "plans" / f"{slug}.md").read_bytes())
        digest.update((PROJECT_ROOT / "corpus" / "raw" / f"{slug}.txt").read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def published(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory with <slug>.pdf and <slug>.docx for the five plans."""
    cache = Path(request.config.cache.mkdir("published-fixtures"))
    target = cache / _fixture_key()
    wanted = [f"{slug}.{ext}" for slug in make_fixtures.SLUGS for ext in ("pdf", "docx")]
    if all((target / name).is_file() for name in wanted):
        return target
    if not Path(make_fixtures.CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {make_fixtures.CHROMIUM}: run `make browser-deps` (or set CHROMIUM)", pytrace=False)
    work = tmp_path_factory.mktemp("published")
    # A process of its own: the browser tests keep a sync Playwright session (and its asyncio loop)
    # open for the whole run, and a second sync_playwright() in this process would refuse to start.
    made = subprocess.run(
        [sys.executable, make_fixtures.__file__, str(work)], capture_output=True, text=True, cwd=PROJECT_ROOT
    )
    if made.returncode != 0:
        pytest.fail(f"make_fixtures.py failed ({made.returncode}):\n{made.stderr[-4000:]}", pytrace=False)
    for old in cache.iterdir():
        shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(work, target)
    return target
