"""One editor per kind of record field, built from its :class:`rt_desktop.records.FieldSpec`
(text, long text, number, date, time, choice, several choices, yes/no) — see
ui/forms/field_base.py for what every editor has.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import (
    QRegularExpressionValidator,
    QStandardItemModel,
    QValidator,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from rt_desktop.records import Record, field_specs
from rt_desktop.validation import today_wita
from ui.forms.date_input import DateInput, date_text
from ui.forms.field_base import (
    MASK,
    FieldEditor,
    from_json,
    parse_date,
    parse_time,
    to_json,
)

__all__ = ["MASK", "FieldEditor", "from_json", "make_editor", "to_json"]

# Text up to this length is one line; longer free text (notes, kronologi) gets a text box.
ONE_LINE_MAX = 200


class TextEditor(FieldEditor):
    editor: QLineEdit

    def _build(self) -> QWidget:
        editor = QLineEdit()
        if self.spec.max_length:
            editor.setMaxLength(self.spec.max_length)
        editor.textChanged.connect(self._emit)
        return editor

    def value(self) -> str | None:
        return self.editor.text() or None

    def _set(self, value: Any) -> None:
        self.editor.setText("" if value is None else str(value))


class LongTextEditor(FieldEditor):
    editor: QPlainTextEdit

    def _build(self) -> QWidget:
        editor = QPlainTextEdit()
        editor.setTabChangesFocus(True)  # keyboard-first: Tab leaves the box, it types no tab
        editor.textChanged.connect(self._emit)
        self.set_lines(4, editor)
        return editor

    def set_lines(self, lines: int, editor: QPlainTextEdit | None = None) -> None:
        """Room for about ``lines`` lines of text (it scrolls beyond)."""
        editor = editor or self.editor
        height = editor.fontMetrics().lineSpacing() * lines + 14
        editor.setFixedHeight(height)

    def value(self) -> str | None:
        return self.editor.toPlainText() or None

    def _set(self, value: Any) -> None:
        self.editor.setPlainText("" if value is None else str(value))


class OptionalSpinBox(QSpinBox):
    """A number that may stay empty: its minimum is "none", shown as its special value text ("–").

    Typing next to the "–" (a click put the cursor beside it) types the number, and erasing the
    number empties the field; a plain QSpinBox refuses the first and quietly puts the old number
    back for the second.
    """

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        special = self.specialValueText()
        at = text.find(special) if special and text != special else -1
        if at >= 0:  # "–35": the "–" goes, the number stays
            text = text[:at] + text[at + len(special):]
            if pos > at:
                pos = max(at, pos - len(special))
        if not text.strip():
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)

    def valueFromText(self, text: str) -> int:  # noqa: N802 — Qt's name
        if not text.strip() or text == self.specialValueText():
            return self.minimum()
        return super().valueFromText(text)


class IntEditor(FieldEditor):
    editor: QSpinBox

    def _build(self) -> QWidget:
        editor = OptionalSpinBox() if self.optional else QSpinBox()
        # Room for a slip of the keyboard, so validation can say what is wrong with it.
        editor.setRange(-1 if self.optional else 0, 9999)
        if self.optional:
            editor.setSpecialValueText("–")
            editor.setValue(-1)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        editor.setMinimumWidth(90)
        editor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        editor.valueChanged.connect(self._emit)
        return editor

    def value(self) -> int | None:
        number = self.editor.value()
        return None if self.optional and number < 0 else number

    def _set(self, value: Any) -> None:
        self.editor.setValue(value if isinstance(value, int) else (-1 if self.optional else 0))

    def _retranslate_input(self) -> None:
        self.editor.setLocale(self.locale)


class DateEditor(FieldEditor):
    editor: DateInput

    def _build(self) -> QWidget:
        editor = DateInput()
        # The clear button is for a date that may stay empty; a required one starts on today.
        editor.setClearButtonEnabled(self.optional)
        if not self.optional:
            editor.setText(date_text(today_wita()))
        editor.setMinimumWidth(130)
        editor.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        editor.textChanged.connect(self._on_text)
        editor.editingFinished.connect(self._on_finished)
        return editor

    def value(self) -> dt.date | str | None:
        return parse_date(self.editor.text())

    def _set(self, value: Any) -> None:
        if isinstance(value, dt.date):
            self.editor.setText(date_text(value))
        elif value is None and not self.optional:
            self.editor.setText(date_text(today_wita()))
        else:
            # An unreadable date from a draft stays as it was typed.
            self.editor.setText("" if value is None else str(value))

    def _on_text(self, text: str) -> None:
        # Half a date is no change yet: the form would call "17/0" unreadable at every keystroke.
        if not isinstance(parse_date(text), str):
            self._emit()

    def _on_finished(self) -> None:
        value = self.value()
        if isinstance(value, dt.date):
            self.editor.setText(date_text(value))  # 1-2-2026 → 01/02/2026: what was understood
        elif isinstance(value, str):
            self._emit()  # now the form says it cannot read it

    def _retranslate_input(self) -> None:
        self.editor.setPlaceholderText(self.tr("hh/bb/tttt"))
        self.editor.setToolTip(self.tr("Ketik hari/bulan/tahun, misalnya 17/08/2026, atau tekan "
                                       "Alt+↓ untuk memilih dari kalender."))
        self.editor.calendar_action.setToolTip(self.tr("Pilih dari kalender (Alt+↓)"))
        self.editor.calendar.setLocale(self.locale)


class TimeEditor(FieldEditor):
    """A time typed as ``19.30`` (the Indonesian way) or ``19:30``; empty means none."""

    editor: QLineEdit

    def _build(self) -> QWidget:
        editor = QLineEdit()
        editor.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"\d{0,2}([:.]\d{0,2})?"), editor))
        editor.setMaximumWidth(110)
        editor.textChanged.connect(self._emit)
        return editor

    def value(self) -> dt.time | str | None:
        return parse_time(self.editor.text())

    def _set(self, value: Any) -> None:
        if isinstance(value, dt.time):
            self.editor.setText(value.strftime("%H.%M"))
        else:
            self.editor.setText("" if value is None else str(value))

    def _retranslate_input(self) -> None:
        self.editor.setPlaceholderText(self.tr("contoh 19.30"))


class ChoiceEditor(FieldEditor):
    editor: QComboBox

    def _build(self) -> QWidget:
        editor = QComboBox()
        editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Item data is never None: PySide6 6.12 drops a reference to None each time it hands
        # back an empty QVariant (currentData() of a None item), which crashes Python later.
        editor.addItem("", "")
        assert self.spec.vocabulary is not None
        for choice in self.spec.vocabulary:
            editor.addItem(choice.label(self.lang), choice.code)
        editor.currentIndexChanged.connect(self._emit)
        return editor

    def value(self) -> str | None:
        return self.editor.currentData() or None

    def _set(self, value: Any) -> None:
        index = self.editor.findData(value) if value else 0
        self.editor.setCurrentIndex(max(index, 0))

    def set_disabled_codes(self, codes: frozenset[str], why: str = "") -> None:
        """Grey out choices that may not be picked (a chosen one stays, so it can be changed)."""
        state = (codes, why, self.editor.currentIndex())
        if state == self._disabled_state:
            return
        self._disabled_state = state
        model = self.editor.model()
        assert isinstance(model, QStandardItemModel)
        for row in range(1, self.editor.count()):
            item = model.item(row)
            off = self.editor.itemData(row) in codes
            item.setEnabled(not off or row == self.editor.currentIndex())
            item.setToolTip(why if off else "")

    def is_code_enabled(self, code: str) -> bool:
        model = self.editor.model()
        assert isinstance(model, QStandardItemModel)
        return model.item(self.editor.findData(code)).isEnabled()

    def _retranslate_input(self) -> None:
        self.editor.setItemText(0, self.tr("— pilih —"))
        assert self.spec.vocabulary is not None
        for row in range(1, self.editor.count()):
            self.editor.setItemText(row, self.spec.vocabulary.label(self.editor.itemData(row),
                                                                    self.lang))


class ChoicesEditor(FieldEditor):
    """Multi-choice: one check box per code, in columns."""

    COLUMNS = 2

    def _build(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        assert self.spec.vocabulary is not None
        for index, choice in enumerate(self.spec.vocabulary):
            check = QCheckBox(choice.label(self.lang))
            check.setObjectName(f"choice_{choice.code}")
            check.toggled.connect(self._emit)
            check.installEventFilter(self)
            grid.addWidget(check, index // self.COLUMNS, index % self.COLUMNS)
            self.boxes[choice.code] = check
        return box

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()))

    def value(self) -> tuple[str, ...]:
        return tuple(code for code, check in self.boxes.items() if check.isChecked())

    def _set(self, value: Any) -> None:
        chosen = set(value or ())
        for code, check in self.boxes.items():
            check.setChecked(code in chosen)

    def clear(self) -> None:
        for check in self.boxes.values():
            blocked = check.blockSignals(True)
            check.setChecked(False)
            check.blockSignals(blocked)

    def set_disabled_codes(self, codes: frozenset[str], why: str = "") -> None:
        state = (codes, why, self.value())
        if state == self._disabled_state:
            return
        self._disabled_state = state
        for code, check in self.boxes.items():
            off = code in codes
            check.setEnabled(not off or check.isChecked())  # a ticked one can still be unticked
            check.setToolTip(why if off else "")

    def _retranslate_input(self) -> None:
        assert self.spec.vocabulary is not None
        for code, check in self.boxes.items():
            check.setText(self.spec.vocabulary.label(code, self.lang))


class BoolEditor(FieldEditor):
    editor: QCheckBox

    def _build(self) -> QWidget:
        editor = QCheckBox()
        editor.toggled.connect(self._emit)
        return editor

    def value(self) -> bool:
        return self.editor.isChecked()

    def _set(self, value: Any) -> None:
        self.editor.setChecked(bool(value))

    def retranslate(self, lang: str) -> None:
        super().retranslate(lang)
        # The check box carries the label itself; the label above stays empty.
        self.editor.setText(self.label.text())
        self.label.hide()


def make_editor(cls: type[Record], name: str, lang: str,
                parent: QWidget | None = None) -> FieldEditor:
    """The editor for field ``name`` of ``cls``, chosen by its spec."""
    spec = field_specs(cls)[name]
    default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
    kind: type[FieldEditor] = {
        "int": IntEditor, "bool": BoolEditor, "date": DateEditor, "time": TimeEditor,
        "choice": ChoiceEditor, "choices": ChoicesEditor,
    }.get(spec.kind, TextEditor)
    if kind is TextEditor and (spec.max_length or 0) > ONE_LINE_MAX:
        kind = LongTextEditor
    optional = not spec.required and default is None
    editor = kind(name, spec, lang, optional=optional, parent=parent)
    if default not in (None, dataclasses.MISSING):
        editor.set_value(default)  # a new record starts from the record's own defaults
    return editor
