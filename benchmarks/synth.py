"""Synthetic corpus of N× the plans: copies under new slugs with deterministically perturbed text.

Each copy gets its own registry entry, raw file and ``docs/plans/<slug>.md``. Paragraph text is
perturbed (sentences shuffled within the paragraph, one sentence sometimes dropped, common verbs
swapped for synonyms) with a seeded RNG, so copies are near but not equal to their original and
similarity scores stay non-trivial. Headings, ids and tables are kept, so the copies are valid
plans in the format contract.
"""

from __future__ import annotations

import logging
import random
import re
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

SENTENCE_RE = re.compile(r"(?<=[。；！？])")
FRONT_MATTER_RE = re.compile(r"\A---\n(.*?\n)---\n", re.DOTALL)
#: a trailing attr_list block such as `{#s3-4-p2}` or `{: .x}` that must stay at the line end
TRAILING_ATTR_RE = re.compile(r"\s*\{[:#.][^{}]*\}\s*$")
#: list markers and other prefixes kept in place
PREFIX_RE = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+|\s*)")
#: lines never perturbed: headings, tables, HTML, blockquotes, fences, attr-only lines, footnotes
SKIP_RE = re.compile(r"^\s*(?:#|\||<|>|```|~~~|\{:|\[\^|!\[)")

#: common plan verbs and their near-synonyms; both directions are used
SYNONYMS: tuple[tuple[str, str], ...] = (
    ("推进", "推动"),
    ("加强", "强化"),
    ("提升", "提高"),
    ("完善", "健全"),
    ("促进", "助推"),
    ("积极", "主动"),
    ("深化", "深入推进"),
    ("优化", "改进"),
    ("支持", "扶持"),
    ("开展", "实施"),
    ("落实", "贯彻"),
    ("鼓励", "引导"),
    ("构建", "打造"),
    ("显著", "明显"),
)
SWAP_PROBABILITY = 0.6
DROP_PROBABILITY = 0.2
SYNONYM_RE = re.compile("|".join(re.escape(w) for pair in SYNONYMS for w in pair))
SYNONYM_MAP = {a: b for a, b in SYNONYMS} | {b: a for a, b in SYNONYMS}


def swap_synonyms(text: str, rng: random.Random) -> str:
    """Replace each listed verb by its partner with probability SWAP_PROBABILITY."""
    return SYNONYM_RE.sub(lambda m: SYNONYM_MAP[m.group(0)] if rng.random() < SWAP_PROBABILITY else m.group(0), text)


def shuffle_sentences(text: str, rng: random.Random) -> str:
    """Shuffle the sentences of one paragraph; with 4+ sentences sometimes drop one.

    Text with unbalanced bold markers or links across sentences is left alone, so the Markdown
    stays well-formed.
    """
    sentences = [s for s in SENTENCE_RE.split(text) if s]
    if len(sentences) < 2 or "[" in text or any(s.count("**") % 2 for s in sentences):
        return text
    rng.shuffle(sentences)
    if len(sentences) >= 4 and rng.random() < DROP_PROBABILITY:
        sentences.pop(rng.randrange(len(sentences)))
    return "".join(sentences)


def perturb_line(line: str, rng: random.Random) -> str:
    """Perturb one body line of plan Markdown, keeping its list marker and trailing attr list."""
    if not line.strip() or SKIP_RE.match(line):
        return line
    attr = TRAILING_ATTR_RE.search(line)
    suffix = attr.group(0) if attr else ""
    body = line[: attr.start()] if attr else line
    prefix = PREFIX_RE.match(body).group(0)  # type: ignore[union-attr]  # the regex always matches
    content = body[len(prefix) :]
    return prefix + swap_synonyms(shuffle_sentences(content, rng), rng) + suffix


def perturb_body(body: str, rng: random.Random) -> str:
    """Perturb every paragraph/list line outside fenced blocks and HTML comments."""
    out: list[str] = []
    in_comment = False
    for line in body.split("\n"):
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            out.append(line)
            continue
        out.append(perturb_line(line, rng))
    return "\n".join(out)


