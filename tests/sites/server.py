"""Mock chat sites for the live-capture tests and benchmark, on free local ports.

Two origins serve this folder: the page origin (http://127.0.0.1:A) and a widget
origin (http://localhost:B, another site, so Chromium puts its frames in another
process). A tiny chat backend keeps each chat's history on the server, so any
browser that opens the chat (the collector's, or a test's own when it saves the
page) re-renders the same history, and the test types into the widget through
a long-polled command queue the widget's agent script reads.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

ROOT = Path(__file__).parent
POLL_SECONDS = 10.0


@dataclass
class Chat:
    """One chat's server-side state."""

    messages: list[dict[str, Any]] = field(default_factory=list)
    step: int = 0
    #: how many times an agent script has loaded this chat (and rendered its history)
    renders: int = 0
    commands: list[dict[str, Any]] = field(default_factory=list)
    #: what the pages reported of themselves ("opener closed")
    events: list[str] = field(default_factory=list)


class MockSites:
    """Both origins and the chat backend; use as a context manager."""

    def __init__(self) -> None:
        self.chats: dict[str, Chat] = {}
        self.cond = threading.Condition()
        self.servers: list[ThreadingHTTPServer] = []

    def __enter__(self) -> MockSites:
        for _ in range(2):
            server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self.servers.append(server)
        return self

    def __exit__(self, *exc: object) -> None:
        with self.cond:
            self.cond.notify_all()
        for server in self.servers:
            server.shutdown()
            server.server_close()

    @property
    def page_origin(self) -> str:
        return f"http://127.0.0.1:{self.servers[0].server_address[1]}"

    @property
    def widget_origin(self) -> str:
        return f"http://localhost:{self.servers[1].server_address[1]}"

    def url(self, site: str, chat: str, **params: Any) -> str:
        """The page for `site` (inpage, iframe, shadow) showing chat `chat`.

        params: count (scripted agent lines after the greeting), gap (ms
        between them), readonly (render the history only; no agent).
        """
        query = {"chat": chat, "widget": self.widget_origin, **{k: str(v) for k, v in params.items()}}
        return f"{self.page_origin}/{site}/index.html?{urlencode(query)}"

    def chat(self, chat: str) -> Chat:
        with self.cond:
            return self.chats.setdefault(chat, Chat())

    def say(self, chat: str, text: str) -> None:
        """Type `text` into the widget and press Send (in whichever browser shows it)."""
        self.command(chat, {"type": "say", "text": text})

    def command(self, chat: str, command: dict[str, Any]) -> None:
        with self.cond:
            self.chats.setdefault(chat, Chat()).commands.append(command)
            self.cond.notify_all()

    def shown(self, chat: str) -> list[dict[str, Any]]:
        """Messages the widget has displayed: role, speaker, text, time_text, shown (epoch ms)."""
        with self.cond:
            return [dict(m) for m in self.chats.setdefault(chat, Chat()).messages]

    def wait_rendered(self, chat: str, n: int, timeout: float = 15.0) -> None:
        """Block until an agent script has loaded the chat `n` times in all."""
        self._wait(lambda: self.chats.setdefault(chat, Chat()).renders >= n, timeout, f"chat {chat} rendered {n} times")

    def _wait(self, ready: Any, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not ready():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"timed out waiting until {what}")
                self.cond.wait(left)

    def wait_event(self, chat: str, event: str, timeout: float = 15.0) -> None:
        """Block until a page of chat `chat` has reported `event`."""
        self._wait(lambda: event in self.chats.setdefault(chat, Chat()).events, timeout, f"chat {chat} reported {event!r}")

    def wait_shown(self, chat: str, n: int, timeout: float = 15.0) -> list[dict[str, Any]]:
        """Block until the widget has displayed at least `n` messages; return them."""
        self._wait(lambda: len(self.chats.setdefault(chat, Chat()).messages) >= n, timeout, f"chat {chat} showed {n} messages")
        return self.shown(chat)


def _handler(sites: MockSites) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(ROOT), **kwargs)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet test output

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if parts.path.endswith(".py"):
                self.send_error(404)
                return
            if not parts.path.startswith("/api/"):
                super().do_GET()
                return
            q = parse_qs(parts.query)
            chat = q.get("chat", ["default"])[0]
            if parts.path == "/api/history":
                with sites.cond:
                    c = sites.chats.setdefault(chat, Chat())
                    self._json({"messages": c.messages, "step": c.step, "commands": len(c.commands)})
            elif parts.path == "/api/commands":
                after = int(q.get("after", ["0"])[0])
                deadline = time.monotonic() + POLL_SECONDS
                with sites.cond:
                    c = sites.chats.setdefault(chat, Chat())
                    while len(c.commands) <= after and time.monotonic() < deadline:
                        sites.cond.wait(deadline - time.monotonic())
                    self._json({"commands": c.commands[after:], "next": len(c.commands)})
            else:
                self.send_error(404)

        def do_POST(self) -> None:
            parts = urlsplit(self.path)
            chat = parse_qs(parts.query).get("chat", ["default"])[0]
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with sites.cond:
                c = sites.chats.setdefault(chat, Chat())
                if parts.path == "/api/append":
                    c.messages.append(body)
                elif parts.path == "/api/rendered":
                    c.renders += 1
                elif parts.path == "/api/step":
                    c.step = int(body["step"])
                elif parts.path == "/api/event":
                    c.events.append(str(body["event"]))
                else:
                    self.send_error(404)
                    return
                sites.cond.notify_all()
            self._json({"ok": True})

        def _json(self, value: Any) -> None:
            data = json.dumps(value).encode()
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser went away mid-poll: runs end that way

    return Handler
