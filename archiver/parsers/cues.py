"""What chat markup says without a family's hooks: words in class names, labels.

The generic parser's vocabulary and text predicates, kept apart so they can be
read (and argued with) on their own. Class names, ids and data-testid values
are split into lower-case words ("msg--in" -> msg, in; "chatMessage" -> chat,
message; hashed names like "sc-kpOJdX hWqRcz" give none) and matched as words.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from bs4 import Tag

from ..times import find_clock, parse_datetime, parse_day

# -- words in class names ------------------------------------------------------------

#: words that put a block on one side of the conversation
ROLE_WORDS: dict[str, frozenset[str]] = {
    "customer": frozenset(
        """customer customers client visitor user guest chasitor consumer enduser me mine self own you your
        local outgoing outbound out sent right end reverse member cust""".split()
    ),
    "agent": frozenset(
        """agent agents operator rep representative advisor adviser staff employee admin specialist human
        expert them theirs other remote incoming inbound in received left start rep""".split()
    ),
    "bot": frozenset("bot chatbot assistant virtual automated auto ai va robot".split()),
    "system": frozenset("system sytem sys event events notice notification announcement note center centered".split()),
}
SIDE_WORDS = frozenset().union(*ROLE_WORDS.values())
#: words that make a whole row a system line, but inside a bubble name its label row ("msg-info")
SYSTEM_ROW_WORDS = frozenset(["info"])
#: words that are states, not shapes (zebra rows, selection, grouping)
STATE_WORDS = frozenset(
    "is has odd even first last alt active selected new unread read hover focus grouped continued consecutive "
    "animated visible show shown open".split()
)
#: words saying "this is a chat"; the strong ones are specific to chats
STRONG_CHAT = frozenset(
    "chat chats webchat livechat transcript conversation conversations convo conv messenger messaging".split()
)
CHAT = STRONG_CHAT | frozenset("message messages msg msgs bubble bubbles bub".split())
#: vocabulary of pages that repeat blocks but are not chats
NOT_CHAT = frozenset(
    """comment comments post posts topic topics forum kudos vote votes upvote likes article articles story
    stories result results product products price cart sku faq faqs question questions answer answers
    accordion inbox mail mailbox email emails subject snippet txn transaction transactions ledger statement
    review reviews rating tweet tweets feed news headline related teaser""".split()
)
#: labels inside a bubble that are not its text
NAME_WORDS = frozenset("name author sender username nickname nick who byline displayname from".split())
#: a small label beside a sender's name saying what they are ("Assistant", "Tidewater Air")
BADGE_WORDS = frozenset("badge badges bdg".split())
TIME_WORDS = frozenset("time timestamp stamp date datetime ts when clock timeago ago age".split())
META_WORDS = frozenset("header head meta metadata info details heading top foot footer sig signature".split())
#: a file chip's parts: its meta row ("PDF · 212 KB") names no sender
FILE_WORDS = frozenset("file files attachment attachments upload".split())
QUICK_WORDS = frozenset("quick chip chips suggestion suggestions suggested replies choices carousel".split())
RECEIPT_WORDS = frozenset("receipt receipts delivery delivered seen status ticks checkmark".split())
AVATAR_WORDS = frozenset("avatar avatars photo initials".split())
TYPING_WORDS = frozenset(["typing"])
#: an emoji reaction under a bubble ("👍 1"): someone's response to it, not its text
REACTION_WORDS = frozenset("reaction reactions react reacts reacted".split())
SKIPPED_LABEL_WORDS = QUICK_WORDS | RECEIPT_WORDS | AVATAR_WORDS | REACTION_WORDS | {"icon", "icons"}
#: message-worded shapes: two of these under one wrapper make it a group
GROUP_ITEM_WORDS = frozenset("bubble bub message msg line entry".split())
#: a bubble (not a group of them): its message-worded children are its paragraphs
BUBBLE_WORDS = frozenset(["bubble"])
GROUP_WORDS = frozenset("group groups stack run cluster thread list".split())

_WORD_SPLIT = re.compile(r"[^A-Za-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HASHED = re.compile(
    r"(?:sc|css|jsx|emotion|svelte|styled)-[A-Za-z0-9_-]{3,}"  # styled-components, emotion, styled-jsx
    r"|(?=[a-z][A-Za-z]{4,6}$)(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z]+"  # styled-components' second class: hWqRcz
    r"|[A-Za-z]*\d[A-Za-z0-9]*[A-Za-z][A-Za-z0-9]*"  # letters and digits mixed: a1b2c3
    r"|_[A-Za-z0-9]{5,}"
)
#: CSS modules append a hash to a readable name: Message_bubble__3xYz1
_MODULE_SUFFIX = re.compile(r"_{1,2}[A-Za-z0-9-]*\d[A-Za-z0-9-]*$")
_HOOK_ATTRS = ("data-testid", "data-test-id", "data-test", "data-qa", "data-role", "data-type", "data-author",
               "data-sender", "data-from", "data-direction", "data-side", "data-party", "data-sender-type",
               "data-speaker", "data-origin")
#: a custom element's own attributes are its API: <x-msg side="end" from="agent">
_CUSTOM_ATTRS = ("side", "from", "author", "sender", "direction", "party", "kind", "type")


def hook_values(tag: Tag, ids: bool = True) -> list[str]:
    """Class names, test hooks (and the id) of `tag`: where widgets name things."""
    attrs = tag.attrs
    custom = "-" in tag.name
    if not attrs and not custom:
        return []
    values: list[str] = []
    if custom:
        # <azc-msg>, <chat-bubble>: the element's name is its class
        values.append(tag.name)
        for name in _CUSTOM_ATTRS:
            v = attrs.get(name)
            if isinstance(v, str) and v:
                values.append(v)
    cls = attrs.get("class")
    if cls:
        values.extend(cls.split() if isinstance(cls, str) else cls)
    if len(attrs) > 1 or cls is None:
        for name in _HOOK_ATTRS:
            v = attrs.get(name)
            if isinstance(v, str) and v:
                values.append(v)
    if ids:
        v = attrs.get("id")
        if isinstance(v, str) and v and not _HASHED.fullmatch(v):
            values.append(v)
    return [v for v in values if len(v) <= 80]


@functools.lru_cache(maxsize=8192)
def split_words(value: str) -> tuple[str, ...]:
    """"msg--in" -> (msg, in); "chatMessage" -> (chat, message); hashes -> ().

    Cached: a page repeats a few hundred class names over its whole length.
    """
    if _HASHED.fullmatch(value):
        return ()
    value = _MODULE_SUFFIX.sub("", value)
    return tuple(w.lower() for w in _WORD_SPLIT.split(_CAMEL.sub(" ", value)) if w)


@functools.lru_cache(maxsize=8192)
def is_hashed(value: str) -> bool:
    """A generated class name (styled-components, emotion, CSS modules)."""
    return bool(_HASHED.fullmatch(value))


# -- where the page's CSS puts a block ---------------------------------------------------

#: declarations that push a block to one side of a chat column: where it places itself (row or column alike)
_SELF_RIGHT = r"(?:align-self|justify-self)\s*:\s*(?:flex-)?end\b|margin-left\s*:\s*auto\b|float\s*:\s*right\b|text-align\s*:\s*right\b"
_SELF_LEFT = r"(?:align-self|justify-self)\s*:\s*(?:flex-)?start\b|margin-right\s*:\s*auto\b|float\s*:\s*left\b"
_TO_RIGHT_SELF = re.compile(_SELF_RIGHT, re.I)
_TO_LEFT_SELF = re.compile(_SELF_LEFT, re.I)
#: ... or, in a row, where its content is pushed
_TO_RIGHT = re.compile(_SELF_RIGHT + r"|justify-content\s*:\s*(?:flex-)?end\b", re.I)
_TO_LEFT = re.compile(_SELF_LEFT + r"|justify-content\s*:\s*(?:flex-)?start\b", re.I)
_COLUMN = re.compile(r"flex-direction\s*:\s*column\b", re.I)
_ITEMS = re.compile(r"align-items\s*:\s*(?:flex-)?(start|end)\b", re.I)
_TO_CENTER = re.compile(r"(?:align-self|justify-self)\s*:\s*center\b|text-align\s*:\s*center\b", re.I)
#: a rule for one bare class: ".r{align-self:flex-end}" (selector lists split on commas)
_CSS_RULE = re.compile(r"([^{}]{1,400})\{([^{}]{0,2000})\}")
_CLASSES_ONLY = re.compile(r"^(?:\.-?[A-Za-z_][\w-]{0,60}){1,3}$")
#: stylesheets read for side classes, at most
_CSS_LIMIT = 200_000


def layout_word(style: str, *, inline: bool = True) -> str | None:
    """The side a block's declarations put it on: "right", "left", "center" (ROLE_WORDS), or None.

    Chat columns put the customer's bubbles on the right and the company's on
    the left; a page that says so only in CSS says it with these declarations.
    An `inline` style is the whole story, so a column's align-items counts; a
    stylesheet rule may be overridden by a modifier's rule, so it does not.
    """
    right, left = bool(_TO_RIGHT.search(style)), bool(_TO_LEFT.search(style))
    if inline and _COLUMN.search(style):
        # a column's align-items is across it; its justify-content is up and down
        items = _ITEMS.search(style)
        right = bool(items and items.group(1) == "end") or bool(_TO_RIGHT_SELF.search(style))
        left = bool(items and items.group(1) == "start") or bool(_TO_LEFT_SELF.search(style))
    if _TO_CENTER.search(style) or (right and left):
        return "center"
    return "right" if right else "left" if left else None


def stylesheet_sides(css: str) -> dict[str, str]:
    """Bare classes the page's own stylesheet puts on one side: {"r": "right", "c": "center"}.

    Only rules whose selector is classes of one element count (".r", ".b.o";
    "`.thread .r`" may be anything). Each class in it takes the side, and a class
    the sheet puts on two sides counts for neither: of ".b.i" and ".b.o", "b" drops out.
    """
    found: dict[str, str] = {}
    clashing: set[str] = set()
    for m in _CSS_RULE.finditer(css[:_CSS_LIMIT]):
        word = layout_word(m.group(2), inline=False)
        if word is None:
            continue
        for selector in m.group(1).split(","):
            selector = selector.strip()
            if not _CLASSES_ONLY.match(selector):
                continue
            for name in selector[1:].split("."):
                if found.get(name, word) != word:
                    clashing.add(name)
                found[name] = word
    return {k: v for k, v in found.items() if k not in clashing}


#: a Tailwind-style alignment utility: "justify-end", "items-start", "self-end", "ml-auto", "md:text-right"
_UTILITY = re.compile(r"^(?:[a-z0-9]+:)?(justify|items|self|text|ml|mr|mx)-(start|end|left|right|center|auto)$")
_UTILITY_SIDE = {"end": "right", "right": "right", "start": "left", "left": "left", "center": "center"}


@functools.lru_cache(maxsize=4096)
def layout_utility(value: str) -> tuple[str, str] | None:
    """("justify", "end") for a utility class that aligns a block, else None."""
    m = _UTILITY.match(value)
    return (m.group(1), m.group(2)) if m else None


def utility_side(values: Iterable[str]) -> str | None:
    """The side Tailwind-style utilities put a block on: "right", "left", "center" or None.

    `justify-*` aligns a row's content across the column, `items-*` a
    column's (flex-col); the other axis is vertical and says nothing.
    """
    found = [u for u in map(layout_utility, values) if u]
    if not found:
        return None
    column = "flex-col" in values
    sides = set()
    for kind, where in found:
        if kind == "justify" and not column or kind == "items" and column or kind in ("self", "text"):
            if kind == "text" and where == "left":
                continue  # text-left is every block's default
            if where in _UTILITY_SIDE:
                sides.add(_UTILITY_SIDE[where])
        elif kind in ("ml", "mr", "mx") and where == "auto":
            sides.add({"ml": "right", "mr": "left", "mx": "center"}[kind])
    return sides.pop() if len(sides) == 1 else None


_CHAT_TITLE_WORDS = frozenset("live online web secure support help customer service with us your".split())


_CHAT_WITH = re.compile(r"^(?:live\s+|web\s+|online\s+|secure\s+)?chat\s+with\s+\S.{0,30}$", re.I)


def chat_title(title: str) -> bool:
    """A title naming a chat: "Chat | BluePeak", "Live chat - Acme", "Chat with Lumen" (not "Live chat FAQ")."""
    head = re.split(r"\s+[|·•–—:-]\s+|\s*[|·•]\s*", clean(title), maxsplit=1)[0]
    words = {w.lower() for w in _WORD_SPLIT.split(head) if w}
    return bool(words & STRONG_CHAT) and (words <= STRONG_CHAT | _CHAT_TITLE_WORDS or bool(_CHAT_WITH.match(head)))


_SIGNED_IN = re.compile(
    r"\b(?:signed|logged)\s+in\s+as\s+(?-i:([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}))", re.I)


def signed_in_name(text: str) -> str:
    """The account holder a page names: "Signed in as Sam Patel · Tide Miles" -> "Sam Patel"."""
    m = _SIGNED_IN.search(text)
    return m.group(1) if m else ""


_REACTED = re.compile(r"\breact(?:ed|ion)\b", re.I)


def reaction_label(tag: Tag) -> bool:
    """An element announced as a reaction: aria-label="Jordan reacted with heart"."""
    aria = tag.get("aria-label")
    return isinstance(aria, str) and bool(_REACTED.search(aria))


def screen_reader_only(words: frozenset[str]) -> bool:
    """Class words of visually hidden text beyond html.VISUALLY_HIDDEN's list."""
    return (
        {"sr", "only"} <= words
        or {"screen", "reader"} <= words
        or {"visually", "hidden"} <= words
        or {"assistive", "text"} <= words
        or "offscreen" in words
    )


