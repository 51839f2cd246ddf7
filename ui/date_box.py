"""A filter's date: typed day first like every date in the forms, always a date for the query.

The report's custom period and the session list's "Pilih tanggal…" used QDateEdit, which edits a
date section by section: "05/10/2026" typed over 29/11/2026 became 05/11/2026 (a "/" after a full
day skips the month), "31/12/2025" became 30/11/2026 (the day clamped to the month shown). This
box is the forms' :class:`~ui.forms.date_input.DateInput` (same reading, same calendar), with what a
filter needs besides: a date at every moment, a lowest and highest date, and — when the text
cannot be used — the last good date back with a visible word about it (:attr:`DateBox.hint`).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QLabel, QWidget

from ui.forms.date_input import DateInput, date_text, qdate
from ui.forms.field_base import FIRST_YEAR, LAST_YEAR, parse_date
from ui.i18n import locale_for

__all__ = ["DateBox"]

Day = dt.date | QDate


def _pydate(day: Day) -> dt.date:
    return day.toPython() if isinstance(day, QDate) else day  # type: ignore[return-value]


class DateBox(DateInput):
    """A date for a filter, ``minimum``–``maximum``.

    The date changes (:attr:`dateChanged`) as soon as the text reads as a date in range, so a
    list filters while the user types. Leaving the box (or :meth:`finish`) settles what shows:
    a date written out in full; one out of range moved to the nearest allowed date; text that
    is no date replaced by the last good date. The last two say so in :attr:`hint`, which the
    owner places near the box, until the next good date.
    """

    # the date the box stands for changed (typed, picked or set)
    dateChanged = Signal(QDate)  # noqa: N815 — QDateEdit's name, which the filters used

    def __init__(self, day: Day, *, minimum: Day = dt.date(FIRST_YEAR, 1, 1),
                 maximum: Day = dt.date(LAST_YEAR, 12, 31), parent: QWidget | None = None):
        super().__init__(parent)
        self.minimum, self.maximum = _pydate(minimum), _pydate(maximum)
        self.calendar.setDateRange(qdate(self.minimum), qdate(self.maximum))
        self._good = self._clamp(_pydate(day))
        self.hint = QLabel()
        self.hint.setObjectName("dateBoxHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b3261e;")  # the forms' message colour
        self.hint.hide()
        self.setText(date_text(self._good))
        self.setMinimumWidth(125)
        self.textChanged.connect(self._typed)
        self.editingFinished.connect(self.finish)
        self.retranslate("id")

    def retranslate(self, lang: str) -> None:
        self.calendar.setLocale(locale_for(lang))
        self.setPlaceholderText(self.tr("hh/bb/tttt"))
        self.calendar_action.setToolTip(self.tr("Pilih dari kalender (Alt+↓)"))

    # --- QDateEdit's API, which the filters keep using -------------------------------------

    def date(self) -> QDate:
        """The date the filter uses now: the text's, if it reads (moved into range), else the
        last good one."""
        return qdate(self.value())

    def setDate(self, date: Day) -> None:  # noqa: N802 — QDateEdit's name
        self._say("")
        self.setText(date_text(self._clamp(_pydate(date))))

    # --- the rest ---------------------------------------------------------------------------

    def value(self) -> dt.date:
        typed = parse_date(self.text())
        return self._clamp(typed) if isinstance(typed, dt.date) else self._good

    def finish(self) -> None:
        """Show the date in use written out in full, and say why if it is not what was typed."""
        typed = parse_date(self.text())
        if isinstance(typed, dt.date):
            used = self._clamp(typed)
            if used < typed:
                self._say(self.tr("Paling lambat {0}.").format(date_text(used)))
            elif used > typed:
                self._say(self.tr("Paling awal {0}.").format(date_text(used)))
        else:
            used = self._good
            if self.text().strip():
                self._say(self.tr("“{0}” bukan tanggal yang bisa dibaca; tetap {1}. Ketik "
                                  "hari/bulan/tahun, misalnya 17/08/2026.")
                          .format(self.text().strip(), date_text(used)))
            else:
                self._say(self.tr("Tanggal tidak boleh kosong; tetap {0}.").format(date_text(used)))
        if self.text() != date_text(used):
            blocked = self.blockSignals(True)  # the date itself is already in use
            try:
                self.setText(date_text(used))
            finally:
                self.blockSignals(blocked)
        self._good = used

    def _typed(self, text: str) -> None:
        typed = parse_date(text)
        if not isinstance(typed, dt.date):
            return  # half a date ("17/0") is no change yet
        if self.minimum <= typed <= self.maximum:
            self._say("")
        if self._clamp(typed) != self._good:
            self._good = self._clamp(typed)
            self.dateChanged.emit(qdate(self._good))

    def _clamp(self, day: dt.date) -> dt.date:
        return min(max(day, self.minimum), self.maximum)

    def _say(self, text: str) -> None:
        self.hint.setText(text)
        # Only once the owner has placed it: a label without a parent would open as a window.
        self.hint.setVisible(bool(text) and self.hint.parentWidget() is not None)
        self.setAccessibleDescription(text)
