"""The shell with the real pages and forms: the lists and Beranda open the right form, one form per
record, closing returns to the list, and every write refreshes the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rt_desktop import access, demo
from rt_desktop.records import ParentingSession
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.forms.incident_form import IncidentForm
from ui.forms.session_form import SessionForm
from ui.incidents.list_view import IncidentListPage
from ui.main_window import MainWindow
from ui.models import RecordIdRole
from ui.reports.page import ReportPage
from ui.sessions.list_view import SessionListPage
from ui.settings_page import DeviceSettings

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    data_dir = tmp_path / "data"
    unlocked, _ = access.initialise(data_dir, kelurahan_code="64.71.05.1010", rt="12",
                                    name="Sari", password=PASSWORD, kdf=FAST)
    demo.fill(unlocked.store, user="Sari", sessions=8, incidents=4, seed=5)
    unlocked.slots.kdf = FAST
    unlocked.slots.add_user(unlocked.key, "Budi", "sandi-budi-1")
    unlocked.store.close()
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: win.login.login.users.count() == 2)
    sign_in(qtbot, win, "Sari", PASSWORD)
    return win


def sign_in(qtbot, win: MainWindow, name: str, password: str) -> None:
    win.login.login.users.setCurrentText(name)
    qtbot.keyClicks(win.login.login.password, password)
    qtbot.keyClick(win.login.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked and win.ctx.user_name == name)


def test_the_real_pages_are_in_the_navigation(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.pages.currentWidget(), SessionListPage)
    assert window.nav_buttons["sessions"].isChecked()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.pages.currentWidget(), IncidentListPage)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.pages.currentWidget(), ReportPage)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "home"


def test_laporan_closed_before_its_choices_arrive_asks_nothing_more(qtbot,
                                                                    window: MainWindow) -> None:
    """Opening Laporan asks the database for its choices; the window closing meanwhile (the
    answer comes after the store is gone) must not make the page ask again (it raised)."""
    window.show_page("reports")
    page = window.pages.currentWidget()
    window.close()  # the answer is delivered by the event loop, after this
    with qtbot.waitSignal(page.filters.kelurahan.currentIndexChanged, timeout=5_000):
        pass
    qtbot.wait(50)


@pytest.mark.parametrize(("key", "form_class"), [("sessions", SessionForm),
                                                 ("incidents", IncidentForm)])
def test_a_list_opens_each_record_once_and_closing_returns(qtbot, window: MainWindow, key: str,
                                                            form_class: type) -> None:
    window.show_page(key)
    page = window.pages.currentWidget()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    index = page.model.index(0, 0)
    record_id = index.data(RecordIdRole)
    page.table.setCurrentIndex(index)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    form = window.pages.currentWidget()
    assert isinstance(form, form_class) and form.record_id == record_id
    assert window.open_list.count() == 1 and window.open_list.isVisible()
    # Once loaded, its entry names the record ("Kasus RT007-…", "Sesi Lautan RT 3 Mei 2026"),
    # not just the kind — without a save (a coordinator's laptop never saves).
    qtbot.waitUntil(lambda: not form.is_loading)
    entry = window.open_list.item(0).text()
    assert entry == form.title.text() and entry not in ("Kasus", "Sesi Lautan RT", "Ubah kasus",
                                                        "Ubah sesi")

    page.open_record.emit(form.record_type, record_id)  # again: the same form, not a second
    assert window.open_forms() == [form]

    window.show_page(key)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    new = window.pages.currentWidget()
    assert isinstance(new, form_class) and new.record_id is None
    assert len(window.open_forms()) == 2

    new.closed.emit()
    assert window.pages.currentWidget() is page  # back where the volunteer came from
    assert window.open_forms() == [form]


def test_beranda_buttons_and_follow_ups_open_forms(qtbot, window: MainWindow) -> None:
    home = window.home
    qtbot.mouseClick(home.new_session, Qt.MouseButton.LeftButton)
    assert isinstance(window.pages.currentWidget(), SessionForm)
    window.show_page("home")
    qtbot.mouseClick(home.new_incident, Qt.MouseButton.LeftButton)
    assert isinstance(window.pages.currentWidget(), IncidentForm)
    window.show_page("home")
    qtbot.waitUntil(lambda: home.summary is not None)
    if home.follow_list.count():
        item = home.follow_list.item(0)
        home.follow_list.itemActivated.emit(item)
        form = window.pages.currentWidget()
        assert isinstance(form, IncidentForm) and form.record_id == item.data(Qt.UserRole + 1)


def test_a_write_refreshes_beranda_and_the_status_bar(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.home.summary is not None)
    before = window.home.summary["sessions_this_month"]
    unsent = window._unsent
    session = ParentingSession(session_date=today_wita(), venue="Balai RT",
                               topics=("pengasuhan_positif",))
    window.ctx.write(lambda s: s.save(session, user="Sari"))
    qtbot.waitUntil(lambda: window.home.summary["sessions_this_month"] == before + 1)
    qtbot.waitUntil(lambda: f"Perubahan belum terkirim: {unsent + 1}"
                    in window.unsent_label.text())


def test_an_unhandled_failure_is_said_in_the_status_bar(qtbot, window: MainWindow) -> None:
    bad = ParentingSession(session_date=today_wita(), venue="", topics=())
    window.ctx.write(lambda s: s.save(bad, user="Sari"))
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() != "")
    assert "tidak sesuai" in window.statusBar().currentMessage() or \
        "belum lengkap" in window.statusBar().currentMessage()


def test_a_real_form_across_a_lock_and_another_user(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.home.new_session, Qt.MouseButton.LeftButton)
    form = window.pages.currentWidget()
    assert isinstance(form, SessionForm)
    qtbot.keyClicks(form.fields["venue"].focus_widget(), "Rumah Pak RT")
    assert form.has_unsaved_changes()

    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    sign_in(qtbot, window, "Sari", PASSWORD)
    assert window.pages.currentWidget() is form
    assert form.fields["venue"].value() == "Rumah Pak RT"

    window.lock()
    sign_in(qtbot, window, "Budi", "sandi-budi-1")
    assert window.open_forms() == [] and not window.banner.isVisible()

    window.lock()
    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(window.banner.isVisible)
    qtbot.mouseClick(window.banner.restore_button, Qt.MouseButton.LeftButton)
    restored = window.pages.currentWidget()
    assert isinstance(restored, SessionForm) and restored is not form
    assert restored.fields["venue"].value() == "Rumah Pak RT"
