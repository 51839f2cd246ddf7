"""Push and pull on both backends: round trip, idempotency, merge with conflict entries,
delete against edit, attention flags, rejections with per-field problems, append-only."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from rt_desktop.records import content_fields, to_row
from sync.protocol import PULL_ORDER
from tests.server.conftest import CHRONOLOGY, VICTIM_NAME


def fields_of(pulled: dict[str, Any]) -> dict[str, Any]:
    return pulled["fields"]


def test_push_then_pull_gives_the_same_record(enrol, make_incident) -> None:
    laptop, other = enrol(), enrol()
    incident = make_incident()
    [result] = laptop.push(laptop.change(incident))
    assert (result["status"], result["rev"], result["problems"]) == ("applied", 1, [])
    [pulled] = other.pull_all("incident").values()
    row = to_row(incident)
    assert fields_of(pulled) == {n: row[n] for n in content_fields(type(incident))}
    assert (pulled["rev"], pulled["deleted"], pulled["kelurahan_code"], pulled["rt"]) == (
        1, False, incident.kelurahan_code, incident.rt)
    assert set(pulled["hlc"]) == {*content_fields(type(incident)), "deleted"}
    assert pulled["device_id"] == laptop.device_id and pulled["attention"] == []


def test_pages_and_cursor_cover_every_record_once(enrol, make_session) -> None:
    laptop = enrol()
    sessions = [make_session() for _ in range(7)]
    laptop.push(*(laptop.change(s) for s in sessions))
    seen, since, pages = [], 0, 0
    while True:
        page = laptop.pull("parenting_session", since, limit=3)
        pages += 1
        seen += [r["id"] for r in page["records"]]
        assert page["cursor"] == (page["records"][-1]["seq"] if page["records"] else since)
        since = page["cursor"]
        if not page["more"]:
            break
    assert sorted(seen) == sorted(s.id for s in sessions) and pages == 3
    assert laptop.pull("parenting_session", since)["records"] == []


def test_the_same_change_twice_gets_the_same_answer_and_one_record(enrol, make_session) -> None:
    laptop = enrol()
    change = laptop.change(make_session())
    [first] = laptop.push(change)
    [again] = laptop.push(change)
    assert first["status"] == "applied" and again["status"] == "duplicate"
    assert again["rev"] == first["rev"]
    [twice_in_one, _] = laptop.push(change, change)
    assert twice_in_one["status"] == "duplicate"
    assert len(laptop.pull_all("parenting_session")) == 1
    assert laptop.pull("parenting_session")["records"][0]["rev"] == 1


def test_a_retried_rejection_stays_rejected(enrol, make_session) -> None:
    laptop = enrol()
    change = laptop.change(make_session(venue=None))
    [first] = laptop.push(change)
    [again] = laptop.push(change)
    assert first["status"] == again["status"] == "rejected"
    assert again["problems"] == first["problems"]


def test_an_invalid_push_is_rejected_with_per_field_problems(enrol, make_session) -> None:
    laptop = enrol()
    [result] = laptop.push(laptop.change(make_session(venue=None, fathers=900)))
    assert result["status"] == "rejected" and result["rev"] == 0
    problems = {(p["field"], p["code"]) for p in result["problems"]}
    assert {("venue", "required"), ("fathers", "too_many_attendees")} <= problems
    assert all(p["message_id"] and p["message_en"] for p in result["problems"])
    assert laptop.pull_all("parenting_session") == {}


def test_unknown_fields_and_bad_timestamps_are_rejected(enrol, make_session) -> None:
    laptop = enrol()
    change = laptop.change(make_session())
    bad_field = {**change, "change_id": change["change_id"][:-1] + "0",
                 "fields": {**change["fields"], "nickname": "x"},
                 "hlc": {**change["hlc"], "nickname": change["hlc"]["venue"]}}
    bad_clock = laptop.change(make_session())
    bad_clock["hlc"]["venue"] = "yesterday"
    r1, r2 = laptop.push(bad_field, bad_clock)
    assert (r1["status"], r1["problems"][0]["code"]) == ("rejected", "unknown_field")
    assert (r2["status"], r2["problems"][0]["code"]) == ("rejected", "bad_hlc")


def test_concurrent_edits_merge_identically_and_keep_the_loser(enrol, make_session) -> None:
    a, b, reader = enrol(), enrol(), enrol()
    session = make_session()
    a.push(a.change(session))
    edit_a = a.change(dataclasses.replace(session, venue="Masjid"), base_rev=1, names=("venue",))
    edit_b = b.change(dataclasses.replace(session, venue="Posyandu"), base_rev=1,
                      names=("venue",))
    [ra] = a.push(edit_a)
    [rb] = b.push(edit_b)  # b's clock is later: b wins
    assert ra["status"] == "applied" and rb["status"] == "merged"
    [pulled] = reader.pull_all("parenting_session").values()
    assert pulled["fields"]["venue"] == "Posyandu" and pulled["rev"] == 3
    [conflict] = reader.pull_all("conflict").values()
    f = conflict["fields"]
    assert (f["parent_id"], f["field"], json.loads(f["losing_value"])) == (
        session.id, "venue", "Masjid")
    assert f["losing_device_id"] == a.device_id and f["resolved"] == 0
    assert (conflict["kelurahan_code"], conflict["rt"]) == (session.kelurahan_code, session.rt)
    # The same changes the other way round: the same values, the same loser.
    c, d = enrol(), enrol()
    other = make_session()
    c.push(c.change(other))
    edit_c = c.change(dataclasses.replace(other, venue="Masjid"), base_rev=1, names=("venue",))
    edit_d = d.change(dataclasses.replace(other, venue="Posyandu"), base_rev=1,
                      names=("venue",))
    d.push(edit_d)
    [rc] = c.push(edit_c)
    assert rc["status"] == "merged"
    pulled_again = reader.pull_all("parenting_session")[other.id]
    assert pulled_again["fields"]["venue"] == "Posyandu"
    losers = [json.loads(x["fields"]["losing_value"])
              for x in reader.pull_all("conflict").values() if x["fields"]["parent_id"] == other.id]
    assert losers == ["Masjid"]


def test_an_edit_racing_a_delete_leaves_a_conflict_entry(enrol, make_session) -> None:
    a, b = enrol(), enrol()
    session = make_session()
    a.push(a.change(session))
    a.push(a.change(dataclasses.replace(session, deleted=True), base_rev=1, names=("deleted",)))
    [edit] = b.push(b.change(dataclasses.replace(session, venue="Masjid"), base_rev=1,
                             names=("venue",)))
    assert edit["status"] == "merged"
    pulled = a.pull_all("parenting_session")[session.id]
    assert pulled["deleted"] is True and pulled["fields"]["venue"] == "Masjid"
    [conflict] = a.pull_all("conflict").values()
    assert conflict["fields"]["field"] == "deleted"
    assert json.loads(conflict["fields"]["losing_value"]) == 0
    assert conflict["fields"]["losing_device_id"] == b.device_id


def test_a_merge_that_breaks_a_rule_is_flagged_not_rejected(enrol, make_incident,
                                                            make_referral) -> None:
    """Risk raised to "tinggi" on one laptop while the other moves the case on: each change is
    valid where it was made; together they need a referral. Kept, and flagged for attention."""
    a, b = enrol(), enrol()
    incident = make_incident()
    a.push(a.change(incident))
    a.push(a.change(dataclasses.replace(incident, risk_level="tinggi"), base_rev=1,
                    names=("risk_level",)))
    [result] = b.push(b.change(dataclasses.replace(incident, status="ditangani_rt"), base_rev=1,
                               names=("status",)))
    assert result["status"] == "merged" and "high_risk_needs_referral" in result["attention"]
    pulled = a.pull_all("incident")[incident.id]
    assert (pulled["fields"]["risk_level"], pulled["fields"]["status"]) == ("tinggi",
                                                                             "ditangani_rt")
    assert "high_risk_needs_referral" in pulled["attention"]
    # A referral mends it: the flag goes.
    a.pull_all("incident")
    [ok] = a.push(a.change(make_referral(incident)))
    assert ok["status"] == "applied"
    assert a.pull_all("incident")[incident.id]["attention"] == []


def test_the_same_rule_broken_without_concurrency_is_rejected(enrol, make_incident) -> None:
    laptop = enrol()
    incident = make_incident(risk_level="tinggi")
    laptop.push(laptop.change(incident))
    [result] = laptop.push(laptop.change(dataclasses.replace(incident, status="ditangani_rt"),
                                         base_rev=1, names=("status",)))
    assert result["status"] == "rejected"
    assert ("referral", "high_risk_needs_referral") in {(p["field"], p["code"])
                                                        for p in result["problems"]}
    assert laptop.pull_all("incident")[incident.id]["fields"]["status"] == "baru"


def test_an_incident_and_its_referral_in_one_batch_validate_together(
        enrol, make_incident, make_referral) -> None:
    laptop = enrol()
    incident = make_incident(violence_types=("seksual",), status="dirujuk", risk_level="tinggi")
    apart = laptop.push(laptop.change(incident), laptop.change(make_referral(incident)))
    # Saved apart, the case was never valid on its own: no laptop could have saved it so.
    assert [r["status"] for r in apart] == ["rejected", "applied"], apart
    incident = make_incident(violence_types=("seksual",), status="dirujuk", risk_level="tinggi")
    save = laptop.clock.tick()  # one save: the case, then its referral, with one clock
    together = laptop.push(laptop.change(incident, ts=save),
                           laptop.change(make_referral(incident), ts=save))
    assert [r["status"] for r in together] == ["applied", "applied"], together


def test_follow_ups_are_append_only(enrol, make_incident, make_follow_up) -> None:
    laptop = enrol()
    incident = make_incident()
    note = make_follow_up(incident)
    laptop.push(laptop.change(incident), laptop.change(note))
    [edit] = laptop.push(laptop.change(dataclasses.replace(note, note="diubah"), base_rev=1,
                                       names=("note",)))
    assert edit["status"] == "rejected" and edit["problems"][0]["code"] == "append_only"
    [pulled] = laptop.pull_all("follow_up").values()
    assert pulled["fields"]["note"] == note.note


def test_conflicts_are_resolved_by_a_normal_change(enrol, make_session) -> None:
    a, b = enrol(), enrol()
    session = make_session()
    a.push(a.change(session))
    a.push(a.change(dataclasses.replace(session, venue="Masjid"), base_rev=1, names=("venue",)))
    b.push(b.change(dataclasses.replace(session, venue="Posyandu"), base_rev=1, names=("venue",)))
    [conflict] = a.pull_all("conflict").values()
    for clock in conflict["hlc"].values():
        a.clock.observe(clock)
    resolve = {"change_id": conflict["id"][:-4] + "0abc", "record_type": "conflict",
               "record_id": conflict["id"], "base_rev": conflict["rev"],
               "kelurahan_code": conflict["kelurahan_code"], "rt": conflict["rt"],
               "fields": {"resolved": 1, "resolved_by": "relawan-uji",
                          "resolved_at": "2026-01-01T00:00:00.000Z"}}
    ts = a.clock.tick()
    resolve["hlc"] = {n: ts for n in resolve["fields"]}
    [done] = a.push(resolve)
    assert done["status"] == "applied"
    assert a.pull_all("conflict")[conflict["id"]]["fields"]["resolved"] == 1
    # Only marking resolved is allowed; a device never writes a losing value.
    forged = {**resolve, "change_id": resolve["change_id"][:-4] + "0abd",
              "fields": {"losing_value": '"x"'}, "hlc": {"losing_value": a.clock.tick()}}
    [refused] = a.push(forged)
    assert refused["status"] == "rejected"


def test_sensitive_fields_reach_the_rt_in_full(enrol, make_incident) -> None:
    laptop = enrol()
    laptop.push(laptop.change(make_incident()))
    [pulled] = laptop.pull_all("incident").values()
    assert pulled["fields"]["victim_name"] == VICTIM_NAME
    assert pulled["fields"]["chronology"] == CHRONOLOGY


def test_an_incident_whose_referral_in_the_batch_is_rejected_is_flagged(
        enrol, make_incident, make_referral) -> None:
    laptop = enrol()
    incident = make_incident(violence_types=("seksual",), status="dirujuk", risk_level="tinggi")
    broken = make_referral(incident, consent_by=())  # no consent: rejected
    save = laptop.clock.tick()  # saved together
    first, second = laptop.push(laptop.change(incident, ts=save),
                                laptop.change(broken, ts=save))
    assert second["status"] == "rejected"
    assert first["status"] == "applied" and "sexual_violence_needs_referral" in first["attention"]
    pulled = laptop.pull_all("incident")[incident.id]
    assert "sexual_violence_needs_referral" in pulled["attention"]


def test_a_laptop_that_only_pulls_shows_its_last_sync(enrol, storage) -> None:
    coordinator = enrol("coordinator", rt=None)
    assert storage_device(storage, coordinator.device_id).last_sync_at is None
    for record_type in PULL_ORDER[:-1]:
        coordinator.pull_all(record_type)
    assert storage_device(storage, coordinator.device_id).last_sync_at is None  # not finished
    coordinator.pull_all(PULL_ORDER[-1])
    assert storage_device(storage, coordinator.device_id).last_sync_at is not None


def test_a_push_alone_is_no_sync(enrol, storage, make_session) -> None:
    """A sync cut off after its push (before any pull) does not show as the last sync."""
    laptop = enrol()
    assert laptop.push(laptop.change(make_session()))[0]["status"] == "applied"
    device = storage_device(storage, laptop.device_id)
    assert device.last_seen_at is not None and device.last_sync_at is None
    for record_type in PULL_ORDER:
        laptop.pull_all(record_type)
    assert storage_device(storage, laptop.device_id).last_sync_at is not None


def storage_device(storage, device_id: str):  # type: ignore[no-untyped-def]
    with storage.reading() as tx:
        return tx.device(device_id)


def test_answers_place_records_only_for_a_client_that_knows_how(enrol, make_session) -> None:
    """Protocol 1.1: an applied answer carries the record's seq and stored updated_at; a 1.0
    client — whose answer model refused unknown keys — gets exactly the keys it knows."""
    laptop = enrol()
    old = laptop.client.post("/api/v1/push", json={"changes": [laptop.change(make_session())]},
                             headers=laptop.headers)
    assert set(old.json()["results"][0]) == {
        "change_id", "status", "rev", "reason", "problems", "attention"}
    new = laptop.client.post("/api/v1/push", json={"changes": [laptop.change(make_session())]},
                             headers={**laptop.headers, "X-RT-Protocol": "1.1"})
    [result] = new.json()["results"]
    pulled = {r["seq"]: r for r in laptop.pull("parenting_session")["records"]}
    assert result["status"] == "applied" and result["seq"] in pulled
    assert result["updated_at"] == pulled[result["seq"]]["updated_at"]


def test_a_pull_leaves_out_only_own_records_still_as_sent(enrol, make_session,
                                                          storage) -> None:
    laptop, other = enrol(), enrol()
    answers = laptop.client.post(
        "/api/v1/push", json={"changes": [laptop.change(make_session()) for _ in range(3)]},
        headers={**laptop.headers, "X-RT-Protocol": "1.1"}).json()["results"]
    seqs = sorted(r["seq"] for r in answers)
    [theirs] = other.push(other.change(make_session()))
    # A write that does not know the mark (an older server program): a new seq, mark left.
    with storage.transaction(write=True) as tx:
        new_seq = tx.allocate_seqs(1)
        tx.execute("UPDATE records SET seq = ? WHERE seq = ?", [new_seq, seqs[0]])

    def page(device, own: str, status: int = 200) -> dict:
        response = device.client.get("/api/v1/pull", params={
            "record_type": "parenting_session", "since": 0, "own": own},
            headers=device.headers)
        assert response.status_code == status, response.text
        return response.json()

    mine = page(laptop, f"{seqs[0]}-{new_seq}")
    assert [r["seq"] for r in mine["records"]] == [seqs[2] + 1, new_seq]  # other's, rewritten
    assert mine["cursor"] == new_seq and not mine["more"]
    assert len(page(other, f"{seqs[0]}-{seqs[2]}")["records"]) == 4  # not its own: all of them
    assert len(page(laptop, f"{seqs[1]}-{seqs[1]}")["records"]) == 3  # only that one left out
    assert len(page(laptop, f"{seqs[1]}-{seqs[1]},{seqs[2]}-{seqs[2]}")["records"]) == 2
    for bad in ("5-4", "0-3", "1-x", "-", ",".join(["1-2"] * 65)):
        assert "own" in page(laptop, bad, status=400)["detail"]
    assert theirs["status"] == "applied"
