"""A laptop's own records, per backend: what it pushed is not downloaded back ("Not downloading
back" in docs/protocol.md), and a copy of its database — restored from a backup, put back by
hand, or a second laptop on the same enrolment — still gets everything the server has."""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.records import Incident, ParentingSession
from rt_desktop.store import sync_apply
from rt_desktop.store.backups import create_backup, restore_backup
from rt_desktop.store.store import Store
from sync.client import enrol, run_sync
from sync.client.backoff import BackoffPolicy
from sync.client.enrol import connect
from sync.client.http import Connection
from sync.client.push import direct, push_changes
from tests.sync.helpers import (
    KELURAHAN,
    USER,
    Devices,
    assert_converged,
    edit,
    make_incident,
    make_referral,
    make_session,
)


@dataclass(frozen=True)
class Laptop:
    """A volunteer laptop's database folder and key: a test copies the folder aside, puts a
    copy back over it, and opens either."""

    data: Path
    key: bytes

    @contextlib.contextmanager
    def open(self) -> Iterator[Store]:
        store = Store.open(self.data, self.key)
        try:
            yield store
        finally:
            store.close()

    def copy_to(self, folder: Path) -> Laptop:
        shutil.copytree(self.data, folder, ignore=shutil.ignore_patterns("backups"))
        return Laptop(folder, self.key)

    def put_back(self, copy: Laptop) -> None:
        for name in os.listdir(copy.data):
            shutil.copy2(copy.data / name, self.data / name)


@pytest.fixture
def laptop(devices: Devices, tmp_path: Path) -> Laptop:
    """An enrolled volunteer laptop of the test's RT, closed."""
    made = Laptop(tmp_path / "laptop", os.urandom(32))
    store = Store.create(made.data, made.key, kelurahan_code=KELURAHAN, rt=devices.rt,
                         role="volunteer")
    try:
        enrol(store, devices.server.url, devices.server.issue_code(
            "volunteer", kelurahan=KELURAHAN, rt=devices.rt))
    finally:
        store.close()
    return made


def test_a_laptop_does_not_download_back_what_it_sent(devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    for fathers in (1, 2, 3):
        a.save(make_session(fathers=fathers), user=USER)
    # A case referred to UPTD PPA: the server flags it for UPTD, which the laptop never sees.
    incident_id = a.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                         referrals=[make_referral()])[0].record_id
    first = run_sync(a)
    assert (first.pushed, first.pulled) == (5, 0)  # its own records: here already
    assert run_sync(b).pulled == 5
    # What another laptop wrote comes, and so does a record the server merged.
    edit(b, Incident, incident_id, victim_name="Nama versi B")
    run_sync(b)
    edit(a, Incident, incident_id, victim_contact="0812-0000-2222")
    second = run_sync(a)
    assert (second.pushed, second.merged, second.pulled) == (1, 1, 1)
    got = a.get(Incident, incident_id)
    assert (got.victim_name, got.victim_contact) == (  # type: ignore[union-attr]
        "Nama versi B", "0812-0000-2222")
    assert run_sync(b).pulled == 1
    assert_converged(devices, a, b)  # rev, updated_at and clocks too (replica)


def test_a_change_whose_answer_was_lost_leaves_the_laptop_as_the_server_has_it(
        devices: Devices) -> None:
    """The server stored a change but its answer never arrived; the next sync sends it again
    (duplicate) with newer work in the same batch. The duplicate's record comes back with the
    pull (its first answer may belong to another copy of this database); the laptop ends
    exactly as the server has both records."""
    a = devices.volunteer("a")
    a.save(make_session(venue="Jawaban hilang"), user=USER)
    (change,) = sync_apply.outgoing_changes(a, limit=10)
    with connect(a) as conn:  # stored on the server; the laptop never hears of it
        body = {"changes": [{k: v for k, v in change.items() if k != "seq"}]}
        assert conn.post("/push", body)["results"][0]["status"] == "applied"
    a.save(make_session(venue="Sesudahnya"), user=USER)
    result = run_sync(a)
    assert (result.pushed, result.pulled) == (2, 1)
    assert_converged(devices, a)


