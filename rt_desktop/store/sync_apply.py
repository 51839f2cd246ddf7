"""What sync does to the local store (DESIGN.md §4, §5): outgoing changes, push answers, the
outbox as people see it, and each record's sync state. Pulled pages are
:mod:`rt_desktop.store.sync_pull`. No network here — :mod:`sync.client` talks to the server and
calls these.

- A push answer removes an outbox row only once the server acknowledged the change (applied,
  merged, duplicate). A rejected change keeps its row (state ``rejected``, out of the retry
  loop) and the record keeps its data and shows the reason.

Values are in row form throughout (:func:`rt_desktop.records.to_row`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rt_desktop.hlc import unpack_clocks
from rt_desktop.ids import utc_now
from rt_desktop.records import RECORD_TYPES

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = [
    "ENVELOPE_KEYS",
    "PushOutcome",
    "apply_push_results",
    "id_chunks",
    "mark_push_failed",
    "marks",
    "open_conflict_count",
    "outgoing_changes",
    "retry_time",
    "settle_conflict_parents",
    "settle_sync_state",
    "unsent_changes",
]

# Envelope keys that travel beside a change's fields, not inside them (sync/protocol.py Change).
ENVELOPE_KEYS = ("kelurahan_code", "rt", "created_at", "created_by", "device_id")
_ACKED = frozenset({"applied", "merged", "duplicate"})
_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class PushOutcome:
    acknowledged: int
    merged: int
    rejected: int
    unanswered: int  # sent, but no answer for them came back (retried next time)
    #: the lowest and highest seq of this batch's applied answers that carried one (records the
    #: server now has exactly as sent; this sync's pull may leave them out), None: none
    own: tuple[int, int] | None = None


def _table(record_type: str) -> str:
    return RECORD_TYPES[record_type].TABLE


def id_chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterable[Sequence[Any]]:
    """``items`` in pieces small enough for one ``IN (...)`` list each."""
    for start in range(0, len(items), size):
        yield items[start:start + size]


def marks(n: int) -> str:
    """``?,?,…``: ``n`` placeholders."""
    return ",".join("?" * n)


# --- push ---------------------------------------------------------------------------------------

def outgoing_changes(store: Store, *, limit: int, after_seq: int = 0,
                     whole_cases: int | None = None) -> list[dict[str, Any]]:
    """Up to ``limit`` changes to push, oldest first (``seq`` above ``after_seq``), in the wire
    shape of ``sync.protocol.Change`` plus their outbox ``seq``. Rejected changes stay out.

    With ``whole_cases`` (the most changes the batch may grow to), a batch never ends inside
    one save — a case (incident) with its referrals: the server checks a case change and a
    referral change with the other changes of the same save (a high-risk case is valid only
    referred; a save writes the case first, then its referrals, in consecutive seqs, all with
    the save's clock), so parting them would get the case rejected. The batch ends before the
    save instead, or — when the save comes first — grows to take the rest of it.
    """
    rows = _pending(store, after_seq, limit)
    if whole_cases and rows:
        start, end = _parted_save(store, rows, whole_cases)
        if start > rows[0][0]:
            rows = [r for r in rows if r[0] < start]
        elif end:
            rows += _pending(store, rows[-1][0], whole_cases - len(rows), up_to=end)
    envelopes: dict[str, dict[str, Any]] = {}
    by_type: dict[str, list[str]] = {}
    for row in rows:
        by_type.setdefault(row[2], []).append(row[3])
    for record_type, ids in by_type.items():
        for chunk in id_chunks(sorted(set(ids))):
            for found in store.db.execute(
                    f"SELECT id, kelurahan_code, rt, created_at, created_by FROM"
                    f" {_table(record_type)} WHERE id IN ({marks(len(chunk))})", list(chunk)):
                envelopes[found[0]] = dict(zip(("kelurahan_code", "rt", "created_at",
                                                "created_by"), found[1:], strict=True))
    changes = []
    for seq, change_id, record_type, record_id, base_rev, fields, clocks in rows:
        values = json.loads(fields)
        envelope = envelopes.get(record_id) or {k: values.get(k, "") for k in ENVELOPE_KEYS}
        changes.append({
            "seq": seq, "change_id": change_id, "record_type": record_type,
            "record_id": record_id, "base_rev": base_rev,
            "kelurahan_code": envelope["kelurahan_code"], "rt": envelope["rt"],
            "created_at": envelope["created_at"] or "", "created_by": envelope["created_by"] or "",
            "fields": {k: v for k, v in values.items() if k not in ENVELOPE_KEYS},
            "hlc": {k: v for k, v in unpack_clocks(clocks).items() if k not in ENVELOPE_KEYS},
        })
    return changes


def _pending(store: Store, after_seq: int, limit: int,
             up_to: int = 2**63 - 1) -> list[tuple[Any, ...]]:
    return store.db.execute(
        "SELECT seq, change_id, record_type, record_id, base_rev, fields, hlc FROM outbox"
        " WHERE state = 'pending' AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
        [after_seq, up_to, max(limit, 0)]).fetchall()


def _save_stamp(clocks: str) -> str:
    """The clock of the save that wrote an outbox row: the latest of its fields' (every change
    of one save carries it; one written over a refused change keeps older ones beside it)."""
    return max(unpack_clocks(clocks).values(), default="")  # fixed-width: sorts as it parses


def _parted_save(store: Store, rows: Sequence[tuple[Any, ...]],
                 longest: int) -> tuple[int, int]:
    """The first and last seq of the save that the end of ``rows`` would part — its changes
    carry one clock, in consecutive seqs (a case, then its referrals) — or ``(0, 0)``. A save
    of ``longest`` changes or more is not waited for."""
    stamp = _save_stamp(rows[-1][6])
    if not stamp:
        return 0, 0
    begin = len(rows) - 1
    while (begin > 0 and rows[begin - 1][0] == rows[begin][0] - 1
           and _save_stamp(rows[begin - 1][6]) == stamp):
        begin -= 1
    start, end = rows[begin][0], rows[-1][0]
    for seq, clocks in store.db.execute(
            "SELECT seq, hlc FROM outbox WHERE seq > ? AND seq < ? AND +state = 'pending'"
            " ORDER BY seq", [end, start + longest]):
        if seq != end + 1 or _save_stamp(clocks) != stamp:
            break
        end = seq
    return (start, end) if end > rows[-1][0] else (0, 0)


def _problem_text(result: Mapping[str, Any]) -> str:
    parts = [result.get("reason") or ""]
    parts += [f"{p.get('field') or '*'}: {p.get('message_id') or p.get('code')}"
              for p in result.get("problems") or ()]
    return "; ".join(p for p in parts if p) or "ditolak server"


def apply_push_results(store: Store, sent: Sequence[Mapping[str, Any]],
                       results: Sequence[Mapping[str, Any]], *,
                       retry_at: Callable[[int], str] | None = None) -> PushOutcome:
    """Apply the server's answers to ``sent`` (changes from :func:`outgoing_changes`) in one
    transaction. ``retry_at(attempts)`` gives the next attempt time of a change left without
    an answer."""
    by_id = {r["change_id"]: r for r in results}
    merged = 0
    unanswered: list[Mapping[str, Any]] = []
    touched: dict[str, set[str]] = {}
    done: list[tuple[str]] = []                       # outbox rows to remove
    # per table: rev, attention, updated_at (None: keep), id
    revs: dict[str, list[tuple[int, str | None, str | None, str]]] = {}
    placed: list[int] = []  # seqs of applied answers: records now on the server as sent
    refused: list[tuple[str, str]] = []               # outbox: detail, change_id
    errors: dict[str, list[tuple[str, str]]] = {}     # per table: reason, id
    for change in sent:
        result = by_id.get(change["change_id"])
        if result is None:
            unanswered.append(change)
            continue
        table = _table(change["record_type"])
        touched.setdefault(change["record_type"], set()).add(change["record_id"])
        if result["status"] in _ACKED:
            merged += result["status"] == "merged"
            attention = result.get("attention")
            done.append((change["change_id"],))
            # The record's rev here is the version its content was made on: the next edit's
            # base_rev. Only an answer with a seq says the server has the record exactly as
            # here (an applied change made on the record as stored; a retried one whose record
            # is still as it left it), and only then is the rev the server's. Any other (merged,
            # or applied over writes this copy of the database never had: a restore, a copy put
            # back) leaves the record holding less than the server's version; that version
            # comes with the pull, and an edit made before then must still count as concurrent
            # with the values it lacks — else they are lost, or kept from this laptop for good.
            seq = int(result.get("seq") or 0)
            echo = seq > 0 and result["status"] in ("applied", "duplicate")
            rev = int(result.get("rev") or 0) if echo else 0
            if echo and result["status"] == "applied":
                # Not a duplicate's: its first answer belongs to whatever copy of this
                # database sent it, maybe not this one (a restore, a copy put back).
                placed.append(seq)
            revs.setdefault(table, []).append((
                rev, json.dumps(list(attention)) if attention else None,
                result.get("updated_at") if echo else None, change["record_id"]))
        else:
            refused.append((json.dumps({"reason": result.get("reason"),
                                        "problems": list(result.get("problems") or ())},
                                       ensure_ascii=False), change["change_id"]))
            errors.setdefault(table, []).append((_problem_text(result), change["record_id"]))
    with store.writing() as db:
        db.conn.executemany("DELETE FROM outbox WHERE change_id = ?", done)
        for table, rows in revs.items():
            db.conn.executemany(
                f"UPDATE {table} SET rev = max(rev, ?), attention = ?,"
                f" updated_at = coalesce(?, updated_at) WHERE id = ?", rows)
        db.conn.executemany("UPDATE outbox SET state = 'rejected', last_error = ?,"
                            " attempts = attempts + 1, next_attempt_at = NULL"
                            " WHERE change_id = ?", refused)
        for table, reasons in errors.items():
            db.conn.executemany(f"UPDATE {table} SET sync_error = ? WHERE id = ?", reasons)
        if unanswered:
            _mark_failed(store, unanswered, "no answer for this change", retry_at)
        for record_type, ids in touched.items():
            settle_sync_state(store, record_type, ids)
        # A conflict entry resolved here settles its record's state now (its pull, which did
        # that before, leaves it out when the server has it as sent).
        settle_conflict_parents(store, sorted(touched.get("conflict", ())))
    return PushOutcome(len(done), merged, len(refused), len(unanswered),
                       (min(placed), max(placed)) if placed else None)


def mark_push_failed(store: Store, error: str,
                     retry_at: Callable[[int], str] | None = None) -> int:
    """Count a failed attempt on every change still waiting to be sent (a sync run that could
    not deliver them: the server unreachable, 5xx, a timeout); the data and the outbox rows
    stay as they are. Returns how many changes are waiting."""
    with store.writing() as db:
        counts = db.execute("SELECT attempts, count(*) FROM outbox WHERE state = 'pending'"
                            " GROUP BY attempts").fetchall()
        for attempts, _n in counts:
            db.execute("UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ?"
                       " WHERE state = 'pending' AND attempts = ?",
                       [attempts + 1, error, retry_at(attempts + 1) if retry_at else None,
                        attempts])
    return sum(n for _a, n in counts)


def _mark_failed(store: Store, sent: Sequence[Mapping[str, Any]], error: str,
                 retry_at: Callable[[int], str] | None) -> None:
    seqs = [c["seq"] for c in sent]
    for chunk in id_chunks(seqs):
        rows = store.db.execute(
            f"SELECT seq, attempts FROM outbox WHERE seq IN ({marks(len(chunk))})",
            list(chunk)).fetchall()
        store.db.conn.executemany(
            "UPDATE outbox SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE seq = ?",
            [(attempts + 1, error, retry_at(attempts + 1) if retry_at else None, seq)
             for seq, attempts in rows])


def settle_sync_state(store: Store, record_type: str, ids: Iterable[str]) -> None:
    """Set the ``sync_state`` of records from their outbox rows and open conflict entries:
    rejected > pending > conflict > synced. Call inside the caller's transaction."""
    table = _table(record_type)
    for chunk in id_chunks(sorted(set(ids))):
        store.db.execute(f"""
            UPDATE {table} SET
              sync_state = CASE
                WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = {table}.id
                             AND o.state = 'rejected') THEN 'rejected'
                WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = {table}.id) THEN 'pending'
                WHEN EXISTS (SELECT 1 FROM conflicts c WHERE c.parent_id = {table}.id
                             AND c.resolved = 0 AND c.deleted = 0) THEN 'conflict'
                ELSE 'synced' END,
              sync_error = CASE
                WHEN EXISTS (SELECT 1 FROM outbox o WHERE o.record_id = {table}.id
                             AND o.state = 'rejected') THEN sync_error
                ELSE NULL END
            WHERE id IN ({marks(len(chunk))})""", list(chunk))


