"""Results of earlier builds, reused when their inputs are unchanged: keyed by content hashes.

Under ``mkdocs serve`` every edit rebuilds the site, and a one-paragraph edit of one plan changes
only that plan's passages, their judgements and the TF-IDF rows of its cited passages. A
:class:`BuildCache` kept by the plugin across rebuilds lets :func:`generator.crossref.build.build`
recompute exactly that:

==================  =====================================================  ==========================
what                key (hashed together with :data:`CODE_VERSION`)        reused when
==================  =====================================================  ==========================
a plan's passages   the plan's Markdown, the Markdown extensions and their   the plan is unchanged
                    configuration (:func:`extensions_fingerprint`)
a plan's            the passages key, the parsed topic set                 plan and topics unchanged
judgements and      (:func:`themes_fingerprint`)
main sections
a passage's tokens  the passage text, jieba's version and dictionaries      the text is unchanged
                    (:func:`generator.crossref.similarity.tokenizer_state`)
==================  =====================================================  ==========================

What is *not* reused: the TF-IDF matrix. Its idf depends on every cited passage, so an edit of
one passage changes every row; it is rebuilt from the (cached) token lists, which is cheap
(sparse arithmetic), so the result is exactly — not approximately — a clean build's. The
similarity neighbours, indicators and pages are recomputed too.

Keys include :data:`CODE_VERSION`, a hash of the generator's own source, so a change of the rules
(a new version, or an edit while serving) can never serve a result the new code would not compute.
A stale hit would need a SHA-256 collision. tests/site/test_rebuild_cache.py edits a plan (or a
topic file), rebuilds with the same plugin instance and compares every built file with a clean build.

Entries not used by a build are dropped after it (:meth:`BuildCache.sweep`), so memory stays
bounded by one build's worth.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent.parent


def _code_version() -> str:
    """Hash of every source file whose code can change a cached result (the cross-reference
    package, the templates and the data files such as the jieba user dictionary)."""
    digest = hashlib.sha256()
    for folder in ("crossref", "templates", "data"):
        for path in sorted((PACKAGE / folder).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".j2", ".txt", ".yml"):
                digest.update(path.relative_to(PACKAGE).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


CODE_VERSION = _code_version()


def digest(*parts: str | bytes) -> str:
    """SHA-256 of the parts (length-prefixed, so ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256(CODE_VERSION.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _stable(value: Any) -> str:
    """A repr without memory addresses: callables (pymdownx.slugs.slugify(case="lower")) by their
    qualified name and the arguments they were made with."""
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if isinstance(value, (str, int, float, bool)) or value is None:
        return repr(value)
    name = f"{type(value).__module__}.{type(value).__qualname__}"
    if callable(value):
        name = f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', name)}"
    state = {k: v for k, v in getattr(value, "__dict__", {}).items() if not k.startswith("_")}
    for attribute in ("args", "keywords", "func"):  # functools.partial
        if hasattr(value, attribute):
            state[attribute] = getattr(value, attribute)
    closure = getattr(value, "__closure__", None) or ()
    cells = [c.cell_contents for c in closure if not callable(c.cell_contents)]
    return f"<{name} {_stable(state)} {_stable(cells)}>"


def extensions_fingerprint(extensions: Sequence[Any], configs: Mapping[str, Any] | None = None) -> str:
    """The Markdown extensions and their configuration, as far as they can change passage ids."""
    parts = []
    for ext in extensions:
        if isinstance(ext, str):
            parts.append(ext)
        else:
            config = ext.getConfigs() if hasattr(ext, "getConfigs") else {}
            parts.append(f"{type(ext).__module__}.{type(ext).__qualname__}{_stable(config)}")
    return digest(_stable(parts), _stable(dict(configs or {})))


def themes_fingerprint(themes: Any) -> str:
    """The parsed topic set (every field that can change a judgement; not the files' path)."""
    fields = {name: getattr(themes, name) for name in ("stages", "themes", "umbrella_stages", "supply_terms", "groups", "domains")}
    return digest(repr(fields))


class BuildCache:
    """Computed values by key; a value not used by the latest build is dropped after it."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0
        #: (hits, misses) of the last finished build
        self.last = (0, 0)

    def get(self, key: str, compute: Callable[[], T]) -> T:
        self._used.add(key)
        if key in self._values:
            self.hits += 1
            return self._values[key]
        self.misses += 1
        value = self._values[key] = compute()
        return value

    def sweep(self) -> None:
        """Forget what the build just finished did not use; start counting the next one."""
        self._values = {k: v for k, v in self._values.items() if k in self._used}
        log.debug("cache: %d hits, %d misses, %d entries kept", self.hits, self.misses, len(self._values))
        self.last = (self.hits, self.misses)
        self._used = set()
        self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._values)
