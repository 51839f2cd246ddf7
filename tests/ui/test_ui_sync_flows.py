"""Sync in the app against a real `rt-server` on a loopback port (no mocked HTTP): enrolment,
"Sinkronkan sekarang" and the timer, the status bar, server down, conflicts, the unsent view,
UPTD's Rujukan masuk, a coordinator's read-only laptop, and quitting during a sync."""

from __future__ import annotations

import dataclasses
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from rt_desktop import access, wilayah
from rt_desktop.records import Incident, ParentingSession, Referral
from rt_desktop.store import conflicts
from rt_desktop.store.keyslots import KdfParams
from sync.client import enrol, pull_pages, run_sync
from tests.sync.helpers import KELURAHAN, USER, make_incident, make_referral, make_session
from tests.sync.servers import ServerProcess, running_server
from ui.context import AppContext
from ui.main_window import MainWindow
from ui.settings_page import DeviceSettings
from ui.sync.conflicts_page import load_conflicts
from ui.sync.status import error_message

FAST = KdfParams(n=2**10)
_RT = itertools.count(501)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    with running_server(tmp_path_factory.mktemp("ui-sync-server")) as srv:
        yield srv


@pytest.fixture
def rt() -> str:
    return f"{next(_RT):03d}"


def open_window(qtbot, data_dir: Path, *, rt: str = "", role: str = "volunteer",
                server: ServerProcess | None = None, code: str | None = None) -> MainWindow:
    unlocked, _ = access.initialise(data_dir, kelurahan_code=KELURAHAN if rt else "", rt=rt,
                                    name="Sari", password="sandi-uji-12", kdf=FAST, role=role)
    if server is not None:  # enrolled before the window exists (the dialog has its own test)
        enrol(unlocked.store, server.url, code or server.issue_code(
            "volunteer", kelurahan=KELURAHAN, rt=rt))
    ctx = AppContext(data_dir)
    ctx.unlocked = unlocked
    win = MainWindow(ctx, device=DeviceSettings.load(data_dir), kdf=FAST)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: "conflicts" in win.page_widgets)
    return win


def other_device(tmp_path: Path, server: ServerProcess, rt: str, name: str = "b"):
    unlocked, _ = access.initialise(tmp_path / name, kelurahan_code=KELURAHAN, rt=rt,
                                    name="Budi", password="sandi-uji-12", kdf=FAST)
    enrol(unlocked.store, server.url, server.issue_code("volunteer", kelurahan=KELURAHAN, rt=rt))
    return unlocked.store


def write(qtbot, win: MainWindow, fn) -> list:
    out: list = []
    done: list = []
    win.ctx.write(fn, success=lambda changes: (out.extend(changes), done.append(1)))
    qtbot.waitUntil(lambda: bool(done))
    return out


def sync(qtbot, win: MainWindow):
    with qtbot.waitSignal(win.sync.controller.finished, timeout=15_000) as blocker:
        win.sync.sync_button.click()
    return blocker.args[0]


def test_enrol_through_the_dialog_then_sync_now(qtbot, tmp_path: Path, server, rt) -> None:
    win = open_window(qtbot, tmp_path / "a", rt=rt)
    qtbot.waitUntil(lambda: "Belum terhubung" in win.sync.status.last_sync.text())
    win.sync.enrol_button.click()
    dialog = win.sync.enrol_dialog
    dialog.server.setText(server.url)
    dialog.code.setText("SALAH-KODE-123")
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Kode salah" in dialog.message.text() or "Alamat" in
                    dialog.message.text(), timeout=10_000)
    dialog.code.setText("ab")  # too short to be a code: said exactly, the fields keep room
    dialog.ok.click()
    qtbot.waitUntil(lambda: "Kode pendaftaran tidak sah" in dialog.message.text())
    assert dialog.height() >= dialog.sizeHint().height()
    assert not dialog.current.isVisibleTo(dialog)  # not enrolled yet
    dialog.code.setText(server.issue_code("volunteer", kelurahan=KELURAHAN, rt=rt))
    with qtbot.waitSignal(dialog.enrolled, timeout=10_000):
        dialog.ok.click()
    qtbot.waitUntil(lambda: not win.sync.controller.running, timeout=10_000)
    win.sync.enrol_button.click()  # again: it says what this laptop is enrolled as
    again = win.sync.enrol_dialog
    qtbot.waitUntil(lambda: again.current.isVisibleTo(again))
    assert f"sudah terdaftar di {server.url} sebagai laptop relawan RT {rt}" in again.current.text()
    assert again.server.text() == server.url
    again.reject()
    write(qtbot, win, lambda s: s.save(make_session(), user=USER))
    qtbot.waitUntil(lambda: "Perubahan belum terkirim: 1" in win.unsent_label.text())
    # A volunteer's laptop: its unsent changes in sight, its open forms being filled in.
    assert win.unsent_label.isVisibleTo(win) and win.sync.buttons["unsent"].isVisibleTo(win)
    assert win.page_widgets["home"].unsent_card.isVisibleTo(win)
    assert win.open_title.text() == "Sedang diisi"
    result = sync(qtbot, win)
    assert result.pushed == 1
    qtbot.waitUntil(lambda: "Perubahan belum terkirim: 0" in win.unsent_label.text())
    qtbot.waitUntil(lambda: "WITA" in win.sync.status.last_sync.text())
    assert not win.sync.status.error.isVisible()


