"""Golden fixtures: a saved page in, complete expected rows out.

Every `tests/fixtures/<family>/<name>.expected.json` names a page beside it
(`<name>.html`, `.mhtml`, `.mht`, `.webarchive`; a complete save keeps its
`<name>_files/` folder). Expected rows were written by hand from the page.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from archiver.importer import ImportOptions, import_file
from conftest import DEFAULT_MTIME, FIXTURES, place

PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".webarchive")
CASES = sorted(FIXTURES.glob("*/*.expected.json"))
MESSAGE_FIELDS = ("role", "speaker", "text", "sent_at_text", "sent_at", "time_basis")


def page_for(expected: Path) -> Path:
    stem = expected.name[: -len(".expected.json")]
    for suffix in PAGE_SUFFIXES:
        candidate = expected.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no page for {expected}")


@pytest.mark.parametrize("expected_path", CASES, ids=[f"{p.parent.name}/{p.name.split('.')[0]}" for p in CASES])
def test_golden(expected_path: Path, archive, tmp_path: Path) -> None:
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    page = place(page_for(expected_path), tmp_path, expected.get("mtime", DEFAULT_MTIME))
    options = ImportOptions(tz="America/New_York", date=None, company=None)
    for key, value in expected.get("options", {}).items():
        setattr(options, key, value)

    result = import_file(archive, page, options)

    assert result.status == "imported", result.error
    assert result.parser == expected["parser"]
    rows = list(archive.db.query("select * from messages order by seq"))
    got = [{k: row[k] for k in MESSAGE_FIELDS} for row in rows]
    want = [{k: m.get(k) for k in MESSAGE_FIELDS} for m in expected["messages"]]
    assert got == want
    assert [row["seq"] for row in rows] == list(range(len(rows)))
    assert all(re.fullmatch(r"[0-9a-f]{16}", row["id"]) for row in rows)
    assert len({row["id"] for row in rows}) == len(rows)
    conversation = archive.db["conversations"].get(rows[0]["conversation_id"])
    for key, value in expected.get("conversation", {}).items():
        assert conversation[key] == value, key


def test_every_family_has_a_golden_fixture() -> None:
    from archiver.parsers import FAMILIES

    covered = {json.loads(p.read_text())["parser"] for p in CASES}
    missing = {m.NAME for m in FAMILIES} - covered
    assert not missing, f"families without a golden fixture: {sorted(missing)}"
