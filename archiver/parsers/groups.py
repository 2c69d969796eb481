"""Bubbles paired with the message group around them, found in one walk down.

Asking each bubble for its group (`find_parent`) climbs the page's nesting
depth once per bubble; carrying the innermost group down the walk visits each element once.
"""

from __future__ import annotations

from collections.abc import Iterable

from bs4 import Tag

from .html import classes


def in_groups(root: Tag, names: Iterable[str], group_names: Iterable[str]) -> list[tuple[Tag, Tag | None]]:
    """Outermost elements below `root` carrying any class in `names`, in document order,
    each with its nearest ancestor carrying a class in `group_names` (None when none has one).

    The same elements as `html.by_classes(root, names)`; the group is the one
    `element.find_parent(class_=...)` would give, the ancestors of `root` included.
    """
    want = frozenset(names)
    groups = frozenset(group_names)
    outer: Tag | None = root if groups.intersection(classes(root)) else None
    if outer is None:
        # one climb per call, not per element
        outer = next((p for p in root.parents if groups.intersection(classes(p))), None)
    found: list[tuple[Tag, Tag | None]] = []
    stack: list[tuple[Tag, Tag | None]] = [(c, outer) for c in reversed(root.contents) if isinstance(c, Tag)]
    while stack:
        node, group = stack.pop()
        cls = classes(node)
        if want.intersection(cls):
            found.append((node, group))
            continue
        if groups.intersection(cls):
            group = node
        stack.extend((c, group) for c in reversed(node.contents) if isinstance(c, Tag))
    return found
