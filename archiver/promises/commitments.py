"""Commitments in a company message, read as subject + verb group + object.

A clause is a promise when its verb group commits the company (I/we/our team/a
company name acting, done or to come; a thing passively done or on its way;
"you'll receive ...") to a verb from the lexicon, and no negation, condition,
hedge, offer, habit or question scopes over it. The kind comes from the verb,
or from the head noun of what the verb acts on (lexicon.py), never from the
nearest cue word. A cheap word-set check skips messages with no commitment verb.
A clause that only points back ("the same will reflect in 3 days", "$48 will be
back by Friday") gives the promise before it its date and sum. Each walk over
the words is bounded (_WALK, _NESTING) and what a clause's verbs ask of it is
worked out once (_ClauseFacts), so a clause of thousands of verbs stays linear.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from .casual import CASUAL_MODALS, standard_tokens
from .dates import find_due, parse_sent_at
from .lexicon import (
    AGENT_NOUNS,
    BAD_NEWS,
    FORMS,
    MONEY_OVERRIDES,
    NEUTRAL,
    NOUN_PAIRS,
    NOUNS,
    OBJECT,
    QUANTIFIERS,
    RECEIVE,
    STRONG,
    VERB_BY_LEMMA,
    Verb,
)
from .money import MONEY_SIGN_CLASS, MONEY_SIGNS, find_amount
from .records import COMPANY_ROLES, KINDS, Promise
from .sentences import split_clauses, split_sentences, tokenize

# --------------------------------------------------------------------------
# Closed word classes of the verb group

_FUTURE = frozenset({"will", "'ll", "shall", "wo", "should", "gonna"})
_HEDGE_MODALS = frozenset({"would", "'d", "can", "ca", "could", "may", "might", "must"})
_BE = frozenset({"be", "been", "being", "is", "are", "'re", "am", "'m", "was", "were", "'s"})
_HAVE = frozenset({"has", "have", "'ve", "had"})
_NEG = frozenset({"n't", "not", "never"})
_AUX = _FUTURE | _HEDGE_MODALS | _BE | _HAVE | _NEG | frozenset(
    {"to", "going", "about", "able", "happy", "glad", "pleased", "get", "got", "agreed"}
)
_VERB_AUX = _FUTURE | _HEDGE_MODALS | _BE | _HAVE
_ADVERBS = frozenset(
    "just also now already personally then definitely actually currently gladly automatically immediately both "
    "all each right really certainly manually quickly officially formally successfully since again still soon "
    "promptly directly kindly fully".split()
)
_PRONOUNS = frozenset({"i", "we", "you", "it", "they", "he", "she", "this", "that", "these", "those", "who", "which"})
_DETERMINERS = frozenset(
    "the your a an our my this that these those his her their one each both someone somebody everything".split()
)
_ARTICLES = frozenset("a an the your our my this that these those his her their".split())
_PRONOUN_OBJECTS = frozenset({"it", "this", "that", "them", "these", "those", "both"})
_INDIRECT = frozenset({"you", "me", "us", "him", "her", "them"})
#: where a noun phrase ends
_NP_END = frozenset(
    "to for with on in into onto from by of at within before after until over under via through between as per "
    "and or but so because while when once if that which who whose off back out up down today tomorrow tonight "
    "now soon shortly immediately is are was were will 'll has have had be been being should can could would "
    "worth like without unless using including regarding concerning following excluding since because due about"
    # a time said after the thing is no part of it: "the £25 charge this once", "the fee this month"
    " this".split()
)
_PARTICLE_WINDOW = 8
#: how many words a walk from a verb reads, back to its subject or on through its object: far more than a real
#: phrase holds, and what keeps a hostile clause of thousands of verbs linear, one short walk per verb
_WALK = 40
#: how deep one phrase is read inside another ("a request to refund the fee", "an order for a new card"):
#: real ones nest once or twice; "an order for an order for ..." from a hostile page would exhaust the stack
_NESTING = 4

_NEGATION = re.compile(
    r"\b(?:not|never|no\s+longer|unable|cannot|unfortunately|afraid|neither|nor|"
    r"(?:wo|ca|do|did|does|is|are|was|were|have|has|could|would|should)nt)\b|n't\b", re.I)
_HEDGE = re.compile(
    r"\b(?:typically|usually|generally|normally|often|sometimes|always|routinely|in general|in most cases|"
    r"as a rule|our policy|(?<!your )policy is(?!\s+now)|per our (?:policy|policies|terms|rules|guidelines|process)|similar|in the past|tend to|eligible|would you|do you want|"
    r"shall i|if you'd like|if you would like|would need|aim to|try to|hope to|hopefully|possibly|probably|"
    r"might|could|can take|(?:you|me) on (?:a (?:brief |short )?)?hold)\b",
    re.I,
)
_MAY = re.compile(r"\bmay\b")  # case-sensitive: "by May 2" is a date, not a hedge
_CONDITION = re.compile(
    # "provided" opens a condition only before its clause; else it is what the customer gave: "the cause you provided"
    r"\b(?:if|unless|provided(?=\s+(?:that|you|your|it|its|the|we|there|this|they|he|she|all|no|any|our)\b)|"
    r"providing|as long as|so long as|assuming|supposing|presuming|subject to|"
    r"on (?:the )?condition|depending on|in case|should (?:the|your|you|it|this|that|there|anything|any|we)\b|"
    r"in the event|only after|until you|before (?:i|we) can|"
    r"(?:once|when|after|as soon as)\s+(?:you(?!\s+(?:\w+ed|bought|paid|made|got|had|were|did|left|sent|took|"
    r"spoke|told|rang|came|went|gave|saw|chose|brought|sold|spent|won|lost|put|set|read)\b)|"
    # "after your \u00a3250 excess" is a deduction, not a wait
    r"your\b(?!\s*" + MONEY_SIGN_CLASS + r")|"
    r"we(?:'ve|\s+have)?\s+(?:receive|received|get|got|have|"
    r"hear\s+(?:back\s+)?from\s+you|see|verify|confirm|review|reviewed|assess|assessed|inspect|inspected|check|checked))|"
    # what must happen to the goods first: "once the item is picked up and passes the quality check"
    r"(?:once|when|after|as soon as)\b[^,;]{0,40}\b(?:returned|sent back|back with us|"
    r"arrives back|is received|are received|has been received|picked up|collected|inspected|passes))\b",
    re.I,
)
#: what someone else must do first: "once the deposit clears", "will ship once they confirm it's lost". Only
#: contact survives it ("I'll update you once the merchant responds" is a promise to write when it happens), and
#: so does a step of the company's own already under way ("as soon as the engineer has checked the meter")
_AWAITED = re.compile(
    r"\b(?:once|as\s+soon\s+as)\s+(?:the|they|he|she)\s+(?:[a-z-]+\s+){0,3}?"
    r"(?:(?!(?:is|has|was|does)\b)[a-z]+(?<!s)s|confirm|approve|agree|decide|reply|respond|clear|arrive|finish)\b"
    # word from a third party is awaited too: "I'll email you as soon as we hear back"
    r"|\b(?:once|as\s+soon\s+as|when)\s+(?:we|i)\s+hear\b(?!\s+from\s+you\b)", re.I)
_BENIGN_CONDITION = re.compile(r"\bif (?:you have|you need|there(?:'s| is| are)|anything else)\b[^,;]*", re.I)
#: a negation inside a relative clause about the past says nothing of the promise around it:
#: "we refunded the $89 you paid for the Wi-Fi that never worked", "the two charges that you don't recognise"
_RELATIVE_NEGATION = re.compile(
    r"\b(?:that|which|who)\s+(?:(?:you|it|they|he|she)\s+)?(?:never|(?:do|did|does|was|were|is|has|had|have|would|could"
    r"|wo|ca)"
    r"(?:n't|\s+not))\s+\w+"
    # what the customer did not do, said of the thing: "the day pass you bought but never used"
    r"|\byou\s+[a-z]+\s+(?:but|and)\s+(?:never|did(?:n't|\s+not))\s+\w+"
    # a relative clause with no "that": "removed the device you didn't recognise", "the charge you never made"
    r"|\b(?:device|charge|charges|transaction|transactions|payment|payments|purchase|purchases|login|sign-in|order|"
    r"orders|subscription|call|calls|text|texts|email|emails|fee|fees|debit|debits)\s+you\s+(?:never|"
    r"(?:do|did|does)(?:n't|\s+not))\s+\w+", re.I)
#: a refusal word before a noun names what is being put right, not a refusal of it: "filed an appeal on that
#: denied claim", "I've re-run the declined payment"
_REFUSED_THING = re.compile(
    r"\b(?:the|that|this|those|these|your|a|an)\s+(?:denied|declined|rejected|refused|suspended|unsuccessful)\s+(?=[a-z])",
    re.I)
#: a hedge about the bank's timing in a relative clause leaves the act before it whole: "I've requested a
#: refund of the \u00a3146.22 to your bank, which normally takes 3 to 5 working days"
_RELATIVE_TIMING = re.compile(
    r"\bwhich\s+(?:normally|usually|typically|generally|often)\s+(?:takes|clears|arrives|lands|shows|posts)\b", re.I)
#: what happens by itself or by a third party is no commitment of the company's: "a pending authorization
#: should drop off on its own", "the $75 should be released by the merchant"
_NOT_OURS = re.compile(r"\b(?:on\s+(?:its|their)\s+own|by\s+(?:itself|themselves)|"
                       r"by\s+the\s+(?:merchant|retailer|seller|vendor)s?)\b", re.I)
_MEMO = re.compile(r"\bmade\s+a\s+note\b|\bon\s+record\s+that\b", re.I)
_REFUSED = re.compile(r"\b(?:denied|declined|rejected|refused|suspended|unsuccessful)\b", re.I)
_HISTORY = re.compile(
    r"\b(?:last\s+(?:week|month|night|time|year|\w+day)|ago|earlier|previously|already|"
    r"recently|i\s+(?:can\s+)?see|looking\s+at\s+(?:your|the)\s+(?:account|records?|history|file)|records?\s+shows?|it\s+looks\s+like|according\s+to|in\s+(?:january|february|march|april|may|june|july|august|september|october|november|december)|"
    r"you\s+(?:mentioned|asked\s+about|referred\s+to|saw|noticed|spotted|were\s+told\s+about))\b",
    re.I,
)
#: a day named with "on" in the simple past dates what already happened: "your card was dispatched on the 15th",
#: "the form was received on May 28"; "was posted today" is news
_ON_A_PAST_DAY = re.compile(
    r"\b(?:back\s+)?on\s+(?:the\s+\d{1,2}(?:st|nd|rd|th)\b|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+"
    r"\d{1,2}\b|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)", re.I)
_NOT_CHARGED = re.compile(
    r"(?:won't|wont|will\s+not)\s+(?:be\s+(?:charged|billed)\b|(?:show\s+up|appear|see\s+(?:it|this|that|them|"
    r"(?:the|this|that|your|a|any)\s[^,;.]{1,30}?))\s+on\s+(?:your|the|this|next|any)\b)",
    re.I,
)
#: how a plan or a trial works, not what was done for this customer: "cancel any time before then and you won't be
#: charged", "you won't be billed while it's paused"
_TERMS = re.compile(r"\b(?:any\s*time|while\s+(?:it|you|they|the|your)\b)", re.I)
#: a fee gone is waived; a hold, block or cap gone is a restriction lifted ("the hold on your card is gone",
#: "the data cap is off your line")
_FEE_GONE = re.compile(
    # a fee may be said with where it is from: "the ATM fees from your trip are off", "the charges on May's bill are gone"
    r"\b(?:(?P<fee>fees?|interest|penalty|penalties|charges?)(?:\s+(?:from|on|for)\s+[^,;:]{1,40}?)?|"
    r"(?:holds?|blocks?|restrictions?|freeze|suspension|bars?|barring|caps?|locks?)"
    r"(?:\s+on\s+(?:your|the)\s+[a-z]+)?)\s*(?:'s|is|are|has\s+been|have\s+been)\s+(?:now\s+)?(?:gone|off)\b",
    re.I,
)
#: a verbless status line: "Cancellation done.", "Refund processed and confirmed."
_DONE = re.compile(r"^\W*(?P<np>(?:your\s+|the\s+)?[a-z-]+(?:\s+[a-z-]+)?)\s+(?:(?:is|'s)\s+(?:now\s+)?(?:done|complete)|"
                   r"(?:now\s+|all\s+)?(?:done|complete|completed|processed|sorted|confirmed))\W*$", re.I)
_DONE_WORDS = frozenset({"done", "complete", "completed", "processed", "sorted", "confirmed"})
_ALLOW_ONLY = re.compile(r"^\W*(?:please\s+|kindly\s+)?(?:allow|give\s+it)\b", re.I)  # "give it 2 days to show"
_BACK = re.compile(r"\bback\b", re.I)
_OFF = re.compile(r"\boff\b", re.I)
_ALLOW = re.compile(r"^\W*(?:please\s+)?(?:allow|give\s+us)\b.*?\b(?:for|to\s+[a-z]+)\s+(?=(?:your|the)\b)", re.I)
#: what being "on us" owns up to rather than pays for: "the mistake is on us"
_BLAME = frozenset("mistake error fault blame oversight confusion mix-up delay issue problem".split())
_ON_US = re.compile(r"\b(?:is|are|'s|will\s+be)\s+(?:all\s+|also\s+)?on\s+(?:us|the\s+house)\b", re.I)
#: "your return seat is now 14C", "your new credit limit is $9,800": a setting's new value
_NOW_VALUE = re.compile(
    r"^\W*(?:(?:done|sorted|all\s+set|all\s+done)\W+)?(?:and\s+|so\s+)?(?P<your>your)\s+(?:(?P<new>new)\s+)?[a-z -]{1,30}?\s(?P<be>is|are|'s)\s+(?P<now>now\s+)?(?:"
    # a day of the month is a value too: "your payment date is now the 20th"
    + MONEY_SIGN_CLASS + r"|\d|(?P<day>the\s+\d{1,2}(?:st|nd|rd|th)\b))", re.I)
#: "your payment now comes out on the 15th instead of the 1st", read one stretch between commas at a time
#: a state said as done for this customer, like "now": "is frozen as of this moment", "are switched off as you asked"
_AS_ASKED = re.compile(
    r"\b(?:as\s+(?:you\s+)?(?:asked|requested|instructed|discussed|agreed)|as\s+of\s+(?:right\s+)?(?:now|this\s+moment)"
    r"|per\s+your\s+(?:request|instructions?)|with\s+immediate\s+effect|effective\s+immediately)\b", re.I)
#: what marks a new standing arrangement: "instead of the 1st", "starting with your January payment", "from now on"
_INSTEAD_OF = re.compile(r"\b(?:instead\s+of|starting\s+(?:with|from)|from\s+now\s+on|going\s+forward)\b", re.I)
_INSTEAD_WORDS = frozenset({"instead", "starting", "on", "forward"})
_YOUR = re.compile(r"\byour\b", re.I)
_NOW = re.compile(r"\bnow\b", re.I)
_COMMA_OR_SEMICOLON = re.compile(r"[,;]")
#: the verb may be dropped at the start of a line: "Pro-rata refund of \u00a341.25 on its way"
_ON_ITS_WAY = re.compile(r"\b(?:(?:is|are|'s)\s+(?:now\s+|already\s+)?|(?<=\w\s))on\s+(?:its|their|the)\s+way\b(?P<back>\s+back\b)?",
                         re.I)
_ESCALATION_RECIPIENT = frozenset("team department manager supervisor specialist specialists people".split())
#: contact by phone is a call: "by phone", "a phone call", "reach out to you on 512-555-0187"
_PHONE_MANNER = re.compile(r"\b(?:by|over\s+the)\s+(?:tele)?phone\b|\bphone\s+call\b|"
                           r"\b(?:on|at)\s+\+?\(?\d{2,4}\)?[\s.-]?\d{3,4}[\s.-]?\d{3,4}\b", re.I)
_MONEY_KINDS = ("fee_waiver", "credit", "refund")
#: one pass for every scope that cancels a clause
#: a word of every scope pattern, so that most clauses skip the patterns
_SCOPE_WORDS = frozenset(
    "not never longer unable cannot unfortunately afraid neither nor typically usually generally normally often "
    "sometimes always routinely general most rule policy per similar past tend eligible would want shall like need "
    "aim try hope hopefully possibly probably might could take expect hold if unless provided long case event only "
    "until before once when after soon returned back received denied declined rejected refused suspended "
    "unsuccessful note record may providing assuming supposing presuming subject condition depending should "
    "wont cant dont didnt doesnt isnt arent wasnt werent havent hasnt couldnt wouldnt shouldnt "
    "own itself themselves merchant merchants retailer retailers seller sellers vendor vendors".split()
)
#: what makes the clause after it a time or a condition: "you'll get a text when the engineer is on the way"
_SUBORDINATE_STARTS = frozenset("when once if until before after while whenever".split())
_CONDITION_STARTS = frozenset(
    "if unless provided providing as so in only until before once when after assuming supposing presuming subject "
    "on depending should".split())
_SCOPE = re.compile(
    "|".join(f"(?:{rx.pattern})" for rx in (_NEGATION, _HEDGE, _CONDITION, _REFUSED, _MEMO, _NOT_OURS)), re.I)

#: any of these words, and a message may hold a commitment; none, and it is skipped whole
#: The pre-check. A participle or -ing form of a commitment verb ("waived", "sending") may make a
#: promise on its own; a base form ("call", "order", "credit") is far more often a noun, and makes
#: one only with a modal or an auxiliary in the message ("we'll call"); so do set phrases.
_ALONE = frozenset(
    form for form, (verb, kind) in FORMS.items()
    if kind in ("past", "pp", "pastpp", "ing") or (kind == "s" and (verb.mode == NEUTRAL or verb.lemma in (
        "ship", "reship", "dispatch", "deliver")))
) | {"allow", "give", "expect", "way", "won", "wo", "effect", "gone", "active", "live", "effective", "inactive",
     "done", "complete", "ready", "visible", "under", "place", "house", "watch", "look"}
#: "you're now on the 11:20", "your seat is now 14C": a state set, said with "now"
_NOW_STATES = frozenset({"on", "part", "your", "with", "has", "have"})
_ALONE -= {"pulling", "hitting", "spotting"}  # "I'm just pulling up your account": chatter far more often
_WITH_MODAL = (frozenset(FORMS) - _ALONE) | {"be"}
_MODALS = frozenset(
    "will 'll ll shall should going gonna happy glad pleased able agreed won wo 've ve has had been being".split()
) | CASUAL_MODALS


_GONE_BE = frozenset({"is", "are", "s", "'s", "been"})


def _may_promise(words) -> bool:
    """The cheap pre-check: whether `words` (a set or list) could hold a commitment at all."""
    words = set(words)
    return not _ALONE.isdisjoint(words) or (not _WITH_MODAL.isdisjoint(words) and not _MODALS.isdisjoint(words)) or (
        "now" in words and not _NOW_STATES.isdisjoint(words)) or ("on" in words and "us" in words) or (
        "new" in words and "your" in words) or (  # "your new credit limit is $9,800"
        "off" in words and not _GONE_BE.isdisjoint(words))  # "the ATM fees are off"


@dataclass(frozen=True)
class _Found:
    """A commitment in one clause: its kind ("_" adds to the previous one) and where its verb is."""

    kind: str
    verb_at: int  # token index of the verb
    subject: str  # first, you, thing, agent, pronoun: carried over to a clause with no subject
    tense: str  # future, perfect, past, progressive, present: carried over too
    fallback: str | None = None  # the kind of a "_" that has nothing before it to add to
    np: int | None = None  # where the subject's noun phrase starts, for a clause that shares it
    local: bool = False  # a "_" that adds only to a promise of the same sentence
    verb: Verb | None = None  # the verb, for a "_" that takes its kind from a noun before it
    undated: bool = False  # a date in the clause is when something recurs, not when it is due
    hedged: bool = False  # a "_" under a hedge or condition: it may date the promise before, never stand alone


# --------------------------------------------------------------------------
# Public entry


def find_promises(
    text: str, role: str = "agent", sent_at: dt.datetime | str | None = None
) -> list[Promise]:
    """The commitments made in one message, in order.

    Only the company's side makes promises: for any role other than "agent"
    or "bot" the result is empty. `sent_at` (an aware datetime, or ISO-8601
    with offset) anchors relative due dates; its own local date is "today".
    Raises ValueError when `sent_at` is a string that is not ISO-8601.
    """
    when = parse_sent_at(sent_at)
    if (role or "").lower() not in COMPANY_ROLES or not text:
        return []
    plain = text.replace("\u2019", "'")  # same length, so spans stay valid
    if not _may_promise(_WORDS.findall(plain.lower())):
        return []
    promises: list[Promise] = []
    # "Here's what I did:\n- waived the $29 fee\n- set up autopay": each item is the agent's, done
    frame = _DONE_LIST if "\n" in plain and _lists_done(plain) else None
    summaries: list[int] = []  # where a bare "sorted" stands in found, dropped if anything else is promised
    for start, end in split_sentences(plain):
        sentence = plain[start:end]
        if sentence.rstrip().endswith("?"):
            continue
        _sentence_promises(sentence, text[start:end], when, promises, frame, summaries)
    if summaries and len(summaries) < len(promises):
        # "Yep, sorted. The data cap is off your line ...": the promises it sums up are said; it adds none
        dropped = set(summaries)
        promises = [p for k, p in enumerate(promises) if k not in dropped]
    return promises


_WORDS = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "we'll" gives "we", "ll"
#: marks that open an item of a list
_BULLETS = frozenset("- * \u2022 \u00b7 \u2013 \u2014 \u25aa \u25e6".split())
_BULLET_ITEM = re.compile(r"^[ \t]*[-*\u2022\u00b7\u2013\u2014\u25aa\u25e6][ \t]*(?:(?:just|also|[a-z]+ly)[ \t]+)?([a-z-]+)",
                          re.M | re.I)
#: the subject and tense an item of a list of things done shares: "I've ..."
_DONE_LIST = _Found("-", 0, "first", "perfect")


def _symbol(word: str) -> bool:
    """Whether a token is a pictograph or its modifier (an emoji, a variation selector), not a word or a sum."""
    return unicodedata.category(word[0]) in ("So", "Sk", "Mn", "Cf")


def _lists_done(text: str) -> bool:
    """Whether an item of a list in `text` opens with a verb in the past ("- waived the $29 fee").

    Then every item of its list is something the agent did, even one whose verb reads as an imperative
    ("- set up autopay"); a list of instructions opens its items with imperatives only.
    """
    return any(FORMS.get(m.group(1).lower(), (None, ""))[1] in ("past", "pastpp") for m in _BULLET_ITEM.finditer(text))


def _sentence_promises(
    sentence: str, written: str, when: dt.datetime | None, found: list[Promise], frame: _Found | None = None,
    summaries: list[int] | None = None,
) -> None:
    """Add the sentence's promises to `found`; a clause that only adds a date adds it to the last one.

    `frame` is the subject and tense an item of a list shares, when the sentence is one; `summaries`
    gathers the indices in `found` of bare "sorted"s, which stand only when nothing else is promised.
    """
    tokens = standard_tokens(tokenize(sentence), sentence, FORMS)
    words = [t[0] for t in tokens]
    # a list item's verb shares the subject of the list ("- set up autopay"): as if split off by "and"
    previous: _Found | None = frame if frame is not None and words and words[0] in _BULLETS else None
    if previous is None and not _may_promise(words):
        if found and (_follow_on(words, 0, len(words)) or _HEDGED_TIMING.match(sentence)):
            # "3-5 days to show.", "It may take up to 5 days to appear.": no verb the pre-check knows
            found[-1] = _merge(found[-1], Promise("_", "", None, None, *find_due(sentence, when)))
        return
    own = len(found)  # promises before this index came from earlier sentences: only a "_" adds to them
    sentence_sum = None  # the sentence's first sum, read once: a sentence can hold thousands of clauses
    told_first = False  # "let us know and we'll cancel it and send another": what follows waits on the customer
    previous_hit: _Found | None = None  # the clause of this sentence whose promise is found[-1]
    for first, end, soft in split_clauses(tokens, FORMS):
        a, b = tokens[first][1], tokens[end - 1][2]
        clause = sentence[a:b]
        told_first = told_first and soft
        hit = _clause_commitment(sentence, tokens, words, first, end, previous if soft or first == 0 else None)
        if told_first and hit is not None:
            hit = replace(hit, kind="-")
        told_first = told_first or bool(_TELL_US_AND.search(clause))
        # a promise of this sentence that has no sum yet, which a later clause may name
        unpriced = found[-1] if len(found) > own and found[-1].amount is None else None
        if hit is None:
            if found and (_ALLOW_ONLY.match(clause) or _follow_on(words, first, end) or _HEDGED_TIMING.match(clause)):
                found[-1] = _merge(found[-1], Promise("_", "", None, None, *find_due(clause, when)))
            elif unpriced and _names_its_sum(sentence, tokens, words, first, end, unpriced.kind):
                # "I got approval to reverse it, so that $95 charge is gone"; "so your payment is now $112"
                found[-1] = _merge(unpriced, Promise("_", "", *find_amount(clause), *find_due(clause, when)))
            previous = _frame(tokens, words, first, end)
            continue
        if hit.kind == "_" and hit.subject == "pronoun" and not _SUBORDINATE_STARTS.isdisjoint(
                words[max(first, hit.verb_at - 3):hit.verb_at]):
            continue  # "Once it arrives, you can return it within 30 days": a time for what follows, no pointer back
        previous = hit
        if hit.kind == "-":
            if found and _HEDGED_TIMING.match(clause):  # "...; you ought to see it in 5 to 10 business days"
                found[-1] = _merge(found[-1], Promise("_", "", None, None, *find_due(clause, when)))
            continue  # a commitment scoped out: keeps its subject for the next clause only
        amount, currency = find_amount(clause)
        if amount is None and hit.kind in _MONEY_KINDS and _points_back(words, hit.verb_at, end):
            sentence_sum = sentence_sum or find_amount(sentence)
            amount, currency = sentence_sum  # "that $35 fee is gone - I reversed it"
        kind = hit.kind
        if unpriced and unpriced.kind in _PAID_OUT and amount is not None and kind in _MONEY_KINDS + ("_",) and (
                _money_subject(sentence, tokens, first, hit.verb_at) or _claim_paid(unpriced, hit)):
            kind = "_"  # "I've approved your compensation: 400,00 € will be paid ...": the same money
        elif len(found) > own and _claim_paid(found[-1], hit) and amount in (None, found[-1].amount):
            kind = "_"  # "I've lodged your claim, AUD 340 in total, and the benefit will be paid ...": its payout
        if kind == "_" and hit.local and len(found) == own and found and found[-1].kind == "account_change" and (
                hit.fallback == "fee_waiver"):
            continue  # "I've cancelled your subscription. You won't be charged on 20 October.": what the change means
        if kind == "_" and (not found or (hit.local and len(found) == own)):
            if hit.hedged:
                continue  # "if one's ordered tonight you'd normally have it Friday": nothing before to date
            kind = _vague_kind(hit, words, _ClauseFacts(clause, sentence, words, first, end))
        if kind is None:
            continue
        if kind == "credit" and amount is not None and _RECURRING.search(clause):
            kind = "account_change"  # "$10 a month off your bill for 12 months": a discount on the plan
        due = find_due(clause, when) if not hit.undated else (None, None)
        if due[0] is None and kind not in _MONEY_KINDS and "'s" in clause:
            day = _DAY_OF.search(clause)  # "I've put you on tomorrow's 7:05": the day of what is booked
            due = find_due(day.group(1), when) if day else due
        promise = Promise(kind, written, amount, currency, *due)
        again = _said_again(hit, words, promise, found)
        if again is not None:
            found[again] = _merge(found[again], promise)  # "... The reversal should show within 2 business days."
        elif found and (promise.kind == "_" or len(found) > own) and _continues(found[-1], promise) and not (
                len(found) > own and _another_change(hit, previous_hit)):
            found[-1] = _merge(found[-1], promise)
        elif promise.kind != "_":
            if summaries is not None and kind == "other" and _sums_up(hit, words, end):
                summaries.append(len(found))
            found.append(promise)
            previous_hit = hit


def _another_change(hit: _Found, before: _Found | None) -> bool:
    """Whether `hit` is a second setting changed, not the first said again: "I've reset your password and
    removed the device", "moved your due date and enrolled you in paperless". Each is the agent's own act
    with its own verb; a restatement is a thing that shows or is received ("... you'll see the new rate")."""
    return before is not None and hit.kind == before.kind == "account_change" and all(
        h.verb is not None and h.verb.mode in (STRONG, OBJECT) and h.subject == "first" for h in (hit, before))


#: verbs that, with nothing named, only say that what follows is done: "that's been sorted — ..."
_SUMMING_UP = frozenset({"sort", "fix", "handle"})
_SUMMARY_ENDS = frozenset(",.;:!-–—".split() + list(",.;:!") + ["for", "now", "out", "then"])


def _sums_up(hit: _Found, words: list[str], end: int) -> bool:
    """Whether `hit` is a bare "sorted"/"that's been fixed", with no object: a summary of the message's other news."""
    if hit.verb is None or hit.verb.lemma not in _SUMMING_UP:
        return False
    after = hit.verb_at + 1
    return hit.subject == "pronoun" or after >= end or words[after] in _SUMMARY_ENDS


