"""Restore a backup (DESIGN.md §4) — never at the cost of the data it replaces.

The copy is verified (checksum, SQLCipher's page HMACs, ``integrity_check``, schema) before
anything else changes. The current file becomes a ``before-restore`` backup, this device's
enrolment and identity are kept, the pull cursors are reset (a full re-pull brings back what the
server has), the HLC and the case-code counters move to the higher of both, and the report says
how many unsent changes are lost.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from rt_desktop import errors
from rt_desktop.ids import utc_now
from rt_desktop.store.backups import (
    BACKUPS_DIRNAME,
    BEFORE_RESTORE,
    FORMAT,
    METADATA_FILENAME,
    NAME_TIME,
    VERSION,
    create_backup,
    damaged_backup,
    fsync_path,
    iso_utc,
    parse_time,
    read_metadata,
    rename_free,
    sha256_file,
    storage_errors,
    write_json,
)
from rt_desktop.store.connection import DB_FILENAME
from rt_desktop.store.keyslots import KEYS_FILENAME
from rt_desktop.store.store import Store

__all__ = ["RestoreReport", "find_backup", "restore_backup"]

_STAGING = ".restore-staging"
# Meta keys that belong to this device rather than to the data: a restore keeps the current ones.
_DEVICE_META_PREFIXES = ("device_", "enrol")
# Case-code counters (Store.next_case_code): a restore keeps the higher one, or codes handed out
# after the backup (and perhaps already on the server) would be handed out again.
_SEQUENCE_PREFIX = "case_seq:"


@dataclass(frozen=True)
class RestoreReport:
    backup: Path
    backup_created_at: dt.datetime
    before_restore: Path | None      # where the replaced data went (None: there was none)
    lost_pending_changes: int | None  # unsent changes not in the backup; None: current unreadable
    keys_replaced: bool              # the key file came from the backup (it was missing/foreign)


def restore_backup(data_dir: Path, backup: Path | str, key: bytes, *,
                   user: str) -> RestoreReport:
    """Replace the device's database with ``backup`` (the store must be closed).

    :param backup: a backup folder, or its name inside ``<data_dir>/backups``
    :param key: the database key the backup opens with
    :raises NotFound: no such backup
    :raises NotAnRTDatabase: the backup is damaged or does not open with ``key`` (nothing changed)
    :raises StorageError: the disk refused, or the database is open in another program
    """
    data_dir = Path(data_dir)
    folder = find_backup(data_dir, backup)
    doc = read_metadata(folder)
    staging = data_dir / _STAGING
    with storage_errors(staging):
        data_dir.mkdir(parents=True, exist_ok=True)  # a new laptop, restoring from a USB stick
        shutil.rmtree(staging, ignore_errors=True)  # ours, left by a restore that was cut short
        staging.mkdir(mode=0o700)
    try:
        restored = _open_verified_copy(folder, doc, staging, key)
        try:
            current = _open_current(data_dir, key)
            lost = None
            before = None
            if current is not None:
                try:
                    lost = _carry_over(current, restored)
                    before = create_backup(current, reason=BEFORE_RESTORE, user=user)
                finally:
                    current.close()
            restored.reset_sync_cursors()  # full re-pull: the server has what came after
            restored.audit("restore", user=user,
                           detail=f"from {folder.name}; unsent changes lost: {lost}")
        finally:
            restored.close()
        db_path = data_dir / DB_FILENAME
        if current is not None:
            _refuse_if_in_use(db_path)
        elif db_path.exists():
            before = _move_aside(data_dir)
        keys_replaced = _swap(staging, folder, data_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return RestoreReport(folder, parse_time(doc["created_at"]), before, lost, keys_replaced)


def _open_verified_copy(folder: Path, doc: dict, staging: Path, key: bytes) -> Store:
    """The backup copied into ``staging`` and opened; raises before anything else changes."""
    source = folder / DB_FILENAME
    if not source.is_file() or sha256_file(source) != doc.get("db_sha256"):
        raise damaged_backup(folder)
    with storage_errors(staging):
        shutil.copyfile(source, staging / DB_FILENAME)
    try:
        restored = Store.open(staging, key)
    except errors.NotAnRTDatabase:
        raise damaged_backup(folder) from None
    try:
        db = restored.db
        cipher = db.execute("PRAGMA cipher_integrity_check").fetchall()
        integrity = db.execute("PRAGMA integrity_check").fetchall()
        if cipher or integrity != [("ok",)] or not {"meta", "outbox", "sync_cursors"} <= set(
                db.table_names()):
            raise damaged_backup(folder)
    except BaseException:
        restored.close()
        raise
    return restored


def _open_current(data_dir: Path, key: bytes) -> Store | None:
    """The current store, or None when there is none or it does not open (damaged, other key).

    :raises StorageError: another program has it open (checked before anything is written)
    """
    try:
        probe = Store.open(data_dir, key)
    except (errors.NotFound, errors.NotAnRTDatabase):
        return None
    probe.close()
    _refuse_if_in_use(data_dir / DB_FILENAME)
    return Store.open(data_dir, key)


def _carry_over(current: Store, restored: Store) -> int:
    """Keep this device's identity, clock and case-code counters in the restored copy; count the
    unsent changes of the current file that the backup does not have."""
    now = {r["key"]: r["value"] for r in current.db["meta"].rows}
    then = {r["key"]: r["value"] for r in restored.db["meta"].rows}
    with restored.writing():
        for k in then.keys() - now.keys():
            if k.startswith(_DEVICE_META_PREFIXES):
                restored.db.execute("DELETE FROM meta WHERE key = ?", [k])
        for k, value in now.items():
            higher = k.startswith(_SEQUENCE_PREFIX) and int(value) > int(then.get(k) or 0)
            if k.startswith(_DEVICE_META_PREFIXES) or higher:
                restored.set_meta(k, value)
        restored.observe_hlc(current.hlc_last)
    kept = {r[0] for r in restored.db.execute("SELECT change_id FROM outbox").fetchall()}
    return sum(1 for r in current.db.execute("SELECT change_id FROM outbox").fetchall()
               if r[0] not in kept)


def _refuse_if_in_use(db_path: Path) -> None:
    # The last connection to close removes -wal; one still there means another program has the
    # database open, and swapping the file under it would corrupt both.
    if Path(f"{db_path}-wal").exists():
        raise errors.StorageError(
            f"Basis data {db_path} sedang dibuka program lain. Tutup RT Desktop lalu coba lagi; "
            "belum ada yang dipulihkan.",
            f"The database {db_path} is open in another program. Close RT Desktop and try "
            "again; nothing was restored.")


def _move_aside(data_dir: Path) -> Path:
    """A current file that does not open is moved, as it is, into a before-restore folder."""
    created = utc_now()
    root = data_dir / BACKUPS_DIRNAME
    with storage_errors(root):
        root.mkdir(mode=0o700, exist_ok=True)
        partial = root / f".partial-{created.strftime(NAME_TIME)}-{BEFORE_RESTORE}-{os.getpid()}"
        partial.mkdir(mode=0o700)
        for name in (DB_FILENAME, f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", KEYS_FILENAME):
            if (data_dir / name).exists():
                move = os.replace if name != KEYS_FILENAME else shutil.copyfile
                move(data_dir / name, partial / name)
        write_json(partial / METADATA_FILENAME, {
            "format": FORMAT, "version": VERSION, "reason": BEFORE_RESTORE, "unreadable": True,
            "created_at": iso_utc(created),
            "db_sha256": sha256_file(partial / DB_FILENAME)})
        return rename_free(partial, root, f"{created.strftime(NAME_TIME)}-{BEFORE_RESTORE}")


def _swap(staging: Path, folder: Path, data_dir: Path) -> bool:
    """Put the verified copy in place (one atomic rename) and, when the current key file does
    not belong to it, the backup's key file. :returns: whether the key file was replaced"""
    db_path, keys_path = data_dir / DB_FILENAME, data_dir / KEYS_FILENAME
    if Path(f"{staging / DB_FILENAME}-wal").exists():
        # Closing should have folded the WAL (enrolment, cursor reset) into the file itself.
        raise errors.StorageError(f"Salinan {staging} belum selesai ditulis; tidak dipasang.",
                                  f"The copy in {staging} was not fully written; not installed.")
    with storage_errors(db_path):
        os.replace(staging / DB_FILENAME, db_path)
        fsync_path(data_dir)
        backup_keys = folder / KEYS_FILENAME
        if not backup_keys.exists() or _key_id(keys_path) == _key_id(backup_keys):
            return False
        tmp = staging / KEYS_FILENAME
        shutil.copyfile(backup_keys, tmp)
        os.chmod(tmp, 0o600)
        fsync_path(tmp)
        os.replace(tmp, keys_path)
        fsync_path(data_dir)
        return True


def find_backup(data_dir: Path, backup: Path | str) -> Path:
    """A backup folder given by its path or by its name in ``<data_dir>/backups``.

    :raises NotFound: no backup there
    """
    for candidate in (Path(backup), data_dir / BACKUPS_DIRNAME / str(backup)):
        if (candidate / METADATA_FILENAME).is_file():
            return candidate
    raise errors.NotFound(f"Cadangan {backup} tidak ditemukan.", f"No backup at {backup}.")


def _key_id(path: Path) -> str | None:
    try:
        return json.loads(path.read_text(encoding="utf-8")).get("key_id")
    except (OSError, ValueError, AttributeError):
        return None
