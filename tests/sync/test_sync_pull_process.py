"""A long pull goes on in a child process (sync/client/pull_pages.py), per backend: the pages
arrive whole and in order, the child's failures reach the sync as its own, a child that dies
or a cancelled sync leaves no process behind, and the next sync finishes the pull."""

from __future__ import annotations

import multiprocessing
import pickle
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.records import ParentingSession
from rt_desktop.store import sync_pull
from sync.client import SyncError, pull_pages, run_sync
from sync.client.http import Connection
from sync.client.pull_pages import PageProcess
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers import USER, Devices, assert_converged, make_session, replica

PAGE = 4  # records per page: 23 sessions are 6 pages


@pytest.fixture
def children(monkeypatch: pytest.MonkeyPatch) -> list[PageProcess]:
    """Every child process started, each after one page fetched on the thread."""
    monkeypatch.setattr(pull_pages, "PROCESS_AFTER", 1)
    started: list[PageProcess] = []
    start = PageProcess.start

    def spy(*args: Any, **kwargs: Any) -> PageProcess | None:
        child = start(*args, **kwargs)
        assert child is not None, "no child process could be started"
        started.append(child)
        return child
    monkeypatch.setattr(PageProcess, "start", spy)
    return started


def _sessions(devices: Devices, n: int = 23) -> Any:
    a = devices.volunteer("a")
    with a.writing():
        for i in range(n):
            a.save(make_session(venue=f"Balai {i}"), user=USER)
    run_sync(a)
    return a


def _gone(child: PageProcess) -> bool:
    return not child._process.is_alive()


def test_a_long_pull_goes_on_in_a_child_and_arrives_whole(devices: Devices,
                                                          children: list[PageProcess]) -> None:
    a = _sessions(devices)
    b = devices.volunteer("b")
    result = run_sync(b, pull_limit=PAGE)
    assert len(children) == 1 and _gone(children[0])
    assert result.pulled == 23 and b.count(ParentingSession) == 23
    assert b.sync_cursor("parenting_session") == a.sync_cursor("parenting_session")
    assert replica(a) == replica(b)
    # Nothing new: a second sync pulls one page, no child.
    assert run_sync(b, pull_limit=PAGE).pulled == 0 and len(children) == 1
    assert_converged(devices, a, b)


def test_the_child_s_failure_is_the_sync_s_and_the_next_sync_finishes(
        devices: Devices, children: list[PageProcess], monkeypatch: pytest.MonkeyPatch) -> None:
    a = _sessions(devices)
    b = devices.volunteer("b")
    proxy = FaultProxy(devices.server.url)
    try:
        b.set_meta("enrol_url", proxy.url)
        start = PageProcess.start

        def failing(*args: Any, **kwargs: Any) -> PageProcess | None:
            if not children:  # from the first child's first request on, the server answers 500
                proxy.inject("/api/v1/pull", "status", times=-1, status=500)
            return start(*args, **kwargs)
        monkeypatch.setattr(PageProcess, "start", failing)
        with pytest.raises(SyncError) as caught:
            run_sync(b, pull_limit=PAGE)
        assert (caught.value.kind, caught.value.status) == ("server_error", 500)
        assert _gone(children[0])
        # The pages fetched before the child are applied, with their cursor.
        assert b.count(ParentingSession) == 2 * PAGE
        assert int(b.sync_cursor("parenting_session") or 0) > 0
        proxy.clear()
        assert run_sync(b, pull_limit=PAGE).pulled == 23 - 2 * PAGE
    finally:
        proxy.close()
    assert replica(a) == replica(b)
    assert_converged(devices, a, b)


def _long_sessions(devices: Devices, n: int = 200) -> Any:
    """Sessions big enough that a page of 20 fills the pipe: a child is then blocked sending
    while the store writes."""
    a = devices.volunteer("a")
    with a.writing():
        for i in range(n):
            a.save(make_session(venue=f"Balai {i}", summary="Catatan panjang. " * 250),
                   user=USER)
    run_sync(a)
    return a


def _in_time(sync: Callable[[], Any], cancel: threading.Event | None = None) -> Any:
    """``sync()`` on a thread: its result or error; fails if it has not ended after 60 s (then
    after a cancel, 5 s more)."""
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(sync())
        except BaseException as exc:  # noqa: BLE001 - returned to the test
            outcome.append(exc)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(60)
    if cancel is not None:
        cancel.set()
        thread.join(5)
    assert not thread.is_alive(), "the sync hangs"
    return outcome[0]