def role_of_words(words: Iterable[str]) -> set[str]:
    """Roles whose vocabulary these words touch."""
    ws = set(words)
    return {role for role, vocab in ROLE_WORDS.items() if ws & vocab}


# -- text predicates ---------------------------------------------------------------

_SAID = re.compile(
    r"^\s*(?P<who>[^:]{1,60}?)\s+(?:said|says|wrote|writes|sent|replied|asked)\b"
    r"(?:\s+(?:at|on)\s+(?P<when>.{0,40}?\d.{0,20}?))?\s*(?::(?:\s.*)?)?$",
    re.I | re.S,
)
_FROM = re.compile(
    r"^\s*(?:(?:new\s+)?message\s+)?(?:from|by|sent\s+by)\s+(?P<who>[^,:]{1,60}?)"
    r"(?:\s*(?:,|\bat\b|\bon\b|·|\|)\s*(?P<when>.{0,40}?\d.{0,20}?))?\s*(?:[.:](?:\s.*)?)?$",
    re.I | re.S,
)
#: "Agent message", "Your message", "System message :" (Oracle RightNow, Nuance)
_ROLE_MESSAGE = re.compile(
    r"^\s*(?P<who>your|my|you|agent|adviser|advisor|customer|visitor|operator|bot|assistant|system)(?:'s)?\s+"
    r"(?:message|reply|response)\s*(?:[,·|]\s*(?:at\s+)?(?P<when>[^,]{1,40}?\d.{0,20}?))?\s*:?\s*$",
    re.I,
)
_EVENT = re.compile(
    r"""^\s*(?:
      (?P<who>.{1,60}?)\s+(?:has\s+|have\s+)?(?:joined|left|entered|exited|disconnected|connected|reconnected
          |(?:ended|closed)(?=\s+(?:the\s+|this\s+)?(?:chat|conversation|session)))
          (?:\s+(?:the\s+)?(?:chat|conversation|room|session))?(?:\s+(?:at|on)\s+.{1,40})?
    | (?:the\s+)?(?:(?:chat|conversation)\s+)?(?:chat|conversation|session)\s+(?:has\s+|was\s+)?(?:started|ended|closed|began|expired|timed\s+out|reopened|resumed|transferred
          |(?:marked\s+(?:as\s+)?)?(?:resolved|closed))
          (?:\s*:\s*.{1,60}|\s+(?:by|on|at|due|to|from)\b.{0,60})?
    | (?:chat|conversation)\s+(?:was\s+|has\s+been\s+)?(?:assigned|transferred|routed)\s+to\b.{1,60}
    | you(?:'|’)?re\s+now\s+(?:connected|chatting|talking|speaking)\b.{0,60}
    | you\s+are\s+now\s+(?:connected|chatting|talking|speaking)\b.{0,60}
    | .{1,60}?\s+is\s+now\s+(?:handling|assisting|helping\s+you)\b.{0,40}
    | (?:all\s+)?(?:agents|advisers|advisors|representatives)\s+are\s+(?:busy|currently\s+busy|unavailable)\b.{0,60}
    | waiting\s+for\s+(?:an?\s+)?(?:agent|adviser|advisor|representative)\b.{0,40}
    | connection\s+(?:lost|restored|re-?established)
    | (?:you\s+are|you're)\s+(?:number\s+|\#\s*)?\d+\s+in\s+(?:the\s+)?(?:queue|line)\b.{0,40}
    )\s*[.!…]*\s*$""",
    re.I | re.X,
)
_NOT_SUBJECTS = frozenset("i i've i'm we we've it he she they this that my our".split())


