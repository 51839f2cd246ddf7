"""Devices and a real `rt-server` on loopback, per backend: enrol, push, pull, merge, conflicts,
roles. At the end of every scenario all replicas equal what the server gives a fresh device."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.records import (
    ConflictEntry,
    FollowUp,
    Incident,
    ParentingSession,
    Referral,
    sensitive_fields,
)
from rt_desktop.store import conflicts, sync_apply
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import sync_status
from sync.client import SyncError, enrol, run_sync
from sync.client.enrol import connect
from sync.client.http import Connection
from tests.sync.helpers import (
    CHRONOLOGY,
    KELURAHAN,
    USER,
    VICTIM_NAME,
    Devices,
    assert_converged,
    edit,
    make_incident,
    make_referral,
    make_session,
    replica,
    sync_all,
    today,
)


def test_two_volunteer_devices_converge_through_the_server(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    for n in range(3):
        a.save(make_session(venue=f"Balai {n}"), user=USER)
    incident_id = a.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                         referrals=[make_referral()])[0].record_id
    a.save(FollowUp(incident_id=incident_id, noted_on=today(), author="Relawan A",
                    note="Kunjungan pertama."), user=USER)
    first = run_sync(a)
    assert (first.pushed, first.rejected, first.exit_code) == (6, 0, 0)
    assert run_sync(b).pulled == 6
    assert replica(a) == replica(b)

    session = b.list_records(ParentingSession)[0]
    b.save(dataclasses.replace(session, summary="Diubah di laptop B"), user=USER)
    b.delete(ParentingSession, b.list_records(ParentingSession)[1].id, user=USER)
    sync_all(b, a)
    assert a.get(ParentingSession, session.id).summary == "Diubah di laptop B"  # type: ignore
    assert a.count(ParentingSession) == 2
    assert_converged(devices, a, b)


def test_sync_with_nothing_to_do_writes_nothing_and_pulls_nothing(devices: Devices) -> None:
    a = devices.volunteer("a")
    a.save(make_session(), user=USER)
    run_sync(a)
    before = replica(a)
    again = run_sync(a)
    assert (again.pushed, again.pulled, again.conflicts) == (0, 0, 0)
    assert replica(a) == before
    status = sync_status(a)
    assert status["last_sync"] and status["pending_changes"] == 0 and not status["last_error"]


def test_a_sync_pulls_only_the_types_with_something_new(devices: Devices,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    a.save(make_session(), user=USER)
    run_sync(a)
    run_sync(b)
    asked: list[tuple[str, str | None, str | None]] = []
    send = Connection._send

    def counted(self: Connection, method: str, path: str, **kwargs: Any) -> Any:
        params = kwargs.get("params") or {}
        asked.append((path, params.get("record_type"), params.get("others")))
        return send(self, method, path, **kwargs)
    monkeypatch.setattr(Connection, "_send", counted)
    run_sync(a)  # nothing new: the settings and one pull, not one pull per record type
    assert [(path, t) for path, t, _o in asked] == [("/settings", None),
                                                    ("/pull", "parenting_session")]
    b.save(make_incident(), user=USER)
    run_sync(b)
    asked.clear()
    assert run_sync(a).pulled == 1
    assert [t for path, t, _o in asked if path == "/pull"] == ["parenting_session", "incident"]
    assert a.count(Incident) == 1
    # Several pages of the last type pulled: its later pages carry `others` empty, so the
    # server takes its last page as the end of the sync.
    for _ in range(3):
        b.save(make_session(), user=USER)
    run_sync(b)
    asked.clear()
    assert run_sync(a, pull_limit=1).pulled == 3
    (_p, first_type, first), *later = [x for x in asked if x[0] == "/pull"]
    assert first_type == "parenting_session" and first is not None
    assert [o.split(":")[0] for o in first.split(",")] == [
        "incident", "referral", "follow_up", "conflict"]
    assert later == [("/pull", "parenting_session", "")] * 2  # pages 2 and 3 of 3
    assert_converged(devices, a, b)


def test_a_concurrent_edit_is_kept_as_a_conflict_on_every_device(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    incident_id = a.save(make_incident(), user=USER)[0].record_id
    sync_all(a, b)
    edit(a, Incident, incident_id, victim_name="Nama versi A")
    edit(b, Incident, incident_id, victim_name="Nama versi B")  # later HLC: B wins
    run_sync(a)
    result = run_sync(b)
    assert result.merged == 1 and result.conflicts == 1
    run_sync(a)
    for store in (a, b):
        (entry,) = conflicts.open_conflicts(store)
        assert (entry.field, json.loads(entry.losing_value or "")) == (
            "victim_name", "Nama versi A")
        assert store.get(Incident, incident_id).victim_name == "Nama versi B"  # type: ignore
        row = next(store.db.query("SELECT sync_state FROM incidents WHERE id = ?",
                                  [incident_id]))
        assert row["sync_state"] == "conflict"
    # A person on laptop A picks the value that lost; it reaches B, resolved everywhere.
    conflicts.resolve_conflict(a, entry.id, keep="other", user=USER)
    sync_all(a, b)
    for store in (a, b):
        assert conflicts.open_conflicts(store) == []
        assert store.get(Incident, incident_id).victim_name == "Nama versi A"  # type: ignore
    assert_converged(devices, a, b)


def test_an_edit_made_before_a_merged_version_arrived_still_meets_the_other_value(
        devices: Devices) -> None:
    """A's push is merged with B's edit, and the sync stops before A pulls the merged record
    (the network goes). A's next edit was still made without B's value: overwriting it is
    concurrent, and B's value must be kept as a conflict entry, not lost."""
    from sync.client.backoff import BackoffPolicy
    from sync.client.push import direct, push_changes

    a, b = devices.volunteer("a"), devices.volunteer("b")
    incident_id = a.save(make_incident(), user=USER)[0].record_id
    sync_all(a, b)
    edit(b, Incident, incident_id, victim_name="Nama versi B")
    run_sync(b)
    edit(a, Incident, incident_id, victim_contact="0812-0000-1111")  # another field
    with connect(a) as conn:
        assert push_changes(conn, direct(a), policy=BackoffPolicy()).merged == 1
    edit(a, Incident, incident_id, victim_name="Nama versi A")  # B's name never seen here
    sync_all(a, b)
    for store in (a, b):
        (entry,) = conflicts.open_conflicts(store)
        assert (entry.field, json.loads(entry.losing_value or "")) == (
            "victim_name", "Nama versi B")
        got = store.get(Incident, incident_id)
        assert (got.victim_name, got.victim_contact) == (  # type: ignore[union-attr]
            "Nama versi A", "0812-0000-1111")
    assert_converged(devices, a, b)


