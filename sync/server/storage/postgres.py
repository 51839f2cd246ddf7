"""PostgreSQL backend (psycopg 3 with a connection pool).

A write transaction starts with ``SELECT … FROM counters WHERE name = 'seq' FOR UPDATE``: the row
lock is held until commit, so writers run one at a time and :meth:`Tx.allocate_seqs`
(``UPDATE counters SET value = value + n … RETURNING value``) hands out numbers in commit order —
a transaction that commits late can never have a smaller number than one a reader already saw.
Readers (pulls) take no lock and run in parallel.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

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


class PostgresStorage(Storage):
    def __init__(self, url: str, *, min_size: int = 1, max_size: int = 16):
        self.url = url
        self._pool = ConnectionPool(url, min_size=min_size, max_size=max_size, open=True,
                                    kwargs={"autocommit": False},
                                    name="rt-server")
        self._pool.wait(timeout=30)

    @contextlib.contextmanager
    def transaction(self, *, write: bool = False) -> Iterator[Tx]:
        try:
            with self._pool.connection() as conn, conn.transaction():
                if write:
                    conn.execute("SELECT value FROM counters WHERE name = 'seq' FOR UPDATE")
                yield _PgTx(conn)
        except _RACES as exc:
            raise StorageConflict(type(exc).__name__) from exc

    @contextlib.contextmanager
    def bookkeeping(self) -> Iterator[Tx]:
        # No lock on the sequence counter: a cursor or last-seen row is not a change.
        with self.transaction(write=False) as tx:
            yield tx

    def init_schema(self) -> None:
        with self._pool.connection() as conn, conn.transaction():
            # Two `admin init` at once: the second waits here instead of failing half-way.
            conn.execute("SELECT pg_advisory_xact_lock(7471)")
            for statement in schema_statements("BYTEA", "BIGINT"):
                conn.execute(statement)  # type: ignore[arg-type]

    def close(self) -> None:
        with contextlib.suppress(psycopg.Error):
            self._pool.close()
