"""Precision and recall of topic assignment against hand labels.

    python -m generator.crossref.evaluate [--labels tests/data/labels] [--only huairou,jingkai] [--errors]
                                          [--baseline FILE] [--save-predictions FILE]

Each label file (``<plan>.yml``) lists every passage id of one plan with the topics a reader
judged it to be mainly about (guide: tests/data/labels/README.md). The plans are read from
docs/plans as they are now, so the numbers always describe the current rules and vocabulary.

The *first run* of the rules on topics labelled blind is the honest, out-of-sample figure; its
predictions are kept in ``tests/data/labels/first-run.yml`` (written once with
``--save-predictions``) and scored again here against the current labels, next to the current
rules, so both columns come from one command.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator import PROJECT_ROOT
from generator.crossref.passages import extract_passages
from generator.crossref.relevance import Classifier
from generator.crossref.sitecfg import read_plan, site_markdown_extensions
from generator.crossref.themes import ThemeSet, load_themes
from generator.errors import GeneratorError

log = logging.getLogger(__name__)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, plan, passage id)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_labels(path: Path) -> tuple[str, dict[str, set[str]]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "plan" not in data or not isinstance(data.get("passages"), dict):
        raise GeneratorError(path, "标注文件应包含 plan 与 passages 两个字段", "参见同目录下的 README.md")
    return str(data["plan"]), {str(k): set(v or ()) for k, v in data["passages"].items()}


def evaluate(
    labels: Mapping[str, Mapping[str, set[str]]], predicted: Mapping[str, Mapping[str, set[str]]], themes: Iterable[str]
) -> dict[str, Counts]:
    """Per theme counts over all labelled plans; ``predicted[plan][pid]`` are the assigned themes."""
    result = {slug: Counts() for slug in themes}
    for plan, passages in labels.items():
        for pid, truth in passages.items():
            guess = predicted.get(plan, {}).get(pid, set())
            for slug, counts in result.items():
                if slug in truth and slug in guess:
                    counts.tp += 1
                elif slug in guess:
                    counts.fp += 1
                    counts.errors.append(("FP", plan, pid))
                elif slug in truth:
                    counts.fn += 1
                    counts.errors.append(("FN", plan, pid))
    return result


#: predictions of the first run of the rules on the topics labelled blind (see the module docstring)
FIRST_RUN = PROJECT_ROOT / "tests" / "data" / "labels" / "first-run.yml"


def load_predictions(path: Path) -> tuple[list[str], dict[str, dict[str, set[str]]]]:
    """(topics the file covers, plan -> passage id -> predicted topics) from a predictions file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list) or not isinstance(data.get("predictions"), dict):
        raise GeneratorError(path, "预测文件应包含 topics 与 predictions 两个字段", "用 --save-predictions 重新生成")
    predictions = {str(plan): {str(pid): set(ts or ()) for pid, ts in passages.items()} for plan, passages in data["predictions"].items()}
    return [str(t) for t in data["topics"]], predictions


def dump_predictions(predicted: Mapping[str, Mapping[str, set[str]]], topics: Iterable[str], note: str) -> str:
    """Predictions restricted to ``topics``, one passage per line (only passages with a prediction)."""
    wanted = list(topics)
    lines = [f"# {note}", f"topics: [{', '.join(wanted)}]", "predictions:"]
    for plan, passages in predicted.items():
        lines.append(f"  {plan}:")
        for pid, guess in passages.items():
            kept = [t for t in wanted if t in guess]
            if kept:
                lines.append(f"    {pid}: [{', '.join(kept)}]")
    return "\n".join(lines) + "\n"


