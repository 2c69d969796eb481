"""The generic parser: chats in markup no family knows, and pages that hold no chat.

Snippet cases state a layout and the complete messages a person reads in it;
the not-chat pages are whole saved pages that repeat blocks (articles, forum
posts, inbox rows, ledger rows, FAQ entries, search results, a chat launcher)
and must import as "no chat transcript was found", leaving the archive empty.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archiver.importer import ImportOptions, import_file
from archiver.model import ParsedMessage as M
from archiver.parsers import generic
from archiver.parsers.html import make_soup
from archiver.sources import load_page
from conftest import FIXTURES, place

NOT_CHAT = sorted((FIXTURES / "not-chat").glob("*.html"))


def parse(html: str) -> list[M]:
    return generic.parse(make_soup(f"<html><body>{html}</body></html>")).messages


# -- snippets: layout in, complete messages out ------------------------------------------

LOG_WITH_LABELS = """
<ul class="chat-log" role="log">
  <li class="msg-day">Yesterday</li>
  <li class="msg msg--in"><span class="sr-only">Adviser said :</span><span class="msg__name">Jessica</span>
      <p>Hi, how can I help?</p><time datetime="2025-03-03T10:42:00-05:00">10:42 AM</time></li>
  <li class="msg msg--out"><span class="sr-only">You said :</span><p>My card was declined &amp; I'm abroad</p>
      <time>10:43 AM</time></li>
</ul>"""

ARIA_ONLY_HASHED = """
<div class="sc-aXZVg kLmNoP">
  <div class="sc-gEvEer hQrStU" aria-label="Message from Jessica at 10:42 AM">
    <div class="sc-eqUAAy aBcDeF">Your refund of $25.00 is on its way.</div></div>
  <div class="sc-gEvEer hQrStU" aria-label="Message from you at 10:44 AM">
    <div class="sc-eqUAAy xYzWvU">Thanks!</div></div>
</div>"""

GROUPS_WITH_HEADER = """
<div class="conversation">
  <div class="grp grp--them">
    <div class="grp__head">Jessica · 10:42 AM</div>
    <div class="grp__body"><div class="bubble">Hello!</div><div class="bubble">Let me check that.</div></div>
  </div>
  <div class="grp grp--me">
    <div class="grp__body"><div class="bubble">ok</div><div class="bubble">ok</div></div>
  </div>
</div>"""

DEFINITION_LIST = """
<dl class="chat-transcript">
  <dt>Jessica (Agent) <span>10:42</span></dt><dd>Your claim is approved.</dd>
  <dt>You <span>10:43</span></dt><dd>Great &lt;3</dd>
  <dt>Jessica (Agent) <span>10:44</span></dt><dd>Payment in 5 days.</dd>
</dl>"""

NAME_ON_LAST_OF_RUN = """
<div class="messages">
  <div class="row row--agent"><img class="av" src="a.png" alt="Leah"><div class="bubble">Thanks for waiting!</div></div>
  <div class="row row--agent"><div class="bubble">Your plan ID is PP-77120.</div><p class="byline">Leah</p></div>
  <div class="row row--user"><div class="bubble">Thanks 😊</div><div class="status">Seen</div></div>
  <div class="row row--agent"><div class="bubble">Anything else?</div>
    <div class="chips"><a href="#">No</a><a href="#">Yes</a></div><p class="byline">Leah</p></div>
  <div class="typing">Leah is typing…</div>
</div>"""

SEPARATORS_WITH_CLOCK = """
<div class="chat-body">
  <div class="stamp"><b>Yesterday</b> 23:58</div>
  <div class="line line--customer">Is the outage fixed?</div>
  <div class="line line--agent">Not yet, crews are on site.</div>
  <div class="stamp">Today 00:05</div>
  <div class="line line--agent">Power is back as of 00:04.</div>
</div>"""

TIME_ELEMENT_SEPARATOR = """
<ol class="thread-messages chat">
  <li class="sep"><time datetime="2025-03-04">Today</time></li>
  <li class="item item--incoming"><b class="author">Sam</b><p>Your new card ships today.</p></li>
  <li class="item item--outgoing"><p>Great, thank you</p><span class="t">9:14 am</span></li>
</ol>"""

MINE_ONLY_IN_A_CHAT = """
<section class="chat"><div class="chat__scroll">
  <div class="m">Hello! You're chatting with Northwind.</div>
  <div class="m is-mine">I need my PIN reset</div>
  <div class="m">Done, check your texts.</div>
</div></section>"""

HOSTILE_TEXT = """
<div class="conversation">
  <div class="msg msg--them"><span class="name">Ana</span><p>Type &lt;img src=x onerror=alert(1)&gt; &amp; see</p>
    <script>alert(2)</script></div>
  <div class="msg msg--me"><p>ok <img src="e.png" alt="👍"></p></div>
</div>"""

NAME_PREFIXES = """
<div class="chat-history">
  <p class="line them"><span class="c1">Jessica:</span> <b>Note:</b> fees are waived.</p>
  <p class="line me"><span class="c2">You:</span> thanks</p>
  <p class="line them"><b class="c1">Jessica</b> has left the chat.</p>
</div>"""

SIBLING_SPOKEN_LABELS = """
<div class="transcript">
  <p class="visually-hidden">Adviser said :</p><div class="text">Hello, Dana here.</div>
  <p class="visually-hidden">You said :</p><div class="text">Hi Dana</div>
</div>"""

TABLE_ROWS = """
<table class="chat-log"><tbody>
  <tr><th>From</th><th>Message</th><th>Sent</th></tr>
  <tr class="r"><td class="who">Virtual Assistant</td><td>Hi! What's up?</td><td class="when">2:04 p.m.</td></tr>
  <tr class="r"><td class="who">Sam Okafor (Customer)</td><td>Lost card</td><td class="when">2:05 p.m.</td></tr>
  <tr class="r ev"><td colspan="3">Dana joined the chat</td></tr>
  <tr class="r"><td class="who">Dana</td><td>I've frozen it.</td><td class="when">2:07 p.m.</td></tr>
</tbody></table>"""

SENT_AT_LABELS = """
<div class="css-1x2y3z" role="log" aria-label="Messages">
  <div data-testid="message-bubble" class="css-9a8b7c"><span class="css-aa11bb">Jessica</span>
    <span class="css-cc22dd" hidden>Jessica sent at 10:42</span><p>Your balance is $0.</p><span class="css-ee33ff">10:42</span></div>
  <div data-testid="message-bubble" class="css-9a8b7c"><span class="css-cc22dd" hidden>You sent at 10:43</span>
    <p>Thanks</p><span class="css-ee33ff">10:43</span></div>
</div>"""

START_END = """
<div class="messenger-thread">
  <div class="d-flex justify-content-start"><div class="bubble received">Hello, Harbor Mobile here.</div></div>
  <div class="d-flex justify-content-end"><div class="bubble sent">Hi, my SIM isn't working</div></div>
  <div class="d-flex justify-content-center"><small>You are now connected to Ana</small></div>
</div>"""

AVATAR_AND_REVERSE = """
<div class="message-list">
  <div class="message-container" id="a1"><div class="message-avatar"><img src="a.png" alt="Ana"></div>
    <div class="message-bubble"><div class="message-text">Hello! How can I help?</div></div>
    <time class="message-time" datetime="2025-03-04T15:02:00Z">10:02</time></div>
  <div class="message-container message-container--reverse" id="a2">
    <div class="message-bubble"><div class="message-text">Refund please</div></div>
    <time class="message-time" datetime="2025-03-04T15:03:00Z">10:03</time></div>
  <div class="message-container" id="a3"><div class="message-bubble message-bubble--system">Conversation finished</div></div>
</div>"""

CUSTOM_ELEMENTS = """
<hx-chat-pane>
  <hx-log role="log">
    <hx-line side="start" aria-label="Message from Priti, 09:10"><hx-body>Morning! Priti here.</hx-body>
      <hx-stamp aria-hidden="true">09:10</hx-stamp></hx-line>
    <hx-line side="end" aria-label="Your message, 09:11"><hx-body>My router keeps rebooting</hx-body>
      <hx-stamp aria-hidden="true">09:11</hx-stamp><hx-receipt>Read</hx-receipt></hx-line>
  </hx-log>
