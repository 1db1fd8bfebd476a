"""What the cross-reference needs from the site without running MkDocs: plan text and extensions.

Passage ids depend on the block structure Python-Markdown builds, which depends on the enabled
extensions; outside MkDocs (``python -m generator build``, the evaluation script) we therefore
read ``markdown_extensions`` from mkdocs.yml so the ids are the ones the site shows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.utils.meta import get_data
from mkdocs.utils.yaml import yaml_load

from generator.crossref.passages import DEFAULT_EXTENSIONS
from generator.errors import GeneratorError

log = logging.getLogger(__name__)


def split_plan(text: str) -> tuple[str, dict[str, Any]]:
    """Markdown body and YAML front matter, split exactly as MkDocs splits them."""
    body, meta = get_data(text)
    return body, meta


def read_plan(path: Path) -> str:
    try:
        return split_plan(path.read_text(encoding="utf-8"))[0]
    except FileNotFoundError:
        raise GeneratorError(path, "找不到规划文件", "先运行 python -m generator import") from None


def site_markdown_extensions(mkdocs_yml: Path) -> tuple[list[str], dict[str, dict]]:
    """``markdown_extensions`` of mkdocs.yml as (names, configs); the defaults when there is none."""
    if not mkdocs_yml.is_file():
        return list(DEFAULT_EXTENSIONS), {}
    with mkdocs_yml.open(encoding="utf-8") as handle:
        data = yaml_load(handle) or {}
    names: list[str] = []
    configs: dict[str, dict] = {}
    for item in data.get("markdown_extensions") or []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, cfg in item.items():
                names.append(name)
                if cfg:
                    configs[name] = dict(cfg)
    for name in ("toc", "tables"):  # MkDocs always enables these
        if name not in names:
            names.append(name)
    return names, configs
