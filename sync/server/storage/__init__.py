"""Storage backends of the city server behind one interface (:mod:`.base`)."""

from __future__ import annotations

from sync.server.storage.base import (
    Device,
    EnrolCode,
    PullFilter,
    RawRecord,
    Storage,
    StorageConflict,
    StoredRecord,
    Tx,
)

__all__ = ["Device", "EnrolCode", "PullFilter", "RawRecord", "Storage", "StorageConflict",
           "StoredRecord", "Tx", "is_postgres_url", "open_storage"]


def is_postgres_url(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def open_storage(url: str) -> Storage:
    """The backend for a database URL: ``postgresql://…`` or ``sqlite:///path`` (or a path).

    :raises ValueError: for another scheme
    """
    if is_postgres_url(url):
        from sync.server.storage.postgres import PostgresStorage

        return PostgresStorage(url)
    if "://" in url and not url.startswith("sqlite:"):
        raise ValueError(f"unsupported database URL scheme: {url.split('://', 1)[0]}")
    from sync.server.storage.sqlite import SQLiteStorage

    return SQLiteStorage(url)
