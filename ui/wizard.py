"""First run: language, the RT, the first volunteer, and the recovery code on paper.

Shown when the data folder holds no database yet. The data is created (``access.initialise``, on
the worker, with a busy bar) when the volunteer leaves the name-and-password page; from then on
there is no way back, only forward to the recovery code, which is shown this one time and must be
written down before "Selesai".
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from rt_desktop import access, wilayah
from rt_desktop.store.keyslots import KdfParams
from ui.accounts import PasswordPair, busy_bar, error_text, message_label, show_message
from ui.context import AppContext
from ui.i18n import LANGUAGES, Translations, data_language
from ui.recovery_sheet import RecoveryPage
from ui.settings_page import DeviceSettings

__all__ = ["KelurahanCombo", "RtSpinBox", "SetupWizard"]

ROLE_CODE = Qt.ItemDataRole.UserRole + 1


class _KelurahanFilter(QSortFilterProxyModel):
    """Rows that :func:`wilayah.find_kelurahan` finds for the typed text, in its order (so
    "Sungai Nangka" finds Sungainangka)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rank: dict[str, int] = {}
        self._all = True

    def set_query(self, text: str) -> None:
        hits = wilayah.find_kelurahan(text)
        self._rank = {k.code: n for n, k in enumerate(hits)} if text.strip() else {}
        self._all = not text.strip()
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, row: int, parent: Any) -> bool:  # noqa: N802 — Qt's name
        if self._all:
            return True
        code = self.sourceModel().index(row, 0, parent).data(ROLE_CODE)
        return code in self._rank

    def lessThan(self, left: Any, right: Any) -> bool:  # noqa: N802 — Qt's name
        if self._all:
            return left.row() < right.row()
        return self._rank.get(left.data(ROLE_CODE), 99) < self._rank.get(right.data(ROLE_CODE), 99)


