"""What the legal guardrails put on screen: the emergency contacts banner (risk tinggi/darurat)
and the one-sentence reason why sexual violence is never settled at the RT.

The rules themselves live in :mod:`rt_desktop.guardrails`; these widgets only show its words
and the contacts of :mod:`rt_desktop.contacts`.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from rt_desktop import guardrails
from rt_desktop.contacts import DEFAULT_CONTACTS, Contact
from ui.i18n import data_language

__all__ = ["EmergencyBanner", "SexualViolenceNotice"]


class EmergencyBanner(QFrame):
    """Shown at once when the risk is tinggi or darurat: who to call, now."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("emergencyBanner")
        self.setStyleSheet("#emergencyBanner { background: #fdecea; border: 2px solid #b3261e;"
                           " border-radius: 4px; } #emergencyBanner QLabel { color: #5f1410; }")
        self.lang = lang
        self.contacts: list[Contact] = list(DEFAULT_CONTACTS)
        # A laptop that only reads the case (a coordinator's, UPTD PPA's): it checks that the
        # RT acted, it does not act itself.
        self.watching = False
        self.heading = QLabel()
        self.heading.setObjectName("emergencyHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.lines = QLabel()
        self.lines.setObjectName("emergencyContacts")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines)
        self.hide()
        self.retranslate(lang)

    def set_contacts(self, contacts: list[Contact]) -> None:
        self.contacts = list(contacts)
        self.retranslate(self.lang)

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.lines.text()}"

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.heading.setText(self.tr(
            "Risiko tinggi atau darurat: pastikan relawan RT sudah menghubungi layanan ini dan "
            "mencatat rujukannya.") if self.watching else self.tr(
            "Risiko tinggi atau darurat: hubungi layanan ini sekarang, lalu catat rujukannya."))
        rows = []
        for contact in self.contacts:
            ways = []
            if contact.phone:
                ways.append(self.tr("telepon {0}").format(escape(contact.phone)))
            if contact.whatsapp:
                ways.append(self.tr("WhatsApp {0}").format(escape(contact.whatsapp)))
            note = contact.note_for(data_language(lang))
            parts = [f"<b>{escape(contact.name)}</b>"]
            if ways:
                parts.append(" · ".join(ways))
            if note:
                parts.append(escape(note))
            rows.append(" — ".join(parts))
        self.lines.setText("<br>".join(rows))


class SexualViolenceNotice(QLabel):
    """The guardrail's own sentence: why mediation and closing at the RT are not offered."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("sexualViolenceNotice")
        self.setWordWrap(True)
        self.setStyleSheet("#sexualViolenceNotice { background: #fff4e5; border-left: 4px solid "
                           "#e0a040; padding: 6px; color: #4a3000; }")
        self.hide()
        self.retranslate(lang)

    def retranslate(self, lang: str) -> None:
        self.setText(guardrails.explain_sexual_violence_rule(data_language(lang)))
