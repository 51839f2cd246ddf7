"""Kasus: every case of this RT, cases whose follow-up is overdue first, then the newest —
searchable (case code, kind of violence…), filtered by status, kind of violence and risk.

The list never shows who a case is about: a case is named by its pseudonymous code, and the
columns are the code, dates, kinds of violence, risk, status, the next follow-up and whether it
has reached the city server.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QComboBox, QWidget

from rt_desktop import enums
from rt_desktop.records import FollowUp, Incident, Referral, field_specs
from rt_desktop.store import queries
from rt_desktop.store.queries import IncidentQuery
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.list_page import ListPage, fill_combo
from ui.models import Cell, PagedTableModel, format_date
from ui.sync_state import sync_state_icon, sync_state_label

__all__ = ["IncidentListModel", "IncidentListPage", "OverdueRole"]

_SPECS = field_specs(Incident)
# True on every cell of a case whose next follow-up date has passed.
OverdueRole = Qt.ItemDataRole.UserRole + 4
OVERDUE_TEXT = QColor("#9f1d1d")
OVERDUE_FILL = QColor("#fde2e1")
# Risk levels that ask for action at once (DESIGN.md §3): drawn in the warning colours.
RISK_COLORS = {"tinggi": QColor("#b45309"), "darurat": QColor("#b91c1c")}


class IncidentListModel(PagedTableModel):
    (COL_CASE_CODE, COL_REPORTED, COL_VIOLENCE, COL_RISK, COL_STATUS, COL_NEXT_FOLLOW_UP,
     COL_SYNC) = range(7)
    COLUMN_COUNT = 7
    RECORD_TYPE = Incident.TYPE
    SORTS: ClassVar[dict[int, str]] = {
        COL_CASE_CODE: "case_code", COL_REPORTED: "reported_on", COL_RISK: "risk_level",
        COL_STATUS: "status", COL_NEXT_FOLLOW_UP: "next_follow_up_on"}

    load_page = staticmethod(queries.incident_page)
    load_count = staticmethod(queries.incident_count)

    def __init__(self, ctx: AppContext, parent: Any = None):
        super().__init__(ctx, IncidentQuery(today=today_wita()), parent)

    def header(self, column: int) -> str:
        if column == self.COL_NEXT_FOLLOW_UP:
            return field_specs(FollowUp)["next_follow_up_on"].label(self.lang)
        if column == self.COL_SYNC:
            return self.tr("Status kirim")
        name = {self.COL_CASE_CODE: "case_code", self.COL_REPORTED: "reported_on",
                self.COL_VIOLENCE: "violence_types", self.COL_RISK: "risk_level",
                self.COL_STATUS: "status"}[column]
        return _SPECS[name].label(self.lang)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == OverdueRole:
            if not index.isValid() or not 0 <= index.row() < len(self._rows):
                return None
            return bool(self._rows[index.row()].get("overdue"))
        return super().data(index, role)

    def cells(self, row: dict[str, Any]) -> list[Cell]:
        lang, ui_lang = self.lang, self.ctx.lang
        reported: dt.date = row["reported_on"]
        kinds = ", ".join(enums.VIOLENCE_TYPES.label(c, lang) for c in row["violence_types"])
        risk, status, state = row["risk_level"], row["status"], row["sync_state"]
        next_on: dt.date | None = row["next_follow_up_on"]
        if row["overdue"]:
            late = self.tr("terlambat")
            next_cell = Cell(f"{format_date(next_on, ui_lang)} · {late}", _iso(next_on),
                             tooltip=self.tr("Tindak lanjut sudah lewat tanggalnya."),
                             foreground=OVERDUE_TEXT, background=OVERDUE_FILL, bold=True)
        else:
            next_cell = Cell(format_date(next_on, ui_lang), _iso(next_on))
        return [
            Cell(row["case_code"] or "–", row["case_code"] or ""),
            Cell(format_date(reported, ui_lang), reported.isoformat()),
            Cell(kinds or "–", kinds, tooltip=kinds or None),
            Cell(enums.RISK_LEVELS.label(risk, lang) if risk else "–", risk,
                 foreground=RISK_COLORS.get(risk), bold=risk in RISK_COLORS),
            Cell(enums.CASE_STATUSES.label(status, lang) if status else "–", status),
            next_cell,
            Cell(sync_state_label(state), state, tooltip=sync_state_label(state),
                 icon=sync_state_icon(state)),
        ]

    def sorted_query(self, column: int, descending: bool) -> IncidentQuery | None:
        sort = self.SORTS.get(column)
        if sort is None:
            return None
        return dataclasses.replace(self.query, sort=sort, descending=descending)

    def default_query(self, query: IncidentQuery) -> IncidentQuery:
        return dataclasses.replace(query, sort="priority", descending=True)


def _iso(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


class IncidentListPage(ListPage):
    # A follow-up note moves the next date; a referral saved with its case may change its status.
    SHOWS = frozenset({Incident.TYPE, FollowUp.TYPE, Referral.TYPE})
    STRETCH_COLUMN = IncidentListModel.COL_VIOLENCE
    WHOLE_COLUMNS = (IncidentListModel.COL_CASE_CODE,)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        self.model: IncidentListModel
        super().__init__(ctx, IncidentListModel(ctx), parent)
        self.setObjectName("incidentListPage")
        self.status = QComboBox()
        self.status.setObjectName("statusFilter")
        self.violence = QComboBox()
        self.violence.setObjectName("violenceFilter")
        self.risk = QComboBox()
        self.risk.setObjectName("riskFilter")
        for combo in (self.status, self.violence, self.risk):
            self.add_filter(combo)
        self.retranslate()
        self._show_sort()

    def retranslate(self) -> None:
        lang = self.lang
        self.search.setPlaceholderText(self.tr("Cari kode kasus, jenis kekerasan, tempat…"))
        self.search.setToolTip(self.tr("Cari (Ctrl+F)"))
        self.new_button.setText(self.tr("Catat kasus baru"))
        self.new_button.setToolTip(self.tr("Catat kasus baru (Ctrl+N)"))
        for combo, everything, field, vocabulary in (
                (self.status, self.tr("Semua status"), "status", enums.CASE_STATUSES),
                (self.violence, self.tr("Semua jenis kekerasan"), "violence_types",
                 enums.VIOLENCE_TYPES),
                (self.risk, self.tr("Semua tingkat risiko"), "risk_level", enums.RISK_LEVELS)):
            fill_combo(combo, [("", everything), *((c.code, c.label(lang)) for c in vocabulary)])
            combo.setToolTip(_SPECS[field].label(lang))
        if self.model.total is not None:
            self._show_count(self.model.total)
        super().retranslate()

    def current_query(self) -> IncidentQuery:
        return IncidentQuery(
            text=self.search.text(), status=self.status.currentData() or None,
            violence_type=self.violence.currentData() or None,
            risk_level=self.risk.currentData() or None, sort=self.model.query.sort,
            descending=self.model.query.descending, today=today_wita())

    def count_text(self, total: int) -> str:
        if total == 0:
            if self.model.query.filtered():
                return self.tr("Tidak ada kasus yang cocok. Ubah pencarian atau saringan.")
            return self.tr("Belum ada kasus. Tekan “Catat kasus baru” untuk mencatat.")
        return self.tr("{0} kasus").format(self.ui_locale().toString(total))

    def column_samples(self) -> dict[int, str]:
        sample = format_date(dt.date(2026, 9, 30), self.ctx.lang)
        return {IncidentListModel.COL_CASE_CODE: "RT007-2026-K7QF-0012",
                IncidentListModel.COL_REPORTED: sample,
                IncidentListModel.COL_RISK: enums.RISK_LEVELS.label("darurat", self.lang),
                IncidentListModel.COL_STATUS: enums.CASE_STATUSES.label("ditangani_rt",
                                                                        self.lang),
                IncidentListModel.COL_NEXT_FOLLOW_UP: f"{sample} · {self.tr('terlambat')}",
                IncidentListModel.COL_SYNC: sync_state_label("pending")}

    def _natural_order(self, column: int) -> Qt.SortOrder:
        # Codes and statuses read in their order, the soonest follow-up first; dates and risk
        # from the newest / the most serious.
        if column in (IncidentListModel.COL_CASE_CODE, IncidentListModel.COL_STATUS,
                      IncidentListModel.COL_NEXT_FOLLOW_UP):
            return Qt.SortOrder.AscendingOrder
        return Qt.SortOrder.DescendingOrder
