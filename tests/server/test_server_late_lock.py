"""Pushes lock late (DESIGN.md §5): on PostgreSQL two batches load, merge and validate side by
side and queue only to number, write and commit. Racing batches still end with every answer,
one record per id, and every overwritten value in a conflict entry — on both backends."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from rt_desktop.merge import DELETED
from sync import protocol
from sync.server import batch as batch_module
from sync.server.codec import Doc
from sync.server.config import ServerConfig
from sync.server.crypto import FieldCipher
from sync.server.push import push_changes
from sync.server.storage import Device as StoredDevice
from sync.server.storage import Storage
from tests.server.conftest import Device, new_session

HOLD = 0.5  # seconds the first batch keeps its locks after loading (or waits for the second)


@dataclasses.dataclass
class Race:
    """Two pushes in threads; the first pauses right after loading its records."""

    storage: Storage
    cipher: FieldCipher
    first_loaded: threading.Event = dataclasses.field(default_factory=threading.Event)
    second_loaded: threading.Event = dataclasses.field(default_factory=threading.Event)

    def run(self, first: tuple[StoredDevice, list[dict[str, Any]]],
            second: tuple[StoredDevice, list[dict[str, Any]]]) -> list[list[Any]]:
        answers: list[list[Any]] = [[], []]
        errors: list[BaseException] = []

        def push(slot: int, device: StoredDevice, changes: list[dict[str, Any]]) -> None:
            try:
                if slot == 1:
                    assert self.first_loaded.wait(10)
                parsed = protocol.PushRequest.model_validate({"changes": changes}).changes
                answers[slot] = push_changes(self.storage, self.cipher, device, parsed)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the test's thread
                errors.append(exc)

        threads = [threading.Thread(target=push, args=(0, *first), name="first"),
                   threading.Thread(target=push, args=(1, *second), name="second")]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        if errors:
            raise errors[0]
        return answers


@pytest.fixture
def race(storage: Storage, config: ServerConfig,
         monkeypatch: pytest.MonkeyPatch) -> Iterator[Race]:
    race = Race(storage, FieldCipher(config.secret_key))  # the app's key: it reads them back
    load = batch_module.Batch.load

    def paused_load(self: batch_module.Batch, changes: Any) -> None:
        load(self, changes)
        if threading.current_thread().name == "first" and not race.first_loaded.is_set():
            race.first_loaded.set()
            # PostgreSQL: the second batch loads meanwhile (new records: nothing to wait for)
            # or waits for our row locks; SQLite: it waits for the write lock.
            race.second_loaded.wait(HOLD)
        elif threading.current_thread().name == "second":
            race.second_loaded.set()

    monkeypatch.setattr(batch_module.Batch, "load", paused_load)
    yield race


def _stored(storage: Storage, device: Device) -> StoredDevice:
    with storage.transaction() as tx:
        found = tx.device(device.device_id)
    assert found is not None
    return found


def test_two_devices_edit_one_record_at_once(race: Race, storage: Storage,
                                             enrol: Callable[..., Device]) -> None:
    a, b = enrol(), enrol()
    session = new_session()
    assert a.push(a.change(session))[0]["status"] == "applied"
    edit_a = a.change(dataclasses.replace(session, venue="Rumah Pak RT"), base_rev=1,
                      names=("venue",))
    edit_b = b.change(dataclasses.replace(session, venue="Masjid Al-Ikhlas"), base_rev=1,
                      names=("venue",))
    first, second = race.run((_stored(storage, a), [edit_a]), (_stored(storage, b), [edit_b]))
    assert first[0].status == "applied" and second[0].status == "merged"
    records = a.pull_all("parenting_session")
    assert list(records) == [session.id] and records[session.id]["rev"] == 3
    assert records[session.id]["fields"]["venue"] == "Masjid Al-Ikhlas"  # the later clock wins
    [conflict] = a.pull_all("conflict").values()
    assert conflict["fields"]["parent_id"] == session.id
    assert conflict["fields"]["losing_value"] == '"Rumah Pak RT"'
    # Retried, both get their answers again, and nothing more is written.
    assert [r["status"] for r in a.push(edit_a)] == ["duplicate"]
    assert [r["status"] for r in b.push(edit_b)] == ["duplicate"]
    assert len(a.pull_all("conflict")) == 1


def test_a_retry_racing_its_original_makes_one_record(race: Race, storage: Storage,
                                                      enrol: Callable[..., Device]) -> None:
    a = enrol()
    create = a.change(new_session())
    device = _stored(storage, a)
    first, second = race.run((device, [create]), (device, [create]))
    assert {first[0].status, second[0].status} == {"applied", "duplicate"}
    assert list(a.pull_all("parenting_session")) == [create["record_id"]]


def test_two_creates_of_one_new_record_never_overwrite(race: Race, storage: Storage,
                                                       enrol: Callable[..., Device]) -> None:
    """Two batches both find the record missing and both create it: the one that commits
    second fails its insert, is retried, and merges onto the first instead of replacing it.
    (On PostgreSQL the second batch commits first here, so the earlier create arrives last and
    is merged: the later clock keeps the venue.)"""
    a = enrol()
    session = new_session()
    create = a.change(session)
    again = a.change(dataclasses.replace(session, venue="Balai RW 03"),
                     names=("venue", "session_date", "start_time", "end_time", "topics",
                            DELETED))
    device = _stored(storage, a)
    first, second = race.run((device, [create]), (device, [again]))
    assert {first[0].status, second[0].status} <= {"applied", "merged"}
    [record] = a.pull_all("parenting_session").values()
    assert record["fields"]["venue"] == "Balai RW 03"  # the later write, on top of the first
    assert record["fields"]["fathers"] == session.fathers  # the first write is all still there
    assert record["rev"] == 2


def test_doc_copy_is_complete_and_independent() -> None:
    doc = Doc("incident", "id-1", "64.71.03.1004", "007", 3, 9, "c", "u", "by", "dev",
              {"risk_level": "tinggi"}, {}, ["needs_referral"], uptd=True,
              coordinator_hidden=True, new=True)
    copied = doc.copy()
    assert copied == doc and copied is not doc
    assert [f.name for f in dataclasses.fields(Doc)] == list(vars(copied))
    copied.values["risk_level"] = "rendah"
    copied.attention.append("x")
    assert doc.values == {"risk_level": "tinggi"} and doc.attention == ["needs_referral"]