class KelurahanCombo(QComboBox):
    """The 34 kelurahan of Balikpapan; type any part of a name (spaces and case don't matter)."""

    chosen = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("kelurahanCombo")
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for kel in wilayah.kelurahan_list():
            self.addItem(f"{kel.name} — {kel.kecamatan.name}")
            self.setItemData(self.count() - 1, kel.code, ROLE_CODE)
        self.setCurrentIndex(-1)
        self.filter = _KelurahanFilter(self)
        self.filter.setSourceModel(self.model())
        completer = QCompleter(self.filter, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        edit = self.lineEdit()
        assert edit is not None  # editable
        edit.textEdited.connect(self._typed)
        edit.editingFinished.connect(self.resolve)
        edit.textChanged.connect(lambda _t: self.chosen.emit())
        self.currentIndexChanged.connect(lambda _i: self.chosen.emit())
        self._completer = completer

    def _typed(self, text: str) -> None:
        self.filter.set_query(text)
        if text.strip():
            self._completer.complete()

    def resolve(self) -> None:
        """Typed text that names one kelurahan (or names one exactly) selects it."""
        if self.selected_code():
            return
        hits = wilayah.find_kelurahan(self.currentText().split("—")[0])
        if not hits:
            return
        exact = "".join(ch for ch in self.currentText().casefold() if ch.isalnum()) == "".join(
            ch for ch in hits[0].name.casefold() if ch.isalnum())
        if len(hits) == 1 or exact:
            self.select_code(hits[0].code)

    def select_code(self, code: str) -> None:
        index = self.findData(code, ROLE_CODE)
        self.setCurrentIndex(index)
        self.setEditText(self.itemText(index))

    def selected_code(self) -> str | None:
        index = self.currentIndex()
        if index < 0 or self.currentText() != self.itemText(index):
            return None
        return self.itemData(index, ROLE_CODE)


class RtSpinBox(QSpinBox):
    """RT 1–999, shown with three digits (007) as on the RT's stamp; 0 means "not chosen"."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rtSpin")
        self.setRange(0, 999)
        self.setSpecialValueText(" ")
        self.setValue(0)

    def textFromValue(self, value: int) -> str:  # noqa: N802 — Qt's name
        return f"{value:03d}"

    def valueFromText(self, text: str) -> int:  # noqa: N802 — Qt's name
        digits = "".join(ch for ch in text if ch.isdigit())
        return int(digits) if digits else 0


class LanguagePage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.setObjectName("languagePage")
        self.wizard_ = wizard
        self.buttons: dict[str, QRadioButton] = {}
        self.intro = QLabel()
        self.intro.setObjectName("wizardIntro")
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(12)
        for code, name in LANGUAGES.items():
            button = QRadioButton(name)  # a language's own name is never translated
            button.setObjectName(f"lang_{code}")
            button.setProperty("role", "language")
            button.setChecked(code == wizard.lang)
            button.toggled.connect(lambda on, c=code: self._toggled(on, c))
            self.buttons[code] = button
            layout.addWidget(button)
        layout.addStretch()
        self.retranslate()

    def _toggled(self, on: bool, code: str) -> None:
        if on:
            self.wizard_.set_language(code)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Selamat datang di RT Desktop"))
        self.setSubTitle(self.tr("Pilih bahasa aplikasi. Bahasa bisa diganti nanti di "
                                 "Pengaturan."))
        self.intro.setText(self.tr(
            "RT Desktop membantu relawan PPATBM mencatat Sesi Lautan RT dan kasus kekerasan "
            "terhadap perempuan dan anak di RT. Semua catatan tersimpan terkunci di laptop ini "
            "dan bisa dipakai tanpa internet. Persiapan ini hanya sekali, sekitar dua menit."))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PlacePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("placePage")
        self.kelurahan = KelurahanCombo()
        self.kelurahan_label = QLabel()
        self.kelurahan_label.setBuddy(self.kelurahan)
        self.kelurahan.setMinimumWidth(420)
        self.kelurahan.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.rt = RtSpinBox()
        self.rt.setMinimumWidth(110)
        self.rt.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.rt_label = QLabel()
        self.rt_label.setBuddy(self.rt)
        self.message = message_label("placeMessage")
        layout = QVBoxLayout(self)
        for widget in (self.kelurahan_label, self.kelurahan, self.rt_label, self.rt, self.message):
            layout.addWidget(widget)
        layout.addStretch()
        self.kelurahan.chosen.connect(self.completeChanged)
        self.rt.valueChanged.connect(lambda _v: self.completeChanged.emit())
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Wilayah RT Anda"))
        self.setSubTitle(self.tr("Data di laptop ini dicatat untuk satu RT."))
        self.kelurahan_label.setText(self.tr("Kelurahan"))
        edit = self.kelurahan.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("Ketik nama kelurahan, misalnya Sungai Nangka"))
        self.rt_label.setText(self.tr("Nomor RT"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def isComplete(self) -> bool:  # noqa: N802 — Qt's name
        return self.kelurahan.selected_code() is not None and self.rt.value() >= 1

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        self.kelurahan.resolve()
        if self.kelurahan.selected_code() is None:
            show_message(self.message, self.tr("Pilih kelurahan dari daftar."))
            return False
        show_message(self.message, None)
        return True


class UserPage(QWizardPage):
    """The first volunteer. Leaving this page creates the data (a commit page: no way back)."""

    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.setObjectName("userPage")
        self.wizard_ = wizard
        self.setCommitPage(True)
        self.name = QLineEdit()
        self.name.setObjectName("userName")
        self.name.setMaxLength(80)
        self.name_label = QLabel()
        self.name_label.setBuddy(self.name)
        self.pair = PasswordPair(lang_source=wizard.ctx)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.busy = busy_bar()
        self.message = message_label("setupMessage")
        layout = QVBoxLayout(self)
        for widget in (self.name_label, self.name, self.pair, self.hint, self.message, self.busy):
            layout.addWidget(widget)
        layout.addStretch()
        self.name.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.pair.changed.connect(self.completeChanged)
        self._busy = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Relawan pertama"))
        self.setSubTitle(self.tr("Nama Anda dan kata sandi untuk membuka aplikasi."))
        self.name_label.setText(self.tr("Nama Anda"))
        self.hint.setText(self.tr(
            "Kata sandi melindungi data anak dan korban di laptop ini. Jangan memberi tahu "
            "kata sandi Anda kepada orang lain; relawan lain bisa ditambahkan sebagai pengguna "
            "dengan kata sandinya sendiri."))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def isComplete(self) -> bool:  # noqa: N802 — Qt's name
        return not self._busy and bool(self.name.text().strip()) and self.pair.is_valid()

    def validatePage(self) -> bool:  # noqa: N802 — Qt's name
        if self.wizard_.unlocked is not None:
            return True
        self._set_busy(True)
        self.wizard_.create_data(self.name.text(), self.pair.password(),
                                 done=self._created, failed=self._failed)
        return False  # the wizard moves on when the worker is done

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.busy.setVisible(busy)
        for field in (self.name, self.pair):
            field.setEnabled(not busy)
        self.wizard_.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        show_message(self.message, self.tr("Menyiapkan data di laptop ini…") if busy else None)
        self.completeChanged.emit()

    def _created(self) -> None:
        self._set_busy(False)
        self.pair.clear()
        self.wizard_.next()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        show_message(self.message, error_text(exc, self.wizard_.ctx.lang))


class SetupWizard(QWizard):
    """Emits :attr:`completed` with the unlocked data once the recovery code is written down."""

    completed = Signal(object)  # access.Unlocked

    def __init__(self, ctx: AppContext, device: DeviceSettings, *,
                 translations: Translations | None = None, kdf: KdfParams | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.ctx, self.device, self.translations, self.kdf = ctx, device, translations, kdf
        self.lang = device.language if device.language in LANGUAGES else "id"
        self.unlocked: access.Unlocked | None = None
        self.recovery_code = ""
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.language_page = LanguagePage(self)
        self.place_page = PlacePage()
        self.user_page = UserPage(self)
        self.recovery_page = RecoveryPage(self)
        for page in (self.language_page, self.place_page, self.user_page, self.recovery_page):
            self.addPage(page)
        self.currentIdChanged.connect(self._page_changed)
        self.setMinimumSize(720, 560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("RT Desktop — persiapan pertama"))
        for button, text in (
                (QWizard.WizardButton.BackButton, self.tr("< Kembali")),
                (QWizard.WizardButton.NextButton, self.tr("Lanjut >")),
                (QWizard.WizardButton.CommitButton, self.tr("Simpan dan lanjut >")),
                (QWizard.WizardButton.FinishButton, self.tr("Selesai")),
                (QWizard.WizardButton.CancelButton, self.tr("Batal"))):
            self.setButtonText(button, text)

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self.device.language = lang
        self.ctx.lang = data_language(lang)
        if self.translations is not None:
            self.translations.apply(lang)

    def kelurahan_code(self) -> str:
        return self.place_page.kelurahan.selected_code() or ""

    def rt(self) -> str:
        return f"{self.place_page.rt.value():03d}"

    def create_data(self, name: str, password: str, *, done: Any, failed: Any) -> None:
        data_dir, kdf = self.ctx.data_dir, self.kdf
        kelurahan_code, rt = self.kelurahan_code(), self.rt()
        settings = self.device.snapshot()

        def work() -> tuple[access.Unlocked, str]:
            made = access.initialise(data_dir, kelurahan_code=kelurahan_code, rt=rt, name=name,
                                     password=password, kdf=kdf)
            settings.save()
            return made

        def created(result: tuple[access.Unlocked, str]) -> None:
            self.unlocked, self.recovery_code = result
            self.recovery_page.show_code(self.recovery_code)
            done()

        self.ctx.tasks.run(work, success=created, failure=failed)

    def _page_changed(self, _page_id: int) -> None:
        # Once the data exists, leaving without the code on paper would lose the only way back
        # in after a forgotten password.
        locked_in = self.currentPage() is self.recovery_page
        self.button(QWizard.WizardButton.CancelButton).setVisible(not locked_in)

    def reject(self) -> None:
        if self.unlocked is not None:
            return  # Esc or Batal after the data exists: finish the recovery code first
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if self.unlocked is not None and self.result() != QWizard.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)

    def accept(self) -> None:
        if self.unlocked is None:
            return
        self.ctx.unlocked = self.unlocked
        super().accept()
        self.completed.emit(self.unlocked)
