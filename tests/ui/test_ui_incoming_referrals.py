"""Rujukan masuk on an UPTD PPA laptop, against a real `rt-server` on loopback: each referral's
current status is shown as it is (never a status the officer did not choose), a note alone
keeps the status, and the victim's identity stays masked until "Tampilkan" (audited) — as in
the Kasus form of the same laptop."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem

from rt_desktop.records import Referral
from sync.client import run_sync
from tests.sync.helpers import CHRONOLOGY, USER, VICTIM_NAME, make_incident, make_referral
from tests.sync.servers import ServerProcess, running_server
from tests.ui.form_helpers import shown_text
from tests.ui.layout_check import settle
from tests.ui.test_ui_sync_flows import referred_to_uptd, sync
from ui.forms.fields import MASK

# Made-up identity of make_incident (tests/sync/helpers.py); never a real person.
SECRETS = (VICTIM_NAME, CHRONOLOGY, "0812-0000-0000", "Jl. Contoh Gg. Rahasia", "Bapak Wiryawan")
_RT = iter(range(601, 700))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(tmp_path_factory.mktemp("ui-incoming-server")) as srv:
        yield srv


@dataclasses.dataclass
class Uptd:
    volunteer: object  # the RT's laptop (a Store) that referred the case
    win: object
    page: object
    case_id: str
    referral_id: str


@pytest.fixture
def uptd(qtbot, tmp_path: Path, server) -> Uptd:
    """A case referred to UPTD PPA by an RT (status *dikirim*), pulled by an UPTD laptop whose
    Rujukan masuk page is open."""
    volunteer, case_id, referral_id, win = referred_to_uptd(qtbot, tmp_path, server,
                                                            f"{next(_RT):03d}")
    sync(qtbot, win)
    win.show_page("incoming")
    page = win.page_widgets["incoming"]
    qtbot.waitUntil(lambda: item_of(page, referral_id) is not None)
    return Uptd(volunteer, win, page, case_id, referral_id)


def item_of(page, referral_id: str) -> QListWidgetItem | None:
    return next((page.list.item(i) for i in range(page.list.count())
                 if page.list.item(i).data(Qt.ItemDataRole.UserRole) == referral_id), None)


def select(qtbot, page, referral_id: str) -> None:
    page.list.setCurrentItem(item_of(page, referral_id))
    qtbot.waitUntil(lambda: page.detail.isEnabled() and page.current_id == referral_id)


def reveal(qtbot, page) -> None:
    page.reveal_button.click()
    qtbot.waitUntil(lambda: not page.reveal_button.isVisible())


def save(qtbot, page) -> None:
    page.message.setText("")
    page.save_button.click()
    qtbot.waitUntil(lambda: bool(page.message.text()))
    page.ctx.tasks.wait()


def test_a_sent_referral_shows_its_real_status_and_no_answer_is_chosen_for_it(qtbot, uptd):
    page = uptd.page
    # Nothing selected yet: no status on show (it used to read "Diterima").
    assert page.status.currentData() is None
    assert "Diterima" not in shown_text(page.detail, visible_only=True)
    # The list says each referral's status, on a line the list has room for — also on a small
    # laptop screen (1366×768 at 125 %, or 1024 wide), where it used to be cut off.
    uptd.win.resize(1024, 700)
    settle()
    item = item_of(page, uptd.referral_id)
    status_line = next(line for line in item.text().splitlines() if "Dikirim" in line)
    assert page.list.fontMetrics().horizontalAdvance(status_line) < \
        page.list.viewport().width()

    select(qtbot, page, uptd.referral_id)

    assert page.current_status.text() == "Dikirim"
    assert page.current_status.isVisibleTo(page)
    # "dikirim" is the RT's status, not an answer: the choice waits for the officer.
    assert page.status.currentData() is None
    assert page.status.currentText() == "— pilih status —"
    answers = [page.status.itemData(i) for i in range(page.status.count())]
    assert [a for a in answers if a] == ["diterima", "ditolak", "selesai"]


def test_a_note_without_a_chosen_status_keeps_the_status(qtbot, uptd):
    page = uptd.page
    select(qtbot, page, uptd.referral_id)
    reveal(qtbot, page)
    page.note.setPlainText("Mohon kirim nomor orang tua yang aktif.")
    save(qtbot, page)

    stored = page.ctx.unlocked.store.get(Referral, uptd.referral_id)
    assert (stored.status, stored.response_note, stored.status_updated_on) == \
        ("dikirim", "Mohon kirim nomor orang tua yang aktif.", None)
    assert "tetap Dikirim" in page.message.text()
    assert page.current_status.text() == "Dikirim"
    # What reaches the RT is the note, with the status the RT knows.
    assert sync(qtbot, uptd.win).pushed == 1
    run_sync(uptd.volunteer)
    got = uptd.volunteer.get(Referral, uptd.referral_id)
    assert (got.status, got.response_note) == ("dikirim",
                                               "Mohon kirim nomor orang tua yang aktif.")


def test_identity_stays_masked_until_tampilkan_as_in_the_case_form(qtbot, uptd):
    page, store = uptd.page, uptd.win.ctx.unlocked.store
    select(qtbot, page, uptd.referral_id)

    text = shown_text(page, visible_only=True)
    assert not [s for s in SECRETS if s in text]
    assert MASK in text and page.reveal_button.isVisible() and page.reveal_hint.isVisible()
    assert page.note_field.masked  # the response note is free text: masked too
    assert not [e for e in store.audit_entries() if e["action"] == "reveal"]
    # The same fields the Kasus form of this laptop hides.
    uptd.win.open_record("incident", uptd.case_id)
    form = uptd.win.pages.currentWidget()
    qtbot.waitUntil(lambda: not form.is_loading)
    assert form.reveal_button.isVisibleTo(uptd.win)
    assert sorted(page.masked_fields()) == sorted(form.masked_fields())
    uptd.win.show_page("incoming")

    reveal(qtbot, page)

    text = shown_text(page, visible_only=True)
    assert VICTIM_NAME in text and CHRONOLOGY in text
    assert not page.reveal_hint.isVisible() and not page.note_field.masked
    page.ctx.tasks.wait()
    reveals = {e["record_id"]: e for e in store.audit_entries() if e["action"] == "reveal"}
    assert set(reveals) == {uptd.case_id, uptd.referral_id}
    assert "victim_name" in reveals[uptd.case_id]["detail"]
    assert reveals[uptd.case_id]["user"] == "Sari"

    # Locking hides it all again; a note typed and not yet saved comes back with "Tampilkan".
    page.note.setPlainText("Konselor menghubungi keluarga besok.")
    page.ctx.user_changed.emit("")
    assert not [s for s in SECRETS if s in shown_text(page, visible_only=True)]
    assert "Konselor" not in shown_text(page, visible_only=True) and page.note_field.masked
    assert page.reveal_button.isVisible()
    reveal(qtbot, page)
    assert page.note.toPlainText() == "Konselor menghubungi keluarga besok."


def test_a_status_chosen_without_tampilkan_keeps_the_hidden_note(qtbot, uptd):
    page = uptd.page
    select(qtbot, page, uptd.referral_id)
    reveal(qtbot, page)
    page.note.setPlainText("Diterima, konselor ditugaskan.")
    page.status.setCurrentIndex(page.status.findData("diterima"))
    save(qtbot, page)
    assert page.current_status.text() == "Diterima"

    page.ctx.user_changed.emit("")  # locked: the note is masked again, not emptied
    assert page.note_field.masked
    page.status.setCurrentIndex(page.status.findData("selesai"))
    save(qtbot, page)

    stored = page.ctx.unlocked.store.get(Referral, uptd.referral_id)
    assert (stored.status, stored.response_note) == ("selesai", "Diterima, konselor ditugaskan.")
    assert page.current_status.text() == "Selesai"

    # Opened again later (another case in between): the answer given is what the choice
    # shows, and the case is masked again.
    other = uptd.volunteer.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                                referrals=[make_referral()])
    other_id = next(c.record_id for c in other if c.record_type == "referral")
    run_sync(uptd.volunteer)
    sync(qtbot, uptd.win)
    qtbot.waitUntil(lambda: item_of(page, other_id) is not None)
    select(qtbot, page, other_id)
    assert page.status.currentData() is None
    select(qtbot, page, uptd.referral_id)
    assert (page.current_status.text(), page.status.currentData()) == ("Selesai", "selesai")
    assert page.note_field.masked and page.reveal_button.isVisible()
