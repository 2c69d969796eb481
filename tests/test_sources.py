"""Capture: every shape a browser saves a page in becomes the right documents."""

from __future__ import annotations

import datetime as dt
import plistlib
from pathlib import Path

import pytest

from archiver.errors import UnsupportedFile
from archiver.sources import find_inputs, load_page
from pages import CHAT, lp_page

MHTML = """From: <Saved by Blink>\r
Snapshot-Content-Location: https://help.contoso-mobile.com/support/chat\r
Subject: =?utf-8?Q?Support_chat_=E2=80=93_Contoso_Mobile?=\r
Date: Wed, 5 Mar 2025 02:30:12 -0000\r
MIME-Version: 1.0\r
Content-Type: multipart/related;\r
\ttype="text/html";\r
\tboundary="----MultipartBoundary--abc123----"\r
\r
\r
------MultipartBoundary--abc123----\r
Content-Type: text/html\r
Content-ID: <frame-TOP@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
Content-Location: https://help.contoso-mobile.com/support/chat\r
\r
<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text=\r
/html; charset=3DUTF-8"><title>Support chat =E2=80=93 Contoso Mobile</title></head>=\r
<body><h1>Contact us</h1><iframe src=3D"cid:frame-CHAT@mhtml.blink"></iframe></b=\r
ody></html>\r
------MultipartBoundary--abc123----\r
Content-Type: text/html\r
Content-ID: <frame-CHAT@mhtml.blink>\r
Content-Transfer-Encoding: quoted-printable\r
Content-Location: https://widget.example-chat.net/frame\r
\r
<html><head><meta charset=3D"utf-8"></head><body><p class=3D"msg">Caf=C3=A9 =\r
caf=C3=A9 &amp; more</p></body></html>\r
------MultipartBoundary--abc123------\r
"""


def test_mhtml_parts_become_documents(tmp_path: Path) -> None:
    path = tmp_path / "chat.mhtml"
    path.write_bytes(MHTML.encode("ascii"))
    page = load_page(path)
    assert page.kind == "mhtml"
    assert page.url == "https://help.contoso-mobile.com/support/chat"
    assert page.title == "Support chat – Contoso Mobile"
    assert page.saved_at == dt.datetime(2025, 3, 5, 2, 30, 12, tzinfo=dt.timezone.utc)
    assert page.saved_at_basis == "saved"
    assert [d.location for d in page.documents] == ["frame-TOP@mhtml.blink", "frame-CHAT@mhtml.blink"]
    assert '<iframe src="cid:frame-CHAT@mhtml.blink">' in page.documents[0].html
    assert "Café café &amp; more" in page.documents[1].html
    assert [f.path for f in page.files] == ["chat.mhtml"]


def test_truncated_mhtml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.mhtml"
    path.write_bytes(MHTML.encode("ascii")[: MHTML.index("<html><head><meta charset")])
    with pytest.raises(UnsupportedFile, match="truncated"):
        load_page(path)


def test_complete_save_follows_frames_inside_its_folder_only(tmp_path: Path) -> None:
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "chat.html").write_text("<html><body>frame one</body></html>")
    (tmp_path / "page_files" / "nested.html").write_text("<html><body>frame two</body></html>")
    (tmp_path / "page_files" / "chat.html").write_text(
        '<html><body>frame one<iframe src="nested.html"></iframe></body></html>'
    )
    (tmp_path / "secret.html").write_text("<html><body>not part of the page</body></html>")
    outside = tmp_path.parent / "outside.html"
    outside.write_text("<html><body>outside</body></html>")
    page_path = tmp_path / "page.html"
    page_path.write_text(
        "<html><body>"
        '<iframe src="./page_files/chat.html"></iframe>'
        '<iframe src="../outside.html"></iframe>'
        '<iframe src="https://evil.example/x.html"></iframe>'
        '<iframe src="/etc/passwd"></iframe>'
        '<iframe src="page_files/missing.html"></iframe>'
        "</body></html>"
    )
    page = load_page(page_path)
    assert page.kind == "html-complete"
    assert [d.location for d in page.documents] == ["page.html", "page_files/chat.html", "page_files/nested.html"]
    assert [f.path for f in page.files] == ["page.html", "page_files/chat.html", "page_files/nested.html"]


