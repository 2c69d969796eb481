"""`chat-archiver serve` as a real process: the URL it prints, loopback by default, clear errors."""

from __future__ import annotations

import socket
import subprocess
import urllib.request
from pathlib import Path

import pytest

from archiver.serve import is_loopback, url_for
from serve_support import Server, WAIVED_TEXT, build_archive, cli_command, free_port, message_id


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli")
    return build_archive(root / "archive.db", root / "pages")


def test_serve_prints_its_url_and_serves_the_pages(built) -> None:
    server = Server(built.path)
    with server:
        mid = message_id(built.path, WAIVED_TEXT)
        with urllib.request.urlopen(f"{server.url}/-/quote/{mid}") as r:
            assert r.status == 200
            assert "Content-Security-Policy" in r.headers
            assert "Northwind Card representative Jessica wrote:" in r.read().decode()
        with urllib.request.urlopen(f"{server.url}/archive/messages.json?_search=waiv*&_shape=array") as r:
            assert [row["id"] for row in __import__("json").load(r)] == [mid]
    out, err = server.stop()
    assert out.splitlines()[0] == (
        f"Serving {built.path} at http://127.0.0.1:{server.port}/ (search: http://127.0.0.1:{server.port}/-/search); Ctrl+C stops."
    )
    assert "Warning" not in err


def test_serve_listens_on_loopback_only_by_default(built) -> None:
    with Server(built.path) as server:
        listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True).stdout
        sockets = [line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(f":{server.port}")]
    assert sockets == [f"127.0.0.1:{server.port}"]


def test_other_address_warns_about_privacy(built) -> None:
    server = Server(built.path, host="0.0.0.0")
    with server:
        pass
    out, err = server.stop()
    assert "Warning: serving on 0.0.0.0, which other machines can reach." in err
    assert "anyone who can reach the address can read them" in err


def test_port_in_use_is_one_clear_line(built) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(cli_command() + ["serve", "--db", str(built.path), "--port", str(port)],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == f"Error: port {port} on 127.0.0.1 is already in use: pass --port with another number"
    assert done.stdout == ""


def test_missing_archive_is_one_clear_line(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.db"
    done = subprocess.run(cli_command() + ["serve", "--db", str(missing), "--port", str(free_port())],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip().startswith(f"Error: no archive at {missing}: import some chats first")
    assert not missing.exists()


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("[::1]", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("example.com", False),
])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_url_for() -> None:
    assert url_for("127.0.0.1", 8001) == "http://127.0.0.1:8001/"
    assert url_for("::1", 8001) == "http://[::1]:8001/"
