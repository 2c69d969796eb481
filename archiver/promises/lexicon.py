"""The vocabulary of commitments: verb classes and noun classes.

Each verb names a kind on its own ("call" is a callback), takes it from what it
acts on ("send" a new card is a replacement, "send" a letter a follow-up), or
only carries a thing along ("your card will arrive"). Data, not patterns.
"""

from __future__ import annotations

from dataclasses import dataclass

# How a verb picks its kind:
STRONG = "strong"  # the verb names the kind, whatever it acts on
OBJECT = "object"  # what it acts on names the kind; the verb's own kind is the default
NEUTRAL = "neutral"  # a thing moves or takes effect: only the thing names the kind
RECEIVE = "receive"  # "you'll get / receive / see": what is received names the kind

ANY = None  # an OBJECT verb that any noun class may override


@dataclass(frozen=True)
class Verb:
    """A commitment verb: its lemma, default kind, how it picks a kind, and limits."""

    lemma: str
    kind: str | None
    mode: str
    #: noun classes that override `kind` (OBJECT verbs); ANY means all of them
    overrides: frozenset[str] | None = ANY
    #: particles that must follow within a few words ("knock ... off"); empty: none needed
    particles: tuple[str, ...] = ()
    #: removes something from the bill: with a fee as its object, the kind is fee_waiver
    removal: bool = False
    #: whether "was/were VERB-ed" (past simple passive) can be a promise ("were both refunded")
    past_passive: bool = False


_FEE = frozenset({"fee_waiver"})
#: what a verb that moves money may become besides its own kind: points given, or a fee waived
MONEY_OVERRIDES = frozenset({"rewards", "fee_waiver"})
_SETTINGS = frozenset({"account_change", "dispute", "rewards", "credit"})
#: what a letter, email or text can carry besides news: a voucher, a refund cheque, a new card
_SENT = frozenset({"rewards", "refund", "credit", "replacement", "follow_up", "fee_waiver"})
_GOODS = frozenset({"replacement", "follow_up", "refund", "rewards", "credit"})
#: what paying or covering something can be besides its own kind: never a document ("the towing bill")
_PAID = frozenset({"refund", "credit", "fee_waiver", "rewards", "dispute", "delivery", "replacement"})
#: what a reissue can be besides a new card: a statement, a cheque, a voucher
_REISSUED = frozenset({"follow_up", "refund", "rewards", "credit", "dispute"})  # "reissue your claim settlement check"

