"""PostgreSQL backend (psycopg 3 with a connection pool).

The change sequence lives in one row, ``counters.seq``. A write transaction locks it — at once
(``SELECT … FOR UPDATE``), or with ``lock_late`` only when :meth:`Tx.allocate_seqs` runs
``UPDATE counters SET value = value + n … RETURNING value`` — and holds the lock until commit,
so numbers are handed out in commit order: a transaction that commits late can never have a
smaller number than one a reader already saw. Pushes lock late and row-lock the records they
read (``SELECT … FOR UPDATE``), so they merge and validate side by side and queue only to write.
Readers (pulls) take no lock and run in parallel; a lone read or bookkeeping write runs in
autocommit, one round trip.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool

from sync.server.storage.base import Storage, StorageConflict, Tx
from sync.server.storage.sql import SqlTx, schema_statements

__all__ = ["PostgresStorage"]

_RACES = (pg_errors.UniqueViolation, pg_errors.DeadlockDetected,
          pg_errors.SerializationFailure, pg_errors.LockNotAvailable)


class _PgTx(SqlTx):
    paramstyle = "format"
    integrity_errors = (pg_errors.UniqueViolation,)
    row_locks = True
    in_chunk = None

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        # COPY: one stream for the whole batch, where executemany runs one INSERT per row
        # (bench/sync_bench.py). A duplicate key fails the COPY as it fails an INSERT.
        if not rows:
            return
        with self.conn.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)


class PostgresStorage(Storage):
    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 16):
        self.url = url
        # Autocommit connections: a transaction is always an explicit BEGIN … COMMIT
        # (transaction()), and a lone read or bookkeeping write is one round trip.
        self._pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=True,
                                    kwargs={"autocommit": True},
                                    name="rt-server")
        self._pool.wait(timeout=30)

    @contextlib.contextmanager
    def transaction(self, *, write: bool = False, lock_late: bool = False) -> Iterator[Tx]:
        try:
            with self._pool.connection() as conn, conn.transaction():
                if write and not lock_late:
                    conn.execute("SELECT value FROM counters WHERE name = 'seq' FOR UPDATE")
                yield _PgTx(conn)
        except _RACES as exc:
            raise StorageConflict(type(exc).__name__) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[Tx]:
        try:
            with self._pool.connection() as conn:
                yield _PgTx(conn)
        except _RACES as exc:
            raise StorageConflict(type(exc).__name__) from exc

    def bookkeeping(self) -> contextlib.AbstractContextManager[Tx]:
        # Each bookkeeping write is one statement that commits on its own (durably), with no
        # lock on the sequence counter: a cursor or last-seen row is not a change.
        return self.reading()

    def init_schema(self) -> None:
        with self._pool.connection() as conn, conn.transaction():
            # Two `admin init` at once: the second waits here instead of failing half-way.
            conn.execute("SELECT pg_advisory_xact_lock(7471)")
            for statement in schema_statements("BYTEA", "BIGINT"):
                conn.execute(statement)  # type: ignore[arg-type]
            _PgTx(conn).migrate("BIGINT")

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self._pool.close()
