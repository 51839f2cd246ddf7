"""Sesi Lautan RT form: create, edit, delete; live attendance total; inline messages; Esc."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from rt_desktop.records import ParentingSession
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.validation import today_wita
from tests.ui.form_helpers import show_form, tick
from ui.context import AppContext
from ui.forms.session_form import SessionForm
from ui.sync_state import sync_state_label

FAST = KdfParams(n=2**10)





def open_form(qtbot, ctx: AppContext, record_id: str | None = None) -> SessionForm:
    return show_form(qtbot, SessionForm, ctx, record_id)


def type_number(qtbot, form: SessionForm, name: str, number: int) -> None:
    spin = form.fields[name].editor
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(number))


def save_with_ctrl_s(qtbot, form: SessionForm) -> list:
    with qtbot.waitSignal(form.saved, timeout=10_000) as blocker:
        qtbot.keyClick(form.fields["venue"].editor, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    return blocker.args[0]


def stored(ctx: AppContext, record_id: str) -> ParentingSession:
    ctx.tasks.wait()
    record = ctx.unlocked.store.get(ParentingSession, record_id)
    assert record is not None
    return record


def test_create_a_session_with_a_live_total_and_an_inline_time_message(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    assert not form.delete_button.isVisible()
    qtbot.keyClicks(form.fields["venue"].editor, "Balai pertemuan RT 007")
    tick(qtbot, form.fields["topics"].boxes["peran_ayah"])
    assert form.total_label.text() == "Jumlah peserta: 0 orang"
    type_number(qtbot, form, "fathers", 12)
    assert form.total_label.text() == "Jumlah peserta: 12 orang"
    type_number(qtbot, form, "teens_female", 7)
    assert form.total_label.text() == "Jumlah peserta: 19 orang"  # live, before any save
    qtbot.keyClicks(form.fields["start_time"].editor, "19.30")
    qtbot.keyClicks(form.fields["end_time"].editor, "19.00")
    # The mistake is said next to the field while typing; no dialog, nothing saved.
    assert form.fields["end_time"].messages() == ["Jam selesai harus setelah jam mulai."]
    assert form.fields["end_time"].message.isVisible()
    assert form.fields["venue"].messages() == []
    with qtbot.assertNotEmitted(form.saved):
        qtbot.keyClick(form.fields["venue"].editor, Qt.Key.Key_S,
                       Qt.KeyboardModifier.ControlModifier)
    assert ctx.unlocked.store.count(ParentingSession) == 0
    form.fields["end_time"].editor.clear()
    qtbot.keyClicks(form.fields["end_time"].editor, "21.00")
    assert form.fields["end_time"].messages() == []
    tick(qtbot, form.fields["elements_present"].boxes["babinsa"])
    qtbot.keyClicks(form.fields["summary"].editor, "Diskusi disiplin positif.")

    changes = save_with_ctrl_s(qtbot, form)

    (change,) = changes
    assert change.created and form.record_id == change.record_id
    record = stored(ctx, change.record_id)
    assert record.venue == "Balai pertemuan RT 007"
    assert record.topics == ("peran_ayah",)
    assert (record.fathers, record.teens_female, record.total_attendees) == (12, 7, 19)
    assert (record.start_time, record.end_time) == (dt.time(19, 30), dt.time(21, 0))
    assert record.elements_present == ("babinsa",)
    assert record.session_date == today_wita()
    assert form.form_key == f"parenting_session:{record.id}"
    assert form.notice.text() == "Tersimpan."
    assert form.delete_button.isVisible()
    assert not form.has_unsaved_changes()


def test_required_fields_speak_after_a_save_attempt_only(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    assert all(not f.messages() for f in form.fields.values())  # a fresh form does not scold
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.fields["venue"].messages() == ["Tempat wajib diisi."]
    assert form.fields["topics"].messages() == ["Topik wajib diisi."]
    assert "periksa isian" in form.notice.text()
    assert form.fields["venue"].editor.hasFocus()  # the first problem gets the cursor
    ctx.tasks.wait()
    assert ctx.unlocked.store.count(ParentingSession) == 0


def test_lainnya_enables_the_free_text_topic(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    other = form.fields["topic_other"]
    assert not other.editor.isEnabled()
    tick(qtbot, form.fields["topics"].boxes["lainnya"])
    assert other.editor.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert other.messages() == ["Karena “Lainnya” dipilih, isi juga Topik lainnya."]
    qtbot.keyClicks(other.editor, "Gizi anak")
    assert other.messages() == []


def test_edit_a_session_saves_only_what_changed_and_enter_saves(qtbot, ctx) -> None:
    store = ctx.unlocked.store
    (change,) = store.save(ParentingSession(
        session_date=today_wita(), venue="Posyandu Melati", topics=("pengasuhan_positif",),
        mothers=9, facilitator="Ibu Rina"), user="Sari")
    form = open_form(qtbot, ctx, change.record_id)
    assert form.fields["venue"].editor.text() == "Posyandu Melati"
    assert form.fields["mothers"].editor.value() == 9
    assert form.fields["topics"].boxes["pengasuhan_positif"].isChecked()
    assert form.total_label.text() == "Jumlah peserta: 9 orang"
    assert form.sync_badge.state == "pending"
    assert form.sync_badge.isVisible()
    assert form.sync_badge.text.text() == sync_state_label("pending") == "Belum terkirim"
    assert not form.has_unsaved_changes()

    type_number(qtbot, form, "mothers", 11)
    assert form.total_label.text() == "Jumlah peserta: 11 orang"
    assert form.has_unsaved_changes()
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(form.fields["facilitator"].editor, Qt.Key.Key_Return)

    assert stored(ctx, change.record_id).mothers == 11
    update = store.audit_entries(limit=1)[0]
    assert (update["action"], update["detail"]) == ("update", "fields: mothers")


def test_delete_asks_inside_the_form_then_leaves_a_tombstone(qtbot, ctx) -> None:
    store = ctx.unlocked.store
    (change,) = store.save(ParentingSession(session_date=today_wita(), venue="Balai RT",
                                            topics=("peran_ayah",)), user="Sari")
    form = open_form(qtbot, ctx, change.record_id)
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    assert form.confirm_bar.isVisible()
    assert "Hapus data ini?" in form.confirm_bar.text.text()
    qtbot.mouseClick(form.confirm_bar.no, Qt.MouseButton.LeftButton)  # "Batal" keeps it
    assert not form.confirm_bar.isVisible()
    qtbot.mouseClick(form.delete_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignals([form.saved, form.closed], timeout=10_000):
        qtbot.mouseClick(form.confirm_bar.yes, Qt.MouseButton.LeftButton)
    ctx.tasks.wait()
    assert store.get(ParentingSession, change.record_id) is None
    assert store.get(ParentingSession, change.record_id, include_deleted=True).deleted


def test_esc_asks_before_discarding_unsaved_typing(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    with qtbot.waitSignal(form.closed):
        qtbot.keyClick(form.fields["venue"].editor, Qt.Key.Key_Escape)  # nothing typed: closes

    form = open_form(qtbot, ctx)
    qtbot.keyClicks(form.fields["venue"].editor, "Balai RT")
    with qtbot.waitSignal(form.draft_saved, timeout=10_000):
        pass
    assert [d["form_key"] for d in ctx.unlocked.store.drafts(ctx.user_id)] == [form.form_key]
    with qtbot.assertNotEmitted(form.closed):
        qtbot.keyClick(form.fields["venue"].editor, Qt.Key.Key_Escape)
    assert form.confirm_bar.isVisible()
    assert form.confirm_bar.text.text() == "Ada isian yang belum disimpan. Tutup tanpa menyimpan?"
    qtbot.keyClick(form.confirm_bar.no, Qt.Key.Key_Escape)  # Esc again: back to the form
    assert not form.confirm_bar.isVisible()
    qtbot.keyClick(form.fields["venue"].editor, Qt.Key.Key_Escape)
    with qtbot.waitSignal(form.closed):
        qtbot.mouseClick(form.confirm_bar.yes, Qt.MouseButton.LeftButton)
    ctx.tasks.wait()
    assert ctx.unlocked.store.drafts(ctx.user_id) == []
