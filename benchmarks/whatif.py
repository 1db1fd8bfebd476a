"""What-if variants: fixes proposed for other helpers' modules, applied in the measuring child only.

The benchmark owns none of the generator's code, so instead of editing it, each variant patches
the running process (never a file) the way the proposed change would behave, and the harness
measures the gain side by side with the unchanged build. (A first variant, similarity on jieba's
shared tokenizer, was adopted in generator/crossref/similarity.py and is no longer listed.)

- ``no-sklearn``: TF-IDF computed with scipy.sparse (same formula as scikit-learn's
  ``TfidfVectorizer(sublinear_tf=True, norm="l2", smooth_idf=True)``), so the build never imports
  scikit-learn.
- ``theme-search-exclude``: the quoted passages and “其他区对应内容” lines of theme pages carry
  Material's ``data-search-exclude`` attribute, so their text (already indexed on the plan pages)
  is neither segmented again nor shipped twice in the search index.
"""

from __future__ import annotations

import logging
import re
import sys
import types
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

log = logging.getLogger(__name__)

#: how many places each variant changed in this process (0 = the variant had nothing to act on)
APPLIED: dict[str, int] = {}


class ScipyTfidf:
    """The subset of ``TfidfVectorizer`` the similarity step uses, on scipy.sparse alone.

    Columns are in first-seen order instead of sorted order; row vectors, hence cosines, are equal.
    """

    def __init__(self, analyzer: Callable[[str], Sequence[str]], sublinear_tf: bool = False, min_df: int = 1, norm: str = "l2",
                 smooth_idf: bool = True) -> None:  # fmt: skip
        if min_df != 1 or norm != "l2":
            raise ValueError("only min_df=1 and norm='l2' are reproduced")
        self.analyzer, self.sublinear_tf, self.smooth_idf = analyzer, sublinear_tf, smooth_idf

    def fit_transform(self, texts: Sequence[str]) -> Any:
        import numpy as np
        from scipy import sparse

        vocabulary: dict[str, int] = {}
        indices: list[int] = []
        data: list[float] = []
        indptr = [0]
        for text in texts:
            for term, count in Counter(self.analyzer(text)).items():
                indices.append(vocabulary.setdefault(term, len(vocabulary)))
                data.append(float(count))
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.array(data), np.array(indices, dtype=np.int64), np.array(indptr)), shape=(len(texts), len(vocabulary))
        )
        if self.sublinear_tf:
            np.log(matrix.data, matrix.data)
            matrix.data += 1
        n = matrix.shape[0] + int(self.smooth_idf)
        df = np.bincount(matrix.indices, minlength=matrix.shape[1]) + int(self.smooth_idf)
        matrix = (matrix @ sparse.diags(np.log(n / df) + 1)).tocsr()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1
        return (sparse.diags(1 / norms) @ matrix).tocsr()


def no_sklearn() -> None:
    """Make ``from sklearn.feature_extraction.text import TfidfVectorizer`` resolve to ScipyTfidf."""
    for name in ("sklearn", "sklearn.feature_extraction"):
        sys.modules.setdefault(name, types.ModuleType(name))
    text = types.ModuleType("sklearn.feature_extraction.text")
    text.TfidfVectorizer = _CountedTfidf  # type: ignore[attr-defined]
    sys.modules["sklearn.feature_extraction.text"] = text


class _CountedTfidf(ScipyTfidf):
    def fit_transform(self, texts: Sequence[str]) -> Any:
        APPLIED["no-sklearn"] = APPLIED.get("no-sklearn", 0) + 1
        return super().fit_transform(texts)


ENTRY_ATTR_RE = re.compile(r"^(\{:[^}\n]*\.xref-(?:entry|similar)\b[^}\n]*?)\s*\}\s*$", re.MULTILINE)


def theme_search_exclude() -> None:
    from generator.crossref import render

    original = render.render_all

    def render_all(*args: Any, **kwargs: Any) -> dict[str, str | bytes]:
        outputs = original(*args, **kwargs)
        for key, value in outputs.items():
            if key.startswith("themes/") and isinstance(value, str):
                outputs[key], count = ENTRY_ATTR_RE.subn(r"\1 data-search-exclude }", value)
                APPLIED["theme-search-exclude"] = APPLIED.get("theme-search-exclude", 0) + count
        return outputs

    render.render_all = render_all


#: name -> (patch, must it run before the generator is imported?)
VARIANTS: dict[str, tuple[Callable[[], None], bool]] = {
    "no-sklearn": (no_sklearn, True),
    "theme-search-exclude": (theme_search_exclude, False),
}
LABELS = {
    "no-sklearn": "TF-IDF 改用 scipy.sparse（构建时不导入 scikit-learn）",
    "theme-search-exclude": "专题页引文不进搜索索引（data-search-exclude）",
}


def apply(names: Sequence[str], *, early: bool) -> None:
    """Apply the named variants whose timing matches ``early`` (before/after importing our code)."""
    for name in names:
        patch, needs_early = VARIANTS[name]
        if needs_early == early:
            log.info("what-if: %s", name)
            patch()
