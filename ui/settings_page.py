"""Pengaturan: the language and the auto-lock delay of this laptop, and the local users.

Both settings belong to the device, not to the encrypted data: the login screen must already
speak the chosen language, before anyone has unlocked anything. They live in a small INI file
beside the database (``rt-desktop.settings.ini``, read with QSettings) that holds no personal
data. It is read once at start-up and written on the worker thread.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import __version__, wilayah
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.store.sync_meta import enrolment_scope
from ui.account_panels import AddUserPanel, ChangePasswordPanel
from ui.accounts import list_users_work, message_label, show_message
from ui.context import AppContext
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, PSEUDO, Translations, data_language
from ui.lock import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, IdleLock
from ui.place import role_and_area

__all__ = ["SETTINGS_FILENAME", "DeviceSettings", "SettingsPage"]

SETTINGS_FILENAME = "rt-desktop.settings.ini"


@dataclasses.dataclass
class DeviceSettings:
    path: Path
    language: str = DEFAULT_LANGUAGE
    autolock_minutes: int = DEFAULT_MINUTES

    @classmethod
    def load(cls, data_dir: Path) -> DeviceSettings:
        """Read the file (missing or damaged values fall back to the defaults)."""
        path = Path(data_dir) / SETTINGS_FILENAME
        found = cls(path)
        if not path.exists():
            return found
        qs = QSettings(str(path), QSettings.Format.IniFormat)
        language = str(qs.value("language", DEFAULT_LANGUAGE))
        if language in LANGUAGES or language == PSEUDO:
            found.language = language
        try:
            minutes = int(str(qs.value("autolock_minutes", DEFAULT_MINUTES)))
        except (TypeError, ValueError):
            minutes = DEFAULT_MINUTES
        found.autolock_minutes = max(MIN_MINUTES, min(MAX_MINUTES, minutes))
        return found

    def save(self) -> None:
        """Write the file (file work: call it on the worker)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        qs = QSettings(str(self.path), QSettings.Format.IniFormat)
        qs.setValue("language", self.language)
        qs.setValue("autolock_minutes", self.autolock_minutes)
        qs.sync()

    def snapshot(self) -> DeviceSettings:
        return dataclasses.replace(self)


