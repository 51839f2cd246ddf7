"""Fixtures for the city server: the same tests on both backends (``backend`` is parametrized:
SQLite file, PostgreSQL database in the throwaway cluster), the app through FastAPI's
TestClient, enrolled devices, and changes built from real records (row form, HLC)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import os
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.casecode import format_case_code
from rt_desktop.hlc import HybridClock
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import (
    FollowUp,
    Incident,
    ParentingSession,
    Record,
    Referral,
    content_fields,
    to_row,
)
from rt_desktop.validation import today_wita
from sync.server import admin
from sync.server.app import create_app
from sync.server.config import ServerConfig
from sync.server.storage import Storage, open_storage

# Starlette asks for httpx2 under its test client; httpx works, and the warning is noise here.
warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
from fastapi.testclient import TestClient  # noqa: E402

KELURAHAN = "64.71.03.1004"       # the fixture volunteer's kelurahan
KECAMATAN = "64.71.03"
OTHER_KELURAHAN = "64.71.01.1001"  # Manggar, another kecamatan
RT, OTHER_RT = "007", "008"
# Made-up identity used to prove that nothing sensitive leaks; never a real person.
VICTIM_NAME = "Zubaidah Kartikasari"
CHRONOLOGY = "Kronologi rahasia: kejadian di dapur rumah keluarga Wiryawan"
BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if backend == "postgres":
        return str(request.getfixturevalue("pg_url"))
    return f"sqlite:///{tmp_path / 'server' / 'rt-server.db'}"


@pytest.fixture
def config(db_url: str, tmp_path: Path) -> ServerConfig:
    return ServerConfig(database_url=db_url, data_dir=tmp_path / "server",
                        secret_key=os.urandom(32), rate_per_minute=60_000, rate_burst=10_000,
                        enrol_per_minute=10_000)


@pytest.fixture
def storage(config: ServerConfig) -> Iterator[Storage]:
    opened = open_storage(config.database_url)
    admin.init(opened)
    admin.add_rts(opened, KELURAHAN, ["1-10"])
    yield opened
    opened.close()


@pytest.fixture
def app_factory(storage: Storage, config: ServerConfig) -> Callable[..., TestClient]:
    def make(**overrides: Any) -> TestClient:
        app = create_app(dataclasses.replace(config, **overrides), storage)
        return TestClient(app, headers={"X-RT-Protocol": "1"})
    return make


@pytest.fixture
def client(app_factory: Callable[..., TestClient]) -> TestClient:
    return app_factory()


@dataclasses.dataclass
class Device:
    """An enrolled test device that builds changes like the app's outbox does."""

    client: TestClient
    device_id: str
    token: str
    role: str
    kelurahan_code: str
    rt: str
    clock: HybridClock

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def push(self, *changes: dict[str, Any], status: int = 200) -> list[dict[str, Any]]:
        response = self.client.post("/api/v1/push", json={"changes": list(changes)},
                                    headers=self.headers)
        assert response.status_code == status, response.text
        return response.json().get("results", []) if status == 200 else []

    def pull(self, record_type: str, since: int = 0, limit: int = 500) -> dict[str, Any]:
        response = self.client.get("/api/v1/pull", params={
            "record_type": record_type, "since": since, "limit": limit}, headers=self.headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def pull_all(self, record_type: str) -> dict[str, dict[str, Any]]:
        """Every record of a type (all pages), by id; also records the cursor as the app does."""
        out: dict[str, dict[str, Any]] = {}
        since = 0
        while True:
            page = self.pull(record_type, since)
            for rec in page["records"]:
                out[rec["id"]] = rec
            since = page["cursor"]
            if not page["more"]:
                self.pull(record_type, since)  # tells the server what this device has seen
                return out

    def change(self, record: Record, *, base_rev: int = 0, fields: dict[str, Any] | None = None,
               names: tuple[str, ...] | None = None, ts: str | None = None) -> dict[str, Any]:
        """A change of ``record``: a create (every field) or the named/given fields, made in a
        save of its own or, with the same ``ts``, in one save with other changes."""
        row = to_row(record)
        if fields is None:
            chosen = names or (*content_fields(type(record)), "deleted")
            fields = {n: row[n] for n in chosen}
        ts = ts or self.clock.tick()
        return {"change_id": new_id(), "record_type": record.TYPE, "record_id": record.id,
                "base_rev": base_rev, "kelurahan_code": record.kelurahan_code or
                self.kelurahan_code, "rt": record.rt or self.rt, "fields": fields,
                "hlc": {n: ts for n in fields}, "created_at": utc_now_iso(),
                "created_by": "relawan-uji"}


_TAGS = itertools.count(1)


@pytest.fixture
def enrol(client: TestClient, storage: Storage) -> Callable[..., Device]:
    def make(role: str = "volunteer", *, kelurahan: str | None = KELURAHAN,
             kecamatan: str | None = None, rt: str | None = RT,
             via: TestClient | None = None) -> Device:
        if role != "volunteer":
            rt = None
            if role == "uptd":
                kelurahan = None
        issued = admin.issue(storage, role=role, kelurahan=kelurahan, kecamatan=kecamatan, rt=rt,
                             expires=dt.timedelta(days=1))
        device_id = new_id()
        body = {"code": issued["code"], "device_id": device_id,
                "device_tag": f"T{next(_TAGS):03d}"[-4:], "app_version": "0.1.0",
                "kelurahan_code": kelurahan if role == "volunteer" else "",
                "rt": rt if role == "volunteer" else ""}
        c = via or client
        response = c.post("/api/v1/enrol", json=body)
        assert response.status_code == 200, response.text
        return Device(c, device_id, response.json()["token"], role, kelurahan or "", rt or "",
                      HybridClock(device_id))
    return make


# --- records (plain functions, so module-scoped fixtures can use them too) ------------------------

_SEQ = itertools.count(1)


@pytest.fixture
def today() -> dt.date:
    return today_wita()


def new_session(**changes: Any) -> ParentingSession:
    today = today_wita()
    return dataclasses.replace(ParentingSession(
        id=new_id(), kelurahan_code=KELURAHAN, rt=RT,
        session_date=today - dt.timedelta(days=3), start_time=dt.time(19, 30),
        end_time=dt.time(21, 0), venue="Balai pertemuan RT 007",
        topics=("pengasuhan_positif",), fathers=6, mothers=11), **changes)


def new_incident(**changes: Any) -> Incident:
    today = today_wita()
    rt = changes.get("rt", RT)
    return dataclasses.replace(Incident(
        id=new_id(), kelurahan_code=KELURAHAN, rt=rt,
        case_code=format_case_code(rt, today.year, "K7QF", next(_SEQ)),
        reported_on=today - dt.timedelta(days=1), occurred_on=today - dt.timedelta(days=2),
        occurred_precision="hari", report_source="tetangga", report_channel="langsung",
        victim_name=VICTIM_NAME, victim_contact="0812-0000-0000",
        victim_address="Jl. Contoh Gg. Rahasia No. 9", victim_guardian_name="Bapak Wiryawan",
        victim_sex="perempuan", victim_age=9, victim_age_group="6_12",
        victim_category="anak", violence_types=("psikis",), place="rumah_tangga",
        chronology=CHRONOLOGY, risk_level="rendah", consent_by=("orang_tua",),
        rt_handling=("kunjungan_rumah",), status="baru"), **changes)


def new_referral(incident: Incident, **changes: Any) -> Referral:
    return dataclasses.replace(Referral(
        id=new_id(), kelurahan_code=incident.kelurahan_code, rt=incident.rt,
        incident_id=incident.id, destination="uptd_ppa", uptd_service="pendampingan_klien",
        referred_on=today_wita() - dt.timedelta(days=1), consent_by=("orang_tua",),
        status="dikirim"), **changes)


def new_follow_up(incident: Incident, **changes: Any) -> FollowUp:
    return dataclasses.replace(FollowUp(
        id=new_id(), kelurahan_code=incident.kelurahan_code, rt=incident.rt,
        incident_id=incident.id, noted_on=today_wita(), author="Relawan RT",
        note="Kunjungan kedua; keluarga kooperatif."), **changes)


@pytest.fixture
def make_session() -> Callable[..., ParentingSession]:
    return new_session


@pytest.fixture
def make_incident() -> Callable[..., Incident]:
    return new_incident


@pytest.fixture
def make_referral() -> Callable[..., Referral]:
    return new_referral


@pytest.fixture
def make_follow_up() -> Callable[..., FollowUp]:
    return new_follow_up
