"""App bootstrap: the QApplication, the chosen language, then the first-run wizard (no data yet)
or the login screen, then the main window.

``rt_desktop/cli.py`` is the only caller: ``run_app(data_dir, lang=...)``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.context import AppContext
from ui.i18n import LANGUAGES, PSEUDO, Translations, data_language
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings
from ui.wizard import SetupWizard

__all__ = ["STYLE", "Shell", "apply_style", "run_app"]

# Calm, high-contrast, large enough for a shared 14" laptop; every colour pair passes WCAG AA.
STYLE = """
QWidget { font-size: 10.5pt; }
QLabel[role="apptitle"] { font-size: 22pt; font-weight: bold; color: #1d4f91; }
QLabel[role="pagetitle"] { font-size: 16pt; font-weight: bold; color: #1f2328; }
QLabel[role="title"] { font-size: 14pt; font-weight: bold; }
QLabel[role="section"] { font-weight: bold; margin-top: 6px; }
QLabel[role="hint"] { color: #4b535c; }
QLabel[role="message"] { color: #b3261e; }
QLabel[role="note"] { background: #e8f0fe; border: 1px solid #aecbfa; border-radius: 4px;
                      padding: 6px; color: #174ea6; }
QFrame[role="card"] { background: #ffffff; border: 1px solid #d0d7de; border-radius: 6px; }
QFrame[role="card"][alert="true"] { border: 2px solid #b3261e; }
QFrame[role="banner"] { background: #fff4e5; border: 1px solid #e0a000; border-radius: 4px; }
QFrame#nav { background: #eef2f7; border-right: 1px solid #d0d7de; }
QFrame#loginCard { background: #ffffff; border: 1px solid #d0d7de; border-radius: 8px; }
QFrame#recoveryCodeFrame { background: #ffffff; border: 2px dashed #1d4f91; }
QLabel#recoveryCodeLabel { font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace;
                           font-size: 20pt; font-weight: bold; color: #1f2328; padding: 14px; }
QPushButton[role="nav"] { text-align: left; padding: 10px 12px; border: none;
                          font-size: 11.5pt; border-radius: 4px; }
QPushButton[role="nav"]:checked { background: #1d4f91; color: #ffffff; }
QPushButton[role="nav"]:hover:!checked { background: #dde5f0; }
QPushButton[role="big"] { font-size: 13pt; font-weight: bold; padding: 12px 18px;
                          background: #1d4f91; color: #ffffff; border-radius: 6px; }
QPushButton[role="big"]:hover { background: #163d70; }
QPushButton[role="big"]:disabled { background: #8aa1c1; }
QPushButton[role="primary"] { font-weight: bold; padding: 8px 16px; background: #1d4f91;
                              color: #ffffff; border-radius: 4px; }
QPushButton[role="primary"]:disabled { background: #8aa1c1; }
QLabel[role="figure"] { font-size: 24pt; font-weight: bold; color: #1f2328; }
QListWidget#followUpList::item, QListWidget#openForms::item { padding: 5px 4px; }
QStatusBar QLabel { padding: 0 10px; border-left: 1px solid #c4ccd6; }
QRadioButton[role="language"] { font-size: 13pt; padding: 6px; }
QPushButton[role="link"] { color: #1d4f91; text-decoration: underline; border: none;
                           padding: 4px; }
"""


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same look on every Windows version and under Xvfb
    app.setStyleSheet(STYLE)


class Shell(QObject):
    """Holds the first window: the wizard until the data exists, then the main window."""

    def __init__(self, ctx: AppContext, device: DeviceSettings, translations: Translations, *,
                 kdf: KdfParams | None = None):
        super().__init__()
        self.ctx, self.device, self.translations, self.kdf = ctx, device, translations, kdf
        self.wizard: SetupWizard | None = None
        self.window: MainWindow | None = None

    def start(self, *, show: bool = True) -> None:
        # One stat() before any window exists: which screen comes first.
        if access.is_initialised(Path(self.ctx.data_dir)):
            self.show_main(show=show)
            return
        self.wizard = SetupWizard(self.ctx, self.device, translations=self.translations,
                                  kdf=self.kdf)
        self.wizard.completed.connect(lambda _unlocked: self.show_main())
        self.wizard.rejected.connect(self._quit)
        if show:
            self.wizard.show()

    def show_main(self, *, show: bool = True) -> MainWindow:
        self.window = MainWindow(self.ctx, device=self.device, translations=self.translations,
                                 kdf=self.kdf)
        if show:
            self.window.show()
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None
        return self.window

    def _quit(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.quit()


def run_app(data_dir: Path, *, lang: str | None = None) -> int:
    """Start the app's event loop; returns its exit code.

    :param lang: ``id`` or ``en`` for this run; None uses this laptop's stored choice
        (Pengaturan → Bahasa), Bahasa Indonesia if there is none.
    """
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("RT Desktop")
    app.setApplicationDisplayName("RT Desktop")
    apply_style(app)
    data_dir = Path(data_dir)
    device = DeviceSettings.load(data_dir)  # a few bytes, before any window exists
    if lang in LANGUAGES or lang == PSEUDO:
        device.language = lang
    translations = Translations(app)
    translations.apply(device.language)
    ctx = AppContext(data_dir, lang=data_language(device.language))
    shell = Shell(ctx, device, translations)
    shell.start()
    code = app.exec()
    if shell.window is not None:
        shell.window.shutdown()
    ctx.tasks.wait()
    return code
