"""Promises and reference numbers in customer-service chat messages.

`find_promises` finds the commitments the company's side made in a message
("I've waived the $40 late fee; you'll see the credit within 1-2 billing
cycles"), with the money, the due text and the latest date it implies.
`find_references` finds reference, case, ticket and similar numbers said by
anyone. Both are pure functions of their arguments: no I/O, no clock.

Approach: the text is split into sentences, sentences into clauses; a clause is
a promise when it holds a commitment marker (a first-person action done or to
come, "you'll receive", "the refund will post", "has been credited") and no
offer, condition, refusal, hedge or question. The kind comes from cue words
near the marker. Why rules, not a model: a receipt must be explainable by the
words that triggered it, and there is no corpus of labelled chats to learn from.
Measured accuracy, and how far it carries to unseen wording: bench/promises_eval.py.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, replace

from dateutil import parser as dateparser
from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

#: Closed set of promise kinds.
#:
#: credit: money put on the account or bill (statement/courtesy/bill credit).
#: fee_waiver: a fee, charge, interest or penalty waived, reversed or refunded.
#: refund: money returned to the customer's payment method.
#: callback: the company will phone the customer.
#: replacement: a new or replacement card, device or part issued or sent.
#: escalation: passed to a specialist team or complaints; a ticket opened.
#: rewards: points, miles, cashback, bonuses, vouchers, gift cards.
#: account_change: rate, limit, plan, booking, settings or card status changed.
#: dispute: a dispute, chargeback, claim or investigation opened or settled.
#: follow_up: contact other than a call (email, letter, text), documents sent.
#: delivery: goods shipped or delivered, a technician or engineer visit.
#: other: any other commitment ("your supply will be restored").
KINDS = (
    "credit", "fee_waiver", "refund", "callback", "replacement", "escalation",
    "rewards", "account_change", "dispute", "follow_up", "delivery", "other",
)

#: Closed set of reference labels. Synonyms: "ref" is reference; "complaint" is
#: case; "service request"/"SR" are ticket; "conf" is confirmation; "PNR",
#: "record locator" and "reservation" are booking; "waybill" is tracking.
#: When several label words precede a value ("dispute case number"), the last
#: specific one wins; reference and confirmation yield to any specific word
#: ("booking reference" is booking).
REFERENCE_LABELS = (
    "reference", "case", "ticket", "confirmation", "claim", "dispute", "file",
    "order", "incident", "tracking", "booking",
)

COMPANY_ROLES = ("agent", "bot")


@dataclass(frozen=True)
class Promise:
    """One commitment made by the company's side.

    `text` is the sentence it came from, as written. `amount` and `currency`
    (ISO 4217) are the first sum of money in the promise's clause. `due_text`
    is the due expression as written; `due_by` the latest date (ISO) it
    implies, counted from the message's own local date.
    """

    kind: str
    text: str
    amount: float | None = None
    currency: str | None = None
    due_text: str | None = None
    due_by: str | None = None


@dataclass(frozen=True)
class Reference:
    """A reference-like number ("case #00123456"), `value` exactly as written."""

    label: str
    value: str


# --------------------------------------------------------------------------
# Sentences and clauses

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof inc ltd co corp vs etc e.g i.e eg ie approx dept acct u.s u.k u.s.a".split()
)
#: abbreviations only when a number follows ("no. 4411", "Apr. 15", "Rs. 500")
_BEFORE_NUMBER = frozenset("no nos nr ext ref tel rs jan feb mar apr jun jul aug sep sept oct nov dec".split())
_ZONE_WORDS = re.compile(r"(?:(?i:eastern|central|mountain|pacific)|[ECMP][SD]?T|GMT|BST|UTC|CET|IST|AEST)\b")
_BOUNDARY = re.compile(r"([.!?]+)([\"'\u201d\u2019)\]]*)(\s+)|\n\s*")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)\.*$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, whitespace trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if "\n" in m.group(0) or _ends_sentence(text, m):
            spans.append((start, m.start() + len(m.group(1) or "") + len(m.group(2) or "")))
            start = m.end()
    spans.append((start, len(text)))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _ends_sentence(text: str, m: re.Match) -> bool:
    nxt = text[m.end():m.end() + 1]
    if m.group(1) != "." * len(m.group(1)) or len(m.group(1)) > 1:
        return True  # "?", "!" and ellipses always end a sentence
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'\u201c\u2018($\u00a3\u20ac\u20b9\u00a5"):
        return False  # "the U.S. team", "3 p.m. tonight"
    token = _LAST_TOKEN.search(text[:m.start()])
    word = token.group(1).lower().rstrip(".") if token else ""
    if token and len(token.group(1)) > 1 and token.group(1).isupper() and "." not in token.group(1):
        return True  # an acronym ("APR", "EST"), not an abbreviation
    if word in ("a.m", "p.m"):
        return not _ZONE_WORDS.match(text, m.end())
    if word in _BEFORE_NUMBER:
        return not (nxt.isdigit() or nxt == "#")
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


# --------------------------------------------------------------------------
# Commitment markers

# base form, past participle, -ing form
_ACTIONS = [
    ("waive", "waived", "waiving"), ("credit", "credited", "crediting"),
    ("refund", "refunded", "refunding"), ("reimburse", "reimbursed", "reimbursing"),
    ("reverse", "reversed", "reversing"), ("remove", "removed", "removing"),
    ("apply", "applied", "applying"), ("issue", "issued", "issuing"), ("add", "added", "adding"),
    ("open", "opened", "opening"), ("file", "filed", "filing"), ("lodge", "lodged", "lodging"),
    ("submit", "submitted", "submitting"), ("raise", "raised", "raising"),
    ("escalate", "escalated", "escalating"), ("forward", "forwarded", "forwarding"),
    ("refer", "referred", "referring"), ("pass", "passed", "passing"), ("log", "logged", "logging"),
    ("create", "created", "creating"), ("order", "ordered", "ordering"),
    ("request", "requested", "requesting"), ("arrange", "arranged", "arranging"),
    ("schedule", "scheduled", "scheduling"), ("book", "booked", "booking"),
    ("rebook", "rebooked", "rebooking"), ("process", "processed", "processing"),
    ("approve", "approved", "approving"), ("send", "sent", "sending"), ("email", "emailed", "emailing"),
    ("mail", "mailed", "mailing"), ("post", "posted", "posting"), ("text", "texted", "texting"),
    ("ship", "shipped", "shipping"), ("dispatch", "dispatched", "dispatching"),
    ("courier", "couriered", "couriering"), ("expedite", "expedited", "expediting"),
    ("replace", "replaced", "replacing"), ("reissue", "reissued", "reissuing"),
    ("lower", "lowered", "lowering"), ("reduce", "reduced", "reducing"),
    ("increase", "increased", "increasing"), ("upgrade", "upgraded", "upgrading"),
    ("downgrade", "downgraded", "downgrading"), ("switch", "switched", "switching"),
    ("change", "changed", "changing"), ("update", "updated", "updating"),
    ("correct", "corrected", "correcting"), ("adjust", "adjusted", "adjusting"),
    ("cancel", "cancelled", "cancelling"), ("cancel", "canceled", "canceling"),
    ("close", "closed", "closing"), ("activate", "activated", "activating"),
    ("reactivate", "reactivated", "reactivating"), ("unlock", "unlocked", "unlocking"),
    ("lock", "locked", "locking"), ("block", "blocked", "blocking"), ("unblock", "unblocked", "unblocking"),
    ("freeze", "frozen", "freezing"), ("enroll", "enrolled", "enrolling"), ("enrol", "enrolled", "enrolling"),
    ("reset", "reset", "resetting"), ("restore", "restored", "restoring"),
    ("reinstate", "reinstated", "reinstating"), ("fix", "fixed", "fixing"), ("repair", "repaired", "repairing"),
    ("resolve", "resolved", "resolving"), ("extend", "extended", "extending"),
    ("double", "doubled", "doubling"), ("place", "placed", "placing"), ("lift", "lifted", "lifting"),
    ("release", "released", "releasing"), ("honour", "honoured", "honouring"),
    ("honor", "honored", "honoring"), ("transfer", "transferred", "transferring"),
    ("complete", "completed", "completing"), ("contact", "contacted", "contacting"),
    ("notify", "notified", "notifying"), ("deliver", "delivered", "delivering"),
    ("install", "installed", "installing"), ("fit", "fitted", "fitting"), ("set up", "set up", "setting up"),
    ("investigate", "investigated", "investigating"), ("reflect", "reflected", "reflecting"),
    ("confirm", "confirmed", "confirming"), ("put in", "put in", "putting in"), ("flag", "flagged", "flagging"),
    ("boost", "boosted", "boosting"),
]
_PAST = sorted({p for _, p, _ in _ACTIONS}, key=len, reverse=True)
_ING = sorted({i for _, _, i in _ACTIONS}, key=len, reverse=True)
_BASE = sorted({b for b, _, _ in _ACTIONS} | {"call", "follow", "get", "arrive", "visit", "make", "have", "give"},
               key=len, reverse=True)
# "confirmed" reports a fact ("I've confirmed your payment arrived"), not an action
_PAST_RE = "|".join(re.escape(p) for p in _PAST if p != "confirmed")
_ING_RE = "|".join(re.escape(i) for i in _ING)
_BASE_RE = "|".join(re.escape(b) for b in _BASE)
#: participles outside the table, so "I've zeroed out", "has been registered" count
_IRREGULAR = "sent|resent|put|taken|given|made|set|paid|written|got|gotten|brought|built|done|re-?issued"
_ANY_PARTICIPLE = r"(?:[a-z]{2,}(?:-[a-z]+)?ed|" + _IRREGULAR + r")"
#: participles that report what the agent saw or did in the chat, not an action for the customer
_NOT_ACTIONS = frozenset(
    "checked looked reviewed noticed confirmed verified found located seen noted tried received asked explained "
    "understood pulled gone been had got gotten done used needed wanted waited mentioned advised informed told said "
    "shared accessed determined decided learned realised realized identified talked spoken called attempted "
    "declined denied rejected refused suspended failed charged billed assessed debited required expected".split()
)
_KNOWN_VERBS = frozenset(_PAST) | frozenset(_BASE) | frozenset(_ING)
# past simple on its own ("the fee was waived") is often history, so only these
_WAS_PAST_RE = "waived|credited|refunded|reimbursed|reversed|escalated|issued"

_SUBJECT_WORDS = (
    r"i|i've|i'll|i'm|we|we've|we'll|we're|you|you'll|you've|you're|a|an|the|your|our|"
    r"it|it'll|it's|they|they'll|someone|this|that|he|she|he'll|she'll"
)
_CLAUSE_BREAK = re.compile(
    r"\s*;\s*|\s+[\u2014\u2013-]\s+"
    r"|,\s+(?=(?:and|but|so|plus|though|although|however)\b)"
    r"|,\s+(?=(?:who|which)\s+(?:will|'ll|should)\b)"
    r"|\s+(?=(?:and|but)\s+(?:also\s+)?(?:" + _SUBJECT_WORDS + r")\b)"
    r"|\s+(?=and\s+(?:also\s+|then\s+)?(?:will\s+|should\s+)?(?:" + _BASE_RE + "|" + _PAST_RE + r")\b)",
    re.I,
)
_LEADING_CONJUNCTION = re.compile(r"^(?:(?:and|but|so|plus|though|although|however|then|also)\b[\s,]*)+", re.I)


def split_clauses(sentence: str) -> list[tuple[int, str]]:
    """(offset, text) of each clause, with leading conjunctions dropped."""
    out, start = [], 0
    for m in _CLAUSE_BREAK.finditer(sentence):
        out.append((start, sentence[start:m.start()]))
        start = m.end()
    out.append((start, sentence[start:]))
    clauses = []
    for offset, text in out:
        lead = _LEADING_CONJUNCTION.match(text)
        cut = lead.end() if lead else 0
        if text[cut:].strip():
            clauses.append((offset + cut, text[cut:]))
    return clauses


def _alt(*alternatives: str) -> str:
    """A non-capturing group matching any of `alternatives`."""
    return "(?:" + "|".join(alternatives) + ")"


_ADVERBS = r"(?:\s+(?:just|also|now|already|personally|gone ahead and|went ahead and|then|since|again|[a-z]+ly))*"
_FIRST = r"\b(?:i|we)"
_AM = r"(?:'m|\s+am|'re|\s+are)"
_MODAL = r"(?:'ll|\s+will|\s+shall|'re going to|\s+are going to|'m going to|\s+am going to)"
_DET = r"(?:a|an|the|your|our|my|this|that|these|those|it|they|someone|somebody|who|which|each|both|all of your)"
#: what a thing or a third party "will" do that is a commitment ("the refund will post")
_THING_VERBS = _alt(
    "arrive", "post", "appear", "show", "reflect", "reach", "ship", r"go\s+(?:back|out|through)",
    r"come\s+(?:out|back|to)", "visit", "call", "contact", "e-?mail", "text", "send", "install", "fit", "fix",
    "repair", "restore", "deliver", "respond", "reply", r"get\s+(?:back|in\s+touch)", r"follow\s+up",
    r"take\s+effect", "carry", "process", "credit", "refund", "waive", "issue", "replace", "attend",
    r"reach\s+out", "notify", "escalate", "investigate", "add", "apply", "mail", "dispatch", r"update\s+you",
    r"(?:swing|stop|drop|pop|come)\s+(?:by|round|over)", r"give\s+you", r"message\s+you", "switch", "change",
    "move", "follow", "land", r"(?:drop|come|fall)\s+off",
    r"be\s+" + _alt("back", "there", "out", "at", r"with\s+you", r"in\s+touch", _PAST_RE, _ANY_PARTICIPLE),
)

# (mode, regex). The group "verb" is where the action word starts. Modes: "first" done by I/we,
# "will" to be done by I/we, "you" what the customer will get, "thing" what a named thing or
# person will do (the subject must start with a determiner: "Refunds will..." is policy),
# "done" a passive perfect ("has been credited", any subject).
_MARKER_PATTERNS = [
    ("first", _FIRST + r"(?:'ve|\s+have|\s+had)?" + _ADVERBS + r"\s+(?P<verb>" + _PAST_RE + r")\b"),
    ("first", _FIRST + r"(?:'ve|\s+have)" + _ADVERBS + r"\s+(?P<verb>" + _ANY_PARTICIPLE + r")\b"),
    ("first", _FIRST + _AM + r"\s+(?:happy|glad|pleased)\s+to\s+(?P<verb>" + _BASE_RE + r")\b"),
    ("first", _FIRST + r"\s+(?:was|were|have been|'ve been)\s+able\s+to\s+(?:get\s+)?(?P<verb>" + _BASE_RE + r")\b"),
    ("first", _FIRST + _AM + r"(?:\s+(?:now|also|currently|just))?\s+(?P<verb>" + _ING_RE + r")\b"),
    ("will", _FIRST + _MODAL + r"(?:\s+(?:also|now|personally|then|definitely|gladly|go ahead and))*"
             r"\s+(?P<verb>[a-z]+)\b"),
    ("you", r"\byou(?:'ll|\s+will|\s+should|\s+shall|'re going to|\s+are going to)"
            r"(?:\s+(?:also|now|then|soon|automatically|still))?\s+"
            r"(?P<verb>receive|see|get|hear|notice|have(?!\s+to)|"
            r"be\s+(?:" + _PAST_RE + r"|receiving|getting|seeing))\b"),
    ("done", r"(?P<verb>(?:has|have|had)\s+(?:now\s+|already\s+|also\s+|just\s+)?been\s+"
             + _alt(_PAST_RE, _ANY_PARTICIPLE) + r")\b"),
    ("thing", r"(?P<verb>(?:is|are)\s+(?:now\s+|currently\s+)?being\s+(?:" + _PAST_RE + r"))\b"),
    ("done", r"(?P<verb>(?:is|are)\s+now\s+(?:" + _PAST_RE + r"))\b"),
    ("done", r"(?P<verb>(?:was|were)\s+(?:" + _WAS_PAST_RE + r"))\b"),
    ("thing", r"(?P<verb>(?:is|are)\s+" + _alt(r"on\s+(?:its|their|the)\s+way",
                                                r"(?:confirmed|scheduled|booked|arranged|set)\s+for",
                                                r"(?:now\s+)?confirmed") + r")\b"),
    ("thing", r"(?P<verb>(?:will|'ll|should|is going to|are going to)\s+"
              r"(?:also\s+|now\s+|then\s+|each\s+|automatically\s+)?" + _THING_VERBS + r")\b"),
    ("done", r"(?P<verb>(?:has|have)\s+(?:now\s+|already\s+)?"
             + _alt("shipped", r"been\s+dispatched", r"gone\s+(?:out|through)", r"left\s+our") + r")\b"),
    ("allow", r"\bplease\s+(?:allow|give\s+us)\b[^;]*?\b(?P<verb>for|to\s+\w+)\s+(?:your|the)\b"),
    ("you", r"^(?:please\s+)?(?P<verb>expect)\s+(?:a|an|the|your)\b"),
    ("not_charged", r"\byou\s+(?:won't|will\s+not)\s+be\s+(?P<verb>charged|billed)\b"),
]
_MARKERS = [(mode, re.compile(rx, re.I)) for mode, rx in _MARKER_PATTERNS]
_STOP_VERBS = frozenset(
    "be check look see need transfer connect put pull verify wait stay help do explain ask review try "
    "go take keep leave note want hold gladly just".split()
)
_INTRO = r"(?:(?:and|but|so|also|plus|then|now|ok|okay|great|good news|thanks|alright|perfect|sure|done)[\s,!.:-]+)*"
_THING_SUBJECT = re.compile(r"^" + _INTRO + _DET + r"\b", re.I)
_PRONOUN_SUBJECT = re.compile(r"^(?:it|they|this|that|these|those)\b", re.I)
_CONTINUATION = re.compile(
    r"^(?:also\s+|then\s+)?(?:(?:will|'ll|should|shall)\s+(?:also\s+)?)?(?P<verb>" + _alt(_BASE_RE, _PAST_RE) + r")\b",
    re.I,
)

_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|unable|cannot|unfortunately|afraid|neither|nor)\b|n't\b", re.I
)
_HEDGE = re.compile(
    r"\b(?:typically|usually|generally|normally|in general|in most cases|as a rule|our policy|policy is|per our|"
    r"might|could|can take|can expect|tend to|eligible|would you|do you want|shall i|if you'd like|"
    r"if you would like|would need|aim to|try to|hope to|hopefully|on (?:a (?:brief |short )?)?hold)\b",
    re.I,
)
_MAY = re.compile(r"\bmay\b")  # case-sensitive: "by May 2" is a date, not a hedge
_CONDITION = re.compile(
    r"\b(?:if|unless|once you|as soon as you|when you|after you|provided|as long as|in case|in the event|"
    r"only after|until you|before (?:i|we) can)\b",
    re.I,
)
_MEMO = re.compile(r"\bmade\s+a\s+note\b|\bon\s+record\s+that\b", re.I)
_REFUSED = re.compile(r"\b(?:denied|declined|rejected|refused|suspended|unsuccessful)\b", re.I)
_BENIGN_CONDITION = re.compile(r"\bif (?:you have|you need|there(?:'s| is| are)|anything)\b[^,;]*", re.I)


@dataclass(frozen=True)
class _Marker:
    mode: str  # first (done by I/we), will (to be done by I/we), you, thing, done, allow, not_charged
    verb_at: int  # offset of the action word in the clause
    verb: str


def _find_marker(clause: str, continues: str | None) -> _Marker | None:
    """The first commitment marker in `clause`; `continues` is the previous clause's mode."""
    if continues:
        m = _CONTINUATION.match(clause)
        if m and m.group("verb").lower() not in _STOP_VERBS:
            return _Marker(continues, m.start("verb"), m.group("verb").lower())
    found = []
    for mode, regex in _MARKERS:
        for m in regex.finditer(clause):
            marker = _Marker(mode, m.start("verb"), m.group("verb").lower())
            if _marker_ok(clause, m, marker):
                found.append((m.start(), marker))
                break
    return min(found, key=lambda f: f[0])[1] if found else None


