"""Shared by the sync tests (tests/sync and tests/e2e/test_e2e_sync_*): records to save,
pulled records in the wire shape, devices enrolled with a real server, replica comparison."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import keyring.backend

from rt_desktop.records import Incident, ParentingSession, Record, Referral, to_row
from rt_desktop.store.store import Store

KELURAHAN = "64.71.03.1004"
RT = "007"
USER = "relawan-1"
# Made-up identity used to prove that nothing sensitive leaks; never a real person.
VICTIM_NAME = "Zubaidah Kartikasari"
CHRONOLOGY = "Kronologi rahasia: kejadian di dapur rumah keluarga Wiryawan"


def today() -> dt.date:
    from rt_desktop.validation import today_wita

    return today_wita()


def make_session(**changes: Any) -> ParentingSession:
    return dataclasses.replace(ParentingSession(
        session_date=today() - dt.timedelta(days=3), start_time=dt.time(19, 30),
        end_time=dt.time(21, 0), venue="Balai pertemuan RT 007",
        topics=("pengasuhan_positif", "peran_ayah"), facilitator="Ibu Kader Posyandu",
        facilitator_org="PPATBM", fathers=6, mothers=11, teens_female=2,
        elements_present=("pengurus_rt", "ppatbm"), summary="Diskusi disiplin positif."),
        **changes)


def make_incident(**changes: Any) -> Incident:
    return dataclasses.replace(Incident(
        reported_on=today() - dt.timedelta(days=1), occurred_on=today() - dt.timedelta(days=2),
        occurred_precision="hari", report_source="tetangga", report_channel="langsung",
        victim_name=VICTIM_NAME, victim_contact="0812-0000-0000",
        victim_address="Jl. Contoh Gg. Rahasia No. 9", victim_guardian_name="Bapak Wiryawan",
        victim_sex="perempuan", victim_age=9, victim_age_group="6_12",
        victim_category="anak", violence_types=("psikis",), place="rumah_tangga",
        chronology=CHRONOLOGY, risk_level="rendah", consent_by=("orang_tua",),
        rt_handling=("kunjungan_rumah",), status="baru"), **changes)


def make_referral(**changes: Any) -> Referral:
    return dataclasses.replace(Referral(
        destination="uptd_ppa", uptd_service="pendampingan_klien",
        referred_on=today() - dt.timedelta(days=1), consent_by=("orang_tua",),
        status="dikirim"), **changes)


def wire(record: Record, *, rev: int, seq: int | None = None,
         attention: tuple[str, ...] = ()) -> dict[str, Any]:
    """``record`` as the server sends it in a pull page (sync.protocol.PulledRecord)."""
    row = to_row(record)
    envelope = ("id", "kelurahan_code", "rt", "created_at", "updated_at", "created_by",
                "device_id", "rev", "hlc", "deleted")
    return {"record_type": record.TYPE, "id": record.id, "kelurahan_code": record.kelurahan_code,
            "rt": record.rt, "rev": rev, "seq": seq if seq is not None else rev,
            "deleted": record.deleted, "fields": {k: v for k, v in row.items()
                                                  if k not in envelope},
            "hlc": dict(record.hlc), "created_at": record.created_at,
            "updated_at": record.updated_at, "created_by": record.created_by,
            "device_id": record.device_id, "attention": list(attention)}


class Devices:
    """Devices of one test: volunteers of the test's RT, coordinators, UPTD."""

    def __init__(self, server: Any, new_store: Callable[..., Store], rt: str):
        self.server, self.new_store, self.rt = server, new_store, rt

    def volunteer(self, name: str, *, rt: str | None = None) -> Store:
        from sync.client import enrol

        store = self.new_store(name, rt=rt or self.rt)
        enrol(store, self.server.url, self.server.issue_code(
            "volunteer", kelurahan=KELURAHAN, rt=rt or self.rt))
        return store

    def other(self, name: str, role: str, **scope: str) -> Store:
        from sync.client import enrol

        store = self.new_store(name, role=role)
        enrol(store, self.server.url, self.server.issue_code(role, **scope))
        return store


SYNC_COLUMNS_SKIPPED = ("sync_state", "sync_error")


def save_sessions(store: Store, n: int, **changes: Any) -> list[str]:
    with store.writing():  # one transaction: thousands of saves in a second or two
        return [store.save(make_session(fathers=i % 40, **changes), user=USER)[0].record_id
                for i in range(n)]


def save_referred_case(store: Store) -> str:
    """A high-risk case: valid only with its referral to UPTD PPA, saved with it."""
    return store.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                      referrals=[make_referral()])[0].record_id


def referral_of(store: Store, case_id: str) -> Referral:
    """The one referral of a case."""
    (referral,) = [r for r in store.list_records(Referral) if r.incident_id == case_id]
    return referral


def edit(store: Store, cls: type, record_id: str, **changes: Any) -> None:
    """Save a stored record again with ``changes`` (as the form does)."""
    store.save(dataclasses.replace(store.get(cls, record_id), **changes), user=USER)


def replica(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced record of a device, per table, without the device's own bookkeeping."""
    from rt_desktop.records import RECORD_TYPES

    out: dict[str, dict[str, dict[str, Any]]] = {}
    for cls in RECORD_TYPES.values():
        rows = store.db.query(f"SELECT * FROM {cls.TABLE} ORDER BY id")
        out[cls.TABLE] = {r["id"]: {k: v for k, v in r.items() if k not in SYNC_COLUMNS_SKIPPED}
                          for r in rows}
    return out


def sync_all(*stores: Store, rounds: int = 2) -> None:
    from sync.client import run_sync

    for _ in range(rounds):
        for store in stores:
            run_sync(store)


def assert_converged(devices: Devices, *stores: Store) -> Store:
    """Every store equals what the server gives a fresh device (returned), nothing pending."""
    from sync.client import run_sync

    observer = devices.volunteer(f"observer-{id(stores)}")
    run_sync(observer)
    expected = replica(observer)
    for store in stores:
        assert store.pending_count() == 0
        assert replica(store) == expected
    return observer


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that works (in memory), like a desktop's Secret Service. It has no priority
    on purpose: keyring never picks it by itself (importing this module must not change the
    backend of a process); a test that wants it calls ``keyring.set_keyring``."""

    def __init__(self) -> None:
        super().__init__()
        self.items: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.items.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.items[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.items.pop((service, username), None)
