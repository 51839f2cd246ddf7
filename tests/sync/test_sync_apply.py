"""Applying pulled pages and push answers to the local store (rt_desktop/store/sync_apply.py):
one transaction per page with its cursor, local pending changes merged (never overwritten),
nothing deleted before the server acknowledged it."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.hlc import Timestamp, format_ts, pack_clocks, parse
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import ConflictEntry, Incident, ParentingSession, Referral
from rt_desktop.store import conflicts, sync_apply, sync_pull
from rt_desktop.store.compat import dbapi2
from rt_desktop.store.store import Store
from tests.sync.helpers import (
    KELURAHAN,
    RT,
    USER,
    make_incident,
    make_referral,
    make_session,
    wire,
)

REMOTE = "0197a000-0000-7000-8000-00000000beef"


def remote_ts(offset_ms: int = 0, base: str | None = None) -> str:
    """A timestamp of another device, ``offset_ms`` after ``base`` (default: now-ish)."""
    ms = parse(base).ms if base else 1_900_000_000_000
    return format_ts(Timestamp(ms + offset_ms, 0, REMOTE))


def remote_session(**changes: Any) -> ParentingSession:
    session = make_session(**changes)
    ts = remote_ts()
    names = [f.name for f in dataclasses.fields(session) if f.metadata.get("spec")]
    return dataclasses.replace(
        session, id=new_id(), kelurahan_code=KELURAHAN, rt=RT, created_at=utc_now_iso(),
        updated_at=utc_now_iso(), created_by="relawan-2", device_id=REMOTE,
        hlc={n: ts for n in (*names, "deleted")})


def row(store: Store, table: str, record_id: str) -> dict[str, Any]:
    return next(store.db.query(f"SELECT * FROM {table} WHERE id = ?", [record_id]))


def test_a_pulled_page_is_stored_as_synced_and_moves_its_cursor(store: Store) -> None:
    sessions = [remote_session(venue=f"Balai {n}") for n in range(3)]
    result = sync_pull.apply_pull_page(store, "parenting_session",
                                        [wire(s, rev=n + 1) for n, s in enumerate(sessions)], 3)
    assert (result.applied, result.merged) == (3, 0)
    assert store.sync_cursor("parenting_session") == "3"
    got = store.get(ParentingSession, sessions[1].id)
    assert got is not None and got.venue == "Balai 1" and got.rev == 2
    assert row(store, "parenting_sessions", sessions[1].id)["sync_state"] == "synced"
    assert store.pending_count() == 0
    assert ("parenting_session", sessions[2].id) in store.search("Balai 2")


def synchronous(store: Store) -> int:
    return int(store.db.execute("PRAGMA synchronous").fetchone()[0])


def test_only_pulled_pages_commit_without_waiting_for_the_disk(store: Store) -> None:
    assert synchronous(store) == 2  # FULL: what a person saves survives a power cut
    with store.writing(durable=False):
        assert synchronous(store) == 1  # NORMAL: still atomic (WAL), the server has it all
    assert synchronous(store) == 2
    with pytest.raises(RuntimeError), store.writing(durable=False):
        raise RuntimeError("page refused")
    assert synchronous(store) == 2
    sync_pull.apply_pull_page(store, "parenting_session", [wire(remote_session(), rev=1)], 1)
    assert synchronous(store) == 2
    store.save(make_session(), user=USER)
    assert synchronous(store) == 2


def test_the_clock_moves_past_every_pulled_timestamp(store: Store) -> None:
    future = remote_ts(10 ** 9)
    session = dataclasses.replace(remote_session(), hlc={"venue": future})
    sync_pull.apply_pull_page(store, "parenting_session", [wire(session, rev=1)], 1)
    assert parse(store.hlc_last) > parse(future)
    assert parse(store.tick_hlc()) > parse(future)


def test_a_page_that_fails_applies_nothing_and_keeps_the_cursor(store: Store) -> None:
    good, bad = remote_session(), remote_session()
    pages = [wire(good, rev=1), wire(bad, rev=2)]
    pages[1]["fields"]["fathers"] = "not a number"  # STRICT table refuses it
    with pytest.raises(dbapi2.IntegrityError):
        sync_pull.apply_pull_page(store, "parenting_session", pages, 2)
    assert store.get(ParentingSession, good.id) is None
    assert store.sync_cursor("parenting_session") is None


def grouped(pulled: dict[str, Any]) -> dict[str, Any]:
    """A pulled record as a ``hlc_form=groups`` page carries it."""
    return {**pulled, "hlc": json.loads(pack_clocks(pulled["hlc"]))}


def test_grouped_clocks_are_stored_exactly_as_a_map_of_them(store: Store) -> None:
    a, b = remote_session(), remote_session()
    later = remote_ts(7)
    a, b = (dataclasses.replace(s, hlc={**s.hlc, "venue": later}) for s in (a, b))
    sync_pull.apply_pull_page(store, "parenting_session", [wire(a, rev=1), grouped(
        wire(b, rev=2))], 2)
    assert len(json.loads(row(store, "parenting_sessions", b.id)["hlc"])) == 2
    assert row(store, "parenting_sessions", b.id)["hlc"] == pack_clocks(b.hlc)
    assert row(store, "parenting_sessions", a.id)["hlc"] == pack_clocks(a.hlc)
    assert store.get(ParentingSession, b.id).hlc == b.hlc  # type: ignore[union-attr]
    assert parse(store.hlc_last) > parse(later)


def test_pages_applied_together_keep_the_later_copy_of_a_record(store: Store) -> None:
    session = remote_session(venue="Balai lama")
    newer = dataclasses.replace(session, venue="Balai baru",
                                hlc={**session.hlc, "venue": remote_ts(9)})
    other = remote_session()
    result = sync_pull.apply_pull_page(store, "parenting_session", [
        wire(session, rev=1, seq=1), wire(other, rev=1, seq=2), wire(newer, rev=2, seq=3)], 3)
    assert result.applied == 2
    got = store.get(ParentingSession, session.id)
    assert got is not None and (got.venue, got.rev) == ("Balai baru", 2)
    assert store.search("baru") == [("parenting_session", session.id)]
    assert store.search("lama") == []


def test_pages_prepared_apart_and_joined_are_the_pages_prepared_together(store: Store) -> None:
    # The fetching thread prepares each page on its own; joined, they must be what one call
    # over all of them gives: the later copy of a record, in the place of its first.
    session = remote_session(venue="Balai lama")
    newer = dataclasses.replace(session, venue="Balai baru",
                                hlc={**session.hlc, "venue": remote_ts(9)})
    other = remote_session(venue="Balai lain")
    pages = [[wire(session, rev=1, seq=1), wire(other, rev=1, seq=2)],
             [wire(newer, rev=2, seq=3)]]
    joined = sync_pull.join_pulled(
        [sync_pull.prepare_pulled("parenting_session", page) for page in pages])
    whole = sync_pull.prepare_pulled("parenting_session", [r for page in pages for r in page])
    assert joined.ids == whole.ids == [session.id, other.id]
    assert (list(map(list, joined.rows)), list(joined.texts), joined.newest) == (
        list(map(list, whole.rows)), list(whole.texts), whole.newest)
    assert joined.texts[0] is not None and "Balai baru" in joined.texts[0]
    result = sync_pull.apply_pulled(store, joined, 3)
    assert result.applied == 2 and store.sync_cursor("parenting_session") == "3"
    # Newest document first: `other` went into the index after `session`.
    assert store.search("Balai") == [("parenting_session", other.id),
                                     ("parenting_session", session.id)]
    with pytest.raises(ValueError):
        sync_pull.join_pulled([joined, sync_pull.prepare_pulled("incident", [])])


def _local_then_pulled(store: Store, local_offset: int,
                       form: str = "map") -> tuple[ParentingSession, str]:
    """A synced session edited locally (venue pending); the server meanwhile has another
    device's venue and summary, stamped ``local_offset`` ms from the local edit."""
    session = remote_session()
    sync_pull.apply_pull_page(store, "parenting_session", [wire(session, rev=1)], 1)
    stored = store.get(ParentingSession, session.id)
    assert stored is not None
    store.save(dataclasses.replace(stored, venue="Venue lokal"), user=USER)
    local_ts = store.get(ParentingSession, session.id).hlc["venue"]  # type: ignore[union-attr]
    other = remote_ts(local_offset, local_ts)
    remote = dataclasses.replace(session, venue="Venue server", summary="Ringkasan server",
                                 hlc={**session.hlc, "venue": other, "summary": other})
    pulled = wire(remote, rev=2)
    result = sync_pull.apply_pull_page(
        store, "parenting_session", [grouped(pulled) if form == "groups" else pulled], 2)
    assert result.merged == 1
    return session, local_ts