def _marker_ok(clause: str, m: re.Match, marker: _Marker) -> bool:
    if marker.verb.split()[-1] in _NOT_ACTIONS and not re.fullmatch(r"(?:is|are)\s+(?:now\s+)?confirmed", marker.verb):
        return False  # "I've checked", "will be charged"; but "your upgrade is confirmed"
    if _MEMO.search(clause):
        return False
    if marker.mode == "will" and marker.verb in _STOP_VERBS:
        # "I'll be sending" is fine, "I'll be happy to" is not
        return bool(re.match(r"be\s+(?:" + _ING_RE + r"|in\s+touch)\b", clause[m.start("verb"):], re.I))
    if marker.mode == "thing":
        subject = clause[:m.start()]
        return bool(_THING_SUBJECT.match(subject.strip()) or not subject.strip()) and len(subject.split()) <= 10
    return True


def _subject_mode(clause: str) -> str | None:
    """How the clause's subject commits the company, for clauses that continue it."""
    if re.match(r"^(?:i|we)\b", clause.strip(), re.I):
        return "will" if re.match(r"^(?:i|we)" + _MODAL, clause.strip(), re.I) else "first"
    if re.match(r"^you\b", clause.strip(), re.I):
        return "you"
    if _THING_SUBJECT.match(clause.strip()):
        return "thing"  # "A supervisor will review your case and call you back"
    return None


