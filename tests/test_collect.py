"""Live capture end to end: `chat-archiver collect` in a subprocess, real headless
Chromium, mock chat sites (tests/sites/) whose scripted agent talks over time.

The test reads the archive while the collector runs, types into the widget
through the site's command queue, and ends runs every way a person would.
Expected rows are written from the sites' scripts; the times come from what
the mock widget itself displayed (its log), never from the collector.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import gzip
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from archiver.browser import browser
from archiver.collector import stamp_capture_time
from archiver.model import Document, Message, Transcript
from archiver.parsers import find_chat
from archiver.sources import load_page
from sites.server import MockSites

TZ = "America/New_York"
NY = ZoneInfo(TZ)
CLI = [sys.executable, "-m", "archiver"]
SAID = 'Please take the <b>$40</b> fee off & "close" the case'
AGENT = {"inpage": "Jessica", "iframe": "Sam", "shadow": "Owen"}
COMPANY = {"inpage": "Northwind Card", "iframe": "Contoso Bank", "shadow": "Harborline Card"}
PARSER = {"inpage": "liveperson", "iframe": "liveperson", "shadow": "salesforce"}
#: the agent's scripted lines after its greeting (tests/sites/agent.js); past the
#: fourth they repeat with the step number, "(5)", "(6)", ...
LINES = [
    "I can see your account now.",
    "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles.",
    "Your reference number is LF7731.",
    "Is there anything else I can help with?",
]


@pytest.fixture(scope="module")
def sites():
    with MockSites() as s:
        yield s


def chromium_pids(marker: str) -> list[int]:
    """Chromium processes whose command line names `marker` (our profile folder)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            cmd = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmd and b"chrom" in cmd.split(b"\0")[0].split(b" ")[0]:
            pids.append(int(entry))
    return pids


def browser_process(marker: str) -> int:
    """The main browser process (not a renderer or helper) using profile `marker`."""
    for pid in chromium_pids(marker):
        if b"--type=" not in Path(f"/proc/{pid}/cmdline").read_bytes():
            return pid
    raise LookupError("no browser process")


class Runs:
    """Collector subprocesses started by one test, all cleaned up after it."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.db = tmp / "archive.db"
        self.procs: list[subprocess.Popen[str]] = []

    def start(self, url: str, *args: str, profile: str = "profile") -> subprocess.Popen[str]:
        cmd = [*CLI, "collect", url, "--db", str(self.db), "--profile", str(self.tmp / profile),
               "--headless", "--tz", TZ, *args]
        # its own process group, like a command started from a terminal
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.procs.append(proc)
        return proc

    def cleanup(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        # Playwright's driver closes the browser when its client dies; make sure
        deadline = time.monotonic() + 10
        while chromium_pids(str(self.tmp)) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = chromium_pids(str(self.tmp))
        for pid in left:
            os.kill(pid, signal.SIGKILL)
        assert not left, "a browser outlived its collector"


@pytest.fixture
def runs(tmp_path: Path):
    r = Runs(tmp_path)
    yield r
    r.cleanup()


def query(db: Path, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
    """Read the archive the way another program would, while the collector writes."""
    if not db.exists():
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    con.row_factory = sqlite3.Row
    try:
        return con.execute(sql, params).fetchall()
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []  # the schema is being created
        raise
    finally:
        con.close()


def messages(db: Path) -> list[sqlite3.Row]:
    return query(db, "select * from messages order by seq")


def texts(db: Path) -> list[str]:
    return [r["text"] for r in messages(db)]


def wait_until(predicate, timeout: float = 20.0, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def finish(proc: subprocess.Popen[str], timeout: float = 30) -> tuple[str, str]:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    return out, err


def at(epoch_ms: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch_ms / 1000, NY)


def check_times(site: str, rows: list[sqlite3.Row], shown: list[dict], started: dt.datetime) -> None:
    """Each row's time against what the widget displayed, by the site's time style."""
    system = [r for r in rows if r["role"] == "system"]
    chat_rows = [r for r in rows if r["role"] != "system"]
    assert len(chat_rows) == len(shown)
    for row, m in zip(chat_rows, shown):
        assert row["time_basis"] == "captured"
        sent = dt.datetime.fromisoformat(row["sent_at"])
        assert sent.utcoffset() == at(m["ts"]).utcoffset()
        if site == "inpage":
            # a clock time: the minute shown, on the day it was shown
            assert row["sent_at_text"] == m["time_text"].replace("\u202f", " ")
            assert sent == at(m["ts"]).replace(second=0, microsecond=0)
        else:
            # "Just now" or nothing: the capture instant, just after it appeared
            assert row["sent_at_text"] == ("Just now" if site == "iframe" else "")
            assert at(m["shown"]).replace(microsecond=0) <= sent <= at(m["shown"]) + dt.timedelta(seconds=5)
    for row in system:
        sent = dt.datetime.fromisoformat(row["sent_at"])
        assert (row["sent_at_text"], row["time_basis"]) == ("", "captured")
        assert started.replace(microsecond=0) <= sent <= dt.datetime.now(NY)


def expected_rows(site: str, said: str, lines: int) -> list[tuple[str, str, str]]:
    """(role, speaker, text) of the whole chat, from the site's script."""
    agent = AGENT[site]
    rows = [("system", "", "You are now chatting with Northwind Card")] if site == "inpage" else []
    rows.append(("agent", agent, f"Hi, I'm {agent}. How can I help you today?"))
    rows += [("agent", agent, line) for line in LINES[:lines]]
    if said:
        rows += [("customer", "", said), ("agent", agent, f"Thanks, I've noted: {said}")]
    return rows