def is_event(text: str) -> bool:
    """A system line: "Jessica joined the chat", "Chat ended", "You're now chatting with Marco".

    "X has left" counts only when X is a name ("Renee (Wire Dept)", "The agent"),
    so a customer's "I've left it on" stays a message.
    """
    t = clean(text)
    if len(t) > 160:
        return False
    m = _EVENT.match(t)
    if not m:
        return False
    who = m.group("who")
    if who is None:
        return True
    low = who.lower().replace("’", "'")
    if low in _NOT_SUBJECTS:
        return False
    return name_like(who) or low in ("you", "the agent", "an agent", "agent", "the adviser", "your adviser")


CHAT_STARTED = re.compile(r"^\s*(?:chat|conversation|session)\s+(?:started|began|opened|start(?:\s+time)?)\b", re.I)
TYPING = re.compile(r"\b(?:is|are)\s+typing\b|^\s*typing\s*(?:…|\.\.\.)?\s*$", re.I)
NOISE = re.compile(
    r"""^\s*(?:
      (?:seen|delivered|read|sent|sending|not\s+delivered|failed\s+to\s+send)(?:\s+(?:at\s+)?[\d:.\s\u202f\u00a0apm]{0,15})?
    | (?:seen|read)\s+by\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*)?
    | (?:\d+\s+)?(?:new|unread)\s+messages?
    | (?:load|show|view)\s+(?:more|earlier|older|previous)(?:\s+messages)?
    | (?:jump|scroll)\s+to\s+(?:latest|bottom|the\s+bottom)
    )\s*[.…]*\s*$""",
    re.I | re.X,
)
_DAY_WORDS = frozenset(
    """today yesterday monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec at on""".split()
)
_DAY_NAMES = _DAY_WORDS - {"at", "on", "may"}
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}(?:[./-]\d{2,4})?\b")
DECOR = re.compile(r"^[\s\-–—─=·•|*~_]+|[\s\-–—─=·•|*~_]+$")
_NAME_SPLIT = re.compile(r"\s+[·•|–—-]\s+")
_PAREN = re.compile(r"\s*[(\[]([^)\]]{1,40})[)\]]\s*$")
_CONNECTORS = frozenset("de da del della di do dos du la le van von der den ter bin al el y e of the from at".split())
_CUSTOMER_NAMES = frozenset("you me i customer visitor guest client".split())
_AGENT_NAMES = frozenset("agent adviser advisor representative rep operator specialist support staff".split())
_BOT_NAME_WORDS = frozenset("bot chatbot assistant virtual automated digital".split())
_GENERIC_BOT_WORDS = _BOT_NAME_WORDS | frozenset("chat ai".split())
#: any fixed day serves to ask "is this a day label?": parsing stays free of the clock
_PROBE_DAY = dt.date(2000, 6, 15)


