"""The last page of the first run: the recovery code, shown this one time, to be written on paper
(or printed, or saved to a file the volunteer then moves off the laptop).

The code opens the data when every password is forgotten, so the page says plainly where it
must not be kept: on this laptop.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont, QFontDatabase, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from rt_desktop import wilayah
from rt_desktop.validation import today_wita
from ui.accounts import error_text, message_label, show_message
from ui.i18n import locale_for

if TYPE_CHECKING:
    from ui.wizard import SetupWizard

__all__ = ["RecoveryPage"]


class RecoveryPage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.setObjectName("recoveryPage")
        self.wizard_ = wizard
        self.code = QLabel()
        self.code.setObjectName("recoveryCodeLabel")
        self.code.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Big, monospaced (STYLE in ui/app.py): 0/O and 1/I must not be mistaken on paper.
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(font)
        self.code.setWordWrap(True)
        frame = QFrame()
        frame.setObjectName("recoveryCodeFrame")
        frame.setFrameShape(QFrame.Shape.Box)
        QVBoxLayout(frame).addWidget(self.code)
        self.instruction = QLabel()
        self.instruction.setObjectName("recoveryInstruction")
        self.instruction.setWordWrap(True)
        self.print_button = QPushButton()
        self.print_button.setObjectName("printCode")
        self.print_button.clicked.connect(self.print_code)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveCode")
        self.save_button.clicked.connect(self.choose_file)
        self.save_hint = QLabel()
        self.save_hint.setWordWrap(True)
        self.save_hint.setProperty("role", "hint")
        self.message = message_label("recoveryMessage")
        self.message.setProperty("role", "note")
        self.written = QCheckBox()
        self.written.setObjectName("writtenDown")
        self.registerField("written*", self.written)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.instruction)
        layout.addWidget(frame)
        layout.addLayout(buttons)
        layout.addWidget(self.save_hint)
        layout.addWidget(self.message)
        layout.addStretch()
        layout.addWidget(self.written)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Kode pemulihan"))
        self.setSubTitle(self.tr("Kode ini hanya ditampilkan sekali sekarang."))
        self.instruction.setText(self.tr(
            "Tulis kode di bawah ini di kertas, lalu simpan kertasnya di tempat yang aman, "
            "misalnya bersama dokumen penting RT. Jika semua kata sandi terlupa, hanya kode ini "
            "yang bisa membuka data lagi."))
        self.print_button.setText(self.tr("Cetak…"))
        self.save_button.setText(self.tr("Simpan ke berkas…"))
        self.save_hint.setText(self.tr(
            "Jika disimpan ke berkas, pindahkan berkas itu ke flashdisk yang disimpan di tempat "
            "aman. Jangan biarkan berkas itu di laptop ini."))
        self.written.setText(self.tr("Saya sudah menulis kode ini"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_code(self, code: str) -> None:
        self.code.setText(code)

    def sheet_text(self) -> str:
        """What goes on paper or into the file: the code and which RT's data it opens."""
        kel = wilayah.kelurahan(self.wizard_.kelurahan_code())
        today = today_wita()
        when = locale_for(self.wizard_.ctx.lang).toString(
            QDate(today.year, today.month, today.day), "d MMMM yyyy")
        return "\n".join([
            self.tr("Kode pemulihan RT Desktop"),
            self.tr("Kelurahan {0} · RT {1}").format(kel.name, self.wizard_.rt()),
            self.tr("Dibuat {0}").format(when),
            "",
            self.code.text(),
            "",
            self.tr("Simpan kertas ini di tempat yang aman. Siapa pun yang memegang kode ini bisa "
                    "membuka data RT ini."),
        ]) + "\n"

    def print_code(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Cetak kode pemulihan"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.render_sheet(printer)
            show_message(self.message, self.tr("Kode pemulihan dikirim ke printer."))

    def render_sheet(self, printer: QPrinter) -> None:
        lines = self.sheet_text().splitlines()
        body = "".join(
            f"<p style='font-family:monospace; font-size:20pt; font-weight:bold'>"
            f"{html.escape(line)}</p>" if line == self.code.text()
            else f"<p>{html.escape(line)}</p>" for line in lines)
        document = QTextDocument()
        document.setHtml(body)
        document.print_(printer)

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan kode pemulihan"), str(Path.home() / "kode-pemulihan-rt.txt"),
            self.tr("Berkas teks (*.txt)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write the sheet as a text file (on the worker); says where it went."""
        text = self.sheet_text()

        def saved(_: Any) -> None:
            show_message(self.message, self.tr("Tersimpan di {0}.").format(str(path)))

        def failed(exc: BaseException) -> None:
            show_message(self.message, self.tr("Berkas tidak dapat disimpan: {0}").format(
                error_text(exc, self.wizard_.ctx.lang) if not isinstance(exc, OSError)
                else exc.strerror or type(exc).__name__))

        self.wizard_.ctx.tasks.run(lambda: path.write_text(text, encoding="utf-8"),
                                   success=saved, failure=failed)
