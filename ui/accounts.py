"""Local users on the shared laptop: signing in, adding a user, changing a password, and a
forgotten password reset with the recovery code.

The ``*_work`` functions run on the database worker (key derivation takes a noticeable fraction
of a second, and they read and write the key file). When a user is already signed in and the UI
is only locked, the open database is reused: a second user proves their password against the
key slots and gets the same store, so background work is never interrupted.
"""

from __future__ import annotations

import contextlib
import hmac
import logging
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QProgressBar, QSizePolicy, QVBoxLayout, QWidget

from rt_desktop import access, errors
from rt_desktop.store.keyslots import KdfParams, KeySlots, LocalUser, key_id
from rt_desktop.store.store import Store
from ui.i18n import data_language

__all__ = [
    "PasswordPair", "add_user_work", "busy_bar", "change_password_work", "error_text",
    "list_users_work", "message_label", "reset_work", "sign_in_work",
]

log = logging.getLogger(__name__)


# --- work on the database worker -----------------------------------------------------------------

def _slots(data_dir: Path, kdf: KdfParams | None) -> KeySlots:
    slots = access.load_slots(data_dir)
    if kdf is not None:
        slots.kdf = kdf  # tests: cheap key derivation for new wraps
    return slots


def list_users_work(data_dir: Path) -> list[LocalUser]:
    return access.load_slots(data_dir).users()


def _same_database(current: access.Unlocked, db_key: bytes) -> None:
    if not hmac.compare_digest(key_id(db_key), key_id(current.key)):
        raise errors.NotAnRTDatabase(
            "File kunci diganti dengan milik data lain; mulai ulang aplikasi.",
            "The key file now belongs to other data; restart the app.")


def sign_in_work(data_dir: Path, current: access.Unlocked | None, name: str,
                 password: str) -> access.Unlocked:
    """Unlock for ``name``; the audit log records the login (or the failure)."""
    if current is None:
        return access.unlock(data_dir, name, password)
    slots = access.load_slots(data_dir)
    user = slots.find_user(name)
    try:
        db_key = slots.unlock(user.user_id, password)
    except errors.WrongPassword:
        current.store.audit("login_failed", user=user.display_name, detail="password")
        raise
    _same_database(current, db_key)
    current.store.audit("login_ok", user=user.display_name)
    return access.Unlocked(current.store, slots, user, db_key)


@contextlib.contextmanager
def _store_for_audit(data_dir: Path, current: access.Unlocked | None,
                     db_key: bytes) -> Iterator[Store]:
    """The open store, or the database opened just long enough to write an audit entry."""
    if current is not None:
        _same_database(current, db_key)
        yield current.store
        return
    store = Store.open(data_dir, db_key)
    try:
        yield store
    finally:
        store.close()


def _unlock_or_record(data_dir: Path, slots: KeySlots, user: LocalUser, password: str) -> bytes:
    try:
        return slots.unlock(user.user_id, password)
    except errors.WrongPassword:
        access.record_failure(data_dir, user.display_name, "password")
        raise


def add_user_work(data_dir: Path, current: access.Unlocked | None, by_name: str,
                  by_password: str, new_name: str, new_password: str,
                  kdf: KdfParams | None = None) -> LocalUser:
    """An existing user's password opens the key; the new user's slot wraps it again."""
    access.check_new_password(new_password)
    slots = _slots(data_dir, kdf)
    by = slots.find_user(by_name)
    db_key = _unlock_or_record(data_dir, slots, by, by_password)
    added = slots.add_user(db_key, new_name, new_password)
    with _store_for_audit(data_dir, current, db_key) as store:
        store.audit("user_added", user=by.display_name, detail=f"user {added.user_id}")
    return added


def change_password_work(data_dir: Path, current: access.Unlocked | None, name: str,
                         old_password: str, new_password: str,
                         kdf: KdfParams | None = None) -> LocalUser:
    access.check_new_password(new_password)
    slots = _slots(data_dir, kdf)
    user = slots.find_user(name)
    db_key = _unlock_or_record(data_dir, slots, user, old_password)
    slots.change_password(user.user_id, old_password, new_password)
    with _store_for_audit(data_dir, current, db_key) as store:
        store.audit("password_changed", user=user.display_name)
    return user


