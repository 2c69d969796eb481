"""archiver.promises: promises, money, due dates and reference numbers.

Unit cases compare whole Promise/Reference objects. `test_labelled_set_floors`
runs the same scoring as `bench/promises_eval.py` over labelled.jsonl (all,
dev, holdout) and blind11.jsonl, and fails when a metric drops below the floor
recorded here (measured minus 0.03).
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib.util
import math
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archiver.promises import (
    KINDS,
    REFERENCE_LABELS,
    Promise,
    Reference,
    find_amount,
    find_due,
    find_promises,
    find_references,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent

TUE = "2025-03-04T10:44:00-05:00"
FRI = "2025-01-31T16:20:00-05:00"
LEAP_WED = "2024-02-28T15:00:00+00:00"
LEAP_JAN_END = "2024-01-31T13:00:00-06:00"
YEAR_END = "2025-12-30T11:05:00-08:00"
SAT = "2025-11-29T12:00:00-05:00"
THU = "2025-10-09T08:10:00-04:00"
LATE_TUE = "2025-03-04T23:30:00-05:00"
FRI_UK = "2025-06-13T14:30:00+01:00"


@functools.cache
def _bench_tallies():
    """The bench's own scoring of labelled.jsonl per split, and of blind11.jsonl (bench/ is not a package).

    blind11.jsonl's "all" would shadow labelled.jsonl's, so it is kept as "blind11".
    """
    spec = importlib.util.spec_from_file_location("promises_eval", ROOT / "bench" / "promises_eval.py")
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench  # its dataclasses look themselves up there
    spec.loader.exec_module(bench)
    tallies = bench.evaluate(bench.load_records())
    tallies["blind11"] = bench.evaluate(bench.load_records(bench.BLIND_SET))["all"]
    return tallies


def one(kind, text, amount=None, currency=None, due_text=None, due_by=None):
    return [Promise(kind, text, amount, currency, due_text, due_by)]


# --------------------------------------------------------------------------
# Promises: one case per kind


KIND_CASES = [
    (
        "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles.",
        TUE,
        one("fee_waiver", "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles.",
            40.0, "USD", "within 1-2 billing cycles", "2025-05-04"),
    ),
    (
        "I have issued a $25 courtesy credit for the trouble.",
        None,
        one("credit", "I have issued a $25 courtesy credit for the trouble.", 25.0, "USD"),
    ),
    (
        "Your refund of $18.20 will be processed in 5-7 business days.",
        TUE,
        one("refund", "Your refund of $18.20 will be processed in 5-7 business days.",
            18.2, "USD", "in 5-7 business days", "2025-03-13"),
    ),
    (
        "A banker from our fraud department will call you tomorrow between 9 and 11 a.m.",
        TUE,
        one("callback", "A banker from our fraud department will call you tomorrow between 9 and 11 a.m.",
            due_text="tomorrow", due_by="2025-03-05"),
    ),
    (
        "I'll send a replacement card by express mail, and it should arrive by Friday.",
        TUE,
        one("replacement", "I'll send a replacement card by express mail, and it should arrive by Friday.",
            due_text="by Friday", due_by="2025-03-07"),
    ),
    (
        "Your complaint has been escalated to our executive office.",
        TUE,
        one("escalation", "Your complaint has been escalated to our executive office."),
    ),
    (
        "I've added 2,500 Avios to your account as a goodwill gesture.",
        None,
        one("rewards", "I've added 2,500 Avios to your account as a goodwill gesture."),
    ),
    (
        "I've increased your credit limit to $8,500.",
        None,
        one("account_change", "I've increased your credit limit to $8,500.", 8500.0, "USD"),
    ),
    (
        "I've opened a dispute for the $89.99 charge from QuickMart.",
        None,
        one("dispute", "I've opened a dispute for the $89.99 charge from QuickMart.", 89.99, "USD"),
    ),
    (
        "I'll email you the statement copies within 24 hours.",
        LATE_TUE,
        one("follow_up", "I'll email you the statement copies within 24 hours.",
            due_text="within 24 hours", due_by="2025-03-05"),
    ),
    (
        "A technician will visit Thursday between 8 a.m. and noon.",
        TUE,
        one("delivery", "A technician will visit Thursday between 8 a.m. and noon.",
            due_text="Thursday", due_by="2025-03-06"),
    ),
    (
        "Your supply will be restored within 4 hours.",
        SAT,
        one("other", "Your supply will be restored within 4 hours.", due_text="within 4 hours", due_by="2025-11-29"),
    ),
]


@pytest.mark.parametrize("text,sent_at,expected", KIND_CASES, ids=[c[2][0].kind for c in KIND_CASES])
def test_each_kind(text, sent_at, expected):
    assert find_promises(text, "agent", sent_at) == expected


def test_every_kind_has_a_case():
    assert {c[2][0].kind for c in KIND_CASES} == set(KINDS)


def test_several_promises_in_one_message():
    text = (
        "Thanks, Mr. Patel. I've removed the late fee and restored your promotional APR. "
        "A specialist will call you within 48 hours. Your case number is 00123456."
    )
    assert find_promises(text, "agent", TUE) == [
        Promise("fee_waiver", "I've removed the late fee and restored your promotional APR."),
        Promise("account_change", "I've removed the late fee and restored your promotional APR."),
        Promise("callback", "A specialist will call you within 48 hours.", due_text="within 48 hours",
                due_by="2025-03-06"),
    ]


def test_text_is_the_sentence_as_written():
    # typographic apostrophes are matched but kept
    text = "Sorry about that. We\u2019ve refunded \u00a312.50 to your debit card."
    assert find_promises(text, "bot") == one("refund", "We\u2019ve refunded \u00a312.50 to your debit card.", 12.5, "GBP")


def test_sent_at_may_be_an_aware_datetime():
    sent = dt.datetime(2025, 3, 4, 10, 44, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    text = "Your new card will arrive in 5 business days."
    assert find_promises(text, "agent", sent) == find_promises(text, "agent", TUE)
    assert find_promises(text, "agent", sent)[0].due_by == "2025-03-11"


def test_no_sent_at_keeps_due_text_but_no_date():
    assert find_promises("I'll call you back within 48 hours.", "agent") == one(
        "callback", "I'll call you back within 48 hours.", due_text="within 48 hours"
    )


def test_bad_sent_at_is_a_clear_error():
    with pytest.raises(ValueError, match="ISO-8601"):
        find_promises("I'll call you back.", "agent", "last Tuesday")


# --------------------------------------------------------------------------
# Promises: what is not one


NEGATIVES = {
    "offer": "I can waive the late fee this one time if you'd like.",
    "offer question": "Would you like me to send a replacement card to the address on file?",
    "offer happy to": "I'd be happy to set up a payment plan for you.",
    "conditional": "If you make the minimum payment by Friday, we will remove the late fee.",
    "conditional once": "Once you send us the receipt, we will refund the $60 ATM fee.",
    "refusal": "I'm unable to waive the annual fee.",
    "refusal cannot": "We cannot reverse a wire transfer once it has been sent.",
    "question": "Do you want me to escalate this to a supervisor?",
    "policy typically": "Late fees are typically reversed within 1-2 billing cycles.",
    "policy statement": "Our policy is to refund foreign transaction fees only for premium accounts.",
    "policy generic plural": "Refunds will be processed within 5-7 business days.",
    "fact payment": "Your payment of $250.00 was received on January 28.",
    "fact balance": "Your balance is $40.",
    "fact past credit": "I see a credit of $40 was applied on March 1.",
    "in-chat action": "Let me check on that for you.",
    "transfer": "I'll transfer you to our billing department now.",
    "instruction": "You'll need to return the old device within 14 days to avoid a $150 fee.",
    "bad news": "Your interest rate will go up to 29.99% after the promotional period.",
    # a present tense is a promise only with a due expression; "on" and "from" alone name a place, not a date
    "present where it shows": "Your refund shows on your statement.",
    "present where it ships from": "Your new card ships from our warehouse.",
    # this chat handed on, or kept; a team that only holds what the customer gave
    "hand you over": "I'll hand you over to a colleague now.",
    "take it from here": "I'll take it from here.",
    "team has your number": "The team has your number on file.",
    "look for a button": "Look for the blue button in the app.",
    "watch out for scams": "Watch out for scam texts.",
    "look at the account": "Let me look at your account.",
    "was in the post": "Your new router was in the post last week.",
    "as a minimum": "Your bill will be $10 as a minimum.",
}


@pytest.mark.parametrize("text", NEGATIVES.values(), ids=NEGATIVES.keys())
def test_not_a_promise(text):
    assert find_promises(text, "agent", TUE) == []


@pytest.mark.parametrize("role", ["customer", "system", "", None, "moderator"])
def test_only_the_company_side_promises(role):
    assert find_promises("I've waived the $40 late fee and I'll send a new card.", role, TUE) == []


@pytest.mark.parametrize("role", ["agent", "bot", "Agent"])
def test_company_roles(role):
    assert find_promises("The $29 annual fee has been waived.", role) == one(
        "fee_waiver", "The $29 annual fee has been waived.", 29.0, "USD"
    )


@pytest.mark.parametrize("text,expected", [
    ("Your new card ships from our warehouse tomorrow.",
     one("replacement", "Your new card ships from our warehouse tomorrow.", due_text="tomorrow", due_by="2025-03-05")),
    ("Your new plan kicks in next cycle.",
     one("account_change", "Your new plan kicks in next cycle.", due_text="in next cycle", due_by="2025-04-04")),
    # a due expression with no date to count to: the promise keeps its words, and no due_by
    ("The replacement ships in the next few days.",
     one("replacement", "The replacement ships in the next few days.", due_text="in the next few days")),
])
def test_a_present_tense_with_a_due_expression_is_a_promise(text, expected):
    assert find_promises(text, "agent", TUE) == expected


@pytest.mark.parametrize("sign,currency", [("$", "USD"), ("\u00a3", "GBP"), ("\u20ac", "EUR"), ("\u20b9", "INR"),
                                           ("\u00a5", "JPY")])
def test_every_currency_sign_is_money_to_the_grammar(sign, currency):
    """One set of signs everywhere: "\u20b9499 of store credit" was no promise while "$499 of store credit" was."""
    credit = f"{sign}499 of store credit has been added to your account."
    assert find_promises(credit, "agent") == one("credit", credit, 499.0, currency)
    plan = f"Your plan is now {sign}45 a month."
    assert find_promises(plan, "agent") == one("account_change", plan, 45.0, currency)


def test_refusal_then_promise_in_one_sentence():
    text = "I'm unable to waive the annual fee, but I've added 10,000 bonus points to your account."
    assert find_promises(text, "agent") == one("rewards", text)


# --------------------------------------------------------------------------
# The grammar: the verb names the kind, or what it acts on does; never the nearest cue word


GRAMMAR_CASES = {
    # a contact verb is a callback when the manner is a phone
    "reach out by phone": (
        "Our fraud team will reach out to you by phone tomorrow morning.",
        [("callback", None, None, "tomorrow", "2025-03-05")],
    ),
    # a removal verb acting on a fee waives it, whatever "off" sits near; the clause after only restates it
    "knocked the fee off": (
        "Okay, I've knocked the $29 annual fee off \u2014 you won't see it on this statement.",
        [("fee_waiver", 29.0, "USD", None, None)],
    ),
    # what is emailed names the kind: a voucher is a reward, paperwork about a dispute is a follow-up
    "voucher emailed": (
        "Your voucher code will be emailed to you within the hour.",
        [("rewards", None, None, "within the hour", "2025-03-04")],
    ),
    "dispute paperwork sent": (
        "I've sent the dispute paperwork to your email; just sign and return it.",
        [("follow_up", None, None, None, None)],
    ),
    # the verb names it when the object is only a noun it acts on: block, then order a new one (the card)
    "frozen then a new one": (
        "I've frozen your card and ordered a new one.",
        [("account_change", None, None, None, None), ("replacement", None, None, None, None)],
    ),
    # passives, and a clause that shares the subject before it
    "being printed and will ship": (
        "Your replacement card is being printed and will ship within 2 business days.",
        [("replacement", None, None, "within 2 business days", "2025-03-06")],
    ),
    "has been wiped": (
        "Consider it done \u2014 the late charge has been wiped.",
        [("fee_waiver", None, None, None, None)],
    ),
    "were both refunded": (
        "Order #55-1209 and order #55-1210 were both refunded.",
        [("refund", None, None, None, None)],
    ),
    # a present tense with a date to come
    "it ships in 2 days": ("It ships in 2 days.", [("delivery", None, None, "in 2 days", "2025-03-06")]),
    "kicks in": (
        "Your new plan kicks in on your next billing cycle.",
        [("account_change", None, None, "on your next billing cycle", "2025-04-04")],
    ),
    "will go up": (
        "Your limit will go up to $5,000 within the next 24 hours.",
        [("account_change", 5000.0, "USD", "within the next 24 hours", "2025-03-05")],
    ),
    # a company's name as the subject
    "Qantas will refund": (
        "Qantas will refund the unused portion of your fare.",
        [("refund", None, None, None, None)],
    ),
    # a negation that is the promise
    "won't show up on your statement": (
        "The $95 annual fee won't show up on your statement.",
        [("fee_waiver", 95.0, "USD", None, None)],
    ),
    # someone else is to do it: the kind is what they do
    "have the fee reversed": (
        "I'll have the disconnection fee reversed before the end of the day.",
        [("fee_waiver", None, None, "the end of the day", "2025-03-04")],
    ),
    "have a supervisor call": (
        "I'll have a supervisor call you on Monday.",
        [("callback", None, None, "on Monday", "2025-03-10")],
    ),
    "asked the team to reissue": (
        "I've asked our card team to reissue your card.",
        [("replacement", None, None, None, None)],
    ),
    # what is acted on, weighed by the verb: a reissued statement is a document, a paid bill an expense,
    # an insurance policy is the customer's, what is emailed "new" is still a document
    "reissued statement": ("I've reissued your March statement.", [("follow_up", None, None, None, None)]),
    "towing bill covered": (
        "We'll cover the towing bill of \u00a3145 in full.",
        [("other", 145.0, "GBP", None, None)],
    ),
    "policy cancelled": ("I've cancelled the duplicate policy.", [("account_change", None, None, None, None)]),
    "new e-ticket emailed": (
        "The new e-ticket will be emailed to you within 15 minutes.",
        [("follow_up", None, None, "within 15 minutes", "2025-03-04")],
    ),
    # phrasal and casual verbs
    "coming off": (
        "The $18 interest charge is coming off your account today.",
        [("fee_waiver", 18.0, "USD", "today", "2025-03-04")],
    ),
    "give you a buzz": (
        "Someone from that team will give you a buzz within 3 business days.",
        [("callback", None, None, "within 3 business days", "2025-03-07")],
    ),
    "popped a credit on": (
        "I've popped a \u00a315 credit on your bill to say sorry.",
        [("credit", 15.0, "GBP", None, None)],
    ),
    "come to your home": (
        "A technician will come to your home on Friday.",
        [("delivery", None, None, "on Friday", "2025-03-07")],
    ),
    "drop it round": (
        "Our courier will drop it round tomorrow.",
        [("delivery", None, None, "tomorrow", "2025-03-05")],
    ),
    "now active": ("Your roaming bolt-on is now active.", [("account_change", None, None, None, None)]),
    "gone onto": ("A \u00a37.50 credit has gone onto your account.", [("credit", 7.5, "GBP", None, None)]),
    "settled the dispute": (
        "The investigation is finished and I've settled the dispute in your favour.",
        [("dispute", None, None, None, None)],
    ),
    "supply back to normal": (
        "We'll have your water supply back to normal within 24 hours.",
        [("other", None, None, "within 24 hours", "2025-03-05")],
    ),
    # money and dates named in a later clause belong to the promise before
    "the payment of a settled claim": (
        "We've settled your claim, and the payment of $640 will reach your account within 3 business days.",
        [("dispute", 640.0, "USD", "within 3 business days", "2025-03-07")],
    ),
    "a sum as the subject": (
        "I've approved your compensation: $400 will be paid to your bank account within 21 days.",
        [("credit", 400.0, "USD", "within 21 days", "2025-03-25")],
    ),
    "the sum after the verb": (
        "Good news on the annual fee: I got approval to reverse it, so that $95 charge is gone.",
        [("fee_waiver", 95.0, "USD", None, None)],
    ),
    "a relative clause in the subject": (
        "The premium you paid for it will be refunded within 5-7 business days.",
        [("refund", None, None, "within 5-7 business days", "2025-03-13")],
    ),
    "so it won't appear": (
        "I've cancelled the static IP add-on, so it won't appear on your bill from next month.",
        [("account_change", None, None, "next month", "2025-04-30")],
    ),
    "a fee named is its own waiver": (
        "The technician will be there within 2 business days and the $99 call-out fee won't be charged.",
        [("delivery", None, None, "within 2 business days", "2025-03-06"), ("fee_waiver", 99.0, "USD", None, None)],
    ),
    # "it" with nothing promised before takes its kind from the noun it stands for
    "it ships: the new card": (
        "Tracking for the new card is 1Z4X88A00391, and it ships today.",
        [("replacement", None, None, "today", "2025-03-04")],
    ),
    # "they" doing something else is a promise of its own
    "they will resolve it": (
        "Your complaint has been escalated, and they will resolve it within 48 hours.",
        [("escalation", None, None, None, None), ("other", None, None, "within 48 hours", "2025-03-06")],
    ),
    # a sum a month off is a discount on the plan
    "a month off": (
        "We'll take $8 a month off your bill for the next six months.",
        [("account_change", 8.0, "USD", None, None)],
    ),
    # a follow-on clause that points back ("the same", a bare sum) gives the promise before it its date or sum
    "the same will reflect": (
        "We have reversed the \u20b9500 annual fee, and the same will reflect in your account within 3 working days.",
        [("fee_waiver", 500.0, "INR", "within 3 working days", "2025-03-07")],
    ),
    "a sum back by Friday": (
        "The duplicate charge has been reversed; $48.20 will be back on your card by Friday.",
        [("refund", 48.2, "USD", "by Friday", "2025-03-07")],
    ),
    # whoever a matter went to writing or calling "you" is a promise of its own, not a date for the escalation
    "they'll email you": (
        "I've passed your complaint to our billing team and they'll email you within 2 business days.",
        [("escalation", None, None, None, None), ("follow_up", None, None, "within 2 business days", "2025-03-06")],
    ),
    "going up to a team": (
        "Your complaint is going up to our executive team today.",
        [("escalation", None, None, "today", "2025-03-04")],
    ),
    # text-speak reads as the words it stands for
    "text-speak": (
        "np, ive waived the \u00a35 fee n u wont see it on ur next bill",
        [("fee_waiver", 5.0, "GBP", "on ur next bill", "2025-04-04")],
    ),
    # a block taken off is a setting, not money; points credited are rewards; a delivery charge given back a fee
    "hold taken off": ("I've taken the hold off your card.", [("account_change", None, None, None, None)]),
    "points credited": (
        "I've credited your account with 2,000 bonus points.", [("rewards", None, None, None, None)]),
    "delivery charge refunded": (
        "I've refunded the $4.99 delivery charge.", [("fee_waiver", 4.99, "USD", None, None)]),
    "deposit released": (
        "We've released your $200 security deposit back to your card.", [("refund", 200.0, "USD", None, None)]),
    "collected by direct debit": (
        "From now on we'll collect \u00a330 a month by direct debit.", [("account_change", 30.0, "GBP", None, None)]),
    # states set with "be": ready for collection, now on a flight, someone at your house, on us
    "ready for collection": (
        "Your new card will be ready for collection at the branch on Friday.",
        [("replacement", None, None, "on Friday", "2025-03-07")],
    ),
    "now on a flight": ("You're now on the 14:10 to Leeds instead.", [("account_change", None, None, None, None)]),
    "an engineer at your house": (
        "We'll have an engineer at your house on Thursday.", [("delivery", None, None, "on Thursday", "2025-03-06")]),
    "on us": ("The taxi to your hotel is on us.", [("other", None, None, None, None)]),
    # a negation inside a relative clause, and a reason before a comma, scope over nothing
    "that never played": (
        "We've refunded the $15 for the film that never played.", [("refund", 15.0, "USD", None, None)]),
    "as the machine didn't": (
        "As the cash machine didn't dispense your money, $100 will be credited back to your account within 2 "
        "working days.",
        [("credit", 100.0, "USD", "within 2 working days", "2025-03-06")],
    ),
    # a matter handed on: handed or bumped to someone of the company, now with a team, a team has it now
    "handed over to a team": (
        "I've handed your billing query over to our accounts team.", [("escalation", None, None, None, None)]),
    "bumped up to a team leader": ("I've bumped this up to my team leader.", [("escalation", None, None, None, None)]),
    "now with a panel": ("Your appeal is now with our review panel.", [("escalation", None, None, None, None)]),
    "a team now has it, then a call": (
        "Our fraud team now has your case and they'll call you tomorrow.",
        [("escalation", None, None, None, None), ("callback", None, None, "tomorrow", "2025-03-05")],
    ),
    "a team takes it from here": ("Our complaints team will take it from here.", [("escalation", None, None, None, None)]),
    # a place is no one a matter goes to; a sum bumped up is a setting
    "moved to an office": (
        "Your appointment has been moved to the Main Street office.", [("account_change", None, None, None, None)]),
    "limit bumped up": ("I've bumped your limit up to $5,000.", [("account_change", 5000.0, "USD", None, None)]),
    # told what to look out for; a thing in the post or the inbox; someone who gives you a call or gets to you
    "look out for": (
        "Look out for a confirmation email within 2 days.", [("follow_up", None, None, "within 2 days", "2025-03-06")]),
    "in the post now": ("Your replacement card is in the post now.", [("replacement", None, None, None, None)]),
    "she'll give you a call": (
        "I've passed this to a specialist, and she'll give you a call tomorrow.",
        [("escalation", None, None, None, None), ("callback", None, None, "tomorrow", "2025-03-05")],
    ),
    "have it at your door": (
        "The courier will have it at your door by Friday.", [("delivery", None, None, "by Friday", "2025-03-07")]),
    "get to you": (
        "A locksmith has been booked and will get to you by 6 PM.", [("delivery", None, None, "by 6 PM.", "2025-03-04")]),
    # what a sum is put on "as" names it; a tax refund is a refund; a service ended; a brand-new thing
    "as a goodwill credit": (
        "I've put \u00a320 on your account as a goodwill credit.", [("credit", 20.0, "GBP", None, None)]),
    "tax refund": ("We've issued your \u00a3310 tax refund.", [("refund", 310.0, "GBP", None, None)]),
    "disconnected as requested": (
        "Your landline will be disconnected on Friday as requested.",
        [("account_change", None, None, "on Friday", "2025-03-07")],
    ),
    "coverage added": ("Windscreen coverage has been added to your policy.", [("account_change", None, None, None, None)]),
    "brand-new charger": ("We're sending you a brand-new charger.", [("replacement", None, None, None, None)]),
    "give it days": (
        "I've credited $30 to your account - give it 3 working days to appear.",
        [("credit", 30.0, "USD", "give it 3 working days", "2025-03-07")],
    ),
}


@pytest.mark.parametrize("text,expected", GRAMMAR_CASES.values(), ids=GRAMMAR_CASES.keys())
def test_grammar(text, expected):
    assert find_promises(text, "agent", TUE) == [Promise(k, text, a, c, dt_, db) for k, a, c, dt_, db in expected]


def test_a_status_line_then_a_promise():
    text = "Cancellation done. A refund of $129.00 will be issued to your PayPal account within 24 hours."
    assert find_promises(text, "bot", TUE) == [
        Promise("account_change", "Cancellation done."),
        Promise("refund", "A refund of $129.00 will be issued to your PayPal account within 24 hours.", 129.0, "USD",
                "within 24 hours", "2025-03-05"),
    ]


# --------------------------------------------------------------------------
# The error classes blind6 showed, in new wording

LATER_CASES = {
    # a chat line that drops its "I've"; a verb after "and" shares the perfect of the one before
    "dropped I've": ("Just credited $20 to your account for the outage.", [("credit", 20.0, "USD", None, None)]),
    "and credited, for last month's": (
        "We've moved your due date to the 20th and credited the $8 interest from last month.",
        [("account_change", None, None, None, None), ("fee_waiver", 8.0, "USD", None, None)],
    ),
    # "dropped" into an account is put on it; dropped to a sum is lowered
    "dropped into": ("I've dropped 2,000 points onto your account.", [("rewards", None, None, None, None)]),
    "dropped to a sum": (
        "We've dropped your broadband to the \u00a330 package.", [("account_change", 30.0, "GBP", None, None)]),
    # a change said as a state, a status line, a new value of a setting
    "switched on, now": ("Low balance alerts are now on for your checking account.",
                         [("account_change", None, None, None, None)]),
    "now on a named plan": ("You're now on Premium Unlimited.", [("account_change", None, None, None, None)]),
    "new limit is": ("Your new daily limit is $2,500.", [("account_change", 2500.0, "USD", None, None)]),
    "freeze gone": ("The freeze on your account is gone.", [("account_change", None, None, None, None)]),
    "status line with a mark": ("Address updated \u2705", [("account_change", None, None, None, None)]),
    "status line, sum and aside": ("Refund sent for $75.20, ref 88172-B.", [("refund", 75.2, "USD", None, None)]),
    "status line, a fee": ("Fee waived \U0001f44d", [("fee_waiver", None, None, None, None)]),
    # when the money will be where the customer sees it
    "both back": (
        "I've reversed the $5 fee and the $2 interest, and you'll see both back in your account within 2 days.",
        [("fee_waiver", 5.0, "USD", "within 2 days", "2025-03-06")],
    ),
    "be in your account": (
        "I've sent a refund of $30 and it'll be in your account by Friday.",
        [("refund", 30.0, "USD", "by Friday", "2025-03-07")],
    ),
    # contact at a phone number is a call; "a new one" of a plural before; "the change" points back
    "contact on a number": (
        "A specialist will contact you on 0161 496 0000 tomorrow.", [("callback", None, None, "tomorrow", "2025-03-05")]),
    "a new one of a plural": (
        "Both tickets had expired, so I've opened a new one.", [("escalation", None, None, None, None)]),
    "the change shows": (
        "I've updated the billing address and the change will show within 24 hours.",
        [("account_change", None, None, "within 24 hours", "2025-03-05")],
    ),
    # new nouns: a re-delivery, an agreement; what is earned, adjusted
    "re-delivery": ("I've booked a re-delivery for Friday.", [("delivery", None, None, "Friday", "2025-03-07")]),
    "agreement posted": ("We'll post you the signed agreement.", [("follow_up", None, None, None, None)]),
    "points credit": ("I've applied a points credit of 2,000.", [("rewards", None, None, None, None)]),
    "bonus credit is money": ("We've applied a $50 bonus credit.", [("credit", 50.0, "USD", None, None)]),
    # a visit rebooked is still a visit; a document of the customer's attached
    "visit rebooked": ("We've rebooked the engineer for Friday morning.", [("delivery", None, None, "Friday", "2025-03-07")]),
    "attached for you": ("Your revised quote is attached below.", [("follow_up", None, None, None, None)]),
    # a thing held for the customer, then what it does: the subject carries over
    "reserved, then ships": (
        "Your new router is reserved for you and ships on Monday.",
        [("replacement", None, None, "on Monday", "2025-03-10")],
    ),
}


@pytest.mark.parametrize("text,expected", LATER_CASES.values(), ids=LATER_CASES.keys())
def test_later_classes(text, expected):
    assert find_promises(text, "agent", TUE) == [Promise(k, text, a, c, dt_, db) for k, a, c, dt_, db in expected]


LATER_NEGATIVES = {
    "participle before a noun": "Refunded items must be returned within 30 days.",
    "a signature": "Sent from my iPhone",
    "a list of instructions": "To avoid this next month:\n- set up autopay\n- call us before the due date",
    "dropped, history": "Your parcel was dropped to the wrong address last week.",
    "on hold": "You're now on hold.",
    "lights on, news": "The lights are now on.",
    "a new balance is no setting": "Your new balance is $412.50.",
    "a setting as it stands": "Your credit limit is $5,000.",
    "status line, the customer's payment": "Payment received.",
    "status line, a question": "Password reset?",
    "money where it is": "The $40 is in your account.",
    "the customer's own money to come": "Your salary will be in your account on Friday.",
    "drops off by itself": "The pre-authorisation will drop off by itself in a few days.",
    "released by a third party": "The temporary hold should be released by the retailer within 2 days.",
    "a leaflet attached": "I've attached a copy of our complaints leaflet.",
    "a statement closes by itself": "Your June statement will close on the 28th.",
    "a visit made": "Our surveyor attended on Monday.",
    "back to the company": "The parcel will be returned to the sender.",
    "money posts": "It'll post to your savings account by 6pm.",
}


@pytest.mark.parametrize("text", LATER_NEGATIVES.values(), ids=LATER_NEGATIVES.keys())
def test_later_negatives(text):
    assert find_promises(text, "agent", TUE) == []


# --------------------------------------------------------------------------
# The error classes blind7 showed, in new wording

BLIND7_CASES = {
    # a bot's status mark ends its sentence; an emoji before a subject is no part of it
    "status mark ends a line": (
        "Your complaint has been registered \u2705 A specialist will phone you tomorrow.",
        [("escalation", None, None, None, None, "Your complaint has been registered \u2705"),
         ("callback", None, None, "tomorrow", "2025-03-05", "A specialist will phone you tomorrow.")],
    ),
    "emoji before the subject": ("\U0001f4f1 Your plan has been upgraded!", [("account_change", None, None, None, None)]),
    # sent on to someone of the company is a hand-on, even said as "sent this over"
    "sent this over to a team": (
        "I've sent this over to our billing team and they'll email you by Friday.",
        [("escalation", None, None, None, None), ("follow_up", None, None, "by Friday", "2025-03-07")],
    ),
    # a line that drops its subject only says when the promise before shows
    "should land, no subject": (
        "I've credited $12 to your account. Should land within 2 days.",
        [("credit", 12.0, "USD", "within 2 days", "2025-03-06", "I've credited $12 to your account.")],
    ),
    "days to appear": (
        "I've refunded the $30 fee. 2-4 working days to appear.",
        [("fee_waiver", 30.0, "USD", "2-4 working days to appear", "2025-03-10", "I've refunded the $30 fee.")],
    ),
    "going to, no I'm": (
        "Going to apply a $15 credit, it'll show on your 20 March statement.",
        [("credit", 15.0, "USD", "20 March", "2025-03-20")],
    ),
    # a status line names its thing by a sum or a number before the participle
    "status line, sum first": ("Credit of $8 applied.", [("credit", 8.0, "USD", None, None)]),
    "status line, a code first": ("Complaint #CMP-40021 raised.", [("escalation", None, None, None, None)]),
    # a claim settled or approved, then its money paid out: one promise, with the payout's sum and date
    "claim then paid out": (
        "Your storm claim is approved and we'll pay \u00a3860 into your account by Friday (after your \u00a3100 excess).",
        [("dispute", 860.0, "GBP", "by Friday", "2025-03-07")],
    ),
    "claim then money on its way": (
        "We've settled the baggage claim: $214.50 is on its way and should arrive within 3 days.",
        [("dispute", 214.5, "USD", "within 3 days", "2025-03-07")],
    ),
    "claim then the payment": (
        "I've lodged your delay claim for \u20ac250 and the payment will follow within 10 days.",
        [("dispute", 250.0, "EUR", "within 10 days", "2025-03-14")],
    ),
    "settlement cheque reissued": (
        "We'll reissue the settlement cheque for $980.", [("dispute", 980.0, "USD", None, None)]),
    # someone of the company on the way is a visit
    "agent on the way": (
        "Our engineer is on the way now and should be with you within 2 hours.",
        [("delivery", None, None, "within 2 hours", "2025-03-04")],
    ),
    "not charged, done for you": (
        "I've cancelled the add-on, so you won't be charged for it next month.",
        [("account_change", None, None, "next month", "2025-04-30")],
    ),
    # vocabulary: taxes of a fare refunded are a refund (a tax on a fee stays a waiver), coins earned,
    # a consultant, a job raised, a workplace visited, a line unbarred
    "taxes of a fare refunded": (
        "I've refunded the departure taxes on your cancelled flight.", [("refund", None, None, None, None)]),
    "tax on a fee refunded": (
        "I've refunded the VAT on the $20 admin fee.", [("fee_waiver", 20.0, "USD", None, None)]),
    "coins earned": ("500 ShopCoins have been added to your wallet.", [("rewards", None, None, None, None)]),
    "coins after a reason": (
        "As an apology, 1,000 FlyPoints have been added to your account.", [("rewards", None, None, None, None)]),
    "a consultant calls": (
        "A mortgage consultant will call you tomorrow.", [("callback", None, None, "tomorrow", "2025-03-05")]),
    "a job raised": ("We've raised a job for an electrician.", [("delivery", None, None, None, None)]),
    "a workplace visit": (
        "Our fitter will come to your workplace on Friday.", [("delivery", None, None, "on Friday", "2025-03-07")]),
    "line unbarred": ("I've unbarred your line.", [("account_change", None, None, None, None)]),
    "on the way, when": ("We'll text you when the driver is on the way.", [("follow_up", None, None, None, None)]),
}


@pytest.mark.parametrize("text,expected", BLIND7_CASES.values(), ids=BLIND7_CASES.keys())
def test_blind7_classes(text, expected):
    """Each expected tuple is (kind, amount, currency, due_text, due_by), with its sentence last when not the whole text."""
    assert find_promises(text, "agent", TUE) == [Promise(e[0], e[5] if len(e) > 5 else text, *e[1:5]) for e in expected]


BLIND7_NEGATIVES = {
    "an emoji then a name": "Thanks \U0001f60a Sarah from billing here.",
    "a date with no promise before": "Should arrive within 2 days.",
    "going to, the customer's": "Going to need the last four digits of your card.",
    "status line, history": "Payment of $40 received.",
    "after your payment clears": "We'll release the hold after your payment clears.",
    # the company must first see the goods or the evidence; how a plan or trial works is no waiver
    "once collected and inspected": "Once the handset is collected and inspected, we'll issue a refund.",
    "once we've assessed": "Send us the invoice and once we've assessed it we'll cover the cost.",
    "cancel any time": "Cancel anytime during the trial and you won't be charged.",
    "not billed while": "Your plan is on pause, so you won't be billed while it's paused.",
    "a job, history": "The job was completed on Monday.",
}


@pytest.mark.parametrize("text", BLIND7_NEGATIVES.values(), ids=BLIND7_NEGATIVES.keys())
def test_blind7_negatives(text):
    assert find_promises(text, "agent", TUE) == []


# blind8's error classes, in new wording
BLIND8_CASES = {
    # a hedged line after a promise only says when it shows
    "expect to see it": (
        "I've sent the $22 back to your Visa. Expect to see it within 4 business days.",
        [("refund", 22.0, "USD", "within 4 business days", "2025-03-10", "I've sent the $22 back to your Visa.")],
    ),
    "ought to see it": (
        "The $18 overdraft fee is reversed; you ought to see it in 2 to 3 days.",
        [("fee_waiver", 18.0, "USD", "in 2 to 3 days", "2025-03-07")],
    ),
    "usually appears": (
        "Your \u00a360 refund has gone through. It normally lands within 5 working days.",
        [("refund", 60.0, "GBP", "within 5 working days", "2025-03-11", "Your \u00a360 refund has gone through.")],
    ),
    # what someone else does first scopes out the money, not a message sent when it happens
    "once they reply, contact survives": (
        "I'll email you as soon as the airline replies.", [("follow_up", None, None, None, None)]),
    # a charge "from" a day is dated by when it happened, not due on it
    "a fee from a weekday": (
        "I've refunded the $12 transfer fee from Monday.", [("fee_waiver", 12.0, "USD", None, None)]),
    # a state said as done as it is said
    "switched off as you asked": (
        "Paper statements are turned off as you requested.", [("account_change", None, None, None, None)]),
    "blocked as of now": (
        "Your SIM is barred as of this moment.", [("account_change", None, None, None, None)]),
    "a cap gone": ("The spending cap on your account is off now.", [("account_change", None, None, None, None)]),
    "a new standing arrangement": (
        "Your monthly premium now leaves your account on the 5th, starting from your April payment.",
        [("account_change", None, None, None, None)]),
    # a bare "sorted" sums up the promises said with it, and stands alone only when nothing else is said
    "sorted, then what": (
        "That's been fixed \u2014 I've moved your bill date to the 20th.",
        [("account_change", None, None, None, None)],
    ),
    "sorted alone": ("That's been sorted for you.", [("other", None, None, None, None)]),
    # a matter pushed up the queue, or put before a team, is an escalation
    "asked to prioritise": (
        "I've asked the claims team to prioritise your water damage file.", [("escalation", None, None, None, None)]),
    "team chasing": (
        "Our partner support team is chasing the airline about your lost luggage.",
        [("escalation", None, None, None, None)]),
    "in front of a team": (
        "I've placed your appeal in front of our review panel.", [("escalation", None, None, None, None)]),
    "flagged as a priority": (
        "Your repair request is flagged as high priority.", [("escalation", None, None, None, None)]),
}


@pytest.mark.parametrize("text,expected", BLIND8_CASES.values(), ids=BLIND8_CASES.keys())
def test_blind8_classes(text, expected):
    """Each expected tuple is (kind, amount, currency, due_text, due_by), with its sentence last when not the whole text."""
    assert find_promises(text, "agent", TUE) == [Promise(e[0], e[5] if len(e) > 5 else text, *e[1:5]) for e in expected]


BLIND8_NEGATIVES = {
    "once a third party acts": "Once the merchant agrees, we'll refund the $40 to your card.",
    "once they approve": "The new router will be dispatched as soon as they approve the order.",
    "once it posts": "Once the payment posts, I'll lift the hold on your card.",
    "a hedged time alone": "It usually takes 3 days to appear.",
    "a request from last week": "The refund request from last Friday is still with our payments team.",
    # what was done on a named past day is history; so is what the account shows
    "posted on a day": "Your new PIN was posted on Monday.",
    "looking at the records": "Looking at your records, the discount was added to your March bill.",
    # the customer's step first, said as an imperative
    "let us know and we'll": (
        "The order left our warehouse yesterday; if nothing turns up by Monday let us know and we'll cancel it and "
        "refund you."),
    "reply and we'll": "Reply to this email and we'll reissue the voucher.",
    # a call put through is this chat, not a matter handed on
    "put you through": "I'll put you through to our loans team now.",
}


@pytest.mark.parametrize("text", BLIND8_NEGATIVES.values(), ids=BLIND8_NEGATIVES.keys())
def test_blind8_negatives(text):
    assert find_promises(text, "agent", TUE) == []


# blind9's error classes, in new wording
BLIND9_CASES = {
    # a new thing added to a policy or an account is a change of cover, not a replacement sent
    "new car added": (
        "I've added your new Golf to the motor policy.", [("account_change", None, None, None, None)]),
    "new van added": (
        "We've added the new camper van to your fleet cover.", [("account_change", None, None, None, None)]),
    "a new card is still sent": (
        "I'll send you a new debit card.", [("replacement", None, None, None, None)]),
    # a time said after the thing ("this once", "this month") is no part of it: the head is the charge
    "charge this once": (
        "I've cancelled the $30 no-show charge this once.", [("fee_waiver", 30.0, "USD", None, None)]),
    "charge this time": (
        "I've removed the $8 paper billing charge this time.", [("fee_waiver", 8.0, "USD", None, None)]),
    # a booked time slot is a booking; an explanation sent is a document
    "a new slot": (
        "I've booked you a new slot with the nurse.", [("account_change", None, None, None, None)]),
    "a written explanation": (
        "You'll get a written explanation of the decision by post.", [("follow_up", None, None, None, None)]),
    # money or a fee coming, going or on its way back is given back: a fee is waived, a sum refunded
    "bond coming back": ("Your $120 bond is coming back to your account.", [("refund", 120.0, "USD", None, None)]),
    "fee going back": ("The \u00a36 late fee is going back on your card.", [("fee_waiver", 6.0, "GBP", None, None)]),
    "deposit on its way back": (
        "Your \u00a340 deposit is on its way back to you.", [("refund", 40.0, "GBP", None, None)]),
    "on its way, no verb": ("Partial refund of $19.99 on its way.", [("refund", 19.99, "USD", None, None)]),
    "a courier coming back is a visit": (
        "The courier is coming back on Monday with your parcel.", [("delivery", None, None, "on Monday", "2025-03-10")]),
    # "duplicate" before a sum says which money, not that a new thing is sent
    "duplicate sum returned": (
        "The duplicate $12.50 is being returned to your card.", [("refund", 12.5, "USD", None, None)]),
    "we'll return the duplicate sum": (
        "We'll return the duplicate \u20ac30 to your account.", [("refund", 30.0, "EUR", None, None)]),
    # a fee waived after a credit or a refund is a promise of its own, not the money said again
    "credit, then a fee off": (
        "I've added a $20 credit to your bill, and the paper statement fee has come off too.",
        [("credit", 20.0, "USD", None, None), ("fee_waiver", None, None, None, None)]),
    "refund, then a fee waived": (
        "I've refunded the $60 to your card, and the late fee has been waived as well.",
        [("refund", 60.0, "USD", None, None), ("fee_waiver", None, None, None, None)]),
    # a fee or a charge off may be said with where it is from
    "fees from a trip are off": (
        "The foreign transaction fees from your holiday are off now.", [("fee_waiver", None, None, None, None)]),
    "charges on a bill are gone": (
        "The data charges on your June bill (\u00a312.40) are gone.", [("fee_waiver", 12.4, "GBP", None, None)]),
    # a hedge on the bank's timing in a "which" clause leaves the act whole, and "takes N days" dates it
    "which usually takes": (
        "I've issued a refund of $80 to your card, which usually takes 5 working days.",
        [("refund", 80.0, "USD", "takes 5 working days", "2025-03-11")]),
    "which normally arrives": (
        "We've posted your replacement card, which normally arrives within a week.",
        [("replacement", None, None, "within a week", "2025-03-11")]),
    # a verb's base form after a sum is a noun: "a refund of the $55 credit balance" is a refund, not a credit
    "refund of a credit balance": (
        "I've requested a refund of the $55 credit balance on your account.", [("refund", 55.0, "USD", None, None)]),
    "refund of the credit left": (
        "I'll arrange a refund of the \u00a330 credit sitting on your account.", [("refund", 30.0, "GBP", None, None)]),
    # a refusal word before a noun names what is put right, not a refusal of the promise
    "appeal on a rejected claim": (
        "I've lodged an appeal against the rejected claim.", [("dispute", None, None, None, None)]),
    "dispute about a declined transfer": (
        "We've raised a dispute about your declined transfer.", [("dispute", None, None, None, None)]),
    # what is got "out to you" or "over to you" is sent: a thing the lexicon does not know is a document
    "quotation sheet out to you": (
        "I'll get the revised quotation sheet out to you this afternoon.",
        [("follow_up", None, None, "this afternoon", "2025-03-04")]),
    "breakdown over to you": (
        "We'll get your itemised breakdown over to you tomorrow.", [("follow_up", None, None, "tomorrow", "2025-03-05")]),
    "someone out to you is a visit": (
        "We'll get a technician out to you on Friday.", [("delivery", None, None, "on Friday", "2025-03-07")]),
    # "share" is send: what is shared names the kind
    "itinerary shared": (
        "I'll share the revised itinerary with you by email.", [("follow_up", None, None, None, None)]),
    "e-tickets shared": ("Your e-tickets will be shared on WhatsApp shortly.", [("follow_up", None, None, None, None)]),
    "complaint shared with a team": (
        "I've shared your complaint with our resolutions team.", [("escalation", None, None, None, None)]),
    # a clause that is only a span dates the promise before it
    "dash, within a span": (
        "I've waived the $15 fee \u2013 within 2 days.", [("fee_waiver", 15.0, "USD", "within 2 days", "2025-03-06")]),
    "a bare span after it": (
        "Your new PIN is on its way. 5 to 7 working days.",
        [("follow_up", None, None, "5 to 7 working days", "2025-03-13", "Your new PIN is on its way.")]),
    # fraud looked into is a dispute, whatever it is filed as
    "a fraud case opened": ("I've opened a fraud case for the two payments.", [("dispute", None, None, None, None)]),
    "a fraud report logged": (
        "We've logged a fraud report for the card payments.", [("dispute", None, None, None, None)]),
    # a downgrade arranged is a plan changed, as an upgrade is
    "downgrade scheduled": (
        "We've scheduled your downgrade for Friday.", [("account_change", None, None, "Friday", "2025-03-07")]),
    "downgrade arranged": (
        "I've arranged the downgrade to the basic tier.", [("account_change", None, None, None, None)]),
    # after "have" or "get" and its object, a verb is bare or a participle: a word in -s is a noun
    "returns slip emailed": (
        "I'll have the store returns slip emailed over tonight.",
        [("follow_up", None, None, "tonight", "2025-03-04")]),
    "someone who installs, then a call": (
        "We'll have the engineer who installs your meter call you.", [("callback", None, None, None, None)]),
    # dropped off "to you" is brought; a fee drops off a bill
    "van dropped off to you": (
        "A hire van will be dropped off to you on Friday.", [("delivery", None, None, "on Friday", "2025-03-07")]),
    "bike dropped off to you": (
        "We'll drop the loan bike off to you tomorrow.", [("delivery", None, None, "tomorrow", "2025-03-05")]),
    "a fee drops off": (
        "The late fee will drop off your account by Friday.", [("fee_waiver", None, None, "by Friday", "2025-03-07")]),
    # "one of them" (of a team named before) and "one of us" act for the company
    "one of us will ring": (
        "One of us will ring you back this afternoon.", [("callback", None, None, "this afternoon", "2025-03-04")]),
    "one of them will visit": (
        "Our engineers are busy today; one of them will visit on Thursday.",
        [("delivery", None, None, "on Thursday", "2025-03-06")]),
    "one of them, a thing": ("One of them has been refunded.", [("refund", None, None, None, None)]),
    # what is "now on your account/bill/folio" was put there: the thing names the kind
    "credit now on the account": (
        "The $20 goodwill credit is now on your account.", [("credit", 20.0, "USD", None, None)]),
    "points now on the statement": (
        "Your 2,000 bonus points are now on your statement.", [("rewards", None, None, None, None)]),
    # "the refund will appear ..." later on dates the last money promise, even with another said between
    "refund appears, after a change": (
        "I've refunded the $25 booking fee and updated your email address. The refund will appear within 5 working days.",
        [("fee_waiver", 25.0, "USD", "within 5 working days", "2025-03-11",
          "I've refunded the $25 booking fee and updated your email address."),
         ("account_change", None, None, None, None,
          "I've refunded the $25 booking fee and updated your email address.")]),
    "this credit shows, after a change": (
        "I've credited $15 to your account and extended your trial. This credit should show by Friday.",
        [("credit", 15.0, "USD", "by Friday", "2025-03-07", "I've credited $15 to your account and extended your trial."),
         ("account_change", None, None, None, None, "I've credited $15 to your account and extended your trial.")]),
    # a rate, price or limit dropped "from" one figure "to" another is lowered
    "rate dropped from, to": (
        "I've dropped your interest rate from 24.9% to 19.9%.", [("account_change", None, None, None, None)]),
    "limit dropped from, to": (
        "We've dropped your credit limit from $5,000 to $3,000 as you asked.",
        [("account_change", 5000.0, "USD", None, None)]),
    # a change "from" a day, or that "takes effect" on it, is due then; "from ... to ..." is a period
    "moved from a day": (
        "I've moved your broadband to the Fibre 500 package from 1 April.",
        [("account_change", None, None, "from 1 April", "2025-04-01")]),
    "takes effect on a day": (
        "I've switched your plan to Unlimited, and that takes effect March 20.",
        [("account_change", None, None, "takes effect March 20", "2025-03-20")]),
    "a period is no due date": (
        "I've put a travel notice on your card from March 10 to March 24.", [("account_change", None, None, None, None)]),
    "charges from a day happened then": (
        "I've refunded the two charges from 3 January.", [("refund", None, None, None, None)]),
    # "you won't be charged", with no fee named, after a change of plan is what the change means
    "paused, then not billed": (
        "I've paused your gym membership. You won't be billed on the 1st.",
        [("account_change", None, None, None, None, "I've paused your gym membership.")]),
    "closed, then not charged": (
        "Your storage plan has been closed. You won't be charged again.",
        [("account_change", None, None, None, None, "Your storage plan has been closed.")]),
    "a new card, then not charged": (
        "I've sent you a new card. You won't be charged for it.",
        [("replacement", None, None, None, None, "I've sent you a new card."),
         ("fee_waiver", None, None, None, None, "You won't be charged for it.")]),
    # a status line may say where its thing went ("to ...") and its thing may be a sum
    "plan switched to": ("Plan switched to Unlimited \u2705", [("account_change", None, None, None, None)]),
    "a sum refunded to": ("\u00a330 refunded to your Mastercard.", [("refund", 30.0, "GBP", None, None)]),
    # a pronoun after an -ing word is its object: "an email confirming it" is the subject, not "it"
    "an email confirming it": (
        "I've upgraded your plan, and an email confirming it will be sent tonight.",
        [("account_change", None, None, None, None),
         ("follow_up", None, None, "tonight", "2025-03-04")]),
    "a text confirming this": (
        "I've reset your PIN. A text confirming this goes out today.",
        [("account_change", None, None, None, None, "I've reset your PIN."),
         ("follow_up", None, None, "today", "2025-03-04", "A text confirming this goes out today.")]),
    # a claim's payout said after it, with no other sum, is that claim's: it dates it
    "claim, then paid out": (
        "I've approved your claim for $800, and we'll pay it out by Friday.",
        [("dispute", 800.0, "USD", "by Friday", "2025-03-07")]),
    "claim, then the benefit paid": (
        "I've approved your claim, and we'll pay the benefit into your account by Friday.",
        [("dispute", None, None, "by Friday", "2025-03-07")]),
    # a notice received or sent is a letter; "next week" after it is no part of it
    "cancellation notice by email": (
        "You should get a cancellation notice by email.", [("follow_up", None, None, None, None)]),
    "renewal notice next week": (
        "You'll receive a renewal notice next week.", [("follow_up", None, None, "next week", "2025-03-16")]),
    "a notice placed is a setting": (
        "I've placed a travel notice on your card.", [("account_change", None, None, None, None)]),
    # "for this month" is what money covers; "this month" alone is still when
    "refunded for this month": (
        "I've refunded the $6 streaming charge for this month.", [("refund", 6.0, "USD", None, None)]),
    "credited this month": (
        "You'll get the $6 credit this month.", [("credit", 6.0, "USD", "this month", "2025-03-31")]),
    # a thing corrected "to" a new value is a setting changed; a mistake corrected is put right
    "spelling corrected to": (
        "I've corrected the spelling of your name to Siobhan.", [("account_change", None, None, None, None)]),
    "code corrected to": ("Your tax code has been corrected to 1257L.", [("account_change", None, None, None, None)]),
    "an error corrected": ("I've corrected the error on your bill.", [("other", None, None, None, None)]),
    # a status line may open with "Done," or "Sorted," (and a "sir" or "madam")
    "sorted, card blocked": ("Sorted, card blocked.", [("account_change", None, None, None, None)]),
    "done madam, refund processed": (
        "Done madam, refund processed for \u20b9499.", [("refund", 499.0, "INR", None, None)]),
    # money that "will be on your card/account" in a span is on its way: it dates the promise before
    "on your card by Friday": (
        "I've refunded the $20. It'll be on your card by Friday.",
        [("refund", 20.0, "USD", "by Friday", "2025-03-07", "I've refunded the $20.")]),
    "on your account within days": (
        "I've reversed the $35 fee, and it should be on your account within 3 days.",
        [("fee_waiver", 35.0, "USD", "within 3 days", "2025-03-07")]),
    # a clause that drops its "it" and says when the money shows dates the promise before
    "appears within": (
        "I've credited $10 \u2014 appears within 2 days.", [("credit", 10.0, "USD", "within 2 days", "2025-03-06")]),
    "posts tonight": ("I've waived the $5 fee; posts tonight.", [("fee_waiver", 5.0, "USD", "tonight", "2025-03-04")]),
    "a hedged time still dates the promise before": (
        "I've refunded $40; you'd normally see it in 3 days.", [("refund", 40.0, "USD", "in 3 days", "2025-03-07")]),
}


@pytest.mark.parametrize("text,expected", BLIND9_CASES.values(), ids=BLIND9_CASES.keys())
def test_blind9_classes(text, expected):
    """Each expected tuple is (kind, amount, currency, due_text, due_by), with its sentence last when not the whole text."""
    assert find_promises(text, "agent", TUE) == [Promise(e[0], e[5] if len(e) > 5 else text, *e[1:5]) for e in expected]


BLIND9_NEGATIVES = {
    # the same words under a condition
    "charges off, if": "If the charges from your trip aren't off by Friday, let me know.",
    "a habit, not a relative clause": "A refund usually takes 5 working days.",
    "a refusal said as one": "I'm sorry, the refund request was declined by our payments team.",
    "a number is no document": "I'll get the reference number over to you.",
    "the customer shares": "Please share your order number.",
    "a span alone promises nothing": "5-7 days.",
    "the customer's own payment on the account": "Your payment is now on your account.",
    "a parcel dropped is no rate": "I dropped the parcel from 3 to 5 pm.",
    # what waits on the customer's go-ahead is an offer
    "say the word and": "Say the word and we'll send a new router.",
    "give me the go-ahead and": "Give me the go-ahead and I'll cancel the policy.",
    # a hedged or conditional "you'd have it" may date a promise before it, but never stands alone
    "you'd have it": "Replacement cards go out by post, so if one's ordered now you'd have it by Friday.",
    "you could have it": "Replacement keys are cut in branch, so if one's ordered now you could have it by Monday.",
    "shows, with nothing before": "Shows on your next statement.",
    # "shows as ..." is a tracking status read out, not a promise
    "shows as delivered": "Your parcel shows as delivered on Monday.",
    "shows as dispatched": "Your new card shows as dispatched on Friday.",
    # "the ... assigned to" is a thing described, "is credited to" a habit: no status line
    "the one assigned to": "The engineer assigned to your job is Sam.",
    "credited to, as a habit": "Interest is credited to savings accounts monthly.",
}


@pytest.mark.parametrize("text", BLIND9_NEGATIVES.values(), ids=BLIND9_NEGATIVES.keys())
def test_blind9_negatives(text):
    assert find_promises(text, "agent", TUE) == []


# blind10's error classes, in new wording

BLIND10_REFERENCES = {
    # a copula that says the number is unchanged links it like "is"
    "remains": ("After the swap your booking reference remains MQ7TZR.", [Reference("booking", "MQ7TZR")]),
    "stays": ("Your case number stays 4410-2291 for the reopened claim.", [Reference("case", "4410-2291")]),
    "will remain": ("The ticket number will remain INC-88213 until it's closed.", [Reference("ticket", "INC-88213")]),
}


@pytest.mark.parametrize("text,expected", BLIND10_REFERENCES.values(), ids=BLIND10_REFERENCES.keys())
def test_blind10_references(text, expected):
    assert find_references(text) == expected


BLIND10_CASES = {
    # "provided" is a condition only before its clause; after "you" or a noun it is what the customer gave
    "the cause you provided": (
        "I've waived the $25 late fee given the hospital letter you provided.", [("fee_waiver", 25.0, "USD", None, None)]),
    "the photos you've provided, then the promise": (
        "Based on the photos you've provided, we'll send a new handset.", [("replacement", None, None, None, None)]),
    "the receipt provided by you": (
        "I've waived the \u00a312 late fee on the strength of the receipt provided by you.",
        [("fee_waiver", 12.0, "GBP", None, None)]),
    # what a document says ("confirming the ...") is no part of it: the document names the kind
    "a letter explaining the plan": (
        "You'll receive a letter explaining the new repayment plan within 7 days.",
        [("follow_up", None, None, "within 7 days", "2025-03-11")]),
    "a statement showing the refund": (
        "We'll email you a statement showing the refund by Friday.", [("follow_up", None, None, "by Friday", "2025-03-07")]),
    "a text confirming the visit": (
        "A text confirming the engineer's visit will be sent tomorrow.",
        [("follow_up", None, None, "tomorrow", "2025-03-05")]),
    # an ordinal that counts things is no day; one alone still is
    "the 9th floor": ("I've upgraded you to a suite on the 9th floor.", [("account_change", None, None, None, None)]),
    "the 4th instalment": (
        "We'll lower the repayment from the 4th instalment.", [("account_change", None, None, None, None)]),
    "the 9th alone is a day": (
        "The technician will visit on the 9th.", [("delivery", None, None, "on the 9th", "2025-03-09")]),
    # "both" before a plural makes it this customer's pair, not a plural said in general
    "both payments": ("We've refunded both payments to your Visa.", [("refund", None, None, None, None)]),
    "both late charges": ("We've reversed both late charges.", [("fee_waiver", None, None, None, None)]),
    # how long it takes, said with any modal, dates the money promise before it
    "it might take, a sentence on": (
        "I've credited \u00a315 to your account. It might take up to 3 working days to show.",
        [("credit", 15.0, "GBP", "up to 3 working days", "2025-03-07", "I've credited \u00a315 to your account.")]),
    "it'll take, a clause on": (
        "We've reversed the $8 charge; it'll take 2 business days to post.",
        [("refund", 8.0, "USD", "2 business days to post", "2025-03-06")]),
    # money that will "appear as a credit" is money on its way, not a tracking status ("shows as delivered")
    "which will appear as a credit": (
        "I've put a \u20ac25 goodwill payment on your account, which will appear as a credit on your next bill.",
        [("credit", 25.0, "EUR", "on your next bill", "2025-04-04")]),
    "it'll show as a refund": (
        "I've refunded the $30 charge. It'll show as a refund within 3 days.",
        [("refund", 30.0, "USD", "within 3 days", "2025-03-07", "I've refunded the $30 charge.")]),
    # a matter taken up again is what it was
    "complaint reopened": ("Your complaint has been reopened.", [("escalation", None, None, None, None)]),
    "re-opened the dispute": (
        "I've re-opened the dispute on the $40 charge.", [("dispute", 40.0, "USD", None, None)]),
    # a setting's new value may be a day of the month, and the line may open with "Done,"
    "direct debit date is now the 3rd": (
        "Done, your direct debit date is now the 3rd.", [("account_change", None, None, None, None)]),
    "billing date is now the 22nd": (
        "Sorted - your billing date is now the 22nd.", [("account_change", None, None, None, None)]),
    "all set, seat is now": ("All set, your seat is now 14C.", [("account_change", None, None, None, None)]),
    # a feature named alone, switched off (or on) now, is a setting changed
    "auto-pay is now off": ("Auto-pay is now off.", [("account_change", None, None, None, None)]),
    "roaming is now off for": (
        "International roaming is now off for your line.", [("account_change", None, None, None, None)]),
    "voicemail is now on": ("Voicemail is now on.", [("account_change", None, None, None, None)]),
    # a stop on money leaving the account is a setting, as a status line too; "stop by" stays a visit
    "cheque stopped": ("Cheque stopped.", [("account_change", None, None, None, None)]),
    "stopped the direct debit": (
        "I've stopped the direct debit to the gym.", [("account_change", None, None, None, None)]),
    "payment has been stopped": (
        "The standing order payment has been stopped.", [("account_change", None, None, None, None)]),
    "stop by is a visit": ("We'll stop by on Monday.", [("delivery", None, None, "on Monday", "2025-03-10")]),
    # a recap's comma splice: a new subject and its passive after a comma is a clause of its own
    "moved, the fee has been waived": (
        "I've moved your flight to Friday, the rebooking fee has been waived.",
        [("account_change", None, None, "Friday", "2025-03-07"), ("fee_waiver", None, None, None, None)]),
    "downgraded, the charge has been waived": (
        "Your plan has been downgraded, the $15 early exit charge has been waived.",
        [("account_change", None, None, None, None), ("fee_waiver", 15.0, "USD", None, None)]),
    "an aside between commas is no clause": (
        "I've sent the letter, the one you asked for, this morning.",
        [("follow_up", None, None, "this morning", "2025-03-04")]),
    # a day that owns the thing ("tonight's resort fee") opens the object, and is no due date of it
    "tonight's resort fee": (
        "I've removed tonight's resort fee of $45 from your folio.", [("fee_waiver", 45.0, "USD", None, None)]),
    "today's late charge": ("I've reversed today's $12 late charge.", [("fee_waiver", 12.0, "USD", None, None)]),
    # a word that ends in "s" is no plural ("SMS"), and "further"/"future" ones are this customer's from now on
    "international SMS": (
        "I've disabled international SMS on your account.", [("account_change", None, None, None, None)]),
    "further payments": (
        "I've blocked further payments to that merchant.", [("account_change", None, None, None, None)]),
    "future payments": ("We've stopped future payments to the gym.", [("account_change", None, None, None, None)]),
    # "and" before a past form and a count starts a clause: the count is its object
    "and added 2,000 points": (
        "I've reset your PIN and added 2,000 bonus points to your account.",
        [("account_change", None, None, None, None), ("rewards", None, None, None, None)]),
    "and sent 2 new cards": (
        "I've updated your address and sent 2 new cards to it.",
        [("account_change", None, None, None, None), ("replacement", None, None, None, None)]),
    # "bonus" credits counted are given, not money owed: rewards, as a "points credit" is; a sum stays a credit
    "bonus ride credits": ("I've added 5 bonus ride credits to your account.", [("rewards", None, None, None, None)]),
    "bonus game credits": ("We've applied 3 bonus game credits to your profile.", [("rewards", None, None, None, None)]),
    "a sum of bonus credit is money": (
        "I've put a \u00a320 bonus credit on your bill.", [("credit", 20.0, "GBP", None, None)]),
    # a relative clause with no "that" negates only itself: "the charge you never made"
    "the charge you never made": ("I've refunded the charge you never made.", [("refund", None, None, None, None)]),
    "the subscription you did not sign up for": (
        "I've cancelled the subscription you did not sign up for.", [("account_change", None, None, None, None)]),
    # a device or card taken off the account is a change, nothing new sent
    "removed the old phone": (
        "I've removed the old phone from your account.", [("account_change", None, None, None, None)]),
    "removed the card from your profile": (
        "We've removed the card from your profile.", [("account_change", None, None, None, None)]),
    # two settings changed by the agent's own verbs are two promises; a thing shown after is the first said again
    "reset and removed": (
        "I've reset your online password and removed the old phone from your account.",
        [("account_change", None, None, None, None), ("account_change", None, None, None, None)]),
    "moved and enrolled": (
        "I've moved your due date to the 20th and enrolled you in paperless billing.",
        [("account_change", None, None, None, None), ("account_change", None, None, None, None)]),
    "changed, then you'll see it": (
        "I've changed your plan, and you'll see the new rate on your next bill.",
        [("account_change", None, None, "on your next bill", "2025-04-04")]),
    # a series of acts after one "I've": each past form after a comma, with its object, is a clause
    "waived, updated, and enrolled": (
        "I've waived the $15 late fee, updated your mailing address, and enrolled you in autopay.",
        [("fee_waiver", 15.0, "USD", None, None), ("account_change", None, None, None, None),
         ("account_change", None, None, None, None)]),
    "a participle between commas is no act": (
        "I've sent the letter, signed by the manager, to your address.", [("follow_up", None, None, None, None)]),
    # goods "moving" are on their way, not a booking moved: the delivery after names the kind
    "it's moving again and will be delivered": (
        "The box was stuck in customs. It's moving again and it will be delivered by Thursday.",
        [("delivery", None, None, "by Thursday", "2025-03-06", "It's moving again and it will be delivered by Thursday.")]),
    # a review asked for is an escalation; the link to one is still a document
    "requested a review": ("I've requested a review of the decision.", [("escalation", None, None, None, None)]),
    "a review has been opened": ("A review has been opened.", [("escalation", None, None, None, None)]),
    "the review link": ("I've sent you the review link.", [("follow_up", None, None, None, None)]),
    # a line that drops its "I" before a participle ("have refunded", "hv sent") is read as "I've"
    "have waived, no I": ("Have waived the \u00a34 paper bill fee.", [("fee_waiver", 4.0, "GBP", None, None)]),
    "hv sent, no I": ("hv sent the claim form to ur email", [("follow_up", None, None, None, None)]),
    "I hv sent": ("I hv posted the new card today.", [("replacement", None, None, "today", "2025-03-04")]),
    # a span that closes the line after a comma is the promise's time
    "card, 3-5 working days": (
        "I've sent a new card, 3-5 working days :)", [("replacement", None, None, "3-5 working days", "2025-03-11")]),
    "account, 2 days": (
        "I've credited $20 to your account, 2 days.", [("credit", 20.0, "USD", "2 days", "2025-03-06")]),
    # contact promised for when word comes from a third party is still a promise; other acts wait on it
    "email you as soon as we hear back": (
        "I'll email you as soon as we hear back.", [("follow_up", None, None, None, None)]),
    "call you once we hear from the airline": (
        "I'll call you once we hear from the airline.", [("callback", None, None, None, None)]),
    # "once it arrives" opens a time for what follows: no pointer back that dates the promise before
    "when it arrives, activate it": (
        "I've sent a new card. When it arrives, activate it in the app within 30 days.",
        [("replacement", None, None, None, None, "I've sent a new card.")]),
    "and it will show, still a pointer": (
        "I've refunded the $20 and it will show within 3 days.", [("refund", 20.0, "USD", "within 3 days", "2025-03-07")]),
    # a payment "made" after a claim is its payout, and dates it
    "the payment will be made": (
        "I've approved your claim. The payment will be made to your bank within 5 working days.",
        [("dispute", None, None, "within 5 working days", "2025-03-11", "I've approved your claim.")]),
}


@pytest.mark.parametrize("text,expected", BLIND10_CASES.values(), ids=BLIND10_CASES.keys())
def test_blind10_classes(text, expected):
    """Each expected tuple is (kind, amount, currency, due_text, due_by), with its sentence last when not the whole text."""
    assert find_promises(text, "agent", TUE) == [Promise(e[0], e[5] if len(e) > 5 else text, *e[1:5]) for e in expected]


BLIND10_NEGATIVES = {
    # a word the customer types back is their go-ahead: what follows it is an offer
    "reply YES and": "You qualify for a 500-point bonus; reply YES and I'll add it.",
    "text OK back and": "Text OK back and we'll send the new router today.",
    "reply with 'confirm' and": "Reply with 'confirm' and I'll cancel the add-on.",
    # "provided" before a clause is still a condition
    "provided you": "I'll take the $15 charge off provided you pay the balance this week.",
    "a plural said in general": "We refund charges like this all the time.",
    "how long it takes, with nothing before": "It could take up to 10 days to arrive.",
    "shows as a status, still": "Your order shows as delivered on Monday.",
    "a shop reopened is no matter": "The store has reopened.",
    "a price is news, after 'Done' too": "Done, your payment is now $112.",
    # a supply off is an outage
    "power is now off": "Your power is now off.",
    "broadband is now off": "Your broadband is now off.",
    # what stops by itself, or stopped in the past, is news
    "payments stopped in May": "Your payments stopped in May.",
    "stopped the leak": "The engineer stopped the leak.",
    # a lead-in with no verb of its own still scopes over what follows its comma
    "looking at your file, the fee was refunded": "Looking at your file, the $20 fee was refunded in May.",
    # a bare plural is still said in general
    "several reminders": "We've sent you several reminders.",
    "cases like this": "I've escalated cases like this.",
    # the promise's own negation still scopes it out
    "won't remove the device you don't recognise": "We won't remove the device you don't recognise.",
    "moving, alone": "It's moving again.",
    "have you, a question": "Have you received the refund",
    "refund once we hear back from the merchant": "We'll refund you as soon as we hear back from the merchant.",
    "a card once we hear from you": "We'll send a new card once we hear from you.",
    "the customer's own payment made": "Your next payment will be made on the 5th.",
}


@pytest.mark.parametrize("text", BLIND10_NEGATIVES.values(), ids=BLIND10_NEGATIVES.keys())
def test_blind10_negatives(text):
    assert find_promises(text, "agent", TUE) == []


def test_a_list_of_things_done():
    """Each item of a list is the agent's, done, once one item opens with a past tense."""
    text = ("Here's the summary:\n\u2022 reversed the \u00a315 paper statement fee\n\u2022 set up paperless billing"
            "\n\u2022 emailed you a copy of the agreement")
    assert find_promises(text, "agent", TUE) == [
        Promise("fee_waiver", "\u2022 reversed the \u00a315 paper statement fee", 15.0, "GBP"),
        Promise("account_change", "\u2022 set up paperless billing"),
        Promise("follow_up", "\u2022 emailed you a copy of the agreement"),
    ]


