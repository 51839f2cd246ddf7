"""Rujukan masuk (an UPTD PPA laptop only): the cases referred to UPTD PPA, in full — handling
them is the UPTD's job — and a small form for the referral's status and response note, the
only things this laptop may change (the store refuses anything else).

Opening a case reads its sensitive fields through ``store.reveal``, so the audit log records
who opened which case.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.enums import REFERRAL_STATUSES
from rt_desktop.records import Incident, Referral, field_specs, sensitive_fields
from rt_desktop.store.store import Change, Store
from rt_desktop.validation import today_wita
from ui.accounts import error_text
from ui.context import AppContext
from ui.sync.texts import value_text

__all__ = ["IncomingReferralsPage", "load_case", "load_referrals"]

ANSWERS = ("diterima", "ditolak", "selesai")


def load_referrals(store: Store, lang: str) -> list[dict[str, Any]]:
    """Runs on the database worker: one line per referral to UPTD PPA (no identities)."""
    rows = []
    for ref in store.list_records(Referral, where="destination = 'uptd_ppa'",
                                  order_by="referred_on DESC, id"):
        case = store.get(Incident, ref.incident_id or "")
        rows.append({"id": ref.id, "case_code": case.case_code if case else "",
                     "referred_on": value_text(Referral, "referred_on", ref.referred_on, lang),
                     "status": REFERRAL_STATUSES.label(ref.status or "", lang)})
    return rows


def load_case(store: Store, referral_id: str, user: str, lang: str) -> dict[str, Any]:
    """Runs on the database worker: the referral and its case in full (audited reveal)."""
    ref = store.get(Referral, referral_id)
    if ref is None:
        return {}
    ref_values = store.reveal(Referral, referral_id, sorted(sensitive_fields(Referral)),
                              user=user)
    case = store.get(Incident, ref.incident_id or "")
    fields: list[tuple[str, str]] = []
    if case is not None:
        revealed = store.reveal(Incident, case.id, sorted(sensitive_fields(Incident)),
                                user=user)
        for name, spec in field_specs(Incident).items():
            value = revealed[name] if name in revealed else getattr(case, name)
            fields.append((spec.label(lang), value_text(Incident, name, value, lang)))
    return {"id": ref.id, "status": ref.status or "",
            "response_note": ref_values.get("response_note") or "",
            "service": value_text(Referral, "uptd_service", ref.uptd_service, lang),
            "fields": fields}


def save_answer(store: Store, referral_id: str, status: str, note: str,
                user: str) -> list[Change]:
    ref = store.get(Referral, referral_id)
    if ref is None:
        return []
    return store.save(dataclasses.replace(ref, status=status, response_note=note or None,
                                          status_updated_on=today_wita()), user=user)


class IncomingReferralsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("incomingReferralsPage")
        self.ctx = ctx
        self.current_id: str | None = None
        self.title = QLabel(self.tr("Rujukan masuk"))
        self.title.setProperty("role", "pagetitle")
        self.list = QListWidget()
        self.list.setObjectName("incomingList")
        self.list.currentItemChanged.connect(self._selected)
        self.empty = QLabel(self.tr("Belum ada kasus yang dirujuk ke UPTD PPA."))
        self.case_box = QGroupBox(self.tr("Kasus"))
        self.case_form = QFormLayout(self.case_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.case_box)
        self.status = QComboBox()
        self.status.setObjectName("referralStatus")
        for code in ANSWERS:
            self.status.addItem(REFERRAL_STATUSES.label(code, ctx.lang), code)
        self.note = QPlainTextEdit()
        self.note.setObjectName("referralNote")
        self.note.setMaximumHeight(110)
        self.save_button = QPushButton(self.tr("Simpan tanggapan"))
        self.save_button.setObjectName("saveReferral")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setObjectName("referralMessage")
        self.message.setWordWrap(True)
        answer = QGroupBox(self.tr("Tanggapan UPTD PPA"))
        answer_form = QFormLayout(answer)
        answer_form.addRow(self.tr("Status rujukan"), self.status)
        answer_form.addRow(self.tr("Catatan tanggapan"), self.note)
        answer_form.addRow("", self.save_button)
        answer_form.addRow("", self.message)
        self.detail = QWidget()
        right = QVBoxLayout(self.detail)
        right.addWidget(scroll, 1)
        right.addWidget(answer)
        self.detail.setEnabled(False)
        left = QVBoxLayout()
        left.addWidget(self.empty)
        left.addWidget(self.list, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.detail, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(body, 1)
        ctx.operation_done.connect(lambda _changes: self.refresh())

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        if self.ctx.unlocked is None or not self.isVisible():
            return
        lang = self.ctx.lang
        self.ctx.run_db(lambda s: load_referrals(s, lang), success=self.set_rows,
                        failure=lambda exc: self.message.setText(error_text(exc, lang)))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        keep = self.current_id
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            item = QListWidgetItem(self.tr("{0} · dirujuk {1} · {2}").format(
                row["case_code"], row["referred_on"], row["status"]))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.list.addItem(item)
            if row["id"] == keep:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not rows)

    def _selected(self, item: QListWidgetItem | None, _previous: Any = None) -> None:
        if item is None:
            return
        referral_id = item.data(Qt.ItemDataRole.UserRole)
        user, lang = self.ctx.user_name, self.ctx.lang
        self.message.setText("")
        self.ctx.run_db(lambda s: load_case(s, referral_id, user, lang), success=self.show_case,
                        failure=lambda exc: self.message.setText(error_text(exc, lang)))

    def show_case(self, case: dict[str, Any]) -> None:
        while self.case_form.rowCount():
            self.case_form.removeRow(0)
        if not case:
            self.detail.setEnabled(False)
            return
        self.current_id = case["id"]
        self.case_form.addRow(self.tr("Layanan yang dibutuhkan"), QLabel(case["service"]))
        for label, text in case["fields"]:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.case_form.addRow(label, value)
        index = self.status.findData(case["status"])
        self.status.setCurrentIndex(max(index, 0))
        self.note.setPlainText(case["response_note"])
        self.detail.setEnabled(True)

    def save(self) -> None:
        if self.current_id is None:
            return
        referral_id, user, lang = self.current_id, self.ctx.user_name, self.ctx.lang
        status, note = self.status.currentData(), self.note.toPlainText().strip()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda s: save_answer(s, referral_id, status, note, user),
                       success=self._saved,
                       failure=lambda exc: self._save_failed(error_text(exc, lang)))

    def _saved(self, _changes: list[Change]) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(self.tr("Tanggapan disimpan; dikirim ke server saat terhubung."))

    def _save_failed(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(text)