def predict(themes: ThemeSet, plans_dir: Path, plan_slugs: Iterable[str], extensions, configs) -> dict[str, dict[str, set[str]]]:
    classifier = Classifier(themes)
    predicted: dict[str, dict[str, set[str]]] = {}
    for slug in plan_slugs:
        passages = extract_passages(read_plan(plans_dir / f"{slug}.md"), extensions, configs)
        judged = classifier.judge_plan(passages)
        predicted[slug] = {p.id: {j.theme for j in js if j.relevant} for p, js in zip(passages, judged, strict=True)}
    return predicted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.crossref.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=PROJECT_ROOT / "tests" / "data" / "labels")
    parser.add_argument("--plans", type=Path, default=PROJECT_ROOT / "docs" / "plans")
    parser.add_argument("--topics", type=Path, default=PROJECT_ROOT / "topics")
    parser.add_argument("--errors", action="store_true", help="列出每个误判的段落")
    parser.add_argument("--only", metavar="PLANS", help="只评测这些规划（逗号分隔，如 huairou,jingkai）")
    parser.add_argument("--baseline", type=Path, default=FIRST_RUN, help="首次运行的预测（默认 tests/data/labels/first-run.yml）")
    parser.add_argument("--save-predictions", type=Path, metavar="FILE", help="把当前预测写入文件（只含 --topics-saved 所列专题）")
    parser.add_argument("--topics-saved", metavar="SLUGS", help="--save-predictions 保存哪些专题（逗号分隔；默认全部）")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        themes = load_themes(args.topics)
        # every ``<plan>.yml`` of the folder; the first-run predictions kept beside them are not labels
        label_files = [p for p in sorted(args.labels.glob("*.yml")) if p.resolve() != FIRST_RUN.resolve()]
        labels = dict(load_labels(path) for path in label_files)
        if args.only:
            wanted = [slug.strip() for slug in args.only.split(",") if slug.strip()]
            unknown = [slug for slug in wanted if slug not in labels]
            if unknown:
                raise GeneratorError(args.labels, f"没有规划 {unknown[0]} 的标注文件", f"已标注：{'、'.join(labels)}")
            labels = {slug: labels[slug] for slug in wanted}
        extensions, configs = site_markdown_extensions(PROJECT_ROOT / "mkdocs.yml")
        predicted = predict(themes, args.plans, labels, extensions, configs)
    except GeneratorError as err:
        print(err, file=sys.stderr)
        return 2
    for plan, passages in labels.items():
        missing = sorted(set(passages) - set(predicted[plan]))
        extra = sorted(set(predicted[plan]) - set(passages))
        if missing or extra:
            print(f"警告：{plan} 的标注与当前段落不一致（标注有而规划无：{missing[:5]}；规划有而标注无：{extra[:5]}）", file=sys.stderr)
    slugs = [t.slug for t in themes.themes]
    if args.save_predictions:
        saved = [s.strip() for s in args.topics_saved.split(",")] if args.topics_saved else slugs
        note = f"predictions of the rules for {', '.join(saved)} (python -m generator.crossref.evaluate --save-predictions)"
        args.save_predictions.write_text(dump_predictions(predicted, saved, note), encoding="utf-8")
    result = evaluate(labels, predicted, slugs)
    baseline: dict[str, Counts] = {}
    if args.baseline and args.baseline.is_file():
        covered, first = load_predictions(args.baseline)
        baseline = evaluate(labels, first, [s for s in covered if s in result])
    print(f"标注：{'、'.join(labels)}（{sum(len(v) for v in labels.values())} 段）")
    first_header = f"{'首次运行 P / R':>18}" if baseline else ""
    print(f"{'专题':<18}{'正例':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'精确率':>10}{'召回率':>10}{first_header}")
    for slug, c in result.items():
        first_cell = f"{baseline[slug].precision:>10.3f} / {baseline[slug].recall:.3f}" if slug in baseline else ""
        print(f"{slug:<18}{c.tp + c.fn:>6}{c.tp:>6}{c.fp:>6}{c.fn:>6}{c.precision:>10.3f}{c.recall:>10.3f}{first_cell}")
    if args.errors:
        texts = {}
        for plan in labels:
            for p in extract_passages(read_plan(args.plans / f"{plan}.md"), extensions, configs):
                texts[(plan, p.id)] = p.text
        for slug, c in result.items():
            for kind, plan, pid in c.errors:
                print(f"{kind} {slug:<16} {plan}#{pid}: {texts.get((plan, pid), '')[:80]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