@pytest.mark.parametrize("first", ["sync", "edit then sync"])
def test_a_laptop_put_back_to_an_older_copy_gets_what_it_sent_since(
        devices: Devices, laptop: Laptop, tmp_path: Path, first: str) -> None:
    """Restored from a backup, or its database file copied back by hand: the records it sent
    after that copy was made come back from the server — also when the first sync after it
    sends something new (its answers must not let the pull skip the older records)."""
    with laptop.open() as a:
        a.save(make_session(venue="Sebelum cadangan"), user=USER)
        run_sync(a)
        backup = create_backup(a, user=USER)
    by_hand = laptop.copy_to(tmp_path / "copied-by-hand")
    with laptop.open() as a:
        later = a.save(make_session(venue="Sesudah cadangan"), user=USER)[0].record_id
        assert run_sync(a).pulled == 0

    def sync_what_was_put_back() -> None:
        with laptop.open() as a:
            assert a.get(ParentingSession, later) is None
            if first == "edit then sync":
                a.save(make_session(venue="Baru sesudah dikembalikan"), user=USER)
            run_sync(a)
            assert a.get(ParentingSession, later).venue == "Sesudah cadangan"  # type: ignore
            assert_converged(devices, a)

    restore_backup(laptop.data, backup, laptop.key, user=USER)
    sync_what_was_put_back()
    laptop.put_back(by_hand)
    sync_what_was_put_back()


@pytest.mark.parametrize("how", ["restore", "by hand"])
def test_a_laptop_put_back_gets_what_its_discarded_copy_wrote_into_a_record_it_edits(
        devices: Devices, laptop: Laptop, tmp_path: Path, how: str) -> None:
    """After a restore (or a copy put back) the laptop edits a record that its discarded
    history had changed since: the server's record holds that other field, which this copy
    never had, so the record must come back with the pull (found by review)."""
    with laptop.open() as a:
        session_id = a.save(make_session(venue="Balai lama", summary="Ringkasan lama"),
                            user=USER)[0].record_id
        run_sync(a)
        backup = create_backup(a, user=USER)
    by_hand = laptop.copy_to(tmp_path / "copied-by-hand")
    with laptop.open() as a:  # the history about to be discarded
        edit(a, ParentingSession, session_id, venue="Balai baru")
        run_sync(a)
    if how == "restore":
        restore_backup(laptop.data, backup, laptop.key, user=USER)
    else:
        laptop.put_back(by_hand)
    with laptop.open() as a:
        edit(a, ParentingSession, session_id, summary="Ringkasan baru")
        run_sync(a)
        got = a.get(ParentingSession, session_id)
        assert (got.venue, got.summary) == ("Balai baru", "Ringkasan baru")  # type: ignore
        assert_converged(devices, a)


def test_a_copy_put_back_whose_sync_is_cut_off_before_its_pull_misses_nothing(
        devices: Devices, laptop: Laptop, tmp_path: Path) -> None:
    """The put-back copy's first push is applied over writes it never had (no seq in the
    answer); the network goes before the pull; its next edit must not be taken as made on
    the server's version (found by review)."""
    with laptop.open() as a:
        session_id = a.save(make_session(venue="Balai lama", summary="Ringkasan 0"),
                            user=USER)[0].record_id
        run_sync(a)
    by_hand = laptop.copy_to(tmp_path / "copy")
    with laptop.open() as a:  # the history about to be discarded
        edit(a, ParentingSession, session_id, venue="Balai baru")
        run_sync(a)
    laptop.put_back(by_hand)
    with laptop.open() as a:
        edit(a, ParentingSession, session_id, summary="Ringkasan 1")
        with connect(a) as conn:  # pushed; the pull never happens
            stats = push_changes(conn, direct(a), policy=BackoffPolicy())
            assert (stats.acknowledged, stats.merged, stats.own) == (1, 0, [])
        edit(a, ParentingSession, session_id, summary="Ringkasan 2")
        run_sync(a)
        got = a.get(ParentingSession, session_id)
        assert (got.venue, got.summary) == ("Balai baru", "Ringkasan 2")  # type: ignore
        assert_converged(devices, a)


def test_two_copies_of_one_laptop_syncing_at_once_miss_nothing(
        laptop: Laptop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the laptop's database syncs between two push batches of the laptop: its new
    record falls between their seqs, and must still reach the laptop (found by review)."""
    with laptop.open() as a:
        run_sync(a)
    copy = laptop.copy_to(tmp_path / "copy")
    with copy.open() as b:
        b.save(make_session(venue="Dari salinan B"), user=USER)
    post, pushes = Connection.post, []

    def post_then_the_copy_syncs(self: Connection, path: str, body: dict[str, Any]) -> Any:
        answer = post(self, path, body)
        pushes.append(path)
        if len(pushes) == 1:
            with copy.open() as other:
                run_sync(other)
        return answer

    with laptop.open() as a:
        a.save(make_session(venue="A satu"), user=USER)
        a.save(make_session(venue="A dua"), user=USER)
        monkeypatch.setattr(Connection, "post", post_then_the_copy_syncs)
        run_sync(a, push_batch=1)
        monkeypatch.setattr(Connection, "post", post)
        assert sorted(s.venue for s in a.list_records(ParentingSession)) == [  # type: ignore
            "A dua", "A satu", "Dari salinan B"]
