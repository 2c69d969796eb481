"""A message's quote: exact text, who said it, when (in the chat's zone), and the evidence.

The web card, its JSON and the `quote` command all format through here, so what a
person copies in the browser matches the terminal character for character. Times are
shown in the conversation's own zone with its abbreviation (EST/EDT) and the UTC instant.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .commitments import amount_text, kind_words
from .errors import NotFound

FORMATS = ("text", "markdown", "json")
#: tables a later migration adds (issue 5) that quote cards and transcripts list
EXTENSION_TABLES = ("promises", "reference_numbers")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
#: C0/C1 controls except tab and newline: a transcript must not drive a terminal
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: characters that start Markdown inline markup anywhere in a line
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
#: things that start a Markdown block when they open a line
_MD_BLOCK_START = re.compile(r"^(\s*)([#+=>-])")
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_MD_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


@dataclass(frozen=True)
class LocalTime:
    """When a message was sent, as evidence: shown text, instant, zone."""

    #: the instant as stored: ISO-8601 with the offset it was resolved in, or None
    sent_at: str | None
    #: the time exactly as the page showed it ("10:44 AM", "Now", "")
    shown: str
    #: how the instant was worked out (message, page, option, saved, mtime, captured)
    basis: str | None
    #: the conversation's IANA zone, when it is known
    zone: str | None
    local: dt.datetime | None = None

    @property
    def utc(self) -> str | None:
        """The instant in UTC, ISO-8601 with a Z: `2025-03-04T15:44:00Z`."""
        if self.local is None:
            return None
        return self.local.astimezone(dt.timezone.utc).replace(tzinfo=None).isoformat() + "Z"

    @property
    def abbreviation(self) -> str:
        """The zone's name at that instant: EST, EDT, GMT, or UTC-03 where it has none."""
        if self.local is None:
            return ""
        name = self.local.tzname() or ""
        if name[:1] in "+-":
            return "UTC" + name
        return name

    @property
    def day(self) -> str:
        """The local date as words: `Tuesday, March 4, 2025`."""
        if self.local is None:
            return ""
        d = self.local
        return f"{_WEEKDAYS[d.weekday()]}, {_MONTHS[d.month - 1]} {d.day}, {d.year}"

    @property
    def date_key(self) -> str | None:
        """The local date, ISO (`2025-03-04`), for grouping a transcript by day."""
        return self.local.date().isoformat() if self.local else None

    @property
    def clock(self) -> str:
        """The local clock time with its zone: `10:44 AM EST` (seconds when not zero)."""
        if self.local is None:
            return ""
        d = self.local
        hour = d.hour % 12 or 12
        seconds = f":{d.second:02d}" if d.second else ""
        return f"{hour}:{d.minute:02d}{seconds} {'AM' if d.hour < 12 else 'PM'} {self.abbreviation}".rstrip()

    @property
    def display(self) -> str:
        """`March 4, 2025 at 10:44 AM EST`, or `time not shown` (with what was shown)."""
        if self.local is None:
            return f"time not shown (the chat showed \u201c{self.shown}\u201d)" if self.shown else "time not shown"
        d = self.local
        return f"{_MONTHS[d.month - 1]} {d.day}, {d.year} at {self.clock}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent_at": self.sent_at,
            "utc": self.utc,
            "local": self.display if self.local else None,
            "zone": self.zone,
            "zone_abbreviation": self.abbreviation or None,
            "shown": self.shown,
            "basis": self.basis,
        }


def local_time(sent_at: str | None, tz: str | None, shown: str | None = "", basis: str | None = None) -> LocalTime:
    """Place a stored instant in the conversation's zone.

    A zone the machine does not know, or none, falls back to the offset the
    instant was stored with, so a time is never silently shifted.
    """
    local = None
    if sent_at:
        try:
            instant = dt.datetime.fromisoformat(sent_at)
        except ValueError:
            instant = None
        if instant is not None and instant.tzinfo is not None:
            local = instant
            zone = _zone(tz)
            if zone is not None:
                local = instant.astimezone(zone)
    return LocalTime(sent_at=sent_at, shown=shown or "", basis=basis, zone=tz, local=local)


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


