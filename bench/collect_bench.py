"""Live capture benchmark: how soon a message is committed, and what an idle chat costs.

Runs `chat-archiver collect --headless` on the mock chat sites (tests/sites/) while
their scripted agent posts messages. Latency is the time from the moment the
widget appended a message (performance.timeOrigin + performance.now(), which
the mock records) to the moment its row is visible in the archive (this script
reads the database every few milliseconds). Idle CPU is read from /proc for the
collector and every process under it (Playwright's driver, Chromium) while the
chat sits still. Prints plain figures; `make bench` runs it.

    python bench/collect_bench.py [--messages 50] [--gap 400] [--idle 20]
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from sites.server import MockSites  # noqa: E402

CLK_TCK = os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def descendants(pid: int) -> list[int]:
    """pid and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu_ticks(pid: int) -> int | None:
    """utime + stime of one process, in clock ticks."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def kind(pid: int, root: int) -> str:
    if pid == root:
        return "collector (python)"
    try:
        exe = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")[0]
    except OSError:
        return "other"
    if b"node" in exe:
        return "playwright driver (node)"
    if b"chrom" in exe:
        return "chromium (all processes)"
    return "other"


def idle_cpu(root: int, seconds: float) -> dict[str, float]:
    """CPU use, in % of one core, of root and its descendants over `seconds`."""
    before = {p: cpu_ticks(p) for p in descendants(root)}
    time.sleep(seconds)
    after = {p: cpu_ticks(p) for p in descendants(root)}
    use: dict[str, float] = {}
    for pid, end in after.items():
        if end is None:
            continue
        start = before.get(pid) or 0
        k = kind(pid, root)
        use[k] = use.get(k, 0.0) + (end - start) / CLK_TCK / seconds * 100
    return use


class Watcher:
    """Reads new message rows as soon as they are committed, noting when."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.con: sqlite3.Connection | None = None
        self.last = 0
        self.seen: dict[str, float] = {}

    def poll(self) -> None:
        if self.con is None:
            if not self.db.exists():
                return
            self.con = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        try:
            rows = self.con.execute("select rowid, text from messages where rowid > ?", [self.last]).fetchall()
        except sqlite3.OperationalError:
            return  # schema not there yet
        now = time.time() * 1000
        for rowid, text in rows:
            self.last = max(self.last, rowid)
            self.seen.setdefault(text, now)


def run_site(sites: MockSites, site: str, messages: int, gap: int, idle: float, tmp: Path, **params: int) -> None:
    label = "popup (the page opens the chat in a window of its own)" if site == "popup" else site
    label += f" + {params['filler']} filler paragraphs" if params.get("filler") else ""
    label += " + a clock ticking every second" if params.get("ticker") else ""
    chat = f"bench-{site}-{len(params)}"
    db = tmp / f"{chat}.db"
    url = sites.url(site, chat, count=messages - 1, gap=gap, **params)
    cmd = [sys.executable, "-m", "archiver", "collect", url, "--db", str(db), "--profile", str(tmp / f"profile-{chat}"),
           "--headless"]
    errors = tmp / f"{chat}.stderr"
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors.open("w"), text=True)
    watcher = Watcher(db)
    try:
        deadline = time.monotonic() + 60 + messages * gap / 1000
        while time.monotonic() < deadline:
            watcher.poll()
            shown = sites.shown(chat)
            if len(shown) >= messages and all(m["text"] in watcher.seen for m in shown):
                break
            time.sleep(0.005)
        shown = sites.shown(chat)
        latencies = [watcher.seen[m["text"]] - m["shown"] for m in shown if m["text"] in watcher.seen]
        missing = len(shown) - len(latencies)
        print(f"\n{label}: {len(shown)} messages, one every {gap} ms")
        if not shown:
            print("  the widget showed nothing; the collector said:", errors.read_text()[-600:] or "(nothing)")
        if latencies:
            print(
                f"  latency shown -> committed: median {statistics.median(latencies):.0f} ms,"
                f" p95 {percentile(latencies, 95):.0f} ms, max {max(latencies):.0f} ms"
                + (f"; {missing} never committed" if missing else "")
            )
        if idle:
            time.sleep(2)  # let the last snapshot refresh finish
            print(f"  idle for {idle:.0f} s with no new message, CPU in % of one core:")
            use = idle_cpu(proc.pid, idle)
            for name in ("collector (python)", "playwright driver (node)", "chromium (all processes)", "other"):
                if name in use:
                    print(f"    {name:<26} {use[name]:5.2f} %")
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=50, help="agent messages per site")
    parser.add_argument("--gap", type=int, default=400, help="milliseconds between agent messages")
    parser.add_argument("--idle", type=float, default=20, help="seconds of idle chat to measure CPU over")
    args = parser.parse_args()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"chat-archiver collect benchmark ({os.cpu_count()} CPUs, load average {load}, headless Chromium)")
    with MockSites() as sites, tempfile.TemporaryDirectory() as tmp:
        run_site(sites, "inpage", args.messages, args.gap, args.idle, Path(tmp))
        run_site(sites, "iframe", args.messages, args.gap, 0, Path(tmp))
        run_site(sites, "shadow", args.messages, args.gap, 0, Path(tmp))
        run_site(sites, "popup", args.messages, args.gap, 0, Path(tmp))
        run_site(sites, "inpage", args.messages, args.gap, args.idle, Path(tmp), filler=5000)
        # the worst case for re-reading the page on every change: a big page that never stops changing
        run_site(sites, "inpage", 10, args.gap, args.idle, Path(tmp), filler=5000, ticker=1)
    print(f"\nload average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
