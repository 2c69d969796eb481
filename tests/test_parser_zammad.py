"""Zammad parser: edge cases stated as snippets."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import zammad
from archiver.parsers.html import make_soup

HEADER = "<div class='zammad-chat-agent'><span class='zammad-chat-agent-name'>Oliver</span></div>"
TYPING = (
    "<div class='zammad-chat-message zammad-chat-message--typing zammad-chat-message--agent'>"
    "<span class='zammad-chat-message-body'><span class='zammad-chat-loading-animation'>"
    "<span class='zammad-chat-loading-circle'></span></span></span></div>"
)


def stamp(label: str, time: str) -> str:
    return f"<div class='zammad-chat-timestamp'><strong>{label}</strong> {time}</div>"


def msg(side: str, body: str) -> str:
    return f"<div class='zammad-chat-message zammad-chat-message--{side}'><span class='zammad-chat-message-body'>{body}</span></div>"


def status(text: str) -> str:
    return f"<div class='zammad-chat-status'><div class='zammad-chat-status-inner'>{text}</div></div>"


def chat(*lines: str, header: str = HEADER) -> str:
    return (
        f"<div class='zammad-chat'><div class='zammad-chat-header'>{header}</div>"
        "<div class='zammad-chat-modal'>All colleagues are busy.</div>"
        f"<div class='zammad-chat-body'>{''.join(lines)}</div>"
        "<form class='zammad-chat-controls'><div class='zammad-chat-input' contenteditable='true'>draft</div>"
        "<button>Send</button></form></div>"
    )


CASES = {
    "empty body": (chat(), []),
    "a timestamp labels only the next line": (
        chat(stamp("Today", "14:05"), msg("customer", "Hi"), msg("agent", "Hello"), msg("customer", "My bill")),
        [
            ParsedMessage(role="customer", speaker="", text="Hi", time_text="14:05", day_text="Today"),
            ParsedMessage(role="agent", speaker="Oliver", text="Hello"),
            ParsedMessage(role="customer", speaker="", text="My bill"),
        ],
    ),
    "the typing indicator neither counts nor takes the timestamp": (
        chat(stamp("Today", "09:00"), TYPING, msg("agent", "Sorry for the wait")),
        [ParsedMessage(role="agent", speaker="Oliver", text="Sorry for the wait", time_text="09:00", day_text="Today")],
    ),
    "a timestamp with nothing after it is dropped": (
        chat(msg("customer", "Thanks"), stamp("Today", "09:04"), TYPING),
        [ParsedMessage(role="customer", speaker="", text="Thanks")],
    ),
    "status lines are system messages and can take a timestamp": (
        chat(stamp("Today", "11:30"), status("Connection lost"), status("Chat closed by Oliver")),
        [
            ParsedMessage(role="system", speaker="", text="Connection lost", time_text="11:30", day_text="Today"),
            ParsedMessage(role="system", speaker="", text="Chat closed by Oliver"),
        ],
    ),
    "a translated label still feeds day_text": (
        chat(stamp("Heute", "08:15"), msg("customer", "Hallo")),
        [ParsedMessage(role="customer", speaker="", text="Hallo", time_text="08:15", day_text="Heute")],
    ),
    "without a header name agent messages have no speaker": (
        chat(msg("agent", "Hi there"), header=""),
        [ParsedMessage(role="agent", speaker="", text="Hi there")],
    ),
    "contenteditable lines and escaped markup": (
        chat(msg("customer", "<div>Line one &amp; more</div><div>&lt;script&gt;alert(1)&lt;/script&gt;</div>")),
        [ParsedMessage(role="customer", speaker="", text="Line one & more\n<script>alert(1)</script>")],
    ),
    "a timestamp over an empty (image-only) message is not passed on": (
        chat(stamp("Today", "10:10"), msg("customer", "<img src='photo.jpg' alt='photo'>"), msg("customer", "ok")),
        [ParsedMessage(role="customer", speaker="", text="ok")],
    ),
}


@pytest.mark.parametrize("html, expected", CASES.values(), ids=CASES.keys())
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    result = zammad.parse(make_soup(html))
    assert result.parser == "zammad"
    assert result.messages == expected


def test_detect_needs_the_chat_body() -> None:
    assert zammad.detect(make_soup(chat()))
    # the launcher button alone is not a chat
    assert not zammad.detect(make_soup("<button class='open-zammad-chat'>Chat</button>"))


def test_deeply_nested_page_still_parses() -> None:
    depth = 20_000
    html = "<div>" * depth + chat(stamp("Today", "09:00"), msg("customer", "Hi")) + "</div>" * depth
    assert zammad.parse(make_soup(html)).messages == [
        ParsedMessage(role="customer", speaker="", text="Hi", time_text="09:00", day_text="Today")
    ]
