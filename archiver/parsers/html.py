"""Reading text out of widget markup the way a person sees it.

Parsers share these helpers so every family treats hidden elements, line
breaks and whitespace alike. Walks are iterative: saved pages can nest
thousands of elements deep and must not exhaust Python's recursion limit.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator

from bs4 import BeautifulSoup, Comment, NavigableString, Tag, XMLParsedAsHTMLWarning
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction, Stylesheet, Script, TemplateString

#: class names that hide text visually but keep it for screen readers
VISUALLY_HIDDEN = frozenset(
    {
        "sr-only",
        "visually-hidden",
        "visuallyhidden",
        "govuk-visually-hidden",
        "screen-reader-text",
        "screen-reader-only",
        "screenreader-only",
        "slds-assistive-text",
        "assistive-text",
        "a11y-hidden",
        "cdk-visually-hidden",
        "offscreen",
        "sr-text",
        "u-hidden-visually",
        "hidden-accessible",
        "hide-text",
        "print-only",
    }
)
#: elements whose content is never message text
NON_TEXT = frozenset(
    {"script", "style", "template", "noscript", "head", "title", "meta", "link", "svg", "canvas",
     "input", "textarea", "select", "option", "button", "iframe", "object", "embed", "audio", "video"}
)
BLOCK = frozenset(
    {"p", "div", "li", "ul", "ol", "section", "article", "header", "footer", "blockquote", "pre",
     "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "dl", "dt", "dd", "figure", "figcaption",
     "main", "aside", "nav", "form", "fieldset", "address", "hr"}
)
_SKIP_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction, Stylesheet, Script, TemplateString)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_SPACES = re.compile(r"[^\S\n]+")
_NEWLINES = re.compile(r"\n{3,}")
_ASCII_WS = re.compile(r"[ \t\r\n\f]+")
#: control characters no chat shows (terminal escapes, bells); \x00 is our own marker
_CONTROLS = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f]")


def make_soup(html: str) -> BeautifulSoup:
    """Parse HTML with lxml, as every parser expects.

    An XHTML page (one that opens with `<?xml ...?>`) is still read as HTML, the
    way the browser that saved it read it; bs4's warning about that is not the
    user's business, so it is silenced here rather than printed on every import.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(html, "lxml")


def classes(tag: Tag) -> list[str]:
    """The element's class list (always a list)."""
    value = tag.get("class")
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    return list(value)


def is_hidden(tag: Tag) -> bool:
    """True when the element itself is hidden from sight.

    Covers the `hidden` attribute, inline
    `display:none`/`visibility:hidden`, and visually-hidden utility classes.
    """
    attrs = tag.attrs
    if not attrs:
        return False
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    cls = attrs.get("class")
    if cls:
        for c in cls if not isinstance(cls, str) else cls.split():
            if c in VISUALLY_HIDDEN:
                return True
    return False


def visible_text(tag: Tag, skip: Iterable[Tag] = ()) -> str:
    """The text a person sees in `tag`: line breaks kept, whitespace normalised.

    Hidden elements, form controls, buttons, scripts and the elements in `skip`
    (a parser's name or time labels inside the bubble) are left out. `<br>` and
    block boundaries become line breaks; runs of spaces become one space.
    """
    skip_ids = {id(t) for t in skip}
    parts: list[str] = []
    stack: list[object] = [tag]
    while stack:
        node = stack.pop()
        if isinstance(node, str) and not isinstance(node, NavigableString):
            parts.append(node)  # a marker pushed below
            continue
        if isinstance(node, NavigableString):
            if isinstance(node, _SKIP_STRINGS):
                continue
            in_pre = node.parent is not None and node.parent.name == "pre"
            parts.append(str(node) if in_pre else _ASCII_WS.sub(" ", str(node)))
            continue
        if not isinstance(node, Tag):
            continue
        if node is not tag:
            if id(node) in skip_ids or node.name in NON_TEXT or is_hidden(node):
                continue
        name = node.name
        if name == "br":
            parts.append("\n")
            continue
        if name == "img":
            alt = node.get("alt")
            # emoji and stickers are images with their character as alt text
            if alt and len(alt) <= 8 and not alt.isascii():
                parts.append(alt)
            continue
        block = name in BLOCK
        if block:
            parts.append("\x00")
            stack.append("\x00")
        stack.extend(reversed(node.contents))
    return _tidy("".join(parts))


def _tidy(raw: str) -> str:
    raw = _CONTROLS.sub("", raw)
    # \x00 marks a soft break (block edge): many in a row, with only space
    # between, count as one. Split and rejoin: a regex over long whitespace
    # runs would backtrack quadratically.
    raw = "\n".join(piece for piece in (p.strip() for p in raw.split("\x00")) if piece)
    raw = raw.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    text = "\n".join(lines).strip("\n")
    return _NEWLINES.sub("\n\n", text).strip()