@pytest.mark.parametrize("form", ["map", "groups"])
def test_a_pending_local_change_that_is_newer_is_kept(store: Store, form: str) -> None:
    session, local_ts = _local_then_pulled(store, -5, form)
    got = store.get(ParentingSession, session.id)
    assert got is not None
    assert (got.venue, got.summary, got.rev) == ("Venue lokal", "Ringkasan server", 2)
    assert got.hlc["venue"] == local_ts
    assert row(store, "parenting_sessions", session.id)["sync_state"] == "pending"
    assert [c["fields"] for c in store.pending_changes()] == [{"venue": "Venue lokal"}]


@pytest.mark.parametrize("form", ["map", "groups"])
def test_a_pending_local_change_that_lost_shows_the_winner_and_stays_queued(store: Store,
                                                                           form: str) -> None:
    session, _ = _local_then_pulled(store, +5, form)
    got = store.get(ParentingSession, session.id)
    assert got is not None and got.venue == "Venue server"
    # The outbox row stays: the server keeps the losing value as a conflict entry when it comes.
    assert [c["fields"] for c in store.pending_changes()] == [{"venue": "Venue lokal"}]
    assert row(store, "parenting_sessions", session.id)["sync_state"] == "pending"


def test_an_older_pulled_copy_does_not_replace_a_newer_local_one(store: Store) -> None:
    session = remote_session(venue="rev 5")
    sync_pull.apply_pull_page(store, "parenting_session", [wire(session, rev=5)], 5)
    old = dataclasses.replace(session, venue="rev 3")
    result = sync_pull.apply_pull_page(store, "parenting_session", [wire(old, rev=3)], 6)
    assert result.skipped == 1
    assert store.get(ParentingSession, session.id).venue == "rev 5"  # type: ignore[union-attr]
    assert store.sync_cursor("parenting_session") == "6"