@dataclass(frozen=True)
class SourceFileRef:
    """A frame file a complete save pulled in, with its own digest."""

    path: str
    sha256: str
    size: int | None


@dataclass(frozen=True)
class SourceRef:
    """A file or capture that holds the message: the evidence behind a quote."""

    id: str
    kind: str | None
    path: str | None
    url: str | None
    title: str | None
    saved_at: str | None
    saved_at_basis: str | None
    imported_at: str | None
    size: int | None
    #: sha256 of the main file's bytes (equal to `id` for single-file sources);
    #: None for a live capture run, which keeps no file of its own
    sha256: str | None
    files: tuple[SourceFileRef, ...] = ()

    @property
    def name(self) -> str:
        """The file's name without its folders (either kind of separator)."""
        if not self.path:
            return self.url or self.id[:16]
        return PureWindowsPath(PurePosixPath(self.path).name).name or self.path

    def cited(self) -> str:
        """How a citation names this source: the file and its digest, or a live capture."""
        if self.sha256:
            return f"{self.name} (sha256 {self.sha256})"
        return f"live capture of {self.url or self.name}, no file kept"

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "path": self.path,
            "kind": self.kind,
            "url": self.url,
            "title": self.title,
            "sha256": self.sha256,
            "size": self.size,
            "saved_at": self.saved_at,
            "saved_at_basis": self.saved_at_basis,
            "imported_at": self.imported_at,
            "files": [{"path": f.path, "sha256": f.sha256, "size": f.size} for f in self.files],
        }


