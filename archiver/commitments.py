"""Rows of `promises` and `reference_numbers` for stored messages: messages in, rows out.

Pure (no SQL, no clock): the store writes what this returns. A row's id derives from
its message's id, what was found and its occurrence, so running the rules again on
the same message gives the same ids, and a person's status on a promise survives.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .identity import ID_LENGTH
from .promises import find_promises, find_references

#: roles whose messages can hold promises: find_promises returns [] for any other
#: (its documented rule), so the store skips the call for customers and the system,
#: which is about half of every chat (tests/test_commitments.py pins the rule)
PROMISE_ROLES = frozenset({"agent", "bot"})
#: a promise's status: open until the person marks it kept or broken
STATUSES = ("open", "kept", "broken")
PROMISE_COLUMNS = ("id", "message_id", "conversation_id", "kind", "text", "amount", "currency", "due_text", "due_by")
REFERENCE_COLUMNS = ("id", "message_id", "conversation_id", "label", "value")
PromiseRow = tuple[str, str, str, str, str, float | None, str | None, str | None, str | None]
ReferenceRow = tuple[str, str, str, str, str]


@dataclass(frozen=True)
class MessageRow:
    """What the rules read of a stored message."""

    id: str
    conversation_id: str
    role: str | None
    text: str | None
    #: ISO-8601 with offset, or None: anchors relative due dates ("within 5 days")
    sent_at: str | None


def _digest(*parts: str) -> str:
    # the scheme of identity.py: unit separator between parts, sha256, 64 bits
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:ID_LENGTH]


def promise_id(message_id: str, kind: str, text: str, occurrence: int) -> str:
    """A promise's id: its message, kind, sentence and how many identical ones precede it."""
    return _digest("promise", message_id, kind, text, str(occurrence))


def reference_id(message_id: str, label: str, value: str, occurrence: int) -> str:
    """A reference number's id: its message, label, value and occurrence."""
    return _digest("reference", message_id, label, value, str(occurrence))


def promise_rows(message: MessageRow) -> list[PromiseRow]:
    """The message's promises as `promises` rows (PROMISE_COLUMNS, without status)."""
    if not message.text or (message.role or "").lower() not in PROMISE_ROLES:
        return []
    try:
        found = find_promises(message.text, message.role or "", _instant(message.sent_at))
    except ValueError:
        # a stored time the extractor cannot read: find the promises, leave due dates open
        found = find_promises(message.text, message.role or "", None)
    seen: Counter[tuple[str, str]] = Counter()
    rows: list[PromiseRow] = []
    for p in found:
        occurrence = seen[(p.kind, p.text)]
        seen[(p.kind, p.text)] += 1
        rows.append((
            promise_id(message.id, p.kind, p.text, occurrence), message.id, message.conversation_id,
            p.kind, p.text, p.amount, p.currency, p.due_text, p.due_by,
        ))
    return rows


def _instant(sent_at: str | None) -> dt.datetime | str | None:
    """The stored time as an aware datetime: the stdlib reads our own ISO strings in
    about a microsecond, where the extractor's general parser took a third of its time."""
    if not sent_at:
        return None
    try:
        instant = dt.datetime.fromisoformat(sent_at)
    except ValueError:
        return sent_at
    return instant if instant.tzinfo is not None else sent_at


def reference_rows(message: MessageRow) -> list[ReferenceRow]:
    """The message's reference numbers as `reference_numbers` rows (REFERENCE_COLUMNS); any role."""
    if not message.text:
        return []
    seen: Counter[tuple[str, str]] = Counter()
    rows: list[ReferenceRow] = []
    for r in find_references(message.text):
        occurrence = seen[(r.label, r.value)]
        seen[(r.label, r.value)] += 1
        rows.append((reference_id(message.id, r.label, r.value, occurrence), message.id, message.conversation_id,
                     r.label, r.value))
    return rows


@dataclass
class Found:
    """What the rules found in a batch of messages, and where they failed."""

    promises: list[PromiseRow] = field(default_factory=list)
    references: list[ReferenceRow] = field(default_factory=list)
    #: (message id, error) for messages the rules raised on: a bug in them, met on
    #: this text. Such a message gets no rows now; reindex leaves its old rows alone.
    failed: list[tuple[str, str]] = field(default_factory=list)


def rows_for(messages: Iterable[MessageRow]) -> Found:
    """Promise rows and reference rows for every message, in message order.

    A message the rules fail on is reported in `failed`, not raised: the message
    itself is the receipt, and must be archived even when reading it fails.
    """
    found = Found()
    for m in messages:
        try:
            promises, references = promise_rows(m), reference_rows(m)
        except Exception as e:  # noqa: BLE001 -- reported to the caller, which tells the person
            found.failed.append((m.id, f"{type(e).__name__}: {e}"))
            continue
        found.promises.extend(promises)
        found.references.extend(references)
    return found


# -- in words ------------------------------------------------------------------------

_SYMBOLS = {"USD": "$", "EUR": "\u20ac", "GBP": "\u00a3", "JPY": "\u00a5"}
_NO_MINOR_UNIT = {"JPY", "KRW"}
_KIND_WORDS = {"follow_up": "follow-up"}


def amount_text(amount: float | None, currency: str | None) -> str:
    """`$40.00`, `€12.50`, `¥3,000`, `120.00 CAD`; empty without an amount."""
    if amount is None:
        return ""
    code = (currency or "").upper()
    number = f"{amount:,.0f}" if code in _NO_MINOR_UNIT else f"{amount:,.2f}"
    if code in _SYMBOLS:
        return _SYMBOLS[code] + number
    return f"{number} {code}".strip()


def kind_words(kind: str | None) -> str:
    """A kind as words: `fee waiver`, `follow-up`."""
    kind = kind or "promise"
    return _KIND_WORDS.get(kind, kind.replace("_", " "))

