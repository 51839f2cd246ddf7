""""Cetak surat rujukan" under each saved referral of a case (the case form's hook):

    attach_letter_buttons(ctx, referral_section, incident_id)

It asks the worker whether this device may print one (never a coordinator's), then adds a
button to each stored referral row. Pressing it warns that the letter identifies the victim,
asks where to save it, writes it on the worker and says where it went — inline, under the row.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)
from shiboken6 import isValid

from rt_desktop.errors import RTError
from ui.context import AppContext
from ui.i18n import data_language
from ui.reports.referral_letter import letter_allowed, write_referral_letter

if TYPE_CHECKING:
    from ui.forms.referral_section import ReferralSection

__all__ = ["LetterAction", "attach_letter_buttons"]


class LetterAction(QObject):
    """The button, its message and the printing of one referral's letter."""

    written = Signal(str)  # the path
    failed = Signal(str)  # the message shown

    def __init__(self, ctx: AppContext, incident_id: str, referral_id: str, row: QWidget):
        super().__init__(row)
        self.ctx, self.incident_id, self.referral_id = ctx, incident_id, referral_id
        self.row = row
        self.button = QPushButton(self.tr("Cetak surat rujukan"))
        self.button.setObjectName("printReferralLetter")
        self.button.setToolTip(self.tr("Surat untuk menyertai rujukan ini. Memuat identitas "
                                       "korban: rahasia."))
        self.button.clicked.connect(self.start)
        self.message = QLabel()
        self.message.setObjectName("referralLetterMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        line = QHBoxLayout()
        line.addWidget(self.message, 1)
        line.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        layout = row.layout()
        if isinstance(layout, QBoxLayout):
            layout.addLayout(line)

    def start(self) -> None:
        """Warn, ask where, then write."""
        answer = QMessageBox.warning(
            self.row, self.tr("Surat rujukan bersifat rahasia"),
            self.tr("Surat rujukan memuat identitas korban (nama, alamat, kontak). Cetak hanya "
                    "untuk menyertai rujukan ini, serahkan langsung kepada petugas penerima, "
                    "dan hapus berkasnya setelah dicetak. Pencetakan ini dicatat.\n\n"
                    "Lanjutkan?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.row, self.tr("Simpan surat rujukan"), str(Path.home() / "surat-rujukan.pdf"),
            self.tr("Dokumen PDF (*.pdf)"), options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            self.write_to(path if path.lower().endswith(".pdf") else path + ".pdf")

    def write_to(self, path: str | Path) -> None:
        """The second half of :meth:`start` (tests call it directly)."""
        incident_id, referral_id = self.incident_id, self.referral_id
        user, lang = self.ctx.user_name, data_language(self.ctx.lang)
        self.button.setEnabled(False)
        self.ctx.run_db(lambda store: write_referral_letter(store, incident_id, referral_id,
                                                            path, user=user, lang=lang),
                        success=self._written, failure=self._failed)

    def _written(self, path: Path) -> None:
        if not isValid(self.button):
            return
        self.button.setEnabled(True)
        self._say(self.tr("Surat rujukan tersimpan: {0}. Simpan di tempat aman dan hapus "
                          "setelah dicetak.").format(path), error=False)
        self.written.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self.button):
            return
        self.button.setEnabled(True)
        text = (exc.message(data_language(self.ctx.lang)) if isinstance(exc, RTError)
                else self.tr("Surat rujukan tidak dapat dibuat: {0}").format(exc))
        self._say(text, error=True)
        self.failed.emit(text)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b3261e;" if error else "color: #1f2328;")
        self.message.show()


def attach_letter_buttons(ctx: AppContext, section: ReferralSection,
                          incident_id: str | None) -> None:
    """Give each saved referral of ``section`` its "Cetak surat rujukan" button — unless this
    device is a coordinator's (asked on the worker). Call after ``section.set_stored``."""
    if incident_id is None or ctx.unlocked is None:
        return
    rows = list(section.stored)

    def attach(allowed: bool) -> None:
        if not allowed:
            return
        for row in rows:
            if isValid(row) and not row.findChildren(QPushButton, "printReferralLetter"):
                row.letter = LetterAction(ctx, incident_id,  # type: ignore[attr-defined]
                                          row.referral.id, row)

    ctx.run_db(letter_allowed, success=attach, failure=lambda _exc: None)
