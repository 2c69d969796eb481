"""LivePerson (lpChat / Conversational Cloud web messaging).

Lines are `.lpc_message-area` / `.lp_chat_line_wrapper` blocks whose class
says the side (`_agent`, `_visitor`/`_consumer`, `_system`, LivePerson's own
misspelt `lpc_message_sytem`). The rep's name sits in `.lp_sender` and in the
text element's `title`; the side timestamp reads "Now" or a short time.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    all_text,
    by_classes,
    classes,
    element_by_id,
    first_by_class,
    first_with_classes,
    has_any_class,
    shown_text,
    visible_text,
)

NAME = "liveperson"
LABEL = "LivePerson"

_LINE = ("lpc_message-area", "lp_chat_line_wrapper")
_TEXT = ("lpc_message__text", "lp_title_text", "lpc_card__text")
_TIME = ("lpc_message-area__side-timestamp", "lpc_message__timestamp", "lp_time_stamp")
_SENDER = ("lp_sender", "lpc_message__sender")


def detect(soup: BeautifulSoup) -> bool:
    """LivePerson's chat container or its message classes are in the page."""
    return element_by_id(soup, "lpChat") is not None or has_any_class(soup, ("lpc_transcript", "lpc_message"))


#: class endings that name the side, checked in this order ("_bot" must
#: not match "lpc_message-area_bottom-aligned", so whole endings only)
_SIDES = (
    (("_system", "_sytem"), "system"),
    (("_bot",), "bot"),
    (("_agent",), "agent"),
    (("_visitor", "_consumer"), "customer"),
)


def _role(tag: Tag) -> str | None:
    cls = classes(tag)
    for endings, role in _SIDES:
        if any(c.endswith(endings) for c in cls):
            return role
    return None


def parse(soup: BeautifulSoup) -> ParsedChat:
    """Every LivePerson line with its side, sender, text and side timestamp."""
    messages: list[ParsedMessage] = []
    for line in by_classes(soup, _LINE):
        role = _role(line)
        if role is None:
            for inner in by_classes(line, ("lpc_message",), nested=True):
                role = _role(inner)
                if role:
                    break
        if role is None:
            continue
        found = first_by_class(line, _SENDER + _TIME)
        sender = next((found[c] for c in _SENDER if c in found), None)
        time = next((found[c] for c in _TIME if c in found), None)
        text_nodes = by_classes(line, _TEXT)
        if text_nodes:
            text = "\n".join(t for t in (visible_text(n) for n in text_nodes) if t)
        else:
            body = first_with_classes(line, ("lpc_message",))
            body = line if body is None else body
            text = visible_text(body, skip=[x for x in (sender, time) if x is not None])
        if not text:
            continue
        speaker = shown_text(sender) or all_text(sender)
        if not speaker and text_nodes and role in ("agent", "bot"):
            speaker = str(text_nodes[0].get("title") or "").strip()
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text, time_text=all_text(time)))
    return ParsedChat(parser=NAME, messages=messages)
