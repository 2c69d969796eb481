"""The plugin's pages and hooks, through datasette.client on a real archive (no server)."""

from __future__ import annotations

import asyncio
import html
import re
import sqlite3
from typing import Any

import pytest
from datasette.app import Datasette
from markupsafe import escape

from archiver.errors import NotFound
from archiver.serve import SETTINGS, build_datasette
from archiver.store import Archive
from serve_support import (
    HOSTILE_COMPANY,
    HOSTILE_SPEAKER,
    HOSTILE_TEXTS,
    WAIVED_TEXT,
    add_chat,
    build_archive,
    message_id,
)

CUSTOMER_TEXT = "I was charged a $40 late fee but my payment was on time.\nCan you remove it?"


@pytest.fixture(scope="module")
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    return build_archive(root / "archive.db", root / "pages")


@pytest.fixture(scope="module")
def ds(built):
    return build_datasette(built.path)


class Client:
    def __init__(self, ds: Datasette, loop: asyncio.AbstractEventLoop) -> None:
        self.ds, self.loop = ds, loop

    def get(self, path: str) -> Any:
        return self.loop.run_until_complete(self.ds.client.get(path))


@pytest.fixture(scope="module")
def client(ds, loop) -> Client:
    return Client(ds, loop)


def ids_in(page: str) -> list[str]:
    return re.findall(r'id="m-([0-9a-f]+)"', page)


# -- search ---------------------------------------------------------------------


def test_search_page_lists_hits_with_highlights_and_permalinks(client, built) -> None:
    r = client.get("/-/search?q=late+fee")
    assert r.status_code == 200
    waived = message_id(built.path, WAIVED_TEXT)
    customer = message_id(built.path, CUSTOMER_TEXT)
    assert "2 messages match <strong>late fee</strong>" in r.text
    hits = re.findall(r'<a class="ca-hit-link" href="/-/quote/([0-9a-f]+)">', r.text)
    assert sorted(hits) == sorted([waived, customer])
    assert "I&#39;ve waived the $40 <mark>late</mark> <mark>fee</mark>; you&#39;ll see the credit" in r.text
    assert ">March 4, 2025 at 10:44 AM EST</time>" in r.text
    assert 'datetime="2025-03-04T15:44:00Z"' in r.text
    assert '<span class="ca-speaker">Jessica</span> <span class="ca-role">agent</span>' in r.text
    assert '<span class="ca-company">Northwind Card</span>' in r.text
    assert f'href="/-/chat/{built.conversation_id}#m-{waived}"' in r.text


@pytest.mark.parametrize("query, expected", [
    ('"late fee"', 2),            # phrase
    ("waiv*", 1),                 # prefix
    ("waive", 1),                 # porter stemming: waive finds waived
    ("late NOT charged", 1),
    ("refund OR receipt", 2),     # the hostile chat's texts are searchable as text
])
def test_search_syntax(client, query: str, expected: int) -> None:
    r = client.get("/-/search?" + _qs(q=query))
    assert r.status_code == 200
    assert len(re.findall(r'class="ca-hit-link"', r.text)) == expected


def _qs(**kw: str) -> str:
    from urllib.parse import urlencode
    return urlencode(kw)


def test_search_filters_by_company_and_role(client, built) -> None:
    r = client.get("/-/search?" + _qs(q="late fee", role="agent", company="Northwind Card"))
    assert re.findall(r'href="/-/quote/([0-9a-f]+)"', r.text) == [message_id(built.path, WAIVED_TEXT)]
    r = client.get("/-/search?" + _qs(q="late fee", company=HOSTILE_COMPANY))
    assert "No messages match <strong>late fee</strong> at Evil &lt;i&gt;Corp&lt;/i&gt; &amp; Sons." in r.text


def test_search_without_hits_is_friendly(client) -> None:
    r = client.get("/-/search?q=zebra")
    assert r.status_code == 200
    assert "No messages match <strong>zebra</strong>. Try fewer words" in r.text


@pytest.mark.parametrize("query", ['"late', "late AND", "(fee", "speaker:", "NOT", "*", "fee)"])
def test_bad_search_syntax_is_a_friendly_400(client, query: str) -> None:
    r = client.get("/-/search?" + _qs(q=query))
    assert r.status_code == 400
    assert '<p class="ca-error" role="alert">The search could not be read:' in r.text
    assert "Put phrases in double quotes" in r.text
    assert "Traceback" not in r.text


