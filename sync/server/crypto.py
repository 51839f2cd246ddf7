"""At-rest encryption of sensitive fields (AES-256-GCM) and the server's secret key.

The key never lives in the database: it comes from ``RT_SERVER_SECRET_KEY`` (base64 of 32 bytes)
or from ``secret.key`` in the server's data directory, which ``rt-server admin init`` creates
with mode 0600. A database dump or backup therefore holds no readable identity; losing the key
loses the sensitive fields, so the admin guide says to back it up separately.

Each ciphertext is bound to its record (type and id as associated data), so a blob copied onto
another record fails to decrypt instead of showing the wrong child's data.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

__all__ = ["ENV_KEY", "KEY_FILE", "FieldCipher", "SecretKeyError", "check_key", "create_key_file",
           "load_key"]

ENV_KEY = "RT_SERVER_SECRET_KEY"
KEY_FILE = "secret.key"
_VERSION = b"\x01"
_NONCE = 12


class SecretKeyError(Exception):
    """The secret key is missing or unreadable; the message says what to do."""


def _decode(text: str, where: str) -> bytes:
    try:
        key = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SecretKeyError(f"{where} is not base64") from None
    if len(key) != 32:
        raise SecretKeyError(f"{where} must be 32 bytes (base64), not {len(key)}")
    return key


def load_key(data_dir: Path, environ: dict[str, str] | None = None) -> bytes:
    """The secret key: from the environment if set, else from the key file.

    :raises SecretKeyError: if neither gives a valid key
    """
    env = os.environ if environ is None else environ
    if env.get(ENV_KEY):
        return _decode(env[ENV_KEY], ENV_KEY)
    path = data_dir / KEY_FILE
    if not path.exists():
        raise SecretKeyError(f"no secret key: set {ENV_KEY} or run `rt-server admin init` "
                        f"(it creates {path})")
    return _decode(path.read_text(encoding="ascii"), str(path))


def create_key_file(data_dir: Path) -> tuple[Path, bool]:
    """Make ``secret.key`` (0600) unless it exists; returns its path and whether it was made."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path, False
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(base64.b64encode(AESGCM.generate_key(bit_length=256)).decode() + "\n")
    return path, True


class FieldCipher:
    """Encrypts a record's sensitive fields as one JSON object."""

    def __init__(self, key: bytes):
        self._aead = AESGCM(key)

    @staticmethod
    def _aad(record_type: str, record_id: str) -> bytes:
        return f"rt-server:{record_type}:{record_id}".encode()

    def seal(self, record_type: str, record_id: str, values: dict[str, Any]) -> bytes | None:
        """The ciphertext of ``values`` (None when there is nothing to hide)."""
        if not values:
            return None
        nonce = os.urandom(_NONCE)
        plain = json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode()
        return _VERSION + nonce + self._aead.encrypt(nonce, plain,
                                                     self._aad(record_type, record_id))

    def open(self, record_type: str, record_id: str, blob: bytes | None) -> dict[str, Any]:
        """The values sealed in ``blob``.

        :raises ValueError: if the blob is damaged or was sealed with another key or record
        """
        if not blob:
            return {}
        if blob[:1] != _VERSION:
            raise ValueError("unknown ciphertext version")
        nonce, sealed = blob[1:1 + _NONCE], blob[1 + _NONCE:]
        try:
            plain = self._aead.decrypt(nonce, sealed, self._aad(record_type, record_id))
        except InvalidTag:
            raise ValueError("sensitive fields cannot be decrypted: wrong key?") from None
        values: dict[str, Any] = json.loads(plain)
        return values


def check_key(key: bytes, sample: tuple[str, str, bytes] | None) -> None:
    """Refuse a key that does not open the sensitive fields already stored (``sample``, from
    :meth:`~sync.server.storage.base.Tx.sealed_sample`): a server started with it would answer
    500 to every pull of cases and seal new records with a second key.

    :raises SecretKeyError: saying what to do
    """
    if sample is None:
        return
    try:
        FieldCipher(key).open(*sample)
    except ValueError:
        raise SecretKeyError(
            "this secret key does not open the sensitive fields already in the database: they "
            f"were sealed with another key. Put the backed-up {KEY_FILE} back in the data "
            f"directory (or set {ENV_KEY} to it); the server will not start with this one"
        ) from None
