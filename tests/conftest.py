"""Shared test helpers: fixture locations and a fresh archive per test."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from archiver.store import Archive

FIXTURES = Path(__file__).parent / "fixtures"
#: the save time golden fixtures pretend to have (their files' mtime), unless
#: the expected file names another: fixed, so date fallbacks are reproducible
DEFAULT_MTIME = "2025-03-04T16:00:00+00:00"


def place(source: Path, dest_dir: Path, mtime: str = DEFAULT_MTIME) -> Path:
    """Copy a fixture page (and its NAME_files/ folder) and set its mtime."""
    target = dest_dir / source.name
    shutil.copyfile(source, target)
    files = source.with_name(source.stem + "_files")
    if files.is_dir():
        shutil.copytree(files, dest_dir / files.name)
    stamp = dt.datetime.fromisoformat(mtime).timestamp()
    os.utime(target, (stamp, stamp))
    return target


@pytest.fixture
def archive() -> Archive:
    a = Archive()
    yield a
    a.close()
