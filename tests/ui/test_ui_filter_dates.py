"""Dates typed into the filters — the Laporan's custom period and the session list's "Pilih
tanggal…" — mean what the coordinator typed, the way the forms read dates: 05/10/2026,
5/1/2026, 1-2-2026, 17082026. Text that is no date, or a date past today in a report, never
passes silently: the box puts back a date it can use and says why under (or beside) it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.reports.filters import ReportFilters
from ui.sessions.list_view import SessionListPage

TODAY = dt.date(2026, 11, 29)  # the box shows 29/11/2026 when typing starts

TYPED = [
    ("05/10/2026", dt.date(2026, 10, 5)),
    ("5/1/2026", dt.date(2026, 1, 5)),
    ("31/12/2025", dt.date(2025, 12, 31)),
    ("15/3/2026", dt.date(2026, 3, 15)),
    ("1-2-2026", dt.date(2026, 2, 1)),
    ("17.08.2026", dt.date(2026, 8, 17)),
    ("17082026", dt.date(2026, 8, 17)),
]
FOCUS = ["click", "tab"]


def shown(qtbot: Any, widget: QWidget) -> None:
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget)


def focus(qtbot: Any, box: QWidget, how: str) -> None:
    """Put the cursor in ``box`` as a user does: a click on it, or Tab onto it."""
    if how == "click":
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
        QApplication.processEvents()  # the click's own after-effects (selecting the text)
    else:
        box.setFocus(Qt.FocusReason.TabFocusReason)
    assert box.hasFocus()


def report_filters(qtbot: Any) -> ReportFilters:
    filters = ReportFilters("id", TODAY)
    filters.kind.setCurrentIndex(filters.kind.findData("custom"))
    filters.start.setDate(TODAY)
    filters.end.setDate(TODAY)
    shown(qtbot, filters)
    return filters


# --- the report's custom period -----------------------------------------------------------------

@pytest.mark.parametrize("how", FOCUS)
@pytest.mark.parametrize(("typed", "meant"), TYPED)
def test_a_typed_start_date_is_the_report_period_start(qtbot: Any, typed: str, meant: dt.date,
                                                       how: str) -> None:
    filters = report_filters(qtbot)
    focus(qtbot, filters.start, how)
    qtbot.keyClicks(filters.start, typed)
    period = filters.period()  # as Tampilkan or Enter reads it
    assert (period.kind, period.start, period.end) == ("custom", meant, TODAY)
    assert filters.start.text() == meant.strftime("%d/%m/%Y")  # what was understood, in full
    assert filters.start.hint.isHidden()


def test_leaving_a_start_date_that_cannot_be_read_puts_back_the_last_one_and_says_so(
        qtbot: Any) -> None:
    filters = report_filters(qtbot)
    filters.start.setDate(dt.date(2026, 10, 1))
    focus(qtbot, filters.start, "click")
    qtbot.keyClicks(filters.start, "31/02/2026")
    qtbot.keyClick(filters.start, Qt.Key.Key_Tab)  # on to "Sampai"
    assert filters.end.hasFocus()
    assert filters.start.text() == "01/10/2026"
    assert filters.start.hint.isVisible()
    assert "“31/02/2026” bukan tanggal yang bisa dibaca; tetap 01/10/2026" in (
        filters.start.hint.text())
    assert filters.period().start == dt.date(2026, 10, 1)
    # The next good date takes the hint away.
    focus(qtbot, filters.start, "tab")
    qtbot.keyClicks(filters.start, "02/10/2026")
    assert filters.start.hint.isHidden()
    assert filters.period().start == dt.date(2026, 10, 2)


def test_enter_on_unreadable_text_reports_the_date_the_box_then_shows(qtbot: Any) -> None:
    filters = report_filters(qtbot)
    focus(qtbot, filters.start, "tab")
    qtbot.keyClicks(filters.start, "2026")  # no day or month: no date
    period = filters.period()  # Enter runs the report without leaving the box
    assert period.start == TODAY and filters.start.text() == "29/11/2026"
    assert "“2026” bukan tanggal" in filters.start.hint.text()
    assert filters.start.hint.isVisible()


def test_a_period_cannot_end_after_today(qtbot: Any) -> None:
    filters = report_filters(qtbot)
    filters.start.setDate(dt.date(2026, 11, 1))
    focus(qtbot, filters.end, "click")
    qtbot.keyClicks(filters.end, "31/12/2026")
    assert filters.period().end == TODAY
    assert filters.end.text() == "29/11/2026"
    assert filters.end.hint.text() == "Paling lambat 29/11/2026." and filters.end.hint.isVisible()
    assert filters.end.calendarWidget().maximumDate().toPython() == TODAY


# --- the session list's chosen dates --------------------------------------------------------------

def session_page(qtbot: Any, ctx: AppContext) -> SessionListPage:
    page = SessionListPage(ctx)
    page.resize(1100, 600)
    shown(qtbot, page)
    page.period.setCurrentIndex(page.period.findData("custom"))
    qtbot.waitUntil(lambda: page.date_from.isVisible() and not page.model.is_loading())
    return page


@pytest.mark.parametrize("how", FOCUS)
@pytest.mark.parametrize(("typed", "meant"), TYPED)
def test_a_typed_date_filters_the_session_list(qtbot: Any, ctx: AppContext, typed: str,
                                               meant: dt.date, how: str) -> None:
    page = session_page(qtbot, ctx)
    focus(qtbot, page.date_from, how)
    qtbot.keyClicks(page.date_from, typed)
    # The list follows the typing, without waiting for the box to be left.
    qtbot.waitUntil(lambda: page.model.query.date_from == meant, timeout=5_000)
    assert page.model.query.date_to == today_wita()


def test_the_session_list_keeps_its_dates_over_text_it_cannot_read(qtbot: Any,
                                                                   ctx: AppContext) -> None:
    page = session_page(qtbot, ctx)
    first = today_wita().replace(day=1)
    focus(qtbot, page.date_from, "click")
    qtbot.keyClicks(page.date_from, "17/13/2026")
    qtbot.keyClick(page.date_from, Qt.Key.Key_Tab)
    assert page.date_from.text() == first.strftime("%d/%m/%Y")
    assert page.model.query.date_from == first
    hint = page.date_from.hint
    assert hint.isVisible() and "“17/13/2026” bukan tanggal yang bisa dibaca" in hint.text()
    page.period.setCurrentIndex(page.period.findData("all"))  # the dates go, and their word
    assert hint.isHidden()
