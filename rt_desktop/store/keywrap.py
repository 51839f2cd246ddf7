"""The cryptography of key slots, without any file: scrypt parameters, wrapping the database
key with AES-256-GCM, and recovery codes.

A wrap's associated data binds it to the key id, its slot id, its kind and its user, so a wrap
copied into another slot, another user or another key file fails its tag like a wrong password.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from rt_desktop import errors
from rt_desktop.ids import new_id

__all__ = [
    "DEFAULT_KDF", "KEY_BYTES", "PASSWORD", "RECOVERY", "Damaged", "KdfParams", "Slot", "key_id",
    "new_recovery_code", "normalise_recovery_code", "unwrap", "wrap",
]

KEY_BYTES = 32
PASSWORD, RECOVERY = "password", "recovery"  # the two kinds of slot
_SALT_BYTES = 16
_NONCE_BYTES = 12

# Crockford base32: no I, L, O, U, so nothing on paper reads as two different characters.
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RECOVERY_DATA_CHARS = 26   # 130 bits
_RECOVERY_CHECK_CHARS = 2   # catches typing slips before a slow key derivation
_RECOVERY_CHARS = _RECOVERY_DATA_CHARS + _RECOVERY_CHECK_CHARS


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost, stored with each slot so the default can be raised without locking anyone out.

    The default (n=2**17, r=8, p=1: 128 MiB) takes about 0.35 s on the 2-core reference laptop.

    :raises ValueError: parameters scrypt would reject or that would exhaust memory
    """

    n: int = 2**17
    r: int = 8
    p: int = 1
    name: str = "scrypt"

    def __post_init__(self) -> None:
        if self.name != "scrypt":
            raise ValueError(f"unknown key derivation {self.name!r}")
        if not (2**10 <= self.n <= 2**22) or self.n & (self.n - 1):
            raise ValueError("scrypt n must be a power of two between 2**10 and 2**22")
        if not (1 <= self.r <= 32 and 1 <= self.p <= 16) or 128 * self.r * self.n > 2**30:
            raise ValueError("scrypt r/p out of range or more than 1 GiB of memory")

    @property
    def work(self) -> int:
        """Comparable cost: the default is ``2**17 * 8``."""
        return self.n * self.r * self.p

    def derive(self, secret: bytes, salt: bytes) -> bytes:
        return Scrypt(salt=salt, length=KEY_BYTES, n=self.n, r=self.r, p=self.p).derive(secret)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "r": self.r, "p": self.p}


DEFAULT_KDF = KdfParams()


def key_id(db_key: bytes) -> str:
    """A public fingerprint of the database key (HMAC, reveals nothing about the key)."""
    return hmac.new(db_key, b"rt-desktop/key-id/v1", hashlib.sha256).hexdigest()[:32]


def new_recovery_code() -> str:
    """28 Crockford base32 characters in groups of four: 130 random bits and a 10-bit check."""
    data = "".join(secrets.choice(_CROCKFORD) for _ in range(_RECOVERY_DATA_CHARS))
    code = data + _recovery_check(data)
    return "-".join(code[i:i + 4] for i in range(0, _RECOVERY_CHARS, 4))


def normalise_recovery_code(text: str) -> str:
    """Upper case, no spaces or dashes, I/L read as 1 and O as 0.

    :raises WrongPassword: not a recovery code (wrong length, a character outside the alphabet,
        or the check characters do not match — most likely a typing slip)
    """
    code = re.sub(r"[\s\-_.\u2010-\u2015]", "", text).upper().translate(str.maketrans("ILO", "110"))
    if len(code) != _RECOVERY_CHARS or any(ch not in _CROCKFORD for ch in code):
        raise errors.WrongPassword(
            f"Kode pemulihan harus {_RECOVERY_CHARS} huruf/angka (7 kelompok berisi 4).",
            f"A recovery code has {_RECOVERY_CHARS} letters/digits (7 groups of 4).")
    data, check = code[:_RECOVERY_DATA_CHARS], code[_RECOVERY_DATA_CHARS:]
    if not hmac.compare_digest(check, _recovery_check(data)):
        raise errors.WrongPassword(
            "Kode pemulihan tidak cocok; periksa lagi tiap hurufnya.",
            "The recovery code does not check out; look at each character again.")
    return code


