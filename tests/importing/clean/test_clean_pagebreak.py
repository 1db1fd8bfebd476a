"""Rule 5: paragraphs split mid-sentence by a page break are rejoined; real paragraph ends are kept."""

from __future__ import annotations

import pytest

from generator import PROJECT_ROOT
from generator.importing.clean import clean_plan_text
from generator.importing.clean.pagebreak import rejoin_page_breaks
from generator.importing.pipeline import replace_tables
from generator.importing.readers import read_raw
from generator.importing.structure import is_heading_line
from generator.registry import load_registry

REGISTRY = load_registry(PROJECT_ROOT / "corpus" / "plans.yml")


def body(slug: str) -> str:
    plan = REGISTRY.get(slug)
    text, _ = replace_tables(read_raw(REGISTRY.raw_path(plan)).text)
    return clean_plan_text(text, plan.title).body


def blocks(slug: str) -> list[str]:
    return body(slug).split("\n\n")


def test_mentougou_rang_mei_ge_haizi() -> None:
    raw = read_raw(PROJECT_ROOT / "corpus" / "raw" / "mentougou.txt").text
    assert "校际差距，让每\n\n个孩子都能接受更有质量" in raw
    lines = [line.strip() for line in raw.split("\n") if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.endswith("让每"))
    joined = next(b for b in blocks("mentougou") if "让每个孩子" in b)
    assert joined == lines[first] + lines[first + 1]
    assert joined.startswith("随着优质资源的不断扩大，缩小区域、城乡、校际差距，让每个孩子都能接受更有质量、更加公平教育的需求日益迫切。")


def test_mentougou_bold_lead_in_split_across_three_blank_lines() -> None:
    block = next(b for b in blocks("mentougou") if b.startswith("**——党的建设更加坚强有力。**"))
    assert block.endswith("师德师风建设以及思想政治工作全面加强。党组织在学校治学理校的地位和作用全面提升，引领教育优质健康发展。")


def test_huairou_numbers_across_a_break() -> None:
    assert any("开设班级107个，在校学生3644人。高中多样化特色发展取得新进展。" in b for b in blocks("huairou"))
    assert any("解决12345热线反映的教育突出问题" in b for b in blocks("mentougou"))


def test_no_paragraph_is_left_open_except_labels() -> None:
    """After the rejoin, a body paragraph that does not end a sentence is a dash-led label."""
    for slug in ("dongcheng", "haidian", "huairou", "jingkai", "mentougou"):
        open_blocks = [
            b
            for b in blocks(slug)
            if b[-1] not in "。！？；：…”’」』）)" and not b.startswith("\x00") and not b.endswith("**")
        ]
        labels = [b for b in open_blocks if b.startswith("——")]
        assert len(labels) == {"dongcheng": 10, "haidian": 7}.get(slug, 0), slug
        # the rest are headings and appendix titles, which the rejoin must never touch
        found = blocks(slug)
        rest = [b for b in open_blocks if b not in labels]
        assert all(is_heading_line(b) or found[found.index(b) - 1].startswith("附件") for b in rest), slug


@pytest.mark.parametrize(
    ("slug", "label", "next_start"),
    [
        ("haidian", "——坚持优先发展，教育发展水平达到新高度", "“十三五”时期，在习近平新时代中国特色社会主义思想指引下"),
        ("dongcheng", "——坚持党的领导", "进一步加强党对教育工作的全面领导"),
        ("jingkai", "1.服务国家和北京的重大战略对教育提出了新要求", "要深入贯彻习近平总书记考察北京重要讲话精神"),
    ],
)
def test_real_paragraph_ends_are_kept(slug: str, label: str, next_start: str) -> None:
    found = blocks(slug)
    index = found.index(label)
    assert found[index + 1].startswith(next_start)


def test_join_counts_on_the_seeds() -> None:
    """Every join on the seeds was checked by reading it; the counts pin that review."""
    joins = {}
    for slug in ("dongcheng", "haidian", "huairou", "jingkai", "mentougou"):
        joined = blocks(slug)
        unjoined = [block for block in body_without_rejoin(slug).split("\n") if block.strip()]
        joins[slug] = len(unjoined) - len(joined)
        assert rejoin_page_breaks("\n\n".join(joined)) == "\n\n".join(joined)  # idempotent
    assert joins == {"dongcheng": 0, "haidian": 0, "huairou": 41, "jingkai": 0, "mentougou": 19}


def body_without_rejoin(slug: str) -> str:
    from generator.importing import clean

    plan = REGISTRY.get(slug)
    text, _ = replace_tables(read_raw(REGISTRY.raw_path(plan)).text)
    text = clean.strip_indentation(clean.strip_chrome(text))
    return clean.hygiene(clean.split_front(text, plan.title).body)


def test_ascii_on_both_sides_keeps_a_blank() -> None:
    text = "推进新型基础设施建设，建设覆盖全区学校的 5G\n\nNR 网络。"
    assert rejoin_page_breaks(text) == "推进新型基础设施建设，建设覆盖全区学校的 5G NR 网络。"
