"""End to end in headless Chromium against `chat-archiver serve` on a free port:
search, the permalink, the copy button, the transcript, and hostile text staying text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from archiver.browser import browser
from serve_support import HOSTILE_SPEAKER, HOSTILE_TEXTS, WAIVED_TEXT, Server, build_archive, message_id

HIGHLIGHT = "rgb(255, 243, 191)"  # .ca-msg:target .ca-bubble in chat_archiver.css


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("browser")
    return build_archive(root / "archive.db", root / "pages")


@pytest.fixture(scope="module")
def server(built):
    with Server(built.path) as s:
        yield s


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture
def context(chromium, server):
    ctx = chromium.new_context(viewport={"width": 1100, "height": 900})
    ctx.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    fired: list[str] = []
    ctx.expose_binding("pwned", lambda source, what="?": fired.append(str(what)))
    ctx.fired = fired  # type: ignore[attr-defined]
    yield ctx
    ctx.close()


def test_search_click_hit_and_copy_markdown(context, server, built) -> None:
    waived = message_id(built.path, WAIVED_TEXT)
    page = context.new_page()
    page.goto(server.url + "/-/search")
    page.fill("input[name=q]", "late fee")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/-/search?q=late+fee*")
    assert page.locator(".ca-hit").count() == 2
    assert page.locator(".ca-hit mark").first.inner_text().lower() == "late"
    page.click(f'a.ca-hit-link[href="/-/quote/{waived}"]')
    page.wait_for_url(f"{server.url}/-/quote/{waived}")
    assert page.locator("blockquote.ca-quote-text").inner_text() == WAIVED_TEXT
    page.click("#copy-markdown")
    page.wait_for_selector(".ca-copy-status:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:\n\n")
    assert f"\n> {WAIVED_TEXT}\n" in copied
    assert "2025-03-04T15:44:00Z (UTC)" in copied
    assert f"[permalink]({server.url}/-/quote/{waived})" in copied
    page.click("#copy-text")
    page.wait_for_selector(".ca-copy-status:has-text('Copied as text')")
    text = page.evaluate("navigator.clipboard.readText()")
    assert f"\u201c{WAIVED_TEXT}\u201d" in text and text.endswith(f"Permalink: {server.url}/-/quote/{waived}")


def test_conversation_page_scrolls_to_and_highlights_the_message(context, server, built, tmp_path: Path) -> None:
    waived = message_id(built.path, WAIVED_TEXT)
    page = context.new_page()
    page.goto(f"{server.url}/-/chat/{built.conversation_id}#m-{waived}")
    target = page.locator(f"#m-{waived}")
    assert page.evaluate("document.querySelector(':target').id") == f"m-{waived}"
    bubble = target.locator(".ca-bubble")
    assert bubble.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
    assert target.is_visible() and target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }")
    other = page.locator(".ca-msg.ca-customer .ca-bubble").first
    assert other.evaluate("e => getComputedStyle(e).backgroundColor") != HIGHLIGHT
    # times in the chat's zone, the UTC instant on hover
    time_el = target.locator("time")
    assert time_el.inner_text() == "10:44 AM EST"
    assert time_el.get_attribute("title").startswith("2025-03-04T15:44:00Z (UTC)")
    assert page.locator(".ca-day").first.inner_text() == "Tuesday, March 4, 2025"
    # customer bubbles sit right, agent bubbles left
    agent_x = target.locator(".ca-bubble").bounding_box()["x"]
    customer_x = other.bounding_box()["x"]
    assert customer_x > agent_x
    shot = tmp_path / "conversation.png"
    page.goto(f"{server.url}/-/chat/{built.conversation_id}")
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    keep = Path("/tmp/chat-archiver-screenshots")  # outside the repo, for a person to look at
    keep.mkdir(exist_ok=True)
    shutil.copy(shot, keep / "conversation.png")


def _assert_no_script_ran(page, context) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert context.fired == []
    assert page.locator("img[src=x]").count() == 0
    assert page.locator('a[href^="javascript:"]').count() == 0
    # no element made from the payloads: every script is the page's own
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('pwned')).length") == 0
    assert page.evaluate("[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length") == 0


def test_hostile_transcript_stays_text(context, server, built) -> None:
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    response = page.goto(f"{server.url}/-/chat/{built.hostile_conversation_id}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    texts = page.locator(".ca-text").all_inner_texts()
    assert texts[:3] == HOSTILE_TEXTS[:3]
    assert page.locator(".ca-speaker").first.inner_text() == HOSTILE_SPEAKER
    page.hover(".ca-speaker")
    page.get_by_text("click for your refund").first.click()
    page.wait_for_timeout(300)
    _assert_no_script_ran(page, context)
    # the quote card, its copy sources and the search page hold the same strings, inert
    for mid in built.hostile_ids:
        page.goto(f"{server.url}/-/quote/{mid}")
        page.click("#copy-markdown")
        page.wait_for_selector(".ca-copy-status:has-text('Copied')")
        _assert_no_script_ran(page, context)
    page.goto(f"{server.url}/-/search?q=receipt+OR+thanks+OR+portal")
    assert page.locator(".ca-hit").count() == 3
    _assert_no_script_ran(page, context)
    # Datasette's own table and row views (no CSP there: escaping alone must hold)
    page.goto(f"{server.url}/archive/messages?_search=receipt+OR+thanks+OR+portal")
    assert HOSTILE_TEXTS[0] in page.locator("table.rows-and-columns").inner_text()
    _assert_no_script_ran(page, context)
    page.goto(f"{server.url}/archive/messages/{built.hostile_ids[1]}")
    _assert_no_script_ran(page, context)
    assert dialogs == []


def test_the_binding_would_have_caught_a_script(context, server) -> None:
    """The detector works: a page that does run script calls the binding."""
    page = context.new_page()
    page.goto(server.url + "/-/search")
    page.evaluate("pwned('probe')")
    page.wait_for_timeout(100)
    assert context.fired == ["probe"]
