"""The offer, after signing in, to bring back forms left unfinished (a crash, a power cut, or
another volunteer taking over the laptop): a banner above the page, never a modal box.

Drafts belong to one local user: the banner only ever lists the signed-in user's own drafts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

__all__ = ["DraftBanner", "parse_form_key"]


def parse_form_key(form_key: str) -> tuple[str, str | None]:
    """``"parenting_session:new:<uuid>"`` → ``("parenting_session", None)``;
    ``"incident:<id>"`` → ``("incident", "<id>")``."""
    record_type, _, rest = form_key.partition(":")
    if not rest or rest.startswith("new:") or rest == "new":
        return record_type, None
    return record_type, rest


class DraftBanner(QFrame):
    restore = Signal(list)  # the drafts (dicts from Store.drafts)
    discard = Signal(list)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("draftBanner")
        self.setProperty("role", "banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel()
        self.text.setObjectName("draftBannerText")
        self.text.setWordWrap(True)
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restoreDrafts")
        self.discard_button = QPushButton()
        self.discard_button.setObjectName("discardDrafts")
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore_button)
        layout.addWidget(self.discard_button)
        self.drafts: list[dict[str, Any]] = []
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.restore_button.setText(self.tr("Pulihkan"))
        self.discard_button.setText(self.tr("Buang"))
        self._show_text()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def offer(self, drafts: list[dict[str, Any]]) -> None:
        self.drafts = list(drafts)
        self._show_text()
        self.setVisible(bool(self.drafts))

    def clear(self) -> None:
        self.offer([])

    def _show_text(self) -> None:
        n = len(self.drafts)
        if n == 1:
            self.text.setText(self.tr(
                "Ada 1 isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, "
                "atau buang jika tidak diperlukan lagi."))
        else:
            self.text.setText(self.tr(
                "Ada {0} isian yang belum selesai dari sebelumnya. Pulihkan untuk melanjutkan, "
                "atau buang jika tidak diperlukan lagi.").format(n))

    def _restore(self) -> None:
        drafts, self.drafts = self.drafts, []
        self.setVisible(False)
        self.restore.emit(drafts)

    def _discard(self) -> None:
        drafts, self.drafts = self.drafts, []
        self.setVisible(False)
        self.discard.emit(drafts)
