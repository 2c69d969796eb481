"""Salesforce Embedded Service chat and the Classic Live Agent chat window.

Embedded Service shows the rep's name and time only under the last bubble of a
run, so unnamed bubbles take the name shown for their run; their time stays
blank (a time is never borrowed). Classic Live Agent is a flat log of spans.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import all_text, classes, outermost, shown_text, strip_suffix, visible_text

NAME = "salesforce"
LABEL = "Salesforce Embedded Service / Live Agent"

_ITEM = "li.chatMessage, li.embeddedServiceLiveAgentStateChatItem"
_CLASSIC_LINE = "#liveAgentChatLogText .operator, #liveAgentChatLogText .client, #liveAgentChatLogText .system"
_CLASSIC_ROLES = {"operator": "agent", "client": "customer", "system": "system"}


def detect(soup: BeautifulSoup) -> bool:
    return (
        soup.select_one(
            ".embeddedServiceLiveAgentStateChat, .embeddedServiceLiveAgentStateChatItem,"
            " ul.messageWrapper > li.chatMessage, #liveAgentChatLogText"
        )
        is not None
    )


def parse(soup: BeautifulSoup) -> ParsedChat:
    messages = _embedded(soup) or _classic(soup)
    header = soup.select_one(".chatSessionStartTime")
    header_text = (shown_text(header) or all_text(header)) or None
    return ParsedChat(parser=NAME, messages=messages, header_text=header_text)


def _label(tag: Tag | None) -> str:
    return strip_suffix(shown_text(tag) or all_text(tag), (":",))


def _embedded(soup: BeautifulSoup) -> list[ParsedMessage]:
    messages: list[ParsedMessage] = []
    for li in outermost(soup.select(_ITEM)):
        cls = classes(li)
        joined = " ".join(cls).lower()
        if "typing" in joined:
            continue  # "Kim is typing" indicator, not a message
        event = li.select_one(".eventMessage")
        if event is not None or "chateventmessage" in joined or "event" in cls:
            text = visible_text(event or li)
            if text:
                messages.append(ParsedMessage(role="system", speaker="", text=text))
            continue
        if "chasitor" in cls:
            role = "customer"
        elif "agent" in cls:
            role = "agent"
        else:
            continue
        meta = li.select_one(".nameAndTimeContent")
        name = li.select_one(".agentName")
        time = li.select_one(".timeContent")
        body = li.select_one(".plaintextContent") or li.select_one(".chatContent") or li
        text = visible_text(body, skip=[t for t in (meta, name, time) if t is not None])
        if not text:
            continue
        messages.append(ParsedMessage(role=role, speaker=_label(name), text=text, time_text=all_text(time)))
    _name_runs(messages)
    return messages


def _name_runs(messages: list[ParsedMessage]) -> None:
    """Give unnamed bubbles the name shown for their run (same role, unbroken).

    The name usually sits under the run's last bubble, so the next name in the
    run wins; a run whose name came first falls back to the previous one.
    """
    i = 0
    while i < len(messages):
        j = i
        while j + 1 < len(messages) and messages[j + 1].role == messages[i].role:
            j += 1
        if messages[i].role != "system":
            run = messages[i : j + 1]
            # two linear passes, so a page of thousands of unnamed bubbles stays cheap
            later: list[str] = []
            name = ""
            for m in reversed(run):
                name = m.speaker or name
                later.append(name)
            later.reverse()
            earlier = ""
            for m, after in zip(run, later):
                if m.speaker:
                    earlier = m.speaker
                else:
                    m.speaker = after or earlier
        i = j + 1


def _classic(soup: BeautifulSoup) -> list[ParsedMessage]:
    messages: list[ParsedMessage] = []
    for line in outermost(soup.select(_CLASSIC_LINE)):
        role = next((_CLASSIC_ROLES[c] for c in classes(line) if c in _CLASSIC_ROLES), None)
        if role is None:
            continue
        name = line.select_one(".name")
        time = line.select_one(".timestamp")
        body = line.select_one(".messageText")
        if body is not None:
            text = visible_text(body)
        else:
            text = visible_text(line, skip=[t for t in (name, time) if t is not None]).lstrip(":").strip()
        if not text:
            continue
        messages.append(ParsedMessage(role=role, speaker=_label(name), text=text, time_text=all_text(time)))
    return messages
