"""Drafts: written ~1 s after typing, per user; gone after saving; back after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rt_desktop import access
from rt_desktop.records import ParentingSession
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.forms.incident_form import IncidentForm
from ui.forms.session_form import SessionForm

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"
CHILD = Path(__file__).with_name("draft_child.py")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    unlocked, _ = access.initialise(tmp_path, kelurahan_code="64.71.03.1004", rt="7",
                                    name="Sari", password=PASSWORD, kdf=FAST)
    unlocked.store.close()
    return tmp_path


@pytest.fixture
def ctx(data_dir: Path) -> Iterator[AppContext]:
    context = AppContext(data_dir)
    context.unlocked = access.unlock(data_dir, "Sari", PASSWORD)
    yield context
    context.tasks.wait()
    context.unlocked.store.close()


def test_a_draft_survives_the_process_being_killed(qtbot, data_dir: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen([sys.executable, str(CHILD), str(data_dir), "Sari", PASSWORD],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # A child that never gets there must not hang the suite (a guard, not a wait).
    guard = threading.Timer(120, child.kill)
    guard.start()
    try:
        line = child.stdout.readline()
        assert line.startswith("DRAFT-SAVED "), child.stderr.read()
        os.kill(child.pid, signal.SIGKILL)  # mid-work: no closing, no clean-up
        child.wait()
    finally:
        guard.cancel()
        child.kill()
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL
    form_key = line.split()[1]
    assert form_key.startswith("incident:new:")

    ctx = AppContext(data_dir)
    ctx.unlocked = access.unlock(data_dir, "Sari", PASSWORD)  # a new process would do this
    try:
        (draft,) = ctx.unlocked.store.drafts(ctx.user_id)
        assert draft["form_key"] == form_key
        content = draft["content"]
        assert content["fields"]["victim_name"] == "Melati (nama samaran)"
        assert content["fields"]["risk_level"] == "darurat"

        form = IncidentForm(ctx)
        qtbot.addWidget(form)
        form.restore_draft(content)
        assert form.fields["victim_name"].editor.text() == "Melati (nama samaran)"
        assert form.fields["chronology"].editor.toPlainText() == (
            "Ditemukan menangis di pos ronda pukul 21.00")
        assert form.fields["risk_level"].value() == "darurat"
        assert form.banner.isVisibleTo(form)  # the guardrails follow the restored content
        (referral,) = form.referrals.editors
        assert referral.fields["destination"].value() == "uptd_ppa"
        assert form.form_key == form_key  # the same draft is updated, then deleted on save
        assert form.has_unsaved_changes()
    finally:
        ctx.tasks.wait()
        ctx.unlocked.store.close()


def test_typing_writes_a_draft_and_saving_deletes_it(qtbot, ctx: AppContext) -> None:
    store = ctx.unlocked.store
    form = SessionForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.fields["venue"].editor, "Balai RT")
    assert store.drafts(ctx.user_id) == []  # debounced: not on every keystroke
    with qtbot.waitSignal(form.draft_saved, timeout=10_000):
        pass
    (draft,) = store.drafts(ctx.user_id)
    assert draft["content"]["fields"]["venue"] == "Balai RT"
    assert draft["content"]["record_type"] == "parenting_session"
    form.fields["topics"].boxes["peran_ayah"].setChecked(True)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    ctx.tasks.wait()
    assert store.drafts(ctx.user_id) == []


def test_a_draft_of_a_stored_record_waits_for_it_to_load(qtbot, ctx: AppContext) -> None:
    store = ctx.unlocked.store
    (change,) = store.save(ParentingSession(session_date=today_wita(), venue="Balai RT",
                                            topics=("peran_ayah",), fathers=3), user="Sari")
    form = SessionForm(ctx, change.record_id)
    qtbot.addWidget(form)
    form.restore_draft({"form_key": form.form_key, "fields": {"fathers": 8}})
    qtbot.waitUntil(lambda: not form.is_loading)
    assert form.fields["fathers"].value() == 8  # the draft wins over what was loaded
    assert form.fields["venue"].value() == "Balai RT"
    assert form.changed_values() == {"fathers": 8}
    assert form.total_label.text() == "Jumlah peserta: 8 orang"