def _follow_on(words: list[str], first: int, end: int) -> bool:
    """Whether a clause with no subject only says when the promise before shows: its date is that promise's.

    "Should see it in 3-5 working days.", "Will post to your card within 2 days.", "3-5 days to show.":
    a chat line that drops "it" or "you", after a refund or credit said in full.
    """
    k = first
    while k < end and (words[k] in _ADVERBS or words[k] in _BULLETS):
        k += 1
    if k + 1 < end and words[k] in _FUTURE:
        verb = FORMS.get(words[k + 1], (None, ""))[0]
        return verb is not None and (verb.mode in (NEUTRAL, RECEIVE) or verb.lemma == "post")
    if k < end and end - k <= _SPAN_ALONE and FORMS.get(words[k], (None, ""))[1] == "s" and (
            FORMS[words[k]][0].mode == NEUTRAL or FORMS[words[k]][0].lemma == "post"):
        return True  # "The $29 late fee's off \u2014 shows on your next statement": "it" dropped
    if k < end and words[k] in _SPAN_OPENERS and end - k <= _SPAN_ALONE:
        return True  # "... is going back to your card \u2014 within 2 business days": a span said alone
    return k < end and words[k][:1].isdigit()  # "3-5 days to show": find_due says whether it is a span


#: what opens a clause that is only a due span; _SPAN_ALONE is how many words such a clause holds at most
_SPAN_OPENERS = frozenset({"within", "in", "by"})
_SPAN_ALONE = 7


#: a clause that asks the customer to act, joined by "and" to what the company will then do: the imperative
#: is the condition ("let us know and we'll send another", "reply to this email and we'll waive it")
_TELL_US_AND = re.compile(
    r"(?:\blet\s+(?:us|me)\s+know|\btell\s+(?:us|me)|\bget\s+in\s+touch|\b(?:contact|call|ring|message|email)\s+us"
    r"|\breply(?:\s+to\s+(?:this|the|our)\s+\w+)?|\bgive\s+us\s+a\s+(?:call|ring|shout)"
    # the customer's go-ahead: "just say the word and I'll put it through"
    r"|\bsay\s+the\s+word|\bgive\s+(?:us|me)\s+the\s+(?:go-ahead|nod|ok|okay|green\s+light)"
    # a word the customer types back is their go-ahead: "just reply YES and I'll issue it", "text OK and we'll ..."
    r"|\b(?:reply|respond|text|type|answer)\s+(?:back\s+)?(?:with\s+)?[\"'\u201c\u2018]?(?:yes|y|ok|okay|confirm|agree|go|1)"
    r"[\"'\u201d\u2019]?(?:\s+back)?)\W*$", re.I)
