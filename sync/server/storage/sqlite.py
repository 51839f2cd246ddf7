"""SQLite backend: one file, WAL, one connection per thread; writers serialised by
``BEGIN IMMEDIATE`` (which is also what keeps the change sequence in commit order)."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

from sync.server.storage.base import Storage, StorageConflict, Tx
from sync.server.storage.sql import SqlTx, schema_statements

__all__ = ["SQLiteStorage", "sqlite_path"]


class _SQLiteTx(SqlTx):
    paramstyle = "qmark"
    integrity_errors = (sqlite3.IntegrityError,)


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///relative/path`` or ``sqlite:////absolute/path`` URL (as in
    SQLAlchemy), or of a plain path."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):])
    return Path(url)


class SQLiteStorage(Storage):
    def __init__(self, url: str):
        self.url = url
        self.path = sqlite_path(url)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=60,
                                   check_same_thread=False)
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL: a change the server acknowledged survives a power cut too (the device
            # deletes its copy of the change once acknowledged).
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    @contextlib.contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Tx]:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.OperationalError as exc:  # still locked after the timeout
            raise StorageConflict("the database stayed locked") from exc
        try:
            yield _SQLiteTx(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def init_schema(self) -> None:
        with self.transaction(write=True) as tx:
            for statement in schema_statements("BLOB", "INTEGER"):
                tx.execute(statement)  # type: ignore[attr-defined]
        # Keep the file private: it holds no readable identity, but all else about the cases.
        self.path.chmod(0o600)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
