"""Promises in Datasette: the table's facets, canned queries, marked sentences, quote cards.

Through datasette.client on a real archive: the LivePerson late-fee chat, the hostile
chat of serve_support, and a chat whose promises are wrapped in markup.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from typing import Any

import pytest
from serve_support import WAIVED_TEXT, add_chat, build_archive, message_id

from archiver.model import Message, Transcript
from archiver.serve import build_datasette
from archiver.store import Archive
from archiver.tracker import list_promises

EVIL_COMPANY = "Bluefin <Airways> & Co"
REFUND = 'Sorry about that <b>again</b>. I will refund $25 to your card <img src=x onerror="pwned()"> within 5 business days. Thanks & bye <script>pwned()</script>'
REFUND_SENTENCE = 'I will refund $25 to your card <img src=x onerror="pwned()"> within 5 business days.'
ESCALATED = "<i>Update</i>: I've escalated this to our <script>pwned(1)</script> billing & support team for an answer tomorrow. Case #00123456."
ESCALATED_SENTENCE = "<i>Update</i>: I've escalated this to our <script>pwned(1)</script> billing & support team for an answer tomorrow."
FEE_SENTENCE = "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles."


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


class World:
    def __init__(self, root: Any) -> None:
        self.built = build_archive(root / "archive.db", root / "pages")
        archive = Archive(self.built.path)
        try:
            # London, a Monday in 2099: never overdue whenever this runs
            self.evil, ids = add_chat(archive, Transcript(EVIL_COMPANY, "liveperson", "Europe/London", [
                Message(0, "customer", "", "Where is my refund?", "2:58 PM", "2099-06-01T14:58:00+01:00", "page"),
                Message(1, "agent", "Zoë", REFUND, "3:00 PM", "2099-06-01T15:00:00+01:00", "page"),
                Message(2, "agent", "Zoë", ESCALATED, "3:01 PM", "2099-06-01T15:01:00+01:00", "page"),
            ]), "evil-promises.html", b"<p>evil promises</p>")
        finally:
            archive.close()
        self.refund_message, self.escalated_message = ids[1], ids[2]
        self.fee_message = message_id(self.built.path, WAIVED_TEXT)
        self.northwind = self.built.conversation_id
        self.fee = digest("promise", self.fee_message, "fee_waiver", FEE_SENTENCE, "0")
        self.refund = digest("promise", self.refund_message, "refund", REFUND_SENTENCE, "0")
        self.escalated = digest("promise", self.escalated_message, "escalation", ESCALATED_SENTENCE, "0")
        self.loop = asyncio.new_event_loop()
        self.ds = build_datasette(self.built.path)

    def get(self, path: str) -> Any:
        return self.loop.run_until_complete(self.ds.client.get(path))


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    w = World(tmp_path_factory.mktemp("promises"))
    yield w
    w.loop.close()


def test_promises_table_facets(world: World) -> None:
    r = world.get("/archive/promises.json?_shape=objects")
    assert r.status_code == 200, r.text
    data = r.json()
    facets = {name: [(v["value"], v["count"]) for v in f["results"]] for name, f in data["facet_results"].items()}
    assert facets == {
        "kind": [("escalation", 1), ("fee_waiver", 1), ("refund", 1)],
        "status": [("open", 3)],
        "company": [(EVIL_COMPANY, 2), ("Northwind Card", 1)],
    }
    # latest due first (so undated ones, NULL in SQLite, come last)
    assert [row["id"] for row in data["rows"]] == [world.refund, world.escalated, world.fee]
    # the company facet filters by the conversation's company
    data = world.get("/archive/promises.json?_shape=objects&_company=Northwind+Card").json()
    assert [row["id"] for row in data["rows"]] == [world.fee]


def test_promises_table_links_ids(world: World) -> None:
    page = world.get("/archive/promises").text
    mid, cid = world.fee_message, world.northwind
    assert f'<a class="ca-id" href="/-/quote/{mid}" title="Quote card">{mid}</a>' in page
    assert f'<a class="ca-id" href="/-/chat/{cid}#m-{mid}" title="Read the conversation">{cid}</a>' in page
    refs = world.get("/archive/reference_numbers").text
    assert f'<a class="ca-id" href="/-/quote/{mid}" title="Quote card">{mid}</a>' in refs
    # the menu leads to the promises
    assert '<a href="/archive/promises">Promises</a>' in page


def test_reference_numbers_table(world: World) -> None:
    data = world.get("/archive/reference_numbers.json?_shape=objects").json()
    assert sorted((row["label"], row["value"], row["message_id"]) for row in data["rows"]) == [
        ("case", "00123456", world.escalated_message),
        ("reference", "LF7731", world.fee_message),
    ]


def query(world: World, name: str) -> list[dict]:
    r = world.get(f"/archive/{name}.json?_shape=objects")
    assert r.status_code == 200, r.text
    return r.json()["rows"]


def test_canned_queries(world: World) -> None:
    fee_row = {
        "due_by": "2025-05-04", "status": "open", "kind": "fee_waiver", "amount": 40.0, "currency": "USD",
        "company": "Northwind Card", "speaker": "Jessica", "text": FEE_SENTENCE,
        "due_text": "within 1-2 billing cycles", "promise_id": world.fee,
        "message_id": world.fee_message, "conversation_id": world.northwind,
    }
    assert query(world, "open_promises") == [
        fee_row,
        {"due_by": "2099-06-02", "status": "open", "kind": "escalation", "amount": None, "currency": None,
         "company": EVIL_COMPANY, "speaker": "Zoë", "text": ESCALATED_SENTENCE, "due_text": "tomorrow",
         "promise_id": world.escalated, "message_id": world.escalated_message, "conversation_id": world.evil},
        {"due_by": "2099-06-08", "status": "open", "kind": "refund", "amount": 25.0, "currency": "USD",
         "company": EVIL_COMPANY, "speaker": "Zoë", "text": REFUND_SENTENCE, "due_text": "within 5 business days",
         "promise_id": world.refund, "message_id": world.refund_message, "conversation_id": world.evil},
    ]
    assert query(world, "overdue_promises") == [fee_row]
    page = world.get("/archive/open_promises").text
    assert f'<a class="ca-id" href="/-/quote/{world.fee_message}" title="Quote card">' in page
    assert "<script>pwned" not in page and "&lt;script&gt;pwned(1)&lt;/script&gt;" in page

    archive = Archive(world.built.path)
    try:
        archive.set_promise_status(world.fee, "kept")
        assert query(world, "overdue_promises") == []
        assert [row["promise_id"] for row in query(world, "open_promises")] == [world.escalated, world.refund]
    finally:
        archive.set_promise_status(world.fee, "open")
        archive.close()


def test_overdue_is_judged_in_the_chats_zone(tmp_path) -> None:
    """Datasette's overdue query and `promises --overdue` agree: "today" is the chat's own date.

    Kiritimati (UTC+14) and Pago Pago (UTC-11) are always a day or two apart, so a promise due on
    Pago Pago's today is overdue in Kiritimati and not in Pago Pago, whatever the hour; a rule
    using the UTC date gets one of the two wrong at any hour.
    """
    due = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=11)).date()
    said = (due - dt.timedelta(days=5)).isoformat()
    path = tmp_path / "archive.db"
    archive = Archive(path)
    ids = {}
    try:
        for zone, offset in (("Pacific/Kiritimati", "+14:00"), ("Pacific/Pago_Pago", "-11:00")):
            _, (mid,) = add_chat(archive, Transcript(f"Bank in {zone}", "liveperson", zone, [
                Message(0, "agent", "Ana", "I will refund $25 to your card within 5 days.", "12:00 PM",
                        f"{said}T12:00:00{offset}", "page"),
            ]), f"{zone.replace('/', '-')}.html", zone.encode())
            ids[zone] = mid
        listed = [p.message_id for p in list_promises(archive.db.conn, overdue=True)]
    finally:
        archive.close()
    assert listed == [ids["Pacific/Kiritimati"]]

    ds = build_datasette(path)
    loop = asyncio.new_event_loop()
    try:
        r = loop.run_until_complete(ds.client.get("/archive/overdue_promises.json?_shape=objects"))
    finally:
        loop.close()
    assert r.status_code == 200, r.text
    assert [(row["message_id"], row["due_by"]) for row in r.json()["rows"]] == [
        (ids["Pacific/Kiritimati"], due.isoformat())
    ]


def test_find_reference_number_query(world: World) -> None:
    rows = world.get("/archive/find_reference_number.json?_shape=objects&value=7731").json()["rows"]
    assert [(r["value"], r["label"], r["company"], r["message_id"]) for r in rows] == [
        ("LF7731", "reference", "Northwind Card", world.fee_message)
    ]


def test_conversation_page_marks_promises_escaped(world: World) -> None:
    page = world.get(f"/-/chat/{world.evil}").text
    assert (
        '<div class="ca-text">Sorry about that &lt;b&gt;again&lt;/b&gt;. '
        '<mark class="ca-promise" title="Promise: refund, due by 2099-06-08 (open)">'
        "I will refund $25 to your card &lt;img src=x onerror=&#34;pwned()&#34;&gt; within 5 business days.</mark>"
        " Thanks &amp; bye &lt;script&gt;pwned()&lt;/script&gt;</div>"
    ) in page
    assert (
        '<div class="ca-text"><mark class="ca-promise" title="Promise: escalation, due by 2099-06-02 (open)">'
        "&lt;i&gt;Update&lt;/i&gt;: I&#39;ve escalated this to our &lt;script&gt;pwned(1)&lt;/script&gt; "
        "billing &amp; support team for an answer tomorrow.</mark> Case #00123456.</div>"
    ) in page
    # no markup from the page survives as markup anywhere: the transcript, the lists under it, the header
    assert "<script>pwned" not in page and "<img" not in page and "<b>" not in page and "<i>" not in page
    assert "Bluefin &lt;Airways&gt; &amp; Co" in page
    # the customer's message is not marked
    assert '<div class="ca-text">Where is my refund?</div>' in page


def test_conversation_page_lists_under_each_message(world: World) -> None:
    page = world.get(f"/-/chat/{world.northwind}").text
    bubble = page[page.index(f'id="m-{world.fee_message}"'):]
    bubble = bubble[: bubble.index("</li>\n")]
    assert (
        f'<li class="ca-promise-item ca-status-open" data-promise-id="{world.fee}">'
        '<span class="ca-promise-kind">fee waiver</span> · <span class="ca-promise-amount">$40.00</span>'
        ' · due by <span class="ca-promise-due">2025-05-04</span> (within 1-2 billing cycles)'
        ' · <span class="ca-promise-status">open</span>: “I&#39;ve waived the $40 late fee; you&#39;ll see the'
        f' credit within 1-2 billing cycles.” <code class="ca-promise-id">{world.fee}</code></li>'
    ) in page
    assert "<li>reference: <code>LF7731</code></li>" in page


def test_quote_card_lists_promises_and_references(world: World) -> None:
    page = world.get(f"/-/quote/{world.escalated_message}").text
    assert (
        f'<li class="ca-promise-item ca-status-open" data-promise-id="{world.escalated}">'
        '<span class="ca-promise-kind">escalation</span>'
        ' · due by <span class="ca-promise-due">2099-06-02</span> (tomorrow)'
        ' · <span class="ca-promise-status">open</span>: “&lt;i&gt;Update&lt;/i&gt;: I&#39;ve escalated this to our'
        " &lt;script&gt;pwned(1)&lt;/script&gt; billing &amp; support team for an answer tomorrow.”"
        f' <code class="ca-promise-id">{world.escalated}</code></li>'
    ) in page
    assert "<li>case: <code>00123456</code></li>" in page
    assert '<mark class="ca-promise" title="Promise: escalation, due by 2099-06-02 (open)">&lt;i&gt;Update' in page
    assert "<script>pwned" not in page and "<i>" not in page

    data = world.get(f"/-/quote/{world.escalated_message}.json").json()
    assert data["promises"] == [{
        "id": world.escalated, "message_id": world.escalated_message, "conversation_id": world.evil,
        "kind": "escalation", "text": ESCALATED_SENTENCE, "amount": None, "currency": None,
        "due_text": "tomorrow", "due_by": "2099-06-02", "status": "open", "status_changed_at": None,
    }]
    assert data["reference_numbers"] == [{
        "id": digest("reference", world.escalated_message, "case", "00123456", "0"),
        "message_id": world.escalated_message, "conversation_id": world.evil, "label": "case", "value": "00123456",
    }]


def test_marked_pieces() -> None:
    from archiver.plugins.reading import marked_pieces

    fee = {"text": "I will refund it.", "kind": "refund", "due_by": None, "status": "kept"}
    assert marked_pieces("Hi. I will refund it. Bye. I will refund it.", [fee]) == [
        ("Hi. ", ""), ("I will refund it.", "Promise: refund (kept)"), (" Bye. ", ""),
        ("I will refund it.", "Promise: refund (kept)"),
    ]
    # a sentence the text no longer holds marks nothing; two kinds on one sentence make one mark
    assert marked_pieces("Hello.", [fee]) == [("Hello.", "")]
    twice = [dict(fee, kind="refund"), dict(fee, kind="credit", due_by="2025-03-04")]
    assert marked_pieces("I will refund it.", twice) == [
        ("I will refund it.", "Promise: refund (kept); Promise: credit, due by 2025-03-04 (kept)")
    ]
    assert marked_pieces("", None) == [("", "")]