#: a hedged line that only says when the promise before shows: "expect to see it within 5 working days",
#: "you ought to see it in 5 to 10 days", "it usually appears within a week". The hedge is about the bank's
#: timing, not the commitment, which was made in full before it; alone, with nothing before, it is no promise
_HEDGED_TIMING = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:please\s+)?(?:"
    r"expect\s+(?:to\s+(?:see|receive|get|have)\s+)?(?:it|them|this|that|both)\b"
    r"|(?:you|it|they|this|that|both|the\s+(?:money|funds|refund|credit|payment|amount|sum))\s+"
    r"(?:(?:should|will|'ll|would)\s+)?(?:ought\s+to|usually|normally|typically|generally|tends?\s+to)\s+"
    r"(?:see|get|receive|have|appears?|arrives?|lands?|posts?|shows?|reaches?|takes?|clears?|reflects?)\b"
    # how long it takes, said with any modal: "it may take up to 5 business days to show", "it'll take 3-5 days"
    r"|(?:it|they|this|that|both|the\s+(?:money|funds|refund|credit|payment|amount|sum|reversal|adjustment))"
    r"(?:\s+|(?='))(?:may|might|can|could|will|'ll|should|would)\s+(?:also\s+|sometimes\s+)?take\b)",
    re.I)
_PAID_OUT = frozenset({"credit", "refund", "dispute", "fee_waiver"})
_DAY_OF = re.compile(r"\b(tomorrow|tonight|today|(?:mon|tues|wednes|thurs|fri|satur|sun)day)'s\b", re.I)
# a bare number starts only where its run of digits, commas and dots starts: from every digit of "1,1,1,..."
# the scan to the run's end is quadratic (a start inside a run matches only where the run's start does)
_RECURRING = re.compile(
    r"(?:" + MONEY_SIGN_CLASS + r"\s?\d[\d,.]*|\d(?<![\d,.]\d)[\d,.]*\s?(?:dollars|pounds|euros))\s*"
    r"(?:a|an|per|each|every|/)\s*(?:month|mo|year|yr|week)\b", re.I)
_MONEY_HEADS = frozenset({"money", "amount", "sum", "funds", "payment", "settlement", "compensation"})


def _claim_paid(claim: Promise, hit: _Found) -> bool:
    """Whether `hit` pays out the claim before it: "your claim's been approved and we'll pay out \u00a31,340"."""
    return claim.kind == "dispute" and hit.kind == "refund" and hit.verb is not None and hit.verb.lemma == "pay"


def _subject_text(sentence: str, tokens, words: list[str], first: int, end: int) -> str:
    """The words of a clause before its first verb or auxiliary."""
    k = first
    while k < end and not (k > first and (words[k] in _VERB_AUX or words[k] in FORMS)):
        k += 1
    return sentence[tokens[first][1]:tokens[k - 1][2]] if k > first else ""


def _money_subject(sentence: str, tokens, first: int, verb_at: int) -> bool:
    """Whether the subject before the verb at `verb_at` is a sum of money ("400,00 € will be paid")."""
    text = sentence[tokens[first][1]:tokens[max(first, verb_at - 1)][2]]
    return find_amount(text)[0] is not None


def _names_its_sum(sentence: str, tokens, words: list[str], first: int, end: int, kind: str) -> bool:
    """Whether a clause with no commitment names the sum of the promise before it.

    Its subject holds the money ("so that $95 charge is gone", "the $212 is yours to keep"); or,
    after a change of plan, it says what the payment now is ("so your monthly payment is now a flat $112").
    """
    if kind in _PAID_OUT or kind == "rewards":  # "..., so the cash back ($14.22) will post by the 30th"
        return find_amount(_subject_text(sentence, tokens, words, first, end))[0] is not None
    if kind == "account_change":
        tail = words[first:end]
        return ("now" in tail or "will" in tail or "'ll" in tail) and find_amount(sentence[tokens[first][1]:tokens[end - 1][2]])[0] is not None
    return False


def _vague_kind(hit: _Found, words: list[str], facts: _ClauseFacts) -> str | None:
    """The kind of a "_" with no promise before it to add to: what the noun before it names, or the verb's own.

    "Tracking number for the new card is 9405..., and it ships today" is the card's replacement;
    "I can see incident 88129034 ..., and it's now closed" closes a ticket, which is no promise.
    """
    if hit.verb is not None:
        antecedent = _antecedent(words, hit.verb_at)
        if antecedent:
            kind = _kind(hit.verb, [antecedent], 0, 1, facts, "thing", True)
            if kind != "_":
                return kind
    return hit.fallback


def _points_back(words: list[str], verb_at: int, end: int) -> bool:
    return any(w in _PRONOUN_OBJECTS for w in words[verb_at + 1:min(end, verb_at + 3)])


def _said_again(hit: _Found, words: list[str], new: Promise, found: list[Promise]) -> int | None:
    """Where in `found` is the money a clause only says the showing of: "The reversal should show within 2 days".

    Its subject is "the" and a word of money, with no sum of its own, and its verb only says it shows; it
    adds to the last money promise of the message, even with another promise said between.
    """
    if hit.np is None or hit.verb is None or hit.verb.mode != NEUTRAL or new.amount is not None or (
            new.kind not in _MONEY_KINDS):
        return None
    subject = [w for w in words[hit.np:hit.verb_at] if w not in _VERB_AUX and w not in _ADVERBS]
    if len(subject) != 2 or subject[0] not in ("the", "this", "that"):
        return None
    for k in range(len(found) - 1, max(-1, len(found) - 4), -1):
        if found[k].kind in _MONEY_KINDS:
            return k
    return None


def _continues(previous: Promise, new: Promise) -> bool:
    """Whether `new` only restates `previous` ("...; you'll see the credit in 2 cycles")."""
    if new.kind == "_":
        return True
    if new.amount is not None and previous.amount is not None and new.amount != previous.amount:
        return False
    # a fee waived is never a credit or refund said again: "I've put a \u00a312.50 credit on, and the fee has come off"
    return new.kind == previous.kind or (new.kind in _MONEY_KINDS and previous.kind in _MONEY_KINDS
                                         and new.amount is None and new.kind != "fee_waiver")


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
# One clause


def _clause_commitment(
    sentence: str, tokens: list, words: list[str], first: int, end: int, previous: _Found | None
) -> _Found | None:
    """The commitment in tokens[first:end], or None; kind "-" when one is there but scoped out."""
    clause = sentence[tokens[first][1]:tokens[end - 1][2]]
    facts = _ClauseFacts(clause, sentence, words, first, end)
    special = _special(sentence, clause, tokens, words, first, end, facts)
    if special is not None:
        return special
    vague = None
    for i in range(first, end):
        w = words[i]
        entry = FORMS.get(w) or (_be_phrase(words, i, end) if w == "be" else None) or (
            _state(words, first, i, end, facts) if w in _STATES else None)
        if entry is None:
            continue
        verb, form = entry
        hit = _verb_group(sentence, clause, tokens, words, first, end, i, verb, form, previous, facts)
        if hit is not None:
            if hit.kind != "_":
                return hit
            vague = vague or hit  # "that's been sorted, the £5 admin charge has been taken off": the later one says what
    return vague


#: a state the company has set, said with "be": "your roaming bolt-on is now active", "you're now on the 11:20"
_STATES = frozenset({"active", "live", "in", "on", "off", "part", "ready", "under", "visible", "with"})
_BE_STATE = Verb("be_active", "account_change", STRONG)
#: "your new card will be ready for collection": what is ready names the kind
_BE_READY = Verb("be_ready", None, NEUTRAL)
#: "the two charges are now under a formal dispute": what it is under names the kind
_BE_UNDER = Verb("be_under", "dispute", STRONG)
#: "the same will be visible in your statement": a thing that shows
_BE_VISIBLE = Verb("be_visible", None, NEUTRAL)
#: "your complaint is now with our specialist team", "our resolution team now has your case": handed on
_WITH_TEAM = Verb("be_with_team", "escalation", STRONG)
_COLLECTION = frozenset({"collection", "collect", "pick", "pickup", "pick-up"})
#: where a thing sent is: what is in them names the kind
_MAILBOXES = frozenset({"inbox", "mailbox", "post", "mail", "app"})
#: where money will be: only said of what is to come ("the £40 is in your account" is how things stand)
_ACCOUNTS = frozenset({"account", "bank"})
_BE_IN_ACCOUNT = Verb("be_in_account", None, NEUTRAL)
#: where money will be "on": "it'll be on your card by Friday"
_CARDS = frozenset({"card", "account", "statement", "bill"})
#: where what is put on the account shows: "your credit is now on your folio"
_BILLS = frozenset({"folio", "bill", "account", "statement", "invoice"})


def _state(words: list[str], first: int, i: int, end: int, facts: _ClauseFacts) -> tuple[Verb, str] | None:
    """ "is now active", "will be live from 1 October", "is in place", "is now part of your policy",
    "you're now on the 11:20", "will be ready for collection": read as a passive of setting it."""
    w, nxt = words[i], (words[i + 1] if i + 1 < end else "")
    j = i - 1
    while j >= first and (words[j] in _ADVERBS or words[j] in ("fully", "also")):
        j -= 1
    if not (j >= first and words[j] in _BE):
        return None
    now = "now" in words[j + 1:i]
    if w == "in" and nxt in ("your", "the") and i + 2 < end and words[i + 2] in _MAILBOXES:
        return _BE_VISIBLE, "pp"  # "an updated statement is in your inbox now", "your new card is in the post"
    if w == "in" and nxt == "your" and i + 2 < end and words[i + 2] in _ACCOUNTS and j > first and (
            words[j - 1] in _FUTURE):
        return _BE_IN_ACCOUNT, "pp"  # "it'll be in your bank within 5 working days": money on its way
    if w == "on" and nxt == "your" and i + 2 < end and words[i + 2] in _CARDS and j > first and words[j - 1] in _FUTURE:
        return _BE_IN_ACCOUNT, "pp"  # "it should be on your card in 5-7 working days": money on its way
    if w == "in" and nxt != "place":
        return None
    if w == "on" and now and nxt == "your" and i + 2 < end and words[i + 2] in _BILLS:
        return _BE_VISIBLE, "pp"  # "your $75 credit is now on your folio": what is on it names the kind
    if w == "on" and now and (i + 1 >= end or nxt in ("for", "and", ",", ".", "!") or nxt[:1] == "\u2705"):
        return _BE_STATE, "pp"  # "text alerts are now on for any transaction over $100": switched on
    if w == "off":
        # "auto-renew is now off", "paperless is off as you asked": switched off; a supply off is an outage
        return (_BE_STATE, "pp") if (now or facts.found(_AS_ASKED)) and (
            i + 1 >= end or nxt in ("for", "and", ",", ".", "!", "as")) and all(
            NOUNS.get(x) != "other" for x in words[first:j]) else None
    if w == "on" and now and nxt.isalpha() and nxt not in _NP_END and nxt not in _ARTICLES and nxt != "hold" and (
            "you" in words[max(first, j - 2):j]):
        return _BE_STATE, "pp"  # "you're now on Unlimited Plus": a plan named without "the"
    if w == "on" and not (nxt in ("the", "a", "an", "our") and (now or facts.words_due())):
        return None  # "you're now on the 11:20", "from next month you're on the Lite account"; not "on hold"
    if w == "part" and not (now and words[i + 1:i + 3] == ["of", "your"]):
        return None
    if w == "visible":
        return _BE_VISIBLE, "pp"
    if w == "with":
        # "your claim no. 4411-22 is now with our fraud team": a matter named by its number is looked up, not handed on
        named = any(ch.isdigit() for k in range(max(first, j - _WALK), j) for ch in words[k])
        return (_WITH_TEAM, "pp") if nxt in ("our", "the", "my") and not named and _names_recipient(
            words[i + 1:min(end, i + 8)]) else None
    if w == "ready":
        return (_BE_READY, "pp") if not _COLLECTION.isdisjoint(words[i + 1:i + 5]) else None
    if w == "under":
        # "are now under a formal dispute" is one opened; "is under dispute ID 66102" how things stand
        return (_BE_UNDER, "pp") if now and _thing_kind(words, i + 1, end) == "dispute" else None
    return _BE_STATE, "pp"


_BE_PLACES = {"touch": "be_touch", "contact": "be_touch", "back": "be_back", "with": "be_with", "there": "be_there", "out": "be_there",
              "at": "be_there", "over": "be_there", "round": "be_there"}


def _be_phrase(words: list[str], i: int, end: int) -> tuple[Verb, str] | None:
    """ "be in touch", "be back", "be with you", "be there": a place, not a state."""
    nxt = words[i + 1] if i + 1 < end else ""
    if nxt == "in" and i + 2 < end and words[i + 2] in ("touch", "contact"):
        nxt = "touch"
    if nxt == "on" and i + 2 < end and words[i + 2] == "site":
        nxt = "there"  # "our engineers will be on site tomorrow"
    if nxt == "with" and not (i + 2 < end and words[i + 2] == "you"):
        return None
    if nxt == "out" and i + 2 < end and words[i + 2] == "of":
        return None  # "we'll be out of stock"
    if nxt == "at" and not (i + 2 < end and words[i + 2] in ("your", "the")):
        return None
    lemma = _BE_PLACES.get(nxt)
    return (VERB_BY_LEMMA[lemma], "base") if lemma else None


def _frame(tokens, words: list[str], first: int, end: int) -> _Found | None:
    """The subject and tense of a clause that made no promise, for the clause after it to share.

    "A supervisor will review your case and call you back": "call" is the supervisor's, to come.
    """
    for k in range(first + 1, min(end, first + 12)):
        w = words[k]
        if w in _FUTURE or w in _HAVE or (w in ("'m", "am", "are", "'re", "is") and k + 1 < end and (
                words[k + 1] == "being" or FORMS.get(words[k + 1], (None, ""))[1] == "ing")):
            subject, np_start = _subject(tokens, words, first, k)
            if subject in ("none", "generic"):
                return None
            tense = "future" if w in _FUTURE else "perfect" if w in _HAVE else "progressive"
            return _Found("-", k, subject, tense, np=np_start if subject == "thing" else None)
        if w in ("is", "'s", "are", "'re") and k + 1 < end and words[k + 1] in ("with", "reserved", "booked"):
            # "it's with FedEx ... and should arrive by Wednesday", "it's reserved for you and ships next Friday"
            subject, np_start = _subject(tokens, words, first, k)
            if subject in ("pronoun", "thing"):
                return _Found("-", k, subject, "present", np=np_start if subject == "thing" else None)
            return None
        if w in ("," , "if", "when", "once"):
            return None
    return None


