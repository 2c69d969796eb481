"""Intercom Messenger, read from its `intercom-messenger-frame` document.

Messages are found by `intercom-block-paragraph`, the one hook both the classic
DOM and the newer emotion-hashed builds keep. Classic parts name their side
(`-admin`/`-user`) and chain a sender's run with `-grouped`; in hashed builds a
row of the message list with an admin avatar is the company's, one without is
the customer's. Metadata ("Bot · 5m ago.", "Elena · 12m ago.", "Just now. Seen")
dates only the message it follows, names the sender and flags bots; it is
never message text. Its times are relative, so they resolve against the save.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import all_text, classes, has_class_stem, outermost, visible_text

NAME = "intercom"
LABEL = "Intercom"

_TIME = re.compile(
    r"\b(?:just\s+now"
    r"|\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s+ago"
    r"|an?\s+(?:second|minute|hour|day|week)\s+ago)\b",
    re.I,
)
#: metadata words that mark an automated sender rather than a name
_BOT_WORDS = frozenset({"bot", "ai agent", "ai"})
_ADMIN = ("intercom-conversation-part-admin", "intercom-comment-container-admin")
_USER = ("intercom-conversation-part-user", "intercom-conversation-part-other-user", "intercom-comment-container-user")


def detect(soup: BeautifulSoup) -> bool:
    return soup.select_one(".intercom-block-paragraph, .intercom-conversation-part, .intercom-comment") is not None


@dataclass
class _Row:
    """One sender's part (classic) or group (hashed) and the messages in it."""

    tag: Tag
    anchors: list[Tag] = field(default_factory=list)
    admin: bool | None = None
    avatar: str | None = None  # alt text; "" for an avatar without one
    bot: bool = False
    name: str = ""
    times: dict[int, str] = field(default_factory=dict)  # id(anchor) -> relative time


def _anchors(soup: BeautifulSoup) -> list[Tag]:
    """One element per message: the block container holding its paragraphs."""
    found: list[Tag] = []
    seen: set[int] = set()
    for block in soup.select(".intercom-block-paragraph"):
        anchor = block.find_parent(class_=["intercom-blocks", "intercom-comment"]) or block.parent
        if isinstance(anchor, Tag) and id(anchor) not in seen:
            seen.add(id(anchor))
            found.append(anchor)
    return outermost(found)


def _common_ancestor(tags: list[Tag]) -> Tag:
    path = [tags[0], *tags[0].parents]
    shared = {id(t) for t in path}
    for tag in tags[1:]:
        shared &= {id(tag)} | {id(p) for p in tag.parents}
    return next(t for t in path if id(t) in shared)


def _climb(anchor: Tag) -> Tag:
    """A lone message's row: widen until the message list or the composer."""
    node = anchor
    while isinstance(node.parent, Tag) and node.parent.name not in ("body", "html", "[document]"):
        parent = node.parent
        if parent.get("role") == "log" or parent.select_one("textarea, input, [contenteditable]"):
            break
        node = parent
    return node


def _rows(soup: BeautifulSoup, anchors: list[Tag]) -> list[_Row]:
    parts = outermost(soup.select(".intercom-conversation-part"))
    part_ids = {id(p) for p in parts}
    lca = _common_ancestor(anchors) if not parts and len(anchors) > 1 else None
    rows: dict[int, _Row] = {}
    for anchor in anchors:
        if parts:
            row = next((p for p in [anchor, *anchor.parents] if id(p) in part_ids), anchor)
        elif lca is not None:
            # the ancestor just below the list that holds every message
            row = next(p for p in [anchor, *anchor.parents] if p.parent is lca)
        else:
            row = _climb(anchor)
        rows.setdefault(id(row), _Row(row)).anchors.append(anchor)
    return list(rows.values())


def _inside(tag: Tag, containers: list[Tag]) -> bool:
    ids = {id(c) for c in containers}
    return any(id(p) in ids for p in [tag, *tag.parents])


def _avatar(row: _Row) -> str | None:
    for img in row.tag.find_all("img"):
        if _inside(img, row.anchors):
            continue
        chain = [img]
        for parent in img.parents:
            if parent is row.tag:
                break
            chain.append(parent)
        if any(has_class_stem(t, ("intercom-block",)) for t in chain):
            continue  # a picture sent as a message, not a sender's face
        if any(has_class_stem(t, ("avatar",)) for t in chain) or "avatar" in str(img.get("src", "")):
            return str(img.get("alt") or "").strip()
    return None


def _read_metadata(row: _Row) -> None:
    """Find "<name|Bot> · <n>m ago." labels and give each to the message above it."""
    order = {id(t): i for i, t in enumerate(row.tag.find_all(True))}
    labels: list[Tag] = []
    for el in row.tag.find_all(True):
        if _inside(el, row.anchors) or any(_inside(a, [el]) for a in row.anchors):
            continue
        if el.name in ("button", "script", "style") or el.find_parent("button"):
            continue
        if _TIME.search(all_text(el)):
            labels.append(el)
    chosen = {id(t) for t in labels}
    # the innermost label only: its wrappers repeat the same text
    labels = [t for t in labels if not any(id(d) in chosen for d in t.find_all(True))]
    for label in labels:
        text = all_text(label)
        m = _TIME.search(text)
        assert m is not None
        tokens = [t.strip(" .·") for t in text[: m.start()].split("·")]
        tokens = [t for t in tokens if t]
        if any(t.lower() in _BOT_WORDS for t in tokens):
            row.bot = True
        name = next((t for t in tokens if t.lower() not in _BOT_WORDS), "")
        if name and not row.name:
            row.name = name
        before = [a for a in row.anchors if order.get(id(a), -1) < order[id(label)]]
        if before:
            row.times[id(before[-1])] = " ".join(m.group(0).split())


def _side(row: _Row) -> bool | None:
    """True for the company's side, False for the customer's, None if unknown."""
    for tag in [row.tag, *row.tag.find_all(class_=True)]:
        cls = classes(tag)
        if any(c in _ADMIN for c in cls):
            return True
        if any(c in _USER for c in cls):
            return False
    return None


def _groups(rows: list[_Row]) -> list[list[_Row]]:
    """Classic runs: every part of a run but the last carries `-grouped`."""
    groups: list[list[_Row]] = []
    for row in rows:
        if groups and "intercom-conversation-part-grouped" in classes(groups[-1][-1].tag):
            groups[-1].append(row)
        else:
            groups.append([row])
    return groups


def parse(soup: BeautifulSoup) -> ParsedChat:
    anchors = _anchors(soup)
    if not anchors:
        return ParsedChat(parser=NAME, messages=[])
    rows = _rows(soup, anchors)
    for row in rows:
        row.avatar = _avatar(row)
        _read_metadata(row)
        side = _side(row)
        row.admin = side if side is not None else row.avatar is not None
    messages: list[ParsedMessage] = []
    for group in _groups(rows):
        # a run shares one sender: its name and bot flag may sit on any part
        bot = any(r.bot for r in group)
        group_name = next((r.name for r in group if r.name), "") or next((r.avatar for r in group if r.avatar), "")
        for row in group:
            if row.admin:
                role = "bot" if bot else "agent"
                speaker = row.name or row.avatar or group_name
            else:
                role, speaker = "customer", ""
            for anchor in row.anchors:
                text = visible_text(anchor)
                if text:
                    messages.append(
                        ParsedMessage(role=role, speaker=speaker, text=text, time_text=row.times.get(id(anchor), ""))
                    )
    return ParsedChat(parser=NAME, messages=messages)
