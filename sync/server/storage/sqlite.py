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


#: How long a writer waits for the write lock (the in-process queue, then SQLite's own
#: busy handler for other processes such as ``rt-server admin``) before the request gets a 503
#: with Retry-After. Below the client's read timeout, so a queued device gets an answer.
BUSY_TIMEOUT = 30.0


def _locked(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


class SQLiteStorage(Storage):
    """Connections: one per server thread (the thread pool bounds them), each in WAL mode with
    a busy timeout. Writers of this process queue on one lock before ``BEGIN IMMEDIATE`` (first
    come, first served, no busy-polling between threads); other processes are handled by
    SQLite's busy timeout. Read transactions never write: a write inside a deferred read
    transaction cannot wait for the lock and fails at once (``SQLITE_BUSY_SNAPSHOT``)."""

    def __init__(self, url: str):
        self.url = url
        self.path = sqlite_path(url)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._writer = threading.RLock()

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, timeout=BUSY_TIMEOUT,
                                   check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
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
    def transaction(self, *, write: bool = False, lock_late: bool = False) -> Iterator[Tx]:
        # lock_late changes nothing here: a SQLite writer holds the whole file from BEGIN.
        conn = self._conn()
        if write and not self._writer.acquire(timeout=BUSY_TIMEOUT):
            raise StorageConflict("the database stayed locked")
        try:
            try:
                conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            except sqlite3.OperationalError as exc:  # still locked after the timeout
                raise StorageConflict("the database stayed locked") from exc
            try:
                yield _SQLiteTx(conn)
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError) and _locked(exc):
                    raise StorageConflict("the database was locked") from exc
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                if _locked(exc):
                    raise StorageConflict("the database was locked at commit") from exc
                raise
        finally:
            if write:
                self._writer.release()

    def init_schema(self) -> None:
        with self.transaction(write=True) as tx:
            for statement in schema_statements("BLOB", "INTEGER"):
                tx.execute(statement)  # type: ignore[attr-defined]
            tx.migrate("INTEGER")  # type: ignore[attr-defined]
        # Keep the file private: it holds no readable identity, but all else about the cases.
        self.path.chmod(0o600)

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                with contextlib.suppress(sqlite3.Error):
                    conn.close()
            self._all.clear()
        self._local = threading.local()
