"""RightNow (Oracle Service Cloud) parser: edge cases stated as snippets."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import rightnow
from archiver.parsers.html import make_soup

AGENT = "<span class='rn_AgentTextPrefix'>{}</span>"
USER = "<span class='rn_UserTextPrefix'>{}</span>"


def post(inner: str) -> str:
    return f"<span class='rn_MessagePost'> <img alt='' src='chatAgent.png'/> {inner}<br/></span>"


def page(*posts: str) -> str:
    return (
        "<div class='rn_ChatTranscript'><div class='rn_ChatTranscriptBlock'>"
        + "".join(posts)
        + "</div></div><textarea>draft reply</textarea><button>Send</button>"
    )


CASES = {
    "empty transcript": (page(), []),
    "agent and customer posts": (
        page(post(AGENT.format("Jessica") + ": Hi, how can I help?"), post(USER.format("You") + ": My card was declined")),
        [
            ParsedMessage(role="agent", speaker="Jessica", text="Hi, how can I help?"),
            ParsedMessage(role="customer", speaker="You", text="My card was declined"),
        ],
    ),
    "a name prefix without a colon is an event": (
        page(post(AGENT.format("Jessica") + " has joined the chat.")),
        [ParsedMessage(role="system", speaker="", text="Jessica has joined the chat.")],
    ),
    "a disconnect notice wrapped in the user prefix is an event": (
        page(post(USER.format(" You have disconnected. "))),
        [ParsedMessage(role="system", speaker="", text="You have disconnected.")],
    ),
    "rn_Action lines are events": (
        page(post("<span class='rn_Action'> An agent will be with you shortly. </span>")),
        [ParsedMessage(role="system", speaker="", text="An agent will be with you shortly.")],
    ),
    "screen-reader labels and rn_Hidden text are left out": (
        page(post("<span class='rn_ScreenReaderOnly'>Agent said</span> " + AGENT.format("Jessica")
                  + ": Your refund is <span class='rn_Hidden'>(internal)</span>$40.")),
        [ParsedMessage(role="agent", speaker="Jessica", text="Your refund is $40.")],
    ),
    "a colon inside the text stays": (
        page(post(USER.format("Sam") + ": Ref: AB-12 : pending")),
        [ParsedMessage(role="customer", speaker="Sam", text="Ref: AB-12 : pending")],
    ),
    "off-the-record text is still the customer's message": (
        page(post(USER.format("Sam") + ": <span class='rn_OffTheRecordMessage'>card ends 4242</span>")),
        [ParsedMessage(role="customer", speaker="Sam", text="card ends 4242")],
    ),
    "escaped markup stays literal text": (
        page(post(AGENT.format("Jessica") + ": type &lt;b&gt;yes&lt;/b&gt; &amp; send")),
        [ParsedMessage(role="agent", speaker="Jessica", text="type <b>yes</b> & send")],
    ),
    "a post with a name and nothing else is dropped": (
        page(post(AGENT.format("Jessica") + ": ")),
        [],
    ),
    "co-browse links are not part of the event text": (
        page(post("<span class='rn_Action'> Jessica wants to share your screen. <span class='rn_CoBrowseAction'>"
                  "Click <a href='#'>Allow</a> or <a href='#'>Deny</a></span></span>")),
        [ParsedMessage(role="system", speaker="", text="Jessica wants to share your screen.")],
    ),
}


@pytest.mark.parametrize("html, expected", CASES.values(), ids=CASES.keys())
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    chat = rightnow.parse(make_soup(html))
    assert chat.parser == "rightnow"
    assert chat.messages == expected


def test_detect_needs_the_transcript_widget() -> None:
    assert rightnow.detect(make_soup(page()))
    assert not rightnow.detect(make_soup("<div class='rn_ChatStatus'>Searching for an agent</div>"))


def test_deeply_nested_page_still_parses() -> None:
    depth = 20_000
    html = "<div>" * depth + page(post(AGENT.format("Jessica") + ": Still here")) + "</div>" * depth
    assert rightnow.parse(make_soup(html)).messages == [ParsedMessage(role="agent", speaker="Jessica", text="Still here")]
