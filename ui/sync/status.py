"""The status bar's sync part: when the laptop last reached the server, what is waiting, and
the last problem in words a volunteer understands (never an HTTP status), plus a quiet notice
when the server says a newer app exists.

What it shows is read from the store's meta (:func:`rt_desktop.store.sync_meta.sync_status`),
so a restarted app shows the same thing; the controller's signals only say "read it again".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDateTime, QTimeZone
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from rt_desktop.store.sync_meta import sync_status
from ui.context import AppContext
from ui.i18n import locale_for
from ui.sync.controller import SyncController

__all__ = ["SyncStatusWidget", "error_message", "wita_text"]

_CTX = "SyncStatus"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def error_message(kind: str | None, download_url: str | None = None) -> str:
    """A sync error kind in plain words (the same text whatever the server said)."""
    if not kind:
        return ""
    if kind in ("unreachable", "tls"):
        return _tr("Server tidak terjangkau — data tetap aman di laptop ini")
    if kind in ("auth", "forbidden"):
        return _tr("Laptop ini tidak lagi terdaftar di server; hubungi admin kota")
    if kind == "update_required":
        return _tr("Perlu versi baru aplikasi: {0}").format(download_url or "")
    if kind in ("rate_limited", "server_error"):
        return _tr("Server sibuk, dicoba lagi otomatis")
    if kind == "not_enrolled":
        return _tr("Laptop ini belum terdaftar di server")
    return _tr("Pengiriman gagal; data tetap aman di laptop ini")


def wita_text(iso: str | None, lang: str = "id") -> str:
    """A stored UTC time as ``12 Jan 2026 14.03 WITA`` (Balikpapan's time, the reader's
    locale)."""
    if not iso:
        return ""
    try:
        moment = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()),
                                        QTimeZone(8 * 3600))
    return locale_for(lang).toString(when, "d MMM yyyy HH.mm") + " WITA"


class SyncStatusWidget(QWidget):
    """Permanent widget of the main window's status bar."""

    def __init__(self, ctx: AppContext, controller: SyncController,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.ctx, self.controller = ctx, controller
        self.status: dict[str, Any] = {}
        self.busy = False
        self.last_sync = QLabel()
        self.last_sync.setObjectName("syncLast")
        self.error = QLabel()
        self.error.setObjectName("syncError")
        self.error.setStyleSheet("color: #b3261e;")
        self.update_notice = QLabel()
        self.update_notice.setObjectName("syncUpdate")
        self.update_notice.setOpenExternalLinks(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for label in (self.last_sync, self.error, self.update_notice):
            layout.addWidget(label)
        controller.started.connect(self._started)
        controller.status_changed.connect(self.refresh)
        ctx.operation_done.connect(lambda _changes: self.refresh())
        self._show()

    def _started(self) -> None:
        self.busy = True
        self._show()

    def refresh(self) -> None:
        self.busy = self.controller.running
        if self.ctx.unlocked is None:
            return
        self.ctx.run_db(sync_status, success=self.set_status, failure=lambda _exc: None)

    def set_status(self, status: dict[str, Any]) -> None:
        self.status = status
        self._show()

    def pending(self) -> int:
        return int(self.status.get("pending_changes") or 0)

    def _show(self) -> None:
        status, lang = self.status, self.ctx.lang
        if self.busy:
            self.last_sync.setText(self.tr("Sedang mengirim dan menerima…"))
        elif status.get("enrolment") is None:
            self.last_sync.setText(self.tr("Belum terhubung ke server kota") if status else "")
        elif status.get("last_sync"):
            self.last_sync.setText(self.tr("Terakhir terhubung: {0}").format(
                wita_text(status["last_sync"], lang)))
        else:
            self.last_sync.setText(self.tr("Belum pernah terhubung ke server"))
        kind = status.get("last_error_kind")
        self.error.setText(error_message(kind, status.get("download_url")))
        self.error.setVisible(bool(kind))
        self.error.setToolTip(self.tr("Perubahan belum terkirim: {0}").format(
            locale_for(lang).toString(self.pending())))
        result = self.controller.last_result
        url = (result.download_url if result is not None and result.update_available
               else None)
        if url:
            self.update_notice.setText(self.tr("Versi baru tersedia: <a href=\"{0}\">{0}</a>")
                                       .format(url))
        self.update_notice.setVisible(bool(url))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
