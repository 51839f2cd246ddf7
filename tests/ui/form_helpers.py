"""Driving a form the way a volunteer does: open it, pick from a list, tick a box."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from ui.context import AppContext

F = TypeVar("F", bound=QWidget)


def show_form(qtbot, form_cls: type[F], ctx: AppContext, record_id: str | None = None) -> F:
    """Open a form as the main window would, and wait until it is loaded and active."""
    form = form_cls(ctx, record_id)
    qtbot.addWidget(form)
    form.resize(1000, 900)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: not form.is_loading and QApplication.activeWindow() is form)
    return form


def choose(qtbot, combo: QComboBox, label: str, code: str) -> None:
    """Pick a choice with the keyboard (Home, then Down until it is there)."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == code:
            break
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == code
    assert combo.currentText().startswith(label)


def tick(qtbot, check: QCheckBox) -> None:
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))


def shown_text(widget: QWidget, *, visible_only: bool = False) -> str:
    """Every text a person could read in the widget (labels, inputs, buttons, the chosen entry);
    ``visible_only``: only what is on screen now."""
    parts = []
    for child in widget.findChildren(QWidget):
        if visible_only and not child.isVisibleTo(widget):
            continue
        if isinstance(child, QLabel | QLineEdit | QAbstractButton):
            parts.append(child.text())
        elif isinstance(child, QPlainTextEdit):
            parts.append(child.toPlainText())
        elif isinstance(child, QComboBox):
            parts.append(child.currentText())
    return "\n".join(parts)
