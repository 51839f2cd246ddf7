"""Report periods as a coordinator types them: month, quarter, year, custom range."""

from __future__ import annotations

import datetime as dt

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.reports import Period, last_month, parse_period

TODAY = dt.date(2026, 11, 28)


@pytest.mark.parametrize("text, kind, start, end, label_id, label_en", [
    ("2026-11", "month", "2026-11-01", "2026-11-30", "November 2026", "November 2026"),
    ("2024-2", "month", "2024-02-01", "2024-02-29", "Februari 2024", "February 2024"),
    ("2026-Q4", "quarter", "2026-10-01", "2026-12-31", "Triwulan IV 2026", "Q4 2026"),
    ("2026-q1", "quarter", "2026-01-01", "2026-03-31", "Triwulan I 2026", "Q1 2026"),
    ("2026", "year", "2026-01-01", "2026-12-31", "Tahun 2026", "Year 2026"),
    (" 2026-01-01..2026-03-31 ", "custom", "2026-01-01", "2026-03-31", "1 Jan–31 Mar 2026",
     "1 Jan–31 Mar 2026"),
    ("2025-12-15..2026-01-15", "custom", "2025-12-15", "2026-01-15", "15 Des 2025–15 Jan 2026",
     "15 Dec 2025–15 Jan 2026"),
    ("2026-08-17..2026-08-17", "custom", "2026-08-17", "2026-08-17", "17 Agu 2026",
     "17 Aug 2026"),
])
def test_parse_and_label(text: str, kind: str, start: str, end: str, label_id: str,
                         label_en: str) -> None:
    period = parse_period(text, today=TODAY)
    assert (period.kind, period.start.isoformat(), period.end.isoformat()) == (kind, start, end)
    assert period.label("id") == label_id
    assert period.label("en") == label_en
    assert parse_period(period.code) == period
    assert period.allows_incidents == (kind != "custom")


@pytest.mark.parametrize("text, fragment", [
    ("", "belum diisi"),
    ("   ", "belum diisi"),
    ("2026-13", "bulan harus 1 sampai 12"),
    ("2026-Q5", "tidak dikenal"),
    ("November 2026", "tidak dikenal"),
    ("26-11", "tidak dikenal"),
    ("2026-01-01..", "awal dan akhir"),
    ("..2026-01-31", "awal dan akhir"),
    ("2026-02-30..2026-03-01", "tidak ada"),
    ("2026/01/01..2026/02/01", "bukan tanggal"),
    ("2026-03-31..2026-01-01", "sebelum awalnya"),
    ("2026-12", "belum dimulai"),
    ("2027", "belum dimulai"),
    ("2026-11-29..2026-12-31", "belum dimulai"),
    ("1999", "sebelum 2000"),
])
def test_bad_periods_are_refused_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(BadInput) as caught:
        parse_period(text, today=TODAY)
    assert fragment in caught.value.message("id")
    assert caught.value.message("en") != caught.value.message("id")
    assert caught.value.exit_code == 2


def test_a_period_that_has_started_is_allowed() -> None:
    assert parse_period("2026-11", today=TODAY).end > TODAY
    assert parse_period("2026-11-28..2027-01-31", today=TODAY).kind == "custom"


def test_trend_months_run_from_january_to_the_period_end() -> None:
    assert Period.quarter(2026, 2).trend_months() == [(2026, m) for m in range(1, 7)]
    assert Period.month(2026, 1).trend_months() == [(2026, 1)]
    assert Period.custom(dt.date(2025, 11, 5), dt.date(2026, 1, 2)).trend_months() == [
        (2025, 11), (2025, 12), (2026, 1)]


def test_last_month_is_what_a_coordinator_reports_on() -> None:
    assert last_month(TODAY) == Period.month(2026, 10)
    assert last_month(dt.date(2026, 1, 3)) == Period.month(2025, 12)
