"""What-if variants: fixes proposed for other modules, applied in the measuring child only.

Instead of editing the generator, each variant patches the running process (never a file) the way
the proposed change would behave, and the harness measures the gain side by side with the unchanged
build. Variants adopted so far, and therefore no longer listed: similarity on jieba's shared
tokenizer; TF-IDF on scipy.sparse so the build never imports scikit-learn
(generator/crossref/similarity.py); theme-page quotations marked ``data-search-exclude``
(generator/templates/theme.md.j2). With no variant listed, run.py skips the what-if table.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

#: how many places each variant changed in this process (0 = the variant had nothing to act on)
APPLIED: dict[str, int] = {}


#: name -> (patch, must it run before the generator is imported?)
VARIANTS: dict[str, tuple[Callable[[], None], bool]] = {}
LABELS: dict[str, str] = {}


def apply(names: Sequence[str], *, early: bool) -> None:
    """Apply the named variants whose timing matches ``early`` (before/after importing our code)."""
    for name in names:
        patch, needs_early = VARIANTS[name]
        if needs_early == early:
            log.info("what-if: %s", name)
            patch()
