"""Search recall: every section where a common query word is written can be found by it.

Material's browser search matches each query word as the *prefix* of an index token (any indexed
field). A word hidden inside a longer jieba token (幼儿园 in 普惠性幼儿园, 小学 in 中小学) is
found only through the ``parts`` field that overrides/hooks/search_index.py adds; a policy phrase
jieba would split (职业教育 → 职业 + 教育) only through the user dictionary
generator/data/jieba_user_dict.txt. The site is built once from the real plans.

"Written" means inside one jieba token: characters that straddle two tokens (高中 in 提高|中小学,
体育 in 整体|育人) are not the word, and search leaves them out on purpose (see the hook).
"""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: words people search for in the plans: general vocabulary, the issue's five queries, policy terms
WORDS = """
幼儿园 教师 学校 学生 课程 普惠 双减 集团化办学 智慧校园 中小学生 义务教育 学位 师德 信息化 人工智能
学前教育 特殊教育 职业教育 课后服务 校外培训 教育集团 优质均衡 体育 美育 劳动教育 心理健康 家庭教育 校长
班主任 高中 小学 初中 教研 评价 督导 素质教育 骨干教师 终身学习 社区教育 国际化 安全 科技 名师 学科
教育督导 教育教学 综合素质评价 优质教育资源
""".split()  # noqa: SIM905 (one line of words per group reads better than 48 quoted strings)
_TAG_RE = re.compile(r"<[^>]+>")


def load_hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("site_hook_search_index", ROOT / "overrides" / "hooks" / "search_index.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hook = load_hook()


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("search-site")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=ROOT, check=True, capture_output=True)
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def sections_containing(index: dict[str, Any], word: str, *, within_tokens: bool) -> set[str]:
    """Entries whose displayed title or text contains ``word``: inside one jieba token, or anywhere
    once the word breaks are removed (``within_tokens=False``, plain substring search)."""
    join = "\n" if within_tokens else ""
    return {
        doc["location"]
        for doc in index["docs"]
        if any(word in join.join(_TAG_RE.sub("", doc.get(field, "")).split("\u200b")) for field in ("title", "text"))
    }


def sections_found(index: dict[str, Any], word: str) -> set[str]:
    """Entries with a token, in any indexed field, that starts with ``word``: what the browser finds."""
    separator = re.compile(index["config"]["separator"])  # \uXXXX escapes read as in JavaScript
    fields = list(index["config"]["fields"])
    return {
        doc["location"]
        for doc in index["docs"]
        if any(token.lower().startswith(word) for field in fields for token in separator.split(_TAG_RE.sub("", str(doc.get(field, "")))))
    }


@pytest.mark.parametrize("word", WORDS)
def test_every_section_containing_a_common_word_is_found_by_it(index: dict[str, Any], word: str) -> None:
    expected = sections_containing(index, word, within_tokens=True)
    assert expected, f"{word} occurs nowhere: not a useful test word"
    found = sections_found(index, word)
    assert found == expected
    assert found <= sections_containing(index, word, within_tokens=False)


def test_the_inner_words_field_is_indexed_below_the_text_and_shown_nowhere(index: dict[str, Any]) -> None:
    fields = index["config"]["fields"]
    assert fields[hook.PARTS_FIELD]["boost"] < fields["text"]["boost"]
    plan_docs = [doc for doc in index["docs"] if doc["location"].startswith("plans/")]
    with_parts = [doc for doc in plan_docs if hook.PARTS_FIELD in doc]
    assert len(with_parts) > len(plan_docs) // 2
    # the displayed text keeps jieba's own segmentation: 普惠性幼儿园 is one token there
    haidian = next(doc for doc in index["docs"] if doc["location"] == "plans/haidian/#s4-4")
    assert "\u200b普惠性幼儿园\u200b" in haidian["text"]
    assert "幼儿园" in haidian[hook.PARTS_FIELD].split("\u200b")


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


def test_add_inner_words_fills_the_field_and_registers_it(dag: Any) -> None:
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
    assert data["config"]["fields"][hook.PARTS_FIELD] == {"boost": hook.PARTS_BOOST}
