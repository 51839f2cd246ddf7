"""Key slots: the sidecar file ``rt-desktop.keys.json`` that holds the database key, wrapped
(the cryptography itself is in :mod:`rt_desktop.store.keywrap`).

The database is encrypted with one random 256-bit key. The key never touches the disk in clear:
each local user's password (through scrypt) and the recovery code shown once at set-up each wrap
a copy of it with AES-256-GCM. The tag of that wrap is what says "wrong password" — before any
query runs — and the associated data binds each wrap to its slot, its kind and its user, so a slot
cannot be moved to another user or another key file. Adding a user or changing a password only
re-wraps the key; the data is never re-encrypted.

The file holds display names in clear (the login list needs them) and nothing else personal.
Every write replaces the whole file atomically; there is deliberately no ``.bak`` copy, because
an old copy would keep a changed or removed password able to open the key.
"""

from __future__ import annotations

import contextlib
import hmac
import json
import os
import re
import secrets
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from rt_desktop import errors
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.store.keywrap import (
    DEFAULT_KDF,
    KEY_BYTES,
    PASSWORD,
    RECOVERY,
    Damaged,
    KdfParams,
    Slot,
    key_id,
    new_recovery_code,
    normalise_recovery_code,
    unwrap,
    wrap,
)

__all__ = [
    "DEFAULT_KDF", "FORMAT", "KEYS_FILENAME", "VERSION", "KdfParams", "KeySlots", "LocalUser",
    "key_id", "new_recovery_code", "normalise_recovery_code",
]

KEYS_FILENAME = "rt-desktop.keys.json"
FORMAT = "rt-desktop-keyslots"
VERSION = 1
_MAX_NAME = 80

_WRONG_PASSWORD = ("Kata sandi salah.", "Wrong password.")
_WRONG_RECOVERY = ("Kode pemulihan salah.", "Wrong recovery code.")


@dataclass(frozen=True)
class LocalUser:
    user_id: str
    display_name: str


def _password_bytes(password: str) -> bytes:
    # NFC so the same password typed through different keyboards/input methods derives one key.
    return unicodedata.normalize("NFC", password).encode("utf-8")


def _clean_name(name: str) -> str:
    """:raises BadInput: empty, too long or with control characters"""
    cleaned = " ".join(name.split())
    if not cleaned:
        raise errors.BadInput("Nama pengguna tidak boleh kosong.",
                              "The user name must not be empty.")
    if len(cleaned) > _MAX_NAME or any(unicodedata.category(ch) == "Cc" for ch in cleaned):
        raise errors.BadInput(f"Nama pengguna paling banyak {_MAX_NAME} karakter biasa.",
                              f"A user name has at most {_MAX_NAME} plain characters.")
    return cleaned


def _is_clean_name(name: str) -> bool:
    try:
        return _clean_name(name) == name
    except errors.BadInput:
        return False


def _check_password(password: str) -> None:
    # Length rules live with the callers (rt_desktop.access); an empty password is never useful.
    if not password:
        raise errors.BadInput("Kata sandi tidak boleh kosong.", "The password must not be empty.")


