"""Daftarkan laptop: the server address and the one-time code from the city admin.

The exchange runs on the database worker (it saves the token and the server's settings in the
same step as the request; a short timeout keeps that step brief) — never on the UI thread.
Each way it can fail has its own plain message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rt_desktop import wilayah
from rt_desktop.errors import BadInput
from rt_desktop.roles import role_in_words
from sync.client import Enrolment, SyncError, enrol
from sync.client.enrol import enrolment
from ui.context import AppContext
from ui.i18n import data_language

__all__ = ["EnrolDialog"]

ENROL_TIMEOUT = (5.0, 20.0)


class EnrolDialog(QDialog):
    enrolled = Signal(object)  # Enrolment

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("enrolDialog")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Daftarkan laptop ke server kota"))
        self.intro = QLabel(self.tr(
            "Minta alamat server dan kode pendaftaran ke admin kota. Kode hanya bisa dipakai "
            "sekali."))
        self.intro.setWordWrap(True)
        self.server = QLineEdit()
        self.server.setObjectName("enrolServer")
        self.server.setPlaceholderText("https://rt.balikpapan.go.id")
        self.code = QLineEdit()
        self.code.setObjectName("enrolCode")
        self.allow_http = QCheckBox(self.tr("Izinkan alamat http:// (hanya atas saran admin)"))
        self.allow_http.setObjectName("enrolAllowHttp")
        self.message = QLabel()
        self.message.setObjectName("enrolMessage")
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Alamat server"), self.server)
        form.addRow(self.tr("Kode pendaftaran"), self.code)
        form.addRow("", self.allow_http)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(self.tr("Daftarkan"),
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("enrolOk")
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.current = QLabel()  # what this laptop is enrolled as, when it is
        self.current.setObjectName("enrolCurrent")
        self.current.setWordWrap(True)
        self.current.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.current)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.resize(520, 0)
        if ctx.unlocked is not None:
            ctx.run_db(enrolment, success=self._show_current, failure=lambda _exc: None)

    def _show_current(self, found: Enrolment | None) -> None:
        """Enrolling again replaces the enrolment: say which one, and start from its server."""
        if found is None or not isValid(self):
            return
        in_id, in_en = wilayah.area_in_words(found.scope)
        role_id, role_en = role_in_words(found.role)
        english = data_language(self.ctx.lang) == "en"
        self.current.setText(self.tr(
            "Laptop ini sudah terdaftar di {0} sebagai laptop {1} {2}. Kode baru menggantikan "
            "pendaftaran itu; data di laptop ini tetap.").format(
                found.server, role_en if english else role_id, in_en if english else in_id))
        self.current.show()
        if not self.server.text():
            self.server.setText(found.server)
        self.allow_http.setChecked(found.allow_insecure_http)
        self.adjustSize()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.adjustSize()  # a longer message needs room: never squeeze the fields

    def submit(self) -> None:
        url, code = self.server.text().strip(), self.code.text().strip()
        if not url or not code:
            self._say(self.tr("Isi alamat server dan kode pendaftaran."))
            return
        allow, user = self.allow_http.isChecked(), self.ctx.user_name or None
        self.ok.setEnabled(False)
        self._say(self.tr("Menghubungi server…"))
        self.ctx.run_db(lambda s: enrol(s, url, code, allow_insecure_http=allow,
                                        timeout=ENROL_TIMEOUT, user=user),
                        success=self._done, failure=self._failed)

    def _done(self, result: Enrolment) -> None:
        self.ok.setEnabled(True)
        self.message.setText("")
        self.enrolled.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if not isValid(self):
            return
        self.ok.setEnabled(True)
        self._say(self.error_text(exc))

    def error_text(self, exc: BaseException) -> str:
        kind = exc.kind if isinstance(exc, SyncError) else ""
        texts: dict[str, Any] = {
            "auth": self.tr("Kode salah, sudah dipakai, atau sudah kedaluwarsa. Minta kode baru "
                            "ke admin kota."),
            "refused": self.tr("Kode ini untuk RT atau jenis laptop lain. Minta kode yang sesuai "
                               "ke admin kota."),
            "unreachable": self.tr("Server tidak terjangkau. Periksa alamat server dan sambungan "
                                   "internet, lalu coba lagi."),
            "insecure": self.tr("Alamat harus diawali https://. Alamat http:// hanya boleh atas "
                                "saran admin kota."),
            "tls": self.tr("Sertifikat server tidak dapat diperiksa. Hubungi admin kota."),
            "update_required": self.tr("Perlu versi baru aplikasi sebelum mendaftar."),
            "server_error": self.tr("Server sedang bermasalah. Coba lagi nanti."),
            "rate_limited": self.tr("Server sibuk. Coba lagi sebentar lagi."),
            "protocol": self.tr("Alamat server tidak valid atau bukan server RT Desktop."),
        }
        if kind in texts:
            return texts[kind]
        if isinstance(exc, BadInput):  # the address or the code, said exactly
            return exc.message(data_language(self.ctx.lang))
        return self.tr("Pendaftaran gagal. Coba lagi atau hubungi admin kota.")