def clean(text: str) -> str:
    """Whitespace collapsed, no-break spaces made plain (for matching, not keeping)."""
    return " ".join(text.replace("\u00a0", " ").split())


def time_like(text: str) -> bool:
    """A label that is a time of day, maybe with its day ("Tue, Jun 3, 10:42 AM")."""
    t = text.strip()
    if not t or len(t) > 40:
        return False
    found = find_clock(t)
    if found is None:
        return False
    return all(w.isdigit() or w in _DAY_WORDS for w in _WORD_SPLIT.split(found[1].lower()) if w)


def day_like(text: str) -> bool:
    """A date separator: "Today", "Tuesday", "March 4, 2025", "04/03/2025", "Today 14:02"."""
    t = DECOR.sub("", text)
    found = find_clock(t)
    if found:
        t = found[1]
    if not t or len(t) > 40 or len(t.split()) > 6:
        return False
    words = [w for w in _WORD_SPLIT.split(t.lower()) if w]
    if not any(w in _DAY_NAMES for w in words) and not _NUMERIC_DATE.search(t):
        return False
    if not all(w.isdigit() or w in _DAY_WORDS or (len(w) <= 4 and w[:-2].isdigit()) for w in words):
        return False  # "1st", "4th" pass; sentences do not
    return parse_day(t, _PROBE_DAY) is not None


