"""Fault injection (issue 4): each scenario ends with identical data on the server and every
device, and no duplicates. Real `rt-server` processes on loopback (both backends), a real
client; faults come from killing processes and from a small relay in between
(tests/sync/faultproxy.py) that drops answers, answers 500/503 itself, or stalls.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from rt_desktop import access
from rt_desktop.records import ParentingSession
from rt_desktop.store import sync_apply
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import sync_status
from sync.client import SyncError, enrol, run_sync
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers import (
    KELURAHAN,
    USER,
    Devices,
    assert_converged,
    save_referred_case,
    save_sessions,
    sync_all,
)
from tests.sync.servers import ROOT, ServerProcess

pytestmark = pytest.mark.slow
PASSWORD = "kata-sandi-uji-1"


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def srv(request: pytest.FixtureRequest,
        tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of this module's own: some scenarios kill it."""
    url = None
    if request.param == "postgres":
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.url(cluster.create_database())
    server = ServerProcess(tmp_path_factory.mktemp(f"faults-{request.param}"), url).start()
    yield server
    server.stop()


_RTS = iter(range(201, 999))


@pytest.fixture
def proxy(srv: ServerProcess) -> Iterator[FaultProxy]:
    relay = FaultProxy(srv.url)
    yield relay
    relay.close()


@pytest.fixture
def devices(srv: ServerProcess, tmp_path: Path) -> Iterator[Devices]:
    made: list[Store] = []

    def new_store(name: str, *, role: str = "volunteer", rt: str = "001") -> Store:
        store = Store.create(tmp_path / name, os.urandom(32), kelurahan_code=KELURAHAN, rt=rt,
                             role=role)
        made.append(store)
        return store
    yield Devices(srv, new_store, f"{next(_RTS):03d}")
    for store in made:
        store.close()


def via(store: Store, proxy: FaultProxy) -> Store:
    """Send this device's requests through the relay (enrolment stays as it was)."""
    store.set_meta("enrol_url", proxy.url)
    return store


def direct(store: Store, server: ServerProcess) -> Store:
    store.set_meta("enrol_url", server.url)
    return store


def sync_until_ok(store: Store, attempts: int = 10) -> Any:
    for _ in range(attempts):
        try:
            return run_sync(store)
        except SyncError as exc:
            assert exc.transient, exc
            time.sleep(0.2)
    raise AssertionError("sync never succeeded")


def test_server_killed_mid_push(srv: ServerProcess, proxy: FaultProxy, devices: Devices) -> None:
    a = devices.volunteer("a")
    ids = save_sessions(a, 1200)
    via(a, proxy)
    proxy.inject("/api/v1/push", "delay", times=-1, seconds=0.05)
    failure: list[BaseException] = []

    def push() -> None:
        try:
            run_sync(a, push_batch=50)
        except BaseException as exc:  # noqa: BLE001 - checked below
            failure.append(exc)
    worker = threading.Thread(target=push)
    worker.start()
    deadline = time.monotonic() + 30
    while sum(1 for m, p, s in proxy.log if p.startswith("/api/v1/push")) < 5:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    srv.kill()  # SIGKILL while batches are in flight
    worker.join(60)
    assert failure and isinstance(failure[0], SyncError) and failure[0].transient
    assert 0 < a.pending_count() < len(ids)
    srv.start()  # same database
    proxy.clear()
    sync_until_ok(a)
    observer = assert_converged(devices, direct(a, srv))
    assert observer.count(ParentingSession) == len(ids)  # no duplicates, none lost


def _cli_device(tmp_path: Path, devices: Devices) -> tuple[Path, Store]:
    data = tmp_path / "cli-device"
    unlocked, _ = access.initialise(data, kelurahan_code=KELURAHAN, rt=devices.rt, name="Sari",
                                    password=PASSWORD, kdf=KdfParams(n=2 ** 10))
    enrol(unlocked.store, devices.server.url,
          devices.server.issue_code("volunteer", kelurahan=KELURAHAN, rt=devices.rt))
    return data, unlocked.store


def _cli_sync_pulling(tmp_path: Path, proxy: FaultProxy, devices: Devices, sessions: int, *,
                      delay: float, python_args: Sequence[str],
                      ) -> tuple[Store, Path, subprocess.Popen[bytes]]:
    """Device ``a`` with ``sessions`` sessions on the server, and ``rt-desktop sync`` (started
    as ``python *python_args``) of a new laptop whose pulls go through the relay, each
    ``delay`` seconds late."""
    a = devices.volunteer("a")
    save_sessions(a, sessions)
    run_sync(a)
    data, b = _cli_device(tmp_path, devices)
    via(b, proxy)
    b.close()
    proxy.inject("/api/v1/pull", "delay", times=-1, seconds=delay)
    client = subprocess.Popen(
        [sys.executable, *python_args, "--data-dir", str(data), "sync"], cwd=ROOT,
        env={**os.environ, "RT_DESKTOP_PASSWORD": PASSWORD}, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE)
    return a, data, client


