"""Encrypted backups: create, list, retention, automatic daily backups, and restore."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

from rt_desktop import errors
from rt_desktop.demo import make_session
from rt_desktop.records import ParentingSession
from rt_desktop.store.backups import (
    BACKUPS_DIRNAME,
    WITA,
    auto_backup,
    backups_to_keep,
    create_backup,
    list_backups,
    prune_backups,
    restore_backup,
)
from rt_desktop.store.connection import DB_FILENAME
from rt_desktop.store.keyslots import KEYS_FILENAME, KdfParams, KeySlots
from rt_desktop.store.store import Store
from rt_desktop.validation import today_wita

CHEAP = KdfParams(n=2**10)
KELURAHAN = "64.71.01.1001"  # Manggar
PASSWORD = "pelangi-senja-42"
CANARY = "Balai Warga Kenanga Canary 7731"
NOW = dt.datetime(2026, 11, 28, 2, 0, tzinfo=dt.UTC)  # 10:00 WITA, a Saturday


@dataclasses.dataclass
class Device:
    data_dir: Path
    key: bytes
    slots: KeySlots
    store: Store

    def reopen(self) -> Store:
        self.store.close()
        self.store = Store.open(self.data_dir, self.key)
        return self.store


@pytest.fixture()
def device(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    slots, key, _ = KeySlots.create(data_dir / KEYS_FILENAME, "Ibu Sari", PASSWORD, kdf=CHEAP)
    made = Device(data_dir, key, slots, Store.create(data_dir, key, kelurahan_code=KELURAHAN,
                                                      rt="007"))
    yield made
    made.store.close()


def add_session(store: Store, venue: str, seed: int = 1) -> str:
    session = dataclasses.replace(make_session(random.Random(seed), today_wita()), venue=venue)
    (change,) = store.save(session, user="Ibu Sari")
    return change.record_id


def venues(store: Store) -> set[str]:
    return {s.venue for s in store.list_records(ParentingSession)}


def open_copy(folder: Path, key: bytes, tmp_path: Path) -> Store:
    """Open a backup through a copy, so the backup itself stays byte for byte as made."""
    copy = tmp_path / f"copy-{folder.name}"
    shutil.copytree(folder, copy)
    return Store.open(copy, key)


# --- create and list ------------------------------------------------------------------------

def test_backup_is_encrypted_and_complete(device, tmp_path):
    add_session(device.store, CANARY)
    path = create_backup(device.store, reason="manual", user="Ibu Sari", now=NOW)
    assert path.parent == device.data_dir / BACKUPS_DIRNAME
    assert path.name == "20261128T020000Z-manual"
    raw = (path / DB_FILENAME).read_bytes()
    assert CANARY.encode() not in raw and CANARY.encode("utf-16-le") not in raw
    assert not raw.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(path / DB_FILENAME).execute("SELECT * FROM sqlite_master").fetchall()
    copy = open_copy(path, device.key, tmp_path)
    assert venues(copy) == {CANARY}
    copy.close()
    (info,) = list_backups(device.data_dir)
    assert (info.path, info.created_at, info.reason) == (path, NOW, "manual")
    assert info.size >= len(raw) + (path / KEYS_FILENAME).stat().st_size
    (entry,) = [e for e in device.store.audit_entries() if e["action"] == "backup"]
    assert entry["user"] == "Ibu Sari" and path.name in entry["detail"]


def test_backup_opens_with_the_passwords_of_its_time(device, tmp_path):
    path = create_backup(device.store, now=NOW)
    device.slots.change_password("Ibu Sari", PASSWORD, "kata-sandi-baru")
    old_slots = KeySlots.load(path / KEYS_FILENAME)
    assert old_slots.unlock("Ibu Sari", PASSWORD) == device.key
    with pytest.raises(errors.WrongPassword):
        old_slots.unlock("Ibu Sari", "kata-sandi-baru")


def test_two_backups_in_one_second_get_two_folders(device):
    first = create_backup(device.store, now=NOW)
    second = create_backup(device.store, now=NOW)
    assert first != second and len(list_backups(device.data_dir)) == 2


@pytest.mark.parametrize("reason", ["", "Manual", "../x", "a b", "x" * 40])
def test_backup_reason_must_be_a_code(device, reason):
    with pytest.raises(ValueError):
        create_backup(device.store, reason=reason)


def test_unwritable_backup_folder_is_a_storage_error(device):
    (device.data_dir / BACKUPS_DIRNAME).write_text("a file where the folder should be")
    with pytest.raises(errors.StorageError):
        create_backup(device.store, now=NOW)
    assert [p.name for p in device.data_dir.iterdir() if p.name.startswith(".")] == []


def test_list_skips_what_is_not_a_whole_backup(device):
    good = create_backup(device.store, now=NOW)
    root = device.data_dir / BACKUPS_DIRNAME
    (root / "holiday photos").mkdir()
    (root / ".partial-20261128T030000Z-manual-1").mkdir()
    broken = root / "20261127T020000Z-manual"
    shutil.copytree(good, broken)
    (broken / "backup.json").write_text("{not json")
    assert [b.path for b in list_backups(device.data_dir)] == [good]
    assert list_backups(device.data_dir / "nowhere") == []


# --- retention ---------------------------------------------------------------------------------

def _utc(y: int, m: int, d: int, hour: int = 2, minute: int = 0) -> dt.datetime:
    return dt.datetime(y, m, d, hour, minute, tzinfo=dt.UTC)


def _kept_dates(created: list[dt.datetime], **rules: int) -> set[dt.date]:
    return {created[i].astimezone(WITA).date() for i in backups_to_keep(created, **rules)}


def test_retention_over_thirteen_months_of_daily_backups():
    days = [_utc(2025, 10, 25) + dt.timedelta(days=n) for n in range(400)]
    assert days[-1] == NOW
    expected = {dt.date(2026, 11, d) for d in range(22, 29)}            # 7 daily
    expected |= {dt.date(2026, 11, 15), dt.date(2026, 11, 8)}          # weekly: Sundays
    expected |= {dt.date(2026, 10, 31), dt.date(2026, 9, 30), dt.date(2026, 8, 31),
                 dt.date(2026, 7, 31), dt.date(2026, 6, 30), dt.date(2026, 5, 31),
                 dt.date(2026, 4, 30), dt.date(2026, 3, 31), dt.date(2026, 2, 28),
                 dt.date(2026, 1, 31), dt.date(2025, 12, 31)}          # monthly: last of month
    assert _kept_dates(days) == expected


@pytest.mark.parametrize(("created", "rules", "kept"), [
    # several a day: only the newest of the day
    ([_utc(2026, 11, 28, 1), _utc(2026, 11, 28, 3), _utc(2026, 11, 28, 2)],
     {"daily": 7, "weekly": 0, "monthly": 0}, {1}),
    # "last n days" counts days that have a backup, not calendar days
    ([_utc(2026, 11, 1), _utc(2026, 11, 5), _utc(2026, 11, 20)],
     {"daily": 2, "weekly": 0, "monthly": 0}, {1, 2}),
    # the WITA calendar, not UTC: 23:30 and 00:30 WITA are two days (same UTC day)
    ([_utc(2026, 11, 27, 15, 30), _utc(2026, 11, 27, 16, 30)],
     {"daily": 1, "weekly": 0, "monthly": 0}, {1}),
    ([_utc(2026, 11, 27, 15, 30), _utc(2026, 11, 27, 16, 30)],
     {"daily": 2, "weekly": 0, "monthly": 0}, {0, 1}),
    # ...and 00:30 and 07:30 WITA are one day although UTC says two
    ([_utc(2026, 11, 27, 16, 30), _utc(2026, 11, 27, 23, 30)],
     {"daily": 2, "weekly": 0, "monthly": 0}, {1}),
    # weekly buckets are ISO weeks (Monday to Sunday)
    ([_utc(2026, 11, 22), _utc(2026, 11, 23), _utc(2026, 11, 29)],
     {"daily": 0, "weekly": 2, "monthly": 0}, {0, 2}),
    ([], {"daily": 7, "weekly": 4, "monthly": 12}, set()),
])
def test_retention_rules(created, rules, kept):
    assert backups_to_keep(created, **rules) == kept


def test_prune_real_backups_by_their_dates(device):
    made = [create_backup(device.store, reason="auto", now=NOW - dt.timedelta(days=n))
            for n in range(6)]
    undo = create_backup(device.store, reason="before-restore", now=NOW - dt.timedelta(days=40))
    root = device.data_dir / BACKUPS_DIRNAME
    foreign = root / "notes"
    foreign.mkdir()
    crashed, in_progress = root / ".partial-20261120T020000Z-auto-99", root / ".partial-x-1"
    crashed.mkdir()
    in_progress.mkdir()
    two_days_ago = time.time() - 2 * 86_400  # crash debris is judged by the real clock
    os.utime(crashed, (two_days_ago, two_days_ago))
    removed = prune_backups(device.data_dir, daily=3, weekly=0, monthly=0)
    assert sorted(removed) == sorted([*made[3:], crashed])
    assert {b.path for b in list_backups(device.data_dir)} == {*made[:3], undo}
    assert foreign.is_dir() and in_progress.is_dir() and not any(p.exists() for p in removed)


def test_auto_backup_once_per_wita_day_then_prunes(device):
    first = auto_backup(device.store, now=_utc(2026, 11, 27, 16, 5))   # 00:05 WITA on the 28th
    assert first is not None
    assert auto_backup(device.store, now=_utc(2026, 11, 28, 15, 55)) is None  # 23:55 WITA
    assert auto_backup(device.store, now=_utc(2026, 11, 28, 16, 5)) is not None  # next WITA day
    create_backup(device.store, reason="manual", now=_utc(2026, 11, 30, 1))
    assert auto_backup(device.store, now=_utc(2026, 11, 30, 9)) is None  # a manual one counts
    for n in range(1, 15):
        auto_backup(device.store, now=_utc(2026, 11, 30) + dt.timedelta(days=n))
    dates = [b.created_at for b in list_backups(device.data_dir)]
    assert len(dates) == len(backups_to_keep(dates)) < 17  # pruned after each new backup


# --- restore -----------------------------------------------------------------------------------

@pytest.fixture()
def restored_scene(device):
    """A backup with session A, then session B (unsent), an enrolment change and two case codes
    made after it; returns (device, backup, B's id, the clock before the restore)."""
    store = device.store
    add_session(store, "Sesi A (dicadangkan)")
    store.set_meta("enrol_state", "enrolled-old")
    store.set_meta("enrol_only_then", "x")
    store.set_sync_cursor("parenting_session", "cursor-at-backup-time")
    backup = create_backup(store, reason="manual", now=NOW)
    add_session(store, "Sesi B (belum terkirim)", seed=2)
    store.set_meta("enrol_state", "enrolled-new")
    store.db.table("meta").delete("enrol_only_then")
    assert store.next_case_code(2026).endswith("-0001")
    assert store.next_case_code(2026).endswith("-0002")
    clock = store.hlc_last
    store.close()
    return device, backup, clock


def test_restore_round_trip(restored_scene, tmp_path):
    device, backup, clock = restored_scene
    current = Store.open(device.data_dir, device.key)
    device_id = current.device_id
    current.close()
    report = restore_backup(device.data_dir, backup, device.key, user="Ibu Sari")
    store = device.reopen()
    assert venues(store) == {"Sesi A (dicadangkan)"}
    assert report.lost_pending_changes == 1 and report.backup == backup
    assert report.backup_created_at == NOW and report.keys_replaced is False
    # keeps the enrolment and identity of the device, not the backup's
    assert store.device_id == device_id
    assert store.meta("enrol_state") == "enrolled-new" and store.meta("enrol_only_then") is None
    # full re-pull, clock moved forward, case codes never handed out twice
    assert store.sync_cursor("parenting_session") is None
    assert store.hlc_last > clock
    assert store.next_case_code(2026).endswith("-0003")
    restore_entries = [e for e in store.audit_entries() if e["action"] == "restore"]
    assert restore_entries and restore_entries[0]["user"] == "Ibu Sari"
    # nothing is lost: the replaced data is a before-restore backup
    assert report.before_restore is not None
    assert report.before_restore in {b.path for b in list_backups(device.data_dir)}
    before = open_copy(report.before_restore, device.key, tmp_path)
    assert venues(before) == {"Sesi A (dicadangkan)", "Sesi B (belum terkirim)"}
    before.close()
    assert [p.name for p in device.data_dir.iterdir() if p.name.startswith(".")] == []


def test_restore_by_name(restored_scene):
    device, backup, _ = restored_scene
    restore_backup(device.data_dir, backup.name, device.key, user="Ibu Sari")
    assert venues(device.reopen()) == {"Sesi A (dicadangkan)"}


def _flip_byte(path: Path, offset: int) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0xFF
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("damage", ["db_byte", "db_truncated", "db_missing", "metadata",
                                    "wrong_key"])
def test_restore_of_a_bad_backup_changes_nothing(restored_scene, damage):
    device, backup, _ = restored_scene
    key = device.key
    if damage == "db_byte":
        _flip_byte(backup / DB_FILENAME, 5000)
    elif damage == "db_truncated":
        (backup / DB_FILENAME).write_bytes((backup / DB_FILENAME).read_bytes()[:4096])
    elif damage == "db_missing":
        (backup / DB_FILENAME).unlink()
    elif damage == "metadata":
        (backup / "backup.json").write_text('{"format": "zip"}')
    else:
        key = bytes(32)
    before = (device.data_dir / DB_FILENAME).read_bytes()
    backups_before = list_backups(device.data_dir)
    with pytest.raises(errors.NotAnRTDatabase) as caught:
        restore_backup(device.data_dir, backup, key, user="Ibu Sari")
    assert str(backup) in caught.value.message("en")
    assert (device.data_dir / DB_FILENAME).read_bytes() == before
    assert list_backups(device.data_dir) == backups_before
    assert [p.name for p in device.data_dir.iterdir() if p.name.startswith(".")] == []


def test_restore_verifies_the_copy_even_when_the_checksum_matches(restored_scene):
    """A backup damaged and its checksum 'fixed' up is still caught by SQLCipher's page HMACs."""
    device, backup, _ = restored_scene
    _flip_byte(backup / DB_FILENAME, 5000)
    meta = json.loads((backup / "backup.json").read_text())
    meta["db_sha256"] = hashlib.sha256((backup / DB_FILENAME).read_bytes()).hexdigest()
    (backup / "backup.json").write_text(json.dumps(meta))
    before = (device.data_dir / DB_FILENAME).read_bytes()
    with pytest.raises(errors.NotAnRTDatabase):
        restore_backup(device.data_dir, backup, device.key, user="Ibu Sari")
    assert (device.data_dir / DB_FILENAME).read_bytes() == before


def test_restore_unknown_backup_is_not_found(device):
    with pytest.raises(errors.NotFound):
        restore_backup(device.data_dir, "20200101T000000Z-manual", device.key, user="Ibu Sari")


def test_restore_refuses_while_another_program_has_the_database_open(restored_scene):
    device, backup, _ = restored_scene
    other = Store.open(device.data_dir, device.key)  # e.g. the app, while the CLI restores
    backups_before = list_backups(device.data_dir)
    try:
        with pytest.raises(errors.StorageError) as caught:
            restore_backup(device.data_dir, backup, device.key, user="Ibu Sari")
        assert "another program" in caught.value.message("en")
        assert "Sesi B (belum terkirim)" in venues(other)
        assert list_backups(device.data_dir) == backups_before
    finally:
        other.close()
    assert "Sesi B (belum terkirim)" in venues(device.reopen())


def test_restore_over_a_damaged_database_keeps_the_damaged_file(restored_scene):
    device, backup, _ = restored_scene
    db_path = device.data_dir / DB_FILENAME
    garbage = b"\x13" * 8192
    db_path.write_bytes(garbage)
    report = restore_backup(device.data_dir, backup, device.key, user="Ibu Sari")
    assert report.lost_pending_changes is None  # unknown: the old file could not be read
    assert venues(device.reopen()) == {"Sesi A (dicadangkan)"}
    assert report.before_restore is not None
    assert (report.before_restore / DB_FILENAME).read_bytes() == garbage


def test_restore_on_a_new_laptop_brings_the_key_file(restored_scene, tmp_path):
    _, backup, _ = restored_scene
    usb = tmp_path / "usb" / backup.name
    shutil.copytree(backup, usb)
    new_laptop = tmp_path / "new-laptop"
    key = KeySlots.load(usb / KEYS_FILENAME).unlock("Ibu Sari", PASSWORD)
    report = restore_backup(new_laptop, usb, key, user="Ibu Sari")
    assert report.keys_replaced and report.before_restore is None
    assert report.lost_pending_changes is None
    key_again = KeySlots.load(new_laptop / KEYS_FILENAME).unlock("Ibu Sari", PASSWORD)
    store = Store.open(new_laptop, key_again)
    try:
        assert venues(store) == {"Sesi A (dicadangkan)"}
    finally:
        store.close()


def test_restore_keeps_users_added_after_the_backup(restored_scene):
    device, backup, _ = restored_scene
    device.slots.add_user(device.key, "Pak Budi", "budi-password")
    report = restore_backup(device.data_dir, backup, device.key, user="Ibu Sari")
    assert report.keys_replaced is False  # same key: the current key file stays
    assert KeySlots.load(device.data_dir / KEYS_FILENAME).unlock("Pak Budi",
                                                                 "budi-password") == device.key