@pytest.mark.parametrize("thing,kind", [
    ("a technician", "delivery"), ("a letter", "follow_up"), ("a new router", "replacement"),
    ("you a $20 voucher", "rewards"), ("the refund cheque", "refund"),
])
def test_send_takes_its_kind_from_what_is_sent(thing, kind):
    text = f"We'll send {thing} on Friday."
    amount = (20.0, "USD") if "$20" in thing else (None, None)
    assert find_promises(text, "agent", TUE) == one(kind, text, *amount, "on Friday", "2025-03-07")


SCOPED_OUT = {
    "once we receive": "You'll be reimbursed for the taxi fare once we receive the receipt.",
    "a note": "I've added a note to your account.",
    "our own policy": "We've updated our privacy policy, which you can read online.",
    "habit always": "We always refund late fees within a day.",
    "habit similar cases": "I've escalated similar cases before and they usually get resolved in a week.",
    "should have": "The last agent should have waived the fee.",
    "assuming": "Assuming the item comes back unworn, the full \u00a359 will be refunded.",
    "supposing": "Supposing the parcel doesn't arrive by Friday, we'll send a replacement.",
    "standard terms apply": "Your promotional rate will expire on 31 December and the standard rate of 22.9% will apply.",
    "booked as it stands": "You're booked on BA 117, seat 32K, departing 18:25 from Terminal 5.",
    "history you mentioned": "The $75 credit you mentioned was posted on 2 May.",
    "a ticket closed": "I can see incident 88129034 logged against your line on 2 June, and it's now closed.",
    "renews by itself": "Your plan will renew automatically next month at $45.",
    "news, not a state set": "The offer is live until Sunday.",
    "was going to": "I was going to send you a new card, but the address was wrong.",
    "closed ticket": "Your ticket has been closed.",
    "customer's own payment": "Your payment has been applied to the principal balance.",
    "generic subject": "All new customers will receive a welcome bonus.",
    "history": "I've had a look and the refund was already issued on February 20.",
    "a term, not a reversal": "The annual fee is waived for the first year.",
    "a bare noun, a habit": "Credit is applied automatically at the end of the month.",
    "if anything changes": "They'll email you if anything changes.",
    "owning up, not paying": "The mistake is on us, sorry about that.",
    "details taken down": "I've taken down your details.",
    "under dispute as it stands": "The charge of $64.10 is under dispute.",
    "text-speak condition": "ur card will be blocked if u dont pay by friday",
    "relative, negation of the main verb": "We can't refund the fee that was charged.",
}


