"""Serving an archive in Datasette with the project's plugin, metadata and settings.

The plugin (archiver.plugins, a `datasette` entry point) brings pages and metadata,
so this module only adds what a plain `datasette archive.db` leaves to its user:
settings that keep a million-row table fast, a loopback default and a clear URL.
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any

from .errors import BadOption, NotFound
from .store import Archive

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
#: Datasette settings for an archive. Facet suggestions run a GROUP BY per column
#: on every table page (seconds on a million messages); the configured facets
#: stay, bounded by facet_time_limit_ms so a huge result set shows "timed out"
#: instead of a slow page.
SETTINGS: dict[str, Any] = {
    "suggest_facets": False,
    "facet_time_limit_ms": 100,
    "sql_time_limit_ms": 2000,
}
PRIVACY_WARNING = (
    "Warning: serving on {host}, which other machines can reach. The archive holds private "
    "conversations, and this server has no login: anyone who can reach the address can read them."
)


def is_loopback(host: str) -> bool:
    """True when `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    """The URL a person types for a server on host:port."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def check_port(host: str, port: int) -> None:
    """Raise BadOption, naming a fix, when host:port cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as e:
            if e.errno == errno.EADDRINUSE:
                raise BadOption(f"port {port} on {host} is already in use: pass --port with another number") from None
            raise BadOption(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


def prepare_archive(db_path: str | Path) -> Path:
    """Check the archive exists and bring it to the current schema (and WAL) before serving.

    Datasette then opens it read-only; WAL lets it read while an import writes.
    """
    path = Path(db_path)
    if not path.is_file():
        raise NotFound(f"no archive at {db_path}: import some chats first (chat-archiver import PAGE --db {db_path})")
    Archive(path).close()
    return path


def build_datasette(db_path: str | Path, settings: dict[str, Any] | None = None) -> Any:
    """A Datasette instance on the archive with the project's settings (plugin via entry point)."""
    from datasette.app import Datasette

    path = prepare_archive(db_path)
    return Datasette([str(path)], settings={**SETTINGS, **(settings or {})})


def run(ds: Any, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, open_browser: bool = False) -> None:
    """Serve `ds` until interrupted (blocks). Checks the port first, so a clash is one clear line."""
    import asyncio

    import uvicorn

    check_port(host, port)
    asyncio.run(ds.invoke_startup())
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(host, port), daemon=True).start()
    uvicorn.run(ds.app(), host=host.strip("[]"), port=port, log_level="warning", lifespan="on", workers=1)


def _open_when_ready(host: str, port: int, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host.strip("[]"), port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.1)
    webbrowser.open(url_for(host, port))
