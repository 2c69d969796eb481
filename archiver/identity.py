"""Stable, content-derived ids: a permalink quoted in a letter keeps working.

A conversation is named by its company and its first customer-or-company
message: role, speaker, text, its clock time as HH:MM when the widget shows
one (canned bot greetings differ only by it) and its date when the chat itself
shows one. A save made mid-chat and one made at the end share that anchor, in
any import order; dates from outside the chat (a file's mtime, --date) stay
out, so copying a file cannot change an id. A relative label ("Just now") is
no clock; the store bridges such an anchor to the same words shown with a
clock a few minutes apart (a live capture, then a save).

A message is named by its conversation, role, speaker, text and occurrence
among identical messages, so "ok", "ok" stays two messages. Its shown time is
not part of the name: widgets re-render it ("Just now" becomes "10:42 AM", a
run's time moves to its newest bubble), and one message must keep one id.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence

from .company import company_key
from .model import Message
from .times import find_clock, is_relative_time

_SEP = "\x1f"
ID_LENGTH = 16  # hex digits: 64 bits


def _digest(*parts: str) -> str:
    return hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:ID_LENGTH]


def anchor(messages: Sequence[Message]) -> Message | None:
    """The message that names a conversation: the first one not from the system."""
    for m in messages:
        if m.role != "system":
            return m
    return messages[0] if messages else None


#: time bases whose date the chat itself showed
SHOWN_BASES = ("message", "page")


def conversation_id(company: str, messages: Sequence[Message], salt: str = "") -> str:
    """The conversation's id, from the company and its anchor message.

    `salt` separates two different chats that share an anchor (same greeting,
    same shown minute, different days); the store passes the chat's date then.
    """
    first = anchor(messages)
    if first is None:
        raise ValueError("a conversation needs at least one message")
    shown_date = first.sent_at[:10] if first.sent_at and first.time_basis in SHOWN_BASES else ""
    return _digest(
        "conversation",
        company_key(company),
        shown_date,
        salt,
        first.role,
        first.speaker,
        first.text,
        clock_key(first),
    )


def clock_key(message: Message) -> str:
    """The clock time the widget showed on the message, as HH:MM ("" for none).

    "10:42 AM", "10:42" and "Today 10:42:13" agree; a relative label ("Just
    now", "5m ago") is no clock: it reads differently at every render.
    """
    shown = message.sent_at_text
    if not shown or is_relative_time(shown):
        return ""
    found = find_clock(shown)
    if not found:
        return ""
    clock = found[0]
    return f"{clock.hour:02d}:{clock.minute:02d}"


def anchor_key(company: str, messages: Sequence[Message]) -> str:
    """The anchor's words without its time: what a bridged conversation shares."""
    first = anchor(messages)
    if first is None:
        raise ValueError("a conversation needs at least one message")
    return _digest("anchor", company_key(company), first.role, first.speaker, first.text)


def message_ids(conversation: str, messages: Sequence[Message]) -> list[str]:
    """Ids for `messages` in order, counting repeats of identical messages."""
    seen: Counter[tuple[str, str, str]] = Counter()
    ids = []
    for m in messages:
        key = (m.role, m.speaker, m.text)
        occurrence = seen[key]
        seen[key] += 1
        ids.append(_digest("message", conversation, *key, str(occurrence)))
    return ids


def source_id(files: Sequence[tuple[str, bytes]]) -> str:
    """A source's id: sha256 of its bytes; for several files, of each in order.

    A complete save's frame files count: the page around a chat can be
    byte-identical across two saves while the chat frame differs.
    """
    if len(files) == 1:
        return hashlib.sha256(files[0][1]).hexdigest()
    h = hashlib.sha256()
    for path, data in files:
        h.update(f"{path}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()
