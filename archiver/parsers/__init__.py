"""Parsers: documents in, transcripts out. One module per widget family.

Each family module exposes `NAME`, `LABEL`, `detect(soup) -> bool` (cheap: does
this document carry my widget's stable hooks?) and `parse(soup) -> ParsedChat`.
Parsers are pure functions of the markup: no I/O, no clock, no database. The
generic parser runs only when no family claims any document of the page.
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from bs4 import BeautifulSoup

from ..errors import NoChatFound
from ..model import Document, ParsedChat
from . import generic, slices
from .html import make_soup

#: above this many characters a document is read only in slices (slices.py): a
#: whole tree costs ~40 times its HTML, so 8 MB is ~330 MB and 16 MB was ~650 MB
FULL_PARSE_LIMIT = slices.LARGE

#: family parsers, tried in order on each document (page first, then frames)
FAMILIES: list[ModuleType] = []


def register(module: ModuleType) -> ModuleType:
    """Add a family parser module to the registry (idempotent)."""
    for attr in ("NAME", "LABEL", "detect", "parse"):
        if not hasattr(module, attr):
            raise TypeError(f"parser module {module.__name__} lacks {attr}")
    if module not in FAMILIES:
        FAMILIES.append(module)
    return module


def by_name(name: str) -> ModuleType:
    """The parser module called `name` (a family or "generic")."""
    for module in [*FAMILIES, generic]:
        if module.NAME == name:
            return module
    raise KeyError(name)


def parse_soup(soup: BeautifulSoup, location: str = "") -> ParsedChat | None:
    """The chat in one parsed document, by the first family that claims it."""
    for family in FAMILIES:
        if family.detect(soup):
            chat = family.parse(soup)
            if chat.messages:
                chat.location = location
                return chat
    return None


def find_chat(documents: list[Document]) -> ParsedChat:
    """The chat transcript in a page's documents (top page first, then frames).

    A family parser on any document wins over the generic parser; among equals
    the first document with messages wins. A document over FULL_PARSE_LIMIT is
    never parsed whole, however it fares: the families, then the generic
    parser, read it in slices, so memory stays bounded. Raises NoChatFound.
    """
    soups: list[tuple[Document, BeautifulSoup | None]] = []
    for doc in documents:
        soup = None
        if len(doc.html) > slices.LARGE:
            chat = slices.parse_large(doc.html, doc.location)
            if chat is not None and chat.messages:
                return chat
        if len(doc.html) <= FULL_PARSE_LIMIT:
            soup = make_soup(doc.html)
            chat = parse_soup(soup, doc.location)
            if chat:
                return chat
        soups.append((doc, soup))
    for doc, soup in soups:
        if soup is None:
            chat = slices.parse_large(doc.html, doc.location, generic_too=True)
        else:
            chat = generic.parse(soup)
            chat.location = doc.location
        if chat is not None and chat.messages:
            return chat
    raise NoChatFound("no chat transcript was found in it")


#: family modules in detection order (more specific hooks first)
ORDER = [
    "liveperson",
    "rightnow",
    "salesforce",
    "genesys",
    "nuance",
    "tawkto",
    "zammad",
    "olark",
    "intercom",
]


def _load_families() -> None:
    for name in ORDER:
        register(import_module(f"{__name__}.{name}"))


_load_families()
