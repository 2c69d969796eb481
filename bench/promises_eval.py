"""Score archiver.promises against labelled sets, and time it.

    python bench/promises_eval.py                  # labelled.jsonl per split, blind11.jsonl, speed
    python bench/promises_eval.py --set PATH       # score any file of the same shape
    python bench/promises_eval.py --errors dev     # also list the dev records it gets wrong
    python bench/promises_eval.py --no-speed       # scores only: no speed, no hostile inputs

A set (tests/promises/labelled.jsonl, one JSON object a line) holds text,
role, sent_at, the expected promises (kind, amount, currency, due_by) and
references (label, value), a split and sometimes a batch. Splits:

  dev      tuned against; batches fresh-1 and blind-1 to blind-10 were blind
           when first measured and joined dev afterwards (blind-3 to blind-10
           were written by someone else); weak-3 was written to cover the
           weaknesses blind-2 showed, before the rules were reworked; weak-4
           and weak-5 were written to cover, in new wording, the error classes
           blind-3 and blind-4 showed
  holdout  written with the first rules and never looked at record by record
           while tuning, but written by the same hand at the same time, so it
           flatters the rules

tests/promises/blind11.jsonl was written by someone who never saw the rules nor
any other set, from the issue's definitions alone, as a representative mix (a
third plain lines, a third whole scripted messages, a third bots, casual and
second-language agents, customers and systems) with many kinds that take care to
tell apart, while the rules were being tuned on blind-10's errors, and scored
once on the frozen rules (1e159c9); it is printed as its own section: the best
estimate of accuracy on wording nobody anticipated. Never tune against it; it
joins dev only once a later blind set has been measured. Blind
sets so far, each measured once (promise P/R with kinds matching; detection P/R,
any kind; reference recall):
  blind-5  0.864/0.738  0.957/0.817  0.880   mainstream wording
  blind6   0.832/0.832  0.910/0.910  0.952   mainstream, from the issue alone
  blind7   0.863/0.812  0.938/0.882  0.968   several countries, chatbots, fragments
  blind8   0.735/0.716  0.876/0.853  1.000   mid-conversation, hedged, relayed
  blind9   0.795/0.743  0.912/0.852  0.973   a mix of the three styles above
  blind10  0.864/0.777  0.956/0.860  0.954   whole scripted messages and recaps
           (on the rules before blind-9's round, 6b09312: 0.838/0.769,
           0.938/0.860, 0.954: that round's gain on unseen wording)
  blind11  0.883/0.840  0.953/0.907  0.899   a mix, with kinds put to the test
           (before blind-10's round, bca6b0c: 0.882/0.827, 0.953/0.893, 0.893)

A predicted promise matches an expected one in the same record when their kinds
agree ("any-kind" matching pairs them regardless of kind). Amount (with
currency) and due_by are scored over kind-matched pairs. References match on
label and value (and on value alone). The functions here are imported by
tests/test_promises.py so the test and the bench measure the same thing.

The speed line is find_promises + find_references per message over a seeded
mix shaped like an import (see `speed_mix`), best of five runs. The hostile
lines time single 20,000-character messages built to make a careless pattern
backtrack (see `hostile_inputs`): each must stay far below a second, or one
page can hang an import. tests/test_promises.py runs larger ones, untimed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT / "tests" / "promises" / "labelled.jsonl"
BLIND_SET = ROOT / "tests" / "promises" / "blind11.jsonl"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archiver.promises import find_amount, find_due, find_promises, find_references, split_sentences  # noqa: E402


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


# --------------------------------------------------------------------------
# Speed: what the store pays per imported message

_CUSTOMER_LINES = [
    "Hi, I was charged twice for the same order, can you help?",
    "Why is my bill $45 higher this month?",
    "I never received my replacement card.",
    "My order number is 5512-8893 and it still hasn't shipped.",
    "Can you waive the late fee? I paid a day late because of the holiday.",
    "The technician didn't show up yesterday and nobody called.",
    "I'd like to cancel my subscription please.",
    "My flight was cancelled and I want a refund to my card.",
    "I called last week and was told I'd get a credit of $20.",
    "The internet has been dropping every evening since Monday.",
    "Can I change my payment due date to the 15th?",
    "I have a case number already, it's 00918273.",
    "That's not what the last agent said.",
    "How long will the refund take to show up?",
    "I was on hold for 40 minutes before this chat.",
    "Please just send me an email with the details.",
]
_ACKS = [
    "ok", "Ok.", "thanks", "Thanks!", "thank you", "Thank you so much!", "yes", "no", "sure", "great",
    "one moment please", "perfect, thanks", "cool", "got it", "hello?", "hi", "👍", "ok thx", "Yes please.",
]
_AGENT_CHATTER = [
    "Let me check that for you.",
    "Thanks for waiting, I'm just pulling up your account.",
    "I understand how frustrating that must be.",
    "Is there anything else I can help you with today?",
    "Could you confirm the last four digits of your card?",
    "I'm sorry to hear about the trouble with your order.",
    "Thank you for chatting with us today, have a great evening!",
    "Can you tell me the date of the charge?",
    "One moment while I review the notes on your account.",
    "I see the payment was received on March 2.",
]


def speed_mix(records: list[dict], n: int = 2000, seed: int = 7) -> list[tuple[str, str, str | None]]:
    """(text, role, sent_at) for `n` messages shaped like a real import.

    About half customer messages, 15% short acks from either side, 15% agent
    chatter without promises and 20% agent or bot lines from the labelled set
    (most of them hold a promise or a reference). Seeded, so runs compare.
    """
    rng = random.Random(seed)
    company = [r for r in records if r["role"] in ("agent", "bot")]
    customers = [r["text"] for r in records if r["role"] == "customer"] + _CUSTOMER_LINES
    mix = []
    for _ in range(n):
        x = rng.random()
        sent_at = "2025-03-04T10:44:00-05:00"
        if x < 0.5:
            mix.append((rng.choice(customers), "customer", sent_at))
        elif x < 0.65:
            mix.append((rng.choice(_ACKS), rng.choice(["customer", "agent"]), sent_at))
        elif x < 0.8:
            mix.append((rng.choice(_AGENT_CHATTER), "agent", sent_at))
        else:
            r = rng.choice(company)
            mix.append((r["text"], r["role"], r.get("sent_at")))
    return mix


def time_per_message(mix: list[tuple[str, str, str | None]], rounds: int = 5) -> float:
    """Best-of-`rounds` microseconds per message for find_promises + find_references."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text, role, sent_at in mix:
            find_promises(text, role, sent_at)
            find_references(text)
        best = min(best, time.perf_counter() - start)
    return best / len(mix) * 1e6


