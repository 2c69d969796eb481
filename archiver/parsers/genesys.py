"""Genesys Widgets v9 web chat (the `cx-*` markup).

A `.cx-message-group` holds one participant's consecutive bubbles and shows
the name on only some of them, so the group's first shown name names them all.
`.cx-date` separators become each following message's `day_text`.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .groups import in_groups
from .html import (
    all_text,
    classes,
    first_by_class,
    has_any_class,
    strip_suffix,
    visible_text,
    with_classes,
)

NAME = "genesys"
LABEL = "Genesys Widgets"


def detect(soup: BeautifulSoup) -> bool:
    return has_any_class(soup, ("cx-transcript", "cx-message-group", "cx-participant"))


def _role(cls: list[str]) -> str | None:
    low = {c.lower() for c in cls}
    if "cx-system" in low:
        return "system"
    if "cx-you" in low:
        return "customer"
    if "cx-them" in low:
        return "bot" if "cx-bot" in low else "agent"
    return None


def _typing(cls: list[str]) -> bool:
    """The "Ryan is typing" bubble (cx-typing, in whatever case)."""
    return any("typing" in c.lower() for c in cls)


def _shown_name(message: Tag) -> str:
    """The name a participant's bubble shows ("" on system lines and typing bubbles)."""
    cls = classes(message)
    if _role(cls) not in ("agent", "bot", "customer") or _typing(cls):
        return ""
    return strip_suffix(all_text(first_by_class(message, ("cx-name",)).get("cx-name")), (":",))


def _name_groups(group: Tag, names: dict[int, str]) -> None:
    """Put in `names` the first name shown in `group` (it may sit on any bubble)
    and in each group nested in it, keyed by id; "" for a group that shows none.

    One walk for the lot, skipping groups already named: asking each nested
    group in turn would walk the same bubbles once per level of nesting.
    """
    waiting: list[Tag] = [group]  # groups around the walk's position still without a name
    stack: list[tuple[Tag, bool]] = [(group, True)]
    stack.extend((c, False) for c in reversed(group.contents) if isinstance(c, Tag))
    while stack:
        node, leaving = stack.pop()
        if leaving:
            if waiting and waiting[-1] is node:
                waiting.pop()
                names[id(node)] = ""
            continue
        cls = classes(node)
        if "cx-message" in cls:
            found = _shown_name(node)  # not entered: a bubble's inside is no group's business
        elif "cx-message-group" in cls and id(node) in names:
            found = names[id(node)]  # named by an earlier walk: not walked again
        else:
            if "cx-message-group" in cls:
                waiting.append(node)
                stack.append((node, True))
            stack.extend((c, False) for c in reversed(node.contents) if isinstance(c, Tag))
            continue
        if found:
            for g in waiting:
                names[id(g)] = found
            waiting.clear()


def parse(soup: BeautifulSoup) -> ParsedChat:
    transcript = with_classes(soup, ("cx-transcript",))
    wanted = ("cx-date", "cx-message")
    messages: list[ParsedMessage] = []
    group_names: dict[int, str] = {}
    day: str | None = None
    root = transcript[0] if transcript else soup
    for node, group in in_groups(root, wanted, ("cx-message-group",)):
        cls = classes(node)
        if "cx-date" in cls:
            day = visible_text(node) or all_text(node) or day
            continue
        if _typing(cls):
            continue
        role = _role(cls)
        if role is None:
            continue
        found = first_by_class(node, ("cx-bubble", "cx-name", "cx-time", "cx-message-text"))
        bubble = found.get("cx-bubble", node)
        name, time, body = found.get("cx-name"), found.get("cx-time"), found.get("cx-message-text")
        if body is not None:
            text = visible_text(body)
        else:
            text = visible_text(bubble, skip=[t for t in (name, time) if t is not None])
        if not text:
            continue
        # the name label is aria-hidden (the screen reader gets "Ryan said") but shown on screen
        speaker = strip_suffix(all_text(name), (":",)) if role != "system" else ""
        if not speaker and role != "system" and group is not None:
            if id(group) not in group_names:
                _name_groups(group, group_names)
            speaker = group_names[id(group)]
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text, time_text=all_text(time), day_text=day))
    return ParsedChat(parser=NAME, messages=messages)
