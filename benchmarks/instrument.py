"""In-process instrumentation of one build: time spent in our code, parse and segmentation counts.

Installed in the measuring child before MkDocs loads the config, so the plugin's bound hooks are
the wrapped ones. "Cross-reference work" is the time inside the plancompare plugin's event hooks
plus the passages treeprocessor, counted once when calls nest (a hook that renders Markdown
through the treeprocessor is not counted twice).
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import inspect
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger(__name__)

PLUGIN_MODULE = "generator.site.plugin"
TREEPROCESSOR_MODULES = ("generator.crossref.passages",)


@dataclass
class Counters:
    ours_s: float = 0.0
    #: the same in CPU seconds of this process (robust against other load on the machine)
    ours_cpu_s: float = 0.0
    by_hook: dict[str, float] = field(default_factory=dict)
    markdown_calls: int = 0
    markdown_unique: set[str] = field(default_factory=set)
    markdown_s: float = 0.0
    jieba_calls: int = 0
    jieba_chars: int = 0
    jieba_unique_chars: int = 0
    jieba_seen: set[str] = field(default_factory=set)
    jieba_init_s: float = 0.0
    #: CPU seconds per "plugin.event" (every plugin and hook, ours and Material's)
    events_cpu: dict[str, float] = field(default_factory=dict)
    #: CPU seconds per site section (plans, themes, …) for rendering and building its pages
    pages_cpu: dict[str, float] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    depth: int = 0

    def summary(self) -> dict[str, Any]:
        return {
            "ours_s": self.ours_s,
            "ours_cpu_s": self.ours_cpu_s,
            "by_hook": dict(sorted(self.by_hook.items(), key=lambda kv: -kv[1])),
            "markdown_calls": self.markdown_calls,
            "markdown_unique": len(self.markdown_unique),
            "markdown_s": self.markdown_s,
            "jieba_calls": self.jieba_calls,
            "jieba_chars": self.jieba_chars,
            "jieba_unique_chars": self.jieba_unique_chars,
            "jieba_init_s": self.jieba_init_s,
            "events_cpu": dict(sorted(self.events_cpu.items(), key=lambda kv: -kv[1])),
            "pages_cpu": dict(sorted(self.pages_cpu.items(), key=lambda kv: -kv[1])),
            "pages": self.pages,
        }


COUNTERS = Counters()


def _timed(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``func`` so the outermost of nested calls adds its duration to ours_s and by_hook."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        outer = COUNTERS.depth == 0
        COUNTERS.depth += 1
        start, cpu_start = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            COUNTERS.depth -= 1
            if outer:
                spent = time.perf_counter() - start
                COUNTERS.ours_cpu_s += time.process_time() - cpu_start
                COUNTERS.ours_s += spent
                COUNTERS.by_hook[name] = COUNTERS.by_hook.get(name, 0.0) + spent

    return wrapper


def _count_markdown() -> None:
    import markdown

    original = markdown.Markdown.convert

    @functools.wraps(original)
    def convert(self: Any, source: str) -> str:
        COUNTERS.markdown_calls += 1
        COUNTERS.markdown_unique.add(hashlib.blake2b(source.encode("utf-8"), digest_size=16).hexdigest())
        start = time.perf_counter()
        try:
            return original(self, source)
        finally:
            COUNTERS.markdown_s += time.perf_counter() - start

    markdown.Markdown.convert = convert  # type: ignore[method-assign]


def _count_jieba() -> None:
    try:
        import jieba
    except ImportError:
        return
    original_cut = jieba.Tokenizer.cut
    original_init = jieba.Tokenizer.initialize

    def cut(self: Any, sentence: Any, *args: Any, **kwargs: Any) -> Iterator[str]:
        text = sentence.decode("utf-8", "replace") if isinstance(sentence, bytes) else str(sentence)
        COUNTERS.jieba_calls += 1
        COUNTERS.jieba_chars += len(text)
        if text not in COUNTERS.jieba_seen:
            COUNTERS.jieba_seen.add(text)
            COUNTERS.jieba_unique_chars += len(text)
        return original_cut(self, sentence, *args, **kwargs)

    def initialize(self: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(self, "_bench_in_init", False):  # re-entered through check_initialized
            return original_init(self, *args, **kwargs)
        self._bench_in_init = True
        start = time.process_time()
        try:
            return original_init(self, *args, **kwargs)
        finally:
            self._bench_in_init = False
            COUNTERS.jieba_init_s += time.process_time() - start

    jieba.Tokenizer.cut = cut  # type: ignore[method-assign]
    jieba.Tokenizer.initialize = initialize  # type: ignore[method-assign]
    # module-level shortcuts are methods bound to the default tokenizer at import time
    for name in ("cut", "lcut", "cut_for_search", "lcut_for_search", "initialize"):
        setattr(jieba, name, getattr(jieba.dt, name))


def _section(page: Any) -> str:
    uri = page.file.src_uri
    return uri.split("/", 1)[0] if "/" in uri else uri.removesuffix(".md")


def _count_events_and_pages() -> None:
    """CPU time per plugin event (by plugin) and per page section, for every plugin alike."""
    from mkdocs.commands import build as build_mod
    from mkdocs.plugins import PluginCollection

    def run_event(self: Any, name: str, item: Any = None, **kwargs: Any) -> Any:
        pass_item = item is not None
        for method in self.events[name]:
            origin = self._event_origins.get(method, "<unknown>")
            self._current_plugin = origin
            start = time.process_time()
            result = method(item, **kwargs) if pass_item else method(**kwargs)
            key = f"{origin}.on_{name}"
            COUNTERS.events_cpu[key] = COUNTERS.events_cpu.get(key, 0.0) + time.process_time() - start
            if result is not None:
                item = result
        self._current_plugin = None
        return item

    PluginCollection.run_event = run_event  # type: ignore[method-assign]

    for name in ("_populate_page", "_build_page"):
        original = getattr(build_mod, name)

        def timed(page: Any, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return _original(page, *args, **kwargs)
            finally:
                section = _section(page)
                COUNTERS.pages_cpu[section] = COUNTERS.pages_cpu.get(section, 0.0) + time.process_time() - start
                if _name == "_build_page":
                    COUNTERS.pages[section] = COUNTERS.pages.get(section, 0) + 1

        setattr(build_mod, name, timed)


def _wrap_ours() -> list[str]:
    """Wrap the plugin's hooks and the passages treeprocessor; return what was wrapped."""
    from markdown.treeprocessors import Treeprocessor
    from mkdocs.plugins import BasePlugin

    wrapped: list[str] = []
    try:
        plugin_module = importlib.import_module(PLUGIN_MODULE)
    except ImportError:
        log.info("no %s yet: nothing of ours to time", PLUGIN_MODULE)
        return wrapped
    for _, cls in inspect.getmembers(plugin_module, inspect.isclass):
        if issubclass(cls, BasePlugin) and cls.__module__ == PLUGIN_MODULE:
            for name, member in list(vars(cls).items()):
                if name.startswith("on_") and callable(member):
                    setattr(cls, name, _timed(name, member))
                    wrapped.append(f"{cls.__name__}.{name}")
    for module_name in TREEPROCESSOR_MODULES:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, Treeprocessor) and cls.__module__ == module_name and "run" in vars(cls):
                cls.run = _timed(f"{cls.__name__}.run", vars(cls)["run"])  # type: ignore[method-assign]
                wrapped.append(f"{cls.__name__}.run")
    return wrapped


def install(counters: bool = False, ours: bool = True) -> list[str]:
    """Wrap our hooks (cheap, always) and, if asked, count parses and segmentation (costs a little).

    Call before MkDocs loads its config.
    """
    if counters:
        _count_markdown()
        _count_jieba()
        _count_events_and_pages()
    return _wrap_ours() if ours else []
