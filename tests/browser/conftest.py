"""Browser test fixtures: build the site once, serve it on 127.0.0.1, drive Debian's Chromium.

The site is built once per session into a temporary directory with ``site_url`` under the
sub-path ``/beijing-edu-plans/`` (as GitHub Pages serves a project site), and one HTTP server
serves that build both at ``/`` and at ``/beijing-edu-plans/``: every page link is relative, so the
same files must work at both places; only the 404 page uses absolute paths and is tested under the
sub-path.

Every page the tests open is watched: console errors, uncaught exceptions and any request to
another origin (which is aborted, never sent) are collected and asserted on by ``open_page``.
A failing test leaves a full-page screenshot in ``test-artifacts/``.

Set ``BROWSER_TEST_SITE=<dir>`` to reuse an existing build (it must have been built with
``SITE_URL=http://127.0.0.1/beijing-edu-plans/``) while iterating on tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_helpers import SUBPATH, Site, Watch, serve_directory
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, Route, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
_UNSAFE_NAME_RE = re.compile(r"[^\w.-]+")


def build_site(target: Path) -> None:
    """``mkdocs build --strict`` into ``target``, run from the repository root like ``make``."""
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1{SUBPATH}"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--site-dir", str(target)],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}", pytrace=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    reuse = os.environ.get("BROWSER_TEST_SITE")
    if reuse:
        root = Path(reuse).resolve()
    else:
        root = tmp_path_factory.mktemp("site")
        build_site(root)
    with serve_directory(root) as origin:
        yield Site(root=root, origin=origin)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser-deps` (or set CHROMIUM)", pytrace=False)
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture
def context(browser: Browser, site: Site) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        locale="zh-CN",
        viewport={"width": 1280, "height": 900},
        permissions=["clipboard-read", "clipboard-write"],
        color_scheme="light",
    )
    ctx.set_default_timeout(15_000)
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(context: BrowserContext, site: Site, watch: Watch, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A page whose every request is checked: anything not on the site's origin is aborted and recorded."""

    def route(route: Route, req: Request) -> None:
        if req.url.startswith(site.origin + "/") or req.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            watch.foreign_requests.append(req.url)
            route.abort()

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda msg: watch.console_errors.append(msg.text) if msg.type == "error" else None)
    pg.on("pageerror", lambda exc: watch.page_errors.append(str(exc)))
    pg.on(
        "response",
        lambda resp: watch.failed_requests.append(f"{resp.status} {resp.url}")
        if resp.status >= 400 and resp.url.startswith(site.origin) and resp.request.resource_type != "document"
        else None,
    )
    yield pg
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        name = _UNSAFE_NAME_RE.sub("_", request.node.nodeid.split("::", 1)[-1])
        try:
            pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # the screenshot must never hide the real failure
            print(f"screenshot failed: {exc}", file=sys.stderr)
    pg.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Keep each phase's report on the item so the page fixture knows whether the test failed."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


def clean_artifacts() -> None:
    """Remove screenshots of earlier failures (called once per session by the first browser test)."""
    if ARTIFACTS.is_dir():
        for png in ARTIFACTS.glob("*.png"):
            png.unlink()


@pytest.fixture(scope="session", autouse=True)
def _fresh_artifacts() -> None:
    clean_artifacts()
    if (ARTIFACTS / "screenshots").is_dir():
        shutil.rmtree(ARTIFACTS / "screenshots")
