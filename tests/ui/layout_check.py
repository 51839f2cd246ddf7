"""Layout checks shared by the pseudo-locale tests (tests/ui/test_ui_forms_layout.py,
tests/ui/test_ui_shell_i18n.py): which visible texts the layout cut short."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons whose text needs more room than the layout gave them."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                need, have = widget.heightForWidth(widget.width()), widget.height()
            else:
                need, have = widget.sizeHint().width(), widget.width()
        elif isinstance(widget, QAbstractButton) and widget.text():
            need, have = widget.sizeHint().width(), widget.width()
        else:
            continue
        if need > have + 1:
            problems.append(f"{type(widget).__name__} {widget.objectName() or ''}"
                            f" {widget.text()!r}: needs {need}, has {have}")
    return problems


def settle() -> None:
    """Let posted layout requests run (a few rounds: one layout can post another)."""
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()