VERBS: list[Verb] = [
    # money put back
    Verb("waive", "fee_waiver", STRONG, removal=True, past_passive=True),
    Verb("refund", "refund", OBJECT, MONEY_OVERRIDES, removal=True, past_passive=True),
    Verb("reimburse", "refund", OBJECT, MONEY_OVERRIDES, removal=True, past_passive=True),
    Verb("reverse", "refund", OBJECT, MONEY_OVERRIDES, removal=True, past_passive=True),
    Verb("credit", "credit", OBJECT, MONEY_OVERRIDES | {"refund"}, removal=True, past_passive=True),
    Verb("pay", "refund", OBJECT, _PAID),
    Verb("settle", "other", OBJECT, frozenset({"dispute", "refund", "credit", "fee_waiver"}), past_passive=True),
    Verb("deduct", None, OBJECT, MONEY_OVERRIDES | {"credit", "refund"}),
    Verb("knock", "credit", OBJECT, MONEY_OVERRIDES, particles=("off",), removal=True),
    Verb("take", "credit", OBJECT, MONEY_OVERRIDES, particles=("off",), removal=True),
    Verb("write", "credit", OBJECT, MONEY_OVERRIDES, particles=("off",), removal=True),
    Verb("wipe", "credit", OBJECT, MONEY_OVERRIDES, removal=True),
    Verb("shave", "credit", OBJECT, MONEY_OVERRIDES, particles=("off",), removal=True),
    Verb("scrap", None, OBJECT, removal=True),
    Verb("strip", None, OBJECT, particles=("out", "off"), removal=True, past_passive=True),
    Verb("strike", None, OBJECT, particles=("off", "out"), removal=True),
    Verb("pull", None, OBJECT, particles=("off",), removal=True),
    Verb("void", None, OBJECT, removal=True),
    Verb("forgive", None, OBJECT, removal=True),
    Verb("clear", None, OBJECT, removal=True),
    Verb("zero", "credit", OBJECT, MONEY_OVERRIDES, particles=("out",), removal=True),
    Verb("drop", "refund", OBJECT, MONEY_OVERRIDES | {"delivery", "replacement"}, particles=("off",), removal=True),
    Verb("remove", None, OBJECT, removal=True, past_passive=True),
    Verb("cancel", "account_change", OBJECT, frozenset({"fee_waiver", "dispute"}), removal=True),
    Verb("award", "rewards", OBJECT, past_passive=True),
    Verb("throw", None, OBJECT, particles=("in", "on", "onto")),
    # put on the account in casual words ("popped a $15 credit on", "loaded a voucher onto")
    Verb("stick", "account_change", OBJECT, particles=("on", "onto", "into")),
    Verb("slap", "account_change", OBJECT, particles=("on", "onto", "into")),
    Verb("bung", "account_change", OBJECT, particles=("on", "onto", "into")),
    Verb("chuck", "account_change", OBJECT, particles=("on", "onto", "into")),
    # money let go back to the customer: "released your security deposit", "the hold has been released"
    Verb("release", None, OBJECT, frozenset({"account_change", "rewards", "credit", "fee_waiver", "refund"})),
    Verb("load", None, OBJECT),
    # a call
    Verb("call", "callback", STRONG),
    Verb("phone", "callback", STRONG),
    Verb("ring", "callback", STRONG),
    Verb("telephone", "callback", STRONG),
    # other contact
    Verb("email", "follow_up", OBJECT, _SENT, past_passive=True),
    Verb("e-mail", "follow_up", OBJECT, _SENT, past_passive=True),
    Verb("text", "follow_up", OBJECT, _SENT, past_passive=True),
    Verb("message", "follow_up", OBJECT, _SENT),
    Verb("mail", "follow_up", OBJECT, _SENT, past_passive=True),
    Verb("post", "follow_up", OBJECT, _SENT, past_passive=True),
    # "the e-tickets will be shared on your WhatsApp": sent, as a link or a file
    Verb("share", "follow_up", OBJECT, _SENT | {"escalation"}, past_passive=True),
    Verb("attach", None, OBJECT, _SENT),  # "your updated policy schedule is attached": what is attached names it
    Verb("send", "follow_up", OBJECT, past_passive=True),
    Verb("resend", "follow_up", OBJECT, past_passive=True),
    Verb("re-send", "follow_up", OBJECT, past_passive=True),
    Verb("contact", "follow_up", STRONG),
    Verb("notify", "follow_up", STRONG),
    Verb("respond", "follow_up", STRONG),
    Verb("reply", "follow_up", STRONG),
    Verb("reach", "follow_up", STRONG, particles=("out",)),
    Verb("follow_up", "follow_up", STRONG),
    Verb("let", "follow_up", STRONG, particles=("know",)),
    Verb("keep", "follow_up", STRONG, particles=("posted", "updated", "informed")),
    Verb("ping", "follow_up", OBJECT, _SENT, particles=("you",)),
    Verb("shoot", "follow_up", OBJECT, _SENT, particles=("you", "over", "across")),
    # passed on
    Verb("escalate", "escalation", STRONG, past_passive=True),
    Verb("refer", "escalation", STRONG),
    Verb("forward", "escalation", OBJECT, frozenset({"delivery"})),
    Verb("note", None, OBJECT, frozenset({"escalation"})),
    Verb("pass", "escalation", STRONG, particles=("on", "to", "along")),
    Verb("flag", "escalation", STRONG, particles=("with", "to")),
    # "handed the problem over to our technical team": a hand-on only with someone of the company after it
    Verb("hand", None, OBJECT, frozenset(), particles=("over", "to", "on")),
    Verb("log", "escalation", OBJECT, past_passive=True),
    Verb("raise", "escalation", OBJECT, past_passive=True),
    Verb("lodge", "escalation", OBJECT, past_passive=True),
    Verb("file", "escalation", OBJECT),
    Verb("submit", "escalation", OBJECT),
    Verb("open", "escalation", OBJECT),
    # a matter taken up again is what it was: "reopened your claim" a dispute, "your complaint's been re-opened"
    Verb("reopen", None, OBJECT, frozenset({"dispute", "escalation"}), past_passive=True),
    Verb("re-open", None, OBJECT, frozenset({"dispute", "escalation"}), past_passive=True),
    # only what is reported names it: "I've reported the fault", not "reported your card stolen"
    Verb("report", None, OBJECT, frozenset({"escalation", "dispute"})),
    Verb("assign", None, OBJECT, frozenset({"delivery", "escalation"})),
    # new things
    Verb("replace", "replacement", STRONG),
    Verb("reissue", "replacement", OBJECT, _REISSUED, past_passive=True),
    Verb("re-issue", "replacement", OBJECT, _REISSUED, past_passive=True),
    Verb("expedite", "replacement", OBJECT),
    Verb("order", "replacement", OBJECT),
    Verb("swap", "replacement", OBJECT),
    Verb("exchange", "replacement", OBJECT),
    Verb("print", None, OBJECT),
    # settings
    Verb("lower", "account_change", STRONG),
    Verb("reduce", "account_change", STRONG),
    Verb("increase", "account_change", STRONG),
    Verb("decrease", "account_change", STRONG),
    Verb("upgrade", "account_change", STRONG),
    Verb("downgrade", "account_change", STRONG),
    Verb("switch", "account_change", STRONG),
    Verb("change", "account_change", STRONG),
    Verb("adjust", "account_change", STRONG),
    Verb("extend", "account_change", STRONG),
    Verb("activate", "account_change", STRONG),
    Verb("reactivate", "account_change", STRONG),
    Verb("deactivate", "account_change", STRONG),
    Verb("disconnect", "account_change", STRONG),  # a service ended as asked: "will be disconnected on the 31st"
    Verb("terminate", "account_change", STRONG),
    Verb("unlock", "account_change", STRONG),
    Verb("lock", "account_change", STRONG),
    Verb("block", "account_change", STRONG),
    Verb("hotlist", "account_change", STRONG, past_passive=True),
    Verb("hot-list", "account_change", STRONG, past_passive=True),
    Verb("enhance", "account_change", STRONG),
    Verb("revise", "account_change", STRONG),
    Verb("unblock", "account_change", STRONG),
    Verb("unbar", "account_change", STRONG),
    Verb("bar", "account_change", STRONG),
    Verb("freeze", "account_change", STRONG),
    Verb("unfreeze", "account_change", STRONG),
    Verb("enroll", "account_change", STRONG),
    Verb("enrol", "account_change", STRONG),
    Verb("unenroll", "account_change", STRONG),
    Verb("unsubscribe", "account_change", STRONG),
    Verb("top", "account_change", STRONG, particles=("up",)),
    Verb("reset", "account_change", STRONG),
    # a booking moved; a visit rebooked is still a visit ("rebooked the technician for tomorrow")
    Verb("rebook", "account_change", OBJECT, frozenset({"delivery"})),
    Verb("lift", "account_change", STRONG),
    Verb("boost", "account_change", STRONG),
    Verb("defer", "account_change", STRONG),
    Verb("pause", "account_change", STRONG),
    Verb("move", "account_change", STRONG),
    Verb("push", "account_change", STRONG, particles=("back",)),
    Verb("update", "account_change", STRONG),
    Verb("amend", "account_change", STRONG),
    Verb("renew", "account_change", STRONG),
    Verb("link", "account_change", STRONG),
    Verb("unlink", "account_change", STRONG),
    Verb("enable", "account_change", STRONG),
    Verb("disable", "account_change", STRONG),
    Verb("bump", "account_change", STRONG),
    Verb("turn", "account_change", STRONG, particles=("on", "off")),
    Verb("transfer", "account_change", STRONG),
    Verb("double", "account_change", OBJECT),
    Verb("set", "account_change", OBJECT, particles=("up",)),
    Verb("place", "account_change", OBJECT),
    Verb("put", "account_change", OBJECT),
    Verb("close", "account_change", OBJECT, frozenset({"dispute"})),
    Verb("go", "account_change", NEUTRAL, particles=("up", "out", "through", "back", "onto", "into", "on")),
    # disputes
    Verb("dispute", "dispute", STRONG),
    Verb("investigate", "dispute", STRONG),
    # goods and visits
    Verb("ship", "delivery", OBJECT, _GOODS, past_passive=True),
    Verb("reship", "delivery", OBJECT, _GOODS, past_passive=True),
    Verb("deliver", "delivery", OBJECT, _GOODS),
    Verb("dispatch", "delivery", OBJECT, _GOODS, past_passive=True),
    Verb("courier", "delivery", OBJECT, _GOODS, past_passive=True),
    Verb("re-route", "delivery", OBJECT, _GOODS),
    Verb("reroute", "delivery", OBJECT, _GOODS),
    Verb("install", "delivery", OBJECT, frozenset({"replacement"})),
    Verb("fit", "delivery", OBJECT, frozenset({"replacement"})),
    Verb("visit", "delivery", STRONG),
    Verb("attend", "delivery", STRONG),
    Verb("collect", "delivery", STRONG),
    Verb("pick", "delivery", STRONG, particles=("up",)),
    Verb("come", "delivery", STRONG, particles=("out", "round", "by", "over", "back", "off", "to", "through")),
    Verb("stop", "delivery", STRONG, particles=("by",)),
    Verb("swing", "delivery", STRONG, particles=("by",)),
    Verb("pop", "delivery", STRONG, particles=("round", "by")),
    Verb("return", "delivery", OBJECT, frozenset({"callback"})),
    Verb("bring", "delivery", OBJECT, _GOODS, past_passive=True),
    # other commitments
    Verb("restore", "other", OBJECT, _SETTINGS),
    Verb("reconnect", "other", OBJECT, _SETTINGS),
    Verb("reinstate", "other", OBJECT, _SETTINGS),
    Verb("fix", "other", OBJECT, _SETTINGS),
    Verb("repair", "other", OBJECT, _SETTINGS),
    Verb("resolve", "other", OBJECT, _SETTINGS),
    Verb("honour", "other", OBJECT, _PAID | {"account_change"}),
    Verb("honor", "other", OBJECT, _PAID | {"account_change"}),
    Verb("cover", "other", OBJECT, _PAID),
    Verb("sort", "other", OBJECT),
    Verb("arrange", "other", OBJECT),
    Verb("organise", "other", OBJECT),
    Verb("organize", "other", OBJECT),
    Verb("book", "other", OBJECT),
    Verb("schedule", "other", OBJECT),
    Verb("request", "other", OBJECT),
    Verb("correct", "other", OBJECT, _SETTINGS),
    Verb("attempt", None, OBJECT),
    Verb("re-attempt", None, OBJECT),
    Verb("reattempt", None, OBJECT),
    # putting a matter ahead of others, or pressing a third party on it, is pushing it up: an escalation
    Verb("prioritise", "escalation", STRONG),
    Verb("prioritize", "escalation", STRONG),
    Verb("fast-track", "escalation", STRONG),
    Verb("chase", "escalation", STRONG),
    # act on something else: what they act on names the kind
    Verb("issue", None, OBJECT, past_passive=True),
    Verb("add", None, OBJECT, past_passive=True),
    Verb("apply", None, OBJECT, past_passive=True),
    Verb("give", None, OBJECT),
    Verb("provide", None, OBJECT),
    Verb("process", None, OBJECT),
    Verb("approve", None, OBJECT),
    Verb("sanction", None, OBJECT),
    Verb("authorise", None, OBJECT),
    Verb("authorize", None, OBJECT),
    Verb("initiate", None, OBJECT),
    # what it becomes names the kind: "converted your booking into a travel credit"
    Verb("convert", None, OBJECT),
    Verb("accept", None, OBJECT, frozenset({"dispute", "refund", "credit"})),
    Verb("register", None, OBJECT, frozenset({"dispute", "escalation"})),
    Verb("create", None, OBJECT),
    Verb("complete", None, OBJECT),
    # someone else is to act: the kind is what they do ("I'll have a supervisor call you")
    Verb("make", None, OBJECT, particles=("sure",)),
    Verb("ensure", None, OBJECT),
    Verb("ask", None, OBJECT),
    Verb("instruct", None, OBJECT),
    # a thing moves or takes effect
    Verb("arrive", None, NEUTRAL),
    Verb("appear", None, NEUTRAL),
    Verb("show", None, NEUTRAL),
    Verb("reflect", None, NEUTRAL),
    Verb("land", None, NEUTRAL),
    Verb("hit", None, NEUTRAL),
    Verb("start", None, NEUTRAL),
    Verb("begin", None, NEUTRAL),
    Verb("kick", None, NEUTRAL, particles=("in",)),
    Verb("take_effect", None, NEUTRAL),
    Verb("follow", None, NEUTRAL),
    Verb("confirm", None, NEUTRAL),
    Verb("finish", None, NEUTRAL),
    Verb("disappear", None, NEUTRAL, removal=True),
    Verb("vanish", None, NEUTRAL, removal=True),
    # a document that holds something: "your next two statements will each carry a $5 credit"
    Verb("carry", None, NEUTRAL),
    Verb("include", None, NEUTRAL),
    # "be" with a place: "will be in touch", "will be back", "will be with you", "will be there"
    Verb("be_touch", "follow_up", STRONG),
    Verb("be_back", "other", NEUTRAL),
    Verb("be_with", None, NEUTRAL),
    Verb("be_there", "delivery", NEUTRAL),
    # what "you" will get
    Verb("receive", None, RECEIVE),
    Verb("get", None, RECEIVE),
    Verb("see", None, RECEIVE),
    Verb("hear", "follow_up", RECEIVE),
    Verb("notice", None, RECEIVE),
    Verb("spot", None, RECEIVE),
    Verb("have", None, RECEIVE),
    Verb("expect", None, RECEIVE),
    # told to the customer: "watch for their email", "look out for a text" (only as an imperative)
    Verb("watch", None, RECEIVE, particles=("for", "out")),
    Verb("look", None, RECEIVE, particles=("for", "out")),
]