class SettingsPage(QWidget):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, device: DeviceSettings, translations: Translations | None,
                 idle: IdleLock | None = None, *, kdf: KdfParams | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsPage")
        self.ctx, self.device, self.translations, self.idle = ctx, device, translations, idle
        self.heading = QLabel()
        self.heading.setProperty("role", "pagetitle")

        self.language_box = QGroupBox()
        self.language = QComboBox()
        self.language.setObjectName("languageChoice")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(device.language)))
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.language_label = QLabel()
        self.language_label.setBuddy(self.language)
        form = QFormLayout(self.language_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        form.addRow(self.language_label, self.language)

        self.lock_box = QGroupBox()
        self.minutes = QSpinBox()
        self.minutes.setObjectName("autolockMinutes")
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setValue(device.autolock_minutes)
        self.minutes.valueChanged.connect(self._minutes_chosen)
        self.minutes_label = QLabel()
        self.minutes_label.setBuddy(self.minutes)
        self.lock_hint = QLabel()
        self.lock_hint.setWordWrap(True)
        self.lock_hint.setProperty("role", "hint")
        lock_form = QFormLayout(self.lock_box)
        lock_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        lock_form.addRow(self.minutes_label, self.minutes)
        lock_form.addRow(self.lock_hint)

        self.users_box = QGroupBox()
        self.users_list = QLabel()
        self.users_list.setObjectName("usersList")
        self.users_list.setWordWrap(True)
        self.add_user_button = QPushButton()
        self.add_user_button.setObjectName("settingsAddUser")
        self.change_button = QPushButton()
        self.change_button.setObjectName("settingsChangePassword")
        self.users_notice = message_label("usersNotice")
        self.users_notice.setProperty("role", "note")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_user_button)
        buttons.addWidget(self.change_button)
        buttons.addStretch()
        users_layout = QVBoxLayout(self.users_box)
        users_layout.addWidget(self.users_list)
        users_layout.addWidget(self.users_notice)
        users_layout.addLayout(buttons)

        self.place_box = QGroupBox()
        self.place = QLabel()
        self.place.setObjectName("devicePlace")
        self.place.setWordWrap(True)
        QVBoxLayout(self.place_box).addWidget(self.place)

        self.about_box = QGroupBox()
        self.about_box.setObjectName("aboutBox")
        self.about = QLabel()
        self.about.setObjectName("aboutText")
        self.about.setWordWrap(True)
        self.about.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self.about_box).addWidget(self.about)

        main = QWidget()
        column = QVBoxLayout(main)
        column.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.language_box, self.lock_box, self.users_box,
                       self.place_box, self.about_box):
            column.addWidget(widget)
        column.addStretch()

        # The account panels of the login screen, shown in place of the settings.
        self.add_user = AddUserPanel(ctx, kdf)
        self.change_password = ChangePasswordPanel(ctx, kdf)
        self.stack = QStackedWidget()
        for shown in (main, self.add_user, self.change_password):
            self.stack.addWidget(shown)
        self.main = main
        self.add_user_button.clicked.connect(lambda: self._show_panel(self.add_user))
        self.change_button.clicked.connect(lambda: self._show_panel(self.change_password))
        for panel in (self.add_user, self.change_password):
            panel.back.connect(self._show_main)
        self.add_user.done.connect(lambda name: self._account_done(
            self.tr("Pengguna {0} ditambahkan.").format(name)))
        self.change_password.done.connect(lambda name: self._account_done(
            self.tr("Kata sandi {0} sudah diganti.").format(name)))
        outer = QHBoxLayout(self)
        self.stack.setMaximumWidth(720)
        outer.addWidget(self.stack, 1)
        outer.addStretch(0)
        self._users: list[Any] = []
        self._place_text: tuple[str, str, str, dict[str, Any] | None] = ("", "", "", None)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Pengaturan"))
        self.language_box.setTitle(self.tr("Bahasa"))
        self.language_label.setText(self.tr("Bahasa aplikasi"))
        self.lock_box.setTitle(self.tr("Kunci otomatis"))
        self.minutes_label.setText(self.tr("Kunci jika tidak dipakai selama"))
        self.minutes.setSuffix(self.tr(" menit"))
        self.lock_hint.setText(self.tr(
            "Laptop ini dipakai bersama. Setelah waktu ini tanpa ketikan atau gerakan tetikus, "
            "aplikasi dikunci; pekerjaan yang terbuka tetap tersimpan. Kunci sekarang: Ctrl+L."))
        self.users_box.setTitle(self.tr("Pengguna di laptop ini"))
        self.add_user_button.setText(self.tr("Tambah pengguna"))
        self.change_button.setText(self.tr("Ganti kata sandi"))
        self.place_box.setTitle(self.tr("Wilayah"))
        self.about_box.setTitle(self.tr("Tentang RT Desktop"))
        self.about.setText(self.tr("RT Desktop versi {0} · folder data: {1}").format(
            __version__, self.ctx.data_dir))
        self._show_users()
        self._show_place()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        """Read the users (worker) and this device's kelurahan/RT."""
        self.ctx.tasks.run(lambda: list_users_work(self.ctx.data_dir), success=self._got_users,
                           failure=lambda exc: None)
        if self.ctx.unlocked is not None:
            self.ctx.run_db(lambda s: (s.kelurahan_code, s.rt, s.role, enrolment_scope(s)),
                            success=self._got_place)

    def _got_users(self, users: list[Any]) -> None:
        self._users = users
        self._show_users()
        for panel in (self.add_user, self.change_password):
            panel.set_users(users, self.ctx.user_name)

    def _show_users(self) -> None:
        names = ", ".join(u.display_name for u in self._users)
        self.users_list.setText(names)

    def _got_place(self, place: tuple[str, str, str, dict[str, Any] | None]) -> None:
        self._place_text = place
        self._show_place()

    def _show_place(self) -> None:
        code, rt, role, scope = self._place_text
        if not code:  # a coordinator's or UPTD PPA laptop: its role and enrolled area
            self.place.setText(role_and_area(role, scope, self.ctx.lang) if role else "")
            return
        kel = wilayah.kelurahan(code)
        self.place.setText(self.tr("Kelurahan {0}, Kecamatan {1} · RT {2}").format(
            kel.name, kel.kecamatan.name, rt))

    def _show_panel(self, panel: QWidget) -> None:
        show_message(self.users_notice, None)
        panel.set_users(self._users, self.ctx.user_name)  # type: ignore[attr-defined]
        self.stack.setCurrentWidget(panel)

    def _show_main(self) -> None:
        self.stack.setCurrentWidget(self.main)

    def _account_done(self, text: str) -> None:
        self._show_main()
        show_message(self.users_notice, text)
        self.refresh()

    def _language_chosen(self) -> None:
        lang = self.language.currentData()
        if not lang or lang == self.device.language:
            return
        self.device.language = lang
        if self.translations is not None:
            self.translations.apply(lang)
        self.ctx.lang = data_language(lang)
        self._save()
        self.language_changed.emit(lang)

    def _minutes_chosen(self, minutes: int) -> None:
        self.device.autolock_minutes = minutes
        if self.idle is not None:
            self.idle.set_minutes(minutes)
        self._save()

    def _save(self) -> None:
        snapshot = self.device.snapshot()
        self.ctx.tasks.run(snapshot.save, success=lambda _: None,
                           failure=self.ctx.task_failed.emit)