def _pulls(proxy: FaultProxy) -> int:
    return sum(1 for _m, path, _s in proxy.log if path.startswith("/api/v1/pull"))


@contextlib.contextmanager
def _reopened(data: Path) -> Iterator[Store]:
    store = access.unlock(data, None, PASSWORD).store
    try:
        yield store
    finally:
        store.close()


def test_client_killed_mid_pull(tmp_path: Path, proxy: FaultProxy, devices: Devices) -> None:
    a, data, client = _cli_sync_pulling(tmp_path, proxy, devices, 2500, delay=0.2,
                                        python_args=["-m", "rt_desktop.cli"])
    deadline = time.monotonic() + 60
    # Pages of 1,000: the second page is requested only once the first is applied.
    while _pulls(proxy) < 2:
        assert time.monotonic() < deadline and client.poll() is None
        time.sleep(0.01)
    client.send_signal(signal.SIGKILL)  # mid-pull: pages applied, more coming
    client.wait(10)
    proxy.clear()
    with _reopened(data) as b:
        pulled = b.count(ParentingSession)
        cursor = int(b.sync_cursor("parenting_session") or 0)
        assert pulled in (1000, 2000)  # whole pages only
        assert cursor > 0
        sync_until_ok(b)
        observer = assert_converged(devices, a, b)
        assert observer.count(ParentingSession) == 2500


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (Linux)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(proc.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


# `rt-desktop sync` with pages of 100 and a child process for the pull after its first page.
_SYNC_WITH_EARLY_CHILD = (
    "import functools, sys, sync.client; from sync.client import pull_pages; "
    "pull_pages.PROCESS_AFTER = 1; "
    "sync.client.run_sync = functools.partial(sync.client.run_sync, pull_limit=100); "
    "from rt_desktop.cli import main; sys.exit(main(sys.argv[1:]))")


def test_client_killed_while_its_pull_child_fetches(tmp_path: Path, proxy: FaultProxy,
                                                    devices: Devices) -> None:
    # A long pull fetches in a child process (sync/client/pull_pages.py). The laptop's sync
    # killed mid-pull: the child stops by itself, and the next sync completes the pull.
    a, data, client = _cli_sync_pulling(tmp_path, proxy, devices, 3500, delay=0.3,
                                        python_args=["-c", _SYNC_WITH_EARLY_CHILD])
    deadline = time.monotonic() + 60
    children: list[int] = []
    # Page 1 is the sync's, page 2 its thread's, page 3 on the child's: kill the laptop's
    # sync once the child is at work (its request on the way, or a page to hand over).
    while not children or _pulls(proxy) < 3:
        assert time.monotonic() < deadline and client.poll() is None
        with contextlib.suppress(OSError):  # spawn's child
            children = [pid for pid in _children(client.pid)
                        if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        time.sleep(0.01)
    client.send_signal(signal.SIGKILL)
    client.wait(10)
    deadline = time.monotonic() + 5  # its request on the way (0.3 s), then it sees the end
    while any(_running(pid) for pid in children):
        assert time.monotonic() < deadline, "the pull's child outlived its parent"
        time.sleep(0.05)
    proxy.clear()
    with _reopened(data) as b:
        pulled = b.count(ParentingSession)
        assert pulled % 100 == 0 and pulled < 3500  # mid-pull; whole pages only
        sync_until_ok(b)
        observer = assert_converged(devices, a, b)
        assert observer.count(ParentingSession) == 3500


@pytest.mark.parametrize("path", ["/api/v1/push", "/api/v1/pull"])
def test_answer_dropped_after_the_server_committed(proxy: FaultProxy, devices: Devices,
                                                   path: str) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    ids = save_sessions(a, 5)
    run_sync(b)
    via(a, proxy)
    proxy.inject(path, "drop")
    with pytest.raises(SyncError) as caught:
        run_sync(a)
    assert caught.value.kind == "unreachable"
    if path.endswith("push"):
        assert a.pending_count() == 5  # not acknowledged: kept, attempt counted
        assert {c["attempts"] for c in sync_apply.unsent_changes(a)} == {1}
    result = run_sync(a)
    assert result.exit_code == 0
    sync_all(a, b)
    observer = assert_converged(devices, a, b)
    assert observer.count(ParentingSession) == len(ids)


def test_500_then_503_with_retry_after(proxy: FaultProxy, devices: Devices) -> None:
    a = via(devices.volunteer("a"), proxy)
    save_sessions(a, 3)
    proxy.inject("/api/v1/push", "status", status=500)
    with pytest.raises(SyncError) as caught:
        run_sync(a)
    assert (caught.value.kind, caught.value.status) == ("server_error", 500)
    unsent = sync_apply.unsent_changes(a)
    assert {c["attempts"] for c in unsent} == {1} and all(c["last_error"] for c in unsent)
    proxy.inject("/api/v1/settings", "status", status=503, retry_after=120)
    with pytest.raises(SyncError) as caught:
        run_sync(a)
    assert caught.value.retry_after == 120
    status = sync_status(a)
    assert status["last_error_kind"] == "server_error"
    due = status["next_attempt_at"]
    assert due and due >= sync_apply.retry_time(110)  # Retry-After honoured
    assert a.pending_count() == 3
    sync_until_ok(a)
    assert sync_status(a)["next_attempt_at"] is None
    assert_converged(devices, a)


def test_a_push_too_large_is_halved_but_never_between_a_case_and_its_referral(
        proxy: FaultProxy, devices: Devices) -> None:
    a = via(devices.volunteer("a"), proxy)
    save_sessions(a, 3)
    save_referred_case(a)
    proxy.inject("/api/v1/push", "status", status=413)  # the server's body limit, once
    result = run_sync(a)
    assert (result.pushed, result.rejected, result.exit_code) == (5, 0, 0)
    # 5 changes → halved to 2: [session, session], [session] (not [session, case]),
    # [case, referral]
    pushes = [what for _, path, what in proxy.log if path.startswith("/api/v1/push")]
    assert pushes == ["status 413", "200", "200", "200"]
    assert_converged(devices, a)


def test_a_change_too_large_even_alone_is_kept_and_shown_and_the_sync_ends(
        proxy: FaultProxy, devices: Devices) -> None:
    a = via(devices.volunteer("a"), proxy)
    save_sessions(a, 9)
    save_referred_case(a)
    proxy.inject("/api/v1/push", "status", status=413, times=-1)  # a broken proxy, say
    result = run_sync(a)  # a case and its referral too large together go one by one
    assert (result.rejected, result.exit_code) == (11, 5)
    # Each change refused alone in the end, at most two requests each after the first
    # halving (11 → 5 → 2 → 1): the batches do not grow back to 11 every time.
    assert sum(1 for _, path, _w in proxy.log if path.startswith("/api/v1/push")) <= 3 + 2 * 11
    unsent = sync_apply.unsent_changes(a)
    assert [(c["state"], "terlalu besar" in c["last_error"]) for c in unsent] == [
        ("rejected", True)] * 11
    assert run_sync(a).pushed == 0  # kept, and sent again only after an edit


def test_a_stalled_server_times_out_and_nothing_is_lost(proxy: FaultProxy,
                                                        devices: Devices) -> None:
    a = via(devices.volunteer("a"), proxy)
    save_sessions(a, 3)
    proxy.inject("/api/v1/push", "stall", seconds=3)
    started = time.monotonic()
    with pytest.raises(SyncError) as caught:
        run_sync(a, timeout=(1.0, 0.5))
    assert caught.value.kind == "unreachable" and time.monotonic() - started < 2.5
    assert a.pending_count() == 3
    sync_until_ok(a)
    assert_converged(devices, a)


def test_a_device_offline_for_weeks_with_thousands_of_changes(proxy: FaultProxy,
                                                              devices: Devices) -> None:
    a, b = devices.volunteer("a"), devices.volunteer("b")
    shared = save_sessions(a, 200)
    sync_all(a, b, rounds=1)
    via(a, proxy)
    proxy.inject("/api/v1", "stall", times=-1, seconds=0)  # the cable is out
    save_sessions(a, 1500)
    with a.writing():
        for n, session_id in enumerate(shared):
            session = a.get(ParentingSession, session_id)
            if n < 50:
                a.delete(ParentingSession, session_id, user=USER)
            else:
                a.save(dataclasses.replace(session, summary=f"A minggu {n}"), user=USER)  # type: ignore
    assert a.pending_count() == 1700
    for _ in range(3):  # the app keeps trying, backing off
        with pytest.raises(SyncError):
            run_sync(a)
    assert {c["attempts"] for c in sync_apply.unsent_changes(a)} == {3}
    assert int(a.meta("sync_failures") or 0) == 3
    # Meanwhile laptop B edits the same sessions.
    with b.writing():
        for session_id in shared[100:150]:
            session = b.get(ParentingSession, session_id)
            b.save(dataclasses.replace(session, summary="B"), user=USER)  # type: ignore
    run_sync(b)
    proxy.clear()  # back online
    result = run_sync(a)
    assert result.pushed == 1700 and result.conflicts == 50
    sync_all(b, a)
    observer = assert_converged(devices, a, b)
    assert observer.count(ParentingSession) == 1500 + 200 - 50
    assert len(a.list_records(ParentingSession)) == observer.count(ParentingSession)
