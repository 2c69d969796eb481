"""The values that flow through the pipeline: documents in, transcripts out.

capture (sources.py) makes `Page`s of `Document`s; parsers turn a Document into
a `ParsedChat` of `ParsedMessage`s, keeping every time exactly as shown; times.py
resolves those into instants. None of these types touch the disk or a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ROLES = ("agent", "customer", "bot", "system")


@dataclass
class Document:
    """Decoded HTML of one page or frame, with what is known about it."""

    html: str
    url: str | None = None
    title: str | None = None
    #: where the document came from inside the source ("page.html",
    #: "page_files/chat.html", "cid:frame-1@mhtml.blink", "live:frame[2]")
    location: str = ""


@dataclass
class SourceFile:
    """One original file that fed a source, kept byte for byte as evidence."""

    path: str
    data: bytes


@dataclass
class Page:
    """Everything capture knows about one saved page or live snapshot.

    `documents[0]` is the top-level page; the rest are its frames in document
    order. `files[0]` is the file the user named; the rest are frame files it
    pulled in (a "complete" save's `NAME_files/`).
    """

    kind: str  # html, html-complete, mhtml, webarchive, live
    documents: list[Document]
    files: list[SourceFile]
    path: str
    url: str | None = None
    title: str | None = None
    #: when the page was saved, timezone-aware, and how we know it
    saved_at: dt.datetime | None = None
    saved_at_basis: str | None = None  # "saved" (MHTML Date:), "mtime", "captured"
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedMessage:
    """One message as a parser saw it: nothing resolved, nothing guessed."""

    role: str
    speaker: str
    text: str
    #: the time exactly as the page showed it (also from hidden hover labels)
    time_text: str = ""
    #: a machine-readable full date-time on the message (`<time datetime>`,
    #: a title attribute), as written
    datetime_text: str | None = None
    #: the nearest date separator above the message, as shown ("Today", "March 4")
    day_text: str | None = None

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")


@dataclass
class ParsedChat:
    """What a parser found in one document."""

    parser: str
    messages: list[ParsedMessage]
    #: a "Chat started: ..." header or similar that may carry the chat's date
    header_text: str | None = None
    #: the widget's own label for the conversation, if it shows one
    title: str | None = None
    #: where in the page it was found (Document.location)
    location: str = ""


@dataclass
class Message:
    """A message ready for the archive: time resolved, id-bearing fields final."""

    seq: int
    role: str
    speaker: str
    text: str
    sent_at_text: str
    sent_at: str | None  # ISO-8601 with offset, or None
    time_basis: str | None  # message, page, option, saved, mtime, captured


@dataclass
class Transcript:
    """One conversation, as read from one source, ready to store."""

    company: str
    parser: str
    tz: str
    messages: list[Message]
    url: str | None = None
    title: str | None = None
    channel: str = "web chat"
    #: the local date the chat is anchored to (for ids when no message has a time)
    chat_date: str | None = None
    date_basis: str | None = None
    warnings: list[str] = field(default_factory=list)