</hx-chat-pane>"""

ABBREVIATED_SIDES = """
<div class="talk" aria-live="polite">
  <div class="talk__item talk__item--note">You're chatting with Bea</div>
  <div class="talk__item talk__item--rep"><div class="talk__author">Bea</div>
    <div class="talk__msg">Hello, how can I help?</div><span class="talk__stamp" style="display:none">4:01 p.m.</span></div>
  <div class="talk__item talk__item--cust"><span class="talk__stamp" style="display:none">4:02 p.m.</span>
    <div class="talk__msg">Is my parcel lost?</div></div>
</div>"""

MEMBER_AND_STAFF_DL = """
<section class="saved-chat"><h2>Your chat of 3 June</h2>
<dl class="lines">
  <dt class="ln-sys"><time datetime="2025-06-03T08:00">8:00</time></dt><dd class="ln-sys">Ivo joined the chat</dd>
  <dt data-party="staff"><span class="ln-name">Ivo</span><span class="ln-tag">Help desk</span><time>8:01</time></dt>
  <dd>Good morning, what can I do for you?</dd>
  <dt data-party="member"><span class="ln-name">Rui Costa</span><time>8:02</time></dt>
  <dd>My loan payment bounced.</dd><dd>Twice.</dd>
</dl></section>"""

RUNS_WITH_A_HEADER_ROW = """
<div class="conversation">
  <div class="run run--bot"><div class="run-head"><span class="who">Pip</span><em>Automated helper</em> ·
    <span class="when">8.01pm</span></div><p class="msg">Hi, I'm Pip.</p><p class="msg">Ask me anything.</p></div>
  <div class="run run--mine"><div class="run-head"><span class="who">You</span> · <span class="when">8.02pm</span></div>
    <p class="msg">Where is my refund?</p></div>
</div>"""

FOOTER_ROWS = """
<div class="chat-body" role="log">
  <div class="line line--them"><div class="line__text">Your card is unblocked.</div>
    <div class="line__foot"><span class="by">Aiko</span><i>·</i><span class="ago">3 min ago</span></div></div>
  <div class="line line--me"><div class="line__text">Cheers</div>
    <div class="line__foot"><span class="ago">2 min ago</span><i>·</i><span class="tick-state">Seen</span></div></div>
  <div class="line line--them"><div class="line__text">·</div></div>
  <div class="line-event"><span>Aiko left the chat</span><span aria-hidden="true">·</span><span>10:20</span></div>
</div>"""

AVATAR_NAMES = """
<div class="thread" role="log">
  <div class="entry entry--sys">Connected to the loans team</div>
  <div class="entry employee"><figure class="avatar-box"><img src="k.jpg" alt="Kenji" title="Kenji, Loans"></figure>
    <div class="entry__bubble" title="10:04">Hi, Kenji here.</div></div>
  <div class="entry client"><span class="initials" title="Mia Roth" aria-label="Mia Roth">MR</span>
    <div class="entry__bubble" title="10:05">Hello Kenji</div></div>
  <div class="entry employee"><img class="pic" src="k.jpg" alt="Kenji"><div class="entry__bubble">How can I help?</div></div>
</div>"""

INFO_ROWS_AND_A_FILE = """
<TABLE class="livehelp" role="log">
  <TR class="lineInfo"><TD class="who"></TD><TD>Please hold, an operator will be with you.</TD><TD class="stamp">09:00:02</TD></TR>
  <TR class="lineOp"><TD class="who">Nadia:</TD><TD>Hi, Nadia speaking.</TD><TD class="stamp">09:00:40</TD></TR>
  <TR class="lineGuest"><TD class="who">You:</TD><TD>Here is the invoice
    <A class="attach-chip" href="/files/inv-2231.pdf?dl=1"><SPAN class="attach-chip__name">inv-2231.pdf</SPAN>
    <SPAN class="attach-chip__size">· 88 KB</SPAN></A></TD><TD class="stamp">09:01:15</TD></TR>
  <TR class="lineOp"><TD class="who">Nadia:</TD><TD>Got it, thanks.</TD><TD class="stamp">09:02:01</TD></TR>
</TABLE>"""

PLAIN_LOG_LINES = """
<div id="transcript-view" role="log">
  <div>(08:15) HelpBot: Hello! What do you need?</div>
  <div>(08:15) You: a refund</div>
  <div>(08:16) Chat transferred to an agent.</div>
  <div>(08:17) Imani: Hi, Imani here.<br>Which order?</div>
  <div>[08:18] You: 10:30 order, #4471</div>
