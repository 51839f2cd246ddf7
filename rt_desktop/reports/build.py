"""Putting a report together: the tables of a period and scope, read from the local store."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rt_desktop import __version__
from rt_desktop.reports import queries
from rt_desktop.reports.incidents import build_grid, incident_tables
from rt_desktop.reports.model import Column, Note, Report, ReportScope, ReportTable, Row, TrendPoint
from rt_desktop.reports.periods import Period, check_period, month_label
from rt_desktop.reports.scope import known_rts
from rt_desktop.reports.sessions import (
    attendance_table,
    sessions_per_rt_table,
    silent_rts_table,
    topics_table,
)
from rt_desktop.reports.suppression import threshold_from
from rt_desktop.store.sync_meta import SYNC_LAST_SUCCESS, SYNC_SUPPRESSION
from rt_desktop.validation import WITA

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["build_report", "last_sync", "suppression_threshold"]

SUPPRESSION_NOTE = Note(
    "Kerahasiaan: angka kasus {low} sampai {high} ditampilkan sebagai “<{t}”; sel “x” "
    "disembunyikan agar angka “<{t}” tidak dapat dihitung dari jumlah. Angka sesi dan peserta "
    "tidak disembunyikan. Kasus dihitung menurut tanggal lapor.",
    "Confidentiality: case counts from {low} to {high} show as “<{t}”; cells marked “x” are "
    "hidden so that a “<{t}” cannot be worked out from the totals. Session and attendance "
    "counts are never hidden. Cases are counted by the date they were reported.")
CUSTOM_NOTE = Note(
    "Rentang tanggal bebas hanya memuat sesi dan peserta. Angka kasus hanya untuk bulan, "
    "triwulan atau tahun kalender: dua rentang yang bertumpuk dapat dikurangkan satu sama lain "
    "untuk membuka angka kecil.",
    "A custom date range shows sessions and attendance only. Case counts are given for calendar "
    "months, quarters and years only: two overlapping ranges could be subtracted from each other "
    "to reveal a small count.")
RT_SELECTION_NOTE = Note(
    "Pilihan sebagian RT hanya memuat sesi dan peserta. Angka kasus hanya untuk seluruh "
    "kelurahan: dua pilihan RT yang berbeda dapat dikurangkan satu sama lain untuk membuka "
    "angka kecil.",
    "A selection of RTs shows sessions and attendance only. Case counts are given for the whole "
    "kelurahan only: two different selections could be subtracted from each other to reveal a "
    "small count.")


def suppression_threshold(store: Store) -> int:
    """The threshold the server admin set (sent at each sync); 3 until then, never below 3."""
    return threshold_from(store.meta(SYNC_SUPPRESSION))


def last_sync(store: Store) -> dt.datetime | None:
    """When this device last synced successfully (WITA), or ``None`` if it never has."""
    text = store.meta(SYNC_LAST_SUCCESS)
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(WITA)


def build_report(store: Store, period: Period, scope: ReportScope, *,
                 now: dt.datetime | None = None) -> Report:
    """The report of ``period`` over ``scope`` (from :func:`rt_desktop.reports.resolve_scope`).

    Reads the store only (a few aggregate queries); safe to run on a worker thread while
    nothing else uses the same connection.

    :raises BadInput: a period that has not started yet
    """
    now = (now or dt.datetime.now(dt.UTC)).astimezone(WITA)
    check_period(period, now.date())
    kel, rts = scope.kelurahan_code, scope.rts
    threshold = suppression_threshold(store)

    months = period.trend_months()
    first_month = dt.date(months[0][0], months[0][1], 1)
    first = period.start if period.kind == "custom" else first_month
    summary = queries.session_summary(store, kel, rts, first, period.start, period.end)
    per_rt, per_month = summary.per_rt, summary.per_month
    known, configured = known_rts(store, kel)
    listed = sorted(set(rts or known) | set(per_rt))
    sessions = sum(c.sessions for c in per_rt.values())
    topics = summary.topics
    silent = [rt for rt in listed if rt not in per_rt]
    last_before = queries.last_session_before(store, kel, silent, period.start) if silent else {}
    tables: list[ReportTable] = [
        sessions_per_rt_table(per_rt, listed),
        attendance_table(per_rt),
        topics_table(topics, sessions),
        silent_rts_table(silent, last_before, configured=configured or scope.own_rt,
                         start=period.start),
    ]

    notes: list[Note] = []
    included = period.allows_incidents and scope.allows_incidents
    grid = None
    if included:
        grid = build_grid(period.end.year, queries.incident_counts(
            store, kel, rts, period.end.year), threshold)
        tables += incident_tables(grid, period)
        low, high = 1, threshold - 1
        notes.append(Note(SUPPRESSION_NOTE.id.format(low=low, high=high, t=threshold),
                          SUPPRESSION_NOTE.en.format(low=low, high=high, t=threshold)))
    else:
        notes.append(CUSTOM_NOTE if not period.allows_incidents else RT_SELECTION_NOTE)
    if period.end > now.date():
        day = now.date().strftime("%d/%m/%Y")  # as every date the volunteer types
        notes.append(Note(f"Periode belum selesai: data sampai {day}.",
                          f"The period is not over yet: data up to {day}."))

    trend = tuple(TrendPoint(
        year, month, month_label(year, month, "id"), month_label(year, month, "en"),
        *per_month.get(f"{year:04d}-{month:02d}", (0, 0)),
        grid.month_total(month) if grid is not None else None) for year, month in months)
    tables.append(_trend_table(trend, included, custom=period.kind == "custom"))
    return Report(period, scope, now, last_sync(store), __version__, threshold, included,
                  tuple(tables), trend, tuple(notes))


def _trend_table(trend: tuple[TrendPoint, ...], included: bool, *, custom: bool) -> ReportTable:
    columns = [Column("sessions", "Jumlah sesi", "Sessions"),
               Column("attendees", "Jumlah peserta", "Attendees")]
    if included:
        columns.append(Column("cases", "Jumlah kasus", "Cases"))
    rows = tuple(Row(f"{p.year:04d}-{p.month:02d}", p.label_id, p.label_en,
                     (p.sessions, p.attendees, *((p.incidents,) if included else ())))
                 for p in trend)
    return ReportTable("trend", "trend", "Tren bulanan", "Monthly trend", "Tren bulanan",
                       "Monthly trend", "Bulan", "Month", tuple(columns), rows,
                       (_TREND_CUSTOM if custom else _TREND_CALENDAR,))


_TREND_CALENDAR = Note("Bulan-bulan tahun itu, dari Januari sampai akhir periode.",
                       "The months of that year, from January to the end of the period.")
_TREND_CUSTOM = Note("Bulan-bulan yang tercakup rentang tanggal (hanya hari di dalam rentang).",
                     "The months the range touches (only the days inside the range).")
