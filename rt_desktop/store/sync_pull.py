"""Pulled pages into the local store (DESIGN.md §4, §5). No network here — :mod:`sync.client`
fetches the pages and calls these.

- A page is prepared without the store (:func:`prepare_pulled`: each record's columns, its
  search text, the newest timestamp), so a fetching thread can do it while earlier pages are
  written, and applied in ONE transaction together with its cursor (:func:`apply_pulled`): a
  crash leaves either the whole page and the moved cursor, or neither.
- A record with local changes the server has not acknowledged is merged field by field with
  :func:`rt_desktop.merge.merge_pulled` (the rule the server applies when those changes arrive),
  never overwritten; its outbox rows stay. The rest takes a bulk path (``executemany``).
- Every pulled HLC timestamp moves the store's clock past it.

Values are in row form throughout (:func:`rt_desktop.records.to_row`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rt_desktop.hlc import pack_clocks, pack_groups, unpack_clocks
from rt_desktop.merge import DELETED, merge_pulled
from rt_desktop.records import RECORD_TYPES, Record, content_fields
from rt_desktop.store import outbox, search
from rt_desktop.store.sync_apply import (
    id_chunks,
    marks,
    settle_conflict_parents,
    settle_sync_state,
)

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["PageResult", "PulledBatch", "apply_pull_page", "apply_pulled", "join_pulled",
           "prepare_pulled"]


@dataclass(frozen=True)
class PageResult:
    """What applying one pulled page did."""

    applied: int    # records written as the server has them
    merged: int     # records merged with local pending changes
    skipped: int    # older than the local copy (a later page or push answer already has more)
    conflicts: int  # conflict entries in the page that are open (not resolved, not deleted)



def _pending_fields(store: Store, ids: Sequence[str]) -> dict[str, set[str]]:
    """Fields of each record the server has not acknowledged (pending and rejected rows)."""
    pending: dict[str, set[str]] = {}
    for chunk in id_chunks(ids):
        for record_id, fields in store.db.execute(
                f"SELECT record_id, fields FROM outbox WHERE record_id IN ({marks(len(chunk))})",
                list(chunk)):
            pending.setdefault(record_id, set()).update(json.loads(fields))
    return pending


_ENVELOPE_COLUMNS = ("id", "kelurahan_code", "rt", "created_at", "updated_at", "created_by",
                     "device_id", "rev", "hlc", "deleted", "attention")


def _clock_text(clocks: Mapping[str, str] | Sequence[Sequence[str]]) -> str:
    return pack_clocks(clocks) if isinstance(clocks, Mapping) else pack_groups(clocks)


def _newest(clocks: Mapping[str, str] | Sequence[Sequence[str]]) -> str | None:
    if not clocks:
        return None
    return max(clocks.values() if isinstance(clocks, Mapping) else (g[0] for g in clocks))


def _row(cls: type[Record], record: Mapping[str, Any], fields: Mapping[str, Any],
         clocks: Mapping[str, str] | Sequence[Sequence[str]], deleted: Any) -> list[Any]:
    """Values for :data:`_ENVELOPE_COLUMNS` then the content fields, in that order. Booleans
    stay as they come: row form has 0/1, and SQLite stores a bool as an integer anyway."""
    attention = record.get("attention")
    return [record["id"], record["kelurahan_code"], record["rt"], record["created_at"],
            record["updated_at"], record["created_by"], record["device_id"], int(record["rev"]),
            _clock_text(clocks), 1 if deleted else 0,
            json.dumps(list(attention)) if attention else None,
            *map(fields.get, content_fields(cls))]


_ID, _REV, _HLC, _DELETED, _ATTENTION = (
    _ENVELOPE_COLUMNS.index(c) for c in ("id", "rev", "hlc", "deleted", "attention"))


@dataclass(frozen=True)
class PulledBatch:
    """Pulled records of one type made ready to store (:func:`prepare_pulled`): the columns
    of each as pulled and its search text. Made without the store, so a fetching thread (or
    process: the batch is all plain values, quick to pickle) can prepare the next pages while
    the store writes these."""

    record_type: str
    rows: Sequence[Sequence[Any]]          # _ENVELOPE_COLUMNS then content fields; each id once
    texts: Sequence[str | None]            # the search text (None: deleted, or not indexed)
    newest: str | None                     # the greatest HLC timestamp in the records

    @property
    def ids(self) -> list[str]:
        return [row[_ID] for row in self.rows]

    def fields(self, i: int) -> dict[str, Any]:
        """The content fields of the ``i``-th record, by name (row form, without ``deleted``)."""
        cls = RECORD_TYPES[self.record_type]
        return dict(zip(content_fields(cls), self.rows[i][len(_ENVELOPE_COLUMNS):],
                        strict=True))


def prepare_pulled(record_type: str, records: Sequence[Mapping[str, Any]]) -> PulledBatch:
    """``records`` (one page, or consecutive pages in the server's order) ready for
    :func:`apply_pulled`. A record that appears twice (changed again between two pages)
    counts once, as its later copy.

    :raises KeyError: for an unknown record type
    """
    cls = RECORD_TYPES[record_type]
    if len({r["id"] for r in records}) < len(records):
        records = list({r["id"]: r for r in records}.values())
    text = search.row_text(cls)
    # Timestamps sort as text (fixed-width ms and counter, then the device id), so the newest
    # is the greatest string; observe() checks its format.
    newest = max((ts for ts in map(_newest, (r["hlc"] for r in records)) if ts), default=None)
    return PulledBatch(
        record_type,
        [_row(cls, r, r["fields"], r["hlc"], r["deleted"]) for r in records],
        [None if text is None or r["deleted"] else text(r["fields"]) for r in records],
        newest)


def join_pulled(batches: Sequence[PulledBatch]) -> PulledBatch:
    """Consecutive batches of one record type as one (a later copy of a record wins)."""
    if len(batches) == 1:
        return batches[0]
    record_type = batches[0].record_type
    if any(b.record_type != record_type for b in batches):
        raise ValueError("batches of different record types")
    rows = [r for b in batches for r in b.rows]
    texts = [t for b in batches for t in b.texts]
    latest = {r[_ID]: i for i, r in enumerate(rows)}  # first place, index of last copy
    if len(latest) < len(rows):
        keep = list(latest.values())
        rows, texts = [rows[i] for i in keep], [texts[i] for i in keep]
    newest = max((b.newest for b in batches if b.newest), default=None)
    return PulledBatch(record_type, rows, texts, newest)


def apply_pull_page(store: Store, record_type: str, records: Sequence[Mapping[str, Any]],
                    cursor: int | str) -> PageResult:
    """Apply pulled records of ``record_type`` (one page, or consecutive pages together) and
    move its cursor, in one transaction: :func:`prepare_pulled` then :func:`apply_pulled`.

    ``records``: in the wire shape of ``sync.protocol.PulledRecord`` (``fields`` in row form
    without ``deleted``; ``hlc``, a map or grouped, with it), in the server's order.
    Coordinator pages lack sensitive fields: their columns stay empty.

    :raises KeyError: for an unknown record type
    """
    return apply_pulled(store, prepare_pulled(record_type, records), cursor)


def apply_pulled(store: Store, batch: PulledBatch, cursor: int | str) -> PageResult:
    """Store a :func:`prepare_pulled` batch and move its type's cursor, in one transaction."""
    cls = RECORD_TYPES[batch.record_type]
    table = cls.TABLE
    if not batch.rows and store.sync_cursor(batch.record_type) == str(cursor):
        return PageResult(0, 0, 0, 0)  # nothing new: no write at all
    ids = batch.ids
    merged = skipped = 0
    # Not durable: the server holds all of it (local pending changes stay in the outbox, which
    # this transaction never removes), so a power cut costs a second download, nothing more.
    with store.writing(durable=False) as db:
        revs = _local_revs(store, table, ids)
        pending = _pending_fields(store, ids) if revs else {}
        plain: list[Sequence[Any]] = []
        columns = [*_ENVELOPE_COLUMNS, *content_fields(cls)]
        texts: dict[str, str | None] = {}  # id: search text of what is written (None: none)
        for i, (row, text) in enumerate(zip(batch.rows, batch.texts, strict=True)):
            record_id = row[_ID]
            rev = revs.get(record_id)
            if rev is not None and rev > int(row[_REV]):
                skipped += 1
                continue
            if record_id not in pending:
                plain.append(row)
                texts[record_id] = text
                continue
            mine = _local_row(store, table, record_id)
            clocks = unpack_clocks(row[_HLC])
            # A field the page did not carry (projected away) has neither value nor clock.
            pulled = {name: value for name, value in batch.fields(i).items()
                      if value is not None or name in clocks}
            pulled[DELETED] = row[_DELETED]
            mine_fields = {n: mine[n] for n in (*content_fields(cls), DELETED)}
            result = merge_pulled(pulled, clocks, mine_fields, unpack_clocks(mine["hlc"]),
                                  pending[record_id])
            deleted = 1 if result.fields.get(DELETED) else 0
            values = [*row[:_HLC], pack_clocks(result.hlc), deleted, row[_ATTENTION],
                      *map(result.fields.get, content_fields(cls))]
            db.table(table).update(record_id, dict(zip(columns, values, strict=True)))
            indexed = cls in search.SEARCH_FIELDS and not deleted
            texts[record_id] = (search.row_document_text(cls, result.fields) if indexed
                                else None)
            merged += 1
        if plain:
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c != "id")
            db.conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}, sync_state)"
                f" VALUES ({marks(len(columns))}, 'synced')"
                f" ON CONFLICT(id) DO UPDATE SET {updates}, sync_state = 'synced',"
                f" sync_error = NULL WHERE excluded.rev >= {table}.rev", plain)
        _index(store, cls, texts)
        # The bulk path wrote 'synced'; records with local changes or open conflicts differ.
        settle_sync_state(store, batch.record_type, {*pending, *_conflicted(store, list(texts))})
        open_conflicts = 0
        if cls.TYPE == "conflict":
            open_conflicts = _settle_parents(store, batch)
        if batch.newest is not None:
            store.observe_hlc(batch.newest)
        outbox.set_sync_cursor(db, batch.record_type, str(cursor))
    return PageResult(len(plain), merged, skipped, open_conflicts)