</div>"""

SNIPPETS = {
    "classless log lines '(08:15) Name: text', roles from the names": (
        PLAIN_LOG_LINES,
        [
            M("bot", "HelpBot", "Hello! What do you need?", "08:15"),
            M("customer", "You", "a refund", "08:15"),
            M("system", "", "Chat transferred to an agent.", "08:16"),
            M("agent", "Imani", "Hi, Imani here.\nWhich order?", "08:17"),
            M("customer", "You", "10:30 order, #4471", "08:18"),
        ],
    ),
    "info rows as system lines; a file chip in a message is its text": (
        INFO_ROWS_AND_A_FILE,
        [
            M("system", "", "Please hold, an operator will be with you.", "09:00:02"),
            M("agent", "Nadia", "Hi, Nadia speaking.", "09:00:40"),
            M("customer", "You", "Here is the invoice inv-2231.pdf", "09:01:15"),
            M("agent", "Nadia", "Got it, thanks.", "09:02:01"),
        ],
    ),
    "footer rows: name · relative time, receipts; a lone dot; an event's ' · 10:20'": (
        FOOTER_ROWS,
        [
            M("agent", "Aiko", "Your card is unblocked.", "3 min ago"),
            M("customer", "", "Cheers", "2 min ago"),
            M("system", "", "Aiko left the chat", "10:20"),
        ],
    ),
    "names only on avatars (alt, title on initials), times only in a title tooltip": (
        AVATAR_NAMES,
        [
            M("system", "", "Connected to the loans team"),
            M("agent", "Kenji", "Hi, Kenji here.", "10:04"),
            M("customer", "Mia Roth", "Hello Kenji", "10:05"),
            M("agent", "Kenji", "How can I help?"),
        ],
    ),
    "custom elements: side attributes, 'Your message, 09:11' labels": (
        CUSTOM_ELEMENTS,
        [
            M("agent", "Priti", "Morning! Priti here.", "09:10"),
            M("customer", "", "My router keeps rebooting", "09:11"),
        ],
    ),
    "rep/cust/note modifiers, a time in a display:none span": (
        ABBREVIATED_SIDES,
        [
            M("system", "", "You're chatting with Bea"),
            M("agent", "Bea", "Hello, how can I help?", "4:01 p.m."),
            M("customer", "", "Is my parcel lost?", "4:02 p.m."),
        ],
    ),
    "a <dl>: who and when in the <dt>, the side from data-party, an event term": (
        MEMBER_AND_STAFF_DL,
        [
            M("system", "", "Ivo joined the chat", "8:00", "2025-06-03T08:00"),
            M("agent", "Ivo", "Good morning, what can I do for you?", "8:01"),
            M("customer", "Rui Costa", "My loan payment bounced.", "8:02"),
            M("customer", "Rui Costa", "Twice."),
        ],
    ),
    "a run's own header row before its bubbles; its time is the first bubble's": (
        RUNS_WITH_A_HEADER_ROW,
        [
            M("bot", "Pip", "Hi, I'm Pip.", "8.01pm"),
            M("bot", "Pip", "Ask me anything."),
            M("customer", "You", "Where is my refund?", "8.02pm"),
        ],
    ),
    "log with hidden labels and <time>": (
        LOG_WITH_LABELS,
        [
            M("agent", "Jessica", "Hi, how can I help?", "10:42 AM", "2025-03-03T10:42:00-05:00", "Yesterday"),
            M("customer", "", "My card was declined & I'm abroad", "10:43 AM", None, "Yesterday"),
        ],
    ),
    "hashed classes, aria-labels only": (
        ARIA_ONLY_HASHED,
        [
            M("agent", "Jessica", "Your refund of $25.00 is on its way.", "10:42 AM"),
            M("customer", "", "Thanks!", "10:44 AM"),
        ],
    ),
    "group wrappers under a name-and-time header": (
        GROUPS_WITH_HEADER,
        [
            M("agent", "Jessica", "Hello!", "10:42 AM"),
            M("agent", "Jessica", "Let me check that."),  # the header's time is the run's first line's
            M("customer", "", "ok"),
            M("customer", "", "ok"),
        ],
    ),
    "definition list": (
        DEFINITION_LIST,
        [
            M("agent", "Jessica", "Your claim is approved.", "10:42"),
            M("customer", "You", "Great <3", "10:43"),
            M("agent", "Jessica", "Payment in 5 days.", "10:44"),
        ],
    ),
    "name under the last bubble of a run; receipts, chips, typing, avatars left out": (
        NAME_ON_LAST_OF_RUN,
        [
            M("agent", "Leah", "Thanks for waiting!"),
            M("agent", "Leah", "Your plan ID is PP-77120."),
            M("customer", "", "Thanks 😊"),
            M("agent", "Leah", "Anything else?"),
        ],
    ),
    "separators that carry a clock": (
        SEPARATORS_WITH_CLOCK,
        [
            M("customer", "", "Is the outage fixed?", "23:58", None, "Yesterday"),
            M("agent", "", "Not yet, crews are on site.", "", None, "Yesterday"),
            M("agent", "", "Power is back as of 00:04.", "00:05", None, "Today"),
        ],
    ),
    "a <time> element as the separator": (
        TIME_ELEMENT_SEPARATOR,
        [
            M("agent", "Sam", "Your new card ships today.", "", None, "Today"),
            M("customer", "", "Great, thank you", "9:14 am", None, "Today"),
        ],
    ),
    "only the customer's bubbles marked, in a chat container": (
        MINE_ONLY_IN_A_CHAT,
        [
            M("agent", "", "Hello! You're chatting with Northwind."),
            M("customer", "", "I need my PIN reset"),
            M("agent", "", "Done, check your texts."),
        ],
    ),
    "markup-looking text stays text; scripts and plain alt text do not": (
        HOSTILE_TEXT,
        [
            M("agent", "Ana", "Type <img src=x onerror=alert(1)> & see"),
            M("customer", "", "ok 👍"),
        ],
    ),
    "styled name prefixes; a bold 'Note:' is text; an event keeps its name": (
        NAME_PREFIXES,
        [
            M("agent", "Jessica", "Note: fees are waived."),
            M("customer", "You", "thanks"),
            M("system", "", "Jessica has left the chat."),
        ],
    ),
    "screen-reader labels beside their bubbles": (
        SIBLING_SPOKEN_LABELS,
        [
            M("agent", "", "Hello, Dana here."),
            M("customer", "", "Hi Dana"),
        ],
    ),
    "table rows with who/when cells, lower-case p.m.": (
        TABLE_ROWS,
        [
            M("bot", "Virtual Assistant", "Hi! What's up?", "2:04 p.m."),
            M("customer", "Sam Okafor", "Lost card", "2:05 p.m."),
            M("system", "", "Dana joined the chat"),
            M("agent", "Dana", "I've frozen it.", "2:07 p.m."),
        ],
    ),
    "hashed bubbles with hidden 'X sent at 10:42' labels and an unmarked name": (
        SENT_AT_LABELS,
        [
            M("agent", "Jessica", "Your balance is $0.", "10:42"),
            M("customer", "", "Thanks", "10:43"),
        ],
    ),
    "an avatar (its alt names the sender) beside the company's bubbles, 'reverse' for the visitor": (
        AVATAR_AND_REVERSE,
        [
            M("agent", "Ana", "Hello! How can I help?", "10:02", "2025-03-04T15:02:00Z"),  # the avatar's alt
            M("customer", "", "Refund please", "10:03", "2025-03-04T15:03:00Z"),
            M("system", "", "Conversation finished"),
        ],
    ),
    "start/end alignment, sent/received bubbles, a centred event": (
        START_END,
        [
            M("agent", "", "Hello, Harbor Mobile here."),
            M("customer", "", "Hi, my SIM isn't working"),
            M("system", "", "You are now connected to Ana"),
        ],
    ),
}


@pytest.mark.parametrize("html, expected", SNIPPETS.values(), ids=SNIPPETS.keys())
def test_snippet(html: str, expected: list[M]) -> None:
    assert parse(html) == expected


NO_CHAT_SNIPPETS = {
    "a build log in a role=log box": '<div role="log"><p>[10:02] deploy: started</p><p>[10:03] tests: passed</p>'
    '<p>[10:04] deploy: done</p></div>',
    "a comment thread written as log lines": '<div class="comments"><p>[10:02] Ana: nice post</p><p>[10:03] You: thanks'
    '</p><p>[10:04] Bo: agreed</p></div>',
    "info panels beside a chat launcher": '<div class="chat-launcher"><div class="panel panel-info">Open 9-5</div>'
    '<div class="panel panel-info">Closed Sundays</div><div class="panel">Questions? Chat with us</div></div>',
    "a staff directory: avatar names, staff/member cards": '<div class="people"><div class="card staff">'
    '<img alt="Kenji Ito"><p>Loans</p></div><div class="card member"><img alt="Mia Roth"><p>Since 2019 · 3 min ago</p>'
    '</div><div class="card staff"><img alt="Ola"><p>Cards</p></div></div>',
    "a team page: member and staff cards": '<ul class="team"><li class="person member"><b class="name">Ana</b> Treasurer</li>'
    '<li class="person staff"><b class="name">Bo</b> Clerk</li><li class="person member"><b class="name">Cy</b></li></ul>',
    "a details list of terms": '<dl class="account-details"><dt>Holder</dt><dd>Sam Lee</dd><dt data-party="member">Type</dt>'
    '<dd>Member savings</dd><dt data-party="staff">Branch</dt><dd>Leeds</dd></dl>',
    "custom-element shop tiles": '<shop-grid><shop-tile side="start"><b>Kettle</b> £20</shop-tile>'
    '<shop-tile side="end"><b>Toaster</b> £25</shop-tile></shop-grid>',
    "empty page": "",
    "one message only": '<ul class="chat-log" role="log"><li class="msg msg--event">Chat started</li>'
    '<li class="msg msg--out">hello?</li></ul>',
    "a bot's teaser, nobody answered": '<div class="chat-teaser"><div class="bubble bubble--bot">Hi there 👋</div>'
    '<div class="bubble bubble--bot">Need help?</div></div>',
    "is-mine rows but nothing says chat": '<div class="list"><div class="m">a</div><div class="m is-mine">b</div>'
    '<div class="m">c</div></div>',
    "two names, neither side known": '<div class="chat-log"><p class="line"><span class="who">Jessica</span> hi</p>'
    '<p class="line"><span class="who">Alex Rivera</span> hello</p></div>',
    "in/out rows of a ledger": '<table class="activity"><tr class="txn txn--in"><td>Mar 3</td><td>Payroll</td>'
    '<td>$1,912.33</td></tr><tr class="txn txn--out"><td>Mar 4</td><td>QuickMart</td><td>-$86.40</td></tr></table>',
    "avatars on every comment, one marked own": '<ol class="replies"><li class="reply"><img class="avatar" alt="">'
    '<p>First!</p></li><li class="reply reply--own"><img class="avatar" alt=""><p>Same here</p></li></ol>',
    "left/right cards with headings": '<div class="chat-promo"><div class="card left"><h3>Chat 24/7</h3><p>Any time.</p>'
    '</div><div class="card right"><h3>Call us</h3><p>8am-8pm.</p></div></div>',
}


@pytest.mark.parametrize("html", NO_CHAT_SNIPPETS.values(), ids=NO_CHAT_SNIPPETS.keys())
def test_snippet_without_a_chat(html: str) -> None:
    assert parse(html) == []


def test_chat_started_header_above_the_transcript() -> None:
    html = """<div class="chat-print"><h1>Transcript</h1><p class="meta">Chat started: March 3, 2025 2:04 PM</p>
    <ul class="lines"><li class="line agent">Hi, Dana here.</li><li class="line customer">Hi Dana</li></ul></div>"""
    chat = generic.parse(make_soup(f"<body>{html}</body>"))
    assert chat.header_text == "Chat started: March 3, 2025 2:04 PM"
    assert chat.messages == [M("agent", "", "Hi, Dana here."), M("customer", "", "Hi Dana")]


def test_large_page_read_in_slices_matches_a_whole_read(monkeypatch) -> None:
    # pages over slices.LARGE are cut into slices and each fed to the parser
    # that claimed the first; shrink the limits so a small page takes that path
    from archiver.model import Document
    from archiver.parsers import find_chat, slices

    rows = "".join(
        f'<li class="msg msg--{"in" if i % 3 else "out"}"><span class="visually-hidden">'
        f'{"Adviser" if i % 3 else "You"} said :</span><p>Message {i} &amp; ref R{i:05d}</p>'
        f'<time datetime="2025-03-04T10:{i // 60:02d}:{i % 60:02d}-05:00">10:{i // 60:02d} am</time></li>'
        for i in range(400)
    )
    html = f'<html><body><ul class="chat-log" role="log"><li class="msg-day">Today</li>{rows}</ul></body></html>'
    whole = generic.parse(make_soup(html)).messages
    monkeypatch.setattr(slices, "LARGE", 20_000)
    monkeypatch.setattr(slices, "SLICE", 15_000)
    sliced = find_chat([Document(html=html, location="big.html")])
    assert len(whole) == 400
    assert sliced.parser == "generic"
    assert sliced.messages == whole


def test_deeply_nested_page() -> None:
    # saved pages can nest 10,000+ deep: every walk must be iterative
    deep = "<div>" * 12000 + LOG_WITH_LABELS + "</div>" * 12000
    assert parse(deep) == SNIPPETS["log with hidden labels and <time>"][1]


def test_a_block_too_big_to_be_a_message_is_passed_over() -> None:
    huge = '<li class="msg msg--out">' + "<span>x</span>" * 3000 + "</li>"
    html = LOG_WITH_LABELS.replace("</ul>", huge + "</ul>")
    assert parse(html) == SNIPPETS["log with hidden labels and <time>"][1]


def test_a_deep_hidden_label_before_each_message_is_stepped_over_whole() -> None:
    """Each bubble opens with a screen-reader label nesting 25,000 elements deep.

    Looking for a name in front of the text used to ask every string of the
    label whether an ancestor hides it, a climb of up to 25,000 steps per
    string: over two minutes for this 700 KB page. There is no timer here; a
    return of that climb shows as a test run that hangs.
    """
    label = '<span class="sr-only">' + "<span>x" * 25000 + "</span>" * 25000 + "</span>"
    html = (f'<ul class="chat-log" role="log"><li class="msg msg--out">{label}<p>My card was declined</p></li>'
            f'<li class="msg msg--in">{label}<p>Let me check that.</p></li></ul>')
    assert parse(html) == [M("customer", "", "My card was declined"), M("agent", "", "Let me check that.")]


GROUPS_WITH_SPOKEN_LABELS = """
<div class="conversation">
  <div class="grp grp--them"><div class="grp__body">
    <div class="bubble"><span class="sr-only">Jessica said :</span>Hello!</div>
    <div class="bubble"><span class="sr-only">Jessica said :</span>Let me check that.</div>
  </div></div>
  <div class="grp grp--me"><div class="grp__body">
    <div class="bubble"><span class="sr-only">You said :</span>ok</div>
    <div class="bubble"><span class="sr-only">You said :</span>thanks</div>
  </div></div>
