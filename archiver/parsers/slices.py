"""Large documents, parsed in slices so memory stays bounded.

A BeautifulSoup tree costs about thirty times its HTML, so a 50 MB transcript
would need gigabytes. Above `LARGE` characters we stream the page twice with
lxml's iterparse, dropping elements as we go: once to find the element with
the most children (the transcript's list), once to cut those children into
slices of about `SLICE` characters. Each slice is wrapped in its ancestors
(and what precedes them, for headers), repeats the last `OVERLAP` children of
the slice before it and the first of the slice after (date separators, group
name headers, a name under a run's last bubble), and is fed to the same
parsers as any page; messages two slices both saw are matched by text and
folded into one.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

from bs4 import BeautifulSoup
from lxml import etree

from ..model import ParsedChat, ParsedMessage
from .html import make_soup

LARGE = 8_000_000  # characters of HTML
SLICE = 1_000_000
OVERLAP = 30  # container children repeated at the start of the next slice
_PREFIX_LIMIT = 500_000
_DROP = {"script", "style", "noscript", "template", "svg", "head"}


@dataclass
class _Container:
    path: tuple[int, ...]
    children: int


def _events(data: bytes, events: tuple[str, ...]) -> Iterator[tuple[str, etree._Element]]:
    # the bytes are ours, always UTF-8: without saying so libxml2 reads a page with no
    # <meta charset> as Latin-1, and every "·" or "é" in a large transcript as mojibake
    return etree.iterparse(io.BytesIO(data), events=events, html=True, huge_tree=True, recover=True,
                           encoding="utf-8")


def _free(elem: etree._Element) -> None:
    """Drop a finished element and its earlier siblings from the growing tree."""
    elem.clear(keep_tail=False)
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


def find_container(data: bytes) -> _Container | None:
    """The element with the most child elements, by its child-index path."""
    stack: list[list[int]] = []  # per open element: [index in parent, children so far]
    best: _Container | None = None
    for event, elem in _events(data, ("start", "end")):
        if not isinstance(elem.tag, str):
            continue
        if event == "start":
            index = -1
            if stack:
                index = stack[-1][1]
                stack[-1][1] += 1
            stack.append([index, 0])
        else:
            children = stack[-1][1]
            if best is None or children > best.children:
                best = _Container(tuple(s[0] for s in stack[1:]), children)
            stack.pop()
            _free(elem)
    return best


def _start_tag(elem: etree._Element) -> str:
    attrs = "".join(
        f' {k}="{_escape(v)}"' for k, v in elem.attrib.items() if isinstance(k, str) and not v.startswith("data:")
    )
    return f"<{elem.tag}{attrs}>"


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")


def _html(elem: etree._Element) -> str:
    return etree.tostring(elem, encoding="unicode", method="html", with_tail=True)


def iter_children(data: bytes, container: _Container) -> Iterator[tuple[list[str], list[str], str]]:
    """Yield (prefix, closing, child HTML) for each child of the container, streaming."""
    path: list[int] = []
    counts: list[int] = []
    inside = False
    prefix: list[str] = []
    closing: list[str] = []
    target = list(container.path)
    for event, elem in _events(data, ("start", "end")):
        if not isinstance(elem.tag, str):
            continue
        if event == "start":
            if counts:
                path.append(counts[-1])
                counts[-1] += 1
            counts.append(0)
            if path == target and not inside:
                inside = True
                prefix, closing = _context(elem)
            continue
        if inside and len(path) == len(target) + 1 and path[:-1] == target:
            yield prefix, closing, _html(elem)
            _free(elem)
        elif path == target:
            inside = False
        counts.pop()
        if path:
            path.pop()


def iter_slices(data: bytes, container: _Container) -> Iterator[tuple[str, str | None]]:
    """Documents holding runs of about SLICE characters of the container's children.

    Each run is preceded by the last OVERLAP children of the run before it and
    followed by the first OVERLAP children of the run after it, for context.
    Yields (slice, shared): `shared` holds just the children this slice and the
    one before both contain (None for the first), so the messages two slices
    both read can be counted rather than guessed from their texts.
    """
    runs: list[list[str]] = [[]]
    size = 0
    frame: tuple[list[str], list[str]] = ([], [])

    def wrap(children: list[str]) -> str:
        return "".join(frame[0]) + "".join(children) + "".join(frame[1])

    def document(i: int) -> tuple[str, str | None]:
        before = runs[i - 1][-OVERLAP:] if i > 0 else []
        after = runs[i + 1][:OVERLAP] if i + 1 < len(runs) else []
        shared = wrap(before + runs[i][:OVERLAP]) if i > 0 else None
        return wrap(before + runs[i] + after), shared

    emitted = 0
    for prefix, closing, child in iter_children(data, container):
        frame = (prefix, closing)
        if size >= SLICE:
            runs.append([])
            size = 0
        runs[-1].append(child)
        size += len(child)
        # a run is complete once the next one has its lookahead children
        if len(runs) - emitted >= 2 and len(runs[emitted + 1]) >= OVERLAP:
            yield document(emitted)
            if emitted > 0:
                runs[emitted - 1] = []  # no longer needed as context
            emitted += 1
    while emitted < len(runs) and runs[emitted]:
        yield document(emitted)
        emitted += 1


def _context(container: etree._Element) -> tuple[list[str], list[str]]:
    """Start tags of the container's ancestors, with what precedes each (headers)."""
    chain = [container, *container.iterancestors()]
    chain.reverse()
    opening: list[str] = []
    budget = _PREFIX_LIMIT
    for elem in chain:
        opening.append(_start_tag(elem))
        if elem is container:
            break
        # children of this ancestor already parsed: siblings before the next link
        for child in elem:
            if child in chain:
                break
            if not isinstance(child.tag, str) or child.tag in _DROP:
                continue
            html = _html(child)
            if len(html) <= budget:
                opening.append(html)
                budget -= len(html)
    closing = [f"</{e.tag}>" for e in reversed(chain)]
    return opening, closing


