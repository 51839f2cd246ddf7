"""Rujukan masuk (an UPTD PPA laptop only): the cases referred to UPTD PPA, in full — handling
them is the UPTD's job — and a small form for the referral's status and response note, the
only things this laptop may change (the store refuses anything else).

Opening a case reads its sensitive fields through ``store.reveal``, so the audit log records
who opened which case.

The referral's status is shown as it is. ``dikirim`` is the RT's status, not an answer UPTD
gives: the choice then waits on "— pilih status —", and a note saved without a choice keeps the
status the RT knows.
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
from ui.i18n import data_language
from ui.sync.texts import value_text

__all__ = ["ANSWERS", "IncomingReferralsPage", "load_case", "load_referrals", "save_answer"]

# The status a referral is sent with (the RT's); every other status is an answer from UPTD PPA.
_SENT = next(f.default for f in dataclasses.fields(Referral) if f.name == "status")
ANSWERS: tuple[str, ...] = tuple(c for c in REFERRAL_STATUSES.codes if c != _SENT)


def load_referrals(store: Store, lang: str) -> list[dict[str, Any]]:
    """Runs on the database worker: one line per referral to UPTD PPA (no identities)."""
    rows = []
    for ref in store.list_records(Referral, where="destination = 'uptd_ppa'",
                                  order_by="referred_on DESC, id"):
        case = store.get(Incident, ref.incident_id or "")
        rows.append({"id": ref.id, "case_code": case.case_code if case else "",
                     "referred_on": value_text(Referral, "referred_on", ref.referred_on, lang),
                     "status_code": ref.status or "",
                     "status": REFERRAL_STATUSES.label(ref.status or "", data_language(lang))})
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


def save_answer(store: Store, referral_id: str, status: str | None, note: str | None,
                user: str) -> list[Change]:
    """Runs on the database worker. ``status`` None keeps the status; ``note`` None keeps the
    note, ``""`` clears it. The status date moves only with the status."""
    ref = store.get(Referral, referral_id)
    if ref is None:
        return []
    changes: dict[str, Any] = {}
    if status is not None and status != ref.status:
        changes.update(status=status, status_updated_on=today_wita())
    if note is not None and (note or None) != ref.response_note:
        changes["response_note"] = note or None
    if not changes:
        return []
    return store.save(dataclasses.replace(ref, **changes), user=user)


class IncomingReferralsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("incomingReferralsPage")
        self.ctx = ctx
        self.current_id: str | None = None
        self._status = ""  # the referral's stored status
        self.title = QLabel(self.tr("Rujukan masuk"))
        self.title.setProperty("role", "pagetitle")
        self.list = QListWidget()
        self.list.setObjectName("incomingList")
        self.list.setWordWrap(True)  # a narrow list wraps a line; it never cuts the status off
        self.list.setSpacing(3)  # two lines per referral: a gap shows which belong together
        self.list.currentItemChanged.connect(self._selected)
        self.empty = QLabel(self.tr("Belum ada kasus yang dirujuk ke UPTD PPA."))
        self.case_box = QGroupBox(self.tr("Kasus"))
        self.case_form = QFormLayout(self.case_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.case_box)
        self.current_status = QLabel()
        self.current_status.setObjectName("currentReferralStatus")
        self.status = QComboBox()
        self.status.setObjectName("referralStatus")
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
        answer_form.addRow(self.tr("Status sekarang"), self.current_status)
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
        self._show_status("")  # nothing selected: no status on show
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
            # Two short lines: the status must stay readable in a narrow list.
            line = self.tr("{0} · dirujuk {1}").format(row["status"], row["referred_on"])
            text = f"{row['case_code']}\n{line}"
            item = QListWidgetItem(text)
            item.setToolTip(text)
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            self.list.addItem(item)
            if row["id"] == keep:
                self.list.setCurrentItem(item)
                if row["status_code"] != self._status:  # answered elsewhere, or by the RT
                    self._show_status(row["status_code"])
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
        self.note.setPlainText(case["response_note"])
        self._show_status(case["status"])
        self.detail.setEnabled(True)

    # --- the status ---------------------------------------------------------------------------

    def _show_status(self, code: str) -> None:
        """The stored status as a label, and the choice on it — or, when it is not an answer
        UPTD gives (``dikirim``, or nothing selected), on "— pilih status —"."""
        self._status = code
        lang = data_language(self.ctx.lang)
        self.current_status.setText(REFERRAL_STATUSES.label(code, lang) if code else "")
        self.status.clear()
        if code not in ANSWERS:
            self.status.addItem(self.tr("— pilih status —"), None)
        for answer in ANSWERS:
            self.status.addItem(REFERRAL_STATUSES.label(answer, lang), answer)
        self.status.setCurrentIndex(self.status.findData(code) if code in ANSWERS else 0)

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        if self.current_id is None:
            return
        referral_id, user, lang = self.current_id, self.ctx.user_name, self.ctx.lang
        status: str | None = self.status.currentData()  # None: "— pilih status —"
        note = self.note.toPlainText().strip()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda s: save_answer(s, referral_id, status, note, user),
                       success=lambda changes: self._saved(changes, referral_id, status),
                       failure=lambda exc: self._save_failed(error_text(exc, lang)))

    def _saved(self, changes: list[Change], referral_id: str, status: str | None) -> None:
        self.save_button.setEnabled(True)
        if referral_id != self.current_id:
            return
        changed = {name for change in changes for name in change.fields}
        if not changed:
            self.message.setText(self.tr(
                "Belum ada yang diubah: pilih status atau tulis catatan tanggapan."))
        elif status is not None and "status" in changed:
            self._show_status(status)
            self.message.setText(self.tr("Tanggapan disimpan; dikirim ke server saat terhubung."))
        else:
            self.message.setText(self.tr(
                "Catatan disimpan dan dikirim ke server saat terhubung; status rujukan tetap "
                "{0}.").format(self.current_status.text()))

    def _save_failed(self, text: str) -> None:
        self.save_button.setEnabled(True)
        self.message.setText(text)