</div>"""


def test_a_label_two_candidates_reach_is_read_once(monkeypatch) -> None:
    # the conversation opens its message groups and each group's body is a
    # candidate of its own, so both reach every hidden label. Up to forty
    # nested candidates can reach one, and a hidden label may be any size
    # (it is not counted toward a message's element limit): its text is taken
    # once per parse. A constant factor, so counted here rather than timed.
    taken: dict[int, int] = {}
    real = generic.all_text

    def counting(tag):
        taken[id(tag)] = taken.get(id(tag), 0) + 1
        return real(tag)

    monkeypatch.setattr(generic, "all_text", counting)
    assert parse(GROUPS_WITH_SPOKEN_LABELS) == [
        M("agent", "Jessica", "Hello!"),
        M("agent", "Jessica", "Let me check that."),
        M("customer", "", "ok"),
        M("customer", "", "thanks"),
    ]
    assert len(taken) == 4  # the four labels
    assert max(taken.values()) == 1


#: two shapes could each be the name header: "who" (Jessica) and "reply" (the
#: customer's one-word answers, which look like names too)
TIED_HEADER_SHAPES = """
<div class="chat-panel">
  <span class="who">Jessica</span><div class="bubble agent">Hi, how can I help?</div>
  <p class="reply mine">Okay</p>
  <span class="who">Jessica</span><div class="bubble agent">Your card is unblocked now.</div>
  <p class="reply mine">Thanks</p>
  <div class="bubble agent">Anything else?</div>
</div>"""


def test_a_tie_between_header_shapes_goes_the_same_way_under_any_hash_seed() -> None:
    # the tie used to go to whichever shape a set listed first, which changes
    # with PYTHONHASHSEED, so one page read differently from run to run: under
    # seed 1, "Okay" and "Thanks" were taken for name headers, leaving only
    # the company's side and so no chat at all; under seeds 3 and 6, this
    # reading. Now the shape seen first wins: a name header opens the chat.
    script = (
        "import dataclasses, json, sys\n"
        "from archiver.parsers import generic\n"
        "from archiver.parsers.html import make_soup\n"
        "chat = generic.parse(make_soup(sys.stdin.read()))\n"
        "print(json.dumps([dataclasses.astuple(m) for m in chat.messages]))\n"
    )
    expected = [
        M("agent", "Jessica", "Hi, how can I help?"),
        M("customer", "", "Okay"),
        M("agent", "Jessica", "Your card is unblocked now."),
        M("customer", "", "Thanks"),
        M("agent", "", "Anything else?"),
    ]
    html = f"<html><body>{TIED_HEADER_SHAPES}</body></html>"
    for seed in ("1", "3", "6"):
        run = subprocess.run([sys.executable, "-c", script], input=html, capture_output=True, text=True,
                             check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        assert [M(*row) for row in json.loads(run.stdout)] == expected, f"PYTHONHASHSEED={seed}"


# -- whole pages without a chat ----------------------------------------------------------


@pytest.mark.parametrize("page", NOT_CHAT, ids=[p.stem for p in NOT_CHAT])
def test_page_without_a_chat_imports_nothing(page: Path, archive, tmp_path: Path) -> None:
    result = import_file(archive, place(page, tmp_path), ImportOptions(tz="America/New_York"))

    assert result.status == "failed"
    assert result.error is not None and result.error.startswith("no chat transcript was found")
    assert archive.counts() == {name: 0 for name in archive.counts()}
    for table in ("sources", "conversations", "messages"):
        assert archive.db[table].count == 0


@pytest.mark.parametrize("page", NOT_CHAT, ids=[p.stem for p in NOT_CHAT])
def test_generic_parser_finds_nothing_in_any_document(page: Path) -> None:
    for doc in load_page(page).documents:
        assert generic.parse(make_soup(doc.html)).messages == []


#: the pages built as traps, and the gate that stops each (see _Container._verdict)
TRAPS = {
    "forum-thread": "only one side speaks (company)",
    "inbox": "most blocks are links",
    "launcher": "only one side speaks (company)",
    "transactions": "no chat cue on the container, its ancestors or its blocks",
    "blog-comments": "no chat cue on the container, its ancestors or its blocks",
    "product-listing": "no chat cue on the container, its ancestors or its blocks",
    "community-messages": "blocks carry check boxes or headings",
}


@pytest.mark.parametrize("stem, reason", TRAPS.items(), ids=TRAPS.keys())
def test_trap_pages_are_weighed_and_rejected_for_the_right_reason(stem: str, reason: str) -> None:
    page = FIXTURES / "not-chat" / f"{stem}.html"
    verdicts = generic.explain(make_soup(load_page(page).documents[0].html))
    assert verdicts, "the trap was not even considered"
    assert verdicts[0].score is None
    assert verdicts[0].reason == reason


def test_explain_reports_the_chosen_container() -> None:
    verdicts = generic.explain(make_soup(f"<body>{LOG_WITH_LABELS}</body>"))
    accepted = [v for v in verdicts if v.score is not None]
    assert [(v.element, v.messages) for v in accepted] == [("ul.chat-log", 2)]


# -- whatever the markup, never a one-sided or garbage conversation ------------------------

_CLASSES = ["msg msg--in", "msg msg--out", "bubble", "line is-left", "line is-right", "post", "result", "chat-log",
            "event", "time", "name", "avatar", "typing", "row", "comment comment--own", "", "receipt"]
_TEXTS = ["Hi", "10:42 AM", "Today", "Jessica", "Chat ended", "ok", "&lt;b&gt;", "Jessica joined the chat",
          "Message from you", ""]
#: labels for screen readers and receipts, always marked as such: never message text
_LABELS = ['<span class="sr-only">You said :</span>', '<span class="visually-hidden">Adviser said :</span>',
           '<span class="receipt">Seen</span>', '<span class="typing">Jessica is typing…</span>']


def _markup():
    from hypothesis import strategies as st

    leaf = st.one_of(
        st.builds(
            lambda tag, cls, text: f'<{tag} class="{cls}">{text}</{tag}>',
            st.sampled_from(["div", "li", "span", "p", "time", "td"]),
            st.sampled_from(_CLASSES),
            st.sampled_from(_TEXTS),
        ),
        st.sampled_from(_LABELS),
    )
    return st.recursive(
        leaf,
        lambda inner: st.builds(
            lambda tag, cls, kids: f'<{tag} class="{cls}">{"".join(kids)}</{tag}>',
            st.sampled_from(["div", "ul", "ol", "section", "tr", "tbody"]),
            st.sampled_from(_CLASSES),
            st.lists(inner, max_size=6),
        ),
        max_leaves=40,
    )


def test_any_markup_gives_nothing_or_a_two_sided_chat() -> None:
    from hypothesis import HealthCheck, given, settings

    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(_markup())
    def check(html: str) -> None:
        messages = parse(html)
        if not messages:
            return
        talk = [m for m in messages if m.role != "system"]
        assert len(talk) >= 2
        assert any(m.role == "customer" for m in talk)
        assert any(m.role in ("agent", "bot") for m in talk)
        assert all(m.text for m in messages)
        assert not any(label in m.text for m in messages for label in ("said :", "Seen", "typing"))

    check()


# -- round 2's classes: layouts the blind round 2 showed, in markup of our own ------------

TURN_WITH_SEVERAL_DD = """
<section class="helpdesk-chat">
  <dl class="talk">
    <div class="talk-row talk-row--visitor"><dt><i class="who">You</i> <i class="when">08:01</i></dt>
      <dd>My router keeps dropping</dd><dd>Every evening around 9</dd></div>
    <div class="talk-row talk-row--staff"><dt><i class="who">Oskar</i> <i class="when">08:03</i></dt>
      <dd>Let me run a line test.</dd></div>
  </dl>
