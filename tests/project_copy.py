"""A copy of the project's site inputs, built by MkDocs in a subprocess: for tests that change an
input (a plan, a topic file) and look at what a real build makes of it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from generator import PROJECT_ROOT

COPY = ("docs", "overrides", "mkdocs.yml", "topics", "corpus/plans.yml", "generator/data/jieba_user_dict.txt")


def copy_project(target: Path) -> Path:
    for rel in COPY:
        source = PROJECT_ROOT / rel
        if not source.exists():
            continue
        destination = target / rel
        destination.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, destination)
        else:
            shutil.copy2(source, destination)
    return target


def mkdocs_build(project: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.yml", "-d", "site"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def read(project: Path, rel: str) -> str:
    return (project / "site" / rel).read_text(encoding="utf-8")


