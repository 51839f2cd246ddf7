"""The per-field merge rule of DESIGN.md §5 — the one implementation the server and the devices
call, so both ends reach the same values.

Every field of a synced record (``deleted`` included) is a last-writer-wins register ordered by
its hybrid logical clock timestamp (:mod:`rt_desktop.hlc`; the device id at the end of a
timestamp breaks ties). Taking the higher timestamp is commutative, associative and idempotent,
so any replica that has seen the same set of writes holds the same values, whatever the order.

What ``base_rev`` decides is not the winner but whether a value that loses must be kept: a field
is *concurrent* when the server's value was written at a rev above the change's ``base_rev`` by
another device — the change's author never saw it. The losing value of a concurrent write is
returned as a :class:`LostValue`, which the server stores as a conflict entry. An edit racing a
delete is a conflict too, although the two changes touch different fields: the edit is reported
as a lost ``deleted = 0`` ("keep this record"), and its field values are applied to the
tombstone, so choosing to keep the record brings them back.

Values are in row form (:func:`rt_desktop.records.to_row`) and compared as such. Pure: no I/O.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rt_desktop.hlc import Timestamp
from rt_desktop.hlc import parse as _parse_uncached

__all__ = [
    "DELETED",
    "FieldState",
    "IncomingChange",
    "LostValue",
    "MergeResult",
    "PulledMerge",
    "merge_change",
    "merge_pulled",
    "wins",
]

DELETED = "deleted"


@functools.lru_cache(maxsize=65536)
def parse(text: str) -> Timestamp:
    """:func:`rt_desktop.hlc.parse`, remembered: one change stamps all its fields with the same
    timestamp, and a batch of thousands would parse it again for every field."""
    return _parse_uncached(text)


class FieldState(NamedTuple):
    """The server's state of one field: its value and who wrote it, when, at which rev.
    (A named tuple, not a dataclass: a batch makes hundreds of thousands of them.)"""

    value: Any
    hlc: str
    rev: int
    device: str


@dataclass(frozen=True)
class IncomingChange:
    """One pushed change: the changed fields (row form) with their timestamps."""

    base_rev: int
    device: str
    fields: Mapping[str, Any]
    hlc: Mapping[str, str]


@dataclass(frozen=True)
class LostValue:
    """A value that lost a concurrent write: the content of one conflict entry."""

    field: str
    value: Any
    hlc: str
    device: str
    winning_hlc: str


@dataclass(frozen=True)
class MergeResult:
    """What :func:`merge_change` decided.

    ``fields``: the value of every field of the change after the merge (the winner's value);
    ``won``: the fields where the change's value is now current (to be written, with ``rev``);
    ``concurrent``: the fields written by another device above ``base_rev``;
    ``lost``: the losing values to keep as conflict entries;
    ``state``: the new per-field state (the old one with the won fields replaced).
    """

    fields: dict[str, Any]
    won: frozenset[str]
    concurrent: frozenset[str]
    lost: tuple[LostValue, ...]
    state: dict[str, FieldState] = field(repr=False)

    @property
    def merged(self) -> bool:
        """True when another device's write was involved (the push answer says "merged")."""
        return bool(self.concurrent or self.lost)


def wins(a: str | None, b: str | None) -> bool:
    """True when timestamp ``a`` beats ``b``: higher (ms, counter), then the higher device id.
    A missing timestamp always loses; equal timestamps are the same write, so neither wins."""
    if a is None:
        return False
    if b is None:
        return True
    return parse(a) > parse(b)


def _concurrent(current: FieldState, change: IncomingChange) -> bool:
    return current.rev > change.base_rev and current.device != change.device


def merge_change(state: Mapping[str, FieldState], change: IncomingChange, *,
                 rev: int) -> MergeResult:
    """Merge one incoming change into a record's per-field ``state`` (empty for a new record).

    ``rev`` is the rev the record gets if the change writes anything; it goes into the new state
    of the fields the change wins.

    :raises KeyError: if a field of the change has no timestamp in ``change.hlc``
    :raises ValueError: if a timestamp is not an HLC timestamp
    """
    if not state:
        return _first_write(change, rev)
    new_state = dict(state)
    merged: dict[str, Any] = {}
    won: set[str] = set()
    concurrent: set[str] = set()
    lost: list[LostValue] = []
    for name, value in change.fields.items():
        ts = change.hlc[name]
        if not isinstance(ts, str):
            raise ValueError(f"not an HLC timestamp: {ts!r}")
        parse(ts)  # a malformed timestamp fails here, even for a field seen for the first time
        current = state.get(name)
        if current is None:
            new_state[name] = FieldState(value, ts, rev, change.device)
            merged[name] = value
            won.add(name)
            continue
        is_concurrent = _concurrent(current, change)
        if is_concurrent:
            concurrent.add(name)
        if ts == current.hlc:  # the same write again: nothing to decide
            merged[name] = current.value
        elif wins(ts, current.hlc):
            new_state[name] = FieldState(value, ts, rev, change.device)
            merged[name] = value
            won.add(name)
            if is_concurrent and current.value != value:
                lost.append(LostValue(name, current.value, current.hlc, current.device, ts))
        else:
            merged[name] = current.value
            # A non-concurrent change that loses means its author's clock never saw the value
            # it overwrites (a device that failed to observe a pulled timestamp): keep it too,
            # because a value that disappears without trace is the one thing sync must not do.
            if current.value != value:
                lost.append(LostValue(name, value, ts, change.device, current.hlc))
    lost += _edit_delete_race(state, change, rev, won)
    return MergeResult(merged, frozenset(won), frozenset(concurrent), tuple(lost), new_state)


def _first_write(change: IncomingChange, rev: int) -> MergeResult:
    """:func:`merge_change` into a record with no state yet (most pushed changes create one):
    every field wins, nothing is concurrent or lost. The fields of one save share a timestamp,
    so each distinct one is checked once."""
    checked: set[str] = set()
    for name in change.fields:
        ts = change.hlc[name]
        if not isinstance(ts, str):
            raise ValueError(f"not an HLC timestamp: {ts!r}")
        if ts not in checked:
            parse(ts)
            checked.add(ts)
    state = {name: FieldState(value, change.hlc[name], rev, change.device)
             for name, value in change.fields.items()}
    return MergeResult(dict(change.fields), frozenset(state), frozenset(), (), state)


def _edit_delete_race(state: Mapping[str, FieldState], change: IncomingChange, rev: int,
                      won: set[str]) -> list[LostValue]:
    """The conflict of an edit racing a delete, which per-field merging alone cannot see."""
    deleted = state.get(DELETED)
    edits = [n for n in change.fields if n != DELETED]
    if DELETED in change.fields:
        if not change.fields[DELETED] or DELETED not in won:
            return []
        # This change deletes: did another device edit the record since the author's base_rev?
        racing = [s for n, s in state.items() if n != DELETED and _concurrent(s, change)]
        if not racing:
            return []
        top = max(racing, key=lambda s: parse(s.hlc))
        return [LostValue(DELETED, 0, top.hlc, top.device, change.hlc[DELETED])]
    if deleted is None or not deleted.value or not edits or not _concurrent(deleted, change):
        return []
    # This change edits a record another device deleted meanwhile: the edit lands on the
    # tombstone, and "keep the record" is the losing value a person may choose.
    top_hlc = max((change.hlc[n] for n in edits), key=parse)
    return [LostValue(DELETED, 0, top_hlc, change.device, deleted.hlc)]


@dataclass(frozen=True)
class PulledMerge:
    """A pulled record merged with the local pending change (:func:`merge_pulled`).

    ``fields``/``hlc``: the values and timestamps to store locally; ``kept_local``: pending
    fields whose local value still wins; ``overwritten``: pending fields whose local value lost
    (the server records the conflict entry when the pending change arrives, so the outbox row
    must stay).
    """

    fields: dict[str, Any]
    hlc: dict[str, str]
    kept_local: frozenset[str]
    overwritten: frozenset[str]


def merge_pulled(pulled_fields: Mapping[str, Any], pulled_hlc: Mapping[str, str],
                 local_fields: Mapping[str, Any], local_hlc: Mapping[str, str],
                 pending: Collection[str]) -> PulledMerge:
    """Merge a record pulled from the server with the local copy that has pending changes.

    ``pending``: the fields changed locally and not yet acknowledged by the server (the union of
    the record's outbox rows). Fields not pending take the pulled value; a pending field keeps
    its local value when its local timestamp wins — exactly what the server decides when the
    pending change reaches it, so device and server end equal. Fields in neither input are not
    in the result. ``deleted`` is a field like any other here: pass it in both mappings.
    """
    fields = dict(pulled_fields)
    clocks = dict(pulled_hlc)
    kept: set[str] = set()
    overwritten: set[str] = set()
    for name in pending:
        if name not in local_fields:
            continue
        local_ts = local_hlc.get(name)
        if name not in pulled_fields or wins(local_ts, pulled_hlc.get(name)):
            fields[name] = local_fields[name]
            if local_ts is not None:
                clocks[name] = local_ts
            kept.add(name)
        elif local_ts != pulled_hlc.get(name) and local_fields[name] != pulled_fields[name]:
            overwritten.add(name)
    return PulledMerge(fields, clocks, frozenset(kept), frozenset(overwritten))
