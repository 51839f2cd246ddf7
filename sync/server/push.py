"""``POST /api/v1/push``: a batch of changes, applied in one write transaction with its answers.

Idempotent: the answer to every ``(device_id, change_id)`` is stored in the same transaction as
the change itself, so a retried change (the answer was lost, the server was killed after the
commit) gets the same answer with status ``duplicate`` and never makes a second record. A change
rejected once stays rejected with the same problems when retried.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Sequence

from rt_desktop.ids import utc_now_iso
from rt_desktop.validation import ValidationContext, today_wita
from sync.protocol import CONFLICT_TYPE, Change, ChangeResult
from sync.server.batch import Batch
from sync.server.codec import to_stored
from sync.server.crypto import FieldCipher
from sync.server.errors import Forbidden
from sync.server.storage import Device, Storage, StorageConflict, StoredRecord, Tx

__all__ = ["push_changes"]

log = logging.getLogger("rt_server.push")
_ATTEMPTS = 5


def push_changes(storage: Storage, cipher: FieldCipher, device: Device,
                 changes: Sequence[Change]) -> list[ChangeResult]:
    """Apply a batch; one answer per change, in order.

    :raises Forbidden: for a coordinator, or any change outside the device's scope (then
        nothing of the batch is applied)
    """
    if device.role == "coordinator":
        raise Forbidden("coordinator devices are read-only")
    for attempt in range(_ATTEMPTS):
        try:
            return _push_once(storage, cipher, device, changes)
        except StorageConflict:
            # The same change pushed twice at once (a retry racing its original): the next
            # attempt finds the stored answer.
            if attempt == _ATTEMPTS - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _context(tx: Tx, kelurahans: set[str]) -> ValidationContext:
    """Validation context with the RT lists of the batch's kelurahan (the only ones its
    records are checked against); all of them for a batch across the city."""
    rts: dict[str, set[str]] = {}
    listed = tx.rts(next(iter(kelurahans))) if len(kelurahans) == 1 else tx.rts()
    for kelurahan_code, rt, _active in listed:
        # Frozen RTs stay valid for their old records; enrolment is what they refuse.
        rts.setdefault(kelurahan_code, set()).add(rt)
    return ValidationContext(today=today_wita(),
                             configured_rts={k: frozenset(v) for k, v in rts.items()})


def _replay(answer: str) -> ChangeResult:
    stored = ChangeResult.model_validate_json(answer)
    return stored if stored.status == "rejected" else stored.model_copy(
        update={"status": "duplicate"})


def _place_own_records(storage: Storage, device: Device, changes: Sequence[Change],
                       results: dict[int, ChangeResult], written: Sequence[StoredRecord]) -> None:
    """After the commit (the sequence numbers are known now): an answer whose record is on the
    server exactly as this device sent it (``echo_of``) gets the record's seq and
    ``updated_at``: the device can then set the record's rev and updated_at as stored, and its
    pull can leave the record out. A duplicate's too, when the record is still as its first
    answer left it (same rev): that answer may never have arrived."""
    rows = {r.id: r for r in written}
    # An applied answer counts only with this batch's own write (one block of seqs).
    replayed = {c.record_id for i, c in enumerate(changes) if results[i].status == "duplicate"}
    if missing := sorted(replayed - set(rows)):
        with storage.reading() as tx:
            found = tx.records(missing)
    else:
        found = {}
    for i, c in enumerate(changes):
        if results[i].status == "applied":
            row = rows.get(c.record_id)
        elif results[i].status == "duplicate":
            row = rows.get(c.record_id) or found.get(c.record_id)
        else:
            continue
        if (row is not None and row.echo_of == device.device_id and row.echo_seq == row.seq
                and row.rev == results[i].rev):
            results[i] = results[i].model_copy(
                update={"seq": row.seq, "updated_at": row.updated_at})


def _push_once(storage: Storage, cipher: FieldCipher, device: Device,
               changes: Sequence[Change]) -> list[ChangeResult]:
    now = utc_now_iso()
    results: dict[int, ChangeResult] = {}
    conflicts = 0
    # Lock late (PostgreSQL): batches of different records load, merge, validate and encrypt
    # side by side; the records they change are row-locked (Batch.load), and the sequence lock
    # is taken only to number, write and commit (Tx.allocate_seqs).
    with storage.transaction(write=True, lock_late=True) as tx:
        prior = tx.answers(device.device_id, [c.change_id for c in changes])
        first_index: dict[str, int] = {}
        todo: list[tuple[int, Change]] = []
        for i, c in enumerate(changes):
            if c.change_id in prior:
                results[i] = _replay(prior[c.change_id])
            elif c.change_id not in first_index:
                first_index[c.change_id] = i
                todo.append((i, c))
        rows: list[StoredRecord] = []
        answers: list[tuple[str, str]] = []
        stored: set[str] = set()
        if todo:
            batch = Batch(tx, cipher, device, now=now)
            batch.load([c for _, c in todo])
            batch.context = _context(tx, {c.kelurahan_code for _, c in todo}
                                     | {d.kelurahan_code for d in batch.docs.values()})
            batch.authorise()
            for j, (i, c) in enumerate(todo):
                results[i] = batch.apply(j, c)
            docs = batch.finish()
            stored = batch.stored
            final = {d.id: d.attention for d in docs}
            for i, c in todo:  # answers tell the flags as committed
                flags = final.get(c.record_id)
                if (flags is not None and results[i].status != "rejected"
                        and results[i].attention != flags):
                    results[i] = results[i].model_copy(update={"attention": flags})
            # Everything but the writes before the sequence lock: sealed rows, answers.
            rows = [to_stored(doc, cipher) for doc in docs]
            for row in rows:
                if row.id in batch.echo:
                    row.echo_of = device.device_id
            answers = [(c.change_id, results[i].model_dump_json()) for i, c in todo]
            conflicts = sum(1 for d in docs if d.record_type == CONFLICT_TYPE)
        for i, c in enumerate(changes):
            if i not in results:  # the same change_id twice in one batch
                results[i] = _replay(results[first_index[c.change_id]].model_dump_json())
        # Seen, not synced: a sync ends with its last pull (a push cut off before it is not one).
        tx.touch_device(device.device_id, now, synced=False)
        tx.save_answers(device.device_id, answers, now)
        # Last, under the sequence lock until commit. A record the batch did not read is new:
        # inserted, so that a racing batch that made it first fails this one (StorageConflict,
        # retried) instead of being overwritten by it.
        tx.write_records(rows, new={r.id for r in rows} - stored)
    _place_own_records(storage, device, changes, results, rows)
    counts = Counter(r.status for r in results.values())
    # Ids and counts only: never a field value (DESIGN.md §3).
    log.info("push device=%s changes=%d applied=%d merged=%d duplicate=%d rejected=%d "
             "conflicts=%d", device.device_id, len(changes), counts["applied"], counts["merged"],
             counts["duplicate"], counts["rejected"], conflicts)
    return [results[i] for i in range(len(changes))]
