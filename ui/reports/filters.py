"""What a report covers: the period (bulan, triwulan, tahun or rentang khusus), the kelurahan
and the RTs. Plain widgets; the page fills the choices from the worker."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.reports import Period, last_month
from ui.date_box import DateBox
from ui.i18n import locale_for

__all__ = ["KINDS", "ReportFilters"]

KINDS = ("month", "quarter", "year", "custom")
_ROMAN = ("I", "II", "III", "IV")


class ReportFilters(QWidget):
    """Emits ``show_requested`` on "Tampilkan" (or Enter in a field)."""

    show_requested = Signal()

    def __init__(self, lang: str, today: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reportFilters")
        self.lang, self.today = lang, today
        self.own_rt: str | None = None  # a volunteer's laptop reports on its own RT only
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for code in KINDS:
            self.kind.addItem("", code)
        self.month = QComboBox()
        self.month.setObjectName("periodMonth")
        self.month_year = self._year_box("periodMonthYear")
        self.quarter = QComboBox()
        self.quarter.setObjectName("periodQuarter")
        self.quarter_year = self._year_box("periodQuarterYear")
        self.year = self._year_box("periodYear")
        self.start = self._date_box("periodStart")
        self.end = self._date_box("periodEnd")
        self.editors = QStackedWidget()
        self.editors.addWidget(self._pair(self.month, self.month_year))
        self.editors.addWidget(self._pair(self.quarter, self.quarter_year))
        self.editors.addWidget(self._pair(self.year))
        custom = QWidget()
        self.range_form = QFormLayout(custom)
        self.range_form.setContentsMargins(0, 0, 0, 0)
        self.start_label, self.end_label = QLabel(), QLabel()
        self.start_label.setBuddy(self.start)
        self.end_label.setBuddy(self.end)
        self.range_form.addRow(self.start_label, self.start)
        self.range_form.addRow(self.start.hint)
        self.range_form.addRow(self.end_label, self.end)
        self.range_form.addRow(self.end.hint)
        self.editors.addWidget(custom)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        self.kelurahan_label = QLabel()
        self.kelurahan = QComboBox()
        self.kelurahan.setObjectName("reportKelurahan")
        self.kelurahan_label.setBuddy(self.kelurahan)
        # One kelurahan (a volunteer's laptop, a kelurahan coordinator): said, not chosen.
        self.kelurahan_fixed = QLabel()
        self.kelurahan_fixed.setObjectName("reportKelurahanFixed")
        self.kelurahan_fixed.setWordWrap(True)
        self.kelurahan_fixed.hide()
        self.rt_label = QLabel()
        self.all_rts = QCheckBox()
        self.all_rts.setObjectName("allRts")
        self.all_rts.setChecked(True)
        self.all_rts.toggled.connect(self._all_toggled)
        self.rts = QListWidget()
        self.rts.setObjectName("reportRts")
        self.rts.setMaximumHeight(170)
        self.rts.setEnabled(False)
        self.rt_hint = QLabel()
        self.rt_hint.setProperty("role", "hint")
        self.rt_hint.setWordWrap(True)
        self.show_button = QPushButton()
        self.show_button.setObjectName("showReport")
        self.show_button.setProperty("role", "primary")
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.show_requested)

        self.period_label = QLabel()
        self.period_label.setBuddy(self.kind)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.period_label)
        layout.addWidget(self.kind)
        layout.addWidget(self.editors)
        layout.addSpacing(6)
        layout.addWidget(self.kelurahan_label)
        layout.addWidget(self.kelurahan)
        layout.addWidget(self.kelurahan_fixed)
        layout.addSpacing(6)
        layout.addWidget(self.rt_label)
        layout.addWidget(self.all_rts)
        layout.addWidget(self.rts)
        layout.addWidget(self.rt_hint)
        layout.addSpacing(6)
        layout.addWidget(self.show_button)
        layout.addStretch(1)
        self.retranslate(lang)
        self.set_period(last_month(today))

    def _year_box(self, name: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(2000, self.today.year)
        box.setGroupSeparatorShown(False)
        return box

    def _date_box(self, name: str) -> DateBox:
        # No period past today: the report would count days that have not happened.
        box = DateBox(self.today, minimum=dt.date(2000, 1, 1), maximum=self.today)
        box.setObjectName(name)
        return box

    @staticmethod
    def _pair(*widgets: QWidget) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for i, widget in enumerate(widgets):
            row.addWidget(widget, 2 if i == 0 and len(widgets) > 1 else 1)
        return holder

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        loc = locale_for(lang)
        self.title.setText(self.tr("Isi laporan"))
        self.period_label.setText(self.tr("Periode"))
        names = {"month": self.tr("Bulan"), "quarter": self.tr("Triwulan"),
                 "year": self.tr("Tahun"), "custom": self.tr("Rentang khusus")}
        for row, code in enumerate(KINDS):
            self.kind.setItemText(row, names[code])
        month = self.month.currentIndex()
        self.month.clear()
        self.month.addItems([loc.standaloneMonthName(m) for m in range(1, 13)])
        self.month.setCurrentIndex(max(month, 0))
        quarter = self.quarter.currentIndex()
        self.quarter.clear()
        for q in range(1, 5):
            first = loc.standaloneMonthName(3 * q - 2, loc.FormatType.ShortFormat)
            last = loc.standaloneMonthName(3 * q, loc.FormatType.ShortFormat)
            self.quarter.addItem(self.tr("Triwulan {0} ({1}–{2})").format(_ROMAN[q - 1], first,
                                                                        last))
        self.quarter.setCurrentIndex(max(quarter, 0))
        self.start_label.setText(self.tr("Dari"))
        self.end_label.setText(self.tr("Sampai"))
        self.start.retranslate(lang)
        self.end.retranslate(lang)
        self.kelurahan_label.setText(self.tr("Kelurahan"))
        self.rt_label.setText(self.tr("RT"))
        self.all_rts.setText(self.tr("Semua RT"))
        self.show_button.setText(self.tr("Tampilkan"))
        self._update_hint()

    # --- period ----------------------------------------------------------------------------------

    def _kind_changed(self, row: int) -> None:
        self.editors.setCurrentIndex(max(row, 0))
        self._update_hint()

    def set_period(self, period: Period) -> None:
        self.kind.setCurrentIndex(KINDS.index(period.kind))
        self.month.setCurrentIndex(period.start.month - 1)
        self.month_year.setValue(period.start.year)
        self.quarter.setCurrentIndex((period.start.month - 1) // 3)
        self.quarter_year.setValue(period.start.year)
        self.year.setValue(period.start.year)
        self.start.setDate(period.start)
        self.end.setDate(period.end)

    def period(self) -> Period:
        """:raises BadInput: a custom range that ends before it starts"""
        kind = self.kind.currentData()
        if kind == "month":
            return Period.month(self.month_year.value(), self.month.currentIndex() + 1)
        if kind == "quarter":
            return Period.quarter(self.quarter_year.value(), self.quarter.currentIndex() + 1)
        if kind == "year":
            return Period.year(self.year.value())
        # Enter runs the report without leaving the box: settle it first, so the box shows
        # (and its hint explains) the date the report uses.
        self.start.finish()
        self.end.finish()
        return Period.custom(self.start.value(), self.end.value())

    # --- kelurahan and RTs ------------------------------------------------------------------------

    def set_kelurahan_choices(self, choices: Sequence[tuple[str, str]]) -> None:
        """``choices``: (code, shown name). One choice: shown, not changeable."""
        current = self.kelurahan.currentData()
        self.kelurahan.blockSignals(True)
        self.kelurahan.clear()
        for code, name in choices:
            self.kelurahan.addItem(name, code)
        self.kelurahan.setCurrentIndex(max(self.kelurahan.findData(current), 0))
        self.kelurahan.blockSignals(False)
        self.kelurahan.setEnabled(len(choices) > 1)
        self.kelurahan.setVisible(len(choices) != 1)
        self.kelurahan_fixed.setText(choices[0][1] if len(choices) == 1 else "")
        self.kelurahan_fixed.setVisible(len(choices) == 1)
        self.kelurahan.currentIndexChanged.emit(self.kelurahan.currentIndex())

    def kelurahan_code(self) -> str | None:
        return self.kelurahan.currentData()

    def set_rts(self, rts: Sequence[str], *, own_rt: str | None = None) -> None:
        """The RTs to choose from; ``own_rt`` on a volunteer's laptop (its RT, nothing else)."""
        self.rts.clear()
        for rt in rts:
            item = QListWidgetItem(f"RT {rt}")
            item.setData(Qt.ItemDataRole.UserRole, rt)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.rts.addItem(item)
        self.own_rt = own_rt
        self.all_rts.setVisible(own_rt is None)
        self.rts.setVisible(own_rt is None)
        self.all_rts.setChecked(True)
        self.rts.setEnabled(False)
        self._update_hint()

    def _all_toggled(self, checked: bool) -> None:
        self.rts.setEnabled(not checked)
        self._update_hint()

    def selected_rts(self) -> list[str]:
        """Empty: every RT of the kelurahan (or, on a volunteer's laptop, its own)."""
        if self.own_rt is not None or self.all_rts.isChecked():
            return []
        return [self.rts.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.rts.count())
                if self.rts.item(i).checkState() == Qt.CheckState.Checked]

    def _update_hint(self) -> None:
        if self.own_rt is not None:
            text = self.tr("Laptop relawan melaporkan RT {0} saja.").format(self.own_rt)
        elif not self.all_rts.isChecked():
            text = self.tr("Sebagian RT: hanya sesi dan peserta. Angka kasus hanya untuk "
                           "seluruh kelurahan.")
        elif self.kind.currentData() == "custom":
            text = self.tr("Rentang khusus: hanya sesi dan peserta. Angka kasus hanya untuk "
                           "bulan, triwulan atau tahun.")
        else:
            text = ""
        self.rt_hint.setText(text)
        self.rt_hint.setVisible(bool(text))