@pytest.mark.parametrize("text", SCOPED_OUT.values(), ids=SCOPED_OUT.keys())
def test_scoped_out(text):
    assert find_promises(text, "agent", TUE) == []


# --------------------------------------------------------------------------
# Sentences


SENTENCES = [
    ("Thanks, Mr. Patel. I've applied a $10.50 credit to your U.S. account.",
     ["Thanks, Mr. Patel.", "I've applied a $10.50 credit to your U.S. account."]),
    ("Use any card, e.g. Visa or Amex, for this. Your reference is REF.2025.0042. Done!",
     ["Use any card, e.g. Visa or Amex, for this.", "Your reference is REF.2025.0042.", "Done!"]),
    ("It was $40.00. Claim no. 4411-22 is open.", ["It was $40.00.", "Claim no. 4411-22 is open."]),
    ("We'll call at 10 a.m. Eastern. Is that ok? Yes.", ["We'll call at 10 a.m. Eastern.", "Is that ok?", "Yes."]),
    ("I've restored your APR. A specialist will call.", ["I've restored your APR.", "A specialist will call."]),
    ("Due Apr. 15 at 3 p.m. tomorrow.\nSecond line", ["Due Apr. 15 at 3 p.m. tomorrow.", "Second line"]),
    # a code's last letter is no initial; an initial still is
    ("Your case is 88172-B. It will be reviewed. Thanks, J. Smith",
     ["Your case is 88172-B.", "It will be reviewed.", "Thanks, J. Smith"]),
]


