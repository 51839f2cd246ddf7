"""The session and case lists as a volunteer uses them: typing to search, the filters, ordering
by a column, Enter / double-click to open, Ctrl+N / Ctrl+F, refreshing after a save — and a
victim's name neither shown nor findable."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QTableView

from rt_desktop.records import FollowUp, Incident, ParentingSession
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.incidents.list_view import IncidentListModel, IncidentListPage
from ui.list_page import ListPage
from ui.models import RecordIdRole
from ui.sessions.list_view import SessionListModel, SessionListPage

FAST = KdfParams(n=2**10)
USER = "Sari"
TODAY = today_wita()
VICTIM = "Zubaidah Kartikasari"


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def session(date: dt.date, venue: str, topics: tuple[str, ...] = ("peran_ayah",),
            attendees: int = 10) -> ParentingSession:
    return ParentingSession(session_date=date, venue=venue, topics=topics, mothers=attendees)


@pytest.fixture
def sessions(ctx: AppContext) -> dict[str, str]:
    store = ctx.unlocked.store
    made = {"today": session(TODAY, "Balai RT", ("pengasuhan_positif",), 25),
            "weeks_ago": session(days_ago(40), "Musala Al-Ikhlas", attendees=40),
            "last_year": session(days_ago(400), "Pos Kamling", attendees=5)}
    return {name: store.save(record, user=USER)[0].record_id for name, record in made.items()}


def incident(reported: dt.date, **changes: Any) -> Incident:
    return Incident(
        reported_on=reported, occurred_on=reported, occurred_precision="hari",
        report_source="tetangga", report_channel="langsung", victim_name=VICTIM,
        victim_contact="0812-5550-7788", chronology="Kronologi rahasia keluarga Wiryawan",
        victim_sex="perempuan", victim_age=9, victim_age_group="6_12", victim_category="anak",
        place="rumah_tangga", consent_by=("orang_tua",), **{
            "violence_types": ("psikis",), "risk_level": "rendah", "status": "baru",
            **changes})


@pytest.fixture
def cases(ctx: AppContext) -> dict[str, str]:
    store = ctx.unlocked.store
    ids = {
        "late": store.save(incident(days_ago(30), status="ditangani_rt",
                                    rt_handling=("kunjungan_rumah",)), user=USER),
        "new": store.save(incident(days_ago(1), violence_types=("fisik",),
                                   risk_level="sedang"), user=USER),
        "older": store.save(incident(days_ago(10)), user=USER),
    }
    ids = {name: changes[0].record_id for name, changes in ids.items()}
    store.save(FollowUp(incident_id=ids["late"], noted_on=days_ago(20), author=USER,
                        note="Catatan rahasia", next_follow_up_on=days_ago(5)), user=USER)
    return ids


def show(qtbot: Any, page: ListPage, count: str) -> ListPage:
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    page.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    settle(qtbot, page, count)
    return page


def settle(qtbot: Any, page: ListPage, count: str) -> None:
    qtbot.waitUntil(lambda: page.count_label.text() == count and not page.model.is_loading(),
                    timeout=10_000)


def column(page: ListPage, col: int) -> list[str]:
    model = page.model
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def choose(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def click_header(qtbot: Any, table: QTableView, col: int) -> None:
    header = table.horizontalHeader()
    x = header.sectionViewportPosition(col) + header.sectionSize(col) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(x, header.height() // 2))


# --- sessions ------------------------------------------------------------------------------

def test_typing_in_the_search_field_filters_the_list(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    qtbot.keyClicks(page.search, "musala")
    settle(qtbot, page, "1 sesi")
    assert column(page, SessionListModel.COL_VENUE) == ["Musala Al-Ikhlas"]
    qtbot.keyClicks(page.search, " zzz")
    settle(qtbot, page, "Tidak ada sesi yang cocok. Ubah pencarian atau saringan.")
    page.search.clear()
    settle(qtbot, page, "3 sesi")


def test_period_topic_and_custom_dates(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    assert not page.date_from.isVisible()
    choose(page.period, "this_month")
    settle(qtbot, page, "1 sesi")
    assert column(page, SessionListModel.COL_VENUE) == ["Balai RT"]
    choose(page.period, "this_year")
    this_year = 1 + (days_ago(40).year == TODAY.year)
    settle(qtbot, page, f"{this_year} sesi")
    choose(page.period, "custom")
    assert page.date_from.isVisible() and page.date_to.isVisible()
    page.date_from.setDate(days_ago(45))
    page.date_to.setDate(days_ago(35))
    settle(qtbot, page, "1 sesi")
    assert column(page, SessionListModel.COL_VENUE) == ["Musala Al-Ikhlas"]
    choose(page.period, "all")
    choose(page.topic, "peran_ayah")
    settle(qtbot, page, "2 sesi")
    assert page.topic.currentText() == "Peran ayah"  # labels from the vocabulary


def test_enter_and_double_click_open_the_record(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    page.table.setFocus()
    page.table.selectRow(1)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == ["parenting_session", sessions["weeks_ago"]]
    rect = page.table.visualRect(page.model.index(2, SessionListModel.COL_VENUE))
    with qtbot.waitSignal(page.open_record) as opened:
        # A double-click is a click and then a second, "double" one on the same row.
        qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == ["parenting_session", sessions["last_year"]]


def test_keyboard_new_and_search(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    page.table.setFocus()
    with qtbot.waitSignal(page.new_record) as new:
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new.args == ["parenting_session"]
    with qtbot.waitSignal(page.new_record):
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.new_button.text() == "Catat sesi baru"
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClicks(page.search, "pos kamling")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # search now, and go to the list
    settle(qtbot, page, "1 sesi")
    assert page.table.hasFocus()


def test_a_header_click_orders_every_row_in_sql(qtbot, ctx, sessions, monkeypatch) -> None:
    monkeypatch.setattr(SessionListModel, "PAGE_SIZE", 2)  # one row stays unloaded
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        SessionListModel.COL_DATE, Qt.SortOrder.DescendingOrder)
    click_header(qtbot, page.table, SessionListModel.COL_ATTENDEES)
    qtbot.waitUntil(lambda: page.model.query.sort == "attendees"
                    and not page.model.is_loading())
    assert column(page, SessionListModel.COL_ATTENDEES)[:2] == ["40", "25"]
    click_header(qtbot, page.table, SessionListModel.COL_ATTENDEES)
    qtbot.waitUntil(lambda: not page.model.query.descending and not page.model.is_loading())
    assert column(page, SessionListModel.COL_ATTENDEES)[:2] == ["5", "25"]
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    click_header(qtbot, page.table, SessionListModel.COL_ATTENDEES)  # back to newest first
    qtbot.waitUntil(lambda: page.model.query.sort == "date" and not page.model.is_loading())
    assert header.sortIndicatorSection() == SessionListModel.COL_DATE
    click_header(qtbot, page.table, SessionListModel.COL_TOPICS)  # does not sort
    assert header.sortIndicatorSection() == SessionListModel.COL_DATE
    assert page.model.query.sort == "date"


def test_the_list_refreshes_after_a_save(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    page.table.selectRow(2)
    ctx.write(lambda store: store.save(session(days_ago(2), "Posyandu Melati"), user=USER))
    settle(qtbot, page, "4 sesi")
    assert column(page, SessionListModel.COL_VENUE)[1] == "Posyandu Melati"
    assert page.selected_id() == sessions["last_year"]  # the selection stays on its record


def test_a_hidden_list_catches_up_when_shown(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    page.hide()
    done: list[Any] = []
    ctx.write(lambda store: store.delete(ParentingSession, sessions["today"], user=USER),
              success=done.append)
    qtbot.waitUntil(lambda: bool(done))
    assert page.count_label.text() == "3 sesi"  # not reloaded while nobody looks
    page.show()
    settle(qtbot, page, "2 sesi")


def test_an_empty_list_says_how_to_start(qtbot, ctx) -> None:
    page = show(qtbot, SessionListPage(ctx), "Belum ada sesi. Tekan “Catat sesi baru” untuk mulai.")
    assert page.model.rowCount() == 0


def test_a_language_switch_rewrites_the_page(qtbot, ctx, sessions) -> None:
    page = show(qtbot, SessionListPage(ctx), "3 sesi")
    ctx.lang = "en"
    QApplication.sendEvent(page, QEvent(QEvent.Type.LanguageChange))
    assert page.model.headerData(SessionListModel.COL_VENUE, Qt.Orientation.Horizontal) == "Venue"
    assert page.topic.itemText(page.topic.findData("peran_ayah")) == "The father's role"


# --- cases ---------------------------------------------------------------------------------

def test_cases_with_an_overdue_follow_up_come_first(qtbot, ctx, cases) -> None:
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    ids = [page.model.data(page.model.index(r, 0), RecordIdRole) for r in range(3)]
    assert ids == [cases["late"], cases["new"], cases["older"]]
    assert "terlambat" in column(page, IncidentListModel.COL_NEXT_FOLLOW_UP)[0]
    assert page.table.horizontalHeader().sortIndicatorSection() == -1  # the usual order


@pytest.mark.parametrize(("combo", "code", "expected"), [
    ("status", "ditangani_rt", ["late"]),
    ("violence", "fisik", ["new"]),
    ("risk", "rendah", ["late", "older"]),
    ("status", "selesai", []),
])
def test_case_filters(qtbot, ctx, cases, combo: str, code: str, expected: list[str]) -> None:
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    choose(getattr(page, combo), code)
    settle(qtbot, page, f"{len(expected)} kasus" if expected else
           "Tidak ada kasus yang cocok. Ubah pencarian atau saringan.")
    shown = [page.model.data(page.model.index(r, 0), RecordIdRole)
             for r in range(page.model.rowCount())]
    assert shown == [cases[name] for name in expected]


def test_a_case_is_found_by_its_code_and_never_by_its_victim(qtbot, ctx, cases) -> None:
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    texts = [page.model.data(page.model.index(r, c))
             for r in range(3) for c in range(page.model.columnCount())]
    assert not any(VICTIM.split()[0] in str(t) or "Wiryawan" in str(t) for t in texts)
    code = column(page, IncidentListModel.COL_CASE_CODE)[1]
    qtbot.keyClicks(page.search, code)
    settle(qtbot, page, "1 kasus")
    assert page.model.data(page.model.index(0, 0), RecordIdRole) == cases["new"]
    for words in (VICTIM, "Zubaidah", "Wiryawan", "0812"):
        page.search.clear()
        qtbot.keyClicks(page.search, words)
        settle(qtbot, page, "Tidak ada kasus yang cocok. Ubah pencarian atau saringan.")


def test_a_follow_up_saved_elsewhere_refreshes_the_cases(qtbot, ctx, cases) -> None:
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    ctx.write(lambda store: store.save(FollowUp(
        incident_id=cases["late"], noted_on=TODAY, author=USER, note="Kunjungan lagi",
        next_follow_up_on=TODAY + dt.timedelta(days=7)), user=USER))
    qtbot.waitUntil(lambda: "terlambat" not in " ".join(
        column(page, IncidentListModel.COL_NEXT_FOLLOW_UP)))
    assert page.model.data(page.model.index(0, 0), RecordIdRole) == cases["new"]


def test_ctrl_n_asks_for_a_new_case(qtbot, ctx, cases) -> None:
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    page.table.setFocus()
    with qtbot.waitSignal(page.new_record) as new:
        qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new.args == ["incident"]
    page.table.selectRow(0)
    with qtbot.waitSignal(page.open_record) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Enter)
    assert opened.args == ["incident", cases["late"]]


def test_a_case_code_is_never_cut_short_in_a_narrow_window(qtbot, ctx, cases) -> None:
    """Other columns give up width; the code, which tells the cases apart, keeps all of it."""
    page = show(qtbot, IncidentListPage(ctx), "3 kasus")
    page.resize(760, 600)
    qtbot.wait(50)
    code = column(page, IncidentListModel.COL_CASE_CODE)[0]
    header = page.table.horizontalHeader()
    needed = page.table.fontMetrics().horizontalAdvance(code)
    qtbot.waitUntil(lambda: header.sectionSize(IncidentListModel.COL_CASE_CODE) > needed)