def _overlap(before: list[ParsedMessage], after: list[ParsedMessage]) -> int:
    """How many of `after`'s first messages repeat `before`'s last ones (by text)."""
    limit = min(len(before), len(after), OVERLAP * 16)
    for k in range(limit, 0, -1):
        if all(a.text == b.text for a, b in zip(after[:k], before[-k:])):
            return k
    return 0


def _join(merged: list[ParsedMessage], chat: list[ParsedMessage], shared: int | None = None) -> None:
    """Append a slice's messages, folding the ones both slices saw into one.

    `shared` is how many messages the children both slices hold make; when it
    is unknown or disagrees with the texts, the longest run of matching texts
    is taken instead. Of a repeated message, the earlier slice saw more of what
    came before it (separators, group headers), the later one more of what
    followed (a name under the last bubble of a run): each field takes
    whichever version has it.
    """
    k = shared
    if k is None or k > min(len(merged), len(chat)) or any(
        a.text != b.text for a, b in zip(chat[:k], merged[len(merged) - k :])
    ):
        k = _overlap(merged, chat)
    lost_day = None
    pairs = list(zip(merged[len(merged) - k :], chat[:k]))
    # separators date every message after them; a parser that dates only the
    # message under a timestamp line leaves gaps, and then nothing is carried
    separators = bool(pairs) and all(held.day_text for held, _ in pairs)
    for held, again in pairs:
        held.speaker = held.speaker or again.speaker
        held.time_text = held.time_text or again.time_text
        held.datetime_text = held.datetime_text or again.datetime_text
        if separators and not again.day_text:
            lost_day = held.day_text
        elif held.day_text is None:
            held.day_text = again.day_text
    new = chat[k:]
    if lost_day is not None:
        # the separator lies further back than this slice could see
        for m in new:
            if m.day_text:
                break
            m.day_text = lost_day
    merged.extend(new)


class _GenericInSlices:
    """The generic parser as a slice reads it: no event lines from outside the list."""

    @staticmethod
    def parse(soup: BeautifulSoup) -> ParsedChat:
        from . import generic

        return generic.parse(soup, events_beside=False)


def parse_large(html: str, location: str, *, generic_too: bool = False) -> ParsedChat | None:
    """The chat in a large document, parsed slice by slice, or None.

    Family parsers only, unless `generic_too`: as for any page, the generic
    parser gets a turn only after every document has had the families'.
    """
    from . import by_name, generic, parse_soup

    data = html.encode("utf-8")
    container = find_container(data)
    if container is None or container.children < 2:
        return None
    parser = None
    merged: ParsedChat | None = None
    for piece, shared in iter_slices(data, container):
        soup = make_soup(piece)
        if parser is None:
            chat = parse_soup(soup, location)
            if chat is None and generic_too:
                generic_chat = generic.parse(soup, events_beside=False)
                chat = generic_chat if generic_chat.messages else None
            if chat is None:
                continue
            parser = by_name(chat.parser)
            if parser is generic:
                # every slice repeats what stands before the list: its events would repeat too
                parser = _GenericInSlices
        else:
            chat = parser.parse(soup)
        if merged is None:
            merged = chat
            merged.location = location
        else:
            both = len(parser.parse(make_soup(shared)).messages) if shared is not None else None
            _join(merged.messages, chat.messages, both)
            merged.header_text = merged.header_text or chat.header_text
        soup.decompose()
    return merged