@pytest.mark.parametrize("text,expected", SENTENCES, ids=[s[0][:30] for s in SENTENCES])
def test_split_sentences(text, expected):
    assert [text[a:b] for a, b in split_sentences(text)] == expected


# --------------------------------------------------------------------------
# Money


AMOUNTS = [
    ("a $40 credit", 40.0, "USD"),
    ("$1,250.00 back", 1250.0, "USD"),
    ("USD 40", 40.0, "USD"),
    ("40 dollars", 40.0, "USD"),
    ("forty dollars", 40.0, "USD"),
    ("twenty-five dollars", 25.0, "USD"),
    ("US$ 60.00", 60.0, "USD"),
    ("\u00a312.50", 12.5, "GBP"),
    ("25 GBP", 25.0, "GBP"),
    ("\u20ac9,99", 9.99, "EUR"),
    ("9,99 \u20ac", 9.99, "EUR"),
    ("1.250,00 \u20ac", 1250.0, "EUR"),
    ("75 euros", 75.0, "EUR"),
    ("CA$30", 30.0, "CAD"),
    ("C$25", 25.0, "CAD"),
    # a bare dollar sign takes the dollar the code after the sum names; a longer word is no code
    ("a $400 CAD credit", 400.0, "CAD"),
    ("$1,250.00 NZD.", 1250.0, "NZD"),
    ("$25 AUDIT fee", 25.0, "USD"),
    ("US$40 CAD", 40.0, "USD"),
    ("A$85", 85.0, "AUD"),
    ("AU$19.95", 19.95, "AUD"),
    ("AUD 420", 420.0, "AUD"),
    ("\u20b9500", 500.0, "INR"),
    ("\u20b91,25,000", 125000.0, "INR"),
    ("Rs. 1,499", 1499.0, "INR"),
    ("\u00a51000", 1000.0, "JPY"),
    ("JPY 5,000", 5000.0, "JPY"),
    ("17.99% APR", None, None),
    ("5,000 points", None, None),
    ("call 1-800-555-0199", None, None),
    ("the R2,350.00 debit", 2350.0, "ZAR"),
    ("the R95 fee", 95.0, "ZAR"),
    ("R 1 200 back", 1200.0, "ZAR"),
    ("reference R20451", None, None),  # five digits and no separator: a reference, not rand
    # a number starts where its run of digits and separators starts, or after a quote or an ellipsis
    ("he said '50 dollars'", 50.0, "USD"),
    ("so...50 dollars", 50.0, "USD"),
    ("v1.5 12 euros", 12.0, "EUR"),
]