def test_the_timer_syncs_after_a_probe(qtbot, tmp_path: Path, server, rt) -> None:
    win = open_window(qtbot, tmp_path / "a", rt=rt, server=server)
    write(qtbot, win, lambda s: s.save(make_session(), user=USER))
    win.sync.controller.set_interval(200)
    with qtbot.waitSignal(win.sync.controller.finished, timeout=15_000,
                          check_params_cb=lambda r: r.pushed == 1):
        pass
    qtbot.waitUntil(lambda: "Perubahan belum terkirim: 0" in win.unsent_label.text())
    observer = other_device(tmp_path, server, rt)
    assert run_sync(observer).pulled == 1


def test_server_down_shows_plain_words_and_keeps_the_data(qtbot, tmp_path: Path, rt) -> None:
    with running_server(tmp_path / "srv") as own:
        win = open_window(qtbot, tmp_path / "a", rt=rt, server=own)
    write(qtbot, win, lambda s: s.save(make_session(), user=USER))
    with qtbot.waitSignal(win.sync.controller.failed, timeout=15_000) as blocker:
        qtbot.keyClick(win, Qt.Key.Key_F5)
    assert blocker.args[0].kind == "unreachable"
    expected = error_message("unreachable")
    assert expected == "Server tidak terjangkau — data tetap aman di laptop ini"
    qtbot.waitUntil(lambda: win.sync.status.error.text() == expected)
    assert "Perubahan belum terkirim: 1" in win.unsent_label.text()


def _edit(store, record_id: str, **changes) -> None:
    store.save(dataclasses.replace(store.get(Incident, record_id), **changes), user=USER)


def test_a_conflict_shows_and_choosing_a_value_resolves_it(qtbot, tmp_path: Path, server,
                                                           rt) -> None:
    win = open_window(qtbot, tmp_path / "a", rt=rt, server=server)
    b = other_device(tmp_path, server, rt)
    incident_id = write(qtbot, win, lambda s: s.save(make_incident(), user=USER))[0].record_id
    sync(qtbot, win)
    run_sync(b)
    write(qtbot, win, lambda s: _edit(s, incident_id, victim_name="Nama versi A") or [])
    _edit(b, incident_id, victim_name="Nama versi B")
    sync(qtbot, win)
    run_sync(b)
    assert sync(qtbot, win).conflicts == 1
    win.show_page("conflicts")
    page = win.page_widgets["conflicts"]
    qtbot.waitUntil(lambda: len(page.cards) == 1)
    card = page.cards[0]
    assert card.row["field"] == "Nama / inisial korban" and card.row["record"].startswith("Kasus ")
    assert "Nama versi" not in card.current.text()  # masked until Tampilkan
    assert not card.keep_current.isEnabled() and not card.keep_other.isEnabled()  # not unseen
    # The value that lost was this laptop's own (A's): said so, not "from another laptop".
    labels = [w.text() for w in card.findChildren(QLabel)]
    assert "Nilai yang tertimpa, dari laptop ini" in labels
    assert "Nilai yang dipakai sekarang" in labels
    card.reveal.click()
    qtbot.waitUntil(lambda: card.other.text() == "Nama versi A")
    assert card.current.text() == "Nama versi B"
    assert card.keep_other.isEnabled()
    card.keep_other.click()
    qtbot.waitUntil(lambda: page.loaded and not page.cards)
    assert sync(qtbot, win).pushed == 2
    run_sync(b)
    assert b.get(Incident, incident_id).victim_name == "Nama versi A"
    assert conflicts.open_conflicts(b) == []


