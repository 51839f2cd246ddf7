"""One pushed batch, applied change by change inside one write transaction (DESIGN.md §5).

For each change: basic checks (known fields, timestamps, role) → the merge rule of
:mod:`rt_desktop.merge` → validation of the merged record with :mod:`rt_desktop.validation`
(an incident with its referrals as the server has them, a referral or follow-up with its
incident) → conflict entries for the losing values. A change that brings a new rule problem is
rejected — unless another device's write was involved (the record, or a record the rule looks at,
was written by another device after what this device had pulled): then the merge is kept and the
record is flagged for attention, never silently rejected.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from rt_desktop import guardrails
from rt_desktop.ids import new_id
from rt_desktop.merge import (
    DELETED,
    FieldState,
    IncomingChange,
    LostValue,
    merge_change,
    parse,
)
from rt_desktop.problems import Problem
from rt_desktop.records import (
    FollowUp,
    Incident,
    Referral,
    content_fields,
    is_sensitive,
    record_type,
)
from rt_desktop.validation import ValidationContext, today_wita, validate_record
from sync.protocol import (
    CONFLICT_RESOLUTION_FIELDS,
    CONFLICT_TYPE,
    UPTD_WRITABLE_FIELDS,
    Change,
    ChangeResult,
    ChangeStatus,
    ProblemOut,
)
from sync.server.codec import PARENT_FIELD, Doc, from_stored, last_writer, parent_of
from sync.server.crypto import FieldCipher
from sync.server.errors import Forbidden
from sync.server.projection import may_write_place
from sync.server.storage import Device, Tx

__all__ = ["Batch"]

# Envelope keys a device's create carries inside `fields`; the envelope is the server's.
_ENVELOPE_IN_FIELDS = frozenset({"kelurahan_code", "rt", "created_at", "created_by",
                                 "device_id", "id", "rev", "updated_at", "hlc"})
_SCALARS = (str, int, float, bool, type(None))


@functools.cache
def _writable(type_name: str) -> frozenset[str]:
    """The fields a change of this record type may carry."""
    return frozenset((*content_fields(record_type(type_name)), DELETED))


def _problem(field: str, code: str, message_id: str, message_en: str) -> ProblemOut:
    return ProblemOut(field=field, code=code, message_id=message_id, message_en=message_en)


def _out(problem: Problem) -> ProblemOut:
    return ProblemOut(field=problem.field, code=problem.code, message_id=problem.message("id"),
                      message_en=problem.message("en"))


def _rejected(change: Change, reason: str, problems: Sequence[ProblemOut] = (),
              rev: int = 0) -> ChangeResult:
    return ChangeResult(change_id=change.change_id, status="rejected", rev=rev, reason=reason,
                        problems=list(problems))


class Batch:
    def __init__(self, tx: Tx, cipher: FieldCipher, device: Device, *, now: str,
                 context: ValidationContext | None = None):
        self.tx, self.cipher, self.device, self.now = tx, cipher, device, now
        #: set before :meth:`apply` (the caller may build it from what :meth:`load` read)
        self.context = context or ValidationContext(today=today_wita())
        self.docs: dict[str, Doc] = {}
        self.dirty: dict[str, Doc] = {}
        #: the records this batch leaves exactly as the device has them, with the rev they
        #: are left at: written by an applied change made on the record as stored (or as this
        #: batch's previous such change left it), every field of it won, and nothing else
        #: written to them since
        self.echo: dict[str, int] = {}
        self.stored: set[str] = set()  # ids of the records read from storage (and locked)
        self._referrals: dict[str, set[str]] = {}      # incident id -> referral ids
        self._later_referrals: dict[str, list[int]] = {}  # incident id -> change indexes
        self._saves: dict[int, str] = {}  # change index -> the clock of the save it came in
        self._cursors: dict[str, int] | None = None
        self.changes: Sequence[Change] = ()

    # --- loading and authorisation ------------------------------------------------------------
    def load(self, changes: Sequence[Change]) -> None:
        """Read the changed records, their incidents and those incidents' referrals, and lock
        them until the batch commits: a concurrent batch that touches any of them waits, so
        both merge on what the other wrote (DESIGN.md §5). A referral or follow-up change
        always locks its incident, so two batches changing one case run one after the other."""
        self.changes = changes
        self._add(self.tx.records([c.record_id for c in changes], lock=True).values())
        parents = {c.record_id for c in changes if c.record_type == "incident"}
        for c in changes:
            doc = self.docs.get(c.record_id)
            link = parent_of(doc) if doc else c.fields.get(PARENT_FIELD.get(c.record_type, ""))
            if isinstance(link, str) and link:
                parents.add(link)
        self._add(self.tx.records(sorted(parents - set(self.docs)), lock=True).values())
        self._add(r for r in self.tx.children(sorted(parents), "referral", lock=True)
                  if r.id not in self.docs)
        self.stored = set(self.docs)
        made: dict[str, Any] = {}  # referrals this batch creates -> their incident
        for index, c in enumerate(changes):
            if c.record_type in ("incident", "referral"):
                # Every change of one save carries the save's clock as its latest: fixed-width,
                # so it sorts as it parses (a bad one is refused by apply).
                self._saves[index] = max(c.hlc.values(), default="")
            if c.record_type == "referral":
                doc = self.docs.get(c.record_id)
                # A later change of a referral made earlier in this batch names no incident.
                link = parent_of(doc) if doc else (c.fields.get("incident_id")
                                                   or made.get(c.record_id))
                if doc is None:
                    made.setdefault(c.record_id, link)
                if isinstance(link, str):
                    self._later_referrals.setdefault(link, []).append(index)

    def _add(self, rows: Any) -> None:
        for row in rows:
            self._put(from_stored(row, self.cipher))

    def _put(self, doc: Doc) -> None:
        self.docs[doc.id] = doc
        if doc.record_type == "referral" and (link := parent_of(doc)) is not None:
            self._referrals.setdefault(link, set()).add(doc.id)

    def authorise(self) -> None:
        """:raises Forbidden: if any change is outside the device's role or scope (nothing of
        the batch is applied then)."""
        device = self.device
        if device.role == "coordinator":
            raise Forbidden("coordinator devices are read-only")
        for c in self.changes:
            doc = self.docs.get(c.record_id)
            if device.role == "volunteer":
                if not may_write_place(device, c.kelurahan_code, c.rt) or (
                        doc and not may_write_place(device, doc.kelurahan_code, doc.rt)):
                    raise Forbidden(f"record {c.record_id} is outside this device's RT")
                continue
            # uptd: only existing referrals to UPTD PPA
            if (c.record_type != "referral" or doc is None or doc.record_type != "referral"
                    or doc.values.get("destination") != "uptd_ppa"):
                raise Forbidden(f"UPTD PPA devices may only update referrals to UPTD PPA "
                                f"(change {c.change_id})")

    # --- one change ---------------------------------------------------------------------------
    def apply(self, index: int, c: Change) -> ChangeResult:
        doc = self.docs.get(c.record_id)
        if doc is not None and doc.record_type != c.record_type:
            return _rejected(c, f"record {c.record_id} is a {doc.record_type}")
        fields = {k: v for k, v in c.fields.items() if k not in _ENVELOPE_IN_FIELDS}
        problem = self._check_fields(c, doc, fields)
        if problem is not None:
            return _rejected(c, problem.message_en, [problem], doc.rev if doc else 0)
        if doc is None:
            if c.base_rev > 0:
                return _rejected(c, "the server has no such record to update")
            doc = self._new_doc(c)
            fields.setdefault(DELETED, 0)
        stamps = {c.hlc[k] for k in fields if k in c.hlc}  # a create: one stamp for all
        latest = max(stamps, key=parse)
        clocks = {k: c.hlc.get(k, latest) for k in fields}
        if doc.cls.APPEND_ONLY and not doc.new:
            if all(doc.values.get(k) == v for k, v in fields.items()):
                return ChangeResult(change_id=c.change_id, status="applied", rev=doc.rev)
            return _rejected(c, "follow-up notes are append-only", [_problem(
                "", "append_only", "Catatan tindak lanjut tidak bisa diubah; tambahkan catatan "
                "baru.", "Follow-up notes cannot be changed; add a new note.")], doc.rev)
        incoming = IncomingChange(c.base_rev, self.device.device_id, fields, clocks)
        result = merge_change(doc.state, incoming, rev=doc.rev + 1)
        after = doc.copy()
        after.values.update({k: result.fields[k] for k in result.won})
        after.state = result.state
        if result.won:
            after.rev, after.updated_at = doc.rev + 1, self.now
        concurrent = self._record_concurrent(doc, c.base_rev)
        others = concurrent or self._related_concurrent(after)
        merged = result.merged or concurrent
        problems = self._problems(after, index)
        if problems and not doc.new:
            # The record before the change is validated only when the change leaves problems:
            # only those the change brings count against it.
            before = {(p.field, p.code) for p in self._problems(doc, index)}
            new = [p for p in problems if (p.field, p.code) not in before]
        else:
            new = problems
        if new and not others:
            return _rejected(c, "the change breaks a rule", [_out(p) for p in new], doc.rev)
        status: ChangeStatus = "merged" if merged else "applied"
        if not result.won and not result.lost:
            return ChangeResult(change_id=c.change_id, status=status, rev=doc.rev,
                                attention=doc.attention)
        # The device held the record as stored when it made the change: a write by this same
        # device id that it does not have (a discarded history after a restore, another copy
        # of its database) does not count as concurrent, but must keep the record coming.
        held = doc.new or doc.rev == c.base_rev or self.echo.get(doc.id) == doc.rev
        after.attention = sorted({p.code for p in problems})
        after.new = False
        self._write(after)
        if held and status == "applied" and not result.lost and set(result.won) == set(fields):
            self.echo[after.id] = after.rev
        for lost in result.lost:
            self._add_conflict(after, lost)
        self._refresh_parent(after, index)
        return ChangeResult(change_id=c.change_id, status=status, rev=after.rev,
                            attention=after.attention)

    def _check_fields(self, c: Change, doc: Doc | None,
                      fields: dict[str, Any]) -> ProblemOut | None:
        allowed = _writable(c.record_type)
        for name, value in fields.items():
            if name not in allowed:
                return _problem(name, "unknown_field", f"Isian “{name}” tidak dikenal.",
                                f"Unknown field “{name}”.")
            if not isinstance(value, _SCALARS):
                return _problem(name, "bad_value", f"Isian “{name}” tidak bisa dibaca.",
                                f"Field “{name}” cannot be read.")
        if not fields:
            return _problem("", "empty_change", "Perubahan ini kosong.", "The change is empty.")
        good: set[str] = set()  # the fields of a create share one stamp: parse it once
        for name in fields:
            ts = c.hlc.get(name) or ""
            if ts in good:
                continue
            try:
                parse(ts)
            except ValueError:
                return _problem(name, "bad_hlc", "Cap waktu perubahan rusak.",
                                "The change's timestamp is damaged.")
            good.add(ts)
        if self.device.role == "uptd" and set(fields) - UPTD_WRITABLE_FIELDS:
            extra = sorted(set(fields) - UPTD_WRITABLE_FIELDS)[0]
            return _problem(extra, "not_writable",
                            "UPTD PPA hanya boleh mengubah status dan tanggapan rujukan.",
                            "UPTD PPA may only change a referral's status and response.")
        if c.record_type == CONFLICT_TYPE:
            if doc is None:
                return _problem("", "server_only", "Catatan konflik hanya dibuat oleh server.",
                                "Conflict entries are made by the server only.")
            if set(fields) - CONFLICT_RESOLUTION_FIELDS:
                extra = sorted(set(fields) - CONFLICT_RESOLUTION_FIELDS)[0]
                return _problem(extra, "not_writable", "Catatan konflik hanya bisa ditandai "
                                "selesai.", "A conflict entry can only be marked resolved.")
        link = PARENT_FIELD.get(c.record_type)
        if doc is not None and link in fields and fields[link] != doc.values.get(link):
            return _problem(link, "fixed", "Data ini tidak bisa dipindah ke kasus lain.",
                            "This record cannot be moved to another case.")
        parent_id = fields.get(link) if doc is None and link else None
        parent = self.docs.get(parent_id) if isinstance(parent_id, str) else None
        if parent is not None and (parent.kelurahan_code, parent.rt) != (c.kelurahan_code, c.rt):
            return _problem(link or "", "other_rt", "Kasus ini milik RT lain.",
                            "This case belongs to another RT.")
        return None

    def _new_doc(self, c: Change) -> Doc:
        return Doc(c.record_type, c.record_id, c.kelurahan_code, c.rt, 0, 0,
                   c.created_at or str(c.fields.get("created_at") or self.now), self.now,
                   c.created_by or str(c.fields.get("created_by") or ""),
                   self.device.device_id, {}, {}, new=True)

    # --- concurrency --------------------------------------------------------------------------
    def _record_concurrent(self, doc: Doc, base_rev: int) -> bool:
        me = self.device.device_id
        return any(s.rev > base_rev and s.device != me for s in doc.state.values())

    @property
    def cursors(self) -> dict[str, int]:
        """This device's pull cursors, read when first needed (a batch of new records that
        touches no stored one never needs them)."""
        if self._cursors is None:
            self._cursors = self.tx.device_cursors(self.device.device_id)
        return self._cursors

    def _unseen(self, doc: Doc) -> bool:
        """Written by another device after this device's last pull of that type."""
        return (last_writer(doc) != self.device.device_id
                and doc.seq > self.cursors.get(doc.record_type, 0))

    def _related(self, doc: Doc) -> list[Doc]:
        if doc.record_type == "incident":
            return self._referrals_of(doc.id)
        link = parent_of(doc)
        parent = self.docs.get(link) if link else None
        if parent is None:
            return []
        siblings = self._referrals_of(parent.id) if doc.record_type == "referral" else []
        return [parent, *(s for s in siblings if s.id != doc.id)]

    def _related_concurrent(self, doc: Doc) -> bool:
        return any(self._unseen(r) for r in self._related(doc))

    def _referrals_of(self, incident_id: str) -> list[Doc]:
        return [self.docs[i] for i in sorted(self._referrals.get(incident_id, ()))]

    # --- validation ---------------------------------------------------------------------------
    def _lookahead(self, incident_id: str, index: int) -> dict[str, Doc]:
        """Referrals of the incident as the rest of the save of change ``index`` leaves them:
        a device saves an incident and its referrals together, the incident first, and checked
        them together; later saves were each checked on their own (a referral withdrawn once
        the risk was lowered does not count against the change that raised it)."""
        out: dict[str, Doc] = {}
        save = self._saves.get(index)
        for later in self._later_referrals.get(incident_id, ()):
            if later <= index or not save or self._saves.get(later) != save:
                continue
            c = self.changes[later]
            base = out.get(c.record_id) or self.docs.get(c.record_id)
            doc = base.copy() if base else self._new_doc(c)
            doc.values.update({k: v for k, v in c.fields.items() if k not in _ENVELOPE_IN_FIELDS})
            if parent_of(doc) == incident_id:
                out[doc.id] = doc
        return out

    def _problems(self, doc: Doc, index: int) -> list[Problem]:
        if doc.record_type == CONFLICT_TYPE:
            return list(validate_record(doc.record(), self.context).problems)
        record = doc.record()
        if isinstance(record, Incident):
            refs = {d.id: d for d in self._referrals_of(doc.id)} | self._lookahead(doc.id, index)
            ctx = self._ctx(referrals=[d.record() for d in refs.values() if not d.deleted])
            return list(validate_record(record, ctx).problems)
        if isinstance(record, (Referral, FollowUp)):
            link = parent_of(doc)
            parent = self.docs.get(link) if link else None
            incident = parent.record() if parent and not parent.deleted else None
            problems = list(validate_record(
                record, self._ctx(incident=incident if isinstance(incident, Incident) else None)
            ).problems)
            if isinstance(record, Referral) and isinstance(incident, Incident):
                # Its sibling referrals as the rest of the save leaves them too: one save may
                # decline the case's only active referral and add the one that replaces it.
                around = ({d.id: d for d in self._referrals_of(incident.id)}
                          | self._lookahead(incident.id, index))
                siblings = [d.record() for d in around.values()
                            if d.id != doc.id and not d.deleted]
                live = [r for r in [*siblings, record] if isinstance(r, Referral)
                        and not r.deleted]
                problems += guardrails.check_incident(incident, live)
            return problems
        return list(validate_record(record, self.context).problems)

    def _ctx(self, **kwargs: Any) -> ValidationContext:
        return replace(self.context, **kwargs)

    def _refresh_parent(self, doc: Doc, index: int) -> None:
        """A referral change can break (or mend) its incident's rules: keep the incident's
        attention flag true to its current state."""
        if doc.record_type != "referral":
            return
        link = parent_of(doc)
        parent = self.docs.get(link) if link else None
        if parent is None or parent.new:
            return
        attention = sorted({p.code for p in self._problems(parent, index)})
        if attention != parent.attention:
            updated = parent.copy()
            updated.attention = attention
            self._write(updated)

    # --- writing ------------------------------------------------------------------------------
    def _write(self, doc: Doc) -> None:
        self._put(doc)
        self.dirty[doc.id] = doc
        self.echo.pop(doc.id, None)  # an applied change sets it again (apply)

    def _add_conflict(self, parent: Doc, lost: LostValue) -> None:
        values: dict[str, Any] = {
            "parent_type": parent.record_type, "parent_id": parent.id, "field": lost.field,
            "losing_value": json.dumps(lost.value, ensure_ascii=False),
            "losing_hlc": lost.hlc, "losing_device_id": lost.device,
            "winning_hlc": lost.winning_hlc, "resolved": 0, "resolved_by": None,
            "resolved_at": None, DELETED: 0}
        state = {k: FieldState(v, lost.winning_hlc, 1, "server") for k, v in values.items()}
        hidden = lost.field != DELETED and is_sensitive(parent.cls, lost.field)
        doc = Doc(CONFLICT_TYPE, new_id(), parent.kelurahan_code, parent.rt, 1, 0, self.now,
                  self.now, "server", "server", values, state, uptd=parent.uptd,
                  coordinator_hidden=hidden)
        self._write(doc)

    def finish(self) -> list[Doc]:
        """Settle attention flags and who may see what (UPTD flags); return the records to
        write, in order."""
        end = len(self.changes)
        cases = {doc.id if doc.record_type == "incident" else parent_of(doc)
                 for doc in self.dirty.values() if doc.record_type in ("incident", "referral")}
        for case_id in sorted(c for c in cases if c):
            doc = self.docs.get(case_id)
            if doc is None or doc.record_type != "incident":
                continue
            # A change accepted because a referral later in its save would mend the case, whose
            # referral was then rejected, leaves the case breaking a rule: say so.
            attention = sorted({p.code for p in self._problems(doc, end)})
            if case_id in self.dirty:
                doc.attention = attention
            elif attention != doc.attention:  # a case changed through its referrals only
                updated = doc.copy()
                updated.attention = attention
                self._write(updated)
        incidents: set[str] = set()
        for doc in list(self.dirty.values()):
            if doc.record_type == "referral":
                doc.uptd = doc.values.get("destination") == "uptd_ppa"
                if (link := parent_of(doc)) is not None:
                    incidents.add(link)
            elif doc.record_type == "incident":
                incidents.add(doc.id)
        for incident_id in incidents:
            incident = self.docs.get(incident_id)
            if incident is None:
                continue
            referred = any(r.uptd and not r.deleted for r in self._referrals_of(incident_id))
            if incident.uptd != referred:
                # A newly referred case must reach UPTD PPA even if it has not changed: a new
                # seq puts it in UPTD's next pull (and harmlessly in the RT's).
                updated = incident.copy()
                updated.uptd = referred
                held = incident_id in self.echo
                self._write(updated)
                if held:  # the flag is the server's alone: the device has the record still
                    self.echo[incident_id] = updated.rev
        for doc in self.dirty.values():
            if doc.record_type == CONFLICT_TYPE:
                parent = self.docs.get(str(doc.values.get("parent_id")))
                doc.uptd = bool(parent and parent.uptd)
        return list(self.dirty.values())
