"""The server's storage interface: what the services need from a database, and nothing else.

Two backends implement it with the same SQL (:mod:`.sql`): SQLite (:mod:`.sqlite`, the default)
and PostgreSQL (:mod:`.postgres`). Everything runs inside :meth:`Storage.transaction`; the change
sequence is taken with :meth:`Tx.allocate_seqs` inside the committing transaction, under a lock
held until commit, so sequence order is commit order and a pull cursor never skips a late commit.

Stored values are already prepared by the services: sensitive fields arrive encrypted
(``secret``), so no backend ever sees a readable identity.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = [
    "StoredRecord", "RawRecord", "Device", "EnrolCode", "PullFilter", "Tx", "Storage",
    "StorageConflict", "SchemaTooNew",
]


class StorageConflict(Exception):
    """Two transactions wrote the same key at once (a retried push racing itself); retry."""


class SchemaTooNew(ValueError):
    """The database was made (or migrated) by a newer rt-server: this one would write rows
    without what that version keeps in them."""

    def __init__(self, found: int, known: int):
        super().__init__(f"the database was made by a newer rt-server (schema {found}; this "
                         f"one knows {known}): install that version")


@dataclass
class StoredRecord:
    """One record as the server keeps it. ``fields``: non-sensitive content in row form;
    ``secret``: the sensitive fields, encrypted; ``hlc``: each field's timestamp;
    ``hlc_public``: those of the non-sensitive fields (what a coordinator may see);
    ``state``: per field ``[rev, device]`` (or a tuple of them) of its last write."""

    record_type: str
    id: str
    kelurahan_code: str
    kecamatan_code: str
    rt: str
    rev: int
    seq: int
    deleted: bool
    created_at: str
    updated_at: str
    created_by: str
    device_id: str
    fields: dict[str, Any]
    secret: bytes | None
    hlc: dict[str, str]
    hlc_public: dict[str, str]
    state: Mapping[str, Sequence[Any]]  # never a value: see codec.to_stored
    attention: list[str] = field(default_factory=list)
    parent_id: str | None = None     # the incident of a referral/follow-up, a conflict's parent
    uptd: bool = False               # visible to UPTD PPA (referred there)
    coordinator_hidden: bool = False  # a conflict entry of a sensitive field
    #: the device whose push left the record exactly as that device has it (applied as sent, not
    #: merged), and the seq of that write (the mark holds only while ``seq`` is still it: a
    #: write that does not know the mark cannot leave it standing); its pull may leave the
    #: record out (sync/server/pull.py, ``own``)
    echo_of: str | None = None
    echo_seq: int | None = None


class RawRecord(NamedTuple):
    """A record for a pull page, JSON columns left as text (a page is assembled without
    parsing what it does not need to change)."""

    id: str
    kelurahan_code: str
    rt: str
    rev: int
    seq: int
    deleted: int
    created_at: str
    updated_at: str
    created_by: str
    device_id: str
    fields: str
    secret: bytes | None
    hlc: str
    hlc_public: str
    attention: str
    echo_of: str | None
    echo_seq: int | None


@dataclass(frozen=True)
class Device:
    device_id: str
    role: str
    scope_level: str
    scope_code: str
    rt: str | None
    device_tag: str
    app_version: str
    enrolled_at: str
    last_seen_at: str | None
    last_sync_at: str | None
    revoked_at: str | None


@dataclass(frozen=True)
class EnrolCode:
    code_hash: str
    role: str
    scope_level: str
    scope_code: str
    rt: str | None
    created_at: str
    expires_at: str
    used_at: str | None


@dataclass(frozen=True)
class PullFilter:
    """Which rows a device may receive: a kelurahan (and RT), a kecamatan, or the city;
    ``uptd_only`` for UPTD PPA; ``coordinator`` drops entries hidden from coordinators."""

    kelurahan_code: str | None = None
    kecamatan_code: str | None = None
    rt: str | None = None
    uptd_only: bool = False
    coordinator: bool = False


class Tx(ABC):
    """One open transaction."""

    # --- records ------------------------------------------------------------------------------
    @abstractmethod
    def records(self, ids: Sequence[str], *, lock: bool = False) -> dict[str, StoredRecord]:
        """The stored records with these ids. ``lock``: lock them until this transaction ends
        (PostgreSQL ``FOR UPDATE``; a SQLite write transaction holds the whole file anyway)."""

    @abstractmethod
    def children(self, parent_ids: Sequence[str], record_type: str, *,
                 lock: bool = False) -> list[StoredRecord]:
        """The records of ``record_type`` whose ``parent_id`` is one of ``parent_ids``
        (``lock`` as for :meth:`records`)."""

    @abstractmethod
    def allocate_seqs(self, count: int) -> int:
        """Take ``count`` numbers of the change sequence; returns the first. Holds the sequence
        lock until this transaction ends."""

    @abstractmethod
    def save_records(self, rows: Sequence[StoredRecord]) -> None:
        """Insert or replace these records (their ``seq`` already allocated)."""

    @abstractmethod
    def write_records(self, rows: Sequence[StoredRecord], *, new: Collection[str]) -> None:
        """Number ``rows`` in their order (:meth:`allocate_seqs`, which takes the sequence lock
        only once they are encoded) and write them: those whose id is in ``new`` inserted,
        the others replaced.

        :raises StorageConflict: if a ``new`` record exists (a racing transaction made it)
        """

    @abstractmethod
    def pull(self, record_type: str, since: int, limit: int,
             where: PullFilter) -> list[RawRecord]:
        """Up to ``limit`` records of a type with ``seq > since`` in the filter, by seq."""

    @abstractmethod
    def record_counts(self) -> list[tuple[str, str, str, int, int]]:
        """``(kelurahan_code, rt, record_type, live, deleted)`` for every group."""

    # --- answers and cursors ------------------------------------------------------------------
    @abstractmethod
    def answers(self, device_id: str, change_ids: Sequence[str]) -> dict[str, str]:
        """The stored answers (JSON text) of changes this device pushed before."""

    @abstractmethod
    def save_answers(self, device_id: str, answers: Sequence[tuple[str, str]],
                     at: str) -> None:
        """Keep ``(change_id, answer JSON)`` for good.

        :raises StorageConflict: if another transaction stored one of them meanwhile
        """

    @abstractmethod
    def device_cursors(self, device_id: str) -> dict[str, int]:
        """The ``since`` of the device's latest pull of each record type."""

    @abstractmethod
    def set_device_cursor(self, device_id: str, record_type: str, cursor: int) -> None: ...

    # --- devices and codes --------------------------------------------------------------------
    @abstractmethod
    def device_by_token(self, token_hash: str) -> Device | None: ...

    @abstractmethod
    def device(self, device_id: str) -> Device | None: ...

    @abstractmethod
    def devices(self) -> list[Device]: ...

    @abstractmethod
    def devices_with_tag(self, kelurahan_code: str, rt: str, device_tag: str) -> list[str]:
        """Ids of the volunteer devices of one RT that use this device tag."""

    @abstractmethod
    def save_device(self, device: Device, token_hash: str) -> None:
        """Insert or replace a device (re-enrolment gives it a new token)."""

    @abstractmethod
    def touch_device(self, device_id: str, at: str, *, synced: bool) -> None: ...

    @abstractmethod
    def revoke_device(self, device_id: str, at: str) -> bool: ...

    @abstractmethod
    def add_code(self, code: EnrolCode) -> None: ...

    @abstractmethod
    def code(self, code_hash: str) -> EnrolCode | None: ...

    @abstractmethod
    def use_code(self, code_hash: str, device_id: str, at: str) -> bool:
        """Mark a code used; False if it was used meanwhile."""

    @abstractmethod
    def sealed_sample(self) -> tuple[str, str, bytes] | None:
        """One record's sealed sensitive fields, ``(record_type, id, sealed)``, or ``None`` when
        no record has any: what shows whether a secret key is the one the data was sealed
        with."""

    # --- settings, RT list, wilayah -------------------------------------------------------------
    @abstractmethod
    def settings(self) -> dict[str, str]: ...

    @abstractmethod
    def set_setting(self, key: str, value: str) -> None: ...

    @abstractmethod
    def rts(self, kelurahan_code: str | None = None) -> list[tuple[str, str, bool]]:
        """``(kelurahan_code, rt, active)``, sorted."""

    @abstractmethod
    def rts_of(self, kelurahan_codes: Sequence[str]) -> list[tuple[str, str, bool]]:
        """``(kelurahan_code, rt, active)`` of these kelurahan, sorted (one query on the
        primary key)."""

    @abstractmethod
    def set_rt(self, kelurahan_code: str, rt: str, active: bool) -> None: ...

    @abstractmethod
    def save_wilayah(self, rows: Sequence[tuple[str, str, str, str | None]]) -> None:
        """``(code, name, level, parent)`` rows, inserted or updated."""


