"""Live capture of a chat that opens in a window of its own (tests/sites/popup/).

The opener page (the bank's site) opens the in-page LivePerson mock from the
widget origin in a popup after load, with no user gesture, or by clicking a
target=_blank link. The collector is given the opener's address only.
"""

from __future__ import annotations

import gzip
import signal
from pathlib import Path

import pytest

from archiver.model import Document
from archiver.parsers import find_chat
from archiver.sources import load_page
from sites.server import MockSites
from test_collect import SAID, Runs, expected_rows, finish, messages, query, shape, snapshot, texts, wait_until


@pytest.fixture(scope="module")
def sites():
    with MockSites() as s:
        yield s


@pytest.fixture
def runs(tmp_path: Path):
    r = Runs(tmp_path)
    yield r
    r.cleanup()


def snapshot_chats(db: Path, run_source: str, tmp_path: Path) -> tuple[list | None, list]:
    """(role, speaker, text) of the chat in the final snapshot's MHTML (None: it has
    none, the window went before one was taken) and in its serialized HTML."""
    snap, files = snapshot(db, run_source)
    assert snap["url"].startswith("http://localhost:"), "the snapshot is of the chat's window, not the opener"
    main = gzip.decompress(snap["content"])
    if not files:
        assert main.startswith(b"<!DOCTYPE html>")
        return None, rows_of(find_chat([Document(html=main.decode("utf-8"))]))
    assert [f["path"] for f in files] == ["snapshot.html"]
    html = find_chat([Document(html=gzip.decompress(files[0]["content"]).decode("utf-8"))])
    mhtml = tmp_path / "snapshot.mhtml"
    mhtml.write_bytes(main)
    return rows_of(find_chat(load_page(mhtml).documents)), rows_of(html)


def rows_of(chat) -> list[tuple[str, str, str]]:
    return [(m.role, m.speaker, m.text) for m in chat.messages]


@pytest.mark.parametrize("via", ["open", "link"])
def test_a_chat_in_a_popup_is_captured_and_closing_it_ends_the_run(
    via: str, sites: MockSites, runs: Runs, tmp_path: Path
) -> None:
    chat = f"popup-{via}"
    proc = runs.start(sites.url("popup", chat, count=3, gap=300, hold=1, via=via))

    # the greeting reaches the archive while the chat waits for the customer
    wait_until(lambda: "Hi, I'm Jessica. How can I help you today?" in texts(runs.db), what="the greeting")
    assert proc.poll() is None
    sites.command(chat, {"type": "continue"})
    sites.wait_shown(chat, 4)
    sites.say(chat, SAID)
    want = expected_rows("inpage", SAID, 3)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the whole chat stored")
    assert proc.poll() is None, "still running while the chat window is open"

    # the person closes the chat window; the opener page stays open
    sites.command(chat, {"type": "close"})
    out, _ = finish(proc)

    rows = messages(runs.db)
    assert shape(rows) == want
    conv = query(runs.db, "select * from conversations")
    assert [(c["company"], c["widget"], c["message_count"]) for c in conv] == [("Northwind Card", "liveperson", len(want))]
    assert "Stopped: the browser window was closed." in out
    assert f"Conversation {conv[0]['id']} with Northwind Card" in out
    assert f"{len(want)} messages captured, {len(want)} new to the archive." in out
    assert "(MHTML and HTML)" in out

    from_mhtml, from_html = snapshot_chats(runs.db, rows[0]["source_id"], tmp_path)
    assert from_html == want
    # the MHTML is refreshed after new messages, so the closed window's last one
    # holds the chat as it was then: its beginning at least
    assert from_mhtml and from_mhtml == want[: len(from_mhtml)]


def test_closing_the_opener_does_not_end_a_chat_still_open_in_its_popup(
    sites: MockSites, runs: Runs, tmp_path: Path
) -> None:
    chat = "popup-opener-closed"
    # the page given opens the bank's help page in a window, and that page opens
    # the chat: the help page, the chat's opener, is one its script may close
    proc = runs.start(sites.url("popup", chat, count=2, gap=300, hold=1, launch=1))
    wait_until(lambda: len(messages(runs.db)) == 2, what="the system line and greeting")

    sites.command(chat, {"type": "close-opener"})
    sites.wait_event(chat, "opener closed")
    # the chat goes on in its window, and is still kept
    sites.command(chat, {"type": "continue"})
    sites.wait_shown(chat, 3)
    sites.say(chat, SAID)
    want = expected_rows("inpage", SAID, 2)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the rest of the chat stored")
    assert proc.poll() is None, "the run goes on without its opener"

    proc.send_signal(signal.SIGINT)
    out, _ = finish(proc)
    assert shape(messages(runs.db)) == want
    assert "Stopped: interrupted (Ctrl+C)." in out
    assert "(MHTML and HTML)" in out
    # the window was still there: a fresh snapshot of the whole chat
    from_mhtml, from_html = snapshot_chats(runs.db, messages(runs.db)[0]["source_id"], tmp_path)
    assert from_mhtml == from_html == want


