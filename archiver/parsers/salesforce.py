"""Salesforce Embedded Service chat and the Classic Live Agent chat window.

Embedded Service shows the rep's name and time only under the last bubble of a
run, so unnamed bubbles take the name shown for their run; their time stays
blank (a time is never borrowed). Classic Live Agent is a flat log of spans.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    all_text,
    by_classes,
    classes,
    element_by_id,
    first_by_class,
    has_any_class,
    shown_text,
    strip_suffix,
    visible_text,
    with_classes,
)

NAME = "salesforce"
LABEL = "Salesforce Embedded Service / Live Agent"

_ITEM = ("chatMessage", "embeddedServiceLiveAgentStateChatItem")
_PARTS = ("eventMessage", "nameAndTimeContent", "agentName", "timeContent", "plaintextContent", "chatContent")
_CLASSIC_ROLES = {"operator": "agent", "client": "customer", "system": "system"}


def detect(soup: BeautifulSoup) -> bool:
    if has_any_class(soup, ("embeddedServiceLiveAgentStateChat", "embeddedServiceLiveAgentStateChatItem")):
        return True
    if element_by_id(soup, "liveAgentChatLogText") is not None:
        return True
    # "chatMessage" alone is too common a class: only inside Salesforce's messageWrapper list
    return any(
        li.name == "li" and li.parent is not None and "messageWrapper" in classes(li.parent)
        for li in with_classes(soup, ("chatMessage",))
    )


def parse(soup: BeautifulSoup) -> ParsedChat:
    messages = _embedded(soup) or _classic(soup)
    header = next(iter(with_classes(soup, ("chatSessionStartTime",))), None)
    header_text = (shown_text(header) or all_text(header)) or None
    return ParsedChat(parser=NAME, messages=messages, header_text=header_text)


def _label(tag: Tag | None) -> str:
    return strip_suffix(shown_text(tag) or all_text(tag), (":",))


def _embedded(soup: BeautifulSoup) -> list[ParsedMessage]:
    messages: list[ParsedMessage] = []
    for li in by_classes(soup, _ITEM, name="li"):
        cls = classes(li)
        joined = " ".join(cls).lower()
        if "typing" in joined:
            continue  # "Kim is typing" indicator, not a message
        found = first_by_class(li, _PARTS)
        event = found.get("eventMessage")
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
        meta, name, time = found.get("nameAndTimeContent"), found.get("agentName"), found.get("timeContent")
        body = found.get("plaintextContent") or found.get("chatContent") or li
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
    log = element_by_id(soup, "liveAgentChatLogText")
    if log is None:
        return []
    messages: list[ParsedMessage] = []
    for line in by_classes(log, _CLASSIC_ROLES):
        role = next((_CLASSIC_ROLES[c] for c in classes(line) if c in _CLASSIC_ROLES), None)
        if role is None:
            continue
        found = first_by_class(line, ("name", "timestamp", "messageText"))
        name, time, body = found.get("name"), found.get("timestamp"), found.get("messageText")
        if body is not None:
            text = visible_text(body)
        else:
            text = visible_text(line, skip=[t for t in (name, time) if t is not None]).lstrip(":").strip()
        if not text:
            continue
        messages.append(ParsedMessage(role=role, speaker=_label(name), text=text, time_text=all_text(time)))
    return messages
