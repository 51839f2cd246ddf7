"""The record's sync state in a form's header: icon and words from ui/sync_state.py (shared with
the lists, so a state looks the same everywhere). A record never saved shows nothing."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.sync_state import sync_state_icon, sync_state_label

__all__ = ["SyncBadge"]


class SyncBadge(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("syncBadge")
        self.state: str | None = None
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setObjectName("syncStateText")
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.icon)
        row.addWidget(self.text)
        self.hide()

    def set_state(self, state: str | None) -> None:
        self.state = state
        self.retranslate()

    def retranslate(self) -> None:
        if self.state is None:
            self.hide()
            return
        self.icon.setPixmap(sync_state_icon(self.state).pixmap(16, 16))
        self.text.setText(sync_state_label(self.state))
        self.show()
