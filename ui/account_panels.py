"""The panels of the login screen besides signing in: add a user, change a password, and reset a
forgotten password with the recovery code. Each is a plain widget (no modal box), also shown on
the settings page; each runs its work on the database worker with a busy bar.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams, LocalUser
from ui.accounts import (
    PasswordPair,
    add_user_work,
    busy_bar,
    change_password_work,
    error_text,
    message_label,
    reset_work,
    show_message,
)
from ui.context import AppContext

__all__ = ["AddUserPanel", "ChangePasswordPanel", "RecoveryPanel"]


def _title() -> QLabel:
    label = QLabel()
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


def _hint() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class _Panel(QWidget):
    """Plumbing shared by the panels. No tr() here: PySide takes the translation context from
    the instance's class, so each subclass translates its own strings."""

    back = Signal()

    def __init__(self, ctx: AppContext, kdf: KdfParams | None):
        super().__init__()
        self.ctx = ctx
        self.kdf = kdf
        self.title = _title()
        self.hint = _hint()
        self.users = QComboBox()
        self.users.setObjectName("panelUsers")
        self.users_label = QLabel()
        self.users_label.setBuddy(self.users)
        self.submit = QPushButton()
        self.submit.setObjectName("panelSubmit")
        self.submit.setDefault(True)
        self.submit.clicked.connect(self._submit)
        self.back_button = QPushButton()
        self.back_button.setObjectName("panelBack")
        self.back_button.clicked.connect(self.back)
        self.busy = busy_bar()
        self.message = message_label("panelMessage")
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.title)
        self.layout_.addWidget(self.hint)
        self.layout_.addWidget(self.users_label)
        self.layout_.addWidget(self.users)

    def _finish_layout(self) -> None:
        self.layout_.addWidget(self.message)
        self.layout_.addWidget(self.busy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch()
        buttons.addWidget(self.submit)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch()
        # Enter in any field submits, Esc goes back (a panel is no dialog: no default button).
        for edit in self.findChildren(QLineEdit):
            edit.returnPressed.connect(self._submit)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.back.emit,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def set_users(self, users: list[LocalUser], selected: str = "") -> None:
        self.users.clear()
        for user in users:
            self.users.addItem(user.display_name, user.user_id)
        if selected:
            index = self.users.findText(selected)
            self.users.setCurrentIndex(max(0, index))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        raise NotImplementedError

    def _submit(self) -> None:
        raise NotImplementedError

    def _run(self, work: Callable[[], Any], success: Callable[[Any], None]) -> None:
        self.submit.setEnabled(False)
        self.busy.setVisible(True)
        show_message(self.message, None)

        def done(result: Any) -> None:
            self._idle()
            success(result)

        self.ctx.tasks.run(work, success=done, failure=self._failed)

    def _idle(self) -> None:
        self.submit.setEnabled(True)
        self.busy.setVisible(False)

    def _failed(self, exc: BaseException) -> None:
        self._idle()
        self._clear_secrets()
        show_message(self.message, error_text(exc, self.ctx.lang))

    def _clear_secrets(self) -> None:
        raise NotImplementedError

    def reset(self) -> None:
        self._clear_secrets()
        show_message(self.message, None)


class AddUserPanel(_Panel):
    """A new local user: an existing user's password opens the key, the new user picks theirs."""

    done = Signal(str)

    def __init__(self, ctx: AppContext, kdf: KdfParams | None = None):
        super().__init__(ctx, kdf)
        self.setObjectName("addUserPanel")
        self.by_password = _password_field("byPassword")
        self.by_password_label = QLabel()
        self.by_password_label.setBuddy(self.by_password)
        self.name = QLineEdit()
        self.name.setObjectName("newUserName")
        self.name.setMaxLength(80)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.name_message = message_label("newUserNameMessage")
        self.pair = PasswordPair(lang_source=ctx)
        for widget in (self.by_password_label, self.by_password, self.name_label, self.name,
                       self.name_message, self.pair):
            self.layout_.addWidget(widget)
        self._finish_layout()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Tambah pengguna"))
        self.hint.setText(self.tr(
            "Relawan yang sudah terdaftar mengizinkan dengan kata sandinya, lalu relawan baru "
            "memilih kata sandinya sendiri."))
        self.users_label.setText(self.tr("Diizinkan oleh"))
        self.by_password_label.setText(self.tr("Kata sandi relawan yang mengizinkan"))
        self.name_label.setText(self.tr("Nama relawan baru"))
        self.submit.setText(self.tr("Tambahkan"))
        self.back_button.setText(self.tr("Kembali"))

    def _submit(self) -> None:
        name = " ".join(self.name.text().split())
        show_message(self.name_message, None if name else self.tr("Isi nama relawan baru."))
        if not name or not self.pair.is_valid():
            return
        args = (self.ctx.data_dir, self.ctx.unlocked, self.users.currentText(),
                self.by_password.text(), name, self.pair.password(), self.kdf)
        self._run(lambda: add_user_work(*args), self._added)

    def _added(self, user: LocalUser) -> None:
        self.reset()
        self.name.clear()
        self.done.emit(user.display_name)

    def _clear_secrets(self) -> None:
        self.by_password.clear()
        self.pair.clear()


class ChangePasswordPanel(_Panel):
    done = Signal(str)

    def __init__(self, ctx: AppContext, kdf: KdfParams | None = None):
        super().__init__(ctx, kdf)
        self.setObjectName("changePasswordPanel")
        self.old = _password_field("oldPassword")
        self.old_label = QLabel()
        self.old_label.setBuddy(self.old)
        self.pair = PasswordPair(lang_source=ctx)
        for widget in (self.old_label, self.old, self.pair):
            self.layout_.addWidget(widget)
        self._finish_layout()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Ganti kata sandi"))
        self.hint.setText(self.tr("Data tetap aman dan tidak berubah; hanya kata sandinya yang "
                                  "diganti."))
        self.users_label.setText(self.tr("Nama"))
        self.old_label.setText(self.tr("Kata sandi sekarang"))
        self.submit.setText(self.tr("Ganti kata sandi"))
        self.back_button.setText(self.tr("Kembali"))

    def _submit(self) -> None:
        if not self.pair.is_valid():
            return
        args = (self.ctx.data_dir, self.ctx.unlocked, self.users.currentText(), self.old.text(),
                self.pair.password(), self.kdf)
        self._run(lambda: change_password_work(*args), lambda user: self._changed(user))

    def _changed(self, user: LocalUser) -> None:
        self.reset()
        self.done.emit(user.display_name)

    def _clear_secrets(self) -> None:
        self.old.clear()
        self.pair.clear()


class RecoveryPanel(_Panel):
    """A forgotten password: the recovery code written on paper at set-up, then a new one."""

    signed_in = Signal(object)  # access.Unlocked

    def __init__(self, ctx: AppContext, kdf: KdfParams | None = None):
        super().__init__(ctx, kdf)
        self.setObjectName("recoveryPanel")
        self.code = QLineEdit()
        self.code.setObjectName("recoveryCode")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.code.setFont(mono)
        self.code_label = QLabel()
        self.code_label.setBuddy(self.code)
        self.pair = PasswordPair(lang_source=ctx)
        for widget in (self.code_label, self.code, self.pair):
            self.layout_.addWidget(widget)
        self._finish_layout()
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Lupa kata sandi?"))
        self.hint.setText(self.tr(
            "Ketik kode pemulihan yang ditulis di kertas saat aplikasi pertama kali dipasang, "
            "lalu pilih kata sandi baru."))
        self.users_label.setText(self.tr("Nama"))
        self.code_label.setText(self.tr("Kode pemulihan"))
        self.submit.setText(self.tr("Ganti kata sandi dan masuk"))
        self.back_button.setText(self.tr("Kembali"))

    def _submit(self) -> None:
        if not self.code.text().strip():
            show_message(self.message, self.tr("Ketik kode pemulihan."))
            return
        if not self.pair.is_valid():
            return
        args = (self.ctx.data_dir, self.ctx.unlocked, self.users.currentText(),
                self.code.text(), self.pair.password(), self.kdf)
        self._run(lambda: reset_work(*args), self._signed_in)

    def _signed_in(self, unlocked: access.Unlocked) -> None:
        self.reset()
        self.code.clear()
        self.signed_in.emit(unlocked)

    def _clear_secrets(self) -> None:
        self.pair.clear()  # the code stays: a typo in it is easier to fix than to retype

    def focus_first(self) -> None:
        self.code.setFocus(Qt.FocusReason.OtherFocusReason)
