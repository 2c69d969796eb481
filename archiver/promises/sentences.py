"""Sentences and clauses of a chat message.

Periods after abbreviations, initials, "a.m." before a time zone and "No." before
a number do not end a sentence; clauses split at ";", dashes, conjunctions, a
comma before a new subject and its verb, and after a leading reason ("As ..., ").
"""

from __future__ import annotations

import re

from .casual import Token
from .money import MONEY_SIGN_CLASS, MONEY_SIGNS

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof inc ltd co corp vs etc e.g i.e eg ie approx dept acct u.s u.k u.s.a".split()
)
#: abbreviations only when a number follows ("no. 4411", "Apr. 15", "Rs. 500")
_BEFORE_NUMBER = frozenset("no nos nr ext ref tel rs jan feb mar apr jun jul aug sep sept oct nov dec".split())
_ZONE_WORDS = re.compile(r"(?:(?i:eastern|central|mountain|pacific)|[ECMP][SD]?T|GMT|BST|UTC|CET|IST|AEST)\b")
# a run of marks is tried from its first mark only (no mark before it): tried from each, "....." is quadratic
# on a hostile page, and a start inside a run matches only where the run's first mark does
_BOUNDARY = re.compile(r"([.!?](?<![.!?]{2})[.!?]*)([\"'\u201d\u2019)\]]*)(\s+)|\n\s*|"
                       # a bot's status mark ends its line as a full stop would: "has been logged \u2705 Our team will ..."
                       r"(?P<emoji>[\u2600-\u27bf\U0001f300-\U0001faff]\ufe0f?)[ \t]+(?=[A-Z])")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.")
