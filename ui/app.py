"""App bootstrap and the first, minimal window: unlock, then a summary of the local data.

The full volunteer UI (first-run wizard, forms, lists, auto-lock) comes with its own issue; this
window proves the pieces fit: the key slots unlock the encrypted store on the worker thread and
the UI shows what is inside, in Bahasa Indonesia.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import __version__, access, errors, wilayah
from rt_desktop.records import FollowUp, Incident, ParentingSession, Referral
from ui.tasks import TaskRunner

__all__ = ["MainWindow", "run_app"]


def _message(exc: BaseException, lang: str = "id") -> str:
    if isinstance(exc, errors.RTError):
        return exc.message(lang)
    return f"Terjadi kesalahan tak terduga: {type(exc).__name__}"


class LoginPage(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__()
        self.window_ = window
        self.users = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.button = QPushButton(self.tr("Masuk"))
        self.button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("loginMessage")
        form = QFormLayout()
        form.addRow(self.tr("Nama"), self.users)
        form.addRow(self.tr("Kata sandi"), self.password)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("RT Desktop — Lautan RT dan kasus mikro PPATBM"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.button)
        layout.addWidget(self.message)
        layout.addStretch()

    def set_users(self, names: list[str]) -> None:
        self.users.clear()
        self.users.addItems(names)

    def submit(self) -> None:
        self.button.setEnabled(False)
        self.message.setText(self.tr("Membuka data…"))
        self.window_.unlock(self.users.currentText(), self.password.text())

    def show_failure(self, exc: BaseException) -> None:
        self.show_error(_message(exc))

    def show_error(self, text: str) -> None:
        self.button.setEnabled(True)
        self.password.clear()
        self.message.setText(text)


class HomePage(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__()
        self.heading = QLabel()
        self.heading.setObjectName("homeHeading")
        self.summary = QLabel()
        self.summary.setObjectName("homeSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        lock = QPushButton(self.tr("Kunci"))
        lock.clicked.connect(window.lock)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addStretch()
        layout.addWidget(lock)

    def show_status(self, user: str, status: dict) -> None:
        kel = wilayah.kelurahan(status["kelurahan_code"])
        self.heading.setText(self.tr("Selamat datang, {0}").format(user))
        records = status["records"]
        lines = [
            self.tr("Kelurahan {0} · RT {1}").format(kel.name, status["rt"]),
            self.tr("Sesi Lautan RT: {0}").format(records.get(ParentingSession.TYPE, 0)),
            self.tr("Kasus: {0}").format(records.get(Incident.TYPE, 0)),
            self.tr("Catatan tindak lanjut: {0}").format(records.get(FollowUp.TYPE, 0)),
            self.tr("Rujukan: {0}").format(records.get(Referral.TYPE, 0)),
            self.tr("Perubahan belum terkirim: {0}").format(status["pending_changes"]),
        ]
        self.summary.setText("\n".join(lines))


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = data_dir
        self.tasks = TaskRunner(self)
        self.unlocked: access.Unlocked | None = None
        self.setWindowTitle(self.tr("RT Desktop {0}").format(__version__))
        self.pages = QStackedWidget()
        self.login_page = LoginPage(self)
        self.home_page = HomePage(self)
        self.empty_page = QLabel(self.tr(
            "Belum ada data RT Desktop di komputer ini ({0}).\n"
            "Untuk mencoba, jalankan ./scripts/demo.sh; untuk memulai, jalankan "
            "'rt-desktop init'.").format(data_dir))
        self.empty_page.setWordWrap(True)
        self.empty_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for page in (self.login_page, self.home_page, self.empty_page):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self.resize(720, 480)
        self.tasks.run(lambda: access.load_slots(data_dir).users(),
                       success=self._show_login, failure=self._show_start_error)

    def _show_login(self, users: list) -> None:
        self.login_page.set_users([u.display_name for u in users])
        self.pages.setCurrentWidget(self.login_page)
        self.login_page.password.setFocus()

    def _show_start_error(self, exc: BaseException) -> None:
        if isinstance(exc, errors.NotFound):
            self.pages.setCurrentWidget(self.empty_page)
        else:
            self.pages.setCurrentWidget(self.login_page)
            self.login_page.show_error(_message(exc))

    def unlock(self, user: str, password: str) -> None:
        def work() -> tuple[access.Unlocked, dict]:
            unlocked = access.unlock(self.data_dir, user, password)
            return unlocked, unlocked.store.status()

        self.tasks.run(work, success=self._unlocked, failure=self.login_page.show_failure)

    def _unlocked(self, result: tuple) -> None:
        self.unlocked, status = result
        self.login_page.password.clear()
        self.login_page.message.clear()
        self.login_page.button.setEnabled(True)
        self.home_page.show_status(self.unlocked.user.display_name, status)
        self.pages.setCurrentWidget(self.home_page)

    def lock(self) -> None:
        self.pages.setCurrentWidget(self.login_page)
        self.login_page.password.setFocus()

    def closeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        unlocked, self.unlocked = self.unlocked, None
        if unlocked is not None:
            self.tasks.run(unlocked.store.close, success=lambda _: None, failure=lambda _: None)
        self.tasks.wait()
        super().closeEvent(event)


def run_app(data_dir: Path, *, lang: str = "id") -> int:
    """Start the app's event loop; returns its exit code."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("RT Desktop")
    window = MainWindow(data_dir)
    window.show()
    return app.exec()