def _push_one(store: Store, result: dict[str, Any]) -> sync_apply.PushOutcome:
    (sent,) = sync_apply.outgoing_changes(store, limit=10)
    return sync_apply.apply_push_results(store, [sent], [{**result,
                                                          "change_id": sent["change_id"]}])


def _kinds(changes: list[dict[str, Any]]) -> list[str]:
    return [c["record_type"][0] + c["record_id"][-4:] for c in changes]


def test_a_batch_never_parts_a_case_from_its_referrals(store: Store) -> None:
    """The server checks a case with its referrals as one batch leaves them (a high-risk case
    is valid only referred): a batch ends before the case, or takes the referrals with it."""
    store.save(make_session(), user=USER)
    store.save(make_session(), user=USER)
    store.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
               referrals=[make_referral()])
    store.save(make_session(), user=USER)
    outbox = sync_apply.outgoing_changes(store, limit=10)
    assert [c["record_type"] for c in outbox] == [
        "parenting_session", "parenting_session", "incident", "referral", "parenting_session"]
    cut = sync_apply.outgoing_changes(store, limit=3, whole_cases=500)
    assert _kinds(cut) == _kinds(outbox[:2])
    whole = sync_apply.outgoing_changes(store, limit=1, after_seq=cut[-1]["seq"],
                                        whole_cases=500)
    assert _kinds(whole) == _kinds(outbox[2:4])
    # Without it (or past what one push may carry) a batch is just the oldest ``limit``.
    assert _kinds(sync_apply.outgoing_changes(store, limit=3)) == _kinds(outbox[:3])
    assert _kinds(sync_apply.outgoing_changes(
        store, limit=1, after_seq=cut[-1]["seq"], whole_cases=1)) == _kinds(outbox[2:3])


