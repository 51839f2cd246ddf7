"""The minimal window: unlock on the worker thread, show what the encrypted store holds, lock."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.app import MainWindow
from ui.tasks import TaskRunner

FAST = KdfParams(n=2**10)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    unlocked, _ = access.initialise(tmp_path, kelurahan_code="64.71.05.1010", rt="12",
                                    name="Sari", password="sandi-uji-12", kdf=FAST)
    unlocked.store.close()
    return tmp_path


@pytest.fixture
def window(qtbot, data_dir: Path) -> MainWindow:
    win = MainWindow(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.login_page.users.count() == 1)
    return win


def test_login_lists_local_users(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.login_page
    assert window.login_page.users.currentText() == "Sari"


def test_wrong_password_says_so_and_stays_locked(qtbot, window: MainWindow) -> None:
    window.login_page.password.setText("salah-sekali")
    window.login_page.button.click()
    qtbot.waitUntil(lambda: "Kata sandi salah" in window.login_page.message.text())
    assert window.pages.currentWidget() is window.login_page
    assert window.login_page.password.text() == ""
    assert window.unlocked is None


def test_unlock_shows_the_home_summary_then_locks(qtbot, window: MainWindow) -> None:
    window.login_page.password.setText("sandi-uji-12")
    window.login_page.button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.home_page)
    text = window.home_page.summary.text()
    assert "Kelurahan Sungainangka · RT 012" in text
    assert "Sesi Lautan RT: 0" in text
    assert "Sari" in window.home_page.heading.text()
    window.lock()
    assert window.pages.currentWidget() is window.login_page
    assert window.login_page.password.text() == ""


def test_a_folder_without_data_says_how_to_start(qtbot, tmp_path: Path) -> None:
    win = MainWindow(tmp_path / "kosong")
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.pages.currentWidget() is win.empty_page)
    assert "rt-desktop init" in win.empty_page.text()


def test_tasks_deliver_results_on_the_ui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}

    def success(value: object) -> None:
        seen["value"] = value
        seen["ui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    runner.run(lambda: QThread.currentThread(), success=success, failure=seen.setdefault)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["ui_thread"] is True
    assert seen["value"] is not QApplication.instance().thread()  # the work ran elsewhere

    failures: list[BaseException] = []
    runner.run(lambda: 1 / 0, success=seen.setdefault, failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)
    runner.wait()
