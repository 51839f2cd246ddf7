"""Sesi Lautan RT: every session of this RT, newest first — searchable, filtered by period and
topic, sorted by date, venue or number of attendees, 100,000 rows paged in as the list scrolls.

Sessions hold no personal names by design; the list shows date, venue, topics, the number of
attendees and whether the session has reached the city server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QVBoxLayout, QWidget

from rt_desktop import enums
from rt_desktop.records import ParentingSession, field_specs
from rt_desktop.store import queries
from rt_desktop.store.queries import SessionQuery
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.date_box import DateBox
from ui.i18n import locale_for
from ui.list_page import ListPage, fill_combo
from ui.models import Cell, PagedTableModel, format_date
from ui.sync_state import sync_state_icon, sync_state_label

__all__ = ["SessionListModel", "SessionListPage"]

_SPECS = field_specs(ParentingSession)
CUSTOM = "custom"


class SessionListModel(PagedTableModel):
    COL_DATE, COL_VENUE, COL_TOPICS, COL_ATTENDEES, COL_SYNC = range(5)
    COLUMN_COUNT = 5
    RECORD_TYPE = ParentingSession.TYPE
    # Columns that sort, with the SQL order each stands for.
    SORTS: ClassVar[dict[int, str]] = {COL_DATE: "date", COL_VENUE: "venue",
                                       COL_ATTENDEES: "attendees"}

    load_page = staticmethod(queries.session_page)
    load_count = staticmethod(queries.session_count)

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(ctx, SessionQuery(), parent)

    def header(self, column: int) -> str:
        if column == self.COL_DATE:
            return _SPECS["session_date"].label(self.lang)
        if column == self.COL_VENUE:
            return _SPECS["venue"].label(self.lang)
        if column == self.COL_TOPICS:
            return _SPECS["topics"].label(self.lang)
        if column == self.COL_ATTENDEES:
            return self.tr("Jumlah peserta")
        return self.tr("Status kirim")

    def cells(self, row: dict[str, Any]) -> list[Cell]:
        lang = self.lang
        date: dt.date = row["session_date"]
        topics = ", ".join(enums.TOPICS.label(code, lang) for code in row["topics"])
        state = row["sync_state"]
        return [
            Cell(format_date(date, self.ctx.lang), date.isoformat()),
            Cell(row["venue"] or "–", row["venue"] or "", tooltip=row["venue"]),
            Cell(topics or "–", topics, tooltip=topics or None),
            Cell(locale_for(self.ctx.lang).toString(int(row["attendees"])), row["attendees"],
                 align_right=True),
            Cell(sync_state_label(state), state, tooltip=sync_state_label(state),
                 icon=sync_state_icon(state)),
        ]

    def sorted_query(self, column: int, descending: bool) -> SessionQuery | None:
        sort = self.SORTS.get(column)
        if sort is None:
            return None
        return dataclasses.replace(self.query, sort=sort, descending=descending)

    def default_query(self, query: SessionQuery) -> SessionQuery:
        return dataclasses.replace(query, sort="date", descending=True)


class SessionListPage(ListPage):
    SHOWS = frozenset({ParentingSession.TYPE})
    STRETCH_COLUMN = SessionListModel.COL_TOPICS
    PERIODS: ClassVar[tuple[str, ...]] = (*queries.PERIODS, CUSTOM)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        self.model: SessionListModel
        super().__init__(ctx, SessionListModel(ctx), parent)
        self.setObjectName("sessionListPage")
        self.period = QComboBox()
        self.period.setObjectName("periodFilter")
        self.add_filter(self.period)
        today = today_wita()
        self.date_from = DateBox(today.replace(day=1))
        self.date_to = DateBox(today)
        for name, edit in (("dateFrom", self.date_from), ("dateTo", self.date_to)):
            edit.setObjectName(name)
            edit.setVisible(False)
            edit.dateChanged.connect(self.apply_filters)
            self.filters.addWidget(edit)
        # What a box could not read: under the filter row, across the page (a row of filters
        # leaves a message only a narrow column).
        page = self.layout()
        assert isinstance(page, QVBoxLayout)
        for edit in (self.date_from, self.date_to):
            page.insertWidget(page.indexOf(self.table), edit.hint)
        self.topic = QComboBox()
        self.topic.setObjectName("topicFilter")
        self.add_filter(self.topic)
        self.retranslate()
        self._show_sort()

    def retranslate(self) -> None:
        lang = self.lang
        self.search.setPlaceholderText(self.tr("Cari tempat, topik, narasumber, catatan…"))
        self.new_button.setText(self.tr("Catat sesi baru"))
        self.new_button.setToolTip(self.tr("Catat sesi baru (Ctrl+N)"))
        self.search.setToolTip(self.tr("Cari (Ctrl+F)"))
        fill_combo(self.period, [
            ("all", self.tr("Semua waktu")), ("this_month", self.tr("Bulan ini")),
            ("last_month", self.tr("Bulan lalu")), ("this_year", self.tr("Tahun ini")),
            (CUSTOM, self.tr("Pilih tanggal…"))])
        fill_combo(self.topic, [("", self.tr("Semua topik")),
                           *((c.code, c.label(lang)) for c in enums.TOPICS)])
        self.period.setToolTip(self.tr("Periode"))
        self.topic.setToolTip(_SPECS["topics"].label(lang))
        for edit, tip in ((self.date_from, self.tr("Dari tanggal")),
                          (self.date_to, self.tr("Sampai tanggal"))):
            edit.retranslate(lang)
            edit.setToolTip(tip)
        if self.model.total is not None:
            self._show_count(self.model.total)
        super().retranslate()

    def current_query(self) -> SessionQuery:
        period = self.period.currentData() or "all"
        start: dt.date | None
        end: dt.date | None
        if period == CUSTOM:
            first, last = self.date_from.value(), self.date_to.value()
            start, end = (first, last) if first <= last else (last, first)
        else:
            start, end = queries.period_range(period, today_wita())
        return SessionQuery(text=self.search.text(), date_from=start, date_to=end,
                            topic=self.topic.currentData() or None, sort=self.model.query.sort,
                            descending=self.model.query.descending)

    def apply_filters(self) -> None:
        custom = self.period.currentData() == CUSTOM
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)
        if not custom:
            self.date_from.hint.hide()
            self.date_to.hint.hide()
        super().apply_filters()

    def count_text(self, total: int) -> str:
        if total == 0:
            if self.model.query.filtered():
                return self.tr("Tidak ada sesi yang cocok. Ubah pencarian atau saringan.")
            return self.tr("Belum ada sesi. Tekan “Catat sesi baru” untuk mulai.")
        return self.tr("{0} sesi").format(self.ui_locale().toString(total))

    def column_samples(self) -> dict[int, str]:
        return {SessionListModel.COL_DATE: format_date(dt.date(2026, 9, 30), self.ctx.lang),
                SessionListModel.COL_VENUE: "Teras rumah Bu RT, Gang Melati",
                SessionListModel.COL_ATTENDEES: "9.999",
                SessionListModel.COL_SYNC: sync_state_label("pending")}

    def usual_sort(self) -> tuple[int, Qt.SortOrder]:
        return SessionListModel.COL_DATE, Qt.SortOrder.DescendingOrder

    def _natural_order(self, column: int) -> Qt.SortOrder:
        # A venue reads A–Z; dates and attendance from the most.
        if column == SessionListModel.COL_VENUE:
            return Qt.SortOrder.AscendingOrder
        return Qt.SortOrder.DescendingOrder

