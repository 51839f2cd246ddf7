"""Opening the device's data: where it lives, first set-up, and unlocking with a password.

Shared by the command line and the app, so both audit logins the same way. A failed login cannot
be written into the encrypted database (its key is what failed), so failures go to a small
append-only file beside it and move into the audit log at the next successful unlock.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from rt_desktop import errors, wilayah
from rt_desktop.ids import utc_now_iso
from rt_desktop.store.connection import DB_FILENAME
from rt_desktop.store.keyslots import KdfParams, KeySlots, LocalUser
from rt_desktop.store.store import Store

__all__ = [
    "APP_NAME", "KEYS_FILENAME", "FAILURES_FILENAME", "DATA_DIR_ENV",
    "default_data_dir", "resolve_data_dir", "is_initialised", "Unlocked",
    "initialise", "unlock", "unlock_with_recovery",
]

APP_NAME = "rt-desktop"
KEYS_FILENAME = "rt-desktop.keys.json"
FAILURES_FILENAME = "login-failures.jsonl"
DATA_DIR_ENV = "RT_DESKTOP_DATA_DIR"


def default_data_dir() -> Path:
    """The per-user data folder (``%LOCALAPPDATA%\\rt-desktop`` on Windows,
    ``~/.local/share/rt-desktop`` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(option: str | os.PathLike[str] | None) -> Path:
    """``--data-dir`` if given, else ``RT_DESKTOP_DATA_DIR``, else the platform default."""
    if option:
        return Path(option).expanduser()
    if os.environ.get(DATA_DIR_ENV):
        return Path(os.environ[DATA_DIR_ENV]).expanduser()
    return default_data_dir()


def keys_path(data_dir: Path) -> Path:
    return data_dir / KEYS_FILENAME


def is_initialised(data_dir: Path) -> bool:
    return (data_dir / DB_FILENAME).exists() or keys_path(data_dir).exists()


@dataclass
class Unlocked:
    store: Store
    slots: KeySlots
    user: LocalUser
    key: bytes


def initialise(data_dir: Path, *, kelurahan_code: str = "", rt: str = "", name: str,
               password: str, kdf: KdfParams | None = None,
               role: str = "volunteer") -> tuple[Unlocked, str]:
    """Create the encrypted database and its first user; returns it unlocked and the recovery
    code (shown once). A volunteer's laptop belongs to one kelurahan and RT; a ``coordinator``
    or ``uptd`` laptop to none (its enrolment code gives its scope).

    :raises BadInput: unknown kelurahan, bad RT, empty name or password, or already set up
    :raises StorageError: the folder cannot be written
    """
    if role == "volunteer":
        kelurahan_code = wilayah.kelurahan(kelurahan_code).code
        rt = wilayah.normalise_rt(rt)
    else:
        kelurahan_code = rt = ""
    if not name.strip():
        raise errors.BadInput("Nama pengguna tidak boleh kosong.",
                              "The user name must not be empty.")
    check_new_password(password)
    if is_initialised(data_dir):
        raise errors.BadInput(
            f"Di folder {data_dir} sudah ada database RT Desktop; tidak ditimpa.",
            f"{data_dir} already holds an RT Desktop database; it is not overwritten.")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        # Only this account may list or read the folder on a shared laptop (POSIX; on Windows
        # the per-user %LOCALAPPDATA% already belongs to the account alone).
        os.chmod(data_dir, 0o700)
    except OSError as exc:
        raise errors.StorageError(f"Folder {data_dir} tidak dapat dibuat: {exc.strerror}.",
                                  f"Cannot create the folder {data_dir}: {exc.strerror}.") from exc
    slots, key, recovery = KeySlots.create(keys_path(data_dir), name.strip(), password, kdf=kdf)
    try:
        store = Store.create(data_dir, key, kelurahan_code=kelurahan_code, rt=rt, role=role)
    except BaseException:
        # Never leave a key file without its database: the next `init` would refuse.
        keys_path(data_dir).unlink(missing_ok=True)
        raise
    # SQLite gives its -wal and -shm files the database file's mode.
    os.chmod(data_dir / DB_FILENAME, 0o600)
    user = slots.find_user(name.strip())
    store.audit("init", user=user.display_name,
                detail=f"kelurahan {kelurahan_code} RT {rt}" if role == "volunteer" else role)
    store.audit("login_ok", user=user.display_name)
    return Unlocked(store, slots, user, key), recovery


MIN_PASSWORD_LENGTH = 8


def check_new_password(password: str) -> None:
    """:raises BadInput: a password too short to protect a child's record"""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise errors.BadInput(
            f"Kata sandi minimal {MIN_PASSWORD_LENGTH} karakter.",
            f"The password needs at least {MIN_PASSWORD_LENGTH} characters.")


def load_slots(data_dir: Path) -> KeySlots:
    """:raises NotFound: the folder holds no RT Desktop data (message says how to set it up)"""
    if not keys_path(data_dir).exists():
        if (data_dir / DB_FILENAME).exists():
            raise errors.NotAnRTDatabase(
                f"File kunci {keys_path(data_dir)} tidak ada; database tidak dapat dibuka. "
                "Pulihkan dari cadangan.",
                f"The key file {keys_path(data_dir)} is missing; the database cannot be opened. "
                "Restore it from a backup.")
        raise errors.NotFound(
            f"Belum ada data RT Desktop di {data_dir}. Jalankan 'rt-desktop init' dulu.",
            f"No RT Desktop data in {data_dir} yet. Run 'rt-desktop init' first.")
    return KeySlots.load(keys_path(data_dir))


def pick_user(slots: KeySlots, user: str | None) -> LocalUser:
    """The named user, or the only one when there is just one.

    :raises BadInput: several users and none named; :raises NotFound: unknown name
    """
    if user:
        return slots.find_user(user)
    users = slots.users()
    if len(users) == 1:
        return users[0]
    names = ", ".join(u.display_name for u in users)
    raise errors.BadInput(f"Ada beberapa pengguna ({names}); sebutkan dengan --user NAMA.",
                          f"There are several users ({names}); name one with --user NAME.")


def unlock(data_dir: Path, user: str | None, password: str) -> Unlocked:
    """Unlock with a user's password and open the database; audits the login.

    :raises WrongPassword: the password does not open the user's slot (recorded as a failure)
    """
    slots = load_slots(data_dir)
    local_user = pick_user(slots, user)
    try:
        key = slots.unlock(local_user.user_id, password)
    except errors.WrongPassword:
        record_failure(data_dir, local_user.display_name, "password")
        raise
    return _open(data_dir, slots, local_user, key)


def unlock_as_whoever(data_dir: Path, password: str) -> Unlocked:
    """Unlock with a password alone, when no user is named: the user whose password it is (a
    scheduled backup keeps working when a second volunteer joins the laptop).

    :raises WrongPassword: it is nobody's password (recorded as a failure)
    """
    slots = load_slots(data_dir)
    for local_user in slots.users():
        try:
            key = slots.unlock(local_user.user_id, password)
        except errors.WrongPassword:
            continue
        return _open(data_dir, slots, local_user, key)
    record_failure(data_dir, "?", "password")
    raise errors.WrongPassword(
        "Kata sandi ini bukan milik pengguna mana pun di laptop ini.",
        "This password belongs to no user of this laptop.")


def unlock_with_recovery(data_dir: Path, user: str | None, recovery_code: str,
                         new_password: str) -> Unlocked:
    """Reset a user's forgotten password with the recovery code (the data is not re-encrypted).

    :raises WrongPassword: the recovery code is wrong (recorded as a failure)
    """
    check_new_password(new_password)
    slots = load_slots(data_dir)
    local_user = pick_user(slots, user)
    try:
        slots.reset_password(recovery_code, local_user.user_id, new_password)
    except errors.WrongPassword:
        record_failure(data_dir, local_user.display_name, "recovery_code")
        raise
    key = slots.unlock(local_user.user_id, new_password)
    unlocked = _open(data_dir, slots, local_user, key)
    unlocked.store.audit("password_reset", user=local_user.display_name)
    return unlocked


def _open(data_dir: Path, slots: KeySlots, user: LocalUser, key: bytes) -> Unlocked:
    store = Store.open(data_dir, key)
    _move_failures_into_audit(data_dir, store)
    store.audit("login_ok", user=user.display_name)
    return Unlocked(store, slots, user, key)


def record_failure(data_dir: Path, user: str, method: str) -> None:
    """Append one failed login; best effort (a read-only disk must not hide the real error)."""
    entry = json.dumps({"at": utc_now_iso(), "user": user, "method": method})
    try:
        with open(data_dir / FAILURES_FILENAME, "a", encoding="utf-8") as fh:
            fh.write(entry + "\n")
    except OSError:
        pass


def _move_failures_into_audit(data_dir: Path, store: Store) -> None:
    path = data_dir / FAILURES_FILENAME
    if not path.exists():
        return
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    with store.db.atomic():
        for line in lines:
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            store.audit("login_failed", user=str(entry.get("user", "?")),
                        detail=f"{entry.get('method', 'password')} at {entry.get('at', '?')}")
    path.unlink()