def _special(sentence, clause, tokens, words, first, end, facts: _ClauseFacts) -> _Found | None:
    """Set phrases: "you won't be charged", "please allow ... for your card to arrive", "is on its way"."""
    here = set(words[first:end])
    if ("n't" in here or "not" in here) and _NOT_CHARGED.search(clause) and not _CONDITION.search(clause) and not (
            _TERMS.search(sentence)):
        if _names_a_fee(clause):
            return _Found("fee_waiver", first, "thing", "future")  # "the A$99 call-out fee won't be charged"
        # "..., so it won't appear on your bill": what the clause before did, or else a fee waived
        return _Found("_", first, "thing", "future", fallback="fee_waiver", local=True)
    m = _FEE_GONE.search(clause) if ("gone" in here or "off" in here) else None
    if m and not _CONDITION.search(clause):
        return _Found("fee_waiver" if m.group("fee") else "account_change", first, "thing", "future")
    m = _DONE.match(clause) if _DONE_WORDS.intersection(here) else None
    if m:
        kind = _thing_kind(words, first, _token_at(tokens, first, end, tokens[first][1] + m.end("np")) or end)
        if kind in _KINDS_SET:
            return _Found(kind, first, "thing", "perfect")  # "Cancellation done.", "Refund processed."
    status = _status_line(words, first, end)
    if status is not None and not facts.scoped_out():
        start, np_end, verb = status
        kind = _kind(verb, words, start, np_end, facts, "thing", True)
        if kind in _KINDS_SET:
            return _Found(kind, start, "thing", "perfect")  # "Password updated \u2705", "Refund processed for $612.30"
    m = _ALLOW.match(clause) if ("allow" in here or "give" in here) else None
    if m:
        np_at = _token_at(tokens, first, end, tokens[first][1] + m.end())
        kind = _thing_kind(words, np_at, end) if np_at is not None else None
        if kind in _KINDS_SET and not _quantified(words, np_at, end):
            return _Found(kind, np_at, "thing", "future")
    m = _ON_US.search(clause) if ("us" in here or "house" in here) else None
    if m and not facts.scoped_out():
        subject = _subject(tokens, words, first, _token_at(tokens, first, end, tokens[first][1] + m.start()) or end)
        if subject[0] in ("thing", "generic", "mass") and _BLAME.isdisjoint(words[subject[1]:end]):
            return _Found("other", first, "thing", "future")  # "the tow is on us": the company pays for it
    m = _NOW_VALUE.search(clause) if ("now" in here or "new" in here) else None
    if m and (m.group("new") or m.group("now")) and not facts.scoped_out():
        at = _token_at(tokens, first, end, tokens[first][1] + m.start("be"))
        np_at = _token_at(tokens, first, end, tokens[first][1] + m.start("your")) or first  # past "Done, "
        # a day is no price: "your payment date is now the 20th" is a setting, "your payment is now $112" may be news
        if at is not None and _np_class(words, np_at, at) == "account_change" and (
                BAD_NEWS.isdisjoint(words[np_at:at]) or m.group("day")):
            return _Found("account_change", at, "thing", "present", undated=bool(m.group("day")))  # "your seat is now 14C"
    if "now" in here and not _INSTEAD_WORDS.isdisjoint(here) and _now_instead(clause) and not facts.scoped_out():
        # "your payment now comes out on the 15th instead of the 1st": the 15th is a day of the month, not a deadline
        return _Found("account_change", first, "thing", "present", undated=True)
    m = _ON_ITS_WAY.search(clause) if "way" in here else None
    if m and not facts.scoped_out():
        at = _token_at(tokens, first, end, tokens[first][1] + m.start())
        subject = _subject(tokens, words, first, at)
        if subject[0] in ("thing", "pronoun", "mass"):
            kind = _thing_kind(words, subject[1], at) if subject[0] != "pronoun" else None
            if m.group("back") and kind not in _KINDS_SET and _money_phrase(words[subject[1]:at]):
                # "your \u00a3312 deposit is on its way back": money given back
                return _Found("fee_waiver" if kind == "fee" else "refund", at, "thing", "present")
            if kind not in _KINDS_SET and _all_money(words[subject[1]:at]):
                # "We've settled your claim: \u00a3312.60 is on its way": the money of the promise before
                return _Found("_", at, "thing", "present", fallback="refund")
            return _Found(kind if kind in _KINDS_SET else ("_" if subject[0] == "pronoun" else "delivery"),
                          at, "thing", "present")
        if subject[0] in ("agent", "first") and words[subject[1]] not in ("i", "we") and (subject[1] == first or words[subject[1] - 1] not in _SUBORDINATE_STARTS):
            return _Found("delivery", at, "agent", "present")  # "a mechanic is on the way to you now"
    return None


#: what may open a status line before a comma: "Done sir, plan downgraded", "Sorted, card blocked"
_DONE_OPENERS = frozenset({"done", "sorted", "ok", "okay", "right", "all"})
_ADDRESSES = frozenset({"sir", "ma'am", "madam", "mate", "done"})
#: what a status line's participle may be followed by, up to the line's end: where or what it went to
_STATUS_TO = frozenset({"to", "onto", "into"})


def _status_line(words: list[str], first: int, end: int) -> tuple[int, int, Verb] | None:
    """(start, end, verb) of a verbless status line: a short noun phrase and a participle.

    "Password updated \u2705", "Card blocked.", "Refund processed for $612.30, confirmation 0016612-R": the
    phrase must name a kind (lexicon.py), so "Gate changed." is news, not a change of the customer's.
    Read token by token up to the line's first comma: what follows is an aside (a reference, a thanks).
    """
    k = first
    while k < end and words[k] in _BULLETS:
        k += 1
    if k + 2 < end and words[k] in _DONE_OPENERS:
        j = k + 2 if words[k + 1] in _ADDRESSES else k + 1
        if j < end and words[j] in (",", "-", "\u2013", "\u2014", ":"):
            k = j + 1  # "Done sir, plan downgraded to Basic": the line after its opener
    start = k
    if k < end and words[k] in ("your", "the"):
        k += 1
    head = k
    while k < end and k - head < 2 and words[k].isalpha() and FORMS.get(words[k], (None, "base"))[1] == "base" and (
            words[k] not in _VERB_AUX):
        k += 1
    if k == head and k < end and words[k][:1] in MONEY_SIGNS and any(ch.isdigit() for ch in words[k]):
        k += 1  # "$45.00 refunded to your Visa": a sum is the thing
    if k == head or k >= end:
        return None
    np_end = k
    k = _past_aside(words, k, end)  # "Refund of $23.10 issued", "Ticket #SUP-220918 created"
    if k < end and words[k] in ("now", "all"):
        k += 1
    verb, form = FORMS.get(words[k], (None, "")) if k < end else (None, "")
    if verb is not None and verb.lemma == "stop":
        # "Cheque stopped.", "Payment stopped.": a stop put on money leaving, whatever names it; no visit
        verb = _STOP_PAYMENT if _STOPPABLE.intersection(words[start:np_end]) and form in ("pp", "pastpp") else None
        if verb is not None:
            return (start, np_end, verb) if k + 1 >= end or not words[k + 1][:1].isalnum() else None
    if verb is None or form not in ("pp", "pastpp") or verb.mode in (NEUTRAL, RECEIVE) or (_thing_kind(
            words, start, np_end) not in _KINDS_SET | {"fee"} and not (
            verb.removal and _all_money(words[start:np_end]))):
        return None
    k += 1
    if k + 1 < end and words[k] in ("for", "of") and words[k + 1][:1] in MONEY_SIGNS:
        k += 2  # "Refund processed for $612.30"
    elif k + 1 < end and words[k] in _STATUS_TO and start == head:  # not "the adjuster assigned to your claim"
        return start, np_end, verb  # "Plan downgraded to Basic (\u20b9199/month)", "$45.00 refunded to your Visa"
    while k < end and words[k] != "," and not words[k][:1].isalnum():
        k += 1  # the marks that end the line: ".", "!", an emoji
    return (start, np_end, verb) if k == end or words[k] == "," else None


def _past_aside(words: list[str], k: int, end: int) -> int:
    """Past what a status line names its thing by, between the thing and its participle: a sum or a number.

    "Refund of $23.10 issued", "Ticket #SUP-220918 created", "Case 44812 opened": read one step, not a walk.
    """
    if k + 1 < end and words[k] in ("of", "for") and words[k + 1][:1] in MONEY_SIGNS:
        return k + 2
    if k < end and words[k][:1] in MONEY_SIGNS and any(ch.isdigit() for ch in words[k]):
        return k + 1  # "of" was read as a word of the thing: "Refund of | $23.10 issued"
    start = k + 1 if k < end and words[k] == "#" else k
    j = start
    while j < min(end, start + 5) and (words[j] == "-" or words[j].isalnum()) and FORMS.get(words[j], (None, ""))[1] not in (
            "pp", "pastpp"):
        j += 1  # a code is read as several words: "SUP-220918" is "sup", "-", "220918"
    return j if any(ch.isdigit() for w in words[start:j] for ch in w) else k


def _now_instead(clause: str) -> bool:
    """Whether "your ... now ... instead of" stand in that order between two commas (or semicolons).

    Found word by word: one pattern spanning the three has a start for every "your" and every "now"
    and is cubic on a clause of "your now your now ..." from a hostile page.
    """
    said_now = False  # the stretch before said "your ... now": a marker may open the next ("..., starting with ...")
    for stretch in _COMMA_OR_SEMICOLON.split(clause):
        if said_now and _INSTEAD_OF.match(stretch.lstrip()):
            return True
        your = _YOUR.search(stretch)
        now = _NOW.search(stretch, your.end()) if your else None
        if now and _INSTEAD_OF.search(stretch, now.end()):
            return True
        said_now = now is not None
    return False


def _quantified(words: list[str], start: int, end: int) -> bool:
    return any(w in QUANTIFIERS for w in _np(words, start, end))


def _token_at(tokens, first: int, end: int, offset: int) -> int | None:
    for i in range(first, end):
        if tokens[i][1] >= offset:
            return i
    return None


_KINDS_SET = frozenset(KINDS)


def _verb_group(
    sentence, clause, tokens, words, first, end, i, verb: Verb, form, previous, facts: _ClauseFacts
) -> _Found | None:
    """The commitment made by the verb at token i, or None."""
    # the auxiliaries and adverbs before the verb, nearest first
    j, aux, went_ahead = i - 1, [], False
    while j >= first:
        w = words[j]
        if w in _ADVERBS or (w.endswith("ly") and len(w) > 4):
            j -= 1
        elif w == "and" and j - 2 >= first and words[j - 1] == "ahead" and words[j - 2] in (
                "go", "gone", "went", "going"):
            went_ahead = words[j - 2] == "went"
            j -= 3
        elif w in _AUX:
            aux.append(w)
            j -= 1
        else:
            break
    subject_end = j + 1
    if aux and aux[0] in ("get", "got") and form not in ("pp", "pastpp"):
        return None  # "get" here is the main verb, seen at its own token
    if verb.lemma in ("get", "have") and i + 1 < end and FORMS.get(words[i + 1], (None, ""))[1] in (
            "pp", "pastpp") and not _adjective(words, i + 1, end):
        return None  # "you'll get refunded": the participle is the verb
    tense = _tense(aux, form, went_ahead)
    if tense is None:
        return None
    lead = first
    while lead < subject_end and (words[lead] in _BULLETS or _symbol(words[lead])):
        lead += 1  # "- waived the $29 fee", "\u2708\ufe0f Your trip has been rebooked": a mark is no subject
    subject, np_start = _subject(tokens, words, lead, subject_end)
    inherited = False
    if subject == "none" and verb.lemma in _TOLD_TO_WATCH and subject_end == lead and form == "base":
        subject, tense = "you", "future"  # "Expect a call from our security team", "watch for their email"
    if subject == "none" and previous is None and tense == "future" and aux == ["to", "going"] and (
            lead == first == 0 or all(words[k] in _BULLETS for k in range(first))) and subject_end == lead:
        subject = "first"  # "Going to process a $45 credit for the outage": a chat line that drops its "I'm"
    if subject == "none" and previous is None and tense == "past" and form in ("past", "pastpp") and (
            all(words[k] in _BULLETS for k in range(subject_end))) and _object_named(words, i + 1, end):
        subject = "first"  # "Just refunded the $10 for the day pass": a chat line that drops its "I've"
    if subject == "none":
        if previous is None:
            return None
        else:
            subject, inherited = previous.subject, True
            np_start = previous.np if previous.np is not None else np_start
            if tense == "bare" or (tense == "past" and form in ("pp", "pastpp") and (previous.tense.endswith(
                    "passive") or previous.tense == "perfect")):
                # "will be reissued and emailed to you": the passive goes on; "I've dropped your plan and
                # credited $12": so does the perfect, and "for last month's" is the reason, not the time
                tense = previous.tense
    if subject == "generic" and verb is _BE_STATE and facts.now() and _np_class(words, np_start, i) == "account_change":
        subject = "thing"  # "text alerts are now on": a setting of this customer's, switched as said
    if subject == "generic" and facts.found(_AS_ASKED):
        subject = "thing"  # "paper statements are turned off as you requested": this customer's, not how things work
    if subject == "mass":
        if tense in ("present", "present_passive") and not facts.now():
            return None  # "credit is applied at the end of the month": how things work; "... is now part of" is set
        subject = "thing"  # "written confirmation will be posted out": this customer's
    if tense == "bare" or subject == "generic":
        return None
    passive = tense.endswith("passive")
    if tense == "past" and form in ("pp", "pastpp") and subject == "thing" and tuple(
            words[max(first, np_start - 2):np_start]) in _PRESENTED:
        if facts.found(_HISTORY):
            return None
        tense, passive = "perfect_passive", True  # "that's a \u00a310 credit added to your account"
    if tense == "past" and subject != "first":
        return None  # "the technician marked the job as complete": history
    if tense == "past" and verb.mode == STRONG and verb.kind == "delivery":
        return None  # "our assessor visited on Wednesday the 13th": a visit made is history, not one promised
    if tense in ("past", "past_passive") and facts.found(_HISTORY):
        return None
    if tense == "past_passive" and not verb.past_passive:
        return None
    sense = _sense(verb, words, i, end, subject)
    if sense is None:
        return None
    verb = sense
    if tense == "present" and not (_present_for_future(verb, subject, facts) or verb is _WITH_TEAM and facts.now()):
        return None
    if verb is _BE_STATE and tense == "present_passive" and "your" not in words[first:i] and not (
            subject == "you" or words[i] == "part" or _np_class(words, np_start, i) == "account_change"):
        return None  # "the offer is live until Sunday": news; "the stop payment is in place" is set for you
    if tense == "present_passive" and not (verb.lemma in _DONE_ON_SAYING or facts.now() or facts.due()
                                           or verb is _BE_STATE and words[i] == "in"
                                           or verb.lemma in _DONE_FOR_YOU and _owned(words[np_start:i])):
        return None  # "the stop payment is in place" is set as it is said
    if tense == "progressive" and verb.lemma in ("show", "appear", "reflect") and not facts.due():
        return None  # "the $312.40 refund is showing against your Visa": how things stand, not a promise
    if form in ("pp", "pastpp") and subject == "pronoun" and words[i - 1] == "all":
        return None  # "that's all sorted for you now": a sign-off, not a promise
    scoped = facts.scoped_out() or any(a in _NEG for a in aux) or any(
        a in _HEDGE_MODALS for a in aux) and not (verb.lemma == "expect" and aux == ["can"])
    if verb.lemma in _DELEGATES and subject in ("first", "agent") and not passive:
        embedded = _delegated(facts, words, i, end, verb)
        if embedded is not None:
            return _Found("-" if scoped else embedded, i, subject, tense)
        if verb.lemma in ("make", "ensure", "ask", "instruct", "have", "get") and verb.mode != RECEIVE:
            return None
    # who acts and what is acted on
    if verb.mode == RECEIVE and not passive:
        if subject != "you":
            return None
        k = i + 1
        while k < end and verb.lemma in ("watch", "look") and words[k] in ("out", "for"):
            k += 1  # "look out for an email": what is looked for
        patient_at = _object_start(words, k, end)
    elif passive:
        if subject == "you":
            patient_at = _object_start(words, i + 1, end)
        elif subject in ("thing", "agent") and (not inherited or previous.np is not None):
            patient_at = np_start  # "your new card is being made and will be posted on Monday"
        else:
            return _Found("-" if scoped else "_", i, subject, tense, fallback=_own_kind(verb), verb=verb)
    elif subject in ("first", "agent") and not (verb.mode == NEUTRAL and subject == "agent"):
        if verb.mode == NEUTRAL:
            if verb.lemma == "be_there" and i + 1 < end and (words[i + 1] == "on" or words[i + 1] in (
                    "there", "round", "at") and facts.due()):
                return _Found("-" if scoped else "delivery", i, subject, tense)  # "our engineers will be on site"
            return None  # "I've gone through your statements"
        if subject == "agent" and words[subject_end - 1] in ("they", "he", "she") and verb.mode != STRONG and (
                verb.kind != "other") and not (words[i + 1:i + 2] == ["you"] and (
                verb.kind in ("follow_up", "callback") or _thing_kind(words, i + 2, end) in ("follow_up", "callback"))):
            # "they will resolve it" adds to the promise before; "they'll email you", "she'll give you a call" are their own
            return _Found("-" if scoped else "_", i, subject, tense, fallback=_own_kind(verb), verb=verb)
        if subject == "agent" and tense == "progressive" and "already" in words[subject_end:i]:
            # "power will be back on by 12:00; the crew is already replacing the cable": the work on that promise
            return _Found("-" if scoped else "_", i, subject, tense, fallback=_own_kind(verb), verb=verb)
        patient_at = _object_start(words, i + 1, end)
        if verb is _FLAG_FOR or verb is _PUT_IN_FOR:
            patient_at = words.index("for", i) + 1  # "flagged your account for a callback"
        elif verb is _TAKE_CARE:
            patient_at = i + 3
        elif verb is _PAY_FOR:
            patient_at = i + 2
        if patient_at is None or (words[patient_at] in _NP_END and words[patient_at] not in _DETERMINERS) or (
                words[patient_at] in ",.;:!"):
            patient_at = _np_before(words, first, np_start)  # "the $15.00 credit I applied"
    elif subject == "you":
        return None  # "you'll need to", "you can": the customer acts
    else:  # a thing acts, or a pronoun or an agent moves: what moves names the kind
        if inherited or subject == "pronoun" or (subject == "agent" and words[subject_end - 1] in _PRONOUNS):
            if verb.mode == STRONG and verb.kind not in ("account_change",) and subject != "pronoun" or (
                    verb is _ESCALATE):
                patient_at = None  # "this is going up to our executive office": its own promise
            else:
                return _Found("-" if scoped else "_", i, subject, tense, fallback=_own_kind(verb), verb=verb)
        else:
            patient_at = np_start
            if verb.mode == STRONG and subject == "thing" and verb is not _ESCALATE and verb.kind in (
                    "callback", "follow_up", "delivery", "escalation"):
                return None  # a thing that calls or visits is no thing
            if verb.lemma in _LIFE_CYCLE:
                return None  # "your plan will renew next month": it does so by itself
            subject_words = words[np_start:subject_end]
            if _DEFAULT_TERMS.intersection(subject_words) and BAD_NEWS.intersection(subject_words):
                return None  # "the standard rate will apply": the terms, not a promise
            if verb.lemma in _HOLDS:
                if _np_class(words, np_start, subject_end) in ("follow_up", "_expense"):
                    patient_at = _object_start(words, i + 1, end)  # "your next statement will show a $15 credit"
                elif verb.lemma in ("carry", "include"):
                    return None
            if verb.mode != NEUTRAL:
                verb = Verb(verb.lemma, verb.kind if verb.lemma in _GOODS_VERBS or verb.removal else None,
                            NEUTRAL, removal=verb.removal)
    kind = _kind(verb, words, patient_at, end, facts, subject, passive)
    if passive and verb.mode == OBJECT and i + 1 < end and words[i + 1] == "with":
        inner = _thing_kind(words, i + 2, end)  # "your account has been credited with 2,000 bonus points"
        if inner in _KINDS_SET and (verb.overrides is None or inner in verb.overrides):
            kind = inner
    elif not passive and verb.lemma in _FILLS and patient_at is not None and kind is not None:
        at = patient_at + len(_np(words, patient_at, end))
        if at + 1 < end and words[at] == "with":
            inner = _thing_kind(words, at + 1, end)  # "credited your account with 3,000 Avios", "topped up ... with"
            if inner in ("rewards", "credit", "refund"):
                kind = inner
    # windows of _WALK words, not the clause: asked once per verb, a clause of thousands of verbs stays linear
    if kind in ("refund", "account_change", "_") and verb.mode != STRONG and (
            "as" in words[i + 1:min(end, i + _WALK)]) and _MONEY_STARTS.intersection(
            w[:1] for w in words[max(first, i - _WALK):min(end, i + _WALK)]):
        named = _as_kind(words, i + 1, end)  # "$25 is going onto your account as a courtesy credit"
        kind = named or kind
    if kind is None:
        return None
    if tense in ("past", "past_passive") and kind not in _MONEY_KINDS and facts.found(_ON_A_PAST_DAY):
        return None  # "your card was dispatched on the 15th"; money "refunded in full on March 2" is still told
    np = np_start if subject == "thing" else None
    if kind not in ("_", "follow_up", "callback") and not scoped:
        scoped = facts.found(_AWAITED) or bool(_AWAITED.match(sentence.lstrip()))
    if kind != "_" and scoped:
        return _Found("-", i, subject, tense, np=np)
    fallback = None
    if kind == "_":  # "\u00a350 will be back in your account by Friday", alone: money given back
        fallback = "refund" if subject == "thing" and _all_money(words[np_start:subject_end]) else _own_kind(verb)
    return _Found(kind, i, subject, tense, fallback=fallback, np=np, verb=verb, hedged=kind == "_" and scoped)