@dataclass
class Quote:
    """One message as a citation a person can paste into a letter."""

    message_id: str
    conversation_id: str
    seq: int
    role: str
    speaker: str
    text: str
    company: str
    channel: str
    conversation_title: str | None
    time: LocalTime
    #: the source that first brought the message in comes first
    sources: list[SourceRef]
    # Extension point (issue 5): rows of `promises` and `reference_numbers`
    # for this message, once those tables exist; empty lists until then.
    promises: list[dict[str, Any]] = field(default_factory=list)
    reference_numbers: list[dict[str, Any]] = field(default_factory=list)

    # -- links ---------------------------------------------------------------

    def permalink(self, base_url: str = "") -> str:
        return f"{base_url.rstrip('/')}/-/quote/{self.message_id}"

    def conversation_link(self, base_url: str = "") -> str:
        return f"{base_url.rstrip('/')}/-/chat/{self.conversation_id}#m-{self.message_id}"

    # -- wording -------------------------------------------------------------

    @property
    def who(self) -> str:
        """Who said it, as a letter would put it: `Northwind Card representative Jessica`."""
        company = self.company or "the company"
        if self.role == "agent":
            return f"{company} representative {self.speaker}" if self.speaker else f"a {company} representative"
        if self.role == "bot":
            return f"{company} virtual assistant {self.speaker}" if self.speaker else f"the {company} virtual assistant"
        if self.role == "customer":
            return f"the customer ({self.speaker})" if self.speaker else "the customer"
        return f"the {company} chat"

    @property
    def verb(self) -> str:
        return "showed" if self.role == "system" else "wrote"

    @property
    def when(self) -> str:
        if self.time.local is not None:
            return f"On {self.time.display}"
        if self.time.shown:
            return f"At a time the chat showed only as \u201c{self.time.shown}\u201d"
        return "At a time the chat did not show"

    def _evidence(self) -> list[str]:
        parts = [f"{self.company} {self.channel}".strip()]
        if self.time.utc:
            parts.append(f"{self.time.utc} (UTC)")
        parts.append(f"message {self.message_id}")
        return parts

    def as_text(self, base_url: str | None = None) -> str:
        """A plain-text citation, safe to print to a terminal."""
        lines = [
            f"{self.when}, {self.who} {self.verb}:",
            "",
            f"\u201c{self.text}\u201d",
            "",
            ", ".join(self._evidence()) + ".",
        ]
        if self.sources:
            lines.append(f"Source: {self.sources[0].cited()}.")
        if base_url is not None:
            lines.append(f"Permalink: {self.permalink(base_url)}")
        return printable("\n".join(lines))

    def as_markdown(self, base_url: str | None = None) -> str:
        """A Markdown citation: the text as a block quote, every page string escaped."""
        quoted = "\n".join("> " + line if line else ">" for line in markdown_escape(self.text).split("\n"))
        tail = ", ".join(markdown_escape(p) for p in self._evidence())
        if self.sources:
            s = self.sources[0]
            if s.sha256:
                tail += f"; source {markdown_escape(s.name)} (sha256 `{s.sha256}`)"
            else:
                tail += f"; source {markdown_escape(s.cited())}"
        if base_url is not None:
            tail += f"; [permalink]({self.permalink(base_url)})"
        head = f"{self.when}, {self.who} {self.verb}:"
        return printable(f"{markdown_escape(head)}\n\n{quoted}\n\n\u2014 {tail}.")

    def listing(self, fmt: str = "text") -> str:
        """The message's promises and reference numbers as a list ("" when it has none).

        Kept apart from the citation: a letter quotes the words, not our reading of them.
        """
        md = fmt == "markdown"
        esc = markdown_escape if md else (lambda s: s)
        lines = []
        if self.promises:
            lines.append("Promises in this message:")
            for p in self.promises:
                facts = [kind_words(p.get("kind")), amount_text(p.get("amount"), p.get("currency"))]
                if p.get("due_by"):
                    facts.append(f"due by {p['due_by']}" + (f" ({p['due_text']})" if p.get("due_text") else ""))
                elif p.get("due_text"):
                    facts.append(f"due {p['due_text']}")
                facts.append(p.get("status") or "open")
                head = ", ".join(esc(str(f)) for f in facts if f)
                pid = f"`{p.get('id')}`" if md else str(p.get("id"))
                lines.append(f"- {head} (promise {pid}): \u201c{esc(str(p.get('text') or ''))}\u201d")
        if self.reference_numbers:
            lines.append("Reference numbers in this message:")
            for r in self.reference_numbers:
                value = f"`{str(r.get('value') or '').replace('`', '')}`" if md else str(r.get("value") or "")
                lines.append(f"- {esc(str(r.get('label') or 'reference'))} {value}")
        return printable("\n".join(lines))

    def as_dict(self, base_url: str | None = None) -> dict[str, Any]:
        """Everything on the card, for `/-/quote/<id>.json` and `quote --format json`."""
        base = base_url or ""
        return {
            "message_id": self.message_id,
            "conversation_id": self.conversation_id,
            "seq": self.seq,
            "role": self.role,
            "speaker": self.speaker,
            "text": self.text,
            "company": self.company,
            "channel": self.channel,
            "conversation_title": self.conversation_title,
            "time": self.time.as_dict(),
            "permalink": self.permalink(base),
            "conversation_url": self.conversation_link(base),
            "sources": [s.as_dict() for s in self.sources],
            "promises": self.promises,
            "reference_numbers": self.reference_numbers,
            "citation": {"text": self.as_text(base_url), "markdown": self.as_markdown(base_url)},
        }

    def as_json(self, base_url: str | None = None) -> str:
        return json.dumps(self.as_dict(base_url), indent=2, ensure_ascii=False)

    def render(self, fmt: str, base_url: str | None = None) -> str:
        """The quote in one of FORMATS."""
        if fmt == "text":
            return self.as_text(base_url)
        if fmt == "markdown":
            return self.as_markdown(base_url)
        if fmt == "json":
            return self.as_json(base_url)
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")


def printable(text: str) -> str:
    """Replace control characters (escape sequences) with U+FFFD; keep tabs and newlines."""
    return _CONTROL.sub("\ufffd", text)


def markdown_escape(text: str) -> str:
    """Backslash-escape what Markdown would read as markup, so the text renders as itself."""
    out = []
    for line in text.split("\n"):
        line = _MD_INLINE.sub(r"\\\1", line)
        line = _MD_ENTITY.sub(r"\\&", line)
        line = _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        line = _MD_ORDERED.sub(lambda m: m.group(1) + "\\" + m.group(2), line)
        out.append(line)
    return "\n".join(out)