def _open_participle(verb: str) -> bool:
    """A participle the action table does not know ("zeroed out", "registered")."""
    word = verb.split()[-1]
    return word not in _KNOWN_VERBS and bool(re.fullmatch(_ANY_PARTICIPLE, word))


def _rejected(clause: str, sentence: str) -> bool:
    """Offers, conditions, refusals, hedges: nothing in this clause is a promise."""
    plain = _BENIGN_CONDITION.sub("", clause)
    return bool(
        _NEGATION.search(plain) or _HEDGE.search(plain) or _MAY.search(plain) or _CONDITION.search(plain)
        or _REFUSED.search(plain) or _CONDITION.match(sentence.strip())
    )


# --------------------------------------------------------------------------
# Kinds

_FEE_NOUN = re.compile(
    r"\b(?:fees?|interest|penalty|penalties|(?:late|overdraft|finance|service|annual|maintenance|standing|"
    r"statement|payment|convenience|cancellation|change|reissue|disconnection|installation)\s+charges?)\b",
    re.I,
)
_FEE_REMOVAL = re.compile(
    r"\b(?:waiv\w*|revers\w*|remov\w*|refund\w*|reimburs\w*|credit(?:ed)?\s+back|took\s+off|taken\s+off|drop(?:ped)?|"
    r"wip\w*\s+off|zero\w*\s+out|(?:come|fall)s?\s+off)\b",
    re.I,
)
_WAIVE = re.compile(r"\bwaiv(?:e|ed|es|ing|er)\b", re.I)