#: imperatives that tell the customer what is coming: "expect a call", "look out for an email"
_TOLD_TO_WATCH = frozenset({"expect", "watch", "look"})
def _as_kind(words: list[str], k: int, end: int) -> str | None:
    """What a sum is put on the account "as": "as a courtesy credit" is a credit, "as a goodwill voucher" rewards."""
    for j in range(k, min(end, k + _WALK)):
        if words[j] == "as" and j + 1 < end and words[j + 1] in ("a", "an"):
            kind = _thing_kind(words, j + 1, end)
            return kind if kind in ("credit", "rewards", "refund") else None
    return None


#: a bare subject with one of these is this customer's, not a habit ("revised documents will be posted")
_SPECIFIC = frozenset({"new", "revised", "updated", "corrected", "amended", "replacement", "reissued"})
_DELEGATES = frozenset({"have", "get", "ask", "arrange", "request", "make", "ensure", "instruct"})
#: present passives that report the act done as it is said ("your complaint is registered")
_DONE_ON_SAYING = frozenset({"be_ready", "be_under", "be_visible", "confirm", "approve", "register", "log", "lodge",
                             "file", "raise", "escalate", "dispatch", "ship", "sanction", "authorise", "authorize"})
#: present passives that report the money put back, when what is named is this customer's own
#: ("your late charges are reversed", "the \u00a38 charge is removed"), not a term ("the annual fee is waived")
_DONE_FOR_YOU = frozenset({"waive", "reverse", "remove", "refund", "cancel", "credit", "attach"})
#: a document that holds the thing: "your next bill will include a credit of $25"
_HOLDS = frozenset({"carry", "include", "show", "reflect"})
#: the standing terms, whose coming back is no promise ("the standard rate of 22.9% will apply")
_LIFE_CYCLE = frozenset({"renew", "expire", "lapse", "finish", "close"})  # "your next statement will close on the 3rd"
_DEFAULT_TERMS = frozenset({"standard", "normal", "usual", "regular", "full", "default", "variable", "undiscounted"})
#: where a noun phrase ends, besides _NP_END: a new subject
_NP_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they"})
_GOODS_VERBS = frozenset({"ship", "reship", "dispatch", "deliver", "courier"})


def _adjective(words: list[str], k: int, end: int) -> bool:
    """Whether the participle at k modifies the noun after it ("you'll get written confirmation")."""
    nxt = words[k + 1] if k + 1 < end else ""
    return bool(nxt) and nxt.isalpha() and nxt not in _DETERMINERS and nxt not in _PRONOUNS and (
        nxt in NOUNS or nxt[:-1] in NOUNS or (
            nxt not in _NP_END and nxt not in _ADVERBS and nxt not in FORMS and nxt not in _INDIRECT))


def _own_kind(verb: Verb) -> str | None:
    return verb.kind if verb.mode in (STRONG, OBJECT, NEUTRAL) else None


def _np_before(words: list[str], first: int, subject_start: int) -> int | None:
    """The noun phrase just before a subject: "the $15.00 credit [that] I applied"."""
    k = subject_start - 1
    if k >= first and words[k] == "that":
        k -= 1
    start = None
    reach = max(first, k - _WALK)
    while k >= reach and words[k] not in _NP_END and (words[k][0].isalnum() or words[k][0] in MONEY_SIGNS):
        if words[k] in _DETERMINERS:
            start = k
            break
        k -= 1
    return start


_RUNNING_AGAIN = re.compile(
    r"^(?:[a-z'-]+ ){1,5}(?:back (?:on|up|online|to normal|in service|working)|up and running|working again)\b")


def _delegated(facts: _ClauseFacts, words: list[str], i: int, end: int, verb: Verb, depth: int = 0) -> str | None:
    """The kind of what someone else is to do: "I'll have a supervisor call you", "make sure the fee is waived"."""
    if verb.lemma == "make" and not (i + 1 < end and words[i + 1] == "sure"):
        return None
    if verb.lemma == "get" and i + 1 < end and words[i + 1] == "back":
        return None
    window = range(i + 1, min(end, i + 14))
    if verb.lemma in ("make", "ensure") and any(words[k] in _ESCALATION_RECIPIENT for k in window):
        return "escalation"  # "make sure your complaint reaches the right team"
    for k in window:
        entry = FORMS.get(words[k])
        if entry is None or entry[0].lemma in _DELEGATES and entry[0].lemma != "have" or words[k - 1] in _ARTICLES or (
                words[k - 1][:1] in MONEY_SIGNS and entry[1] == "base"):
            continue  # "get a courier to ...": "courier" after "a" is a noun; so is "credit" after "the \u00a3146.22"
        inner, form = entry
        if form == "s" and verb.lemma in ("have", "get"):
            continue  # "have the prepaid returns label emailed": after "have" a verb is bare or a participle
        if words[k - 1] == "to" or form in ("base", "s", "pp", "pastpp", "any"):
            sense = _sense(inner, words, k, end, "first")
            if sense is None:
                return None
            between = k - 1 if words[k - 1] in ("to", "be", "is", "are") else k
            if between > i + 1 and words[k - 1] != "to" and (form in ("pp", "pastpp") or sense.mode == NEUTRAL):
                # "make sure the fee is waived", "make sure your refund goes through today": the thing names it
                patient_at = i + 2 if words[i + 1] in ("for", "that", "sure") else i + 1
                if words[patient_at] == "that":
                    patient_at += 1
                return _kind(sense, words, patient_at, k, facts, "thing", True, depth)
            return _kind(sense, words, _object_start(words, k + 1, end), end, facts, "first", False, depth)
    # the phrase spans at most eight words: a join of the whole clause per "have" would be quadratic
    if verb.lemma in ("have", "get") and _RUNNING_AGAIN.search(" ".join(words[i + 1:min(end, i + 11)])):
        return "other"  # "we'll have your water supply back to normal": a supply restored
    if verb.lemma in ("get", "have"):
        # "I'll get a new card out to you", "we'll have a new modem out to you": what is sent names the kind;
        # "we'll have a field technician at your house on Saturday": someone sent is a visit
        patient_at = _object_start(words, i + 1, end)
        kind = _thing_kind(words, patient_at, end)
        after = patient_at + len(_np(words, patient_at, end)) if patient_at is not None else end
        if verb.lemma == "get" and any(words[k] in ("out", "over", "to") for k in window) or (
                after < end and words[after] in ("out", "over")):
            if kind not in _KINDS_SET and after + 2 < end and words[after] in ("out", "over") and (
                    words[after + 1:after + 3] == ["to", "you"]) and kind != "_info":
                return "follow_up"  # "I'll get the updated declarations page out to you": a thing sent is a document
            return kind if kind in _KINDS_SET else None
        if kind == "delivery" and after + 1 < end and words[after] in ("at", "round", "there", "on") and (
                words[after + 1] in ("your", "the", "site") or words[after] == "there"):
            return "delivery"
    return None


def _tense(aux: list[str], form: str, went_ahead: bool) -> str | None:
    """The tense and voice of a verb group from its auxiliaries (nearest first) and the verb's form."""
    nearest = aux[0] if aux else None
    participle = form in ("pp", "pastpp", "any")
    base = form in ("base", "any")
    if not aux:
        if went_ahead or form in ("past", "pastpp"):
            return "past"
        if form == "s":
            return "present"
        if base:
            return "bare"  # an imperative, or a verb sharing the subject of the clause before
        return None
    if nearest == "to":
        rest = aux[1:]
        if rest[:1] in (["happy"], ["glad"], ["pleased"]):
            return "future" if rest[1:2] and rest[1] in ("'m", "am", "are", "'re") else None
        if rest[:1] == ["able"]:
            return "past" if rest[1:2] and rest[1] in ("was", "were", "been") else None
        if rest[:1] in (["going"], ["about"]):
            return "future" if base and not (rest[1:2] and rest[1] in ("was", "were")) else None
        if rest[:1] == ["agreed"] and base:
            return "perfect"  # "the airline has agreed to refund your ticket"
        return None  # a purpose: "to confirm the appointment"
    if nearest in _BE or nearest in ("get", "got"):
        if form == "ing":
            return "progressive" if nearest in _BE else None
        if not participle:
            return None
        if "being" in aux[:1]:
            return "progressive_passive"
        if any(a in _FUTURE for a in aux) or "going" in aux:
            return "future_passive"
        if any(a in _HAVE for a in aux) or ("been" in aux and "'s" in aux):
            return "perfect_passive"  # "has been", "your refund's been"
        if nearest in ("was", "were"):
            return "past_passive"
        return "present_passive"
    if nearest in _HAVE:
        if any(a in _HEDGE_MODALS or a in ("should", "will", "'ll") for a in aux):
            return None  # "should have waived": it was not done
        return "perfect" if participle else None
    if nearest in _FUTURE or nearest in _HEDGE_MODALS or nearest in _NEG:
        return "future" if base else None  # "can't", "could": scoped out later
    return None


def _subject(tokens, words, first: int, subject_end: int) -> tuple[str, int]:
    """(class, start token) of the subject before the verb group.

    Classes: first (I, we, our team, a company's name), you, agent (a person
    or team of the company), thing (a determiner-led noun phrase), pronoun,
    generic (a bare plural: "Refunds will ..."), none (no subject).
    """
    if subject_end <= first:
        return "none", subject_end
    last = words[subject_end - 1]
    if last in ("i", "we"):
        return "first", subject_end - 1
    if last == "you":
        return "you", subject_end - 1
    if last in ("they", "he", "she", "who"):
        return "agent", subject_end - 1
    if last in ("it", "them") and subject_end - 2 > first and words[subject_end - 2] in _PREPOSITIONS:
        start = _before_relative(words, first, subject_end - 2)
        if start is None:
            start = _determiner_before(words, first, subject_end - 2)  # "the \u20ac5 monthly charge for it"
        if start is not None:
            return "thing", start  # "the premium of $212.00 you paid for it will be refunded"
    head_at = _relative_head(words, first, subject_end)
    if head_at is not None:
        return "thing", head_at  # "the interest that was added on 23 December is being stripped out"
    if last in ("it", "them", "this") and subject_end - 2 > first and FORMS.get(words[subject_end - 2], (None, ""))[1] == "ing":
        for start in range(subject_end - 3, max(first, subject_end - 6) - 1, -1):
            if words[start] in _ARTICLES:  # a noun may be a verb's form too: "an email confirming it"
                return "thing", start  # "a letter confirming it goes out": "it" is what the letter confirms
            if words[start] in _NP_END or not words[start][0].isalnum():
                break
    if last in _PRONOUNS:
        return "pronoun", subject_end - 1
    start = subject_end - 1
    reach = max(first, subject_end - _WALK)
    while start > reach and words[start - 1] not in (",", "which", "so", "because", "once", "when") and not (
            words[start - 1] == "that" and start - 1 > first and words[start - 2] not in _PREPOSITIONS | {"of"}) and (
            not _verb_in_use(words, first, start - 1)):  # "a credit for that amount will land": "that" is no "which"
        start -= 1
    quantity = words[start][0].isdigit() and start + 1 < subject_end and words[start + 1].isalpha()
    if last == "," or not (words[start][0].isalpha() or quantity):  # "250 SuperCoins" is a quantity, no aside
        # "The order you asked about, 7718-2231, has been ...": the subject is before the aside
        start = first
        while start < min(subject_end, first + _WALK) and words[start] in (",", "and", "but", "so"):
            start += 1
    if start >= subject_end:
        return "none", subject_end
    if subject_end - start > 10:
        return "generic", start  # no one thing is named in so many words (nor is any anaphora)
    phrase = words[start:subject_end]
    head = phrase[0]
    if tuple(phrase) in _ANAPHORA:
        return "pronoun", start  # "the same will reflect in 3 days", "the money shall be transferred"
    if any(w in QUANTIFIERS and not (w == "any" and not phrase[-1].endswith("s")) for w in phrase):
        return "generic", start  # "all new customers", "any refunds"; but "any remaining balance" is one
    if phrase[:2] == ["one", "of"] and phrase[2:] in (["them"], ["us"]):
        return ("first" if phrase[2] == "us" else "agent"), start  # "one of them will call you within the hour"
    if head in ("someone", "somebody") or (
        any(w in AGENT_NOUNS or w[:-1] in AGENT_NOUNS for w in phrase) and "'s" not in phrase
    ):
        return ("first" if head == "our" else "agent"), start
    if head in _DETERMINERS or any(w == "#" or any(ch.isdigit() for ch in w) for w in phrase):
        return "thing", start  # "Interest of $23.41", "Case 1-2231-8871": one thing, not a habit
    if tokens[start][3] and _is_name(tokens, words, start, subject_end):
        return "first", start  # "Qantas will refund ..."
    if _SPECIFIC.intersection(phrase) or (len(phrase) == 1 and NOUNS.get(head) == "other"):
        return "thing", start  # "new documents will be posted", "Broadband will be back up": not a habit
    np = _np(words, start, subject_end)
    if np and NOUNS.get(np[-1]) not in (None, "_veto", "_info") and np[0] not in _NP_END:
        return "mass", start  # a bare singular: "written confirmation will be posted out"; but "credit is applied"
    return "generic", start


