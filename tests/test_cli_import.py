"""The import and search commands, bad input first."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from archiver import fts
from archiver.cli import cli
from pages import CHAT, lp_page

SUMMARY_OK = "1 file: 1 imported, 1 conversation (1 new), 9 new messages, 0 already in the archive, 0 duplicate files skipped, 0 failed"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "archive.db")


def test_import_then_search(tmp_path: Path, db: str) -> None:
    page = tmp_path / "chat.html"
    page.write_text(lp_page(CHAT))
    code, out, err = run("import", str(page), "--db", db, "--tz", "America/New_York")
    assert (code, out.strip(), err) == (0, SUMMARY_OK, "")

    code, out, _ = run("search", '"late fee"', "--db", db, "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 2
    waived = next(h for h in hits if h["speaker"] == "Jessica")
    assert waived["text"] == "I've waived the $40 late fee. Your reference number is LF7731."
    assert waived["snippet"] == "I've waived the $40 **late fee**. Your reference number is LF7731."  # a phrase is one hit
    assert (waived["sent_at"], waived["role"], waived["company"]) == ("2025-03-04T10:44:00-05:00", "agent", "Northwind Card")
    assert set(waived) >= {"message_id", "conversation_id", "sent_at", "role", "speaker", "text", "snippet"}

    code, out, _ = run("search", "waive", "--db", db)  # porter: waive finds waived
    assert code == 0
    assert out.splitlines()[0] == "2025-03-04 10:44  Northwind Card  Jessica (agent)"
    assert out.splitlines()[1] == "    I've **waived** the $40 late fee. Your reference number is LF7731."
    assert out.splitlines()[2] == f"    message {waived['message_id']}"

    code, out, _ = run("search", "refer*", "--db", db, "--json")
    assert [h["message_id"] for h in json.loads(out)] == [waived["message_id"]]

    code, out, _ = run("search", "zebra", "--db", db)
    assert (code, out) == (0, "No messages match 'zebra'.\n")


def test_search_with_too_many_hits_to_rank_lists_newest_first(tmp_path: Path, db: str, monkeypatch) -> None:
    """Past fts.RANK_MAX_HITS the CLI orders like the search page: newest archived first, and says so."""
    page = tmp_path / "chat.html"
    page.write_text(lp_page(CHAT))
    assert run("import", str(page), "--db", db, "--tz", "America/New_York")[0] == 0
    code, out, err = run("search", '"late fee"', "--db", db)
    assert code == 0 and err == ""
    monkeypatch.setattr(fts, "RANK_MAX_HITS", 1)
    code, out, err = run("search", '"late fee"', "--db", db)
    assert code == 0
    # the agent's reply was archived after the customer's complaint, so it comes first
    assert [line.split("  ")[-1] for line in out.splitlines() if not line.startswith(" ")] == [
        "Jessica (agent)", "customer",
    ]
    assert err == (
        "2 messages match, too many to rank by relevance: the newest archived come first."
        " Add words or a phrase to rank them.\n"
    )


@pytest.mark.parametrize("query", ['"late fee', "fee AND", "(late", "late:fee"])
def test_malformed_query_is_one_line_and_exit_1(tmp_path: Path, db: str, query: str) -> None:
    page = tmp_path / "chat.html"
    page.write_text(lp_page(CHAT))
    run("import", str(page), "--db", db)
    code, out, err = run("search", query, "--db", db)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"Error: cannot search for {query!r}: ")


def test_search_without_an_archive(tmp_path: Path) -> None:
    code, _, err = run("search", "fee", "--db", str(tmp_path / "none.db"))
    assert code == 1 and err.strip() == f"Error: no archive at {tmp_path / 'none.db'}: import some chats first"


def test_folder_of_mixed_files(tmp_path: Path, db: str) -> None:
    folder = tmp_path / "saved"
    (folder / "2025").mkdir(parents=True)
    (folder / "good.html").write_text(lp_page(CHAT))
    (folder / "2025" / "other.htm").write_text(lp_page([("agent", "Omar", "Hello from Omar", "2:00 PM")], started="3/5/2025"))
    (folder / "binary.html").write_bytes(os.urandom(4096))
    (folder / "empty.html").write_bytes(b"")
    (folder / "article.html").write_text("<html><head><title>News</title></head><body><p>Rates rise.</p></body></html>")
    (folder / "cut.html").write_text(lp_page(CHAT)[:1500])
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (folder / "notes.txt").write_text("remember to call")
    missing = tmp_path / "missing.html"

    code, out, err = run("import", str(folder), str(missing), "--db", db, "--silent")

    assert code == 1
    assert sorted(err.strip().splitlines()) == sorted(
        [
            f"Error: {folder / 'article.html'}: no chat transcript was found in it",
            f"Error: {folder / 'binary.html'}: this looks like binary data, not a saved web page",
            f"Error: {folder / 'cut.html'}: the page is truncated (it stops before </html>); save it again",
            f"Error: {folder / 'empty.html'}: the file is empty",
            f"Error: {missing}: no such file",
        ]
    )
    assert out.strip() == (
        "7 files: 2 imported, 2 conversations (2 new), 11 new messages, 0 already in the archive,"
        " 0 duplicate files skipped, 5 failed, 2 other files ignored"
    )
    conn = sqlite3.connect(db)
    assert conn.execute("select count(*) from sources").fetchone()[0] == 2
    assert conn.execute("select count(*) from messages").fetchone()[0] == 11


def test_bad_options_fail_before_anything_is_written(tmp_path: Path, db: str) -> None:
    page = tmp_path / "chat.html"
    page.write_text(lp_page(CHAT))
    code, _, err = run("import", str(page), "--db", db, "--tz", "Mars/Olympus")
    assert code == 1
    assert err.strip() == "Error: unknown time zone 'Mars/Olympus': use an IANA name such as America/New_York or Europe/London"
    code, _, err = run("import", str(page), "--db", db, "--date", "March 4")
    assert (code, err.strip()) == (1, "Error: --date must look like 2025-03-04, not 'March 4'")
    assert not Path(db).exists()


def test_large_page_imports(tmp_path: Path, db: str) -> None:
    # 50 MB of inlined resources around a small chat, as "complete" saves produce
    blob = "A" * (1024 * 1024)
    filler = "".join(f'<img alt="" src="data:image/png;base64,{blob}">' for _ in range(50))
    page = tmp_path / "big.html"
    page.write_text(lp_page(CHAT, filler=filler))
    assert page.stat().st_size > 50 * 1024 * 1024
    code, out, err = run("import", str(page), "--db", db, "--tz", "America/New_York")
    assert (code, out.strip()) == (0, SUMMARY_OK), err


def test_deeply_nested_markup_imports(tmp_path: Path, db: str) -> None:
    depth = 50_000
    filler_open, filler_close = "<div>" * depth, "</div>" * depth
    html = lp_page(CHAT).replace('<div id="lpChat">', filler_open + '<div id="lpChat">').replace("</body>", filler_close + "</body>")
    page = tmp_path / "deep.html"
    page.write_text(html)
    code, out, err = run("import", str(page), "--db", db, "--tz", "America/New_York")
    assert (code, out.strip()) == (0, SUMMARY_OK), err


def test_progress_bar_on_stderr_for_many_files(tmp_path: Path, db: str) -> None:
    for i in range(3):
        (tmp_path / f"c{i}.html").write_text(lp_page([("agent", "Ann", f"Message {i}", "9:00 AM")], started=f"3/{i + 1}/2025"))
    code, out, err = run("import", str(tmp_path), "--db", db)
    assert code == 0
    assert "Importing" in err
    assert out.startswith("3 files: 3 imported")
    code, out, err = run("import", str(tmp_path), "--db", str(tmp_path / "x.db"), "--silent")
    assert (code, err) == (0, "")


def test_ctrl_c_mid_import_leaves_a_consistent_archive(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(400):
        lines = [("agent", "Ann", f"Hello {i}, how can I help?", "9:00 AM")] + [
            ("customer" if j % 2 else "agent", "" if j % 2 else "Ann", f"line {j} of chat {i}", "9:01 AM") for j in range(60)
        ]
        (folder / f"chat{i:03}.html").write_text(lp_page(lines, started=f"1/{i % 28 + 1}/2025", url=f"https://bank{i}.example.com/"))
    db = tmp_path / "a.db"
    proc = subprocess.Popen(
        [sys.executable, "-m", "archiver", "import", str(folder), "--db", str(db), "--silent"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # as from a terminal: a suite started in the background (`make test &`) ignores SIGINT,
        # the import would inherit that and never see the Ctrl-C this test sends
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        time.sleep(0.2)
        if db.exists():
            try:
                done = sqlite3.connect(db).execute("select count(*) from sources").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if done >= 20:
                break
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0, err.decode(errors="replace")[-2000:]
    assert b"Traceback" not in err
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    sources = conn.execute("select count(*) from sources").fetchone()[0]
    assert 20 <= sources < 400
    # every source that landed brought its whole conversation: 62 messages each
    counts = conn.execute("select count(*) from message_sources group by source_id").fetchall()
    assert counts == [(62,)] * sources
    assert conn.execute("select count(*) from messages").fetchone()[0] == 62 * sources
    fts = conn.execute("select count(*) from messages_fts where messages_fts match 'line'").fetchone()[0]
    assert fts == 60 * sources


def test_search_output_carries_no_terminal_escape_sequences(tmp_path: Path, db: str) -> None:
    page = tmp_path / "chat.html"
    page.write_text(lp_page([("agent", "Jo\x1b[2J", "Your fee \x1b]0;pwned\x07is waived", "9:00 AM")]))
    run("import", str(page), "--db", db, "--company", "Evil\x1b[31mCorp")
    code, out, _ = run("search", "waived", "--db", db)
    assert code == 0 and "waived" in out
    assert "\x1b" not in out and "\x07" not in out


def test_a_parser_bug_fails_one_file_and_the_folder_goes_on(tmp_path: Path, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from archiver.parsers import liveperson

    real = liveperson.parse

    def buggy(soup):
        if "Boom" in soup.get_text():
            raise IndexError("list index out of range")
        return real(soup)

    monkeypatch.setattr(liveperson, "parse", buggy)
    (tmp_path / "a.html").write_text(lp_page([("agent", "Ann", "Boom", "9:00 AM")]))
    (tmp_path / "b.html").write_text(lp_page(CHAT))
    code, out, err = run("import", str(tmp_path), "--db", db, "--silent")
    assert code == 1
    assert f"Error: {tmp_path / 'a.html'}: internal error while reading it (IndexError: list index out of range); please report this file" in err
    assert out.startswith("2 files: 1 imported")
    assert "Traceback" not in err


def test_an_xhtml_page_imports_without_parser_chatter(tmp_path: Path, db: str) -> None:
    """A page saved with an XML declaration is read as HTML, as the browser read it, and bs4's
    warning about that stays out of the person's terminal."""
    page = tmp_path / "chat.xhtml.html"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n' + lp_page(CHAT))
    result = subprocess.run(
        [sys.executable, "-m", "archiver", "import", str(page), "--db", db, "--tz", "America/New_York"],
        capture_output=True, text=True, timeout=120,
    )
    assert (result.returncode, result.stdout.strip(), result.stderr) == (0, SUMMARY_OK, "")