@pytest.mark.parametrize("text,amount,currency", AMOUNTS, ids=[a[0] for a in AMOUNTS])
def test_amounts(text, amount, currency):
    assert find_amount(text) == (amount, currency)


# --------------------------------------------------------------------------
# Due dates: the latest date the due text implies, from sent_at's local date


DUES = [
    ("within 1-2 billing cycles", TUE, "2025-05-04"),
    # a date written after the weekday is the one meant; a time after it is no date
    ("by Thursday the 6th", TUE, "2025-03-06"),
    ("by Wednesday, March 12", TUE, "2025-03-12"),
    ("on Friday 14 March", TUE, "2025-03-14"),
    ("by Friday, 12:30", TUE, "2025-03-07"),
    ("in 5-7 business days", TUE, "2025-03-13"),
    ("in 3 business days", FRI_UK, "2025-06-18"),  # Friday: skips the weekend
    ("within 1 business day", SAT, "2025-12-01"),  # Saturday: next Monday
    ("within 10 business days", FRI, "2025-02-14"),
    ("within 5 business days", YEAR_END, "2026-01-06"),  # across the new year
    ("by Friday", TUE, "2025-03-07"),
    ("by Friday", FRI, "2025-01-31"),  # on or after: said on a Friday, today
    ("next Tuesday", TUE, "2025-03-11"),  # "next" is strictly after
    ("Thursday", THU, "2025-10-09"),
    ("tomorrow", LEAP_WED, "2024-02-29"),
    ("within 48 hours", LEAP_WED, "2024-03-01"),
    ("within 2 hours", LATE_TUE, "2025-03-05"),  # 23:30 + 2h is tomorrow
    ("within the hour", TUE, "2025-03-04"),
    ("within 1 billing cycle", LEAP_JAN_END, "2024-02-29"),  # Jan 31 + a month, leap year
    ("within 1 billing cycle", FRI, "2025-02-28"),  # Jan 31 + a month
    ("within 2 billing cycles", YEAR_END, "2026-02-28"),
    ("on your next statement", TUE, "2025-04-04"),
    ("within 30 days", LEAP_JAN_END, "2024-03-01"),
    ("in 6-8 weeks", TUE, "2025-04-29"),
    ("by the end of the month", LEAP_WED, "2024-02-29"),
    ("by the end of the week", LEAP_JAN_END, "2024-02-04"),  # weeks end on Sunday
    ("next week", YEAR_END, "2026-01-11"),
    ("today", SAT, "2025-11-29"),
    ("by 6 p.m. tonight", FRI_UK, "2025-06-13"),
    ("on October 20", THU, "2025-10-20"),
    ("on January 15", YEAR_END, "2026-01-15"),  # already past this year: next year
    ("by the 5th", THU, "2025-11-05"),
    ("by the 15th", THU, "2025-10-15"),
    ("on your next invoice", TUE, "2025-04-04"),
    ("effective from your next billing period", TUE, "2025-04-04"),
    ("takes effect from 1 April", TUE, "2025-04-01"),
    ("kicks in next cycle", TUE, "2025-04-04"),
    ("on next bill", TUE, "2025-04-04"),
    ("by 6pm", TUE, "2025-03-04"),  # sent at 10:44
    ("back up by 4 a.m.", TUE, "2025-03-05"),  # that hour has passed: tomorrow
    ("booked for thurs", TUE, "2025-03-06"),
    ("in 24hrs", TUE, "2025-03-05"),
    ("within 6-8 biz days", TUE, "2025-03-14"),
    ("ring u 2moro", TUE, "2025-03-05"),
    ("in 3 wks", TUE, "2025-03-25"),
    ("off ur next bill", TUE, "2025-04-04"),
    # blind7's classes: calendar days, a span that names what it is for, the date of a bill, a start day, an ETA
    ("within 14 calendar days", TUE, "2025-03-18"),
    ("2-4 working days to appear", TUE, "2025-03-10"),
    ("it'll be on your 20 March statement", TUE, "2025-03-20"),
    ("from your next payment date, April 2", TUE, "2025-04-02"),
    ("your new tariff starts from the 18th", TUE, "2025-03-18"),
    ("ETA 45 minutes", LATE_TUE, "2025-03-05"),  # 23:30 + 45 minutes is tomorrow
]