# --------------------------------------------------------------------------
# Hostile input: what one message built to make a pattern backtrack costs


def hostile_inputs(size: int = 20000) -> list[tuple[str, object, str]]:
    """(name, function, text) for messages of about `size` characters that were slow before (quadratic or worse).

    Runs of digits and separators, spaces, periods and labels; many sentences, verbs, values and due
    expressions; clauses with no break. A function is one of the public ones, called with the text alone.
    """
    def times(piece: str, tail: str = "") -> str:
        return piece * max(1, (size - len(tail)) // len(piece)) + tail

    def promises(text: str):
        return find_promises(text, "agent", "2025-03-04T10:44:00-05:00")

    def due(text: str):
        return find_due(text, None)

    return [
        ("your now ... instead of", promises, times("your now ", "instead of the 1st")),
        ("1,1,1,... before $5", find_amount, times("1,", " and $5")),
        ("1<nbsp>1<nbsp>... before $5", find_amount, times("1\u00a0", " and $5")),
        ("11111... before $5", find_amount, times("1", " and $5")),
        ("$5 credit, then 1,1,1,...", promises, "I've added a $5 credit to your account " + times("1,")),
        ("We've refunded 1,1,1,...", promises, "We've refunded " + times("1,")),
        ("Ab. Ab. Ab. ...", split_sentences, times("Ab. ")),
        ("a.a.a....1. X", split_sentences, times("a.", "1. X")),
        ("Wait......", split_sentences, "Wait" + times(".")),
        ("2,000 short sentences", promises, times("I refunded $5. ")),
        ("ref, spaces, value", find_references, "ref" + times(" ", "12345")),
        ("case number case number ... 1234", find_references, times("case number ", "1234")),
        ("case N INC-N case N ...", find_references, times("case 1234567 INC-1234567 ")),
        ("ref ref ref ...", find_references, times("ref ")),
        ("within 3 days within 3 days ...", due, times("within 3 days ")),
        ("your refund your refund ...", promises, times("your refund ", "will be processed.")),
        ("the fee that the fee that ...", promises, times("the fee that ", "will be refunded.")),
        ("we will we will ... refund it", promises, times("we will ", "refund it.")),
        ("if you pay then we will refund", promises, times("if you pay then we will refund you ")),
        ("one long sentence, no marks", promises,
         times("I have waived the late fee and the card will arrive by Friday ")),
        ("order for an order for ...", promises, "I've placed an " + times("order for an ", "new card.")),
    ]


def time_hostile(inputs: list[tuple[str, object, str]]) -> list[tuple[str, float]]:
    """(name, milliseconds) of one call per input."""
    out = []
    for name, function, text in inputs:
        start = time.perf_counter()
        function(text)
        out.append((name, (time.perf_counter() - start) * 1e3))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, help="score only this labelled JSONL file")
    parser.add_argument("--errors", metavar="SPLIT", help="list wrong records of this split (dev, holdout, all)")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurement")
    args = parser.parse_args(argv)
    sets = [args.set] if args.set else [DEFAULT_SET, BLIND_SET]
    for path in sets:
        tallies = evaluate(load_records(path))
        print(f"== {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
        print(format_report(tallies))
        print()
        if args.errors and args.errors in tallies:
            wrong = tallies[args.errors].wrong
            print(f"{len(wrong)} {args.errors} records with a difference:\n")
            print("\n\n".join(wrong))
            print()
    if not args.no_speed:
        records = load_records()
        mix = speed_mix(records)
        print(f"speed: {time_per_message(mix):.1f} µs/message (find_promises + find_references over "
              f"{len(mix)} messages: half customer, 15% acks, 15% agent chatter, 20% labelled agent lines)")
        parts = {
            "labelled agent/bot lines": [(r["text"], r["role"], r.get("sent_at")) for r in records
                                         if r["role"] in ("agent", "bot")],
            "agent chatter": [(t, "agent", None) for t in _AGENT_CHATTER],
            "customer lines": [(t, "customer", None) for t in _CUSTOMER_LINES],
            "acks": [(t, "agent", None) for t in _ACKS],
        }
        for name, part in parts.items():
            print(f"  {name:<26}{time_per_message(part):8.1f} µs/message")
        hostile = time_hostile(hostile_inputs())
        worst = max(hostile, key=lambda h: h[1])
        print(f"hostile: worst {worst[1]:.0f} ms ({worst[0]}) over {len(hostile)} messages of 20,000 characters")
        for name, ms in hostile:
            print(f"  {name:<36}{ms:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