def test_empty_search_shows_the_form(client) -> None:
    r = client.get("/-/search")
    assert r.status_code == 200
    assert '<input type="search" name="q" value=""' in r.text
    assert "ca-hit" not in r.text and "ca-error" not in r.text
    assert '<option value="Northwind Card">Northwind Card</option>' in r.text


def _many_credits(tmp_path, loop, **settings: Any) -> Client:
    """An archive whose 45 "credit number N posted" messages were stored in order N = 0..44."""
    path = tmp_path / "many.db"
    build_archive(path, tmp_path / "pages", hostile=False)
    from archiver.model import Message, Transcript
    archive = Archive(path)
    msgs = [Message(i, "agent", "Sam", f"credit number {i} posted", "", None, None) for i in range(45)]
    add_chat(archive, Transcript("Many Credits", "liveperson", "UTC", msgs), "many.html", b"<p>many</p>")
    archive.close()
    return Client(build_datasette(path, settings), loop)


def test_search_pages_through_hits(tmp_path, loop) -> None:
    client = _many_credits(tmp_path, loop)
    first = client.get("/-/search?q=credit+posted")
    assert "45 messages match" in first.text and len(re.findall("ca-hit-link", first.text)) == 20
    assert 'href="/-/search?q=credit+posted&amp;page=2" rel="next"' in first.text
    third = client.get("/-/search?q=credit+posted&page=3")
    assert len(re.findall("ca-hit-link", third.text)) == 5 and 'rel="next"' not in third.text
    assert '<ol class="ca-hits" start="41">' in third.text


# -- Datasette's own search, facets and filters ---------------------------------------


def table_json(client, query: str) -> dict:
    r = client.get(f"/archive/messages.json?{query}")
    assert r.status_code == 200, r.text
    return r.json()


def test_table_search_accepts_phrases_and_prefixes(client, built) -> None:
    waived = message_id(built.path, WAIVED_TEXT)
    assert table_json(client, _qs(_search='"late fee"'))["filtered_table_rows_count"] == 2
    data = table_json(client, _qs(_search="waiv*", _shape="objects"))
    assert [row["id"] for row in data["rows"]] == [waived]


@pytest.mark.parametrize("fmt", ["html", "json"])
def test_table_search_pages_newest_archived_first(tmp_path, loop, fmt: str) -> None:
    """Sorted by rowid, which a search reads in order; HTML rows (labels expanded) page too."""
    client = _many_credits(tmp_path, loop)
    url, numbers = "/many/messages" + (".json" if fmt == "json" else "") + "?" + _qs(_search="credit posted", _size="10"), []
    while url:
        r = client.get(url)
        assert r.status_code == 200, r.text
        if fmt == "json":
            data = r.json()
            assert data["filtered_table_rows_count"] == 45
            numbers += [int(re.search(r"number (\d+)", row[5]).group(1)) for row in data["rows"]]
            url = data["next_url"] and data["next_url"].removeprefix("http://localhost")
        else:
            assert "<h3>45 rows" in r.text
            numbers += [int(n) for n in re.findall(r"credit number (\d+) posted", r.text)]
            match = re.search(r'<a href="http://localhost(/many/messages\?[^"]+)">Next page</a>', r.text)
            url = html.unescape(match.group(1)) if match else None
    assert numbers == list(range(44, -1, -1))


def test_plain_table_search_is_counted_by_the_index(tmp_path, loop) -> None:
    """The same number as Datasette's own count, from messages_fts alone; filtered searches untouched."""
    client = _many_credits(tmp_path, loop, trace_debug=True)

    def counts(**query: str) -> tuple[int, list[str]]:
        data = client.get("/many/messages.json?" + _qs(_trace="1", **query)).json()
        return data["filtered_table_rows_count"], [t["sql"] for t in data["_trace"]["traces"] if t["sql"].startswith("select count(*)")]

    count, sqls = counts(_search="credit posted")
    assert count == 45
    assert sqls == ["select count(*) from messages_fts where messages_fts match :search"]
    count, sqls = counts(_search="credit posted", _searchmode="escaped")
    assert count == 45 and sqls == ["select count(*) from messages_fts where messages_fts match escape_fts(:search)"]
    count, sqls = counts(_search="credit posted", seq__lt="10")
    assert count == 10  # messages 0..9 of the 45
    assert len(sqls) == 1 and sqls[0].startswith("select count(*) from messages where ")


