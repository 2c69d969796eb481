"""Generic parser (placeholder until the real one lands)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from ..model import ParsedChat

NAME = "generic"
LABEL = "Generic chat markup"


def detect(soup: BeautifulSoup) -> bool:
    return True


def parse(soup: BeautifulSoup) -> ParsedChat:
    return ParsedChat(parser=NAME, messages=[])
