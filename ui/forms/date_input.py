"""The date box of the forms and filters: a date typed day first (``17/08/2026``, ``17082026``,
``17-8-2026``) or picked from a calendar — the arrow inside the box, Alt+↓ or F4 — and the two
conversions every date box needs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, QRect, QRegularExpression, QSize, Qt, QTimer
from PySide6.QtGui import (
    QFocusEvent,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QStyle,
    QStyleOption,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.validation import today_wita
from ui.forms.field_base import FIRST_YEAR, LAST_YEAR, parse_date

__all__ = ["DateInput", "date_text", "qdate"]


def qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def date_text(value: dt.date) -> str:
    """A date as every date box shows it: 17/08/2026."""
    return value.strftime("%d/%m/%Y")


class DateInput(QLineEdit):
    """A date typed day first (``17/08/2026``, ``17082026``, ``17-8-2026``) or picked from a
    calendar: the arrow inside the box, Alt+↓ or F4.

    The text is the value (:func:`parse_date`): text that is no date stays as typed, so the form
    says it cannot read it. A QDateEdit cannot do that: it edits a date section by section (a
    "/" typed after a full day skips the month) and puts its last date back over text it cannot
    read — for an optional date, the empty "–", without a word.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"[\d/.\-]{0,10}"), self))
        self.calendar_action = self.addAction(_arrow_icon(self),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setDateRange(QDate(FIRST_YEAR, 1, 1), QDate(LAST_YEAR, 12, 31))
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)  # Enter
        layout = QVBoxLayout(self.popup)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)

    def calendarWidget(self) -> QCalendarWidget:  # noqa: N802 — QDateEdit's name
        return self.calendar

    def setDate(self, date: QDate) -> None:  # noqa: N802 — QDateEdit's name
        self.setText(date_text(dt.date(date.year(), date.month(), date.day())))

    def show_calendar(self) -> None:
        """Open the calendar on the typed date, or on today (Enter or a click picks, Esc
        closes)."""
        typed = parse_date(self.text())
        self.calendar.setSelectedDate(qdate(typed if isinstance(typed, dt.date)
                                             else today_wita()))
        size = self.popup.sizeHint()
        screen = self.screen().availableGeometry()
        below = self.mapToGlobal(QPoint(0, self.height()))
        above = self.mapToGlobal(QPoint(0, -size.height()))
        x = max(screen.left(), min(below.x(), screen.right() - size.width()))
        y = below.y() if below.y() + size.height() <= screen.bottom() else above.y()
        self.popup.move(x, y)
        self.popup.show()
        self.calendar.setFocus()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 — Qt's name
        super().focusInEvent(event)
        # Typing a date replaces the date shown, as typing into a number does: a QLineEdit
        # selects everything when Tab brings it focus, and now when a click does (once the
        # click has placed the cursor).
        if event.reason() == Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self, self.selectAll)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 — Qt's name
        # The keys a QDateEdit (and every combo box) opens its pop-up with.
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down
                and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _picked(self, date: QDate) -> None:
        self.popup.hide()
        self.setDate(date)


def _arrow_icon(widget: QWidget) -> QIcon:
    """The style's own drop-down arrow (a combo box's), for the date box's calendar button."""
    ratio = widget.devicePixelRatioF()
    size = QSize(16, 16)
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    option = QStyleOption()
    option.initFrom(widget)
    option.rect = QRect(QPoint(0, 0), size)
    painter = QPainter(pixmap)
    widget.style().drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorArrowDown, option, painter,
                                 widget)
    painter.end()
    return QIcon(pixmap)