def test_safari_webarchive(tmp_path: Path) -> None:
    archive = {
        "WebMainResource": {
            "WebResourceData": b'<html><head><title>Chat</title></head><body><iframe src="x"></iframe></body></html>',
            "WebResourceMIMEType": "text/html",
            "WebResourceTextEncodingName": "UTF-8",
            "WebResourceURL": "https://www.fabrikam-air.com/help",
            "WebResourceFrameName": "",
        },
        "WebSubframeArchives": [
            {
                "WebMainResource": {
                    "WebResourceData": "<html><body>dépôt</body></html>".encode("utf-16"),
                    "WebResourceMIMEType": "text/html",
                    "WebResourceTextEncodingName": "UTF-16",
                    "WebResourceURL": "https://chat.fabrikam-air.com/frame",
                    "WebResourceFrameName": "chatframe",
                }
            }
        ],
    }
    path = tmp_path / "chat.webarchive"
    path.write_bytes(plistlib.dumps(archive, fmt=plistlib.FMT_BINARY))
    page = load_page(path)
    assert (page.kind, page.url, page.title) == ("webarchive", "https://www.fabrikam-air.com/help", "Chat")
    assert [d.url for d in page.documents] == ["https://www.fabrikam-air.com/help", "https://chat.fabrikam-air.com/frame"]
    assert "dépôt" in page.documents[1].html
    assert page.saved_at_basis == "mtime"


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda s: s.replace("utf-8", "windows-1252").encode("cp1252"), id="windows-1252 meta"),
        pytest.param(lambda s: s.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda s: b"\xfe\xff" + s.encode("utf-16-be"), id="utf-16-be with BOM"),
        pytest.param(lambda s: b"\xef\xbb\xbf" + s.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda s: s.replace('<meta charset="utf-8">', "").encode("utf-8"), id="utf-8 undeclared"),
    ],
)
def test_encodings(encode, tmp_path: Path) -> None:
    text = "Café crème – naïve “quotes” for €5"
    html = lp_page([("agent", "Zoë", text, "10:41 AM")])
    path = tmp_path / "enc.html"
    path.write_bytes(encode(html))
    page = load_page(path)
    assert text in page.documents[0].html
    assert "Zoë" in page.documents[0].html


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "the file is empty"),
        (b"   \n\t ", "the file is empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF document, not a saved web page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "this is a PNG image, not a saved web page"),
        (b"PK\x03\x04\x14\x00\x00\x00", "this is a ZIP archive, not a saved web page"),
        (bytes(range(256)) * 64, "this looks like binary data, not a saved web page"),
        (b"Just some notes about my chat with the bank.", "there is no HTML markup in it"),
        (b"<html><body><div>half a pa", "the page is truncated (it stops before </html>); save it again"),
        (b"bplist00\x00\x01garbage", "this Safari web archive is damaged"),
    ],
)
def test_bad_files_get_one_clear_line(data: bytes, message: str, tmp_path: Path) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(data)
    with pytest.raises(UnsupportedFile) as info:
        load_page(path)
    assert str(info.value) == message


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFile, match="^no such file$"):
        load_page(tmp_path / "nope.html")
    with pytest.raises(UnsupportedFile, match="^not a regular file$"):
        load_page(tmp_path)


def test_find_inputs_walks_folders_and_leaves_frame_files_to_their_page(tmp_path: Path) -> None:
    (tmp_path / "a" / "chat_files").mkdir(parents=True)
    (tmp_path / "a" / "chat.html").write_text(lp_page(CHAT))
    (tmp_path / "a" / "chat_files" / "frame.html").write_text("<html></html>")
    (tmp_path / "a" / "notes.txt").write_text("hello")
    (tmp_path / "b.MHTML").write_text("x")
    (tmp_path / "c.webarchive").write_bytes(b"x")
    found = [(f.path.relative_to(tmp_path).as_posix(), f.skipped) for f in find_inputs([tmp_path])]
    assert found == [
        ("b.MHTML", None),
        ("c.webarchive", None),
        ("a/chat.html", None),
        ("a/notes.txt", "not a saved page"),
    ]
    named = [f.path.name for f in find_inputs([tmp_path / "a" / "notes.txt"])]
    assert named == ["notes.txt"]  # a file named explicitly is tried whatever its suffix
