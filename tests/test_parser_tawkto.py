"""tawk.to parser edge cases, each stated as a snippet with its complete messages."""

from __future__ import annotations

import pytest

from archiver.model import ParsedMessage
from archiver.parsers import tawkto
from archiver.parsers.html import make_soup


def bubble(side: str, text: str, time: str = "", datetime: str = "") -> str:
    stamp = f' datetime="{datetime}"' if datetime else ""
    clock = "<!---->"
    if time:
        clock = f'<div class="tawk-flex-none"><time class="tawk-timeago tawk-time-display"{stamp}>{time}</time></div>'
    return (
        f'<div id="messageId-x" class="tawk-message-bubble"><!----><div class="tawk-flex tawk-{side}-chat">{clock}'
        f'<div class="tawk-message-body"><!----><div class="tawk-chat-bubble tawk-{side}-chat-bubble">'
        f"<p><span>{text}</span></p><!----><!----></div></div></div><div class=\"clearfix\"></div></div>"
    )


def block(*bubbles: str, name: str | None = None) -> str:
    label = f'<p class="tawk-text-truncate" style="display: none;"> {name} </p>' if name is not None else "<!---->"
    return (
        '<div class="tawk-message-block"><div class="tawk-avatar"><img alt="Agent profile image" src="a.png"></div>'
        f'<div class="tawk-message-group"><div>{"".join(bubbles)}</div>{label}</div></div>'
    )


def event(text: str) -> str:
    return (
        '<div class="tawk-message-block"><div class="tawk-message-group"><div><div class="tawk-message-bubble">'
        f'<div class="tawk-flex tawk-chat-event"><p class="tawk-text-center">{text}</p></div></div></div></div></div>'
    )


def panel(*parts: str) -> str:
    return f'<div class="tawk-chat-panel-body"><div class="tawk-conversation">{"".join(parts)}</div></div>'


CASES = {
    "empty conversation": (panel(), []),
    "typing indicator ignored": (
        panel(
            '<div class="tawk-typing-indicator"><div class="tawk-chat-bubble tawk-agent-chat-bubble"></div>'
            "<p>Dana is typing</p></div>"
        ),
        [],
    ),
    "the group's hidden name names each agent bubble": (
        panel(block(bubble("agent", "One", "13:58"), bubble("agent", "Two", "13:59"), name="Dana")),
        [ParsedMessage("agent", "Dana", "One", "13:58"), ParsedMessage("agent", "Dana", "Two", "13:59")],
    ),
    "visitor bubbles have no speaker; an agent group without a name has none": (
        panel(block(bubble("visitor", "Hi", "1:00 PM")), block(bubble("agent", "Hello"))),
        [ParsedMessage("customer", "", "Hi", "1:00 PM"), ParsedMessage("agent", "", "Hello")],
    ),
    "a typing bubble is skipped whatever the case of its class": (
        panel(block('<div class="tawk-message-bubble tawk-Typing-Bubble"><div class="tawk-chat-bubble">'
                    "<p>Dana is typing…</p></div></div>", bubble("agent", "One"), name="Dana")),
        [ParsedMessage("agent", "Dana", "One")],
    ),
    "each group names its own agent bubbles": (
        panel(block(bubble("agent", "One"), name="Dana"), block(bubble("agent", "Two"), name="Lee:"),
              block(bubble("agent", "Three"))),
        [
            ParsedMessage("agent", "Dana", "One"),
            ParsedMessage("agent", "Lee", "Two"),
            ParsedMessage("agent", "", "Three"),
        ],
    ),
    "event lines are system messages": (
        panel(event("Dana joined the chat"), event("  ")),
        [ParsedMessage("system", "", "Dana joined the chat")],
    ),
    "a datetime attribute is kept for time resolution": (
        panel(block(bubble("visitor", "Hi", "13:57", "2025-02-20T13:57:04-06:00"))),
        [ParsedMessage("customer", "", "Hi", "13:57", datetime_text="2025-02-20T13:57:04-06:00")],
    ),
    "a hover title with the full date-time is kept too": (
        panel(block('<div class="tawk-message-bubble"><div class="tawk-agent-chat"><div class="tawk-chat-bubble">'
                    '<p>Done</p></div><time title="Feb 20, 2025, 1:58 PM">2 min ago</time></div></div>', name="Dana")),
        [ParsedMessage("agent", "Dana", "Done", "2 min ago", datetime_text="Feb 20, 2025, 1:58 PM")],
    ),
    "escaped markup, emoji and paragraphs": (
        panel(block('<div class="tawk-message-bubble"><div class="tawk-visitor-chat"><div class="tawk-chat-bubble">'
                    "<p><span>&lt;script&gt;alert(1)&lt;/script&gt; 🙏</span></p><p><span>line two</span></p>"
                    "</div></div></div>")),
        [ParsedMessage("customer", "", "<script>alert(1)</script> 🙏\nline two")],
    ),
}


@pytest.mark.parametrize("html, expected", list(CASES.values()), ids=list(CASES))
def test_parse(html: str, expected: list[ParsedMessage]) -> None:
    soup = make_soup(html)
    assert tawkto.detect(soup) or not expected
    assert tawkto.parse(soup).messages == expected


def test_host_page_with_only_the_widget_iframes_is_not_claimed() -> None:
    soup = make_soup(
        '<div class="widget-visible"><iframe title="chat widget" src="cid:frame-1@mhtml.blink"></iframe></div>'
    )
    assert not tawkto.detect(soup)


def test_thousands_of_bubbles_deep_inside_one_group() -> None:
    """8,000 bubbles under 8,000 wrappers in one group, which also holds 8,000 empty lines.

    Each bubble used to climb the 8,000 wrappers to find its group and then
    scan the group's lines for the name: over two minutes for this 1.1 MB
    page. There is no timer here; a return of that climb shows as a test
    run that hangs.
    """
    n = 8000
    bubbles = "".join(
        f'<div class="tawk-message-bubble"><div class="tawk-agent-chat"><div class="tawk-chat-bubble"><p>Hi {i}</p>'
        "</div></div></div>"
        for i in range(n)
    )
    html = (
        '<div class="tawk-conversation"><div class="tawk-message-group">' + "<p></p>" * n + "<div>" * n + bubbles
        + "</div>" * n + '<p style="display:none">Dana</p></div></div>'
    )
    assert tawkto.parse(make_soup(html)).messages == [ParsedMessage("agent", "Dana", f"Hi {i}") for i in range(n)]