class Storage(ABC):
    """A database the server keeps all of its state in (DESIGN.md §6: nothing outside it)."""

    url: str

    @abstractmethod
    def transaction(self, *, write: bool = False,
                    lock_late: bool = False) -> contextlib.AbstractContextManager[Tx]:
        """A transaction: committed when the block ends, rolled back if it raises.

        ``write=True`` takes the write lock at once (SQLite ``BEGIN IMMEDIATE``, PostgreSQL a
        row lock on the sequence counter) and holds it until the end: writers run one at a
        time, every read inside sees the latest committed data, and sequence numbers are
        handed out in commit order. Readers never wait for it.

        ``lock_late=True`` (with ``write``): on PostgreSQL the sequence lock is taken only by
        :meth:`Tx.allocate_seqs`, so such writers do their reading and checking side by side
        and queue only to write and commit; sequence numbers still follow commit order. They
        must lock what they read to change (``records(…, lock=True)``) and create records with
        :meth:`Tx.insert_records`, which fails with :class:`StorageConflict` when a racing
        transaction made the same record first. SQLite ignores it (one writer at a time).

        :raises StorageConflict: if the database aborted the transaction for a race; retry
        """

    def reading(self) -> contextlib.AbstractContextManager[Tx]:
        """Reads for one request that need no snapshot across statements (a token, the
        settings, one pull page). On PostgreSQL each statement runs on its own — one round
        trip instead of three with BEGIN and COMMIT; elsewhere a read transaction."""
        return self.transaction()

    def bookkeeping(self) -> contextlib.AbstractContextManager[Tx]:
        """A short write transaction for bookkeeping only (a device's pull cursor, its last
        seen time) that allocates no sequence number, so it need not queue behind pushes on
        PostgreSQL. Read paths never write inside their read transaction (on SQLite that
        upgrade fails at once with "database is locked" when another writer committed
        meanwhile); they write here, after the read.

        :raises StorageConflict: if the database stayed locked or aborted it; retry
        """
        return self.transaction(write=True)

    @abstractmethod
    def init_schema(self) -> None:
        """Create or migrate the schema; safe to run again."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Storage:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
