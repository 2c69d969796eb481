"""tawk.to chat widget (renders in an iframe: a complete save's frame file or an MHTML part).

The rep's name is a hidden `<p style="display:none">` once per message group,
so it names every bubble in the group (read once per group). A bubble that is
neither visitor nor agent chat is an event line ("Dana joined the chat") and
becomes a system message.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .groups import in_groups
from .html import all_text, classes, first_by_class, has_any_class, visible_text

NAME = "tawkto"
LABEL = "tawk.to"


def detect(soup: BeautifulSoup) -> bool:
    return has_any_class(soup, ("tawk-message-bubble", "tawk-message-block", "tawk-chat-bubble"))


def _group_name(group: Tag) -> str:
    """The name line a message group carries after its bubbles (often hidden)."""
    for child in group.find_all("p", recursive=False):
        name = all_text(child)
        if name:
            return name.rstrip(":").strip()
    return ""


def parse(soup: BeautifulSoup) -> ParsedChat:
    messages: list[ParsedMessage] = []
    group_names: dict[int, str] = {}
    for bubble, group in in_groups(soup, ("tawk-message-bubble",), ("tawk-message-group",)):
        if any("typing" in c.lower() for c in classes(bubble)):
            continue  # "tawk-typing-…", in whatever case the build writes it
        found = first_by_class(bubble, ("tawk-visitor-chat", "tawk-agent-chat", "tawk-chat-bubble"))
        if "tawk-visitor-chat" in found:
            role = "customer"
        elif "tawk-agent-chat" in found:
            role = "agent"
        else:
            role = "system"
        time = bubble.find("time")
        body = found.get("tawk-chat-bubble")
        if body is not None:
            text = visible_text(body)
        else:
            text = visible_text(bubble, skip=[time] if time is not None else [])
        if not text:
            continue
        speaker = ""
        if role == "agent" and group is not None:
            if id(group) not in group_names:
                group_names[id(group)] = _group_name(group)
            speaker = group_names[id(group)]
        # timeago labels may keep the full date-time in datetime= or a hover title
        datetime_text = None
        if time is not None:
            datetime_text = str(time.get("datetime") or time.get("title") or "").strip() or None
        messages.append(
            ParsedMessage(role=role, speaker=speaker, text=text, time_text=all_text(time), datetime_text=datetime_text)
        )
    return ParsedChat(parser=NAME, messages=messages)
