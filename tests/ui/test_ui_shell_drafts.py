"""After signing in, unfinished forms (a crash, a power cut) are offered back — only the signed-in
user's own — in a banner with "Pulihkan" and "Buang"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from ui.context import AppContext
from ui.drafts_banner import parse_form_key
from ui.forms.incident_form import IncidentForm
from ui.forms.session_form import SessionForm
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12"
SESSION_KEY = "parenting_session:new:0192f1a0-0000-7000-8000-000000000001"
INCIDENT_KEY = "incident:new:0192f1a0-0000-7000-8000-000000000002"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    unlocked, _ = access.initialise(folder, kelurahan_code="64.71.05.1010", rt="12", name="Sari",
                                    password=PASSWORD, kdf=FAST)
    unlocked.slots.kdf = FAST
    budi = unlocked.slots.add_user(unlocked.key, "Budi", "sandi-budi-1")
    store, sari = unlocked.store, unlocked.user
    store.save_draft(sari.user_id, SESSION_KEY, {
        "form_key": SESSION_KEY, "record_type": "parenting_session", "record_id": None,
        "fields": {"venue": "Balai RT 12", "fathers": 4}})
    store.save_draft(sari.user_id, INCIDENT_KEY, {
        "form_key": INCIDENT_KEY, "record_type": "incident", "record_id": None,
        "fields": {"place": "rumah"}})
    store.save_draft(budi.user_id, "parenting_session:new:budi", {
        "form_key": "parenting_session:new:budi", "fields": {"venue": "punya Budi"}})
    store.close()
    return folder


@pytest.fixture
def window(qtbot, data_dir: Path) -> MainWindow:
    win = MainWindow(AppContext(data_dir), device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.login.login.users.count() == 2)
    win.login.login.users.setCurrentText("Sari")
    qtbot.keyClicks(win.login.login.password, PASSWORD)
    qtbot.keyClick(win.login.login.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not win.locked)
    return win


@pytest.mark.parametrize(("key", "expected"), [
    ("parenting_session:new:abc", ("parenting_session", None)),
    ("parenting_session:0192f", ("parenting_session", "0192f")),
    ("incident:new:x", ("incident", None)),
    ("incident:0192f", ("incident", "0192f")),
])
def test_form_keys(key: str, expected: tuple) -> None:
    assert parse_form_key(key) == expected


def test_restore_offers_only_own_drafts_and_builds_the_right_forms(qtbot,
                                                                   window: MainWindow) -> None:
    qtbot.waitUntil(window.banner.isVisible)
    assert {d["form_key"] for d in window.banner.drafts} == {SESSION_KEY, INCIDENT_KEY}
    assert "2 isian" in window.banner.text.text()
    assert window.open_forms() == []  # nothing opens by itself
    qtbot.mouseClick(window.banner.restore_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible()
    forms = {f.form_key: f for f in window.open_forms()}
    assert set(forms) == {SESSION_KEY, INCIDENT_KEY}
    assert isinstance(forms[SESSION_KEY], SessionForm)
    assert isinstance(forms[INCIDENT_KEY], IncidentForm)
    session = forms[SESSION_KEY]
    assert session.fields["venue"].value() == "Balai RT 12"
    assert session.fields["fathers"].value() == 4
    assert window.open_list.count() == 2


def test_discard_deletes_the_drafts(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(window.banner.isVisible)
    sari_id = window.ctx.user_id
    qtbot.mouseClick(window.banner.discard_button, Qt.MouseButton.LeftButton)
    assert not window.banner.isVisible() and window.open_forms() == []
    left: list = []
    window.ctx.run_db(lambda s: (s.drafts(sari_id), len(s.db.execute(
        "SELECT * FROM drafts").fetchall())), success=left.append)
    qtbot.waitUntil(lambda: bool(left))
    assert left[0] == ([], 1)  # Budi's draft is his; it stays
