"""Score archiver.promises against the labelled set in tests/promises/.

    python bench/promises_eval.py                 # metrics, whole set and per split
    python bench/promises_eval.py --errors dev    # also list the dev records it gets wrong

The set (tests/promises/labelled.jsonl, one JSON object a line) holds text,
role, sent_at, the expected promises (kind, amount, currency, due_by) and
references (label, value), a split and sometimes a batch. Splits:

  dev      tuned against; batches fresh-1 and blind-1 were blind when first
           measured and joined dev afterwards
  holdout  written with the first rules and never looked at record by record
           while tuning, but written by the same hand at the same time, so it
           flatters the rules
  blind    written after the rules were frozen and never tuned against: the
           best estimate of accuracy on wording nobody anticipated

A predicted promise matches an expected one in the same record when their kinds
agree ("any-kind" matching pairs them regardless of kind). Amount (with
currency) and due_by are scored over kind-matched pairs. References match on
label and value (and on value alone). The functions here are imported by
tests/test_promises.py so the test and the bench measure the same thing.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "promises" / "labelled.jsonl"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archiver.promises import find_promises, find_references  # noqa: E402


def load_records(path: Path = DEFAULT_SET) -> list[dict]:
    """The labelled records, one JSON object per line."""
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass
class Tally:
    """Counts for one group of records; `metrics()` turns them into ratios."""

    expected: int = 0
    predicted: int = 0
    kind_matched: int = 0
    any_matched: int = 0
    amount_expected: int = 0
    amount_right: int = 0
    amount_spurious: int = 0
    due_expected: int = 0
    due_right: int = 0
    due_spurious: int = 0
    refs_expected: int = 0
    refs_predicted: int = 0
    refs_matched: int = 0
    ref_values_matched: int = 0
    records: int = 0
    wrong: list[str] = field(default_factory=list)

    def metrics(self) -> dict[str, float]:
        return {
            "promise_precision": _ratio(self.kind_matched, self.predicted),
            "promise_recall": _ratio(self.kind_matched, self.expected),
            "promise_precision_any_kind": _ratio(self.any_matched, self.predicted),
            "promise_recall_any_kind": _ratio(self.any_matched, self.expected),
            "kind_accuracy": _ratio(self.kind_matched, self.any_matched),
            "amount_accuracy": _ratio(self.amount_right, self.amount_expected),
            "due_by_accuracy": _ratio(self.due_right, self.due_expected),
            "reference_precision": _ratio(self.refs_matched, self.refs_predicted),
            "reference_recall": _ratio(self.refs_matched, self.refs_expected),
            "reference_value_precision": _ratio(self.ref_values_matched, self.refs_predicted),
            "reference_value_recall": _ratio(self.ref_values_matched, self.refs_expected),
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 1.0


def _same_amount(expected: dict, predicted) -> bool:
    if expected.get("amount") is None:
        return predicted.amount is None
    return (
        predicted.amount is not None
        and abs(predicted.amount - expected["amount"]) < 0.005
        and predicted.currency == expected.get("currency")
    )


def match_promises(expected: list[dict], predicted: list) -> tuple[list[tuple[dict, object]], int]:
    """Kind-matched (expected, predicted) pairs, and the any-kind match count."""
    free = list(predicted)
    pairs = []
    for exp in expected:
        candidates = [p for p in free if p.kind == exp["kind"]]
        if not candidates:
            continue
        best = max(candidates, key=lambda p: (_same_amount(exp, p), p.due_by == exp.get("due_by")))
        free.remove(best)
        pairs.append((exp, best))
    any_kind = len(pairs) + min(len(expected) - len(pairs), len(free))
    return pairs, any_kind


def score_record(record: dict, tally: Tally) -> None:
    """Add one record's outcome to `tally`."""
    predicted = find_promises(record["text"], record["role"], record.get("sent_at"))
    expected = record["promises"]
    pairs, any_kind = match_promises(expected, predicted)
    tally.records += 1
    tally.expected += len(expected)
    tally.predicted += len(predicted)
    tally.kind_matched += len(pairs)
    tally.any_matched += any_kind
    ok = len(pairs) == len(expected) == len(predicted)
    for exp, pred in pairs:
        ok &= _score_pair(record, exp, pred, tally)
    ok &= _score_references(record, tally)
    if not ok:
        tally.wrong.append(_describe(record, predicted))


