"""The authorization matrix of DESIGN.md §5, asserted row by row on both backends: every role ×
every endpoint × in scope / out of scope.

One world per backend (module scope): RT 007 and RT 008 of one kelurahan and RT 007 of a
kelurahan in another kecamatan, each with sessions, incidents (some referred to UPTD PPA),
referrals and follow-ups, pushed by their volunteers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.records import Incident, redact, sensitive_fields
from sync.server import admin
from sync.server.app import create_app
from sync.server.config import ServerConfig
from sync.server.storage import open_storage
from tests.server.conftest import (
    KECAMATAN,
    KELURAHAN,
    OTHER_KELURAHAN,
    OTHER_RT,
    RT,
    VICTIM_NAME,
    Device,
    TestClient,
    new_follow_up,
    new_incident,
    new_referral,
    new_session,
)

PLACES = {"home": (KELURAHAN, RT), "next_rt": (KELURAHAN, OTHER_RT),
          "other_kecamatan": (OTHER_KELURAHAN, RT)}


@dataclasses.dataclass
class World:
    client: TestClient
    devices: dict[str, Device]
    ids: dict[str, str]          # name -> record id, e.g. "home.incident_uptd"
    records: dict[str, Any]      # name -> the record object
    volunteers: dict[str, Device]


def _seed(client: TestClient, storage: Any) -> World:
    make_incident, make_session = new_incident, new_session
    make_referral, make_follow_up = new_referral, new_follow_up
    enrol = _enroller(client, storage)
    ids: dict[str, str] = {}
    records: dict[str, Any] = {}
    volunteers: dict[str, Device] = {}
    for place, (kelurahan, rt) in PLACES.items():
        laptop = enrol("volunteer", kelurahan=kelurahan, rt=rt)
        volunteers[place] = laptop
        session = make_session(kelurahan_code=kelurahan, rt=rt)
        referred = make_incident(kelurahan_code=kelurahan, rt=rt)
        plain = make_incident(kelurahan_code=kelurahan, rt=rt)
        uptd_ref = make_referral(referred)
        other_ref = make_referral(plain, destination="puskesmas", uptd_service=None)
        note = make_follow_up(referred)
        batch = {"session": session, "incident_uptd": referred, "incident_plain": plain,
                 "referral_uptd": uptd_ref, "referral_other": other_ref, "follow_up": note}
        results = laptop.push(*(laptop.change(r) for r in batch.values()))
        assert all(r["status"] == "applied" for r in results), results
        for name, record in batch.items():
            ids[f"{place}.{name}"] = record.id
            records[f"{place}.{name}"] = record
    devices = {
        "volunteer": volunteers["home"],
        "coordinator_kelurahan": enrol("coordinator", kelurahan=KELURAHAN),
        "coordinator_kecamatan": enrol("coordinator", kecamatan=KECAMATAN),
        "coordinator_kota": enrol("coordinator"),
        "uptd": enrol("uptd"),
    }
    return World(client, devices, ids, records, volunteers)


def _enroller(client: TestClient, storage: Any):  # type: ignore[no-untyped-def]
    from rt_desktop.hlc import HybridClock
    from rt_desktop.ids import new_id

    def enrol(role: str, *, kelurahan: str | None = None, kecamatan: str | None = None,
              rt: str | None = None) -> Device:
        code = admin.issue(storage, role=role, kelurahan=kelurahan, kecamatan=kecamatan, rt=rt,
                           expires=dt.timedelta(days=1))["code"]
        device_id = new_id()
        response = client.post("/api/v1/enrol", json={
            "code": code, "device_id": device_id, "device_tag": "AB12", "app_version": "0.1.0",
            "kelurahan_code": kelurahan or "" if role == "volunteer" else "",
            "rt": rt or "" if role == "volunteer" else ""})
        assert response.status_code == 200, response.text
        return Device(client, device_id, response.json()["token"], role, kelurahan or "",
                      rt or "", HybridClock(device_id))
    return enrol


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def world(request: pytest.FixtureRequest) -> Iterator[World]:
    tmp = Path(tempfile.mkdtemp(prefix="rt-authz-"))
    if request.param == "postgres":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create_database()
        url = cluster.url(name)
    else:
        url = f"sqlite:///{tmp / 'rt-server.db'}"
    config = ServerConfig(database_url=url, data_dir=tmp, secret_key=os.urandom(32),
                          rate_per_minute=60_000, rate_burst=10_000, enrol_per_minute=10_000)
    storage = open_storage(url)
    admin.init(storage)
    client = TestClient(create_app(config, storage), headers={"X-RT-Protocol": "1"})
    yield _seed(client, storage)
    storage.close()
    if request.param == "postgres":
        cluster.drop_database(name)


# --- reading --------------------------------------------------------------------------------------

ALL_NAMES = ("session", "incident_uptd", "incident_plain", "referral_uptd", "referral_other",
             "follow_up")
TYPE_OF = {"session": "parenting_session", "incident_uptd": "incident",
           "incident_plain": "incident", "referral_uptd": "referral", "referral_other": "referral",
           "follow_up": "follow_up"}
UPTD_NAMES = ("incident_uptd", "referral_uptd")

# role -> the places whose records it receives, and which of their records.
READS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "volunteer": (("home",), ALL_NAMES),
    "coordinator_kelurahan": (("home", "next_rt"), ALL_NAMES),
    "coordinator_kecamatan": (("home", "next_rt"), ALL_NAMES),
    "coordinator_kota": (("home", "next_rt", "other_kecamatan"), ALL_NAMES),
    "uptd": (("home", "next_rt", "other_kecamatan"), UPTD_NAMES),
}
READ_ROWS = [(role, place, name, place in places and name in names)
             for role, (places, names) in READS.items()
             for place in PLACES for name in ALL_NAMES]


@pytest.fixture(scope="module")
def pulled(world: World) -> dict[str, dict[str, dict[str, Any]]]:
    """What each role's device receives: role -> record id -> pulled record."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for role, device in world.devices.items():
        out[role] = {}
        for record_type in ("parenting_session", "incident", "referral", "follow_up"):
            out[role].update(device.pull_all(record_type))
    return out