_SHORT_AGE = re.compile(r"^\s*\d{1,3}\s?(?:s|m|min|h|hr|d|w|wk)\s*$", re.I)


def short_age(text: str) -> bool:
    """An age without "ago" ("14m", "2h"): a time only where a label's class says it is one."""
    return bool(_SHORT_AGE.match(text))


def split_clock(text: str) -> tuple[str, str]:
    """"Jessica · 10:42 AM" -> ("Jessica", "10:42 AM"), the time as written."""
    t = text.strip()
    found = find_clock(t)
    if not found:
        return t, ""
    rest = found[1]
    if not rest:
        return "", t
    if t.startswith(rest):
        return rest, t[len(rest):].strip(" ·•|-,")
    if t.endswith(rest):
        return rest, t[: -len(rest)].strip(" ·•|-,")
    return t, ""


def split_name(text: str) -> tuple[str, str | None]:
    """A shown name label -> (name, role word in parentheses): "Dana (Agent)" -> ("Dana", "Agent").

    A team after a separator is dropped too: "Marco · BlueCrest Care" -> "Marco".
    """
    t = clean(text).rstrip(":").strip()
    role = None
    m = _PAREN.search(t)
    if m and m.start() > 0:
        role = m.group(1).strip()
        t = t[: m.start()].strip()
    parts = _NAME_SPLIT.split(t, maxsplit=1)
    name = parts[0].strip()
    titled = _TITLE.match(name)
    if titled and name_like(titled.group(2)):
        return titled.group(2), role or titled.group(1)  # "Operator Kim": Kim, an operator
    return name, role


