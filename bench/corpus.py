"""Generated saved chat pages for the import benchmark, in several widgets' markup.

Each generator takes (company, url, day, lines) and returns a whole page;
`BASELINE_SELECTOR` is what a bare importer that knows these widgets would
select. Markup follows the golden fixtures in tests/fixtures/.
"""

from __future__ import annotations

import html as htmllib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from pages import lp_page  # noqa: E402

esc = htmllib.escape
Line = tuple[str, str, str, str]  # role, speaker, text, time

BASELINE_SELECTOR = (
    ".lpc_message__text, .lpc_message_sytem, .cx-message-text, .chatContent, .eventMessage,"
    " .msg__bubble, .msg--event"
)


def _shell(company: str, url: str, body: str) -> str:
    nav = "".join(f'<a href="/p{i}">Link {i}</a>' for i in range(40))
    return (
        f"<!DOCTYPE html>\n<!-- saved from url=({len(url):04d}){url} -->\n"
        f'<html><head><meta charset="utf-8"><title>Chat | {esc(company)}</title>'
        '<link rel="stylesheet" href="site.css"><script>window.dataLayer=[];</script></head>'
        f"<body><header><nav>{nav}</nav></header><main><h1>Contact {esc(company)}</h1></main>{body}"
        "<footer>&copy; 2025</footer></body></html>"
    )


def liveperson(company: str, url: str, day: str, lines: list[Line]) -> str:
    return lp_page(lines, title=f"Chat | {company}", url=url, started=day)


def genesys(company: str, url: str, day: str, lines: list[Line]) -> str:
    parts = [f'<div class="cx-widget cx-webchat"><div class="cx-transcript" role="log"><div class="cx-date">{esc(day)}</div>']
    for i, (role, speaker, text, time) in enumerate(lines):
        side = "cx-you" if role == "customer" else "cx-them cx-Agent"
        parts.append(
            f'<div class="cx-message-group"><div class="cx-message cx-participant {side}" id="cx-chat-index-{i}">'
            f'<div class="cx-bubble"><span aria-hidden="true" class="cx-name">{esc(speaker)}</span>'
            f'<div class="cx-message-text">{esc(text)}</div><span class="cx-time">{esc(time)}</span></div></div></div>'
        )
    parts.append('</div><div class="cx-input-container"><textarea class="cx-input"></textarea></div></div>')
    return _shell(company, url, "".join(parts))


def salesforce(company: str, url: str, day: str, lines: list[Line]) -> str:
    parts = [
        '<div class="embeddedServiceSidebar"><div class="embeddedServiceLiveAgentStateChat">'
        f'<div class="chatSessionStartTime">Chat Started: {esc(day)}</div><ul class="messageWrapper" role="log">'
    ]
    for role, speaker, text, time in lines:
        side = "chasitor" if role == "customer" else "agent"
        name = f'<div class="agentName">{esc(speaker)}</div>' if speaker else ""
        parts.append(
            f'<li class="chatMessage {side} embeddedServiceLiveAgentStateChatItem embeddedServiceLiveAgentStateChatMessage">'
            f'<div class="chatContent"><div class="embeddedServiceLiveAgentStateChatPlaintextMessageDefaultUI {side} plaintextContent">'
            f'<span>{esc(text)}</span></div></div><div class="nameAndTimeContent">{name}<div class="timeContent">{esc(time)}</div></div></li>'
        )
    parts.append("</ul></div></div>")
    return _shell(company, url, "".join(parts))


def generic(company: str, url: str, day: str, lines: list[Line]) -> str:
    parts = [f'<section class="chat-panel"><ul class="chat-log" role="log" aria-label="Conversation"><li class="msg-day" role="separator"><span>{esc(day)}</span></li>']
    for role, speaker, text, time in lines:
        side, label = ("msg--out", "You said :") if role == "customer" else ("msg--in", f"{speaker or 'Adviser'} said :")
        parts.append(
            f'<li class="msg {side}"><span class="visually-hidden">{esc(label)}</span>'
            f'<div class="msg__bubble">{esc(text)}</div><time class="msg__time">{esc(time)}</time></li>'
        )
    parts.append('</ul><form class="chat-compose"><textarea aria-label="Message"></textarea><button>Send</button></form></section>')
    return _shell(company, url, "".join(parts))


#: page makers in the proportions the corpus uses
FAMILIES = [liveperson, liveperson, genesys, salesforce, generic]