class KeySlots:
    """The sidecar of one database. Every change re-reads the file first, so two programs that
    each hold a ``KeySlots`` (the app and the command line) do not undo each other's users."""

    def __init__(self, path: Path, kid: str, slots: list[Slot], *, created_at: str,
                 kdf: KdfParams | None = None):
        self.path = Path(path)
        self.kdf = kdf or DEFAULT_KDF  # for new wraps; existing slots keep their own parameters
        self._kid = kid
        self._slots = slots
        self._created_at = created_at

    # --- creating and loading ---------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, display_name: str, password: str, *,
               kdf: KdfParams | None = None) -> tuple[KeySlots, bytes, str]:
        """A new database key, wrapped for the first user and for a new recovery code.

        :returns: (the slots, the 32-byte database key, the recovery code to show once)
        :raises BadInput: empty name or password, or a key file already exists at ``path``
        :raises StorageError: the file cannot be written
        """
        name = _clean_name(display_name)
        _check_password(password)
        if Path(path).exists():
            raise errors.BadInput(f"File kunci {path} sudah ada; tidak ditimpa.",
                                  f"The key file {path} already exists; it is not overwritten.")
        kdf = kdf or DEFAULT_KDF
        db_key = secrets.token_bytes(KEY_BYTES)
        kid = key_id(db_key)
        code = new_recovery_code()
        slots = [
            wrap(db_key, kid, _password_bytes(password), kdf, kind=PASSWORD,
                 user_id=new_id(), display_name=name),
            wrap(db_key, kid, normalise_recovery_code(code).encode("ascii"), kdf, kind=RECOVERY),
        ]
        made = cls(path, kid, slots, created_at=utc_now_iso(), kdf=kdf)
        made._write(slots)
        return made, db_key, code

    @classmethod
    def load(cls, path: Path, *, kdf: KdfParams | None = None) -> KeySlots:
        """:raises NotFound: no file; :raises NotAnRTDatabase: damaged or foreign (names the file)
        :raises StorageError: the file cannot be read"""
        path = Path(path)
        kid, slots, created_at = _read(path)
        return cls(path, kid, slots, created_at=created_at, kdf=kdf)

    # --- reading ------------------------------------------------------------------------------

    @property
    def key_id(self) -> str:
        return self._kid

    def users(self) -> list[LocalUser]:
        """Local users in the order they were added."""
        return [LocalUser(s.user_id, s.display_name) for s in self._slots if s.kind == PASSWORD]

    def find_user(self, name_or_id: str) -> LocalUser:
        """By id, or by display name ignoring case and extra spaces.

        :raises NotFound: no such user
        """
        wanted = " ".join(name_or_id.split()).casefold()
        for user in self.users():
            if user.user_id == name_or_id or user.display_name.casefold() == wanted:
                return user
        raise errors.NotFound(f"Pengguna '{name_or_id}' tidak ada di perangkat ini.",
                              f"There is no user '{name_or_id}' on this device.")

    def unlock(self, user: str, password: str) -> bytes:
        """The database key.

        :raises NotFound: unknown user; :raises WrongPassword: the password does not open the slot
        """
        slot = self._password_slot(self.find_user(user).user_id)
        db_key = unwrap(slot, self._kid, _password_bytes(password))
        if db_key is None:
            raise errors.WrongPassword(*_WRONG_PASSWORD)
        return db_key

    def unlock_with_recovery(self, recovery_code: str) -> bytes:
        """:raises WrongPassword: not a recovery code, or not this database's code"""
        secret = normalise_recovery_code(recovery_code).encode("ascii")
        for slot in self._slots:
            if slot.kind == RECOVERY:
                db_key = unwrap(slot, self._kid, secret)
                if db_key is not None:
                    return db_key
        raise errors.WrongPassword(*_WRONG_RECOVERY)

    # --- changing (each re-reads the file, then writes it whole) ------------------------------

    def add_user(self, db_key: bytes, display_name: str, password: str) -> LocalUser:
        """:raises BadInput: wrong key, empty or already used name, empty password"""
        self._check_key(db_key)
        name = _clean_name(display_name)
        _check_password(password)
        self._reload()
        if any(u.display_name.casefold() == name.casefold() for u in self.users()):
            raise errors.BadInput(f"Nama pengguna '{name}' sudah dipakai.",
                                  f"The user name '{name}' is already taken.")
        slot = wrap(db_key, self._kid, _password_bytes(password), self.kdf, kind=PASSWORD,
                    user_id=new_id(), display_name=name)
        self._commit([*self._slots, slot])
        return LocalUser(slot.user_id, name)

    def change_password(self, user: str, old_password: str, new_password: str) -> None:
        """:raises WrongPassword: the old password is wrong; :raises NotFound, BadInput"""
        _check_password(new_password)
        self._reload()
        db_key = self.unlock(user, old_password)
        self._rewrap_user(db_key, self.find_user(user), new_password)

    def reset_password(self, recovery_code: str, user: str, new_password: str) -> None:
        """A forgotten password replaced, proven by the recovery code.

        :raises WrongPassword: wrong recovery code; :raises NotFound, BadInput
        """
        _check_password(new_password)
        self._reload()
        local_user = self.find_user(user)
        db_key = self.unlock_with_recovery(recovery_code)
        self._rewrap_user(db_key, local_user, new_password)

    def replace_recovery_code(self, db_key: bytes) -> str:
        """A new recovery code (the old one stops working); show it once.

        :raises BadInput: wrong key
        """
        self._check_key(db_key)
        self._reload()
        code = new_recovery_code()
        slot = wrap(db_key, self._kid, normalise_recovery_code(code).encode("ascii"), self.kdf,
                    kind=RECOVERY)
        self._commit([*(s for s in self._slots if s.kind != RECOVERY), slot])
        return code

    def remove_user(self, db_key: bytes, user: str) -> None:
        """:raises BadInput: wrong key, or the last user; :raises NotFound: unknown user"""
        self._check_key(db_key)
        self._reload()
        gone = self.find_user(user)
        if len(self.users()) == 1:
            raise errors.BadInput("Pengguna terakhir tidak bisa dihapus.",
                                  "The last user cannot be removed.")
        self._commit([s for s in self._slots if s.user_id != gone.user_id])

    # --- internals ------------------------------------------------------------------------------

    def _password_slot(self, user_id: str) -> Slot:
        return next(s for s in self._slots if s.kind == PASSWORD and s.user_id == user_id)

    def _check_key(self, db_key: bytes) -> None:
        if len(db_key) != KEY_BYTES or not hmac.compare_digest(key_id(db_key), self._kid):
            raise errors.BadInput("Kunci ini bukan kunci database ini.",
                                  "This key is not the key of this database.")

    def _rewrap_user(self, db_key: bytes, user: LocalUser, new_password: str) -> None:
        # The user keeps their id (drafts and audit refer to it); only the wrap is new.
        slot = wrap(db_key, self._kid, _password_bytes(new_password), self.kdf, kind=PASSWORD,
                    user_id=user.user_id, display_name=user.display_name)
        self._commit([slot if s.user_id == user.user_id else s for s in self._slots])

    def _reload(self) -> None:
        kid, slots, created_at = _read(self.path)
        if kid != self._kid:
            raise errors.NotAnRTDatabase(
                f"File kunci {self.path} diganti dengan file untuk database lain.",
                f"The key file {self.path} was replaced by one for another database.")
        self._slots, self._created_at = slots, created_at

    def _commit(self, slots: list[Slot]) -> None:
        self._write(slots)
        self._slots = slots  # only after the file is safely on disk

    def _write(self, slots: list[Slot]) -> None:
        doc = {"format": FORMAT, "version": VERSION, "key_id": self._kid,
               "created_at": self._created_at, "updated_at": utc_now_iso(),
               "slots": [s.to_json() for s in slots]}
        _atomic_write(self.path, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")


def _read(path: Path) -> tuple[str, list[Slot], str]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise errors.NotFound(f"File kunci {path} tidak ada.",
                              f"The key file {path} does not exist.") from None
    except OSError as exc:
        raise errors.StorageError(f"File kunci {path} tidak dapat dibaca: {exc.strerror}.",
                                  f"Cannot read the key file {path}: {exc.strerror}.") from exc
    try:
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise Damaged("not a key slot file")
        if doc.get("version") != VERSION:
            raise errors.NotAnRTDatabase(
                f"File kunci {path} berformat versi {doc.get('version')!r}; perbarui RT Desktop "
                "untuk membukanya.",
                f"The key file {path} has format version {doc.get('version')!r}; update "
                "RT Desktop to open it.")
        kid = doc.get("key_id")
        created_at = doc.get("created_at")
        if not isinstance(kid, str) or not re.fullmatch(r"[0-9a-f]{32}", kid) or not isinstance(
                created_at, str) or not isinstance(doc.get("slots"), list):
            raise Damaged("bad header")
        slots = [Slot.from_json(s) for s in doc["slots"]]
        if not all(_is_clean_name(s.display_name) for s in slots if s.kind == PASSWORD):
            raise Damaged("display name with control characters or too long")
        _check_consistent(slots)
    except (UnicodeDecodeError, ValueError) as exc:  # Damaged and JSONDecodeError are ValueErrors
        raise errors.NotAnRTDatabase(
            f"File kunci {path} rusak atau bukan milik RT Desktop; tidak diubah.",
            f"The key file {path} is damaged or not an RT Desktop file; it was left as it is.",
        ) from exc
    return kid, slots, created_at


def _check_consistent(slots: list[Slot]) -> None:
    users = [s for s in slots if s.kind == PASSWORD]
    names = {s.display_name.casefold() for s in users}
    if not users or len(names) != len(users) or len({s.user_id for s in users}) != len(users):
        raise Damaged("no users, or a user twice")
    if len({s.slot_id for s in slots}) != len(slots) or len(slots) - len(users) > 1:
        raise Damaged("repeated slot id or several recovery slots")


def _atomic_write(path: Path, text: str) -> None:
    """Write the whole file or nothing: a temp file in the same folder, fsync, rename over.

    :raises StorageError: the folder is read-only or the disk is full (the old file is intact)
    """
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:  # mkstemp made it 0600 already
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise errors.StorageError(
            f"File kunci {path} tidak dapat disimpan ({exc.strerror or exc}); "
            "file lama tetap utuh.",
            f"Cannot save the key file {path} ({exc.strerror or exc}); the old file is intact.",
        ) from exc
    finally:
        if tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable; folders cannot be opened this way on Windows.
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