#: a job title shown in front of a name: "Operator Kim", "Agent Dana R."
_TITLE = re.compile(r"^(operator|agent|adviser|advisor|representative|specialist)\s+(\S.*)$", re.I)


def name_like(text: str) -> bool:
    """Short, capitalised, no sentence punctuation: a person or team name."""
    t, _ = split_name(text)
    if not t or len(t) > 40 or any(ch in t for ch in "?!;,\"“”@#$%&*=<>"):
        return False
    words = t.split()
    if not 1 <= len(words) <= 5:
        return False
    if words[0].lower() in ("you", "me"):
        return len(words) == 1
    if not words[0][:1].isupper():
        return False
    for w in words[1:]:
        core = w.strip("'’.-")
        if core and not (core[0].isupper() or core[0].isdigit() or core.lower() in _CONNECTORS):
            return False
    return not (t.endswith(".") and len(words) > 2)


def loose_name(text: str) -> bool:
    """Could be a name label as written, user names included ("kbrennan", "Renee (Wire Dept)")."""
    t = clean(text).rstrip(":").strip()
    return (
        bool(DECOR.sub("", t)) and len(t) <= 40 and len(t.split()) <= 5 and "?" not in t
        and (t[-1] not in ".!;," or bool(_INITIAL_END.search(t)))  # "Janet K.": a surname's initial
        and not FILE_NAME.search(t)  # an attachment chip's "file__name"
    )


