"""Which company a chat was with, named the way a person would name it.

`--company` wins. Otherwise the page's address (Chrome's "saved from" comment,
the canonical link, MHTML's Snapshot-Content-Location, a live page's URL) gives
the registrable domain; the title or the site-name meta supplies its spelling
("American Express" rather than "Americanexpress") when one matches it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_SITE_NAME = re.compile(
    r"""<meta\b[^>]*?\b(?:property|name)\s*=\s*["'](?:og:site_name|application-name)["'][^>]*?\bcontent\s*=\s*["']([^"']{1,80})["']""",
    re.I,
)
_SPLIT_TITLE = re.compile(r"\s+[|\-–—:·•]\s+|\s*[|–—·•]\s*")
#: second-level labels that belong to the public suffix ("bank.co.uk")
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "ltd", "plc", "gob", "nic"}
_GENERIC_TITLE = re.compile(r"^(chat|live chat|support|help|customer service|contact us|messages?|home)$", re.I)


def company_key(name: str) -> str:
    """The company name as it takes part in ids: lower-case letters and digits."""
    return re.sub(r"[^0-9a-z]", "", name.lower())


def domain_label(url: str | None) -> str | None:
    """The registrable label of a URL's host: secure.chase.com -> chase."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or re.fullmatch(r"[\d.]+|localhost|\[.*\]", host):
        return None
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return labels[0] if labels else None
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def company_name(url: str | None, title: str | None, html_head: str = "") -> str | None:
    """A readable company name from what the page says about itself, or None."""
    label = domain_label(url)
    candidates: list[str] = []
    m = _SITE_NAME.search(html_head[:200_000])
    if m:
        candidates.append(" ".join(m.group(1).split()))
    if title:
        candidates.extend(p.strip() for p in _SPLIT_TITLE.split(title) if p.strip())
    if label:
        for c in candidates:
            if company_key(c) == label:
                return c
        return label.capitalize() if not label.isupper() else label
    for c in candidates:
        if not _GENERIC_TITLE.match(c) and len(c) <= 40:
            return c
    return None
