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
    "a nested group is named by its own bubbles; the outer one by its first name, wherever it sits": (
        transcript(
            '<div class="cx-message-group">' + bubble(AGENT, "A1") + group(bubble(AGENT, "B1", "Ryan"))
            + group(bubble(AGENT, "C1"), bubble(AGENT, "C2", "Ava")) + bubble(AGENT, "A2") + "</div>"
        ),
        [
            ParsedMessage("agent", "Ryan", "A1"),
            ParsedMessage("agent", "Ryan", "B1"),
            ParsedMessage("agent", "Ava", "C1"),
            ParsedMessage("agent", "Ava", "C2"),
            ParsedMessage("agent", "Ryan", "A2"),
        ],
    ),
    "an inner group asked first: its name, or its lack of one, still counts for the outer group": (
        transcript(
            '<div class="cx-message-group">' + group(bubble(AGENT, "B1"), bubble(AGENT, "B2", "Ryan"))
            + group(bubble(AGENT, "C1")) + bubble(AGENT, "A1") + "</div>",
            '<div class="cx-message-group">' + group(bubble(AGENT, "D1")) + bubble(AGENT, "E1")
            + bubble(AGENT, "E2", "Ava") + "</div>",
        ),
        [
            ParsedMessage("agent", "Ryan", "B1"),
            ParsedMessage("agent", "Ryan", "B2"),
            ParsedMessage("agent", "", "C1"),
            ParsedMessage("agent", "Ryan", "A1"),
            ParsedMessage("agent", "", "D1"),
            ParsedMessage("agent", "Ava", "E1"),
            ParsedMessage("agent", "Ava", "E2"),
        ],
    ),
    "a typing bubble's name does not name the group": (
        transcript(group(bubble(AGENT, "One"), bubble(AGENT + " cx-Typing", "…", "Ryan"))),
        [ParsedMessage("agent", "", "One")],
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


def test_thousands_of_bubbles_deep_inside_one_group() -> None:
    """10,000 bubbles under 10,000 wrappers in one group, the name shown on the first.

    Each bubble used to climb the 10,000 wrappers to find its group: over two
    minutes for this 2.2 MB page. There is no timer here; a return of that
    climb shows as a test run that hangs.
    """
    n = 10000
    bubbles = bubble(AGENT, "Hi 0", "Ryan") + "".join(bubble(AGENT, f"Hi {i}") for i in range(1, n))
    html = transcript('<div class="cx-message-group">' + "<div>" * n + bubbles + "</div>" * n + "</div>")
    assert genesys.parse(make_soup(html)).messages == [ParsedMessage("agent", "Ryan", f"Hi {i}") for i in range(n)]


def test_groups_nested_thousands_deep() -> None:
    """5,000 groups each inside the last, each with one bubble; only the innermost shows a name.

    Each group used to look for its name through every bubble below it, so
    the bubbles were read once per level: over two minutes for this 1.2 MB
    page. There is no timer here; a return of that search shows as a test
    run that hangs.
    """
    n = 5000
    opened = "".join('<div class="cx-message-group">' + bubble(AGENT, f"Hi {i}") for i in range(n - 1))
    innermost = group(bubble(AGENT, f"Hi {n - 1}", "Ryan"))
    html = transcript(opened + innermost + "</div>" * (n - 1))
    assert genesys.parse(make_soup(html)).messages == [ParsedMessage("agent", "Ryan", f"Hi {i}") for i in range(n)]