def test_an_edit_racing_a_delete_leaves_a_conflict(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    session_id = a.save(make_session(), user=USER)[0].record_id
    sync_all(a, b)
    a.delete(ParentingSession, session_id, user=USER)
    edit(b, ParentingSession, session_id, summary="Diubah sementara dihapus di A")
    sync_all(a, b)
    (entry,) = conflicts.open_conflicts(a)
    assert entry.field == "deleted"
    assert_converged(devices, a, b)


def test_a_local_pending_change_is_merged_with_a_pull_not_overwritten(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    session_id = a.save(make_session(), user=USER)[0].record_id
    sync_all(a, b)
    edit(b, ParentingSession, session_id, venue="Venue B")
    run_sync(b)
    edit(a, ParentingSession, session_id, summary="Ringkasan A")  # another field, pending
    # Only pull on A: build it from the parts, so the pending change is there when pages land.
    from sync.client.pull import pull_records
    from sync.client.push import direct

    with connect(a) as conn:
        pull_records(conn, direct(a))
    got = a.get(ParentingSession, session_id)
    assert (got.venue, got.summary) == ("Venue B", "Ringkasan A")  # type: ignore[union-attr]
    assert a.pending_count() == 1
    sync_all(a, b)
    assert_converged(devices, a, b)


def test_resolving_a_conflict_here_settles_the_record_here(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    incident_id = a.save(make_incident(), user=USER)[0].record_id
    sync_all(a, b)
    edit(a, Incident, incident_id, victim_name="Nama versi A")
    edit(b, Incident, incident_id, victim_name="Nama versi B")
    run_sync(a)
    run_sync(b)
    run_sync(a)
    (entry,) = conflicts.open_conflicts(a)
    conflicts.resolve_conflict(a, entry.id, keep="current", user=USER)
    run_sync(a)  # the resolved entry is not downloaded back
    run_sync(b)
    for store in (a, b):
        row = next(store.db.query("SELECT sync_state FROM incidents WHERE id = ?",
                                  [incident_id]))
        assert row["sync_state"] == "synced"
    assert_converged(devices, a, b)


def test_a_retried_change_gets_the_same_answer_and_no_second_record(devices: Devices) -> None:
    a = devices.volunteer("a")
    a.save(make_session(), user=USER)
    (change,) = sync_apply.outgoing_changes(a, limit=10)
    body = {"changes": [{k: v for k, v in change.items() if k != "seq"}]}
    with connect(a) as conn:
        first = conn.post("/push", body)["results"][0]
        second = conn.post("/push", body)["results"][0]
    assert first["status"] == "applied"
    assert second["status"] == "duplicate" and second["rev"] == first["rev"]
    run_sync(a)  # the outbox row is answered once more: duplicate, acknowledged
    assert a.pending_count() == 0
    observer = devices.volunteer("observer")
    run_sync(observer)
    assert observer.count(ParentingSession) == 1


def test_a_rejected_change_keeps_the_data_and_is_sent_again_only_after_anedit(
        devices: Devices) -> None:
    a = devices.volunteer("a")
    session_id = a.save(make_session(venue="Balai"), user=USER)[0].record_id
    # A device with older rules let a bad value through (the server checks every push).
    (pending,) = a.pending_changes()
    fields = {**pending["fields"], "fathers": -3}
    with a.writing():
        a.db.execute("UPDATE outbox SET fields = ? WHERE seq = ?",
                     [json.dumps(fields), pending["seq"]])
    result = run_sync(a)
    assert (result.rejected, result.exit_code) == (1, 5)
    row = next(a.db.query("SELECT * FROM parenting_sessions WHERE id = ?", [session_id]))
    assert row["sync_state"] == "rejected" and row["sync_error"]
    assert row["venue"] == "Balai"  # local data untouched
    assert run_sync(a).pushed == 0 and a.pending_count() == 1  # out of the retry loop
    edit(a, ParentingSession, session_id, summary="Diperbaiki")
    fixed = run_sync(a)
    assert (fixed.pushed, fixed.rejected) == (1, 0) and a.pending_count() == 0
    assert_converged(devices, a)


def _texts(store: Store) -> str:
    """Every value of every table of a device, decrypted (the file itself is encrypted)."""
    parts = []
    for table in store.db.table_names():
        if table.startswith("search_fts"):
            continue
        parts += [json.dumps(row, ensure_ascii=False) for row in store.db.query(
            f"SELECT * FROM [{table}]")]
    return "\n".join(parts)


def test_a_coordinator_receives_no_identity(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    a.save(make_session(), user=USER)
    incident_id = a.save(make_incident(), user=USER)[0].record_id
    sync_all(a, b)
    # A conflict on a sensitive field and one on a non-sensitive field.
    edit(a, Incident, incident_id, victim_name=VICTIM_NAME + " A", place="sekolah")
    edit(b, Incident, incident_id, victim_name=VICTIM_NAME + " B", place="daring")
    sync_all(a, b)
    assert {c.field for c in conflicts.open_conflicts(a)} == {"victim_name", "place"}

    coordinator = devices.other("coord", "coordinator", kelurahan=KELURAHAN)
    elsewhere = devices.other("coord-other", "coordinator", kelurahan="64.71.01.1001")
    result = run_sync(coordinator)
    assert result.pulled >= 2
    mine = {"where": "rt = ?", "params": [devices.rt]}  # the kelurahan has other tests' RTs
    assert coordinator.count(ParentingSession, **mine) == 1
    assert coordinator.count(Incident, **mine) == 1
    got = coordinator.get(Incident, incident_id)
    assert got is not None and got.victim_sex == "perempuan"
    assert all(getattr(got, name) in (None, ()) for name in sensitive_fields(Incident))
    text = _texts(coordinator)
    for secret in (VICTIM_NAME, CHRONOLOGY, "0812-0000-0000", "Wiryawan"):
        assert secret not in text
    entries = coordinator.list_records(ConflictEntry)
    assert all(e.field not in sensitive_fields(Incident) for e in entries)
    with pytest.raises(BadInput):
        coordinator.save(make_session(), user="koordinator")
    run_sync(elsewhere)
    assert elsewhere.count(ParentingSession) == 0 and elsewhere.count(Incident) == 0


def test_uptd_receives_referred_cases_and_its_status_flows_back(devices: Devices) -> None:
    a = devices.volunteer("a")
    referred = a.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                      referrals=[make_referral()])
    kept = a.save(make_incident(), user=USER)[0].record_id
    run_sync(a)
    uptd = devices.other("uptd", "uptd")
    run_sync(uptd)
    got = uptd.get(Incident, referred[0].record_id)
    assert got is not None and got.victim_name == VICTIM_NAME  # in full
    assert uptd.get(Incident, kept) is None
    referral = uptd.get(Referral, referred[1].record_id)
    uptd.save(dataclasses.replace(referral, status="diterima", response_note="Ditangani.",
                                  status_updated_on=today()), user="petugas")
    assert run_sync(uptd).pushed == 1
    run_sync(a)
    back = a.get(Referral, referred[1].record_id)
    assert (back.status, back.response_note) == ("diterima", "Ditangani.")  # type: ignore


def test_a_revoked_device_is_told_at_once(devices: Devices) -> None:
    a = devices.volunteer("a")
    run_sync(a)
    devices.server.admin("revoke", a.device_id)
    a.save(make_session(), user=USER)
    with pytest.raises(SyncError) as caught:
        run_sync(a)
    assert caught.value.kind == "auth" and caught.value.exit_code == 4
    assert a.pending_count() == 1  # nothing lost
    assert sync_status(a)["last_error_kind"] == "auth"


def test_an_old_app_is_told_to_update_and_where(devices: Devices) -> None:
    devices.server.admin("settings", "set", "download_url", "https://rt.example/unduh")
    a = devices.volunteer("a")
    with connect(a) as conn:
        conn.session.headers["X-RT-Protocol"] = "2"
        with pytest.raises(SyncError) as caught:
            conn.get("/settings")
    error = caught.value
    assert error.kind == "update_required" and error.download_url == "https://rt.example/unduh"
    assert "https://rt.example/unduh" in error.message_id


def test_a_code_for_another_rt_is_refused(devices: Devices, new_store: Any) -> None:
    store = new_store("wrong-rt", rt="009")
    code = devices.server.issue_code("volunteer", kelurahan=KELURAHAN, rt=devices.rt)
    with pytest.raises(SyncError) as caught:
        enrol(store, devices.server.url, code)
    assert caught.value.kind == "refused"
    assert sync_status(store)["enrolment"] is None


def test_a_code_for_another_role_leaves_an_enrolled_laptop_as_it_was(devices: Devices) -> None:
    """The server refuses it before using it up: the laptop keeps its token and syncs on, and
    the code still enrols the laptop it was meant for."""
    a = devices.volunteer("a")
    a.save(make_session(), user=USER)
    code = devices.server.issue_code("coordinator", kelurahan=KELURAHAN)
    with pytest.raises(SyncError) as caught:
        enrol(a, devices.server.url, code)
    assert caught.value.kind == "refused" and caught.value.exit_code == 2
    assert f"laptop relawan RT {devices.rt}, Kelurahan" in caught.value.message_id
    assert "masih bisa dipakai" in caught.value.message_id
    assert sync_status(a)["enrolment"]["role"] == "volunteer"
    assert run_sync(a).pushed == 1  # its token still works
    coordinator = devices.new_store("coord", role="coordinator")
    assert enrol(coordinator, devices.server.url, code).role == "coordinator"


def test_clock_skew_over_five_minutes_is_reported(devices: Devices,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import sync.client.http as http

    a = devices.volunteer("a")
    real = http.time.time
    monkeypatch.setattr(http.time, "time", lambda: real() - 600)  # this laptop is 10 min slow
    result = run_sync(a)
    assert result.clock_skew_reported and 590 < (result.clock_skew_seconds or 0) < 610
    assert sync_status(a)["clock_skew_seconds"] > 590


def test_the_app_can_stop_a_run_route_store_access_and_probe(devices: Devices) -> None:
    import threading

    from sync.client import next_attempt_at, probe

    a = devices.volunteer("a")
    a.save(make_session(), user=USER)
    assert probe(a) and next_attempt_at(a) is None
    stop = threading.Event()
    stop.set()
    result = run_sync(a, cancel=stop)
    assert result.cancelled and a.pending_count() == 1 and not sync_status(a)["last_sync"]
    calls: list[object] = []

    def database_worker(fn: Any) -> Any:  # the app runs these on its one database thread
        calls.append(fn)
        return fn(a)
    assert run_sync(a, db=database_worker).pushed == 1
    assert len(calls) >= 5 and a.pending_count() == 0


def test_with_a_working_keyring_the_token_lives_there(devices: Devices) -> None:
    import keyring

    from tests.sync.helpers import MemoryKeyring

    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        a = devices.volunteer("a")
        assert sync_status(a)["enrolment"]["token_store"] == "keyring"
        assert a.meta("enrol_token") == "" and len(backend.items) == 1
        a.save(make_session(), user=USER)
        assert run_sync(a).pushed == 1
    finally:
        keyring.set_keyring(previous)


def test_a_pipelined_pull_of_many_pages_arrives_whole_and_the_server_never_runs_ahead(
        devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    for n in range(23):
        a.save(make_session(venue=f"Balai {n}"), user=USER)
    run_sync(a)
    result = run_sync(b, pull_limit=4)  # 6 pages: the next one fetched while one is applied
    assert result.pulled == 23 and b.count(ParentingSession) == 23
    assert replica(a) == replica(b)
    assert_converged(devices, a, b)
