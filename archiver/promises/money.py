"""Sums of money in chat text: "$40", "\u20ac9,99", "Rs. 1,499", "R2,350.00", "forty dollars".

The decimal separator is guessed per number (a comma before two final digits
is decimal), since one chat can mix "$1,250.00" with "\u20ac9,99". A capital R
is rand only before a short or separated number, so "R20451" stays a reference.
"""

from __future__ import annotations

import math
import re

#: the currency signs written before a number; every module that asks "is this money?" uses this one set
MONEY_SIGNS = frozenset("$\u00a3\u20ac\u20b9\u00a5")
#: the same signs as a regular-expression character class
MONEY_SIGN_CLASS = "[" + re.escape("".join(sorted(MONEY_SIGNS))) + "]"
#: number words below twenty, for sums ("forty-five dollars") and spans ("within three days")
SMALL_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen".split())}

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
_NUMBER_REST = r"(?:[\d,.\u00a0\u202f']*\d)?"  # after a number's first digit
_NUMBER = r"\d" + _NUMBER_REST
# A number followed by its currency word starts only where a run of digits and separators starts: from inside
# "1,1,1,..." each start would scan to the run's end, quadratic in a hostile page's text. A start inside a run
# matches only where the run's own start matches first, so no result changes; a number after up to three
# separators with no digit before them ("'50 dollars'", "so...50 dollars") still starts there, after four not.
# (Checked after the first digit, so that most places fail at the digit.)
_SEPARATOR = r"[,.\u00a0\u202f']"
_RUN_START = r"\d(?<!\d\d)(?<!\d{s}\d)(?<!\d{s}{{2}}\d)(?<!\d{s}{{3}}\d)(?<!{s}{{4}}\d)".format(s=_SEPARATOR)
_MONEY = re.compile(
    # South African rand: "R95", "R1,200", "R2,350.00"; not "R20451" (a reference) nor "R2D2"
    r"(?<![\w$])(?-i:R)\s?(?P<rand>\d{1,3}(?:[,\u00a0 ]\d{3})+(?:[.,]\d{2})?|\d{1,4}(?:\.\d{2})?)(?![\w/-]|[.,]\d)"
    r"|(?<![\w$])(?P<pre>US\$|U\.S\.\$|CAD?\$|AUD?\$|AU\$|A\$|C\$|NZ\$|HK\$|S\$|" + MONEY_SIGN_CLASS + r"|Rs\.?|"
    + _ISO + r")\s?(?P<num>" + _NUMBER + r")"
    r"|(?P<num2>" + _RUN_START + _NUMBER_REST + r")\s?"
    r"(?P<suf>\u20ac|\u00a3|" + _ISO + r"|dollars?|bucks|pounds?|euros?|rupees?|yen)(?![A-Za-z])",
    re.I,
)
_TENS = dict(twenty=20, thirty=30, forty=40, fifty=50, sixty=60, seventy=70, eighty=80, ninety=90)
_WORD_MONEY = re.compile(
    r"\b(?P<words>(?:(?:a|one|two|three|four|five|six|seven|eight|nine)\s+hundred(?:\s+and)?\s+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
    r"one|two|three|four|five|six|seven|eight|nine)?)\s*(?P<suf>dollars?|pounds?|euros?|rupees?|yen)\b",
    re.I,
)


# cheap checks that rule out most text before the full patterns run
_MONEY_HINT = re.compile(r"\d")
_WORD_MONEY_HINT = re.compile(r"dollar|pound|euro|rupee|yen|buck", re.I)
_WORD_SPLIT = re.compile(r"[\s-]+")
_SPACES = re.compile(r"[\s\u00a0\u202f']")
_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
# "$400 CAD": a bare dollar sign names its dollar by the code written after the sum
_DOLLAR_CODE = re.compile(r"\s?(?P<code>USD|CAD|AUD|NZD|SGD|HKD|MXN)(?![A-Za-z])", re.I)
_THOUSANDS_DOT = re.compile(r"\d{1,3}\.\d{3}")


def find_amount(text: str) -> tuple[float | None, str | None]:
    """The first sum of money in `text` as (amount, ISO currency), or (None, None)."""
    m = _MONEY.search(text) if _MONEY_HINT.search(text) else None
    w = None
    if _WORD_MONEY_HINT.search(text):
        w = next((w for w in _WORD_MONEY.finditer(text) if w.group("words").strip()), None)
    if w and (not m or w.start() < m.start()):
        return float(_words_value(w.group("words"))), _SUFFIX[w.group("suf").lower()]
    if not m:
        return None, None
    if m.group("rand"):
        value = _parse_number(m.group("rand"), "ZAR")
        return (value, "ZAR") if value is not None else (None, None)
    if m.group("pre"):
        symbol, number = m.group("pre"), m.group("num")
        currency = _PREFIX.get(symbol.lower()) or symbol.upper()
        code = _DOLLAR_CODE.match(text, m.end()) if symbol == "$" else None
        if code:
            currency = code.group("code").upper()
    else:
        symbol, number = m.group("suf"), m.group("num2")
        currency = _SUFFIX.get(symbol.lower()) or symbol.upper()
    value = _parse_number(number, currency)
    return (value, currency) if value is not None else (None, None)


def _words_value(words: str) -> int:
    total = 0
    for part in _WORD_SPLIT.split(words.lower()):
        if part == "hundred":
            total = max(total, 1) * 100
        elif part in _TENS:
            total += _TENS[part]
        elif part in SMALL_NUMBERS:
            total += SMALL_NUMBERS[part]
        elif part == "a":
            total += 1
    return total


def _parse_number(number: str, currency: str) -> float | None:
    """'1,250.00' -> 1250.0, '9,99' -> 9.99, '1.250,00' -> 1250.0, '1,25,000' -> 125000.0."""
    s = _SPACES.sub("", number)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        s = s.replace("." if decimal == "," else ",", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", ".") if _DECIMAL_COMMA.fullmatch(s) else s.replace(",", "")
    elif s.count(".") > 1 or (_THOUSANDS_DOT.fullmatch(s) and currency in ("EUR", "JPY")):
        s = s.replace(".", "")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


