"""The login screen (also the lock screen): pick your name, type your password, "Masuk".

It lists the local users from the key file (read on the worker). A wrong password says so under
the field and clears it; there is no modal box. The other account panels (add a user, change a
password, forgotten password) slide in place of the sign-in panel.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import access, errors
from rt_desktop.store.keyslots import KdfParams, LocalUser
from ui.account_panels import AddUserPanel, ChangePasswordPanel, RecoveryPanel
from ui.accounts import (
    busy_bar,
    error_text,
    list_users_work,
    message_label,
    show_message,
    sign_in_work,
)
from ui.context import AppContext

__all__ = ["LoginPanel", "LoginScreen"]


class LoginPanel(QWidget):
    signed_in = Signal(object)  # access.Unlocked
    wants_panel = Signal(str)  # "add_user" | "change_password" | "recovery"

    def __init__(self, ctx: AppContext):
        super().__init__()
        self.setObjectName("loginPanel")
        self.ctx = ctx
        self.app_title = QLabel()
        self.app_title.setProperty("role", "apptitle")
        self.app_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = QLabel()
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        self.locked_note = QLabel()
        self.locked_note.setObjectName("lockedNote")
        self.locked_note.setProperty("role", "note")
        self.locked_note.setWordWrap(True)
        self.locked_note.setVisible(False)
        self.users = QComboBox()
        self.users.setObjectName("loginUsers")
        self.users_label = QLabel()
        self.users_label.setBuddy(self.users)
        self.password = QLineEdit()
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.submit)
        self.password_label = QLabel()
        self.password_label.setBuddy(self.password)
        self.message = message_label("loginMessage")
        self.busy = busy_bar()
        self.button = QPushButton()
        self.button.setObjectName("loginButton")
        self.button.setDefault(True)
        self.button.setProperty("role", "primary")
        self.button.clicked.connect(self.submit)
        self.add_user_link = self._link("addUserLink", "add_user")
        self.change_link = self._link("changePasswordLink", "change_password")
        self.forgot_link = self._link("forgotLink", "recovery")

        layout = QVBoxLayout(self)
        layout.addWidget(self.app_title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(12)
        layout.addWidget(self.locked_note)
        layout.addWidget(self.users_label)
        layout.addWidget(self.users)
        layout.addWidget(self.password_label)
        layout.addWidget(self.password)
        layout.addWidget(self.message)
        layout.addWidget(self.busy)
        layout.addWidget(self.button)
        layout.addSpacing(8)
        # One per line: each must stay readable when a translation runs long.
        for link in (self.add_user_link, self.change_link, self.forgot_link):
            layout.addWidget(link, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch()
        self.retranslate()

    def _link(self, name: str, panel: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setFlat(True)
        button.setProperty("role", "link")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: self.wants_panel.emit(panel))
        return button

    def retranslate(self) -> None:
        self.app_title.setText(self.tr("RT Desktop"))
        self.subtitle.setText(self.tr("Pencatatan Sesi Lautan RT dan kasus PPATBM"))
        self.locked_note.setText(self.tr(
            "Aplikasi dikunci. Masuk lagi untuk melanjutkan; pekerjaan yang terbuka tetap "
            "tersimpan."))
        self.users_label.setText(self.tr("Nama"))
        self.password_label.setText(self.tr("Kata sandi"))
        self.button.setText(self.tr("Masuk"))
        self.add_user_link.setText(self.tr("Tambah pengguna"))
        self.change_link.setText(self.tr("Ganti kata sandi"))
        self.forgot_link.setText(self.tr("Lupa kata sandi?"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_users(self, users: list[LocalUser], selected: str = "") -> None:
        self.users.clear()
        for user in users:
            self.users.addItem(user.display_name, user.user_id)
        if selected:
            self.users.setCurrentIndex(max(0, self.users.findText(selected)))
        self.button.setEnabled(bool(users))

    def submit(self) -> None:
        if not self.button.isEnabled() or self.users.count() == 0:
            return
        if not self.password.text():
            show_message(self.message, self.tr("Ketik kata sandi Anda."))
            return
        name, password = self.users.currentText(), self.password.text()
        self.button.setEnabled(False)
        self.password.setEnabled(False)
        self.busy.setVisible(True)
        show_message(self.message, None)
        current = self.ctx.unlocked
        self.ctx.tasks.run(lambda: sign_in_work(self.ctx.data_dir, current, name, password),
                           success=self._signed_in, failure=self._failed)

    def _idle(self) -> None:
        self.button.setEnabled(True)
        self.password.setEnabled(True)
        self.busy.setVisible(False)
        self.password.clear()

    def _signed_in(self, unlocked: access.Unlocked) -> None:
        self._idle()
        show_message(self.message, None)
        self.signed_in.emit(unlocked)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        if isinstance(exc, errors.WrongPassword):
            text = self.tr("Kata sandi salah. Periksa huruf besar/kecil, lalu coba lagi.")
        else:
            text = error_text(exc, self.ctx.lang)
        show_message(self.message, text)
        self.password.setFocus(Qt.FocusReason.OtherFocusReason)


class LoginScreen(QWidget):
    """The sign-in panel and the account panels, centred in a narrow column."""

    signed_in = Signal(object)  # access.Unlocked
    users_loaded = Signal(list)

    def __init__(self, ctx: AppContext, *, kdf: KdfParams | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("loginScreen")
        self.ctx = ctx
        self.login = LoginPanel(ctx)
        self.add_user = AddUserPanel(ctx, kdf)
        self.change_password = ChangePasswordPanel(ctx, kdf)
        self.recovery = RecoveryPanel(ctx, kdf)
        self.panels = QStackedWidget()
        for panel in (self.login, self.add_user, self.change_password, self.recovery):
            self.panels.addWidget(panel)
        self.notice = message_label("loginNotice")
        self.notice.setProperty("role", "note")

        self.login.signed_in.connect(self.signed_in)
        self.recovery.signed_in.connect(self.signed_in)
        self.login.wants_panel.connect(self.show_panel)
        for panel in (self.add_user, self.change_password, self.recovery):
            panel.back.connect(self.show_login)
        self.add_user.done.connect(self._user_added)
        self.change_password.done.connect(self._password_changed)

        card = QFrame()
        card.setObjectName("loginCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        card.setMinimumWidth(420)
        inner = QVBoxLayout(card)
        inner.addWidget(self.notice)
        inner.addWidget(self.panels)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 3)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self._users: list[LocalUser] = []

    def reload_users(self, selected: str = "") -> None:
        """Read the local users (on the worker) and fill every panel's list."""
        def loaded(users: list[LocalUser]) -> None:
            self._users = users
            chosen = selected or self.ctx.user_name
            for panel in (self.login, self.add_user, self.change_password, self.recovery):
                panel.set_users(users, chosen)
            self.users_loaded.emit(users)

        def failed(exc: BaseException) -> None:
            self.login.set_users([])
            show_message(self.login.message, error_text(exc, self.ctx.lang))

        self.ctx.tasks.run(lambda: list_users_work(self.ctx.data_dir), success=loaded,
                           failure=failed)

    def show_login(self) -> None:
        for panel in (self.add_user, self.change_password, self.recovery):
            panel.reset()
        self.panels.setCurrentWidget(self.login)
        self.login.password.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_panel(self, name: str) -> None:
        show_message(self.notice, None)
        panel = {"add_user": self.add_user, "change_password": self.change_password,
                 "recovery": self.recovery}[name]
        panel.set_users(self._users, self.login.users.currentText())
        self.panels.setCurrentWidget(panel)
        panel.users.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_locked(self, locked: bool) -> None:
        """Locked (someone was signed in) versus a fresh start: only the note differs."""
        self.login.locked_note.setVisible(locked)
        show_message(self.notice, None)
        self.show_login()

    def _user_added(self, name: str) -> None:
        self.reload_users(selected=name)
        self.show_login()
        show_message(self.notice, self.tr("Pengguna {0} ditambahkan. Silakan masuk.").format(name))

    def _password_changed(self, name: str) -> None:
        self.show_login()
        show_message(self.notice, self.tr("Kata sandi {0} sudah diganti. Silakan masuk dengan "
                                          "kata sandi baru.").format(name))
