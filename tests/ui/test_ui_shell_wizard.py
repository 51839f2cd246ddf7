"""First run: the wizard sets up the data, shows the recovery code once, and the password then
opens the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.app import Shell
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings
from ui.wizard import KelurahanCombo, RtSpinBox, SetupWizard

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"


@pytest.fixture
def wizard(qtbot, tmp_path: Path) -> SetupWizard:
    data_dir = tmp_path / "data"
    ctx = AppContext(data_dir)
    wiz = SetupWizard(ctx, DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(wiz)
    wiz.show()
    yield wiz
    if wiz.unlocked is not None:
        ctx.tasks.run(wiz.unlocked.store.close, success=lambda _: None, failure=lambda _: None)
    ctx.tasks.wait()


def finish_button(wiz: SetupWizard):
    return wiz.button(QWizard.WizardButton.FinishButton)


def test_kelurahan_search_accepts_the_spoken_name(qtbot) -> None:
    combo = KelurahanCombo()
    qtbot.addWidget(combo)
    assert combo.count() == 34 and combo.selected_code() is None
    qtbot.keyClicks(combo.lineEdit(), "Sungai Nangka")
    visible = [combo.filter.index(r, 0).data() for r in range(combo.filter.rowCount())]
    assert visible and visible[0].startswith("Sungainangka")
    combo.resolve()
    assert combo.selected_code() == "64.71.05.1010"


def test_rt_is_shown_with_three_digits(qtbot) -> None:
    spin = RtSpinBox()
    qtbot.addWidget(spin)
    spin.setValue(7)
    assert spin.text() == "007"
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "42")
    spin.interpretText()
    assert spin.value() == 42 and spin.text() == "042"


def test_first_run_end_to_end(qtbot, wizard: SetupWizard, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert wizard.currentPage() is wizard.language_page
    assert wizard.language_page.buttons["id"].isChecked()
    wizard.next()

    place = wizard.place_page
    assert not place.isComplete()
    qtbot.keyClicks(place.kelurahan.lineEdit(), "sungai nangka")
    place.kelurahan.resolve()
    place.rt.setValue(7)
    assert place.isComplete()
    wizard.next()

    user = wizard.user_page
    assert wizard.currentPage() is user
    qtbot.keyClicks(user.name, "Sari")
    qtbot.keyClicks(user.pair.first, "pendek")
    assert user.pair.first_message.isVisible()
    assert "8 karakter" in user.pair.first_message.text()  # inline, not a box
    assert not user.isComplete()
    user.pair.first.clear()
    qtbot.keyClicks(user.pair.first, PASSWORD)
    qtbot.keyClicks(user.pair.second, PASSWORD + "x")
    assert "belum sama" in user.pair.second_message.text()
    user.pair.second.backspace()
    assert user.isComplete() and not user.pair.second_message.isVisible()
    assert not access.is_initialised(data_dir)

    wizard.next()  # leaves the commit page: the data is made on the worker
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=10_000)
    assert access.is_initialised(data_dir)
    code = wizard.recovery_page.code.text()
    assert code == wizard.recovery_code and len(code.replace("-", "")) == 28
    assert "kertas" in wizard.recovery_page.instruction.text()
    assert not wizard.button(QWizard.WizardButton.CancelButton).isVisible()
    wizard.reject()  # Esc after the data exists does not lose the code
    assert wizard.isVisible()

    # Save to a file the volunteer chose (the dialog itself is the OS's).
    sheet = tmp_path / "kode.txt"
    wizard.recovery_page.save_to(sheet)
    qtbot.waitUntil(lambda: sheet.exists() and wizard.recovery_page.message.isVisible())
    text = sheet.read_text(encoding="utf-8")
    assert code in text and "Sungainangka" in text and "RT 007" in text

    assert not finish_button(wizard).isEnabled()
    wizard.recovery_page.written.click()
    assert finish_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.completed) as done:
        qtbot.mouseClick(finish_button(wizard), Qt.MouseButton.LeftButton)
    unlocked = done.args[0]
    assert unlocked.user.display_name == "Sari"
    assert unlocked.store.kelurahan_code == "64.71.05.1010" and unlocked.store.rt == "007"
    assert DeviceSettings.load(data_dir).language == "id"  # remembered for the next start

    # Later start: the login screen opens the data with that password.
    unlocked.store.close()
    wizard.unlocked = None
    ctx = AppContext(data_dir)
    window = MainWindow(ctx, device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.login.login.users.count() == 1)
    qtbot.keyClicks(window.login.login.password, PASSWORD)
    qtbot.keyClick(window.login.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.locked, timeout=10_000)
    assert ctx.user_name == "Sari"


def test_recovery_sheet_prints(qtbot, wizard: SetupWizard, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    wizard.place_page.kelurahan.select_code("64.71.05.1010")
    wizard.place_page.rt.setValue(12)
    wizard.recovery_page.show_code("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345")
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "kode.pdf"))
    wizard.recovery_page.render_sheet(printer)
    assert (tmp_path / "kode.pdf").stat().st_size > 500


def test_shell_starts_with_the_wizard_only_when_there_is_no_data(qtbot, tmp_path: Path) -> None:
    empty = tmp_path / "kosong"
    shell = Shell(AppContext(empty), DeviceSettings.load(empty), translations=None, kdf=FAST)
    shell.start(show=False)
    assert shell.wizard is not None and shell.window is None
    qtbot.addWidget(shell.wizard)

    made = tmp_path / "ada"
    unlocked, _ = access.initialise(made, kelurahan_code="64.71.05.1010", rt="1", name="Sari",
                                    password=PASSWORD, kdf=FAST)
    unlocked.store.close()
    shell = Shell(AppContext(made), DeviceSettings.load(made), translations=None, kdf=FAST)
    shell.start(show=False)
    assert shell.wizard is None and shell.window is not None
    qtbot.addWidget(shell.window)
    assert shell.window.locked
