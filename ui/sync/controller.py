"""When the laptop talks to the city server (DESIGN.md §5): on a timer, on "Sinkronkan
sekarang", and when connectivity returns — always off the UI thread.

Two threads, on purpose: the HTTP runs on this controller's own network thread, and every
store step of the sync client goes through ``db=`` to the app's one database worker (the
store's connection lives there). So the database worker is only busy for each short step,
never for the whole run, and forms keep saving while a sync waits on the network.

Quitting sets the client's ``cancel`` event (it stops between batches and pages; what was
applied stays applied) and waits a bounded time; a step queued after the store closed fails
cleanly instead of touching a closed database.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtNetwork import QNetworkInformation

from rt_desktop.store.store import Store
from sync import protocol
from sync.client import SyncError, SyncResult, next_attempt_at, run_sync
from sync.client.enrol import connect, enrolment
from ui.context import AppContext

__all__ = ["DEFAULT_INTERVAL_MS", "SyncController"]

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 5 * 60 * 1000
PROBE_TIMEOUT = (3.0, 5.0)


class _DbStep(QRunnable):
    """One store step on the database worker; the network thread waits on ``future``."""

    def __init__(self, fn: Callable[[], Any], future: concurrent.futures.Future[Any]):
        super().__init__()
        self.fn, self.future = fn, future

    def run(self) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            self.future.set_result(self.fn())
        except BaseException as exc:  # noqa: BLE001 — handed back to the network thread
            self.future.set_exception(exc)


class _NetworkRun(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.work, self.relay = work, relay

    def run(self) -> None:
        try:
            value = self.work()
        except BaseException as exc:  # noqa: BLE001 — every outcome goes back to the UI
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(value)


class _Relay(QObject):
    """Lives on the UI thread, so its slots run there."""

    done = Signal(object)
    failed = Signal(object)


class SyncController(QObject):
    started = Signal()
    finished = Signal(object)   # SyncResult
    failed = Signal(object)     # SyncError (or another exception, wrapped as "protocol")
    #: emitted after every attempt (done, failed or skipped) — the status bar reloads
    status_changed = Signal()

    def __init__(self, ctx: AppContext, *, interval_ms: int = DEFAULT_INTERVAL_MS,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.network = QThreadPool(self)
        self.network.setMaxThreadCount(1)
        self.cancel = threading.Event()
        self.running = False
        self.closing = False
        self.last_error: SyncError | None = None
        self.last_result: SyncResult | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.sync_now(automatic=True))
        self.network_info: QNetworkInformation | None = self._load_network_information()

    # --- triggers ------------------------------------------------------------------------------

    def start(self) -> None:
        self.timer.start()

    def set_interval(self, msecs: int) -> None:
        self.timer.setInterval(msecs)

    def _load_network_information(self) -> QNetworkInformation | None:
        # CI has no backend: then the timer (plus the probe) is the only automatic trigger.
        try:
            if not QNetworkInformation.loadDefaultBackend():
                return None
            info = QNetworkInformation.instance()
        except Exception:  # noqa: BLE001 — optional by design
            return None
        if info is not None:
            info.reachabilityChanged.connect(self._reachability_changed)
        return info

    @Slot(object)
    def _reachability_changed(self, reachability: Any) -> None:
        # "Online" only means a route exists: the probe confirms the server answers.
        if reachability == QNetworkInformation.Reachability.Online:
            self.sync_now(automatic=True)

    def sync_now(self, *, automatic: bool = False) -> bool:
        """Start a run unless one is going; ``automatic`` runs respect the backoff and begin
        with a health probe. Returns whether a run started."""
        unlocked = self.ctx.unlocked
        if self.running or self.closing or unlocked is None:
            return False
        self.running = True
        self.cancel.clear()
        user = self.ctx.user_name or None
        db = self._db_runner(unlocked.store)
        self.started.emit()
        self.network.start(_NetworkRun(lambda: self._work(unlocked.store, db, user, automatic),
                                       self._relay))
        return True

    # --- the run (network thread) --------------------------------------------------------------

    def _db_runner(self, store: Store) -> Callable[[Callable[[Store], Any]], Any]:
        pool = self.ctx.tasks.pool

        def run_db(fn: Callable[[Store], Any]) -> Any:
            future: concurrent.futures.Future[Any] = concurrent.futures.Future()
            pool.start(_DbStep(lambda: fn(store), future))
            return future.result()
        return run_db

    def _work(self, store: Store, db: Callable[[Callable[[Store], Any]], Any], user: str | None,
              automatic: bool) -> SyncResult | None:
        if db(enrolment) is None:
            return None  # not enrolled yet: nothing to do, and nothing to complain about
        if automatic:
            due = db(next_attempt_at)
            if due is not None and due > dt.datetime.now(dt.UTC):
                return None  # backing off after failures
            if not self._probe(db):
                raise SyncError("unreachable", "Server tidak terjangkau.",
                                "The server cannot be reached.")
        # ``store`` is only handed on: run_sync reaches it through ``db``.
        return run_sync(store, db=db, cancel=self.cancel, user=user)

    @staticmethod
    def _probe(db: Callable[[Callable[[Store], Any]], Any]) -> bool:
        """sync.client.probe(store), split in two: the connection (token, address) is read on
        the database worker, the request runs here."""
        try:
            with db(lambda s: connect(s, timeout=PROBE_TIMEOUT)) as conn:
                protocol.Health.model_validate(conn.get("/health"))
            return True
        except Exception:  # noqa: BLE001 — any failure means "not now"
            return False

    # --- results (UI thread) -------------------------------------------------------------------

    @Slot(object)
    def _on_done(self, result: SyncResult | None) -> None:
        self.running = False
        if result is not None:
            self.last_result, self.last_error = result, None
            if result.pushed or result.pulled or result.rejected:
                self.ctx.operation_done.emit([])  # lists and figures reload
            self.finished.emit(result)
        self.status_changed.emit()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.running = False
        if self.closing:
            return
        if not isinstance(exc, SyncError):
            log.warning("sync stopped: %s", type(exc).__name__)
            exc = SyncError("protocol", "Pengiriman berhenti karena kesalahan tak terduga.",
                            "Sending stopped because of an unexpected error.")
        self.last_error = exc
        # A sync cut off may still have sent and received some: counts and lists catch up.
        self.ctx.operation_done.emit([])
        self.failed.emit(exc)
        self.status_changed.emit()

    # --- closing -------------------------------------------------------------------------------

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop the timer, cancel a running sync and wait up to ``msecs`` for it to stop.
        Call before the store closes. Returns whether the network thread is idle."""
        self.closing = True
        self.timer.stop()
        self.cancel.set()
        return self.network.waitForDone(msecs)
