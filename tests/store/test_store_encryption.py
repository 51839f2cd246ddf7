"""The file on a stolen laptop's disk: no identity readable, not even by plain SQLite."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.store.store import Store

Factory = Callable[..., Any]
VICTIM = "Zubaidah Kartikasari"
SECRET_TEXT = "Kronologi rahasia di dapur Wiryawan"


def _database_files(store: Store) -> list[Path]:
    return [p for p in store.data_dir.iterdir() if p.name.startswith(store.path.name)]


@pytest.mark.parametrize("checkpoint", [True, False], ids=["checkpointed", "still in the WAL"])
def test_a_victims_name_is_nowhere_in_the_raw_bytes(
        store: Store, make_incident: Factory, checkpoint: bool) -> None:
    store.save(make_incident(victim_name=VICTIM, chronology=SECRET_TEXT), user="u")
    store.save_draft("u", "incident:new", {"victim_name": VICTIM})
    if checkpoint:
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    files = _database_files(store)
    assert store.path in files
    assert checkpoint or any(p.name.endswith("-wal") and p.stat().st_size for p in files)
    for path in files:
        raw = path.read_bytes()
        for needle in (VICTIM, "Zubaidah", SECRET_TEXT, "Wiryawan"):
            for encoded in (needle.encode("utf-8"), needle.encode("utf-16-le")):
                assert encoded not in raw, f"{needle!r} readable in {path.name}"
    assert b"SQLite format 3" not in store.path.read_bytes()[:16]


def test_plain_sqlite_cannot_open_the_file(store: Store, make_incident: Factory) -> None:
    store.save(make_incident(), user="u")
    store.close()
    conn = sqlite3.connect(store.path)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
            conn.execute("SELECT * FROM sqlite_master").fetchall()
    finally:
        conn.close()
