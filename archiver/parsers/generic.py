"""Generic parser: a chat in markup that no family parser knows.

Every element whose children repeat one *shape* (tag plus class words, with
side words like `--in`/`is-right` and hashed CSS names blanked) is a candidate
transcript. Each child is a unit (a bubble, a date separator, a name header,
noise), read through what the widget leaves for people and screen readers:
class words, where its CSS puts the block (inline styles, the page's own
style sheet, Tailwind-style utilities), `<time datetime>`, title/aria
attributes, hidden "Adviser said :" labels (vocabulary in cues.py). A unit's
role is a weighted vote of that evidence. A candidate is a chat only when it passes every gate in
`_Container._verdict` (both sides speak, a chat cue, not links or check boxes,
no forum/inbox/shop words); the best-evidenced one wins. A page without a chat
yields no messages: we would rather miss a chat than invent one.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment

from ..model import ParsedChat, ParsedMessage
from ..times import is_relative_time
from . import cues
from .html import BLOCK, NON_TEXT, all_text, classes, is_hidden, shown_text, visible_text

NAME = "generic"
LABEL = "Generic chat markup"

#: a unit with more elements than this is a page region, not a message
_MAX_UNIT_TAGS = 2000
#: candidates read in full, best first look first
_MAX_CANDIDATES = 40
_ANCESTOR_CUE_DEPTH = 8
_HEADINGS = frozenset(("h1", "h2", "h3", "h4"))
_LEADING_PUNCT = re.compile(r"^\s*[:：\-–—]\s*")
#: wrappers of a message's text, whose title may name the sender
_TEXT_WORDS = cues.CHAT | frozenset("text body content".split())
#: aria-labels that name a message's sender ("Message from Jessica at 10:42 AM")
_SPOKEN_HINT = re.compile(r"^\s*(?:new\s+)?message\s+from\b|\b(?:said|says|sent|wrote)\b", re.I)
#: a data-timestamp worth keeping: an ISO date with a time ("2025-03-03T10:42")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d")
#: "Bot · 25m ago": a name and a time in one label string
_LABEL_PARTS = re.compile(r"\s+[·•|]\s+")
#: a label class saying when a message was sent or received ("td.sent"), not by whom
_SENT_AT = frozenset("sent received".split())
#: an event line with its time after a dash or dot: "Chat started · 10:38 AM"
_TRAILING_TIME = re.compile(r"^(.*?\S)\s+[–—·|-]\s+(\S.{2,39})$", re.S)
_SHAPE_WORDS = re.compile(r"[.\-~]")
_DIGIT = re.compile(r"\d")

# Weights of evidence for a unit's side. A class word on the unit itself or a
# spoken label outweighs a word on a wrapper inside it.
_W_OWN = 3
_W_INNER = 2
_W_SPOKEN = 4
_W_NAME = 3
_W_AVATAR = 1


class _Words:
    """Per-parse cache of each element's class words, shape and CSS side."""

    def __init__(self, sides: dict[str, str] | None = None) -> None:
        self._words: dict[int, frozenset[str]] = {}
        self._shape: dict[int, str] = {}
        self._layout: dict[int, frozenset[str]] = {}
        #: bare classes the page's stylesheet aligns ("r" -> "right"): cues.stylesheet_sides
        self.sides = sides or {}

    def layout(self, tag: Tag) -> frozenset[str]:
        """The side word ("right", "left", "center") the page's CSS gives the element itself.

        From its inline style or a class its stylesheet aligns; read only for a
        unit itself, since a right-aligned time inside a bubble says nothing.
        """
        key = id(tag)
        found = self._layout.get(key)
        if found is None:
            got: set[str] = set()
            style = tag.get("style")
            if isinstance(style, str):
                word = cues.layout_word(style)
                if word:
                    got.add(word)
            names = classes(tag)
            if self.sides:
                got.update(self.sides[c] for c in names if c in self.sides)
            word = cues.utility_side(names) if names else None
            if word:
                got.add(word)
            found = self._layout[key] = frozenset(got) if len(got) == 1 else frozenset()
        return found

    def of(self, tag: Tag) -> frozenset[str]:
        key = id(tag)
        found = self._words.get(key)
        if found is None:
            # alignment utilities ("items-end") are layout, read by layout(): their "end" is no side word
            found = frozenset(w for value in cues.hook_values(tag) if not cues.layout_utility(value)
                              for w in cues.split_words(value))
            self._words[key] = found
        return found

    def mark_name(self, tag: Tag) -> None:
        """Read `tag` as a name label from now on (a name column found by its values)."""
        self._words[id(tag)] = self.of(tag) | {"name"}

    def shape(self, tag: Tag) -> str:
        """Tag name plus classes, side/state words dropped and hashes blanked.

        "li.msg.msg--in" and "li.msg.msg--out" share the shape "li.msg"; so do
        two styled-components bubbles with different generated classes.
        """
        key = id(tag)
        found = self._shape.get(key)
        if found is None:
            parts = set()
            for value in cues.hook_values(tag, ids=False):
                if value in self.sides or cues.layout_utility(value):
                    continue  # "b r" and "b l" are one shape, as "msg--in" and "msg--out" are
                if cues.is_hashed(value):
                    parts.add("~")
                    continue
                words = cues.split_words(value)
                kept = [w for w in words if w not in cues.SIDE_WORDS and w not in cues.STATE_WORDS]
                if kept:
                    parts.add("-".join(kept))
            found = tag.name + "." + ".".join(sorted(parts))
            self._shape[key] = found
        return found


def _children(tag: Tag) -> list[Tag]:
    return [c for c in tag.contents if isinstance(c, Tag)]


def _count(items: Iterable[str]) -> dict[str, int]:
    # a plain dict: Counter's overhead shows on pages with 100,000 elements
    out: dict[str, int] = {}
    for item in items:
        out[item] = out.get(item, 0) + 1
    return out


# -- reading one unit ------------------------------------------------------------


@dataclass
class _Votes:
    counts: Counter = field(default_factory=Counter)

    def add(self, role: str | None, weight: int) -> None:
        if role:
            self.counts[role] += weight

    def add_words(self, words: Iterable[str], weight: int) -> None:
        for role in cues.role_of_words(words):
            self.counts[role] += weight

    def side(self) -> str | None:
        """customer, company, system, or None (no evidence, or a tie)."""
        company = self.counts["agent"] + self.counts["bot"]
        customer = self.counts["customer"]
        system = self.counts["system"]
        if system > company and system > customer:
            return "system"
        if customer > company:
            return "customer"
        if company > customer:
            return "company"
        return None

    def role(self) -> str | None:
        side = self.side()
        if side == "company":
            return "bot" if self.counts["bot"] else "agent"
        return side


@dataclass
class _Read:
    """What one unit says about itself."""

    tag: Tag
    text: str = ""
    #: the text with inline name labels kept ("Jessica has left the chat.")
    event_text: str = ""
    speaker: str = ""
    time_text: str = ""
    datetime_text: str | None = None
    #: all evidence, and the strong part of it (the unit's own words, labels, names)
    votes: _Votes = field(default_factory=_Votes)
    strong: _Votes = field(default_factory=_Votes)
    typing: bool = False
    #: an emoji reaction standing beside the bubbles: never a message
    reaction: bool = False
    link_chars: int = 0
    links: int = 0
    all_chars: int = 0
    has_checkbox: bool = False
    has_heading: bool = False
    not_chat: bool = False
    chat_words: bool = False
    #: a screen-reader "X said" / "Message from X" label was found
    spoken: bool = False
    #: a badge beside the name ("Assistant"): what the sender is
    badge: str = ""

    def vote(self, role: str | None, weight: int) -> None:
        self.votes.add(role, weight)
        self.strong.add(role, weight)