_IRREGULAR = {
    "send": ("sends", "sent", "sent", "sending"), "resend": ("resends", "resent", "resent", "resending"),
    "re-send": ("re-sends", "re-sent", "re-sent", "re-sending"),
    "take": ("takes", "took", "taken", "taking"), "write": ("writes", "wrote", "written", "writing"),
    "ring": ("rings", "rang", "rung", "ringing"), "freeze": ("freezes", "froze", "frozen", "freezing"),
    "unfreeze": ("unfreezes", "unfroze", "unfrozen", "unfreezing"), "put": ("puts", "put", "put", "putting"),
    "set": ("sets", "set", "set", "setting"), "reset": ("resets", "reset", "reset", "resetting"),
    "give": ("gives", "gave", "given", "giving"), "get": ("gets", "got", "got", "getting"),
    "go": ("goes", "went", "gone", "going"), "come": ("comes", "came", "come", "coming"),
    "see": ("sees", "saw", "seen", "seeing"), "hear": ("hears", "heard", "heard", "hearing"),
    "have": ("has", "had", "had", "having"), "leave": ("leaves", "left", "left", "leaving"),
    "begin": ("begins", "began", "begun", "beginning"), "let": ("lets", "let", "let", "letting"),
    "keep": ("keeps", "kept", "kept", "keeping"), "pay": ("pays", "paid", "paid", "paying"),
    "swing": ("swings", "swung", "swung", "swinging"), "make": ("makes", "made", "made", "making"),
    "throw": ("throws", "threw", "thrown", "throwing"), "forgive": ("forgives", "forgave", "forgiven", "forgiving"),
    "stick": ("sticks", "stuck", "stuck", "sticking"), "bring": ("brings", "brought", "brought", "bringing"),
    "shoot": ("shoots", "shot", "shot", "shooting"), "strike": ("strikes", "struck", "struck", "striking"),
    "hit": ("hits", "hit", "hit", "hitting"),
}
_EXTRA_FORMS = {"cancel": ("canceled", "canceling"), "get": ("gotten",)}
#: verbs that double their last consonant before -ed and -ing ("drop", "dropped"; British "cancelled")
_DOUBLING = frozenset(
    "bar cancel defer drop enrol fit flag log pop refer reship scrap ship slap spot stop strip submit swap top"
    " transfer unbar".split()
)


