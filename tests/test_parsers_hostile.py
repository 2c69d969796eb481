"""Hostile markup inside the Salesforce, Genesys, Nuance and tawk.to hooks.

Scripts, styles and handlers inside a bubble never become text, nested or
broken bubbles never crash a parser, and deep nesting is read without
recursion. Each case names its complete expected messages.
"""

from __future__ import annotations

import pytest

from archiver.model import Document, ParsedMessage
from archiver.parsers import find_chat

DEEP = "<div>" * 3000 + "deep text" + "</div>" * 3000

CASES = {
    "salesforce: script, style and handler inside a bubble": (
        '<ul class="messageWrapper"><li class="chatMessage agent embeddedServiceLiveAgentStateChatItem">'
        '<div class="chatContent"><div class="plaintextContent"><script>alert(1)</script><style>p{}</style>'
        '<img src=x onerror="alert(2)">Hi <b onclick="alert(3)">there</b></div></div></li></ul>',
        "salesforce",
        [ParsedMessage("agent", "", "Hi there")],
    ),
    "salesforce: a bubble nested in a bubble is read once": (
        '<ul class="messageWrapper"><li class="chatMessage chasitor embeddedServiceLiveAgentStateChatItem">'
        '<div class="chatContent"><div class="plaintextContent">outer '
        '<li class="chatMessage agent embeddedServiceLiveAgentStateChatItem">inner</li></div></div></li></ul>',
        "salesforce",
        [ParsedMessage("customer", "", "outer\ninner")],
    ),
    "genesys: unclosed tags and a deep tree": (
        '<div class="cx-transcript"><div class="cx-message-group"><div class="cx-message cx-participant cx-you">'
        f'<div class="cx-bubble"><div class="cx-message-text"><b>bold <i>both {DEEP}</div></div></div></div></div>',
        "genesys",
        [ParsedMessage("customer", "", "bold both\ndeep text")],
    ),
    "nuance: a container without a bubble and one with only hidden text": (
        '<div id="ciapiSkinChatTranscript"><div class="ciapi-agent-container">bare text</div>'
        '<div class="ciapi-customer-container"><div class="ciapi-customer-message">'
        '<p class="govuk-visually-hidden">You said : </p></div></div></div>',
        "nuance",
        [ParsedMessage("agent", "", "bare text")],
    ),
    "tawkto: a time with a junk datetime attribute": (
        '<div class="tawk-message-bubble"><div class="tawk-visitor-chat"><time datetime="&lt;script&gt;">13:00</time>'
        '<div class="tawk-chat-bubble"><p>hello</p></div></div></div>',
        "tawkto",
        [ParsedMessage("customer", "", "hello", "13:00", datetime_text="<script>")],
    ),
}


@pytest.mark.parametrize("html, parser, expected", list(CASES.values()), ids=list(CASES))
def test_hostile_markup(html: str, parser: str, expected: list[ParsedMessage]) -> None:
    chat = find_chat([Document(html=f"<html><body>{html}</body></html>", location="page.html")])
    assert chat.parser == parser
    assert chat.messages == expected