class _Reader:
    """Reads a unit in one iterative walk: labels are noted and kept out of the
    text; class words of the wrappers around the text vote for a side."""

    def __init__(self, soup: BeautifulSoup | None = None) -> None:
        sides: dict[str, str] = {}
        #: the page is titled as a chat ("Chat | BluePeak"): a chat cue for every candidate
        self.chat_page = False
        #: the account holder the page names ("Signed in as Sam Patel"): the customer
        self.account = ""
        if soup is not None:
            # one plain walk for style sheets and a "Signed in as" line: bs4's find() costs more
            styles: list[str] = []
            for node in soup.descendants:
                if isinstance(node, Tag):
                    if node.name == "style" and len(styles) < 50:
                        styles.append(node.get_text())
                elif not self.account and "in as " in node and _SIGNED_IN_HINT.search(node):
                    self.account = cues.signed_in_name(cues.clean(str(node)))
            sides = cues.stylesheet_sides("".join(styles))
            title = soup.title.get_text() if soup.title is not None else ""
            self.chat_page = cues.chat_title(title)
        self.words = _Words(sides)
        self._all_text: dict[int, str] = {}

    def all_text(self, tag: Tag) -> str:
        """html.all_text, once per element per parse.

        Nested candidates each read the units holding the ones below, so the
        same label is reached from up to _MAX_CANDIDATES of them; a hidden
        label is not counted toward _MAX_UNIT_TAGS and may be any size.
        """
        found = self._all_text.get(id(tag))
        if found is None:
            found = self._all_text[id(tag)] = all_text(tag)
        return found

    def read(self, unit: Tag, skip_subtree: Tag | None = None) -> _Read | None:
        """The unit's text, labels and evidence; None when it is too big to be a message."""
        words = self.words
        r = _Read(tag=unit)
        own = words.of(unit)
        r.votes.add_words(own | words.layout(unit), _W_OWN)
        r.strong.add_words(own | words.layout(unit), _W_OWN)
        if own & cues.SYSTEM_ROW_WORDS:
            r.vote("system", _W_OWN)  # <tr class="rowInfo">: a line from the widget itself
        r.chat_words = bool(own & cues.CHAT)
        r.not_chat = bool(own & cues.NOT_CHAT) and not own & cues.STRONG_CHAT
        r.typing = bool(own & cues.TYPING_WORDS)
        r.reaction = bool(own & cues.REACTION_WORDS) or cues.reaction_label(unit)
        if is_hidden(unit) or cues.screen_reader_only(own):
            # a screen-reader label standing beside its bubble: "Adviser said :"
            self._labels(r, [], [], [self.all_text(unit)], [])
            return r
        if unit.name == "a":
            r.link_chars, r.links = len(self.all_text(unit)), 1  # the block is itself a link
        labels: list[Tag] = []
        name_labels: list[Tag] = []
        loose_times: list[Tag] = []
        names: list[str] = []
        times: list[str] = []
        hidden: list[str] = []
        titles: list[str] = []
        avatars: list[str] = []
        role_tags: list[Tag] = []
        age_tags: list[Tag] = []
        self._title(unit, titles)
        aria = unit.get("aria-label")
        if isinstance(aria, str):
            hidden.append(aria)
        for attr in ("data-timestamp", "data-time", "data-sent-at", "data-datetime"):
            value = unit.get(attr)
            if isinstance(value, str) and _ISO_DATETIME.match(value):
                r.datetime_text = value.strip()
                break

        count = 0
        stack: list[tuple[Tag, int]] = [(c, 1) for c in reversed(_children(unit))]
        attached: set[int] = set()  # inside a link to a file: its chip's words are not labels
        while stack:
            node, depth = stack.pop()
            count += 1
            if count > _MAX_UNIT_TAGS:
                return None
            if node is skip_subtree:
                labels.append(node)
                continue
            name = node.name
            if name in ("script", "style", "template", "noscript"):
                continue
            if name == "input":
                r.has_checkbox = r.has_checkbox or str(node.get("type", "")).lower() == "checkbox"
                continue
            if node.get("role") == "checkbox":
                r.has_checkbox = True
            if name in NON_TEXT:
                continue  # buttons, form controls, svg: never text, never labels
            if name in _HEADINGS:
                r.has_heading = True
            w = words.of(node)
            if w & cues.CHAT:
                r.chat_words = True
            if name == "time":
                value = node.get("datetime")
                if isinstance(value, str) and ":" in value and r.datetime_text is None:
                    r.datetime_text = value.strip()
                text = self.all_text(node)
                if text:
                    times.append(text)
                self._title(node, titles)
                labels.append(node)
                continue
            if is_hidden(node) or cues.screen_reader_only(w):
                text = self.all_text(node)
                if text:
                    hidden.append(text)
                r.typing = r.typing or bool(w & cues.TYPING_WORDS)
                labels.append(node)
                continue
            if w & cues.TYPING_WORDS:
                r.typing = True
                labels.append(node)
                continue
            in_file = id(node) in attached or _attachment(node)
            if in_file and w & _ATTACHMENT_META:
                labels.append(node)  # "· 1.2 MB" beside a file's name
                continue
            if w & cues.FILE_WORDS and w & (cues.META_WORDS | _ATTACHMENT_META):
                labels.append(node)  # "PDF · 212 KB" under a file chip: not a name, not text
                continue
            if node.get("aria-hidden") == "true" and depth <= 2 and _INITIALS.fullmatch(self.all_text(node)):
                labels.append(node)  # a monogram avatar, "P" for Priya: a picture of a name, not text
                continue
            title = node.get("title")
            if depth <= 2 and isinstance(title, str) and len(self.all_text(node)) <= 3 and " " not in self.all_text(node) \
                    and cues.name_like(title) and not cues.time_like(title):
                avatars.append(cues.clean(title))  # "🌊" or "JM" titled "Tide (automated assistant)": a face
                labels.append(node)
                continue
            if cues.reaction_label(node):
                labels.append(node)  # "❤️ 1" under a bubble, aria-label="Jordan reacted with heart"
                continue
            if w & cues.SKIPPED_LABEL_WORDS and not in_file:
                if w & cues.AVATAR_WORDS and depth <= 4:
                    # widgets put an avatar beside the company's bubbles, rarely the
                    # customer's: the weakest evidence, outvoted by any other
                    r.votes.add("agent", _W_AVATAR)
                    found = _avatar_name(node)
                    if found:
                        avatars.append(found)
                labels.append(node)
                continue
            if name == "img" and depth == 1:
                # a bare picture beside the bubble, alt="Nova": the sender's face
                found = _avatar_name(node)
                if found:
                    avatars.append(found)
                continue
            if w & cues.BADGE_WORDS and depth <= 4:
                text = self.all_text(node)
                if text and len(text) <= 30 and len(text.split()) <= 4 and not cues.time_like(text):
                    r.badge = r.badge or text  # <span class="nm">Tide</span><span class="bdg">Assistant</span>
                    labels.append(node)
                    continue
            if w & (cues.NAME_WORDS | cues.TIME_WORDS | cues.META_WORDS | _SENT_AT) and depth <= 4:
                if self._label(node, w, names, times, titles):
                    labels.append(node)
                    if w & cues.NAME_WORDS:
                        name_labels.append(node)
                    continue
            if name == "a":
                r.link_chars += len(self.all_text(node))
                r.links += 1
            if depth <= 4:
                r.votes.add_words(w, _W_INNER)
                if w & cues.NOT_CHAT and not w & cues.STRONG_CHAT:
                    r.not_chat = True
            title = node.get("title")
            if isinstance(title, str) and (w & _TEXT_WORDS or cues.full_datetime(title)):
                titles.append(title)  # LivePerson-style title="Jessica" on the text
            kids = _children(node)
            if not kids and _standalone(node):
                text = node.get_text()
                if text and cues.time_like(text):
                    loose_times.append(node)
                elif text and len(text) <= 20 and cues.name_role(text.strip(), strict_bot=True) in ("bot", "agent"):
                    role_tags.append(node)  # a "Bot" pill under the bubble, unless it is all the bubble says
                elif text and cues.NOISE.match(text) and _after_time(node, self.all_text):
                    labels.append(node)  # "<time>2:09 PM</time><span>Seen</span>": the time's receipt
                    continue
                elif text and (cues.short_age(text) or is_relative_time(text)) and not cues.NOISE.match(text):
                    age_tags.append(node)  # "18m" under the bubble: its age, unless it is all the bubble says
            elif kids and _standalone(node) and _receipt_time(node, self.all_text):
                loose_times.append(node)  # "8:12 pm<span>✓✓</span>": the time with its ticks
                continue
            if in_file:
                attached.update(id(c) for c in kids)
            stack.extend((c, depth + 1) for c in reversed(kids))

        if role_tags and visible_text(unit, skip=labels + loose_times + role_tags):
            r.badge = r.badge or cues.clean(role_tags[0].get_text())
            labels.extend(role_tags)
        if age_tags and not times and not loose_times and visible_text(unit, skip=labels + age_tags):
            times.append(cues.clean(age_tags[0].get_text()))
            labels.extend(age_tags)
        skip = labels + loose_times
        text = visible_text(unit, skip=skip)
        if loose_times and not text:
            skip = labels
            text = visible_text(unit, skip=skip)  # the message *is* "9:30"
        elif loose_times and not times:
            times.append(_own_text(loose_times[0]) or self.all_text(loose_times[0]))
        if not times and not names and text.startswith(("[", "(")):
            text = _log_line(text, names, times)
        # the text with a name shown in front of it still in, for event lines;
        # a name label found in the walk is already out of it
        named = text if not name_labels else None
        if not names and text:
            prefix = _name_prefix(unit, skip)
            if prefix is not None:
                names.append(prefix[1])
                name_labels.append(prefix[0])
                skip = [*skip, prefix[0]]
                text = visible_text(unit, skip=skip)
        self._labels(r, names, times, hidden, titles, avatars)
        if r.speaker and not names and text:
            # the name a hidden label or title gave, shown unmarked over the text
            shown = _name_prefix(unit, skip, expected=r.speaker)
            if shown is not None:
                name_labels.append(shown[0])
                skip = [*skip, shown[0]]
                text = visible_text(unit, skip=skip)
        if name_labels:
            text = _LEADING_PUNCT.sub("", text)  # "Owen: Hi" once "Owen" is gone
        # only short lines can be events ("Jessica has left the chat."): keep
        # their name in, and spare long messages a second pass
        if name_labels and len(text) <= 120:
            if named is None:
                kept = {id(t) for t in name_labels}
                named = visible_text(unit, skip=[t for t in skip if id(t) not in kept])
            r.event_text = named
        else:
            r.event_text = text
        r.text = _trim_decor(text)
        r.event_text = _trim_decor(r.event_text)
        if r.link_chars:
            r.all_chars = len(self.all_text(unit))
        return r

    def _labels(self, r: _Read, names: list[str], times: list[str], hidden: list[str], titles: list[str],
                avatars: Iterable[str] = ()) -> None:
        """Speaker, time and role from the labels found (shown first, then spoken, avatars, titles)."""
        spoken_role: str | None = None
        spoken_name = ""
        spoken_time = ""
        for h in hidden:
            if cues.TYPING.search(h):
                r.typing = True
                continue
            said = cues.spoken(h)
            if said:
                role, who = cues.label_role(said[0])
                spoken_role = spoken_role or role
                spoken_name = spoken_name or who
                spoken_time = spoken_time or (said[1] if cues.time_like(said[1]) else "")
                r.spoken = True
            elif cues.time_like(h) or is_relative_time(h):
                spoken_time = spoken_time or h.strip()
            elif cues.name_like(h) and len(h.split()) <= 3:
                spoken_name = spoken_name or cues.split_name(h)[0]
        r.vote(spoken_role, _W_SPOKEN)

        shown_name, paren = "", None
        for candidate in [*names, spoken_name, *avatars]:
            if candidate:
                shown_name, paren = cues.split_name(candidate)
                if shown_name:
                    break
        if not shown_name:
            for t in titles:
                if cues.name_like(t) and not cues.time_like(t):
                    shown_name, paren = cues.split_name(t)
                    break
        r.vote(cues.name_role(shown_name, paren or r.badge or None), _W_NAME)
        r.speaker = shown_name
        if not times and not spoken_time:
            # a hover tooltip is the only time some widgets give: title="9:47 AM"
            # (a full date and time there is the datetime, below, not a shown time)
            spoken_time = next((t.strip() for t in titles if cues.time_like(t) and not cues.full_datetime(t)), "")
        r.time_text = times[0] if times else spoken_time
        if r.datetime_text is None:
            r.datetime_text = next((t.strip() for t in titles if cues.full_datetime(t)), None)

    def _label(self, node: Tag, w: frozenset[str], names: list[str], times: list[str], titles: list[str]) -> bool:
        """Take a name, time or name-and-time label; False when `node` is not one."""
        text = self.all_text(node)
        if not text or len(text) > 80 or len(text.split()) > 10:
            return False
        if w & (cues.TIME_WORDS | cues.META_WORDS) and _receipt_time(node, self.all_text):
            times.append(_own_text(node))  # "09:41<i>✓✓</i>": its ticks are not a name
            self._title(node, titles)
            return True
        leaves = _leaves(node, self.all_text)
        if len(leaves) > 1 or (w & cues.META_WORDS and not w & (cues.NAME_WORDS | cues.TIME_WORDS)):
            return self._meta(leaves, names, times, titles)
        if w & (_SENT_AT | cues.TIME_WORDS) and not cues.time_like(text) and node.find("br") is not None:
            text = " ".join(node.stripped_strings)  # "03/13/2024<br>09:02 AM": a date over its time
        if w & _SENT_AT and cues.time_like(text) and not w & cues.NAME_WORDS:
            times.append(text)  # a "Sent" column's cell on every row: when, not whose
            return True
        if w & cues.TIME_WORDS and (cues.time_like(text) or is_relative_time(text) or cues.short_age(text)):
            times.append(text)
            self._title(node, titles)
            return True
        if w & cues.NAME_WORDS and cues.loose_name(text) and not cues.time_like(text):
            names.append(text)
            return True
        return False

    def _meta(self, leaves: list[Tag], names: list[str], times: list[str], titles: list[str]) -> bool:
        """A label row: "Jessica" on the left, "10:42 AM" on the right (or both in one string)."""
        found = False
        parts: list[tuple[Tag, str]] = []
        for leaf in leaves:
            # "Bot · 25m ago." is a name and a time in one string
            parts.extend((leaf, p) for p in _LABEL_PARTS.split(self.all_text(leaf)) if p)
        for leaf, text in parts:
            if not cues.DECOR.sub("", text):
                continue  # the "·" between a name and a time
            if self.words.of(leaf) & cues.SKIPPED_LABEL_WORDS or cues.NOISE.match(text):
                continue  # "Delivered", "Read": a receipt beside the time, not a name
            if leaf.name == "time" or cues.time_like(text) or is_relative_time(text) or (
                cues.short_age(text) and self.words.of(leaf) & cues.TIME_WORDS
            ):
                times.append(text)
                value = leaf.get("datetime")
                if isinstance(value, str) and ":" in value:
                    titles.append(value)
                self._title(leaf, titles)
                found = True
                continue
            name, clock = cues.split_clock(text)
            if clock and cues.name_like(name):
                names.append(name)
                times.append(clock)
                found = True
            elif not names and cues.loose_name(text):
                names.append(text)
                found = True
        return found

    @staticmethod
    def _title(node: Tag, titles: list[str]) -> None:
        value = node.get("title")
        if isinstance(value, str) and value.strip():
            titles.append(value)