def test_a_popup_that_leaves_the_chats_site_ends_the_run(sites: MockSites, runs: Runs, tmp_path: Path) -> None:
    chat = "popup-navigated"
    proc = runs.start(sites.url("popup", chat, count=1, gap=300))
    want = expected_rows("inpage", "", 1)
    wait_until(lambda: len(messages(runs.db)) == len(want), what="the chat stored")

    # the chat's window goes to the bank's own site (another origin than the chat's)
    sites.command(chat, {"type": "navigate", "url": f"{sites.page_origin}/elsewhere/index.html"})
    out, _ = finish(proc)
    assert "Stopped: the tab left the chat's site." in out
    assert shape(messages(runs.db)) == want
    # the snapshot is of the chat, not of the page the window went to
    from_mhtml, from_html = snapshot_chats(runs.db, messages(runs.db)[0]["source_id"], tmp_path)
    assert from_html == want
    if from_mhtml is not None:  # taken half a second after the first message, if the window was still there
        assert from_mhtml == want[: len(from_mhtml)]
    assert ("(MHTML and HTML)" in out) == (from_mhtml is not None)


# -- which window's end ends the run, on its own -------------------------------------


def ending_after(events: list[tuple[str, str]]) -> tuple[str | None, str | None]:
    """Play window events on a run's bookkeeping (no browser): ("open", name) a
    window opens, ("chat", name) it shows a chat, ("closed" / "crashed" / "navigated", name) it goes or
    leaves the chat's site. Windows are opened in the order first named; the
    first is the page collect was given. Returns (ending, the snapshot's window)."""
    from archiver.collector import CollectOptions, _Run, _Tab

    run = _Run("http://bank.test/", None, CollectOptions(profile=Path("unused")), None, None)
    names: dict[str, _Tab] = {}
    for what, name in events:
        tab = names.get(name)
        if tab is None:
            tab = names[name] = run.tabs[name] = _Tab(name, len(names))
        if what == "open":
            continue
        if what == "chat":
            run._hold(tab)
        elif what == "navigated":
            run._release(tab, "navigated")
        else:
            run._gone(tab, what)
    return run.ended, run.chat_tab.page if run.chat_tab else None


@pytest.mark.parametrize(
    "events, ending, window",
    [
        # the bank's page opened the chat in a popup; the person closes the bank's page, then the chat
        ([("chat", "popup"), ("closed", "first")], None, "popup"),
        ([("chat", "popup"), ("closed", "first"), ("closed", "popup")], "closed", "popup"),
        # closing the chat window ends it even though the bank's page is still open
        ([("chat", "popup"), ("closed", "popup")], "closed", "popup"),
        ([("chat", "popup"), ("crashed", "popup")], "crashed", "popup"),
        ([("chat", "popup"), ("navigated", "popup")], "navigated", "popup"),
        # an unrelated tab closing or leaving ends nothing
        ([("chat", "popup"), ("closed", "other"), ("navigated", "other")], None, "popup"),
        # a page without a chat, closed before its chat window showed one: wait for it
        ([("open", "first"), ("open", "popup"), ("closed", "first")], None, None),
        ([("open", "first"), ("open", "popup"), ("closed", "first"), ("chat", "popup")], None, "popup"),
        # every window closed, no chat ever: closed
        ([("closed", "first")], "closed", None),
        # a chat in the page, popped out into a window: the newer window is the chat's;
        # closing it leaves the chat in the page, which still ends the run when it goes
        ([("chat", "first"), ("chat", "popup"), ("closed", "popup")], None, "first"),
        ([("chat", "first"), ("chat", "popup"), ("closed", "popup"), ("closed", "first")], "closed", "first"),
        ([("chat", "first"), ("chat", "popup"), ("navigated", "first")], None, "popup"),
        ([("chat", "first"), ("chat", "popup"), ("navigated", "first"), ("closed", "popup")], "closed", "popup"),
    ],
)
def test_the_run_ends_when_no_window_holds_the_chat(events, ending, window) -> None:
    assert ending_after(events) == (ending, window)
