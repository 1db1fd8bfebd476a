"""Condense a pyinstrument frame tree into what dominates: by package and by function.

Self time is attributed to the function that was on top of the stack; inclusive time of a few
known suspects (jieba start-up, Markdown parsing, Jinja rendering, our cross-reference) is summed
over their outermost occurrences, so recursion is not double counted.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import PurePath
from typing import Any

#: inclusive-time probes: label -> (path fragment, function name or None for any)
SUSPECTS: dict[str, tuple[str, str | None]] = {
    "Python 模块导入": ("<frozen importlib._bootstrap>", "_find_and_load"),
    "jieba 词典加载": ("jieba/__init__", "initialize"),
    "jieba 分词": ("jieba/__init__", "cut"),
    "Markdown 解析": ("markdown/core", "convert"),
    "Jinja 模板渲染": ("jinja2/environment", "render"),
    "Material 搜索索引": ("material/plugins/search", None),
    "本项目插件": ("generator/site/plugin", None),
    "本项目交叉引用": ("generator/crossref", None),
    "本项目导入器": ("generator/importing", None),
    "scikit-learn": ("sklearn/", None),
    "OpenCC": ("opencc", None),
}


def is_builtin(file_path: str | None) -> bool:
    return not file_path or file_path.startswith("<built-in")


def package_of(file_path: str | None) -> str:
    """A readable owner for a source file: the top-level package, or ``generator.<module>``."""
    if not file_path:
        return "?"
    parts = PurePath(file_path).parts
    if "site-packages" in parts:
        rest = parts[parts.index("site-packages") + 1 :]
        return rest[0].removesuffix(".py") if rest else "?"
    if "generator" in parts:
        rest = parts[parts.index("generator") :]
        return ".".join(p.removesuffix(".py") for p in rest[:2])
    if "benchmarks" in parts:
        return "benchmarks"
    if "python3" in " ".join(parts) or "lib" in parts:
        return "stdlib"
    return PurePath(file_path).stem


def _walk(frame: Any, ancestors: frozenset[str], acc: dict[str, Any]) -> None:
    children = list(frame.children)
    self_time = frame.time - sum(c.time for c in children)
    parent = acc["parent_key"]
    if frame.is_synthetic:
        owner = parent
    elif is_builtin(frame.file_path) and parent is not None:
        # C functions (marshal.load, re.sub …) are charged to the package that called them
        owner = (parent[0], f"{frame.function} (built-in, from {parent[1]})")
    else:
        owner = (package_of(frame.file_path), f"{frame.function} ({PurePath(frame.file_path or '?').name}:{frame.line_no})")
    if self_time > 0 and owner is not None:
        acc["by_package"][owner[0]] += self_time
        acc["by_function"][owner] += self_time
    found = set()
    if not frame.is_synthetic:
        path = (frame.file_path or "").replace("\\", "/")
        for label, (fragment, function) in SUSPECTS.items():
            if fragment in path and (function is None or frame.function == function) and label not in ancestors:
                acc["suspects"][label] += frame.time
                found.add(label)
    previous = acc["parent_key"]
    acc["parent_key"] = owner
    for child in children:
        _walk(child, ancestors | found, acc)
    acc["parent_key"] = previous


def summarize(root: Any, top: int = 12) -> dict[str, Any]:
    """{'total_s', 'by_package': [(pkg, s)], 'top_functions': [(pkg, func, s)], 'suspects': {label: s}}."""
    if root is None:
        return {}
    acc: dict[str, Any] = {
        "by_package": defaultdict(float),
        "by_function": defaultdict(float),
        "suspects": defaultdict(float),
        "parent_key": None,
    }
    _walk(root, frozenset(), acc)
    by_package = sorted(acc["by_package"].items(), key=lambda kv: -kv[1])
    by_function = sorted(acc["by_function"].items(), key=lambda kv: -kv[1])
    return {
        "total_s": root.time,
        "by_package": [[k, v] for k, v in by_package[:top]],
        "top_functions": [[pkg, func, v] for (pkg, func), v in by_function[:top]],
        "suspects": {k: v for k, v in sorted(acc["suspects"].items(), key=lambda kv: -kv[1])},
    }
