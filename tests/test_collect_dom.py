"""The browser side of live capture, in real Chromium: serializer and change detector.

tests/sites/dom/ holds a page with open shadow roots (nested, with named slots
and slot fallback), a closed shadow root, a shadow root attached later, and a
frame from another site. Expected HTML below was written from reading it.
"""

from __future__ import annotations

import pytest

from archiver.browser import browser
from archiver.live import BINDING, OBSERVER_JS, SERIALIZE_JS
from archiver.parsers.html import make_soup
from sites.server import MockSites


@pytest.fixture(scope="module")
def sites():
    with MockSites() as s:
        yield s


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def open_dom_page(chromium, sites: MockSites, calls: list[str] | None = None):
    ctx = chromium.new_context()
    if calls is not None:
        ctx.expose_binding(BINDING, lambda source: calls.append(source["frame"].url))
        ctx.add_init_script(OBSERVER_JS)
    page = ctx.new_page()
    page.goto(f"{sites.page_origin}/dom/index.html?widget={sites.widget_origin}", wait_until="load")
    page.wait_for_function("() => document.getElementById('f').contentWindow && window.frames.length === 1")
    page.wait_for_timeout(200)
    return ctx, page


def test_open_shadow_roots_are_flattened_into_their_hosts(chromium, sites) -> None:
    ctx, page = open_dom_page(chromium, sites)
    try:
        result = page.main_frame.evaluate(SERIALIZE_JS, 10_000_000)
    finally:
        ctx.close()
    html = result["html"]
    assert result["truncated"] is False
    assert result["title"] == "DOM fixture"
    assert html.startswith("<!DOCTYPE html><html><head><title>DOM fixture</title></head><body>")
    body = html[html.index("<body>") : html.index("<script>")]
    assert body == (
        "<body>"
        '<p id="plain">5 &lt; 6 &amp; "quotes" non&nbsp;breaking</p>'
        # the host shows its shadow tree; the named slot shows the light child
        # assigned to it, the unnamed-in-light slot its fallback; the light
        # child no slot takes is not shown, so it is not there
        '<x-card data-note="say &quot;hi&quot;"><div class="msg">'
        '<slot name="who"><span slot="who">Jessica</span></slot>: '
        "<x-inner><em>deep &amp; nested</em></x-inner>"
        '<slot name="none">fallback text</slot>'
        "</div></x-card>"
        # a closed shadow root cannot be read: its host's light children stay
        "<x-locked><i>light child</i></x-locked>"
        '<div id="later"></div>'
        f'<iframe id="f" src="{sites.widget_origin}/dom/frame.html"></iframe>'
    )


def test_the_frame_from_another_site_is_serialized_on_its_own(chromium, sites) -> None:
    ctx, page = open_dom_page(chromium, sites)
    try:
        frames = [f for f in page.frames if f != page.main_frame]
        assert [f.url for f in frames] == [f"{sites.widget_origin}/dom/frame.html"]
        html = frames[0].evaluate(SERIALIZE_JS, 10_000_000)["html"]
    finally:
        ctx.close()
    assert html.startswith('<!DOCTYPE html><html><head><title>Frame</title></head><body><div id="m">in the frame</div>')


def test_raw_text_cannot_break_out_of_its_element(chromium, sites) -> None:
    ctx, page = open_dom_page(chromium, sites)
    try:
        page.evaluate(
            """() => {
                const s = document.createElement("style");
                s.textContent = "p{} </style><p class=injected>escaped</p>";
                document.body.appendChild(s);
            }"""
        )
        html = page.main_frame.evaluate(SERIALIZE_JS, 10_000_000)["html"]
    finally:
        ctx.close()
    soup = make_soup(html)
    assert soup.select(".injected") == []
    assert soup.select("style")[-1].string == "p{} <\\/style><p class=injected>escaped</p>"


def test_serialization_stops_at_the_size_limit(chromium, sites) -> None:
    ctx, page = open_dom_page(chromium, sites)
    try:
        result = page.main_frame.evaluate(SERIALIZE_JS, 100)
    finally:
        ctx.close()
    assert result["truncated"] is True
    assert len(result["html"]) < 400


def wait_for_call(page, calls: list[str], timeout_ms: int = 3000) -> None:
    waited = 0
    while not calls and waited < timeout_ms:
        page.wait_for_timeout(50)  # lets Playwright deliver the binding calls
        waited += 50


def test_observer_reports_each_change_from_its_frame_and_nothing_while_idle(chromium, sites) -> None:
    calls: list[str] = []
    ctx, page = open_dom_page(chromium, sites, calls)
    try:
        main = page.main_frame
        child = next(f for f in page.frames if f != main)
        assert main.evaluate(SERIALIZE_JS, 1000)["observing"] is True
        assert child.evaluate(SERIALIZE_JS, 1000)["observing"] is True
        page.wait_for_timeout(300)
        calls.clear()
        page.wait_for_timeout(1000)
        assert calls == [], "an idle page must not call back"
        steps = [
            (main, "addLate()"),  # a shadow root attached after load
            (main, "changeLate()"),  # a change inside it
            (main, "changeDeep()"),  # a change two shadow roots down
            (child, "changeFrame()"),  # a change in the cross-site frame
        ]
        for frame, action in steps:
            calls.clear()
            frame.evaluate(action)
            wait_for_call(page, calls)
            page.wait_for_timeout(300)  # a burst's follow-up call lands in its own step
            assert calls and set(calls) == {frame.url}, action
        serialized = main.evaluate(SERIALIZE_JS, 10_000_000)["html"]
        assert '<div id="later"><p>changed</p></div>' in serialized
        assert "<x-inner><em>deeper</em></x-inner>" in serialized
    finally:
        ctx.close()
