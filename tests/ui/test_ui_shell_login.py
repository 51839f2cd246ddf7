"""Later starts: the login screen, adding a user, changing a password, and a forgotten password
reset with the recovery code — each driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, str]:
    data_dir = tmp_path / "data"
    unlocked, code = access.initialise(data_dir, kelurahan_code="64.71.05.1010", rt="12",
                                       name="Sari", password=PASSWORD, kdf=FAST)
    unlocked.store.close()
    return data_dir, code


@pytest.fixture
def window(qtbot, setup: tuple[Path, str]) -> MainWindow:
    data_dir, _ = setup
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.login.login.users.count() == 1)
    return win


def sign_in(qtbot, win: MainWindow, name: str, password: str) -> None:
    panel = win.login.login
    panel.users.setCurrentText(name)
    assert panel.users.currentText() == name
    qtbot.keyClicks(panel.password, password)
    qtbot.keyClick(panel.password, Qt.Key.Key_Return)


def audit_actions(qtbot, win: MainWindow) -> list[tuple[str, str]]:
    entries: list = []
    win.ctx.run_db(lambda s: s.audit_entries(), success=lambda got: entries.append(got))
    qtbot.waitUntil(lambda: bool(entries))
    return [(e["action"], e["user"]) for e in entries[0]]


def test_wrong_password_says_so_inline_and_right_one_opens(qtbot, window: MainWindow) -> None:
    assert window.locked and window.screens.currentWidget() is window.login
    assert not window.login.login.locked_note.isVisible()  # a fresh start, not a lock
    sign_in(qtbot, window, "Sari", "salah-sekali")
    message = window.login.login.message
    qtbot.waitUntil(message.isVisible)
    assert "Kata sandi salah" in message.text()
    assert window.login.login.password.text() == ""
    assert window.locked and window.ctx.unlocked is None
    assert window.login.login.password.hasFocus() or not window.isActiveWindow()

    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(lambda: not window.locked)
    assert window.screens.currentWidget() is window.workspace
    assert window.current_page_key() == "home"
    qtbot.waitUntil(lambda: "Kelurahan Sungainangka · RT 012" in window.place_label.text())
    assert "Sari" in window.user_label.text()
    assert "Perubahan belum terkirim: 0" in window.unsent_label.text()
    assert ("login_failed", "Sari") in audit_actions(qtbot, window)  # moved in at the next login


def test_add_user_needs_an_existing_password(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.login.login.add_user_link, Qt.MouseButton.LeftButton)
    panel = window.login.add_user
    assert window.login.panels.currentWidget() is panel
    qtbot.keyClicks(panel.by_password, "salah-sekali")
    qtbot.keyClicks(panel.name, "Budi")
    qtbot.keyClicks(panel.pair.first, "sandi-budi-1")
    qtbot.keyClicks(panel.pair.second, "sandi-budi-1")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.message.isVisible)
    assert "Kata sandi salah" in panel.message.text()

    qtbot.keyClicks(panel.by_password, PASSWORD)
    qtbot.keyClicks(panel.pair.first, "sandi-budi-1")
    qtbot.keyClicks(panel.pair.second, "sandi-budi-1")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.login.panels.currentWidget() is window.login.login)
    qtbot.waitUntil(lambda: window.login.login.users.count() == 2)
    assert "Budi" in window.login.notice.text()
    assert window.login.login.users.currentText() == "Budi"

    sign_in(qtbot, window, "Budi", "sandi-budi-1")
    qtbot.waitUntil(lambda: not window.locked)
    assert window.ctx.user_name == "Budi"
    assert ("user_added", "Sari") in audit_actions(qtbot, window)


def test_change_password(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.login.login.change_link, Qt.MouseButton.LeftButton)
    panel = window.login.change_password
    qtbot.keyClicks(panel.old, PASSWORD)
    qtbot.keyClicks(panel.pair.first, "sandi-baru-99")
    qtbot.keyClicks(panel.pair.second, "sandi-baru-98")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    assert panel.pair.second_message.isVisible()  # inline; nothing was sent to the worker
    panel.pair.second.clear()
    qtbot.keyClicks(panel.pair.second, "sandi-baru-99")
    qtbot.keyClick(panel.pair.second, Qt.Key.Key_Return)  # Enter submits, as in a dialog
    qtbot.waitUntil(lambda: window.login.panels.currentWidget() is window.login.login)
    assert "sudah diganti" in window.login.notice.text()

    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(window.login.login.message.isVisible)
    assert window.locked
    sign_in(qtbot, window, "Sari", "sandi-baru-99")
    qtbot.waitUntil(lambda: not window.locked)
    assert ("password_changed", "Sari") in audit_actions(qtbot, window)


def test_forgotten_password_reset_with_the_recovery_code(qtbot, window: MainWindow,
                                                          setup: tuple[Path, str]) -> None:
    _, code = setup
    qtbot.mouseClick(window.login.login.forgot_link, Qt.MouseButton.LeftButton)
    panel = window.login.recovery
    assert window.login.panels.currentWidget() is panel
    wrong = code[:-4] + ("0000" if not code.endswith("0000") else "1111")
    qtbot.keyClicks(panel.code, wrong)
    qtbot.keyClicks(panel.pair.first, "sandi-baru-77")
    qtbot.keyClicks(panel.pair.second, "sandi-baru-77")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.message.isVisible)
    assert "pemulihan" in panel.message.text()
    assert window.locked

    panel.code.clear()
    qtbot.keyClicks(panel.code, code.lower())  # as typed from paper: case does not matter
    qtbot.keyClicks(panel.pair.first, "sandi-baru-77")
    qtbot.keyClicks(panel.pair.second, "sandi-baru-77")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert window.ctx.user_name == "Sari"
    assert ("password_reset", "Sari") in audit_actions(qtbot, window)

    window.lock()
    sign_in(qtbot, window, "Sari", "sandi-baru-77")
    qtbot.waitUntil(lambda: not window.locked)


def test_settings_page_adds_a_user_while_signed_in(qtbot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(lambda: not window.locked)
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_key() == "settings"
    page = window.settings_page
    qtbot.waitUntil(lambda: "Sari" in page.users_list.text())
    qtbot.mouseClick(page.add_user_button, Qt.MouseButton.LeftButton)
    panel = page.add_user
    qtbot.keyClicks(panel.by_password, PASSWORD)
    qtbot.keyClicks(panel.name, "Wati")
    qtbot.keyClicks(panel.pair.first, "sandi-wati-1")
    qtbot.keyClicks(panel.pair.second, "sandi-wati-1")
    qtbot.mouseClick(panel.submit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Wati" in page.users_list.text())
    assert "Wati" in page.users_notice.text()
    assert not window.locked and window.ctx.user_name == "Sari"


def test_signing_in_makes_the_daily_encrypted_backup_once(qtbot, window: MainWindow,
                                                         setup: tuple[Path, str]) -> None:
    from rt_desktop.store.backups import list_backups

    data_dir, _ = setup
    assert list_backups(data_dir) == []
    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(lambda: len(list_backups(data_dir)) == 1)
    assert list_backups(data_dir)[0].reason == "auto"
    window.lock()
    sign_in(qtbot, window, "Sari", PASSWORD)
    qtbot.waitUntil(lambda: not window.locked)
    done: list = []
    window.ctx.run_db(lambda s: None, success=done.append)  # queued behind the second attempt
    qtbot.waitUntil(lambda: bool(done))
    assert len(list_backups(data_dir)) == 1  # one a day
