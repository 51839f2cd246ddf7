"""What a report is made of: tables of rows and cells, a monthly trend, and the facts around it.

These values are all the Laporan screen, the chart and every writer (XLSX, CSV, the UI's PDF)
need; none of them touches the database again. A suppressed incident count is a
:class:`Hidden` cell, never the number: the number does not leave :mod:`.incidents`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from rt_desktop.reports.periods import Period

__all__ = [
    "COMPLEMENT_MARK", "Hidden", "Value", "Column", "Row", "ReportTable", "TrendPoint",
    "ReportScope", "Report", "cell_text", "Note",
]

#: How a cell hidden to protect another one is shown (its value is not small; it is hidden so
#: that a "<3" cell cannot be worked out from the totals).
COMPLEMENT_MARK = "x"


@dataclass(frozen=True)
class Hidden:
    """A suppressed incident count: ``small`` (1 to threshold−1, shown ``<3``) or
    ``complement`` (hidden so that a small one cannot be recovered, shown ``x``)."""

    reason: Literal["small", "complement"]
    threshold: int

    def text(self) -> str:
        return f"<{self.threshold}" if self.reason == "small" else COMPLEMENT_MARK

    def __str__(self) -> str:
        return self.text()


#: A cell: a count, a suppressed count, a text (a date), or ``None`` (shown empty).
Value = int | Hidden | str | None


def cell_text(value: Value) -> str:
    """A cell as text: ``12``, ``<3``, ``x`` or ``""``."""
    if value is None:
        return ""
    return str(value)


@dataclass(frozen=True)
class Note:
    """A sentence shown with a report or a table, in both languages."""

    id: str
    en: str

    def text(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True)
class Column:
    """A column of counts (the row label column is not a :class:`Column`)."""

    key: str
    label_id: str
    label_en: str

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class Row:
    key: str  # a stable code: an RT ("007"), a vocabulary code ("fisik"), a month ("2026-11")
    label_id: str
    label_en: str
    values: tuple[Value, ...]
    is_total: bool = False

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class ReportTable:
    """One table of the report. ``kind`` is ``sessions`` (never suppressed), ``incidents``
    (small counts hidden) or ``trend`` (sessions and attendees per month, and cases when the
    report has them, hidden like every case count)."""

    key: str  # stable English identifier, e.g. "incidents_by_place"
    kind: Literal["sessions", "incidents", "trend"]
    title_id: str
    title_en: str
    short_id: str  # sheet / file name, at most 31 characters
    short_en: str
    row_header_id: str
    row_header_en: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    notes: tuple[Note, ...] = ()

    def title(self, lang: str = "id") -> str:
        return self.title_en if lang == "en" else self.title_id

    def short(self, lang: str = "id") -> str:
        return self.short_en if lang == "en" else self.short_id

    def row_header(self, lang: str = "id") -> str:
        return self.row_header_en if lang == "en" else self.row_header_id

    def header(self, lang: str = "id") -> list[str]:
        return [self.row_header(lang), *(c.label(lang) for c in self.columns)]

    def text_rows(self, lang: str = "id") -> list[list[str]]:
        """Every row as text, label first (what the CSV holds)."""
        return [[row.label(lang), *(cell_text(v) for v in row.values)] for row in self.rows]

    def row(self, key: str) -> Row:
        """:raises KeyError: no row with that key"""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def value(self, row_key: str, column_key: str) -> Value:
        index = [c.key for c in self.columns].index(column_key)
        return self.row(row_key).values[index]


@dataclass(frozen=True)
class TrendPoint:
    """One month of the trend chart. ``incidents`` is ``None`` when the report has no
    incident figures (a custom range, or an RT selection)."""

    year: int
    month: int
    label_id: str
    label_en: str
    sessions: int
    attendees: int
    incidents: Value

    def label(self, lang: str = "id") -> str:
        return self.label_en if lang == "en" else self.label_id


@dataclass(frozen=True)
class ReportScope:
    """Whose data a report covers: one kelurahan, all of its RTs or some of them."""

    kelurahan_code: str
    kelurahan_name: str
    kecamatan_code: str
    kecamatan_name: str
    rts: tuple[str, ...] = ()  # empty: every RT of the kelurahan
    #: a volunteer's device reporting on its own RT: incidents allowed for that one RT
    own_rt: bool = False

    @property
    def whole_kelurahan(self) -> bool:
        return not self.rts

    @property
    def allows_incidents(self) -> bool:
        """Incident figures for the whole kelurahan, or on a volunteer's device for its own RT.
        Any other RT selection could be subtracted from another (RT 1+2 minus RT 1)."""
        return self.whole_kelurahan or self.own_rt

    def rt_label(self, lang: str = "id") -> str:
        if not self.rts:
            return "All RTs" if lang == "en" else "Semua RT"
        return ", ".join(f"RT {rt}" for rt in self.rts)


@dataclass(frozen=True)
class Report:
    """A finished report: everything a screen or a writer shows, nothing it must look up."""

    period: Period
    scope: ReportScope
    generated_at: dt.datetime  # aware, WITA
    data_as_of: dt.datetime | None  # last successful sync (aware, WITA); None: never synced
    app_version: str
    threshold: int
    incidents_included: bool
    tables: tuple[ReportTable, ...]
    trend: tuple[TrendPoint, ...]
    notes: tuple[Note, ...] = field(default=())

    def table(self, key: str) -> ReportTable:
        """:raises KeyError: no such table in this report"""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def data_as_of_text(self, lang: str = "id") -> str:
        if self.data_as_of is None:
            return ("never (this laptop's data only)" if lang == "en"
                    else "belum pernah (hanya data di laptop ini)")
        return _wita(self.data_as_of)

    def info(self, lang: str = "id") -> list[tuple[str, str]]:
        """The facts of the Info sheet / the PDF's header, as (label, value) pairs."""
        en = lang == "en"
        s = self.scope
        rows = [
            ("Kelurahan", f"{s.kelurahan_name} ({s.kelurahan_code})"),
            ("Kecamatan", f"{s.kecamatan_name} ({s.kecamatan_code})"),
            ("RT", s.rt_label(lang)),
            ("Period" if en else "Periode", self.period.label(lang)),
            ("Dates" if en else "Tanggal",
             f"{self.period.start.isoformat()} – {self.period.end.isoformat()}"),
            ("Generated at" if en else "Dibuat pada", _wita(self.generated_at)),
            ("Data as of (last sync)" if en else "Data per (sinkronisasi terakhir)",
             self.data_as_of_text(lang)),
            ("App version" if en else "Versi aplikasi", self.app_version),
        ]
        rows += [("Note" if en else "Catatan", note.text(lang)) for note in self.notes]
        return rows


def _wita(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") + " WITA"
