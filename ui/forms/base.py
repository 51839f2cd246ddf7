"""The form framework: one record, loaded and saved through the database worker.

- Inline validation: :func:`rt_desktop.validation.validate_record` runs on every change; a
  field's messages show beside it once it was touched (typed in or left), every message after a
  save attempt. The store's own problems (it re-validates on save) land in the same places.
- Sensitive fields of a stored record are never put into widgets on load (ui/forms/masking.py).
  Saving sends only the fields that changed, applied to the stored record inside the worker,
  so an unrevealed value is never wiped (ui/forms/persistence.py).
- Drafts: saved about a second after the last change, per user (ui/forms/drafts.py).
- Keyboard: Ctrl+S saves, Enter saves from a single-line field, Esc closes (asking first, in a
  bar inside the form, when something is unsaved).
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rt_desktop.errors import RTError
from rt_desktop.problems import Problem
from rt_desktop.records import Record, sensitive_fields
from rt_desktop.store.store import Change, Store
from rt_desktop.validation import ValidationContext, today_wita, validate_record
from ui.context import AppContext
from ui.forms.drafts import DraftsMixin
from ui.forms.fields import MASK, FieldEditor, make_editor
from ui.forms.masking import MaskingMixin
from ui.forms.persistence import PersistenceMixin
from ui.forms.support import ConfirmBar, build_record, same
from ui.forms.sync_badge import SyncBadge
from ui.i18n import data_language, is_language_change

__all__ = ["DRAFT_DELAY_MS", "RecordForm"]

DRAFT_DELAY_MS = 1000


class RecordForm(PersistenceMixin, DraftsMixin, MaskingMixin, QWidget):
    """Base of the session and incident forms (see the module docstring)."""

    RECORD_CLASS: ClassVar[type[Record]]

    saved = Signal(object)    # list[Change]
    closed = Signal()
    draft_saved = Signal()    # a draft reached the database (tests, crash-safety checks)
    ready = Signal()          # the stored record is loaded (at once for a new one)

    def __init__(self, ctx: AppContext, record_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        cls = self.RECORD_CLASS
        self.ctx = ctx
        self.record_id = record_id
        self.record_type = cls.TYPE
        self.form_key = f"{cls.TYPE}:{record_id}" if record_id else f"{cls.TYPE}:new:{uuid.uuid4()}"
        # The form belongs to who opened it: drafts and saves never go under another user.
        self._user_id, self._user_name = ctx.user_id, ctx.user_name
        self.fields: dict[str, FieldEditor] = {}
        self._sensitive = sensitive_fields(cls)
        self._loaded: Record = cls()
        self._baseline: dict[str, Any] = {}
        self._stash: dict[str, Any] = {}   # typed into a field that was masked again since
        self._inactive: set[str] = set()
        self._touched: set[str] = set()
        self._show_all = False
        self.read_only = False             # set_read_only: a laptop that may not change it
        self.identity_absent = False       # … and never receives the sensitive fields
        self._quiet = 0                    # > 0 while the form itself fills widgets
        self._loading = record_id is not None
        self._busy = False
        self._pending_draft: dict[str, Any] | None = None
        self._problems: list[Problem] = []
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._write_draft)
        self._build_frame()
        self.build_fields()
        self._build_footer()
        self.retranslate()
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save),
                           (QKeySequence(Qt.Key.Key_Escape), self.request_close)):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        first = next(iter(self.fields.values()), None)
        if first is not None:
            self.setFocusProxy(first.focus_widget())  # opening a form puts the cursor in it
        # Locking the app (the shell announces it with an empty user name) hides secrets again.
        ctx.user_changed.connect(self._user_changed)
        ctx.operation_done.connect(self._data_changed)  # a sync may change the record meanwhile
        if record_id is None:
            self._baseline = self.visible_values()
            self.update_dependents()
            self._validate()
            QTimer.singleShot(0, self, self.ready.emit)
        else:
            self._load()

    @property
    def is_loading(self) -> bool:
        return self._loading

    def set_read_only(self, *, identity_absent: bool = False, notes_absent: bool = False) -> None:
        """A laptop that may not change this record (a coordinator's, UPTD PPA's): no *Simpan*
        or *Hapus*, the fields greyed. ``identity_absent``: the laptop never receives the
        sensitive fields (a coordinator's): no *Tampilkan*, and the hint says why.
        ``notes_absent``: it never receives a case's follow-up notes (UPTD PPA's; a case form
        says so)."""
        self.read_only, self.identity_absent = True, identity_absent
        self.content.setEnabled(False)
        self.retranslate()

    def _user_changed(self, name: str) -> None:
        if isValid(self) and name != self._user_name:
            self.mask_sensitive()

    # --- layout -----------------------------------------------------------------------------

    def _build_frame(self) -> None:
        self.title = QLabel()
        self.title.setObjectName("formTitle")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("formSubtitle")
        self.sync_badge = SyncBadge()
        self.reveal_button = QPushButton()
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_hint = QLabel()
        self.reveal_hint.setWordWrap(True)
        self.reveal_hint.setObjectName("revealHint")
        self.notice = QLabel()
        self.notice.setObjectName("formNotice")
        self.notice.setWordWrap(True)
        self.confirm_bar = ConfirmBar()
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        line = QHBoxLayout()
        line.addWidget(self.subtitle)
        line.addWidget(self.sync_badge)
        line.addStretch()
        titles.addLayout(line)
        head.addLayout(titles, 1)
        head.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        self.content = QWidget()
        self.content.setObjectName("formContent")
        self.body = QVBoxLayout(self.content)
        self.body.setSpacing(14)
        holder = QWidget()
        centred = QHBoxLayout(holder)
        centred.addWidget(self.content, 1)
        centred.addStretch(0)
        self.content.setMaximumWidth(1000)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(self.reveal_hint)
        outer.addWidget(self.confirm_bar)
        outer.addWidget(self.scroll, 1)
        self._outer = outer

    def _build_footer(self) -> None:
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("deleteButton")
        self.delete_button.clicked.connect(self.request_delete)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.request_close)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        foot = QHBoxLayout()
        foot.addWidget(self.delete_button)
        foot.addWidget(self.notice, 1)
        foot.addWidget(self.close_button)
        foot.addWidget(self.save_button)
        self._outer.addLayout(foot)

    def add_section(self) -> tuple[QGroupBox, QGridLayout]:
        box = QGroupBox()
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.body.addWidget(box)
        return box, grid

    def add_field(self, name: str, grid: QGridLayout | None = None, row: int = 0, col: int = 0,
                  span: int = 1) -> FieldEditor:
        editor = make_editor(self.RECORD_CLASS, name, self.ctx.lang)
        editor.changed.connect(self._on_changed)
        editor.left.connect(self._on_left)
        editor.submitted.connect(self.save)
        self.fields[name] = editor
        if grid is not None:
            grid.addWidget(editor, row, col, 1, span)
        return editor

    # --- hooks for subclasses ---------------------------------------------------------------

    def build_fields(self) -> None:
        raise NotImplementedError

    def retranslate_form(self) -> None:
        """Titles of the form's own sections (static texts)."""

    def update_dependents(self, changed: str | None = None) -> None:
        """Enable/disable/fill fields that follow others (``changed`` is None: all of them)."""

    def extra_problems(self, record: Record) -> list[Problem]:
        return []

    def show_other_problems(self, problems: list[Problem]) -> None:
        """Problems of no field of this form (the record as a whole, referrals...)."""

    @staticmethod
    def load_extra(store: Store, record: Record) -> Any:
        """Runs on the database worker: whatever else the form shows (never sensitive)."""
        return None

    def apply_extra(self, extra: Any) -> None:
        pass

    def save_call(self, record_id: str | None, values: dict[str, Any]
                  ) -> Callable[[Store], list[Change]]:
        cls, user, baseline = self.RECORD_CLASS, self._user_name, dict(self._baseline)

        def work(store: Store) -> list[Change]:
            return store.save(build_record(store, cls, record_id, values, baseline), user=user)
        return work

    def after_save(self) -> None:
        pass

    def extra_unsaved(self) -> bool:
        return False

    def draft_extra(self) -> dict[str, Any]:
        return {}

    def restore_extra(self, content: dict[str, Any]) -> None:
        pass

    def mask_extra(self) -> None:
        pass

    def has_masked_extra(self) -> bool:
        return False

    def reveal_extra(self) -> Callable[[Store], Any] | None:
        """A worker function revealing what else is masked (audited), or None."""
        return None

    def apply_revealed_extra(self, extra: Any) -> None:
        pass

    # --- values -------------------------------------------------------------------------------

    def set_active(self, name: str, active: bool) -> None:
        """An inactive field (e.g. "Topik lainnya" while "Lainnya" is not ticked) is greyed
        out and saves as empty."""
        (self._inactive.discard if active else self._inactive.add)(name)
        field = self.fields[name]
        if field.editor.isEnabled() != active:
            field.editor.setEnabled(active)
            field.mask.setEnabled(active)  # a hidden value of an unused field looks unused too

    def field_value(self, name: str) -> Any:
        editor = self.fields[name]
        if name in self._inactive:
            kind = editor.spec.kind
            return () if kind == "choices" else (False if kind == "bool" else None)
        return editor.value()

    def visible_values(self) -> dict[str, Any]:
        return {n: self.field_value(n) for n, e in self.fields.items() if not e.masked}

    def changed_values(self) -> dict[str, Any]:
        """Fields that differ from the stored record (a new record: every field)."""
        values = self.visible_values()
        if self.record_id is not None:
            values = {n: v for n, v in values.items()
                      if n not in self._baseline or not same(v, self._baseline[n])}
        return {**values, **self._stash}

    def current_record(self) -> Record:
        """The record as the form shows it; a masked value is stood in for (validation only)."""
        values: dict[str, Any] = {}
        for name, editor in self.fields.items():
            if not editor.masked:
                values[name] = self.field_value(name)
            elif name in self._stash:
                values[name] = self._stash[name]
            else:
                values[name] = MASK if editor.spec.kind == "text" else None
        return dataclasses.replace(self._loaded, **values)

    def has_unsaved_changes(self) -> bool:
        values = self.visible_values()
        return (any(n not in self._baseline or not same(v, self._baseline[n])
                    for n, v in values.items())
                or bool(self._stash) or self.extra_unsaved())

    # --- validation ---------------------------------------------------------------------------

    def validation_context(self, record: Record) -> ValidationContext:
        return ValidationContext(today=today_wita())

    def _validate(self) -> list[Problem]:
        record = self.current_record()
        problems = list(validate_record(record, self.validation_context(record)).problems)
        problems += self.extra_problems(record)
        self._show_problems(problems)
        return problems

    def _show_problems(self, problems: list[Problem]) -> None:
        self._problems = problems
        lang = data_language(self.ctx.lang)
        per_field: dict[str, list[str]] = {}
        others: list[Problem] = []
        for problem in problems:
            if problem.field in self.fields:
                per_field.setdefault(problem.field, []).append(problem.message(lang))
            else:
                others.append(problem)
        for name, editor in self.fields.items():
            shown = self._show_all or name in self._touched
            editor.set_messages(per_field.get(name, []) if shown else [])
        self.show_other_problems(others)

    def touched(self, name: str) -> bool:
        return self._show_all or name in self._touched

    def _on_changed(self, name: str) -> None:
        if self._quiet:
            return
        self._touched.add(name)
        self._quiet += 1
        try:
            self.update_dependents(name)
        finally:
            self._quiet -= 1
        self.changed()

    def changed(self) -> None:
        """Something in the form changed: check it again and plan a draft."""
        if self.notice.text():
            self.notice.clear()
        self._validate()
        if not self._loading:
            self._draft_timer.start()

    def _on_left(self, name: str) -> None:
        if name not in self._touched and not self._quiet:
            self._touched.add(name)
            self._show_problems(self._problems)

    def quietly(self, fn: Callable[[], None]) -> None:
        """Fill widgets without counting it as the volunteer's change."""
        self._quiet += 1
        try:
            fn()
        finally:
            self._quiet -= 1

    # --- misc ---------------------------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str | None = None) -> None:
        self._busy = busy
        self.save_button.setEnabled(not busy)
        self.reveal_button.setEnabled(not busy)
        if text is not None:
            self.notice.setText(text)

    def _error_text(self, exc: BaseException) -> str:
        if isinstance(exc, RTError):
            return exc.message(data_language(self.ctx.lang))
        return self.tr("Terjadi kesalahan tak terduga ({0}); data belum tersimpan.").format(
            type(exc).__name__)

    def retranslate(self) -> None:
        """Every static text, in the current language (also after a language switch)."""
        masked = bool(self.masked_fields()) or self.has_masked_extra()
        self.reveal_button.setText(self.tr("Tampilkan"))
        self.reveal_button.setToolTip(self.tr("Tampilkan data rahasia (tercatat di log)"))
        self.reveal_button.setVisible(masked and not self.identity_absent)
        if self.identity_absent:
            self.reveal_hint.setText(self.tr(
                "Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang "
                "({0}) tidak dikirim ke laptop koordinator.").format(MASK))
        else:
            self.reveal_hint.setText(self.tr(
                "Nama, kontak, alamat, kronologi, dan catatan lain yang dapat mengenali orang "
                "disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya; setiap kali dibuka "
                "tercatat.").format(MASK))
        self.reveal_hint.setVisible(masked)
        self.save_button.setText(self.tr("Simpan"))
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S)"))
        self.close_button.setText(self.tr("Tutup"))
        self.close_button.setToolTip(self.tr("Tutup (Esc)"))
        self.delete_button.setText(self.tr("Hapus"))
        self.delete_button.setVisible(self.record_id is not None and not self.read_only)
        self.save_button.setVisible(not self.read_only)
        lang = self.ctx.lang
        for editor in self.fields.values():
            editor.retranslate(lang)
        self.sync_badge.retranslate()
        self.retranslate_form()
        self.setWindowTitle(self.title.text())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        if is_language_change(event):
            self.retranslate()
            self._show_problems(self._problems)
        super().changeEvent(event)