def _slow_first_apply(monkeypatch: pytest.MonkeyPatch, children: list[PageProcess],
                      then: Callable[[], None]) -> None:
    """The first apply after the child started takes a second (the child fills the pipe
    meanwhile), then runs ``then``."""
    real = sync_pull.apply_pulled
    done: list[bool] = []

    def slow(*args: Any, **kwargs: Any) -> Any:
        if children and not done:
            done.append(True)
            time.sleep(1.0)
            then()
        return real(*args, **kwargs)
    monkeypatch.setattr(sync_pull, "apply_pulled", slow)


def test_a_child_that_dies_mid_page_is_replaced_by_the_thread(
        devices: Devices, children: list[PageProcess], monkeypatch: pytest.MonkeyPatch) -> None:
    # Killed (Task Manager, the OOM killer, an antivirus) while it was sending a page: the
    # parent sees the pipe end, never waits on the half page, and a thread fetches the rest.
    a = _long_sessions(devices)
    b = devices.volunteer("b")
    _slow_first_apply(monkeypatch, children, lambda: children[0]._process.kill())
    result = _in_time(lambda: run_sync(b, pull_limit=20))
    assert not isinstance(result, BaseException), result
    assert len(children) == 1 and _gone(children[0])
    assert result.pulled == 200 and replica(a) == replica(b)
    assert_converged(devices, a, b)


def test_a_pull_cancelled_while_its_child_sends_stops_at_once(
        devices: Devices, children: list[PageProcess], monkeypatch: pytest.MonkeyPatch) -> None:
    a = _long_sessions(devices)
    b = devices.volunteer("b")
    cancel = threading.Event()
    _slow_first_apply(monkeypatch, children, cancel.set)
    started = time.monotonic()
    result = _in_time(lambda: run_sync(b, pull_limit=20, cancel=cancel))
    assert result.cancelled and time.monotonic() - started < 10
    assert children and _gone(children[0])
    assert b.count(ParentingSession) % 20 == 0 and b.count(ParentingSession) < 200
    monkeypatch.undo()
    run_sync(b, pull_limit=20)
    assert replica(a) == replica(b)


def test_where_no_child_can_start_the_thread_goes_on(devices: Devices,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    a = _sessions(devices)
    b = devices.volunteer("b")
    monkeypatch.setattr(pull_pages, "PROCESS_AFTER", 1)
    tried: list[str] = []

    class NoChildren:  # as in a daemonic process, or a system that forbids it
        def get_context(self, method: str) -> Any:
            tried.append(method)
            raise OSError("no child processes here")
    monkeypatch.setattr(pull_pages, "multiprocessing", NoChildren())
    result = run_sync(b, pull_limit=PAGE)
    assert tried == ["spawn"]  # tried once, then the thread fetched the rest
    assert result.pulled == 23 and replica(a) == replica(b)


def test_a_child_that_ended_is_noticed_even_where_its_pipe_end_stays_open() -> None:
    # As on Windows, where the parent holds a copy of the child's end until the child has
    # started: a child that died before is no end of the pipe, its exit code says it.
    context = multiprocessing.get_context("spawn")
    mine, theirs = context.Pipe(duplex=True)
    process = context.Process(target=int, daemon=True)  # ends at once
    process.start()
    process.join()
    try:
        outcome = _in_time(lambda: PageProcess(process, mine, None).next(wait=True))
        assert isinstance(outcome, pull_pages._ChildGone)
    finally:
        theirs.close()
        mine.close()


def test_what_crosses_to_the_child_and_back_survives_pickling() -> None:
    conn = Connection("https://rt.example.org/", token="t0k3n", ca_bundle="/etc/ca.pem",
                      timeout=(2.0, 9.0))
    conn.own = ((4700, 4711), (4800, 4810))  # the child's pages leave out the same records
    again = Connection.from_settings(pickle.loads(pickle.dumps(conn.settings())))
    assert again.settings() == conn.settings() == {
        "base_url": "https://rt.example.org", "token": "t0k3n", "ca_bundle": "/etc/ca.pem",
        "allow_insecure_http": False, "timeout": (2.0, 9.0),
        "own": ((4700, 4711), (4800, 4810))}
    assert again.session.headers["Authorization"] == "Bearer t0k3n"
    error = SyncError("rate_limited", "Sibuk.", "Busy.", status=429, retry_after=30.0)
    back = pickle.loads(pickle.dumps(error))
    assert (type(back), back.kind, back.message_id, back.message_en, back.status,
            back.retry_after, back.exit_code) == (SyncError, "rate_limited", "Sibuk.", "Busy.",
                                                  429, 30.0, error.exit_code)
