"""Live capture: a browser the person chats in, committing each message as it appears.

One extraction path: each frame's live DOM (open shadow roots flattened) becomes a
`Document` fed to the same parsers and store as `import`, one transaction per
update. Nothing polls: a MutationObserver in every frame and shadow root pings
Python through an exposed binding, and a capture follows ~0.1 s later.
Every page the context opens (chat popups, target=_blank tabs) is watched the same
way with its own state; the run follows whichever pages hold a chat, not the first.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import os
import re
import shlex
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from .browser import async_persistent_context, find_browser
from .errors import ArchiverError, BadOption, CaptureFailed, NoChatFound
from .identity import message_ids, source_id
from .importer import build_transcript
from .live import BINDING, OBSERVER_JS, SERIALIZE_JS
from .model import Document, Page, SourceFile, Transcript
from .parsers import find_chat
from .store import Archive
from .times import zone

#: wait this long after the first change before reading the DOM, so a burst of
#: mutations (a message rendering in steps) becomes one capture
DEBOUNCE = 0.1
#: the evidence MHTML is refreshed after new messages, at most this often, so a
#: closed window or a navigation away still leaves a recent one to store
SNAPSHOT_EVERY = 5.0
#: a frame's serialized HTML is cut off past this many characters
MAX_FRAME_CHARS = 50_000_000
#: how long one frame may take to serialize before it is skipped this time
FRAME_TIMEOUT = 10.0
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ENDINGS = {
    "closed": "the browser window was closed",
    "interrupted": "interrupted (Ctrl+C)",
    "terminated": "stopped by a termination signal",
    "idle": "no new message arrived for the idle limit",
    "navigated": "the tab left the chat's site",
    "crashed": "the page crashed",
}


@dataclass
class CollectOptions:
    """How to run a live capture."""

    #: the browser profile folder (kept between runs, so logins survive)
    profile: Path
    headless: bool = False
    browser_path: str | None = None
    #: stop after this many seconds without a new message (None: never)
    exit_after_idle: float | None = None
    tz: str | None = None
    company: str | None = None


@dataclass
class Update:
    """What one committed capture added."""

    conversation_id: str
    company: str
    new_messages: int
    messages: int  # shown in the chat now
    warnings: list[str] = field(default_factory=list)


@dataclass
class CollectResult:
    """The outcome of a live capture run."""

    url: str
    ended: str  # a key of ENDINGS
    conversation_ids: list[str]
    company: str | None
    messages_seen: int
    new_messages: int
    run_source_id: str | None
    snapshot_source_id: str | None
    snapshot_has_mhtml: bool = False
    #: the company each conversation is with (pages of one run may show different chats)
    companies: dict[str, str] = field(default_factory=dict)

    def summary(self, db_path: str) -> str:
        """A few lines for the person: what was kept and how to look at it."""
        lines = [f"Stopped: {ENDINGS.get(self.ended, self.ended)}."]
        plural = "" if self.messages_seen == 1 else "s"
        company = _CONTROL.sub("", self.company or "")  # named by the page: no terminal escapes
        for conv in self.conversation_ids:
            with_whom = _CONTROL.sub("", self.companies[conv]) if conv in self.companies else company
            lines.append(f"Conversation {conv} with {with_whom}")
        lines.append(f"{self.messages_seen} message{plural} captured, {self.new_messages} new to the archive.")
        if self.snapshot_source_id:
            what = "MHTML and HTML" if self.snapshot_has_mhtml else "HTML only: the page was gone before an MHTML could be taken"
            lines.append(f"Final snapshot kept as source {self.snapshot_source_id[:16]} ({what}).")
        lines.append(f"See it: chat-archiver serve --db {shlex.quote(db_path)}  then open /-/chat/{self.conversation_ids[-1]}")
        return "\n".join(lines)


def collect(
    url: str,
    archive: Archive,
    options: CollectOptions,
    on_update: Callable[[Update], None] | None = None,
) -> CollectResult:
    """Open `url` in Chromium and store every chat message as it appears.

    Pages the chat page opens (popups, new tabs) are watched too. Runs until the
    window holding the chat is closed (or every window is), SIGINT/SIGTERM,
    `exit_after_idle` seconds without a new message, or the chat's window leaves
    the chat's site; then stores a final snapshot of that window as a source. Raises CaptureFailed when the browser or page
    cannot be opened, NoChatFound when no chat ever appeared.
    """
    check(url, options)
    run = _Run(url, archive, options, zone(options.tz), on_update)
    result = asyncio.run(run.main())
    if not result.conversation_ids:
        raise NoChatFound(
            f"no chat appeared at {url} before the run ended ({ENDINGS.get(result.ended, result.ended)}); nothing was stored"
        )
    return result


def check(url: str, options: CollectOptions) -> None:
    """Refuse what cannot work (address, zone, browser, display) before anything is created."""
    check_url(url)
    zone(options.tz)
    find_browser(options.browser_path)
    if not options.headless and sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        raise CaptureFailed(
            "there is no display to open the browser window on (DISPLAY is not set):"
            " run it from a desktop session, or pass --headless for a chat that needs no typing"
        )


def check_url(url: str) -> None:
    """Refuse addresses the collector cannot open."""
    scheme = urlsplit(url).scheme.lower()
    if scheme not in ("http", "https", "file"):
        raise BadOption(f"{url!r} is not a web address: give the chat page's http(s):// URL")


class _Tab:
    """One page of the run (the first one, or a popup / tab it opened) and what was read from it."""

    def __init__(self, page: Any, opened: int) -> None:
        self.page = page
        self.opened = opened  # order of adoption: later pages are more recent
        self.cdp: Any = None  # created when its first MHTML is taken
        self.changed = True  # a new page is read once as soon as the loop runs
        self.dirty_frames: set[Any] = set()
        self.docs: dict[Any, Document] = {}
        self.chat_docs: list[Document] = []  # the last capture that held the chat
        self.origin: str | None = None  # the site it first showed a chat on
        self.last_stored: tuple[Any, ...] | None = None
        self.last_markup: list[str] = []  # what its last parse read
        self.parser: str | None = None
        self.mhtml: bytes | None = None
        self.mhtml_stale = False
        self.gone = False  # closed or crashed
        self.seen: dict[str, None] = {}  # ids of the messages it showed: what its snapshot vouches for


class _Run:
    """One collect run: the browser, its event handlers and the capture loop."""

    def __init__(
        self, url: str, archive: Archive, options: CollectOptions, tz: ZoneInfo,
        on_update: Callable[[Update], None] | None,
    ) -> None:
        self.url = url
        self.archive = archive
        self.options = options
        self.tz = tz
        self.on_update = on_update
        self.started = dt.datetime.now(dt.timezone.utc)
        self.run_id = hashlib.sha256(f"live-run\0{url}\0{self.started.isoformat()}".encode()).hexdigest()
        self.run_stored = False
        self.ended: str | None = None
        self.wake = asyncio.Event()
        self.changed = False  # some tab has changed since the last captures
        self.ctx: Any = None
        self.tabs: dict[Any, _Tab] = {}  # by Playwright page
        #: pages that show a chat now, in the order they began to; the last is "the chat's window"
        self.holders: list[_Tab] = []
        self.chat_tab: _Tab | None = None  # the page the final snapshot is taken from
        self.seen: dict[str, None] = {}  # message ids, in the order first seen
        self.conversations: dict[str, str] = {}  # id -> company, in the order first stored
        self.company: str | None = None
        self.parser: str | None = None
        self.new_messages = 0
        self.reported_warnings: set[str] = set()
        self.snapshot_due: float | None = None
        self.snapshot_at = 0.0
        self.snapshot_task: asyncio.Task[None] | None = None
        self.snapshot_id: str | None = None
        self.snapshot_has_mhtml = False

    # -- lifecycle -------------------------------------------------------------

    async def main(self) -> CollectResult:
        from playwright.async_api import Error as PlaywrightError

        opts = self.options
        asyncio.get_running_loop().set_exception_handler(_quiet_driver_loss)
        try:
            async with async_persistent_context(
                opts.profile, headless=opts.headless, executable=opts.browser_path,
                # we stop on signals ourselves, after the final snapshot
                handle_sigint=False, handle_sigterm=False, handle_sighup=False,
                # the page renders clock times in the chat's zone, the zone we read them in
                timezone_id=self.tz.key,
            ) as ctx:
                await self._open(ctx)
                signals = self._install_signals()
                try:
                    await self._loop()
                    await self._finish()
                finally:
                    self._remove_signals(signals)
        except PlaywrightError as e:
            if "ProcessSingleton" in str(e):
                raise CaptureFailed(
                    f"the browser profile {opts.profile} is in use by another browser (another collect run?):"
                    " close that one, or pass --profile with another folder"
                ) from None
            if not self.run_stored:
                raise CaptureFailed(_first_line(f"the browser failed: {e}")) from None
            raise CaptureFailed(_first_line(f"the browser failed mid-run (what was captured is kept): {e}")) from None
        return CollectResult(
            url=self.url,
            ended=self.ended or "closed",
            conversation_ids=list(self.conversations),
            company=self.company,
            messages_seen=len(self.seen),
            new_messages=self.new_messages,
            run_source_id=self.run_id if self.run_stored else None,
            snapshot_source_id=self.snapshot_id,
            snapshot_has_mhtml=self.snapshot_has_mhtml,
            companies=dict(self.conversations),
        )

    async def _open(self, ctx: Any) -> None:
        from playwright.async_api import Error as PlaywrightError

        self.ctx = ctx
        await ctx.expose_binding(BINDING, self._on_change)
        await ctx.add_init_script(OBSERVER_JS)
        ctx.on("close", lambda _: self._end("closed"))
        page = ctx.pages[0] if ctx.pages else await ctx.new_page()
        self._adopt(page)
        # popups from window.open and target=_blank tabs; the init script and
        # binding above are the context's, so their frames already report changes
        ctx.on("page", self._adopt)
        try:
            await page.goto(self.url, wait_until="domcontentloaded")
        except PlaywrightError as e:
            raise CaptureFailed(_first_line(f"cannot open {self.url}: {e}")) from None

    def _adopt(self, page: Any) -> _Tab:
        """Start watching a page of the context (idempotent: events may race)."""
        tab = self.tabs.get(page)
        if tab is not None:
            return tab
        tab = self.tabs[page] = _Tab(page, len(self.tabs))
        page.on("close", lambda _: self._gone(tab, "closed"))
        page.on("crash", lambda _: self._gone(tab, "crashed"))
        page.on("frameattached", lambda f: self._mark(tab, f))
        page.on("framenavigated", lambda f: self._on_navigated(tab, f))
        page.on("framedetached", lambda f: self._mark(tab, None))
        self._mark(tab, None)
        return tab

    def _install_signals(self) -> list[int]:
        loop = asyncio.get_running_loop()
        installed = []
        for sig, reason in ((signal.SIGINT, "interrupted"), (signal.SIGTERM, "terminated")):
            try:
                loop.add_signal_handler(sig, self._on_signal, sig, reason)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread, or a platform without them
            installed.append(sig)
        return installed

    def _remove_signals(self, installed: list[int]) -> None:
        loop = asyncio.get_running_loop()
        for sig in installed:
            loop.remove_signal_handler(sig)

    def _on_signal(self, sig: int, reason: str) -> None:
        # a second Ctrl+C while the snapshot is taken falls to Python's default
        asyncio.get_running_loop().remove_signal_handler(sig)
        self._end(reason)

    def _end(self, reason: str) -> None:
        if self.ended is None:
            self.ended = reason
        self.wake.set()

    # -- which window holds the chat -------------------------------------------

    def _hold(self, tab: _Tab) -> None:
        """`tab` shows a chat (again): it becomes the chat's window."""
        if tab not in self.holders:
            self.holders.append(tab)
            self.chat_tab = tab

    def _release(self, tab: _Tab, reason: str) -> None:
        """`tab` no longer shows its chat; the run ends when no window does."""
        if tab not in self.holders:
            return
        self.holders.remove(tab)
        if self.holders:
            self.chat_tab = self.holders[-1]  # the chat goes on in another window
        else:
            self._end(reason)  # chat_tab stays: the snapshot is of the chat just left

    def _gone(self, tab: _Tab, reason: str) -> None:
        # a page that never held a chat (the opener, an unrelated tab) closing
        # ends nothing while another window is open: the chat may be there
        tab.gone = True
        tab.docs = {}  # its chat_docs stay: they may be the snapshot
        self._release(tab, reason)
        if all(t.gone for t in self.tabs.values()):
            self._end(reason)
        self.wake.set()

    # -- change detection ------------------------------------------------------

    def _on_change(self, source: dict[str, Any], *args: Any) -> None:
        """The binding every observer calls: note the frame, wake the loop."""
        frame = source.get("frame")
        page = source.get("page")
        if page is None or page.is_closed():
            return
        self._mark(self._adopt(page), frame)

    def _mark(self, tab: _Tab, frame: Any) -> None:
        if frame is not None:
            tab.dirty_frames.add(frame)
        tab.changed = True
        self.changed = True
        self.wake.set()

    def _on_navigated(self, tab: _Tab, frame: Any) -> None:
        if frame == tab.page.main_frame and tab.origin and _origin(frame.url) != tab.origin:
            self._release(tab, "navigated")
            return
        self._mark(tab, frame)

    async def _loop(self) -> None:
        idle = self.options.exit_after_idle
        last_new = time.monotonic()
        self.changed = True  # the first capture reads the page as loaded
        while self.ended is None:
            now = time.monotonic()
            # checked before captures too: a page that never stops changing
            # (a ticking clock) must still end on idle
            if idle is not None and now >= last_new + idle:
                self.ended = "idle"
                break
            if self.snapshot_due is not None and now >= self.snapshot_due:
                self.snapshot_due = None
                self._refresh_snapshot()
            if self.changed:
                await asyncio.sleep(DEBOUNCE)
                if self.ended is not None:
                    break
                self.changed = False
                self.wake.clear()
                if await self._capture_changed():
                    last_new = time.monotonic()
                continue
            deadlines = [d for d in (last_new + idle if idle is not None else None, self.snapshot_due) if d is not None]
            timeout = max(0.0, min(deadlines) - now) if deadlines else None
            try:
                await asyncio.wait_for(self.wake.wait(), timeout)
            except asyncio.TimeoutError:
                pass
            self.wake.clear()

    # -- capture ---------------------------------------------------------------

    async def _capture_changed(self) -> int:
        """Capture every page that changed, the chat's windows first. Returns new messages."""
        new = 0
        for tab in sorted(self.tabs.values(), key=lambda t: t not in self.holders):
            if tab.changed and not tab.gone:
                tab.changed = False
                new += await self._capture(tab)
        return new

    async def _capture(self, tab: _Tab) -> int:
        """Serialize the page's changed frames, parse it, store what is new. Returns new messages."""
        page = tab.page
        if page.is_closed():
            return 0
        instant = dt.datetime.now(dt.timezone.utc)
        frames = [page.main_frame] + [f for f in page.frames if f != page.main_frame and not f.is_detached()]
        dirty, tab.dirty_frames = tab.dirty_frames, set()
        todo = [f for f in frames if f in dirty or f not in tab.docs]
        results = await asyncio.gather(*(self._serialize(f) for f in todo))
        for frame, doc in zip(todo, results):
            if doc is None:
                tab.docs.pop(frame, None)
            else:
                tab.docs[frame] = doc
        live = set(frames)
        tab.docs = {f: d for f, d in tab.docs.items() if f in live}
        documents = []
        for i, frame in enumerate(f for f in frames if f in tab.docs):
            doc = tab.docs[frame]
            doc.location = "live:page" if i == 0 else f"live:frame[{i}]"
            documents.append(doc)
        if not documents or self.ended in ("navigated", "closed", "crashed"):
            return 0
        top_url = page.url
        if tab.origin is not None and _origin(top_url) != tab.origin:
            self._release(tab, "navigated")
            return 0
        markup = [d.html for d in documents]
        if markup == tab.last_markup:
            return 0  # mutations that cancelled out (a typing indicator came and went)
        tab.last_markup = markup
        built = await asyncio.to_thread(self._build, documents, top_url, instant)
        if built is None:
            return 0
        transcript, parser = built
        tab.chat_docs = documents
        if tab.origin is None:
            tab.origin = _origin(top_url)
        if not tab.gone:
            # (read before it closed: still stored, but it holds nothing now)
            self._hold(tab)
        return self._store(tab, transcript, parser, instant)

    async def _serialize(self, frame: Any) -> Document | None:
        from playwright.async_api import Error as PlaywrightError

        try:
            result = await asyncio.wait_for(frame.evaluate(SERIALIZE_JS, MAX_FRAME_CHARS), FRAME_TIMEOUT)
            if not isinstance(result, dict) or not isinstance(result.get("html"), str):
                return None  # a page that tampered with our serializer
            if not result.get("observing"):
                # a frame our init script missed (about:blank written by script)
                await asyncio.wait_for(frame.evaluate(OBSERVER_JS), FRAME_TIMEOUT)
        except (PlaywrightError, asyncio.TimeoutError):
            return None  # navigating, detached or hung: read it next time
        title = result.get("title")
        return Document(html=result["html"], url=frame.url, title=title if isinstance(title, str) and title else None)

    def _build(self, documents: list[Document], url: str, instant: dt.datetime) -> tuple[Transcript, str] | None:
        """Parse the captured documents (in a worker thread: pure functions only)."""
        page = Page(
            kind="live", documents=documents, files=[], path=self.url, url=url,
            title=documents[0].title, saved_at=instant, saved_at_basis="captured",
        )
        try:
            chat = find_chat(documents)
            transcript = build_transcript(page, chat, self.tz, None, self.options.company)
        except (ArchiverError, RecursionError):
            return None
        if all(m.role == "system" for m in transcript.messages):
            # "You are now chatting with ..." alone: the conversation's anchor,
            # its first real message, has not appeared yet
            return None
        stamp_capture_time(transcript, instant)
        return transcript, chat.parser

    def _store(self, tab: _Tab, transcript: Transcript, parser: str, instant: dt.datetime) -> int:
        shape = (transcript.company, tuple((m.role, m.speaker, m.text, m.sent_at_text) for m in transcript.messages))
        if shape == tab.last_stored:
            return 0  # a change that was not a message (typing indicator, hover)
        captured = instant.isoformat(timespec="milliseconds")
        with self.archive.transaction():
            if not self.run_stored:
                run_page = Page(
                    kind="live", documents=[], files=[], path=self.url, url=self.url,
                    title=transcript.title, saved_at=self.started, saved_at_basis="captured",
                )
                self.archive.add_source(self.run_id, run_page, parser, imported_at=captured)
            added = self.archive.add_transcript(transcript, self.run_id, captured_at=[captured] * len(transcript.messages))
        self.run_stored = True
        tab.last_stored = shape
        tab.parser = parser
        self.company, self.parser = transcript.company, parser
        self.conversations[added.conversation_id] = transcript.company
        for mid in message_ids(added.conversation_id, transcript.messages):
            self.seen.setdefault(mid, None)
            tab.seen.setdefault(mid, None)
        new = len(added.new_message_ids)
        self.new_messages += new
        if new:
            tab.mhtml_stale = True
            self._schedule_snapshot()
        if self.on_update:
            fresh = [w for w in transcript.warnings if w not in self.reported_warnings]
            self.reported_warnings.update(fresh)
            self.on_update(Update(added.conversation_id, transcript.company, new, len(transcript.messages), fresh))
        return new

    # -- evidence --------------------------------------------------------------

    def _schedule_snapshot(self) -> None:
        if self.snapshot_due is None:
            self.snapshot_due = max(time.monotonic() + 0.5, self.snapshot_at + SNAPSHOT_EVERY)

    def _refresh_snapshot(self) -> None:
        if self.snapshot_task is None or self.snapshot_task.done():
            self.snapshot_at = time.monotonic()
            self.snapshot_task = asyncio.create_task(self._refresh_mhtml())

    async def _refresh_mhtml(self) -> None:
        # each window with new messages, so whichever ends up the chat's window
        # has a recent MHTML even if it is closed before the run ends
        for tab in [t for t in self.tabs.values() if t.mhtml_stale and not t.gone]:
            tab.mhtml_stale = False
            await self._take_mhtml(tab)

    async def _take_mhtml(self, tab: _Tab) -> None:
        from playwright.async_api import Error as PlaywrightError

        try:
            if tab.cdp is None:
                tab.cdp = await self.ctx.new_cdp_session(tab.page)
            reply = await asyncio.wait_for(tab.cdp.send("Page.captureSnapshot", {"format": "mhtml"}), 60)
        except (PlaywrightError, asyncio.TimeoutError):
            return  # the page went away; keep the previous one
        data = reply.get("data") if isinstance(reply, dict) else None
        if isinstance(data, str) and data:
            tab.mhtml = data.encode("utf-8", "replace")

    async def _finish(self) -> None:
        """Final capture (if the chat's window still shows it), then the snapshot source."""
        if self.snapshot_task is not None:
            await asyncio.gather(self.snapshot_task, return_exceptions=True)
        if self.ended not in ("closed", "navigated", "crashed"):
            await self._capture_final()
        tab = self.chat_tab
        if not self.run_stored or tab is None or not tab.chat_docs:
            return
        files = [SourceFile("snapshot.mhtml", tab.mhtml)] if tab.mhtml else []
        for i, doc in enumerate(tab.chat_docs):
            name = "snapshot.html" if i == 0 else f"snapshot_files/frame-{i}.html"
            files.append(SourceFile(name, doc.html.encode("utf-8", "replace")))
        sid = source_id([(f.path, f.data) for f in files])
        page = Page(
            kind="live", documents=tab.chat_docs, files=files, path=self.url, url=tab.chat_docs[0].url,
            title=tab.chat_docs[0].title, saved_at=dt.datetime.now(dt.timezone.utc), saved_at_basis="captured",
        )
        with self.archive.transaction():
            self.archive.add_source(sid, page, tab.parser or self.parser)
            self.archive.link_messages(sid, list(tab.seen))
        self.snapshot_id = sid
        self.snapshot_has_mhtml = tab.mhtml is not None

    async def _capture_final(self) -> None:
        """Read every open page once more (signal or idle: they are all still there)."""
        self.changed = False
        for tab in list(self.tabs.values()):
            if not tab.gone and not tab.page.is_closed():
                tab.changed = False
                await self._capture(tab)
        tab = self.chat_tab
        if tab is not None and tab.chat_docs and not tab.gone and not tab.page.is_closed():
            await self._take_mhtml(tab)


def stamp_capture_time(transcript: Transcript, instant: dt.datetime) -> None:
    """Give messages that show no usable time the capture instant, marked "captured".

    Relative labels ("Just now", "5m ago") were already resolved against the
    capture instant by times.resolve; the store keeps the first time it saw.
    """
    local = instant.astimezone(ZoneInfo(transcript.tz)).replace(microsecond=0).isoformat()
    for m in transcript.messages:
        if m.sent_at is None:
            m.sent_at, m.time_basis = local, "captured"


def _quiet_driver_loss(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """Drop asyncio's "exception never retrieved" for a driver that died under us.

    A SIGTERM sent to the whole process group kills Playwright's driver too;
    the run still stores what it had, and the leftover futures say nothing new.
    """
    if "Connection closed while reading from the driver" in str(context.get("exception", "")):
        return
    loop.default_exception_handler(context)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else text
    return line[:500]
