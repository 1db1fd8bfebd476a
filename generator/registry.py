"""The plan registry ``corpus/plans.yml``: which plans exist and what the text says about them."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from generator.errors import GeneratorError
from generator.importing.formats import RAW_SUFFIXES

log = logging.getLogger(__name__)

SLUG_RE = re.compile(r"^[a-z][a-z0-9-]{1,40}$")


@dataclass(frozen=True)
class Plan:
    """One registry entry. ``None`` means the raw text states no such thing."""

    slug: str
    district: str
    short_name: str
    title: str
    title_supplied: bool
    issuer: str | None
    doc_number: str | None
    date: str | None
    raw: str
    provenance: str

    def front_matter(self) -> dict[str, Any]:
        """Registry fields in a stable order, for the plan page's YAML front matter."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


REQUIRED = ("slug", "district", "short_name", "title", "raw", "provenance")
OPTIONAL = {"title_supplied": False, "issuer": None, "doc_number": None, "date": None}
#: Fields that become page titles, navigation entries and headings. MkDocs copies the front matter
#: ``title`` into ``page.title`` and Material prints it unescaped (header, navigation, footer), so
#: markup here would run on every page of the site: only plain text is accepted.
PLAIN_TEXT = ("slug", "district", "short_name", "title", "issuer", "doc_number", "date", "raw")
MARKUP_RE = re.compile(r"[<>]")


@dataclass(frozen=True)
class Registry:
    path: Path
    raw_dir: Path
    plans: tuple[Plan, ...]

    def get(self, slug: str) -> Plan:
        for plan in self.plans:
            if plan.slug == slug:
                return plan
        known = "、".join(p.slug for p in self.plans)
        raise GeneratorError(self.path, f"没有登记名为 {slug!r} 的规划", f"已登记：{known}")

    def raw_path(self, plan: Plan) -> Path:
        return self.raw_dir / plan.raw


def _entry_lines(text: str) -> list[int]:
    """Line number (1-based) of each ``- slug:`` entry, so errors can point at the entry."""
    return [i for i, line in enumerate(text.splitlines(), 1) if re.match(r"^\s*-\s+slug\s*:", line)]


def load_registry(path: Path, raw_dir: Path | None = None, *, check_files: bool = True) -> Registry:
    """Parse and validate the registry; refuse anything ambiguous with the file and line named."""
    raw_dir = raw_dir or path.parent / "raw"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GeneratorError(path, "找不到规划登记文件", "请在 corpus/plans.yml 中登记规划") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise GeneratorError(path, f"YAML 语法错误：{exc}", "检查缩进与冒号", None if line is None else line + 1) from exc
    if not isinstance(data, dict) or not isinstance(data.get("plans"), list):
        raise GeneratorError(path, "顶层应为 `plans:` 列表", "参见文件开头的注释")
    lines = _entry_lines(text)
    plans: list[Plan] = []
    seen: dict[str, int | None] = {}
    for index, entry in enumerate(data["plans"]):
        line = lines[index] if index < len(lines) else None
        if not isinstance(entry, dict):
            raise GeneratorError(path, "每个条目应为键值映射", "参见其他条目的写法", line)
        unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise GeneratorError(path, f"未知字段：{', '.join(unknown)}", f"允许的字段：{', '.join(REQUIRED + tuple(OPTIONAL))}", line)
        missing = [key for key in REQUIRED if not entry.get(key)]
        if missing:
            raise GeneratorError(path, f"缺少字段：{', '.join(missing)}", "每个条目都必须填写这些字段", line)
        not_text = [key for key in (*PLAIN_TEXT, "provenance") if entry.get(key) is not None and not isinstance(entry[key], str)]
        if not_text:
            raise GeneratorError(path, f"字段 {', '.join(not_text)} 应为文本",
                                 "照原文写成文字；日期、文号等可加引号，如 date: \"2021年11月\"", line)
        markup = [key for key in PLAIN_TEXT if entry.get(key) and MARKUP_RE.search(entry[key])]
        if markup:
            raise GeneratorError(path, f"字段 {', '.join(markup)} 含有尖括号 < 或 >",
                                 "这些字段会成为网页标题和导航，只能是纯文本；删除其中的 HTML 标记", line)
        raw_name = entry["raw"]
        if Path(raw_name).name != raw_name or Path(raw_name).suffix.lower() not in RAW_SUFFIXES:
            raise GeneratorError(path, f"raw 字段 {raw_name!r} 不是 corpus/raw/ 中的文件名",
                                 "只写文件名（如 haidian.txt），扩展名为 .txt、.html、.htm、.pdf 或 .docx", line)
        slug = str(entry["slug"])
        if not SLUG_RE.match(slug):
            raise GeneratorError(path, f"slug {slug!r} 不合法", "只用小写字母、数字和连字符，以字母开头", line)
        if slug in seen:
            raise GeneratorError(path, f"slug {slug!r} 重复（第 {seen[slug]} 行已登记）", "每份规划的 slug 必须唯一", line)
        seen[slug] = line
        values = {**OPTIONAL, **entry}
        plan = Plan(**{f.name: values[f.name] for f in fields(Plan)})
        if check_files and not (raw_dir / plan.raw).is_file():
            raise GeneratorError(path, f"{slug} 的原始文件 {raw_dir / plan.raw} 不存在", "把原始文件放进 corpus/raw/ 或修正 raw 字段", line)
        plans.append(plan)
    if check_files and raw_dir.is_dir():
        registered = {p.raw for p in plans}
        for raw in sorted(raw_dir.iterdir()):
            if raw.suffix.lower() in RAW_SUFFIXES and raw.name not in registered:
                raise GeneratorError(raw, "原始文件没有登记", f"在 {path} 中为它添加条目，或移走该文件")
    log.debug("registry %s: %d plans", path, len(plans))
    return Registry(path=path, raw_dir=raw_dir, plans=tuple(plans))
