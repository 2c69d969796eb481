"""Capture: turn what the person has into documents. Knows nothing about chats.

Reads a saved page in any of the shapes browsers write: "HTML only", "complete"
(the page plus a NAME_files/ folder whose frame documents are followed from the
page's iframes), single-file MHTML (stdlib `email` does the MIME work) and
Safari's .webarchive (stdlib `plistlib`). Text decoding is bs4's UnicodeDammit:
byte-order marks, then declared charsets, then UTF-8, then windows-1252.
"""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import os
import plistlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import UnicodeDammit

from .errors import UnsupportedFile
from .model import Document, Page, SourceFile

PAGE_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".mhtml", ".mht", ".webarchive"})
#: saved pages larger than this are refused rather than risk the machine
MAX_BYTES = 200 * 1024 * 1024
_MAX_FRAME_DEPTH = 4

_MAGIC = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "a gzip-compressed file",
    b"SQLite format 3": "an SQLite database",
    b"\x7fELF": "a program (ELF binary)",
    b"MZ": "a Windows program",
}
_FRAME_SRC = re.compile(r"""<i?frame\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_CANONICAL = re.compile(
    r"""<link\b[^>]*?\brel\s*=\s*["']?canonical["']?[^>]*?\bhref\s*=\s*["']([^"']+)["']"""
    r"""|<link\b[^>]*?\bhref\s*=\s*["']([^"']+)["'][^>]*?\brel\s*=\s*["']?canonical""",
    re.I,
)
_OG_URL = re.compile(r"""<meta\b[^>]*?\bproperty\s*=\s*["']og:url["'][^>]*?\bcontent\s*=\s*["']([^"']+)""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title\s*>", re.I | re.S)
_HTML_OPEN = re.compile(rb"<html\b", re.I)
_HTML_CLOSE = re.compile(rb"</html\s*>", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class Found:
    """A path named by the user or found while walking a folder."""

    path: Path
    #: why the walk passed it over (not a saved page), or None to import it
    skipped: str | None = None


def find_inputs(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Found]:
    """Expand the user's paths: files as given, folders walked recursively.

    Inside folders only saved-page files are taken, in sorted order; frame
    files in a complete save's `NAME_files/` folder come in with their page,
    not on their own.
    """
    for raw in paths:
        path = Path(raw)
        if not path.is_dir():
            yield Found(path)
            continue
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not _is_resource_dir(d))
            for name in sorted(files):
                child = Path(root, name)
                if child.suffix.lower() in PAGE_SUFFIXES:
                    yield Found(child)
                else:
                    yield Found(child, skipped="not a saved page")


def _is_resource_dir(name: str) -> bool:
    low = name.lower()
    return low.endswith("_files") or low.endswith("-files") or low.endswith("_archivos") or low.endswith("-dateien")


def load_page(path: Path) -> Page:
    """Read one saved page (any supported shape) into documents.

    Raises UnsupportedFile with a one-line reason for anything that is not a
    readable saved page.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnsupportedFile("no such file") from None
    except OSError as e:
        raise UnsupportedFile(f"cannot read it: {e.strerror or e}") from None
    if not path.is_file():
        raise UnsupportedFile("not a regular file")
    if size > MAX_BYTES:
        raise UnsupportedFile(f"{size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit for one page")
    try:
        data = path.read_bytes()
        mtime = dt.datetime.fromtimestamp(int(path.stat().st_mtime), dt.timezone.utc)
    except OSError as e:
        raise UnsupportedFile(f"cannot read it: {e.strerror or e}") from None
    if not data.strip():
        raise UnsupportedFile("the file is empty")
    if data.startswith(b"bplist00"):
        page = _webarchive(path, data)
    elif _looks_like_mime(data):
        page = _mhtml(path, data)
    else:
        _refuse_binary(data)
        page = _html_file(path, data)
    if page.saved_at is None:
        page.saved_at, page.saved_at_basis = mtime, "mtime"
    return page


def _refuse_binary(data: bytes) -> None:
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise UnsupportedFile(f"this is {what}, not a saved web page")


def _looks_like_mime(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"mime-version:" in head and b"multipart/related" in head and not head.lstrip().startswith(b"<")


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then a declared charset, then <meta charset>, then guesses."""
    encodings = [declared] if declared else []
    dammit = UnicodeDammit(data, known_definite_encodings=encodings, is_html=True)
    text = dammit.unicode_markup
    if text is None:
        raise UnsupportedFile("cannot decode the text in any known character set")
    # Binary junk decodes as windows-1252 too; real pages have few control bytes.
    sample = text[:65536]
    if sample and len(_CONTROL.findall(sample)) > max(8, len(sample) // 200):
        raise UnsupportedFile("this looks like binary data, not a saved web page")
    if "<" not in sample:
        raise UnsupportedFile("there is no HTML markup in it")
    return text


def _check_complete(data: bytes) -> None:
    """A page that opens <html> must close it: a cut-off save loses messages."""
    if _HTML_OPEN.search(data[:65536]) and not _HTML_CLOSE.search(data[-65536:]):
        raise UnsupportedFile("the page is truncated (it stops before </html>); save it again")


def _html_file(path: Path, data: bytes) -> Page:
    if not _looks_utf16(data):
        _check_complete(data)
    html = decode_html(data)
    if _looks_utf16(data):
        _check_complete(html.encode("utf-8"))
    top = Document(html=html, url=page_url(html), title=page_title(html), location=path.name)
    documents = [top]
    files = [SourceFile(path.name, data)]
    _follow_frames(path, html, documents, files, seen={path.resolve()}, root=path.parent.resolve(), depth=0)
    kind = "html-complete" if len(files) > 1 else "html"
    return Page(kind=kind, documents=documents, files=files, path=str(path), url=top.url, title=top.title)


def _looks_utf16(data: bytes) -> bool:
    return data[:2] in (b"\xff\xfe", b"\xfe\xff") or (len(data) > 4 and data[1:4:2] == b"\x00\x00")


def _follow_frames(
    page: Path,
    html: str,
    documents: list[Document],
    files: list[SourceFile],
    seen: set[Path],
    root: Path,
    depth: int,
) -> None:
    """Add the frame documents a complete save keeps beside the page.

    Only local files inside the page's own folder are followed, so a hostile
    page cannot pull /etc/passwd into the archive.
    """
    if depth >= _MAX_FRAME_DEPTH:
        return
    for m in _FRAME_SRC.finditer(html):
        src = m.group(1) or m.group(2) or m.group(3) or ""
        target = _local_target(page, src)
        if target is None:
            continue
        try:
            resolved = target.resolve()
        except (OSError, ValueError):  # ValueError: a NUL byte in the name
            continue
        if resolved in seen or not resolved.is_file() or root not in resolved.parents:
            continue
        seen.add(resolved)
        try:
            data = resolved.read_bytes()
            frame_html = decode_html(data)
        except (OSError, UnsupportedFile):
            continue  # a missing or unreadable frame is not the page's fault
        rel = Path(os.path.relpath(resolved, root)).as_posix()
        documents.append(Document(html=frame_html, url=page_url(frame_html), title=page_title(frame_html), location=rel))
        files.append(SourceFile(rel, data))
        _follow_frames(resolved, frame_html, documents, files, seen, root, depth + 1)


def _local_target(page: Path, src: str) -> Path | None:
    src = src.strip()
    if not src or any(ord(c) < 32 for c in src):
        return None
    parts = urlsplit(src)
    if parts.scheme and parts.scheme != "file":
        return None
    if parts.netloc:
        return None
    rel = unquote(parts.path)
    if not rel or rel.startswith("/"):
        return None
    if Path(rel).suffix.lower() not in (".html", ".htm", ".xhtml", ""):
        return None
    return page.parent / rel


def page_url(html: str) -> str | None:
    """The page's own address: Chrome's "saved from" comment, canonical, og:url."""
    head = html[:200_000]
    m = _SAVED_FROM.search(head)
    if m and m.group(1).lower() not in ("about:internet",):
        return m.group(1)
    m = _CANONICAL.search(head)
    if m:
        return m.group(1) or m.group(2)
    m = _OG_URL.search(head)
    if m:
        return m.group(1)
    return None


def page_title(html: str) -> str | None:
    """The page's <title>, whitespace collapsed."""
    m = _TITLE.search(html[:200_000])
    if not m:
        return None
    import html as htmllib

    title = " ".join(htmllib.unescape(m.group(1)).split())
    return title or None


def _mhtml(path: Path, data: bytes) -> Page:
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    if not msg.is_multipart():
        raise UnsupportedFile("this MHTML file has no parts")
    if any(type(d).__name__ == "CloseBoundaryNotFoundDefect" for d in msg.defects):
        raise UnsupportedFile("the MHTML file is truncated (its closing boundary is missing); save it again")
    snapshot_url = _header(msg, "Snapshot-Content-Location")
    documents: list[Document] = []
    for i, part in enumerate(msg.walk()):
        if part.is_multipart() or part.get_content_type() not in ("text/html", "application/xhtml+xml"):
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # the MIME layer reports broken encodings in several ways
            payload = None
        if not payload:
            continue
        html = decode_html(payload, part.get_content_charset())
        location = _header(part, "Content-Location") or ""
        cid = _header(part, "Content-ID")
        doc = Document(html=html, url=location or None, title=page_title(html), location=cid or location or f"part{i}")
        if snapshot_url and location == snapshot_url and documents:
            documents.insert(0, doc)  # the top document, whatever its order
        else:
            documents.append(doc)
    if not documents:
        raise UnsupportedFile("this MHTML file holds no HTML document")
    saved_at = None
    date = msg.get("Date")
    if date is not None:
        try:
            saved_at = date.datetime  # type: ignore[attr-defined]
        except (AttributeError, ValueError, TypeError):
            saved_at = None
        if saved_at is not None and saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=dt.timezone.utc)
    title = _header(msg, "Subject") or documents[0].title
    url = snapshot_url or documents[0].url or page_url(documents[0].html)
    if not documents[0].url:
        documents[0].url = url
    return Page(
        kind="mhtml",
        documents=documents,
        files=[SourceFile(path.name, data)],
        path=str(path),
        url=url,
        title=title,
        saved_at=saved_at,
        saved_at_basis="saved" if saved_at else None,
    )


def _header(part: EmailMessage, name: str) -> str | None:
    try:
        value = part.get(name)
    except Exception:  # malformed headers raise from the policy's parser
        return None
    if value is None:
        return None
    text = str(value).strip()
    return text.strip("<>") if name == "Content-ID" else text or None


def _webarchive(path: Path, data: bytes) -> Page:
    try:
        archive = plistlib.loads(data)
    except Exception:  # plistlib raises InvalidFileException, ValueError, ...
        raise UnsupportedFile("this Safari web archive is damaged") from None
    if not isinstance(archive, dict) or "WebMainResource" not in archive:
        raise UnsupportedFile("this property list is not a Safari web archive")
    documents: list[Document] = []
    stack = [archive]
    while stack:
        node = stack.pop(0)
        res = node.get("WebMainResource") or {}
        body = res.get("WebResourceData")
        mime = str(res.get("WebResourceMIMEType", "text/html"))
        if isinstance(body, bytes) and "html" in mime:
            html = decode_html(body, res.get("WebResourceTextEncodingName"))
            url = res.get("WebResourceURL")
            documents.append(
                Document(html=html, url=url, title=page_title(html), location=res.get("WebResourceFrameName") or url or "")
            )
        stack.extend(s for s in node.get("WebSubframeArchives", []) if isinstance(s, dict))
    if not documents:
        raise UnsupportedFile("this Safari web archive holds no HTML document")
    top = documents[0]
    return Page(
        kind="webarchive",
        documents=documents,
        files=[SourceFile(path.name, data)],
        path=str(path),
        url=top.url or page_url(top.html),
        title=top.title,
    )
