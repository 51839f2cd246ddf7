"""The local store: one encrypted database per device (DESIGN.md §4).

:class:`Store` is the one way the rest of RT Desktop reads and writes records. Every write runs in
one ``db.atomic()`` together with its sync bookkeeping (outbox row, pending state), its audit entry
and its search-index update, and returns :class:`Change` values that say what changed.
Saving (planning, validation, writing) lives in :mod:`rt_desktop.store.saving`.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from rt_desktop import casecode, wilayah
from rt_desktop.errors import BadInput, NotAnRTDatabase, NotFound, StorageError
from rt_desktop.hlc import HybridClock
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import RECORD_TYPES, Record, Referral, content_fields, from_row
from rt_desktop.roles import ROLES
from rt_desktop.store import audit as audit_log
from rt_desktop.store import drafts as drafts_table
from rt_desktop.store import outbox, rt_lists, saving
from rt_desktop.store import search as search_index
from rt_desktop.store.connection import (
    DB_FILENAME,
    open_database,
    remove_database_files,
    translate_errors,
)
from rt_desktop.store.migrations import (
    MIGRATIONS,
    REBUILD_SEARCH_INDEX,
    schema_version,
    unknown_migrations,
)

__all__ = ["ROLES", "SYNC_STATES", "Change", "Store"]

R = TypeVar("R", bound=Record)

SYNC_STATES = ("pending", "synced", "conflict", "rejected")
# meta keys that say which device and which RT this database belongs to.
_IDENTITY = ("device_id", "device_tag", "kelurahan_code", "rt")
_PLACE = ("kelurahan_code", "rt")


@dataclasses.dataclass(frozen=True)
class Change:
    """What one write changed (Anki's OpChanges): views refresh from these."""

    record_type: str
    record_id: str
    created: bool
    deleted: bool
    fields: tuple[str, ...]


class Store:
    """An open device database. Make one with :meth:`create` or :meth:`open`; not thread-safe
    (the UI serialises database work on one worker)."""

    def __init__(self, db: sqlite_utils.Database, path: Path):
        self.db = db
        self.path = path
        self.data_dir = path.parent
        self._meta = {row["key"]: row["value"] for row in db.table("meta").rows}
        # Only a volunteer's store names its RT; the others keep the keys, empty.
        needed = _IDENTITY if self.role == "volunteer" else tuple(
            k for k in _IDENTITY if k not in _PLACE)
        if any(not self._meta.get(key) for key in needed) or any(
                self._meta.get(key) is None for key in _IDENTITY):
            raise NotAnRTDatabase(
                f"Berkas {path} tidak memuat identitas perangkat RT Desktop.",
                f"{path} has no RT Desktop device identity.")
        self._clock = HybridClock(self.device_id, last=self._meta.get("hlc_last") or None)

    # --- opening -------------------------------------------------------------------------------

    @classmethod
    def create(cls, data_dir: Path, key: bytes, *, kelurahan_code: str = "", rt: str = "",
               role: str = "volunteer") -> Store:
        """Make a new database in ``data_dir`` (created if missing): for one RT (a volunteer's
        laptop), or with ``role="coordinator"``/``"uptd"`` for no RT (``kelurahan_code`` and
        ``rt`` stay empty; what it receives is the scope of its enrolment code).

        :raises BadInput: for an unknown kelurahan, an RT that is not 1..999, or when a database
            already exists there (it is never overwritten)
        :raises ValueError: for an unknown role
        :raises StorageError: if the directory cannot be written
        """
        if role not in ROLES:
            raise ValueError(f"unknown role: {role!r}")
        if role == "volunteer":
            kelurahan_code = wilayah.kelurahan(kelurahan_code).code
            rt = wilayah.normalise_rt(rt)
        else:
            kelurahan_code = rt = ""
        data_dir = Path(data_dir)
        path = data_dir / DB_FILENAME
        if path.exists():
            raise BadInput(f"Sudah ada basis data di {path}; berkas itu tidak ditimpa.",
                           f"A database already exists at {path}; it was not overwritten.")
        with translate_errors(path):
            data_dir.mkdir(parents=True, exist_ok=True)
        db = open_database(path, key, create=True)
        try:
            with translate_errors(path), db.atomic():
                MIGRATIONS.apply(db)
                now = utc_now_iso()
                device_id = new_id()
                for name, value in (("device_id", device_id),
                                    ("device_tag", casecode.new_device_tag()),
                                    ("kelurahan_code", kelurahan_code), ("rt", rt),
                                    ("role", role), ("created_at", now),
                                    ("hlc_last", HybridClock(device_id).tick())):
                    db.table("meta").insert({"key": name, "value": value})
                store = cls(db, path)
                store._after_migrations()
            return store
        except BaseException:
            db.close()
            remove_database_files(path)  # our own half-made file, never someone else's
            raise

    @classmethod
    def open(cls, data_dir: Path, key: bytes, *, read_only: bool = False) -> Store:
        """Open the database in ``data_dir`` and apply pending migrations.

        :param read_only: open without write access (every write raises :class:`StorageError`)
        :raises NotFound: if there is no database in ``data_dir``
        :raises NotAnRTDatabase: wrong key, damaged, not ours, or made by a newer RT Desktop
        :raises StorageError: if the disk refuses, or a read-only database needs a migration
        """
        path = Path(data_dir) / DB_FILENAME
        db = open_database(path, key, read_only=read_only)
        try:
            with translate_errors(path):
                newer = unknown_migrations(db)
                if newer:
                    raise NotAnRTDatabase(
                        f"Berkas {path} dibuat oleh RT Desktop versi yang lebih baru. "
                        "Perbarui aplikasi.",
                        f"{path} was made by a newer RT Desktop. Update the app.")
                if MIGRATIONS.pending(db):
                    if read_only:
                        raise StorageError(
                            f"Berkas {path} perlu diperbarui, tetapi hanya bisa dibaca.",
                            f"{path} needs an upgrade but is read-only.")
                    MIGRATIONS.apply(db)
                store = cls(db, path)
                if not read_only:
                    store._after_migrations()
                return store
        except BaseException:
            db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def _after_migrations(self) -> None:
        # Derived data a migration asked for, made with today's code on today's schema.
        if self.meta(REBUILD_SEARCH_INDEX):
            with self.writing():
                search_index.rebuild_index(self.db)
                self.db.table("meta").delete(REBUILD_SEARCH_INDEX)
            del self._meta[REBUILD_SEARCH_INDEX]

    # --- identity and meta ---------------------------------------------------------------------

    @property
    def device_id(self) -> str:
        return self._meta["device_id"]

    @property
    def device_tag(self) -> str:
        return self._meta["device_tag"]

    @property
    def role(self) -> str:
        """``volunteer`` (the default, and every store made before roles existed),
        ``coordinator`` or ``uptd``."""
        return self._meta.get("role") or "volunteer"

    @property
    def kelurahan_code(self) -> str:
        return self._meta["kelurahan_code"]

    @property
    def rt(self) -> str:
        return self._meta["rt"]

    def schema_version(self) -> int:
        return schema_version(self.db)

    def meta(self, key: str) -> str | None:
        return self._meta.get(key)

    def set_meta(self, key: str, value: str) -> None:
        """Set a meta value (inside the caller's ``db.atomic()`` if one is open)."""
        with self.writing():
            # Plain SQL: sqlite-utils' upsert reads the table's schema first, every time (a
            # sync sets seven of these when it ends, a save one).
            self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                            "DO UPDATE SET value = excluded.value", [key, value])
        self._meta[key] = value

    @property
    def hlc_last(self) -> str:
        """The last HLC timestamp this device issued or observed."""
        return self._clock.last

    def observe_hlc(self, ts: str) -> None:
        """Move the clock past a timestamp from the server or a restored backup."""
        self._clock.observe(ts)
        self.set_meta("hlc_last", self._clock.last)

    def tick_hlc(self) -> str:
        """A new HLC timestamp for a local change (persisted by the write that uses it)."""
        return self._clock.tick()

    @contextlib.contextmanager
    def writing(self, *, durable: bool = True) -> Iterator[sqlite_utils.Database]:
        """``db.atomic()`` with disk errors turned into :class:`StorageError`.

        ``durable=False`` is for data the server holds too (a pulled page and its cursor): the
        commit does not wait for the disk (``synchronous = NORMAL``; the WAL keeps it atomic).
        A power cut right after may undo such a transaction, page and cursor together, and the
        next sync pulls them again. What a person saves is always written with ``FULL``, and
        that commit flushes every earlier one with it.
        """
        if not durable:
            self.db.execute("PRAGMA synchronous = NORMAL")
        try:
            with translate_errors(self.path), self.db.atomic() as db:
                yield db
        finally:
            if not durable:
                self.db.execute("PRAGMA synchronous = FULL")

    # --- records -------------------------------------------------------------------------------

    def save(self, record: Record, *, user: str,
             referrals: Sequence[Referral] = ()) -> list[Change]:
        """Validate and save a record (and, for an Incident, its ``referrals``) in one transaction.

        A new record (``id == ""``, or an id made up front that is not stored yet) gets its
        envelope, an id if it has none, and — an Incident — the next case code of this device.
        Saving without a change writes nothing and returns ``[]``.

        :raises ValidationFailed: with the problems, per field; nothing is written
        :raises BadInput: moving a record to another RT, changing a case code, editing or
            deleting a follow-up note
        :raises StorageError: if the disk refuses; nothing is written
        """
        return saving.save(self, record, user=user, referrals=referrals)

    def delete(self, cls: type[Record], record_id: str, *, user: str) -> Change:
        """Delete a record as a tombstone (``deleted = 1``), queued for sync like any edit.

        :raises NotFound: no such record
        :raises BadInput: a follow-up note (append-only)
        :raises ValidationFailed: deleting a referral its incident still needs
        """
        record = self.get(cls, record_id, include_deleted=True)
        if record is None:
            raise _not_found(cls, record_id)
        if record.deleted:
            return Change(cls.TYPE, record_id, False, True, ())
        (change,) = saving.save(self, dataclasses.replace(record, deleted=True), user=user)
        return change

    def get(self, cls: type[R], record_id: str, *, include_deleted: bool = False) -> R | None:
        row = self.db.execute(f"SELECT * FROM {_table(cls)} WHERE id = ?", [record_id])
        columns = [d[0] for d in row.description]
        found = row.fetchone()
        if found is None:
            return None
        record = from_row(cls, dict(zip(columns, found, strict=True)))
        if record.deleted and not include_deleted:
            return None
        return record  # type: ignore[return-value]

    def list_records(self, cls: type[R], *, where: str | None = None, params: Any = (),
                     order_by: str | None = None, limit: int | None = None,
                     offset: int | None = None, include_deleted: bool = False) -> list[R]:
        """Records matching an SQL ``where`` over the table's columns, oldest id first unless
        ``order_by`` says otherwise. Tombstones only with ``include_deleted``."""
        return [from_row(cls, row) for row in self.db.table(_table(cls)).rows_where(  # type: ignore
            _where(where, include_deleted), params or None, order_by=order_by or "id",
            limit=limit, offset=offset)]

    def count(self, cls: type[Record], *, where: str | None = None, params: Any = (),
              include_deleted: bool = False) -> int:
        table = self.db.table(_table(cls))
        return table.count_where(_where(where, include_deleted), params or None)

    def search(self, text: str, *, record_type: str | None = None,
               limit: int = 100) -> list[tuple[str, str]]:
        """``(record_type, record_id)`` of sessions and incidents whose non-sensitive text has
        every word of ``text``; newest first."""
        return search_index.search(self.db, text, record_type=record_type, limit=limit)

    def rebuild_search_index(self) -> int:
        with self.writing():
            return search_index.rebuild_index(self.db)

    def next_case_code(self, year: int) -> str:
        """Take the next case code of this device for ``year`` (inside the caller's transaction,
        so a rolled-back save gives its number back)."""
        key = f"case_seq:{year}"
        with self.writing():
            sequence = int(self.meta(key) or 0) + 1
            self.set_meta(key, str(sequence))
        return casecode.format_case_code(self.rt, year, self.device_tag, sequence)

    # --- RT list -------------------------------------------------------------------------------

    def set_configured_rts(self, kelurahan_code: str, rts: Iterable[str]) -> None:
        """Make ``rts`` the active RTs of a kelurahan (:func:`rt_lists.configure`)."""
        with self.writing():
            rt_lists.configure(self.db, kelurahan_code, rts)

    def configured_rts(self) -> dict[str, frozenset[str]]:
        """Active RTs per kelurahan; a kelurahan without a list is absent (any RT is valid)."""
        return rt_lists.listed(self.db, active_only=True)

    def replace_rt_lists(self, lists: Mapping[str, Mapping[str, bool]]) -> bool:
        """Make the RT lists exactly the server's (kelurahan code → {RT: active}, for this
        device's area): RTs and kelurahan left out are gone. Returns whether anything changed.
        """
        with self.writing():
            return rt_lists.replace(self.db, lists)

    def listed_rts(self) -> dict[str, frozenset[str]]:
        """Every listed RT per kelurahan, frozen ones too: the RTs a record may be in."""
        return rt_lists.listed(self.db)

    # --- audit, reveal ---------------------------------------------------------------------------

    def audit(self, action: str, *, user: str, record_type: str | None = None,
              record_id: str | None = None, detail: str | None = None) -> None:
        """Append an audit entry. ``detail`` must never hold personal data.

        :raises ValueError: for an unknown action
        """
        with self.writing():
            audit_log.write_audit(self.db, action, user=user, record_type=record_type,
                                  record_id=record_id, detail=detail)

    def audit_entries(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        return audit_log.audit_entries(self.db, limit=limit)

    def reveal(self, cls: type[Record], record_id: str, fields: Iterable[str], *,
               user: str) -> dict[str, Any]:
        """The values of ``fields`` of one record; the audit log records which were revealed.

        :raises ValueError: for a name that is not a field of ``cls``
        :raises NotFound: no such record
        """
        names = tuple(dict.fromkeys(fields))
        unknown = set(names) - set(content_fields(cls))
        if unknown:
            raise ValueError(f"not fields of {cls.__name__}: {sorted(unknown)}")
        record = self.get(cls, record_id, include_deleted=True)
        if record is None:
            raise _not_found(cls, record_id)
        self.audit("reveal", user=user, record_type=cls.TYPE, record_id=record_id,
                   detail=audit_log.fields_detail(names))
        return {name: getattr(record, name) for name in names}

    # --- drafts ----------------------------------------------------------------------------------

    def save_draft(self, user_id: str, form_key: str, content: dict[str, Any]) -> None:
        with self.writing():
            drafts_table.save_draft(self.db, user_id, form_key, content)

    def load_draft(self, user_id: str, form_key: str) -> dict[str, Any] | None:
        return drafts_table.load_draft(self.db, user_id, form_key)

    def drafts(self, user_id: str) -> list[dict[str, Any]]:
        return drafts_table.list_drafts(self.db, user_id)

    def delete_draft(self, user_id: str, form_key: str) -> None:
        with self.writing():
            drafts_table.delete_draft(self.db, user_id, form_key)

    # --- sync bookkeeping ------------------------------------------------------------------------

    def pending_changes(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        return outbox.pending_changes(self.db, limit=limit)

    def pending_count(self) -> int:
        return outbox.pending_count(self.db)

    def sync_cursor(self, record_type: str) -> str | None:
        return outbox.sync_cursor(self.db, record_type)

    def set_sync_cursor(self, record_type: str, cursor: str) -> None:
        with self.writing():
            outbox.set_sync_cursor(self.db, record_type, cursor)

    def reset_sync_cursors(self) -> None:
        with self.writing():
            outbox.reset_sync_cursors(self.db)

    def status(self) -> dict[str, Any]:
        """Local counts per record type (tombstones excluded) and what identifies this store."""
        return {
            # Conflict entries are not the user's records; sync reports them (open ones).
            "records": {name: self.count(cls) for name, cls in RECORD_TYPES.items()
                        if name != "conflict"},
            "pending_changes": self.pending_count(),
            "schema_version": self.schema_version(),
            "data_dir": str(self.data_dir),
            "kelurahan_code": self.kelurahan_code,
            "rt": self.rt,
            "device_id": self.device_id,
        }


def _table(cls: type[Record]) -> str:
    if RECORD_TYPES.get(getattr(cls, "TYPE", "")) is not cls:
        raise TypeError(f"not a record class: {cls!r}")
    return cls.TABLE


def _where(where: str | None, include_deleted: bool) -> str | None:
    if include_deleted:
        return where
    return f"deleted = 0 AND ({where})" if where else "deleted = 0"


def _not_found(cls: type[Record], record_id: str) -> NotFound:
    return NotFound(f"Data {cls.TYPE} {record_id} tidak ditemukan.",
                    f"No {cls.TYPE} with id {record_id}.")
