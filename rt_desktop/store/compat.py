"""The one place sqlite-utils is pointed at sqlcipher3 (DESIGN.md §4).

sqlite-utils names the standard library's ``sqlite3`` exception classes in its ``except`` clauses.
sqlcipher3 raises its own classes, which are not subclasses of those, so on an encrypted
connection ``table.drop(ignore=True)`` raises and ``db.query("… RETURNING …")`` fails with
"cannot release savepoint". Pointing ``sqlite_utils.db``'s module references at
``sqlcipher3.dbapi2`` makes those clauses catch what the connection really raises.

Consequence for the whole process: sqlite-utils must then only be given sqlcipher3 connections
(or paths, which it opens with sqlcipher3 — an unkeyed sqlcipher3 connection is plain SQLite).
A standard-library ``sqlite3.Connection`` would have its errors missed by the same clauses.
tests/store/test_store_sqlcipher_compat.py runs every sqlite-utils call the project uses.
"""

from __future__ import annotations

import sqlite_utils.db
from sqlcipher3 import dbapi2

__all__ = ["dbapi2", "ensure_sqlcipher"]


def ensure_sqlcipher() -> None:
    """Make sqlite-utils use sqlcipher3's module and exception classes. Idempotent."""
    if sqlite_utils.db.sqlite3 is dbapi2:
        return
    sqlite_utils.db.sqlite3 = dbapi2  # type: ignore[attr-defined]
    # db.py also imported OperationalError by name from sqlite_utils.utils.
    sqlite_utils.db.OperationalError = dbapi2.OperationalError  # type: ignore[attr-defined]
