"""Translations: every tr() string is in the committed .ts files; English comes from the built
catalogue and switches live; and every main screen survives strings 40 % longer (the stretched
pseudo-locale "xx") on the 1366×768 screen of the RT post's laptop."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSize, Qt

from rt_desktop import access, demo
from rt_desktop.store.keyslots import KdfParams
from tests.ui.layout_check import clipped, settle
from ui.app import apply_style
from ui.context import AppContext
from ui.i18n import Translations, locale_for, stretch
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings
from ui.wizard import SetupWizard

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "scripts" / "build_translations.py"
FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"
SCREEN = QSize(1366, 768)


@pytest.fixture
def translations(qapp) -> Iterator[Translations]:
    made = Translations(qapp)
    yield made
    made.reset()  # the next test starts in Indonesian again


@pytest.fixture
def styled(qapp) -> Iterator[None]:
    """The app's own look (its sizes matter here), then back to what other tests expect."""
    sheet, style = qapp.styleSheet(), qapp.style().name()
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setStyle(style)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    unlocked, _ = access.initialise(folder, kelurahan_code="64.71.05.1010", rt="12", name="Sari",
                                    password=PASSWORD, kdf=FAST)
    demo.fill(unlocked.store, user="Sari", sessions=12, incidents=6, seed=3)
    unlocked.store.close()
    return folder


def open_window(qtbot, data_dir: Path, translations: Translations) -> MainWindow:
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir),
                     translations=translations, kdf=FAST)
    qtbot.addWidget(win)
    win.resize(SCREEN)
    win.show()
    qtbot.waitUntil(lambda: win.login.login.users.count() == 1)
    return win


def sign_in(qtbot, win: MainWindow) -> None:
    qtbot.keyClicks(win.login.login.password, PASSWORD)
    qtbot.keyClick(win.login.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked)