_FIRST_LETTER = re.compile(r"[A-Za-z]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans (start, end) of the sentences in `text`, whitespace trimmed."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group("emoji"):
            if not text[start:m.start()].strip():
                continue  # an emoji that opens a line belongs to it: "\u2708\ufe0f Your trip has been rebooked!"
            spans.append((start, m.start() + len(m.group("emoji"))))
            start = m.end()
        elif "\n" in m.group(0) or _ends_sentence(text, m):
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
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'\u201c\u2018(" or nxt in MONEY_SIGNS):
        return False  # "the U.S. team", "3 p.m. tonight"
    token = _last_token(text, m.start())
    word = token.lower().rstrip(".")
    if len(token) > 1 and token.isupper() and "." not in token:
        return True  # an acronym ("APR", "EST"), not an abbreviation
    if word in ("a.m", "p.m"):
        return not _ZONE_WORDS.match(text, m.end())
    if word in _BEFORE_NUMBER:
        return not (nxt.isdigit() or nxt == "#")
    if len(word) == 1 and m.start() >= 2 and (text[m.start() - 2] == "-" or text[m.start() - 2].isdigit()):
        return True  # the last letter of a code ("ref 0016612-R."), not an initial
    return not (word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def _last_token(text: str, end: int) -> str:
    """The word of letters and periods that ends at `end` ("e.g", "Mr", "APR"), from its first letter; or "".

    Read backwards from `end`: a pattern searched over the text before each boundary is quadratic on a hostile
    page ("a.a.a.…"). No such word holds a space and every boundary does, so each character is read once.
    """
    start = end
    while start > 0 and text[start - 1] in _WORD_CHARS:
        start -= 1
    letter = _FIRST_LETTER.search(text, start, end)
    return text[letter.start():end] if letter else ""




# --------------------------------------------------------------------------
# Words and clauses

#: words ("won't" and "isn't" are split after), contractions ("'ve", "'ll"), numbers and marks
_TOKEN = re.compile(
    r"[A-Za-z]+(?:-[A-Za-z]+)*(?:'[tT]\b)?|'(?:ll|ve|re|m|d|s)\b"
    r"|" + MONEY_SIGN_CLASS + r"?\d(?:[\d,.:/-]*\d)?|[^\w\s]"
)


def tokenize(text: str) -> list[Token]:
    """(word in lower case, start, end, capitalised) of each token of `text`; apostrophes must be straight."""
    lower = text.lower()
    out = []
    for m in _TOKEN.finditer(text):
        a, b = m.span()
        word = lower[a:b]
        if word.endswith("n't") and b - a > 3:  # a bare "n't" stays one word: split, it would leave an empty one
            out.append((word[:-3], a, b - 3, text[a].isupper()))
            out.append(("n't", b - 3, b, False))
        else:
            out.append((word, a, b, text[a].isupper()))
    return out


_CONJUNCTIONS = frozenset("and but so plus though although however while whereas".split())
_HARD_BREAKS = frozenset(";:\u2014\u2013-")
_SUBJECT_STARTS = frozenset(
    "i we you it they he she the your our a an this that these those someone somebody one any all both my their".split()
)
_AUX_STARTS = frozenset("will 'll should shall also then is are was were has have".split())
#: a clause that opens with one of these leans on the clause after it; one that holds a condition scopes over it
_SUBORDINATORS = frozenset(
    "if unless once when whenever after before until as because since assuming supposing provided providing should "
    "though although while".split())
_BECAUSE = frozenset({"as", "since", "because", "given"})
_CONDITIONS = frozenset("if unless once when whenever until assuming supposing provided providing".split())
_PRONOUN_SUBJECTS = frozenset("i we you it they he she".split())
#: what follows a subject pronoun in a clause of its own: "..., you won't see it", "..., it'll land by Friday"
_CLAUSE_AUX = frozenset("will 'll wo ca should shall can 've have has 's 're 'm are is was were 'd would may might".split())


#: what opens the object of the next act in a series: "..., moved your due date", "..., sent you a copy"
_SERIES_OBJECTS = frozenset("the your a an you this that it them".split())
#: what opens a noun phrase that may be the subject of a clause spliced on with a comma
_NP_SUBJECT_STARTS = frozenset("the your this that".split())
#: how many words a spliced subject holds before its verb: "the $60 date-change fee" is three to five tokens
_SPLICE_SUBJECT = 6


def _np_then_passive(tokens: list[Token], k: int, verb_forms) -> bool:
    """Whether a short noun phrase from token k is followed by "has/have been" or "is/are/was/were" and a participle."""
    for j in range(k, min(len(tokens) - 1, k + _SPLICE_SUBJECT)):
        w = tokens[j][0]
        if not (w[:1].isalnum() or w[:1] in MONEY_SIGNS or w in ("-", "'s")):
            return False  # a mark: an aside ("the one, ...") or the end
        if w in ("has", "have") and tokens[j + 1][0] == "been":
            j += 1
            w = "is"
        if w in ("is", "are", "was", "were", "been") and j + 1 < len(tokens):
            return verb_forms.get(tokens[j + 1][0], (None, ""))[1] in ("pp", "pastpp", "any")
    return False


def split_clauses(tokens: list[Token], verb_forms) -> list[tuple[int, int, bool]]:
    """(first token, end token, soft) of each clause; `soft` when it was split off by a conjunction.

    A clause breaks at ";", ":" and dashes; at a comma before a conjunction or
    "who/which will"; and at "and"/"but" before a new subject or a verb form in
    `verb_forms` ("and ordered a replacement").
    """
    out, start, soft = [], 0, False
    n = len(tokens)
    i = 0
    # whether the clause so far holds an auxiliary or a condition word: kept as the words are read, since asking
    # at each comma from the clause's start is quadratic in a hostile clause of thousands of commas
    has_aux = has_condition = False
    while i < n:
        w = tokens[i][0]
        nxt = tokens[i + 1][0] if i + 1 < n else ""
        cut = None  # (end of this clause, start of the next, soft)
        series = False
        if w == "," and tokens[start][0] in _BECAUSE and i > start + 2 and (start + 1 >= n or tokens[start + 1][0] not in (
                "soon", "long", "per", "requested", "discussed", "agreed", "mentioned", "a", "an")):
            cut = (i, i + 1, False)  # "As the ATM did not dispense cash, Rs. 15,000 shall be credited": the reason is no scope
        elif w in _HARD_BREAKS and (w not in "-\u2013" or (i and tokens[i - 1][2] < tokens[i][1]
                                                        and (i + 1 >= n or tokens[i][2] < tokens[i + 1][1]))):
            cut = (i, i + 1, False)
        elif w == "," and nxt in _CONJUNCTIONS:
            cut = (i, i + 2, True)
        elif w == "," and nxt in _PRONOUN_SUBJECTS and i + 2 < n and tokens[i + 2][0] in _CLAUSE_AUX and (
                tokens[start][0] not in _SUBORDINATORS and not has_condition):
            cut = (i, i + 1, True)  # a comma splice: "I've waived the fee, you won't see it"; not "once you ..., we'll"
        elif w == "," and has_aux and verb_forms.get(nxt, (None, ""))[1] in ("past", "pastpp") and i + 2 < n and (
                tokens[i + 2][0] in _SERIES_OBJECTS):
            cut = (i, i + 1, True)  # a series of acts: "I've reversed the fee, moved your due date, and ..."
            series = True  # the next act shares this one's "I've"
        elif w == "," and has_aux and not has_condition and nxt in _NP_SUBJECT_STARTS and i > start + 1 and (
                tokens[start][0] not in _SUBORDINATORS) and _np_then_passive(tokens, i + 2, verb_forms):
            # a clause of its own before the comma (an auxiliary), not a lead-in: "Looking at the account, the fee was"
            cut = (i, i + 1, True)  # a recap's comma splice: "your dates have been changed, the $60 fee has been waived"
        elif w in ("who", "which") and i > start and nxt in ("will", "'ll", "should"):
            cut = (i - 1 if tokens[i - 1][0] == "," else i, i, True)  # "... to billing, who will call you"
        elif w == "so" and i > start and nxt in _SUBJECT_STARTS and tokens[i - 1][0] != "and":
            cut = (i, i + 1, True)  # "I've linked your savings so it won't happen again": its own scope
        elif w in ("and", "but", "&") and i > start and tokens[i - 1][0] != "ahead" and (
            nxt in _SUBJECT_STARTS or nxt in _AUX_STARTS
            or (nxt in verb_forms and not (i + 2 < n and (tokens[i + 2][0][0].isdigit() or tokens[i + 2][0] == "#"))
                # a past form before a count is still a verb: "and added 2,000 bonus points"; "and credit 4411" a noun
                or verb_forms.get(nxt, (None, ""))[1] in ("past", "pastpp"))
            or (nxt[:1] in MONEY_SIGNS and i + 2 < n and tokens[i + 2][0] in _AUX_STARTS)  # "and $20 will be credited"
        ):
            cut = (i, i + 1, True)
        if cut:
            if cut[0] > start:
                out.append((start, cut[0], soft))
            start, soft = cut[1], cut[2]
            i = cut[1]
            has_aux, has_condition = series, False
            continue
        has_aux = has_aux or w in _CLAUSE_AUX
        has_condition = has_condition or w in _CONDITIONS
        i += 1
    if start < n:
        out.append((start, n, soft))
    return out
