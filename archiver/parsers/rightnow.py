"""Oracle Service Cloud / RightNow chat (the ChatTranscript widget).

Every line is a `span.rn_MessagePost`; a name prefix followed by ":" makes it a
chat post (agent or customer), while the same prefix span with no ":" after it
is an event ("Alicia has joined the chat.", "You have disconnected."), as are
`rn_Action` lines. The widget shows no times, so every time stays empty.
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag

from ..model import ParsedChat, ParsedMessage
from .html import by_classes, classes, first_with_classes, has_any_class, shown_text, visible_text

NAME = "rightnow"
LABEL = "Oracle Service Cloud (RightNow)"

_PREFIX = ("rn_AgentTextPrefix", "rn_UserTextPrefix", "rn_Action")
#: RightNow's own hidden classes (its CSS hides them; our shared list does not know them)
_HIDDEN = ("rn_ScreenReaderOnly", "rn_Hidden", "rn_CoBrowseAction")
_LEADING_COLON = re.compile(r"^\s*:\s*")


def detect(soup: BeautifulSoup) -> bool:
    """True when the page holds RightNow's ChatTranscript widget."""
    return has_any_class(soup, ("rn_ChatTranscriptBlock", "rn_ChatTranscript", "rn_MessagePost"))


def _followed_by_colon(prefix: Tag) -> bool:
    """True when the text right after the name label starts with ":"."""
    node = prefix.next_sibling
    while node is not None:
        if isinstance(node, NavigableString):
            text = str(node).strip()
            if text:
                return text.startswith(":")
        elif isinstance(node, Tag):
            return False
        node = node.next_sibling
    return False


def _message(post: Tag) -> ParsedMessage | None:
    hidden = by_classes(post, _HIDDEN)
    prefix = first_with_classes(post, _PREFIX)
    if prefix is not None and "rn_Action" not in classes(prefix) and _followed_by_colon(prefix):
        role = "agent" if "rn_AgentTextPrefix" in classes(prefix) else "customer"
        text = _LEADING_COLON.sub("", visible_text(post, skip=[prefix, *hidden]))
        if not text:
            return None
        return ParsedMessage(role=role, speaker=shown_text(prefix), text=text)
    # joins, leaves, disconnects and routing notices carry no speaker of their own
    text = visible_text(post, skip=hidden)
    return ParsedMessage(role="system", speaker="", text=text) if text else None


def parse(soup: BeautifulSoup) -> ParsedChat:
    """Every `rn_MessagePost`, in order: chat posts and events, all without times."""
    messages: list[ParsedMessage] = []
    for post in by_classes(soup, ("rn_MessagePost",)):
        message = _message(post)
        if message is not None:
            messages.append(message)
    return ParsedChat(parser=NAME, messages=messages)
