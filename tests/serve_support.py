"""Archives and servers for the serve tests: a real import of the LivePerson
fixture, a hand-built hostile conversation, and `chat-archiver serve` on a free port."""

from __future__ import annotations

import hashlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from archiver.identity import source_id
from archiver.importer import ImportOptions, import_file
from archiver.model import Document, Message, Page, SourceFile, Transcript
from archiver.store import Archive
from conftest import FIXTURES, place

LATE_FEE = FIXTURES / "liveperson" / "late-fee.html"
WAIVED_TEXT = (
    "I've waived the $40 late fee; you'll see the credit within 1-2 billing cycles. "
    "Your reference number is LF7731."
)
#: what a hostile page could put into a transcript; each payload calls pwned()
IMG = '<img src=x onerror="window.__pwned=1;pwned(\'img\')">'
SCRIPT = "</script><script>window.__pwned=2;pwned('script')</script>"
JS_LINK = '<a href="javascript:pwned(\'link\')" id="evil">click for your refund</a>'
STYLE = "<style>body{display:none}</style>"
HOSTILE_TEXTS = [
    f"Here is your receipt {IMG}",
    f"Thanks {SCRIPT} bye",
    f"Refund portal: {JS_LINK} javascript:pwned('bare')",
    f"{STYLE}\u202eevil bidi & <b>bold</b> \x1b[31mred\x1b[0m",
]
HOSTILE_SPEAKER = '<b onmouseover="pwned(\'speaker\')">Mallory</b>'
HOSTILE_COMPANY = "Evil <i>Corp</i> & Sons"
HOSTILE_URL = "javascript:pwned('url')"


@dataclass
class Built:
    path: Path
    late_fee_sha256: str
    conversation_id: str = ""
    hostile_conversation_id: str = ""
    hostile_ids: list[str] = field(default_factory=list)


def hostile_transcript() -> Transcript:
    """A conversation whose every page string is an attack, with real times (EDT)."""
    messages = [
        Message(0, "agent", HOSTILE_SPEAKER, HOSTILE_TEXTS[0], "2:05 PM", "2025-07-01T14:05:00-04:00", "page"),
        Message(1, "customer", "", HOSTILE_TEXTS[1], "2:06 PM", "2025-07-01T14:06:00-04:00", "page"),
        Message(2, "agent", HOSTILE_SPEAKER, HOSTILE_TEXTS[2], "2:07 PM", "2025-07-01T14:07:00-04:00", "page"),
        Message(3, "bot", "", HOSTILE_TEXTS[3], "", None, None),
    ]
    return Transcript(
        company=HOSTILE_COMPANY, parser="liveperson", tz="America/New_York", messages=messages,
        url=HOSTILE_URL, title="<script>pwned('title')</script>", chat_date="2025-07-01", date_basis="page",
    )


def add_chat(archive: Archive, transcript: Transcript, name: str, data: bytes) -> tuple[str, list[str]]:
    """Store a hand-built transcript with a source file, as the importer would."""
    page = Page(kind="html", documents=[Document(data.decode())], files=[SourceFile(name, data)],
                path=f"/tmp/{name}", url=transcript.url, title=transcript.title)
    sid = source_id([(f.path, f.data) for f in page.files])
    with archive.transaction():
        archive.add_source(sid, page, transcript.parser)
        added = archive.add_transcript(transcript, sid)
    return added.conversation_id, added.new_message_ids


def add_hostile(archive: Archive) -> tuple[str, list[str]]:
    return add_chat(archive, hostile_transcript(), "evil<x>.html", b"<html><body>hostile saved page</body></html>")


def build_archive(path: Path, work: Path, hostile: bool = True) -> Built:
    """The LivePerson late-fee chat imported for real (America/New_York), plus the hostile one."""
    work.mkdir(parents=True, exist_ok=True)
    archive = Archive(path)
    try:
        page = place(LATE_FEE, work)
        result = import_file(archive, page, ImportOptions(tz="America/New_York"))
        assert result.status == "imported", result.error
        built = Built(path, hashlib.sha256(LATE_FEE.read_bytes()).hexdigest(), result.conversation_id or "")
        if hostile:
            built.hostile_conversation_id, built.hostile_ids = add_hostile(archive)
    finally:
        archive.close()
    return built


def message_id(path: Path, text: str) -> str:
    archive = Archive(path)
    try:
        return archive.db.execute("select id from messages where text = ?", [text]).fetchone()[0]
    finally:
        archive.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cli_command() -> list[str]:
    """The installed `chat-archiver` console script of this interpreter."""
    script = Path(sys.executable).with_name("chat-archiver")
    return [str(script)] if script.exists() else [sys.executable, "-m", "archiver"]


class Server:
    """`chat-archiver serve` as a real subprocess; stopped by its own pid."""

    def __init__(self, db: Path, host: str | None = None, extra: list[str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = cli_command() + ["serve", "--db", str(db), "--port", str(self.port)]
        args += (["--host", host] if host else []) + (extra or [])
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    def wait(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out, err = self.proc.communicate()
                raise RuntimeError(f"serve exited with {self.proc.returncode}: {out}{err}")
            try:
                with urllib.request.urlopen(self.url + "/-/search", timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        raise RuntimeError("serve did not answer in time")

    def stop(self) -> tuple[str, str]:
        self.proc.terminate()
        try:
            return self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.communicate()

    def __enter__(self) -> Server:
        try:
            self.wait()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