def test_table_facets_by_company_role_speaker_and_day(client) -> None:
    data = table_json(client, _qs(_search="late fee OR receipt OR refund"))
    facets = {name: [(v["value"], v["count"]) for v in f["results"]] for name, f in data["facet_results"].items()}
    assert facets == {
        "company": [(HOSTILE_COMPANY, 2), ("Northwind Card", 2)],
        "role": [("agent", 3), ("customer", 1)],
        "speaker": [(HOSTILE_SPEAKER, 2), ("", 1), ("Jessica", 1)],
        "sent_at": [("2025-07-01", 2), ("2025-03-04", 2)],
    }
    assert data["suggested_facets"] == []  # suggestions are off: they cost seconds on big archives


def test_default_facets_skip_huge_result_sets(client, monkeypatch) -> None:
    """Past the row bound, default facets report "timed out" at once; asked-for ones still count."""
    from archiver.plugins import facets
    monkeypatch.setattr(facets, "DEFAULT_FACET_MAX_ROWS", 3)
    data = table_json(client, _qs(_search="late fee OR receipt OR refund"))
    assert data["facet_results"] == {}
    page = client.get("/archive/messages?" + _qs(_search="late fee OR receipt OR refund")).text
    assert '<p class="facets-timed-out">These facets timed out: company, role, speaker, sent_at</p>' in page
    data = table_json(client, _qs(_search="late fee OR receipt OR refund", _facet_message="role"))
    assert [(v["value"], v["count"]) for v in data["facet_results"]["role"]["results"]] == [("agent", 3), ("customer", 1)]
    assert sorted(data["facet_results"]) == ["role"]
    data = table_json(client, _qs(_search="waived"))  # one row: under the bound
    assert sorted(data["facet_results"]) == ["company", "role", "sent_at", "speaker"]


def test_huge_searches_list_newest_first(client, built, monkeypatch) -> None:
    from archiver.plugins import reading
    monkeypatch.setattr(reading, "RANK_MAX_HITS", 1)
    page = client.get("/-/search?q=late+fee").text
    assert "too many to rank by relevance: the newest archived come first" in page
    hits = re.findall(r'<a class="ca-hit-link" href="/-/quote/([0-9a-f]+)">', page)
    # newest archived = highest rowid first: the agent's reply was stored after the complaint
    assert hits == [message_id(built.path, WAIVED_TEXT), message_id(built.path, CUSTOMER_TEXT)]


def test_filtered_counts_are_capped(client, monkeypatch) -> None:
    from archiver.plugins import reading
    monkeypatch.setattr(reading, "COUNT_CAP", 1)
    page = client.get("/-/search?" + _qs(q="late fee", company="Northwind Card")).text
    assert "More than 1 message match <strong>late fee</strong> at Northwind Card." in page
    assert len(re.findall("ca-hit-link", page)) == 2


def test_company_and_day_filters(client, built) -> None:
    data = table_json(client, _qs(_search="late fee OR receipt OR refund", _company="Northwind Card"))
    assert data["filtered_table_rows_count"] == 2
    assert data["human_description_en"] == 'where search matches "late fee OR receipt OR refund" and company is "Northwind Card" sorted by rowid descending'
    data = table_json(client, _qs(_day="2025-07-01", _shape="objects"))
    assert sorted(r["id"] for r in data["rows"]) == sorted(built.hostile_ids[:3])
    toggles = {v["value"]: v["toggle_url"] for v in table_json(client, _qs(_search="fee"))["facet_results"]["company"]["results"]}
    assert toggles["Northwind Card"].endswith("/archive/messages.json?_search=fee&_company=Northwind+Card")


def test_bad_day_filter_is_a_400(client) -> None:
    r = client.get("/archive/messages.json?_day=yesterday")
    assert r.status_code == 400 and "_day= takes a date like 2025-03-04" in r.json()["error"]


