"""Saving records: envelope, case codes, per-field HLC, outbox, audit — in one transaction."""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.errors import BadInput, NotFound, ValidationFailed
from rt_desktop.hlc import parse
from rt_desktop.records import (
    ENVELOPE_FIELDS,
    FollowUp,
    Incident,
    ParentingSession,
    Record,
    content_fields,
)
from rt_desktop.store.store import Change, Store

USER = "relawan-1"
Factory = Callable[..., Any]


@pytest.fixture
def make(make_session: Factory, make_incident: Factory) -> Callable[[str], Record]:
    return lambda kind: {"session": make_session, "incident": make_incident}[kind]()


def _outbox(store: Store) -> list[dict[str, Any]]:
    return store.pending_changes()


@pytest.mark.parametrize("kind", ["session", "incident"])
def test_a_new_record_gets_its_envelope(store: Store, make: Callable[[str], Record],
                                        kind: str) -> None:
    (change,) = store.save(make(kind), user=USER)
    record = store.get(type(make(kind)), change.record_id)
    assert record is not None
    assert uuid.UUID(record.id).version == 7
    assert (record.kelurahan_code, record.rt) == (store.kelurahan_code, store.rt)
    assert record.created_at == record.updated_at != ""
    assert (record.created_by, record.device_id, record.rev) == (USER, store.device_id, 0)
    assert record.deleted is False
    assert set(record.hlc) == {*content_fields(type(record)), "deleted"}
    assert len(set(record.hlc.values())) == 1
    assert parse(record.hlc["deleted"]).node == store.device_id
    assert store.meta("hlc_last") == record.hlc["deleted"] == store.hlc_last
    assert change == Change(record.TYPE, record.id, True, False, (*content_fields(type(record)),
                                                                  "deleted"))
    row = store.db.table(record.TABLE).get(record.id)
    assert (row["sync_state"], row["sync_error"]) == ("pending", None)


def test_create_queues_every_field_and_the_envelope(store: Store, make_incident: Factory) -> None:
    (change,) = store.save(make_incident(), user=USER)
    (entry,) = _outbox(store)
    assert (entry["record_type"], entry["record_id"], entry["base_rev"]) == (
        "incident", change.record_id, 0)
    assert set(entry["fields"]) == {*content_fields(Incident), "deleted", "kelurahan_code", "rt",
                                    "created_at", "created_by", "device_id"}
    assert entry["fields"]["violence_types"] == '["psikis"]'  # row form
    assert set(entry["hlc"]) == {*content_fields(Incident), "deleted"}
    assert (entry["attempts"], entry["last_error"]) == (0, None)
    uuid.UUID(entry["change_id"])


def test_new_incidents_get_consecutive_case_codes(store: Store, make_incident: Factory, load: Callable[..., Any]) -> None:
    codes = []
    for _ in range(3):
        (change,) = store.save(make_incident(case_code="RT001-2020-AAAA-0001"), user=USER)
        codes.append(load(store, Incident, change.record_id).case_code)
    year = make_incident().reported_on.year
    assert codes == [f"RT007-{year}-{store.device_tag}-{n:04d}" for n in (1, 2, 3)]
    assert store.meta(f"case_seq:{year}") == "3"


