"""Large pages are parsed in slices; the result must equal a whole-page parse."""

from __future__ import annotations

import pytest

from archiver.model import Document
from archiver.parsers import find_chat, slices
from conftest import FIXTURES
from pages import lp_page


def lines(n: int) -> list[tuple[str, str, str, str]]:
    out = []
    for i in range(n):
        role = "agent" if i % 3 else "customer"
        out.append((role, "Jessica" if role == "agent" else "", f"Message number {i} with <b>markup</b> & «accents»", f"{9 + i // 60 % 12}:{i % 60:02d} AM"))
    return out


def whole_and_sliced(html: str, monkeypatch: pytest.MonkeyPatch):
    whole = find_chat([Document(html=html, location="p.html")])
    monkeypatch.setattr(slices, "LARGE", 1000)
    monkeypatch.setattr(slices, "SLICE", 3000)
    sliced = find_chat([Document(html=html, location="p.html")])
    return whole, sliced


def test_sliced_parse_equals_whole_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    html = lp_page(lines(400), filler="<div class='promo'><h2>Offers</h2><p>Zero APR for 12 months</p></div>")
    whole, sliced = whole_and_sliced(html, monkeypatch)
    assert len(whole.messages) == 401
    assert sliced.messages == whole.messages
    assert (sliced.parser, sliced.header_text, sliced.location) == (whole.parser, whole.header_text, whole.location)


@pytest.mark.parametrize("fixture", sorted(FIXTURES.glob("*/*.html")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_sliced_parse_of_every_fixture(fixture, monkeypatch: pytest.MonkeyPatch) -> None:
    from archiver.errors import NoChatFound
    from archiver.sources import load_page

    try:
        page = load_page(fixture)
        whole = find_chat(page.documents)
    except NoChatFound:
        return  # the negative fixtures
    monkeypatch.setattr(slices, "LARGE", 200)
    monkeypatch.setattr(slices, "SLICE", 400)
    sliced = find_chat(page.documents)
    assert sliced.messages == whole.messages
    assert sliced.parser == whole.parser


@pytest.mark.parametrize("slice_size", [900, 1300, 1700, 2100])
def test_identical_messages_across_a_slice_boundary_stay_apart(slice_size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # runs of "ok" long enough that slices start and end inside them
    chat = []
    for i in range(6):
        chat.append(("agent", "Jessica", f"Step {i}: please confirm", "10:00 AM"))
        chat.extend([("customer", "", "ok", "10:01 AM")] * 20)
    html = lp_page(chat)
    whole = find_chat([Document(html=html, location="p.html")])
    monkeypatch.setattr(slices, "LARGE", 1000)
    monkeypatch.setattr(slices, "SLICE", slice_size)
    monkeypatch.setattr(slices, "OVERLAP", 3)
    sliced = find_chat([Document(html=html, location="p.html")])
    assert len(whole.messages) == 1 + 6 * 21
    assert sliced.messages == whole.messages


def test_a_family_in_a_later_frame_beats_the_generic_parser_on_a_large_page(monkeypatch: pytest.MonkeyPatch) -> None:
    generic_page = (FIXTURES / "generic" / "kestrel-log.html").read_text()
    family_frame = lp_page(lines(5))
    monkeypatch.setattr(slices, "LARGE", 1000)
    chat = find_chat([Document(html=generic_page, location="top.html"), Document(html=family_frame, location="frame.html")])
    assert (chat.parser, chat.location) == ("liveperson", "frame.html")
