"""Throw-away copies of the project and the bare Material comparison site.

Nothing here writes into the real checkout: every build runs in a copy under a temporary
directory, so the benchmark can never touch docs/ or corpus/.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent

#: never copied: VCS, environments, build output, caches
IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "site",
    "*.egg-info",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    "node_modules",
    "bench-out",
)


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """Copy the project's files (not .git, .venv, site/) into ``dest``; return the copy's root."""
    shutil.copytree(root, dest, ignore=IGNORE, symlinks=True)
    log.debug("copied %s -> %s", root, dest)
    return dest


def load_mkdocs_config(path: Path) -> dict[str, Any]:
    """The raw YAML of mkdocs.yml, read with MkDocs' own loader (handles !ENV and python tags)."""
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle) or {}


def search_plugin_entry(config: dict[str, Any]) -> Any:
    """The project's ``search`` plugin entry, verbatim, so the bare site segments text identically."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{k: v} for k, v in plugins.items()]
    for entry in plugins:
        if entry == "search" or (isinstance(entry, dict) and ("search" in entry or "material/search" in entry)):
            return entry
    return "search"


#: what a user without this project would write to render the plan Markdown with Material:
#: attr_list for the explicit heading ids, tables, toc with permalinks. Nothing else.
BARE_EXTENSIONS: list[Any] = ["attr_list", "tables", {"toc": {"permalink": True}}]


def copy_search_files(search: Any, project: Path, dest: Path) -> None:
    """Copy jieba dictionaries named by the search entry; their paths are relative to the cwd."""
    options = next(iter(search.values()), None) if isinstance(search, dict) else None
    for key in ("jieba_dict", "jieba_dict_user"):
        rel = options.get(key) if isinstance(options, dict) else None
        if rel and (project / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(project / rel, dest / rel)


def write_bare_site(project: Path, dest: Path) -> Path:
    """Create a bare Material site holding the project's plan Markdown; return its mkdocs.yml.

    Same theme language and the same search configuration (jieba segmentation for zh), the same
    ``docs/plans/*.md``, a one-line home page so the site has one, and nothing else: no plugin of
    ours, no theme pages, no overrides, no extra CSS/JS.
    """
    config = load_mkdocs_config(project / "mkdocs.yml")
    theme = config.get("theme") or {}
    language = theme.get("language", "zh") if isinstance(theme, dict) else "zh"
    docs = dest / "docs"
    shutil.copytree(project / "docs" / "plans", docs / "plans")
    links = "\n".join(f"- [{p.stem}](plans/{p.name})" for p in sorted((docs / "plans").glob("*.md")))
    (docs / "index.md").write_text(f"# {config.get('site_name', 'Plans')}\n\n{links}\n", encoding="utf-8")
    search = search_plugin_entry(config)
    copy_search_files(search, project, dest)
    bare = {
        "site_name": config.get("site_name", "Plans"),
        "theme": {"name": "material", "language": language, "font": theme.get("font", False) if isinstance(theme, dict) else False},
        "plugins": [search],
        "markdown_extensions": BARE_EXTENSIONS,
    }
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(bare, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@contextmanager
def scratch_dir(prefix: str, given: Path | None = None, keep: bool = False) -> Iterator[Path]:
    """A working directory for one benchmark run (``given``, or a new temporary one), removed at the
    end, also after a failure, unless ``keep`` (then its path is printed, to look at the builds)."""
    work = given or Path(tempfile.mkdtemp(prefix=prefix))
    work.mkdir(parents=True, exist_ok=True)
    try:
        yield work
    finally:
        if keep:
            print(f"临时目录保留在 {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
