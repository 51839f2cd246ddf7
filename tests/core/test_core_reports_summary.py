"""Report data from a store with KNOWN data: every number against hand-computed expectations.

The fixture saves sessions and cases with ``Store.save`` on the volunteer laptops of RT 001,
002 and 003 of one kelurahan (so every record passed validation), then copies the rows into a
coordinator's store, as a sync would. The copy keeps the sensitive fields on purpose — worse
than a real coordinator store — so that a report that read one would show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.records import (
    RECORD_TYPES,
    Incident,
    ParentingSession,
    Referral,
    sensitive_fields,
)
from rt_desktop.reports import (
    Hidden,
    Period,
    Report,
    build_report,
    parse_period,
    resolve_scope,
)
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import ENROL_SCOPE, SYNC_LAST_SUCCESS, SYNC_SUPPRESSION

KEL = "64.71.03.1004"  # Muara Rapak
KEY = bytes.fromhex("4b" * 32)
USER = "relawan-uji"
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)

# --- the fixture -------------------------------------------------------------------------------

# (rt, date, fathers, mothers, oc_m, oc_f, teens_m, teens_f, children_m, children_f, topics)
SESSIONS = [
    ("001", "2026-10-05", 4, 6, 0, 1, 2, 3, 1, 2, ("pengasuhan_positif", "peran_ayah")),
    ("001", "2026-10-19", 2, 8, 0, 0, 0, 0, 0, 0, ("disiplin_tanpa_kekerasan",)),
    ("001", "2026-09-10", 0, 5, 0, 0, 0, 0, 0, 0, ("pengasuhan_positif",)),
    ("002", "2026-10-12", 1, 3, 0, 0, 0, 4, 0, 0, ("keamanan_digital", "pengasuhan_positif")),
    ("003", "2026-08-01", 0, 7, 0, 0, 0, 0, 0, 0, ("peran_ayah",)),
]
DELETED_SESSION = ("002", "2026-10-20", 50, 50, 0, 0, 0, 0, 0, 0, ("lainnya",))

# (rt, reported_on, sex, age, violence, place, status, risk, referral (destination, service))
INCIDENTS = [
    ("001", "2026-10-02", "perempuan", 8, ("fisik",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-10-03", "perempuan", 9, ("psikis",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-10-05", "laki_laki", 10, ("fisik", "psikis"), "rumah_tangga", "baru", "sedang",
     None),
    ("001", "2026-10-07", "perempuan", 14, ("psikis",), "sekolah", "baru", "rendah", None),
    ("001", "2026-10-09", "laki_laki", 4, ("penelantaran",), "rumah_tangga", "baru", "sedang",
     None),
    ("001", "2026-10-11", "perempuan", 11, ("fisik",), "sekolah", "dirujuk", "sedang",
     ("uptd_ppa", "pendampingan_klien")),
    ("002", "2026-10-13", "perempuan", 15, ("psikis",), "sekolah", "ditangani_rt", "rendah", None),
    ("002", "2026-10-15", "laki_laki", 7, ("fisik",), "rumah_tangga", "baru", "rendah", None),
    ("002", "2026-10-17", "perempuan", 30, ("psikis",), "rumah_tangga", "dirujuk", "sedang",
     ("uptd_ppa", "pengelolaan_kasus")),
    ("003", "2026-10-20", "perempuan", 8, ("seksual",), "daring", "dirujuk", "tinggi",
     ("uptd_ppa", "pendampingan_klien")),
    ("001", "2026-03-03", "perempuan", 9, ("fisik",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-03-10", "laki_laki", 10, ("psikis",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-03-15", "perempuan", 13, ("psikis",), "sekolah", "baru", "rendah", None),
    ("001", "2026-03-20", "perempuan", 6, ("fisik",), "rumah_tangga", "baru", "rendah", None),
]
DELETED_INCIDENT = ("002", "2026-10-21", "perempuan", 5, ("fisik",), "rumah_tangga", "baru",
                    "rendah", None)

# Made-up identities: never a real person. None of these may appear in any export.
def secrets_of(n: int) -> dict[str, str]:
    return {
        "victim_name": f"Zubaidah Kartikasari {n:02d}",
        "victim_contact": f"0812-7777-{n:04d}",
        "victim_address": f"Jl. Rahasia Gg. Melati No. {n} Balikpapan",
        "victim_guardian_name": f"Bapak Wiryawan Santoso {n:02d}",
        "perpetrator_name": f"Terlapor Rahasiawan {n:02d}",
        "chronology": f"Kronologi rahasia nomor {n:02d}: kejadian di dapur keluarga Wiryawan.",
    }


SECRET_FRAGMENTS = ("Zubaidah", "Kartikasari", "0812-7777", "Jl. Rahasia", "Wiryawan",
                    "Terlapor Rahasiawan", "Kronologi rahasia", "Catatan penanganan rahasia",
                    "Balai Warga Kenanga")  # the last: a session venue — free text never leaves


def _session(row: tuple[Any, ...]) -> ParentingSession:
    _, day, f, m, ocm, ocf, tm, tf, cm, cf, topics = row
    return ParentingSession(
        session_date=dt.date.fromisoformat(day), venue="Balai Warga Kenanga", topics=topics,
        fathers=f, mothers=m, other_caregivers_male=ocm, other_caregivers_female=ocf,
        teens_male=tm, teens_female=tf, children_male=cm, children_female=cf,
        topic_other="Topik tambahan" if "lainnya" in topics else None, summary="Ringkasan sesi.")


def _incident(row: tuple[Any, ...], n: int) -> tuple[Incident, list[Referral]]:
    _, day, sex, age, violence, place, status, risk, referral = row
    from rt_desktop.enums import age_group_for

    reported = dt.date.fromisoformat(day)
    adult = age >= 18
    incident = Incident(
        reported_on=reported, occurred_on=reported - dt.timedelta(days=1),
        occurred_precision="hari", report_source="tetangga", report_channel="langsung",
        victim_sex=sex, victim_age=age, victim_age_group=age_group_for(age),
        victim_category="perempuan_dewasa" if adult else "anak", violence_types=violence,
        sexual_violence_forms=("pencabulan",) if "seksual" in violence else (),
        place=place, risk_level=risk, consent_by=("korban",) if adult else ("orang_tua",),
        rt_handling=("kunjungan_rumah",) if status != "baru" else (),
        rt_handling_note=f"Catatan penanganan rahasia {n:02d}" if status != "baru" else None,
        status=status, **secrets_of(n))
    referrals = []
    if referral:
        destination, service = referral
        referrals.append(Referral(destination=destination, uptd_service=service,
                                  referred_on=reported, consent_by=incident.consent_by,
                                  status="dikirim"))
    return incident, referrals


@dataclasses.dataclass
class Known:
    coordinator: Store
    volunteer: Store  # RT 001's own laptop
    folder: Path


def build_known(folder: Path) -> Known:
    """The volunteer stores of RT 001-003 filled with Store.save, and a coordinator store
    holding all their rows."""
    stores = {rt: Store.create(folder / f"rt{rt}", KEY, kelurahan_code=KEL, rt=rt)
              for rt in ("001", "002", "003")}
    for row in SESSIONS:
        stores[row[0]].save(_session(row), user=USER)
    (change,) = stores["002"].save(_session(DELETED_SESSION), user=USER)
    stores["002"].delete(ParentingSession, change.record_id, user=USER)
    for n, row in enumerate([*INCIDENTS, DELETED_INCIDENT], start=1):
        incident, referrals = _incident(row, n)
        changes = stores[row[0]].save(incident, user=USER, referrals=referrals)
        if row is DELETED_INCIDENT:
            stores[row[0]].delete(Incident, changes[0].record_id, user=USER)

    coordinator = Store.create(folder / "koordinator", KEY, role="coordinator")
    coordinator.set_meta(ENROL_SCOPE, json.dumps({"level": "kelurahan", "code": KEL,
                                                  "rt": None}))
    with coordinator.writing():
        for store in stores.values():
            for cls in RECORD_TYPES.values():
                rows = [dict(r) for r in store.db.query(f"SELECT * FROM {cls.TABLE}")]
                if rows:
                    coordinator.db.table(cls.TABLE).insert_all(rows)
    coordinator.set_configured_rts(KEL, ["001", "002", "003", "004"])
    for rt, store in stores.items():
        if rt != "001":
            store.close()
    return Known(coordinator, stores["001"], folder)


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Known]:
    data = build_known(tmp_path_factory.mktemp("known"))
    yield data
    data.coordinator.close()
    data.volunteer.close()


def report_of(store: Store, period: str, **scope: Any) -> Report:
    return build_report(store, parse_period(period), resolve_scope(store, **scope), now=NOW)


def values(report: Report, table: str) -> dict[str, tuple[Any, ...]]:
    return {row.key: row.values for row in report.table(table).rows}


# --- sessions: exact numbers, never suppressed ---------------------------------------------

def test_sessions_per_rt_in_october(known: Known) -> None:
    got = values(report_of(known.coordinator, "2026-10"), "sessions_per_rt")
    assert got == {"001": (2, 29), "002": (1, 8), "003": (0, 0), "004": (0, 0),
                   "total": (3, 37)}


def test_attendance_by_group_and_sex(known: Known) -> None:
    got = values(report_of(known.coordinator, "2026-10"), "attendance")
    assert got == {"fathers_mothers": (7, 17, 24), "other_caregivers": (0, 1, 1),
                   "teens": (2, 7, 9), "children": (1, 2, 3), "total": (10, 27, 37)}


def test_topics_count_sessions(known: Known) -> None:
    got = values(report_of(known.coordinator, "2026-10"), "topics")
    assert got["pengasuhan_positif"] == (2,)
    assert got["peran_ayah"] == (1,)
    assert got["disiplin_tanpa_kekerasan"] == (1,)
    assert got["keamanan_digital"] == (1,)
    assert got["lainnya"] == (0,)  # only the deleted session had it
    assert got["total"] == (3,)


def test_silent_rts_with_their_last_session(known: Known) -> None:
    report = report_of(known.coordinator, "2026-10")
    assert values(report, "silent_rts") == {"003": ("2026-08-01",), "004": ("",)}
    assert values(report_of(known.coordinator, "2026-09"), "silent_rts") == {
        "002": ("",), "003": ("2026-08-01",), "004": ("",)}


def test_unconfigured_kelurahan_lists_only_rts_with_data(known: Known, tmp_path: Path) -> None:
    store = Store.create(tmp_path / "c", KEY, role="coordinator")
    try:
        with store.writing():
            rows = [dict(r) for r in known.coordinator.db.query(
                "SELECT * FROM parenting_sessions")]
            store.db.table("parenting_sessions").insert_all(rows)
        report = report_of(store, "2026-10", kelurahan=KEL)
        assert set(values(report, "silent_rts")) == {"003"}
        assert "belum diatur" in " ".join(n.id for n in report.table("silent_rts").notes)
    finally:
        store.close()


def test_year_trend_counts_sessions_attendees_and_cases(known: Known) -> None:
    report = report_of(known.coordinator, "2026")
    trend = {f"{p.year}-{p.month:02d}": (p.sessions, p.attendees, p.incidents)
             for p in report.trend}
    assert len(trend) == 12
    assert trend["2026-08"] == (1, 7, 0)
    assert trend["2026-09"] == (1, 5, 0)
    assert trend["2026-10"][:2] == (3, 37)
    check_cell(trend["2026-10"][2], 10)
    # March: "baru <3 + ditangani_rt <3 = 4" would give both away, so its total is hidden
    assert trend["2026-03"][:2] == (0, 0)
    check_cell(trend["2026-03"][2], 4)
    assert trend["2026-01"] == (0, 0, 0)
    assert values(report, "trend")["2026-10"] == trend["2026-10"]
    assert values(report, "trend")["2026-03"] == (0, 0, trend["2026-03"][2])


def test_a_custom_range_reports_sessions_only(known: Known) -> None:
    report = report_of(known.coordinator, "2026-09-15..2026-10-15")
    assert not report.incidents_included
    assert {t.key for t in report.tables} == {"sessions_per_rt", "attendance", "topics",
                                              "silent_rts", "trend"}
    assert values(report, "sessions_per_rt")["total"] == (2, 27)  # 10-05 and 10-12
    assert [(p.month, p.sessions, p.incidents) for p in report.trend] == [
        (9, 0, None), (10, 2, None)]
    assert "Rentang tanggal bebas" in report.notes[0].id


def test_an_rt_selection_reports_sessions_only(known: Known) -> None:
    report = report_of(known.coordinator, "2026-10", rts=["1", "RT 2"])
    assert report.scope.rts == ("001", "002")
    assert not report.incidents_included
    assert values(report, "sessions_per_rt") == {"001": (2, 29), "002": (1, 8),
                                                 "total": (3, 37)}
    assert "sebagian RT" in report.notes[0].id


# --- incidents: every number, small ones hidden --------------------------------------------

# October 2026 and the year 2026, by hand from INCIDENTS (the deleted case left out).
EXPECTED = {
    "2026-10": {
        "incidents_by_violence": {"fisik": 4, "psikis": 5, "seksual": 1, "eksploitasi": 0,
                                  "tppo": 0, "penelantaran": 1, "lainnya": 0, "total": 10},
        "incidents_by_place": {"rumah_tangga": 6, "sekolah": 3, "fasilitas_umum": 0,
                               "tempat_kerja": 0, "daring": 1, "lainnya": 0, "total": 10},
        "incidents_by_status": {"baru": 4, "ditangani_rt": 3, "dirujuk": 3, "selesai": 0,
                                "total": 10},
        "incidents_by_referral": {"uptd_ppa": 3, "puskesmas": 0, "unit_ppa_polres": 0,
                                  "pengadilan_agama": 0, "lpsk": 0, "dinas_sosial": 0,
                                  "total": 3},
        "incidents_by_uptd_service": {"pengaduan_masyarakat": 0, "penjangkauan_klien": 0,
                                      "pengelolaan_kasus": 1, "penampungan_sementara": 0,
                                      "mediasi": 0, "pendampingan_klien": 2, "total": 3},
        # (laki_laki, perempuan, total)
        "incidents_by_age_sex": {"0_5": (1, 0, 1), "6_12": (2, 4, 6), "13_17": (0, 2, 2),
                                 "18_24": (0, 0, 0), "25_44": (0, 1, 1), "45_59": (0, 0, 0),
                                 "60_plus": (0, 0, 0), "total": (3, 7, 10)},
    },
    "2026": {
        "incidents_by_violence": {"fisik": 6, "psikis": 7, "seksual": 1, "eksploitasi": 0,
                                  "tppo": 0, "penelantaran": 1, "lainnya": 0, "total": 14},
        "incidents_by_place": {"rumah_tangga": 9, "sekolah": 4, "fasilitas_umum": 0,
                               "tempat_kerja": 0, "daring": 1, "lainnya": 0, "total": 14},
        "incidents_by_status": {"baru": 6, "ditangani_rt": 5, "dirujuk": 3, "selesai": 0,
                                "total": 14},
        "incidents_by_referral": {"uptd_ppa": 3, "puskesmas": 0, "unit_ppa_polres": 0,
                                  "pengadilan_agama": 0, "lpsk": 0, "dinas_sosial": 0,
                                  "total": 3},
        "incidents_by_uptd_service": {"pengaduan_masyarakat": 0, "penjangkauan_klien": 0,
                                      "pengelolaan_kasus": 1, "penampungan_sementara": 0,
                                      "mediasi": 0, "pendampingan_klien": 2, "total": 3},
        "incidents_by_age_sex": {"0_5": (1, 0, 1), "6_12": (3, 6, 9), "13_17": (0, 3, 3),
                                 "18_24": (0, 0, 0), "25_44": (0, 1, 1), "45_59": (0, 0, 0),
                                 "60_plus": (0, 0, 0), "total": (4, 10, 14)},
    },
}


def check_cell(shown: Any, true: int, threshold: int = 3) -> None:
    """A shown cell agrees with the true count: 0 is 0, 1..t-1 is "<t", more is itself or "x"."""
    if true == 0:
        assert shown == 0
    elif true < threshold:
        assert isinstance(shown, Hidden) and shown.reason == "small" and str(shown) == "<3"
    else:
        assert shown == true or (isinstance(shown, Hidden) and shown.reason == "complement"
                                 and str(shown) == "x"), (shown, true)


@pytest.mark.parametrize("period", sorted(EXPECTED))
def test_every_incident_cell_agrees_with_the_hand_count(known: Known, period: str) -> None:
    report = report_of(known.coordinator, period)
    assert report.incidents_included
    for table, expected in EXPECTED[period].items():
        got = values(report, table)
        assert set(got) == set(expected), table
        for key, true in expected.items():
            trues = true if isinstance(true, tuple) else (true,)
            assert len(got[key]) == len(trues)
            for shown, value in zip(got[key], trues, strict=True):
                check_cell(shown, value)


@pytest.mark.parametrize("period", sorted(EXPECTED))
def test_every_table_shows_the_same_case_total(known: Known, period: str) -> None:
    report = report_of(known.coordinator, period)
    totals = {values(report, table)["total"][0] for table in (
        "incidents_by_violence", "incidents_by_place", "incidents_by_status")}
    totals.add(values(report, "incidents_by_age_sex")["total"][-1])
    assert len(totals) == 1


def test_march_protects_its_pair_and_the_year_protects_march(known: Known) -> None:
    # March: "baru <3 + ditangani_rt <3 = 4" would say both are 2, so March's total hides.
    march = report_of(known.coordinator, "2026-03")
    assert str(values(march, "incidents_by_status")["total"][0]) == "x"
    # The year's cases are March's and October's: one of those two totals must hide too,
    # else March = year - October. Every report of the year hides the same one.
    year = report_of(known.coordinator, "2026")
    october = values(report_of(known.coordinator, "2026-10"), "incidents_by_place")["total"][0]
    year_total = values(year, "incidents_by_place")["total"][0]
    assert [isinstance(october, Hidden), isinstance(year_total, Hidden)].count(True) == 1
    assert values(year, "trend")["2026-10"][2] == october
    assert values(report_of(known.coordinator, "2026-10"), "trend")["2026-10"][2] == october
    q4 = values(report_of(known.coordinator, "2026-Q4"), "incidents_by_place")["total"][0]
    assert q4 == october  # Q4 so far is October alone


def test_a_volunteer_reports_its_own_rt_with_cases(known: Known) -> None:
    report = report_of(known.volunteer, "2026-10")
    assert report.scope.rts == ("001",) and report.scope.own_rt
    assert report.incidents_included
    assert values(report, "sessions_per_rt") == {"001": (2, 29), "total": (2, 29)}
    place = values(report, "incidents_by_place")
    check_cell(place["rumah_tangga"][0], 4)
    check_cell(place["sekolah"][0], 2)
    check_cell(place["total"][0], 6)


def test_threshold_from_the_server_is_used_but_never_below_three(known: Known) -> None:
    store = known.coordinator
    try:
        store.set_meta(SYNC_SUPPRESSION, "5")
        report = report_of(store, "2026-10")
        assert report.threshold == 5
        shown = values(report, "incidents_by_place")["sekolah"][0]
        assert isinstance(shown, Hidden) and str(shown) == "<5"
        store.set_meta(SYNC_SUPPRESSION, "1")
        assert report_of(store, "2026-10").threshold == 3
    finally:
        store.set_meta(SYNC_SUPPRESSION, "3")


def test_data_as_of_the_last_sync(known: Known) -> None:
    assert report_of(known.volunteer, "2026-10").data_as_of is None
    assert "belum pernah dikirim/diterima" in report_of(known.volunteer, "2026-10").info()[6][1]
    known.coordinator.set_meta(SYNC_LAST_SUCCESS, "2026-11-27T23:30:00Z")
    report = report_of(known.coordinator, "2026-10")
    assert report.data_as_of == dt.datetime(2026, 11, 28, 7, 30,
                                            tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert ("Data per (sinkronisasi terakhir)", "2026-11-28 07:30 WITA") in report.info()


# --- what the report may read, and where ---------------------------------------------------

def test_reports_never_read_a_sensitive_column_nor_write(known: Known) -> None:
    import sqlcipher3.dbapi2 as sqlite

    sensitive = {(cls.TABLE, name) for cls in RECORD_TYPES.values()
                 for name in sensitive_fields(cls)}
    reads: set[tuple[str, str]] = set()
    writes: list[int] = []

    def authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _source: Any) -> int:
        if action == sqlite.SQLITE_READ:
            reads.add((arg1, arg2))
        elif action in (sqlite.SQLITE_INSERT, sqlite.SQLITE_UPDATE, sqlite.SQLITE_DELETE):
            writes.append(action)
        return sqlite.SQLITE_OK

    conn = known.coordinator.db.conn
    conn.set_authorizer(authorizer)
    try:
        for period in ("2026-10", "2026-Q4", "2026", "2026-01-01..2026-10-31"):
            report_of(known.coordinator, period)
    finally:
        conn.set_authorizer(None)
    assert reads, "the authorizer saw nothing"
    assert not reads & sensitive
    assert ("incidents", "victim_age_group") in reads
    assert not writes


@pytest.mark.parametrize("kwargs, fragment", [
    ({"kelurahan": "64.71.01.1001"}, "di luar wilayah"),
    ({"rts": ["045"]}, "RT 045 di luar Kelurahan Muara Rapak"),
    ({"rts": ["abc"]}, "tidak sah"),
])
def test_a_coordinator_cannot_report_outside_its_area(known: Known, kwargs: dict[str, Any],
                                                      fragment: str) -> None:
    with pytest.raises(BadInput) as caught:
        resolve_scope(known.coordinator, **kwargs)
    assert fragment in caught.value.message_id


def test_a_volunteer_device_reports_its_own_rt_only(known: Known) -> None:
    with pytest.raises(BadInput, match="RT 001"):
        resolve_scope(known.volunteer, rts=["002"])
    with pytest.raises(BadInput, match="di luar wilayah"):
        resolve_scope(known.volunteer, kelurahan="64.71.03.1001")


def test_an_uptd_device_makes_no_summaries(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "u", os.urandom(32), role="uptd")
    try:
        with pytest.raises(BadInput, match="tidak membuat laporan"):
            resolve_scope(store)
    finally:
        store.close()


def test_a_period_in_the_future_is_refused(known: Known) -> None:
    scope = resolve_scope(known.coordinator)
    with pytest.raises(BadInput, match="belum dimulai"):
        build_report(known.coordinator, Period.month(2026, 12), scope, now=NOW)
    report = build_report(known.coordinator, Period.month(2026, 11), scope, now=NOW)
    assert any("belum selesai" in n.id for n in report.notes)
