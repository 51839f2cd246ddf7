"""Pushes too large for the server (413, its body limit): batches halve until they fit, never
part a save (a case with its referrals), do not grow back to be refused again, and one change
too large even alone neither stops the sync nor slows the rest to one change a request. A real
`rt-server` (SQLite) with a small `RT_SERVER_MAX_BODY_BYTES`, seen through the relay of
tests/sync/faultproxy.py; the 413s a relay answers itself are in test_e2e_sync_faults.py."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.store import sync_apply
from rt_desktop.store.store import Store
from sync.client import enrol, run_sync
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers import (
    KELURAHAN,
    USER,
    make_incident,
    make_referral,
    make_session,
    referral_of,
    save_referred_case,
    save_sessions,
)
from tests.sync.servers import running_server

pytestmark = pytest.mark.slow


def laptop(tmp_path: Path) -> Store:
    return Store.create(tmp_path / "a", os.urandom(32), kelurahan_code=KELURAHAN, rt="001")


def size_of(store: Store, position: int = 0) -> int:
    """The bytes of the waiting change at ``position`` as it is sent."""
    return len(json.dumps(sync_apply.outgoing_changes(store, limit=position + 1)[position]))


def save_large_session(store: Store) -> None:
    store.save(make_session(summary="Catatan panjang. " * 580, follow_up="x" * 9_000),
               user=USER)


def sync_under_limit(store: Store, tmp_path: Path, limit: int) -> tuple[Any, list[str]]:
    """Enrol ``store`` on a server refusing bodies over ``limit`` bytes and sync once: the
    result, and the answer to each push ("413", "200"). The store is closed after."""
    with running_server(tmp_path / "small", env={"RT_SERVER_MAX_BODY_BYTES": str(limit)}) as srv:
        enrol(store, srv.url, srv.issue_code("volunteer", kelurahan=KELURAHAN, rt="001"))
        relay = FaultProxy(srv.url)
        store.set_meta("enrol_url", relay.url)
        try:
            result = run_sync(store)
        finally:
            relay.close()
            store.close()
    return result, [what for _, path, what in relay.log if path.startswith("/api/v1/push")]


def test_after_a_413_no_batch_grows_past_what_fits(tmp_path: Path) -> None:
    """The first batches are halved until one fits (413s); after that no batch grows back past
    that size to keep a case with a later referral edit (it would be refused again and the
    halving start over)."""
    store = laptop(tmp_path)
    save_sessions(store, 700)
    case_id = store.save(make_incident(), user=USER, referrals=[make_referral()])[0].record_id
    save_sessions(store, 100)
    store.save(dataclasses.replace(referral_of(store, case_id), status="diterima"), user=USER)
    save_sessions(store, 300)
    limit = 40 * size_of(store) + 500  # about 40 changes to a push
    result, pushes = sync_under_limit(store, tmp_path, limit)
    assert (result.pushed, result.rejected, result.exit_code) == (1_103, 0, 0)
    refused = [n for n, what in enumerate(pushes) if what == "413"]
    assert refused and refused == list(range(len(refused)))  # only before the first that fit


def test_a_case_saved_with_its_referral_stays_with_it_after_a_413(tmp_path: Path) -> None:
    """A large session, then a high-risk case saved with its referral: all three are refused
    together (413); halved to one change a batch, the case still goes with its referral."""
    store = laptop(tmp_path)
    save_large_session(store)
    save_referred_case(store)
    result, pushes = sync_under_limit(store, tmp_path, size_of(store) + 1_500)
    assert (result.pushed, result.rejected, result.exit_code) == (3, 0, 0)
    assert pushes == ["413", "200", "200"]  # [session], then [case, referral]


def test_one_change_too_large_alone_does_not_slow_the_rest_to_one_a_request(
        tmp_path: Path) -> None:
    store = laptop(tmp_path)
    save_large_session(store)
    save_sessions(store, 1)
    limit = size_of(store) - 1_000
    others = limit // size_of(store, 1) - 2  # together they fit
    save_sessions(store, others - 1)
    result, pushes = sync_under_limit(store, tmp_path, limit)
    assert others > 4 and (result.pushed, result.rejected, result.exit_code) == (others, 1, 5)
    # Halved down to the large one alone (kept, shown as too large), then the others in
    # batches doubling from two — not one a request.
    accepted = pushes[pushes.index("200"):]
    assert set(pushes[:pushes.index("200")]) == {"413"} and set(accepted) == {"200"}
    assert len(accepted) <= others.bit_length()