def test_a_coordinator_is_not_told_a_value_it_never_receives_was_empty(
        tmp_path: Path, server, rt) -> None:
    """The server sends a coordinator no losing value: its Konflik says so, not "(kosong)"."""
    a, b = other_device(tmp_path, server, rt, "a"), other_device(tmp_path, server, rt, "b")
    incident_id = a.save(make_incident(), user=USER)[0].record_id
    run_sync(a)
    run_sync(b)
    _edit(a, incident_id, risk_level="sedang")
    _edit(b, incident_id, risk_level="tinggi")
    run_sync(a)
    run_sync(b)
    unlocked, _ = access.initialise(tmp_path / "coord", kelurahan_code="", rt="", name="K",
                                    password="sandi-uji-12", kdf=FAST, role="coordinator")
    try:
        enrol(unlocked.store, server.url, server.issue_code("coordinator", kelurahan=KELURAHAN))
        run_sync(unlocked.store)
        rows = [r for r in load_conflicts(unlocked.store, "id") if r["field"] == "Tingkat risiko"]
        assert rows and rows[0]["other"] == "(tidak dikirim ke laptop koordinator)"
        assert rows[0]["current"] == "Tinggi"  # the later write won
    finally:
        unlocked.store.close()


def test_the_unsent_view_lists_a_rejected_change_with_its_reason(qtbot, qtmodeltester,
                                                                 tmp_path: Path, server,
                                                                 rt) -> None:
    win = open_window(qtbot, tmp_path / "a", rt=rt, server=server)
    write(qtbot, win, lambda s: s.save(make_session(venue="Balai"), user=USER))

    def tamper(s) -> list:  # an older app let a bad value through; the server checks it
        (pending,) = s.pending_changes()
        with s.writing():
            s.db.execute("UPDATE outbox SET fields = ? WHERE seq = ?",
                         [json.dumps({**pending["fields"], "fathers": -3}), pending["seq"]])
        return []
    write(qtbot, win, tamper)
    assert sync(qtbot, win).rejected == 1
    win.show_page("unsent")
    page = win.page_widgets["unsent"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    model = page.model
    assert model.index(0, model.COL_STATE).data() == "Ditolak server"
    assert model.index(0, model.COL_REASON).data()
    assert model.index(0, model.COL_RECORD).data().startswith("Sesi ")
    assert "{" not in model.index(0, model.COL_REASON).data()  # words, not the stored JSON
    qtmodeltester.check(model)


def referred_to_uptd(qtbot, tmp_path: Path, server: ServerProcess, rt: str):
    """A high-risk case an RT laptop referred to UPTD PPA (sent), and an UPTD laptop's window
    (not synced yet): ``(volunteer store, case id, referral id, window)``."""
    volunteer = other_device(tmp_path, server, rt, "vol")
    changes = volunteer.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                             referrals=[make_referral()])
    referral_id = next(c.record_id for c in changes if c.record_type == "referral")
    run_sync(volunteer)
    win = open_window(qtbot, tmp_path / "uptd", role="uptd", server=server,
                      code=server.issue_code("uptd"))
    qtbot.waitUntil(lambda: win.sync.role == "uptd")
    return volunteer, changes[0].record_id, referral_id, win


def test_uptd_answers_a_referral_and_it_flows_back(qtbot, tmp_path: Path, server, rt) -> None:
    volunteer, case_id, referral_id, win = referred_to_uptd(qtbot, tmp_path, server, rt)
    assert win.nav_buttons["incoming"].isVisibleTo(win)
    assert not win.page_widgets["home"].new_session.isVisibleTo(win)
    # It answers referrals (sent like any change): its unsent count stays in sight. It receives
    # referred cases only: no sessions, no follow-up notes — none of their cards or lists.
    home = win.page_widgets["home"]
    assert not win.nav_buttons["sessions"].isVisibleTo(win)
    qtbot.waitUntil(lambda: "UPTD PPA, seluruh Kota Balikpapan" in home.today_label.text())
    assert home.unsent_card.isVisibleTo(win) and win.sync.buttons["unsent"].isVisibleTo(win)
    assert home.cases_card.isVisibleTo(win)
    assert not any(w.isVisibleTo(win) for w in (home.sessions_card, home.follow_card,
                                                home.follow_list, home.follow_empty))
    assert win.open_title.text() == "Sedang dibuka"
    win.show_page("settings")
    qtbot.waitUntil(lambda: win.settings_page.place.text() == "UPTD PPA, seluruh Kota Balikpapan")
    sync(qtbot, win)
    win.show_page("incoming")
    page = win.page_widgets["incoming"]
    qtbot.waitUntil(lambda: page.list.count() >= 1)
    item = next(page.list.item(i) for i in range(page.list.count())
                if page.list.item(i).data(Qt.ItemDataRole.UserRole) == referral_id)
    page.list.setCurrentItem(item)
    qtbot.waitUntil(lambda: page.detail.isEnabled())
    page.reveal_button.click()  # the note, like the case, is masked until "Tampilkan"
    qtbot.waitUntil(lambda: not page.note_field.masked)
    page.status.setCurrentIndex(page.status.findData("diterima"))
    page.note.setPlainText("Ditangani konselor.")
    page.save_button.click()
    qtbot.waitUntil(lambda: "disimpan" in page.message.text())
    assert sync(qtbot, win).pushed == 1
    run_sync(volunteer)
    got = volunteer.get(Referral, referral_id)
    assert (got.status, got.response_note) == ("diterima", "Ditangani konselor.")
    # The case itself, read-only: its follow-up notes never come here, and it says so
    # rather than "none yet".
    win.open_record("incident", case_id)
    form = win.pages.currentWidget()
    qtbot.waitUntil(lambda: not form.is_loading)
    assert form.timeline.empty.text() == ("Catatan tindak lanjut dari RT tidak dikirim ke "
                                          "laptop UPTD PPA.")


