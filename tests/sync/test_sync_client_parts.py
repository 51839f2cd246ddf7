"""The client's parts that need no server: where the token lives, which addresses are allowed,
the backoff policy, the error kinds and their exit codes."""

from __future__ import annotations

import random
from collections.abc import Iterator

import keyring
import keyring.backend
import pytest

from rt_desktop import errors
from rt_desktop.errors import BadInput
from rt_desktop.store import sync_meta
from rt_desktop.store.connection import DB_FILENAME
from rt_desktop.store.store import Store
from sync.client import tokens
from sync.client.backoff import BackoffPolicy
from sync.client.errors import KINDS, SyncError
from sync.client.http import check_url
from tests.sync.helpers import MemoryKeyring

TOKEN = "tok-" + "x" * 40


class BrokenKeyring(MemoryKeyring):
    """Says it works, but what it stores cannot be read back (a locked collection)."""

    def get_password(self, service: str, username: str) -> str | None:
        return None


@pytest.fixture
def use_keyring() -> Iterator[object]:
    previous = keyring.get_keyring()
    holder: list[keyring.backend.KeyringBackend] = []

    def use(backend: keyring.backend.KeyringBackend) -> keyring.backend.KeyringBackend:
        keyring.set_keyring(backend)
        holder.append(backend)
        return backend
    yield use
    keyring.set_keyring(previous)


def test_without_a_working_keyring_the_token_goes_into_the_encrypted_database(
        store: Store) -> None:
    # tests/conftest.py forces keyring's null backend: nothing is stored there.
    assert tokens.working_keyring() is None
    with store.writing():
        assert tokens.save_token(store, TOKEN) == "database"
    assert tokens.load_token(store) == TOKEN
    assert store.meta(sync_meta.ENROL_TOKEN) == TOKEN
    # Inside the encrypted file only: the bytes on disk do not hold it.
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert TOKEN.encode() not in (store.data_dir / DB_FILENAME).read_bytes()
    assert not any(TOKEN.encode() in p.read_bytes() for p in store.data_dir.rglob("*")
                   if p.is_file())


def test_a_working_keyring_holds_the_token_and_the_database_does_not(store: Store,
                                                                    use_keyring) -> None:
    backend = use_keyring(MemoryKeyring())
    with store.writing():
        assert tokens.save_token(store, TOKEN) == "keyring"
    assert store.meta(sync_meta.ENROL_TOKEN) == ""
    assert tokens.load_token(store) == TOKEN
    assert list(backend.items.values()) == [TOKEN]  # the probe left nothing behind
    tokens.forget_token(store)
    assert backend.items == {}


def test_a_keyring_that_cannot_give_back_is_not_used(store: Store, use_keyring) -> None:
    use_keyring(BrokenKeyring())
    with store.writing():
        assert tokens.save_token(store, TOKEN) == "database"
    assert tokens.load_token(store) == TOKEN


def test_a_keyring_that_stops_working_is_reported_not_taken_for_unenrolled(
        store: Store, use_keyring) -> None:
    use_keyring(MemoryKeyring())
    with store.writing():
        tokens.save_token(store, TOKEN)
    use_keyring(BrokenKeyring())
    with pytest.raises(SyncError) as caught:
        tokens.load_token(store)
    assert caught.value.kind == "auth" and "keyring" in caught.value.message_id


def test_no_token_means_not_enrolled(store: Store) -> None:
    with pytest.raises(SyncError) as caught:
        tokens.load_token(store)
    assert caught.value.kind == "not_enrolled"


@pytest.mark.parametrize(("url", "allowed", "ok"), [
    ("https://rt.balikpapan.example/", False, True),
    ("http://127.0.0.1:8765", False, True),
    ("http://localhost:8765", False, True),
    ("http://[::1]:8765", False, True),
    ("http://192.168.1.20:8765", False, False),
    ("http://rt.balikpapan.example", False, False),
    ("http://rt.balikpapan.example", True, True),
    ("ftp://rt.balikpapan.example", True, False),
    ("rt.balikpapan.example", False, False),
])
def test_plain_http_only_to_this_machine_unless_allowed(url: str, allowed: bool,
                                                         ok: bool) -> None:
    if ok:
        assert check_url(url, allow_insecure_http=allowed) == url.rstrip("/")
    else:
        with pytest.raises((SyncError, BadInput)) as caught:
            check_url(url, allow_insecure_http=allowed)
        # Plain http elsewhere: refused until allowed; anything else: not an address at all.
        assert isinstance(caught.value, BadInput) or caught.value.kind == "insecure"


def test_backoff_grows_with_full_jitter_up_to_the_cap_and_never_stops() -> None:
    policy = BackoffPolicy(base=5, cap=900, rng=random.Random(4))
    assert [policy.ceiling(n) for n in (1, 2, 3, 4)] == [5, 10, 20, 40]
    assert policy.ceiling(10_000) == 900
    delays = [policy.delay(12) for _ in range(500)]
    assert 1 <= min(delays) < 100 and 800 < max(delays) <= 900  # spread over the whole range
    assert policy.delay(10 ** 6) <= 900  # months of failures: still a finite, capped delay


def test_backoff_honours_retry_after() -> None:
    policy = BackoffPolicy(rng=random.Random(1))
    assert all(policy.delay(1, retry_after=120) >= 120 for _ in range(50))
    assert policy.delay(1, retry_after=3600) == 3600  # the server's word beats the cap


@pytest.mark.parametrize(("kind", "code"), [
    ("unreachable", errors.EXIT_UNREACHABLE), ("auth", errors.EXIT_NOT_AUTHORISED),
    ("rejected", errors.EXIT_PARTIAL), ("server_error", errors.EXIT_UNREACHABLE),
    ("rate_limited", errors.EXIT_UNREACHABLE), ("update_required", errors.EXIT_NOT_AUTHORISED),
])
def test_error_kinds_map_to_exit_codes(kind: str, code: int) -> None:
    assert KINDS[kind] == code
    assert SyncError(kind, "x").exit_code == code
    assert isinstance(SyncError(kind, "x"), errors.RTError)


def test_an_unknown_kind_is_a_programmer_error() -> None:
    with pytest.raises(ValueError):
        SyncError("oops", "x")


