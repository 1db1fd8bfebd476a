"""Command-line interface: one sub-command per module, each module owning its arguments.

A command module exposes ``HELP`` (one line), ``add_arguments(parser)`` and ``run(args) -> int``.
Modules are imported only when their command runs, so ``--help`` stays fast (no jieba start-up).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys

#: sub-command -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "import": ("generator.importing.pipeline", "把 corpus/raw 中的原始规划转换为 docs/plans/<slug>.md"),
    "build": ("generator.crossref.cli", "生成专题对照页面（纯 Markdown）到指定目录"),
    "check": ("generator.checks.project", "检查 docs/plans/*.md 与专题定义文件中的常见错误"),
}


def build_parser(selected: str | None = None) -> argparse.ArgumentParser:
    """The full parser, importing only the module of the ``selected`` command (if any).

    Importing every command module would start scikit-learn for ``import`` or ``--help`` too.
    """
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="北京各区“十四五”教育规划对照站点的生成器。",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="输出调试日志")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == selected:
            module = importlib.import_module(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    selected = next((arg for arg in argv if arg in COMMANDS), None)
    parser = build_parser(selected)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    return int(args._module.run(args))
