"""A record as the services work with it (:class:`Doc`: every value readable, per-field merge
state) and as storage keeps it (:class:`StoredRecord`: sensitive values sealed).

The split between the two is :func:`rt_desktop.records.sensitive_fields` — the one definition of
what is sensitive — so a field marked sensitive there is encrypted here without another list.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rt_desktop import wilayah
from rt_desktop.merge import DELETED, FieldState
from rt_desktop.records import Record, content_fields, from_row, record_type, sensitive_fields
from sync.server.crypto import FieldCipher
from sync.server.storage import StoredRecord

__all__ = ["Doc", "kecamatan_of", "last_writer", "parent_of", "to_stored", "from_stored"]

PARENT_FIELD = {"referral": "incident_id", "follow_up": "incident_id", "conflict": "parent_id"}


@dataclass
class Doc:
    """One record being merged: envelope, every value in row form (``deleted`` as 0/1), and the
    merge state of each field."""

    record_type: str
    id: str
    kelurahan_code: str
    rt: str
    rev: int
    seq: int
    created_at: str
    updated_at: str
    created_by: str
    device_id: str
    values: dict[str, Any]
    state: dict[str, FieldState]
    attention: list[str] = field(default_factory=list)
    uptd: bool = False
    coordinator_hidden: bool = False
    new: bool = False

    @property
    def cls(self) -> type[Record]:
        return record_type(self.record_type)

    @property
    def deleted(self) -> bool:
        return bool(self.values.get(DELETED))

    def record(self) -> Record:
        """The record as a domain object (for validation)."""
        row = {name: self.values.get(name) for name in content_fields(self.cls)}
        return from_row(self.cls, {
            **row, "id": self.id, "kelurahan_code": self.kelurahan_code, "rt": self.rt,
            "created_at": self.created_at, "updated_at": self.updated_at,
            "created_by": self.created_by, "device_id": self.device_id, "rev": self.rev,
            "deleted": self.deleted})

    def copy(self) -> Doc:
        # A shallow copy with its own containers, neither dataclasses.replace (it re-runs
        # __init__ through keyword lookups) nor copy.copy (__reduce_ex__): a push batch copies
        # every record it touches.
        doc = object.__new__(Doc)
        doc.__dict__.update(self.__dict__)
        doc.values, doc.state, doc.attention = (dict(self.values), dict(self.state),
                                                list(self.attention))
        return doc


def parent_of(doc: Doc) -> str | None:
    name = PARENT_FIELD.get(doc.record_type)
    value = doc.values.get(name) if name else None
    return value if isinstance(value, str) and value else None


def kecamatan_of(kelurahan_code: str) -> str:
    try:
        return wilayah.kelurahan(kelurahan_code).kecamatan.code
    except wilayah.UnknownWilayah:
        return ""


def last_writer(doc: Doc) -> str:
    """The device that wrote the record's latest rev."""
    if not doc.state:
        return doc.device_id
    return max(doc.state.values(), key=lambda s: s.rev).device


def from_stored(row: StoredRecord, cipher: FieldCipher, *, decrypt: bool = True) -> Doc:
    values = dict(row.fields)
    if decrypt:
        values.update(cipher.open(row.record_type, row.id, row.secret))
    values[DELETED] = int(row.deleted)
    state = {}
    for name, (rev, device) in row.state.items():
        state[name] = FieldState(values.get(name), row.hlc[name], rev, device)
    return Doc(row.record_type, row.id, row.kelurahan_code, row.rt, row.rev, row.seq,
               row.created_at, row.updated_at, row.created_by, row.device_id, values, state,
               list(row.attention), row.uptd, row.coordinator_hidden)


def to_stored(doc: Doc, cipher: FieldCipher) -> StoredRecord:
    hidden = sensitive_fields(doc.cls)
    clocks = {k: s.hlc for k, s in doc.state.items()}
    plain = {k: v for k, v in doc.values.items() if k not in hidden and k != DELETED}
    secret = {k: v for k, v in doc.values.items() if k in hidden}
    return StoredRecord(
        record_type=doc.record_type, id=doc.id, kelurahan_code=doc.kelurahan_code,
        kecamatan_code=kecamatan_of(doc.kelurahan_code), rt=doc.rt, rev=doc.rev, seq=doc.seq,
        deleted=doc.deleted, created_at=doc.created_at, updated_at=doc.updated_at,
        created_by=doc.created_by, device_id=doc.device_id, fields=plain,
        secret=cipher.seal(doc.record_type, doc.id, secret),
        hlc=clocks,
        hlc_public={k: v for k, v in clocks.items() if k not in hidden} if hidden else clocks,
        state={k: s[2:] for k, s in doc.state.items()},  # (rev, device): never a value
        attention=list(doc.attention), parent_id=parent_of(doc), uptd=doc.uptd,
        coordinator_hidden=doc.coordinator_hidden)
