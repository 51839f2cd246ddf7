"""The synced records of DESIGN.md §3: envelope, fields, and which fields are sensitive.

Records are dataclasses; every field carries a :class:`FieldSpec` in its metadata, and everything
else (validation, the store's columns, sync, forms, exports, coordinator projection) asks this
module about a field instead of keeping its own list. The set of sensitive fields is defined here
once: :func:`sensitive_fields`.

Values inside a record are Python values (``date``, ``time``, tuples for multi-choice fields).
:func:`to_row` / :func:`from_row` convert to and from the row form (ISO text, JSON lists) used by
the local store and the sync wire.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, ClassVar, Literal

from rt_desktop import enums
from rt_desktop.enums import Vocabulary
from rt_desktop.hlc import pack_clocks, unpack_clocks

__all__ = [
    "FieldKind",
    "FieldSpec",
    "Record",
    "ParentingSession",
    "Incident",
    "FollowUp",
    "Referral",
    "ConflictEntry",
    "RECORD_TYPES",
    "ENVELOPE_FIELDS",
    "record_type",
    "field_specs",
    "content_fields",
    "sensitive_fields",
    "is_sensitive",
    "to_row",
    "from_row",
    "redact",
]

FieldKind = Literal["text", "int", "bool", "date", "time", "choice", "choices"]


@dataclass(frozen=True)
class FieldSpec:
    kind: FieldKind
    label_id: str
    label_en: str
    vocabulary: Vocabulary | None = None
    required: bool = False
    sensitive: bool = False
    max_length: int | None = None

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


def _f(kind: FieldKind, label_id: str, label_en: str, *, vocab: Vocabulary | None = None,
       required: bool = False, sensitive: bool = False, max_length: int | None = None,
       default: Any = None) -> Any:
    spec = FieldSpec(kind, label_id, label_en, vocab, required, sensitive, max_length)
    if kind == "choices":
        return field(default=(), metadata={"spec": spec})
    if kind == "bool":
        return field(default=False if default is None else default, metadata={"spec": spec})
    return field(default=default, metadata={"spec": spec})


# Free text lengths: long enough for a real note, short enough that nobody pastes a document.
SHORT = 200
LONG = 10_000

ENVELOPE_FIELDS = ("id", "kelurahan_code", "rt", "created_at", "updated_at", "created_by",
                   "device_id", "rev", "hlc", "deleted")


@dataclass(kw_only=True)
class Record:
    """The envelope every synced record carries (DESIGN.md §3)."""

    TYPE: ClassVar[str] = ""
    TABLE: ClassVar[str] = ""
    APPEND_ONLY: ClassVar[bool] = False

    id: str = ""
    kelurahan_code: str = ""
    rt: str = ""
    created_at: str = ""
    updated_at: str = ""
    created_by: str = ""
    device_id: str = ""
    rev: int = 0
    hlc: dict[str, str] = field(default_factory=dict)
    deleted: bool = False


@dataclass(kw_only=True)
class ParentingSession(Record):
    """Sesi Lautan RT. No personal names of participants, by design."""

    TYPE: ClassVar[str] = "parenting_session"
    TABLE: ClassVar[str] = "parenting_sessions"

    session_date: dt.date | None = _f("date", "Tanggal", "Date", required=True)
    start_time: dt.time | None = _f("time", "Jam mulai", "Start time")
    end_time: dt.time | None = _f("time", "Jam selesai", "End time")
    venue: str | None = _f("text", "Tempat", "Venue", required=True, max_length=SHORT)
    topics: tuple[str, ...] = _f("choices", "Topik", "Topics", vocab=enums.TOPICS, required=True)
    topic_other: str | None = _f("text", "Topik lainnya", "Other topic", max_length=SHORT)
    facilitator: str | None = _f("text", "Narasumber / fasilitator", "Speaker / facilitator",
                                 max_length=SHORT)
    facilitator_org: str | None = _f("text", "Lembaga", "Organisation", max_length=SHORT)
    fathers: int | None = _f("int", "Ayah", "Fathers", default=0)
    mothers: int | None = _f("int", "Ibu", "Mothers", default=0)
    other_caregivers_male: int | None = _f("int", "Pengasuh lain (laki-laki)",
                                           "Other caregivers (male)", default=0)
    other_caregivers_female: int | None = _f("int", "Pengasuh lain (perempuan)",
                                             "Other caregivers (female)", default=0)
    teens_male: int | None = _f("int", "Remaja laki-laki", "Teenage boys", default=0)
    teens_female: int | None = _f("int", "Remaja perempuan", "Teenage girls", default=0)
    children_male: int | None = _f("int", "Anak laki-laki", "Boys", default=0)
    children_female: int | None = _f("int", "Anak perempuan", "Girls", default=0)
    elements_present: tuple[str, ...] = _f("choices", "Unsur yang hadir", "Who took part",
                                           vocab=enums.SESSION_ELEMENTS)
    summary: str | None = _f("text", "Ringkasan / notulen", "Summary / minutes", max_length=LONG)
    follow_up: str | None = _f("text", "Tindak lanjut", "Follow-up", max_length=LONG)

    ATTENDANCE_FIELDS: ClassVar[tuple[str, ...]] = (
        "fathers", "mothers", "other_caregivers_male", "other_caregivers_female",
        "teens_male", "teens_female", "children_male", "children_female")

    @property
    def total_attendees(self) -> int:
        return sum(getattr(self, name) or 0 for name in self.ATTENDANCE_FIELDS)


@dataclass(kw_only=True)
class Incident(Record):
    """Kasus mikro: an incident handled at RT level. Identity lives only in sensitive fields."""

    TYPE: ClassVar[str] = "incident"
    TABLE: ClassVar[str] = "incidents"

    case_code: str | None = _f("text", "Kode kasus", "Case code", required=True, max_length=40)
    reported_on: dt.date | None = _f("date", "Tanggal lapor", "Date reported", required=True)
    occurred_on: dt.date | None = _f("date", "Tanggal kejadian", "Date of incident")
    occurred_precision: str | None = _f("choice", "Ketepatan tanggal kejadian",
                                        "Precision of the incident date",
                                        vocab=enums.DATE_PRECISION, required=True,
                                        default="tidak_diketahui")
    report_source: str | None = _f("choice", "Sumber laporan", "Reported by",
                                   vocab=enums.REPORT_SOURCES, required=True)
    report_channel: str | None = _f("choice", "Kanal laporan", "Channel",
                                    vocab=enums.REPORT_CHANNELS, required=True)
    # Korban
    victim_name: str | None = _f("text", "Nama / inisial korban", "Victim's name / initials",
                                 sensitive=True, required=True, max_length=SHORT)
    victim_contact: str | None = _f("text", "Kontak korban", "Victim's contact", sensitive=True,
                                    max_length=SHORT)
    victim_address: str | None = _f("text", "Alamat rinci korban", "Victim's address",
                                    sensitive=True, max_length=LONG)
    victim_guardian_name: str | None = _f("text", "Nama orang tua / wali",
                                          "Parent's / guardian's name", sensitive=True,
                                          max_length=SHORT)
    victim_sex: str | None = _f("choice", "Jenis kelamin korban", "Victim's sex",
                                vocab=enums.SEXES, required=True)
    # The exact age is a quasi-identifier within one RT: kept with the identity, reported as a
    # group (victim_age_group).
    victim_age: int | None = _f("int", "Usia korban (tahun)", "Victim's age (years)",
                                sensitive=True)
    victim_age_group: str | None = _f("choice", "Kelompok usia korban", "Victim's age group",
                                      vocab=enums.AGE_GROUPS, required=True)
    victim_category: str | None = _f("choice", "Korban", "Victim is",
                                     vocab=enums.VICTIM_CATEGORIES, required=True)
    victim_disability: bool = _f("bool", "Korban penyandang disabilitas",
                                 "Victim has a disability")
    victim_disability_note: str | None = _f("text", "Keterangan disabilitas",
                                            "About the disability",
                                            sensitive=True, max_length=LONG)
    # Terlapor
    perpetrator_relationship: str | None = _f("choice", "Hubungan terlapor dengan korban",
                                              "Alleged perpetrator's relationship to the victim",
                                              vocab=enums.RELATIONSHIPS)
    perpetrator_sex: str | None = _f("choice", "Jenis kelamin terlapor",
                                     "Alleged perpetrator's sex", vocab=enums.SEXES)
    perpetrator_age_estimate: int | None = _f("int", "Perkiraan usia terlapor",
                                              "Alleged perpetrator's estimated age")
    perpetrator_name: str | None = _f("text", "Nama terlapor", "Alleged perpetrator's name",
                                      sensitive=True, max_length=SHORT)
    # Kejadian
    violence_types: tuple[str, ...] = _f("choices", "Jenis kekerasan", "Kind of violence",
                                         vocab=enums.VIOLENCE_TYPES, required=True)
    sexual_violence_forms: tuple[str, ...] = _f("choices", "Bentuk kekerasan seksual",
                                                "Form of sexual violence",
                                                vocab=enums.SEXUAL_VIOLENCE_FORMS)
    exploitation_sexual: bool = _f("bool", "Eksploitasi untuk tujuan seksual",
                                   "Exploitation for sexual purposes")
    trafficking_sexual: bool = _f("bool", "Perdagangan orang untuk tujuan seksual",
                                  "Trafficking for sexual purposes")
    violence_other: str | None = _f("text", "Jenis kekerasan lainnya", "Other kind of violence",
                                    sensitive=True, max_length=SHORT)
    place: str | None = _f("choice", "Tempat kejadian", "Where it happened", vocab=enums.PLACES,
                           required=True)
    chronology: str | None = _f("text", "Kronologi", "What happened", sensitive=True,
                                max_length=LONG)
    risk_level: str | None = _f("choice", "Tingkat risiko", "Risk level", vocab=enums.RISK_LEVELS,
                                required=True)
    consent_by: tuple[str, ...] = _f("choices", "Persetujuan layanan diberikan oleh",
                                     "Consent to services given by", vocab=enums.CONSENT_BY)
    rt_handling: tuple[str, ...] = _f("choices", "Penanganan di RT", "Handling at the RT",
                                      vocab=enums.RT_HANDLING)
    rt_handling_note: str | None = _f("text", "Catatan penanganan", "Handling notes",
                                      sensitive=True, max_length=LONG)
    status: str | None = _f("choice", "Status kasus", "Case status", vocab=enums.CASE_STATUSES,
                            required=True, default="baru")
    closing_reason: str | None = _f("choice", "Alasan ditutup", "Reason for closing",
                                    vocab=enums.CLOSING_REASONS)
    closing_note: str | None = _f("text", "Catatan penutupan", "Closing notes", sensitive=True,
                                  max_length=LONG)

    @property
    def is_child(self) -> bool:
        return self.victim_category == "anak"


@dataclass(kw_only=True)
class FollowUp(Record):
    """Catatan tindak lanjut: append-only notes on an incident."""

    TYPE: ClassVar[str] = "follow_up"
    TABLE: ClassVar[str] = "follow_ups"
    APPEND_ONLY: ClassVar[bool] = True

    incident_id: str | None = _f("text", "Kasus", "Case", required=True, max_length=40)
    noted_on: dt.date | None = _f("date", "Tanggal", "Date", required=True)
    author: str | None = _f("text", "Dicatat oleh", "Written by", required=True, sensitive=True,
                            max_length=SHORT)
    note: str | None = _f("text", "Catatan", "Note", sensitive=True, required=True,
                          max_length=LONG)
    next_follow_up_on: dt.date | None = _f("date", "Tindak lanjut berikutnya", "Next follow-up")


@dataclass(kw_only=True)
class Referral(Record):
    """Rujukan: an incident referred to a service. UPTD PPA writes back status and response."""

    TYPE: ClassVar[str] = "referral"
    TABLE: ClassVar[str] = "referrals"

    incident_id: str | None = _f("text", "Kasus", "Case", required=True, max_length=40)
    destination: str | None = _f("choice", "Tujuan rujukan", "Referred to",
                                 vocab=enums.REFERRAL_DESTINATIONS, required=True)
    uptd_service: str | None = _f("choice", "Layanan UPTD PPA yang dibutuhkan",
                                  "UPTD PPA service needed", vocab=enums.UPTD_SERVICES)
    referred_on: dt.date | None = _f("date", "Tanggal rujukan", "Date referred", required=True)
    consent_by: tuple[str, ...] = _f("choices", "Persetujuan rujukan diberikan oleh",
                                     "Consent to the referral given by", vocab=enums.CONSENT_BY)
    consent_override_reason: str | None = _f("text", "Alasan merujuk tanpa persetujuan",
                                             "Reason for referring without consent",
                                             sensitive=True, max_length=LONG)
    status: str | None = _f("choice", "Status rujukan", "Referral status",
                            vocab=enums.REFERRAL_STATUSES, required=True, default="dikirim")
    response_note: str | None = _f("text", "Tanggapan UPTD PPA / lembaga tujuan",
                                   "Response from the receiving service", sensitive=True,
                                   max_length=LONG)
    status_updated_on: dt.date | None = _f("date", "Status diperbarui", "Status updated")


@dataclass(kw_only=True)
class ConflictEntry(Record):
    """Konflik: the value that lost a concurrent write (DESIGN.md §5), kept until a person
    resolves it. Made only by the server (so two devices never make the same entry twice); its
    envelope carries the kelurahan and RT of its parent record.

    ``losing_value`` holds the parent field's value in row form, as JSON text, and may be a
    victim's name. A field's sensitivity is static here, so it is marked sensitive whatever the
    parent field is: it is masked until revealed, never indexed, logged or exported, and
    :func:`redact` removes it. Which entries a role receives at all follows the parent field
    (the server's projection: a coordinator never receives an entry of a sensitive field).
    """

    TYPE: ClassVar[str] = "conflict"
    TABLE: ClassVar[str] = "conflicts"

    parent_type: str | None = _f("text", "Jenis data", "Record type", required=True,
                                 max_length=40)
    parent_id: str | None = _f("text", "Data", "Record", required=True, max_length=40)
    field: str | None = _f("text", "Isian", "Field", required=True, max_length=64)
    losing_value: str | None = _f("text", "Nilai yang tidak terpakai", "Value not kept",
                                  sensitive=True)
    losing_hlc: str | None = _f("text", "Waktu nilai yang tidak terpakai",
                                "Time of the value not kept", max_length=SHORT)
    losing_device_id: str | None = _f("text", "Perangkat nilai yang tidak terpakai",
                                      "Device of the value not kept", max_length=40)
    winning_hlc: str | None = _f("text", "Waktu nilai yang terpakai", "Time of the value kept",
                                 max_length=SHORT)
    resolved: bool = _f("bool", "Sudah diputuskan", "Resolved")
    resolved_by: str | None = _f("text", "Diputuskan oleh", "Resolved by", max_length=SHORT)
    resolved_at: str | None = _f("text", "Diputuskan pada", "Resolved at", max_length=40)


RECORD_TYPES: dict[str, type[Record]] = {
    cls.TYPE: cls for cls in (ParentingSession, Incident, FollowUp, Referral, ConflictEntry)
}


def record_type(name: str) -> type[Record]:
    """The record class for a type name such as ``"incident"``.

    :raises KeyError: for an unknown type name
    """
    return RECORD_TYPES[name]


def field_specs(cls: type[Record]) -> dict[str, FieldSpec]:
    """The content fields of a record class and their specs, in declaration order."""
    return _SPECS[cls]


def content_fields(cls: type[Record]) -> tuple[str, ...]:
    return _CONTENT[cls]


def sensitive_fields(cls: type[Record]) -> frozenset[str]:
    """The fields of ``cls`` that may identify a person (DESIGN.md §3). The one definition."""
    return _SENSITIVE[cls]


def is_sensitive(cls: type[Record], name: str) -> bool:
    return name in _SENSITIVE[cls]


def _build_specs(cls: type[Record]) -> dict[str, FieldSpec]:
    return {f.name: f.metadata["spec"] for f in dataclasses.fields(cls) if "spec" in f.metadata}


_SPECS = {cls: _build_specs(cls) for cls in RECORD_TYPES.values()}
_SENSITIVE = {cls: frozenset(n for n, s in specs.items() if s.sensitive)
              for cls, specs in _SPECS.items()}
_CONTENT = {cls: tuple(specs) for cls, specs in _SPECS.items()}  # asked once per record


# --- row form -------------------------------------------------------------------------------

def _value_to_row(spec: FieldSpec, value: Any) -> Any:
    if value is None:
        return None
    if spec.kind == "date":
        return value.isoformat() if isinstance(value, dt.date) else value
    if spec.kind == "time":
        return value.strftime("%H:%M") if isinstance(value, dt.time) else value
    if spec.kind == "choices":
        return json.dumps(list(value), ensure_ascii=False)
    if spec.kind == "bool":
        return 1 if value else 0
    return value


def _value_from_row(spec: FieldSpec, value: Any) -> Any:
    if spec.kind == "choices":
        if value in (None, ""):
            return ()
        items = json.loads(value) if isinstance(value, str) else value
        return tuple(items)
    if value is None:
        return False if spec.kind == "bool" else None
    if spec.kind == "date" and isinstance(value, str):
        return dt.date.fromisoformat(value)
    if spec.kind == "time" and isinstance(value, str):
        return dt.time.fromisoformat(value)
    if spec.kind == "bool":
        return bool(value)
    return value


def field_to_row(cls: type[Record], name: str, value: Any) -> Any:
    """One field's value in row form (envelope fields included)."""
    if name == "hlc":
        return pack_clocks(value)
    if name == "deleted":
        return 1 if value else 0
    spec = _SPECS[cls].get(name)
    return _value_to_row(spec, value) if spec else value


def field_from_row(cls: type[Record], name: str, value: Any) -> Any:
    if name == "hlc":
        return unpack_clocks(value) if isinstance(value, str) else (value or {})
    if name == "deleted":
        return bool(value)
    spec = _SPECS[cls].get(name)
    return _value_from_row(spec, value) if spec else value


def to_row(record: Record) -> dict[str, Any]:
    """The record as a flat dict of SQLite/JSON-friendly values (envelope included)."""
    cls = type(record)
    return {name: field_to_row(cls, name, getattr(record, name))
            for name in (*ENVELOPE_FIELDS, *_SPECS[cls])}


def _reader(cls: type[Record], name: str) -> Callable[[Any], Any] | None:
    """What :func:`field_from_row` does to one field's value; None: nothing (text, numbers and
    single choices are stored as they are)."""
    if name in ("hlc", "deleted"):
        return partial(field_from_row, cls, name)
    spec = _SPECS[cls].get(name)
    if spec is None or spec.kind not in ("choices", "date", "time", "bool"):
        return None
    return partial(_value_from_row, spec)


# Per record type, each field with its reader: a pull applies, and a push checks, thousands.
_READERS = {cls: tuple((name, _reader(cls, name)) for name in (*ENVELOPE_FIELDS, *_SPECS[cls]))
            for cls in RECORD_TYPES.values()}


def from_row(cls: type[Record], row: Mapping[str, Any]) -> Record:
    """Build a record from row form; columns that are not fields of ``cls`` are ignored."""
    values = {}
    for name, read in _READERS[cls]:
        if name in row:
            values[name] = row[name] if read is None else read(row[name])
    return cls(**values)


def redact(row: Mapping[str, Any], cls: type[Record]) -> dict[str, Any]:
    """A copy of a row with every sensitive field and its HLC entry removed (the coordinator
    projection). ``hlc`` may be a dict or, in row form, its JSON text; it keeps its form."""
    hidden = _SENSITIVE[cls]
    out = {k: v for k, v in row.items() if k not in hidden}
    clocks = out.get("hlc")
    if isinstance(clocks, dict):
        out["hlc"] = {k: v for k, v in clocks.items() if k not in hidden}
    elif isinstance(clocks, str) and clocks:
        # Row form (to_row) keeps the map as JSON text: which sensitive fields changed, and
        # when, must not leave either.
        out["hlc"] = pack_clocks({k: v for k, v in unpack_clocks(clocks).items()
                                  if k not in hidden})
    return out