_PREPOSITIONS = frozenset({"for", "on", "with", "to", "about", "by", "from", "in", "at"})
#: "that's a credit added": a participle after a presented noun phrase is a passive done
_PRESENTED = frozenset({("that", "'s"), ("that", "is")})
#: subjects that point back to the money or thing of the clause before
_ANAPHORA = frozenset(
    tuple(p.split()) for p in ("the same", "the money", "the amount", "the funds", "the sum", "this amount",
                               # "I've submitted your claim for \u20ac400 and the payment will be made in 14 days"
                               "the payment", "the payout", "the pay-out",
                               "that amount", "the said amount", "the full amount", "the whole amount", "the refund amount",
                               # "I've raised a request to update your address. The change will reflect in 2 days."
                               "the change", "this change", "the changes", "these changes", "that change"))


def _determiner_before(words: list[str], first: int, k: int) -> int | None:
    """The determiner that opens the noun phrase ending before token k, if no verb comes between."""
    for d in range(k - 1, max(first, k - _WALK) - 1, -1):
        if words[d] in _ARTICLES:
            return d
        if words[d] in _NP_END or words[d] in FORMS or not (words[d][0].isalnum() or words[d][0] in MONEY_SIGNS):
            return None
    return None


def _relative_head(words: list[str], first: int, subject_end: int) -> int | None:
    """Where a subject starts that a relative clause follows: "the two [from NorthPay] that you don't recognise"."""
    reach = max(first, subject_end - _WALK)
    verb_after = False  # whether a verb or auxiliary comes between words[k] and the subject's end
    for k in range(subject_end - 1, reach, -1):
        if words[k] in ("that", "which", "who") and words[k - 1] not in _PREPOSITIONS and verb_after:
            d = k - 1
            while d >= reach and words[d] not in _ARTICLES:
                if words[d] in _VERB_AUX or words[d] in FORMS or not words[d][0].isalnum() or words[d] in _NP_SUBJECTS:
                    return None
                d -= 1
            return d if d >= reach else None
        verb_after = verb_after or words[k] in _VERB_AUX or words[k] in FORMS or words[k] == "n't"
    return None


def _before_relative(words: list[str], first: int, k: int) -> int | None:
    """Where the noun phrase starts before a relative clause with no "that" ("the fee [you were charged for] it")."""
    reach = max(first, k - _WALK)
    for r in range(k - 1, reach, -1):
        if words[r] in ("you", "we", "i", "they"):
            for d in range(r - 1, reach - 1, -1):
                if words[d] in _ARTICLES:
                    return d
                if words[d] in _NP_END and words[d] != "of":
                    return None
            return None
    return None


def _possessed(w: str) -> bool:
    """Whether a word after "'s" is what is owned ("visit"), not a verb or state ("gone", "been", "now")."""
    return w[:1].isalpha() and w not in _VERB_AUX and w not in _ADVERBS and w not in _NEG and w not in (
        "gone", "on", "off", "in", "out", "due", "got") and FORMS.get(w, (None, ""))[1] not in ("pp", "pastpp", "ing")


def _verb_in_use(words: list[str], first: int, k: int) -> bool:
    """Whether words[k] is a verb here ("I can confirm | the SIM was ..."), not a noun ("your credit limit")."""
    if words[k] == "'s" and k > first and words[k - 1] not in _PRONOUNS and k + 1 < len(words) and (
            _possessed(words[k + 1])):
        return False  # "the engineer's visit": an owner, not "is"
    return words[k] in _VERB_AUX or (
        words[k] in FORMS and k > first and (words[k - 1] in _VERB_AUX or words[k - 1] in _NP_SUBJECTS))


def _is_name(tokens, words: list[str], start: int, subject_end: int) -> bool:
    """A company's name ("Qantas", "Delta Air Lines", "Halden Card Services", "Magnolia Power & Light").

    Capitalised words that are no known noun or verb; or, from two words on, capitalised words whose
    first is unknown (a name may end in a common word).
    """
    if subject_end - start > 5:
        return False
    known = [w in NOUNS or w[:-1] in NOUNS or w in FORMS or w in AGENT_NOUNS or w.endswith(_REWARD_TAILS)
             for w in words[start:subject_end]]  # "SuperCoins" are a shop's points, not a company
    if not any(known):
        return subject_end - start <= 4
    return subject_end - start >= 2 and not known[0] and words[start] not in _DETERMINERS and all(
        tokens[k][3] or words[k] in ("&", "and", "of") for k in range(start, subject_end))


def _sense(verb: Verb, words: list[str], i: int, end: int, subject: str) -> Verb | None:
    """The verb as used here: particles it needs, and phrasal senses ("reach out", "go up", "take effect")."""
    after = words[i + 1:min(end, i + 1 + _PARTICLE_WINDOW)]
    lemma = verb.lemma
    if lemma == "move" and words[i] == "moving" and subject in ("thing", "pronoun") and "to" not in after[:3]:
        return VERB_BY_LEMMA["arrive"]  # "it's moving again": goods on their way, not a booking moved
    if lemma == "make" and words[i - 1:i] in (["be"], ["been"]) and not _PAYOUTS.isdisjoint(words[max(0, i - 6):i]):
        return VERB_BY_LEMMA["pay"]  # "payment will be made to your account in 3 days": money paid out
    if lemma == "stop" and after[:1] != ["by"]:
        # "I've stopped the cheque", "the direct debit has been stopped": a stop on money leaving; "stop by" a visit
        return _STOP_PAYMENT if _STOPPABLE.intersection(words[max(0, i - 4):i] + after[:4]) else None
    if lemma == "have" and after[:1] == ["your"] and _MATTERS.intersection(after[1:4]) and (
            words[i - 2 if words[i - 1] == "now" else i - 1] in AGENT_NOUNS):
        return _WITH_TEAM  # "our Customer Resolution team now has your complaint"
    if lemma == "have" and "at" in after[:4] and after[after.index("at") + 1:][:2] in (["your", w] for w in _PLACES):
        return _HAVE_AT  # "the driver will have it at your door by Wednesday"
    if lemma == "get" and after[:2] in (["to", "you"], ["to", "your"]):
        return _REACH  # "an engineer has been dispatched and will get to you within 2 hours"
    if lemma == "hand" and after[:1] == ["you"] or lemma == "put" and after[:2] == ["you", "through"]:
        return None  # "I'll hand you over to billing", "I'll put you through to our team": this chat, not the account
    if lemma == "take" and "from" in after and after[after.index("from") + 1:][:1] == ["here"]:
        # "Client Relations will take your complaint from here"; "I'll take it from here" is no hand-on
        return _ESCALATE if subject in ("agent", "first") and not AGENT_NOUNS.isdisjoint(words[max(0, i - 6):i]) else None
    # a wider window than a particle's: "handed the missing parcel over to our delivery investigations team";
    # before "sent it across" below: "I've sent this over to our fraud team" names who it went to
    if lemma in _HANDS_ON and _to_recipient(words[i + 1:min(end, i + 1 + 2 * _PARTICLE_WINDOW)]):
        return _ESCALATE  # "this is going up to our executive office", "I'm sending this up to my team leader"
    if lemma == "send" and after[:1] in (["it"], ["this"]) and after[1:2] in (["across"], ["over"], ["on"]) and (
            "you" not in after):
        return _SEND_ON  # "I've sent it across": the matter handed on in the clause before
    if lemma == "take" and after[:1] == ["effect"] or lemma == "come" and after[:2] == ["into", "effect"]:
        return VERB_BY_LEMMA["take_effect"]
    if lemma in ("show", "appear") and after[:1] == ["as"] and _as_kind(after, 0, len(after)) is None:
        # "it shows as delivered to your mailroom on Friday": a tracking status, not a promise; money that will
        # "appear as a credit on your next bill" is money on its way
        return None
    if lemma == "attach" and subject != "thing":
        return None  # "your updated schedule is attached": made for you; "I've attached our fee schedule": a leaflet
    if lemma == "post" and after[:1] == ["to"] and _ACCOUNTS.intersection(after[1:4]):
        return _GO_OUT  # "it'll post to your card account tonight": money that lands, not a letter
    if lemma == "return" and (after[:2] == ["to", "us"] or after[:3] in (["to", "the", "sender"], ["to", "our", "warehouse"])):
        return None  # "the original package will be returned to us": back to the company, nothing for the customer
    if lemma == "write" and after[:1] == ["to"]:
        return _CONTACT  # "we'll write to you with the outcome"
    if lemma == "pick" and after[:1] == ["you"]:
        return _FETCH  # "our driver will pick you up from the airport": a ride, not goods
    if lemma in ("collect", "take") and "direct" in after and "debit" in after:
        return _DIRECT_DEBIT  # "we'll collect \u00a372 a month by direct debit": a plan
    if lemma in ("knock", "bring", "take") and "down" in after[:6] and ("by" in after or _money_phrase(after)):
        return _KNOCK_DOWN  # "knocked tonight's stay down by \u00a360", "brought your premium down"
    if lemma == "push" and "through" in after[:6]:
        return _PUSH_THROUGH  # "I've pushed through a refund of C$89.99"
    if lemma == "put" and "back" in after[:8] and _money_phrase(after):
        return _PUT_BACK  # "we'll put the A$212.44 you were overcharged back on your account"
    if lemma in ("send", "give", "pay") and "back" in after[:8] and _money_phrase(after):
        return _GIVE_BACK  # "I've sent back the $64.10 you were overcharged"
    if lemma == "put" and after[:1] == ["in"] and after[1:2] != ["for"]:
        return _PUT_IN  # "I've put in a formal complaint"
    if lemma == "reach":
        return verb if "out" in after[:4] else _REACH
    if lemma == "get":
        if after[:2] == ["back", "to"] or "touch" in after[:3]:
            return _CONTACT
        return verb
    if lemma == "follow":
        return _CONTACT if "up" in after[:2] else verb
    if lemma == "flag" and _AS_URGENT.search(" ".join(after)):
        return _ESCALATE  # "I've flagged your application as urgent": pushed up the queue
    if lemma == "flag" and "for" in after[:4] and not any(p in after for p in ("with", "to")):
        return _FLAG_FOR
    if lemma == "pay" and after[:1] == ["for"]:
        return _PAY_FOR  # "we'll pay for the taxi": an expense covered
    if lemma == "take" and after[:2] == ["care", "of"]:
        return _TAKE_CARE  # "we'll take care of your hotel bill"
    if lemma == "put" and after[:1] == ["right"]:
        return _PUT_RIGHT  # "the overcharge has been put right"
    if lemma == "put" and after[:2] == ["in", "for"]:
        return _PUT_IN_FOR  # "I've put in for a refund": a request for it
    if lemma in ("transfer", "link") and after[:1] == ["you"]:
        return None  # "I'll transfer you to billing", "I'll link you to the article": this chat, not the account
    if lemma in ("go", "come") and after[:1] == ["back"] and subject == "thing" and (
            _money_phrase(words[max(0, i - _PARTICLE_WINDOW):i]) or _names_a_fee(" ".join(words[max(0, i - _PARTICLE_WINDOW):i]))):
        return _MONEY_BACK  # "the $35 overdraft fee is coming back to your account": money given back
    if lemma in ("go", "come") and "down" in after[:2] or lemma == "drop" and (after[:1] == ["to"] or (
            after[:1] == ["by"] and after[1:2] and after[1][0] in _MONEY_STARTS)):
        return _GO_DOWN  # "your premium will drop by $12"
    if lemma == "drop" and (_to_a_sum(after[:4], after) or _from_a_sum(after)):
        return VERB_BY_LEMMA["lower"]  # "I've dropped your plan to the $45 one", "your APR from 27.49% to 21.99%"
    if lemma == "drop" and not _INTO.isdisjoint(after[:6]):
        return _POP_ON  # "I've dropped 500 bonus miles into your account": put on, as with "popped"
    if lemma == "go":
        if "up" in after[:2]:
            return _GO_UP
        if any(p in after[:2] for p in ("out", "through", "back", "onto", "into", "on")):
            return _GO_OUT  # "a £7.50 credit has gone onto your account"
        return None
    if lemma == "come":
        if after[:3] == ["back", "to", "you"]:
            return _CONTACT  # "I'll come back to you on that"
        if "off" in after[:2]:
            return _COME_OFF  # "the $18 interest charge is coming off"
        if after[:1] == ["through"]:
            return _GO_OUT  # "your refund will come through"
        if after[:1] == ["to"]:
            return verb if after[1:2] in (["your"], ["the"]) and after[2:3] and after[2] in _PLACES else None
    if lemma == "drop":
        if after[:1] == ["you"]:
            return _DROP_LINE  # "drop you a line", "drop you an email"
        if after[:1] == ["by"]:
            return _VISIT  # "an engineer will drop by"
        # "a courtesy car will be dropped off to you", not "the fee will drop off your bill"
        if any(p in after[:5] for p in ("round", "over")) or "off" in after[:4] and (any(
                p in after for p in ("at", "with", "door")) or after[after.index("off") + 1:][:2] == ["to", "you"]) or (
                "at" in after[:4] and not _PLACES.isdisjoint(after)):
            return _DROP_ROUND  # "our courier will drop it round", "drop the parcel off at your door"
    if lemma == "pop" and not any(p in after for p in ("round", "by")):
        if any(p in after for p in ("post", "mail")):
            return _POP_POST  # "I'll pop a new card in the post"
        return _POP_ON if any(p in after for p in ("on", "onto", "into")) else None  # "popped a £15 credit on your bill"
    if lemma == "bring":
        if after[:1] == ["up"] or "up" in after[:3] and "with" in after[:6]:
            return _RAISE_WITH if "with" in after[:6] else None  # "I'll bring this up with my manager"
        if "forward" in after[:4]:
            return _BRING_FORWARD  # "we've brought your appointment forward"
        if after[:3] == ["up", "to", "date"] or "date" in after[:5]:
            return None
    if lemma == "update" and after[:1] == ["you"] and (len(after) < 2 or after[1] in _NP_END or after[1] in ",."):
        return _CONTACT
    if lemma == "keep" and after[:1] == ["you"]:
        return verb if any(p in after[:3] for p in verb.particles) else None
    if verb.particles and not any(p in after for p in verb.particles):
        if verb.lemma in ("have", "get") or verb.mode == RECEIVE:
            return verb
        return None
    return verb