def _recovery_check(data: str) -> str:
    digest = int.from_bytes(hashlib.sha256(data.encode("ascii")).digest()[:2], "big") >> 6
    return _CROCKFORD[digest >> 5] + _CROCKFORD[digest & 31]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class Damaged(ValueError):
    """A stored slot is not what this code writes (raised while reading a key file)."""


def _unb64(value: Any, length: int | None = None) -> bytes:
    if not isinstance(value, str):
        raise Damaged("expected base64 text")
    try:
        data = base64.b64decode(value, validate=True)
    except binascii.Error as exc:
        raise Damaged("bad base64") from exc
    # Only the canonical spelling is accepted: one stored value, one meaning.
    if _b64(data) != value or (length is not None and len(data) != length):
        raise Damaged("bad base64 length")
    return data


@dataclass(frozen=True)
class Slot:
    slot_id: str
    kind: str
    user_id: str          # "" for the recovery slot
    display_name: str     # "" for the recovery slot
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes

    def aad(self, kid: str) -> bytes:
        parts = ("rt-desktop-keyslot/v1", kid, self.slot_id, self.kind, self.user_id)
        return "\0".join(parts).encode("utf-8")

    def to_json(self) -> dict[str, Any]:
        return {"slot_id": self.slot_id, "kind": self.kind, "user_id": self.user_id,
                "display_name": self.display_name, "kdf": self.kdf.to_json(),
                "salt": _b64(self.salt), "nonce": _b64(self.nonce), "wrapped": _b64(self.wrapped)}

    @classmethod
    def from_json(cls, raw: Any) -> Slot:
        if not isinstance(raw, Mapping):
            raise Damaged("slot is not an object")
        texts: dict[str, str] = {}
        for name in ("slot_id", "kind", "user_id", "display_name"):
            value = raw.get(name)
            if not isinstance(value, str):
                raise Damaged("slot field is not text")
            texts[name] = value
        kdf_raw = raw.get("kdf")
        if not isinstance(kdf_raw, Mapping) or set(kdf_raw) != {"name", "n", "r", "p"} or not all(
                type(kdf_raw[k]) is int for k in ("n", "r", "p")):
            raise Damaged("bad kdf")
        try:
            kdf = KdfParams(n=kdf_raw["n"], r=kdf_raw["r"], p=kdf_raw["p"], name=kdf_raw["name"])
        except ValueError as exc:
            raise Damaged(str(exc)) from exc
        slot = cls(kdf=kdf, salt=_unb64(raw.get("salt"), _SALT_BYTES),
                   nonce=_unb64(raw.get("nonce"), _NONCE_BYTES),
                   wrapped=_unb64(raw.get("wrapped"), KEY_BYTES + 16), **texts)
        if not slot.slot_id or slot.kind not in (PASSWORD, RECOVERY):
            raise Damaged("bad slot id or kind")
        if (slot.kind == PASSWORD) != bool(slot.user_id and slot.display_name):
            raise Damaged("user fields do not match the slot kind")
        return slot


def wrap(db_key: bytes, kid: str, secret: bytes, kdf: KdfParams, *, kind: str,
         user_id: str = "", display_name: str = "") -> Slot:
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    slot = Slot(new_id(), kind, user_id, display_name, kdf, salt, nonce, b"")
    wrapped = AESGCM(kdf.derive(secret, salt)).encrypt(nonce, db_key, slot.aad(kid))
    return replace(slot, wrapped=wrapped)


def unwrap(slot: Slot, kid: str, secret: bytes) -> bytes | None:
    """The key, or None when the secret is wrong or the slot was altered."""
    try:
        db_key = AESGCM(slot.kdf.derive(secret, slot.salt)).decrypt(
            slot.nonce, slot.wrapped, slot.aad(kid))
    except InvalidTag:
        return None
    if not hmac.compare_digest(key_id(db_key), kid):
        # Defence in depth: kid is in the authenticated data, so only a file written with this
        # very key but a wrong key id gets here. Never hand out a key the file does not vouch for.
        return None
    return db_key