def shape(rows: list[sqlite3.Row]) -> list[tuple[str, str, str]]:
    return [(r["role"], r["speaker"], r["text"]) for r in rows]


def snapshot(db: Path, run_source: str) -> tuple[sqlite3.Row, list[sqlite3.Row]]:
    """The run's final snapshot source (the live source that is not the run's) and its files."""
    rows = query(db, "select * from sources where kind = 'live' and id != ?", (run_source,))
    assert len(rows) == 1
    files = query(db, "select * from source_files where source_id = ? order by path", (rows[0]["id"],))
    return rows[0], files


# -- capture while the chat goes on ------------------------------------------------


@pytest.mark.parametrize("site", ["inpage", "iframe", "shadow"])
def test_messages_reach_the_archive_while_the_chat_goes_on(site: str, sites: MockSites, runs: Runs) -> None:
    chat = f"live-{site}"
    started = dt.datetime.now(NY)
    # the agent greets, then holds the rest of its script until the test says so
    proc = runs.start(sites.url(site, chat, count=3, gap=400, hold=1), "--exit-after-idle", "2")
    greeting = f"Hi, I'm {AGENT[site]}. How can I help you today?"

    wait_until(lambda: greeting in texts(runs.db), what="the greeting in the archive")
    assert proc.poll() is None, "the collector is still running"
    assert len(sites.shown(chat)) == 1, "the chat has only begun"

    sites.command(chat, {"type": "continue"})
    sites.wait_shown(chat, 4)
    sites.say(chat, SAID)
    sites.wait_shown(chat, 6)
    out, err = finish(proc)

    rows = messages(runs.db)
    assert shape(rows) == expected_rows(site, SAID, 3)
    check_times(site, rows, sites.shown(chat), started)
    assert [r["seq"] for r in rows] == list(range(len(rows)))
    conv = query(runs.db, "select * from conversations")
    assert len(conv) == 1
    assert (conv[0]["company"], conv[0]["widget"], conv[0]["message_count"]) == (COMPANY[site], PARSER[site], len(rows))
    assert {r["conversation_id"] for r in rows} == {conv[0]["id"]}

    # one run source (the messages' source) and the final snapshot, both "live"
    run_source = rows[0]["source_id"]
    assert {r["source_id"] for r in rows} == {run_source}
    snap, files = snapshot(runs.db, run_source)
    mhtml = email.message_from_bytes(gzip.decompress(snap["content"]), policy=email.policy.default)
    assert mhtml.get_content_type() == "multipart/related"
    assert mhtml.is_multipart()
    frame_files = ["snapshot.html", "snapshot_files/frame-1.html"] if site == "iframe" else ["snapshot.html"]
    assert [f["path"] for f in files] == frame_files
    # the stored HTML is the evidence the parsers read: it holds the same chat
    docs = [Document(html=gzip.decompress(f["content"]).decode("utf-8")) for f in files]
    chat_found = find_chat(docs)
    assert [(m.role, m.speaker, m.text) for m in chat_found.messages] == expected_rows(site, SAID, 3)
    linked = query(runs.db, "select message_id from message_sources where source_id = ?", (snap["id"],))
    assert {r["message_id"] for r in linked} == {r["id"] for r in rows}

    assert "Stopped: no new message arrived for the idle limit." in out
    assert f"Conversation {conv[0]['id']} with {COMPANY[site]}" in out
    assert f"{len(rows)} messages captured, {len(rows)} new to the archive." in out
    assert f"chat-archiver serve --db {runs.db}" in out and f"/-/chat/{conv[0]['id']}" in out


