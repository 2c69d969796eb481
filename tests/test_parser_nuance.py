"""Nuance parser edge cases (ciapi and TouchCommerce), each a snippet with its complete messages."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import nuance
from archiver.parsers.html import make_soup


def outer(side: str, text: str, name: str = "", time: str = "", prefix: str = "", extra: str = "") -> str:
    """One message as the HMRC-style skin writes it: labels around the bubble."""
    label = f'<p class="print-only print-float-left">{name}</p>' if name else ""
    stamp = f'<p class="print-only print-timestamp" aria-hidden="true">{time}</p>' if time else "<p></p>"
    hidden = f'<div class="govuk-visually-hidden"><p>{prefix}</p></div>' if prefix else ""
    return (
        f'<div class="timestamp-outer {extra}"><span class="govuk-visually-hidden">{time}</span>{label}'
        f'<div class="ciapi-{side}-container"><div class="govuk-body ciapi-{side}-message">{hidden} {text}</div></div>'
        f"{stamp}</div>"
    )


def transcript(*parts: str) -> str:
    intro = '<p class="info">You are chatting with a computer.</p>'
    return f'<div id="ciapiSkinChatTranscript" role="log">{intro}{"".join(parts)}</div>'


CASES = {
    "empty transcript": (transcript(), []),
    "typing indicator ignored": (
        transcript(outer("system", "Jessica is typing", prefix=" System message : ", extra="agent-typing")),
        [],
    ),
    "automated prefix makes a bot; print labels give name and time": (
        transcript(
            outer("agent", "Hello", "HMRC said: ", "9:00 AM", "9:00 AM Automated message : "),
            outer("agent", "Hi, Jessica here", "Jessica said: ", "9:02 AM", "9:02 AM Adviser said : "),
            outer("customer", "Hi", "You said: ", "9:03 AM", "9:03 AM You said : "),
        ),
        [
            ParsedMessage("bot", "HMRC", "Hello", "9:00 AM"),
            ParsedMessage("agent", "Jessica", "Hi, Jessica here", "9:02 AM"),
            ParsedMessage("customer", "You", "Hi", "9:03 AM"),
        ],
    ),
    "a system line's only time is in its screen-reader prefix": (
        transcript(outer("system", "Adviser exited chat", prefix="2:15 PM System message : ")),
        [ParsedMessage("system", "", "Adviser exited chat", "2:15 PM")],
    ),
    "a prefix without a time gives no time": (
        transcript('<div class="ciapi-system-container"><div class="ciapi-system-message">'
                   '<p class="govuk-visually-hidden"> System message : </p>Queue position 2</div></div>'),
        [ParsedMessage("system", "", "Queue position 2")],
    ),
    "quick-reply links are not message text": (
        transcript(
            outer("agent", 'Pick one<ul class="quick-reply-widget"><li><a href="#">Bills</a></li><li>Meters</li></ul>',
                  "Bot said: ", "1:00 PM", "1:00 PM Automated message : ")
        ),
        [ParsedMessage("bot", "Bot", "Pick one", "1:00 PM")],
    ),
    "older labels: name before, time after, no print-timestamp class": (
        transcript(
            '<div class="row"><p class="print-only">Jessica: </p><div class="ciapi-agent-container">'
            '<div class="ciapi-agent-message"><p class="govuk-visually-hidden">Adviser said : </p>Hello<br>there</div>'
            '</div><p class="print-only">2:05 pm</p></div>'
        ),
        [ParsedMessage("agent", "Jessica", "Hello\nthere", "2:05 pm")],
    ),
    "a name ending in 'said' keeps its letters": (
        transcript(outer("agent", "Hi", "Abusaid: ", "9:00")),
        [ParsedMessage("agent", "Abusaid", "Hi", "9:00")],
    ),
    "touchcommerce lines, an empty one dropped": (
        '<table><tr><td class="tcChat_systemLine"><span class="sysMsg">Welcome</span></td></tr>'
        '<tr><td class="tcChat_agentLine"><span class="agentName">Marcus: </span>'
        '<span class="agentMsg">Hi &lt;there&gt;</span></td></tr>'
        '<tr><td class="tcChat_customerLine"><span class="customerName">You: </span>'
        '<span class="customerMsg"> </span></td></tr>'
        '<tr><td class="tcChat_customerLine"><span class="customerMsg">No name shown</span></td></tr></table>',
        [
            ParsedMessage("system", "", "Welcome"),
            ParsedMessage("agent", "Marcus", "Hi <there>"),
            ParsedMessage("customer", "", "No name shown"),
        ],
    ),
}


@pytest.mark.parametrize("html, expected", list(CASES.values()), ids=list(CASES))
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    soup = make_soup(html)
    assert nuance.detect(soup)
    assert nuance.parse(soup).messages == expected


def test_host_page_with_only_the_hidden_frame_is_not_claimed() -> None:
    soup = make_soup('<div id="nuanMessagingFrame"><iframe id="inqChatStage" src="chat.html"></iframe></div>')
    assert not nuance.detect(soup)