#: a separator left at a line's edge once the name or time beside it is gone: "Chat started ·"
_EDGE_SEPARATOR = re.compile(r"^[ \t]*[·|][ \t]*|[ \t]*[·•|][ \t]*$", re.M)


def _trim_decor(text: str) -> str:
    """The text without separator debris: a lone "·" line, a trailing " ·" (a leading "•" is a bullet)."""
    if "·" not in text and "•" not in text and "|" not in text:
        return text
    lines = [_EDGE_SEPARATOR.sub("", line) for line in text.split("\n")]
    return "\n".join(line for line, was in zip(lines, text.split("\n")) if line or not was.strip()).strip()


#: a file chip's size and type, beside the file's name in a link
_ATTACHMENT_META = frozenset("size filesize bytes".split())

def _attachment(node: Tag) -> bool:
    """A link to a file ("bag-tag.jpg"): message content, even styled as a chip."""
    href = node.get("href")
    return node.name == "a" and isinstance(href, str) and bool(cues.FILE_NAME.search(href.split("?")[0]))


_NOT_A_NAME = cues.AVATAR_WORDS | frozenset("profile picture image logo icon user agent".split())


def _avatar_name(node: Tag) -> str:
    """The name an avatar carries for screen readers or on hover: alt, aria-label, title."""
    seen = 0
    for el in itertools.chain((node,), node.descendants):
        if not isinstance(el, Tag):
            continue
        seen += 1
        if seen > 12:
            break
        for attr in ("alt", "aria-label", "title"):
            value = el.get(attr)
            if not isinstance(value, str):
                continue
            value = cues.clean(value)
            low = {w.lower() for w in value.split()}
            if value and cues.name_like(value) and not cues.time_like(value) and not low & _NOT_A_NAME:
                return value
    return ""


