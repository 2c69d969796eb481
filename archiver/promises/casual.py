"""Text-speak read as the words it stands for: "u'll" is "you'll", "ive" is "I've", "r reversed" is "are reversed".

Only the token words change; every token keeps the span of what was written, so
a promise's text and due text stay quotes. Ambiguous short forms ("r", "n",
"b", "ill") are read so only where the words around them leave no other reading.
"""

from __future__ import annotations

from operator import itemgetter

Token = tuple[str, int, int, bool]

#: one written word for one standard word
_WORDS = {
    "u": "you", "ya": "you", "ur": "your", "yr": "your", "thru": "through", "shd": "should", "shud": "should",
    "shld": "should", "wil": "will", "bein": "being", "acct": "account", "acc": "account", "txt": "text",
    "msg": "message", "pymt": "payment", "pmt": "payment", "pls": "please", "plz": "please", "tmrw": "tomorrow",
    "tmr": "tomorrow", "tomoz": "tomorrow", "biz": "business", "cos": "because", "coz": "because",
    "cuz": "because", "hv": "have",
}
#: one written word for a word and its clitic ("ive" is "i" + "'ve")
_CONTRACTIONS = {
    "ive": ("i", "'ve"), "im": ("i", "'m"), "itll": ("it", "'ll"), "youll": ("you", "'ll"), "ull": ("you", "'ll"),
    "youve": ("you", "'ve"), "weve": ("we", "'ve"), "theyll": ("they", "'ll"), "theyve": ("they", "'ve"),
    "thats": ("that", "'s"), "theres": ("there", "'s"), "wont": ("wo", "n't"), "cant": ("ca", "n't"),
    "dont": ("do", "n't"), "didnt": ("did", "n't"), "doesnt": ("does", "n't"), "isnt": ("is", "n't"),
    "arent": ("are", "n't"), "wasnt": ("was", "n't"), "werent": ("were", "n't"), "havent": ("have", "n't"),
    "hasnt": ("has", "n't"), "couldnt": ("could", "n't"), "wouldnt": ("would", "n't"),
    "shouldnt": ("should", "n't"),
}
#: text-speak the tokenizer cuts in two: "b4" is "b" + "4", "2day" is "2" + "day"
_SPLIT_WORDS = {("b", "4"): "before", ("2", "day"): "today", ("2", "moro"): "tomorrow", ("2", "morrow"): "tomorrow",
                ("2", "mrw"): "tomorrow", ("2", "nite"): "tonight", ("2", "night"): "tonight"}
_AFTER_ILL = frozenset({"be", "just", "also", "get", "have", "make", "see", "look", "check", "do", "go", "now"})
_MODALS = frozenset({"will", "'ll", "should", "can", "could", "would", "must", "might", "may"})

#: what opens a line whose "I" is dropped before a participle: "have refunded", "hv sent"
_DROPPED_I = frozenset({"have", "hv", "'ve", "ve"})
_TRIGGERS = frozenset(_WORDS) | frozenset(_CONTRACTIONS) | {"r", "n", "b", "ill", "2"}

#: the raw words that say a message may be written this way, for a cheap pre-check
CASUAL_MODALS = frozenset({"ill", "itll", "youll", "ull", "theyll", "shd", "shud", "shld", "wil", "ive", "weve", "im"})


def standard_tokens(tokens: list[Token], text: str, verb_forms) -> list[Token]:
    """`tokens` with text-speak replaced by standard words, spans kept.

    `verb_forms` (word -> verb) decides the ambiguous forms: "ill" is "I'll"
    only before a verb ("ill ring u"), "r" is "are" only before a participle.
    """
    if tokens and tokens[0][0] in _DROPPED_I and len(tokens) > 1 and verb_forms.get(tokens[1][0], (None, ""))[1] in (
            "pp", "pastpp"):
        # "have refunded the fee", "hv sent it": a chat line that drops its "I", read as "I've"
        word, a, b, cap = tokens[0]
        tokens = [("i", a, a + 1, cap), ("'ve", a + 1, b, False)] + tokens[1:]
    if _TRIGGERS.isdisjoint(map(itemgetter(0), tokens)):
        return tokens
    out: list[Token] = []
    n = len(tokens)
    for k, (word, a, b, cap) in enumerate(tokens):
        nxt = tokens[k + 1][0] if k + 1 < n else ""
        if word in _CONTRACTIONS or (word == "ill" and (nxt in verb_forms or nxt in _AFTER_ILL) and not (
                out and out[-1][0] in ("been", "be", "is", "was", "are", "feel", "felt", "very", "so", "fallen"))):
            first, clitic = _CONTRACTIONS.get(word, ("i", "'ll"))
            cut = a + len(first) if word != "ill" else a + 1
            out.append((first, a, cut, cap))
            out.append((clitic, cut, b, False))
            continue
        if out and out[-1][2] == a and (out[-1][0], word) in _SPLIT_WORDS:
            out[-1] = (_SPLIT_WORDS[(out[-1][0], word)], out[-1][1], b, out[-1][3])  # "b4", "2day", "2moro"
            continue
        if word in _WORDS and not (b - a > 1 and text[a:b].isupper()):  # "ACC" is a name, "acc" an account
            word = _WORDS[word]
        elif word == "r" and text[a:b] == "r" and _spaced(tokens, k, text) and verb_forms.get(nxt, (None, ""))[1] in (
                "pp", "pastpp", "any"):
            word = "are"  # "ur charges r reversed"; never the R of "R2,350"
        elif word == "n" and text[a:b] == "n" and _spaced(tokens, k, text) and out:
            word = "and"  # "i went ahead n waived"
        elif word == "b" and text[a:b] == "b" and out and out[-1][0] in _MODALS:
            word = "be"  # "shd b in ur acct"
        out.append((word, a, b, cap))
    return out


def _spaced(tokens: list[Token], k: int, text: str) -> bool:
    """Whether token k stands alone between spaces, a word after it."""
    a, b = tokens[k][1], tokens[k][2]
    return (a == 0 or text[a - 1] == " ") and text[b:b + 1] == " " and k + 1 < len(tokens) and tokens[k + 1][0][
        :1].isalpha()