</section>"""

PARAGRAPHS_OF_ONE_BUBBLE = """
<div class="Pane_chat__9fQ2">
  <div class="Run_root__x81" data-side="agent">
    <div class="Run_inner__k2"><span class="Run_name__p0">Ines</span>
      <div class="Bubble_box__a7" title="9:12 AM"><p class="Bubble_para__z1">Two steps:</p>
        <p class="Bubble_para__z1">first sign in, then open Limits.</p></div></div>
  </div>
  <div class="Run_root__x81" data-side="customer">
    <div class="Run_inner__k2"><div class="Bubble_box__a7" title="9:13 AM"><p class="Bubble_para__z1">Got it</p></div>
      <div class="Bubble_box__a7" title="9:13 AM"><p class="Bubble_para__z1">thanks</p></div></div>
  </div>
</div>"""

SIGNATURE_UNDER_RUN = """
<div class="ps-pane" role="log">
  <ol class="ps-list">
    <li class="ps-item ps-item--sys"><p>Connected to Ivo</p></li>
    <li class="ps-item"><div class="ps-text">Morning! What can I do?</div></li>
    <li class="ps-item"><div class="ps-text">Take your time.</div>
      <div class="ps-signature"><b class="ps-signature__name">Ivo</b> · <i class="ps-signature__age">6m</i></div></li>
    <li class="ps-item ps-item--mine"><div class="ps-text">Here is the photo</div></li>
    <li class="ps-item ps-item--mine"><div class="ps-text ps-upload"><a class="ps-upload__link"
      href="/u/7/meter.jpg">meter.jpg</a><span class="ps-upload__meta">JPG · 80 KB</span></div>
      <div class="ps-signature"><i class="ps-signature__age">4m</i> · <i class="ps-signature__receipt">Seen</i></div></li>
    <li class="ps-item"><div class="ps-text">Thanks, received.</div>
      <div class="ps-signature"><b class="ps-signature__name">Ivo</b> · <i class="ps-signature__age">just now</i></div></li>
  </ol>
</div>"""

DAY_SECTIONS = """
<div class="chat-history">
  <div class="history-day"><h4 class="history-day__date">March 2, 2025</h4>
    <p class="line line--user"><time>10:00</time> Is my order shipped?</p>
    <p class="line line--agent"><time>10:01</time> Yes, this morning.</p></div>
  <div class="history-day"><h4 class="history-day__date">March 5, 2025</h4>
    <p class="line line--user"><time>16:20</time> It never arrived</p>
    <p class="line line--agent"><time>16:22</time> I have sent a replacement.</p></div>
</div>"""

TEXT_LOG = """
<section class="case-transcript"><h2>Session 5521</h2>
<pre class="case-view__body">Transcript of session 5521
Opened: 02/04/2025 09:58:40
(09:58:40) System: Please hold, an adviser will join shortly.
(10:00:05) Hana (Adviser): Hello, you're through to Hana.
(10:00:31) Tom Wu: Hi, my meter reading was rejected
(10:01:12) Hana (Adviser): I've accepted it manually. Next steps:
  * a revised bill by Friday
  * no change to your direct debit
(10:02:00) Tom Wu: Brilliant
</pre></section>"""

ROUND2_SNIPPETS = {
    "a transcript as text lines '(time) Name (Role): text', continuation lines, a preamble": (
        TEXT_LOG,
        [
            M("system", "", "Please hold, an adviser will join shortly.", "09:58:40"),
            M("agent", "Hana", "Hello, you're through to Hana.", "10:00:05"),
            M("customer", "Tom Wu", "Hi, my meter reading was rejected", "10:00:31"),
            M("agent", "Hana", "I've accepted it manually. Next steps:\n* a revised bill by Friday\n"
              "* no change to your direct debit", "10:01:12"),
            M("customer", "Tom Wu", "Brilliant", "10:02:00"),
        ],
    ),
    "a history in day sections is one transcript": (
        DAY_SECTIONS,
        [
            M("customer", "", "Is my order shipped?", "10:00", None, "March 2, 2025"),
            M("agent", "", "Yes, this morning.", "10:01", None, "March 2, 2025"),
            M("customer", "", "It never arrived", "16:20", None, "March 5, 2025"),
            M("agent", "", "I have sent a replacement.", "16:22", None, "March 5, 2025"),
        ],
    ),
    "a signature under a run's last bubble; an age without 'ago'; a file's meta row; role=log on a wrapper": (
        SIGNATURE_UNDER_RUN,
        [
            M("system", "", "Connected to Ivo"),
            M("agent", "Ivo", "Morning! What can I do?"),
            M("agent", "Ivo", "Take your time.", "6m"),
            M("customer", "", "Here is the photo"),
            M("customer", "", "meter.jpg", "4m"),
            M("agent", "Ivo", "Thanks, received.", "just now"),
        ],
    ),
    "a <dt> turn heads every <dd> line under it": (
        TURN_WITH_SEVERAL_DD,
        [
            M("customer", "You", "My router keeps dropping", "08:01"),
            M("customer", "You", "Every evening around 9"),
            M("agent", "Oskar", "Let me run a line test.", "08:03"),
        ],
    ),
    "a bubble's paragraphs are one message, its run's siblings are not": (
        PARAGRAPHS_OF_ONE_BUBBLE,
        [
            M("agent", "Ines", "Two steps:\nfirst sign in, then open Limits.", "9:12 AM"),
            M("customer", "", "Got it", "9:13 AM"),
            M("customer", "", "thanks", "9:13 AM"),
        ],
    ),
}


@pytest.mark.parametrize("html, expected", ROUND2_SNIPPETS.values(), ids=ROUND2_SNIPPETS.keys())
def test_round2_snippet(html: str, expected: list[M]) -> None:
    assert parse(html) == expected


ROUND2_NO_CHAT = {
    "a stats row: '5m' and '2h' in plain cells are not times of messages": '<div role="log"><ul class="stats">'
    '<li class="stat">Uptime <b>5m</b></li><li class="stat is-mine">Load <b>2h</b></li></ul></div>',
    "a build log in a <pre>": '<pre class="console">[10:02:01] INFO: compiling\n[10:02:05] WARN: slow\n'
    '[10:02:09] Agent: deployed\n[10:02:10] INFO: done\n</pre>',
    "a chat-room log of members, no side named": '<div class="chat-archive"><pre>[20:01] Ana: hi all\n'
    '[20:02] Bo Li: evening\n[20:03] Ana: anyone tried the beta?\n</pre></div>',
    "a glossary: several <dd> under each <dt>": '<dl class="glossary"><div class="entry"><dt>APR</dt><dd>Annual rate</dd>'
    '<dd>Includes fees</dd></div><div class="entry"><dt>BIC</dt><dd>Bank code</dd><dd>8 or 11 letters</dd></div></dl>',
}


@pytest.mark.parametrize("html", ROUND2_NO_CHAT.values(), ids=ROUND2_NO_CHAT.keys())
def test_round2_page_without_a_chat(html: str) -> None:
    assert parse(html) == []


# -- round 3's classes: layouts the blind round 3 showed, in markup of our own ------------

TIME_WITH_TICKS = """
<div class="conv" role="log">
  <div class="ln ln--them"><div class="pill"><b class="pill__name">Lior</b><span class="tx">Your parcel left the depot.</span>
    <span class="meta">09:40</span></div></div>
  <div class="ln ln--me"><div class="pill"><span class="tx">When will it arrive?</span>
    <span class="meta">09:41<i class="chk" aria-label="Seen">✓✓</i></span></div></div>
  <div class="ln ln--me"><div class="pill"><span class="tx">Before noon?</span>
    <span class="meta"><i class="ed">edited</i>09:42<i class="chk">✓</i></span></div></div>