def test_bad_table_search_is_friendly(client) -> None:
    r = client.get("/archive/messages.json?" + _qs(_search='"late'))
    assert r.status_code == 400
    assert r.json()["error"].startswith("The search could not be read: unterminated string.")
    r = client.get("/archive/messages?" + _qs(_search='"late'))
    assert r.status_code == 400 and "<h1>Search syntax</h1>" in r.text
    assert '<input type="search" name="q" value="&#34;late"' in r.text


# -- the conversation page ---------------------------------------------------------


def test_conversation_page(client, built) -> None:
    r = client.get(f"/-/chat/{built.conversation_id}")
    assert r.status_code == 200
    archive = Archive(built.path)
    want = [row[0] for row in archive.db.execute(
        "select id from messages where conversation_id = ? order by seq", [built.conversation_id])]
    archive.close()
    assert ids_in(r.text) == want and len(want) == 7
    assert '<span class="ca-company">Northwind Card</span>' in r.text
    assert '<li class="ca-day" role="separator"><span>Tuesday, March 4, 2025</span></li>' in r.text
    assert "<dd>America/New_York (EST)</dd>" in r.text
    waived = message_id(built.path, WAIVED_TEXT)
    bubble = r.text[r.text.index(f'id="m-{waived}"'):]
    bubble = bubble[: bubble.index("</li>")]
    assert 'class="ca-msg ca-agent"' in bubble
    assert '<span class="ca-speaker">Jessica</span>' in bubble
    assert ('<time class="ca-time" datetime="2025-03-04T15:44:00Z" title="2025-03-04T15:44:00Z (UTC) · '
            'shown as “10:44\u202fAM” · date from page">10:44 AM EST</time>') in bubble
    assert f'href="/-/quote/{waived}"' in bubble
    # customer messages sit on the other side; line breaks kept as text
    assert 'class="ca-msg ca-customer"' in r.text
    assert "I was charged a $40 late fee but my payment was on time.\nCan you remove it?" in r.text
    # the evidence
    assert "late-fee.html" in r.text and built.late_fee_sha256 in r.text
    assert "2025-03-04T16:00:00+00:00" in r.text  # saved (mtime)
    assert r.headers["content-security-policy"].startswith("default-src 'none'; script-src 'self'")


def test_undated_message_says_time_not_shown(client, built) -> None:
    r = client.get(f"/-/chat/{built.conversation_id}")
    system = r.text[r.text.index('class="ca-msg ca-system"'):]
    assert '<span class="ca-time ca-no-time">time not shown</span>' in system[: system.index("</li>")]


def test_unknown_conversation_is_a_404_page(client) -> None:
    r = client.get("/-/chat/0000000000000000")
    assert r.status_code == 404
    assert "<h1>Conversation not found</h1>" in r.text and "no conversation &#39;0000000000000000&#39;" in r.text


# -- the quote card -------------------------------------------------------------------


