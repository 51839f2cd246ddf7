"""Kasus mikro: every field of an Incident in plain sections, its referrals (saved with it) and
its append-only follow-up notes, with the legal guardrails shown where they apply.

The guardrails are asked, never re-encoded: :mod:`rt_desktop.guardrails` says which options are
forbidden for sexual violence and why, whether a referral is required, and (through validation)
what a referral still lacks.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QVBoxLayout, QWidget

from rt_desktop import enums, guardrails
from rt_desktop.contacts import emergency_contacts
from rt_desktop.problems import Problem
from rt_desktop.records import FollowUp, Incident, Record, Referral, sensitive_fields
from rt_desktop.store.store import Change, Store
from rt_desktop.validation import ValidationContext, today_wita, validate_record
from ui.context import AppContext
from ui.forms.base import RecordForm
from ui.forms.followups import FollowUpTimeline
from ui.forms.guardrail_banner import EmergencyBanner, SexualViolenceNotice
from ui.forms.referral_section import ReferralSection
from ui.forms.support import build_record, stripped
from ui.i18n import data_language
from ui.reports.letter_button import attach_letter_buttons

__all__ = ["IncidentForm"]

# Section → its fields, as (name, row, column, column span).
_SECTIONS: dict[str, tuple[tuple[str, int, int, int], ...]] = {
    "laporan": (("reported_on", 0, 0, 1), ("report_source", 1, 0, 1),
                ("report_channel", 1, 1, 1)),
    "korban": (("victim_name", 0, 0, 1), ("victim_contact", 0, 1, 1),
               ("victim_guardian_name", 1, 0, 1), ("victim_sex", 1, 1, 1),
               ("victim_age", 2, 0, 1), ("victim_age_group", 2, 1, 1),
               ("victim_category", 3, 0, 1), ("victim_disability", 3, 1, 1),
               ("victim_address", 4, 0, 2), ("victim_disability_note", 5, 0, 2)),
    "terlapor": (("perpetrator_relationship", 0, 0, 1), ("perpetrator_sex", 0, 1, 1),
                 ("perpetrator_age_estimate", 1, 0, 1), ("perpetrator_name", 1, 1, 1)),
    "kejadian": (("occurred_on", 0, 0, 1), ("occurred_precision", 0, 1, 1),
                 ("place", 1, 0, 1), ("violence_types", 2, 0, 2),
                 ("violence_other", 4, 0, 2), ("sexual_violence_forms", 5, 0, 2),
                 ("exploitation_sexual", 6, 0, 1), ("trafficking_sexual", 6, 1, 1),
                 ("chronology", 7, 0, 2)),
    "risiko": (("risk_level", 0, 0, 1), ("consent_by", 1, 0, 2)),
    "penanganan": (("rt_handling", 0, 0, 2), ("rt_handling_note", 1, 0, 2)),
    "status": (("status", 0, 0, 1), ("closing_reason", 0, 1, 1), ("closing_note", 1, 0, 2)),
}
# What the guardrails look at: a change here may enable, disable or require something.
_GUARDRAIL_INPUTS = frozenset({"violence_types", "sexual_violence_forms", "exploitation_sexual",
                               "trafficking_sexual", "risk_level", "status", "closing_reason",
                               "rt_handling"})
# Fields whose forbidden choices a guardrail names, and the guardrail that names them.
_FORBIDDEN: tuple[tuple[str, Callable[[Incident], frozenset[str]]], ...] = (
    ("rt_handling", guardrails.forbidden_rt_handling),
    ("closing_reason", guardrails.forbidden_closing_reasons),
    ("status", guardrails.forbidden_statuses),
)


class IncidentForm(RecordForm):
    RECORD_CLASS = Incident

    def __init__(self, ctx: AppContext, record_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(ctx, record_id, parent)
        self.banner.retranslate(ctx.lang)
        # The UPTD PPA number the server sent, if any; SAPA 129 is shown meanwhile.
        ctx.run_db(lambda s: emergency_contacts(s.meta), success=self._got_contacts,
                   failure=lambda _: None)

    # --- building -----------------------------------------------------------------------------

    def build_fields(self) -> None:
        lang = self.ctx.lang
        self.banner = EmergencyBanner(lang)
        self._outer.insertWidget(1, self.banner)  # under the title: visible wherever one is
        self.boxes: dict[str, QGroupBox] = {}
        for key, fields in _SECTIONS.items():
            box, grid = self.add_section()
            self.boxes[key] = box
            for name, row, col, span in fields:
                self.add_field(name, grid, row, col, span)
            if key == "penanganan":
                self.fields["rt_handling"].label.hide()  # the section's title says it
            if key == "kejadian":
                self.sexual_notice = SexualViolenceNotice(lang)
                grid.addWidget(self.sexual_notice, 3, 0, 1, 2)
        self.referrals = ReferralSection(lang)
        self.referrals.changed.connect(self._on_referrals_changed)
        self.referrals.submitted.connect(self.save)
        self.boxes["rujukan"] = self._wrap(self.referrals)
        self.timeline = FollowUpTimeline(self.ctx)
        self.timeline.changed.connect(self._on_timeline_changed)
        self.timeline.added.connect(self._on_note_added)
        self.boxes["tindak_lanjut"] = self._wrap(self.timeline)
        self.fields["chronology"].set_lines(8)  # type: ignore[attr-defined]
        self.fields["victim_address"].set_lines(2)  # type: ignore[attr-defined]
        self.body.addStretch(1)

    def _wrap(self, widget: QWidget) -> QGroupBox:
        box = QGroupBox()
        QVBoxLayout(box).addWidget(widget)
        self.body.addWidget(box)
        return box

    def retranslate_form(self) -> None:
        code = self._loaded.case_code
        if self.record_id is None:
            self.title.setText(self.tr("Kasus baru"))
            self.subtitle.setText(self.tr("Kode kasus dibuat otomatis saat pertama disimpan."))
        else:
            self.title.setText(self.tr("Kasus {0}").format(code or ""))
            self.subtitle.setText(self.tr("Kode kasus dibuat otomatis; tidak dapat diubah."))
        titles = {
            "laporan": self.tr("Laporan"), "korban": self.tr("Korban"),
            "terlapor": self.tr("Terlapor"), "kejadian": self.tr("Kejadian"),
            "risiko": self.tr("Risiko dan persetujuan"), "penanganan": self.tr("Penanganan di RT"),
            "status": self.tr("Status"), "tindak_lanjut": self.tr("Catatan tindak lanjut"),
        }
        incident = self.current_record()
        assert isinstance(incident, Incident)
        titles["rujukan"] = (self.tr("Rujukan — wajib untuk kasus ini")
                             if guardrails.requires_referral(incident) else self.tr("Rujukan"))
        for key, box in self.boxes.items():
            box.setTitle(titles[key])
        lang = self.ctx.lang
        self.banner.watching = self.read_only
        self.banner.retranslate(lang)
        self.sexual_notice.retranslate(lang)
        self.referrals.retranslate(lang)
        self.timeline.retranslate(lang)
        self.timeline.set_incident(self.record_id)

    def _got_contacts(self, contacts: list) -> None:
        self.banner.set_contacts(contacts)

    # --- what follows what --------------------------------------------------------------------

    def update_dependents(self, changed: str | None = None) -> None:
        if changed == "victim_age":
            self._suggest_from_age()
        if changed in (None, "violence_types"):
            self.set_active("violence_other", "lainnya" in self.field_value("violence_types"))
        if changed in (None, "victim_disability"):
            self.set_active("victim_disability_note", bool(self.field_value("victim_disability")))
        if changed in (None, "status"):
            closed = self.field_value("status") == "selesai"
            self.set_active("closing_reason", closed)
            self.set_active("closing_note", closed)
        if changed is None or changed in _GUARDRAIL_INPUTS:
            self._apply_guardrails()

    def _suggest_from_age(self) -> None:
        age = self.field_value("victim_age")
        if age is None or age < 0:
            return
        self.fields["victim_age_group"].set_value(enums.age_group_for(age))
        category = self.field_value("victim_category")
        if age < 18:
            self.fields["victim_category"].set_value("anak")
        elif category in (None, "anak"):
            self.fields["victim_category"].set_value("perempuan_dewasa")

    def _apply_guardrails(self) -> None:
        incident = self.current_record()
        assert isinstance(incident, Incident)
        why = guardrails.explain_sexual_violence_rule(data_language(self.ctx.lang))
        sexual = guardrails.is_sexual_violence(incident)
        if sexual and not self.sexual_notice.isVisibleTo(self):
            # Whatever was already chosen there must now say what is wrong with it.
            self._touched.update(name for name, _ in _FORBIDDEN)
        for name, forbidden in _FORBIDDEN:
            self.fields[name].set_disabled_codes(forbidden(incident), why)  # type: ignore
        self.referrals.set_forbidden_services(guardrails.forbidden_uptd_services(incident), why)
        high = incident.risk_level in guardrails.HIGH_RISK_LEVELS
        for widget, show in ((self.sexual_notice, sexual), (self.banner, high)):
            if widget.isVisibleTo(self) != show:
                widget.setVisible(show)
        title = (self.tr("Rujukan — wajib untuk kasus ini")
                 if guardrails.requires_referral(incident) else self.tr("Rujukan"))
        if self.boxes["rujukan"].title() != title:
            self.boxes["rujukan"].setTitle(title)

    # --- validation ---------------------------------------------------------------------------

    def validation_context(self, record: Record) -> ValidationContext:
        return ValidationContext(today=today_wita(), referrals=self._all_referrals())

    def _all_referrals(self) -> list[Referral]:
        return [*self.referrals.new_referrals(), *self.referrals.stored_for_validation()]

    def extra_problems(self, record: Record) -> list[Problem]:
        assert isinstance(record, Incident)
        context = ValidationContext(today=today_wita(), incident=record)
        problems: list[Problem] = []
        for index, referral in enumerate(self.referrals.new_referrals()):
            # The store links a new referral to its case when both are saved together.
            problems += [dataclasses.replace(p, field=f"referrals.{index}.{p.field}")
                         for p in validate_record(referral, context).problems
                         if p.field != "incident_id"]
        return problems

    def _focus_first_problem(self) -> None:
        super()._focus_first_problem()
        if self.focusWidget() is None or not any(e.messages() for e in self.fields.values()):
            for editor in self.referrals.editors:
                for field in editor.fields.values():
                    if field.messages():
                        field.focus_widget().setFocus()
                        self.scroll.ensureWidgetVisible(field)
                        return

    def show_other_problems(self, problems: list[Problem]) -> None:
        lang = data_language(self.ctx.lang)
        self.referrals.show_problems([p for p in problems if p.field.startswith("referrals.")],
                                     self._show_all)
        needs = [p.message(lang) for p in problems if p.field == "referral"]
        if not needs:
            needs = self._referral_reminder()
        self.referrals.set_required("\n".join(needs) or None)

    def _referral_reminder(self) -> list[str]:
        """Said at once, even while the case is still "baru": what the guardrail will require
        once the case moves on (its own words)."""
        incident = self.current_record()
        assert isinstance(incident, Incident)
        if not guardrails.requires_referral(incident):
            return []
        moved_on = dataclasses.replace(incident, status="dirujuk")
        lang = data_language(self.ctx.lang)
        return [p.message(lang) for p in guardrails.check_incident(moved_on, self._all_referrals())
                if p.field == "referral"]

    def _on_referrals_changed(self) -> None:
        if not self._quiet:
            self.changed()

    def _on_timeline_changed(self) -> None:
        if not self._quiet and not self._loading:
            self._draft_timer.start()

    def _on_note_added(self, changes: list[Change]) -> None:
        self._draft_timer.start()  # the mini-form is empty again: the draft follows
        self.saved.emit(changes)

    # --- loading and saving -------------------------------------------------------------------

    @staticmethod
    def load_extra(store: Store, record: Record) -> dict[str, Any]:
        referrals = store.list_records(Referral, where="incident_id = ?", params=[record.id],
                                       order_by="referred_on DESC, created_at DESC")
        return {"referrals": [stripped(r) for r in referrals],
                "follow_ups": FollowUpTimeline.load(store, record.id)}

    def set_read_only(self, *, identity_absent: bool = False, notes_absent: bool = False) -> None:
        """Also nothing to add: no "Catatan baru", "Tambah rujukan" or "Cetak surat rujukan"
        (greyed out, they only looked like something this laptop could do)."""
        self.timeline.read_only, self.timeline.notes_absent = True, notes_absent
        self.referrals.add_button.hide()
        super().set_read_only(identity_absent=identity_absent, notes_absent=notes_absent)

    def apply_extra(self, extra: dict[str, Any]) -> None:
        self.referrals.set_stored(extra["referrals"])
        if not self.read_only:  # "Cetak surat rujukan": the RT's, to go with its referral
            attach_letter_buttons(self.ctx, self.referrals, self.record_id)
        self.timeline.set_incident(self.record_id)
        self.timeline.set_notes(extra["follow_ups"])
        self._apply_guardrails()

    def save_call(self, record_id: str | None, values: dict[str, Any]
                  ) -> Callable[[Store], list[Change]]:
        new = self.referrals.new_referrals()
        statuses = self.referrals.status_changes()
        user, baseline = self._user_name, dict(self._baseline)

        def work(store: Store) -> list[Change]:
            incident = build_record(store, Incident, record_id, values, baseline)
            today = today_wita()
            changed = [dataclasses.replace(stored, status=status, status_updated_on=today)
                       for rid, status in statuses.items()
                       if (stored := store.get(Referral, rid)) is not None]
            return store.save(incident, user=user, referrals=[*new, *changed])
        return work

    def after_save(self) -> None:
        self.referrals.clear_new()

    def extra_unsaved(self) -> bool:
        return self.referrals.has_unsaved() or self.timeline.has_unsaved()

    # --- drafts and masking -------------------------------------------------------------------

    def draft_extra(self) -> dict[str, Any]:
        return {"referrals": self.referrals.to_draft(), "follow_up": self.timeline.to_draft()}

    def restore_extra(self, content: dict[str, Any]) -> None:
        self.referrals.restore_draft(content.get("referrals") or {})
        self.timeline.restore_draft(content.get("follow_up") or {})

    def mask_extra(self) -> None:
        self.referrals.mask()
        self.timeline.mask()

    def has_masked_extra(self) -> bool:
        return self.referrals.is_masked() or self.timeline.is_masked()

    def reveal_extra(self) -> Callable[[Store], Any] | None:
        referral_ids = [row.referral.id for row in self.referrals.stored if row.revealed is None]
        note_ids = self.timeline.masked_ids()
        user = self._user_name
        referral_fields = tuple(sensitive_fields(Referral))
        note_fields = tuple(sensitive_fields(FollowUp))

        def work(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
            # One audited reveal per record: the log says whose data was opened.
            return {"referrals": {rid: store.reveal(Referral, rid, referral_fields, user=user)
                                  for rid in referral_ids},
                    "follow_ups": {nid: store.reveal(FollowUp, nid, note_fields, user=user)
                                   for nid in note_ids}}
        return work

    def apply_revealed_extra(self, extra: Any) -> None:
        if extra:
            self.referrals.apply_revealed(extra["referrals"])
            self.timeline.apply_revealed(extra["follow_ups"])