</div>"""

FROM_SENT_TABLE = """
<div class="secure-messages"><table class="tbl">
  <tr><th>Sender</th><th>Received</th><th>Text</th></tr>
  <tr class="ev"><td colspan="3">Conversation started · 04/02/2025 09:15</td></tr>
  <tr><td class="from"><b>You</b></td><td class="received">04/02/2025<br>09:15</td><td><p>Is my cheque cleared?</p></td></tr>
  <tr><td class="from"><b>Omar B.</b><br><i>Branch team</i></td><td class="received">04/02/2025<br>10:02</td>
    <td><p>Yes, this morning.</p><p>Omar B.</p></td></tr>
  <tr class="ev"><td colspan="3">Conversation marked as resolved - 04/02/2025 10:30</td></tr>
</table></div>"""

ROUND3_SNIPPETS = {
    "a table with a From and a Sent column, a name with an initial, events with their time after a dash": (
        FROM_SENT_TABLE,
        [
            M("system", "", "Conversation started", "04/02/2025 09:15"),
            M("customer", "You", "Is my cheque cleared?", "04/02/2025 09:15"),
            M("agent", "Omar B.", "Yes, this morning.\nOmar B.", "04/02/2025 10:02"),
            M("system", "", "Conversation marked as resolved", "04/02/2025 10:30"),
        ],
    ),
    "a time with read ticks or 'edited' beside it in one span is the time, not text": (
        TIME_WITH_TICKS,
        [
            M("agent", "Lior", "Your parcel left the depot.", "09:40"),
            M("customer", "", "When will it arrive?", "09:41"),
            M("customer", "", "Before noon?", "09:42"),
        ],
    ),
}


@pytest.mark.parametrize("html, expected", ROUND3_SNIPPETS.values(), ids=ROUND3_SNIPPETS.keys())
def test_round3_snippet(html: str, expected: list[M]) -> None:
    assert parse(html) == expected


ROUND3_NO_CHAT = {
    "a transfers table with From and Sent columns": '<table class="transfers"><tr><th>From</th><th>Sent</th>'
    '<th>Amount</th></tr><tr><td class="from">You</td><td class="sent">04/02/2025<br>09:15</td><td>$40.00</td></tr>'
    '<tr><td class="from">Omar B.</td><td class="sent">04/02/2025<br>10:02</td><td>$12.50</td></tr>'
    '<tr><td class="from">You</td><td class="sent">04/03/2025<br>11:00</td><td>$9.99</td></tr></table>',
    "a ledger of rows with a time and a status mark": '<table class="ledger"><tr class="row row--in"><td>Deposit</td>'
    '<td><span class="t">09:40<i>✓</i></span></td></tr><tr class="row row--out"><td>Card payment</td>'
    '<td><span class="t">09:41<i>✓</i></span></td></tr><tr class="row row--out"><td>Fee</td>'
    '<td><span class="t">09:42<i>✓</i></span></td></tr></table>',
}


@pytest.mark.parametrize("html", ROUND3_NO_CHAT.values(), ids=ROUND3_NO_CHAT.keys())
def test_round3_page_without_a_chat(html: str) -> None:
    assert parse(html) == []


# -- round 4's classes: layouts the blind round 4 showed, in markup of our own ------------

SYSTEM_IN_FROM_COLUMN = """
<div class="chat-history"><table class="log">
  <tr class="r-sys"><td class="when">14:02</td><td class="who">System</td><td>Session opened for order 5521.</td></tr>
  <tr class="r-user"><td class="when">14:03</td><td class="who">You</td><td>Where is my parcel?</td></tr>
  <tr class="r-staff"><td class="when">14:04</td><td class="who">Ines (Agent)</td><td>Out for delivery today.</td></tr>
  <tr class="r-sys"><td class="when">14:06</td><td class="who">System</td><td>Ines left the session.</td></tr>
</table></div>"""

REACTIONS = """
<div class="messages">
  <div class="m m-agent"><span class="m__name">Theo</span><p>Your refund was sent today.</p>
    <div class="m__reactions"><span class="m__reaction">👍 1</span></div></div>
  <div class="m m-customer"><p>Great, thanks!</p>
    <span class="pop" aria-label="Theo reacted with heart">❤️</span></div>
  <span class="emo" aria-label="You reacted with thumbs up">👍</span>
  <div class="m m-agent"><span class="m__name">Theo</span><p>Anything else?</p></div>
</div>"""

NAME_WITH_BADGE = """
<div class="conversation">
  <section class="turns turns--left">
    <div class="turns__top"><b>Ravi</b><em>Billing specialist</em><span>11:02</span></div>
    <div class="bubble">I've found the duplicate charge.</div><div class="bubble">It's reversed now.</div>
  </section>
  <section class="turns turns--right">
    <div class="turns__top"><b>You</b><span>11:04</span></div>
    <div class="bubble">Thank you!</div><div class="bubble">How long will it take?</div>
  </section>
  <section class="turns turns--left">
    <div class="turns__top">Pip<small>Virtual assistant</small></div>
    <div class="bubble">About 3 days.</div><div class="bubble">Anything else?</div>
  </section>
</div>"""

SIDES_IN_STYLESHEET = """
<style>.ln{padding:6px} .a{align-self:flex-start} .z{align-self:flex-end} .mid{text-align:center}</style>
<div class="conversation">
  <div class="ln mid">Conversation started</div>
  <div class="ln a">Hello, how can I help?</div>
  <div class="stamp a">10:02</div>
  <div class="ln z">my order never came</div>
  <div class="ln z">it was due Monday</div>
  <div class="stamp z">10:03 · Read</div>
  <div class="ln a">Sorry! I've sent a new one.</div>
</div>"""

SIDES_IN_INLINE_STYLE = """
<div class="widget">
  <div class="bar"><b>Live chat</b> <a href="#">close</a></div>
  <div class="thread">
    <small>Pip (automated)</small>
    <p style="background:#eee">Hi, what do you need?</p>
    <div class="choices"><a href="#">Billing</a><a href="#">Moving home</a></div>
    <p style="background:#dfd;margin-left:auto;text-align:right">Billing</p>
    <small>Ana</small>
    <p style="background:#eee">Hi, Ana here. Your bill is ready.</p>
    <p style="background:#dfd;margin-left:auto;text-align:right">thanks Ana</p>
  </div>
</div>"""

ONE_BUBBLE_RUNS = """
<div class="x-conv">
  <div class="x-note">Ola joined the chat</div>
  <div class="x-grp x-them"><div class="x-hd">Ola · 9:14 AM</div>
    <div class="x-bub">Morning!</div><div class="x-bub">What's up?</div></div>
  <div class="x-grp x-me"><div class="x-bub">my card is stuck in the ATM</div>
    <div class="x-ft">9:15 AM <i aria-label="Read">✓✓</i></div></div>
  <div class="x-grp x-them"><div class="x-hd">Ola · 9:16 AM</div>
    <div class="x-bub">I've cancelled it; a new one is on its way.</div></div>
  <div class="x-note">Ola ended the chat · 9:18 AM</div>
