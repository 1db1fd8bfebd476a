"""benchmarks/importing.py reports one row per PDF/Word file and the largest PDF (no timing asserted)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks import importing


def test_import_time_table_names_every_file_and_the_largest_pdf(published: Path) -> None:
    table = importing.measure(published, repeat=1)
    assert sorted(row[0] for row in table.rows) == sorted(p.name for p in published.iterdir())
    assert {row[1] for row in table.rows if row[0].endswith(".docx")} == {"—"}
    assert table.note.startswith("最大的 PDF：huairou.pdf，")
