"""Import saved pages: capture -> parse -> resolve times -> store, per file.

Every file is its own transaction: it lands whole or not at all, so a bad
file, a crash or Ctrl+C never leaves half a conversation behind. Errors a user
can act on come back as results, not exceptions, so one bad file in a folder
does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from .company import company_name
from .errors import ArchiverError
from .identity import source_id
from .model import Page, ParsedChat, Transcript
from .parsers import find_chat
from .sources import find_inputs, load_page
from .store import Archive
from .times import TimeContext, parse_option_date, resolve, zone

UNKNOWN_COMPANY = "Unknown"
log = logging.getLogger(__name__)


@dataclass
class ImportOptions:
    """What the user told us about the chats (all optional)."""

    tz: str | None = None
    date: str | None = None
    company: str | None = None

    def zone(self) -> ZoneInfo:
        return zone(self.tz)

    def option_date(self) -> dt.date | None:
        return parse_option_date(self.date)


@dataclass
class FileResult:
    """The outcome of importing one file."""

    path: str
    status: str  # imported, duplicate, failed, skipped
    error: str | None = None
    conversation_id: str | None = None
    new_conversation: bool = False
    new_messages: int = 0
    known_messages: int = 0
    parser: str | None = None
    warnings: list[str] = field(default_factory=list)


def build_transcript(
    page: Page, chat: ParsedChat, tz: ZoneInfo, option_date: dt.date | None, company: str | None
) -> Transcript:
    """Resolve a parsed chat's times and name its company."""
    ctx = TimeContext(tz=tz, option_date=option_date, saved_at=page.saved_at, saved_basis=page.saved_at_basis)
    resolved = resolve(chat, ctx)
    top = page.documents[0]
    name = company or company_name(page.url, page.title, top.html) or _frame_company(page) or UNKNOWN_COMPANY
    warnings = list(page.warnings) + resolved.warnings
    if name == UNKNOWN_COMPANY:
        warnings.append("the page does not say which company this is; pass --company")
    return Transcript(
        company=name,
        parser=chat.parser,
        tz=tz.key,
        messages=resolved.messages,
        url=page.url,
        title=chat.title or page.title,
        chat_date=resolved.chat_date,
        date_basis=resolved.date_basis,
        warnings=warnings,
    )


def _frame_company(page: Page) -> str | None:
    for doc in page.documents[1:]:
        name = company_name(doc.url, None, "")
        if name:
            return name
    return None


def import_file(archive: Archive, path: Path, options: ImportOptions) -> FileResult:
    """Import one saved page; failures come back as a result with a one-line error."""
    tz, option_date = options.zone(), options.option_date()
    try:
        page = load_page(path)
        sid = source_id([(f.path, f.data) for f in page.files])
        if archive.has_source(sid):
            return FileResult(str(path), "duplicate")
        chat = find_chat(page.documents)
        transcript = build_transcript(page, chat, tz, option_date, options.company)
        with archive.transaction():
            archive.add_source(sid, page, chat.parser)
            added = archive.add_transcript(transcript, sid)
    except ArchiverError as e:
        return FileResult(str(path), "failed", error=str(e))
    except RecursionError:
        return FileResult(str(path), "failed", error="the markup is nested too deeply to read")
    except sqlite3.Error:
        raise  # the archive itself is in trouble (locked, full): stop the run
    except Exception as e:  # noqa: BLE001 -- a parser bug must not stop the rest of a folder
        log.debug("unexpected error importing %s", path, exc_info=True)
        return FileResult(
            str(path), "failed", error=f"internal error while reading it ({type(e).__name__}: {e}); please report this file"
        )
    return FileResult(
        str(path),
        "imported",
        conversation_id=added.conversation_id,
        new_conversation=added.new_conversation,
        new_messages=len(added.new_message_ids),
        known_messages=added.known,
        parser=chat.parser,
        warnings=transcript.warnings,
    )


def import_paths(
    archive: Archive,
    paths: Iterable[str | Path],
    options: ImportOptions,
    on_found: Callable[[int], None] | None = None,
) -> Iterator[FileResult]:
    """Import files and folders (walked recursively), yielding a result per file.

    Options are checked first, so a bad --tz or --date fails before anything
    is read. `on_found` receives the number of files to import, once known.
    """
    options.zone()
    options.option_date()
    found = list(find_inputs(paths))
    if on_found:
        on_found(sum(1 for f in found if f.skipped is None))
    for item in found:
        if item.skipped:
            yield FileResult(str(item.path), "skipped", error=item.skipped)
        else:
            yield import_file(archive, item.path, options)


@dataclass
class Summary:
    """Totals over an import run."""

    files: int = 0
    imported: int = 0
    duplicates: int = 0
    failed: int = 0
    skipped: int = 0
    conversations: set[str] = field(default_factory=set)
    new_conversations: int = 0
    new_messages: int = 0
    known_messages: int = 0

    def add(self, r: FileResult) -> None:
        if r.status == "skipped":
            self.skipped += 1
            return
        self.files += 1
        if r.status == "imported":
            self.imported += 1
            self.conversations.add(r.conversation_id or "")
            self.new_conversations += int(r.new_conversation)
            self.new_messages += r.new_messages
            self.known_messages += r.known_messages
        elif r.status == "duplicate":
            self.duplicates += 1
        else:
            self.failed += 1