</div>"""

HASHED_GROUPS_WITH_ROWS = """
<div class="css-k1x9q" role="log">
  <div class="css-g7p2m" data-sender-type="agent"><div class="css-a8v0z"><img src="/a.png" alt=""></div>
    <div class="css-w3r4t">
      <div class="css-n5m6b">Rhea<span class="css-b7d8c">Card team</span></div>
      <div class="css-m1q2w" data-testid="chat-message"><span class="css-v9h0j">Rhea said: </span>Your card is on hold.</div>
      <div class="css-m1q2w" data-testid="chat-message"><span class="css-v9h0j">Rhea said: </span>Was that you?</div>
      <div class="css-t3r4e"><span>10:41 AM</span></div>
    </div></div>
  <div class="css-g7p2m" data-sender-type="customer"><div class="css-w3r4t">
      <div class="css-m1q2w" data-testid="chat-message">yes that was me</div>
      <div class="css-t3r4e"><span>10:42 AM</span><span aria-label="Read">Read</span></div>
      <div class="css-r5c6x">Read by Rhea</div>
  </div></div>
</div>"""

HASHED_TIMED_ROWS = """
<div class="css-0a9z8y" role="log">
  <div class="css-1b2c3d" data-side="start">
    <div class="css-4e5f6g">Lio<span class="css-7h8i9j">Support</span></div>
    <div class="css-0k1l2m"><div class="css-3n4o5p"><p>Your parcel is at the depot.</p></div><time>3:01 PM</time></div>
    <div class="css-0k1l2m"><div class="css-3n4o5p"><p>It goes out tomorrow.</p></div><time>3:02 PM</time></div>
  </div>
  <div class="css-1b2c3d" data-side="end">
    <div class="css-0k1l2m"><div class="css-3n4o5p"><p>great, thanks</p></div><time>3:04 PM</time>
      <span class="css-6q7r8s">Seen</span></div>
  </div>
</div>"""

TITLED_NAMES = """
<div class="help-chat">
  <div class="line line-op"><b class="line-name">Advisor Femi:</b> Hello, what's the account number?</div>
  <div class="line line-visitor"><b class="line-name">Jo:</b> 5521 0093</div>
  <div class="line line-op"><b class="line-name">Advisor Femi:</b> Thanks, found it.</div>
</div>"""

MONOGRAM_AVATARS = """
<div class="chat-feed">
  <x-turn from="staff"><span class="mono" aria-hidden="true">MK</span>
    <div class="text"><span class="sr-only">Mika said:</span>Your booking is moved to Friday.</div></x-turn>
  <x-turn from="visitor"><div class="text">Perfect</div></x-turn>
</div>"""

EVENTS_BESIDE_THE_LIST = """
<div class="chat-record">
  <p class="notice">Your request was queued <span class="stamp">4:02 PM</span></p>
  <ul class="lines">
    <li class="line line--agent"><b class="who">Sunil</b> Hello, how can I help?</li>
    <li class="line line--customer"><b class="who">Mo</b> Just checking my balance</li>
  </ul>
  <p class="notice">Chat closed</p>
  <p class="notice">Please rate this chat</p>
</div>"""

BADGES_AND_ACCOUNT = """
<div class="acct">Logged in as Rosa Diaz</div>
<div class="help-chat">
  <div class="it"><span class="nm">Quill</span><span class="badge">Virtual assistant</span><p>Hi! What's the problem?</p></div>
  <div class="it"><span class="nm">Rosa</span><p>my bill doubled</p></div>
  <div class="it"><span class="nm">Omar</span><span class="badge">Aster Energy</span><p>I'll check your meter reads.</p></div>
  <div class="it"><span class="nm">Rosa</span><p>thanks</p></div>
</div>"""

TAILWIND_ROWS = """
<div class="flex flex-col gap-2 p-3" data-testid="chat-thread">
  <div class="flex items-end gap-1"><img src="/b.png" alt="Ziggy" class="h-6 w-6">
    <div class="flex flex-col items-start"><div class="rounded-xl bg-gray-100 p-2">Hi, I'm Ziggy. How can I help?</div>
      <span class="text-xs uppercase">Bot</span></div></div>
  <div class="flex justify-end"><div class="rounded-xl bg-blue-600 p-2 text-white">Agent please</div></div>
  <div class="flex justify-center"><p class="text-xs">You're now chatting with Ana</p></div>
  <div class="flex items-end gap-1"><img src="/a.png" alt="Ana" class="h-6 w-6">
    <div class="rounded-xl bg-gray-100 p-2">Hello, Ana here.</div></div>
  <div class="flex flex-col items-end"><div class="rounded-xl bg-blue-600 p-2 text-white">My bill is wrong</div></div>
</div>"""

SIDES_IN_COMPOUND_SELECTORS = """
<style>.m{padding:8px}.m.p{align-self:flex-start}.m.q{align-self:flex-end}.s{align-self:center}</style>
<div class="conversation">
  <div class="s">Connected</div>
  <div class="m p">Hi, Quay Mobile here.</div>
  <div class="m q">my data stopped working</div>
  <div class="m p">Try restarting your phone.</div>
  <a class="s" href="/rate">Rate this chat</a>
</div>"""

INLINE_COLUMNS_TITLED_AVATARS = """
<div class="chat-body" style="display:flex;flex-direction:column">
  <div style="display:flex;gap:6px;align-items:flex-end">
    <div style="width:24px;border-radius:50%" title="Wren (virtual assistant)">🐦</div>
    <div style="max-width:75%"><div style="background:#eee">Hi! What can I do?</div><span style="font-size:11px">9m</span></div>
  </div>
  <div style="display:flex;flex-direction:column;align-items:flex-end">
    <div style="background:#06f;color:#fff">Cancel my order</div><span style="font-size:11px">8m</span>
  </div>
  <div style="display:flex;gap:6px;align-items:flex-end">
    <div style="width:24px;border-radius:50%" title="Lee K.">LK</div>
    <div style="max-width:75%"><div style="background:#eee">Done, it's cancelled.</div><span style="font-size:11px">just now</span></div>
  </div>