# -- nothing lost, nothing doubled ------------------------------------------------


def test_sigkill_mid_chat_keeps_everything_already_stored(sites: MockSites, runs: Runs) -> None:
    chat = "killed"
    proc = runs.start(sites.url("inpage", chat, count=20, gap=250))
    wait_until(lambda: len(messages(runs.db)) >= 4, what="four stored messages")
    before = [dict(r) for r in messages(runs.db)]
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    shown_at_kill = len(sites.shown(chat))

    con = sqlite3.connect(runs.db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        con.close()
    after = [dict(r) for r in messages(runs.db)]
    # everything read before the kill is still there, unchanged
    by_id = {r["id"]: r for r in after}
    assert all(by_id.get(r["id"]) == r for r in before)
    # and what is there is the chat's first messages, in order, none twice
    script = expected_rows("inpage", "", 4) + [
        ("agent", "Jessica", "I can see your account now. (5)"),
        ("agent", "Jessica", "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. (6)"),
        ("agent", "Jessica", "Your reference number is LF7731. (7)"),
        ("agent", "Jessica", "Is there anything else I can help with? (8)"),
        ("agent", "Jessica", "I can see your account now. (9)"),
    ]
    assert len(after) <= len(script), "killed well before the ninth line"
    assert shape(messages(runs.db)) == script[: len(after)]
    assert len(after) <= shown_at_kill + 1  # the system line is not one the agent showed
    wait_until(lambda: not chromium_pids(str(runs.tmp)), timeout=10, what="the browser to go with its collector")


@pytest.mark.parametrize("site", ["iframe"])
def test_a_second_run_on_the_same_chat_adds_no_duplicates(site: str, sites: MockSites, runs: Runs) -> None:
    chat = f"restart-{site}"
    url = sites.url(site, chat, count=2, gap=300)
    proc = runs.start(url)
    wait_until(lambda: len(messages(runs.db)) == 3, what="the first run's three messages")
    proc.send_signal(signal.SIGINT)
    first_out, _ = finish(proc)
    first = [dict(r) for r in messages(runs.db)]
    assert shape(messages(runs.db)) == expected_rows(site, "", 2)
    assert "3 messages captured, 3 new to the archive." in first_out

    # same profile, same chat: the widget re-renders its history (and again on a
    # reload within the run), then the chat goes on
    proc = runs.start(url)
    sites.wait_rendered(chat, 2)
    sites.command(chat, {"type": "reload"})
    sites.wait_rendered(chat, 3)
    sites.say(chat, "One more thing: is the card still active?")
    wait_until(lambda: len(messages(runs.db)) >= 5, what="the second run's new messages")
    proc.send_signal(signal.SIGINT)
    second_out, _ = finish(proc)

    rows = [dict(r) for r in messages(runs.db)]
    assert shape(messages(runs.db)) == expected_rows(site, "One more thing: is the card still active?", 2)
    # the first run's rows kept their ids, times and source
    assert rows[: len(first)] == first
    assert len({r["id"] for r in rows}) == len(rows)
    assert len(query(runs.db, "select * from conversations")) == 1
    assert "5 messages captured, 2 new to the archive." in second_out
    # two runs, two snapshots; the second snapshot vouches for all five messages
    sources = query(runs.db, "select id from sources order by imported_at")
    assert len(sources) == 4
    latest = query(
        runs.db,
        "select source_id, count(*) n from message_sources where source_id not in"
        " (select distinct source_id from messages) group by source_id order by n",
    )
    assert [r["n"] for r in latest] == [3, 5]


def save_complete_page(url: str, dest: Path, ready_text: str) -> Path:
    """Save the page the way Chrome's "Webpage, Complete" does: the page, with a
    "saved from" comment, and each frame as a file in NAME_files/."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    files = dest.with_name(dest.stem + "_files")
    with browser() as b:
        ctx = b.new_context(timezone_id=TZ)
        page = ctx.new_page()
        page.goto(url, wait_until="load")
        wait_until(lambda: any(ready_text in f.content() for f in page.frames), what="the widget to render")
        html = page.content()
        for i, frame in enumerate(f for f in page.frames if f != page.main_frame):
            files.mkdir(exist_ok=True)
            (files / f"widget{i}.html").write_text(frame.content(), encoding="utf-8")
            html = re.sub(r'(<iframe\b[^>]*?\bsrc=")[^"]*(")', rf"\g<1>./{files.name}/widget{i}.html\g<2>", html, count=1)
        ctx.close()
    doctype, rest = html.split(">", 1)
    dest.write_text(f"{doctype}>\n<!-- saved from url=({len(url):04d}){url} -->\n{rest}", encoding="utf-8")
    return dest


@pytest.mark.parametrize(
    "site, stop, ending",
    [("inpage", signal.SIGINT, "interrupted (Ctrl+C)"), ("iframe", signal.SIGTERM, "stopped by a termination signal")],
)
def test_live_capture_and_a_later_saved_page_are_one_conversation(
    site: str, stop: int, ending: str, sites: MockSites, runs: Runs, tmp_path: Path
) -> None:
    chat = f"merge-{site}"
    proc = runs.start(sites.url(site, chat, count=1, gap=300))  # no idle limit: ended by a signal
    sites.wait_shown(chat, 2)
    sites.say(chat, "Thanks, that's all.")
    want = expected_rows(site, "Thanks, that's all.", 1)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the whole chat stored")
    if stop == signal.SIGINT:
        os.killpg(proc.pid, stop)  # Ctrl+C in a terminal reaches the whole group, driver included
    else:
        proc.send_signal(stop)  # `kill PID`
    out, _ = finish(proc)
    assert f"Stopped: {ending}." in out
    assert "(MHTML and HTML)" in out  # the page was still there: a fresh snapshot
    live = [dict(r) for r in messages(runs.db)]
    assert shape(messages(runs.db)) == want

    saved = save_complete_page(
        sites.url(site, chat, count=1, gap=300, readonly=1), tmp_path / "saved" / "Chat.html", "that's all"
    )
    result = subprocess.run(
        [*CLI, "import", str(saved), "--db", str(runs.db), "--tz", TZ], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "0 new messages" in result.stdout

    assert [dict(r) for r in messages(runs.db)] == live
    assert len(query(runs.db, "select * from conversations")) == 1
    imported = query(runs.db, "select id, kind from sources where kind != 'live'")
    assert [r["kind"] for r in imported] == ["html-complete" if site == "iframe" else "html"]
    linked = query(runs.db, "select message_id from message_sources where source_id = ?", (imported[0]["id"],))
    assert {r["message_id"] for r in linked} == {r["id"] for r in live}


# -- how a run ends -----------------------------------------------------------------


def test_leaving_the_chats_site_ends_the_run_with_a_snapshot_of_the_chat(
    sites: MockSites, runs: Runs, tmp_path: Path
) -> None:
    chat = "navigated"
    proc = runs.start(sites.url("inpage", chat, count=1, gap=300))
    want = expected_rows("inpage", "", 1)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the chat stored")
    time.sleep(3)  # the evidence MHTML is refreshed half a second after new messages
    sites.command(chat, {"type": "navigate", "url": f"{sites.widget_origin}/elsewhere/index.html"})
    out, _ = finish(proc)
    assert "Stopped: the tab left the chat's site." in out
    assert shape(messages(runs.db)) == want
    snap, files = snapshot(runs.db, messages(runs.db)[0]["source_id"])
    # the snapshot is of the chat, not of the page the tab went to: import it
    mhtml = tmp_path / "snapshot.mhtml"
    mhtml.write_bytes(gzip.decompress(snap["content"]))
    page = load_page(mhtml)
    assert [(m.role, m.speaker, m.text) for m in find_chat(page.documents).messages] == want
    assert "Final snapshot kept as source" in out and "(MHTML and HTML)" in out


def test_closing_the_browser_ends_the_run_and_keeps_the_snapshot(sites: MockSites, runs: Runs) -> None:
    chat = "closed"
    proc = runs.start(sites.url("shadow", chat, count=1, gap=300))
    want = expected_rows("shadow", "", 1)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the chat stored")
    time.sleep(3)  # as above: let the MHTML refresh happen
    os.kill(browser_process(str(runs.tmp)), signal.SIGTERM)  # what quitting the browser does
    out, _ = finish(proc)
    assert "Stopped: the browser window was closed." in out
    snap, files = snapshot(runs.db, messages(runs.db)[0]["source_id"])
    assert gzip.decompress(snap["content"]).startswith(b"From: <Saved by Blink>")
    html = gzip.decompress(files[0]["content"]).decode()
    assert "I can see your account now." in html  # flattened out of the shadow roots


def test_a_page_without_a_chat_stores_nothing_and_says_so(sites: MockSites, runs: Runs) -> None:
    proc = runs.start(f"{sites.page_origin}/elsewhere/index.html", "--exit-after-idle", "1")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1
    assert err.strip().splitlines()[-1].startswith(f"Error: no chat appeared at {sites.page_origin}/elsewhere/index.html")
    assert "Traceback" not in err
    assert query(runs.db, "select * from sources") == []


# -- errors before anything starts -------------------------------------------------


def run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=60)


def bare_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """No browser anywhere: an empty PATH, a home and caches with nothing in them."""
    env = {"PATH": "", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8"}
    env.update(extra)
    return env


def test_no_browser_anywhere_says_how_to_install_one(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    r = run_cli(["collect", "https://chat.example.com/", "--db", str(db), "--headless"], bare_env(tmp_path))
    assert r.returncode == 1
    assert r.stderr == (
        "Error: no Chromium or Chrome found: install Chromium (Debian/Ubuntu: sudo apt-get install chromium;"
        " macOS: brew install --cask chromium; or: python -m playwright install chromium),"
        " or pass --browser-path / set CHAT_ARCHIVER_BROWSER\n"
    )
    assert not db.exists()


def test_a_bogus_browser_variable_is_named_in_the_error(tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    env = bare_env(tmp_path, CHAT_ARCHIVER_BROWSER="/nowhere/chrome")
    r = run_cli(["collect", "https://chat.example.com/", "--db", str(db)], env)
    assert r.returncode == 1
    assert r.stderr.startswith(
        "Error: CHAT_ARCHIVER_BROWSER names /nowhere/chrome, which is not an executable browser;"
        " name a Chromium or Chrome executable, or install Chromium (Debian/Ubuntu: sudo apt-get install chromium;"
    )
    assert len(r.stderr.splitlines()) == 1
    assert not db.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["ftp://bank.example.com/chat"], "Error: 'ftp://bank.example.com/chat' is not a web address: give the chat page's http(s):// URL\n"),
        (["https://bank.example.com/chat", "--tz", "Mars/Olympus"], "Error: unknown time zone 'Mars/Olympus': use an IANA name such as America/New_York or Europe/London\n"),
    ],
)
def test_bad_options_fail_before_anything_is_created(args: list[str], message: str, tmp_path: Path) -> None:
    db = tmp_path / "archive.db"
    r = run_cli(["collect", *args, "--db", str(db), "--headless", "--profile", str(tmp_path / "p")], dict(os.environ))
    assert (r.returncode, r.stderr) == (1, message)
    assert not db.exists() and not (tmp_path / "p").exists()


def test_a_profile_in_use_by_another_run_is_one_line(sites: MockSites, runs: Runs) -> None:
    url = sites.url("inpage", "profile-in-use", count=0)
    first = runs.start(url)
    wait_until(lambda: len(messages(runs.db)) >= 1, what="the first run to capture")
    second = runs.start(url)
    out, err = second.communicate(timeout=60)
    assert second.returncode == 1
    assert err == (
        f"Error: the browser profile {runs.tmp / 'profile'} is in use by another browser (another collect run?):"
        " close that one, or pass --profile with another folder\n"
    )
    assert first.poll() is None, "the first run carries on"
    os.killpg(first.pid, signal.SIGINT)
    finish(first)


def test_a_window_without_a_display_says_what_to_do(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    db = tmp_path / "archive.db"
    r = run_cli(["collect", "https://bank.example.com/chat", "--db", str(db), "--profile", str(tmp_path / "p")], env)
    assert (r.returncode, r.stderr) == (
        1,
        "Error: there is no display to open the browser window on (DISPLAY is not set):"
        " run it from a desktop session, or pass --headless for a chat that needs no typing\n",
    )
    assert not db.exists()


def test_an_unreachable_page_is_one_line(tmp_path: Path, runs: Runs) -> None:
    import socket

    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = runs.start(f"http://127.0.0.1:{port}/chat")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 1
    assert err.startswith(f"Error: cannot open http://127.0.0.1:{port}/chat: ")
    assert "ERR_CONNECTION_REFUSED" in err
    assert len(err.splitlines()) == 1


# -- the capture-time rule, on its own ------------------------------------------------


def test_capture_time_fills_only_messages_without_a_time() -> None:
    instant = dt.datetime(2025, 3, 4, 15, 42, 10, 900_000, tzinfo=dt.timezone.utc)
    msgs = [
        Message(0, "agent", "Jessica", "Hi", "10:41 AM", "2025-03-04T10:41:00-05:00", "captured"),
        Message(1, "customer", "", "Hello", "", None, None),
        Message(2, "agent", "Jessica", "Done", "Just now", "2025-03-04T10:42:10-05:00", "captured"),
    ]
    t = Transcript(company="Northwind Card", parser="liveperson", tz=TZ, messages=msgs)
    stamp_capture_time(t, instant)
    assert [(m.sent_at, m.time_basis) for m in t.messages] == [
        ("2025-03-04T10:41:00-05:00", "captured"),
        ("2025-03-04T10:42:10-05:00", "captured"),
        ("2025-03-04T10:42:10-05:00", "captured"),
    ]
