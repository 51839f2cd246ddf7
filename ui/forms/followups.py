"""Catatan tindak lanjut: the append-only notes of a case, newest first, and a small form to add
one. Old notes are never edited or deleted (the store refuses it too). A note's text and its
author are sensitive: masked until the case form's "Tampilkan".
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.problems import Problem
from rt_desktop.records import FollowUp, field_specs
from rt_desktop.store.store import Change, Store
from rt_desktop.validation import ValidationContext, today_wita, validate_record
from ui.context import AppContext
from ui.forms.fields import MASK, FieldEditor, from_json, make_editor, to_json
from ui.forms.support import stripped
from ui.i18n import data_language, locale_for

__all__ = ["FollowUpTimeline"]

_NEW_FIELDS = ("noted_on", "next_follow_up_on", "note")


def _date_text(value: dt.date | None, lang: str) -> str:
    if value is None:
        return "–"
    return locale_for(lang).toString(QDate(value.year, value.month, value.day), "dd/MM/yyyy")


class NoteItem(QFrame):
    def __init__(self, note: FollowUp, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("followUpNote")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.note = note
        self.revealed: dict[str, Any] | None = None
        self.head = QLabel()
        self.head.setObjectName("followUpHead")
        self.text = QLabel()
        self.text.setObjectName("followUpText")
        self.text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        layout.addWidget(self.head)
        layout.addWidget(self.text)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        shown = self.revealed or {}
        author = shown.get("author") or MASK
        head = self.tr("{0} · dicatat oleh {1}").format(_date_text(self.note.noted_on, lang),
                                                         author)
        if self.note.next_follow_up_on:
            head += " · " + self.tr("tindak lanjut berikutnya {0}").format(
                _date_text(self.note.next_follow_up_on, lang))
        self.head.setText(head)
        self.text.setText(shown.get("note") or MASK)

    def set_revealed(self, values: dict[str, Any] | None, lang: str) -> None:
        self.revealed = values
        self.retranslate(lang)


class FollowUpTimeline(QWidget):
    """Notes of one case and the "Tambah catatan" mini-form."""

    added = Signal(object)    # list[Change]
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lang = ctx.lang
        self.incident_id: str | None = None
        self.items: list[NoteItem] = []
        self._busy = False
        self._show_all = False
        self.fields: dict[str, FieldEditor] = {}
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.empty = QLabel()
        self.list_box = QVBoxLayout()
        self.new_box = QFrame()
        self.new_box.setObjectName("newFollowUp")
        self.new_heading = QLabel()
        font = self.new_heading.font()
        font.setBold(True)
        self.new_heading.setFont(font)
        grid = QGridLayout(self.new_box)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setHorizontalSpacing(24)
        grid.addWidget(self.new_heading, 0, 0, 1, 2)
        for name, (row, col, span) in zip(_NEW_FIELDS, ((1, 0, 1), (1, 1, 1), (2, 0, 2)),
                                          strict=True):
            editor = make_editor(FollowUp, name, ctx.lang)
            editor.changed.connect(self._on_changed)
            editor.submitted.connect(self.add_note)  # Enter in a date adds the note
            self.fields[name] = editor
            grid.addWidget(editor, row, col, 1, span)
        self.read_only = False  # a laptop that only reads the case: no "Catatan baru"
        self.notes_absent = False  # … and one the notes never reach (UPTD PPA's)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addFollowUp")
        self.add_button.clicked.connect(self.add_note)
        self.status = QLabel()
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.add_button)
        grid.addLayout(row, 3, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.new_box)
        layout.addWidget(self.empty)
        layout.addLayout(self.list_box)
        self.set_incident(None)
        self.retranslate(ctx.lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.hint.setText(self.tr("Simpan kasus ini dulu, lalu tambahkan catatan tindak "
                                  "lanjut di sini."))
        self.new_heading.setText(self.tr("Catatan baru"))
        self.add_button.setText(self.tr("Tambah catatan"))
        self.empty.setText(self.tr(
            "Catatan tindak lanjut dari RT tidak dikirim ke laptop UPTD PPA.") if self.notes_absent
            else self.tr("Belum ada catatan tindak lanjut."))
        for editor in self.fields.values():
            editor.retranslate(lang)
        for item in self.items:
            item.retranslate(lang)

    def set_incident(self, incident_id: str | None) -> None:
        """A note belongs to a stored case: until the case is saved, the mini-form waits."""
        self.incident_id = incident_id
        self.hint.setVisible(incident_id is None and not self.read_only)
        self.new_box.setVisible(incident_id is not None and not self.read_only)
        self.empty.setVisible(incident_id is not None and not self.items)

    def set_notes(self, notes: list[FollowUp]) -> None:
        """Stored notes (sensitive values stripped), newest first."""
        revealed = {item.note.id: item.revealed for item in self.items if item.revealed}
        for item in self.items:
            item.setParent(None)
            item.deleteLater()
        self.items = []
        for note in notes:
            item = NoteItem(note, self.lang)
            if note.id in revealed:
                item.set_revealed(revealed[note.id], self.lang)
            self.list_box.addWidget(item)
            item.show()
            self.items.append(item)
        self.empty.setVisible(self.incident_id is not None and not self.items)

    # --- adding a note --------------------------------------------------------------------------

    def note_record(self) -> FollowUp:
        return FollowUp(incident_id=self.incident_id, author=self.ctx.user_name or None,
                        **{n: e.held_value() for n, e in self.fields.items()})

    def _problems(self) -> list[Problem]:
        result = validate_record(self.note_record(), ValidationContext(today=today_wita()))
        return [p for p in result.problems if p.field in self.fields]

    def _on_changed(self, name: str) -> None:
        self.status.clear()
        self._show(self._problems(), touched={name})
        self.changed.emit()

    def _show(self, problems: list[Problem], touched: set[str] | None = None) -> None:
        lang = data_language(self.lang)
        for name, editor in self.fields.items():
            if self._show_all or (touched and name in touched):
                editor.set_messages([p.message(lang) for p in problems if p.field == name])

    def add_note(self) -> None:
        if self._busy or self.incident_id is None:
            return
        self._show_all = True
        problems = self._problems()
        self._show(problems)
        if problems:
            return
        note = self.note_record()
        self._busy = True
        self.add_button.setEnabled(False)
        user = self.ctx.user_name
        self.ctx.write(lambda s: s.save(note, user=user),
                       success=lambda changes: self._added(note, changes),
                       failure=self._failed)

    def _added(self, note: FollowUp, changes: list[Change]) -> None:
        self._busy = False
        self._show_all = False
        self.add_button.setEnabled(True)
        for editor in self.fields.values():
            editor.set_value(None)
            editor.set_messages([])
        self.status.setText(self.tr("Catatan ditambahkan."))
        # The note just typed is shown without a reveal: this volunteer wrote it.
        new_id = changes[0].record_id if changes else ""
        item = NoteItem(FollowUp(**{**note.__dict__, "id": new_id}), self.lang)
        item.set_revealed({"note": note.note, "author": note.author}, self.lang)
        self.list_box.insertWidget(0, item)
        item.show()
        self.items.insert(0, item)
        self.empty.hide()
        self.added.emit(changes)

    def _failed(self, exc: BaseException) -> None:
        from rt_desktop.errors import RTError, ValidationFailed

        self._busy = False
        self.add_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            self._show_all = True
            self._show([p for p in exc.problems if p.field in self.fields])
        text = exc.message(data_language(self.lang)) if isinstance(exc, RTError) else str(exc)
        self.status.setText(text)

    # --- drafts, masking ------------------------------------------------------------------------

    def has_unsaved(self) -> bool:
        return bool((self.fields["note"].held_value() or "").strip())

    def to_draft(self) -> dict[str, Any]:
        specs = field_specs(FollowUp)
        return {n: to_json(specs[n], e.held_value()) for n, e in self.fields.items()}

    def restore_draft(self, content: dict[str, Any]) -> None:
        for name, editor in self.fields.items():
            if name in content:
                editor.set_value(from_json(editor.spec, content[name]))

    def mask(self) -> None:
        for item in self.items:
            item.set_revealed(None, self.lang)
        self.fields["note"].conceal()

    def is_masked(self) -> bool:
        return any(item.revealed is None for item in self.items) or self.fields["note"].masked

    def masked_ids(self) -> list[str]:
        return [item.note.id for item in self.items if item.revealed is None]

    def apply_revealed(self, values: dict[str, dict[str, Any]]) -> None:
        for item in self.items:
            if item.note.id in values:
                item.set_revealed(values[item.note.id], self.lang)
        self.fields["note"].unconceal()

    @staticmethod
    def load(store: Store, incident_id: str) -> list[FollowUp]:
        """On the worker: the case's notes, newest first, without their sensitive values."""
        notes = store.list_records(FollowUp, where="incident_id = ?", params=[incident_id],
                                   order_by="noted_on DESC, created_at DESC")
        return [stripped(n) for n in notes]  # type: ignore[misc]
