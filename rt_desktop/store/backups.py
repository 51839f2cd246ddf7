"""Encrypted backups of the local store, their retention, and restore (DESIGN.md §4).

A backup is a folder ``<data_dir>/backups/<UTC time>-<reason>/`` holding a consistent snapshot of
the database (``VACUUM INTO``: SQLCipher writes it encrypted with the same key), a copy of the
key-slot sidecar (so it opens with the passwords valid when it was made) and ``backup.json``. A
folder is written under a hidden name and renamed when complete, so a crash never leaves
something that looks like a backup but is not one.

Restore never touches the current file before the copy is verified, keeps the current file as a
``before-restore`` backup, keeps this device's enrolment, forces a full re-pull and moves the HLC
forward, and says how many unsent changes are lost.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from rt_desktop import errors
from rt_desktop.ids import utc_now
from rt_desktop.store.connection import DB_FILENAME, translate_errors
from rt_desktop.store.keyslots import KEYS_FILENAME
from rt_desktop.store.store import Store

if TYPE_CHECKING:
    from rt_desktop.store.restore import RestoreReport

__all__ = [
    "BACKUPS_DIRNAME", "BackupInfo", "auto_backup", "backups_to_keep",
    "create_backup", "list_backups", "prune_backups", "restore_backup",
]

BACKUPS_DIRNAME = "backups"
METADATA_FILENAME = "backup.json"
FORMAT = "rt-desktop-backup"
VERSION = 1
WITA = ZoneInfo("Asia/Makassar")  # "one a day" and the retention buckets follow the local calendar
BEFORE_RESTORE = "before-restore"
NAME_TIME = "%Y%m%dT%H%M%SZ"  # folder names sort by time and are valid on Windows
_DAILY_REASONS = ("auto", "manual")  # what counts as "today's backup" for auto_backup
_REASON = re.compile(r"[a-z][a-z0-9-]{0,31}")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: dt.datetime  # aware, UTC
    reason: str
    size: int                # bytes on disk, database and key file together


# --- creating --------------------------------------------------------------------------------

def create_backup(store: Store, *, reason: str = "manual", user: str | None = None,
                  now: dt.datetime | None = None) -> Path:
    """Write an encrypted snapshot of ``store`` and a copy of its key file; audited.

    :param user: who asked, for the audit log (``None``: the app itself)
    :param now: the backup's time (tests give made-up dates; the default is the clock)
    :raises ValueError: a reason that is not a short lower-case code (a programmer error)
    :raises StorageError: the backup folder cannot be written (nothing half-made is left)
    """
    if not _REASON.fullmatch(reason):
        raise ValueError(f"backup reason must be a short lower-case code, not {reason!r}")
    created = (now or utc_now()).astimezone(dt.UTC)
    root = Path(store.data_dir) / BACKUPS_DIRNAME
    with storage_errors(root):
        root.mkdir(mode=0o700, exist_ok=True)
        partial = root / f".partial-{created.strftime(NAME_TIME)}-{reason}-{os.getpid()}"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(mode=0o700)
        try:
            db_copy = partial / DB_FILENAME
            _snapshot(store, db_copy)
            keys = Path(store.data_dir) / KEYS_FILENAME
            if keys.exists():
                shutil.copyfile(keys, partial / KEYS_FILENAME)
                fsync_path(partial / KEYS_FILENAME)
            doc = {"format": FORMAT, "version": VERSION,
                   "created_at": iso_utc(created),
                   "reason": reason, "schema_version": store.schema_version(),
                   "device_id": store.device_id, "has_keys": keys.exists(),
                   "db_sha256": sha256_file(db_copy)}
            write_json(partial / METADATA_FILENAME, doc)
            final = rename_free(partial, root, f"{created.strftime(NAME_TIME)}-{reason}")
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        fsync_path(root)
    store.audit("backup", user=user or "system", detail=f"{final.name} ({reason})")
    return final


def _snapshot(store: Store, target: Path) -> None:
    """A consistent, encrypted copy. ``VACUUM INTO`` runs in one read transaction and SQLCipher
    encrypts the new file with the connection's key; both facts are checked, never assumed."""
    with translate_errors(target):
        store.db.execute("VACUUM INTO ?", [str(target)])
        with open(target, "rb") as fh:
            if fh.read(16) == b"SQLite format 3\x00":
                raise errors.StorageError(  # would be a plaintext copy of children's records
                    f"Cadangan {target} tidak terenkripsi; dihapus.",
                    f"The backup {target} was not encrypted; it was deleted.")
        # ATTACH without KEY uses the main database's key: proves the copy opens with it.
        store.db.execute("ATTACH DATABASE ? AS rt_backup_check", [str(target)])
        try:
            check = store.db.execute("PRAGMA rt_backup_check.quick_check").fetchall()
        finally:
            store.db.execute("DETACH DATABASE rt_backup_check")
    if check != [("ok",)]:
        raise errors.StorageError(f"Cadangan {target} gagal diperiksa: {check[:3]}",
                                  f"The backup {target} failed its check: {check[:3]}")
    fsync_path(target)


