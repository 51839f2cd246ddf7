"""Report data from a store with KNOWN data (tests/core/known_reports.py): every number
against hand-computed expectations — sessions exactly, incidents with small numbers hidden."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from rt_desktop.reports import (
    Hidden,
)
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import SYNC_LAST_SUCCESS, SYNC_SUPPRESSION
from tests.core.known_reports import EXPECTED, KEL, KEY, Known, check_cell, report_of, values

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
    assert report_of(known.volunteer, "2026-10").info()[6][1] == (
        "belum pernah (hanya data di laptop ini)")
    known.coordinator.set_meta(SYNC_LAST_SUCCESS, "2026-11-27T23:30:00Z")
    report = report_of(known.coordinator, "2026-10")
    assert report.data_as_of == dt.datetime(2026, 11, 28, 7, 30,
                                            tzinfo=dt.timezone(dt.timedelta(hours=8)))
    assert ("Data per (sinkronisasi terakhir)", "2026-11-28 07:30 WITA") in report.info()
