"""corpus/import-manifest.json: the sha256 of what ``import`` last wrote for each plan.

After import, people edit docs/plans/*.md by hand. Before overwriting a plan page, the importer
compares the file on disk with the recorded hash; a difference means someone edited it, and the
import refuses (unless ``--force``) instead of silently throwing that work away.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorError

log = logging.getLogger(__name__)

VERSION = 1


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    file: str
    sha256: str
    raw_sha256: str


def load_manifest(path: Path) -> dict[str, Entry]:
    """Recorded entries by slug; an absent manifest is an empty one (first import)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise GeneratorError(path, f"导入清单不是有效的 JSON：{exc}", "从版本库恢复该文件，或删除后用 --force 重新导入") from exc
    plans = data.get("plans") if isinstance(data, dict) else None
    if not isinstance(plans, dict):
        raise GeneratorError(path, "导入清单缺少 plans 映射", "从版本库恢复该文件，或删除后用 --force 重新导入")
    entries: dict[str, Entry] = {}
    for slug, entry in plans.items():
        try:
            entries[slug] = Entry(file=str(entry["file"]), sha256=str(entry["sha256"]), raw_sha256=str(entry["raw_sha256"]))
        except (KeyError, TypeError) as exc:
            raise GeneratorError(path, f"导入清单中 {slug} 的条目不完整", "从版本库恢复该文件，或删除后用 --force 重新导入") from exc
    return entries


def dump_manifest(entries: dict[str, Entry]) -> str:
    """Stable JSON (sorted slugs, no timestamps) so re-imports produce no diff."""
    data = {
        "version": VERSION,
        "comment": "由 `python -m generator import` 维护：每份规划页面上次导入时的内容哈希。请勿手工修改。",
        "plans": {slug: {"file": e.file, "sha256": e.sha256, "raw_sha256": e.raw_sha256} for slug, e in sorted(entries.items())},
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def atomic_write(path: Path, text: str) -> None:
    """Write via a temporary file in the same directory and ``os.replace``: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; a page is an ordinary readable file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    log.debug("wrote %s", path)
