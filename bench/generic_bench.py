"""Generic parser benchmark: time against page size, and hostile shapes.

    python bench/generic_bench.py [--max-mb 50]

Builds pages in the layout of tests/fixtures/generic/kestrel-log.html with
more and more messages and times generic.parse on the parsed soup (pages under
the slicing threshold), then find_chat on the largest (sliced, as imports do).
Also times pages built to be awkward: 12,000-deep nesting, a page of many small
repeated lists, and a transcript whose bubbles each nest 1,500 deep. Linear
growth is the point: the time per MB should stay roughly flat.
"""

from __future__ import annotations

import argparse
import resource
import time

from archiver.model import Document
from archiver.parsers import find_chat, generic
from archiver.parsers.html import make_soup

HEAD = """<!DOCTYPE html><html><head><title>Chat · Kestrel Bank</title></head><body>
<header><nav><a href="/">Home</a></nav></header><section class="chat-panel">
<ul class="chat-log" role="log" aria-live="polite">"""
TAIL = "</ul></section><footer>&copy; Kestrel</footer></body></html>"


def message(i: int) -> str:
    side, label = ("in", "Adviser") if i % 2 else ("out", "You")
    name = '<span class="msg__name">Priya</span>' if i % 2 else ""
    return (
        f'<li class="msg msg--{side}"><span class="visually-hidden">{label} said :</span>{name}'
        f'<div class="msg__bubble">Message {i}: your reference is REF{i:07d} &amp; the credit is ${i % 97}.00</div>'
        f'<time class="msg__time" datetime="2025-03-04T09:{i // 60 % 60:02d}:{i % 60:02d}-05:00">9:{i // 60 % 60:02d} am</time></li>\n'
    )


def chat_page(target_bytes: int) -> str:
    parts = [HEAD]
    size = len(HEAD)
    i = 0
    while size < target_bytes:
        m = message(i)
        parts.append(m)
        size += len(m)
        i += 1
    parts.append(TAIL)
    return "".join(parts)


def timed(label: str, html: str, direct: bool = True) -> None:
    t0 = time.perf_counter()
    if direct:
        soup = make_soup(html)
        t1 = time.perf_counter()
        n = len(generic.parse(soup).messages)
    else:
        t1 = t0
        n = len(find_chat([Document(html=html, location="bench.html")]).messages)
    t2 = time.perf_counter()
    mb = len(html) / 1e6
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{label:38} {mb:7.1f} MB  parse-html {t1 - t0:6.2f}s  generic {t2 - t1:6.2f}s"
          f"  ({(t2 - t1) / mb:5.2f} s/MB)  {n:7d} msgs  peak RSS {rss:6.0f} MB")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--max-mb", type=float, default=50)
    args = ap.parse_args()
    for mb in (0.5, 2, 7):
        timed("chat page, soup then generic.parse", chat_page(int(mb * 1e6)))
    timed("chat page via find_chat (sliced)", chat_page(int(args.max_mb * 1e6)), direct=False)
    deep = HEAD + "<div>" * 12000 + "".join(message(i) for i in range(50)) + "</div>" * 12000 + TAIL
    timed("12,000-deep nesting", deep)
    lists = "<body>" + "".join(
        f'<ul class="msg-list"><li class="msg msg--in">a{i}</li><li class="msg msg--out">b{i}</li></ul>'
        for i in range(40000)
    ) + "</body>"
    timed("40,000 tiny two-sided lists", lists)
    nested = HEAD + "".join(
        f'<li class="msg msg--{"in" if i % 2 else "out"}">' + "<span>" * 1500 + f"deep {i}" + "</span>" * 1500 + "</li>"
        for i in range(200)
    ) + TAIL
    timed("200 bubbles nesting 1,500 deep", nested)


if __name__ == "__main__":
    main()