def settle_conflict_parents(store: Store, entry_ids: Sequence[str]) -> None:
    """:func:`settle_sync_state` of the records these (stored) conflict entries belong to.
    Call inside the caller's transaction."""
    parents: dict[str, set[str]] = {}
    for chunk in id_chunks(entry_ids):
        for parent_type, parent_id in store.db.execute(
                f"SELECT parent_type, parent_id FROM conflicts WHERE id IN"
                f" ({marks(len(chunk))})", list(chunk)):
            if parent_type in RECORD_TYPES and parent_id:
                parents.setdefault(parent_type, set()).add(parent_id)
    for parent_type, ids in parents.items():
        settle_sync_state(store, parent_type, ids)


def retry_time(seconds: float) -> str:
    """An ISO time ``seconds`` from now (for ``next_attempt_at``)."""
    return (utc_now() + dt.timedelta(seconds=seconds)).isoformat(
        timespec="milliseconds").replace("+00:00", "Z")


def open_conflict_count(store: Store) -> int:
    return store.db.execute(
        "SELECT count(*) FROM conflicts WHERE resolved = 0 AND deleted = 0").fetchone()[0]


def unsent_changes(store: Store) -> list[dict[str, Any]]:
    """The outbox as the "Perubahan belum terkirim" view shows it: oldest first, with state,
    attempts, the last error and when the next attempt is due (never field values)."""
    columns = ("seq", "change_id", "record_type", "record_id", "state", "attempts", "last_error",
               "next_attempt_at", "created_at")
    return [dict(zip(columns, row, strict=True)) for row in store.db.execute(
        f"SELECT {', '.join(columns)} FROM outbox ORDER BY seq")]