# (kind, tier, alternatives): tier 1 are verbs that name the action, tier 2 nouns, tier 3 weak hints.
# Every alternative starts at a word boundary.
_CUES = [
    ("credit", 1, [
        r"credit(?:ed|ing)\b", r"credit\s+(?:the|your|you|it|back|\$|\u00a3|\u20ac)",
        r"(?:knock\w*|tak(?:e|en|ing)|took)\s+(?:\S+\s+){0,4}?off\b",
    ]),
    ("credit", 3, [
        r"compensation\b", r"goodwill\s+payment\b",
    ]),
    ("credit", 2, [
        r"credits?\b(?!\s+(?:card|limit|report|score|union|bureau|check|line|history|rating|balance))",
        r"adjustment\b",
    ]),
    ("refund", 1, [
        r"revers(?:ed|al)\b", r"refund(?:ed|ing)\b", r"reimburs\w*", r"refund\s+(?:the|your|you|it)\b",
    ]),
    ("refund", 2, [
        r"refunds?\b", r"money\s+back\b",
    ]),
    ("callback", 1, [
        r"call(?:ed|ing)?\s+(?:you|u)\b", r"call\s*-?\s*backs?\b", r"give\s+you\s+a\s+(?:quick\s+)?call\b",
        r"(?:phone|ring|telephone)\s+you\b", r"give\s+you\s+a\s+ring\b",
    ]),
    ("callback", 2, [
        r"a\s+call\b", r"callbacks?\b",
    ]),
    ("follow_up", 1, [
        r"e-?mail(?:ing)?\s+(?:you|u|it|them)\b", r"e-?mailed\b", r"by\s+(?:e-?mail|text|post|letter)\b",
        r"text(?:ing)?\s+(?:you|u)\b", r"texted\b", r"messag(?:e|ed|ing)\s+you\b", r"notif\w*",
        r"contact(?:ed|ing)?\b", r"reach(?:ed)?\s+out\b", r"get\s+back\s+to\b", r"follow(?:ed)?[- ]up\b",
        r"update\s+you\b", r"let\s+you\s+know\b", r"hear\s+back\b", r"respond\b", r"write\s+to\s+you\b",
        r"in\s+touch\b", r"in\s+writing\b", r"hear\s+from\s+(?:us|me|our|the)\b",
    ]),
    ("follow_up", 2, [
        r"e-?mails?\b", r"text\s+messages?\b", r"texts?\b", r"letters?\b", r"documents?\b", r"forms?\b",
        r"reports?\b", r"confirmation\b", r"itinerary\b", r"statement\s+cop(?:y|ies)\b", r"label\b",
        r"an?\s+update\b", r"links?\b", r"mailers?\b",
    ]),
    ("replacement", 1, [
        r"replac(?:e|ed|ing)\b", r"re-?issu\w*", r"expedit\w*",
    ]),
    ("replacement", 2, [
        r"replacements?\b",
        r"new\s+(?:\w+\s+)?(?:card|device|phone|router|modem|sim|remote|meter|handset|part|one)\b",
    ]),
    ("escalation", 1, [
        r"escalat\w*", r"(?:forward|pass|refer)(?:ed|red)?\s+(?:\w+\s+){0,3}?(?:on\s+)?to\b", r"logged\b",
    ]),
    ("escalation", 2, [
        r"complaints?\b", r"tickets?\b", r"service\s+request\b", r"incident\b", r"fault\s+report\b",
    ]),
    ("rewards", 2, [
        r"points?\b", r"\d[\d,]*-point\b", r"miles\b", r"avios\b", r"cash\s*back\b", r"bonus\b", r"vouchers?\b",
        r"gift\s+cards?\b", r"rewards?\b",
    ]),
    ("account_change", 1, [
        r"lower(?:ed|ing)?\b", r"reduc(?:e|ed|ing)\b", r"increas(?:e|ed|ing)\b", r"upgrad\w*", r"downgrad\w*",
        r"switch(?:ed|ing)?\b", r"chang(?:e|ed|ing)\b", r"updat(?:e|ed|ing)\b(?!\s+you\b)",
        r"cancel\w*\s+(?:the|your|it|this|that|my|our|a|an|any)\b", r"been\s+cancel\w*", r"(?:re)?activat\w*",
        r"unlock\w*", r"lock(?:ed)?\b", r"block(?:ed)?\b", r"unblock\w*", r"fro(?:ze|zen)\b", r"freez\w*",
        r"enrol\w*", r"set\s+up\b", r"reset\s+(?:your|the)\b", r"rebook\w*", r"lift(?:ed)?\b",
        r"extend(?:ed)?\b", r"transferred\b", r"boost(?:ed)?\b",
        r"remov(?:e|ed|ing)\s+the\s+(?:hold|block|restriction)\b",
        r"clos(?:e|ed|ing)\s+(?:the|your)\s+(?:\w+\s+)?(?:account|card|line|subscription|plan)\b",
    ]),
    ("account_change", 2, [
        r"apr\b", r"(?:interest|promo\w*)\s+rate\b", r"stop\s+(?:on|payment)\b", r"upgrade\b",
        r"credit\s+limit\b", r"limit\b", r"plan\b", r"tariff\b", r"due\s+date\b", r"auto-?pay\b",
        r"paperless\b", r"travel\s+notice\b", r"seat\b", r"password\b", r"direct\s+debit\b",
        r"payment\s+(?:arrangement|plan)\b", r"discount\b", r"add-on\b", r"subscription\b",
        r"monthly\s+payment\b",
    ]),
    ("dispute", 1, [
        r"disputed\b", r"investigat(?:e|ed|ing)\b",
    ]),
    ("dispute", 2, [
        r"disputes?\b", r"charge-?backs?\b",
        r"claims?\b(?!\s+(?:reference|ref|number|no|id|line|team|status|form|department))",
        r"investigations?\b", r"fraud\s+(?:claim|case|investigation|report)\b",
    ]),
    ("delivery", 1, [
        r"collect(?:ed|ion)?\b", r"(?:swing|stop|drop|pop|come)\s+(?:by|round|over)\b", r"ships\b",
        r"deliver(?:ed|ing)?\b", r"visit(?:ing)?\b", r"install(?:ed|ing)?\b", r"couriered\b", r"come\s+out\b",
        r"be\s+out\b", r"be\s+there\b", r"be\s+at\s+your\b",
    ]),
    ("delivery", 2, [
        r"technicians?\b", r"engineers?\b", r"installers?\b", r"couriers?\b", r"packages?\b", r"parcels?\b",
        r"bags?\b", r"baggage\b", r"luggage\b", r"shipped\b", r"shipment\b", r"visit\b", r"delivery\b",
        r"installation\b",
    ]),
]
_CUE_RES = [(kind, tier, re.compile(r"\b" + _alt(*alts), re.I)) for kind, tier, alts in _CUES]
#: actions that are commitments even when nothing says what kind they are
_OTHER_VERBS = re.compile(
    r"\b(?:arrang\w*|request\w*|correct\w*|restor\w*|fix\w*|repair\w*|book(?:ed)?|honou?r\w*|sort\w*|"
    r"priorit\w*|be\s+back)\b",
    re.I,
)
_DEFAULT_KIND = {"closed": "account_change", "cancelled": "account_change", "canceled": "account_change"}
_MONEY_KINDS = ("fee_waiver", "credit", "refund")


