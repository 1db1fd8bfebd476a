"""MkDocs hook: what goes into the search index, and the Pagefind index built from it.

1. Passage decorations stay out of the index. The passages treeprocessor appends to every passage
   a ¶ permalink and, where themes cite it, theme chips (学前教育 …). Both are page furniture, not
   plan text: indexed, they would show as "学前教育¶" in result previews and make a search for
   学前教育 match every passage a theme cites. Material's search plugin skips any element carrying
   ``data-search-exclude``; ``on_page_content`` adds that attribute to those two elements (by their
   contract class names, docs/about/plan-format.md) before Material indexes the page in
   ``on_page_context``.
2. Words inside longer tokens stay findable. The browser search matches a query as the *prefix* of
   an index word, and the index holds one jieba segmentation (precise mode): a section whose only
   幼儿园 is inside the token 普惠性幼儿园, or whose only 小学 is inside 中小学, would not be found
   by a search for 幼儿园 or 小学. Splitting tokens further cannot fix it for overlapping words
   (中小学生 must stay one token so that searching it finds only sections containing it, yet 小学 and
   学生 start inside it). So ``add_inner_words`` gives every section a hidden field, ``parts``: each
   jieba dictionary word (main + user dictionary, 2+ characters) that lies inside one of the
   section's tokens without being its prefix. It is searchable and never displayed, and weighted
   below the text, so sections where the word is a token of its own rank first.
   Words that straddle two tokens are left out on purpose: there jieba has decided the characters
   belong to different words, and they are mostly false hits — 高中 in 提高|中小学, 体育 in
   整体|育人, 学科 in 小学|科学, 化学 in 信息化|学习. Where jieba splits a real term, the term
   belongs in the user dictionary (职业教育集团, 高中部).
3. ``on_post_build`` (after Material's, hooks come after plugins) reads the sections Material wrote
   to ``search/search_index.json``, adds the inner words and has generator.site.search build the
   Pagefind index the site's search dialog uses, in ``pagefind/``. Material's index file is then
   deleted: nothing loads it any more (the dialog is the site's own, overrides/partials/search.html,
   so Material's search worker is never started).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.hooks.search_index")

#: opening tag of a chips span or passage permalink that is not yet excluded
_DECORATION_RE = re.compile(r'<(span|a) class="(theme-chips|passage-permalink)"(?![^>]*data-search-exclude)')
INDEX_PATH = Path("search") / "search_index.json"
#: a token of Han characters (Material puts U+200B around each jieba word of a Han run; tokens of
#: 3+ characters are the ones that can hide a word)
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{3,}")
#: the hidden field of words found inside longer tokens
PARTS_FIELD = "parts"
#: jieba's ``get_DAG``: for each start index of a string, the end indexes (inclusive) of its words
Dag = Callable[[str], dict[int, list[int]]]


def exclude_decorations(html: str) -> str:
    """The page HTML with ``data-search-exclude`` on every chips span and passage permalink."""
    return _DECORATION_RE.sub(r'<\1 class="\2" data-search-exclude', html)


def inner_words(text: str, dag: Dag) -> list[str]:
    """Dictionary words inside the tokens of ``text`` (jieba-segmented, U+200B between tokens) that
    a prefix search cannot reach, because they do not start at the token's first character.

    In order of first occurrence, without repeats; single characters are left out (a one-character
    query already matches wherever a token starts with it, and everywhere else it would match
    almost every section).
    """
    found: dict[str, None] = {}
    for piece in text.split("\u200b"):
        for match in _HAN_RE.finditer(piece):
            token = match.group(0)
            for i, ends in dag(token).items():
                for last in ends:
                    if i > 0 and last > i:
                        found.setdefault(token[i : last + 1])
    return list(found)


def add_inner_words(data: dict[str, Any], dag: Dag, fields: Iterable[str] = ("title", "text")) -> int:
    """Give each entry of Material's index the ``parts`` field (see the module docstring); returns
    the word count."""
    total = 0
    for doc in data["docs"]:
        words: dict[str, None] = {}
        for field in fields:
            words.update(dict.fromkeys(inner_words(doc.get(field, ""), dag)))
        if words:
            doc[PARTS_FIELD] = "\u200b".join(words)
            total += len(words)
    return total


def jieba_dag() -> Dag:
    """jieba's shared tokenizer as Material's search plugin left it (main and user dictionary)."""
    import jieba

    jieba.dt.check_initialized()
    return jieba.dt.get_DAG


def on_page_content(html: str, **kwargs: Any) -> str:
    return exclude_decorations(html)


def on_post_build(config: Any, **kwargs: Any) -> None:
    path = Path(config["site_dir"]) / INDEX_PATH
    if not path.is_file():
        return
    from generator.site import search

    data = json.loads(path.read_text(encoding="utf-8"))
    add_inner_words(data, jieba_dag())
    stats = search.build_index(search.records_from_material_index(data, PARTS_FIELD), Path(config["site_dir"]))
    path.unlink()
    if not any(path.parent.iterdir()):
        path.parent.rmdir()
    log.info(
        "search: %d sections indexed by Pagefind in %.2f s CPU (%d files, %d KiB)",
        stats.records, stats.cpu_seconds, stats.files, stats.bytes // 1024,
    )
