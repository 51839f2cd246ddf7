"""pyproject.toml lists its packages explicitly (DESIGN.md §2: `ui` and `sync` are generic
names); a package folder missing from the list would vanish from a wheel or an installer."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_folder_is_declared() -> None:
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
                   ["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("rt_desktop", "ui", "sync")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert on_disk - declared == set()
    assert declared - on_disk == set()