_IDENTIFIER_AFTER = re.compile(r"\s*(?:number|no\b|#|ref\b|reference|id\b|code)", re.I)
_PURPOSE = re.compile(
    r"\bto\s+" + _alt(_BASE_RE, "take", "check", "confirm", "help", "reset", "lower", "raise", "make", "see", "get",
                       "cover", "fix") + r"\b",
    re.I,
)
_POINTS_BACK = re.compile(r"\b(?:it|that|this|them)\b", re.I)


def _kind(clause: str, marker: _Marker) -> str | None:
    """The promise kind from cue words, or None when nothing names it.

    Cues in a purpose ("... to reset your password") only count when nothing
    before the purpose names the kind.
    """
    if marker.mode == "not_charged":
        return "fee_waiver"
    if _WAIVE.search(clause) or (_FEE_NOUN.search(clause) and _FEE_REMOVAL.search(clause)):
        return "fee_waiver"
    purpose = _PURPOSE.search(clause, marker.verb_at + len(marker.verb))
    if purpose:
        return _cue_kind(clause[:purpose.start()], marker) or _cue_kind(clause, marker)
    return _cue_kind(clause, marker)


def _cue_kind(clause: str, marker: _Marker) -> str | None:
    cues = [
        (m.start(), tier, kind)
        for kind, tier, rx in _CUE_RES
        for m in rx.finditer(clause)
        if not _IDENTIFIER_AFTER.match(clause, m.end())  # "voucher number TX-1" names no voucher
    ]
    after = sorted((tier, at, kind) for at, tier, kind in cues if at >= marker.verb_at)
    before = sorted((at, kind) for at, tier, kind in cues if at < marker.verb_at)
    if marker.mode in ("thing", "done") and before:
        return before[-1][1]  # the subject names the thing promised: "your refund will..."
    if after:
        return after[0][2]
    if before:
        return before[-1][1]
    return _DEFAULT_KIND.get(marker.verb.split()[-1])


# --------------------------------------------------------------------------
# Money

_ISO = "USD|GBP|EUR|CAD|AUD|NZD|INR|JPY|CHF|SGD|HKD|MXN"
_PREFIX = {
    "us$": "USD", "u.s.$": "USD", "ca$": "CAD", "c$": "CAD", "cad$": "CAD", "au$": "AUD", "a$": "AUD",
    "aud$": "AUD", "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "$": "USD", "\u00a3": "GBP", "\u20ac": "EUR",
    "\u20b9": "INR", "rs": "INR", "rs.": "INR", "\u00a5": "JPY",
}
_SUFFIX = {
    "\u20ac": "EUR", "\u00a3": "GBP", "dollar": "USD", "dollars": "USD", "bucks": "USD", "pound": "GBP",
    "pounds": "GBP", "euro": "EUR", "euros": "EUR", "rupee": "INR", "rupees": "INR", "yen": "JPY",
}
_NUMBER = r"\d(?:[\d,.\u00a0\u202f']*\d)?"
_MONEY = re.compile(
    r"(?<![\w$])(?P<pre>US\$|U\.S\.\$|CAD?\$|AUD?\$|AU\$|A\$|C\$|NZ\$|HK\$|S\$|\$|\u00a3|\u20ac|\u20b9|\u00a5|Rs\.?|"
    + _ISO + r")\s?(?P<num>" + _NUMBER + r")"
    r"|(?P<num2>" + _NUMBER + r")\s?"
    r"(?P<suf>\u20ac|\u00a3|" + _ISO + r"|dollars?|bucks|pounds?|euros?|rupees?|yen)(?![A-Za-z])",
    re.I,
)
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}
_TENS = dict(twenty=20, thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90)
_WORD_MONEY = re.compile(
    r"\b(?P<words>(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+and)?\s+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"one|two|three|four|five|six|seven|eight|nine)?)\s*(?P<suf>dollars?|pounds?|euros?|rupees?|yen)\b",
    re.I,
)


