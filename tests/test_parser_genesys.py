"""Genesys Widgets parser edge cases, each stated as a snippet with its complete messages."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import genesys
from archiver.parsers.html import make_soup


def bubble(cls: str, text: str, name: str = "", time: str = "") -> str:
    return (
        f'<div class="cx-message {cls}"><div class="cx-bubble">'
        f'<span aria-hidden="true" class="cx-name">{name}</span>'
        f'<div class="cx-message-text">{text}</div><span class="cx-time">{time}</span></div></div>'
    )


def group(*bubbles: str) -> str:
    return f'<div class="cx-message-group">{"".join(bubbles)}</div>'


def transcript(*parts: str) -> str:
    return f'<div class="cx-transcript" role="log">{"".join(parts)}</div>'


AGENT = "cx-participant cx-them cx-Agent"
BOT = "cx-participant cx-them cx-Bot cx-bot"
YOU = "cx-participant cx-you"
SYSTEM = "cx-system i18n"

CASES = {
    "empty transcript": (transcript(), []),
    "typing indicator ignored": (
        transcript(group(bubble(AGENT + " cx-typing", "…", "Ryan"))),
        [],
    ),
    "roles from classes; cx-them without cx-bot is an agent": (
        transcript(
            group(bubble(SYSTEM, "Chat Started", time="9:00 AM")),
            group(bubble(BOT, "Hi, I'm Skye", "Skye", "9:00 AM")),
            group(bubble("cx-participant cx-them", "Hello", "Dee", "9:02 AM")),
            group(bubble(YOU, "Hi", "", "9:03 AM")),
        ),
        [
            ParsedMessage("system", "", "Chat Started", "9:00 AM"),
            ParsedMessage("bot", "Skye", "Hi, I'm Skye", "9:00 AM"),
            ParsedMessage("agent", "Dee", "Hello", "9:02 AM"),
            ParsedMessage("customer", "", "Hi", "9:03 AM"),
        ],
    ),
    "a group's name shown on its last bubble names the earlier ones": (
        transcript(group(bubble(AGENT, "One", "", "9:01 AM"), bubble(AGENT, "Two", "Ryan", "9:02 AM"))),
        [ParsedMessage("agent", "Ryan", "One", "9:01 AM"), ParsedMessage("agent", "Ryan", "Two", "9:02 AM")],
    ),
    "a name never crosses into another group": (
        transcript(group(bubble(AGENT, "One", "Ryan")), group(bubble(AGENT, "Two"))),
        [ParsedMessage("agent", "Ryan", "One"), ParsedMessage("agent", "", "Two")],
    ),
    "date separators feed day_text; a blank time stays blank": (
        transcript(
            '<div class="cx-date">Yesterday</div>',
            group(bubble(YOU, "Late", "", "11:59 PM")),
            group('<div class="cx-date"><span>Today</span></div>'),
            group(bubble(AGENT, "Early", "Ryan", "&nbsp;")),
        ),
        [
            ParsedMessage("customer", "", "Late", "11:59 PM", day_text="Yesterday"),
            ParsedMessage("agent", "Ryan", "Early", "", day_text="Today"),
        ],
    ),
    "quick-reply buttons and the avatar are not text": (
        transcript(
            group(
                '<div class="cx-message cx-participant cx-them cx-Bot cx-bot"><div class="cx-avatar-wrapper">'
                '<div class="cx-avatar"><img alt="Bot avatar" src="a.png"></div></div><div class="cx-bubble">'
                '<span class="cx-name">Skye</span><div class="cx-message-text">Pick one</div>'
                '<span class="cx-time">2:00 pm</span></div><div class="cx-rich-media">'
                "<button>Yes</button><button>No</button></div></div>"
            )
        ),
        [ParsedMessage("bot", "Skye", "Pick one", "2:00 pm")],
    ),
    "escaped markup and line breaks": (
        transcript(group(bubble(YOU, "a &lt;b&gt; &amp; c<br>next line"))),
        [ParsedMessage("customer", "", "a <b> & c\nnext line")],
    ),
    "an empty bubble is dropped": (
        transcript(group(bubble(AGENT, " ", "Ryan", "9:00 AM"))),
        [],
    ),
}


@pytest.mark.parametrize("html, expected", list(CASES.values()), ids=list(CASES))
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    soup = make_soup(html)
    assert genesys.detect(soup)
    assert genesys.parse(soup).messages == expected


def test_detect_ignores_other_markup() -> None:
    assert not genesys.detect(make_soup('<div class="transcript"><div class="message">Hi</div></div>'))