@pytest.fixture(scope="module")
def full_views(world: World, pulled) -> dict[str, dict[str, Any]]:
    """Every record as its own RT's volunteer receives it (in full), by id."""
    out: dict[str, dict[str, Any]] = {}
    for laptop in world.volunteers.values():
        for record_type in ("parenting_session", "incident", "referral", "follow_up"):
            out.update(laptop.pull_all(record_type))
    return out


@pytest.mark.parametrize(("role", "place", "name", "receives"), READ_ROWS,
                         ids=[f"{r}-{p}-{n}" for r, p, n, _ in READ_ROWS])
def test_who_receives_what(world: World, pulled, full_views, role: str, place: str, name: str,
                           receives: bool) -> None:
    record_id = world.ids[f"{place}.{name}"]
    assert (record_id in pulled[role]) is receives
    if not receives:
        return
    record = pulled[role][record_id]
    assert record["record_type"] == TYPE_OF[name]
    cls = type(world.records[f"{place}.{name}"])
    hidden = sensitive_fields(cls)
    full = full_views[record_id]
    if role.startswith("coordinator"):
        # Exactly records.redact of the full record: nothing sensitive, nothing else missing.
        expected = redact({**full["fields"], "hlc": full["hlc"]}, cls)
        assert {**record["fields"], "hlc": record["hlc"]} == expected
    else:
        assert hidden <= set(record["fields"]) and record == full


def test_a_coordinators_pages_hold_no_identity(world: World) -> None:
    device = world.devices["coordinator_kota"]
    for record_type in ("parenting_session", "incident", "referral", "follow_up", "conflict"):
        raw = device.client.get("/api/v1/pull", params={"record_type": record_type,
                                                        "limit": 1000},
                                headers=device.headers).content
        assert VICTIM_NAME.encode() not in raw
        assert b"Wiryawan" not in raw and b"Rahasia" not in raw


# --- writing --------------------------------------------------------------------------------------

def _edit(world: World, device: Device, name: str, **fields: Any) -> dict[str, Any]:
    record = world.records[name]
    changed = dataclasses.replace(record, **fields)
    return device.change(changed, base_rev=1, names=tuple(fields))


