"""Validation of records: per-field problems in plain Bahasa Indonesia (English on request).

Field rules come from :func:`rt_desktop.records.field_specs` (required, vocabulary, length) —
never from a second list here. Rules between fields live in one function per record type, and
the legal guardrails in :mod:`rt_desktop.guardrails`, which :func:`validate_record` calls so that
every caller (device and server) gets them. Pure: no I/O.

The envelope is checked for sanity only: an ``id``, once set, must be a UUID; kelurahan and RT
must be real. That they never change after creation is the store's job (it knows the old value).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rt_desktop import enums, guardrails, wilayah
from rt_desktop.casecode import parse_case_code
from rt_desktop.problems import Problem, Text, ValidationResult
from rt_desktop.records import (
    RECORD_TYPES,
    ConflictEntry,
    FieldSpec,
    FollowUp,
    Incident,
    ParentingSession,
    Record,
    Referral,
    content_fields,
    field_specs,
)

__all__ = [
    "MAX_AGE",
    "MAX_PER_GROUP",
    "MAX_TOTAL",
    "MIN_PERPETRATOR_AGE",
    "WITA",
    "ValidationContext",
    "today_wita",
    "validate_record",
]

# Balikpapan keeps UTC+8 all year (no daylight saving); a fixed offset needs no tz database,
# which a Windows laptop may not have.
WITA = dt.timezone(dt.timedelta(hours=8), "WITA")

MAX_PER_GROUP = 500      # attendance of one group in one session
MAX_TOTAL = 1000         # attendance of one session
MAX_AGE = 120
MIN_PERPETRATOR_AGE = 5  # an estimate below this is a slip of the keyboard, not a perpetrator

CHILD_AGE_GROUPS = frozenset({"0_5", "6_12", "13_17"})
# Filled in by the store when a record is first saved (id == ""), so not yet required then.
_ASSIGNED_ON_CREATE = frozenset({"case_code"})
_RT = re.compile(r"\d{3}", re.ASCII)
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

_KELURAHAN = Text("Kelurahan", "Kelurahan")
_RT_LABEL = Text("RT", "RT")
_REPORTED_ON = Text("tanggal lapor", "the date reported")
_NOTED_ON = Text("tanggal catatan", "the date of the note")
_REFERRED_ON = Text("tanggal rujukan", "the referral date")


@dataclass(frozen=True)
class ValidationContext:
    """What validation needs to know beyond the record itself."""

    today: dt.date
    # kelurahan_code -> its RTs; None, or a kelurahan missing here (or with no RTs listed),
    # allows any "001".."999".
    configured_rts: Mapping[str, frozenset[str]] | None = None
    # Validating an Incident: its referrals (stored and being saved); deleted ones are ignored.
    referrals: Sequence[Referral] = ()
    # Validating a Referral or FollowUp: the incident it belongs to, if known.
    incident: Incident | None = None


def today_wita() -> dt.date:
    """Today's date in Balikpapan (WITA, UTC+8)."""
    return dt.datetime.now(WITA).date()


def validate_record(record: Record, ctx: ValidationContext) -> ValidationResult:
    """Every problem of ``record``: envelope, each field, rules between fields, guardrails.

    A deleted record (tombstone) is checked for its envelope only.

    :raises TypeError: if ``record`` is not one of the record classes
    """
    check = _CHECKS.get(type(record))
    if check is None:
        raise TypeError(f"not a record type: {type(record).__name__}")
    problems = _check_envelope(record, ctx)
    if not record.deleted:
        problems += _check_fields(record)
        problems += check(record, ctx)
    return ValidationResult.of(problems)


# --- envelope ---------------------------------------------------------------------------------

def _is_uuid(value: Any) -> bool:
    """A UUID written as ``str(uuid.UUID(...))`` writes it: lowercase, 8-4-4-4-12."""
    return isinstance(value, str) and _UUID.fullmatch(value) is not None


def _check_envelope(record: Record, ctx: ValidationContext) -> list[Problem]:
    problems: list[Problem] = []
    if record.id and not _is_uuid(record.id):
        problems.append(Problem("id", "bad_id"))
    code, rt = record.kelurahan_code, record.rt
    if not code:
        if record.id:
            problems.append(Problem("kelurahan_code", "required", {"label": _KELURAHAN}))
    elif not isinstance(code, str) or not wilayah.is_kelurahan(code):
        problems.append(Problem("kelurahan_code", "unknown_kelurahan", {"value": code}))
        code = ""
    if not rt:
        if record.id:
            problems.append(Problem("rt", "required", {"label": _RT_LABEL}))
    elif not isinstance(rt, str) or not _RT.fullmatch(rt) or rt == "000":
        problems.append(Problem("rt", "rt_format"))
    elif code and ctx.configured_rts and ctx.configured_rts.get(code) \
            and rt not in ctx.configured_rts[code]:
        problems.append(Problem("rt", "rt_not_configured",
                                {"rt": rt, "kelurahan": wilayah.kelurahan(code).name}))
    return problems


# --- each field, from its FieldSpec -------------------------------------------------------

