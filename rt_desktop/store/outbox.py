"""Sync bookkeeping (DESIGN.md §4, §5): the outbox of local changes and the pull cursors.

An outbox row is written in the same ``db.atomic()`` as the change it carries; the sync engine
removes it only after the server acknowledged it. A pull cursor moves in the same transaction
as the records it covers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from rt_desktop.hlc import pack_clocks, unpack_clocks
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import RECORD_TYPES

__all__ = [
    "add_change",
    "pending_changes",
    "pending_count",
    "reset_sync_cursors",
    "set_sync_cursor",
    "sync_cursor",
]


def add_change(db: sqlite_utils.Database, *, record_type: str, record_id: str, base_rev: int,
               fields: Mapping[str, Any], hlc: Mapping[str, str]) -> str:
    """Queue one local change (changed fields in row form, their HLC timestamps); returns its
    ``change_id``. Call inside the ``db.atomic()`` that writes the change, after the record's
    row is written.

    Changes of this record that the server rejected are superseded: their fields join this
    change with the record's current values (nothing the server never acknowledged is lost, and
    a rejected create stays a create), and their rows go.
    """
    fields, hlc = dict(fields), dict(hlc)
    rejected = db.execute(
        "SELECT seq, base_rev, fields, hlc FROM outbox WHERE record_id = ? AND state = 'rejected'"
        " ORDER BY seq", [record_id]).fetchall()
    if rejected:
        table = RECORD_TYPES[record_type].TABLE
        cursor = db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
        names = [d[0] for d in cursor.description]
        current = dict(zip(names, cursor.fetchone() or (), strict=False))
        clocks = unpack_clocks(current.get("hlc"))
        for _seq, old_base, old_fields, old_hlc in rejected:
            base_rev = min(base_rev, old_base)
            old_clocks = unpack_clocks(old_hlc)
            for name in json.loads(old_fields):
                if name not in fields and name in current:
                    fields[name] = current[name]
                    if name in old_clocks:
                        hlc[name] = clocks.get(name, old_clocks[name])
        db.execute("DELETE FROM outbox WHERE record_id = ? AND state = 'rejected'", [record_id])
    change_id = new_id()
    db.execute(
        "INSERT INTO outbox (change_id, record_type, record_id, base_rev, fields, hlc,"
        " created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
        [change_id, record_type, record_id, base_rev,
         json.dumps(fields, ensure_ascii=False, sort_keys=True),
         pack_clocks(hlc), utc_now_iso()])
    return change_id


def pending_changes(db: sqlite_utils.Database, *,
                    limit: int | None = None) -> list[dict[str, Any]]:
    """Queued changes, oldest first, with ``fields`` and ``hlc`` decoded to dicts."""
    rows = []
    for row in db.table("outbox").rows_where(order_by="seq", limit=limit):
        row["fields"] = json.loads(row["fields"])
        row["hlc"] = unpack_clocks(row["hlc"])
        rows.append(row)
    return rows


def pending_count(db: sqlite_utils.Database) -> int:
    return db.execute("SELECT count(*) FROM outbox").fetchone()[0]


def _check_type(record_type: str) -> None:
    if record_type not in RECORD_TYPES:
        raise ValueError(f"unknown record type: {record_type!r}")


def sync_cursor(db: sqlite_utils.Database, record_type: str) -> str | None:
    """The pull cursor of a record type, ``None`` before the first pull.

    :raises ValueError: for an unknown record type
    """
    _check_type(record_type)
    row = db.execute("SELECT cursor FROM sync_cursors WHERE record_type = ?",
                     [record_type]).fetchone()
    return row[0] if row else None


def set_sync_cursor(db: sqlite_utils.Database, record_type: str, cursor: str) -> None:
    """Move the pull cursor. Call inside the ``db.atomic()`` that applies the pulled page.

    :raises ValueError: for an unknown record type
    """
    _check_type(record_type)
    db.execute("INSERT INTO sync_cursors (record_type, cursor, updated_at) VALUES (?, ?, ?) "
               "ON CONFLICT (record_type) DO UPDATE SET cursor = excluded.cursor, "
               "updated_at = excluded.updated_at", [record_type, cursor, utc_now_iso()])


def reset_sync_cursors(db: sqlite_utils.Database) -> None:
    """Forget every pull cursor: the next sync pulls everything again (after a restore)."""
    db.table("sync_cursors").delete_where()
