"""Olark classic ("habla") chat box: one `p.habla_conversation_p_item` per line.

A line's name label says the side: `hbl_pal_remote_fg` is an operator ("Jessica:"),
`hbl_pal_local_fg` the visitor. Consecutive lines from one person may carry no
label at all (Olark and site scripts drop repeats), so an unlabelled line
continues the previous sender. `habla_conversation_notification` lines are
events. Olark classic shows no times.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    by_classes,
    classes,
    element_by_id,
    first_with_classes,
    has_any_class,
    shown_text,
    strip_suffix,
    visible_text,
)

NAME = "olark"
LABEL = "Olark"

_PERSON = re.compile(r"^habla_conversation_person(\d+)$")


def detect(soup: BeautifulSoup) -> bool:
    """True when the page holds Olark's classic conversation box."""
    return has_any_class(soup, ("habla_conversation_p_item",)) or element_by_id(soup, "habla_conversation_div") is not None


def _person_role(tag: Tag) -> str | None:
    """Olark numbers people per chat: person1 is the visitor, the rest operators."""
    for c in classes(tag):
        m = _PERSON.match(c)
        if m:
            return "customer" if m.group(1) == "1" else "agent"
    return None


def parse(soup: BeautifulSoup) -> ParsedChat:
    """Every conversation line, unlabelled ones continuing the previous sender."""
    messages: list[ParsedMessage] = []
    last: tuple[str, str] | None = None  # (role, speaker) of the previous chat line
    for item in by_classes(soup, ("habla_conversation_p_item",)):
        if "habla_conversation_notification" in classes(item):
            text = visible_text(item)
            if text:
                messages.append(ParsedMessage(role="system", speaker="", text=text))
            continue
        label = first_with_classes(item, ("hbl_pal_remote_fg", "hbl_pal_local_fg"))
        body = first_with_classes(item, ("habla_conversation_text_span",))
        text = visible_text(body) if body is not None else visible_text(item, skip=[label] if label else [])
        if not text:
            continue
        if label is not None:
            role = "customer" if "hbl_pal_local_fg" in classes(label) else "agent"
            sender = (role, strip_suffix(shown_text(label), (":",)))
        elif last is not None:
            sender = last
        else:
            # a first line without a label: only its person class can tell
            role = _person_role(item) or (_person_role(body) if body is not None else None)
            if role is None:
                continue
            sender = (role, "")
        last = sender
        messages.append(ParsedMessage(role=sender[0], speaker=sender[1], text=text))
    return ParsedChat(parser=NAME, messages=messages)
