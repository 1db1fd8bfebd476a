"""Run one measured subprocess: wall time, peak resident memory of that child, its JSON result.

``os.wait4`` returns the resource usage of exactly the child waited for, so each measurement gets
its own peak RSS (``RUSAGE_CHILDREN`` would report the maximum over every child so far).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CHILD = Path(__file__).with_name("child.py")
#: the child prints its result as one JSON line starting with this marker
RESULT_MARK = "BENCH-RESULT "


@dataclass
class ChildRun:
    wall_s: float
    peak_rss_mb: float
    #: user + system CPU seconds of the child: far less sensitive than wall time to other load
    cpu_s: float
    result: dict[str, Any] = field(default_factory=dict)


class ChildFailed(RuntimeError):
    """A measured build failed; carries the tail of its output so the cause is visible."""


def run_child(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> ChildRun:
    """Run ``child.py ARGS`` with cwd; return wall time, the child's peak RSS and its JSON result."""
    cmd = [sys.executable, str(CHILD), *args]
    full_env = {**os.environ, "PYTHONHASHSEED": "0", **(env or {})}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env=full_env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    if proc.returncode != 0:
        tail = "\n".join(text.splitlines()[-25:])
        raise ChildFailed(f"{' '.join(cmd)} (cwd {cwd}) exited {proc.returncode}:\n{tail}")
    result: dict[str, Any] = {}
    for line in text.splitlines():
        if line.startswith(RESULT_MARK):
            result = json.loads(line[len(RESULT_MARK) :])
    # Linux reports ru_maxrss in KiB
    return ChildRun(wall_s=wall, peak_rss_mb=usage.ru_maxrss / 1024, cpu_s=usage.ru_utime + usage.ru_stime, result=result)
