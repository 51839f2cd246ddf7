"""Report periods: a calendar month, quarter or year, or a custom range of days.

Incident tables are offered only for calendar periods (:attr:`Period.allows_incidents`): two
overlapping custom ranges could be subtracted from each other to reveal a small count
(issue 5). A custom range reports sessions and attendance only.

Text forms (the ``--period`` option): ``2026-11``, ``2026-Q4``, ``2026``,
``2026-01-01..2026-03-31``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from rt_desktop.errors import BadInput

__all__ = [
    "MONTHS_ID", "MONTHS_EN", "PeriodKind", "Period", "parse_period", "check_period",
    "last_month", "month_label",
]

PeriodKind = Literal["month", "quarter", "year", "custom"]

MONTHS_ID = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")
_SHORT_ID = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")
_SHORT_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ROMAN = ("I", "II", "III", "IV")

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

_FORMS_ID = "2026-11 (bulan), 2026-Q4 (triwulan), 2026 (tahun) atau 2026-01-01..2026-03-31"
_FORMS_EN = "2026-11 (month), 2026-Q4 (quarter), 2026 (year) or 2026-01-01..2026-03-31"


@dataclass(frozen=True)
class Period:
    """An inclusive range of days, with what kind of period it is."""

    kind: PeriodKind
    start: dt.date
    end: dt.date

    # --- constructors ----------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", dt.date(year, month, 1),
                   dt.date(year, month, calendar.monthrange(year, month)[1]))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter must be 1..4, not {quarter}")
        first = 3 * quarter - 2
        return cls("quarter", dt.date(year, first, 1),
                   dt.date(year, first + 2, calendar.monthrange(year, first + 2)[1]))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls("year", dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        """:raises BadInput: if ``end`` is before ``start``"""
        if end < start:
            raise BadInput(
                f"Akhir periode ({end.isoformat()}) sebelum awalnya ({start.isoformat()}).",
                f"The period ends ({end.isoformat()}) before it starts ({start.isoformat()}).")
        return cls("custom", start, end)

    # --- what it is --------------------------------------------------------------------------

    @property
    def allows_incidents(self) -> bool:
        """Incident tables only for calendar periods (custom ranges could be subtracted)."""
        return self.kind != "custom"

    @property
    def code(self) -> str:
        """The text form, as ``--period`` takes it (``2026-11``, ``2026-Q4``, ``2026``, …)."""
        if self.kind == "month":
            return f"{self.start.year}-{self.start.month:02d}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month + 2) // 3}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def label(self, lang: str = "id") -> str:
        """``November 2026``, ``Triwulan IV 2026``, ``Tahun 2026``, ``1 Jan–31 Mar 2026``."""
        year = self.start.year
        if self.kind == "month":
            return month_label(year, self.start.month, lang)
        if self.kind == "quarter":
            q = (self.start.month + 2) // 3
            return f"Q{q} {year}" if lang == "en" else f"Triwulan {_ROMAN[q - 1]} {year}"
        if self.kind == "year":
            return f"Year {year}" if lang == "en" else f"Tahun {year}"
        short = _SHORT_EN if lang == "en" else _SHORT_ID
        last = f"{self.end.day} {short[self.end.month - 1]} {self.end.year}"
        if self.start == self.end:
            return last
        first = f"{self.start.day} {short[self.start.month - 1]}"
        if self.start.year != self.end.year:
            first += f" {self.start.year}"
        return f"{first}–{last}"

    def months(self) -> list[tuple[int, int]]:
        """``(year, month)`` of every calendar month the period touches, in order."""
        out = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def trend_months(self) -> list[tuple[int, int]]:
        """The months of the trend chart: for a calendar period, its year from January up to
        the period's last month (year to date); for a custom range, the months it touches."""
        if self.kind == "custom":
            return self.months()
        return [(self.end.year, m) for m in range(1, self.end.month + 1)]

    def __str__(self) -> str:
        return self.code


def month_label(year: int, month: int, lang: str = "id") -> str:
    return f"{(MONTHS_EN if lang == 'en' else MONTHS_ID)[month - 1]} {year}"


def _bad(text: str, why_id: str, why_en: str) -> BadInput:
    return BadInput(f"Periode “{text}” tidak sah: {why_id}. Pakai {_FORMS_ID}.",
                    f"Period “{text}” is not valid: {why_en}. Use {_FORMS_EN}.")


def _day(text: str, whole: str) -> dt.date:
    if not _DAY.match(text):
        raise _bad(whole, f"“{text}” bukan tanggal TTTT-BB-HH",
                   f"“{text}” is not a YYYY-MM-DD date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _bad(whole, f"tanggal {text} tidak ada", f"there is no date {text}") from None


def parse_period(text: str, *, today: dt.date | None = None) -> Period:
    """A period from its text form; with ``today``, also refuses a period entirely in the future.

    :raises BadInput: empty, malformed, an empty range, an end before the start, a period that
        has not started yet
    """
    raw = (text or "").strip()
    if not raw:
        raise BadInput(f"Periode belum diisi. Pakai {_FORMS_ID}.",
                       f"No period given. Use {_FORMS_EN}.")
    period: Period
    if ".." in raw:
        first, _, last = (part.strip() for part in raw.partition(".."))
        if not first or not last:
            raise _bad(raw, "rentang tanggal perlu awal dan akhir",
                       "a range needs a first and a last day")
        period = Period.custom(_day(first, raw), _day(last, raw))
    elif m := _MONTH.match(raw):
        if not 1 <= int(m.group(2)) <= 12:
            raise _bad(raw, "bulan harus 1 sampai 12", "the month must be 1 to 12")
        period = Period.month(int(m.group(1)), int(m.group(2)))
    elif m := _QUARTER.match(raw):
        period = Period.quarter(int(m.group(1)), int(m.group(2)))
    elif m := _YEAR.match(raw):
        period = Period.year(int(m.group(1)))
    else:
        raise _bad(raw, "bentuknya tidak dikenal", "the form is not recognised")
    if period.start.year < 2000:
        raise _bad(raw, "tahun sebelum 2000", "a year before 2000")
    if today is not None:
        check_period(period, today)
    return period


def check_period(period: Period, today: dt.date) -> None:
    """:raises BadInput: if the period starts after ``today`` (nothing can be in it yet)"""
    if period.start > today:
        raise BadInput(
            f"Periode {period.label('id')} belum dimulai (hari ini {today.isoformat()}); "
            "pilih periode yang sudah berjalan.",
            f"The period {period.label('en')} has not started yet (today is "
            f"{today.isoformat()}); choose one that has.")


def last_month(today: dt.date) -> Period:
    """The calendar month before ``today``'s: what a coordinator reports on each month."""
    first = today.replace(day=1) - dt.timedelta(days=1)
    return Period.month(first.year, first.month)