def _label(spec: FieldSpec) -> Text:
    return Text(spec.label_id, spec.label_en)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == ()


def _check_value(name: str, spec: FieldSpec, value: Any) -> list[Problem]:
    def problem(code: str, **params: Any) -> list[Problem]:
        # Most values are fine: the label is made only for a problem (a push checks every
        # field of every record it carries).
        return [Problem(name, code, {"label": _label(spec), **params})]

    kind = spec.kind
    if kind == "text":
        if not isinstance(value, str):
            return problem("bad_value")
        if spec.max_length is not None and len(value) > spec.max_length:
            return problem("too_long", max=spec.max_length, length=len(value))
        return []
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return problem("not_a_number")
        return problem("negative") if value < 0 else []
    if kind == "date":
        # A datetime is a date too, but it would be stored as a date-and-time text.
        return [] if type(value) is dt.date else problem("bad_date")
    if kind == "time":
        return [] if isinstance(value, dt.time) else problem("bad_time")
    if kind == "bool":
        return [] if isinstance(value, bool) else problem("bad_value")
    values = (value,) if kind == "choice" else value
    if not isinstance(values, tuple | list) or not all(isinstance(v, str) for v in values):
        return problem("bad_value")
    assert spec.vocabulary is not None, f"{name} has no vocabulary"
    return [found for v in values if v not in spec.vocabulary
            for found in problem("unknown_choice", value=v)]


def _check_fields(record: Record) -> list[Problem]:
    problems: list[Problem] = []
    for name, spec in field_specs(type(record)).items():
        value = getattr(record, name)
        if _is_empty(value):
            if spec.required and not (name in _ASSIGNED_ON_CREATE and not record.id):
                problems.append(Problem(name, "required", {"label": _label(spec)}))
        else:
            problems += _check_value(name, spec, value)
    return problems


# --- helpers for rules between fields (they only look at values of the right type) ----------

def _spec(record: Record, name: str) -> FieldSpec:
    return field_specs(type(record))[name]


def _date(record: Record, name: str) -> dt.date | None:
    value = getattr(record, name)
    return value if type(value) is dt.date else None