def find_amount(text: str) -> tuple[float | None, str | None]:
    """The first sum of money in `text` as (amount, ISO currency), or (None, None)."""
    m = _MONEY.search(text)
    w = next((w for w in _WORD_MONEY.finditer(text) if w.group("words").strip()), None)
    if w and (not m or w.start() < m.start()):
        return float(_words_value(w.group("words"))), _SUFFIX[w.group("suf").lower()]
    if not m:
        return None, None
    if m.group("pre"):
        symbol, number = m.group("pre"), m.group("num")
        currency = _PREFIX.get(symbol.lower()) or symbol.upper()
    else:
        symbol, number = m.group("suf"), m.group("num2")
        currency = _SUFFIX.get(symbol.lower()) or symbol.upper()
    value = _parse_number(number, currency)
    return (value, currency) if value is not None else (None, None)


def _words_value(words: str) -> int:
    total = 0
    for part in re.split(r"[\s-]+", words.lower()):
        if part == "hundred":
            total = max(total, 1) * 100
        elif part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
        elif part == "a":
            total += 1
    return total


def _parse_number(number: str, currency: str) -> float | None:
    """'1,250.00' -> 1250.0, '9,99' -> 9.99, '1.250,00' -> 1250.0, '1,25,000' -> 125000.0."""
    s = re.sub(r"[\s\u00a0\u202f']", "", number)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".") if re.fullmatch(r"\d+,\d{1,2}", s) else s.replace(",", "")
    elif s.count(".") > 1 or (re.fullmatch(r"\d{1,3}\.\d{3}", s) and currency in ("EUR", "JPY")):
        s = s.replace(".", "")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


# --------------------------------------------------------------------------
# Due dates

_NUM = (r"(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fourteen|fifteen|"
        r"twenty|thirty|forty-five|forty|sixty|ninety)")
_WORD_NUMBERS = {"a": 1, "an": 1, "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
                 "forty-five": 45, "sixty": 60, "ninety": 90, **_UNITS}
_WEEKDAYS = {"monday": MO, "tuesday": TU, "wednesday": WE, "thursday": TH, "friday": FR, "saturday": SA, "sunday": SU}
_MONTHS = _alt(
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sept?", "oct", "nov", "dec",
) + r"\.?"
_ORDINAL = r"(?:st|nd|rd|th)"
_UNIT = _alt(
    r"(?:business|working|banking)\s+days?", "days?", "hours?", "hrs?", "minutes?", "mins?", "weeks?", "months?",
    r"(?:billing|statement)\s+(?:cycles?|periods?)", "cycles?", "statements?", "bills?",
)
_SPAN_OPENER = _alt("within", "in", r"inside(?:\s+of)?", "over", r"allow(?:\s+up\s+to)?", r"give\s+(?:us|it)",
                    r"up\s+to")
_APPROXIMATELY = r"(?:up\s+to\s+|about\s+|around\s+|approximately\s+|roughly\s+)?"

# (kind, regex); `_resolve` turns each kind into a date
_DUE_PATTERNS = [(kind, re.compile(rx, re.I)) for kind, rx in [
    ("span", r"\b" + _SPAN_OPENER + r"\s+(?:the\s+)?(?:next\s+)?" + _APPROXIMATELY + r"(?:another\s+)?"
             r"(?P<n>" + _NUM + r")(?:\s*(?:-|\u2013|to|or)\s*(?P<m>" + _NUM + r"))?\s+(?P<unit>" + _UNIT + r")\b"),
    ("hour", r"\bwithin\s+the\s+(?:next\s+)?hour\b"),
    ("next_cycle", r"\b(?:on|with|in|by|to)?\s*(?:your|the)\s+next\s+(?:billing\s+)?"
                   r"(?:statement|bill|billing\s+cycle|cycle)\b"),
    ("next_business_day", r"\b(?:by\s+)?(?:the\s+)?next\s+(?:business|working)\s+day\b"),
    ("end", r"\b(?:by\s+|before\s+)?(?:the\s+)?end\s+of\s+(?P<which>the|this|next)\s+(?P<unit>week|month)\b"),
    ("week", r"\b(?P<which>this|next)\s+(?P<unit>week|month)\b"),
    ("day_after", r"\bthe\s+day\s+after\s+tomorrow\b"),
    ("tomorrow", r"\b(?:by\s+)?tomorrow\b"),
    ("today", r"\b(?:by\s+)?" + _alt("today", "tonight", r"this\s+(?:morning|afternoon|evening)",
                                      r"(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day",
                                      r"close\s+of\s+business", "COB", "EOD") + r"\b"),
    ("weekday", r"\b(?:(?P<pre>by|on|before|until|this|next|coming)\s+)?(?P<wd>" + _alt(*_WEEKDAYS) + r")\b"),
    ("date", r"\b(?:by|on|for|before|no\s+later\s+than)\s+(?:the\s+)?(?P<d>"
             + _MONTHS + r"\s+\d{1,2}" + _ORDINAL + r"?(?:,?\s+\d{4})?"
             r"|\d{1,2}" + _ORDINAL + r"?\s+(?:of\s+)?" + _MONTHS + r"(?:,?\s+\d{4})?)\b"),
    ("day_of_month", r"\b(?:by|on|before)\s+the\s+(?P<day>\d{1,2})" + _ORDINAL + r"\b(?!\s+(?:of\s+)?" + _MONTHS + ")"),
]]


def find_due(text: str, sent_at: dt.datetime | None) -> tuple[str | None, str | None]:
    """(due_text, due_by) for the due expression in `text` implying the latest date.

    Without `sent_at` the first due expression is returned and due_by is None.
    """
    found = _due_matches(text)
    if not found:
        return None, None
    if sent_at is None:
        return found[0][1].group(0).strip(), None
    dated = [(d, m.group(0).strip()) for kind, m in found if (d := _resolve_safely(kind, m, sent_at)) is not None]
    if not dated:
        return found[0][1].group(0).strip(), None
    latest = max(dated, key=lambda x: x[0])
    return latest[1], latest[0].isoformat()


def _due_matches(text: str) -> list[tuple[str, re.Match]]:
    taken: list[tuple[int, int]] = []
    found = []
    for kind, regex in _DUE_PATTERNS:
        for m in regex.finditer(text):
            if any(m.start() < b and a < m.end() for a, b in taken):
                continue
            if kind == "span" and re.search(r"\bfor\s+(?:the\s+)?(?:next\s+|first\s+)?$", text[:m.start()], re.I):
                continue  # "for the next 6 months" is a period, not a deadline
            if kind == "span" and re.match(r"\s+(?:of|after|from)\b", text[m.end():], re.I):
                continue  # "within 6 weeks of the move" counts from another event
            if text[m.end():m.end() + 2] == "'s":
                continue  # "this month's late fee"
            taken.append((m.start(), m.end()))
            found.append((kind, m))
    return sorted(found, key=lambda f: f[1].start())


