"""Small synthetic saved pages for tests that need many or odd variants.

Realistic whole pages live in tests/fixtures/; these are minimal LivePerson
pages so a test can state exactly which messages a save holds.
"""

from __future__ import annotations

import html as htmllib
from collections.abc import Sequence

Line = tuple[str, str, str, str]  # role, speaker, text, time as shown

_ROLE_CLASS = {"agent": "agent", "customer": "visitor", "system": "system", "bot": "bot"}


def lp_page(
    lines: Sequence[Line],
    *,
    title: str = "Chat | Northwind Card",
    url: str = "https://www.northwindcard.com/help/chat",
    started: str | None = "3/4/2025",
    filler: str = "",
) -> str:
    """A LivePerson page as Chrome saves it, holding `lines` in order."""
    esc = htmllib.escape
    parts = [
        "<!DOCTYPE html>",
        f"<!-- saved from url=({len(url):04d}){url} -->",
        f'<html><head><meta charset="utf-8"><title>{esc(title)}</title></head><body>',
        filler,
        '<div id="lpChat"><div class="lpc_transcript" data-lp-point="lines_area">',
    ]
    if started:
        parts.append(
            '<div class="lpc_message-area lpc_message-area_system"><div class="lpc_message lpc_message_sytem">'
            f"Chat started on {esc(started)}</div></div>"
        )
    for role, speaker, text, time in lines:
        side = _ROLE_CLASS[role]
        sender = f'<div class="lp_sender">{esc(speaker)}</div>' if speaker else ""
        stamp = f'<span class="lpc_message-area__side-timestamp">{esc(time)}</span>' if time else ""
        parts.append(
            f'<div class="lp_chat_line_wrapper lpc_message-area lpc_message-area_{side}">'
            f'<div class="lpc_message lpc_message_{side}"><div class="lpc_message__text lpc_message__text_{side}">'
            f"{esc(text)}</div></div><div class=\"lp_time\">{sender}{stamp}</div></div>"
        )
    parts.append("</div></div></body></html>")
    return "\n".join(parts)


CHAT: list[Line] = [
    ("agent", "Jessica", "Hi, I'm Jessica. How can I help?", "10:41 AM"),
    ("customer", "", "I was charged a late fee but paid on time.", "10:42 AM"),
    ("agent", "Jessica", "I've waived the $40 late fee. Your reference number is LF7731.", "10:44 AM"),
    ("customer", "", "ok", "10:45 AM"),
    ("customer", "", "ok", "10:45 AM"),
    ("agent", "Jessica", "Anything else I can help with?", "10:46 AM"),
    ("customer", "", "No, thanks!", "10:47 AM"),
    ("system", "", "Jessica has left the chat", ""),
]