#: a plain-text log line: "[19:02] QuayBot: Hi!" (the name is optional: "[19:03] Chat transferred")
_LOG_TIME = re.compile(r"[\[(]\s*(?P<time>[^\])\n]{1,30}?)\s*[\])]\s*")
_LOG_NAME = re.compile(r"(?P<name>[^:\n]{1,40}?)\s*:\s+")


def _log_line(text: str, names: list[str], times: list[str]) -> str:
    """Take the time (and the name) a log line is written with out of its text."""
    m = _LOG_TIME.match(text)
    if not m or not cues.time_like(m.group("time")):
        return text
    times.append(m.group("time"))
    rest = text[m.end():]
    n = _LOG_NAME.match(rest)
    if n and (cues.name_like(n.group("name")) or cues.loose_name(n.group("name"))) and len(n.group("name").split()) <= 3:
        names.append(n.group("name"))
        rest = rest[n.end():]
    return rest


def _standalone(node: Tag) -> bool:
    """Not a word inside a sentence: "<b>3 pm</b>" in "call at <b>3 pm</b> today" is text."""
    for sib in (node.previous_sibling, node.next_sibling):
        if isinstance(sib, NavigableString) and not isinstance(sib, Comment) and sib.strip():
            return False
    return True


def _own_text(node: Tag) -> str:
    """The strings directly in `node`, its child elements left out."""
    return " ".join(" ".join(s.split()) for s in node.children
                    if isinstance(s, NavigableString) and not isinstance(s, Comment) and s.strip())


def _receipt_time(node: Tag, text_of: Callable[[Tag], str]) -> bool:
    """A time whose only child elements are marks beside it: "8:12 pm<i>✓✓</i>", "<i>edited</i>9:02".

    Each mark is a glyph run or one word without digits ("edited", "Read"), so
    a time-like string inside a sentence ("at 3 pm <b>call</b> me") is not one.
    """
    own = _own_text(node)
    if not own or not cues.time_like(own):
        return False
    for kid in _children(node):
        text = text_of(kid)
        if len(text) > 12 or _DIGIT.search(text) or len(text.split()) > 1:
            return False
    return True


def _leaves(node: Tag, text_of: Callable[[Tag], str]) -> list[Tag]:
    """Text-bearing innermost elements of a small label (a `<time>` counts as one)."""
    out: list[Tag] = []
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.name in NON_TEXT or cur.name == "img":
            continue
        kids = _children(cur)
        if cur.name == "time" or not kids:
            if text_of(cur):
                out.append(cur)
        else:
            stack.extend(reversed(kids))
    return out


#: read ticks after a time, "2:16 PM ✓✓"
_TRAILING_GLYPHS = re.compile(r"\s*[^\w\s.:]+$")


#: the letters of a monogram avatar ("P", "JD")
_INITIALS = re.compile(r"[A-Z]{1,3}")
_SIGNED_IN_HINT = re.compile(r"(?:signed|logged)\s+in\s+as\s", re.I)
#: marks an item shape found by its rows' own <time>s, not by words
_TIMED = "@time:"


def _holds_time(tag: Tag) -> bool:
    """A `<time>` among the first few dozen elements inside `tag` (a bounded look)."""
    seen = 0
    for el in tag.descendants:
        if isinstance(el, Tag):
            if el.name == "time":
                return True
            seen += 1
            if seen >= 40:
                break
    return False


def _after_time(node: Tag, text_of: Callable[[Tag], str]) -> bool:
    """The element just before `node` is a time (a `<time>`, or a label reading as one)."""
    prev = node.find_previous_sibling(True)
    return prev is not None and (prev.name == "time" or cues.time_like(text_of(prev)))


def _leading_leaf(block: Tag, text_of: Callable[[Tag], str]) -> tuple[Tag, str] | None:
    """The first text-bearing leaf of `block`, times and hidden labels stepped over, if more text follows."""
    walk = iter(block.descendants)
    found: tuple[Tag, str] | None = None
    for seen, el in enumerate(walk):
        if seen > 60:
            return None
        if found is not None:
            # more text must follow: a block that is only this leaf is a message, not a name over one
            if isinstance(el, NavigableString) and not isinstance(el, Comment) and el.strip() and el.parent is not found[0]:
                return found
            continue
        if not isinstance(el, Tag) or el.name in NON_TEXT or el.name == "time" or is_hidden(el) or _children(el):
            continue
        text = text_of(el)
        if text and not cues.time_like(text):
            found = (el, text)
    return None


def _bare_time(text: str) -> str:
    """The time a line holds and nothing else but receipt marks: "08:16", "08:21 · Delivered"."""
    parts = [_TRAILING_GLYPHS.sub("", p) for p in _LABEL_PARTS.split(text.strip()) if p]
    times = [p for p in parts if cues.time_like(p)]
    if len(times) != 1 or any(p not in times and not cues.NOISE.match(p) for p in parts):
        return ""
    return times[0]


def _row_parts(row: Tag) -> list[str] | None:
    """A one-line label row's pieces, times left out: `<b>Callum</b><span>Claims advisor</span><span>16:58</span>`
    or `Nora<span>Virtual assistant</span>` -> the name and its badge; None unless one or two short pieces."""
    parts: list[str] = []
    for child in row.children:
        if isinstance(child, Comment):
            continue
        if isinstance(child, NavigableString):
            text = cues.clean(str(child))
        elif child.name in NON_TEXT or is_hidden(child) or child.name in BLOCK:
            continue
        else:
            text = shown_text(child)
        text = cues.DECOR.sub("", text)
        if not text or cues.time_like(text) or is_relative_time(text):
            continue
        if len(text) > 40 or len(parts) == 2:
            return None
        parts.append(text)
    return parts or None


def _name_prefix(unit: Tag, skip: list[Tag], expected: str = "") -> tuple[Tag, str] | None:
    """A styled name in front of the text: `<span class=x>Jessica:</span> Hi` or `<b class=n>Owen</b>: Hi`.

    Only a classed element (or "You") counts, so a message opening with a bold
    "<b>Note:</b>" keeps its word. With `expected` (a name known from a hidden
    label), an element in front holding exactly that name is the name label.
    """
    node = _first_shown_string(unit, {id(t) for t in skip})
    if node is None:
        return None
    el = node.parent
    if el is unit or el is None:
        return None
    text = shown_text(el)
    if text != cues.clean(str(node)):
        return None  # the first string is part of a longer run of text
    if expected:
        return (el, expected) if text.rstrip(":").strip() == expected else None
    said = cues.spoken(text)
    if said and cues.name_like(said[0]):
        return el, said[0]  # "<span class=x>Hal said: </span>Hi!": a label a stylesheet hides
    name = ""
    if text.endswith(":"):
        name = text[:-1].strip()
    else:
        after = el.next_sibling
        if isinstance(after, NavigableString) and str(after).lstrip().startswith(":"):
            name = text
    if not name or len(name) > 40 or len(name.split()) > 5 or cues.time_like(name):
        return None
    if not classes(el) and name.lower() not in ("you", "me"):
        return None
    if el.name in ("p", "li"):
        return None  # a paragraph ending in ":" opens a list or a sentence ("Two steps:")
    return el, name