def _inflect(base: str) -> tuple[str, str, str, str]:
    """(3rd person singular, past, past participle, -ing) of a verb."""
    if base in _IRREGULAR:
        return _IRREGULAR[base]
    if base in _DOUBLING:
        stem = base + base[-1]
        return base + "s", stem + "ed", stem + "ed", stem + "ing"
    if base.endswith("e"):
        return base + "s", base + "d", base + "d", base[:-1] + "ing"
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return base[:-1] + "ies", base[:-1] + "ied", base[:-1] + "ied", base + "ing"
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return base + "es", base + "ed", base + "ed", base + "ing"
    return base + "s", base + "ed", base + "ed", base + "ing"


#: word form -> (verb, form) with form one of base, s, past, pp, ing ("sent" is both past and pp: "pastpp")
FORMS: dict[str, tuple[Verb, str]] = {}
for _verb in VERBS:
    if "_" in _verb.lemma:
        continue
    _s, _past, _pp, _ing = _inflect(_verb.lemma)
    for _form, _name in ((_verb.lemma, "base"), (_s, "s"), (_past, "past"), (_pp, "pp"), (_ing, "ing")):
        if _name in ("past", "pp") and _past == _pp:
            _name = "pastpp"
        if _form in FORMS and FORMS[_form][0] is _verb and FORMS[_form][1] != _name:
            _name = "any"  # "put", "set", "come": base form and participle alike
        FORMS[_form] = (_verb, _name)
    for _extra in _EXTRA_FORMS.get(_verb.lemma, ()):
        FORMS[_extra] = (_verb, "ing" if _extra.endswith("ing") else "pastpp")