def test_an_update_queues_only_the_changed_fields(store: Store, make_session: Factory, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    before = load(store, ParentingSession, created.record_id)
    edited = dataclasses.replace(before, venue="Masjid Nurul Iman", mothers=12)
    (change,) = store.save(edited, user="relawan-2")
    after = load(store, ParentingSession, created.record_id)
    assert change == Change("parenting_session", after.id, False, False, ("venue", "mothers"))
    assert (after.venue, after.mothers) == ("Masjid Nurul Iman", 12)
    assert after.created_by == USER and after.created_at == before.created_at
    assert after.updated_at >= before.updated_at
    assert after.hlc["venue"] == after.hlc["mothers"] > before.hlc["venue"]
    assert after.hlc["summary"] == before.hlc["summary"]
    entry = _outbox(store)[-1]
    assert entry["fields"] == {"venue": "Masjid Nurul Iman", "mothers": 12}
    assert entry["hlc"] == {"venue": after.hlc["venue"], "mothers": after.hlc["mothers"]}
    audit = store.audit_entries(limit=1)[0]
    assert (audit["action"], audit["user"], audit["detail"]) == (
        "update", "relawan-2", "fields: venue, mothers")


@pytest.mark.parametrize("same", [
    lambda r: r,
    lambda r: dataclasses.replace(r, topics=list(r.topics), topic_other=""),
    lambda r: dataclasses.replace(r, rev=99, created_by="someone", hlc={}, updated_at="x"),
], ids=["as loaded", "list and empty text", "envelope from the caller"])
def test_saving_without_a_change_writes_nothing(
        store: Store, make_session: Factory, snapshot: Callable[..., Any],
        same: Callable[[Record], Record], load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(topic_other=None), user=USER)
    before = snapshot(store)
    assert store.save(same(load(store, ParentingSession, created.record_id)), user=USER) == []
    assert snapshot(store) == before


def test_rev_stays_as_stored_and_is_the_base_of_the_change(
        store: Store, make_session: Factory, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    with store.db.atomic():  # what sync does once the server has it
        store.db.table("parenting_sessions").update(created.record_id, {
            "rev": 5, "sync_state": "rejected", "sync_error": "server said no"})
    record = load(store, ParentingSession, created.record_id)
    store.save(dataclasses.replace(record, rev=0, fathers=7), user=USER)
    row = store.db.table("parenting_sessions").get(created.record_id)
    assert (row["rev"], row["sync_state"], row["sync_error"]) == (5, "pending", None)
    assert _outbox(store)[-1]["base_rev"] == 5


@pytest.mark.parametrize("move", [{"rt": "008"}, {"kelurahan_code": "64.71.01.1001"}])
def test_a_record_cannot_move_to_another_rt(store: Store, make_session: Factory,
                                            snapshot: Callable[..., Any],
                                            move: dict[str, str], load: Callable[..., Any]) -> None:
    with pytest.raises(BadInput):
        store.save(make_session(**move), user=USER)
    (created,) = store.save(make_session(), user=USER)
    before = snapshot(store)
    record = load(store, ParentingSession, created.record_id)
    with pytest.raises(BadInput, match="dipindah"):
        store.save(dataclasses.replace(record, venue="Baru", **move), user=USER)
    assert snapshot(store) == before


def test_a_case_code_cannot_change(store: Store, make_incident: Factory,
                                   snapshot: Callable[..., Any], load: Callable[..., Any]) -> None:
    (created,) = store.save(make_incident(), user=USER)
    before = snapshot(store)
    record = load(store, Incident, created.record_id)
    other = record.case_code[:-4] + "0099"
    with pytest.raises(BadInput):
        store.save(dataclasses.replace(record, case_code=other), user=USER)
    assert snapshot(store) == before


def test_follow_ups_are_append_only(store: Store, make_incident: Factory,
                                    make_follow_up: Factory,
                                    snapshot: Callable[..., Any], load: Callable[..., Any]) -> None:
    (incident,) = store.save(make_incident(), user=USER)
    (note,) = store.save(make_follow_up(incident.record_id), user=USER)
    (second,) = store.save(make_follow_up(incident.record_id, note="Kunjungan ketiga."),
                           user=USER)
    assert store.count(FollowUp) == 2 and note.created and second.created
    before = snapshot(store)
    stored = load(store, FollowUp, note.record_id)
    with pytest.raises(BadInput):
        store.save(dataclasses.replace(stored, note="Diubah"), user=USER)
    with pytest.raises(BadInput):
        store.delete(FollowUp, note.record_id, user=USER)
    assert store.save(stored, user=USER) == []
    assert snapshot(store) == before


@pytest.mark.parametrize(("kind", "bad", "field"), [
    ("session", {"venue": None}, "venue"),
    ("session", {"fathers": -1}, "fathers"),
    ("incident", {"risk_level": "sangat_tinggi"}, "risk_level"),
    ("incident", {"victim_name": None}, "victim_name"),
])
def test_an_invalid_record_raises_and_writes_nothing(
        store: Store, make_session: Factory, make_incident: Factory,
        snapshot: Callable[..., Any], kind: str, bad: dict[str, Any], field: str) -> None:
    factory = make_session if kind == "session" else make_incident
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as raised:
        store.save(factory(**bad), user=USER)
    assert field in {p.field for p in raised.value.problems}
    assert snapshot(store) == before  # no case-code number used up either


def test_an_invalid_edit_writes_nothing(store: Store, make_session: Factory,
                                        snapshot: Callable[..., Any], today: Any, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    before = snapshot(store)
    record = load(store, ParentingSession, created.record_id)
    with pytest.raises(ValidationFailed) as raised:
        store.save(dataclasses.replace(record, session_date=today.replace(year=today.year + 1)),
                   user=USER)
    assert [(p.field, p.code) for p in raised.value.problems] == [("session_date", "future_date")]
    assert snapshot(store) == before


def test_a_new_record_may_bring_its_own_id(store: Store, make_incident: Factory,
                                           make_follow_up: Factory) -> None:
    # The UI (and the demo) make the id up front so that children can point at it.
    incident_id = str(uuid.uuid4())
    (incident,) = store.save(make_incident(id=incident_id), user=USER)
    (note,) = store.save(make_follow_up(incident_id), user=USER)
    assert (incident.record_id, incident.created, note.created) == (incident_id, True, True)
    with pytest.raises(ValidationFailed) as raised:
        store.save(make_incident(id="not-a-uuid"), user=USER)
    assert "id" in {p.field for p in raised.value.problems}


def test_a_new_record_cannot_be_saved_deleted(store: Store, make_session: Factory) -> None:
    with pytest.raises(BadInput):
        store.save(make_session(deleted=True), user=USER)


@pytest.mark.parametrize("kind", ["session", "incident"])
def test_delete_leaves_a_tombstone_and_queues_it(store: Store, make: Callable[[str], Record],
                                                  kind: str, load: Callable[..., Any]) -> None:
    (created,) = store.save(make(kind), user=USER)
    cls = type(make(kind))
    before = load(store, cls, created.record_id)
    change = store.delete(cls, created.record_id, user="relawan-2")
    assert change == Change(cls.TYPE, created.record_id, False, True, ("deleted",))
    assert store.get(cls, created.record_id) is None
    tombstone = load(store, cls, created.record_id)
    assert tombstone.deleted and tombstone.hlc["deleted"] > before.hlc["deleted"]
    assert store.count(cls) == 0 and store.list_records(cls) == []
    assert store.list_records(cls, include_deleted=True) == [tombstone]
    entry = _outbox(store)[-1]
    assert (entry["fields"], list(entry["hlc"])) == ({"deleted": 1}, ["deleted"])
    audit = store.audit_entries(limit=1)[0]
    assert (audit["action"], audit["detail"], audit["user"]) == ("delete", None, "relawan-2")


def test_deleting_twice_writes_nothing(store: Store, make_session: Factory,
                                       snapshot: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    store.delete(ParentingSession, created.record_id, user=USER)
    before = snapshot(store)
    change = store.delete(ParentingSession, created.record_id, user=USER)
    assert change.fields == () and change.deleted
    assert snapshot(store) == before
    with pytest.raises(NotFound):
        store.delete(ParentingSession, "0193f2a0-0000-7000-8000-000000000000", user=USER)


def test_a_tombstone_cannot_be_edited(store: Store, make_session: Factory, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    store.delete(ParentingSession, created.record_id, user=USER)
    tombstone = load(store, ParentingSession, created.record_id)
    with pytest.raises(BadInput):
        store.save(dataclasses.replace(tombstone, venue="Lain"), user=USER)


def test_the_clock_goes_on_after_reopening(store: Store, make_session: Factory,
                                           key: bytes, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_session(), user=USER)
    last = store.hlc_last
    store.close()
    reopened = Store.open(store.data_dir, key)
    try:
        assert reopened.hlc_last == last
        record = load(reopened, ParentingSession, created.record_id)
        reopened.save(dataclasses.replace(record, fathers=1), user=USER)
        assert load(reopened, ParentingSession, created.record_id).hlc["fathers"] > last
    finally:
        reopened.close()


def test_observe_hlc_moves_the_clock_past_a_remote_timestamp(store: Store) -> None:
    remote = f"{parse(store.hlc_last).ms + 3_600_000:015d}-00007-other-device"
    store.observe_hlc(remote)
    assert store.hlc_last > remote[:21]
    assert store.meta("hlc_last") == store.hlc_last


def test_envelope_fields_are_all_stored(store: Store, make_incident: Factory, load: Callable[..., Any]) -> None:
    (created,) = store.save(make_incident(), user=USER)
    row = store.db.table("incidents").get(created.record_id)
    assert all(row[name] not in (None, "") for name in ENVELOPE_FIELDS)
    clocks = load(store, Incident, created.record_id).hlc
    # Stored grouped by timestamp (rt_desktop.hlc.pack_clocks): one save, one group.
    assert len(set(clocks.values())) == 1
    assert json.loads(row["hlc"]) == [[next(iter(clocks.values())), " ".join(sorted(clocks))]]


def test_wrong_arguments_are_programmer_errors(store: Store, make_session: Factory,
                                               make_referral: Factory) -> None:
    with pytest.raises(ValueError):
        store.save(make_session(), user="")
    with pytest.raises(ValueError):
        store.save(make_session(), user=USER, referrals=[make_referral()])
    with pytest.raises(TypeError):
        store.save(object(), user=USER)  # type: ignore[arg-type]
