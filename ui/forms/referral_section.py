"""Rujukan: the referrals of a case. New ones are typed here and saved together with the case
(``Store.save(incident, referrals=[…])``); stored ones are listed, and their status may change.

A referral shares the victim's data, so it asks — inline, under its consent boxes — who agreed,
or why it goes without consent (the words come from the guardrails' problem catalogue).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import enums
from rt_desktop.problems import Problem
from rt_desktop.records import Referral, field_specs
from ui.forms.fields import MASK, FieldEditor, from_json, make_editor, to_json
from ui.i18n import data_language, locale_for

__all__ = ["ReferralEditor", "ReferralSection"]

_NEW_FIELDS = ("destination", "uptd_service", "referred_on", "status", "consent_by",
               "consent_override_reason")
_ERROR_STYLE = "color: #b3261e;"


class ReferralEditor(QFrame):
    """One new referral."""

    changed = Signal()
    remove = Signal(object)   # self
    submitted = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("newReferral")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.lang = lang
        self.fields: dict[str, FieldEditor] = {}
        self._touched: set[str] = set()
        self._problems: list[Problem] = []
        self.show_all = False
        self._forbidden: frozenset[str] = frozenset()
        self._why = ""
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        for name, (row, col, span) in zip(_NEW_FIELDS, ((0, 0, 1), (0, 1, 1), (1, 0, 1),
                                                         (1, 1, 1), (2, 0, 2), (3, 0, 2)),
                                          strict=True):
            editor = make_editor(Referral, name, lang)
            editor.changed.connect(self._on_changed)
            editor.left.connect(self._on_left)
            editor.submitted.connect(self.submitted)
            self.fields[name] = editor
            grid.addWidget(editor, row, col, 1, span)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: self.remove.emit(self))
        grid.addWidget(self.remove_button, 4, 1, Qt.AlignmentFlag.AlignRight)
        self.retranslate(lang)
        self._update()

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        for editor in self.fields.values():
            editor.retranslate(lang)
        self.remove_button.setText(self.tr("Batalkan rujukan ini"))

    def referral(self) -> Referral:
        values = {n: self.value(n) for n in self.fields}
        return Referral(**values)

    def value(self, name: str) -> Any:
        if name == "uptd_service" and self.fields["destination"].value() != "uptd_ppa":
            return None
        return self.fields[name].held_value()

    def set_forbidden_services(self, codes: frozenset[str], why: str) -> None:
        self._forbidden, self._why = codes, why
        self._update()

    def _update(self) -> None:
        service = self.fields["uptd_service"]
        uptd = self.fields["destination"].value() == "uptd_ppa"
        if service.editor.isEnabled() != uptd:
            service.editor.setEnabled(uptd)
        service.set_disabled_codes(self._forbidden, self._why)  # type: ignore[attr-defined]

    def _on_changed(self, name: str) -> None:
        self._touched.add(name)
        self._update()
        self.changed.emit()

    def _on_left(self, name: str) -> None:
        self._touched.add(name)
        self.show_problems(self._problems)

    def show_problems(self, problems: list[Problem]) -> None:
        """Problems of this referral, with plain field names (``consent_by``…)."""
        self._problems = problems
        lang = data_language(self.lang)
        for name, editor in self.fields.items():
            shown = self.show_all or name in self._touched
            editor.set_messages([p.message(lang) for p in problems if p.field == name]
                                if shown else [])

    def to_json(self) -> dict[str, Any]:
        specs = field_specs(Referral)
        return {n: to_json(specs[n], self.value(n)) for n in self.fields}

    def from_json(self, content: dict[str, Any]) -> None:
        for name, editor in self.fields.items():
            if name in content:
                editor.set_value(from_json(editor.spec, content[name]))
        self._update()

    def mask(self) -> None:
        """Hide the typed override reason (the app locked); :meth:`unmask` brings it back."""
        self.fields["consent_override_reason"].conceal()

    def unmask(self) -> None:
        self.fields["consent_override_reason"].unconceal()

    @property
    def masked(self) -> bool:
        return self.fields["consent_override_reason"].masked


class StoredReferralRow(QFrame):
    """A referral already saved: what, when, consent, its status (changeable), and the masked
    override reason and response."""

    changed = Signal()

    def __init__(self, referral: Referral, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("storedReferral")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.referral = referral
        self.lang = lang
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.secret = QLabel()
        self.secret.setWordWrap(True)
        self.secret.setObjectName("referralSecret")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(_ERROR_STYLE)
        self.message.hide()
        self.status = QComboBox()
        self.status.setObjectName("referralStatus")
        for code in enums.REFERRAL_STATUSES.codes:
            self.status.addItem("", code)
        self.status.setCurrentIndex(max(self.status.findData(referral.status), 0))
        self.status.currentIndexChanged.connect(self.changed)
        self.status_label = QLabel()
        self.status_label.setBuddy(self.status)
        self.revealed: dict[str, Any] | None = None
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.status_label)
        top.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.secret)
        layout.addWidget(self.message)
        self.retranslate(lang)

    def new_status(self) -> str | None:
        status = self.status.currentData()
        return status if status != self.referral.status else None

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        data = data_language(lang)
        r = self.referral
        parts = [enums.REFERRAL_DESTINATIONS.label(r.destination or "", data)]
        if r.uptd_service:
            parts.append(enums.UPTD_SERVICES.label(r.uptd_service, data))
        if r.referred_on:
            parts.append(self.tr("dirujuk {0}").format(locale_for(lang).toString(
                QDate(r.referred_on.year, r.referred_on.month, r.referred_on.day),
                "dd/MM/yyyy")))
        consent = ", ".join(enums.CONSENT_BY.label(c, data) for c in r.consent_by)
        parts.append(self.tr("persetujuan: {0}").format(consent) if consent
                     else self.tr("tanpa persetujuan"))
        self.summary.setText(" · ".join(parts))
        self.status_label.setText(self.tr("Status rujukan"))
        for row in range(self.status.count()):
            self.status.setItemText(row, enums.REFERRAL_STATUSES.label(
                self.status.itemData(row), data))
        specs = field_specs(Referral)
        lines = []
        shown = self.revealed or {}
        if not r.consent_by:
            lines.append(f"{specs['consent_override_reason'].label(data)}: "
                         f"{self._secret('consent_override_reason', shown)}")
        lines.append(f"{specs['response_note'].label(data)}: "
                     f"{self._secret('response_note', shown)}")
        self.secret.setText("\n".join(lines))

    def _secret(self, name: str, shown: dict[str, Any]) -> str:
        if self.revealed is None:
            return MASK
        return shown.get(name) or "–"

    def set_revealed(self, values: dict[str, Any] | None) -> None:
        self.revealed = values
        self.retranslate(self.lang)

    def show_problems(self, problems: list[Problem]) -> None:
        lang = data_language(self.lang)
        self.message.setText("\n".join(p.message(lang) for p in problems))
        self.message.setVisible(bool(problems))


class ReferralSection(QWidget):
    """Stored referrals, new ones, and what the case still needs."""

    changed = Signal()
    submitted = Signal()

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.stored: list[StoredReferralRow] = []
        self.editors: list[ReferralEditor] = []
        self._forbidden: frozenset[str] = frozenset()
        self._why = ""
        self.required_message = QLabel()
        self.required_message.setObjectName("referralRequired")
        self.required_message.setWordWrap(True)
        self.required_message.setStyleSheet(_ERROR_STYLE)
        self.required_message.hide()
        self.empty = QLabel()
        self.stored_box = QVBoxLayout()
        self.new_box = QVBoxLayout()
        self.add_button = QPushButton()
        self.add_button.setObjectName("addReferral")
        self.add_button.clicked.connect(lambda: self.add_referral().fields[
            "destination"].focus_widget().setFocus())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.required_message)
        layout.addWidget(self.empty)
        layout.addLayout(self.stored_box)
        layout.addLayout(self.new_box)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch()
        layout.addLayout(row)
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.add_button.setText(self.tr("Tambah rujukan"))
        self.empty.setText(self.tr("Belum ada rujukan untuk kasus ini."))
        self.empty.setVisible(not self.stored and not self.editors)
        for widget in (*self.stored, *self.editors):
            widget.retranslate(lang)

    # --- stored -------------------------------------------------------------------------------

    def set_stored(self, referrals: list[Referral]) -> None:
        revealed = {row.referral.id: row.revealed for row in self.stored if row.revealed}
        for row in self.stored:
            row.setParent(None)
            row.deleteLater()
        self.stored = []
        for referral in referrals:
            row = StoredReferralRow(referral, self.lang)
            if referral.id in revealed:  # a refresh after saving shows what was shown
                row.set_revealed(revealed[referral.id])
            row.changed.connect(self.changed)
            self.stored_box.addWidget(row)
            row.show()
            self.stored.append(row)
        self.empty.setVisible(not self.stored and not self.editors)

    def status_changes(self) -> dict[str, str]:
        return {row.referral.id: status for row in self.stored
                if (status := row.new_status()) is not None}

    def stored_for_validation(self) -> list[Referral]:
        """Stored referrals as the case would have them after saving (status changes in)."""
        changes = self.status_changes()
        return [dataclasses.replace(row.referral, status=changes.get(row.referral.id,
                                                                      row.referral.status))
                for row in self.stored]

    # --- new ----------------------------------------------------------------------------------

    def add_referral(self) -> ReferralEditor:
        editor = ReferralEditor(self.lang)
        editor.set_forbidden_services(self._forbidden, self._why)
        editor.changed.connect(self.changed)
        editor.submitted.connect(self.submitted)
        editor.remove.connect(self._remove)
        self.new_box.addWidget(editor)
        editor.show()  # at once, not on the next turn of the event loop
        self.editors.append(editor)
        self.empty.hide()
        self.changed.emit()
        return editor

    def _remove(self, editor: ReferralEditor) -> None:
        self.editors.remove(editor)
        editor.setParent(None)
        editor.deleteLater()
        self.empty.setVisible(not self.stored and not self.editors)
        self.add_button.setFocus()
        self.changed.emit()

    def clear_new(self) -> None:
        for editor in list(self.editors):
            self.editors.remove(editor)
            editor.setParent(None)
            editor.deleteLater()

    def new_referrals(self) -> list[Referral]:
        return [e.referral() for e in self.editors]

    def set_forbidden_services(self, codes: frozenset[str], why: str) -> None:
        self._forbidden, self._why = codes, why
        for editor in self.editors:
            editor.set_forbidden_services(codes, why)

    # --- messages -----------------------------------------------------------------------------

    def set_required(self, message: str | None) -> None:
        if self.required_message.text() != (message or ""):
            self.required_message.setText(message or "")
        if self.required_message.isVisibleTo(self) != bool(message):
            self.required_message.setVisible(bool(message))

    def show_problems(self, problems: list[Problem], show_all: bool) -> None:
        """``referrals.<i>.<field>`` problems: new editors first, then stored ones (the order
        the form hands them to the store)."""
        per_index: dict[int, list[Problem]] = {}
        for problem in problems:
            _, index, name = problem.field.split(".", 2)
            per_index.setdefault(int(index), []).append(dataclasses.replace(problem, field=name))
        for i, editor in enumerate(self.editors):
            editor.show_all = editor.show_all or show_all
            editor.show_problems(per_index.get(i, []))
        for j, row in enumerate(self.stored_with_changes()):
            row.show_problems(per_index.get(len(self.editors) + j, []))

    def stored_with_changes(self) -> list[StoredReferralRow]:
        return [row for row in self.stored if row.new_status() is not None]

    # --- drafts and masking -------------------------------------------------------------------

    def to_draft(self) -> dict[str, Any]:
        return {"new": [e.to_json() for e in self.editors], "status": self.status_changes()}

    def restore_draft(self, content: dict[str, Any]) -> None:
        self.clear_new()
        for item in content.get("new") or []:
            self.add_referral().from_json(item)
        for row in self.stored:
            status = (content.get("status") or {}).get(row.referral.id)
            if status:
                row.status.setCurrentIndex(max(row.status.findData(status), 0))

    def has_unsaved(self) -> bool:
        return bool(self.editors) or bool(self.status_changes())

    def mask(self) -> None:
        for row in self.stored:
            row.set_revealed(None)
        for editor in self.editors:
            editor.mask()

    def is_masked(self) -> bool:
        return (any(row.revealed is None for row in self.stored)
                or any(e.masked for e in self.editors))

    def unmask_new(self) -> None:
        for editor in self.editors:
            editor.unmask()

    def apply_revealed(self, values: dict[str, dict[str, Any]]) -> None:
        """``values``: referral id → its revealed sensitive fields."""
        for row in self.stored:
            if row.referral.id in values:
                row.set_revealed(values[row.referral.id])
        self.unmask_new()
