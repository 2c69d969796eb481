"""Finding elements by class in one pass over a subtree, without CSS selectors.

A `select_one` per message makes soupsieve climb to the document root, and
`outermost()` climbs every ancestor: both cost the page's nesting depth per
message, which a hostile page can make enormous. These walks visit each
element under the root once and never look up.
"""

from __future__ import annotations

from collections.abc import Iterable

from bs4 import Tag

from .html import classes


def by_classes(root: Tag, names: Iterable[str], *, nested: bool = False) -> list[Tag]:
    """Elements below `root` carrying any class in `names`, in document order.

    The inside of a match is not searched unless `nested`, so by default only
    outermost matches come back (a line nested in a line is part of it).
    """
    want = frozenset(names)
    found: list[Tag] = []
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        node = stack.pop()
        if want.intersection(classes(node)):
            found.append(node)
            if not nested:
                continue
        stack.extend(c for c in reversed(node.contents) if isinstance(c, Tag))
    return found


def first_by_classes(root: Tag, names: Iterable[str]) -> Tag | None:
    """The first element below `root` (document order) carrying any class in `names`."""
    want = frozenset(names)
    stack = [c for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        node = stack.pop()
        if want.intersection(classes(node)):
            return node
        stack.extend(c for c in reversed(node.contents) if isinstance(c, Tag))
    return None