def _resolve_safely(kind: str, m: re.Match, sent_at: dt.datetime) -> dt.date | None:
    """Like `_resolve`, but a date beyond what datetime can hold is no date."""
    try:
        return _resolve(kind, m, sent_at)
    except (OverflowError, ValueError):  # "within 99999999 days", a year past 9999
        return None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _WORD_NUMBERS[word.lower()]


def _resolve(kind: str, m: re.Match, sent_at: dt.datetime) -> dt.date | None:
    """The latest date the due expression `m` (of pattern `kind`) implies."""
    return _RESOLVERS[kind](m, sent_at, sent_at.date())


def _span(m: re.Match, sent_at: dt.datetime, day: dt.date) -> dt.date:
    n = max(_number(m.group("n")), _number(m.group("m")) if m.group("m") else 0)
    return _add_span(sent_at, n, m.group("unit").lower())


def _weekday(m: re.Match, sent_at: dt.datetime, day: dt.date) -> dt.date:
    """On or after `day`; "next Friday" is strictly after it."""
    start = day + dt.timedelta(days=1) if (m.group("pre") or "").lower() == "next" else day
    return start + relativedelta(weekday=_WEEKDAYS[m.group("wd").lower()])


_RESOLVERS = {
    "span": _span,
    "hour": lambda m, sent_at, day: (sent_at + dt.timedelta(hours=1)).date(),
    "next_cycle": lambda m, sent_at, day: day + relativedelta(months=1),
    "next_business_day": lambda m, sent_at, day: _add_business_days(day, 1),
    "end": lambda m, sent_at, day: _end_of(day, m.group("which").lower(), m.group("unit").lower()),
    "week": lambda m, sent_at, day: _end_of(day, m.group("which").lower(), m.group("unit").lower()),
    "day_after": lambda m, sent_at, day: day + dt.timedelta(days=2),
    "tomorrow": lambda m, sent_at, day: day + dt.timedelta(days=1),
    "today": lambda m, sent_at, day: day,
    "weekday": _weekday,
    "date": lambda m, sent_at, day: _next_date(m.group("d"), day),
    "day_of_month": lambda m, sent_at, day: _next_day_of_month(int(m.group("day")), day),
}


def _add_span(sent_at: dt.datetime, n: int, unit: str) -> dt.date:
    day = sent_at.date()
    if unit.startswith(("business", "working", "banking")):
        return _add_business_days(day, n)
    if unit.startswith(("hour", "hr")):
        return (sent_at + dt.timedelta(hours=n)).date()
    if unit.startswith("min"):
        return (sent_at + dt.timedelta(minutes=n)).date()
    if unit.startswith("week"):
        return day + dt.timedelta(weeks=n)
    if unit.startswith("day"):
        return day + dt.timedelta(days=n)
    return day + relativedelta(months=n)  # months, billing cycles, statements, bills


def _add_business_days(day: dt.date, n: int) -> dt.date:
    """`n` weekdays after `day` (public holidays are not known, so not skipped)."""
    if n <= 0:
        return day
    if day.weekday() > 4:  # from a weekend, count as from the Friday before
        day -= dt.timedelta(days=day.weekday() - 4)
    weeks, rest = divmod(n, 5)
    day += dt.timedelta(weeks=weeks)
    while rest:
        day += dt.timedelta(days=1)
        rest -= day.weekday() < 5
    return day


def _end_of(day: dt.date, which: str, unit: str) -> dt.date:
    """Last day of this/next week (weeks end on Sunday) or month."""
    if unit == "week":
        end = day + relativedelta(weekday=SU)
        return end + dt.timedelta(weeks=1) if which == "next" else end
    months = 1 if which == "next" else 0
    return day + relativedelta(months=months, day=31)


def _next_date(text: str, day: dt.date) -> dt.date | None:
    """A written date ("October 20", "1 December 2025") on or after `day`."""
    try:
        parsed = dateparser.parse(re.sub(r"\bof\b", " ", text), default=dt.datetime(day.year, day.month, 1)).date()
    except (ValueError, OverflowError):
        return None
    if parsed < day and not re.search(r"\d{4}", text):
        if parsed >= day - dt.timedelta(days=60):
            return None  # "refunded on March 2", said on March 4: history, not a deadline
        parsed += relativedelta(years=1)
    return parsed


def _next_day_of_month(n: int, day: dt.date) -> dt.date | None:
    if not 1 <= n <= 31:
        return None
    this_month = day + relativedelta(day=n)
    return this_month if this_month >= day else day + relativedelta(months=1, day=n)


def _parse_sent_at(sent_at: dt.datetime | str | None) -> dt.datetime | None:
    if sent_at is None or isinstance(sent_at, dt.datetime):
        return sent_at
    try:
        return dateparser.isoparse(sent_at)
    except (ValueError, OverflowError):
        raise ValueError(f"sent_at must be ISO-8601 like 2025-03-04T10:44:00-05:00, not {sent_at!r}") from None


# --------------------------------------------------------------------------
# Promises


def find_promises(
    text: str, role: str = "agent", sent_at: dt.datetime | str | None = None
) -> list[Promise]:
    """The commitments made in one message, in order.

    Only the company's side makes promises: for any role other than "agent"
    or "bot" the result is empty. `sent_at` (an aware datetime, or ISO-8601
    with offset) anchors relative due dates; its own local date is "today".
    Raises ValueError when `sent_at` is a string that is not ISO-8601.
    """
    when = _parse_sent_at(sent_at)
    if (role or "").lower() not in COMPANY_ROLES or not text:
        return []
    plain = text.replace("\u2019", "'")  # same length, so spans stay valid
    promises = []
    for start, end in split_sentences(plain):
        promises.extend(_sentence_promises(plain[start:end], text[start:end], when))
    return promises


def _sentence_promises(sentence: str, written: str, when: dt.datetime | None) -> list[Promise]:
    if sentence.rstrip().endswith("?"):
        return []
    found: list[Promise] = []
    previous_mode: str | None = None
    for _, clause in split_clauses(sentence):
        marker = _find_marker(clause, previous_mode)
        previous_mode = _subject_mode(clause) or (marker.mode if marker else None)
        if marker is None and found and _ALLOW_ONLY.match(clause):
            found[-1] = _merge(found[-1], Promise("_", "", None, None, *find_due(clause, when)))
        if marker is None or _rejected(clause, sentence):
            continue
        promise = _clause_promise(written, clause, marker, when)
        if promise is None:
            continue
        if found and _continues(found[-1], promise):
            found[-1] = _merge(found[-1], promise)
        elif promise.kind != "_":
            found.append(promise)
    return found


