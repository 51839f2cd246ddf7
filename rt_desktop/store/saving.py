"""Saving a record: plan what changes, validate it, write it with its bookkeeping.

Everything here runs inside the one ``db.atomic()`` opened by :func:`save`: the record, its outbox
row, its audit entry, its search document, the case-code sequence and the persisted HLC commit
together or not at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rt_desktop import guardrails
from rt_desktop.errors import BadInput, ValidationFailed
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import (
    RECORD_TYPES,
    ConflictEntry,
    FollowUp,
    Incident,
    Record,
    Referral,
    content_fields,
    field_specs,
    from_row,
    to_row,
)
from rt_desktop.store import audit, outbox, search
from rt_desktop.validation import ValidationContext, today_wita, validate_record

if TYPE_CHECKING:
    from rt_desktop.store.store import Change, Store

__all__ = ["UPTD_WRITABLE", "RESOLUTION_FIELDS", "save"]

# Envelope fields a new record's first outbox entry carries, so the server can create it.
_CREATE_ENVELOPE = ("kelurahan_code", "rt", "created_at", "created_by", "device_id")
# What an UPTD PPA laptop may change (DESIGN.md §5): a referral's status and response.
UPTD_WRITABLE = frozenset({"status", "response_note", "status_updated_on"})
# What a device may change on a conflict entry (the server makes them): that it is resolved.
RESOLUTION_FIELDS = frozenset({"resolved", "resolved_by", "resolved_at"})


@dataclasses.dataclass(frozen=True)
class _Plan:
    record: Record               # the complete new state, envelope filled in, HLC not yet
    created: bool
    changed: tuple[str, ...]     # content fields (and "deleted") that change
    base_rev: int


def save(store: Store, record: Record, *, user: str,
         referrals: Sequence[Referral] = ()) -> list[Change]:
    """See :meth:`rt_desktop.store.store.Store.save`."""
    cls = type(record)
    if RECORD_TYPES.get(getattr(cls, "TYPE", "")) is not cls:
        raise TypeError(f"not a record: {record!r}")
    if referrals and cls is not Incident:
        raise ValueError("referrals= goes with an Incident only")
    if not user:
        raise ValueError("a save needs a user")
    with store.writing():
        now = utc_now_iso()
        # Frozen RTs too: freezing stops new enrolments, not the records of an RT (the server
        # checks a push the same way).
        context = ValidationContext(today=today_wita(), configured_rts=store.listed_rts())
        if isinstance(record, Incident):
            plans, problems = _plan_incident(store, record, referrals, user, now, context)
        else:
            plans, problems = _plan_other(store, record, user, now, context)
        if problems:
            raise ValidationFailed(problems)
        if not plans:
            return []
        ts = store.tick_hlc()
        changes = [_write(store, plan, ts, user) for plan in plans]
        store.set_meta("hlc_last", ts)
        return changes


# --- planning -------------------------------------------------------------------------------------

def _canonical(record: Record) -> Record:
    """The record as the database would give it back: choices as tuples, dates as dates,
    empty text as None — so an unchanged form compares equal to what is stored."""
    cls = type(record)
    row = to_row(record)
    for name, spec in field_specs(cls).items():
        if spec.kind == "text" and row[name] == "":
            row[name] = None
    return from_row(cls, row)


def _plan(store: Store, record: Record, user: str, now: str) -> _Plan | None:
    cls = type(record)
    record = _canonical(record)
    stored = store.get(cls, record.id, include_deleted=True) if record.id else None
    if stored is None:
        # New: no id yet, or one the caller made up front so that its referrals and follow-ups
        # can point at it before it is saved (validation checks it is a UUID).
        if record.deleted:
            raise BadInput("Data baru tidak bisa langsung dihapus.",
                           "A new record cannot be saved as deleted.")
        _check_permitted(store, cls, None)
        _check_place(record, store.kelurahan_code, store.rt)
        new = dataclasses.replace(
            record, id=record.id or new_id(), kelurahan_code=store.kelurahan_code, rt=store.rt,
            created_at=now, updated_at=now, created_by=user, device_id=store.device_id, rev=0,
            hlc={}, deleted=False)
        if isinstance(new, Incident):
            # Always this device's next code: a code typed in elsewhere could collide.
            new = dataclasses.replace(new, case_code=store.next_case_code(_case_year(new)))
        return _Plan(new, True, (*content_fields(cls), "deleted"), 0)

    _check_place(record, stored.kelurahan_code, stored.rt)
    new = dataclasses.replace(
        record, kelurahan_code=stored.kelurahan_code, rt=stored.rt, created_at=stored.created_at,
        updated_at=stored.updated_at, created_by=stored.created_by, device_id=stored.device_id,
        rev=stored.rev, hlc=stored.hlc)
    changed = tuple(name for name in (*content_fields(cls), "deleted")
                    if getattr(new, name) != getattr(stored, name))
    if not changed:
        return None
    _check_permitted(store, cls, changed)
    if cls.APPEND_ONLY:
        raise BadInput("Catatan tindak lanjut tidak bisa diubah atau dihapus; tambahkan catatan "
                       "baru.", "Follow-up notes cannot be changed or deleted; add a new note.")
    if stored.deleted and new.deleted:
        raise BadInput("Data ini sudah dihapus dan tidak bisa diubah.",
                       "This record was deleted and cannot be changed.")
    if "case_code" in changed:
        raise BadInput("Kode kasus tidak bisa diubah.", "A case code cannot be changed.")
    return _Plan(dataclasses.replace(new, updated_at=now), False, changed, stored.rev)


def _check_permitted(store: Store, cls: type[Record], changed: tuple[str, ...] | None) -> None:
    """What this device may write at all (``changed`` is None for a new record)."""
    if store.role == "coordinator":
        raise BadInput("Laptop koordinator hanya untuk melihat data; perubahan tidak disimpan.",
                       "A coordinator's laptop is read-only; nothing was saved.")
    if store.role == "uptd" and (cls is not Referral or changed is None
                                 or not set(changed) <= UPTD_WRITABLE):
        raise BadInput("Di laptop UPTD PPA hanya status rujukan dan tanggapannya yang bisa "
                       "diubah.",
                       "On an UPTD PPA laptop only a referral's status and response can be "
                       "changed.")
    if cls is ConflictEntry and (changed is None or not set(changed) <= RESOLUTION_FIELDS):
        raise BadInput("Konflik dicatat oleh server; di sini hanya bisa diputuskan.",
                       "Conflicts are recorded by the server; here they can only be resolved.")


def _check_place(record: Record, kelurahan_code: str, rt: str) -> None:
    # A record made in the wrong RT is deleted and made again (DESIGN.md §3), never moved.
    if record.kelurahan_code not in ("", kelurahan_code) or record.rt not in ("", rt):
        raise BadInput(
            f"Data ini milik kelurahan {kelurahan_code} RT {rt} dan tidak bisa dipindah. "
            "Hapus dan buat ulang di RT yang benar.",
            f"This record belongs to kelurahan {kelurahan_code} RT {rt} and cannot be moved. "
            "Delete it and make it again in the right RT.")


def _case_year(incident: Incident) -> int:
    if isinstance(incident.reported_on, dt.date):
        return incident.reported_on.year
    return today_wita().year


def _live_referrals(store: Store, incident_id: str) -> list[Referral]:
    return store.list_records(Referral, where="incident_id = ?", params=[incident_id])


def _plan_incident(store: Store, incident: Incident, referrals: Sequence[Referral], user: str,
                   now: str, context: ValidationContext) -> tuple[list[_Plan], list[Any]]:
    incident_plan = _plan(store, incident, user, now)
    current = incident_plan.record if incident_plan else store.get(
        Incident, incident.id, include_deleted=True)
    assert isinstance(current, Incident)  # _plan raised NotFound otherwise
    merged: dict[str, Referral] = {r.id: r for r in _live_referrals(store, current.id)}
    referral_plans: list[tuple[int, _Plan]] = []
    for index, referral in enumerate(referrals):
        if referral.incident_id not in (None, "", current.id):
            raise BadInput("Rujukan ini milik kasus lain.",
                           "This referral belongs to another case.")
        plan = _plan(store, dataclasses.replace(referral, incident_id=current.id), user, now)
        if plan is None:
            continue
        referral_plans.append((index, plan))
        assert isinstance(plan.record, Referral)
        merged[plan.record.id] = plan.record
    plans = [p for p in (incident_plan, *(p for _, p in referral_plans)) if p is not None]
    if not plans:
        return [], []
    problems: list[Any] = []
    if not current.deleted:
        live = [r for r in merged.values() if not r.deleted]
        problems += validate_record(current, dataclasses.replace(context, referrals=live)).problems
    for index, plan in referral_plans:
        if not plan.record.deleted:
            result = validate_record(plan.record, dataclasses.replace(context, incident=current))
            problems += [dataclasses.replace(p, field=f"referrals.{index}.{p.field}")
                         for p in result.problems]
    return plans, problems


def _plan_other(store: Store, record: Record, user: str, now: str,
                context: ValidationContext) -> tuple[list[_Plan], list[Any]]:
    plan = _plan(store, record, user, now)
    if plan is None:
        return [], []
    new = plan.record
    problems: list[Any] = []
    incident = None
    if isinstance(new, (Referral, FollowUp)) and new.incident_id:
        incident = store.get(Incident, new.incident_id)
        context = dataclasses.replace(context, incident=incident)
    if not new.deleted:
        problems += validate_record(new, context).problems
    if isinstance(new, Referral) and incident is not None:
        # A referral the case still needs cannot go (a sexual-violence case past "baru"): only
        # problems this change brings count, so an old, flagged case can still be worked on.
        before = _live_referrals(store, incident.id)
        after = [r for r in before if r.id != new.id] + ([] if new.deleted else [new])
        already = guardrails.check_incident(incident, before)
        problems += [p for p in guardrails.check_incident(incident, after) if p not in already]
    return [plan], problems


# --- writing --------------------------------------------------------------------------------------

def _write(store: Store, plan: _Plan, ts: str, user: str) -> Change:
    from rt_desktop.store.store import Change

    record = dataclasses.replace(
        plan.record, hlc={**plan.record.hlc, **{name: ts for name in plan.changed}})
    cls, db = type(record), store.db
    row = to_row(record)
    bookkeeping = {"updated_at": row["updated_at"], "hlc": row["hlc"], "sync_state": "pending",
                   "sync_error": None}
    if plan.created:
        db.table(cls.TABLE).insert({**row, **bookkeeping})
        fields = {name: row[name] for name in (*_CREATE_ENVELOPE, *plan.changed)}
        action = "create"
        named = [n for n in content_fields(cls) if row[n] not in (None, "", "[]")]
    else:
        db.table(cls.TABLE).update(record.id, {**{n: row[n] for n in plan.changed}, **bookkeeping})
        fields = {name: row[name] for name in plan.changed}
        action = "delete" if record.deleted and "deleted" in plan.changed else "update"
        named = list(plan.changed)
    outbox.add_change(db, record_type=cls.TYPE, record_id=record.id, base_rev=plan.base_rev,
                      fields=fields, hlc={name: ts for name in plan.changed})
    audit.write_audit(db, action, user=user, record_type=cls.TYPE, record_id=record.id,
                      detail=None if action == "delete" else audit.fields_detail(named))
    if plan.created or search.search_relevant(cls, plan.changed):
        search.index_record(db, record)
    return Change(cls.TYPE, record.id, plan.created, record.deleted, plan.changed)
