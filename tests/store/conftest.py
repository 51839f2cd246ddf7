"""Fixtures for the local store: real SQLCipher files in tmp_path, valid records to save."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.records import FollowUp, Incident, ParentingSession, Referral
from tests.store import list_data

KELURAHAN = "64.71.03.1004"
RT = "007"
USER = "relawan-1"
# Made-up identity used to prove that nothing sensitive leaks; never a real person.
VICTIM_NAME = "Zubaidah Kartikasari"
CHRONOLOGY = "Kronologi rahasia: kejadian di dapur rumah keluarga Wiryawan"


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path, key: bytes) -> Iterator[Any]:
    from rt_desktop.store.store import Store

    opened = Store.create(data_dir, key, kelurahan_code=KELURAHAN, rt=RT)
    yield opened
    opened.close()


@pytest.fixture
def today() -> dt.date:
    from rt_desktop.validation import today_wita

    return today_wita()


def _with(record: Any, changes: dict[str, Any]) -> Any:
    return dataclasses.replace(record, **changes)


@pytest.fixture
def make_session(today: dt.date) -> Callable[..., ParentingSession]:
    def make(**changes: Any) -> ParentingSession:
        return _with(ParentingSession(
            session_date=today - dt.timedelta(days=3), start_time=dt.time(19, 30),
            end_time=dt.time(21, 0), venue="Balai pertemuan RT 007",
            topics=("pengasuhan_positif", "peran_ayah"), facilitator="Ibu Kader Posyandu",
            facilitator_org="PPATBM Gunung Samarinda", fathers=6, mothers=11, teens_female=2,
            elements_present=("pengurus_rt", "ppatbm"),
            summary="Diskusi tentang disiplin positif dan waktu layar anak.",
            follow_up="Sesi lanjutan bulan depan."), changes)
    return make


@pytest.fixture
def make_incident(today: dt.date) -> Callable[..., Incident]:
    def make(**changes: Any) -> Incident:
        return _with(Incident(
            reported_on=today - dt.timedelta(days=1), occurred_on=today - dt.timedelta(days=2),
            occurred_precision="hari", report_source="tetangga", report_channel="langsung",
            victim_name=VICTIM_NAME, victim_contact="0812-0000-0000",
            victim_address="Jl. Contoh Gg. Rahasia No. 9", victim_guardian_name="Bapak Wiryawan",
            victim_sex="perempuan", victim_age=9, victim_age_group="6_12",
            victim_category="anak", violence_types=("psikis",), place="rumah_tangga",
            chronology=CHRONOLOGY, risk_level="rendah", consent_by=("orang_tua",),
            rt_handling=("kunjungan_rumah",), status="baru"), changes)
    return make


@pytest.fixture
def make_referral(today: dt.date) -> Callable[..., Referral]:
    def make(**changes: Any) -> Referral:
        return _with(Referral(
            destination="uptd_ppa", uptd_service="pendampingan_klien",
            referred_on=today - dt.timedelta(days=1), consent_by=("orang_tua",),
            status="dikirim"), changes)
    return make


@pytest.fixture
def make_follow_up(today: dt.date) -> Callable[..., FollowUp]:
    def make(incident_id: str, **changes: Any) -> FollowUp:
        return _with(FollowUp(incident_id=incident_id, noted_on=today, author="Relawan RT",
                              note="Kunjungan kedua; keluarga kooperatif."), changes)
    return make


@pytest.fixture
def file_state() -> Callable[[Path], tuple[bytes, int]]:
    """Bytes and modification time of a file, to prove it was not touched."""
    def state(path: Path) -> tuple[bytes, int]:
        return path.read_bytes(), path.stat().st_mtime_ns
    return state


@pytest.fixture
def snapshot() -> Callable[[Any], dict[str, list[dict[str, Any]]]]:
    """Every row of every table (FTS through its doc table), to prove a write wrote nothing."""
    def take(store: Any) -> dict[str, list[dict[str, Any]]]:
        names = [t for t in store.db.table_names() if not t.startswith("search_fts")]
        return {t: list(store.db.query(f"SELECT * FROM [{t}] ORDER BY rowid")) for t in names}
    return take


@pytest.fixture
def load() -> Callable[..., Any]:
    """``load(store, cls, record_id)``: a stored record (tombstones too) that must exist."""
    def get(store: Any, cls: type, record_id: str) -> Any:
        record = store.get(cls, record_id, include_deleted=True)
        assert record is not None, f"{cls.__name__} {record_id} is not stored"
        return record
    return get


@pytest.fixture
def data(store: Any, today: dt.date, make_session: Callable[..., Any],
         make_incident: Callable[..., Any], make_follow_up: Callable[..., Any]) -> Any:
    """The named sessions and cases of tests/store/list_data.py, saved in ``store``."""
    return list_data.fill(store, today, make_session, make_incident, make_follow_up)