def test_a_coordinators_long_first_pull_from_the_app_arrives_whole(
        qtbot, tmp_path: Path, server, rt, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past PROCESS_AFTER pages of one type, the app's sync fetches them in a child process
    (spawned from the app, beside its screen): every record arrives, once."""
    # Every page after the first from the child, not those past the tenth: a short test.
    monkeypatch.setattr(pull_pages, "PROCESS_AFTER", 0)
    started: list = []
    start = pull_pages.PageProcess.start.__func__  # type: ignore[attr-defined]

    def counted(cls, *args, **kwargs):
        child = start(cls, *args, **kwargs)
        started.append(child)
        return child
    monkeypatch.setattr(pull_pages.PageProcess, "start", classmethod(counted))
    volunteer = other_device(tmp_path, server, rt)
    with volunteer.writing():
        for n in range(1_200):
            volunteer.save(make_session(fathers=n % 40), user=USER)
    assert run_sync(volunteer).pushed == 1_200
    win = open_window(qtbot, tmp_path / "coord", role="coordinator", server=server,
                      code=server.issue_code("coordinator", kelurahan=KELURAHAN))
    result = sync(qtbot, win)
    assert result.exit_code == 0 and started and all(started)  # a child did fetch
    store = win.ctx.unlocked.store
    rows = store.db.execute("SELECT count(*), count(DISTINCT id) FROM parenting_sessions"
                            " WHERE rt = ?", [rt]).fetchone()
    assert tuple(rows) == (1_200, 1_200)  # all of them, each once


def test_a_coordinator_laptop_offers_no_new_records(qtbot, tmp_path: Path) -> None:
    win = open_window(qtbot, tmp_path / "coord", role="coordinator")
    qtbot.waitUntil(lambda: win.sync.role == "coordinator")
    assert not win.page_widgets["home"].new_session.isVisibleTo(win)
    assert not win.page_widgets["home"].new_incident.isVisibleTo(win)
    assert not win.page_widgets["sessions"].new_button.isVisibleTo(win)
    assert not win.nav_buttons["incoming"].isVisibleTo(win)
    # It sends nothing: no unsent count anywhere; what it opens, it only reads.
    home = win.page_widgets["home"]
    assert not win.sync.buttons["unsent"].isVisibleTo(win)
    assert not win.unsent_label.isVisibleTo(win)
    qtbot.waitUntil(lambda: "hanya melihat data" in home.today_label.text())
    assert "Koordinator, belum terdaftar ke server kota" in home.today_label.text()
    assert not home.unsent_card.isVisibleTo(win)
    assert home.sessions_card.isVisibleTo(win) and home.follow_card.isVisibleTo(win)
    assert win.open_title.text() == "Sedang dibuka"
    assert "di sini hanya terlihat" in win.page_widgets["conflicts"].hint.text()
    win.show_page("settings")  # Pengaturan names it too
    qtbot.waitUntil(lambda: "Koordinator, belum terdaftar" in win.settings_page.place.text())
    win.new_record("incident")
    assert win.forms == []


def test_a_coordinator_opens_a_case_read_only_and_without_identity(qtbot, tmp_path: Path,
                                                                    server, rt) -> None:
    volunteer = other_device(tmp_path, server, rt)
    case_id = volunteer.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                             referrals=[make_referral()])[0].record_id
    session_id = volunteer.save(make_session(), user=USER)[0].record_id
    run_sync(volunteer)
    win = open_window(qtbot, tmp_path / "coord", role="coordinator", server=server,
                      code=server.issue_code("coordinator", kelurahan=KELURAHAN))
    sync(qtbot, win)
    home = win.page_widgets["home"]
    qtbot.waitUntil(lambda: "hanya melihat data" in home.today_label.text())
    area = f"Koordinator, Kelurahan {wilayah.kelurahan(KELURAHAN).name} ({KELURAHAN})"
    assert area in home.today_label.text()
    win.show_page("settings")
    qtbot.waitUntil(lambda: win.settings_page.place.text() == area)
    for record_type, record_id in (("incident", case_id), ("parenting_session", session_id)):
        win.open_record(record_type, record_id)
        form = win.pages.currentWidget()
        assert form.record_id == record_id
        qtbot.waitUntil(lambda f=form: not f.is_loading)
        # Neither before nor after the record loaded: the store would refuse both.
        assert not form.delete_button.isVisibleTo(win)
        assert not form.save_button.isVisibleTo(win)
        assert not form.content.isEnabled()
        if record_type == "incident":
            # Nothing to add either: no "Catatan baru", "Tambah rujukan", "Cetak surat rujukan".
            assert not form.timeline.new_box.isVisibleTo(win)
            assert not form.referrals.add_button.isVisibleTo(win)
            assert form.referrals.stored and not any(
                b.isVisibleTo(win) for b in form.findChildren(QPushButton)
                if b.objectName() == "printReferralLetter")
            assert not form.reveal_button.isVisibleTo(win)  # nothing to show: never sent here
            assert form.reveal_hint.isVisibleTo(win)
            assert "tidak dikirim ke laptop koordinator" in form.reveal_hint.text()
            # High risk: the coordinator checks that the RT called, it is not told to call.
            assert form.banner.isVisibleTo(win)
            assert "pastikan relawan RT sudah menghubungi" in form.banner.text()
            assert "SAPA 129" in form.banner.text()


def test_quitting_during_a_sync_returns_and_keeps_the_data(qtbot, tmp_path: Path, server,
                                                           rt) -> None:
    win = open_window(qtbot, tmp_path / "a", rt=rt, server=server)
    for _ in range(3):
        write(qtbot, win, lambda s: s.save(make_session(), user=USER))
    assert win.sync.controller.sync_now()
    win.close()
    assert win.sync.controller.network.activeThreadCount() == 0  # the run stopped
    unlocked = access.unlock(tmp_path / "a", "Sari", "sandi-uji-12")
    try:
        assert unlocked.store.count(ParentingSession) == 3  # nothing lost, nothing doubled
        sent = run_sync(unlocked.store)
        assert unlocked.store.pending_count() == 0 and sent.rejected == 0
    finally:
        unlocked.store.close()


def test_an_open_form_takes_in_what_a_sync_brings_and_never_overwrites_it_unseen(
        qtbot, tmp_path: Path, server, rt) -> None:
    """Laptop B has a session open while laptop A's edit of it arrives by sync: the field B is
    not touching shows A's value at once; the field B is typing in keeps B's text, and the
    first "Simpan" says A changed it (and to what) instead of overwriting it unseen."""
    a = other_device(tmp_path, server, rt, "a")
    session_id = a.save(make_session(), user=USER)[0].record_id
    run_sync(a)
    win = open_window(qtbot, tmp_path / "b", rt=rt, server=server)
    sync(qtbot, win)
    win.open_record("parenting_session", session_id)
    form = win.pages.currentWidget()
    qtbot.waitUntil(lambda: not form.is_loading)
    a.save(dataclasses.replace(a.get(ParentingSession, session_id), venue="Balai dari A",
                               fathers=9), user=USER)
    run_sync(a)
    form.fields["venue"].set_value("Balai dari B")  # what B is typing, not saved yet
    sync(qtbot, win)
    qtbot.waitUntil(lambda: form.field_value("fathers") == 9)  # untouched: A's value shows
    assert form.field_value("venue") == "Balai dari B"  # typed: kept
    assert "diperbarui dari laptop lain" in form.notice.text()
    form.save()
    qtbot.waitUntil(lambda: "Belum tersimpan" in form.notice.text())
    assert "Balai dari A" in form.notice.text()  # what A wrote, said before anything is lost
    store = win.ctx.unlocked.store
    assert store.get(ParentingSession, session_id).venue == "Balai dari A"  # nothing saved
    form.save()  # B has seen A's value and still chooses its own
    qtbot.waitUntil(lambda: store.get(ParentingSession, session_id).venue == "Balai dari B")
    assert store.get(ParentingSession, session_id).fathers == 9  # A's other edit stays
