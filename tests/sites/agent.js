// A scripted customer-service agent for the mock chat sites.
//
// The page calls startMockAgent(widget), where widget = {render(message) -> Element,
// list: Element, input: HTMLTextAreaElement, send: HTMLButtonElement, agent: "Name",
// times: "clock" | "relative" | "none"}. History lives on the test server, so a
// reload (or another browser) re-renders it; the agent then carries on where it
// was. Each message it shows is posted back with the instant it was appended
// (performance.timeOrigin + performance.now()), for latency measurements.
// Query: chat=ID, count=N scripted lines after the greeting, gap=ms, hold, readonly.
"use strict";

const LINES = [
  "I can see your account now.",
  "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles.",
  "Your reference number is LF7731.",
  "Is there anything else I can help with?",
];

function relativeLabel(ts) {
  const minutes = Math.floor((Date.now() - ts) / 60000);
  return minutes < 1 ? "Just now" : `${minutes} min ago`;
}

async function startMockAgent(widget) {
  const q = new URLSearchParams(location.search);
  const chat = q.get("chat") || "default";
  const count = Number(q.get("count") || 3);
  const gap = Number(q.get("gap") || 300);
  const readonly = q.has("readonly");
  const api = async (path, body) => {
    const url = `/api/${path}?chat=${encodeURIComponent(chat)}` + (body && body.after !== undefined ? `&after=${body.after}` : "");
    const init = body && body.after === undefined ? { method: "POST", body: JSON.stringify(body) } : {};
    return (await fetch(url, init)).json();
  };

  const timeText = (m) => {
    if (widget.times === "clock") return m.time_text;
    if (widget.times === "relative") return relativeLabel(m.ts);
    return "";
  };
  const show = (m) => {
    widget.list.appendChild(widget.render(m, timeText(m)));
  };

  const history = await api("history");
  for (const m of history.messages) show(m);
  if (readonly) return;
  await api("rendered", { count: history.messages.length });

  let step = history.step;
  const post = async (role, speaker, text) => {
    const ts = Date.now();
    const m = { role, speaker, text, ts };
    m.time_text = widget.times === "clock"
      ? new Date(ts).toLocaleTimeString("en-US", { hour: "numeric", minute: "2-digit" })
      : widget.times === "relative" ? "Just now" : "";
    show(m);
    m.shown = performance.timeOrigin + performance.now();
    await api("append", m);
  };

  const scripted = (i) => {
    if (i === 0) return `Hi, I'm ${widget.agent}. How can I help you today?`;
    const line = LINES[(i - 1) % LINES.length];
    return i > LINES.length ? `${line} (${i})` : line;
  };
  // ?hold=1: after the greeting, wait for a "continue" command before the rest
  let held = q.has("hold");
  const advance = async () => {
    if (step > count) return;
    if (held && step === 1) return;
    await post("agent", widget.agent, scripted(step));
    step += 1;
    await api("step", { step });
    if (step <= count) setTimeout(advance, gap);
  };
  setTimeout(advance, step === 0 ? 150 : gap);

  // The customer's side: what the test "types" arrives as commands.
  widget.send.addEventListener("click", async () => {
    const text = widget.input.value;
    if (!text) return;
    widget.input.value = "";
    await post("customer", "", text);
    setTimeout(() => post("agent", widget.agent, `Thanks, I've noted: ${text}`), gap);
  });
  let next = history.commands;
  for (;;) {
    let reply;
    try {
      reply = await api("commands", { after: next });
    } catch (e) {
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    next = reply.next;
    for (const c of reply.commands) {
      if (c.type === "say") {
        widget.input.value = c.text;
        widget.send.click();
      } else if (c.type === "continue") {
        held = false;
        advance();
      } else if (c.type === "navigate") {
        top.location.href = c.url;
      } else if (c.type === "reload") {
        location.reload();  // the widget's own document: the page, or its frame
      } else if (c.type === "close") {
        top.close();
      }
    }
  }
}
