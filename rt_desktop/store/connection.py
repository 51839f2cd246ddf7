"""Opening the encrypted database file (DESIGN.md §4).

One SQLCipher file per device, opened with a raw 256-bit key (``x'…'``) so SQLCipher's own key
derivation does not run on top of the key slots' one. A file that does not open with the key is
never written to: every check before the first write only reads.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils

from rt_desktop.errors import NotAnRTDatabase, NotFound, RTError, StorageError
from rt_desktop.store.compat import dbapi2, ensure_sqlcipher

__all__ = [
    "DB_FILENAME",
    "KEY_BYTES",
    "MIGRATION_SET",
    "open_database",
    "storage_error",
    "translate_errors",
]

DB_FILENAME = "rt-desktop.db"
KEY_BYTES = 32
# The name of our set in sqlite-utils' _sqlite_migrations table; migrations.py registers it.
MIGRATION_SET = "rt_desktop"
# SQLCipher 4's page size; we never change it, so a real file is always a whole number of pages.
PAGE_SIZE = 4096
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 64 * 1024


def open_database(path: Path, key: bytes, *, create: bool = False,
                  read_only: bool = False) -> sqlite_utils.Database:
    """Open (or, with ``create``, make) the SQLCipher file at ``path`` with a raw key.

    The connection has SQLCipher's logging off, WAL, ``foreign_keys=ON``, a busy timeout and
    temporary tables kept in memory (never a plaintext temp file). An existing file must carry our
    migrations; applying pending ones is the caller's job (:class:`~rt_desktop.store.store.Store`).

    :param read_only: open with ``mode=ro``: every write then raises :class:`StorageError`
    :raises ValueError: if ``key`` is not 32 bytes (a programmer error)
    :raises NotFound: if there is no file at ``path`` and ``create`` is false
    :raises NotAnRTDatabase: if the file is empty, truncated, damaged, not SQLCipher, encrypted
        with another key, or not an RT Desktop database; the message names the file
    :raises StorageError: if the disk refuses (read-only directory, full, locked)
    """
    ensure_sqlcipher()
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError(f"the database key must be {KEY_BYTES} bytes")
    path = Path(path)
    exists = path.exists()
    if not exists and (not create or read_only):
        raise NotFound(f"Berkas basis data tidak ditemukan: {path}",
                       f"Database file not found: {path}")
    if exists:
        _check_size(path)
    mode = "ro" if read_only else ("rw" if exists else "rwc")
    with translate_errors(path):
        conn = dbapi2.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True,
                              check_same_thread=False)
    try:
        with translate_errors(path):
            # Both pragmas must come before anything reads the file.
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            if exists:
                _check_ours(conn, path)
            _configure(conn, read_only=read_only)
    except BaseException:
        conn.close()
        raise
    return sqlite_utils.Database(conn, execute_plugins=False)


def _check_size(path: Path) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise StorageError(f"Berkas {path} tidak bisa dibaca: {exc.strerror}",
                           f"Cannot read {path}: {exc.strerror}") from exc
    # An empty file would silently become a new, empty database; a size that is not a whole
    # number of pages is a truncated or foreign file.
    if size == 0 or size % PAGE_SIZE:
        raise _not_ours(path)


def _check_ours(conn: dbapi2.Connection, path: Path) -> None:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except dbapi2.DatabaseError as exc:
        raise storage_error(exc, path) or _not_ours(path) from exc
    has_migrations = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not has_migrations or not conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
    ).fetchone():
        raise _not_ours(path)


def _configure(conn: dbapi2.Connection, *, read_only: bool) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")
    # SQLCipher decrypts a page each time it enters the page cache; SQLite's default 2 MB cache
    # made lists and searches on 100k records twice as slow as on a plain file. 64 MB (filled
    # only as pages are read) brings that to about 1.0×.
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    if not read_only:
        # A no-op on an existing file (WAL is persistent); makes a new file WAL.
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit survives a power cut, which is common where the laptops live.
        conn.execute("PRAGMA synchronous = FULL")


def _not_ours(path: Path) -> NotAnRTDatabase:
    return NotAnRTDatabase(
        f"Berkas {path} bukan basis data RT Desktop, rusak, atau kuncinya tidak cocok. "
        "Berkas itu tidak diubah.",
        f"{path} is not an RT Desktop database, is damaged, or does not open with this key. "
        "The file was not changed.")


def storage_error(exc: BaseException, path: Path) -> RTError | None:
    """The user-facing error for an exception the SQLite driver raised, or ``None`` when it is a
    programmer error (bad SQL, a broken constraint) that should propagate as it is."""
    if isinstance(exc, OSError):
        return StorageError(f"Disk menolak menulis {path}: {exc.strerror or exc}",
                            f"The disk refused to write {path}: {exc.strerror or exc}")
    if not isinstance(exc, dbapi2.DatabaseError):
        return None
    # Extended result codes carry the primary code in their low byte.
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    if code == dbapi2.SQLITE_READONLY:
        return StorageError(
            f"Basis data {path} hanya bisa dibaca (read-only); tidak ada yang disimpan.",
            f"The database {path} is read-only; nothing was saved.")
    if code == dbapi2.SQLITE_FULL:
        return StorageError(
            f"Disk penuh: {path} tidak bisa ditulis; tidak ada yang disimpan. "
            "Kosongkan ruang disk.",
            f"The disk is full: {path} cannot be written; nothing was saved. Free some space.")
    if code in (dbapi2.SQLITE_BUSY, dbapi2.SQLITE_LOCKED):
        return StorageError(
            f"Basis data {path} sedang dipakai program lain. Tutup program itu dan coba lagi.",
            f"The database {path} is in use by another program. Close it and try again.")
    if code in (dbapi2.SQLITE_CANTOPEN, dbapi2.SQLITE_IOERR, dbapi2.SQLITE_PERM):
        return StorageError(
            f"Berkas {path} tidak bisa dibuka atau ditulis (izin folder atau disk bermasalah).",
            f"Cannot open or write {path} (folder permissions or a disk problem).")
    if code in (dbapi2.SQLITE_NOTADB, dbapi2.SQLITE_CORRUPT):
        return _not_ours(path)
    return None


@contextlib.contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn driver and OS errors the user can cause into :class:`StorageError` /
    :class:`NotAnRTDatabase`; let everything else through unchanged."""
    try:
        yield
    except (dbapi2.DatabaseError, OSError) as exc:
        error = storage_error(exc, path)
        if error is None:
            raise
        raise error from exc


def remove_database_files(path: Path) -> None:
    """Delete a database file we have just made ourselves, with its -wal/-shm companions."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")
