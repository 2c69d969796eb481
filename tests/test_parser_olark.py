"""Olark classic parser: edge cases stated as snippets."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import olark
from archiver.parsers.html import make_soup


def op(name: str, text: str, person: int = 2) -> str:
    return (
        f"<p class='habla_conversation_p_item'><span class='hbl_pal_remote_fg habla_conversation_person{person}'>"
        f"{name}: </span><span class='habla_conversation_text_span hbl_pal_main_fg'>{text}</span></p>"
    )


def me(name: str, text: str) -> str:
    return (
        "<p class='habla_conversation_p_item'><span class='hbl_pal_local_fg habla_conversation_person1'>"
        f"{name}: </span><span class='habla_conversation_text_span hbl_pal_main_fg'>{text}</span></p>"
    )


def bare(text: str, cls: str = "") -> str:
    return f"<p class='habla_conversation_p_item {cls}'><span class='habla_conversation_text_span'>{text}</span></p>"


def box(*items: str) -> str:
    return (
        "<div id='habla_window_div'><div id='habla_topbar_div'><a id='habla_oplink_a'>Chat with us</a></div>"
        f"<div id='habla_conversation_div'>{''.join(items)}</div>"
        "<div id='habla_typing_div'>Jessica is typing…</div>"
        "<form id='habla_chatform_form'><textarea id='habla_wcsend_input'>unsent draft</textarea></form></div>"
    )


CASES = {
    "empty conversation": (box(), []),
    "labels give side and name": (
        box(op("Jessica", "Hi!"), me("You", "Hello")),
        [
            ParsedMessage(role="agent", speaker="Jessica", text="Hi!"),
            ParsedMessage(role="customer", speaker="You", text="Hello"),
        ],
    ),
    "an unlabelled line continues the previous sender": (
        box(op("Jessica", "One moment"), bare("Found it"), me("You", "thanks"), bare("thanks again")),
        [
            ParsedMessage(role="agent", speaker="Jessica", text="One moment"),
            ParsedMessage(role="agent", speaker="Jessica", text="Found it"),
            ParsedMessage(role="customer", speaker="You", text="thanks"),
            ParsedMessage(role="customer", speaker="You", text="thanks again"),
        ],
    ),
    "an event does not break a sender's run": (
        box(op("Sam", "Transferring you"), "<p class='habla_conversation_p_item habla_conversation_notification'>"
            "<span class='hbl_pal_remote_fg habla_conversation_notification_nickname'>Sam</span> has left the chat.</p>",
            bare("Are you still there?")),
        [
            ParsedMessage(role="agent", speaker="Sam", text="Transferring you"),
            ParsedMessage(role="system", speaker="", text="Sam has left the chat."),
            ParsedMessage(role="agent", speaker="Sam", text="Are you still there?"),
        ],
    ),
    "a first unlabelled line falls back to its person class": (
        box(bare("Welcome to our store!", "habla_conversation_person2")),
        [ParsedMessage(role="agent", speaker="", text="Welcome to our store!")],
    ),
    "a first unlabelled line with no person class is dropped": (box(bare("orphan")), []),
    "several operators keep their own names": (
        box(op("Sam", "Bringing in Renee"), op("Renee (Wire Dept)", "Hi", person=3)),
        [
            ParsedMessage(role="agent", speaker="Sam", text="Bringing in Renee"),
            ParsedMessage(role="agent", speaker="Renee (Wire Dept)", text="Hi"),
        ],
    ),
    "escaped markup, line breaks and emoji images": (
        box(me("Tom", "a &lt;b&gt; &amp; c<br>next line <img class='olrk-emoji' alt='🙏' src='x.png'>")),
        [ParsedMessage(role="customer", speaker="Tom", text="a <b> & c\nnext line 🙏")],
    ),
    "an empty line is skipped without taking over the sender": (
        box(op("Jessica", " "), me("You", "hello?")),
        [ParsedMessage(role="customer", speaker="You", text="hello?")],
    ),
}


@pytest.mark.parametrize("html, expected", CASES.values(), ids=CASES.keys())
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    chat = olark.parse(make_soup(html))
    assert chat.parser == "olark"
    assert chat.messages == expected


def test_detect_needs_the_conversation_box() -> None:
    assert olark.detect(make_soup(box()))
    assert not olark.detect(make_soup("<script>window.olark||(function(){})()</script><div id='olark'></div>"))


def test_deeply_nested_page_still_parses() -> None:
    depth = 20_000
    html = "<div>" * depth + box(op("Jessica", "Hi"), bare("there")) + "</div>" * depth
    assert olark.parse(make_soup(html)).messages == [
        ParsedMessage(role="agent", speaker="Jessica", text="Hi"),
        ParsedMessage(role="agent", speaker="Jessica", text="there"),
    ]
