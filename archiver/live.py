"""The browser side of live capture: a change detector and a DOM serializer, as JS.

Shadow roots are flattened into their hosts (slots replaced by what they show) so
the parsers read a live widget exactly like light DOM; declarative-shadow-DOM
`<template>` output would be invisible to them. The JS runs in hostile pages, so
it keeps its own references to what it needs and never throws into the page.
"""

from __future__ import annotations

#: the function every frame calls when its DOM changed (Playwright expose_binding)
BINDING = "__chatArchiverChanged"
#: the window property (a registered Symbol) that marks a frame as observed
MARK = "chat-archiver.observing"

#: Installed in every frame at document start (context.add_init_script), and
#: again into any frame found without it. One MutationObserver watches the
#: document and every shadow root, including ones attached later (attachShadow
#: is wrapped) and declarative ones (found by scanning added subtrees). It does
#: not read the DOM for Python; it only says "something changed", at most one
#: call in flight per frame, so a busy page cannot flood the collector. Of
#: attribute changes only `hidden`/`aria-hidden` count: class toggles (carousels,
#: hover states) never stop on real pages and would cost a capture each.
OBSERVER_JS = r"""
(() => {
  const MARK = Symbol.for("chat-archiver.observing");
  if (window[MARK]) return;
  Object.defineProperty(window, MARK, { value: true });
  const NAME = "__chatArchiverChanged";
  let binding = window[NAME];
  let pending = false, dirty = false;
  const notify = () => {
    if (pending) { dirty = true; return; }
    if (typeof binding !== "function") binding = window[NAME];
    if (typeof binding !== "function") return;
    pending = true; dirty = false;
    let call;
    try { call = Promise.resolve(binding()); } catch (e) { call = Promise.resolve(); }
    call.catch(() => {}).then(() => { pending = false; if (dirty) notify(); });
  };
  const watched = new WeakSet();
  const options = { childList: true, subtree: true, characterData: true,
                    attributes: true, attributeFilter: ["hidden", "aria-hidden"] };
  const scan = (root) => {
    // find shadow roots under root (open ones via .shadowRoot) and watch them
    const stack = [root];
    while (stack.length) {
      const node = stack.pop();
      const kids = node.children || [];
      for (let i = 0; i < kids.length; i++) {
        const el = kids[i];
        const sr = el.shadowRoot;
        if (sr && !watched.has(sr)) { watch(sr); stack.push(sr); }
        stack.push(el);
      }
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) if (n.nodeType === 1) { try { scan(n); } catch (e) {} }
    }
    notify();
  });
  const watch = (root) => {
    if (watched.has(root)) return;
    watched.add(root);
    observer.observe(root, options);
  };
  const attach = Element.prototype.attachShadow;
  if (typeof attach === "function") {
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      try { watch(root); notify(); } catch (e) {}
      return root;
    };
  }
  watch(document);
  const rescan = () => { try { scan(document); } catch (e) {} notify(); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", rescan, { once: true });
  else rescan();
  window.addEventListener("load", rescan, { once: true });
})();
"""

#: Serializes one frame's document to HTML with open shadow roots flattened into
#: their hosts. Iterative (pages nest deeply); stops at `limit` characters.
#: Returns {html, truncated, title, observing} so Python can re-install a lost observer.
SERIALIZE_JS = r"""
(limit) => {
  const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                        "param", "source", "track", "wbr", "keygen"]);
  const RAW = new Set(["script", "style", "xmp", "noembed", "noframes", "noscript"]);
  const NAME_OK = /^[^\s"'>\/=\u0000-\u001f]+$/;
  const text = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\u00a0/g, "&nbsp;");
  const attr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/\u00a0/g, "&nbsp;");
  const out = [];
  let size = 0, truncated = false;
  const emit = (s) => { out.push(s); size += s.length; if (size > limit) truncated = true; };
  const childrenOf = (node) => {
    if (node.nodeType !== 1) return node.childNodes;
    const sr = node.shadowRoot;
    if (sr) return sr.childNodes;  // the host shows its shadow tree
    if (node.localName === "slot" && typeof node.assignedNodes === "function") {
      const assigned = node.assignedNodes();
      if (assigned.length) return assigned;  // the slot shows the host's light children
    }
    if (node.localName === "template" && node.content) return node.content.childNodes;
    return node.childNodes;
  };
  const doc = document;
  if (doc.doctype) emit("<!DOCTYPE " + (NAME_OK.test(doc.doctype.name) ? doc.doctype.name : "html") + ">");
  const root = doc.documentElement;
  const stack = root ? [root] : [];
  while (stack.length && !truncated) {
    const item = stack.pop();
    if (typeof item === "string") { emit(item); continue; }
    const node = item;
    if (node.nodeType === 3) {
      const parent = node.parentNode;
      const raw = parent && parent.nodeType === 1 && RAW.has(parent.localName);
      // only a closing tag would end the raw text early; everything else stays as written
      emit(raw ? node.data.replace(/<\/(?=(script|style|xmp|noembed|noframes|noscript)\b)/gi, "<\\/") : text(node.data));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.localName;
    if (!NAME_OK.test(tag)) continue;
    let open = "<" + tag;
    for (const a of node.attributes) {
      if (NAME_OK.test(a.name)) open += " " + a.name + '="' + attr(a.value) + '"';
    }
    emit(open + ">");
    if (VOID.has(tag)) continue;
    stack.push("</" + tag + ">");
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return {
    html: out.join(""),
    truncated,
    title: String(doc.title || ""),
    observing: Boolean(window[Symbol.for("chat-archiver.observing")]),
  };
}
"""