def copy_identity(plan: dict[str, Any], index: int) -> dict[str, Any]:
    """Registry fields of copy ``index`` of ``plan``: new slug, district, short name, title, raw file."""
    slug = f"{plan['slug']}-c{index}"
    return {
        **plan,
        "slug": slug,
        "district": f"{plan['district']}（样本{index}）",
        "short_name": f"{plan['short_name']}{index}",
        "title": f"{plan['title']}（样本{index}）",
        "raw": f"{slug}{Path(plan['raw']).suffix}",
        "provenance": f"基准测试合成样本：{plan['slug']} 的第 {index} 份扰动副本。",
    }


def copy_plan_markdown(text: str, original: dict[str, Any], copy: dict[str, Any], seed: int) -> str:
    """The Markdown of a copy: front matter rewritten to the copy's identity, body perturbed."""
    rng = random.Random(f"{seed}:{copy['slug']}")
    match = FRONT_MATTER_RE.match(text)
    front: dict[str, Any] = yaml.safe_load(match.group(1)) if match else {}
    body = text[match.end() :] if match else text
    for key in ("slug", "district", "short_name", "title", "raw", "provenance"):
        if key in front:
            front[key] = copy[key]
    body = body.replace(f"# {original['title']}", f"# {copy['title']}", 1)
    head = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000) + "---\n" if match else ""
    return head + perturb_body(body, rng)


def scale_corpus(project: Path, factor: int, seed: int = 7) -> int:
    """Turn the project copy at ``project`` into N× the plans (N=factor); return the plan count.

    Works on a copy only: rewrites corpus/plans.yml, adds corpus/raw/<slug>-cK.* and
    docs/plans/<slug>-cK.md for K = 1 .. factor-1.
    """
    registry_path = project / "corpus" / "plans.yml"
    data = yaml.safe_load(registry_path.read_text(encoding="utf-8"))
    originals: list[dict[str, Any]] = list(data["plans"])
    plans_dir = project / "docs" / "plans"
    raw_dir = project / "corpus" / "raw"
    copies: list[dict[str, Any]] = []
    for plan in originals:
        md_path = plans_dir / f"{plan['slug']}.md"
        markdown = md_path.read_text(encoding="utf-8") if md_path.exists() else None
        raw_text = (raw_dir / plan["raw"]).read_bytes()
        for index in range(1, factor):
            copy = copy_identity(plan, index)
            copies.append(copy)
            (raw_dir / copy["raw"]).write_bytes(raw_text)
            if markdown is not None:
                (plans_dir / f"{copy['slug']}.md").write_text(copy_plan_markdown(markdown, plan, copy, seed), encoding="utf-8")
    data["plans"] = originals + copies
    registry_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    scale_nav(project / "mkdocs.yml", [p["slug"] for p in originals], factor)
    log.info("scaled corpus in %s to %d× (%d plans)", project, factor, len(data["plans"]))
    return len(data["plans"])


def nav_line_re(slug: str) -> re.Pattern[str]:
    """A nav line naming the plan page, e.g. ``      - plans/haidian.md`` or ``- 海淀: plans/haidian.md``."""
    return re.compile(rf"^(\s*-\s+)(?:[^:\n]*:\s*)?plans/{re.escape(slug)}\.md\s*$", re.MULTILINE)


def scale_nav(mkdocs_yml: Path, slugs: list[str], factor: int) -> int:
    """Add each copy's page to an explicit nav right after its original; return lines added.

    The nav is edited as text because mkdocs.yml holds tags (!ENV, python objects) that no YAML
    dumper round-trips. A site without an explicit nav needs nothing.
    """
    text = mkdocs_yml.read_text(encoding="utf-8")
    added = 0
    for slug in slugs:
        match = nav_line_re(slug).search(text)
        if not match:
            continue
        indent = match.group(1)
        extra = "".join(f"\n{indent}plans/{slug}-c{i}.md" for i in range(1, factor))
        text = text[: match.end()] + extra + text[match.end() :]
        added += factor - 1
    mkdocs_yml.write_text(text, encoding="utf-8")
    return added
