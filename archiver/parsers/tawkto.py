"""tawk.to chat widget (renders in an iframe: a complete save's frame file or an MHTML part).

The rep's name is a hidden `<p style="display:none">` once per message group,
so it names every bubble in the group. A bubble that is neither visitor nor
agent chat is an event line ("Dana joined the chat") and becomes a system message.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import all_text, by_classes, classes, first_by_class, has_any_class, visible_text

NAME = "tawkto"
LABEL = "tawk.to"


def detect(soup: BeautifulSoup) -> bool:
    return has_any_class(soup, ("tawk-message-bubble", "tawk-message-block", "tawk-chat-bubble"))


def _group_name(group: Tag | None) -> str:
    """The name line a message group carries after its bubbles (often hidden)."""
    if group is None:
        return ""
    for child in group.find_all("p", recursive=False):
        name = all_text(child)
        if name:
            return name.rstrip(":").strip()
    return ""


def parse(soup: BeautifulSoup) -> ParsedChat:
    messages: list[ParsedMessage] = []
    for bubble in by_classes(soup, ("tawk-message-bubble",)):
        if any("typing" in c for c in classes(bubble)):
            continue
        found = first_by_class(bubble, ("tawk-visitor-chat", "tawk-agent-chat", "tawk-chat-bubble"))
        if "tawk-visitor-chat" in found:
            role = "customer"
        elif "tawk-agent-chat" in found:
            role = "agent"
        else:
            role = "system"
        time = bubble.find("time")
        body = found.get("tawk-chat-bubble")
        text = visible_text(body) if body is not None else visible_text(bubble, skip=[time] if time else [])
        if not text:
            continue
        speaker = _group_name(bubble.find_parent(class_="tawk-message-group")) if role == "agent" else ""
        # timeago labels may keep the full date-time in datetime= or a hover title
        datetime_text = None
        if time is not None:
            datetime_text = str(time.get("datetime") or time.get("title") or "").strip() or None
        messages.append(
            ParsedMessage(role=role, speaker=speaker, text=text, time_text=all_text(time), datetime_text=datetime_text)
        )
    return ParsedChat(parser=NAME, messages=messages)
