"""Genesys Widgets v9 web chat (the `cx-*` markup).

A `.cx-message-group` holds one participant's consecutive bubbles and shows
the name on only some of them, so the group's first shown name names them all.
`.cx-date` separators become each following message's `day_text`.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    all_text,
    by_classes,
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


def _group_name(group: Tag) -> str:
    """The first name shown in a message group (it may sit on any bubble)."""
    for message in by_classes(group, ("cx-message",)):
        if _role(classes(message)) in ("agent", "bot", "customer") and not any(
            "typing" in c.lower() for c in classes(message)
        ):
            name = strip_suffix(all_text(first_by_class(message, ("cx-name",)).get("cx-name")), (":",))
            if name:
                return name
    return ""


def parse(soup: BeautifulSoup) -> ParsedChat:
    transcript = with_classes(soup, ("cx-transcript",))
    wanted = ("cx-date", "cx-message")
    messages: list[ParsedMessage] = []
    group_names: dict[int, str] = {}
    day: str | None = None
    for node in by_classes(transcript[0] if transcript else soup, wanted):
        cls = classes(node)
        if "cx-date" in cls:
            day = visible_text(node) or all_text(node) or day
            continue
        if any("typing" in c.lower() for c in cls):
            continue  # the "Ryan is typing" bubble
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
        if not speaker and role != "system":
            group = node.find_parent(class_="cx-message-group")
            if group is not None:
                if id(group) not in group_names:
                    group_names[id(group)] = _group_name(group)
                speaker = group_names[id(group)]
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text, time_text=all_text(time), day_text=day))
    return ParsedChat(parser=NAME, messages=messages)