# -- reading the archive ------------------------------------------------------

_MESSAGE_SQL = """
select m.id, m.conversation_id, m.seq, m.role, m.speaker, m.text, m.sent_at, m.sent_at_text,
       m.time_basis, m.source_id, c.company, c.channel, c.title, c.tz
from messages m join conversations c on c.id = m.conversation_id
where m.id = ?
"""


def load_quote(conn: sqlite3.Connection, message_id: str) -> Quote:
    """The quote for `message_id`; raises NotFound when the archive has no such message."""
    row = conn.execute(_MESSAGE_SQL, [message_id]).fetchone()
    if row is None:
        raise NotFound(f"no message {message_id!r} in this archive: check the id, or import the chat that holds it")
    (mid, conv_id, seq, role, speaker, text, sent_at, shown, basis, source_id, company, channel, title, tz) = row
    source_ids = [r[0] for r in conn.execute("select source_id from message_sources where message_id = ?", [mid])]
    if source_id and source_id not in source_ids:
        source_ids.append(source_id)
    sources = load_sources(conn, source_ids)
    # cite a file someone can hash: a live run keeps none, its final snapshot does
    sources.sort(key=lambda s: (s.sha256 is None, s.id != source_id, s.imported_at or "", s.id))
    return Quote(
        message_id=mid,
        conversation_id=conv_id,
        seq=seq,
        role=role or "",
        speaker=speaker or "",
        text=text or "",
        company=company or "",
        channel=channel or "",
        conversation_title=title,
        time=local_time(sent_at, tz, shown, basis),
        sources=sources,
        promises=extension_rows(conn, "promises", "message_id", mid),
        reference_numbers=extension_rows(conn, "reference_numbers", "message_id", mid),
    )


def load_sources(conn: sqlite3.Connection, source_ids: list[str]) -> list[SourceRef]:
    """The sources with these ids, oldest import first, each with its frame files."""
    if not source_ids:
        return []
    marks = ", ".join("?" for _ in source_ids)
    rows = conn.execute(
        f"select id, kind, path, url, title, saved_at, saved_at_basis, imported_at, size, sha256 from sources"
        f" where id in ({marks}) order by imported_at, id",
        source_ids,
    ).fetchall()
    files: dict[str, list[SourceFileRef]] = {}
    for sid, path, sha, size in conn.execute(
        f"select source_id, path, sha256, size from source_files where source_id in ({marks}) order by path",
        source_ids,
    ):
        files.setdefault(sid, []).append(SourceFileRef(path, sha, size))
    out = []
    for sid, kind, path, url, title, saved_at, saved_basis, imported_at, size, sha in rows:
        frames = tuple(files.get(sid, ()))
        out.append(SourceRef(sid, kind, path, url, title, saved_at, saved_basis, imported_at, size, sha, frames))
    return out


def conversation_source_ids(conn: sqlite3.Connection, conversation_id: str) -> list[str]:
    """Every source that holds a message of the conversation."""
    rows = conn.execute(
        "select distinct ms.source_id from messages m join message_sources ms on ms.message_id = m.id"
        " where m.conversation_id = ?",
        [conversation_id],
    )
    return [r[0] for r in rows]


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone() is not None


def extension_rows(conn: sqlite3.Connection, table: str, column: str, value: str) -> list[dict[str, Any]]:
    """Rows of `table` (promises, reference_numbers) whose `column` is `value`.

    Extension point (issue 5): those tables arrive with a later migration; until
    then an archive has none and this returns []. Columns pass through as stored.
    """
    if table not in EXTENSION_TABLES or not has_table(conn, table):
        return []
    cur = conn.execute(f'select * from "{table}" where "{column}" = ?', [value])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def quote_message(db_path: str, message_id: str) -> Quote:
    """Open the archive read-only and load one quote (for the CLI)."""
    path = Path(db_path)
    if not path.is_file():
        raise NotFound(f"no archive at {db_path}: import some chats first, or pass --db")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return load_quote(conn, message_id)
    except sqlite3.DatabaseError as e:
        raise NotFound(f"{db_path} is not a chat archive ({e})") from None
    finally:
        conn.close()