@pytest.mark.parametrize("text,sent_at,due_by", DUES, ids=[f"{d[0]} @{d[1][:10]}" for d in DUES])
def test_due_by(text, sent_at, due_by):
    due_text, got = find_due(text, dt.datetime.fromisoformat(sent_at))
    assert got == due_by
    assert due_text and due_text in text


def test_the_latest_of_several_due_expressions_wins():
    assert find_due("ships today and arrives within 3 business days", dt.datetime.fromisoformat(YEAR_END)) == (
        "within 3 business days",
        "2026-01-02",
    )


@pytest.mark.parametrize("text", [
    "as soon as possible",
    "for the next 6 months",
    "within 6 weeks of the move",
    "this month's late fee",
    "from March 10 to March 24",
    "from the 10th to the 24th",
    "it took 3 days to arrive",
    "he gave $40 to show goodwill",
    # blind9's class: what a sum covers, not when it is due
    "the difference for this month",
    "a discount for next month",
])
def test_not_a_due_date(text):
    assert find_due(text, dt.datetime.fromisoformat(TUE)) == (None, None)


def test_a_recent_past_date_is_history():
    assert find_due("refunded on March 2", dt.datetime.fromisoformat(TUE)) == ("on March 2", None)
    # across the new year: said on 7 January, "23 December" is last month's
    assert find_due("added on 23 December", dt.datetime.fromisoformat("2025-01-07T09:15:00+00:00")) == (
        "on 23 December", None)


