"""The Qt half of ``rt-desktop --self-test`` (the core half is ``rt_desktop/selftest.py``).

``rt_desktop/cli.py`` imports this lazily and hands :func:`checks` to ``rt_desktop.selftest.run``,
which has already made an encrypted database with one user in ``data_dir``. The checks start Qt
the way ``ui.app.run_app`` does (offscreen unless ``QT_QPA_PLATFORM`` says otherwise), load both
translation catalogues, show the login screen and time it from before Qt was imported, then sign
in through the login screen like a volunteer and render every page of the main window.

A check fails by raising; each returns a one-line detail. Nothing here is shown to volunteers.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["checks"]

TIMEOUT_S = 20.0


def _wait(app: Any, done: Callable[[], bool], what: str, timeout: float = TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: nothing after {timeout:.0f} s")
        app.processEvents()
        time.sleep(0.005)


def _rendered(widget: Any) -> str:
    """Render the widget to an image; fail on an empty or one-colour image."""
    image = widget.grab().toImage()
    if image.isNull() or image.width() < 100 or image.height() < 100:
        raise RuntimeError(f"{widget.objectName() or type(widget).__name__} rendered "
                           f"{image.width()}x{image.height()}")
    colours = set()
    step_x, step_y = max(1, image.width() // 64), max(1, image.height() // 48)
    for y in range(0, image.height(), step_y):
        for x in range(0, image.width(), step_x):
            colours.add(image.pixel(x, y))
    if len(colours) < 4:
        raise RuntimeError(f"{widget.objectName() or type(widget).__name__} rendered blank "
                           f"({len(colours)} colours)")
    return f"{image.width()}x{image.height()}, {len(colours)} colours"


class _UI:
    def __init__(self, data_dir: Path, password: str, metrics: dict[str, float]):
        self.data_dir, self.password, self.metrics = data_dir, password, metrics
        self.app: Any = None
        self.translations: Any = None
        self.shell: Any = None
        self.started = 0.0

    def qt(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        self.started = time.perf_counter()
        import PySide6
        from PySide6.QtWidgets import QApplication

        from ui import app as ui_app

        found = QApplication.instance()
        self.app = found if isinstance(found, QApplication) else QApplication(sys.argv[:1])
        self.app.setApplicationName("RT Desktop")
        ui_app.apply_style(self.app)
        return f"PySide6 {PySide6.__version__}, platform {self.app.platformName()}"

    def translations_load(self) -> str:
        from ui.i18n import LANGUAGES, QM_DIR, Translations

        self.translations = Translations(self.app)
        missing = [lang for lang in LANGUAGES if not self.translations.apply(lang)]
        if missing:
            raise RuntimeError(f"catalogue missing for {', '.join(missing)} in {QM_DIR}")
        return f"{', '.join(LANGUAGES)} from {QM_DIR}"

    def login_screen(self) -> str:
        from ui.app import Shell
        from ui.context import AppContext
        from ui.i18n import data_language
        from ui.settings_page import DeviceSettings

        device = DeviceSettings.load(self.data_dir)
        self.translations.apply(device.language)
        ctx = AppContext(self.data_dir, lang=data_language(device.language))
        self.shell = Shell(ctx, device, self.translations)
        self.shell.start()
        window = self.shell.window
        if window is None:
            raise RuntimeError("the first-run wizard showed instead of the login screen")
        self.app.processEvents()
        detail = _rendered(window)
        self.metrics["login_s"] = time.perf_counter() - self.started
        if not window.locked or not window.login.isVisible():
            raise RuntimeError("the main window did not open on the login screen")
        return f"shown {self.metrics['login_s']:.2f} s after importing Qt ({detail})"

    def main_window(self) -> str:
        from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton

        window = self.shell.window
        shown: list[str] = []
        forms: list[str] = []
        try:
            users = window.findChild(QComboBox, "loginUsers")
            password = window.findChild(QLineEdit, "loginPassword")
            button = window.findChild(QPushButton, "loginButton")
            if users is None or password is None or button is None:
                raise RuntimeError("no user list, password field or button on the login screen")
            _wait(self.app, lambda: users.count() > 0 and button.isEnabled(),
                  "the login screen's list of users")
            password.setText(self.password)
            button.click()
            _wait(self.app, lambda: not window.locked, "signing in")
            pages = dict(getattr(window, "page_widgets", {}))
            if not pages:
                raise RuntimeError("signed in, but the main window has no pages")
            for key in pages:  # each page reads its data on the worker as it appears
                window.show_page(key)
                self._settle(window)
                _rendered(window)
                shown.append(key)
            for record_type in dict(getattr(window, "form_factories", {})):
                window.new_record(record_type)  # an empty form, kept as a draft on shutdown
                self._settle(window)
                _rendered(window)
                forms.append(record_type)
        finally:
            window.shutdown()
            window.hide()
            window.ctx.tasks.wait()
            self.app.processEvents()
        return (f"signed in through the login screen; pages {', '.join(shown)}; "
                f"new forms {', '.join(forms) or 'none'}")

    def _settle(self, window: Any) -> None:
        self.app.processEvents()
        window.ctx.tasks.wait()
        self.app.processEvents()


def checks(data_dir: Path, password: str, metrics: dict[str, float]) -> Iterator[
        tuple[str, Callable[[], str]]]:
    """The UI checks for ``rt_desktop.selftest.run``; ``metrics['login_s']`` gets the time from
    before Qt was imported to the first rendered login screen."""
    ui = _UI(Path(data_dir), password, metrics)
    yield "qt", ui.qt
    yield "translations", ui.translations_load
    yield "login screen", ui.login_screen
    yield "main window", ui.main_window
