"""“其他区对应内容”: for each cited passage, the most similar passages of *other* districts.

TF-IDF cosine over jieba-segmented words. Policy terms (双减, 普惠性, 集团化办学 …) are added to jieba
through ``generator/data/jieba_user_dict.txt`` so they stay one token — otherwise “集团化办学”
splits into 集团/化/办学 and matches every passage that mentions 办学. The same file can be handed to
Material's search plugin (``jieba_dict_user``) so search and similarity segment alike.

Memory stays linear in the number of passages: similarities are computed a block of rows at a
time against the sparse matrix, and only the top k of each row is kept.

TF-IDF is computed with scipy.sparse, with exactly the formula of scikit-learn's
``TfidfVectorizer(sublinear_tf=True, norm="l2")`` (smooth idf = ln((1+n)/(1+df)) + 1), which a test
checks on real passages. scikit-learn itself is not imported at build time: importing it costs
~0.9 s of CPU per MkDocs process, 40 % of a whole bare Material build (benchmarks/run.py), for
twenty lines of arithmetic that scipy already does.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

log = logging.getLogger(__name__)

USER_DICT = Path(__file__).resolve().parent.parent / "data" / "jieba_user_dict.txt"
#: a word must contain a CJK character or be a 2+ character Latin/number token
_WORD_RE = re.compile(r"[\u4e00-\u9fff]|[A-Za-z0-9+]{2,}")
#: function words and plan boilerplate that every passage shares
_STOPWORD_TEXT = (
    "的 和 与 及 以及 等 在 为 对 把 将 从 由 向 了 是 有 中 上 下 进一步 加强 推进 推动 提升 提高 完善 建立 建设 健全 深化 "
    "实施 开展 全面 积极 持续 不断 充分 切实 坚持 发挥 促进 实现 形成 构建 探索 支持 鼓励 落实 强化 优化 扩大 加大 着力 "
    "各 各类 各级 全区 我区 区 工作 机制 体系 水平 能力 作用 方面 相关 有效 重要 更加 不少 一批 一个 每个 通过 结合 围绕 "
    "到 达到 以上 以下 其中 同时 进行 做好 做到 一体化 基础 教育"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
BLOCK_ROWS = 256
#: below this a "similar" passage shares little more than boilerplate words
MIN_SIMILARITY = 0.08


@lru_cache(maxsize=1)
def _shared_tokenizer():  # -> jieba.Tokenizer (jieba has no type hints)
    """jieba's process-wide tokenizer, with the policy vocabulary added once.

    The shared dictionary, not a private one: in a MkDocs build Material's search plugin has
    already loaded it (with the same user dictionary), so the ~1 s dictionary start-up is paid once.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.dt
    tk.load_userdict(str(USER_DICT))
    log.debug("jieba loaded with user dictionary %s", USER_DICT)
    return tk


_view: Any = None


def tokenizer():  # -> jieba.Tokenizer
    """A tokenizer on the shared dictionary whose word probabilities do not drift.

    jieba adds a user word's frequency to its ``total`` on *every* ``load_userdict``, and Material's
    search plugin loads its user dictionary again on every ``mkdocs serve`` rebuild, so the shared
    tokenizer's probabilities (freq / total) shift a little with each rebuild and may split a
    near-tie differently than a clean build would. This view shares the dictionary (no copy, no
    second start-up) but takes ``total`` as the sum of the word frequencies, which is the same however
    often a dictionary was loaded: a rebuild segments exactly like a clean build.
    """
    global _view
    import jieba

    shared = _shared_tokenizer()
    shared.check_initialized()
    if _view is None or _view.FREQ is not shared.FREQ:
        view = jieba.Tokenizer(shared.dictionary)
        view.FREQ = shared.FREQ
        view.user_word_tag_tab = shared.user_word_tag_tab
        view.total = sum(shared.FREQ.values())
        view.initialized = True
        _view = view
    return _view


def tokenizer_state() -> str:
    """What the tokens of a text depend on besides the text, for cache keys: jieba's version and the
    dictionary (size and total frequency, recomputed: a user dictionary may have been loaded since)."""
    from importlib.metadata import version

    view = tokenizer()
    view.total = sum(view.FREQ.values())
    return f"jieba {version('jieba')} {view.dictionary} {len(view.FREQ)} {view.total}"


def tokenize(text: str) -> list[str]:
    """Search-mode segmentation: compounds *and* their parts (集团化办学 + 集团化 + 办学), so a
    passage saying “集团化办学” still meets one saying “集团化”."""
    return [w for w in tokenizer().lcut_for_search(text) if _WORD_RE.search(w) and w not in STOPWORDS]


def tfidf_matrix(texts: Sequence[Any], analyzer: Callable[[Any], Sequence[str]] = tokenize) -> sparse.csr_matrix:
    """Sublinear-tf, smooth-idf TF-IDF; rows L2-normalised, so a dot product is the cosine similarity.

    Columns are in first-seen term order (scikit-learn sorts them); rows, hence cosines, are equal.
    """
    if not texts:
        return sparse.csr_matrix((0, 0))
    vocabulary: dict[str, int] = {}
    indices: list[int] = []
    counts: list[float] = []
    indptr = [0]
    for text in texts:
        for term, count in Counter(analyzer(text)).items():
            indices.append(vocabulary.setdefault(term, len(vocabulary)))
            counts.append(float(count))
        indptr.append(len(indices))
    matrix = sparse.csr_matrix(
        (np.array(counts), np.array(indices, dtype=np.int64), np.array(indptr, dtype=np.int64)),
        shape=(len(texts), len(vocabulary)),
    )
    matrix.data = np.log(matrix.data) + 1.0  # sublinear tf
    document_frequency = np.bincount(matrix.indices, minlength=matrix.shape[1])
    idf = np.log((matrix.shape[0] + 1) / (document_frequency + 1)) + 1.0
    matrix = (matrix @ sparse.diags(idf)).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return (sparse.diags(1.0 / norms) @ matrix).tocsr()


def top_similar(
    matrix: sparse.csr_matrix, rows: Sequence[int], groups: Sequence[str], k: int = 3, min_similarity: float = MIN_SIMILARITY
) -> dict[int, list[tuple[int, float]]]:
    """For each index in ``rows``: up to ``k`` other indices in ``rows`` of a *different* group.

    ``groups[i]`` is the district of row ``i``; pairs within one district are never returned.
    """
    rows = list(rows)
    result: dict[int, list[tuple[int, float]]] = {}
    if not rows:
        return result
    sub = matrix[rows]
    group_of = np.array([groups[i] for i in rows], dtype=object)
    for start in range(0, len(rows), BLOCK_ROWS):
        block = (sub[start : start + BLOCK_ROWS] @ sub.T).toarray()
        for offset, scores in enumerate(block):
            i = start + offset
            scores = np.where(group_of == group_of[i], -1.0, scores)
            take = min(k, len(scores))
            best = np.argpartition(-scores, take - 1)[:take] if take else []
            ranked = sorted(best, key=lambda j: (-scores[j], j))
            result[rows[i]] = [(rows[j], round(float(scores[j]), 4)) for j in ranked if scores[j] >= min_similarity]
    return result
