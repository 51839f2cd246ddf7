"""Typing dates and numbers into a form the way volunteers do: a date as dd/mm/yyyy (or without the
slashes), then Tab; an optional field erased is empty again; what cannot be read is said, never
silently replaced by "–"."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget

from rt_desktop.records import FollowUp, Incident
from rt_desktop.validation import today_wita
from tests.ui.form_helpers import show_form
from ui.context import AppContext
from ui.forms.followups import FollowUpTimeline
from ui.forms.incident_form import IncidentForm

NOTE = "Kunjungan rumah bersama kader"
# How a volunteer may type a date: as the field shows it, without slashes, with dashes.
TYPINGS = {"dd/mm/yyyy": "{d:%d/%m/%Y}", "ddmmyyyy": "{d:%d%m%Y}",
           "d-m-yyyy": "{d.day}-{d.month}-{d.year}"}


@pytest.fixture
def form(qtbot, ctx: AppContext) -> IncidentForm:
    """A stored case, open in its form (a follow-up note needs a stored case)."""
    (change, *_) = ctx.unlocked.store.save(Incident(
        reported_on=today_wita() - dt.timedelta(days=60), occurred_precision="tidak_diketahui",
        report_source="keluarga", report_channel="langsung", victim_name="Rini (uji)",
        victim_sex="perempuan", victim_age_group="6_12", victim_category="anak",
        violence_types=("psikis",), place="rumah_tangga", risk_level="sedang",
        status="baru"), user="Sari")
    form = show_form(qtbot, IncidentForm, ctx, change.record_id)
    qtbot.waitUntil(lambda: form.timeline.new_box.isVisible())
    return form


def click_into(qtbot, form: IncidentForm, widget: QWidget) -> None:
    """Click near the left end of a box (clear of the buttons at its right end)."""
    form.scroll.ensureWidgetVisible(widget)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(12, widget.height() // 2))
    assert widget.hasFocus()
    QApplication.processEvents()  # what the click queued runs before the volunteer types


def type_date(qtbot, form: IncidentForm, name: str, text: str) -> None:
    editor = form.timeline.fields[name].editor
    click_into(qtbot, form, editor)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Tab)


def add_note(qtbot, timeline: FollowUpTimeline) -> None:
    timeline.fields["note"].editor.setFocus()
    qtbot.keyClicks(timeline.fields["note"].editor, NOTE)
    with qtbot.waitSignal(timeline.added, timeout=10_000):
        qtbot.mouseClick(timeline.add_button, Qt.MouseButton.LeftButton)


@pytest.mark.parametrize(("name", "days", "typing"), [
    *(("next_follow_up_on", 10, typing) for typing in TYPINGS),
    ("noted_on", -45, "dd/mm/yyyy"),  # required: it starts on today; -45 is another month
])
def test_a_typed_date_is_the_date_the_note_gets(qtbot, ctx, form, name, days, typing) -> None:
    timeline = form.timeline
    date = today_wita() + dt.timedelta(days=days)

    type_date(qtbot, form, name, TYPINGS[typing].format(d=date))

    field = timeline.fields[name]
    assert field.value() == date
    assert field.editor.text() == f"{date:%d/%m/%Y}"  # what was understood, as it is shown
    assert not field.editor.hasFocus()  # Tab went on to the next field
    assert not field.messages()
    add_note(qtbot, timeline)
    (note,) = ctx.unlocked.store.list_records(FollowUp)
    assert getattr(note, name) == date


@pytest.mark.parametrize("typed", ["31/02/2026", "10/13/2026", "10/12/26", "1012"])
def test_a_date_that_cannot_be_read_stays_and_is_explained(qtbot, ctx, form, typed) -> None:
    timeline = form.timeline
    type_date(qtbot, form, "next_follow_up_on", typed)

    field = timeline.fields["next_follow_up_on"]
    assert field.editor.text() == typed  # not "–": the volunteer sees what they typed
    assert field.value() == typed
    assert field.messages() == ["Tindak lanjut berikutnya bukan tanggal yang bisa dibaca."]
    assert field.message.isVisible()
    draft = timeline.to_draft()  # a power cut now: the draft brings it back as it was typed
    field.set_value(None)
    timeline.restore_draft(draft)
    assert field.editor.text() == typed
    timeline.fields["note"].editor.setFocus()
    qtbot.keyClicks(timeline.fields["note"].editor, NOTE)
    qtbot.mouseClick(timeline.add_button, Qt.MouseButton.LeftButton)
    ctx.tasks.wait()
    assert ctx.unlocked.store.list_records(FollowUp) == []  # nothing saved without the date


def test_a_typed_date_erased_leaves_the_field_empty(qtbot, ctx, form) -> None:
    timeline = form.timeline
    field = timeline.fields["next_follow_up_on"]
    date = today_wita() + dt.timedelta(days=7)
    type_date(qtbot, form, "next_follow_up_on", f"{date:%d/%m/%Y}")
    assert field.value() == date

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)  # back: the date is selected
    assert field.editor.hasFocus()
    qtbot.keyClick(field.editor, Qt.Key.Key_Delete)
    qtbot.keyClick(field.editor, Qt.Key.Key_Tab)

    assert field.value() is None
    assert field.editor.text() == ""
    assert not field.messages()
    add_note(qtbot, timeline)
    (note,) = ctx.unlocked.store.list_records(FollowUp)
    assert note.next_follow_up_on is None


def test_the_calendar_opens_on_the_typed_date(qtbot, form) -> None:
    field = form.timeline.fields["next_follow_up_on"]
    date = today_wita() + dt.timedelta(days=7)
    click_into(qtbot, form, field.editor)
    qtbot.keyClicks(field.editor, f"{date:%d%m%Y}")

    qtbot.keyClick(field.editor, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.editor.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Right)  # the day after
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    assert not calendar.isVisible()
    assert field.value() == date + dt.timedelta(days=1)


def test_a_number_typed_beside_the_dash_is_kept(qtbot, form) -> None:
    field = form.fields["perpetrator_age_estimate"]
    box = field.editor.lineEdit()
    click_into(qtbot, form, box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(box.width() - 4, 8))
    # A second click put the cursor beside the "–" instead of selecting it.
    qtbot.keyClicks(field.editor, "35")
    qtbot.keyClick(field.editor, Qt.Key.Key_Tab)

    assert field.value() == 35
    assert field.editor.text() == "35"


def test_an_optional_number_erased_is_empty_again(qtbot, form) -> None:
    field = form.fields["perpetrator_age_estimate"]
    field.set_value(35)
    click_into(qtbot, form, field.editor.lineEdit())
    assert field.editor.lineEdit().selectedText() == "35"
    qtbot.keyClick(field.editor, Qt.Key.Key_Delete)
    qtbot.keyClick(field.editor, Qt.Key.Key_Tab)

    assert field.value() is None
    assert field.editor.text() == "–"


def test_scrolling_over_a_choice_or_a_number_changes_nothing(qtbot, form) -> None:
    """The wheel over a field without focus scrolls the form; it used to flip "Jenis kelamin"
    or "Kelompok usia" unseen, and the change was saved with the next one."""
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QWheelEvent

    def wheel(widget: QWidget, notch: int = -120) -> None:
        centre = QPointF(widget.width() / 2, widget.height() / 2)
        event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                            QPoint(0, notch), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
        QApplication.sendEvent(widget, event)

    sex, group = form.fields["victim_sex"].editor, form.fields["victim_age_group"].editor
    form.fields["victim_age"].editor.setFocus()  # the cursor is elsewhere
    before = (form.field_value("victim_sex"), form.field_value("victim_age_group"))
    for editor in (sex, group):
        wheel(editor)
        wheel(editor, 120)
    assert (form.field_value("victim_sex"), form.field_value("victim_age_group")) == before
    assert not form.has_unsaved_changes()
    sex.setFocus()  # chosen on purpose: the wheel may change it then
    qtbot.waitUntil(sex.hasFocus)
    wheel(sex, 120)  # one notch up: the choice before "perempuan"
    assert form.field_value("victim_sex") != before[0]
