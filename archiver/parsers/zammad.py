"""Zammad chat widget (`.zammad-chat`): messages, status lines and timestamp lines.

Zammad writes a `zammad-chat-timestamp` line ("Today 14:05") before a message
only when two minutes have passed since the last one, so a timestamp labels the
one line that follows it (message or status; the typing indicator is skipped)
and every other message keeps an empty time rather than borrowing a neighbour's.
The line's bold label feeds `day_text` and the rest `time_text`. The agent's
name is shown only in the header, so it names every agent message.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    all_text,
    by_classes,
    classes,
    first_with_classes,
    has_any_class,
    shown_text,
    visible_text,
    with_classes,
)

NAME = "zammad"
LABEL = "Zammad"

_LINES = ("zammad-chat-timestamp", "zammad-chat-status", "zammad-chat-message")


def detect(soup: BeautifulSoup) -> bool:
    """True when the page holds a Zammad chat body or message."""
    return has_any_class(soup, ("zammad-chat-body", "zammad-chat-message"))


def _stamp(line: Tag) -> tuple[str, str | None]:
    """(time_text, day_text) from "<strong>Today</strong> 14:05"."""
    full = all_text(line)
    label_tag = line.find("strong")
    label = all_text(label_tag) if isinstance(label_tag, Tag) else ""
    if label and full.startswith(label):
        return full[len(label) :].strip(), label
    return full, None


def parse(soup: BeautifulSoup) -> ParsedChat:
    """Messages and status lines of the chat body; timestamps label the next line only."""
    agent_tag = next(iter(with_classes(soup, ("zammad-chat-agent-name",))), None)
    agent = shown_text(agent_tag) or all_text(agent_tag)
    # the header, modal and scroll hint also sit in .zammad-chat: read the body only
    root = next(iter(with_classes(soup, ("zammad-chat-body",))), soup)
    messages: list[ParsedMessage] = []
    pending: tuple[str, str | None] | None = None
    for line in by_classes(root, _LINES):
        cls = classes(line)
        if "zammad-chat-timestamp" in cls:
            pending = _stamp(line)
            continue
        if "zammad-chat-message--typing" in cls:
            continue
        if "zammad-chat-status" in cls:
            role, speaker = "system", ""
        elif "zammad-chat-message--agent" in cls:
            role, speaker = "agent", agent
        elif "zammad-chat-message--customer" in cls:
            role, speaker = "customer", ""
        else:
            continue
        body = first_with_classes(line, ("zammad-chat-message-body",)) or line
        text = visible_text(body)
        # the stamp belonged to this line even if it shows no text (an image):
        # passing it on would give the next message a time it was never shown
        time_text, day_text = pending if pending else ("", None)
        pending = None
        if not text:
            continue
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text, time_text=time_text, day_text=day_text))
    return ParsedChat(parser=NAME, messages=messages)
