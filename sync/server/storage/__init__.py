"""Storage backends of the city server behind one interface (:mod:`.base`)."""

from __future__ import annotations

from sync.server.storage.base import (
    Device,
    EnrolCode,
    PullFilter,
    RawRecord,
    SchemaTooNew,
    Storage,
    StorageConflict,
    StoredRecord,
    Tx,
)

__all__ = ["Device", "EnrolCode", "PullFilter", "RawRecord", "SchemaTooNew", "Storage",
           "StorageConflict", "StoredRecord", "Tx", "is_postgres_url", "open_storage"]


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_storage(url: str, *, ready: int = 1) -> Storage:
    """The backend for a database URL: ``postgresql://…`` or ``sqlite:///path`` (or a path).

    :param ready: PostgreSQL connections kept open even when idle (the serving app keeps a
        few, so that a burst of laptops does not wait while the pool opens them one by one)

    :raises ValueError: for another scheme
    """
    if is_postgres_url(url):
        from sync.server.storage.postgres import PostgresStorage

        return PostgresStorage(url, min_size=ready)
    if "://" in url and not url.startswith("sqlite:"):
        raise ValueError(f"unsupported database URL scheme: {url.split('://', 1)[0]}")
    from sync.server.storage.sqlite import SQLiteStorage

    return SQLiteStorage(url)