def test_each_save_of_a_case_travels_whole(store: Store) -> None:
    """Raised to high risk with a referral, later lowered, then the referral withdrawn: a
    batch of one grows to the case's first save (case and referral); the lowering and the
    withdrawal are saves of their own."""
    case_id = store.save(make_incident(risk_level="tinggi", status="ditangani_rt"), user=USER,
                         referrals=[make_referral()])[0].record_id
    (referral,) = [r for r in store.list_records(Referral) if r.incident_id == case_id]
    store.save(dataclasses.replace(store.get(Incident, case_id), risk_level="rendah"),
               user=USER)
    store.delete(Referral, referral.id, user=USER)
    outbox = sync_apply.outgoing_changes(store, limit=10)
    assert [c["record_type"] for c in outbox] == ["incident", "referral", "incident", "referral"]
    first = sync_apply.outgoing_changes(store, limit=1, whole_cases=500)
    assert _kinds(first) == _kinds(outbox[:2])
    assert _kinds(sync_apply.outgoing_changes(store, limit=1, after_seq=first[-1]["seq"],
                                              whole_cases=500)) == _kinds(outbox[2:3])


def test_only_the_save_of_a_case_travels_with_it(store: Store) -> None:
    """Referral changes saved later are not waited for: each such save was checked against the
    case as it then was — nor a referral saved after its case, apart from it."""
    store.save(make_session(), user=USER)
    case_id = store.save(make_incident(), user=USER, referrals=[make_referral()])[0].record_id
    other_id = store.save(make_incident(), user=USER)[0].record_id
    store.save(make_referral(incident_id=other_id), user=USER)
    (referral,) = [r for r in store.list_records(Referral) if r.incident_id == case_id]
    store.save(dataclasses.replace(referral, status="diterima"), user=USER)
    outbox = sync_apply.outgoing_changes(store, limit=20)
    assert [c["record_type"] for c in outbox] == [
        "parenting_session", "incident", "referral", "incident", "referral", "referral"]
    assert _kinds(sync_apply.outgoing_changes(store, limit=3, whole_cases=500)) == _kinds(
        outbox[:3])  # the first case's save is whole; its later edit can wait
    assert _kinds(sync_apply.outgoing_changes(store, limit=2, whole_cases=500)) == _kinds(
        outbox[:1])  # …but not parted: the batch ends before it
    assert _kinds(sync_apply.outgoing_changes(store, limit=4, whole_cases=500)) == _kinds(
        outbox[:4])  # the second case, saved alone, without the referral saved after it
    assert _kinds(sync_apply.outgoing_changes(
        store, limit=1, after_seq=outbox[2]["seq"], whole_cases=500)) == _kinds(outbox[3:4])


def test_a_save_of_referrals_alone_travels_whole(store: Store) -> None:
    """A referred high-risk case: one save declines its referral and adds the one replacing
    it (the case unchanged) — the server checks the decline with the new referral."""
    case_id = store.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                         referrals=[make_referral()])[0].record_id
    store.save(make_session(), user=USER)
    (old,) = [r for r in store.list_records(Referral) if r.incident_id == case_id]
    store.save(store.get(Incident, case_id), user=USER, referrals=[
        dataclasses.replace(old, status="ditolak"),
        make_referral(destination="puskesmas", uptd_service=None)])
    outbox = sync_apply.outgoing_changes(store, limit=20)
    assert [c["record_type"] for c in outbox] == [
        "incident", "referral", "parenting_session", "referral", "referral"]
    assert _kinds(sync_apply.outgoing_changes(store, limit=4, whole_cases=500)) == _kinds(
        outbox[:3])
    assert _kinds(sync_apply.outgoing_changes(
        store, limit=1, after_seq=outbox[2]["seq"], whole_cases=500)) == _kinds(outbox[3:])


