"""Where the device token lives: the OS keyring when a working backend exists, else inside the
encrypted database (meta ``enrol_token``) — never a plain file (DESIGN.md §5).

"Working" is tested, not assumed: the backend must not be keyring's fail/null backend and a
probe value must survive a set/get/delete round trip (a locked or half-configured Secret
Service fails there). Which of the two holds the token is recorded in meta, so a keyring that
stops working later is reported instead of silently treated as "not enrolled".
"""

from __future__ import annotations

import secrets
from typing import Any

from rt_desktop.store import sync_meta
from rt_desktop.store.store import Store
from sync.client.errors import SyncError

__all__ = ["KEYRING_SERVICE", "forget_token", "load_token", "save_token", "working_keyring"]

KEYRING_SERVICE = "rt-desktop"
_REFUSED = {"keyring.backends.fail.Keyring", "keyring.backends.null.Keyring"}


def _username(store: Store) -> str:
    return f"device-token:{store.device_id}"


def working_keyring() -> Any | None:
    """The keyring backend if one really works here, else ``None``."""
    try:
        import keyring
        import keyring.errors
    except Exception:  # noqa: BLE001 - no keyring at all is a normal outcome
        return None
    try:
        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        if name in _REFUSED:  # a chainer with nothing behind it fails the round trip below
            return None
        probe_user, probe = f"probe-{secrets.token_hex(4)}", secrets.token_urlsafe(16)
        backend.set_password(KEYRING_SERVICE, probe_user, probe)
        try:
            ok = backend.get_password(KEYRING_SERVICE, probe_user) == probe
        finally:
            try:
                backend.delete_password(KEYRING_SERVICE, probe_user)
            except Exception:  # noqa: BLE001 - a probe left behind holds nothing secret
                pass
        return backend if ok else None
    except Exception:  # noqa: BLE001 - any backend failure means "no working keyring"
        return None


def save_token(store: Store, token: str) -> str:
    """Keep ``token`` for this store's device; returns where: ``"keyring"`` or ``"database"``.

    Call inside the ``store.writing()`` that records the enrolment, so the meta commits with it.
    """
    backend = working_keyring()
    if backend is not None:
        try:
            backend.set_password(KEYRING_SERVICE, _username(store), token)
            if backend.get_password(KEYRING_SERVICE, _username(store)) == token:
                store.set_meta(sync_meta.ENROL_TOKEN, "")
                store.set_meta(sync_meta.ENROL_TOKEN_STORE, "keyring")
                return "keyring"
        except Exception:  # noqa: BLE001 - fall back to the encrypted database
            pass
    store.set_meta(sync_meta.ENROL_TOKEN, token)
    store.set_meta(sync_meta.ENROL_TOKEN_STORE, "database")
    return "database"


def load_token(store: Store) -> str:
    """The device token.

    :raises SyncError: ``not_enrolled`` when there is none; ``auth`` when it is in a keyring
        that cannot be read now
    """
    where = store.meta(sync_meta.ENROL_TOKEN_STORE)
    if where == "database" and store.meta(sync_meta.ENROL_TOKEN):
        return store.meta(sync_meta.ENROL_TOKEN) or ""
    if where == "keyring":
        token = None
        try:
            import keyring

            token = keyring.get_password(KEYRING_SERVICE, _username(store))
        except Exception:  # noqa: BLE001 - reported below
            token = None
        if token:
            return token
        raise SyncError(
            "auth", "Token perangkat tidak bisa dibaca dari keyring sistem. Buka kunci keyring, "
            "atau daftarkan ulang laptop ini dengan kode baru.",
            "The device token cannot be read from the system keyring. Unlock the keyring, or "
            "enrol this laptop again with a new code.")
    raise SyncError("not_enrolled",
                    "Laptop ini belum terdaftar di server. Jalankan 'rt-desktop enrol URL KODE'.",
                    "This laptop is not enrolled yet. Run 'rt-desktop enrol URL CODE'.")


def forget_token(store: Store) -> None:
    """Remove the token from wherever it is (a revoked device, a new enrolment)."""
    if store.meta(sync_meta.ENROL_TOKEN_STORE) == "keyring":
        try:
            import keyring

            keyring.delete_password(KEYRING_SERVICE, _username(store))
        except Exception:  # noqa: BLE001 - nothing to remove
            pass
    store.set_meta(sync_meta.ENROL_TOKEN, "")
