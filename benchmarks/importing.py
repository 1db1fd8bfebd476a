"""Import time of the plans as districts publish them: each plan's PDF and Word version.

    python benchmarks/importing.py [--dir DIR] [--repeat K]

The files are the test suite's fixtures (tests/importing/fixtures/make_fixtures.py: Chromium PDFs,
python-docx files), generated into DIR unless it already holds them. Each is imported in memory
(read + clean + structure + render, nothing written) ``--repeat`` times in this process; the
median is reported with the page count. Target: under 5 s for a 60-page PDF.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "importing" / "fixtures"))

from benchmarks.report import Table, render_text  # noqa: E402

TARGET_PDF_S = 5.0


def ensure_fixtures(directory: Path) -> list[Path]:
    import make_fixtures

    wanted = [directory / f"{slug}.{ext}" for slug in make_fixtures.SLUGS for ext in ("pdf", "docx")]
    if not all(path.is_file() for path in wanted):
        make_fixtures.main([str(directory)])
    return wanted


def pdf_pages(path: Path) -> int | None:
    if path.suffix != ".pdf":
        return None
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def measure(directory: Path, repeat: int = 3) -> Table:
    """One row per file: format, pages, median seconds to import it in memory."""
    from generator.importing.pipeline import convert_raw
    from generator.importing.readers import read_raw
    from generator.registry import load_registry

    registry = load_registry(ROOT / "corpus" / "plans.yml")
    table = Table("导入已发布格式（PDF、Word）", ["文件", "页数", "导入耗时（中位数）"])
    timings: list[tuple[Path, int | None, float]] = []
    for path in ensure_fixtures(directory):
        plan = registry.get(path.stem)
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            convert_raw(plan, read_raw(path), path)
            runs.append(time.perf_counter() - start)
        timings.append((path, pdf_pages(path), statistics.median(runs)))
    for path, pages, seconds in timings:
        table.add(path.name, pages if pages is not None else "—", f"{seconds:.2f} s")
    pdfs = [(pages or 0, seconds, path.name) for path, pages, seconds in timings if path.suffix == ".pdf"]
    if pdfs:
        pages, seconds, name = max(pdfs)
        per60 = seconds * 60 / pages if pages else seconds
        verdict = "达标" if per60 < TARGET_PDF_S else "未达标"
        table.note = f"最大的 PDF：{name}，{pages} 页，{seconds:.2f} s（折合 60 页 {per60:.2f} s，目标 < {TARGET_PDF_S:.0f} s：{verdict}）"
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="where the PDF/Word files are (generated when missing; default: a temp dir)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    directory = args.dir or Path(tempfile.mkdtemp(prefix="published-"))
    directory.mkdir(parents=True, exist_ok=True)
    print(render_text(measure(directory, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
