"""Sesi Lautan RT: every field of a ParentingSession, attendance with a live total."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from rt_desktop.problems import Problem
from rt_desktop.records import ParentingSession
from ui.context import AppContext
from ui.forms.base import RecordForm
from ui.i18n import locale_for

__all__ = ["SessionForm"]

# (group label field pairs) — rows of the attendance grid: male | female
_ATTENDANCE_ROWS = (
    ("fathers", "mothers"),
    ("other_caregivers_male", "other_caregivers_female"),
    ("teens_male", "teens_female"),
    ("children_male", "children_female"),
)


class SessionForm(RecordForm):
    RECORD_CLASS = ParentingSession

    def __init__(self, ctx: AppContext, record_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, record_id, parent)

    def build_fields(self) -> None:
        self.when_box, grid = self.add_section()
        self.add_field("session_date", grid, 0, 0)
        times = QGridLayout()
        times.setHorizontalSpacing(16)
        self.add_field("start_time", times, 0, 0)
        self.add_field("end_time", times, 0, 1)
        times.setColumnStretch(2, 1)
        grid.addLayout(times, 0, 1)
        self.add_field("venue", grid, 1, 0, 2)

        self.topic_box, grid = self.add_section()
        self.add_field("topics", grid, 0, 0, 2)
        self.add_field("topic_other", grid, 1, 0, 2)
        self.add_field("facilitator", grid, 2, 0)
        self.add_field("facilitator_org", grid, 2, 1)

        self.attendance_box, grid = self.add_section()
        for row, pair in enumerate(_ATTENDANCE_ROWS):
            for col, name in enumerate(pair):
                self.add_field(name, grid, row, col)
        self.total_label = QLabel()
        self.total_label.setObjectName("attendanceTotal")
        font = self.total_label.font()
        font.setBold(True)
        self.total_label.setFont(font)
        grid.addWidget(self.total_label, len(_ATTENDANCE_ROWS), 0, 1, 2)
        self.total_message = QLabel()
        self.total_message.setObjectName("totalMessage")
        self.total_message.setWordWrap(True)
        self.total_message.setStyleSheet("color: #b3261e;")
        self.total_message.hide()
        grid.addWidget(self.total_message, len(_ATTENDANCE_ROWS) + 1, 0, 1, 2)
        self.add_field("elements_present", grid, len(_ATTENDANCE_ROWS) + 2, 0, 2)

        self.notes_box, grid = self.add_section()
        self.add_field("summary", grid, 0, 0, 2)
        self.add_field("follow_up", grid, 1, 0, 2)
        self.body.addStretch(1)

    def retranslate_form(self) -> None:
        if self.record_id is None:
            self.title.setText(self.tr("Sesi Lautan RT baru"))
            self.subtitle.setText("")
        else:
            date = self._loaded.session_date  # type: ignore[attr-defined]
            when = locale_for(self.ctx.lang).toString(
                QDate(date.year, date.month, date.day), "d MMMM yyyy") if date else ""
            self.title.setText(self.tr("Sesi Lautan RT {0}").format(when).strip())
            self.subtitle.setText(self.tr("Tersimpan di laptop ini"))
        self.when_box.setTitle(self.tr("Waktu dan tempat"))
        self.topic_box.setTitle(self.tr("Materi dan narasumber"))
        self.attendance_box.setTitle(self.tr("Peserta yang hadir"))
        self.notes_box.setTitle(self.tr("Catatan sesi"))
        self._show_total()

    def update_dependents(self, changed: str | None = None) -> None:
        if changed in (None, "topics"):
            self.set_active("topic_other", "lainnya" in self.field_value("topics"))
        if changed is None or changed in ParentingSession.ATTENDANCE_FIELDS:
            self._show_total()

    def total(self) -> int:
        return sum(max(self.field_value(n) or 0, 0) for n in ParentingSession.ATTENDANCE_FIELDS)

    def _show_total(self) -> None:
        number = locale_for(self.ctx.lang).toString(self.total())
        self.total_label.setText(self.tr("Jumlah peserta: {0} orang").format(number))

    def show_other_problems(self, problems: list[Problem]) -> None:
        # The record as a whole (the total of all groups) speaks under the total.
        from ui.i18n import data_language

        lang = data_language(self.ctx.lang)
        shown = [p.message(lang) for p in problems
                 if any(self.touched(n) for n in ParentingSession.ATTENDANCE_FIELDS)]
        text = "\n".join(shown)
        if self.total_message.text() != text:
            self.total_message.setText(text)
        if self.total_message.isVisibleTo(self) != bool(shown):
            self.total_message.setVisible(bool(shown))
