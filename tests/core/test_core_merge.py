"""The per-field merge rule (rt_desktop.merge): winners by HLC, conflicts by base_rev, the
edit/delete race, and convergence — every replica that applies the same changes, in any order,
ends with the same values, and no concurrently overwritten value disappears."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rt_desktop.hlc import Timestamp, format_ts, parse
from rt_desktop.merge import (
    FieldState,
    IncomingChange,
    LostValue,
    merge_change,
    merge_pulled,
    wins,
)

A, B, C = "dev-a", "dev-b", "dev-c"


def ts(ms: int, device: str, counter: int = 0) -> str:
    return format_ts(Timestamp(ms, counter, device))


def change(device: str, base_rev: int, at: int, **fields: Any) -> IncomingChange:
    return IncomingChange(base_rev, device, fields, {n: ts(at, device) for n in fields})


def created(device: str = A, at: int = 100, rev: int = 1, **fields: Any) -> dict[str, FieldState]:
    fields.setdefault("deleted", 0)
    return {n: FieldState(v, ts(at, device), rev, device) for n, v in fields.items()}


# --- the rule, case by case -------------------------------------------------------------------

def test_a_new_record_takes_every_field() -> None:
    result = merge_change({}, change(A, 0, 100, venue="Balai RT", deleted=0), rev=1)
    assert result.fields == {"venue": "Balai RT", "deleted": 0}
    assert result.won == {"venue", "deleted"}
    assert not result.merged and result.lost == ()
    assert result.state["venue"] == FieldState("Balai RT", ts(100, A), 1, A)


def test_an_edit_made_on_the_current_rev_simply_applies() -> None:
    state = created(venue="Balai RT")
    result = merge_change(state, change(B, 1, 200, venue="Masjid"), rev=2)
    assert result.won == {"venue"} and not result.merged
    assert result.state["venue"] == FieldState("Masjid", ts(200, B), 2, B)
    assert result.state["deleted"] == state["deleted"]


def test_the_same_device_editing_again_is_never_concurrent() -> None:
    state = created(venue="Balai RT", rev=3)
    result = merge_change(state, change(A, 1, 200, venue="Masjid"), rev=4)
    assert not result.merged and result.won == {"venue"}


@pytest.mark.parametrize(("incoming_at", "incoming_wins"), [(300, True), (150, False)])
def test_concurrent_writes_keep_the_loser(incoming_at: int, incoming_wins: bool) -> None:
    # B wrote at rev 2 (hlc 200); C, on base rev 1, never saw it.
    state = merge_change(created(venue="Balai RT"), change(B, 1, 200, venue="Masjid"),
                         rev=2).state
    result = merge_change(state, change(C, 1, incoming_at, venue="Posyandu"), rev=3)
    assert result.concurrent == {"venue"} and result.merged
    if incoming_wins:
        assert result.fields["venue"] == "Posyandu" and result.won == {"venue"}
        assert result.lost == (LostValue("venue", "Masjid", ts(200, B), B, ts(300, C)),)
    else:
        assert result.fields["venue"] == "Masjid" and result.won == frozenset()
        assert result.lost == (LostValue("venue", "Posyandu", ts(150, C), C, ts(200, B)),)
        assert result.state["venue"] == state["venue"]


def test_equal_times_are_broken_by_device_id_the_same_way_everywhere() -> None:
    state = merge_change(created(venue="x"), change(B, 1, 500, venue="from b"), rev=2).state
    result = merge_change(state, change(C, 1, 500, venue="from c"), rev=3)
    assert result.fields["venue"] == "from c"  # "dev-c" > "dev-b"
    assert wins(ts(500, C), ts(500, B)) and not wins(ts(500, B), ts(500, C))


def test_concurrent_writes_of_the_same_value_leave_no_conflict() -> None:
    state = merge_change(created(venue="x"), change(B, 1, 200, venue="same"), rev=2).state
    result = merge_change(state, change(C, 1, 300, venue="same"), rev=3)
    assert result.merged and result.lost == ()


def test_a_retried_write_changes_nothing() -> None:
    state = merge_change(created(venue="x"), change(B, 1, 200, venue="y"), rev=2).state
    result = merge_change(state, change(B, 1, 200, venue="y"), rev=3)
    assert result.won == frozenset() and result.lost == () and result.state == state


def test_a_stale_clock_that_loses_without_concurrency_still_keeps_its_value() -> None:
    # The author saw rev 2 but its clock did not observe the timestamp: never drop silently.
    state = merge_change(created(venue="x"), change(B, 1, 500, venue="y"), rev=2).state
    result = merge_change(state, change(C, 2, 400, venue="z"), rev=3)
    assert not result.concurrent and result.fields["venue"] == "y"
    assert result.lost == (LostValue("venue", "z", ts(400, C), C, ts(500, B)),)


def test_fields_merge_independently() -> None:
    state = merge_change(created(venue="x", topic_other="t"), change(B, 1, 200, venue="y"),
                         rev=2).state
    result = merge_change(state, change(C, 1, 150, topic_other="u"), rev=3)
    assert result.concurrent == frozenset() and result.won == {"topic_other"}
    assert result.lost == ()


def test_an_edit_racing_a_delete_lands_on_the_tombstone_and_leaves_a_conflict() -> None:
    base = created(venue="x")
    deleted = merge_change(base, change(B, 1, 200, deleted=1), rev=2).state
    result = merge_change(deleted, change(C, 1, 300, venue="y"), rev=3)
    assert result.fields == {"venue": "y"}
    assert result.state["deleted"].value == 1
    assert result.lost == (LostValue("deleted", 0, ts(300, C), C, ts(200, B)),)


def test_a_delete_racing_an_edit_leaves_the_same_conflict() -> None:
    base = created(venue="x")
    edited = merge_change(base, change(C, 1, 300, venue="y"), rev=2).state
    result = merge_change(edited, change(B, 1, 200, deleted=1), rev=3)
    assert result.won == {"deleted"}
    assert result.state["deleted"].value == 1 and result.state["venue"].value == "y"
    assert result.lost == (LostValue("deleted", 0, ts(300, C), C, ts(200, B)),)


def test_a_delete_after_seeing_the_edit_is_no_conflict() -> None:
    edited = merge_change(created(venue="x"), change(C, 1, 300, venue="y"), rev=2).state
    assert merge_change(edited, change(B, 2, 400, deleted=1), rev=3).lost == ()


def test_an_edit_of_a_record_deleted_before_the_author_saw_it_is_no_race() -> None:
    deleted = merge_change(created(venue="x"), change(B, 1, 200, deleted=1), rev=2).state
    assert merge_change(deleted, change(C, 2, 300, venue="y"), rev=3).lost == ()


def test_a_field_without_its_timestamp_is_a_programmer_error() -> None:
    with pytest.raises(KeyError):
        merge_change({}, IncomingChange(0, A, {"venue": "x", "end_time": "10:00"},
                                        {"end_time": ts(1, A)}), rev=1)


def test_a_malformed_timestamp_is_refused() -> None:
    with pytest.raises(ValueError):
        merge_change({}, IncomingChange(0, A, {"venue": "x"}, {"venue": "yesterday"}), rev=1)


# --- the device side --------------------------------------------------------------------------

def test_pulled_values_replace_fields_that_are_not_pending() -> None:
    clocks = {"deleted": ts(1, A)}
    out = merge_pulled({"venue": "server", "deleted": 0}, {"venue": ts(200, B), **clocks},
                       {"venue": "local", "deleted": 0}, {"venue": ts(300, A), **clocks},
                       pending=())
    assert out.fields == {"venue": "server", "deleted": 0} and out.kept_local == frozenset()


@pytest.mark.parametrize(("local_at", "kept"), [(300, True), (100, False)])
def test_a_pending_field_keeps_its_value_only_when_it_wins(local_at: int, kept: bool) -> None:
    out = merge_pulled({"venue": "server"}, {"venue": ts(200, B)},
                       {"venue": "local"}, {"venue": ts(local_at, A)}, pending={"venue"})
    assert out.fields["venue"] == ("local" if kept else "server")
    assert out.hlc["venue"] == (ts(local_at, A) if kept else ts(200, B))
    assert (out.kept_local, out.overwritten) == (
        ({"venue"}, frozenset()) if kept else (frozenset(), {"venue"}))


def test_a_pending_field_the_server_does_not_know_stays() -> None:
    out = merge_pulled({"deleted": 0}, {"deleted": ts(1, B)}, {"venue": "local", "deleted": 0},
                       {"venue": ts(5, A), "deleted": ts(1, B)}, pending={"venue"})
    assert out.fields == {"deleted": 0, "venue": "local"} and out.kept_local == {"venue"}


# --- convergence ------------------------------------------------------------------------------

DEVICES = ("d1", "d2", "d3", "d4")
FIELDS = ("venue", "summary", "fathers", "deleted")
VALUES = {"venue": st.sampled_from(["Balai", "Masjid", "Posyandu"]),
          "summary": st.sampled_from(["a", "b", None]),
          "fathers": st.integers(0, 3),
          "deleted": st.integers(0, 1)}


@st.composite
def concurrent_changes(draw: st.DrawFn) -> list[IncomingChange]:
    """2–4 changes from different devices, each on base rev 1 or 0 (mixed knowledge), with
    timestamps that may collide in (ms, counter) so the device-id tie-break is exercised."""
    count = draw(st.integers(2, len(DEVICES)))
    out = []
    for device in DEVICES[:count]:
        names = draw(st.lists(st.sampled_from(FIELDS), min_size=1, max_size=4, unique=True))
        fields = {n: draw(VALUES[n]) for n in names}
        clocks = {n: ts(draw(st.integers(150, 160)), device, draw(st.integers(0, 1)))
                  for n in names}
        out.append(IncomingChange(draw(st.integers(0, 1)), device, fields, clocks))
    return out


def apply_all(changes: list[IncomingChange]) -> tuple[dict[str, FieldState], list[LostValue]]:
    state = created(device="d0", at=100, venue="Balai", summary="s", fathers=1)
    lost: list[LostValue] = []
    for rev, c in enumerate(changes, start=2):
        result = merge_change(state, c, rev=rev)
        state, lost = result.state, lost + list(result.lost)
    return state, lost


def values(state: dict[str, FieldState]) -> dict[str, Any]:
    return {n: s.value for n, s in state.items()}


@settings(max_examples=200, deadline=None)
@given(concurrent_changes(), st.randoms(use_true_random=False))
def test_any_order_gives_the_same_values(changes: list[IncomingChange], rnd: Any) -> None:
    orders = list(itertools.permutations(changes))
    rnd.shuffle(orders)
    finals = {tuple(sorted(values(apply_all(list(order))[0]).items(), key=str))
              for order in orders[:6]}
    assert len(finals) == 1


@settings(max_examples=200, deadline=None)
@given(concurrent_changes(), st.permutations(range(4)))
def test_the_winner_is_the_highest_timestamp(changes: list[IncomingChange],
                                            order: list[int]) -> None:
    ordered = [changes[i] for i in order if i < len(changes)]
    state, _ = apply_all(ordered)
    for name in FIELDS:
        writes = [(c.hlc[name], c.fields[name]) for c in changes if name in c.fields]
        if writes:
            top = max(writes, key=lambda w: parse(w[0]))
            assert state[name].value == top[1] and state[name].hlc == top[0]


@settings(max_examples=200, deadline=None)
@given(concurrent_changes(), st.permutations(range(4)))
def test_no_concurrently_overwritten_value_disappears(changes: list[IncomingChange],
                                                      order: list[int]) -> None:
    """Every write that is not the final value of its field is kept as a conflict entry when
    its author had not seen the write that beat it — in whatever order the server got them."""
    state, lost = apply_all([changes[i] for i in order if i < len(changes)])
    kept = {(v.field, v.value) for v in lost}
    for c in changes:
        for name, value in c.fields.items():
            final = state[name]
            if final.hlc != c.hlc[name] and value != final.value:
                # All changes are concurrent with each other (distinct devices, base rev <= 1,
                # every write at rev >= 2), so the overwritten value must have been kept.
                assert (name, value) in kept, (name, value)


@settings(max_examples=200, deadline=None)
@given(concurrent_changes(), st.integers(0, 3))
def test_device_and_server_end_equal(changes: list[IncomingChange], which: int) -> None:
    """A device with a pending change pulls the server's record (which has the other changes),
    merges it locally, then pushes; server and device must then hold the same values."""
    mine = changes[which % len(changes)]
    others = [c for c in changes if c is not mine]
    server_before, _ = apply_all(others)
    base = created(device="d0", at=100, venue="Balai", summary="s", fathers=1)
    local = {n: s.value for n, s in base.items()} | dict(mine.fields)
    local_hlc = {n: s.hlc for n, s in base.items()} | dict(mine.hlc)
    pulled = merge_pulled(values(server_before), {n: s.hlc for n, s in server_before.items()},
                          local, local_hlc, pending=set(mine.fields))
    server_after = merge_change(server_before, mine, rev=len(changes) + 2).state
    assert pulled.fields == values(server_after)
    assert pulled.hlc == {n: s.hlc for n, s in server_after.items()}


@pytest.mark.parametrize("fields", [
    {"venue": "Balai", "fathers": 3, "deleted": 0},
    {"venue": "Balai", "deleted": 1},
])
def test_a_first_write_wins_every_field_and_checks_its_stamps(fields: dict[str, Any]) -> None:
    # A record with no state takes a short path (most pushed changes are creates); it gives
    # what the general one gave: every field won, nothing concurrent or lost.
    stamps = {k: ts(100 + i, A) for i, k in enumerate(fields)}
    result = merge_change({}, IncomingChange(0, A, fields, stamps), rev=1)
    assert (result.fields, result.won, result.concurrent, result.lost) == (
        fields, frozenset(fields), frozenset(), ())
    assert result.state == {k: FieldState(v, stamps[k], 1, A) for k, v in fields.items()}
    for bad in ("not-a-stamp", 7):
        with pytest.raises(ValueError):
            merge_change({}, IncomingChange(0, A, fields, {**stamps, "venue": bad}), rev=1)
    with pytest.raises(KeyError):
        merge_change({}, IncomingChange(0, A, fields, {}), rev=1)
