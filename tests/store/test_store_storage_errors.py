"""A disk that refuses (read-only, full): a clear StorageError, and the database stays whole.

Tests run as root in CI, where chmod does not stop a write: for root, folders and files are made
immutable (chattr +i) instead, which stops root too. A store opened read-only (mode=ro) covers every
kind of write; the full disk uses max_page_count, which makes SQLite report SQLITE_FULL exactly
as a full disk does.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.errors import StorageError
from rt_desktop.records import ParentingSession
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]


@pytest.fixture
def saved(store: Store, make_session: Factory) -> str:
    (change,) = store.save(make_session(), user=USER)
    return change.record_id


@pytest.fixture
def read_only(store: Store, saved: str, key: bytes, load: Callable[..., Any]) -> Iterator[Store]:
    store.close()
    opened = Store.open(store.data_dir, key, read_only=True)
    yield opened
    opened.close()


def _renamed(store: Store, record_id: str) -> ParentingSession:
    record = store.get(ParentingSession, record_id)
    assert record is not None
    return dataclasses.replace(record, venue="Baru")


WRITES: dict[str, Callable[[Store, str, Factory], Any]] = {
    "save new": lambda s, rid, make: s.save(make(), user=USER),
    "save edit": lambda s, rid, make: s.save(_renamed(s, rid), user=USER),
    "delete": lambda s, rid, make: s.delete(ParentingSession, rid, user=USER),
    "audit": lambda s, rid, make: s.audit("export", user=USER),
    "draft": lambda s, rid, make: s.save_draft(USER, "f", {"a": 1}),
    "cursor": lambda s, rid, make: s.set_sync_cursor("incident", "1"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_read_only_database_gives_a_clear_error_and_stays_whole(
        read_only: Store, saved: str, make_session: Factory, snapshot: Callable[..., Any],
        write: Callable[[Store, str, Factory], Any]) -> None:
    before = snapshot(read_only)
    with pytest.raises(StorageError) as raised:
        write(read_only, saved, make_session)
    assert "read-only" in raised.value.message("en")
    assert str(read_only.path) in raised.value.message("id")
    assert snapshot(read_only) == before
    assert read_only.db.execute("PRAGMA quick_check").fetchone() == ("ok",)
    assert read_only.get(ParentingSession, saved) is not None


def test_a_read_only_store_still_reads(read_only: Store, saved: str) -> None:
    assert read_only.status()["records"]["parenting_session"] == 1
    assert read_only.search("disiplin") == [("parenting_session", saved)]


def test_a_full_disk_gives_a_clear_error_and_loses_nothing(
        store: Store, saved: str, make_session: Factory, snapshot: Callable[..., Any],
        key: bytes) -> None:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")
    before = snapshot(store)
    with pytest.raises(StorageError) as raised:
        for n in range(50):  # grow until the "disk" is full
            store.save(make_session(summary=f"Ringkasan panjang {n} " + "x" * 8000), user=USER)
    assert "full" in raised.value.message("en")
    grown = snapshot(store)
    # Whatever was committed before the disk filled is whole; the failed save left nothing.
    assert grown["outbox"][: len(before["outbox"])] == before["outbox"]
    assert len(grown["parenting_sessions"]) == len(grown["outbox"]) == len(grown["audit_log"])
    store.close()
    reopened = Store.open(store.data_dir, key)
    try:
        assert reopened.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert reopened.count(ParentingSession) == len(grown["parenting_sessions"])
        reopened.save(make_session(), user=USER)  # space again: work goes on
    finally:
        reopened.close()


def test_creating_in_a_place_that_cannot_be_a_folder(tmp_path: Path, key: bytes) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageError):
        Store.create(blocker / "data", key, kelurahan_code="64.71.03.1004", rt="007")
    assert blocker.read_text() == "not a folder"


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make ``path`` refuse writes for real: chmod for a normal user; root ignores modes, so
    for root the immutable attribute (chattr +i), which stops root too."""
    as_root = os.geteuid() == 0
    mode = path.stat().st_mode
    if as_root:
        subprocess.run(["chattr", "+i", str(path)], check=True)
    else:
        path.chmod(0o500 if path.is_dir() else 0o400)
    try:
        probe = path / "probe" if path.is_dir() else path
        with pytest.raises(OSError), open(probe, "a" if probe == path else "x"):
            pass
        yield
    finally:
        if as_root:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            path.chmod(mode)


def test_a_new_database_in_a_read_only_folder(tmp_path: Path, key: bytes) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    with unwritable(folder), pytest.raises(StorageError, match="rt-desktop.db"):
        Store.create(folder, key, kelurahan_code="64.71.03.1004", rt="007")
    assert list(folder.iterdir()) == []


def test_a_database_in_a_read_only_folder(store: Store, saved: str, key: bytes,
                                          file_state: Callable[..., Any]) -> None:
    store.close()
    before = file_state(store.path)
    with unwritable(store.data_dir), pytest.raises(StorageError, match="rt-desktop.db"):
        Store.open(store.data_dir, key)
    assert file_state(store.path) == before


def test_a_read_only_database_file(store: Store, saved: str, key: bytes,
                                   make_session: Factory, file_state: Callable[..., Any]) -> None:
    store.close()
    before = file_state(store.path)
    with unwritable(store.path):
        opened = Store.open(store.data_dir, key)
        try:
            with pytest.raises(StorageError, match="read-only|hanya bisa dibaca"):
                opened.save(make_session(), user=USER)
            assert opened.count(ParentingSession) == 1
        finally:
            opened.close()
    assert file_state(store.path) == before
    reopened = Store.open(store.data_dir, key)
    try:
        assert reopened.count(ParentingSession) == 1
        assert reopened.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        reopened.close()