def _local_revs(store: Store, table: str, ids: Sequence[str]) -> dict[str, int]:
    revs: dict[str, int] = {}
    for chunk in id_chunks(ids):
        revs.update(store.db.execute(
            f"SELECT id, rev FROM {table} WHERE id IN ({marks(len(chunk))})", list(chunk)))
    return revs


def _local_row(store: Store, table: str, record_id: str) -> dict[str, Any]:
    cursor = store.db.execute(f"SELECT * FROM {table} WHERE id = ?", [record_id])
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def _conflicted(store: Store, ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in id_chunks(ids):
        found.update(r[0] for r in store.db.execute(
            f"SELECT parent_id FROM conflicts WHERE resolved = 0 AND deleted = 0"
            f" AND parent_id IN ({marks(len(chunk))})", list(chunk)))
    return found


def _settle_parents(store: Store, entries: PulledBatch) -> int:
    """Settle the records the (just stored) conflict entries belong to; how many entries are
    open."""
    settle_conflict_parents(store, entries.ids)
    return sum(not row[_DELETED] and not entries.fields(i).get("resolved")
               for i, row in enumerate(entries.rows))


def _index(store: Store, cls: type[Record], texts: Mapping[str, str | None]) -> None:
    """Bring the search index up to date for the written records (sessions and incidents):
    ``id: text`` of each, ``None`` for one that is deleted (it leaves the index)."""
    if cls not in search.SEARCH_FIELDS or not texts:
        return
    for chunk in id_chunks(list(texts)):
        docs = dict(store.db.execute(
            f"SELECT record_id, doc FROM search_docs WHERE record_id IN ({marks(len(chunk))})",
            list(chunk)))
        store.db.conn.executemany("DELETE FROM search_fts WHERE rowid = ?",
                                  [(d,) for d in docs.values()])
        store.db.conn.executemany("DELETE FROM search_docs WHERE doc = ?",
                                  [(docs[i],) for i in chunk if texts[i] is None and i in docs])
        live = [i for i in chunk if texts[i] is not None]
        new = [i for i in live if i not in docs]
        store.db.conn.executemany(
            "INSERT INTO search_docs (record_type, record_id) VALUES (?, ?)",
            [(cls.TYPE, record_id) for record_id in new])
        if new:
            docs.update(store.db.execute(
                f"SELECT record_id, doc FROM search_docs WHERE record_id IN"
                f" ({marks(len(new))})", new))
        store.db.conn.executemany("INSERT INTO search_fts (rowid, body) VALUES (?, ?)",
                                  [(docs[i], texts[i]) for i in live])