_ALLOW_ONLY = re.compile(r"^\s*(?:please\s+)?allow\b", re.I)


def _clause_promise(
    sentence: str, clause: str, marker: _Marker, when: dt.datetime | None
) -> Promise | None:
    kind = _kind(clause, marker)
    amount, currency = find_amount(clause)
    due_text, due_by = find_due(clause, when)
    if _POINTS_BACK.search(clause, marker.verb_at):
        # "that $35 fee is gone - I reversed it": the rest of the sentence says what "it" is
        if kind is None or (kind == "refund" and _FEE_NOUN.search(sentence)):
            kind = _kind(sentence, _Marker(marker.mode, 0, marker.verb))
        if amount is None:
            amount, currency = find_amount(sentence)
    if kind is None:
        kind = _fallback_kind(clause, marker)
    if kind is None:
        return None
    return Promise(kind, sentence, amount, currency, due_text, due_by)


def _fallback_kind(clause: str, marker: _Marker) -> str | None:
    """No cue named the kind. "_" marks a clause that only adds to the one before."""
    subject = clause[:marker.verb_at].strip()
    if marker.mode in ("thing", "done") and _PRONOUN_SUBJECT.match(subject):
        return "_"  # "... and it should arrive by Friday"
    if _OTHER_VERBS.search(clause[marker.verb_at:]):
        return "other"
    if marker.mode in ("first", "will") and not _open_participle(marker.verb):
        return "other"  # "We'll restore your internet": a commitment, of no listed kind
    return "_"


def _continues(previous: Promise, new: Promise) -> bool:
    """Whether `new` only restates `previous` ("...; you'll see the credit in 2 cycles")."""
    if new.kind == "_":
        return True
    if new.amount is not None and previous.amount is not None:
        return False
    return new.kind == previous.kind or (new.kind in _MONEY_KINDS and previous.kind in _MONEY_KINDS)


def _merge(previous: Promise, new: Promise) -> Promise:
    """`previous`, taking the money it lacked and the later due date from `new`."""
    if previous.amount is None and new.amount is not None:
        previous = replace(previous, amount=new.amount, currency=new.currency)
    if new.due_text is None:
        return previous
    if previous.due_text is None or (new.due_by and (previous.due_by is None or new.due_by > previous.due_by)):
        return replace(previous, due_text=new.due_text, due_by=new.due_by)
    return previous


# --------------------------------------------------------------------------
# Reference numbers

_LABEL_WORDS = [
    (r"reference|ref", "reference"), (r"confirmation|conf", "confirmation"), (r"case|complaint", "case"),
    (r"e-?ticket|ticket|service\s+request|SR", "ticket"), (r"claim", "claim"), (r"dispute", "dispute"),
    (r"file", "file"), (r"order", "order"), (r"incident", "incident"),
    (r"tracking|waybill|air\s+waybill|AWB|consignment", "tracking"),
    (r"booking|reservation|PNR|record\s+locator", "booking"),
]
_GENERIC_LABELS = ("reference", "confirmation")
_LABEL_WORD = r"(?:" + "|".join(rx for rx, _ in _LABEL_WORDS) + r")"
# a label word inside a value ("REF.2025.0042") is not a label
_LABEL_RUN = re.compile(
    r"(?<![\w./-])(?P<run>" + _LABEL_WORD + r"(?:[\s,/]+" + _LABEL_WORD + r")*)\b(?![-./]\w)\.?", re.I
)
_CONNECTOR = re.compile(
    r"(?:\s*(?:(?:number|num|nr|no|id|code)s?\.?(?![a-z0-9])|\#|:|=|,|\(|(?:is|was|will\s+be)(?![a-z0-9])"
    r"|(?:for|that|which|you|we|i)\s+(?:[^.;:!?,]|\.(?=\d)){1,60}?(?:\s+(?:is|was)(?![a-z0-9])|,)))*\s*\#?\s*",
    re.I,
)
_VALUE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|[-./](?=[A-Za-z0-9]))*")
_PHONE = re.compile(r"(?:\+?1[-.])?\(?\d{3}\)?[-.]\d{3}[-.]\d{4}|\d{3}[-.]\d{4}|1-?8\d\d-.*")
_DATE_LIKE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}/\d{1,2}")
_PHONE_CONTEXT = re.compile(r"\b(?:call|phone|tel|line|fax|text)\w*\W*$", re.I)
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|(?:points?|miles|digits?|characters?|days?|hours?|minutes?|weeks?|months?|business|working|kwh|gb|mb)\b)",
    re.I,
)


def find_references(text: str) -> list[Reference]:
    """Reference-like numbers in `text`, said by anyone, in order of appearance.

    A value counts only after a label word ("case", "ticket", "claim no.",
    "confirmation code:") and only if it looks like an identifier: at least
    four characters with a digit (six capital letters for booking and
    confirmation codes), and not a phone number, date, amount or quantity.
    """
    best: dict[tuple[int, int], tuple[int, str]] = {}
    for m in _LABEL_RUN.finditer(text):
        conn = _CONNECTOR.match(text, m.end())
        value = _VALUE.match(text, conn.end())
        if not value:
            continue
        label = _label_of(m.group("run"))
        span = _with_digit_groups(text, value)
        if _looks_like_reference(text[span[0]:span[1]], label, text, span[1]):
            best[span] = max(best.get(span, (-1, "")), (m.start(), label))
    refs, seen = [], set()
    for span in sorted(best):
        value = text[span[0]:span[1]]
        if value not in seen:
            seen.add(value)
            refs.append(Reference(best[span][1], value))
    return refs


_DIGIT_GROUP = re.compile(r" \d{3,6}(?![\w-])")


def _with_digit_groups(text: str, value: re.Match) -> tuple[int, int]:
    """Extend an all-digit value over digit groups written with single spaces ("1234 5678")."""
    end = value.end()
    if value.group(0).isdigit() and not _PHONE_CONTEXT.search(text[max(0, value.start() - 12):value.start()]):
        while (group := _DIGIT_GROUP.match(text, end)) and not _QUANTITY_AFTER.match(text, group.end()):
            end = group.end()
    return value.start(), end


def _label_of(run: str) -> str:
    labels = []
    for word in re.finditer(_LABEL_WORD, run, re.I):
        labels.extend(label for rx, label in _LABEL_WORDS if re.fullmatch(rx, word.group(0), re.I))
    specific = [label for label in labels if label not in _GENERIC_LABELS]
    return (specific or labels or ["reference"])[-1]


def _looks_like_reference(value: str, label: str, text: str, end: int) -> bool:
    if label in ("booking", "confirmation") and re.fullmatch(r"[A-Z]{6}", value):
        return True
    if len(value) < 4 or not re.search(r"\d", value):
        return False
    if _PHONE.fullmatch(value) or _DATE_LIKE.fullmatch(value):
        return False
    return not _QUANTITY_AFTER.match(text, end)