def test_an_acknowledged_change_leaves_the_outbox_and_sets_the_rev(store: Store) -> None:
    (change,) = store.save(make_session(), user=USER)
    (sent,) = sync_apply.outgoing_changes(store, limit=10)
    assert "kelurahan_code" not in sent["fields"] and sent["kelurahan_code"] == KELURAHAN
    assert sent["base_rev"] == 0 and "deleted" in sent["fields"]
    outcome = _push_one(store, {"status": "applied", "rev": 7, "seq": 40,
                                "updated_at": "2026-11-28T01:02:03.456Z"})
    assert outcome.acknowledged == 1 and store.pending_count() == 0 and outcome.own == (40, 40)
    stored = row(store, "parenting_sessions", change.record_id)
    assert (stored["rev"], stored["updated_at"], stored["sync_state"]) == (
        7, "2026-11-28T01:02:03.456Z", "synced")


def test_an_answer_without_a_seq_leaves_the_rev_for_the_pull(store: Store) -> None:
    """Applied, but not confirmed as the record exactly as here (or from an older server):
    the record may lack values the server has, so its version must come with the pull."""
    (change,) = store.save(make_session(), user=USER)
    before = row(store, "parenting_sessions", change.record_id)
    outcome = _push_one(store, {"status": "applied", "rev": 7})
    assert outcome.acknowledged == 1 and outcome.own is None and store.pending_count() == 0
    stored = row(store, "parenting_sessions", change.record_id)
    assert (stored["rev"], stored["updated_at"]) == (before["rev"], before["updated_at"])


def test_a_rejected_change_keeps_the_data_and_shows_the_reason(store: Store) -> None:
    (change,) = store.save(make_session(venue="Balai A"), user=USER)
    problems = [{"field": "venue", "code": "required", "message_id": "Tempat wajib diisi.",
                 "message_en": "Venue is required."}]
    outcome = _push_one(store, {"status": "rejected", "rev": 0, "reason": "validation",
                                "problems": problems})
    assert outcome.rejected == 1
    stored = row(store, "parenting_sessions", change.record_id)
    assert stored["sync_state"] == "rejected" and "Tempat wajib diisi." in stored["sync_error"]
    assert stored["venue"] == "Balai A"
    (unsent,) = sync_apply.unsent_changes(store)
    assert unsent["state"] == "rejected" and "validation" in unsent["last_error"]
    # Not retried ...
    assert sync_apply.outgoing_changes(store, limit=10) == []
    # ... until the record is edited again: the new change carries the rejected one (a create).
    session = store.get(ParentingSession, change.record_id)
    store.save(dataclasses.replace(session, summary="Diperbaiki"), user=USER)  # type: ignore
    (again,) = sync_apply.outgoing_changes(store, limit=10)
    assert again["base_rev"] == 0 and again["fields"]["venue"] == "Balai A"
    assert again["fields"]["summary"] == "Diperbaiki" and "session_date" in again["fields"]
    assert set(again["hlc"]) == set(again["fields"])
    assert row(store, "parenting_sessions", change.record_id)["sync_state"] == "pending"


def test_a_change_without_an_answer_counts_an_attempt(store: Store) -> None:
    store.save(make_session(), user=USER)
    for attempt in (1, 2):
        assert sync_apply.mark_push_failed(store, "Server tidak dapat dihubungi.",
                                           lambda n: sync_apply.retry_time(n * 10)) == 1
        (unsent,) = sync_apply.unsent_changes(store)
        assert unsent["attempts"] == attempt and unsent["state"] == "pending"
        assert unsent["last_error"] == "Server tidak dapat dihubungi."
        assert unsent["next_attempt_at"] > utc_now_iso()
    assert store.pending_count() == 1