def _int(record: Record, name: str) -> int | None:
    value = getattr(record, name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _codes(record: Record, name: str) -> tuple[str, ...]:
    value = getattr(record, name)
    return tuple(value) if isinstance(value, tuple | list) else ()


def _problem(record: Record, name: str, code: str, **params: Any) -> Problem:
    return Problem(name, code, {"label": _label(_spec(record, name)), **params})


def _future(record: Record, ctx: ValidationContext, *names: str) -> list[Problem]:
    return [_problem(record, n, "future_date") for n in names
            if (d := _date(record, n)) is not None and d > ctx.today]


def _bounds(record: Record, name: str, low: int, high: int) -> list[Problem]:
    value = _int(record, name)
    if value is None or value < 0:  # a negative number is reported by _check_value
        return []
    if value < low:
        return [_problem(record, name, "too_small", min=low)]
    return [_problem(record, name, "too_large", max=high)] if value > high else []


def _other_text(record: Record, choices: str, other: str) -> list[Problem]:
    if "lainnya" in _codes(record, choices) and _is_empty(getattr(record, other)):
        return [_problem(record, other, "other_needs_text")]
    return []


def _tick(record: Record, detail: str, choice: str) -> Problem:
    return _problem(record, "violence_types", "tick_choice",
                    detail=_label(_spec(record, detail)),
                    choice=Text(enums.VIOLENCE_TYPES.label(choice, "id"),
                                enums.VIOLENCE_TYPES.label(choice, "en")))


# --- rules between fields, one function per record type --------------------------------------

def _check_session(s: ParentingSession, ctx: ValidationContext) -> list[Problem]:
    problems = _future(s, ctx, "session_date")
    start, end = s.start_time, s.end_time
    if isinstance(start, dt.time) and isinstance(end, dt.time) and end <= start:
        problems.append(_problem(s, "end_time", "end_before_start"))
    counts = [_int(s, n) or 0 for n in s.ATTENDANCE_FIELDS]
    too_large = [_problem(s, n, "too_many_attendees", max=MAX_PER_GROUP)
                 for n, c in zip(s.ATTENDANCE_FIELDS, counts, strict=True) if c > MAX_PER_GROUP]
    problems += too_large
    total = sum(c for c in counts if c > 0)
    if not too_large and total > MAX_TOTAL:  # one slip, one message
        problems.append(Problem("", "total_too_large", {"total": total, "max": MAX_TOTAL}))
    problems += _other_text(s, "topics", "topic_other")
    return problems


def _check_case_code(i: Incident) -> list[Problem]:
    if not isinstance(i.case_code, str) or not i.case_code:
        return []
    try:
        code = parse_case_code(i.case_code)
    except ValueError:
        return [_problem(i, "case_code", "bad_case_code", value=i.case_code)]
    if i.rt and code.rt != i.rt:
        return [_problem(i, "case_code", "case_code_other_rt", code_rt=code.rt, rt=i.rt)]
    return []


def _check_victim(i: Incident) -> list[Problem]:
    problems = _bounds(i, "victim_age", 0, MAX_AGE)
    age = _int(i, "victim_age")
    age = age if age is not None and 0 <= age <= MAX_AGE else None
    group = i.victim_age_group if i.victim_age_group in enums.AGE_GROUPS else None
    if age is not None and group is not None and enums.age_group_for(age) != group:
        expected = enums.age_group_for(age)
        problems.append(_problem(i, "victim_age_group", "age_group_mismatch", age=age,
                                 expected=Text(enums.AGE_GROUPS.label(expected, "id"),
                                               enums.AGE_GROUPS.label(expected, "en"))))
    # Whether the victim is a child follows the exact age when known, else the age group.
    minor = age < 18 if age is not None else (group in CHILD_AGE_GROUPS if group else None)
    if i.victim_category == "anak" and minor is False:
        problems.append(_problem(i, "victim_category", "victim_not_child"))
    elif i.victim_category == "perempuan_dewasa" and minor is True:
        problems.append(_problem(i, "victim_category", "victim_is_child"))
    if i.victim_category == "perempuan_dewasa" and i.victim_sex == "laki_laki":
        problems.append(_problem(i, "victim_sex", "adult_victim_female"))
    return problems


def _check_incident(i: Incident, ctx: ValidationContext) -> list[Problem]:
    problems = _check_case_code(i)
    problems += _future(i, ctx, "reported_on", "occurred_on")
    occurred, reported = _date(i, "occurred_on"), _date(i, "reported_on")
    if occurred and reported and occurred > reported:
        problems.append(_problem(i, "occurred_on", "after_date", other=_REPORTED_ON))
    if i.occurred_precision in ("hari", "bulan", "tahun") and i.occurred_on is None:
        problems.append(_problem(i, "occurred_on", "date_needed_for_precision"))
    problems += _check_victim(i)
    problems += _bounds(i, "perpetrator_age_estimate", MIN_PERPETRATOR_AGE, MAX_AGE)
    problems += _other_text(i, "violence_types", "violence_other")
    types = _codes(i, "violence_types")
    if _codes(i, "sexual_violence_forms") and "seksual" not in types:
        problems.append(_tick(i, "sexual_violence_forms", "seksual"))
    if i.exploitation_sexual is True and "eksploitasi" not in types:
        problems.append(_tick(i, "exploitation_sexual", "eksploitasi"))
    if i.trafficking_sexual is True and "tppo" not in types:
        problems.append(_tick(i, "trafficking_sexual", "tppo"))
    if i.status == "selesai" and _is_empty(i.closing_reason):
        problems.append(_problem(i, "closing_reason", "closing_reason_required"))
    elif i.status != "selesai" and not _is_empty(i.closing_reason):
        problems.append(_problem(i, "closing_reason", "closing_reason_not_closed"))
    return problems + guardrails.check_incident(i, ctx.referrals)


def _check_link(record: FollowUp | Referral) -> list[Problem]:
    link = record.incident_id
    if isinstance(link, str) and link and not _is_uuid(link):
        return [Problem("incident_id", "bad_id")]
    return []


def _check_follow_up(f: FollowUp, ctx: ValidationContext) -> list[Problem]:
    problems = _check_link(f) + _future(f, ctx, "noted_on")
    noted, next_on = _date(f, "noted_on"), _date(f, "next_follow_up_on")
    if noted and next_on and next_on < noted:
        problems.append(_problem(f, "next_follow_up_on", "before_date", other=_NOTED_ON))
    return problems


def _check_referral(r: Referral, ctx: ValidationContext) -> list[Problem]:
    problems = _check_link(r) + _future(r, ctx, "referred_on", "status_updated_on")
    referred, updated = _date(r, "referred_on"), _date(r, "status_updated_on")
    if referred and updated and updated < referred:
        problems.append(_problem(r, "status_updated_on", "before_date", other=_REFERRED_ON))
    return problems + guardrails.check_referral(r, ctx.incident)


def _check_conflict(c: ConflictEntry, ctx: ValidationContext) -> list[Problem]:
    # Made by the server; a device only marks one resolved. The checks keep a bad entry from
    # pointing at something that does not exist.
    parent = RECORD_TYPES.get(c.parent_type or "")
    if c.parent_type and (parent is None or parent is ConflictEntry):
        return [Problem("parent_type", "bad_value", {"label": _label(_spec(c, "parent_type"))})]
    problems: list[Problem] = []
    if isinstance(c.parent_id, str) and c.parent_id and not _is_uuid(c.parent_id):
        problems.append(Problem("parent_id", "bad_id"))
    if parent is not None and c.field and c.field not in (*content_fields(parent), "deleted"):
        problems.append(_problem(c, "field", "bad_value"))
    if c.resolved is True and _is_empty(c.resolved_by):
        problems.append(_problem(c, "resolved_by", "required"))
    return problems


_CHECKS: dict[type[Record], Callable[[Any, ValidationContext], list[Problem]]] = {
    ParentingSession: _check_session,
    Incident: _check_incident,
    FollowUp: _check_follow_up,
    Referral: _check_referral,
    ConflictEntry: _check_conflict,
}
