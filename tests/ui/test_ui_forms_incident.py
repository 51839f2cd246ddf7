"""Kasus form: create with a referral and a follow-up; masked sensitive fields; audited reveal;
editing without revealing keeps the hidden values; locking masks again."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QLineEdit,
)

from rt_desktop.records import FollowUp, Incident, Referral
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.validation import today_wita
from tests.ui.form_helpers import choose, show_form, shown_text, tick
from ui.context import AppContext
from ui.forms.fields import MASK
from ui.forms.incident_form import IncidentForm

FAST = KdfParams(n=2**10)
# Made up for the tests; never a real person.
VICTIM = "Zubaidah Kartikasari"
CHRONOLOGY = "Kronologi rahasia di dapur keluarga Wiryawan"
NOTE = "Kunjungan kedua: keluarga Wiryawan kooperatif"







def open_form(qtbot, ctx: AppContext, record_id: str | None = None) -> IncidentForm:
    return show_form(qtbot, IncidentForm, ctx, record_id)


def fill_case(qtbot, form: IncidentForm, *, age: int = 9) -> None:
    f = form.fields
    choose(qtbot, f["report_source"].editor, "Tetangga", "tetangga")
    choose(qtbot, f["report_channel"].editor, "Langsung", "langsung")
    qtbot.keyClicks(f["victim_name"].editor, VICTIM)
    choose(qtbot, f["victim_sex"].editor, "Perempuan", "perempuan")
    f["victim_age"].editor.setFocus()
    qtbot.keyClicks(f["victim_age"].editor, str(age))
    tick(qtbot, f["violence_types"].boxes["psikis"])
    choose(qtbot, f["place"].editor, "Rumah", "rumah_tangga")
    qtbot.keyClicks(f["chronology"].editor, CHRONOLOGY)
    choose(qtbot, f["risk_level"].editor, "Rendah", "rendah")


def make_case(ctx: AppContext, **changes) -> tuple[str, str]:
    """A stored case with a referral and two notes; returns (incident id, referral id)."""
    today = today_wita()
    incident = dataclasses.replace(Incident(
        reported_on=today - dt.timedelta(days=5), occurred_precision="tidak_diketahui",
        report_source="keluarga", report_channel="langsung", victim_name=VICTIM,
        victim_contact="0812-0000-0000", victim_guardian_name="Bapak Wiryawan",
        victim_sex="perempuan", victim_age=9, victim_age_group="6_12",
        victim_category="anak", violence_types=("psikis",), place="rumah_tangga",
        chronology=CHRONOLOGY, risk_level="sedang", status="dirujuk"), **changes)
    referral = Referral(destination="uptd_ppa", uptd_service="pendampingan_klien",
                        referred_on=today - dt.timedelta(days=4), consent_by=("orang_tua",))
    store = ctx.unlocked.store
    changes_made = store.save(incident, user="Sari", referrals=[referral])
    incident_id = next(c.record_id for c in changes_made if c.record_type == "incident")
    referral_id = next(c.record_id for c in changes_made if c.record_type == "referral")
    for days, text in ((3, "Catatan lama"), (1, NOTE)):
        store.save(FollowUp(incident_id=incident_id, noted_on=today - dt.timedelta(days=days),
                            author="Sari", note=text), user="Sari")
    return incident_id, referral_id


def test_create_a_case_with_a_referral_then_a_follow_up(qtbot, ctx) -> None:
    store = ctx.unlocked.store
    form = open_form(qtbot, ctx)
    assert form.subtitle.text() == "Kode kasus dibuat otomatis saat pertama disimpan."
    assert not form.timeline.new_box.isVisible()  # a note needs a stored case
    assert form.timeline.hint.isVisible()
    fill_case(qtbot, form)
    # Age fills its group and suggests "Anak" for a victim under 18.
    assert form.fields["victim_age_group"].value() == "6_12"
    assert form.fields["victim_category"].value() == "anak"

    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    (referral,) = form.referrals.editors
    service = referral.fields["uptd_service"].editor
    assert not service.isEnabled()  # one of UPTD PPA's six services, for UPTD PPA only
    choose(qtbot, referral.fields["destination"].editor, "UPTD", "uptd_ppa")
    assert service.isEnabled()
    choose(qtbot, service, "Pengelolaan", "pengelolaan_kasus")
    tick(qtbot, referral.fields["consent_by"].boxes["orang_tua"])
    choose(qtbot, form.fields["status"].editor, "Dirujuk", "dirujuk")

    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.sync_badge.state == "pending")

    types = sorted(c.record_type for c in saved.args[0])
    assert types == ["incident", "referral"]
    incident = store.get(Incident, form.record_id)
    assert incident.victim_name == VICTIM and incident.chronology == CHRONOLOGY
    assert incident.status == "dirujuk" and incident.victim_age_group == "6_12"
    assert form.title.text() == f"Kasus {incident.case_code}"  # read-only, made by the store
    assert "case_code" not in form.fields
    (stored_referral,) = store.list_records(Referral)
    assert stored_referral.incident_id == form.record_id
    assert (stored_referral.uptd_service, stored_referral.consent_by) == (
        "pengelolaan_kasus", ("orang_tua",))
    qtbot.waitUntil(lambda: len(form.referrals.stored) == 1)
    assert form.referrals.editors == []

    timeline = form.timeline
    assert timeline.new_box.isVisible()
    qtbot.keyClicks(timeline.fields["note"].editor, NOTE)
    next_visit = today_wita() + dt.timedelta(days=7)
    timeline.fields["next_follow_up_on"].editor.setDate(
        QDate(next_visit.year, next_visit.month, next_visit.day))
    with qtbot.waitSignal(timeline.added, timeout=10_000):
        qtbot.mouseClick(timeline.add_button, Qt.MouseButton.LeftButton)
    (note,) = store.list_records(FollowUp)
    assert (note.incident_id, note.note, note.author) == (form.record_id, NOTE, "Sari")
    assert note.next_follow_up_on == next_visit
    assert timeline.items[0].text.text() == NOTE
    assert timeline.fields["note"].value() is None  # ready for the next note
    # Append-only: an old note offers nothing to edit or delete.
    assert not timeline.items[0].findChildren(QLineEdit)
    assert not timeline.items[0].findChildren(QAbstractButton)


def test_stored_values_stay_out_of_widgets_until_reveal_which_is_audited(qtbot, ctx) -> None:
    incident_id, referral_id = make_case(ctx)
    store = ctx.unlocked.store
    form = open_form(qtbot, ctx, incident_id)
    qtbot.waitUntil(lambda: len(form.timeline.items) == 2)

    text = shown_text(form)
    for secret in (VICTIM, CHRONOLOGY, NOTE, "0812-0000-0000", "Bapak Wiryawan"):
        assert secret not in text
    assert form.fields["victim_name"].mask.isVisible()
    assert form.fields["victim_name"].editor.text() == ""
    assert form.fields["chronology"].editor.toPlainText() == ""
    assert MASK in form.timeline.items[0].text.text()
    assert form.timeline.items[0].note.noted_on > form.timeline.items[1].note.noted_on
    assert form.fields["report_source"].value() == "keluarga"  # not sensitive: shown
    assert not [e for e in store.audit_entries() if e["action"] == "reveal"]

    with qtbot.waitSignal(form.fields["victim_name"].editor.textChanged, timeout=10_000):
        qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)

    assert form.fields["victim_name"].editor.text() == VICTIM
    assert form.fields["chronology"].editor.toPlainText() == CHRONOLOGY
    assert form.fields["victim_age"].value() == 9
    assert form.timeline.items[0].text.text() == NOTE
    assert not form.reveal_button.isVisible()
    ctx.tasks.wait()
    reveals = {e["record_id"]: e for e in store.audit_entries() if e["action"] == "reveal"}
    assert set(reveals) >= {incident_id, referral_id}
    detail = reveals[incident_id]["detail"]
    assert "victim_name" in detail and "chronology" in detail
    assert reveals[incident_id]["user"] == "Sari"
    for entry in reveals.values():  # names of fields, never their values
        for secret in (VICTIM, CHRONOLOGY, NOTE, "0812-0000-0000"):
            assert secret not in (entry["detail"] or "")
    assert not form.has_unsaved_changes()


def test_editing_without_reveal_keeps_the_hidden_values(qtbot, ctx) -> None:
    incident_id, _ = make_case(ctx)
    store = ctx.unlocked.store
    before = store.get(Incident, incident_id)
    form = open_form(qtbot, ctx, incident_id)
    choose(qtbot, form.fields["report_channel"].editor, "Telepon", "telepon_wa")
    assert form.has_unsaved_changes()
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(form.fields["report_channel"].editor, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    ctx.tasks.wait()
    after = store.get(Incident, incident_id)
    assert after.report_channel == "telepon_wa"
    assert dataclasses.replace(after, report_channel="langsung", updated_at="", hlc={}) == \
        dataclasses.replace(before, updated_at="", hlc={})
    update = next(e for e in store.audit_entries() if e["action"] == "update")
    assert update["detail"] == "fields: report_channel"
    assert form.fields["victim_name"].mask.isVisible()  # still masked after saving


def test_locking_masks_again_and_keeps_unsaved_typing_aside(qtbot, ctx) -> None:
    incident_id, _ = make_case(ctx)
    form = open_form(qtbot, ctx, incident_id)
    with qtbot.waitSignal(form.fields["victim_name"].editor.textChanged, timeout=10_000):
        qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    form.fields["victim_contact"].editor.clear()
    qtbot.keyClicks(form.fields["victim_contact"].editor, "0813-1111-2222")

    ctx.user_changed.emit("")  # the shell locks the app

    assert VICTIM not in shown_text(form) and "0813-1111-2222" not in shown_text(form)
    assert form.fields["victim_contact"].mask.isVisible()
    assert form.reveal_button.isVisible()
    assert form.has_unsaved_changes()
    assert form.to_draft()["fields"]["victim_contact"] == "0813-1111-2222"
    with qtbot.waitSignal(form.fields["victim_name"].editor.textChanged, timeout=10_000):
        qtbot.mouseClick(form.reveal_button, Qt.MouseButton.LeftButton)
    assert form.fields["victim_name"].editor.text() == VICTIM
    assert form.fields["victim_contact"].editor.text() == "0813-1111-2222"


def test_a_problem_only_the_store_sees_is_shown_inline(qtbot, ctx) -> None:
    # A sexual-violence case, referred; then UPTD PPA declines the referral (a pulled update)
    # while the form is open with the old state.
    incident_id, referral_id = make_case(ctx, violence_types=("seksual",))
    form = open_form(qtbot, ctx, incident_id)
    qtbot.waitUntil(lambda: len(form.referrals.stored) == 1)
    store = ctx.unlocked.store
    ctx.tasks.wait()
    with store.writing():
        store.db.execute("UPDATE referrals SET status = 'ditolak' WHERE id = ?", [referral_id])
    choose(qtbot, form.fields["report_channel"].editor, "Telepon", "telepon_wa")
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.referrals.required_message.isVisible(), timeout=10_000)
    assert form.referrals.required_message.text().startswith(
        "Kasus kekerasan seksual wajib dirujuk")
    assert "periksa isian" in form.notice.text()
    assert store.get(Incident, incident_id).report_channel == "langsung"