@pytest.mark.parametrize("text,due_text,due_by", [
    # the date written after a weekday is part of what the person reads back, not only of due_by
    ("the engineer comes by Thursday the 6th, 8-12", "by Thursday the 6th", "2025-03-06"),
    ("a letter goes out on Friday 14 March.", "on Friday 14 March", "2025-03-14"),
    ("expect it by Friday, 12:30 at the latest", "by Friday", "2025-03-07"),
])
def test_due_text_keeps_the_date_after_a_weekday(text, due_text, due_by):
    assert find_due(text, dt.datetime.fromisoformat(TUE)) == (due_text, due_by)


def test_due_text_without_sent_at():
    assert find_due("within 48 hours", None) == ("within 48 hours", None)


@pytest.mark.parametrize("text,due_text", [
    ("ships in the next few days", "in the next few days"),
    ("within a couple of weeks", "within a couple of weeks"),
    ("in a few more working days", "in a few more working days"),
])
def test_a_vague_span_is_due_but_undated(text, due_text):
    assert find_due(text, dt.datetime.fromisoformat(TUE)) == (due_text, None)


def test_a_dated_expression_beats_a_vague_one():
    assert find_due("ships in the next few days, by Friday at the latest", dt.datetime.fromisoformat(TUE)) == (
        "by Friday", "2025-03-07")


@pytest.mark.parametrize("text", ["for the next few days", "within a few days of delivery"])
def test_a_vague_period_is_not_due(text):
    assert find_due(text, dt.datetime.fromisoformat(TUE)) == (None, None)


# --------------------------------------------------------------------------
# References


REFERENCES = [
    ("Your reference number is LF7731.", [Reference("reference", "LF7731")]),
    ("Please mention case #00123456.", [Reference("case", "00123456")]),
    ("I've opened ticket INC-20931 for you.", [Reference("ticket", "INC-20931")]),
    ("Your confirmation code: ABX-77Q.", [Reference("confirmation", "ABX-77Q")]),
    ("Please quote claim no. 4411-22 when you call.", [Reference("claim", "4411-22")]),
    ("Your booking reference is QX7K2P.", [Reference("booking", "QX7K2P")]),
    ("Dispute case 5567890 was opened.", [Reference("case", "5567890")]),
    # a postal tracking number written in groups, letters at both ends
    ("Your tracking number is FQ 1234 5678 9GB.", [Reference("tracking", "FQ 1234 5678 9GB")]),
    ("Tracking ref: CE 118 442 907 IE, posted today.", [Reference("tracking", "CE 118 442 907 IE")]),
    ("Your claim number is CLM 2025 004471.", [Reference("claim", "CLM 2025 004471")]),
    ("Your own service request is SR 7715503.", [Reference("ticket", "7715503")]),  # "SR" is the label
    # a relative clause with a contraction, and a word, between the label and the value
    ("The complaint number I've just raised is C-0071129.", [Reference("case", "C-0071129")]),
    ("Your incident report number is IR-2025-0771.", [Reference("incident", "IR-2025-0771")]),
    ("Your claim intimation reference is CL/2025/771903.", [Reference("claim", "CL/2025/771903")]),
    ("Please reference order ORD-88213 in emails.", [Reference("order", "ORD-88213")]),
    ("Your reference number is REF.2025.0042. Thanks!", [Reference("reference", "REF.2025.0042")]),
    ("My order ID is 4410-8812-9931 and ticket 99812.", [Reference("order", "4410-8812-9931"), Reference("ticket", "99812")]),
    ("Your complaint reference is CMP-7781-UK.", [Reference("case", "CMP-7781-UK")]),
    ("Track it with tracking ID JD014600006251234567.", [Reference("tracking", "JD014600006251234567")]),
    ("Your file number is 2025/CR/0091.", [Reference("file", "2025/CR/0091")]),
    ("Incident INC0012345 was logged.", [Reference("incident", "INC0012345")]),
    (
        "Your case number is 00123456; call 1-800-555-0199 about the $40.00 charge on 03/04/2025 at 10:44.",
        [Reference("case", "00123456")],
    ),
    ("Your ticket number is 7782231, or call (555) 123-4567.", [Reference("ticket", "7782231")]),
    # an aside between the label and the value
    ("Your claim reference, as I mentioned, is CL-2025-7781.", [Reference("claim", "CL-2025-7781")]),
    ("Here is your confirmation number \u2014 88213907.", [Reference("confirmation", "88213907")]),
    # a specific label before the aside wins over the generic word inside it
    ("Your complaint number, for future reference, is 20931.", [Reference("case", "20931")]),
    # seven digits right after a label are the reference; the phone number has no label
    ("Your ticket is 556-2231 and our number is 555-0142.", [Reference("ticket", "556-2231")]),
    # no label word: the value's own prefix names it
    ("Please quote INC-4471029 if the fault comes back.", [Reference("incident", "INC-4471029")]),
    ("Quote claim 4411-22 when you call +44 20 7946 0958.", [Reference("claim", "4411-22")]),
    # "in case" is no label; a number shaped like a date that cannot be one is a number
    ("Keep this reference in case you need it: MRD/11/7720.", [Reference("reference", "MRD/11/7720")]),
    ("Your booking confirmation number is 4471-88-202.", [Reference("booking", "4471-88-202")]),
    # a list under one label; a long number in groups that ends in a short one
    (
        "Order 300-8812044-1177310 was split in two, tracking numbers 1Z4X88A00391 and 1Z4X88A00402.",
        [Reference("order", "300-8812044-1177310"), Reference("tracking", "1Z4X88A00391"),
         Reference("tracking", "1Z4X88A00402")],
    ),
    ("Tracking number: 9405 5036 9930 0412 8811 92.", [Reference("tracking", "9405 5036 9930 0412 8811 92")]),
    # a document's or a request's own number is a reference; a specific label before it still wins
    ("The engineer's job ref is EN-550912.", [Reference("reference", "EN-550912")]),
    ("Your receipt no. is SH/4471/22.", [Reference("reference", "SH/4471/22")]),
    ("Invoice # 2024-77-1045 covers both months.", [Reference("reference", "2024-77-1045")]),
    ("The application ID for your transfer is AP88120734.", [Reference("reference", "AP88120734")]),
    ("Your order invoice number is 55120-A.", [Reference("order", "55120-A")]),
    # an airline ticket number: carrier code then ten digits; a courier's number in short mixed groups
    ("Your e-ticket number is 125 4471203398.", [Reference("ticket", "125 4471203398")]),
    ("Tracking: 1Z 88R 4W1 77 0032 1195, out for delivery.", [Reference("tracking", "1Z 88R 4W1 77 0032 1195")]),
]


@pytest.mark.parametrize("text,expected", REFERENCES, ids=[r[0][:40] for r in REFERENCES])
def test_references(text, expected):
    assert find_references(text) == expected


