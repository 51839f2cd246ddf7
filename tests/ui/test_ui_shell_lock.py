"""Locking: Ctrl+L and the idle timer show the login screen; an open form survives for the same
user; another user never sees it, and it is kept as the first user's draft.

The forms here are minimal stand-ins that follow the forms' contract (ui_contract: to_draft,
restore_draft, has_unsaved_changes, form_key, saved/closed), so these tests pin the shell's side
of it; tests/ui/test_ui_shell_wiring.py drives the real forms.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings

FAST = KdfParams(n=2**10)
PASSWORD, BUDI_PASSWORD = "sandi-uji-12", "sandi-budi-1"


class StandInForm(QWidget):
    saved = Signal(object)
    closed = Signal()

    def __init__(self, ctx: AppContext, record_id: str | None = None):
        super().__init__()
        self.ctx = ctx
        self.record_type = "parenting_session"
        self.form_key = (f"parenting_session:{record_id}" if record_id
                         else f"parenting_session:new:{uuid.uuid4()}")
        self.venue = QLineEdit()
        self.venue.setObjectName("venue")
        QVBoxLayout(self).addWidget(self.venue)

    def to_draft(self) -> dict:
        return {"venue": self.venue.text()}

    def restore_draft(self, content: dict) -> None:
        self.venue.setText(content.get("venue", ""))

    def has_unsaved_changes(self) -> bool:
        return bool(self.venue.text())

    def discard_draft(self) -> None:
        pass


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    unlocked, _ = access.initialise(folder, kelurahan_code="64.71.05.1010", rt="12", name="Sari",
                                    password=PASSWORD, kdf=FAST)
    unlocked.slots.kdf = FAST
    unlocked.slots.add_user(unlocked.key, "Budi", BUDI_PASSWORD)
    unlocked.store.close()
    return folder


@pytest.fixture
def window(qtbot, data_dir: Path) -> MainWindow:
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir), kdf=FAST)
    win.form_factories["parenting_session"] = StandInForm
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.login.login.users.count() == 2)
    sign_in(qtbot, win, "Sari", PASSWORD)
    return win


def sign_in(qtbot, win: MainWindow, name: str, password: str) -> None:
    panel = win.login.login
    qtbot.waitUntil(lambda: panel.users.findText(name) >= 0)
    panel.users.setCurrentText(name)
    qtbot.keyClicks(panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked and win.ctx.user_name == name)


def drafts_of(qtbot, win: MainWindow, user_id: str) -> list[dict]:
    got: list = []
    win.ctx.run_db(lambda s: s.drafts(user_id), success=lambda d: got.append(d))
    qtbot.waitUntil(lambda: bool(got))
    return got[0]


def open_typed_form(qtbot, win: MainWindow, text: str) -> StandInForm:
    qtbot.mouseClick(win.home.new_session, Qt.MouseButton.LeftButton)
    form = win.pages.currentWidget()
    assert isinstance(form, StandInForm) and form in win.open_forms()
    qtbot.keyClicks(form.venue, text)
    return form


def test_same_user_gets_the_open_form_back(qtbot, window: MainWindow) -> None:
    form = open_typed_form(qtbot, window, "Balai RT 12")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert window.screens.currentWidget() is window.login
    assert window.login.login.locked_note.isVisible()
    assert not window.workspace.isEnabled()  # no shortcut reaches the hidden form
    assert window.ctx.unlocked is not None  # UI only: the key stays, work goes on
    assert "Terkunci" in window.user_label.text() and window.place_label.text() == ""
    assert window.login.login.users.currentText() == "Sari"

    sign_in(qtbot, window, "Sari", PASSWORD)
    assert window.pages.currentWidget() is form
    assert form.venue.text() == "Balai RT 12"
    assert window.open_forms() == [form]


def test_another_user_never_sees_it_and_it_becomes_a_draft(qtbot, window: MainWindow) -> None:
    sari_id = window.ctx.user_id
    form = open_typed_form(qtbot, window, "Rumah Bu RT, korban A")
    window.lock()
    sign_in(qtbot, window, "Budi", BUDI_PASSWORD)

    assert window.open_forms() == []
    assert form not in [window.pages.widget(i) for i in range(window.pages.count())]
    visible_text = [w.text() for w in window.findChildren(QLineEdit) if w.isVisible()]
    assert "Rumah Bu RT, korban A" not in visible_text
    assert not window.banner.isVisible()  # Budi has no drafts of his own
    assert window.current_page_key() == "home"
    saved = drafts_of(qtbot, window, sari_id)
    assert [(d["form_key"], d["content"]) for d in saved] == [
        (form.form_key, {"venue": "Rumah Bu RT, korban A"})]
    assert drafts_of(qtbot, window, window.ctx.user_id) == []

    # Sari comes back: she is offered her draft, and restoring it brings the text back.
    window.lock()
    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(window.banner.isVisible)
    qtbot.mouseClick(window.banner.restore_button, Qt.MouseButton.LeftButton)
    restored = window.pages.currentWidget()
    assert isinstance(restored, StandInForm) and restored is not form
    assert restored.venue.text() == "Rumah Bu RT, korban A"
    assert restored.form_key == form.form_key


def test_idle_timer_locks_and_input_postpones_it(qtbot, window: MainWindow) -> None:
    open_typed_form(qtbot, window, "Posyandu")
    idle = window.idle
    assert idle.armed
    idle._timer.stop()
    press = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a")
    QApplication.sendEvent(window.pages.currentWidget(), press)
    assert idle._timer.isActive()  # any input restarts the countdown

    idle.set_timeout_ms(300)
    with qtbot.waitSignal(window.locked_changed, timeout=5_000) as locked:
        pass
    assert locked.args == [True]
    assert window.locked and not idle.armed  # nothing left to lock until someone signs in
    sign_in(qtbot, window, "Sari", PASSWORD)
    assert idle.armed and window.open_forms()[0].venue.text() == "Posyandu"


def test_autolock_minutes_come_from_the_device_settings(qtbot, data_dir: Path) -> None:
    device = DeviceSettings.load(data_dir)
    assert device.autolock_minutes == 5
    device.autolock_minutes = 2
    device.save()
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(win)
    assert win.idle.timeout_ms == 2 * 60_000

    sign_in(qtbot, win, "Sari", PASSWORD)
    win.show_page("settings")
    win.settings_page.minutes.setValue(9)
    assert win.idle.timeout_ms == 9 * 60_000
    qtbot.waitUntil(lambda: DeviceSettings.load(data_dir).autolock_minutes == 9)


def test_locking_closes_a_dialog_left_over_the_data(qtbot, window: MainWindow) -> None:
    dialog = QDialog(window)
    dialog.open()  # window-modal, as a form's question would be
    qtbot.waitUntil(dialog.isVisible)
    window.lock()
    assert not dialog.isVisible()
    assert window.screens.currentWidget() is window.login