_REACH = Verb("reach", None, NEUTRAL)
_ESCALATE = Verb("escalate", "escalation", STRONG)
_SEND_ON = Verb("send_on", None, OBJECT, frozenset({"escalation"}))
_HAVE_AT = Verb("have_at", "delivery", STRONG)
#: what a team can "have" of the customer's that is handed on to it
_MATTERS = frozenset("complaint complaints case claim dispute query issue appeal file".split())
_FETCH = Verb("pick", "other", STRONG)
_DIRECT_DEBIT = Verb("collect", "account_change", STRONG)
_KNOCK_DOWN = Verb("knock", "credit", OBJECT, MONEY_OVERRIDES, removal=True)
_PUSH_THROUGH = Verb("push", None, OBJECT)
_PUT_BACK = Verb("put", "credit", OBJECT, MONEY_OVERRIDES | {"refund"}, removal=True)
_GIVE_BACK = Verb("send", "refund", OBJECT, MONEY_OVERRIDES | {"credit"}, removal=True)
_PUT_IN = Verb("put", None, OBJECT, frozenset(
    {"escalation", "dispute", "refund", "credit", "fee_waiver", "rewards", "account_change", "replacement"}))
#: verbs that hand a matter on, when it goes to someone of the company: "going up to our ... team"
_HANDS_ON = frozenset({"go", "send", "pass", "forward", "move", "refer", "escalate", "push", "report", "hand", "bump",
                       "put", "place"})
#: who a matter is handed to
_RECIPIENTS = frozenset(
    "team department manager supervisor specialist specialists office panel leader desk unit committee director "
    "board management escalations adjuster adjusters investigator investigators".split())
#: recipients that are also places: only "our/my office" is someone; "the Elm Street office" is where a test moved to
_PLACE_RECIPIENTS = frozenset({"office", "desk", "unit"})
_MONEY_HEADS_BACK = frozenset(
    "deposit balance overpayment money funds amount sum difference excess remainder overcharge".split())


def _to_recipient(after: list[str]) -> bool:
    """Whether the words after a verb send the matter "to our/my/the ... team" (never "your"), or put it
    "in front of" them."""
    if "to" in after and _names_recipient(after[after.index("to") + 1:]):
        return True
    at = after.index("front") if "front" in after else -1
    return 0 < at and after[at - 1] == "in" and after[at + 1:at + 2] == ["of"] and _names_recipient(after[at + 2:])


def _names_recipient(phrase: list[str]) -> bool:
    """Whether a noun phrase within its first seven words is someone of the company a matter goes to."""
    phrase = phrase[:7]
    for w in phrase:
        if w in ("your", "you"):
            return False
        if w in _RECIPIENTS:
            return w not in _PLACE_RECIPIENTS or any(d in ("our", "my") for d in phrase)
    return False


def _owned(subject: list[str]) -> bool:
    """Whether a subject names this customer's own thing: "your late charges", "the \u00a38 charge"."""
    return "your" in subject or any(w[:1] in MONEY_SIGNS or w[:1].isdigit() for w in subject)


def _all_money(phrase: list[str]) -> bool:
    """Whether a noun phrase is a sum and nothing else ("C$219.40", "the full $89")."""
    return any(w[:1] in _MONEY_STARTS and any(ch.isdigit() for ch in w) for w in phrase) and all(
        w[:1] in _MONEY_STARTS or w in _CURRENCY_LETTERS or w in ("the", "your", "a", "full", "whole", "total",
                                                                    "remaining", "entire", "rs", "rs.") for w in phrase)


def _money_phrase(words: list[str]) -> bool:
    """Whether `words` name a sum of money ("the $64.10", "your security deposit")."""
    return any(w[:1] in MONEY_SIGNS or w in _MONEY_HEADS_BACK for w in words)
_FLAG_FOR = Verb("flag", None, OBJECT)
_AS_URGENT = re.compile(r"\bas\s+(?:an?\s+)?(?:urgent|priority|high\s+priority|top\s+priority)\b")
_PUT_IN_FOR = Verb("put", "other", OBJECT)
_PUT_RIGHT = Verb("put", "other", OBJECT, frozenset({"refund", "credit", "fee_waiver"}))
_STOP_PAYMENT = Verb("stop_payment", "account_change", STRONG)
_PAYOUTS = frozenset({"payment", "payout", "pay-out", "transfer", "reimbursement", "settlement"})
#: what a stop is put on: money that would leave the account
_STOPPABLE = frozenset(
    "payment payments cheque cheques check checks debit debits transfer transfers instalment instalments installment "
    "installments mandate".split())
_PAY_FOR = Verb("pay_for", "other", OBJECT, frozenset({"refund", "credit", "fee_waiver", "dispute", "delivery"}))
_TAKE_CARE = Verb("take_care", "other", OBJECT, frozenset({"refund", "credit", "fee_waiver", "dispute", "delivery"}))
_CONTACT = Verb("contact", "follow_up", STRONG)
_GO_UP = Verb("go", "account_change", NEUTRAL)
_GO_DOWN = Verb("go_down", "account_change", NEUTRAL)
_GO_OUT = Verb("go", None, NEUTRAL)
#: money or a fee that goes or comes back to the customer: a fee is waived, anything else refunded
_MONEY_BACK = Verb("go_back", "refund", NEUTRAL, removal=True)
_COME_OFF = Verb("come_off", "credit", NEUTRAL, removal=True)
_DROP_LINE = Verb("drop", "follow_up", OBJECT, frozenset({"rewards", "refund", "credit", "replacement", "follow_up"}))
_DROP_ROUND = Verb("drop", "delivery", OBJECT, frozenset({"replacement", "follow_up", "refund", "rewards", "credit"}))
_VISIT = Verb("drop", "delivery", STRONG)
_POP_ON = Verb("pop", "account_change", OBJECT)
_POP_POST = Verb("pop", "follow_up", OBJECT)
_BRING_FORWARD = Verb("bring", "account_change", STRONG)
_RAISE_WITH = Verb("bring", "escalation", STRONG)
_MONEY_STARTS = MONEY_SIGNS | frozenset("0123456789")
#: where someone comes to: "an engineer will come to your house"
_PLACES = frozenset(
    "home house address door property premises flat apartment office site place building workplace work".split())


_INTO = frozenset({"into", "onto"})


def _object_named(words: list[str], k: int, end: int) -> bool:
    """Whether an object opens at k with a determiner, a pronoun or a sum: "refunded the $10", "sent you".

    What a verb with no subject acts on shows it is a verb, not a participle before a noun ("Refunded
    items must be returned", "Sent from my iPhone").
    """
    w = words[k] if k < end else ""
    return w in _DETERMINERS or w in _INDIRECT or w in _PRONOUN_OBJECTS or w[:1] in _MONEY_STARTS


def _from_a_sum(after: list[str]) -> bool:
    """Whether a short object is followed by "from" a sum "to" a sum ("your purchase APR from 27.49% to 21.99%")."""
    if "from" not in after[:5]:
        return False
    k = after.index("from") + 1
    if not any(w in BAD_NEWS or NOUNS.get(w) == "account_change" for w in after[:k - 1]):
        return False  # what drops must be a rate, a price or a limit: not "dropped the parcel from 3 to 5"
    return k < len(after) and after[k][:1] in _MONEY_STARTS and _to_a_sum(after[k + 1:k + 3], after[k + 1:])


def _to_a_sum(head: list[str], after: list[str]) -> bool:
    """Whether "to" in `head` comes just before a sum or a number ("to the $45 one", "to 9.9%")."""
    if "to" not in head:
        return False
    k = head.index("to") + 1
    return any(w[:1] in _MONEY_STARTS for w in after[k:k + 3])


def _present_for_future(verb: Verb, subject: str, facts: _ClauseFacts) -> bool:
    """ "It ships in 2 days", "your new plan kicks in next cycle": a present that names a date to come.

    The date is a due expression (find_due), as everywhere else: a bare "on" or "from" is no date
    ("your refund shows on your statement", "your new card ships from our warehouse").
    """
    if subject not in ("thing", "pronoun") or not (verb.mode == NEUTRAL or verb.lemma in (
            "ship", "reship", "dispatch", "deliver")):
        return False
    return facts.due()


class _ClauseFacts:
    """What the verbs of one clause all ask of it, each worked out at most once and only when first asked.

    Asked afresh for every verb, a clause of thousands of verbs from a hostile page is rescanned once per
    verb: quadratic. Most clauses ask none of these.
    """

    __slots__ = ("clause", "sentence", "words", "first", "end", "_answers")

    def __init__(self, clause: str, sentence: str, words: list[str], first: int, end: int) -> None:
        self.clause, self.sentence, self.words, self.first, self.end = clause, sentence, words, first, end
        self._answers: dict[str, bool] = {}

    def _ask(self, question: str, work) -> bool:
        answer = self._answers.get(question)
        if answer is None:
            answer = self._answers[question] = bool(work())
        return answer

    def scoped_out(self) -> bool:
        """Whether an offer, condition, refusal, hedge, habit or negation scopes over the clause."""
        return self._ask("scoped_out", lambda: _scoped_out(self.clause, self.sentence))

    def due(self) -> bool:
        """Whether the clause names a due expression ("within 3 days", "by Friday")."""
        return self._ask("due", lambda: find_due(self.clause, None)[0] is not None)

    def words_due(self) -> bool:
        """The same, read from its standard words (text-speak restored: "2moro" is "tomorrow")."""
        return self._ask("words_due", lambda: find_due(" ".join(self.words[self.first:self.end]), None)[0])

    def found(self, pattern: re.Pattern) -> bool:
        """Whether `pattern` occurs in the clause ("last week" of _HISTORY, "by cheque" of _BY_TRANSFER)."""
        return self._ask(pattern.pattern, lambda: pattern.search(self.clause))

    def now(self) -> bool:
        """Whether "now" is one of its words, or the clause says it is done as it is said ("as you asked")."""
        return self._ask("now", lambda: "now" in self.words[self.first:self.end] or _AS_ASKED.search(self.clause))


def _scoped_out(clause: str, sentence: str) -> bool:
    """Offers, conditions, refusals, hedges, habits and negation: nothing in this clause is a promise."""
    lower = clause.lower()
    if _SCOPE_WORDS.isdisjoint(_WORDS.findall(lower)) and "n't" not in lower:
        scoped = False  # the cheap check: no word that any scope starts with
    else:
        plain = _BENIGN_CONDITION.sub("", clause) if "if " in lower else clause
        if "never" in lower or "n't" in lower or "not" in lower:
            plain = _RELATIVE_NEGATION.sub("", plain)
        if "which" in lower:
            plain = _RELATIVE_TIMING.sub("", plain)
        if "denied" in lower or "declined" in lower or "rejected" in lower or "refused" in lower or (
                "suspended" in lower or "unsuccessful" in lower):
            plain = _REFUSED_THING.sub(" ", plain)
        scoped = bool(_SCOPE.search(plain) or _MAY.search(plain))
    return scoped or (sentence[:6].lower().split(" ", 1)[0] in _CONDITION_STARTS and bool(
        _CONDITION.match(sentence.strip())))


# --------------------------------------------------------------------------
# Noun phrases and kinds


def _object_start(words: list[str], k: int, end: int) -> int | None:
    """Where the object after a verb starts, past an indirect object ("issued you a travel credit")."""
    while k < end and (words[k] in _ADVERBS or words[k] in ("off", "back", "out", "up", "over", "through")
                       or (words[k] == "in" and words[k - 1] in ("put", "putting", "throw", "thrown", "threw"))):
        if words[k] == "both" and (k + 1 >= end or words[k + 1] in _NP_END or not words[k + 1][0].isalnum()):
            break  # "you'll see both back on your account": "both" is the object, not an adverb
        if words[k] == "both" and FORMS.get(words[k + 1], (None, ""))[1] not in ("past", "pp", "pastpp", "ing", "any"):
            break  # "refunded both charges": the determiner of this one pair, not a plural said in general
        k += 1
    if k >= end:
        return None
    if words[k] in _INDIRECT and k + 1 < end and words[k + 1] not in _NP_END and words[k + 1] not in ",.;!":
        k += 1
    if k + 2 < end and words[k] in _DAY_WORDS and words[k + 1] == "'s":
        k += 2  # "removed tonight's resort fee": the day owns the thing, which is the object
    return k


_DAY_WORDS = frozenset({"today", "tonight", "tomorrow", "yesterday"})
_TIME_UNITS = frozenset(
    "week month year day morning afternoon evening night time monday tuesday wednesday thursday friday saturday "
    "sunday".split())


def _np(words: list[str], start: int | None, end: int) -> list[str]:
    """The words of the noun phrase starting at `start`, up to a preposition, verb or mark."""
    if start is None:
        return []
    if start >= end or (words[start] in _NP_END and words[start] not in _ARTICLES):
        return []  # "hear from us": no object
    out = []
    for k in range(start, min(end, start + _WALK)):
        w = words[k]
        if w in ("-", "%", "#"):
            continue  # "the 50,000-point bonus", "your 15% discount"
        if (w in _NP_END and out) or (not w[0].isalnum() and w[0] not in MONEY_SIGNS and w[0] != "'"):
            break
        if out and w in _NP_SUBJECTS:
            break
        if out and w in ("next", "last") and k + 1 < end and words[k + 1] in _TIME_UNITS:
            break  # "a renewal notice next week": the time is no part of the thing ("your next bill" is)
        if out and FORMS.get(w, (None, ""))[1] in ("pp", "pastpp") and (
                k + 1 >= end or words[k + 1] in _NP_END or not words[k + 1][0].isalnum()):
            break  # "you'll see that reflected within 2 cycles": the participle is no part of the thing
        if out and w.endswith("ing") and k + 1 < end and words[k + 1] in _ARTICLES and (
                out[-1] in NOUNS or out[-1][:-1] in NOUNS):
            break  # "a letter confirming the new rate": what the thing says is no part of it
        if w == "'s":
            nxt = words[k + 1] if k + 1 < end else ""
            if nxt in _VERB_AUX or nxt in _ADVERBS or nxt in ("gone", "on", "not", "n't") or FORMS.get(
                    nxt, (None, ""))[1] in ("pp", "pastpp", "ing"):
                break  # "your refund's been processed": "'s" is "has" or "is"
            out = []  # "the engineer's visit": the head comes after the owner
            continue
        out.append(w)
    return out


def _thing_kind(words: list[str], start: int | None, end: int) -> str | None:
    """The kind a noun phrase names on its own, with no verb to weigh it ("a new card" is a replacement)."""
    kind = _np_class(words, start, end)
    return "replacement" if kind == "_new" else kind


