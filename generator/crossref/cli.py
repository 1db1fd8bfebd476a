"""``python -m generator build --out DIR``: theme pages and exports as plain files, without MkDocs.

Everything is computed in memory first and written only when it all succeeded, each file through
a temporary name and an atomic rename, so a refused run (bad topic file, missing plan) leaves the
previous output untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

from generator import PROJECT_ROOT
from generator.crossref import render
from generator.crossref.build import build
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import load_themes
from generator.errors import GeneratorError
from generator.registry import load_registry

log = logging.getLogger(__name__)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, required=True, help="输出目录（写入 themes/*.md 与 data/crossref.json|csv）")
    parser.add_argument("--root", type=Path, default=PROJECT_ROOT, help="项目根目录（默认为本仓库）")
    parser.add_argument("--topics", type=Path, default=None, help="专题定义目录（默认 <root>/topics）")
    parser.add_argument("--site-url", default=None, help="数据文件中 url 字段使用的站点地址")


def write_outputs(out: Path, outputs: dict[str, str | bytes]) -> None:
    for rel, content in outputs.items():
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def run(args: argparse.Namespace) -> int:
    root: Path = args.root
    try:
        start = time.perf_counter()
        themes = load_themes(args.topics or root / "topics")
        registry = load_registry(root / "corpus" / "plans.yml", check_files=False)
        extensions, configs = site_markdown_extensions(root / "mkdocs.yml")
        texts = {}
        for plan in registry.plans:
            path = root / "docs" / "plans" / f"{plan.slug}.md"
            if not path.is_file():
                raise GeneratorError(path, f"{plan.slug} 的规划页面不存在", "先运行 python -m generator import")
            texts[plan.slug] = read_plan(path)
        xref = build(registry.plans, texts, themes, extensions, configs)
        outputs = render.render_all(xref, site_url=args.site_url)
        write_outputs(args.out, outputs)
    except GeneratorError as err:
        print(f"错误：{err}", file=sys.stderr)
        return 2
    log.info("写出 %d 个文件到 %s（%.2f 秒）", len(outputs), args.out, time.perf_counter() - start)
    return 0
