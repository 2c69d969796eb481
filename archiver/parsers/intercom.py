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
from itertools import chain, islice

from bs4 import BeautifulSoup, NavigableString, Tag

from ..model import ParsedChat, ParsedMessage
from .html import all_text, by_classes, classes, has_any_class, has_class_stem, visible_text, with_classes

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
#: classic side classes
_ADMIN = ("intercom-conversation-part-admin", "intercom-comment-container-admin")
_USER = ("intercom-conversation-part-user", "intercom-conversation-part-other-user", "intercom-comment-container-user")
#: classic containers of one message's blocks
_CONTAINERS = frozenset({"intercom-blocks", "intercom-comment"})
#: how far below its row an avatar or a metadata label may sit
_NEAR = 12
#: elements whose text is never a metadata label
_NOT_LABELS = ("button", "script", "style", "template", "textarea")


def detect(soup: BeautifulSoup) -> bool:
    """True when the document is Intercom's messenger (classic or hashed build)."""
    return has_any_class(soup, ("intercom-block-paragraph", "intercom-conversation-part", "intercom-comment"))


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


def _anchor_of(block: Tag) -> Tag | None:
    """The element holding one message's blocks: a classic container, else the parent."""
    # the classic container is the block's parent or grandparent: a short walk
    # keeps deep hostile nesting linear
    near = islice(block.parents, 3)
    return next((p for p in near if _CONTAINERS.intersection(classes(p))), block.parent)


def _common_ancestor(tags: list[Tag]) -> Tag:
    path = [tags[0], *tags[0].parents]
    index = {id(t): i for i, t in enumerate(path)}
    best = 0
    for tag in tags[1:]:
        # climb only until the first path element: siblings meet the list fast
        for node in chain([tag], tag.parents):
            i = index.get(id(node))
            if i is not None:
                best = max(best, i)
                break
    return path[best]


def _below(tag: Tag, ancestor: Tag) -> Tag:
    """The child of `ancestor` that holds `tag`."""
    node = tag
    while node.parent is not None and node.parent is not ancestor:
        node = node.parent
    return node


def _climb(soup: BeautifulSoup, anchor: Tag) -> Tag:
    """A lone message's row: widen until the message list or the composer."""
    blocked: set[int] = set()
    for control in soup.find_all(["textarea", "input"]) + soup.find_all(attrs={"contenteditable": True}):
        for parent in control.parents:
            if id(parent) in blocked:
                break  # its ancestors are marked already
            blocked.add(id(parent))
    node = anchor
    while isinstance(node.parent, Tag) and node.parent.name not in ("body", "html", "[document]"):
        parent = node.parent
        if id(parent) in blocked or parent.get("role") == "log":
            break
        node = parent
    return node


def _rows(soup: BeautifulSoup) -> list[_Row]:
    anchor_ids: set[int] = set()
    for block in with_classes(soup, ("intercom-block-paragraph",)):
        anchor = _anchor_of(block)
        if isinstance(anchor, Tag):
            anchor_ids.add(id(anchor))
    if not anchor_ids:
        return []
    part_ids = {id(p) for p in by_classes(soup, ("intercom-conversation-part",))}
    # one walk: the outermost anchors in document order, each with its part
    placed: list[tuple[Tag, Tag | None]] = []
    stack: list[tuple[Tag, Tag | None]] = [(soup, None)]
    while stack:
        node, part = stack.pop()
        if part is None and id(node) in part_ids:
            part = node
        if id(node) in anchor_ids:
            placed.append((node, part))
            continue  # an anchor nested in another is part of its text
        stack.extend((c, part) for c in reversed(node.contents) if isinstance(c, Tag))
    anchors = [a for a, _ in placed]
    if part_ids:
        row_of = [part or anchor for anchor, part in placed]
    elif len(anchors) > 1:
        # hashed builds: the rows are the children of the list holding every message
        lca = _common_ancestor(anchors)
        row_of = [_below(a, lca) for a in anchors]
    else:
        row_of = [_climb(soup, anchors[0])]
    rows: dict[int, _Row] = {}
    for anchor, row in zip(anchors, row_of):
        rows.setdefault(id(row), _Row(row)).anchors.append(anchor)
    return list(rows.values())


def _chain_to(node: Tag, row: _Row) -> list[Tag] | None:
    """`node` and its ancestors below the row, or None if the row is far above.

    Avatars and metadata sit a few levels below their row; a cap keeps a
    hostile row of deep nesting from costing its depth for every string.
    """
    chain_: list[Tag] = [node]
    for parent in node.parents:
        if parent is row.tag:
            return chain_
        if len(chain_) >= _NEAR:
            return None
        chain_.append(parent)
    return None


def _avatar(row: _Row) -> str | None:
    anchors = frozenset(id(a) for a in row.anchors)
    for img in row.tag.find_all("img"):
        near = _chain_to(img, row)
        if near is None or any(id(t) in anchors for t in near):
            continue
        if any(has_class_stem(t, ("intercom-block",)) for t in near):
            continue  # a picture sent as a message, not a sender's face
        if any(has_class_stem(t, ("avatar",)) for t in near) or "avatar" in str(img.get("src", "")):
            return str(img.get("alt") or "").strip()
    return None


def _read_metadata(row: _Row) -> None:
    """Find "<name|Bot> · <n>m ago." labels and give each to the message above it.

    One walk over the row's strings; the label is the element holding the time
    string ("Bot · 5m ago." is one string in Intercom's DOM).
    """
    anchors = frozenset(id(a) for a in row.anchors)
    order: dict[int, int] = {}
    labels: dict[int, Tag] = {}
    for node in row.tag.descendants:
        if isinstance(node, Tag):
            order[id(node)] = len(order)
            continue
        if type(node) is not NavigableString or not _TIME.search(node):
            continue
        label = node.parent
        if not isinstance(label, Tag) or id(label) in labels:
            continue
        near = _chain_to(label, row)
        # a time mentioned inside a message is the message's own text
        if near is None or any(id(t) in anchors or t.name in _NOT_LABELS for t in near):
            continue
        labels[id(label)] = label
    for label in labels.values():
        text = all_text(label)
        m = _TIME.search(text)
        if m is None:
            continue
        tokens = [t.strip(" .\u00b7") for t in text[: m.start()].split("\u00b7")]
        tokens = [t for t in tokens if t]
        if any(t.lower() in _BOT_WORDS for t in tokens):
            row.bot = True
        name = next((t for t in tokens if t.lower() not in _BOT_WORDS), "")
        if name and not row.name:
            row.name = name
        at = order.get(id(label), -1)
        before = [a for a in row.anchors if order.get(id(a), -1) < at]
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
    """Every message of the messenger, with side, sender and relative time."""
    rows = _rows(soup)
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
