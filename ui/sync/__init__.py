"""Talking to the city server, in the app: the controller (when to sync), the status bar part,
and the "Kirim & terima" pages (Konflik, Belum terkirim, Daftarkan laptop, Rujukan masuk).

:class:`SyncUi` is the main window's one entry point: it adds the navigation section and the
pages, the status widget and F5, and adapts the window to the laptop's role — a coordinator's
laptop only reads (no "Catat … baru", forms read-only), an UPTD laptop gets "Rujukan masuk".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QPushButton

from ui.sync.controller import DEFAULT_INTERVAL_MS, SyncController
from ui.sync.status import SyncStatusWidget

__all__ = ["SYNC_PAGES", "SyncController", "SyncStatusWidget", "SyncUi"]

SYNC_PAGES = ("conflicts", "unsent", "incoming")


class SyncUi(QObject):
    def __init__(self, window: Any, *, interval_ms: int = DEFAULT_INTERVAL_MS):
        super().__init__(window)
        self.window = window
        ctx = window.ctx
        self.role = ""
        self.controller = SyncController(ctx, interval_ms=interval_ms, parent=self)
        self.status = SyncStatusWidget(ctx, self.controller)
        window.statusBar().addPermanentWidget(self.status)
        self.sync_shortcut = QShortcut(QKeySequence("F5"), window.workspace)
        self.sync_shortcut.activated.connect(self.sync_now)
        self.buttons: dict[str, QPushButton] = {}

    # --- building (at the first unlock) --------------------------------------------------------

    def build(self, nav_layout: Any, at: int) -> None:
        """Add the navigation section at ``at`` and the pages to the window's page stack."""
        from ui.sync.conflicts_page import ConflictsPage
        from ui.sync.incoming_referrals import IncomingReferralsPage
        from ui.sync.unsent_page import UnsentPage

        win = self.window
        self.title = QLabel()
        self.title.setProperty("role", "section")
        self.sync_button = QPushButton()
        self.sync_button.setObjectName("syncNow")
        # Narrow padding: the navigation is 230 px and the English/pseudo text is long.
        self.sync_button.setStyleSheet("QPushButton#syncNow { padding: 6px 0px; font-size: 10pt; }")
        self.sync_button.clicked.connect(self.sync_now)
        self.enrol_button = QPushButton()
        self.enrol_button.setObjectName("nav_enrol")
        self.enrol_button.setProperty("role", "nav")
        self.enrol_button.clicked.connect(self.open_enrol)
        pages = {"conflicts": ConflictsPage(win.ctx), "unsent": UnsentPage(win.ctx),
                 "incoming": IncomingReferralsPage(win.ctx)}
        widgets: list[Any] = [self.title, self.sync_button]
        for key, page in pages.items():
            button = QPushButton()
            button.setObjectName(f"nav_{key}")
            button.setCheckable(True)
            button.setProperty("role", "nav")
            button.clicked.connect(lambda _=False, k=key: win.show_page(k))
            win.nav_group.addButton(button)
            win.nav_buttons[key] = button
            win.page_widgets[key] = page
            win.pages.addWidget(page)
            self.buttons[key] = button
            widgets.append(button)
        widgets.append(self.enrol_button)
        nav_layout.insertSpacing(at, 12)
        for offset, widget in enumerate(widgets, start=1):
            nav_layout.insertWidget(at + offset, widget)
        self.buttons["incoming"].setVisible(False)  # until the role says UPTD
        self.retranslate()
        win.ctx.run_db(lambda s: s.role, success=self.apply_role)

    def retranslate(self) -> None:
        if not hasattr(self, "title"):
            return
        self.title.setText(self.tr("Kirim & terima"))
        self.sync_button.setText(self.tr("Sinkronkan sekarang"))
        self.sync_button.setToolTip(
            self.tr("Kirim perubahan ke server kota dan terima yang baru (F5)"))
        for key, text in (("conflicts", self.tr("Konflik")),
                          ("unsent", self.tr("Belum terkirim")),
                          ("incoming", self.tr("Rujukan masuk"))):
            self.buttons[key].setText(text)
        self.enrol_button.setText(self.tr("Daftarkan laptop"))

    # --- role ----------------------------------------------------------------------------------

    def apply_role(self, role: str) -> None:
        self.role = role
        win = self.window
        self.buttons["incoming"].setVisible(role == "uptd")
        # An UPTD PPA laptop receives referred cases only: no sessions to list.
        win.nav_buttons["sessions"].setVisible(role != "uptd")
        read_only = role == "coordinator"
        # A coordinator's laptop sends nothing: no "Belum terkirim", no unsent count.
        self.buttons["unsent"].setVisible(not read_only)
        win.set_viewing_only(role in ("coordinator", "uptd"), writes_nothing=read_only)
        home = win.page_widgets.get("home")
        for button in (getattr(home, "new_session", None), getattr(home, "new_incident", None),
                       *(getattr(win.page_widgets.get(k), "new_button", None)
                         for k in ("sessions", "incidents"))):
            if button is not None:
                button.setVisible(not read_only and role != "uptd")
        conflicts = win.page_widgets.get("conflicts")
        if conflicts is not None:
            conflicts.read_only = role != "volunteer"  # only a volunteer's laptop may resolve

    def may_create(self) -> bool:
        return self.role not in ("coordinator", "uptd")

    def adapt_form(self, form: Any) -> Any:
        """A coordinator's (or UPTD's) laptop shows forms read-only: the store would refuse a
        save or a delete anyway, so the form offers neither — also once the record has loaded
        (which used to bring *Hapus* back) — and on a coordinator's laptop no *Tampilkan*: the
        server never sends it the sensitive fields."""
        if self.role in ("coordinator", "uptd"):
            form.set_read_only(identity_absent=self.role == "coordinator",
                               notes_absent=self.role == "uptd")
        return form

    # --- actions -------------------------------------------------------------------------------

    def started(self) -> None:
        """After an unlock: the timer runs (and one run soon, for a fresh status)."""
        if not self.controller.timer.isActive():
            self.controller.start()
        self.status.refresh()

    def sync_now(self) -> None:
        if not self.window.locked:
            self.controller.sync_now()

    def open_enrol(self) -> None:
        from ui.sync.enrol_dialog import EnrolDialog

        dialog = EnrolDialog(self.window.ctx, self.window)
        dialog.enrolled.connect(lambda _e: (self.status.refresh(), self.controller.sync_now()))
        self.enrol_dialog = dialog
        dialog.open()

    def shutdown(self, msecs: int = 5000) -> bool:
        return self.controller.shutdown(msecs)