FORMS["e-mailed"] = FORMS["emailed"]
VERB_BY_LEMMA = {v.lemma: v for v in VERBS}

# --------------------------------------------------------------------------
# Noun classes: the head of what a verb acts on names the kind

_NOUN_CLASSES = {
    # a tax on a charge is a charge: "reversed the GST of \u20b936 levied on the SMS alert charges"
    "fee": "fee interest penalty surcharge gst vat tax taxes levy cess duty",
    "fee_waiver": "waiver",
    "credit": "credit ecredit e-credit compensation goodwill adjustment offer rebate allowance",
    # a bill or cost the company pays or covers is an expense ("other"); a bill sent is a document
    "_expense": "bill cost expense",
    "refund": "refund reimbursement reversal cheque funds money",
    "callback": "call callback call-back ring buzz bell",
    "follow_up": "email e-mail letter text sms message document paperwork form confirmation itinerary copy "
                 "label envelope link details information response reply outcome update pin receipt invoice "
                 "quote summary transcript pack schedule reminder statement notification pass report "
                 "e-ticket eticket e-receipt certificate decision pdf image scan folio leaflet brochure booklet "
                 "factsheet packet agreement explanation",
    "replacement": "replacement card device phone handset router modem sim remote meter part unit chequebook",
    # a review asked for is a matter put to someone higher: "I've requested a review of the decision"
    "escalation": "complaint ticket fault incident escalation referral feedback review",
    "rewards": "point mile avios cashback bonus voucher reward coin",
    "account_change": "apr rate limit plan tariff autopay paperless seat password subscription discount alert "
                      "hold block restriction freeze porting address renewal trial increase upgrade "
                      "settings date notice overdraft membership contract port cancellation assistance protection downgrade "
                      "add-on bolt-on data coverage slot "
                      # a feature switched on or off by name: "auto-renew is now off", "roaming is now on"
                      "auto-renew auto-renewal autorenew auto-pay auto-top-up roaming voicemail",
    "dispute": "dispute chargeback claim investigation appeal settlement",
    # a supply restored or back on is "other" ("your water supply will be back to normal")
    "other": "supply power electricity gas water heating broadband internet wifi signal service",
    # a person put on or taken off a policy or an account
    "_person": "partner spouse wife husband son daughter child children driver user cardholder dependant "
               "dependent beneficiary",
    "delivery": "technician engineer installer courier package parcel bag baggage luggage suitcase shipment delivery "
                "redelivery re-delivery "
                "visit installation item adjuster surveyor plumber electrician appointment locksmith glazier "
                "mechanic tech fitter lineman linesman linemen linesmen repairman handyman serviceman "
                # a job raised is work ordered: "I've raised a job for our leak team to visit"
                "job",
    # what the company moving is no promise: the customer's own money, notes, its own rules
    # names, numbers and codes say nothing of what was done with them ("reference 8812290 has been added")
    "_info": "reference number code",
    "_veto": "note payment deposit salary paycheck wages identity terms conditions privacy records reading "
             "readings",
}
NOUNS: dict[str, str] = {}
for _kind, _words in _NOUN_CLASSES.items():
    for _word in _words.split():
        NOUNS[_word] = _kind