def _create(world: World, device: Device, place: str) -> dict[str, Any]:
    record = dataclasses.replace(world.records[f"{place}.session"], id=_fresh_id())
    return device.change(record)


def _fresh_id() -> str:
    from rt_desktop.ids import new_id

    return new_id()


# (role, what, the change, expected HTTP status, expected change status or None)
WRITES: list[tuple[str, str, Any, int, str | None]] = [
    ("volunteer", "create in its RT", lambda w, d: _create(w, d, "home"), 200, "applied"),
    ("volunteer", "edit in its RT", lambda w, d: _edit(w, d, "home.session", venue="Aula"),
     200, "applied"),
    ("volunteer", "create in the next RT", lambda w, d: _create(w, d, "next_rt"), 403, None),
    ("volunteer", "edit in the next RT", lambda w, d: _edit(w, d, "next_rt.session",
                                                            venue="Aula"), 403, None),
    ("volunteer", "create in another kecamatan", lambda w, d: _create(w, d, "other_kecamatan"),
     403, None),
    ("volunteer", "edit in another RT claiming its own",
     lambda w, d: {**_edit(w, d, "next_rt.session", venue="Aula"), "rt": RT}, 403, None),
    ("coordinator_kelurahan", "edit in scope", lambda w, d: _edit(w, d, "home.session",
                                                                  venue="Aula"), 403, None),
    ("coordinator_kecamatan", "create in scope", lambda w, d: _create(w, d, "home"), 403, None),
    ("coordinator_kota", "edit anywhere", lambda w, d: _edit(w, d, "other_kecamatan.session",
                                                             venue="Aula"), 403, None),
    ("uptd", "status of a UPTD referral",
     lambda w, d: _edit(w, d, "home.referral_uptd", status="diterima",
                        status_updated_on=dt.date.today() - dt.timedelta(days=0)), 200, "applied"),
    ("uptd", "response note of a UPTD referral elsewhere",
     lambda w, d: _edit(w, d, "other_kecamatan.referral_uptd", response_note="Diterima."),
     200, "applied"),
    ("uptd", "another field of a UPTD referral",
     lambda w, d: _edit(w, d, "home.referral_uptd", uptd_service="mediasi"), 200, "rejected"),
    ("uptd", "a referral elsewhere", lambda w, d: _edit(w, d, "home.referral_other",
                                                        status="diterima"), 403, None),
    ("uptd", "the referred incident", lambda w, d: _edit(w, d, "home.incident_uptd",
                                                         status="dirujuk"), 403, None),
    ("uptd", "a new record", lambda w, d: _create(w, d, "home"), 403, None),
]


@pytest.mark.parametrize(("role", "what", "make", "http", "outcome"), WRITES,
                         ids=[f"{r}-{w}" for r, w, *_ in WRITES])
def test_who_may_write_what(world: World, role: str, what: str, make: Any, http: int,
                            outcome: str | None) -> None:
    device = world.devices[role]
    results = device.push(make(world, device), status=http)
    if outcome is not None:
        assert results[0]["status"] == outcome, results


def test_a_uptd_status_flows_back_to_the_rt(world: World) -> None:
    uptd, laptop = world.devices["uptd"], world.volunteers["other_kecamatan"]
    note = "Klien sudah didampingi UPTD PPA."
    [result] = uptd.push(_edit(world, uptd, "other_kecamatan.referral_uptd", response_note=note,
                               status="diterima"))
    assert result["status"] in ("applied", "merged")
    referral_id = world.ids["other_kecamatan.referral_uptd"]
    assert laptop.pull_all("referral")[referral_id]["fields"]["response_note"] == note


@pytest.mark.parametrize("role", list(READS))
def test_every_role_reads_the_settings(world: World, role: str) -> None:
    device = world.devices[role]
    assert device.client.get("/api/v1/settings", headers=device.headers).status_code == 200


def test_a_case_becomes_visible_to_uptd_when_it_is_referred_later(world: World) -> None:
    laptop, uptd = world.volunteers["home"], world.devices["uptd"]
    incident: Incident = new_incident()
    laptop.push(laptop.change(incident))
    before = uptd.pull_all("incident")
    assert incident.id not in before
    laptop.push(laptop.change(new_referral(incident)))
    assert incident.id in uptd.pull_all("incident")
