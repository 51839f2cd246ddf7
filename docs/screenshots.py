"""Render each main screen of RT Desktop to PNG (docs/screenshots/), with clearly fake demo data.

Run through docs/screenshots.sh, which starts a real X server (Xvfb) at 1366×768 — the screen of
the laptops at the RT posts. Drives the real widgets: the first-run wizard, then the main window
with data from ``rt_desktop.demo.fill``; pages the other parts of the app have not written yet
are skipped.

    python docs/screenshots.py [--out docs/screenshots] [--lang id|en]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from rt_desktop import demo  # noqa: E402
from rt_desktop.store.keyslots import KdfParams  # noqa: E402
from ui.app import Shell, apply_style  # noqa: E402
from ui.context import AppContext  # noqa: E402
from ui.i18n import Translations  # noqa: E402
from ui.settings_page import DeviceSettings  # noqa: E402

SIZE = (1366, 768)
PASSWORD = "contoh-sandi-123"


def wait_until(check: Callable[[], object], timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not check():
        if time.monotonic() > end:
            raise TimeoutError("the screen did not get ready")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


def settle(seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)


class Shooter:
    def __init__(self, out: Path, suffix: str):
        self.out, self.suffix = out, suffix
        self.taken: list[Path] = []

    def __call__(self, widget: QWidget, name: str) -> None:
        settle()
        path = self.out / f"{name}{self.suffix}.png"
        widget.window().grab().save(str(path))
        self.taken.append(path)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def run(out: Path, lang: str) -> list[Path]:
    found = QApplication.instance()
    app = found if isinstance(found, QApplication) else QApplication(sys.argv[:1])
    apply_style(app)
    data_dir = Path(tempfile.mkdtemp(prefix="rt-shots-"))
    shoot = Shooter(out, "" if lang == "id" else f".{lang}")
    try:
        device = DeviceSettings.load(data_dir)
        translations = Translations(app)
        translations.apply("xx" if lang == "xx" else "id")  # xx: the stretched layout check
        ctx = AppContext(data_dir, lang="id")
        shell = Shell(ctx, device, translations, kdf=KdfParams(n=2**14))
        shell.start()
        wizard = shell.wizard
        assert wizard is not None
        wizard.resize(900, 640)
        if lang == "en":
            wizard.language_page.buttons[lang].setChecked(True)
        shoot(wizard, "01-wizard-bahasa")
        wizard.next()
        place = wizard.place_page
        place.kelurahan.setFocus()
        place.kelurahan.setEditText("Sungai Nangka")
        place.kelurahan.resolve()
        place.rt.setValue(7)
        shoot(wizard, "02-wizard-wilayah")
        wizard.next()
        user = wizard.user_page
        user.name.setText("Bu Sari (contoh)")
        user.pair.first.setText(PASSWORD)
        user.pair.second.setText(PASSWORD)
        shoot(wizard, "03-wizard-relawan")
        wizard.next()
        wait_until(lambda: wizard.unlocked is not None and wizard.currentPage()
                   is wizard.recovery_page)
        shoot(wizard, "04-wizard-kode-pemulihan")
        wizard.recovery_page.written.setChecked(True)
        wizard.accept()
        wait_until(lambda: shell.window is not None)
        window = shell.window
        assert window is not None
        window.resize(*SIZE)
        window.show()
        done: list[object] = []
        ctx.run_db(lambda store: demo.fill(store, user=ctx.user_name, sessions=40, incidents=14,
                                           seed=2026), success=done.append)
        wait_until(lambda: done)
        ctx.operation_done.emit([])
        window.show_page("home")
        wait_until(lambda: window.home.summary is not None)
        shoot(window, "05-beranda")
        for key, name in (("sessions", "06-sesi-daftar"), ("incidents", "08-kasus-daftar")):
            window.show_page(key)
            settle(0.8)
            shoot(window, name)
        for record_type, name in (("parenting_session", "07-sesi-formulir"),
                                  ("incident", "09-kasus-formulir")):
            if record_type in window.form_factories:
                window.new_record(record_type)
                settle(0.8)
                shoot(window, name)
        window.show_page("reports")
        settle(0.8)
        shoot(window, "10-laporan")
        window.show_page("settings")
        settle(0.5)
        shoot(window, "11-pengaturan")
        window.lock()
        settle(0.5)
        shoot(window, "12-kunci")
        window.login.show_panel("recovery")
        shoot(window, "13-lupa-kata-sandi")
        window.login.show_login()
        window.login.login.password.setText("salah-sekali")
        window.login.login.submit()
        wait_until(lambda: window.login.login.message.isVisible())
        shoot(window, "14-kata-sandi-salah")
        window.shutdown()
        window.close()
        ctx.tasks.wait()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return shoot.taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("id", "en", "xx"), default="id",
                        help="xx: every string stretched by 40 %% (to look at layouts)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontCreateNativeWidgetSiblings)
    run(args.out, args.lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
