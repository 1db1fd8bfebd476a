"""Search recall: every section where a common query word is written can be found by it.

The search (Pagefind, built by overrides/hooks/search_index.py and generator/site/search.py)
matches each query word as the *prefix* of an indexed word: the jieba words of a section's title and
text, and its hidden ``parts``. A word hidden inside a longer jieba token (幼儿园 in 普惠性幼儿园,
小学 in 中小学) is found only through ``parts``; a policy phrase jieba would split (职业教育 → 职业 +
教育) only through the user dictionary generator/data/jieba_user_dict.txt. The site is built once
from the real plans, and the index is read back from Pagefind's own files (its fragments: one per
section, holding what was indexed); tests/browser/test_search.py runs the same 48 words through
Pagefind in the browser.

"Written" means inside one jieba token: characters that straddle two tokens (高中 in 提高|中小学,
体育 in 整体|育人) are not the word, and search leaves them out on purpose (see the hook).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.site import search

ROOT = Path(__file__).resolve().parents[2]

#: words people search for in the plans: general vocabulary, the issue's five queries, policy terms
WORDS = [
    word
    for line in (ROOT / "tests" / "data" / "search_words.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#")
    for word in line.split()
]


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("site_hook_search_index", ROOT / "overrides" / "hooks" / "search_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load_hook()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("search-site")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True, capture_output=True)
    return site


@pytest.fixture(scope="module")
def index(site: Path) -> list[dict[str, Any]]:
    return [entry_of(fragment) for fragment in search.read_fragments(site / search.OUTPUT_DIR)]


def entry_of(fragment: search.Fragment) -> dict[str, Any]:
    """A section as the tests look at it: its words by field."""
    return {
        "id": fragment.id,
        "location": fragment.location,
        "title": fragment.title.split(search.WORD_SEPARATOR),
        "text": fragment.text.split(),
        "parts": list(fragment.parts),
        "page": fragment.page,
    }


def sections_containing(index: list[dict[str, Any]], word: str, *, within_tokens: bool) -> set[str]:
    """Sections whose displayed title or text contains ``word``: inside one jieba token, or anywhere
    once the word breaks are removed (``within_tokens=False``, plain substring search)."""
    join = "\n" if within_tokens else ""
    return {entry["location"] for entry in index if any(word in join.join(entry[field]) for field in ("title", "text"))}


def sections_found(index: list[dict[str, Any]], word: str) -> set[str]:
    """Sections with an indexed word (title, text or parts) that starts with ``word``: what Pagefind finds."""
    return {
        entry["location"]
        for entry in index
        if any(token.lower().startswith(word) for field in ("title", "text", "parts") for token in entry[field])
    }


@pytest.mark.parametrize("word", WORDS)
def test_every_section_containing_a_common_word_is_found_by_it(index: list[dict[str, Any]], word: str) -> None:
    expected = sections_containing(index, word, within_tokens=True)
    assert expected, f"{word} occurs nowhere: not a useful test word"
    found = sections_found(index, word)
    assert found == expected
    assert found <= sections_containing(index, word, within_tokens=False)


def test_the_inner_words_are_indexed_apart_from_the_text(index: list[dict[str, Any]]) -> None:
    plan_entries = [entry for entry in index if entry["location"].startswith("plans/")]
    with_parts = [entry for entry in plan_entries if entry["parts"]]
    assert len(with_parts) > len(plan_entries) // 2
    # the displayed text keeps jieba's own segmentation: 普惠性幼儿园 is one token there
    haidian = next(entry for entry in index if entry["location"] == "plans/haidian/#s4-4")
    assert "普惠性幼儿园" in haidian["text"] and "幼儿园" in haidian["parts"]
    assert haidian["page"] == "海淀区“十四五”时期教育改革和发展规划"


def test_every_section_is_indexed_once_and_topic_page_quotations_are_not(site: Path, index: list[dict[str, Any]]) -> None:
    """One fragment per section; the plan passages a topic page quotes (data-search-exclude) are
    found on the plan page only."""
    locations = [entry["location"] for entry in index]
    assert len(locations) == len(set(locations))
    assert "plans/haidian/#s4-4" in locations and "" in locations
    topic_text = "".join("".join(entry["text"]) for entry in index if entry["location"].startswith("themes/preschool/"))
    page = (site / "themes" / "preschool" / "index.html").read_text(encoding="utf-8")
    quoted = [re.sub(r"<[^>]+>|\s", "", m) for m in re.findall(r'<p class="xref-entry"[^>]*>(.*?)</p>', page, re.S)]
    quoted = [q[:30] for q in quoted if len(q) >= 30]
    assert len(quoted) > 10
    assert not [q for q in quoted if q in topic_text]
    assert not (site / "search" / "search_index.json").exists()


@pytest.fixture(scope="module")
def dag() -> Any:
    """jieba's dictionary as Material's search plugin leaves it: with the project's user dictionary."""
    import jieba

    jieba.dt.load_userdict(str(ROOT / "generator" / "data" / "jieba_user_dict.txt"))
    return hook.jieba_dag()


def segment(text: str) -> str:
    """Chinese text segmented the way Material's search plugin writes it (U+200B between words)."""
    import jieba

    return "\u200b".join(jieba.cut(text))


def test_inner_words_are_the_words_a_prefix_search_cannot_reach(dag: Any) -> None:
    assert segment("扩大普惠性幼儿园覆盖面") == "扩大\u200b普惠性幼儿园\u200b覆盖面"
    # 普惠 and 普惠性 start the token, so a prefix search reaches them already
    assert hook.inner_words(segment("扩大普惠性幼儿园覆盖面"), dag) == ["幼儿", "幼儿园"]
    assert hook.inner_words(segment("中小学生近视率"), dag) == ["小学", "小学生", "学生"]
    # words straddling two tokens are not the word: 高中 in 提高|中小学校 (门头沟), none in 小学|科学 (东城)
    assert hook.inner_words(segment("适当提高中小学校校舍建设标准"), dag) == ["小学", "小学校", "学校"]
    assert hook.inner_words(segment("推进幼儿园与小学科学有效衔接"), dag) == []
    # a term of the user dictionary kept whole (怀柔), its parts findable
    assert hook.inner_words(segment("完善职业教育集团制度"), dag) == ["教育", "教育集团", "集团"]
    # non-Han text (markup, numbers) is skipped; repeats are listed once
    assert hook.inner_words("<p>中小学\u200b，2021 年\u200b骨干教师</p>中小学", dag) == ["小学", "教师"]


def test_add_inner_words_fills_the_field(dag: Any) -> None:
    data = {
        "config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
        "docs": [
            {"location": "a/", "title": "骨干教师", "text": "普惠性幼儿园"},
            {"location": "b/", "title": "About", "text": "<p>mkdocs 2021</p>"},
        ],
    }
    assert hook.add_inner_words(data, dag) == 3
    assert data["docs"][0][hook.PARTS_FIELD] == "教师\u200b幼儿\u200b幼儿园"
    assert hook.PARTS_FIELD not in data["docs"][1]