def conflict_for(parent: Any, field: str, losing: Any) -> ConflictEntry:
    ts = remote_ts()
    return ConflictEntry(
        id=new_id(), kelurahan_code=parent.kelurahan_code, rt=parent.rt, created_at=utc_now_iso(),
        updated_at=utc_now_iso(), created_by="server", device_id=REMOTE, rev=1,
        hlc={n: ts for n in ("parent_type", "parent_id", "field", "losing_value", "resolved",
                             "deleted")},
        parent_type=parent.TYPE, parent_id=parent.id, field=field,
        losing_value=json.dumps(losing), losing_hlc=ts, losing_device_id=REMOTE,
        winning_hlc=ts)


@pytest.mark.parametrize("keep", ["current", "other"])
def test_a_conflict_is_shown_on_its_record_and_resolved_by_a_person(store: Store,
                                                                    keep: str) -> None:
    (change,) = store.save(make_incident(), user=USER)
    _push_one(store, {"status": "applied", "rev": 1})
    incident = store.get(Incident, change.record_id)
    entry = conflict_for(incident, "victim_name", "Nama dari laptop lain")
    result = sync_pull.apply_pull_page(store, "conflict", [wire(entry, rev=2)], 2)
    assert result.conflicts == 1
    assert row(store, "incidents", change.record_id)["sync_state"] == "conflict"
    assert [c.id for c in conflicts.open_conflicts(store)] == [entry.id]
    changes = conflicts.resolve_conflict(store, entry.id, keep=keep, user=USER)  # type: ignore
    expected = "Nama dari laptop lain" if keep == "other" else incident.victim_name
    assert store.get(Incident, change.record_id).victim_name == expected  # type: ignore
    assert conflicts.open_conflicts(store) == []
    assert {c.record_type for c in changes} == ({"incident", "conflict"} if keep == "other"
                                                else {"conflict"})
    (resolution,) = [c for c in store.pending_changes() if c["record_type"] == "conflict"]
    assert set(resolution["fields"]) == {"resolved", "resolved_by", "resolved_at"}


def test_a_device_never_makes_a_conflict_entry(store: Store) -> None:
    incident_change = store.save(make_incident(), user=USER)[0]
    entry = conflict_for(store.get(Incident, incident_change.record_id), "victim_name", "x")
    with pytest.raises(BadInput):
        store.save(dataclasses.replace(entry, id=""), user=USER)


def test_a_coordinator_laptop_is_read_only(new_store: Any) -> None:
    coordinator = new_store("coord", role="coordinator")
    assert (coordinator.role, coordinator.rt, coordinator.kelurahan_code) == ("coordinator", "", "")
    with pytest.raises(BadInput, match="koordinator"):
        coordinator.save(make_session(), user=USER)
    # It receives what the server sends (sessions in full, incidents without identity).
    session = remote_session()
    sync_pull.apply_pull_page(coordinator, "parenting_session", [wire(session, rev=1)], 1)
    assert coordinator.count(ParentingSession) == 1


def test_an_uptd_laptop_edits_only_a_referrals_status_and_response(new_store: Any) -> None:
    volunteer, uptd = new_store("vol"), new_store("uptd", role="uptd")
    incident = make_incident(risk_level="tinggi", status="dirujuk")
    changes = volunteer.save(incident, user=USER, referrals=[make_referral()])
    incident = volunteer.get(Incident, changes[0].record_id)
    referral = volunteer.get(Referral, changes[1].record_id)
    for record, rev in ((incident, 1), (referral, 2)):
        sync_pull.apply_pull_page(uptd, record.TYPE, [wire(record, rev=rev)], rev)
    got = uptd.get(Referral, referral.id)
    assert got is not None
    uptd.save(dataclasses.replace(got, status="diterima", response_note="Diterima UPTD."),
              user="petugas")
    (pending,) = uptd.pending_changes()
    assert set(pending["fields"]) == {"status", "response_note"}
    with pytest.raises(BadInput, match="UPTD"):
        uptd.save(dataclasses.replace(uptd.get(Referral, referral.id), destination="puskesmas"),
                  user="petugas")
    with pytest.raises(BadInput, match="UPTD"):
        uptd.save(dataclasses.replace(uptd.get(Incident, incident.id), status="selesai"),
                  user="petugas")
    with pytest.raises(BadInput, match="UPTD"):
        uptd.save(make_session(), user="petugas")