def all_text(tag: Tag | None) -> str:
    """All text in `tag`, hidden parts included, on one line.

    For labels a page hides until hover (times, names): whitespace is collapsed
    but kept exactly otherwise, so a narrow no-break space survives.
    """
    if tag is None:
        return ""
    texts: list[str] = []
    stack: list[object] = [tag]
    while stack:
        node = stack.pop()
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIP_STRINGS):
                texts.append(str(node))
        elif isinstance(node, Tag) and (node is tag or node.name not in ("script", "style", "template")):
            stack.extend(reversed(node.contents))
    return _ASCII_WS.sub(" ", _CONTROLS.sub("", "".join(texts).replace("\x00", ""))).strip()


def shown_text(tag: Tag | None) -> str:
    """Visible text of a small label (a name or a time), on one line."""
    if tag is None:
        return ""
    return _ASCII_WS.sub(" ", visible_text(tag)).strip()


def iter_tags(root: Tag) -> Iterator[Tag]:
    """All descendant elements of `root` in document order."""
    for node in root.descendants:
        if isinstance(node, Tag):
            yield node


def has_class_stem(tag: Tag, stems: Iterable[str]) -> bool:
    """True when any class of `tag` contains any of `stems`."""
    cls = classes(tag)
    return any(stem in c for c in cls for stem in stems)


def strip_suffix(text: str, suffixes: Iterable[str]) -> str:
    """Drop a trailing ":" or "said" style label from a name."""
    t = text.strip()
    for s in suffixes:
        if t.lower().endswith(s):
            t = t[: -len(s)].strip()
    return t


# -- fast class lookups ----------------------------------------------------------
# CSS selectors (soupsieve) cost more than parsing on chat-sized pages; most
# hooks are plain class names, so one walk with set lookups does the same work.


def _class_set(tag: Tag) -> list[str]:
    value = tag.attrs.get("class") if tag.attrs else None
    if not value:
        return []
    return value.split() if isinstance(value, str) else list(value)


def by_classes(root: Tag, names: Iterable[str], *, nested: bool = False, name: str | None = None) -> list[Tag]:
    """Elements below `root` carrying any class in `names`, in document order.

    The inside of a match is not searched unless `nested`, so by default only
    outermost matches come back (a line nested in a line is part of it). With
    `name`, only elements of that tag name count as matches. One walk down,
    never up: a per-element climb to the root costs the page's nesting depth.
    """
    want = frozenset(names)
    found: list[Tag] = []
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        node = stack.pop()
        if (name is None or node.name == name) and want.intersection(_class_set(node)):
            found.append(node)
            if not nested:
                continue
        stack.extend(c for c in reversed(node.contents) if isinstance(c, Tag))
    return found


def first_with_classes(root: Tag, names: Iterable[str]) -> Tag | None:
    """The first element below `root` (document order) carrying any class in `names`."""
    want = frozenset(names)
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        node = stack.pop()
        if want.intersection(_class_set(node)):
            return node
        stack.extend(c for c in reversed(node.contents) if isinstance(c, Tag))
    return None


def first_by_class(root: Tag, wanted: Iterable[str]) -> dict[str, Tag]:
    """For each class in `wanted`, its first descendant of `root` (one walk)."""
    want = frozenset(wanted)
    found: dict[str, Tag] = {}
    for node in root.descendants:
        if isinstance(node, Tag) and node.attrs:
            for c in _class_set(node):
                if c in want and c not in found:
                    found[c] = node
    return found


def class_index(soup: BeautifulSoup) -> dict[str, list[Tag]]:
    """Every class in the document mapped to its elements; built once per soup.

    Cached on the soup, so each family's detect() costs a dict lookup.
    """
    cached = getattr(soup, "_chat_archiver_classes", None)
    if cached is not None:
        return cached
    index: dict[str, list[Tag]] = {}
    ids: dict[str, Tag] = {}
    order: dict[int, int] = {}
    for n, node in enumerate(soup.descendants):
        if isinstance(node, Tag) and node.attrs:
            order[id(node)] = n
            for c in _class_set(node):
                index.setdefault(c, []).append(node)
            ident = node.attrs.get("id")
            if isinstance(ident, str):
                ids.setdefault(ident, node)
    soup._chat_archiver_classes = index  # type: ignore[attr-defined]
    soup._chat_archiver_ids = ids  # type: ignore[attr-defined]
    soup._chat_archiver_order = order  # type: ignore[attr-defined]
    return index


def with_classes(soup: BeautifulSoup, names: Iterable[str]) -> list[Tag]:
    """Elements of the document carrying any of these classes, in document order."""
    index = class_index(soup)
    order = soup._chat_archiver_order  # type: ignore[attr-defined]
    seen: dict[int, Tag] = {}
    for name in names:
        for tag in index.get(name, ()):
            seen[id(tag)] = tag
    return sorted(seen.values(), key=lambda t: order[id(t)])


def element_by_id(soup: BeautifulSoup, ident: str) -> Tag | None:
    """The first element with id `ident` (from the same one-walk index)."""
    class_index(soup)
    return soup._chat_archiver_ids.get(ident)  # type: ignore[attr-defined]


def has_any_class(soup: BeautifulSoup, names: Iterable[str]) -> bool:
    """True when the document has an element with any of these classes."""
    index = class_index(soup)
    return any(n in index for n in names)
