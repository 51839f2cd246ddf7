"""Rujukan masuk (an UPTD PPA laptop only): the cases referred to UPTD PPA, in full — handling
them is the UPTD's job — and a small form for the referral's status and response note, the
only things this laptop may change (the store refuses anything else).

What may identify a person is masked as in the Kasus form (ui/forms/masking.py): the case's
sensitive fields and the response note reach the screen only through "Tampilkan", which reads
them with ``store.reveal`` so the audit log records who opened which case; locking the app masks
them again. Saving while the note is masked changes the status only.

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
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from rt_desktop.enums import REFERRAL_STATUSES
from rt_desktop.records import Incident, Referral, field_specs, sensitive_fields
from rt_desktop.store.store import Change, Store
from rt_desktop.validation import today_wita
from ui.accounts import error_text
from ui.context import AppContext
from ui.forms.fields import MASK, make_editor
from ui.i18n import data_language
from ui.sync.texts import value_text

__all__ = ["ANSWERS", "IncomingReferralsPage", "load_case", "load_referrals", "reveal_case",
           "save_answer"]

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


def load_case(store: Store, referral_id: str, lang: str) -> dict[str, Any]:
    """Runs on the database worker: the referral and its case, each sensitive field's text
    ``None`` (masked until :func:`reveal_case`); nothing sensitive is read, so nothing is
    audited."""
    ref = store.get(Referral, referral_id)
    if ref is None:
        return {}
    case = store.get(Incident, ref.incident_id or "")
    hidden = sensitive_fields(Incident)
    fields: list[tuple[str, str, str | None]] = []
    if case is not None:
        for name, spec in field_specs(Incident).items():
            text = None if name in hidden else value_text(Incident, name, getattr(case, name),
                                                          lang)
            fields.append((name, spec.label(data_language(lang)), text))
    return {"id": ref.id, "incident_id": case.id if case else None, "status": ref.status or "",
            "service": value_text(Referral, "uptd_service", ref.uptd_service, lang),
            "fields": fields}


def reveal_case(store: Store, referral_id: str, incident_id: str | None, user: str,
                lang: str) -> dict[str, Any]:
    """Runs on the database worker: "Tampilkan" — the masked values, each record's reveal
    written to the audit log (field names, never values)."""
    note = store.reveal(Referral, referral_id, ["response_note"], user=user)["response_note"]
    fields: dict[str, str] = {}
    if incident_id:
        values = store.reveal(Incident, incident_id, sorted(sensitive_fields(Incident)),
                              user=user)
        fields = {name: value_text(Incident, name, value, lang) for name, value in values.items()}
    return {"id": referral_id, "fields": fields, "response_note": note or ""}


def save_answer(store: Store, referral_id: str, status: str | None, note: str | None,
                user: str) -> list[Change]:
    """Runs on the database worker. ``status`` None keeps the status; ``note`` None keeps the
    note (it was masked, so the officer did not see it: never overwrite it); ``""`` clears it.
    The status date moves only with the status."""
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
        self._incident_id: str | None = None
        self._status = ""                     # the referral's stored status
        self._secrets: dict[str, QLabel] = {}  # masked field → the label showing it
        self._revealed_by: str | None = None   # who pressed "Tampilkan"; None while masked
        self._shown_note: str | None = None    # the stored note as revealed
        self._stash: tuple[str, str] | None = None  # (user, unsaved note) masked by a lock
        self.title = QLabel(self.tr("Rujukan masuk"))
        self.title.setProperty("role", "pagetitle")
        self.list = QListWidget()
        self.list.setObjectName("incomingList")
        self.list.setWordWrap(True)  # a narrow list wraps a line; it never cuts the status off
        self.list.setSpacing(3)  # two lines per referral: a gap shows which belong together
        self.list.currentItemChanged.connect(self._selected)
        self.empty = QLabel(self.tr("Belum ada kasus yang dirujuk ke UPTD PPA."))
        self.reveal_button = QPushButton(self.tr("Tampilkan"))
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.setToolTip(self.tr("Tampilkan data rahasia (tercatat di log)"))
        self.reveal_button.clicked.connect(self.reveal)
        self.reveal_hint = QLabel(self.tr(
            "Nama, kontak, alamat, kronologi, catatan tanggapan, dan catatan lain yang dapat "
            "mengenali orang disembunyikan ({0}). Tekan “Tampilkan” untuk melihatnya atau "
            "menulis catatan; setiap kali dibuka tercatat.").format(MASK))
        self.reveal_hint.setObjectName("revealHint")
        self.reveal_hint.setWordWrap(True)
        self.case_box = QGroupBox(self.tr("Kasus"))
        self.case_form = QFormLayout(self.case_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.case_box)
        self.current_status = QLabel()
        self.current_status.setObjectName("currentReferralStatus")
        self.status = QComboBox()
        self.status.setObjectName("referralStatus")
        self.note_field = make_editor(Referral, "response_note", ctx.lang)
        self.note = self.note_field.editor
        self.note.setObjectName("referralNote")
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
        answer_form.addRow(self.note_field)
        answer_form.addRow("", self.save_button)
        answer_form.addRow("", self.message)
        self.detail = QWidget()
        right = QVBoxLayout(self.detail)
        reveal_row = QHBoxLayout()
        reveal_row.addWidget(self.reveal_hint, 1)
        reveal_row.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(reveal_row)
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
        self._show_masked()
        ctx.operation_done.connect(lambda _changes: self.refresh())
        # Locking the app (the shell announces it with an empty user name) hides secrets again.
        ctx.user_changed.connect(self._user_changed)

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
        lang = self.ctx.lang
        self.message.setText("")
        self.ctx.run_db(lambda s: load_case(s, referral_id, lang), success=self.show_case,
                        failure=lambda exc: self.message.setText(error_text(exc, lang)))

    def show_case(self, case: dict[str, Any]) -> None:
        if not isValid(self):
            return
        while self.case_form.rowCount():
            self.case_form.removeRow(0)
        self._secrets = {}
        self._revealed_by, self._shown_note, self._stash = None, None, None
        if not case:
            self.current_id = self._incident_id = None
            self._show_status("")
            self._show_masked()
            self.detail.setEnabled(False)
            return
        self.current_id, self._incident_id = case["id"], case["incident_id"]
        self.case_form.addRow(self.tr("Layanan yang dibutuhkan"), QLabel(case["service"]))
        for name, label, text in case["fields"]:
            value = QLabel(MASK if text is None else text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if text is None:
                self._secrets[name] = value
            self.case_form.addRow(label, value)
        self.note_field.set_masked(True)
        self._show_status(case["status"])
        self._show_masked()
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

    # --- masking (as RecordForm does it, ui/forms/masking.py) ---------------------------------

    def masked_fields(self) -> list[str]:
        """The case's fields now masked (the Kasus form's ``masked_fields``)."""
        return list(self._secrets) if self._revealed_by is None else []

    def _show_masked(self) -> None:
        masked = self.current_id is not None and self._revealed_by is None
        self.reveal_button.setVisible(masked)
        self.reveal_button.setEnabled(True)
        self.reveal_hint.setVisible(masked)

    def reveal(self) -> None:
        """"Tampilkan": read the masked values (audited) and show them."""
        if self.current_id is None or self._revealed_by is not None:
            return
        referral_id, incident_id = self.current_id, self._incident_id
        user, lang = self.ctx.user_name, self.ctx.lang
        self.reveal_button.setEnabled(False)
        self.ctx.run_db(lambda s: reveal_case(s, referral_id, incident_id, user, lang),
                        success=lambda values: self._revealed(values, user),
                        failure=self._reveal_failed)

    def _revealed(self, values: dict[str, Any], user: str) -> None:
        if not isValid(self) or values["id"] != self.current_id:
            return  # another case was selected meanwhile
        for name, text in values["fields"].items():
            if name in self._secrets:
                self._secrets[name].setText(text)
        self._shown_note = values["response_note"]
        self.note_field.set_masked(False)
        self.note_field.set_value(self._shown_note)
        if self._stash is not None and self._stash[0] == user:
            self.note_field.set_value(self._stash[1])  # typed before the lock: back again
        self._stash = None
        self._revealed_by = user
        self._show_masked()

    def _reveal_failed(self, exc: BaseException) -> None:
        if isValid(self):
            self.reveal_button.setEnabled(True)
            self.message.setText(error_text(exc, self.ctx.lang))

    def mask_sensitive(self) -> None:
        """Hide every revealed value again; a note typed and not saved is kept aside."""
        if self._revealed_by is None:
            return
        typed = self.note_field.value() or ""
        if typed != (self._shown_note or ""):
            self._stash = (self._revealed_by, typed)
        for label in self._secrets.values():
            label.setText(MASK)
        self.note_field.set_masked(True)
        self._shown_note, self._revealed_by = None, None
        self._show_masked()

    def _user_changed(self, name: str) -> None:
        if isValid(self) and name != self._revealed_by:
            self.mask_sensitive()

    # --- saving -------------------------------------------------------------------------------

    def save(self) -> None:
        if self.current_id is None:
            return
        referral_id, user, lang = self.current_id, self.ctx.user_name, self.ctx.lang
        status: str | None = self.status.currentData()  # None: "— pilih status —"
        note = None if self.note_field.masked else (self.note_field.value() or "").strip()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda s: save_answer(s, referral_id, status, note, user),
                       success=lambda changes: self._saved(changes, referral_id, status, note),
                       failure=lambda exc: self._save_failed(error_text(exc, lang)))

    def _saved(self, changes: list[Change], referral_id: str, status: str | None,
               note: str | None) -> None:
        self.save_button.setEnabled(True)
        if referral_id != self.current_id:
            return
        changed = {name for change in changes for name in change.fields}
        if note is not None and "response_note" in changed:
            self._shown_note = note
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
