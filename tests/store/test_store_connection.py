"""Opening the database file: what is ours opens, anything else is refused and left untouched."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.errors import BadInput, NotAnRTDatabase, NotFound
from rt_desktop.store.compat import dbapi2
from rt_desktop.store.connection import DB_FILENAME, open_database
from rt_desktop.store.store import Store

KELURAHAN, RT = "64.71.03.1004", "007"


def _random_bytes(path: Path, real: Path, key: bytes) -> None:
    path.write_bytes(os.urandom(64 * 1024))


def _plain_sqlite(path: Path, real: Path, key: bytes) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES ('plain')")
    conn.commit()
    conn.close()


def _empty(path: Path, real: Path, key: bytes) -> None:
    path.write_bytes(b"")


def _truncated_half(path: Path, real: Path, key: bytes) -> None:
    data = real.read_bytes()
    path.write_bytes(data[: len(data) // 2 // 4096 * 4096])


def _truncated_odd(path: Path, real: Path, key: bytes) -> None:
    data = real.read_bytes()
    path.write_bytes(data[:-100])


def _sqlcipher_not_ours(path: Path, real: Path, key: bytes) -> None:
    # Right key, real SQLCipher file, but none of our migrations.
    db = open_database(path, key, create=True)
    db.table("other").insert({"x": 1})
    db.close()


FOREIGN_FILES: dict[str, Callable[[Path, Path, bytes], None]] = {
    "random bytes": _random_bytes,
    "plain sqlite": _plain_sqlite,
    "empty file": _empty,
    "truncated to half": _truncated_half,
    "truncated mid-page": _truncated_odd,
    "sqlcipher without our migrations": _sqlcipher_not_ours,
}


@pytest.fixture
def filled_store(store: Store, make_session: Callable[..., Any]) -> Store:
    for n in range(30):
        store.save(make_session(summary=f"Ringkasan sesi nomor {n} " + "isi " * 200),
                   user="u")
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return store


@pytest.mark.parametrize("make_file", FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
def test_a_file_that_is_not_ours_is_refused_and_untouched(
        tmp_path: Path, key: bytes, filled_store: Store, file_state: Callable[..., Any],
        make_file: Callable[[Path, Path, bytes], None]) -> None:
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    path = other_dir / DB_FILENAME
    make_file(path, filled_store.path, key)
    before = file_state(path)
    with pytest.raises(NotAnRTDatabase) as raised:
        Store.open(other_dir, key)
    assert str(path) in raised.value.message("id")
    assert str(path) in raised.value.message("en")
    assert file_state(path) == before
    assert sorted(os.listdir(other_dir)) == [DB_FILENAME]


def test_wrong_key_is_refused_and_the_file_untouched(
        filled_store: Store, data_dir: Path, file_state: Callable[..., Any]) -> None:
    filled_store.close()
    path = data_dir / DB_FILENAME
    before = file_state(path)
    with pytest.raises(NotAnRTDatabase, match="rt-desktop.db"):
        Store.open(data_dir, os.urandom(32))
    assert file_state(path) == before


def test_a_copy_of_a_real_database_opens(filled_store: Store, tmp_path: Path, key: bytes) -> None:
    filled_store.close()
    copy_dir = tmp_path / "copy"
    copy_dir.mkdir()
    shutil.copy(filled_store.path, copy_dir / DB_FILENAME)
    copy = Store.open(copy_dir, key)
    assert copy.status()["records"]["parenting_session"] == 30
    copy.close()


def test_sqlcipher_logs_nothing_on_a_wrong_key(
        filled_store: Store, data_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    filled_store.close()
    with pytest.raises(NotAnRTDatabase):
        Store.open(data_dir, os.urandom(32))
    captured = capfd.readouterr()
    assert captured.err == ""
    assert captured.out == ""


def test_no_database_is_not_found(tmp_path: Path, key: bytes) -> None:
    with pytest.raises(NotFound, match="rt-desktop.db"):
        Store.open(tmp_path, key)
    assert not (tmp_path / DB_FILENAME).exists()


def test_create_never_overwrites(store: Store, data_dir: Path, key: bytes,
                                 file_state: Callable[..., Any]) -> None:
    store.close()
    before = file_state(data_dir / DB_FILENAME)
    with pytest.raises(BadInput, match="rt-desktop.db"):
        Store.create(data_dir, key, kelurahan_code=KELURAHAN, rt=RT)
    assert file_state(data_dir / DB_FILENAME) == before


@pytest.mark.parametrize(("kelurahan", "rt"), [("64.71.99.9999", "007"), (KELURAHAN, "1000")])
def test_create_refuses_an_unknown_place_and_leaves_no_file(
        tmp_path: Path, key: bytes, kelurahan: str, rt: str) -> None:
    with pytest.raises(BadInput):
        Store.create(tmp_path, key, kelurahan_code=kelurahan, rt=rt)
    assert not (tmp_path / DB_FILENAME).exists()


@pytest.mark.parametrize("bad_key", [b"", b"short", os.urandom(31), os.urandom(33)])
def test_a_key_that_is_not_32_bytes_is_a_programmer_error(tmp_path: Path, bad_key: bytes) -> None:
    with pytest.raises(ValueError):
        open_database(tmp_path / "x.db", bad_key, create=True)
    assert not (tmp_path / "x.db").exists()


def test_a_newer_database_is_refused(store: Store, data_dir: Path, key: bytes,
                                     file_state: Callable[..., Any]) -> None:
    with store.db.atomic():
        store.db.table("_sqlite_migrations").insert({
            "migration_set": "rt_desktop", "name": "m999_from_the_future",
            "applied_at": "2030-01-01"})
    store.close()
    with pytest.raises(NotAnRTDatabase, match="newer|lebih baru"):
        Store.open(data_dir, key)


def test_open_settings(store: Store) -> None:
    pragma = {name: store.db.execute(f"PRAGMA {name}").fetchone()[0]
              for name in ("journal_mode", "foreign_keys", "busy_timeout", "temp_store")}
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000,
                      "temp_store": 2}
    assert isinstance(store.db.conn, dbapi2.Connection)
