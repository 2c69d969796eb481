"""Import benchmark: our pipeline beside a bare baseline on the same files.

    python bench/import_bench.py [--pages 2000] [--messages 50] [--big-mb 50]

Generates a corpus of saved chat pages (bench/out/corpus; LivePerson, Genesys,
Salesforce and an unknown widget the generic parser reads), then in separate
processes (so peak memory is each run's own) imports it with chat-archiver and
with a baseline: BeautifulSoup(lxml), select the message nodes, executemany
into an FTS5-indexed table. Then a single large page, and FTS search latency
over the resulting archive. Prints messages per second and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE.parent / "tests"))

import corpus as widgets  # noqa: E402
from pages import lp_page  # noqa: E402

COMPANIES = [
    ("Northwind Card", "https://www.northwindcard.com/help/chat"),
    ("Contoso Mobile", "https://help.contoso-mobile.com/chat"),
    ("Fabrikam Air", "https://www.fabrikam-air.com/support/chat"),
    ("Woodgrove Bank", "https://secure.woodgrovebank.com/messages"),
    ("Tailspin Insurance", "https://www.tailspin-insurance.com/claims/chat"),
]
AGENT_LINES = [
    "I've waived the ${n} late fee; you'll see the credit within 1-2 billing cycles.",
    "Your reference number is LF{n}.",
    "I have escalated this to our billing team, case #{n}.",
    "A replacement card will arrive in 5-7 business days.",
    "I can see the payment of ${n}.00 posted on the 3rd.",
    "Let me check that for you, one moment please.",
    "We will call you back within 48 hours at the number on file.",
    "I've credited {n} bonus points to your rewards account.",
]
CUSTOMER_LINES = [
    "I was charged a late fee but I paid on time.",
    "Can you remove the ${n} charge from my statement?",
    "My flight {n} was cancelled and I need a refund.",
    "ok",
    "Thanks, that helps a lot!",
    "When will I see the credit?",
    "The technician never showed up on Thursday.",
]


def chat_lines(rng: random.Random, count: int) -> list[tuple[str, str, str, str]]:
    agent = rng.choice(["Jessica", "Omar", "Priya", "Daniel", "Mei"])
    hour, minute = rng.randint(8, 20), rng.randint(0, 30)
    lines = [("agent", agent, f"Hi, I'm {agent}. How can I help you today? (#{rng.randint(1, 10**9)})", f"{hour}:{minute:02d}")]
    for i in range(count - 1):
        minute_i = minute + 1 + i // 3
        when = f"{hour + minute_i // 60}:{minute_i % 60:02d}"
        if i % 2:
            lines.append(("agent", agent, rng.choice(AGENT_LINES).format(n=rng.randint(10, 99999)), when))
        else:
            lines.append(("customer", "", rng.choice(CUSTOMER_LINES).format(n=rng.randint(10, 99999)), when))
    return lines


def make_corpus(folder: Path, pages: int, per_page: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    total = 0
    for i in range(pages):
        company, url = COMPANIES[i % len(COMPANIES)]
        make = widgets.FAMILIES[i % len(widgets.FAMILIES)]
        # LivePerson pages also carry a "Chat started" line: one more message
        lines = chat_lines(rng, per_page - 1 if make is widgets.liveperson else per_page)
        day = f"{rng.randint(1, 12)}/{rng.randint(1, 28)}/2025"
        (folder / f"chat{i:05}.html").write_text(make(company, url, day, lines), encoding="utf-8")
        total += per_page
    return total


def make_big_page(path: Path, megabytes: int, seed: int = 11) -> int:
    """One LivePerson page of at least `megabytes` MB of transcript; returns its message count."""
    rng = random.Random(seed)
    target = megabytes * 1024 * 1024
    lines: list[tuple[str, str, str, str]] = []
    html = ""
    while len(html.encode("utf-8")) < target:
        # grow by the measured shortfall, so the page lands just over the target
        missing = target - len(html.encode("utf-8"))
        per_line = len(html.encode("utf-8")) / len(lines) if lines else 400
        lines.extend(chat_lines(rng, max(200, int(missing / per_line * 1.02))))
        html = lp_page(lines, title="Chat | Northwind Card", started="3/4/2025")
    path.write_text(html, encoding="utf-8")
    return len(lines) + 1


# -- the two importers, each run in its own process -----------------------------


def run_ours(corpus: str, db: str) -> dict:
    from archiver.importer import ImportOptions, import_paths
    from archiver.store import Archive

    archive = Archive(db)
    start = time.perf_counter()
    failed = 0
    for r in import_paths(archive, [corpus], ImportOptions(tz="America/New_York")):
        failed += r.status == "failed"
    elapsed = time.perf_counter() - start
    messages = archive.db["messages"].count
    archive.close()
    return {"seconds": elapsed, "messages": messages, "failed": failed}


def run_baseline(corpus: str, db: str) -> dict:
    from bs4 import BeautifulSoup

    conn = sqlite3.connect(db)
    conn.execute("pragma journal_mode=wal")
    conn.executescript(
        """
        create table messages (id integer primary key, file text, text text);
        create virtual table messages_fts using fts5(text, content=messages, content_rowid=id, tokenize='porter');
        create trigger messages_ai after insert on messages begin
          insert into messages_fts(rowid, text) values (new.id, new.text);
        end;
        """
    )
    start = time.perf_counter()
    for path in sorted(Path(corpus).rglob("*.html")):
        soup = BeautifulSoup(path.read_bytes(), "lxml")
        rows = [(path.name, node.get_text(" ", strip=True)) for node in soup.select(widgets.BASELINE_SELECTOR)]
        with conn:
            conn.executemany("insert into messages (file, text) values (?, ?)", rows)
    elapsed = time.perf_counter() - start
    messages = conn.execute("select count(*) from messages").fetchone()[0]
    conn.close()
    return {"seconds": elapsed, "messages": messages, "failed": 0}


def run_search(db: str, rounds: int) -> dict:
    from archiver.store import Archive

    archive = Archive(db)
    queries = ['"late fee"', "waive", "refund*", "technician", "escalat*", '"billing cycles"', "replacement card", "credit"]
    timings = []
    for _ in range(int(rounds)):
        for q in queries:
            t = time.perf_counter()
            archive.search(q, limit=20)
            timings.append((time.perf_counter() - t) * 1000)
    archive.close()
    timings.sort()
    return {"median_ms": statistics.median(timings), "p95_ms": timings[int(len(timings) * 0.95)], "n": len(timings)}


def child(kind: str, *args: str) -> dict:
    """Run one measurement in a fresh interpreter; returns its result and peak RSS."""
    code = (
        "import json, resource, sys; sys.path.insert(0, %r); import import_bench as b; "
        "r = b.%s(*sys.argv[1:]); r['peak_mb'] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024; "
        "print(json.dumps(r))"
    ) % (str(HERE), kind)
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000, help="saved pages in the corpus")
    ap.add_argument("--messages", type=int, default=50, help="messages per page")
    ap.add_argument("--big-mb", type=int, default=50, help="size of the single large page, in MB")
    args = ap.parse_args()

    OUT.mkdir(exist_ok=True)
    corpus = OUT / "corpus"
    t = time.perf_counter()
    total = make_corpus(corpus, args.pages, args.messages)
    size_mb = sum(p.stat().st_size for p in corpus.iterdir()) / 1e6
    print(f"corpus: {args.pages} pages, {total} messages, {size_mb:.0f} MB (generated in {time.perf_counter() - t:.1f}s)")

    results = {}
    for name, fn in (("baseline", "run_baseline"), ("chat-archiver", "run_ours")):
        db = OUT / f"{name}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        r = child(fn, str(corpus), str(db))
        results[name] = r
        rate = r["messages"] / r["seconds"]
        print(f"{name:>14}: {r['messages']} messages in {r['seconds']:.1f}s = {rate:,.0f} msg/s, peak {r['peak_mb']:.0f} MB, failed {r['failed']}")
    ratio = (results["chat-archiver"]["messages"] / results["chat-archiver"]["seconds"]) / (
        results["baseline"]["messages"] / results["baseline"]["seconds"]
    )
    print(f"speed relative to baseline: {ratio:.2f} (target >= 0.5)")

    s = child("run_search", str(OUT / "chat-archiver.db"), "25")
    print(f"FTS search over {results['chat-archiver']['messages']} messages: median {s['median_ms']:.2f} ms, p95 {s['p95_ms']:.2f} ms over {s['n']} queries (target median < 20 ms)")

    if args.big_mb:
        big_dir = OUT / "big"
        if big_dir.exists():
            shutil.rmtree(big_dir)
        big_dir.mkdir()
        n = make_big_page(big_dir / "big.html", args.big_mb)
        mb = (big_dir / "big.html").stat().st_size / 1024 / 1024
        for name, fn in (("baseline", "run_baseline"), ("chat-archiver", "run_ours")):
            db = OUT / f"big-{name}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            r = child(fn, str(big_dir), str(db))
            print(f"{mb:.0f} MB page ({n} messages), {name:>13}: {r['seconds']:.1f}s, peak {r['peak_mb']:.0f} MB (target < 500 MB for ours), {r['messages']} messages stored")


if __name__ == "__main__":
    main()
