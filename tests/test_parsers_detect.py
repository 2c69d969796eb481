"""Every family's detect() over every fixture page: only the page's own family claims it.

A page counts as claimed when detect() is true on any of its documents (the
top page or a saved frame), the way find_chat walks them. Pages the generic
parser owns, and pages that hold no chat at all, must be claimed by no family.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archiver.parsers import FAMILIES
from archiver.parsers.html import make_soup
from archiver.sources import load_page
from conftest import FIXTURES

PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".webarchive")


def _cases() -> list[tuple[Path, str | None]]:
    cases: list[tuple[Path, str | None]] = []
    for expected in sorted(FIXTURES.glob("*/*.expected.json")):
        stem = expected.name[: -len(".expected.json")]
        page = next((p for s in PAGE_SUFFIXES if (p := expected.with_name(stem + s)).exists()), None)
        if page is None:
            continue
        parser = json.loads(expected.read_text(encoding="utf-8"))["parser"]
        cases.append((page, None if parser == "generic" else parser))
    # pages with no chat in them: no family may claim these either
    cases.extend((p, None) for p in sorted((FIXTURES / "not-chat").glob("*.html")))
    return cases


CASES = _cases()


@pytest.mark.parametrize("page, owner", CASES, ids=[f"{p.parent.name}/{p.name}" for p, _ in CASES])
def test_only_the_owner_claims_the_page(page: Path, owner: str | None) -> None:
    soups = [make_soup(doc.html) for doc in load_page(page).documents]
    claimed = {family.NAME for family in FAMILIES if any(family.detect(soup) for soup in soups)}
    assert claimed == ({owner} if owner else set())


def test_the_matrix_covers_every_family() -> None:
    owners = {owner for _, owner in CASES}
    assert {family.NAME for family in FAMILIES} <= owners
    assert len(CASES) > len(FAMILIES)
