"""Random and mutated pages: the importer either imports or says one documented line."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archiver.importer import ImportOptions, import_file
from archiver.store import Archive
from conftest import FIXTURES
from pages import CHAT, lp_page

#: every way an import may legitimately fail, as the user reads it
DOCUMENTED = re.compile(
    "|".join(
        [
            r"no chat transcript was found in it",
            r"the file is empty",
            r"this is (a|an) [\w ()-]+, not a saved web page",
            r"this looks like binary data, not a saved web page",
            r"there is no HTML markup in it",
            r"the page is truncated \(it stops before </html>\); save it again",
            r"the MHTML file is truncated \(its closing boundary is missing\); save it again",
            r"this MHTML file (has no parts|holds no HTML document)",
            r"this Safari web archive (is damaged|holds no HTML document)",
            r"this property list is not a Safari web archive",
            r"cannot decode the text in any known character set",
            r"the markup is nested too deeply to read",
        ]
    )
)
SEEDS = [lp_page(CHAT).encode()] + [p.read_bytes() for p in sorted(FIXTURES.glob("*/*.html"))[:12]]
OPTIONS = ImportOptions(tz="UTC", date="2025-03-04")


def check(data: bytes, suffix: str = ".html") -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"page{suffix}"
        path.write_bytes(data)
        archive = Archive()
        try:
            result = import_file(archive, path, OPTIONS)
            if result.status == "failed":
                assert result.error and "\n" not in result.error
                assert DOCUMENTED.fullmatch(result.error), result.error
                assert archive.counts() == {"sources": 0, "conversations": 0, "messages": 0}
            else:
                assert result.status == "imported"
                counts = archive.counts()
                assert counts["sources"] == 1 and counts["conversations"] == 1
                assert counts["messages"] == result.new_messages > 0
                roles = {r[0] for r in archive.db.execute("select distinct role from messages")}
                assert roles <= {"agent", "customer", "bot", "system"}
        finally:
            archive.close()


FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from([".html", ".mhtml", ".webarchive", ".htm"]))
def test_random_bytes(data: bytes, suffix: str) -> None:
    check(data, suffix)


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["cut", "delete", "insert", "flip", "dup"]))
        i = draw(st.integers(0, max(0, len(data) - 1)))
        j = min(len(data), i + draw(st.integers(1, 400)))
        if op == "cut":
            data = data[:i] + (b"</html>" if draw(st.booleans()) else b"")
        elif op == "delete":
            del data[i:j]
        elif op == "insert":
            data[i:i] = draw(st.sampled_from([b"<div>", b"</div>", b"<!--", b"<script>", b"\x00", b"<", b"&#0;", b'"'])) * draw(
                st.integers(1, 50)
            )
        elif op == "flip" and data:
            data[i] = draw(st.integers(0, 255))
        else:
            data[i:i] = data[i:j]
    return bytes(data)


@FUZZ
@given(mutated())
def test_mutated_pages(data: bytes) -> None:
    check(data)