@pytest.mark.parametrize("text", [
    "Call us at 1-800-555-0199 or (555) 123-4567, or +44 20 7946 0958 from abroad.",
    "The charge on your card ending in 4321 was $1,250.00.",
    "Your account number ending 9981 is up to date.",
    "The payment posted on 03/04/2025 at 10:44 for $45.00.",
    "In order to help, I need a case number.",
    "Your confirmation email is on its way.",
    "Dispute case 2025-03-02 is a date, not a number.",
    "Your booking is for 2 passengers.",
    "Our phone number is 555-0142 and we open at 9.",
    "Please call our claims line on 555-0142.",
    "Just in case, our number is 555-0142.",
    "Your statement dated 2025-04-11 is ready.",
    "I've logged a dispute on the R2,350.00 debit order.",  # the tail of a sum after its thousands comma
    # the new label words with what is no reference after them
    "Your receipt for the card ending 4321 is in your inbox.",
    "Call the job line on 0800 123 4567.",
    "Your invoice total is 1,250.00, due 03/04/2025.",
    "Your application was approved on 2025-03-02.",
    "The invoice covers 4500 points.",
    "Your receipt: flight 2490 on 4 May.",
])
def test_not_references(text):
    assert find_references(text) == []


# --------------------------------------------------------------------------
# The labelled set: same scoring as `make bench`, with floors

# measured figures minus 0.03, rounded down (bench/promises_eval.py prints them)
FLOORS = {
    # blind-10 joined dev after its error classes were tuned against, in new wording (64a4f83..1e159c9)
    "all": dict(
        promise_precision=0.91, promise_recall=0.90, promise_precision_any_kind=0.94, promise_recall_any_kind=0.93,
        kind_accuracy=0.94, amount_accuracy=0.95, due_by_accuracy=0.94, reference_precision=0.96,
        reference_recall=0.95, reference_value_precision=0.96, reference_value_recall=0.95,
    ),
    "dev": dict(
        promise_precision=0.91, promise_recall=0.90, promise_precision_any_kind=0.94, promise_recall_any_kind=0.93,
        kind_accuracy=0.94, amount_accuracy=0.95, due_by_accuracy=0.94, reference_precision=0.96,
        reference_recall=0.95, reference_value_precision=0.96, reference_value_recall=0.95,
    ),
    "holdout": dict(
        promise_precision=0.95, promise_recall=0.95, promise_precision_any_kind=0.97, promise_recall_any_kind=0.97,
        kind_accuracy=0.95, amount_accuracy=0.97, due_by_accuracy=0.97, reference_precision=0.97,
        reference_recall=0.97, reference_value_precision=0.97, reference_value_recall=0.97,
    ),
    # written blind from the issue's definitions, measured once on the frozen rules (1e159c9):
    # P 0.883 / R 0.840, any-kind 0.953 / 0.907, kind 0.926, amount 0.833, due 0.877, refs 0.985 / 0.899
    "blind11": dict(
        promise_precision=0.85, promise_recall=0.81, promise_precision_any_kind=0.92, promise_recall_any_kind=0.87,
        kind_accuracy=0.89, amount_accuracy=0.80, due_by_accuracy=0.84, reference_precision=0.95,
        reference_recall=0.86, reference_value_precision=0.96, reference_value_recall=0.87,
    ),
}


def test_labelled_set_floors():
    tallies = _bench_tallies()
    failures = []
    for split, floors in FLOORS.items():
        metrics = tallies[split].metrics()
        failures += [f"{split} {name} {metrics[name]:.3f} < {floor}" for name, floor in floors.items()
                     if metrics[name] < floor]
    assert not failures, "\n" + "\n".join(failures)


# --------------------------------------------------------------------------
# Hostile input: time linear in the text
#
# A page's messages reach these functions during import and live capture, so a pattern that backtracks
# can hang an import. Each input below is large enough that the code before the fix took minutes on it
# (timed at a smaller size and extrapolated: quadratic or cubic), and takes well under a second now.
# There is no timer here: a regression shows as a hung CI run, not as a failed assertion. Each also
# checks what is found, so a fix that gives up on the input fails.

CALL_TOMORROW = one("callback", "I'll call you tomorrow.", due_text="tomorrow", due_by="2025-03-05")


def test_hostile_your_now_instead_of():
    """ "your ... now ... instead of" was one pattern with a start per "your" and "now": cubic where "of" is missing.

    Before the fix: 34 s at 9,000 characters, so about 9 minutes on these 22,500. A hang here is a regression.
    """
    text = "your now " * 2500 + "instead. I'll call you tomorrow."
    assert find_promises(text, "agent", TUE) == CALL_TOMORROW
    # and where "of" is there, the pattern still reads: "your payment now comes out on the 15th instead of the 1st"
    text = "your now " * 2500 + "instead of the 1st"
    assert find_promises(text, "agent") == one("account_change", text)


@pytest.mark.parametrize("separator", [",", ".", "\u00a0", "'", ""], ids=["comma", "dot", "nbsp", "apostrophe", "none"])
def test_hostile_run_of_digits_and_separators(separator):
    """A sum written before its currency word was tried from every digit of "1,1,1,...": quadratic.

    Before the fix: 3 to 5 s at 10,000 characters, so 3 to 5 minutes on these 80,000. A hang here is a regression.
    """
    assert find_amount(("1" + separator) * 40000 + " and $5") == (5.0, "USD")


def test_hostile_recurring_sum():
    """ "$10 a month" (a plan, not a credit) was looked for from every digit of "1,1,1,...": quadratic.

    Before the fix: 1.2 s at 10,000 characters, so about 3 minutes on these 120,000. A hang here is a regression.
    """
    text = "I've added a $5 credit to your account " + "1," * 60000 + "1."
    assert find_promises(text, "agent") == one("credit", text, 5.0, "USD")


def test_hostile_many_sentence_ends():
    """The word before each period was found by a pattern searched over all the text before it: quadratic.

    Before the fix: 2.6 s at 20,000 characters, so about 4 minutes on these 200,000. A hang here is a regression.
    """
    assert split_sentences("Ab. " * 50000) == [(4 * k, 4 * k + 3) for k in range(50000)]


def test_hostile_word_of_letters_and_periods():
    """ "a.a.a....": the same search, itself quadratic on one run of letters and periods.

    Before the fix: 0.8 s at 10,000 characters, so about 5 minutes on these 200,000. A hang here is a regression.
    """
    assert split_sentences("a." * 100000 + "1. X") == [(0, 200002), (200003, 200004)]


def test_hostile_run_of_periods():
    """A run of periods with no space after it was tried as a sentence end from each of its periods: quadratic.

    Before the fix: 0.4 s at 5,000 periods, so about 2.5 minutes on these 100,000. A hang here is a regression.
    """
    text = "Wait" + "." * 100000 + "ok. Thanks"
    assert split_sentences(text) == [(0, 100007), (100008, 100014)]


def test_hostile_run_of_spaces_after_a_label():
    """Between a label and its value, every split of a run of spaces between two patterns was tried: quadratic.

    Before the fix: 0.3 s at 5,000 spaces, so about 4 minutes on these 150,000. A hang here is a regression.
    """
    assert find_references("ref" + " " * 150000 + "12345") == [Reference("reference", "12345")]


def test_hostile_many_labels_before_one_value():
    """Each of "case number case number ... 1234"'s labels read on to the one value at the end: quadratic.

    Before the fix: 0.6 s at 15,000 characters, so about 2.5 minutes on these 240,000. A hang here is a regression.
    """
    assert find_references("case number " * 20000 + "1234") == [Reference("case", "1234")]


def test_hostile_many_values():
    """Each value looked back over all the text before it for a digit, and each prefixed value ("INC-...")
    was checked against every labelled one: both quadratic.

    Before the fix: 5.3 s at 100,000 characters, so about 2 minutes on these 500,000. A hang here is a regression.
    """
    assert find_references("case 1234567 INC-1234567 " * 20000) == [
        Reference("case", "1234567"), Reference("incident", "INC-1234567")]


def test_hostile_many_due_expressions():
    """Each due expression looked back over all the text before it for "for the next", and was checked
    against every one found before it: both quadratic.

    Before the fix: 2.6 s at 56,000 characters, so about 2.5 minutes on these 420,000. A hang here is a regression.
    """
    assert find_due("within 3 days " * 30000, None) == ("within 3 days", None)


def test_hostile_clause_of_many_verbs():
    """Each verb walked back over the whole clause to find its subject: quadratic in a clause without breaks.

    Before the fix: 2 s at 30,000 characters, so about 2 minutes on these 240,000. A hang here is a regression.
    The 40,000 words before "will be processed" are no one thing, so no promise; the next sentence is one.
    """
    text = "your refund " * 20000 + "will be processed. I'll call you tomorrow."
    assert find_promises(text, "agent", TUE) == CALL_TOMORROW


def test_hostile_many_relative_clauses():
    """Each "that" before a verb looked at every word after it for the verb of its relative clause: quadratic.

    Before the fix: 2.6 s at 65,000 characters, so about 3 minutes on these 520,000. A hang here is a regression.
    """
    text = "the fee that " * 40000 + "will be refunded."
    assert find_promises(text + " I'll call you tomorrow.", "agent", TUE) == one("refund", text) + CALL_TOMORROW


def test_hostile_many_commas():
    """Whether a comma opens a new act asked the clause from its start whether it held an auxiliary: quadratic.

    Before the fix: 2.9 s at 100,000 characters, so about 35 s on these 340,000. A hang here is a regression.
    Each act after a comma is its own promise; the same fee said waived again and again is one.
    """
    found = find_promises("I've waived the $5 fee" + ", moved your date" * 20000, "agent", TUE)
    assert len(found) == 20001 and {p.kind for p in found[1:]} == {"account_change"}
    text = "I've waived the $5 fee" + ", the $5 fee has been waived" * 10000
    assert find_promises(text, "agent", TUE) == one("fee_waiver", text, 5.0, "USD")


@pytest.mark.parametrize("nested", [
    "I've placed an " + "order for an " * 2000 + "new card.",
    "I've sent a " + "request to refund a " * 1200 + "fee.",
    "I've added " + "$5 of " * 3000 + "credit.",
], ids=["order for", "request to", "of"])
def test_hostile_nesting(nested):
    """A phrase inside a phrase was read by recursion with no limit: 2,000 levels raised RecursionError.

    Not a question of time: the old code failed at once. Whatever the nesting leaves of the first
    sentence, it is at most one promise, and the next sentence still gives its own.
    """
    found = find_promises(nested + " I'll call you tomorrow.", "agent", TUE)
    assert len(found) <= 2 and found[-1:] == CALL_TOMORROW


def test_a_bare_negation_is_one_word():
    """A bare "n't" was split into "" and "n't", and the empty word raised IndexError (found by fuzzing)."""
    assert find_promises("n't resend unblocking. I'll call you tomorrow.", "agent", TUE) == CALL_TOMORROW


# --------------------------------------------------------------------------
# Any text at all

WORDS = [
    "I've", "we'll", "you'll", "will", "has been", "waived", "refund", "credit", "$40", "\u20ac9,99",
    "within", "1-2", "billing cycles", "business days", "by Friday", "tomorrow", "case", "#", "no.",
    "ticket", "INC-20931", "claim", "4411-22", "if", "not", "?", ".", ";", ",", "and", "the", "your",
    "a.m.", "Mr.", "1-800-555-0199", "99999999999 days", "within 99999 business days", "on February 30",
    "by the 31st", "\n", "it", "should", "arrive", "the 0th",
]
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
sent_ats = st.none() | st.datetimes(
    min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31), timezones=offsets
)
texts = st.text() | st.lists(st.sampled_from(WORDS) | st.text(max_size=8), max_size=30).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=texts, role=st.sampled_from(["agent", "bot", "customer", "system"]), sent_at=sent_ats)
def test_any_text_gives_well_formed_results(text, role, sent_at):
    for p in find_promises(text, role, sent_at):
        assert isinstance(p, Promise) and p.kind in KINDS
        assert p.text and p.text in text
        assert p.amount is None or (isinstance(p.amount, float) and math.isfinite(p.amount))
        assert (p.amount is None) == (p.currency is None)
        assert p.currency is None or re.fullmatch(r"[A-Z]{3}", p.currency)
        assert p.due_text is None or p.due_text in text.replace("\u2019", "'")
        assert p.due_by is None or (ISO_DATE.fullmatch(p.due_by) and p.due_text)
        if sent_at is None:
            assert p.due_by is None
    for r in find_references(text):
        assert isinstance(r, Reference) and r.label in REFERENCE_LABELS
        assert r.value and r.value in text
