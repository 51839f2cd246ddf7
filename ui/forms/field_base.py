"""The common part of every field editor (ui/forms/fields.py has one class per kind of field).

A :class:`FieldEditor` is a small column: the label (from the record's FieldSpec, never
retyped), the input, a "••••••" stand-in shown instead of the input while a sensitive value is
masked, and the inline message label where validation speaks. Values are the record's Python
values (``date``, ``time``, tuples of codes); :func:`to_json`/:func:`from_json` turn them into
draft content. A date or time typed so that it cannot be read stays text (:func:`parse_date`,
:func:`parse_time`), so validation can say so under the field instead of the app dropping it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.records import FieldSpec
from ui.i18n import data_language, locale_for

__all__ = ["FIRST_YEAR", "LAST_YEAR", "MASK", "FieldEditor", "from_json", "parse_date",
           "parse_time", "to_json"]

MASK = "••••••"
_TIME = re.compile(r"\s*(\d{1,2})[:.](\d{2})\s*")
# Day first, the Indonesian way: 17/08/2026, 17-8-2026, 17.08.2026, or 17082026 without marks.
_DATE = re.compile(
    r"\s*(?P<day>\d{1,2})(?P<mark>[/.-])(?P<month>\d{1,2})(?P=mark)(?P<year>\d{4})\s*")
_DATE_DIGITS = re.compile(r"\s*(?P<day>\d{2})(?P<month>\d{2})(?P<year>\d{4})\s*")
# The years a typed date may have: a slip like 17/08/0226 is unreadable, not a date.
FIRST_YEAR, LAST_YEAR = 1900, 2100


def to_json(spec: FieldSpec, value: Any) -> Any:
    """A field value as draft content (JSON)."""
    if value is None:
        return None
    if spec.kind == "date" and isinstance(value, dt.date):
        return value.isoformat()
    if spec.kind == "time" and isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if spec.kind == "choices":
        return list(value)
    return value


def from_json(spec: FieldSpec, raw: Any) -> Any:
    """Draft content back to a field value; unreadable content becomes empty, never an error."""
    try:
        if raw is None:
            return () if spec.kind == "choices" else (False if spec.kind == "bool" else None)
        if spec.kind == "date":
            try:
                return dt.date.fromisoformat(raw)
            except ValueError:
                return parse_date(raw)  # typed, and unreadable: it stays as typed
        if spec.kind == "time":
            return parse_time(raw)
        if spec.kind == "choices":
            return tuple(str(code) for code in raw)
        if spec.kind == "bool":
            return bool(raw)
        if spec.kind == "int":
            return int(raw)
        return str(raw)
    except (TypeError, ValueError):
        return None


def parse_date(text: str) -> dt.date | str | None:
    """``17/08/2026``, ``17-8-2026``, ``17.08.2026`` or ``17082026`` → a date; empty → None;
    anything else stays text (validation then says "bukan tanggal yang bisa dibaca")."""
    if not text or not text.strip():
        return None
    match = _DATE.fullmatch(text) or _DATE_DIGITS.fullmatch(text)
    if match:
        try:
            date = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:  # 31/02/2026, 10/13/2026
            return text
        if FIRST_YEAR <= date.year <= LAST_YEAR:
            return date
    return text


def parse_time(text: str) -> dt.time | str | None:
    """``19.30`` or ``19:30`` → a time; empty → None; anything else stays text (validation then
    says "bukan jam yang bisa dibaca")."""
    if not text or not text.strip():
        return None
    match = _TIME.fullmatch(text)
    if match:
        hour, minute = int(match[1]), int(match[2])
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    return text


class FieldEditor(QWidget):
    """Label, input, mask and inline message of one field."""

    #: the value changed (typing, ticking, choosing); carries the field name
    changed = Signal(str)
    #: focus left the field: its message may show now
    left = Signal(str)
    #: Enter pressed in a single-line input
    submitted = Signal()

    def __init__(self, name: str, spec: FieldSpec, lang: str, *, optional: bool = True,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.name, self.spec, self.optional = name, spec, optional
        self.lang = data_language(lang)
        self.locale = locale_for(lang)
        self.masked = False
        self._concealed: Any = None
        self._message_text = ""
        self._disabled_state: tuple[Any, ...] = ()
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setObjectName("fieldLabel")
        self.editor = self._build()
        self.editor.setObjectName(f"field_{name}")
        self.mask = QLineEdit(MASK)
        self.mask.setReadOnly(True)
        self.mask.setObjectName("fieldMask")
        self.mask.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.mask.hide()
        self.message = QLabel()
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.label)
        layout.addWidget(self.editor)
        layout.addWidget(self.mask)
        layout.addWidget(self.message)
        self.label.setBuddy(self.focus_widget())
        self.focus_widget().installEventFilter(self)
        if isinstance(self.editor, QComboBox | QAbstractSpinBox):
            # The wheel neither focuses it nor changes it (see eventFilter).
            self.editor.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.retranslate(lang)

    # --- for subclasses ---------------------------------------------------------------------

    def _build(self) -> QWidget:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def _set(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widget(self) -> QWidget:
        return self.editor

    def _retranslate_input(self) -> None:
        """Re-read vocabulary labels and placeholders in the current language."""

    # --- shared ---------------------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        self._set(value)

    def clear(self) -> None:
        blocked = self.editor.blockSignals(True)
        try:
            self._set(None)
        finally:
            self.editor.blockSignals(blocked)

    def retranslate(self, lang: str) -> None:
        self.lang, self.locale = data_language(lang), locale_for(lang)
        text = self.spec.label(self.lang)
        self.label.setText(f"{text} *" if self.spec.required else text)
        self.mask.setToolTip(self.tr("Disembunyikan. Tekan “Tampilkan” untuk melihat isinya."))
        self._retranslate_input()

    def set_masked(self, masked: bool) -> None:
        """Masked: the input is emptied and hidden; only "••••••" shows."""
        if masked:
            self.clear()
        self.masked = masked
        self.editor.setVisible(not masked)
        self.mask.setVisible(masked)
        if masked:
            self.set_messages([])

    def conceal(self) -> None:
        """Mask what was typed here but keep it aside (the app locked mid-typing)."""
        if not self.masked:
            self._concealed = self.value()
            self.set_masked(True)

    def unconceal(self) -> None:
        if self.masked:
            self.set_masked(False)
            self.set_value(self._concealed)
            self._concealed = None

    def held_value(self) -> Any:
        """The value, also while concealed."""
        return self._concealed if self.masked else self.value()

    def set_messages(self, messages: list[str]) -> None:
        # Validation runs on every keystroke for every field: touch the widgets only when the
        # message changes.
        text = "\n".join(messages)
        visible = bool(messages) and not self.masked
        if text != self._message_text:
            self._message_text = text
            self.message.setText(text)
            self.editor.setAccessibleDescription(text)
        if visible != self.message.isVisibleTo(self):
            self.message.setVisible(visible)

    def messages(self) -> list[str]:
        return self._message_text.split("\n") if self._message_text else []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QComboBox | QAbstractSpinBox)
                and not watched.hasFocus()):
            # Scrolling the form with the pointer over a choice or a number must not change it
            # (a victim's sex flipped that way, unseen, and was saved): the wheel goes to the
            # form, which scrolls. Once the field has focus (a click, Tab) the wheel changes it.
            event.ignore()
            return True
        if event.type() == QEvent.Type.FocusOut:
            self.left.emit(self.name)
        elif event.type() == QEvent.Type.FocusIn and isinstance(watched, QSpinBox):
            # Typing into a number replaces it (also the "–" of an empty one), however the
            # cursor got there.
            watched.selectAll()
            QTimer.singleShot(0, watched, watched.selectAll)  # after a click placed the cursor
        elif (event.type() == QEvent.Type.KeyPress and self._submits_on_enter()
              and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
              and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.submitted.emit()
            return True
        return super().eventFilter(watched, event)

    def _submits_on_enter(self) -> bool:
        return isinstance(self.editor, QLineEdit | QAbstractSpinBox)

    def _emit(self, *_: Any) -> None:
        self.changed.emit(self.name)