def test_quote_card(client, built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    r = client.get(f"/-/quote/{mid}")
    assert r.status_code == 200
    page = r.text
    # the promise's sentence is marked (issue 5); the rest of the text follows as text
    assert ('<blockquote class="ca-quote-text"><mark class="ca-promise" title="Promise: fee waiver, due by 2025-05-04 (open)">'
            'I&#39;ve waived the $40 late fee; you&#39;ll see the credit within 1-2 billing cycles.</mark>'
            ' Your reference number is LF7731.</blockquote>') in page
    assert '<p class="ca-card-head">On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:</p>' in page
    assert '<code class="ca-utc">2025-03-04T15:44:00Z</code>' in page
    assert '<span class="ca-zone">(America/New_York)</span>' in page
    assert f'<a class="ca-in-chat" href="/-/chat/{built.conversation_id}#m-{mid}">' in page
    assert f'<a class="ca-permalink" href="http://localhost/-/quote/{mid}">' in page
    assert "late-fee.html" in page and built.late_fee_sha256 in page
    assert 'data-copy-from="citation-markdown"' in page and 'data-copy-from="citation-text"' in page
    # the copy sources hold the library's citations, escaped once
    md = re.search(r'<textarea id="citation-markdown" readonly rows="10">(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(md).startswith("On March 4, 2025 at 10:44 AM EST, Northwind Card representative Jessica wrote:\n\n> I've waived")
    assert '<script src="/-/chat-archiver/static/chat_archiver.js" defer></script>' in page
    assert "<script>" not in page  # no inline script anywhere


def test_quote_json(client, built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    r = client.get(f"/-/quote/{mid}.json")
    assert r.status_code == 200
    data = r.json()
    assert (data["message_id"], data["text"], data["speaker"], data["role"], data["company"]) == (
        mid, WAIVED_TEXT, "Jessica", "agent", "Northwind Card")
    assert data["time"] == {
        "sent_at": "2025-03-04T10:44:00-05:00", "utc": "2025-03-04T15:44:00Z",
        "local": "March 4, 2025 at 10:44 AM EST", "zone": "America/New_York", "zone_abbreviation": "EST",
        "shown": "10:44\u202fAM", "basis": "page",
    }
    assert data["permalink"] == f"http://localhost/-/quote/{mid}"
    assert data["conversation_url"] == f"http://localhost/-/chat/{built.conversation_id}#m-{mid}"
    assert [(s["name"], s["sha256"]) for s in data["sources"]] == [("late-fee.html", built.late_fee_sha256)]
    assert data["citation"]["markdown"].endswith(f"[permalink](http://localhost/-/quote/{mid}).")


def test_unknown_quote_is_a_404(client) -> None:
    r = client.get("/-/quote/ffffffffffffffff")
    assert r.status_code == 404 and "<h1>Message not found</h1>" in r.text
    r = client.get("/-/quote/ffffffffffffffff.json")
    assert r.status_code == 404 and r.json()["ok"] is False


# -- hostile text --------------------------------------------------------------------


def _assert_inert(page: str) -> None:
    for raw in ("<img src=x", "<script>window.__pwned", "<a href=\"javascript:", "<style>body", "<b onmouseover", "<i>Corp"):
        assert raw not in page, raw


def test_hostile_strings_are_escaped_everywhere(client, built) -> None:
    cid, ids = built.hostile_conversation_id, built.hostile_ids
    chat = client.get(f"/-/chat/{cid}").text
    _assert_inert(chat)
    assert str(escape(HOSTILE_TEXTS[0])) in chat
    assert "Evil &lt;i&gt;Corp&lt;/i&gt; &amp; Sons" in chat
    assert '<dd class="ca-url">javascript:pwned(&#39;url&#39;)</dd>' in chat  # shown, never linked
    for mid in ids:
        _assert_inert(client.get(f"/-/quote/{mid}").text)
    _assert_inert(client.get("/-/search?q=receipt+OR+thanks+OR+portal+OR+evil").text)
    _assert_inert(client.get("/archive/messages?_search=receipt+OR+thanks+OR+portal").text)
    _assert_inert(client.get(f"/archive/messages/{ids[0]}").text)
    _assert_inert(client.get("/").text)
    data = client.get(f"/-/quote/{ids[1]}.json").json()
    assert data["text"] == HOSTILE_TEXTS[1]


# -- links in Datasette's own views -------------------------------------------------------


def test_ids_link_to_archive_pages(client, built) -> None:
    mid = message_id(built.path, WAIVED_TEXT)
    cid = built.conversation_id
    table = client.get("/archive/messages?" + _qs(_search="waived")).text
    assert f'<a class="ca-id-page" href="/-/quote/{mid}">quote</a>' in table
    assert f'<a class="ca-id" href="/-/chat/{cid}#m-{mid}" title="Read the conversation">{cid}</a>' in table
    row = client.get(f"/archive/messages/{mid}").text
    assert f'<a class="ca-id" href="/-/quote/{mid}" title="Quote card">{mid}</a>' in row
    conversations = client.get("/archive/conversations").text
    assert f'<a class="ca-id-page" href="/-/chat/{cid}">transcript</a>' in conversations
    query = client.get("/archive/recent_conversations").text
    assert f'<a class="ca-id" href="/-/chat/{cid}" title="Read the conversation">{cid}</a>' in query


def test_home_page_points_to_search_and_recent_chats(client, built) -> None:
    page = client.get("/").text
    assert '<form class="ca-search-form" action="/-/search"' in page
    assert f'<a href="/-/chat/{built.conversation_id}"><span class="ca-company">Northwind Card</span>: Chat with us | Northwind Card</a>' in page
    assert f'<a href="/-/chat/{built.hostile_conversation_id}">' in page
    assert page.index(built.hostile_conversation_id) < page.index(built.conversation_id)  # July before March
    assert "<h1>Chat archive</h1>" in page


def test_metadata_applies_to_the_archive(client) -> None:
    meta = client.get("/-/metadata.json").json()
    messages = meta["databases"]["archive"]["tables"]["messages"]
    assert messages["searchmode"] == "raw"
    assert messages["facets"] == [{"conversation": "company"}, {"message": "role"}, {"message": "speaker"}, {"day": "sent_at"}]
    assert messages["sort_desc"] == "rowid"
    table_columns = client.get("/archive/messages.json?_size=1").json()["columns"]
    assert messages["sortable_columns"] == ["rowid", *table_columns]  # every column stays sortable
    tables = {t["name"]: t for t in client.get("/archive.json").json()["tables"]}
    assert tables["_sqlite_migrations"]["hidden"] is True


# -- plain datasette, other databases, live writes ---------------------------------------------


def test_plain_datasette_gets_the_same_pages(built, loop, tmp_path) -> None:
    """The entry-point plugin alone (no serve.py) serves the pages, whatever the file is called."""
    renamed = tmp_path / "receipts.db"
    renamed.write_bytes(built.path.read_bytes())
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("create table messages (id text primary key, conversation_id text)")
    conn.execute("insert into messages values ('abc', 'def')")
    conn.commit()
    conn.close()
    plain = Client(Datasette([str(other), str(renamed)]), loop)
    mid = message_id(renamed, WAIVED_TEXT)
    assert plain.get(f"/-/quote/{mid}").status_code == 200
    assert "<mark>late</mark>" in plain.get("/-/search?q=late").text
    data = plain.get("/receipts/messages.json?" + _qs(_search="waiv*")).json()
    assert data["filtered_table_rows_count"] == 1 and "company" in data["facet_results"]
    # a database that is not an archive is left alone
    untouched = plain.get("/other/messages").text
    assert "ca-id" not in untouched and "/-/quote/" not in untouched
    assert "receipts" in plain.get("/-/metadata.json").json()["databases"]
    assert "other" not in plain.get("/-/metadata.json").json().get("databases", {})


def test_pages_see_rows_written_while_serving(tmp_path, loop) -> None:
    """Datasette reads (mode=ro) and still sees what an import commits meanwhile (WAL)."""
    built = build_archive(tmp_path / "live.db", tmp_path / "pages", hostile=False)
    client = Client(build_datasette(built.path), loop)
    assert client.get("/-/search?q=receipt").status_code == 200
    assert "No messages match" in client.get("/-/search?q=receipt").text
    from serve_support import add_hostile
    archive = Archive(built.path)
    assert archive.db.journal_mode == "wal"
    cid, ids = add_hostile(archive)
    archive.close()
    assert client.get(f"/-/quote/{ids[0]}").status_code == 200
    assert "1 message matches" in client.get("/-/search?q=receipt").text
    assert client.get(f"/-/chat/{cid}").status_code == 200


def test_datasette_cannot_write(client, ds, loop) -> None:
    db = ds.get_database("archive")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        loop.run_until_complete(db.execute("insert into sources (id) values ('x')"))


def test_serve_needs_an_existing_archive(tmp_path) -> None:
    with pytest.raises(NotFound, match="no archive at"):
        build_datasette(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()


def test_serve_settings(ds) -> None:
    assert ds.setting("suggest_facets") is False
    assert ds.setting("facet_time_limit_ms") == SETTINGS["facet_time_limit_ms"]


def test_static_files(client) -> None:
    r = client.get("/-/chat-archiver/static/chat_archiver.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert "navigator.clipboard" in r.text
    assert client.get("/-/chat-archiver/static/../../app.py").status_code == 404
    assert client.get("/-/chat-archiver/static/secret.txt").status_code == 404
