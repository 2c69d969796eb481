"""Promises and reference numbers in customer-service chat messages.

`find_promises` finds the commitments the company's side made in a message
("I've waived the $40 late fee; you'll see the credit within 1-2 billing
cycles"), with the money, the due text and the latest date it implies.
`find_references` finds reference, case, ticket and similar numbers said by
anyone. Both are pure functions of their arguments: no I/O, no clock. Their
time is linear in the text: a page's messages are untrusted, and a pattern that
backtracks could hang an import (tests/test_promises.py, "Hostile input").

Why rules, not a model: a receipt must be explainable by the words that
triggered it, and there is no corpus of labelled chats to learn from. The
rules are a small grammar (commitments.py) over a vocabulary of verb and noun
classes (lexicon.py), read after text-speak is restored (casual.py); accuracy on
unseen wording: bench/promises_eval.py.
"""

from .commitments import find_promises
from .dates import find_due
from .money import find_amount
from .records import COMPANY_ROLES, KINDS, REFERENCE_LABELS, Promise, Reference
from .references import find_references
from .sentences import split_sentences

__all__ = [
    "COMPANY_ROLES", "KINDS", "REFERENCE_LABELS", "Promise", "Reference", "find_amount", "find_due",
    "find_promises", "find_references", "split_sentences",
]