def _np_class(words: list[str], start: int | None, end: int, depth: int = 0) -> str | None:
    """The class of a noun phrase's head: its rightmost word (or pair) that the lexicon knows."""
    phrase = [w for w in _np(words, start, end) if not any(ch.isdigit() for ch in w) or w[0] in MONEY_SIGNS]
    if not phrase:
        return None
    head = phrase[-1]
    if len(phrase) > 1 and (phrase[-2], head) in NOUN_PAIRS:
        return NOUN_PAIRS[(phrase[-2], head)]  # "a service request" is a ticket, whatever it is for
    if head in ("order", "request", "case") and start is not None:
        # "placed an order for a new card": what is ordered names it
        at = start + len(_np(words, start, end))
        for k in range(at, min(end, at + 6)):
            if words[k] == "for":
                inner = _np_class(words, k + 1, end, depth + 1) if depth < _NESTING else None
                if inner:
                    return inner
                break
    for k in range(len(phrase) - 1, -1, -1):
        w = phrase[k]
        if k and ((phrase[k - 1], w) in NOUN_PAIRS or (phrase[k - 1], w[:-1]) in NOUN_PAIRS):
            kind = NOUN_PAIRS.get((phrase[k - 1], w)) or NOUN_PAIRS[(phrase[k - 1], w[:-1])]
        else:
            kind = NOUNS.get(w) or (NOUNS.get(w[:-1]) if w.endswith("s") else None)
            if kind is None and w.startswith("e-"):
                kind = NOUNS.get(w[2:]) or NOUNS.get(w[2:-1])  # "an e-voucher" is a voucher
            if kind is None and w.endswith(_REWARD_TAILS):
                kind = "rewards"  # a shop's own coins or points: "250 SuperCoins", "ShopPoints"
        if kind == "_info" and k == len(phrase) - 1:
            return "_info"  # "the claim reference will be sent": information, whatever it refers to
        if kind and kind != "_info":
            if kind in ("refund", "credit", "fee_waiver") and any(
                    NOUNS.get(p) == "fee" or NOUNS.get(p[:-1]) == "fee" for p in phrase[:k]):
                return "fee_waiver"  # "the fee reversal", "a late fee refund"
            if kind == "credit" and any(p in _EARNED or p[:-1] in _EARNED for p in phrase[:k]):
                return "rewards"  # "the rewards adjustment", "a points credit": what is earned, put right
            if kind == "credit" and "bonus" in phrase[:k] and not any(p[:1] in MONEY_SIGNS for p in phrase):
                return "rewards"  # "3 bonus audiobook credits" are counted and given; "a $50 bonus credit" is money
            if kind in ("refund", "credit") and k == len(phrase) - 1 and start is not None:
                at = start + len(_np(words, start, end))
                if at + 1 < end and words[at] in ("of", "for", "on") and depth < _NESTING and (
                        _np_class(words, at + 1, end, depth + 1) == "fee"):
                    return "fee_waiver"  # "a reversal of the \u20b9499 convenience fee"
            return kind
    if start is not None and all(w[0] in _MONEY_STARTS or w in _CURRENCY_LETTERS or w in _AMOUNT_WORDS for w in phrase):
        at = start + len(_np(words, start, end))
        if at + 1 < end and words[at] in ("of", "in"):
            # "S$35 of store credit", "\u20ac400 in compensation", "an extra 5GB of data"
            return _np_class(words, at + 1, end, depth + 1) if depth < _NESTING else None
    # a plural's singular only: "a new charger" is no "charge"
    # nor is "the duplicate \u00a365.00": a sum is money, not a thing sent
    if any(w in _NEW for w in phrase) and head not in _ABSTRACT and not (head.endswith("s") and head[:-1] in _ABSTRACT) and (
            head[:1] not in MONEY_SIGNS):
        return "_new"  # "a new router": a replacement, unless only a document can be meant (_kind)
    return None


def _kind(
    verb: Verb, words: list[str], patient_at, end: int, facts: _ClauseFacts, subject: str, passive: bool, depth: int = 0
) -> str | None:
    """The promise kind: the verb's own, or its object's (the subject's, for a passive or a thing)."""
    phrase = _np(words, patient_at, end)
    pronoun = bool(phrase) and (phrase[0] in ("it", "them") or phrase == phrase[:1] and phrase[0] in _PRONOUN_OBJECTS
                                or phrase[-1] in ("one", "ones") and not _NEW.intersection(phrase)) or (
        patient_at is None and subject == "pronoun")
    if phrase and phrase[-1] in ("one", "ones") and patient_at is not None:
        antecedent = _antecedent(words, patient_at)  # "reset your PIN and sent the new one"
        if antecedent:
            phrase, pronoun = [antecedent], False
            patient_at = None
    if phrase == ["you"] and verb.lemma in ("book", "rebook", "move", "put", "place", "switch"):
        return "account_change"  # "I've booked you onto the 9:40"
    if verb.mode == OBJECT and patient_at is not None and phrase and phrase[-1] in _PURPOSE_HEADS and depth < _NESTING:
        inner = _purpose_kind(words, patient_at + len(phrase), end, facts, depth + 1)
        if inner:
            return inner
    patient = None if pronoun else _np_class(words, patient_at, end) if patient_at is not None else (
        _np_class(phrase, 0, len(phrase)))
    if verb.lemma == "convert":
        return _converted(words, patient_at or 0, end)
    if verb.lemma in _GIVES_BACK and patient in (None, "credit", "refund", "_expense", "_veto") and (
            facts.found(_BY_TRANSFER) or (patient is None or patient == "_veto" and (
                verb.lemma in ("release", "return") or verb is _GIVE_BACK)) and _money_phrase(phrase)):
        return "refund"  # "the C$140.62 left over is being returned by cheque", "released your security deposit"
    if verb.lemma in ("switch", "turn") and patient == "other" and facts.found(_OFF):
        return None  # "supply in your sector is switched off from 10 AM": an outage, not a promise
    if verb.removal and phrase and phrase[-1] in _RESTRICTIONS:
        return "account_change"  # "I've taken the block off", "the hold on your card has been removed"
    if phrase and (phrase[0] in QUANTIFIERS | {"several", "many"} or (
            len(phrase) <= 2 and phrase[-1].endswith("s") and phrase[0] not in _ARTICLES and phrase[0].isalpha()
            # no plural: a word that ends in "s" ("premium SMS"); nor one in general: "further payments" are this
            # customer's from now on
            and phrase[-1] not in NOUNS and phrase[0] not in ("further", "future")
            and phrase[0] not in ("both", "them", "these", "those", "its") and not pronoun and patient_at is not None
            and not passive and not _NUMBER_WORDS.intersection(phrase))):
        return None  # "we've sent you several reminders", "I've escalated cases like this": not this one
    if verb.lemma in ("reissue", "re-issue") and patient == "follow_up" and phrase[-1] not in _RECORDS:
        patient = None  # a reissued pass or ticket is a replacement; a reissued statement is a document
    if patient == "_new":
        # "a new charger" is a replacement, but what is emailed or texted can only be a document
        # added to a policy or an account, it is a change of cover ("added your new Tacoma to the policy")
        patient = None if verb.lemma in _ELECTRONIC else "account_change" if verb.lemma in _ROSTER else "replacement"
    if patient == "_expense":
        if verb.lemma in _PAYS:
            return "other"  # "we'll cover the towing bill", "reimburse your hotel costs"
        patient = "follow_up" if phrase[-1] in ("bill", "bills") and (
            verb.lemma in _DOCUMENT_VERBS or verb.mode in (NEUTRAL, RECEIVE)) else None
    if patient == "account_change" and phrase and phrase[-1] in ("notice", "notices") and (
            verb.mode == RECEIVE or verb.lemma in _DOCUMENT_VERBS):
        patient = "follow_up"  # a notice sent or received is a letter; one placed on a card is a setting
    if patient == "_person":
        patient = "account_change" if verb.lemma in _ROSTER else None  # "added your partner as a named driver"
    if patient == "replacement" and verb.removal and not verb.kind:
        patient = "account_change"  # "removed the device you didn't recognise": taken off the account, nothing new
    if phrase and phrase[0] == "our" and not any(w in AGENT_NOUNS for w in phrase) and patient not in ("follow_up", "callback"):
        return None  # "we've updated our privacy policy": the company's own things; "our response" is yours
    if patient == "fee" and verb.lemma in ("refund", "reimburse") and phrase[-1] in _TAXES and not _on_a_charge(
            words, patient_at, phrase, end):
        return "refund"  # "refunded the airport taxes on your unused flight": the fare's own money, not a fee
    if verb.lemma == "waive" or (verb.removal and (patient == "fee" or (pronoun and _names_a_fee(facts.sentence)))):
        return "fee_waiver"
    if patient == "_veto" and verb.mode != STRONG and verb.lemma not in _REPAIRS and not (
            verb.removal and phrase and phrase[-1] in _MONEY_VETO):
        return None
    if verb.lemma == "close" and (patient == "escalation" or _TICKETS.intersection(phrase)):
        return None  # "your ticket has been closed": an end, not a promise
    if verb.removal and verb.lemma not in ("refund", "reimburse", "reverse", "credit", "drop") and phrase and (
            phrase[-1] in ("charge", "charges")):
        return "fee_waiver"  # "removed the roaming charges from your bill"
    if verb.kind == "account_change" and verb.lemma in ("increase", "go", "raise") and any(
            w in BAD_NEWS for w in phrase):
        return None  # "your rate will go up": bad news, not a promise
    if verb.mode == STRONG:
        if verb.kind == "follow_up" and facts.found(_PHONE_MANNER):
            return "callback"
        return verb.kind
    if patient == "fee":
        return None  # a fee sent or applied is no promise
    if verb.lemma in ("correct", "amend") and patient in (None, "_info") and facts.found(_SET_TO):
        return "account_change"  # "your tax code has been corrected to 1257L": set to a new value
    if verb.mode == OBJECT:
        if patient in _KINDS_SET and (verb.overrides is None or patient in verb.overrides):
            return patient
        if verb.lemma in ("raise", "log", "open", "submit", "file", "lodge") and any(
                w in ("limit", "rate", "apr") for w in phrase):
            return "account_change"
        if verb.kind is None and (pronoun or not phrase):
            return "_"
        if verb.lemma in ("send", "email", "mail", "post", "text", "message") and _escalated(phrase):
            return "escalation"
        if verb.lemma == "send" and phrase and not pronoun and not patient:
            return "other"  # "we'll send a cab": not a letter
        return verb.kind
    # NEUTRAL and RECEIVE: the thing names the kind
    if patient in _KINDS_SET:
        return patient
    if verb.mode == NEUTRAL and patient is None and phrase and _all_money(phrase):
        return "_"  # "C$219.40 will be back on your Amex": the money of the promise before
    if verb.lemma == "get" and facts.found(_BACK):
        return "refund"  # "you'll get the full $249.99 back"
    if verb.lemma == "get" and facts.found(_OFF):
        return "credit"
    if verb.kind:
        return verb.kind
    if pronoun or (not phrase and subject == "pronoun"):
        return "_"
    return None


#: how a shop's own reward currency ends ("SuperCoins", "FlyPoints")
_REWARD_TAILS = ("coins", "points")
#: taxes are fees when charged on a fee ("the GST on the SMS alert charge"), but part of a fare or price refunded
_TAXES = frozenset("tax taxes duty duties levy levies".split())


def _on_a_charge(words: list[str], patient_at: int | None, phrase: list[str], end: int) -> bool:
    """Whether the tax named by `phrase` is levied on a charge or fee ("the VAT on the late fee")."""
    at = (patient_at or 0) + len(phrase)
    if patient_at is None or at >= end or words[at] not in ("on", "levied", "charged", "for"):
        return False
    return any(NOUNS.get(w) == "fee" or NOUNS.get(w[:-1]) == "fee" or w in ("charge", "charges")
               for w in words[at + 1:min(end, at + 8)])


#: a thing put right by setting it to a new value: "corrected to 1257L", "amended your date of birth to 4 May"
_SET_TO = re.compile(r"\b(?:correct|amend)(?:ed|s)?\s+(?:[\w'-]+\s+){0,6}?to\s+(?!(?:you|your|us|our|me)\b)\w", re.I)
#: verbs that put right what the company got wrong: even the customer's reading or payment ("corrected")
_REPAIRS = frozenset({"correct", "fix", "repair", "resolve", "restore", "reinstate", "reconnect", "amend"})
#: documents that record an account, which a reissue sends again rather than replaces
_RECORDS = frozenset(
    "statement statements invoice invoices bill bills receipt receipts certificate certificates letter letters "
    "schedule summary confirmation".split())
#: what is new without being a thing sent: "the new charges", "your new balance"
_ABSTRACT = frozenset(
    "charge price amount balance total term number account name address year month week day customer customers "
    "way process system app website policy premium payment minimum".split())
#: words of a quantity whose noun comes after "of": "an extra 5GB of data"
_AMOUNT_WORDS = frozenset("a an the your extra additional further free bonus full whole gb mb gig gigs".split())
_CURRENCY_LETTERS = frozenset({"s", "a", "c", "r", "nz", "hk", "us", "au", "ca", "rs", "usd", "gbp", "eur", "aud", "cad",
                               "zar"})
_TICKETS = frozenset({"case", "cases", "ticket", "tickets", "incident", "incidents", "complaint", "complaints"})
_ELECTRONIC = frozenset({"email", "e-mail", "text", "message", "ping"})
_PAYS = frozenset({"pay", "pay_for", "cover", "reimburse", "settle", "honour", "honor", "take_care"})
_DOCUMENT_VERBS = frozenset(
    {"send", "resend", "re-send", "email", "e-mail", "mail", "post", "text", "message", "issue", "reissue", "re-issue",
     "print", "forward", "correct", "provide", "give"})
_ROSTER = frozenset({"add", "remove", "put", "take", "list", "name", "cover"})  # "your son is now covered"
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten twenty thirty forty fifty hundred dollars pounds euros".split()
)
_MONEY_VETO = frozenset({"payment", "payments", "deposit"})
_NEW = frozenset({"new", "replacement", "spare", "brand-new", "duplicate"})
#: what a customer earns: a credit or adjustment of it is rewards (not "bonus": "a $50 bonus credit" is money)
_EARNED = frozenset({"reward", "point", "mile", "avios", "cashback"})
_PURPOSE_HEADS = frozenset({"request", "paperwork", "application", "form", "forms", "order", "requests"})


def _purpose_kind(words: list[str], k: int, end: int, facts: _ClauseFacts, depth: int) -> str | None:
    """ "a request to have the interest charges refunded", "the paperwork to lower your rate"."""
    while k < end and words[k] in _NP_END and words[k] != "to":
        return None
    if k >= end or words[k] != "to" or k + 1 >= end:
        return None
    entry = FORMS.get(words[k + 1])
    if entry is None:
        return None
    verb, _ = entry
    if verb.lemma in ("have", "get"):
        return _delegated(facts, words, k + 1, end, verb, depth)
    sense = _sense(verb, words, k + 1, end, "first")
    if sense is None or sense.mode in (NEUTRAL, RECEIVE):
        return None
    kind = _kind(sense, words, _object_start(words, k + 2, end), end, facts, "first", False, depth)
    return kind if kind in _KINDS_SET else None


#: verbs that hand money back: with a sum or "by cheque" what they move is a refund
_GIVES_BACK = frozenset({"return", "release", "send", "resend", "post", "mail", "pay", "give"})
_BY_TRANSFER = re.compile(r"\bby\s+(?:cheque|check|bank\s+transfer|transfer|bacs|eft|direct\s+credit|wire)\b", re.I)
_RESTRICTIONS = frozenset(
    "hold holds block blocks restriction restrictions freeze suspension bar stop lock limit cap".split())
#: verbs that fill an account "with" something, which names the kind
_FILLS = frozenset({"credit", "top", "load"})


def _converted(words: list[str], k: int, end: int) -> str:
    """What a thing was converted into: "converted your booking into a travel credit" is a credit."""
    for j in range(k, min(end, k + _WALK)):
        if words[j] in ("into", "to"):
            inner = _thing_kind(words, j + 1, end)
            return inner if inner in ("credit", "rewards", "refund") else "account_change"
    return "account_change"


def _antecedent(words: list[str], k: int) -> str | None:
    """The nearest noun the lexicon knows before token k: what "one" stands for."""
    for j in range(k - 1, max(-1, k - 1 - _WALK), -1):
        w = words[j]
        if w not in NOUNS and w.endswith("s") and w[:-1] in NOUNS:
            w = w[:-1]  # "tickets older than 30 days get closed, so I've opened a new one": a ticket
        if w in NOUNS and NOUNS[w] not in ("_veto", "fee", "_info", "_person", "_expense"):
            return w
    return None


def _escalated(phrase: list[str]) -> bool:
    return any(w in _ESCALATION_RECIPIENT for w in phrase)


_FEE_WORDS = re.compile(
    r"\b(?:fees?|interest|penalty|penalties|surcharge|(?:late|overdraft|finance|service|annual|maintenance|"
    r"statement|payment|convenience|cancellation|change|reissue|disconnection|installation|restocking)\s+charges?)\b",
    re.I,
)


@functools.lru_cache(maxsize=16)
def _names_a_fee(clause: str) -> bool:
    # remembered: asked of the whole sentence by each clause that waives "it", thousands in a hostile one
    return _FEE_WORDS.search(clause) is not None
