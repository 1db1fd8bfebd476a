"""Similar passages: TF-IDF over jieba words, only across districts, at most three, best first."""

from __future__ import annotations

from generator import PROJECT_ROOT
from generator.crossref.similarity import USER_DICT, tfidf_matrix, tokenize, top_similar


def test_policy_terms_stay_whole():
    assert USER_DICT == PROJECT_ROOT / "generator" / "data" / "jieba_user_dict.txt"
    words = tokenize("深化集团化办学，落实“双减”，扩大普惠性幼儿园学位")
    assert {"集团化办学", "双减", "普惠性幼儿园"} <= set(words)
    assert "的" not in tokenize("学前教育的质量")


def test_links_only_across_districts(xref):
    checked = 0
    for result in xref.results.values():
        by_entry = {c.entry_id: c for c in result.citations}
        for entry, similar in result.similar.items():
            assert len(similar) <= 3
            assert [s.score for s in similar] == sorted((s.score for s in similar), reverse=True)
            for s in similar:
                assert s.citation.plan.slug != by_entry[entry].plan.slug
                assert s.citation.entry_id in by_entry  # same theme: the link lands on this page
                checked += 1
    assert checked > 300


def test_preschool_supply_passages_find_each_other(xref):
    similar = xref.results["preschool"].similar["mentougou-s3-3-p2"]  # 保证普惠性幼儿园学位供给……
    assert similar[0].citation.plan.slug != "mentougou"
    assert similar[0].score > 0.2


def test_top_similar_blocks_same_group():
    texts = ["推进集团化办学，扩大优质资源", "集团化办学扩大优质教育资源覆盖面", "扩大普惠性幼儿园学位", "扩大普惠性幼儿园学位供给"]
    matrix = tfidf_matrix(texts)
    result = top_similar(matrix, range(4), ["a", "b", "a", "a"], k=3)
    assert [j for j, _ in result[0]] == [1]
    # 2 and 3 are near-identical but in the same district: never linked
    assert all(j == 1 for j, _ in result[2])
    assert all(j == 1 for j, _ in result[3])
    assert result[1][0][0] == 0


def test_tfidf_equals_scikit_learn_on_real_passages():
    """tfidf_matrix reimplements TfidfVectorizer(sublinear_tf=True, norm="l2") on scipy.sparse so the
    build does not import scikit-learn (test-only dependency): the cosines must be identical."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    text = (PROJECT_ROOT / "docs" / "plans" / "haidian.md").read_text(encoding="utf-8")
    paragraphs = [line for line in text.splitlines() if len(line) > 60 and not line.startswith(("#", "|", ">"))][:80]
    assert len(paragraphs) == 80
    ours = tfidf_matrix(paragraphs)
    reference = TfidfVectorizer(analyzer=tokenize, sublinear_tf=True, min_df=1, norm="l2").fit_transform(paragraphs)
    assert ours.shape == reference.shape
    np.testing.assert_allclose((ours @ ours.T).toarray(), (reference @ reference.T).toarray(), atol=1e-12)
    assert tfidf_matrix([]).shape == (0, 0)