def test_every_tr_string_is_in_the_ts_files() -> None:
    result = subprocess.run([sys.executable, str(BUILD), "--check"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_stretch_keeps_placeholders_and_mnemonics() -> None:
    text = "Perubahan belum terkirim: {0}"
    stretched = stretch(text)
    assert stretched.endswith(": {0}")
    assert len(stretched.split()[0]) >= 1.4 * len("Perubahan")
    assert stretch("&Beranda").startswith("&B")
    assert stretch("<b>{0}</b> %1") == "<b>{0}</b> %1"


def test_dates_and_numbers_in_indonesian() -> None:
    loc = locale_for("id")
    assert loc.toString(QDate(2026, 1, 5), "dddd, d MMMM yyyy") == "Senin, 5 Januari 2026"
    assert loc.toString(1234567) == "1.234.567"
    assert locale_for("en").toString(QDate(2026, 1, 5), "d MMMM yyyy") == "5 January 2026"


def test_qts_own_dialogs_and_buttons_speak_indonesian(tmp_path: Path,
                                                     translations: Translations) -> None:
    """The app's save dialog (not the system's) and the standard buttons of its questions:
    Qt ships no Indonesian, so the app's catalogue carries it."""
    from PySide6.QtCore import QCoreApplication

    qm = tmp_path / "qm"
    subprocess.run([sys.executable, str(BUILD), "--qm-only", "--qm-dir", str(qm)], check=True,
                   cwd=ROOT)
    translations.qm_dir = qm
    assert translations.apply("id")
    said = {(c, s): QCoreApplication.translate(c, s) for c, s in (
        ("QFileDialog", "File &name:"), ("QFileDialog", "Files of &type:"),
        ("QFileDialog", "&Look in:"), ("QFileDialog", "&Save"),
        ("QFileSystemModel", "Computer"), ("QPlatformTheme", "Cancel"),
        ("QPlatformTheme", "&Yes"))}
    assert said == {("QFileDialog", "File &name:"): "&Nama berkas:",
                    ("QFileDialog", "Files of &type:"): "&Jenis berkas:",
                    ("QFileDialog", "&Look in:"): "&Cari di:",
                    ("QFileDialog", "&Save"): "&Simpan",
                    ("QFileSystemModel", "Computer"): "Komputer",
                    ("QPlatformTheme", "Cancel"): "Batal", ("QPlatformTheme", "&Yes"): "&Ya"}
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel

    dialog = QFileDialog(None, "Simpan laporan")  # as the Laporan page makes it
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    texts = {w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)}
    assert {"&Nama berkas:", "&Simpan", "Batal"} <= texts, texts
    dialog.deleteLater()


def test_english_from_the_built_catalogue_switches_live(qtbot, tmp_path: Path, data_dir: Path,
                                                         translations: Translations) -> None:
    qm = tmp_path / "qm"
    subprocess.run([sys.executable, str(BUILD), "--qm-only", "--qm-dir", str(qm)], check=True,
                   cwd=ROOT)
    translations.qm_dir = qm
    assert translations.apply("id")
    win = open_window(qtbot, data_dir, translations)
    assert win.login.login.button.text() == "Masuk"
    sign_in(qtbot, win)
    win.show_page("settings")
    page = win.settings_page
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.waitUntil(lambda: win.nav_buttons["home"].text() == "&Home")
    assert win.ctx.lang == "en"
    assert page.heading.text() == "Settings"
    assert win.home.new_session.text() == "Record a new session"
    assert "Changes not sent yet" in win.unsent_label.text()
    qtbot.waitUntil(lambda: DeviceSettings.load(data_dir).language == "en")  # per laptop
    win.lock()
    assert win.login.login.button.text() == "Sign in"

    page.language.setCurrentIndex(page.language.findData("id"))
    qtbot.waitUntil(lambda: win.login.login.button.text() == "Masuk")


def test_wizard_switches_language_live(qtbot, tmp_path: Path,
                                       translations: Translations) -> None:
    qm = tmp_path / "qm"
    subprocess.run([sys.executable, str(BUILD), "--qm-only", "--qm-dir", str(qm)], check=True,
                   cwd=ROOT)
    translations.qm_dir = qm
    ctx = AppContext(tmp_path / "data")
    wizard = SetupWizard(ctx, DeviceSettings.load(tmp_path / "data"), translations=translations)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.language_page.title() == "Selamat datang di RT Desktop"
    wizard.language_page.buttons["en"].click()
    qtbot.waitUntil(lambda: wizard.language_page.title() == "Welcome to RT Desktop")
    assert wizard.buttonText(wizard.WizardButton.NextButton) == "Next >"
    assert wizard.device.language == "en" and ctx.lang == "en"


def test_pseudo_locale_layouts_hold(qtbot, data_dir: Path, tmp_path: Path,
                                    translations: Translations, styled: None) -> None:
    translations.apply("xx")
    found: dict[str, list[str]] = {}

    wizard = SetupWizard(AppContext(tmp_path / "new"), DeviceSettings.load(tmp_path / "new"),
                         translations=translations, kdf=FAST)
    qtbot.addWidget(wizard)
    wizard.show()
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        wizard.setStartId(page_id)
        wizard.restart()
        settle()
        found[f"wizard {page.objectName()}"] = clipped(wizard)
    assert wizard.minimumSizeHint().width() <= SCREEN.width()
    wizard.close()

    win = open_window(qtbot, data_dir, translations)
    assert win.login.login.button.text() != "Masuk"  # the stretched strings are in use
    for name in ("add_user", "change_password", "recovery"):
        win.login.show_panel(name)
        settle()
        found[f"login {name}"] = clipped(win)
    win.login.show_login()
    settle()
    found["login"] = clipped(win)
    sign_in(qtbot, win)
    qtbot.waitUntil(lambda: win.home.summary is not None)
    for key in ("home", "sessions", "incidents", "reports", "settings"):
        win.show_page(key)
        if key == "reports":  # Laporan builds last month's report on the worker when opened
            reports = win.page_widgets["reports"]
            qtbot.waitUntil(lambda p=reports: p.report is not None and not p.busy_now,
                            timeout=10_000)
        settle()
        found[key] = clipped(win)
    for record_type in ("parenting_session", "incident"):
        win.new_record(record_type)
        settle()
        found[f"form {record_type}"] = clipped(win)
    win.lock()
    settle()
    found["lock"] = clipped(win)

    hint = win.minimumSizeHint()
    assert hint.width() <= SCREEN.width() and hint.height() <= SCREEN.height(), hint
    assert {screen: p for screen, p in found.items() if p} == {}
