"""The main window: navigation (Beranda, Sesi Lautan RT, Kasus, Pengaturan), the page area where
lists and forms show, a status bar, and the lock.

Locking shows the login screen in place of the workspace; the workspace is disabled (so no
shortcut reaches a hidden form) but kept whole: the key stays in memory, background work goes on,
and an open form comes back when the same user signs in again. When a different user signs in,
each open form is saved as the previous user's draft and closed first, so the new user never
sees it.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import access, wilayah
from rt_desktop.store.backups import auto_backup
from rt_desktop.store.keyslots import KdfParams
from ui.accounts import error_text
from ui.context import AppContext
from ui.drafts_banner import DraftBanner, parse_form_key
from ui.form_host import FormFactory, FormHostMixin
from ui.home import HomePage
from ui.i18n import Translations, locale_for
from ui.lock import IdleLock
from ui.login import LoginScreen
from ui.settings_page import DeviceSettings, SettingsPage
from ui.sync import SyncUi

__all__ = ["MainWindow"]

log = logging.getLogger(__name__)

NAV = ("home", "sessions", "incidents", "reports", "settings")  # also Ctrl+1 … Ctrl+5


class MainWindow(FormHostMixin, QMainWindow):
    # True when the lock screen shows. Not Signal(bool): PySide6 6.12 on CPython 3.11 loses a
    # reference to True/False each time a bool is emitted to no receiver (see ui/models.py).
    locked_changed = Signal(object)

    def __init__(self, ctx: AppContext, *, device: DeviceSettings,
                 translations: Translations | None = None, kdf: KdfParams | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx, self.device, self.translations, self.kdf = ctx, device, translations, kdf
        self.locked = True
        self.forms: list[Any] = []  # open forms (the forms' contract, duck-typed)
        self.form_factories: dict[str, FormFactory] = {}
        self._return_to: QWidget | None = None

        self.login = LoginScreen(ctx, kdf=kdf)
        self.login.signed_in.connect(self._signed_in)
        self.workspace = QWidget()
        self.workspace.setObjectName("workspace")
        self.screens = QStackedWidget()
        self.screens.addWidget(self.login)
        self.screens.addWidget(self.workspace)
        self.setCentralWidget(self.screens)

        self.nav = QFrame()
        self.nav.setObjectName("nav")
        self.nav_group = QButtonGroup(self)
        self.nav_group.setExclusive(True)
        self.nav_buttons: dict[str, QPushButton] = {}
        nav_layout = self.nav_layout = QVBoxLayout(self.nav)
        for key in NAV:
            button = QPushButton()
            button.setObjectName(f"nav_{key}")
            button.setCheckable(True)
            button.setProperty("role", "nav")
            button.clicked.connect(lambda _=False, k=key: self.show_page(k))
            self.nav_group.addButton(button)
            self.nav_buttons[key] = button
            nav_layout.addWidget(button)
        self.open_title = QLabel()
        self.open_title.setProperty("role", "section")
        self.open_list = QListWidget()
        self.open_list.setObjectName("openForms")
        # "Kasus RT007-2026-K2ER-0001" is wider than the sidebar: wrapped, the digits that tell
        # two open cases apart stay in sight.
        self.open_list.setWordWrap(True)
        self.open_list.itemClicked.connect(self._open_list_clicked)
        self.open_list.itemActivated.connect(self._open_list_clicked)
        nav_layout.addSpacing(12)
        nav_layout.addWidget(self.open_title)
        nav_layout.addWidget(self.open_list)
        nav_layout.addStretch()
        self.lock_button = QPushButton()
        self.lock_button.setObjectName("lockButton")
        self.lock_button.clicked.connect(self.lock)
        nav_layout.addWidget(self.lock_button)
        self.nav.setFixedWidth(230)

        self.banner = DraftBanner()
        self.banner.restore.connect(self.restore_drafts)
        self.banner.discard.connect(self._discard_drafts)
        self.pages = QStackedWidget()
        self.pages.setObjectName("pages")
        right = QVBoxLayout()
        right.addWidget(self.banner)
        right.addWidget(self.pages, 1)
        body = QHBoxLayout(self.workspace)
        body.addWidget(self.nav)
        body.addLayout(right, 1)
        self.page_widgets: dict[str, QWidget] = {}

        self.user_label = QLabel()
        self.user_label.setObjectName("statusUser")
        self.place_label = QLabel()
        self.place_label.setObjectName("statusPlace")
        self.unsent_label = QLabel()
        self.unsent_label.setObjectName("statusUnsent")
        for label in (self.user_label, self.place_label, self.unsent_label):
            self.statusBar().addPermanentWidget(label)
        self._unsent = 0
        self._place = ("", "")
        self.viewing_only = False  # a coordinator's or UPTD PPA laptop: records open read-only
        self.sync = SyncUi(self)  # status widget, F5, the "Kirim & terima" pages

        self.idle = IdleLock(parent=self)
        self.idle.set_minutes(device.autolock_minutes)
        self.idle.timed_out.connect(self.lock)
        self.lock_shortcut = QShortcut(QKeySequence("Ctrl+L"), self)
        self.lock_shortcut.activated.connect(self.lock)
        for n, key in enumerate(NAV, start=1):
            QShortcut(QKeySequence(f"Ctrl+{n}"), self.workspace,
                      lambda k=key: self.show_page(k))
        ctx.operation_done.connect(lambda _changes: self._refresh_unsent())
        ctx.task_failed.connect(self._task_failed)

        self._show_open_list()
        self.retranslate()
        self.resize(1280, 720)
        if ctx.unlocked is not None:  # straight from the first-run wizard
            self._enter()
        else:
            self._show_locked(first=True)

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("RT Desktop"))
        for key, text in (("home", self.tr("&Beranda")), ("sessions", self.tr("&Sesi Lautan RT")),
                          ("incidents", self.tr("&Kasus")), ("reports", self.tr("&Laporan")),
                          ("settings", self.tr("&Pengaturan"))):
            self.nav_buttons[key].setText(text)
        self.open_title.setText(self.tr("Sedang dibuka") if self.viewing_only
                                else self.tr("Sedang diisi"))
        self.sync.retranslate()
        self.lock_button.setText(self.tr("Kunci (Ctrl+L)"))
        self.lock_button.setToolTip(self.tr("Kunci aplikasi saat meninggalkan laptop"))
        for row in range(self.open_list.count()):
            item = self.open_list.item(row)
            item.setText(self._form_title(item.data(Qt.ItemDataRole.UserRole)))
        self._show_status()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _form_title(self, form: Any) -> str:
        if form is None:
            return ""
        if form.windowTitle():
            return form.windowTitle()
        record_type, record_id = parse_form_key(getattr(form, "form_key", ""))
        if record_type == "parenting_session":
            return self.tr("Sesi baru") if record_id is None else self.tr("Ubah sesi")
        if record_type == "incident":
            return self.tr("Kasus baru") if record_id is None else self.tr("Ubah kasus")
        return self.tr("Isian")

    def set_viewing_only(self, viewing: bool, *, writes_nothing: bool) -> None:
        """Adapt the frame to a laptop that opens records read-only (``viewing``), and to one
        that never sends anything (``writes_nothing``, a coordinator's): no unsent count."""
        self.viewing_only = viewing
        self.unsent_label.setVisible(not writes_nothing)
        self.retranslate()

    def _show_status(self) -> None:
        unlocked = not self.locked and self.ctx.unlocked is not None
        self.user_label.setText(self.tr("Pengguna: {0}").format(self.ctx.user_name)
                                if unlocked else self.tr("Terkunci"))
        code, rt = self._place
        self.place_label.setText(self.tr("Kelurahan {0} · RT {1}").format(
            wilayah.kelurahan(code).name, rt) if code and unlocked else "")
        self.unsent_label.setText(self.tr("Perubahan belum terkirim: {0}").format(
            locale_for(self.ctx.lang).toString(self._unsent)) if unlocked else "")

    # --- pages ---------------------------------------------------------------------------------

    def _build_pages(self) -> None:
        """The pages, made at the first unlock (they read the data as they appear). Imported
        here rather than at the top: the login screen shows before their modules load."""
        if self.page_widgets:
            return
        from ui.forms.incident_form import IncidentForm
        from ui.forms.session_form import SessionForm
        from ui.incidents.list_view import IncidentListPage
        from ui.reports.page import ReportPage
        from ui.sessions.list_view import SessionListPage

        self.home = HomePage(self.ctx)
        self.page_widgets["home"] = self.home
        self.page_widgets["sessions"] = SessionListPage(self.ctx)
        self.page_widgets["incidents"] = IncidentListPage(self.ctx)
        self.page_widgets["reports"] = ReportPage(self.ctx)
        self.settings_page = SettingsPage(self.ctx, self.device, self.translations, self.idle,
                                          kdf=self.kdf)
        self.page_widgets["settings"] = self.settings_page
        for key in ("home", "sessions", "incidents"):
            page = self.page_widgets[key]
            page.open_record.connect(self.open_record)  # type: ignore[attr-defined]
            page.new_record.connect(self.new_record)  # type: ignore[attr-defined]
        for key in NAV:
            self.pages.addWidget(self.page_widgets[key])
        self.sync.build(self.nav_layout, len(NAV))
        self.form_factories.setdefault("parenting_session", SessionForm)
        self.form_factories.setdefault("incident", IncidentForm)

    def show_page(self, key: str) -> None:
        if self.locked or key not in self.page_widgets:
            return
        page = self.page_widgets[key]
        self.nav_buttons[key].setChecked(True)
        self.open_list.clearSelection()
        self.pages.setCurrentWidget(page)
        if key == "settings":
            self.settings_page.refresh()
        page.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_page_key(self) -> str | None:
        current = self.pages.currentWidget()
        return next((k for k, w in self.page_widgets.items() if w is current), None)

    def _make_form(self, record_type: str, record_id: str | None) -> Any:
        factory = self.form_factories.get(record_type)
        if factory is None:
            self.statusBar().showMessage(self.tr("Formulir ini belum tersedia."), 5000)
            return None
        if record_id is None and not self.sync.may_create():
            return None  # a coordinator's or UPTD laptop records nothing new
        return self.sync.adapt_form(factory(self.ctx, record_id))

    # --- lock and unlock -----------------------------------------------------------------------

    def _signed_in(self, unlocked: access.Unlocked) -> None:
        previous = self.ctx.unlocked
        if previous is not None and previous.user.user_id != unlocked.user.user_id:
            self._stash_forms(previous.user.user_id)
            self.banner.clear()
            if self.page_widgets:  # a new user starts at Beranda, not where the last one was
                self.pages.setCurrentWidget(self.page_widgets["home"])
        self.ctx.unlocked = unlocked
        self._enter()

    def _enter(self) -> None:
        self._build_pages()
        self.locked = False
        self.workspace.setEnabled(True)
        self.lock_shortcut.setEnabled(True)
        self.screens.setCurrentWidget(self.workspace)
        self.idle.arm()
        current = self.pages.currentWidget()
        if current in self.forms:
            self._select_form(current)
        else:
            self.show_page(self.current_page_key() or "home")
        self.ctx.run_db(lambda s: (s.kelurahan_code, s.rt), success=self._got_place)
        self._refresh_unsent()
        self._show_status()
        self.sync.started()
        self.ctx.user_changed.emit(self.ctx.user_name)
        self.locked_changed.emit(False)
        self._offer_drafts()
        # The daily encrypted backup (at most one a day, old ones pruned by the retention
        # rules), queued behind what the screens asked for.
        self.ctx.run_db(auto_backup, failure=self._backup_failed)

    def _backup_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(
            self.tr("Cadangan otomatis gagal: {0}").format(error_text(exc, self.ctx.lang)), 15000)

    def lock(self) -> None:
        if self.locked:
            return
        self._show_locked(first=False)
        self.ctx.user_changed.emit("")
        self.locked_changed.emit(True)

    def _show_locked(self, *, first: bool) -> None:
        self.locked = True
        self.idle.disarm()
        self._close_overlays()
        self.workspace.setEnabled(False)
        self.lock_shortcut.setEnabled(False)
        self.banner.setVisible(False)
        self.screens.setCurrentWidget(self.login)
        self.login.set_locked(not first)
        self.login.reload_users(selected=self.ctx.user_name)
        self._show_status()

    @staticmethod
    def _close_overlays() -> None:
        """An open list popup or dialog would stay on top of the lock screen, showing data."""
        for _ in range(10):  # a dialog may sit on a dialog; never loop for ever
            popup = QApplication.activePopupWidget()
            if popup is not None:
                popup.close()
                continue
            modal = QApplication.activeModalWidget()
            if isinstance(modal, QDialog):
                modal.reject()
                continue
            break

    def _got_place(self, place: tuple[str, str]) -> None:
        self._place = place
        self._show_status()

    def _refresh_unsent(self) -> None:
        if self.ctx.unlocked is None:
            return
        self.ctx.run_db(lambda s: s.pending_count(), success=self._got_unsent)

    def _got_unsent(self, count: int) -> None:
        self._unsent = count
        self._show_status()

    def _task_failed(self, exc: BaseException) -> None:
        # Work no screen handled: say so where it does not block anyone; the type only in logs.
        log.warning("background task failed: %s", type(exc).__name__)
        self.statusBar().showMessage(error_text(exc, self.ctx.lang), 15_000)

    # --- closing -------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Keep what is typed as drafts, close the database after queued work, and wait."""
        self.idle.detach()
        self.sync.shutdown()  # cancel a running sync before the store closes (bounded wait)
        # Take the focus off while every widget is whole: destroying a focused field later
        # would send its focus-out to a half-destroyed form.
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        unlocked, user_id = self.ctx.unlocked, self.ctx.user_id
        if unlocked is not None:
            for form in list(self.forms):
                try:
                    self.keep_draft(form, user_id)
                except Exception:  # noqa: BLE001 — closing must not fail because of one form
                    log.exception("could not keep a draft of %s", type(form).__name__)
            self.ctx.tasks.run(unlocked.store.close, success=lambda _: None,
                               failure=lambda _: None)
            self.ctx.unlocked = None
        self.ctx.tasks.wait()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 — Qt's name
        self.shutdown()
        super().closeEvent(event)
