"""Salesforce parser edge cases, each stated as a snippet with its complete messages."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import salesforce
from archiver.parsers.html import make_soup

ITEM = "chatMessage {side} embeddedServiceLiveAgentStateChatItem embeddedServiceLiveAgentStateChatMessage"
EVENT = "chatMessage event embeddedServiceLiveAgentStateChatItem embeddedServiceLiveAgentStateChatEventMessage"


def li(side: str, text: str, name: str | None = None, time: str | None = None) -> str:
    meta = ""
    if name is not None or time is not None:
        meta = '<div class="nameAndTimeContent">'
        meta += f'<div class="agentName">{name}</div>' if name is not None else ""
        meta += f'<div class="timeContent">{time}</div>' if time is not None else ""
        meta += "</div>"
    return (
        f'<li class="{ITEM.format(side=side)}"><div class="chatContent">'
        f'<div class="embeddedServiceLiveAgentStateChatPlaintextMessageDefaultUI {side} plaintextContent">'
        f"<span>{text}</span></div></div>{meta}</li>"
    )


def embedded(*items: str) -> str:
    return f'<div class="embeddedServiceLiveAgentStateChat"><ul class="messageWrapper">{"".join(items)}</ul></div>'


CASES = {
    "empty transcript": (embedded(), []),
    "typing indicator only": (
        embedded(
            '<li class="chatMessage agent embeddedServiceLiveAgentStateChatItem '
            'embeddedServiceLiveAgentStateChatTypingIndicator"><div class="chatContent">'
            '<span class="slds-assistive-text">Kim is typing</span><span class="dot">...</span></div></li>'
        ),
        [],
    ),
    "name under the last bubble names the whole run": (
        embedded(li("agent", "One"), li("agent", "Two"), li("agent", "Three", "Kim", "9:01 AM")),
        [
            ParsedMessage("agent", "Kim", "One"),
            ParsedMessage("agent", "Kim", "Two"),
            ParsedMessage("agent", "Kim", "Three", "9:01 AM"),
        ],
    ),
    "name on the first bubble names the rest of the run": (
        embedded(li("agent", "One", "Kim", "9:01 AM"), li("agent", "Two")),
        [ParsedMessage("agent", "Kim", "One", "9:01 AM"), ParsedMessage("agent", "Kim", "Two")],
    ),
    "an event breaks a run: a name never crosses it": (
        embedded(
            li("agent", "Before"),
            f'<li class="{EVENT}"><div class="eventMessage">Priya joined the chat</div></li>',
            li("agent", "After", "Priya", "9:05 AM"),
        ),
        [
            ParsedMessage("agent", "", "Before"),
            ParsedMessage("system", "", "Priya joined the chat"),
            ParsedMessage("agent", "Priya", "After", "9:05 AM"),
        ],
    ),
    "a customer between two reps' bubbles keeps them apart": (
        embedded(li("agent", "Hi", "Tom", "10:00"), li("chasitor", "Hello", None, "10:01"), li("agent", "Me again")),
        [
            ParsedMessage("agent", "Tom", "Hi", "10:00"),
            ParsedMessage("customer", "", "Hello", "10:01"),
            ParsedMessage("agent", "", "Me again"),
        ],
    ),
    "menu buttons and assistive text are not message text": (
        embedded(
            f'<li class="{ITEM.format(side="agent")}"><div class="chatContent">'
            '<span class="slds-assistive-text">Kim said</span><div class="rich-menu">'
            "<span>Pick one</span><button>Yes</button><button>No</button></div></div>"
            '<div class="nameAndTimeContent"><div class="agentName">Kim:</div>'
            '<div class="timeContent">11:00 AM</div></div></li>'
        ),
        [ParsedMessage("agent", "Kim", "Pick one", "11:00 AM")],
    ),
    "escaped markup stays literal text": (
        embedded(li("chasitor", "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more")),
        [ParsedMessage("customer", "", "<script>alert(1)</script> & more")],
    ),
    "classic log: system text without a messageText span, missing timestamp": (
        '<div id="liveAgentChatLogText">'
        '<span class="system">Chat transferred to Billing</span><br>'
        '<span class="operator"><span class="name">Ana</span>: <span class="messageText">Hello<br>there</span></span>'
        '<span class="client"><span class="timestamp">9:00:05 AM</span> <span class="name">You</span>: '
        '<span class="messageText">Hi</span></span>'
        '<span class="client"><span class="name">You</span>: <span class="messageText"> </span></span>'
        "</div>",
        [
            ParsedMessage("system", "", "Chat transferred to Billing"),
            ParsedMessage("agent", "Ana", "Hello\nthere"),
            ParsedMessage("customer", "You", "Hi", "9:00:05 AM"),
        ],
    ),
    "classic line without a messageText span drops the name's colon": (
        '<div id="liveAgentChatLogText">'
        '<span class="operator"><span class="name">Ana</span>: Thanks for waiting</span></div>',
        [ParsedMessage("agent", "Ana", "Thanks for waiting")],
    ),
}


@pytest.mark.parametrize("html, expected", list(CASES.values()), ids=list(CASES))
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    soup = make_soup(html)
    assert salesforce.detect(soup)
    assert salesforce.parse(soup).messages == expected


def test_session_start_is_the_header_not_a_message() -> None:
    soup = make_soup(
        '<div class="chatSessionStartTime">Chat Started: Monday, March 3, 2025, 4:52 PM</div>'
        + embedded(li("agent", "Hi", "Kim", "4:52 PM"))
    )
    chat = salesforce.parse(soup)
    assert chat.header_text == "Chat Started: Monday, March 3, 2025, 4:52 PM"
    assert chat.messages == [ParsedMessage("agent", "Kim", "Hi", "4:52 PM")]


def test_detect_ignores_a_page_without_the_widget() -> None:
    soup = make_soup('<ul class="messages"><li class="chat">Hi</li></ul><div class="system">Note</div>')
    assert not salesforce.detect(soup)
