"""What a plain (non-editable) install ships: every package, the schema, the plugin."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    mapped = {name: ROOT / path for name, path in config["package-dir"].items()}
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "archiver").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    on_disk |= {name for name, path in mapped.items() if (path / "__init__.py").exists()}
    assert on_disk == listed


def test_package_data_globs_cover_the_plugins_and_schema_files() -> None:
    import fnmatch

    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    for package, folder in (("archiver.plugins", "plugins"), ("archiver.db", "db")):
        globs = config["package-data"].get(package, [])
        files = [
            p.relative_to(ROOT / folder).as_posix()
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and p.suffix != ".py" and "__pycache__" not in p.parts
        ]
        uncovered = [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)]
        assert not uncovered, f"{package} would ship without {uncovered}"