def rename_free(partial: Path, root: Path, name: str) -> Path:
    for n in range(1, 100):
        final = root / (name if n == 1 else f"{name}-{n}")
        if not final.exists():
            os.rename(partial, final)
            return final
    raise errors.StorageError(f"Terlalu banyak cadangan bernama {name}.",
                              f"Too many backups named {name}.")


# --- listing and retention ---------------------------------------------------------------------

def list_backups(data_dir: Path) -> list[BackupInfo]:
    """Complete backups, newest first. Folders that are not (whole) backups are left out."""
    root = Path(data_dir) / BACKUPS_DIRNAME
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            doc = read_metadata(folder)
        except errors.NotAnRTDatabase:
            continue
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        found.append(BackupInfo(folder, parse_time(doc["created_at"]), doc["reason"], size))
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def backups_to_keep(created: Sequence[dt.datetime], *, daily: int = 7, weekly: int = 4,
                    monthly: int = 12) -> set[int]:
    """Indexes of ``created`` to keep: the newest backup of each of the last ``daily`` days that
    have one, of the last ``weekly`` ISO weeks and of the last ``monthly`` months (WITA calendar;
    the rules are applied independently and their union kept, like ``restic forget``)."""
    local = [c.astimezone(WITA) for c in created]
    newest_first = sorted(range(len(created)), key=lambda i: created[i], reverse=True)
    rules: list[tuple[int, Callable[[dt.datetime], Hashable]]] = [
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ]
    keep: set[int] = set()
    for count, bucket in rules:
        seen: set[Hashable] = set()
        for i in newest_first:
            if len(seen) >= count:
                break
            if bucket(local[i]) not in seen:
                seen.add(bucket(local[i]))
                keep.add(i)
    return keep


def prune_backups(data_dir: Path, *, daily: int = 7, weekly: int = 4,
                  monthly: int = 12) -> list[Path]:
    """Delete backups the retention rules do not keep; the newest ``before-restore`` backup (the
    last undo of a restore) is always kept. Folders we did not make are never touched; our own
    half-written ones (a crash while backing up) go once they are a day old.

    :returns: the deleted folders
    :raises StorageError: a folder could not be deleted
    """
    backups = list_backups(data_dir)
    keep = backups_to_keep([b.created_at for b in backups], daily=daily, weekly=weekly,
                           monthly=monthly)
    undo = next((i for i, b in enumerate(backups) if b.reason == BEFORE_RESTORE), None)
    if undo is not None:
        keep.add(undo)
    removed = [info.path for i, info in enumerate(backups) if i not in keep]
    root = Path(data_dir) / BACKUPS_DIRNAME
    # Half-written backups a crash left behind; a day old, so never one being written now.
    stale = utc_now().timestamp() - 86_400
    removed += [p for p in (root.glob(".partial-*") if root.is_dir() else ())
                if p.is_dir() and p.stat().st_mtime < stale]
    for path in removed:
        with storage_errors(path):
            shutil.rmtree(path)
    return removed


def auto_backup(store: Store, *, now: dt.datetime | None = None) -> Path | None:
    """One backup per calendar day (WITA): made if today has none yet, then old ones pruned.

    :returns: the new backup, or ``None`` when today already has one
    :raises StorageError: the backup folder cannot be written
    """
    today = (now or utc_now()).astimezone(WITA).date()
    if any(b.reason in _DAILY_REASONS and b.created_at.astimezone(WITA).date() == today
           for b in list_backups(store.data_dir)):
        return None
    path = create_backup(store, reason="auto", now=now)
    prune_backups(store.data_dir)
    return path


# --- restoring (in rt_desktop.store.restore) ------------------------------------------------

def restore_backup(data_dir: Path, backup: Path | str, key: bytes, *,
                   user: str) -> RestoreReport:
    """Replace the device's database with ``backup``; see :mod:`rt_desktop.store.restore`."""
    from rt_desktop.store import restore  # restore builds on this module, not the other way

    return restore.restore_backup(data_dir, backup, key, user=user)


# --- small helpers ---------------------------------------------------------------------------

def read_metadata(folder: Path) -> dict:
    try:
        doc = json.loads((folder / METADATA_FILENAME).read_text(encoding="utf-8"))
        if doc.get("format") != FORMAT or doc.get("version") != VERSION:
            raise ValueError("not our format")
        parse_time(doc["created_at"])
        if not isinstance(doc["reason"], str):
            raise TypeError("bad reason")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise damaged_backup(folder) from exc
    return doc


def damaged_backup(folder: Path) -> errors.NotAnRTDatabase:
    return errors.NotAnRTDatabase(
        f"Cadangan {folder} rusak, tidak lengkap, atau tidak cocok dengan kunci ini; "
        "tidak ada yang diubah.",
        f"The backup {folder} is damaged, incomplete, or does not open with this key; "
        "nothing was changed.")


def iso_utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_time(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        raise ValueError("time without zone")
    return parsed.astimezone(dt.UTC)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json(path: Path, doc: dict) -> None:
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    fsync_path(path)


def fsync_path(path: Path) -> None:
    if path.is_dir() and os.name != "posix":
        return  # Windows cannot open a folder to flush it
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def storage_errors(path: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise errors.StorageError(
            f"Folder cadangan {path} tidak dapat ditulis: {exc.strerror or exc}.",
            f"Cannot write the backup folder {path}: {exc.strerror or exc}.") from exc
