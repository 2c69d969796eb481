"""The closed sets and the result types of archiver.promises.

Kinds and labels are closed so a store column can be a facet; the dataclasses
are frozen so results compare and hash like values.
"""

from __future__ import annotations

from dataclasses import dataclass

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
