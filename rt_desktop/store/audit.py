"""The append-only audit log (DESIGN.md §4): who did what, when — never personal data.

The database refuses UPDATE and DELETE on ``audit_log`` (triggers of migration 1), so an entry
once written stays. ``detail`` holds field names and counts, never a value: callers must keep it
that way, this module cannot tell a name from a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlite_utils

from rt_desktop.ids import utc_now_iso

__all__ = ["ACTIONS", "audit_entries", "fields_detail", "write_audit"]

ACTIONS = frozenset({
    "login_ok", "login_failed", "create", "update", "delete", "reveal", "export", "backup",
    "restore", "sync",
    # Set-up and key slots (rt_desktop/access.py).
    "init", "user_added", "user_removed", "password_changed", "password_reset",
})


def fields_detail(names: Iterable[str]) -> str:
    """The ``detail`` text for a list of field names: ``"fields: a, b"``."""
    return "fields: " + ", ".join(names)


def write_audit(db: sqlite_utils.Database, action: str, *, user: str,
                record_type: str | None = None, record_id: str | None = None,
                detail: str | None = None) -> None:
    """Append one entry. Call inside the ``db.atomic()`` of the action it records.

    :raises ValueError: for an action not in :data:`ACTIONS` or an empty ``user``
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action: {action!r}")
    if not user:
        raise ValueError("an audit entry needs a user")
    db.execute(
        "INSERT INTO audit_log (at, user, action, record_type, record_id, detail)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        [utc_now_iso(), user, action, record_type, record_id, detail])


def audit_entries(db: sqlite_utils.Database, *, limit: int | None = None) -> list[dict[str, Any]]:
    """Audit entries, newest first: ``seq, at, user, action, record_type, record_id, detail``."""
    return list(db.table("audit_log").rows_where(order_by="seq DESC", limit=limit))