def reset_work(data_dir: Path, current: access.Unlocked | None, name: str, recovery_code: str,
               new_password: str, kdf: KdfParams | None = None) -> access.Unlocked:
    """A forgotten password replaced with the recovery code; the user is then signed in."""
    # access.unlock_with_recovery does the same for a closed database; this also serves a
    # locked UI whose database stays open.
    access.check_new_password(new_password)
    slots = _slots(data_dir, kdf)
    user = slots.find_user(name)
    try:
        slots.reset_password(recovery_code, user.user_id, new_password)
    except errors.WrongPassword:
        access.record_failure(data_dir, user.display_name, "recovery_code")
        raise
    if current is None:
        unlocked = access.unlock(data_dir, user.user_id, new_password)
        unlocked.store.audit("password_reset", user=user.display_name)
        return unlocked
    unlocked = sign_in_work(data_dir, current, user.user_id, new_password)
    current.store.audit("password_reset", user=user.display_name)
    return unlocked


# --- small widgets shared by the wizard, the login screen and the settings page -----------------

def error_text(exc: BaseException, lang: str) -> str:
    """A message a volunteer can act on; never a stack trace or a value from the data."""
    if isinstance(exc, errors.RTError):
        return exc.message(data_language(lang))
    log.error("unexpected error in an account operation: %s", type(exc).__name__, exc_info=exc)
    if data_language(lang) == "en":
        return f"Something unexpected went wrong ({type(exc).__name__}). Please try again."
    return f"Terjadi kesalahan tak terduga ({type(exc).__name__}). Silakan coba lagi."


def message_label(name: str) -> QLabel:
    """An inline message under a field (plain text: it may quote what the user typed)."""
    label = QLabel()
    label.setObjectName(name)
    label.setProperty("role", "message")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def busy_bar() -> QProgressBar:
    """An indeterminate bar shown while the worker derives a key (a fraction of a second)."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setVisible(False)
    bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return bar


class PasswordPair(QWidget):
    """A new password typed twice, with inline messages (at least 8 characters, both equal)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, lang_source: object | None = None):
        super().__init__(parent)
        self._lang_source = lang_source  # anything with .lang (the AppContext)
        self.first = QLineEdit()
        self.first.setObjectName("newPassword")
        self.second = QLineEdit()
        self.second.setObjectName("repeatPassword")
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._on_change)
        self.first_label = QLabel()
        self.first_label.setBuddy(self.first)
        self.second_label = QLabel()
        self.second_label.setBuddy(self.second)
        self.first_message = message_label("newPasswordMessage")
        self.second_message = message_label("repeatPasswordMessage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.first_label, self.first, self.first_message, self.second_label,
                       self.second, self.second_message):
            layout.addWidget(widget)
        self.retranslate()

    def retranslate(self) -> None:
        self.first_label.setText(self.tr("Kata sandi baru (minimal 8 karakter)"))
        self.second_label.setText(self.tr("Ulangi kata sandi baru"))
        self._on_change()

    def changeEvent(self, event) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _lang(self) -> str:
        return getattr(self._lang_source, "lang", "id")

    def problems(self) -> tuple[str | None, str | None]:
        """Messages for the first and the second field (None where the field is fine)."""
        first, second = self.first.text(), self.second.text()
        try:
            access.check_new_password(first)
            first_problem = None
        except errors.BadInput as exc:
            first_problem = exc.message(data_language(self._lang()))
        second_problem = None
        if second and second != first:
            second_problem = self.tr("Kedua kata sandi belum sama.")
        return first_problem, second_problem

    def is_valid(self) -> bool:
        first_problem, second_problem = self.problems()
        return first_problem is None and second_problem is None and bool(self.second.text())

    def password(self) -> str:
        return self.first.text()

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _on_change(self) -> None:
        first_problem, second_problem = self.problems()
        # Say "too short" only once something is typed: an empty form is not a mistake yet.
        show_message(self.first_message, first_problem if self.first.text() else None)
        show_message(self.second_message, second_problem)
        self.changed.emit()
