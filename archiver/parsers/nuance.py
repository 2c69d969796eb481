"""Nuance Digital Engagement: ciapi skins and the legacy TouchCommerce skin.

In ciapi skins the name and time are print-only labels around the bubble
("Jessica said: " before it, "2:05 PM" after it): they are the page's own
labels, so they give speaker and time; the screen-reader prefix inside the
bubble ("Automated message :") is what tells a virtual assistant from a rep.
"""

from __future__ import annotations

import re
from collections import Counter

from bs4 import BeautifulSoup, Tag

from ..model import ParsedChat, ParsedMessage
from .html import (
    all_text,
    by_classes,
    classes,
    element_by_id,
    first_by_class,
    has_any_class,
    is_hidden,
    visible_text,
)

NAME = "nuance"
LABEL = "Nuance (ciapi / TouchCommerce)"

_CONTAINERS = {
    "ciapi-agent-container": "agent",
    "ciapi-customer-container": "customer",
    "ciapi-system-container": "system",
}
_INNER = ("ciapi-agent-message", "ciapi-customer-message", "ciapi-system-message")
#: the screen-reader prefixes the skin writes inside each bubble
_PREFIX_LABEL = re.compile(r"(adviser|you|system|automated)\s+(said|message)\s*:?", re.I)
_SAID = re.compile(r"(?:\s+said)?\s*:?\s*$", re.I)
_TC_LINE = re.compile(r"^tcChat_(\w+)Line$")
_TC_ROLES = {"agent": "agent", "customer": "customer", "visitor": "customer", "client": "customer", "system": "system"}


def detect(soup: BeautifulSoup) -> bool:
    return element_by_id(soup, "ciapiSkinChatTranscript") is not None or has_any_class(
        soup, ("ciapi-agent-container", "ciapi-customer-container", "tcChat_agentLine", "tcChat_customerLine")
    )


def parse(soup: BeautifulSoup) -> ParsedChat:
    messages = _ciapi(soup) or _touchcommerce(soup)
    return ParsedChat(parser=NAME, messages=messages)


def _ciapi(soup: BeautifulSoup) -> list[ParsedMessage]:
    root = element_by_id(soup, "ciapiSkinChatTranscript")
    root = root or soup
    containers = by_classes(root, _CONTAINERS)
    siblings = Counter(id(c.parent) for c in containers)
    messages: list[ParsedMessage] = []
    for container in containers:
        role = next(_CONTAINERS[c] for c in classes(container) if c in _CONTAINERS)
        frame = _frame(container, root, siblings)
        if "agent-typing" in classes(frame) or "agent-typing" in classes(container):
            continue  # "Jessica is typing", written as a system message
        inner = first_by_class(container, _INNER)
        bubble = next((inner[c] for c in _INNER if c in inner), container)
        prefix = " ".join(all_text(t) for t in bubble.find_all(True) if is_hidden(t) and t.parent is bubble)
        if role == "agent" and "automated" in prefix.lower():
            role = "bot"
        text = visible_text(bubble, skip=by_classes(bubble, ("quick-reply-widget",)))
        if not text:
            continue
        name, time = _print_labels(frame, container)
        if not time and frame is not container:
            stamp = next((c for c in frame.find_all("span", recursive=False) if is_hidden(c)), None)
            time = all_text(stamp)
        if not time:
            # newer skins write the time into the screen-reader prefix: "2:06 PM System message : "
            rest = _PREFIX_LABEL.sub(" ", prefix).strip()
            time = rest if any(ch.isdigit() for ch in rest) else ""
        speaker = "" if role == "system" else _name(name)
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text, time_text=time))
    return messages


def _name(label: str) -> str:
    """A print label without its tail: "Jessica said: " and "Jessica: " give "Jessica"."""
    return _SAID.sub("", label.strip())


def _frame(container: Tag, root: Tag, siblings: Counter[int]) -> Tag:
    """The element that holds one message's bubble and its print-only labels.

    That is the bubble's parent when the parent holds no other bubble.
    """
    parent = container.parent
    if parent is None or parent is root or siblings[id(parent)] > 1:
        return container
    return parent


def _print_labels(frame: Tag, container: Tag) -> tuple[str, str]:
    """The print-only name (before the bubble) and time (after it, or `.print-timestamp`)."""
    if frame is container:
        return "", ""
    name = time = ""
    seen_bubble = False
    for child in frame.children:
        if child is container:
            seen_bubble = True
            continue
        if not isinstance(child, Tag) or "print-only" not in classes(child):
            continue
        label = all_text(child)
        if "print-timestamp" in classes(child) or seen_bubble:
            time = time or label
        else:
            name = name or label
    return name, time


def _touchcommerce(soup: BeautifulSoup) -> list[ParsedMessage]:
    messages: list[ParsedMessage] = []
    for cell in soup.find_all("td"):
        kind = next((m.group(1).lower() for c in classes(cell) if (m := _TC_LINE.match(c))), None)
        role = _TC_ROLES.get(kind or "")
        if role is None:
            continue
        spans = cell.find_all("span")
        body = next((s for s in spans if any(c.endswith("Msg") for c in classes(s))), None)
        name = next((s for s in spans if any(c.endswith("Name") for c in classes(s))), None)
        text = visible_text(body) if body is not None else visible_text(cell, skip=[name] if name else [])
        if not text:
            continue
        speaker = "" if role == "system" else _name(all_text(name))
        messages.append(ParsedMessage(role=role, speaker=speaker, text=text))
    return messages