NOUN_PAIRS = {
    ("service", "request"): "escalation", ("gift", "card"): "rewards", ("gift", "cards"): "rewards",
    ("e-gift", "card"): "rewards", ("claim", "payment"): "dispute", ("voucher", "code"): "rewards",
    ("promo", "code"): "rewards", ("discount", "code"): "account_change",
    ("direct", "debit"): "account_change", ("payment", "plan"): "account_change",
    ("payment", "arrangement"): "account_change", ("due", "date"): "account_change",
    ("money", "back"): "refund", ("store", "credit"): "credit", ("travel", "credit"): "credit",
    ("flight", "credit"): "credit", ("boarding", "pass"): "follow_up", ("credit", "line"): "account_change",
    ("fraud", "alert"): "account_change", ("travel", "notice"): "account_change",
    ("fault", "report"): "escalation", ("number", "transfer"): "account_change",
    ("late", "charge"): "fee", ("overdraft", "charge"): "fee", ("finance", "charge"): "fee",
    ("service", "charge"): "fee", ("annual", "charge"): "fee", ("maintenance", "charge"): "fee",
    ("payment", "charge"): "fee", ("convenience", "charge"): "fee", ("cancellation", "charge"): "fee",
    ("disconnection", "charge"): "fee", ("reconnection", "charge"): "fee", ("installation", "charge"): "fee",
    ("admin", "charge"): "fee", ("restocking", "charge"): "fee", ("roaming", "charge"): "fee",
    ("interest", "charge"): "fee", ("interest", "charges"): "fee", ("late", "charges"): "fee",
    ("overlimit", "charge"): "fee", ("over-limit", "charge"): "fee", ("reissue", "charge"): "fee",
    ("statement", "charge"): "fee", ("transaction", "charge"): "fee",
    ("interest", "rate"): "account_change", ("promotional", "rate"): "account_change",
    ("price", "adjustment"): "refund", ("price", "match"): "refund", ("goodwill", "payment"): "credit",
    ("compensation", "payment"): "credit", ("tax", "refund"): "refund", ("tax", "rebate"): "refund", ("settlement", "payment"): "dispute", ("claim", "settlement"): "dispute",
    # a cheque that settles a claim is its payout; one that refunds is a refund
    ("settlement", "check"): "dispute", ("settlement", "cheque"): "dispute", ("refund", "check"): "refund",
    # a cheque that pays nothing is a document: "a void cheque PDF", "a cancelled cheque for your employer"
    ("void", "cheque"): "follow_up", ("voided", "cheque"): "follow_up", ("void", "check"): "follow_up",
    ("voided", "check"): "follow_up", ("cancelled", "cheque"): "follow_up", ("canceled", "check"): "follow_up",
    ("green", "card"): "follow_up", ("no-claim", "bonus"): "account_change", ("no-claims", "bonus"): "account_change",
    ("work", "order"): "delivery", ("job", "order"): "delivery", ("meter", "reader"): "delivery",
    ("stop", "payment"): "account_change",
    # fraud looked into is an investigation, whatever it is filed as: "raised a fraud case", "a fraud claim"
    ("fraud", "case"): "dispute", ("fraud", "claim"): "dispute", ("fraud", "report"): "dispute",
    ("fraud", "ticket"): "dispute",
    # what a shop or bank charges for a service is a fee: "the \u00a34.99 delivery charge"
    **{(what, charge): "fee" for what in (
        "delivery shipping postage handling processing activation connection courier baggage bag seat "
        "change atm withdrawal paper printing penalty termination exit callout call-out collection upgrade "
        "replacement alert sms").split() for charge in ("charge", "charges", "cost", "costs")},
}
#: the company's side: subjects that act for it ("our fraud team will call you")
AGENT_NOUNS = frozenset(
    "team department specialist specialists supervisor manager agent colleague representative rep member banker "
    "technician engineer installer courier adjuster handler surveyor someone somebody advisor adviser officer "
    "partner staff system company bank store desk unit office branch crew driver executive associate expert tech "
    "inspector assessor mechanic fitter contractor carrier valuer rider porter plumber electrician locksmith glazier "
    "builder roofer insurer underwriter airline lender lineman linesman linemen linesmen repairman repairmen handyman "
    "serviceman servicemen concierge care support relations consultant consultants coordinator caseworker".split()
)
#: words that make a subject or object generic or history, not this customer's promise
QUANTIFIERS = frozenset("all every any most many several some multiple similar other others few".split())
#: nouns whose going up is bad news, not a promise ("your rate will go up")
BAD_NEWS = frozenset("rate rates apr price prices bill bills fee fees premium premiums payment payments "
                     "interest cost costs tariff charges charge".split())
