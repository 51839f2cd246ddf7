"""Conflict entries on the device: list the open ones, resolve one (DESIGN.md §5).

Entries are made only by the server. A person resolves one on a volunteer's laptop: choosing
the value that lost writes it to the parent record as a normal edit (a fresh HLC, so it wins
everywhere), and the entry is marked resolved; both are normal changes, pushed at the next
sync, and saved in one transaction.
"""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Literal

from rt_desktop.errors import NotFound
from rt_desktop.ids import utc_now_iso
from rt_desktop.records import RECORD_TYPES, ConflictEntry, field_from_row

if TYPE_CHECKING:
    from rt_desktop.store.store import Change, Store

__all__ = ["open_conflicts", "resolve_conflict"]


def open_conflicts(store: Store, *, parent_id: str | None = None) -> list[ConflictEntry]:
    """Unresolved entries, oldest first; only those of one record with ``parent_id``."""
    where = "resolved = 0" + (" AND parent_id = ?" if parent_id else "")
    return store.list_records(ConflictEntry, where=where,
                              params=[parent_id] if parent_id else (), order_by="created_at, id")


def resolve_conflict(store: Store, conflict_id: str, *, keep: Literal["current", "other"],
                     user: str) -> list[Change]:
    """Resolve one entry: ``keep="current"`` keeps the record as it is, ``"other"`` writes the
    value that lost back into the record. Returns what changed.

    :raises NotFound: no such entry, or its record is not on this laptop
    :raises ValidationFailed: the other value would break a rule (nothing is written)
    :raises BadInput: this laptop may not write (coordinator, UPTD PPA)
    """
    entry = store.get(ConflictEntry, conflict_id)
    if entry is None:
        raise NotFound(f"Konflik {conflict_id} tidak ditemukan.",
                       f"No conflict with id {conflict_id}.")
    if entry.resolved:
        return []
    cls = RECORD_TYPES[entry.parent_type or ""]
    changes: list[Change] = []
    with store.writing():
        if keep == "other":
            parent = store.get(cls, entry.parent_id or "", include_deleted=True)
            if parent is None:
                raise NotFound(f"Data {entry.parent_id} tidak ada di laptop ini.",
                               f"Record {entry.parent_id} is not on this laptop.")
            value = json.loads(entry.losing_value) if entry.losing_value else None
            name = entry.field or ""
            changes += store.save(
                dataclasses.replace(parent, **{name: field_from_row(cls, name, value)}),
                user=user)
        changes += store.save(dataclasses.replace(
            entry, resolved=True, resolved_by=user, resolved_at=utc_now_iso()), user=user)
    return changes
