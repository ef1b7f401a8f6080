"""Accuracy of the post-text check (issue 15) on the development corpus in
`tests/text/corpus/`: recall per scam family (a scam counts as caught when the post gets
`dont_share` or a scam or impersonation rule; the exposed-person set counts a personal-data
rule) and false-positive rates per kind of clean text (any `rule_match`; `dont_share` from a
rule), in accented, unaccented and obfuscated spelling, for the tuning part and the held-out
part separately. Clean text also includes the 2,120 VLSP-2013 sentences shipped in
`underthesea` (the test extra), as written and without diacritics.

Run: python benchmarks/bench_text_accuracy.py [--misses]
Targets: recall ≥ 90% per family and spelling; clean text ≤ 0.5% any rule_match and
≤ 0.05% dont_share from a rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "text"))
from corpus_eval import SPLITS, Report, Score, evaluate
from test_text_quality import vlsp_sentences

from verifyctl.engine import Engine


def _pct(score: Score) -> str:
    return f"{100 * score.rate:6.1f}% ({score.hits}/{score.total})"


def _fp(score: Score) -> str:
    bad = score.total - score.hits
    return f"{100 * bad / score.total:5.2f}% ({bad}/{score.total})"


def show(split: str, report: Report, misses: bool) -> None:
    print(f"\n== {split} ==")
    print("recall (dont_share or a scam rule; personal-data rule for exposed-person)")
    for (family, spelling), score in sorted(report.recall.items()):
        print(f"  {family:20} {spelling:11} {_pct(score)}")
        if misses:
            for text in score.misses:
                print(f"      miss: {text}")
    print("clean text: any rule_match | dont_share from a rule")
    for key, flagged in sorted(report.any_rule.items()):
        blocked = report.rule_dont_share[key]
        print(f"  {key[0]:20} {key[1]:11} {_fp(flagged)} | {_fp(blocked)}")
        if misses:
            for text in flagged.misses:
                print(f"      flagged: {text}")
    flagged_all = sum(s.total - s.hits for s in report.any_rule.values())
    blocked_all = sum(s.total - s.hits for s in report.rule_dont_share.values())
    total = sum(s.total for s in report.any_rule.values())
    print(f"  all clean text: {100 * flagged_all / total:.2f}% any rule_match, {100 * blocked_all / total:.3f}% dont_share from a rule ({total} texts)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list every miss and false positive")
    args = parser.parse_args()
    engine = Engine()
    vlsp = {"vlsp-2013": vlsp_sentences()}
    for split in SPLITS:
        show(split, evaluate(split, engine, vlsp if split == "heldout" else None), args.misses)


if __name__ == "__main__":
    main()
