"""Score the parsers on saved chat pages in layouts nobody wrote a parser for.

    python bench/generic_eval.py [--dir tests/generic_blind/r1] [--errors]

Each `NAME.html` beside a hand-written `NAME.expected.json` (role, speaker,
text and time_text per message) goes through the same path as an import
(`sources.load_page`, then `parsers.find_chat`). Predicted and expected
messages are paired by their text in order (difflib), so one missed or extra
message costs one row, not every row after it. Prints per page and in total:
whether a chat was found, message precision and recall (exact text), and over
the paired messages the share with the right role, speaker and shown time; a
page counts as "all right" when every row equals its expected row.

tests/generic_blind/rN/ holds one round of pages, written by someone who never
saw the parsers' code, tests, fixtures or the other rounds, in layouts of their
own invention. Each round is scored once on the parsers as they stood (figures
below), then may be tuned against (it is a dev set from then on) while the
next round is written. Without --dir, every round is printed, the newest last:
  r1   measured once at da338c1: 7 of 12 pages found, 1 all right;
       messages P 0.678 / R 0.355; role, speaker 1.000, time 0.770 (paired).
       Tuned against from bab6c1d on (12 of 12 all right at badb58a).
  r2   measured once at badb58a: 7 of 12 pages found, 3 all right;
       messages P 0.879 / R 0.465; role 1.000, speaker 0.977, time 1.000 (paired).
       Tuned against from 730c231 on (8 of 12 found, all 8 right at 9621b56).
  r3   measured once at 9621b56: 7 of 12 pages found, 1 all right;
       messages P 0.669 / R 0.405; role 0.904, speaker 0.916, time 0.928 (paired).
       Tuned against from b25a052 on (8 of 12 found, 2 all right at 19a05a2).
  r4   measured once at 19a05a2: 7 of 12 pages found, 1 all right;
       messages P 0.765 / R 0.422; role 1.000, speaker 0.846, time 0.954 (paired).
       Tuned against from 1ba8734 on (12 of 12 all right at b4278da).
  r5   measured once at b4278da: 6 of 12 pages found, 1 all right;
       messages P 0.797 / R 0.353; role 0.936, speaker 0.872, time 1.000 (paired).
       (On the parsers before r4's round, 6b09312: 5 of 12 found, 1 all right,
       P 0.917 / R 0.331: that round's gain on unseen layouts.)
The test tests/test_generic_blind.py holds floors for every round and imports
these functions, so the test and the bench measure the same thing.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = ROOT / "tests" / "generic_blind"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from archiver.errors import ArchiverError  # noqa: E402
from archiver.parsers import find_chat  # noqa: E402
from archiver.sources import load_page  # noqa: E402

FIELDS = ("role", "speaker", "text", "time_text")


@dataclass
class PageScore:
    """One page's tallies."""

    name: str
    found: bool = False
    parser: str = ""
    error: str = ""
    expected: int = 0
    predicted: int = 0
    paired: int = 0
    right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("role", "speaker", "time_text"), 0))
    all_right: bool = False
    differences: list[str] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join(text.split())


def score_page(html_path: Path) -> PageScore:
    """Parse one page as an import would and compare it with its expected rows."""
    expected = json.loads(html_path.with_suffix(".expected.json").read_text(encoding="utf-8"))["messages"]
    score = PageScore(html_path.stem, expected=len(expected))
    try:
        chat = find_chat(load_page(html_path).documents)
    except ArchiverError as e:
        score.error = str(e)
        score.differences.append(f"no chat: {e}")
        return score
    score.found, score.parser = True, chat.parser
    got = [{"role": m.role, "speaker": m.speaker, "text": m.text, "time_text": m.time_text} for m in chat.messages]
    score.predicted = len(got)
    matcher = difflib.SequenceMatcher(a=[_norm(e["text"]) for e in expected], b=[_norm(g["text"]) for g in got],
                                      autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for e, g in zip(expected[i1:i2], got[j1:j2]):
                score.paired += 1
                for name in score.right:
                    if e[name] == g[name]:
                        score.right[name] += 1
                    else:
                        score.differences.append(f"{name} of {e['text'][:50]!r}: expected {e[name]!r}, got {g[name]!r}")
                if e["text"] != g["text"]:
                    score.differences.append(f"text whitespace: expected {e['text']!r}, got {g['text']!r}")
            continue
        for e in expected[i1:i2]:
            score.differences.append(f"missed: {e['role']} {e['text'][:70]!r}")
        for g in got[j1:j2]:
            score.differences.append(f"extra:  {g['role']} {g['text'][:70]!r}")
    score.all_right = got == expected
    return score


@dataclass
class Totals:
    """Tallies over a set of pages."""

    pages: list[PageScore]

    def metrics(self) -> dict[str, float]:
        expected = sum(p.expected for p in self.pages)
        predicted = sum(p.predicted for p in self.pages)
        paired = sum(p.paired for p in self.pages)

        def share(n: int, d: int) -> float:
            return n / d if d else 1.0

        return {
            "pages_found": share(sum(p.found for p in self.pages), len(self.pages)),
            "pages_all_right": share(sum(p.all_right for p in self.pages), len(self.pages)),
            "message_precision": share(paired, predicted),
            "message_recall": share(paired, expected),
            "role_accuracy": share(sum(p.right["role"] for p in self.pages), paired),
            "speaker_accuracy": share(sum(p.right["speaker"] for p in self.pages), paired),
            "time_text_accuracy": share(sum(p.right["time_text"] for p in self.pages), paired),
        }


def evaluate(directory: Path) -> Totals:
    """Score every page with an expected file in `directory`."""
    pages = sorted(p for p in directory.glob("*.html") if p.with_suffix(".expected.json").exists())
    return Totals([score_page(p) for p in pages])


def report(totals: Totals, errors: bool = False) -> str:
    lines = [f"{'page':<28}{'parser':<12}{'expected':>9}{'found':>7}{'paired':>8}{'role':>6}{'who':>5}{'time':>6}  all right"]
    for p in totals.pages:
        lines.append(
            f"{p.name:<28}{(p.parser or '-'):<12}{p.expected:>9}{p.predicted:>7}{p.paired:>8}"
            f"{p.right['role']:>6}{p.right['speaker']:>5}{p.right['time_text']:>6}  {'yes' if p.all_right else 'no'}"
        )
        if errors:
            lines.extend(f"    {d}" for d in p.differences)
    lines.append("")
    lines.extend(f"{name:<22}{value:.3f}" for name, value in totals.metrics().items())
    return "\n".join(lines)


def rounds() -> list[Path]:
    """The rounds' folders, oldest first (r1, r2, ...)."""
    return sorted((d for d in ROUNDS.iterdir() if d.is_dir() and d.name[1:].isdigit()), key=lambda d: int(d.name[1:]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, help="one folder of NAME.html + NAME.expected.json pairs [default: every round]")
    parser.add_argument("--errors", action="store_true", help="list every difference under its page")
    args = parser.parse_args(argv)
    for folder in [args.dir] if args.dir else rounds():
        print(f"== {folder.resolve().relative_to(ROOT) if folder.resolve().is_relative_to(ROOT) else folder}")
        print(report(evaluate(folder), args.errors))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
