"""Intercom parser: edge cases stated as snippets (classic and hashed builds)."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import intercom
from archiver.parsers.html import make_soup


def para(text: str) -> str:
    return f"<div class='intercom-block intercom-block-paragraph'>{text}</div>"


def part(side: str, *blocks: str, avatar: str | None = None, meta: str | None = None, grouped: bool = False,
         extra: str = "") -> str:
    face = (
        f"<div class='intercom-comment-container-admin-avatar'><div class='intercom-avatar'>"
        f"<img src='https://static.intercomassets.com/avatars/1/square_128/a.png' alt='{avatar}'></div></div>"
        if avatar is not None
        else ""
    )
    label = (
        f"<div class='intercom-conversation-part-metadata'><span class='intercom-conversation-part-metadata-save-state'>"
        f"{meta}</span></div>"
        if meta is not None
        else ""
    )
    group = " intercom-conversation-part-grouped" if grouped else ""
    return (
        f"<div class='intercom-conversation-part intercom-conversation-part-{side}{group}'>"
        f"<div class='intercom-comment-container intercom-comment-container-{side}'>{face}"
        f"<div class='intercom-comment'><div class='intercom-blocks'>{''.join(blocks)}</div></div></div>"
        f"{extra}{label}</div>"
    )


def classic(*parts: str) -> str:
    return (
        "<div class='intercom-messenger'><div class='intercom-header'>Support team · Typically replies in 5m</div>"
        f"<div class='intercom-conversation-parts'>{''.join(parts)}</div>"
        "<div class='intercom-composer'><textarea>unsent reply</textarea><button>Send</button></div></div>"
    )


def bubble(text: str) -> str:
    return f"<div class='intercom-bjn8wh e1hcg6gj1'><div class='intercom-1hd0v8b e1hcg6gj0'>{para(text)}</div></div>"


def row(*bubbles: str, avatar: str | None = None, meta: str | None = None) -> str:
    face = (
        f"<div class='intercom-1bc9tx5'><img class='intercom-1kvch2z' src='https://static.intercomassets.com/avatars/9/x.jpg'"
        f" alt='{avatar}'></div>"
        if avatar is not None
        else ""
    )
    label = f"<div class='intercom-1wqihgt e1l99l4r0'>{meta}</div>" if meta is not None else ""
    return f"<div class='intercom-ntrxo0 e1ctzwvl2'>{face}<div class='intercom-ylwl9b'>{''.join(bubbles)}{label}</div></div>"


def hashed(*rows: str) -> str:
    return (
        "<div class='intercom-1w0iho6' role='dialog'><h1 class='intercom-7igmry'>Acme Support</h1>"
        f"<div class='intercom-1a7o9ln'><div class='intercom-1ya8r1f' role='log'>{''.join(rows)}</div></div>"
        "<div class='intercom-1f8mz6a'><textarea placeholder='Message…'></textarea></div></div>"
    )


CASES = {
    "no messages yet": (classic(), []),
    "classic sides, metadata as time only": (
        classic(part("admin", para("Hi, how can I help?"), avatar="Nadia", meta="5m ago."),
                part("user", para("My card was charged twice"), meta="Just now. Seen")),
        [
            ParsedMessage(role="agent", speaker="Nadia", text="Hi, how can I help?", time_text="5m ago"),
            ParsedMessage(role="customer", speaker="", text="My card was charged twice", time_text="Just now"),
        ],
    ),
    "Bot in the metadata makes the whole run a bot": (
        classic(part("admin", para("Hello!"), grouped=True),
                part("admin", para("Pick a topic"), avatar="Operator", meta="Bot · 2m ago.",
                     extra="<div class='intercom-quick-replies'><button>Billing</button><button>Other</button></div>")),
        [
            ParsedMessage(role="bot", speaker="Operator", text="Hello!"),
            ParsedMessage(role="bot", speaker="Operator", text="Pick a topic", time_text="2m ago"),
        ],
    ),
    "a run ends at a part without -grouped": (
        classic(part("admin", para("One"), avatar="Ann", meta="3m ago."),
                part("admin", para("Two"), avatar="Ben", meta="1m ago.")),
        [
            ParsedMessage(role="agent", speaker="Ann", text="One", time_text="3m ago"),
            ParsedMessage(role="agent", speaker="Ben", text="Two", time_text="1m ago"),
        ],
    ),
    "the typing indicator is not a message": (
        classic(part("user", para("hello?"), meta="1m ago. Seen"),
                "<div class='intercom-conversation-part intercom-conversation-part-admin'>"
                "<div class='intercom-comment-container-admin-avatar'><img alt='Nadia' src='avatar.png'></div>"
                "<div class='intercom-comment intercom-comment-typing'><div class='intercom-typing-indicator'>"
                "<span></span></div></div></div>"),
        [ParsedMessage(role="customer", speaker="", text="hello?", time_text="1m ago")],
    ),
    "escaped markup and several paragraphs": (
        classic(part("user", para("&lt;script&gt;alert(1)&lt;/script&gt;"), para("second &amp; last"))),
        [ParsedMessage(role="customer", speaker="", text="<script>alert(1)</script>\nsecond & last")],
    ),
    "hashed rows: avatar means the company, metadata names and dates the last bubble": (
        hashed(row(bubble("Hi Sam"), bubble("I can help with that"), avatar="Elena profile", meta="Elena · 12m ago."),
               row(bubble("Thanks!"), meta="Just now. Not seen yet")),
        [
            ParsedMessage(role="agent", speaker="Elena", text="Hi Sam"),
            ParsedMessage(role="agent", speaker="Elena", text="I can help with that", time_text="12m ago"),
            ParsedMessage(role="customer", speaker="", text="Thanks!", time_text="Just now"),
        ],
    ),
    "hashed: without a metadata name the avatar's alt names the sender": (
        hashed(row(bubble("Welcome!"), avatar="Acme Assistant", meta="Bot · 1h ago."), row(bubble("hi"))),
        [
            ParsedMessage(role="bot", speaker="Acme Assistant", text="Welcome!", time_text="1h ago"),
            ParsedMessage(role="customer", speaker="", text="hi"),
        ],
    ),
    "hashed: a picture the customer sent is not an avatar": (
        hashed(row(bubble("Here is the receipt"),
                   "<div class='intercom-block intercom-block-image'><img src='https://uploads.example/r.jpg' alt='receipt'></div>"),
               row(bubble("Got it"), avatar="Elena")),
        [
            ParsedMessage(role="customer", speaker="", text="Here is the receipt"),
            ParsedMessage(role="agent", speaker="Elena", text="Got it"),
        ],
    ),
    "hashed: a lone message is read within its row": (
        hashed(row(bubble("Our team replies in a few hours."), avatar="Acme", meta="Bot · 3d ago.")),
        [ParsedMessage(role="bot", speaker="Acme", text="Our team replies in a few hours.", time_text="3d ago")],
    ),
    "a time mentioned in the message is not metadata": (
        classic(part("admin", para("Sent 5 min ago from our side"), avatar="Ann")),
        [ParsedMessage(role="agent", speaker="Ann", text="Sent 5 min ago from our side")],
    ),
}


@pytest.mark.parametrize("html, expected", CASES.values(), ids=CASES.keys())
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    chat = intercom.parse(make_soup(html))
    assert chat.parser == "intercom"
    assert chat.messages == expected


@pytest.mark.parametrize(
    "html, claimed",
    [
        (classic(part("user", para("hi"))), True),
        # the host page holds only the frame: the frame document is the one to read
        ("<div id='intercom-container'><iframe name='intercom-messenger-frame'></iframe></div>", False),
        # Intercom's help-center articles use "interblocks", which is not a chat
        ("<article><div class='intercom-interblocks-paragraph'><p>How to dispute a charge</p></div></article>", False),
    ],
)
def test_detect(html: str, claimed: bool) -> None:
    assert intercom.detect(make_soup(html)) is claimed


@pytest.mark.parametrize("build", ["classic", "hashed"])
def test_deeply_nested_page_still_parses(build: str) -> None:
    depth = 20_000
    inner = (
        classic(part("admin", para("Hello"), avatar="Ann", meta="2m ago."), part("user", para("Hi")))
        if build == "classic"
        else hashed(row(bubble("Hello"), avatar="Ann", meta="2m ago."), row(bubble("Hi")))
    )
    html = "<div>" * depth + inner + "</div>" * depth
    assert intercom.parse(make_soup(html)).messages == [
        ParsedMessage(role="agent", speaker="Ann", text="Hello", time_text="2m ago"),
        ParsedMessage(role="customer", speaker="", text="Hi"),
    ]


def test_a_paragraph_nested_in_a_paragraph_is_one_message() -> None:
    html = hashed(row("<div class='b'>" + para("outer " + para("inner")) + "</div>"), row(bubble("next")))
    assert intercom.parse(make_soup(html)).messages == [
        ParsedMessage(role="customer", speaker="", text="outer\ninner"),
        ParsedMessage(role="customer", speaker="", text="next"),
    ]