def _score_pair(record: dict, exp: dict, pred, tally: Tally) -> bool:
    ok = True
    if exp.get("amount") is not None:
        tally.amount_expected += 1
        tally.amount_right += _same_amount(exp, pred)
        ok &= _same_amount(exp, pred)
    elif pred.amount is not None:
        tally.amount_spurious += 1
        ok = False
    if record.get("sent_at"):
        if exp.get("due_by") is not None:
            tally.due_expected += 1
            tally.due_right += pred.due_by == exp["due_by"]
            ok &= pred.due_by == exp["due_by"]
        elif pred.due_by is not None:
            tally.due_spurious += 1
            ok = False
    return ok


def _score_references(record: dict, tally: Tally) -> bool:
    predicted = find_references(record["text"])
    expected = record["references"]
    got = Counter((r.label, r.value) for r in predicted)
    want = Counter((r["label"], r["value"]) for r in expected)
    got_values = Counter(r.value for r in predicted)
    want_values = Counter(r["value"] for r in expected)
    tally.refs_expected += len(expected)
    tally.refs_predicted += len(predicted)
    tally.refs_matched += sum((got & want).values())
    tally.ref_values_matched += sum((got_values & want_values).values())
    return got == want


def _describe(record: dict, predicted: list) -> str:
    lines = [f"{record['id']} [{record['role']}, sent_at={record.get('sent_at')}] {record['text']}"]
    for p in record["promises"]:
        lines.append(f"    expected  {p['kind']:<14} {p.get('amount')} {p.get('currency')} due_by={p.get('due_by')}")
    for p in predicted:
        lines.append(f"    predicted {p.kind:<14} {p.amount} {p.currency} due_by={p.due_by} ({p.due_text!r})")
    exp_refs = [(r["label"], r["value"]) for r in record["references"]]
    got_refs = [(r.label, r.value) for r in find_references(record["text"])]
    if exp_refs != got_refs:
        lines.append(f"    references expected {exp_refs} predicted {got_refs}")
    return "\n".join(lines)


def evaluate(records: list[dict]) -> dict[str, Tally]:
    """Tallies for the whole set ("all") and for each split."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for record in records:
        score_record(record, tallies["all"])
        score_record(record, tallies.setdefault(record.get("split", "dev"), Tally()))
    return tallies


def format_report(tallies: dict[str, Tally]) -> str:
    """A plain-text table: one row per metric, one column per group."""
    groups = list(tallies)
    rows = [f"{'metric':<28}" + "".join(f"{g:>10}" for g in groups)]
    rows.append(f"{'records':<28}" + "".join(f"{tallies[g].records:>10}" for g in groups))
    for name in tallies["all"].metrics():
        rows.append(f"{name:<28}" + "".join(f"{tallies[g].metrics()[name]:>10.3f}" for g in groups))
    counts = [
        ("promises expected", "expected"), ("promises predicted", "predicted"),
        ("kind-matched pairs", "kind_matched"), ("amounts expected", "amount_expected"),
        ("spurious amounts", "amount_spurious"), ("due dates expected", "due_expected"),
        ("spurious due dates", "due_spurious"), ("references expected", "refs_expected"),
        ("references predicted", "refs_predicted"),
    ]
    for label, attr in counts:
        rows.append(f"{label:<28}" + "".join(f"{getattr(tallies[g], attr):>10}" for g in groups))
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="labelled JSONL file")
    parser.add_argument("--errors", metavar="SPLIT", help="list wrong records of this split (dev, holdout, all)")
    args = parser.parse_args(argv)
    tallies = evaluate(load_records(args.set))
    print(format_report(tallies))
    if args.errors:
        wrong = tallies[args.errors].wrong
        print(f"\n{len(wrong)} {args.errors} records with a difference:\n")
        print("\n\n".join(wrong))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
