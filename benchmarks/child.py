"""Measured work, one job per process: ``build``, ``crossref``, ``import``.

Run by ``procs.run_child``; prints one ``BENCH-RESULT {json}`` line. Kept free of benchmark
orchestration so each process only loads what the measured job loads.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path
from typing import Any

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import adapters, instrument, whatif  # noqa: E402  (START is taken first)

RESULT_MARK = "BENCH-RESULT "
log = logging.getLogger("benchmarks.child")


def emit(result: dict[str, Any]) -> None:
    print(RESULT_MARK + json.dumps(result, ensure_ascii=False), flush=True)


def start_profiler(path: str | None) -> Any:
    if not path:
        return None
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.002)
    profiler.start()
    return profiler


def stop_profiler(profiler: Any, path: str | None) -> dict[str, Any]:
    if profiler is None or not path:
        return {}
    from benchmarks import profiling

    profiler.stop()
    session = profiler.last_session
    Path(path).write_text(profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
    Path(path).with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
    return profiling.summarize(session.root_frame())


#: the one-paragraph edit of a serve rebuild: a sentence added to the first paragraph about 学前教育
EDIT_MARK = "学前教育"
EDIT_SENTENCE = "新增普惠性学位并试点托幼一体化。"


def edit_paragraph(path: Path) -> tuple[Path, str]:
    """Add a sentence to the first paragraph of the plan that mentions 学前教育 (the same edit for
    the project and the bare site, which share the plan files); return the path and the original."""
    original = path.read_text(encoding="utf-8")
    lines = original.split("\n")
    for i, line in enumerate(lines):
        if EDIT_MARK in line and line.endswith("。") and not line.startswith(("#", "|", "<", "-", ">")):
            lines[i] = line + EDIT_SENTENCE
            path.write_text("\n".join(lines), encoding="utf-8")
            return path, original
    raise SystemExit(f"no paragraph with {EDIT_MARK} in {path}")


def cmd_build(args: argparse.Namespace) -> dict[str, Any]:
    """``mkdocs build`` as the CLI runs it (startup/shutdown events included), optionally profiled.

    With ``--ours`` (project builds only) our plugin is imported up front to wrap its hooks; that
    import (numpy, scipy …) would otherwise happen inside ``load_config``, so its time is
    added to both ``build_s`` and ``ours_s``. Bare builds never import our code.
    """
    variants = [v for v in (args.what_if or "").split(",") if v]
    profiler = start_profiler(args.profile)
    # MkDocs' own modules first, for both kinds of build, so only our import is charged to us
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin  # noqa: F401  (imported by our plugin; MkDocs' cost, not ours)

    start, cpu_start = time.perf_counter(), time.process_time()
    whatif.apply(variants, early=True)
    wrapped = instrument.install(counters=args.count, ours=args.ours)
    whatif.apply(variants, early=False)
    import_ours_s = time.perf_counter() - start if args.ours else 0.0
    import_ours_cpu_s = time.process_time() - cpu_start if args.ours else 0.0

    def one_build() -> float:
        start = time.perf_counter()
        config = load_config(config_file=args.config, site_dir=args.site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
        return time.perf_counter() - start

    cpu_before = time.process_time()
    build_s = import_ours_s + one_build()
    cpu_s = time.process_time()  # whole process so far: start-up, imports, first build
    first_done = time.perf_counter()
    build_cpu_s = import_ours_cpu_s + cpu_s - cpu_before
    ours_cpu_first = import_ours_cpu_s + instrument.COUNTERS.ours_cpu_s
    ours_first = import_ours_s + instrument.COUNTERS.ours_s
    hooks_first = dict(instrument.COUNTERS.by_hook)
    # what `mkdocs serve` does after an edit: reload the config and build again in the same process
    rebuild_s = rebuild_cpu_s = None
    if args.rebuild:
        edited = edit_paragraph(Path(args.config).parent / "docs" / "plans" / f"{args.edit_plan}.md") if args.edit_plan else None
        try:
            cpu_before_rebuild = time.process_time()
            rebuild_s = one_build()
            rebuild_cpu_s = time.process_time() - cpu_before_rebuild
        finally:
            if edited is not None:
                edited[0].write_text(edited[1], encoding="utf-8")
    result = {
        **instrument.COUNTERS.summary(),
        "build_s": build_s,
        "cpu_s": cpu_s,
        "import_ours_s": import_ours_s,
        "ours_s": ours_first,
        "build_cpu_s": build_cpu_s,
        "import_ours_cpu_s": import_ours_cpu_s,
        "ours_cpu_s": ours_cpu_first,
        "by_hook": hooks_first,
        "rebuild_s": rebuild_s,
        "rebuild_cpu_s": rebuild_cpu_s,
        "edited": args.edit_plan,
        "ours_rebuild_s": instrument.COUNTERS.ours_s + import_ours_s - ours_first if args.rebuild else None,
        "process_s": time.perf_counter() - START,
        "wrapped": wrapped,
        "what_if_applied": whatif.APPLIED,
    }
    result["profile"] = stop_profiler(profiler, args.profile)
    # wall time spent after the first build (serve rebuild, profile output): the parent subtracts it
    result["tail_s"] = time.perf_counter() - first_done
    return result


def cmd_crossref(args: argparse.Namespace) -> dict[str, Any]:
    """The cross-reference builder on its own (passages, relevance, similarity, pages)."""
    variants = [v for v in (args.what_if or "").split(",") if v]
    profiler = start_profiler(args.profile)
    whatif.apply(variants, early=True)
    phases = adapters.build_crossref(Path(args.root), Path(args.out), lambda: whatif.apply(variants, early=False))
    cpu_s = time.process_time()
    return {"phases": phases, "process_s": time.perf_counter() - START, "cpu_s": cpu_s, "profile": stop_profiler(profiler, args.profile)}


def cmd_import(args: argparse.Namespace) -> dict[str, Any]:
    """Import every registered plan in memory ``passes`` times; first pass includes start-up."""
    return {**adapters.import_all(Path(args.root), args.passes), "process_s": time.perf_counter() - START}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="job", required=True)
    build = sub.add_parser("build")
    build.add_argument("--config", required=True)
    build.add_argument("--site-dir", required=True)
    build.add_argument("--ours", action="store_true", help="time our plugin's import, hooks and treeprocessor")
    build.add_argument("--what-if", help="comma-separated variants from benchmarks/whatif.py")
    build.add_argument("--rebuild", action="store_true", help="build a second time in the same process, as mkdocs serve does")
    build.add_argument("--edit-plan", help="before the second build, add a sentence to one paragraph of docs/plans/<slug>.md")
    build.add_argument("--count", action="store_true", help="count Markdown parses and jieba segmentation")
    build.add_argument("--profile", help="write a pyinstrument profile to this .txt (and .html)")
    crossref = sub.add_parser("crossref")
    crossref.add_argument("--root", required=True)
    crossref.add_argument("--out", required=True)
    crossref.add_argument("--profile")
    crossref.add_argument("--what-if")
    imp = sub.add_parser("import")
    imp.add_argument("--root", required=True)
    imp.add_argument("--passes", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    jobs = {"build": cmd_build, "crossref": cmd_crossref, "import": cmd_import}
    emit(jobs[args.job](args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
