"""Serving benchmark: Datasette's search JSON, the search page and a conversation page on a big archive.

    python bench/serve_bench.py [--messages 1000000] [--runs 30] [--regenerate]

Generates an archive of --messages messages (20-100 per conversation, several
companies, customer-service text) straight into the real schema (migrations,
FTS5 and its triggers), reusing bench/out/serve-<N>.db when it exists. Then
starts `chat-archiver serve` on a free port and times each URL through HTTP,
one request at a time after a warm-up, and prints median and p95 per URL, and
the server's CPU time per request (what a quiet machine would see when others
share this one). Target: every median under 100 ms. `--messages 50000` is quick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode
from zoneinfo import ZoneInfo

import httpx

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
TARGET_MS = 100.0

COMPANIES = [
    ("Northwind Card", "America/New_York", "https://www.northwindcard.com/help/chat"),
    ("Contoso Mobile", "America/Chicago", "https://help.contoso-mobile.com/chat"),
    ("Fabrikam Air", "America/Los_Angeles", "https://www.fabrikam-air.com/support/chat"),
    ("Woodgrove Bank", "Europe/London", "https://secure.woodgrovebank.com/messages"),
    ("Tailspin Insurance", "America/Denver", "https://www.tailspin-insurance.com/claims/chat"),
    ("Litware Power", "America/New_York", "https://www.litwarepower.com/contact/chat"),
    ("Adatum Broadband", "Australia/Sydney", "https://support.adatum.net/chat"),
    ("Proseware Telecom", "Europe/Berlin", "https://www.proseware.de/hilfe/chat"),
]
AGENTS = ["Jessica", "Marcus", "Priya", "Daniel", "Aisha", "Tom", "Sofia", "Kenji", "Olivia", "Rafael", "Grace", "Omar"]
GREETINGS = [
    "Hi, I'm {agent}. How can I help you today?",
    "Thanks for contacting {company}. My name is {agent}, what can I do for you?",
    "Hello! {agent} here from the {company} support team.",
]
AGENT_LINES = [
    "I've waived the ${n} late fee; you'll see the credit within 1-2 billing cycles.",
    "Your reference number is {ref}.",
    "I have escalated this to our billing team, case #{n}.",
    "A replacement card will arrive in 5-7 business days.",
    "I can see the payment of ${n}.00 posted to your account on the 3rd.",
    "Let me check that for you, one moment please.",
    "We will call you back within 48 hours at the number on file.",
    "I've credited {n} bonus points to your rewards account.",
    "I've applied a ${n} credit to your account for the outage.",
    "The refund of ${n}.{c:02d} has been processed and should post in 3-5 business days.",
    "I understand how frustrating that is, and I apologize for the inconvenience.",
    "Is there anything else I can help you with today?",
    "Could you confirm the last four digits of the account number?",
    "I've updated the autopay date on your account to the {d}th.",
    "A technician is scheduled for Thursday between 8 AM and 12 PM.",
    "I've removed the roaming charges from your bill; the adjustment number is {ref}.",
    "Your claim {ref} has been approved and the payment is on its way.",
    "I'm sorry, the fee cannot be reversed, but I can set up a payment plan.",
    "Your flight has been rebooked; the new confirmation code is {ref}.",
    "The dispute has been opened and a provisional credit of ${n} will appear.",
]
CUSTOMER_LINES = [
    "I was charged a late fee but I paid on time.",
    "Can you remove the ${n} charge from my statement?",
    "My flight was cancelled and I need a refund.",
    "ok",
    "Thanks, that helps a lot!",
    "When will I see the credit on my account?",
    "The technician never showed up on Thursday.",
    "I'd like to dispute a transaction from last week.",
    "Why did my bill go up by ${n} this month?",
    "My internet has been down since yesterday morning.",
    "Can you send me a confirmation by email?",
    "I never received the replacement card.",
    "Please cancel the extra line on my plan.",
    "The payment was made on the {d}th, I have the receipt.",
    "Is the refund going back to my original card?",
]
FILLER = (
    "please thanks account bill statement payment charge card service plan customer number date time "
    "today tomorrow week month help issue problem update information email phone address order balance"
).split()
#: a word that appears in about one message in 20,000: the "rare word" query
RARE_WORD = "chargeback"


def _hex(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def _fill(rng: random.Random, line: str, agent: str, company: str) -> str:
    return line.format(
        agent=agent, company=company, n=rng.randint(5, 950), c=rng.randint(0, 99), d=rng.randint(1, 28),
        ref=f"{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.choice('ABCDEFGHJKLMNPRSTUVWXYZ')}{rng.randint(1000, 99999)}",
    )


def generate(path: Path, total: int, seed: int = 7) -> None:
    """Write an archive of `total` messages into the real schema (migrations, FTS triggers)."""
    sys.path.insert(0, str(HERE.parent))
    from archiver.store import Archive

    if path.exists():
        path.unlink()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    archive = Archive(path)
    conn = archive.db.conn
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -400000")
    rng = random.Random(seed)
    start = dt.datetime(2022, 1, 3, tzinfo=dt.timezone.utc)
    imported = "2025-06-01T12:00:00+00:00"
    made = conv_no = 0
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    while made < total:
        count = min(rng.randint(20, 100), total - made)
        company, tz, url = COMPANIES[conv_no % len(COMPANIES)] if rng.random() < 0.3 else rng.choice(COMPANIES)
        agent = rng.choice(AGENTS)
        conv_id = _hex("conversation", conv_no)
        source = hashlib.sha256(f"source {conv_no}".encode()).hexdigest()
        first = start + dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
        zone = ZoneInfo(tz)
        local0 = first.astimezone(zone)
        offset = local0.utcoffset() or dt.timedelta(0)  # a chat lasts an hour at most: one offset
        rows = []
        when = first
        for seq in range(count):
            if seq == 0:
                role, speaker, text = "agent", agent, _fill(rng, rng.choice(GREETINGS), agent, company)
            elif rng.random() < 0.5:
                role, speaker, text = "agent", agent, " ".join(
                    _fill(rng, rng.choice(AGENT_LINES), agent, company) for _ in range(rng.randint(1, 2)))
            else:
                role, speaker, text = "customer", "", _fill(rng, rng.choice(CUSTOMER_LINES), agent, company)
            if rng.random() < 0.3:
                text += " " + " ".join(rng.choices(FILLER, k=rng.randint(2, 8)))
            if rng.random() < 1 / 20000:
                text += f" This may become a {RARE_WORD}."
            local = (when + offset).replace(tzinfo=dt.timezone(offset))
            sent_at = local.isoformat()
            shown = f"{(local.hour % 12) or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"
            rows.append((_hex("message", conv_no, seq), conv_id, seq, role, speaker, text, sent_at, shown, "page", source, None))
            when += dt.timedelta(seconds=rng.randint(10, 90))
        conn.execute(
            "insert into sources (id, kind, path, url, title, saved_at, saved_at_basis, imported_at, parser, size, content)"
            " values (?, 'html', ?, ?, ?, ?, 'mtime', ?, 'liveperson', 0, x'')",
            [source, f"/home/user/chats/{company.split()[0].lower()}-{conv_no}.html", url, f"Chat | {company}",
             when.isoformat(), imported],
        )
        conn.execute(
            "insert into conversations (id, company, channel, title, url, tz, started_at, ended_at, widget, chat_date,"
            " date_basis, first_source_id, message_count) values (?, ?, 'web chat', ?, ?, ?, ?, ?, 'liveperson', ?, 'page', ?, ?)",
            [conv_id, company, f"Chat | {company}", url, tz, rows[0][6], rows[-1][6], rows[0][6][:10], source, count],
        )
        conn.executemany(
            "insert into messages (id, conversation_id, seq, role, speaker, text, sent_at, sent_at_text, time_basis,"
            " source_id, captured_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.executemany("insert into message_sources (message_id, source_id) values (?, ?)", [(r[0], source) for r in rows])
        made += count
        conv_no += 1
        if conv_no % 2000 == 0:
            print(f"  {made:,} messages, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    conn.execute("COMMIT")
    archive.close()
    print(f"generated {made:,} messages in {conv_no:,} conversations in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(path: Path, port: int) -> subprocess.Popen:
    exe = Path(sys.executable).with_name("chat-archiver")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "archiver"]
    return subprocess.Popen(cmd + ["serve", "--db", str(path), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_ready(client: httpx.Client, proc: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"serve exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            if client.get("/-/search").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise SystemExit("serve did not answer within a minute")


def timed(client: httpx.Client, urls: list[str], runs: int) -> tuple[list[float], int]:
    """Milliseconds per request over `runs` rounds of `urls` (after one warm-up each)."""
    for url in urls:
        client.get(url)
    times = []
    status = 200
    for _ in range(runs):
        for url in urls:
            t = time.perf_counter()
            r = client.get(url)
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                status = r.status_code
    return times, status


def cpu_ms(pid: int) -> float:
    """CPU time (user + system) the server process has used so far, in ms (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1_000_000, help="archive size (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per URL (default 30)")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the archive even if it exists")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"serve-{args.messages}.db"
    if args.regenerate or not path.exists():
        generate(path, args.messages)
    db = path.stem
    port = free_port()
    proc = serve(path, port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
            wait_ready(client, proc)
            import sqlite3

            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            rng = random.Random(1)
            total_conv = conn.execute("select count(*) from conversations").fetchone()[0]
            conv_ids = [r[0] for r in conn.execute(
                "select id from conversations where rowid in (%s)" % ",".join(
                    str(rng.randint(1, total_conv)) for _ in range(10)))]
            msg_ids = [r[0] for r in conn.execute("select id from messages where rowid in (%s)" % ",".join(
                str(rng.randint(1, args.messages)) for _ in range(10)))]
            sizes = {q: conn.execute("select count(*) from messages_fts where messages_fts match ?", [q]).fetchone()[0]
                     for q in ("account", RARE_WORD, '"late fee"', "refund*")}
            conn.close()
            queries = {"common word": "account", "rare word": RARE_WORD, "phrase": '"late fee"', "prefix": "refund*"}
            cases: list[tuple[str, list[str], bool]] = []
            for label, q in queries.items():
                cases.append((f"search JSON, {label} ({sizes[q]:,} hits)", [f"/{db}/messages.json?" + urlencode({"_search": q})], True))
            for label, q in queries.items():
                cases.append((f"search page, {label}", ["/-/search?" + urlencode({"q": q})], True))
            # a filter beside the search: Datasette counts by visiting every hit's row (no target)
            for label, q in queries.items():
                cases.append((f"search JSON + role=agent, {label}",
                              [f"/{db}/messages.json?" + urlencode({"_search": q, "role": "agent"})], False))
            for label, q in queries.items():
                cases.append((f"search page + role=agent, {label}",
                              ["/-/search?" + urlencode({"q": q, "role": "agent"})], False))
            cases.append(("conversation page (10 chats)", [f"/-/chat/{quote(c)}" for c in conv_ids], True))
            cases.append(("quote card (10 messages)", [f"/-/quote/{quote(m)}" for m in msg_ids], False))
            cases.append(("quote JSON (10 messages)", [f"/-/quote/{quote(m)}.json" for m in msg_ids], False))
            for label, q in queries.items():
                cases.append((f"table page HTML, {label}", [f"/{db}/messages?" + urlencode({"_search": q})], False))
            cases.append(("table page, no search", [f"/{db}/messages"], False))
            cases.append(("home page", ["/"], False))

            print(f"\n{args.messages:,} messages, {total_conv:,} conversations; {args.runs} timed requests per URL;"
                  f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            print(f"{'URL':<48} {'median ms':>10} {'p95 ms':>8} {'server CPU ms':>14}  target")
            missed = []
            for label, urls, target in cases:
                before = cpu_ms(proc.pid)
                times, status = timed(client, urls, max(1, args.runs // len(urls)) if len(urls) > 1 else args.runs)
                # CPU per request (warm-up included) says what a quiet machine would see
                cpu = (cpu_ms(proc.pid) - before) / (len(times) + len(urls))
                med = statistics.median(times)
                mark = ("ok" if med < TARGET_MS else "MISSED") if target else ""
                if status != 200:
                    mark += f" (HTTP {status})"
                if target and med >= TARGET_MS:
                    missed.append(label)
                print(f"{label:<48} {med:>10.1f} {p95(times):>8.1f} {cpu:>14.1f}  {mark}")
            print("\nall targets met" if not missed else f"\nmissed: {', '.join(missed)}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