def _first_shown_string(unit: Tag, skip_ids: set[int]) -> NavigableString | None:
    """The first non-blank string of `unit` outside hidden, non-text and skipped elements.

    A walk down that steps over those subtrees whole: asking each string
    whether an ancestor hides it costs the nesting depth per string.
    """
    stack: list[object] = list(reversed(unit.contents))
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, Comment) and node.strip():
                return node
        elif isinstance(node, Tag):
            if id(node) in skip_ids or node.name in NON_TEXT or is_hidden(node):
                continue
            stack.extend(reversed(node.contents))
    return None


# -- reading a candidate container --------------------------------------------------


@dataclass
class _Unit:
    read: _Read
    shape: str
    #: which message group the unit came from (0: none)
    group: int = 0
    #: the group's own labels (a name over its bubbles), not a bubble
    head: bool = False
    #: one of the group's bubbles (the shape it repeats), not a row beside them
    item: bool = False


@dataclass
class _Draft:
    read: _Read
    role: str | None
    explicit: bool
    day: str | None
    shape: str


@dataclass
class _Header:
    """A name (and maybe a time) shown once over a run of bubbles."""

    name: str
    role: str | None
    time_text: str
    side: str | None
    group: int
    #: the role the header's own evidence gives (class words, data-party)
    side_role: str | None = None
    datetime_text: str | None = None
    #: the run's first message had no side of its own: one that has one is someone else's
    unmarked: bool = False


@dataclass
class _Candidate:
    messages: list[ParsedMessage]
    score: int
    units: int
    header_text: str | None