#: a name ending in an initial, "Priya S.": its full stop is not a sentence's
_INITIAL_END = re.compile(r"\S\s+[A-Z]\.$")
FILE_NAME = re.compile(r"\.(?:jpe?g|png|gif|webp|heic|pdf|docx?|xlsx?|csv|txt|zip|mp[34]|mov|m4a)$", re.I)


def label_role(who: str) -> tuple[str | None, str]:
    """The role and speaker a spoken label names: "Adviser" -> (agent, ""), "Jessica" -> (None, "Jessica")."""
    name, _ = split_name(who)
    role = name_role(name, strict_bot=True)
    return (role, "") if role else (None, name)


def name_role(name: str, paren: str | None = None, *, strict_bot: bool = False) -> str | None:
    """The role a shown name implies: "You", "Virtual Assistant", "Dana (Agent)".

    The words in parentheses are read first; there any agent word counts
    ("Support Agent"). A name with a bot word is a bot ("Ava, Virtual
    Assistant"); with `strict_bot`, only a name made of nothing but bot words
    is ("Chat Bot"), since a spoken label's "X said" may name anyone.
    """
    for in_paren, text in ((True, paren), (False, name)):
        if not text:
            continue
        low = text.lower().strip()
        words = set(_WORD_SPLIT.split(_CAMEL.sub(" ", text).lower())) - {""}  # "QuayBot": quay, bot
        if low in _CUSTOMER_NAMES:
            return "customer"
        if low in _AGENT_NAMES:
            return "agent"
        if low == "system":
            return "system"
        if words and (words <= _GENERIC_BOT_WORDS if strict_bot else words & _BOT_NAME_WORDS):
            return "bot"
        if in_paren and words & _AGENT_NAMES:
            return "agent"
    return None


def spoken(text: str) -> tuple[str, str] | None:
    """(who, when) from "Jessica said at 10:42 :", "Message from Jessica at 10:42 AM", "Your message"."""
    text = clean(text)
    if not text or len(text) > 200:
        return None
    m = _ROLE_MESSAGE.match(text)
    if m:
        who = m.group("who").lower()
        return ("you" if who in ("your", "my") else who), (m.group("when") or "").strip()
    for pattern in (_SAID, _FROM):
        m = pattern.match(text)
        if m:
            return m.group("who").strip(), (m.group("when") or "").strip()
    return None


def full_datetime(text: str) -> bool:
    """True when `text` holds both a day and a time of day (a title worth keeping)."""
    try:
        return parse_datetime(text, dt.timezone.utc, None) is not None  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return False