</div>"""

ROUND4_SNIPPETS = {
    "inline styles: align-items counts across a column only; a titled emoji or initials avatar; an age line": (
        INLINE_COLUMNS_TITLED_AVATARS,
        [
            M("bot", "Wren", "Hi! What can I do?", "9m"),
            M("customer", "", "Cancel my order", "8m"),
            M("agent", "Lee K.", "Done, it's cancelled.", "just now"),
        ],
    ),
    "sides in compound selectors ('.m.p', '.m.q': the shared class drops out); a centred link is no line": (
        SIDES_IN_COMPOUND_SELECTORS,
        [
            M("system", "", "Connected"),
            M("agent", "", "Hi, Quay Mobile here."),
            M("customer", "", "my data stopped working"),
            M("agent", "", "Try restarting your phone."),
        ],
    ),
    "Tailwind rows: justify-end (items-end only in a column) is the right; a 'Bot' pill; an avatar's alt names": (
        TAILWIND_ROWS,
        [
            M("bot", "Ziggy", "Hi, I'm Ziggy. How can I help?"),
            M("customer", "", "Agent please"),
            M("system", "", "You're now chatting with Ana"),
            M("agent", "Ana", "Hello, Ana here."),
            M("customer", "", "My bill is wrong"),
        ],
    ),
    "one markup for everyone: a badge says bot, 'Logged in as' names the customer, the others are agents": (
        BADGES_AND_ACCOUNT,
        [
            M("bot", "Quill", "Hi! What's the problem?"),
            M("customer", "Rosa", "my bill doubled"),
            M("agent", "Omar", "I'll check your meter reads."),
            M("customer", "Rosa", "thanks"),
        ],
    ),
    "event lines just before and after the transcript's list, outside it, are its first and last lines": (
        EVENTS_BESIDE_THE_LIST,
        [
            M("system", "", "Your request was queued", "4:02 PM"),
            M("agent", "Sunil", "Hello, how can I help?"),
            M("customer", "Mo", "Just checking my balance"),
            M("system", "", "Chat closed"),
        ],
    ),
    "a monogram avatar's letters (aria-hidden 'MK') are not the message's text": (
        MONOGRAM_AVATARS,
        [
            M("agent", "Mika", "Your booking is moved to Friday."),
            M("customer", "", "Perfect"),
        ],
    ),
    "a job title in front of a name ('Advisor Femi') is the role, the name is the speaker": (
        TITLED_NAMES,
        [
            M("agent", "Femi", "Hello, what's the account number?"),
            M("customer", "Jo", "5521 0093"),
            M("agent", "Femi", "Thanks, found it."),
        ],
    ),
    "hashed rows each with their own <time> are a run's bubbles; 'Seen' beside a time is its receipt": (
        HASHED_TIMED_ROWS,
        [
            M("agent", "Lio", "Your parcel is at the depot.", "3:01 PM"),
            M("agent", "Lio", "It goes out tomorrow.", "3:02 PM"),
            M("customer", "", "great, thanks", "3:04 PM"),
        ],
    ),
    "hashed groups: a name row inside the run, a stylesheet-hidden 'X said:', time rows with receipts": (
        HASHED_GROUPS_WITH_ROWS,
        [
            M("agent", "Rhea", "Your card is on hold."),
            M("agent", "Rhea", "Was that you?", "10:41 AM"),
            M("customer", "", "yes that was me", "10:42 AM"),
        ],
    ),
    "runs of one bubble among runs of several; a footer time with ticks; 'X ended the chat · time'": (
        ONE_BUBBLE_RUNS,
        [
            M("system", "", "Ola joined the chat"),
            M("agent", "Ola", "Morning!", "9:14 AM"),
            M("agent", "Ola", "What's up?"),
            M("customer", "", "my card is stuck in the ATM", "9:15 AM"),
            M("agent", "Ola", "I've cancelled it; a new one is on its way.", "9:16 AM"),
            M("system", "", "Ola ended the chat", "9:18 AM"),
        ],
    ),
    "sides only in the page's stylesheet; a time line after a run's last bubble is its time": (
        SIDES_IN_STYLESHEET,
        [
            M("system", "", "Conversation started"),
            M("agent", "", "Hello, how can I help?", "10:02"),
            M("customer", "", "my order never came"),
            M("customer", "", "it was due Monday", "10:03"),
            M("agent", "", "Sorry! I've sent a new one."),
        ],
    ),
    "sides only in inline styles under a 'Live chat' title bar; a name over unmarked bubbles; link choices": (
        SIDES_IN_INLINE_STYLE,
        [
            M("bot", "Pip", "Hi, what do you need?"),
            M("customer", "", "Billing"),
            M("agent", "Ana", "Hi, Ana here. Your bill is ready."),
            M("customer", "", "thanks Ana"),
        ],
    ),
    "a group's name row holds a name and a badge run together; a bot badge makes a bot": (
        NAME_WITH_BADGE,
        [
            M("agent", "Ravi", "I've found the duplicate charge.", "11:02"),
            M("agent", "Ravi", "It's reversed now."),
            M("customer", "You", "Thank you!", "11:04"),
            M("customer", "You", "How long will it take?"),
            M("bot", "Pip", "About 3 days."),
            M("bot", "Pip", "Anything else?"),
        ],
    ),
    "a reaction under a bubble or beside it (by its class or aria-label) is neither text nor a message": (
        REACTIONS,
        [
            M("agent", "Theo", "Your refund was sent today."),
            M("customer", "", "Great, thanks!"),
            M("agent", "Theo", "Anything else?"),
        ],
    ),
    "a From column saying 'System' names the widget, not a speaker to keep in the event's text": (
        SYSTEM_IN_FROM_COLUMN,
        [
            M("system", "", "Session opened for order 5521.", "14:02"),
            M("customer", "You", "Where is my parcel?", "14:03"),
            M("agent", "Ines", "Out for delivery today.", "14:04"),
            M("system", "", "Ines left the session.", "14:06"),
        ],
    ),
}


@pytest.mark.parametrize("html, expected", ROUND4_SNIPPETS.values(), ids=ROUND4_SNIPPETS.keys())
def test_round4_snippet(html: str, expected: list[M]) -> None:
    assert parse(html) == expected


def test_a_large_page_does_not_repeat_the_event_before_its_list_in_every_slice(monkeypatch) -> None:
    from archiver import parsers
    from archiver.model import Document
    from archiver.parsers import find_chat, slices

    rows = "".join(
        f'<li class="line line--{"agent" if i % 2 else "customer"}">Message {i} about order {i:05d}</li>'
        for i in range(400)
    )
    html = (f'<html><body><div class="chat-record"><p class="notice">Ava joined the chat</p>'
            f'<ul class="lines">{rows}</ul></div></body></html>')
    whole = generic.parse(make_soup(html)).messages
    assert whole[0] == M("system", "", "Ava joined the chat") and len(whole) == 401
    monkeypatch.setattr(slices, "LARGE", 8_000)
    monkeypatch.setattr(slices, "SLICE", 6_000)
    monkeypatch.setattr(parsers, "FULL_PARSE_LIMIT", 8_000)
    sliced = find_chat([Document(html=html, location="big.html")]).messages
    assert sliced == whole[1:]  # a slice cannot tell the page's own events from the repeated prefix


def test_a_large_page_without_a_charset_keeps_its_accents(monkeypatch) -> None:
    from archiver import parsers
    from archiver.model import Document
    from archiver.parsers import find_chat, slices

    rows = "".join(
        f'<li class="line line--{"agent" if i % 2 else "customer"}">Café nº {i} · €{i}</li>' for i in range(300)
    )
    html = f'<html><body><ul class="chat-lines">{rows}</ul></body></html>'
    monkeypatch.setattr(slices, "LARGE", 8_000)
    monkeypatch.setattr(slices, "SLICE", 6_000)
    monkeypatch.setattr(parsers, "FULL_PARSE_LIMIT", 8_000)
    sliced = find_chat([Document(html=html, location="big.html")]).messages
    assert [m.text for m in sliced] == [f"Café nº {i} · €{i}" for i in range(300)]


def test_a_page_titled_as_a_chat_is_a_chat_cue() -> None:
    body = ('<div class="pane"><div class="ln" style="align-self:flex-start">Hello, how can I help?</div>'
            '<div class="ln" style="align-self:flex-end">my order never came</div></div>')
    titled = generic.parse(make_soup(f"<html><head><title>Chat | Acme</title></head><body>{body}</body></html>"))
    assert titled.messages == [M("agent", "", "Hello, how can I help?"), M("customer", "", "my order never came")]
    for title in ("Live chat FAQ | Acme", "Orders | Acme"):
        page = make_soup(f"<html><head><title>{title}</title></head><body>{body}</body></html>")
        assert generic.parse(page).messages == []


ROUND4_NO_CHAT = {
    "a Tailwind price list: rows of a name and a right-aligned price": (
        '<ul class="divide-y"><li class="flex justify-between"><span>Broadband 500</span><span class="text-right">£30</span></li>'
        '<li class="flex justify-end"><span>Total £30</span></li><li class="flex justify-between"><span>Router</span>'
        '<span class="text-right">£0</span></li><li class="flex justify-end"><span>Total £30</span></li></ul>'
    ),
    "a member list on a signed-in page: a name column and the account holder, but no chat": (
        '<div class="acct">Signed in as Rosa Diaz</div><div class="people">'
        '<div class="row"><span class="n">Rosa</span><p>Joined in 2019, 14 reviews</p></div>'
        '<div class="row"><span class="n">Omar</span><p>Joined in 2021, 3 reviews</p></div>'
        '<div class="row"><span class="n">Quill</span><span class="badge">Moderator</span><p>Joined in 2018</p></div>'
        '<div class="row"><span class="n">Omar</span><p>Top contributor this month</p></div></div>'
    ),
    "a right-aligned price column in a table styled inline": (
        '<table class="items"><tr><td>Router</td><td style="text-align:right">£40</td></tr>'
        '<tr style="text-align:right"><td>Total</td><td>£40</td></tr><tr><td>Cable</td><td>£5</td></tr>'
        '<tr style="text-align:right"><td>Delivery</td><td>£3</td></tr></table>'
    ),
}


@pytest.mark.parametrize("html", ROUND4_NO_CHAT.values(), ids=ROUND4_NO_CHAT.keys())
def test_round4_page_without_a_chat(html: str) -> None:
    assert parse(html) == []