class _Container:
    """Reads one candidate element into messages, or says why it is not a chat."""

    def __init__(self, reader: _Reader, tag: Tag) -> None:
        self.reader = reader
        self.tag = tag
        self.words = reader.words
        self.oversized = 0

    def units(self) -> list[_Unit]:
        """The container's children as units, message groups opened up.

        A child too big to be a message (a page region) becomes an empty unit:
        it counts against the candidate but does not stop the reading.
        """
        out: list[_Unit] = []
        group = 0
        terms = self.tag.name == "dl"
        children = [c for c in _children(self.tag) if c.name not in NON_TEXT and c.name not in ("br", "hr", "img")]
        self._mark_name_column(children)
        bodies = {id(c): self._group_body(c) for c in children if not (terms and c.name in ("dt", "dd"))}
        # a run of one bubble is a group too, when its siblings of the same shape are groups
        items: dict[str, str] = {}
        for c in children:
            body = bodies.get(id(c))
            if body is not None:
                item = self._item_shape(_children(body))
                if item is not None:
                    items.setdefault(self.words.shape(c), item)
        if items:
            for c in children:
                if id(c) in bodies and bodies[id(c)] is None and self.words.shape(c) in items:
                    bodies[id(c)] = self._group_body(c, items[self.words.shape(c)])
        for child in children:
            if terms and child.name in ("dt", "dd"):
                # a <dl> transcript: each <dt> (who, when) heads the <dd>s after it
                if child.name == "dt":
                    group += 1
                out.append(_Unit(self._read(child), self.words.shape(child), group, head=child.name == "dt"))
                continue
            inner = bodies[id(child)]
            if inner is None:
                out.append(_Unit(self._read(child), self.words.shape(child)))
                continue
            group += 1
            group_words = self.words.of(child) | self.words.of(inner)
            if inner is not child:
                head = self._read(child, skip_subtree=inner)
                out.append(_Unit(head, self.words.shape(child), group, head=True))
            subs = [s for s in _children(inner) if s.name not in NON_TEXT]
            item = self._item_shape(subs) or items.get(self.words.shape(child))
            for n, sub in enumerate(subs):
                if n == 0 and not self._is_item(sub, item):
                    # the group's own header row, before its bubbles: <header>Name · 10.31am</header>
                    out.append(_Unit(self._read(sub), self.words.shape(sub), group, head=True))
                    continue
                r = self._read(sub)
                r.votes.add_words(group_words, _W_OWN)
                r.strong.add_words(group_words, _W_OWN)
                out.append(_Unit(r, self.words.shape(sub), group, item=self._is_item(sub, item)))
        return out

    def _mark_name_column(self, children: list[Tag]) -> None:
        """A name label with no name word, known by its values: "<span class=nm>Sam</span>".

        When most blocks open (times aside) with a leaf of one class holding a
        short name, from only a few names in all, that class is the sender's name.
        """
        if len(children) < 3:
            return
        found: dict[tuple[str, str], list[tuple[Tag, str]]] = {}
        for child in children:
            lead = _leading_leaf(child, self.reader.all_text)
            if lead is not None:
                found.setdefault((lead[0].name, " ".join(classes(lead[0]))), []).append(lead)
        for (_, cls), leads in found.items():
            texts = {t for _, t in leads}
            if (not cls or len(leads) < 3 or len(leads) * 3 < len(children) * 2
                    or len(texts) > max(3, len(leads) // 3)):
                continue
            if all(cues.name_like(t) and len(t.split()) <= 3 for t in texts):
                for el, _ in leads:
                    self.words.mark_name(el)

    def _read(self, tag: Tag, skip_subtree: Tag | None = None) -> _Read:
        r = self.reader.read(tag, skip_subtree)
        if r is None:
            self.oversized += 1
            return _Read(tag=tag)
        return r

    def _item_shape(self, tags: list[Tag]) -> str | None:
        """The message-worded shape repeated among a group's children.

        `<dd>`s under one `<dt>` are a turn's lines whatever their classes.
        """
        for shape, n in _count(self.words.shape(k) for k in tags).items():
            if n >= 2 and (set(_SHAPE_WORDS.split(shape)) & cues.GROUP_ITEM_WORDS or shape.startswith("dd.")):
                return shape
        # rows with no words to go by ("css-1x2y3z"), each holding its own <time>:
        # messages; their untimed siblings of that shape (a name row) are not
        wordless = [k for k in tags if self.words.shape(k).split(".", 1)[1] in ("", "~")]
        if len(wordless) >= 2:
            for shape, n in _count(self.words.shape(k) for k in wordless if _holds_time(k)).items():
                if n >= 2:
                    return _TIMED + shape
        return None

    def _is_item(self, tag: Tag, item: str | None) -> bool:
        """`tag` is one of a group's bubbles, of the shape `_item_shape` found."""
        if item is None:
            return False
        if item.startswith(_TIMED):
            return self.words.shape(tag) == item[len(_TIMED):] and _holds_time(tag)
        return self.words.shape(tag) == item

    def _group_body(self, tag: Tag, item: str | None = None) -> Tag | None:
        """The element holding a group's bubbles, when `tag` is a message group.

        A group is a wrapper (Genesys' cx-message-group, one sender's run)
        whose element, at most three levels down, holds two or more children
        of one message-worded shape ("bubble", "message", "msg", "line"),
        or, given the `item` shape its sibling groups hold, one child of it.
        """
        stack = [(tag, 0)]
        seen = 0
        while stack:
            node, depth = stack.pop()
            seen += 1
            if seen > 60:
                return None
            kids = _children(node)
            if item is not None:
                if any(self._is_item(k, item) for k in kids) and not self._one_bubble(node):
                    return node
            elif len(kids) >= 2 and self._item_shape(kids) is not None and not self._one_bubble(node):
                return node
            if depth < 3:
                stack.extend((k, depth + 1) for k in reversed(kids))
        return None

    def _one_bubble(self, node: Tag) -> bool:
        """A bubble whose paragraphs are worded like it (`Bubble_root` > `Bubble_p` x2): one message."""
        own = self.words.of(node)
        return bool(own & cues.BUBBLE_WORDS) and not own & cues.GROUP_WORDS

    def read(self) -> _Candidate | str:
        """The candidate's messages and score, or why it is not a chat."""
        units = self.units()
        if len(units) < 2:
            return "fewer than two blocks"
        header_shapes = self._header_shapes(units)
        drafts: list[_Draft] = []
        day: str | None = None
        day_time = ""  # the clock of a "Today 14:02" separator, for the next message
        header: _Header | None = None
        pending: _Read | None = None  # a sibling "Adviser said :" before its bubble
        for unit in units:
            r = unit.read
            if header is not None and header.group != unit.group:
                header = None
            if r.typing or r.reaction:
                continue
            if unit.head:
                header = self._group_header(r, unit.group) or header
                if header is not None and header.group == unit.group:
                    continue
            if not r.text and not r.spoken and not r.time_text:
                continue
            own_side = r.strong.side()
            if not r.text and r.spoken and not r.time_text:
                pending = r
                continue
            separator = r.text if not r.time_text else (r.time_text if not r.text else "")
            if own_side in (None, "system") and not r.speaker and separator and cues.day_like(separator):
                label, clock = cues.split_clock(cues.DECOR.sub("", separator))
                day, day_time = (label or day), clock
                header = None
                continue
            if not r.text:
                continue
            bare = ""
            if not r.speaker:
                # a time row of its own, maybe with a receipt: "10:38 AM" + "Read"
                bare = r.time_text if cues.NOISE.match(r.text) else "" if r.time_text else _bare_time(r.text)
            last = drafts[-1] if drafts else None
            if bare and last is not None and not last.read.time_text and last.role != "system" and (
                own_side is None or last.role is None or own_side == _side_of(last.role)
            ):
                # "08:16" alone under a run's last bubble (and "08:21 · Delivered"): its time
                last.read.time_text = bare
                continue
            if cues.NOISE.match(r.text) and (
                own_side is None or self.words.of(r.tag) & cues.RECEIPT_WORDS or (unit.group and not unit.item)
            ):
                continue  # "Seen", "Delivered 10:45", "Load earlier messages", a run's "Read by Rhea" row
            if r.link_chars >= len(r.text) - r.text.count("\n") and (
                r.links > 1 and own_side is None or r.links and own_side == "system"
            ):
                continue  # quick replies as plain links, a centred "Rate this chat" link: not chat lines
            if unit.shape in header_shapes:
                label, clock = cues.split_clock(r.text)
                name, paren = cues.split_name(label)
                header = _Header(name, cues.name_role(name, paren), clock or r.time_text, own_side, unit.group)
                continue
            if own_side != "system" and pending is not None:
                _merge(r, pending)
                own_side = r.strong.side()
            pending = None
            if header is not None:
                if header.side is None and not header.unmarked:
                    header.side = own_side
                    header.unmarked = own_side is None
                elif own_side is not None and (header.unmarked or own_side != header.side):
                    header = None  # "Volt" over unmarked bubbles does not name the right-aligned reply
            if header is not None:
                if own_side is None and header.side not in (None, "system") and header.side_role:
                    r.vote(header.side_role, _W_OWN)  # <dt data-party="staff"> over its <dd>
                if not r.speaker and header.name and own_side != "system":
                    r.speaker = header.name
                    r.vote(header.role, _W_NAME)
                # the header's time is when the run began: its first line's time
                if not r.time_text and header.time_text:
                    r.time_text = header.time_text
                    r.datetime_text = r.datetime_text or header.datetime_text
                header.time_text, header.datetime_text = "", None
            if day_time and not r.time_text:
                r.time_text = day_time
            day_time = ""
            role = r.votes.role()
            # "Marcus has joined the chat", even inside a side-classed line, unless
            # a label says who sent it (then it is someone saying so)
            unlabelled = not (r.speaker or r.time_text or r.spoken)
            # "Chat started · 10:38 AM", "Conversation transferred – 03/13/2024 01:58 PM"
            timed = _TRAILING_TIME.match(r.event_text) if unlabelled else None
            if timed and cues.time_like(timed.group(2)) and cues.is_event(timed.group(1)):
                role = "system"
                r.event_text, r.time_text = timed.group(1), timed.group(2)
            elif (r.strong.side() in (None, "system") or unlabelled) and cues.is_event(r.event_text):
                role = "system"
            drafts.append(_Draft(r, role, role is not None, day, unit.shape))
        return self._finish(drafts, units)

    def _group_header(self, r: _Read, group: int) -> _Header | None:
        """A group's own labels as the header of its bubbles, if they are a name or a time."""
        badge = None
        if r.speaker:
            # a name label found: what text is left is a badge ("Pinecrest team")
            name, clock = r.speaker, ""
            badge = r.text if r.text and "\n" not in r.text and len(r.text) <= 40 else None
        else:
            name, clock = cues.split_clock(r.text) if r.text else ("", "")
            # "Nora<span>Virtual assistant</span>": a name, then its badge, run together
            parts = _row_parts(r.tag) if name and "\n" not in r.text else None
            if parts and len(parts) == 2 and cues.name_like(parts[0]):
                name, badge = parts
            elif name and not cues.name_like(name):
                if not parts or not cues.name_like(parts[0]):
                    return None
                name = parts[0]
            name = cues.split_name(name)[0] if name else r.speaker
        if not name and not (clock or r.time_text):
            return None
        role = None
        if name:
            shown, paren = cues.split_name(name)
            role = cues.name_role(shown, paren or badge)
        return _Header(name, role, clock or r.time_text, r.strong.side(), group, r.strong.role(),
                       None if clock else r.datetime_text)

    def _header_shapes(self, units: list[_Unit]) -> set[str]:
        """Shapes used only for name headers over a run of bubbles of another shape."""
        by_shape: dict[str, list[int]] = {}
        for i, u in enumerate(units):
            if u.read.text and not u.read.typing and not u.head:
                by_shape.setdefault(u.shape, []).append(i)
        if len(by_shape) < 2:
            return set()
        out = set()
        for shape, idx in by_shape.items():
            if len(idx) > max(len(v) for s, v in by_shape.items() if s != shape):
                continue  # headers never outnumber the bubbles they head
            if len(idx) < 2 and not self.words.of(units[idx[0]].read.tag) & cues.NAME_WORDS:
                continue  # one short line ("Hi") is not a header unless it says it is a name
            ok = True
            for i in idx:
                r = units[i].read
                nxt = units[i + 1] if i + 1 < len(units) else None
                if (
                    nxt is None
                    or nxt.shape == shape
                    or "\n" in r.text
                    or not cues.name_like(cues.split_clock(r.text)[0] or r.text)
                    or cues.day_like(r.text)
                    or cues.is_event(r.text)
                ):
                    ok = False
                    break
            if ok:
                out.add(shape)
        if len(out) > 1:
            # the rarest shape; a tie goes to the one seen first, never to set order
            # (which changes with the hash seed, and so the parse from run to run)
            out = {min(out, key=lambda s: (len(by_shape[s]), by_shape[s][0]))}
        return out

    def _finish(self, drafts: list[_Draft], units: list[_Unit]) -> _Candidate | str:
        # Roles left open, in order of confidence: a known speaker keeps the
        # role they had elsewhere; once the customer is identified, a named
        # speaker is on the company's side ("a customer/agent pair"); with one
        # side identified in a markedly chat container, blocks of that shape
        # with no evidence are the other side ("is-mine" layouts); with both
        # sides identified, an unmarked block continues the one before it.
        account = self.reader.account
        if account:
            for d in drafts:
                if d.role is None and d.read.speaker in (account, account.split()[0]):
                    d.role, d.explicit = "customer", True  # "Sam" on a page "Signed in as Sam Patel"
        by_speaker = {d.read.speaker: d.role for d in drafts if d.explicit and d.read.speaker}
        has_customer = any(d.role == "customer" and d.explicit for d in drafts)
        explicit_sides = {_side_of(d.role) for d in drafts if d.explicit and d.role != "system"}
        strong = self._strong_cue() or any(d.read.spoken for d in drafts)
        for d in drafts:
            if d.role is not None:
                continue
            if d.read.speaker and d.read.speaker in by_speaker:
                d.role = by_speaker[d.read.speaker]
            elif d.read.speaker and has_customer:
                d.role = "agent"
        if strong and len(explicit_sides) == 1:
            known = next(iter(explicit_sides))
            shapes = {d.shape for d in drafts if d.explicit and _side_of(d.role) == known}
            for d in drafts:
                if d.role is None and d.shape in shapes:
                    d.role = "customer" if known == "company" else "agent"
        if len(explicit_sides) == 2:
            for prev, d in zip(drafts, drafts[1:]):
                if d.role is None and prev.role not in (None, "system") and prev.shape == d.shape:
                    d.role = prev.role
        kept = [d for d in drafts if d.role is not None]
        dropped = len(drafts) - len(kept)
        _carry_names(kept)

        verdict = self._verdict(kept, strong)
        if verdict:
            return verdict
        talk = [d for d in kept if d.role != "system"]
        messages = [
            ParsedMessage(
                role=d.role or "system",
                speaker="" if d.role == "system" else d.read.speaker,
                text=_system_text(d.read) if d.role == "system" else d.read.text,
                time_text=d.read.time_text,
                datetime_text=d.read.datetime_text,
                day_text=d.day,
            )
            for d in kept
        ]
        evidenced = sum(1 for d in talk if d.explicit)
        timed = sum(1 for d in talk if d.read.time_text or d.read.datetime_text)
        score = 2 * evidenced + len(talk) + timed + (5 if strong else 0) - dropped - self.oversized
        return _Candidate(messages, score, len(units), self._header_text())

    def _verdict(self, kept: list[_Draft], strong: bool) -> str:
        """Why these messages are not a chat ("" when they are). The gates:

        1. two or more messages, from both the customer's and the company's side;
        2. a chat cue: chat words on the container or its ancestors, `role=log`,
           screen-reader "X said" labels, or chat words on most blocks;
        3. not mostly links (search results, inbox rows, related stories);
        4. not mostly check boxes or headings (selectable rows, titled cards);
        5. no forum/shop/inbox/FAQ/ledger words on the container, nor on most
           blocks unless the container is plainly a chat (Intercom's bubbles
           are "intercom-comment").
        """
        talk = [d for d in kept if d.role != "system"]
        sides = {_side_of(d.role) for d in talk}
        if len(talk) < 2:
            return "fewer than two messages with a known side"
        if sides != {"customer", "company"}:
            return f"only one side speaks ({', '.join(sorted(s or '?' for s in sides))})"
        if not (strong or self._chat_cue() or self.reader.chat_page or sum(d.read.chat_words for d in kept) * 2 >= len(kept)):
            return "no chat cue on the container, its ancestors or its blocks"
        if sum(d.read.link_chars * 2 > d.read.all_chars for d in talk) * 2 >= len(talk):
            return "most blocks are links"
        if sum(d.read.has_checkbox or d.read.has_heading for d in talk) * 3 >= len(talk):
            return "blocks carry check boxes or headings"
        container = self.words.of(self.tag)
        if container & cues.NOT_CHAT and not container & cues.STRONG_CHAT:
            return "forum, shop, inbox, FAQ or ledger words on the container"
        if not strong and sum(d.read.not_chat for d in talk) * 2 >= len(talk):
            return "forum, shop, inbox, FAQ or ledger words on most blocks"
        return ""

    # -- cues around the container --

    def _around(self) -> Iterable[Tag]:
        yield self.tag
        for depth, parent in enumerate(self.tag.parents):
            if depth >= _ANCESTOR_CUE_DEPTH or parent.name in ("body", "html", "[document]"):
                break
            yield parent

    def _strong_cue(self) -> bool:
        # role=log may sit on a wrapper of the list: <div role=log><div role=list>rows
        return any(t.get("role") == "log" or self.words.of(t) & cues.STRONG_CHAT for t in self._around())

    def _chat_cue(self) -> bool:
        return any(self.words.of(t) & cues.CHAT for t in self._around()) or self._title_bar()

    def _title_bar(self) -> bool:
        """A panel's title bar before the transcript says "Chat" or "Chat with Lumen".

        Looked for among the few elements just before the container or its
        parent, in their first few strings only.
        """
        for scope in itertools.islice(itertools.chain((self.tag,), self.tag.parents), 3):
            for sib in itertools.islice(scope.find_previous_siblings(True), 3):
                if sib.name in NON_TEXT:
                    continue
                strings = (s for s in sib.find_all(string=True, limit=12)
                           if not isinstance(s, Comment) and s.parent is not None and s.parent.name not in NON_TEXT)
                if any(cues.chat_title(str(s)) for s in strings if s.strip()):
                    return True
        return False

    def _header_text(self) -> str | None:
        """A "Chat started: March 3, 2025 2:04 PM" line above the transcript."""
        scope = self.tag
        for _ in range(3):
            if isinstance(scope.parent, Tag) and scope.parent.name not in ("body", "html", "[document]"):
                scope = scope.parent
        budget = 3000
        for node in scope.descendants:
            if node is self.tag:
                break
            budget -= 1
            if budget <= 0:
                break
            if not isinstance(node, NavigableString) or isinstance(node, Comment) or node.parent is None:
                continue
            if node.parent.name in NON_TEXT:
                continue
            text = cues.clean(str(node))
            if cues.CHAT_STARTED.match(text) and _DIGIT.search(text):
                label = shown_text(node.parent)
                return label if cues.CHAT_STARTED.match(label) else text
        return None


def _system_text(r: _Read) -> str:
    """An event line's text: its name kept in ("Marcus has joined"), unless the name
    label only says who the widget is ("System" in a From column)."""
    if r.speaker and cues.name_role(*cues.split_name(r.speaker)) == "system":
        return r.text
    return r.event_text


def _side_of(role: str | None) -> str | None:
    if role in ("agent", "bot"):
        return "company"
    return role


def _merge(r: _Read, label: _Read) -> None:
    """Apply a sibling screen-reader label to the bubble after it."""
    r.votes.counts.update(label.strong.counts)
    r.strong.counts.update(label.strong.counts)
    r.speaker = r.speaker or label.speaker
    r.time_text = r.time_text or label.time_text
    r.spoken = True


def _carry_names(drafts: list[_Draft]) -> None:
    """A name shown once per run of one side's messages applies to the whole run.

    A name on the first bubble of a run carries forward; one shown only on the
    last (Chatwoot-style) carries back. A system line or the other side ends
    the run.
    """
    runs: list[list[_Draft]] = []
    for d in drafts:
        if runs and d.role != "system" and runs[-1][-1].role == d.role:
            runs[-1].append(d)
        else:
            runs.append([d])
    for run in runs:
        if run[0].role == "system":
            continue
        current = ""
        for d in run:
            if d.read.speaker:
                current = d.read.speaker
            elif current:
                d.read.speaker = current
        named = next((d.read.speaker for d in run if d.read.speaker), "")
        for d in run:
            if d.read.speaker:
                break
            d.read.speaker = named


# -- the page ---------------------------------------------------------------------


def detect(soup: BeautifulSoup) -> bool:
    """The generic parser is the fallback: it may look at any document."""
    return True


def parse(soup: BeautifulSoup, *, events_beside: bool = True) -> ParsedChat:
    """The chat transcript in `soup`, or an empty message list when there is none.

    `events_beside=False` leaves out event lines outside the transcript's list:
    a large page's slices each repeat what stands before the list.
    """
    best: _Candidate | None = None
    best_tag: Tag | None = None
    best_key: tuple[int, int, int] | None = None
    reader = _Reader(soup)
    for rank, (tag, result) in enumerate(_judge(soup, reader)):
        if isinstance(result, str):
            continue
        # ties go to the tighter container, then to the better first look
        key = (result.score, -result.units, -rank)
        if best_key is None or key > best_key:
            best, best_tag, best_key = result, tag, key
    if best is None or best_tag is None:
        return ParsedChat(parser=NAME, messages=_text_log(soup, reader))
    messages = _with_sibling_sections(reader, best_tag, best.messages)
    if messages is best.messages and events_beside:
        messages = _with_events_beside(reader, best_tag, messages, best.header_text)
    return ParsedChat(parser=NAME, messages=messages, header_text=best.header_text)


def _with_sibling_sections(reader: _Reader, tag: Tag, messages: list[ParsedMessage]) -> list[ParsedMessage]:
    """The transcript continued in sibling sections of the same classed shape (one per day).

    A history split into `<div class="day">` sections is one chat; each
    section is read as its own container and must pass as a chat itself.
    """
    parent = tag.parent
    shape = reader.words.shape(tag)
    if parent is None or shape.endswith("."):
        return messages  # an unclassed <div>: siblings of that shape are anything
    sections = [c for c in _children(parent) if c is tag or reader.words.shape(c) == shape]
    if len(sections) < 2:
        return messages
    out: list[ParsedMessage] = []
    for section in sections:
        if section is tag:
            out.extend(messages)
            continue
        result = _Container(reader, section).read()
        if not isinstance(result, str):
            out.extend(result.messages)
    return out


def _with_events_beside(reader: _Reader, tag: Tag, messages: list[ParsedMessage],
                        header: str | None = None) -> list[ParsedMessage]:
    """Event lines standing just before or after the transcript's list, outside it.

    "Chat request received" above a `<dl>` of turns and "Chat ended" below it
    are the chat's first and last lines. Only adjacent siblings count, and only
    while each reads as an event: an event's wording, or a timed system-worded block.
    """

    def events(siblings: Iterable[Tag]) -> list[ParsedMessage]:
        out = []
        for sib in itertools.islice(siblings, 5):
            if sib.name in NON_TEXT:
                continue
            r = reader.read(sib)
            if r is None or not r.text or r.speaker or "\n" in r.text or len(r.text) > 160:
                break
            text, clock = r.event_text or r.text, r.time_text
            if header and cues.clean(text) == cues.clean(header):
                break  # "Chat started: March 3, 2025 2:04 PM" heads the page: its header_text
            timed = _TRAILING_TIME.match(text) if not clock else None
            if timed and cues.time_like(timed.group(2)):
                text, clock = timed.group(1), timed.group(2)
            # a system-worded line needs its time too: "Rate this chat" in a notice box is no event
            if r.typing or not (cues.is_event(text) or (r.strong.side() == "system" and clock)):
                break
            out.append(ParsedMessage(role="system", speaker="", text=text, time_text=clock,
                                     datetime_text=r.datetime_text))
        return out

    before = events(tag.find_previous_siblings(True))
    after = events(tag.find_next_siblings(True))
    if not before and not after:
        return messages
    return [*reversed(before), *messages, *after]


#: a transcript written as text lines needs this many timed lines ("[16:20:11] Marco (Agent): Hello")
_TEXT_LOG_MIN_LINES = 3


def _text_log(soup: BeautifulSoup, reader: _Reader) -> list[ParsedMessage]:
    """A whole transcript as text lines in one element (a pre-wrap `<div>`, a `<pre>`).

    Lines before the first timed line are a preamble; an untimed line continues
    the message above. A name with a role ("Marco (Agent)", "System") sets its
    side; with the company's side named, the one other name is the customer.
    The element needs a chat cue around it, as any candidate does.
    """
    root = soup.body if soup.body is not None else soup
    seen: set[int] = set()
    for node in root.descendants:
        if not isinstance(node, NavigableString) or isinstance(node, Comment) or node.count("\n[") + node.count("\n(") < 2:
            continue
        el = node.parent
        if el is None or id(el) in seen or el.name in NON_TEXT:
            continue
        seen.add(id(el))
        # the raw strings: a pre-wrap <div>'s line breaks are in them, not in its markup
        if any(c.name not in ("b", "i", "em", "strong", "span", "a", "br") for c in _children(el)):
            continue
        messages = _read_text_log("".join(
            "\n" if isinstance(c, Tag) and c.name == "br" else c.get_text() if isinstance(c, Tag) else str(c)
            for c in el.contents if not isinstance(c, Comment)))
        container = _Container(reader, el)
        if messages and (container._strong_cue() or container._chat_cue()):
            return messages
    return []


def _read_text_log(text: str) -> list[ParsedMessage]:
    rows: list[list[str]] = []  # time, name, text lines
    for line in text.split("\n"):
        names: list[str] = []
        times: list[str] = []
        body = _log_line(line.strip(), names, times).strip()  # the same line syntax as a block's log line
        if times and body:
            rows.append([times[0].strip(), names[0].strip() if names else "", body])
        elif rows and line.strip():
            rows[-1][2] += "\n" + line.strip()
    if len(rows) < _TEXT_LOG_MIN_LINES:
        return []
    roles: dict[str, str | None] = {}
    for _, name, _ in rows:
        if name and name not in roles:
            roles[name] = cues.name_role(*cues.split_name(name)) if cues.loose_name(name) else None
    unknown = [n for n, r in roles.items() if r is None]
    if len(unknown) == 1 and any(r in ("agent", "bot") for r in roles.values()) and "customer" not in roles.values():
        roles[unknown[0]] = "customer"  # a two-party chat: the company named, the other is the customer
    out = []
    for clock, name, body in rows:
        role = roles.get(name) if name else ("system" if cues.is_event(body) else None)
        if role is None:
            return []  # a line nobody can place: not a chat we can read honestly
        speaker = "" if role == "system" else cues.split_name(name)[0]
        out.append(ParsedMessage(role=role, speaker=speaker, text=body, time_text=clock))
    sides = {_side_of(m.role) for m in out}
    return out if {"customer", "company"} <= sides else []


@dataclass
class Verdict:
    """One candidate container and what the generic parser made of it."""

    element: str  # tag#id.classes
    messages: int
    score: int | None  # None when rejected
    reason: str  # why it was rejected ("" when accepted)


def explain(soup: BeautifulSoup) -> list[Verdict]:
    """Every candidate the parser weighed, in first-look order: for debugging a page."""
    out = []
    for tag, result in _judge(soup):
        label = tag.name + (f"#{tag['id']}" if isinstance(tag.get("id"), str) else "")
        label += "".join(f".{c}" for c in classes(tag))
        if isinstance(result, str):
            out.append(Verdict(label, 0, None, result))
        else:
            out.append(Verdict(label, len(result.messages), result.score, ""))
    return out


def _judge(soup: BeautifulSoup, reader: _Reader | None = None) -> list[tuple[Tag, _Candidate | str]]:
    """Candidates by their first look, each read in full (or rejected, with a reason)."""
    reader = reader or _Reader(soup)
    words = reader.words
    # an empty <body> is a falsy Tag: test for None, not truth
    root = soup.body if soup.body is not None else soup
    ranked: list[tuple[int, int, Tag]] = []
    # one pass over the tree: every element is some parent's child exactly once
    for order, node in enumerate(root.descendants):
        if not isinstance(node, Tag) or node.name in NON_TEXT:
            continue
        kids = _children(node)
        if len(kids) < 2:
            continue
        quick = _quick_score(node, kids, words)
        if quick > 0:
            ranked.append((quick, -order, node))
    ranked.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [(tag, _Container(reader, tag).read()) for _, _, tag in ranked[:_MAX_CANDIDATES]]


def _quick_score(node: Tag, kids: list[Tag], words: _Words) -> int:
    """A cheap first look: repeated children plus a chat or side cue nearby."""
    repeated = max(_count(words.shape(k) for k in kids).values())
    if repeated < 2:
        return 0
    cue = 0
    if node.get("role") == "log":
        cue += 6
    # walk up lazily: materialising every element's parents is quadratic on deep pages
    for depth, t in enumerate(itertools.chain((node,), node.parents)):
        if depth > _ANCESTOR_CUE_DEPTH:
            break
        w = words.of(t)
        if w & cues.STRONG_CHAT:
            cue += 5
            break
        if w & cues.CHAT:
            cue += 3
            break
    side_kids = spoken_kids = 0
    for k in kids:
        w = words.of(k)
        if w & cues.SIDE_WORDS or words.layout(k):
            side_kids += 1
        if w & cues.CHAT:
            cue += 1
        aria = k.get("aria-label")
        if isinstance(aria, str) and _SPOKEN_HINT.search(aria):
            spoken_kids += 1
    if side_kids >= 2:
        cue += 4
    if spoken_kids >= 2:
        cue += 4
    if cue == 0:
        return 0
    return cue + min(repeated, 50)
