"""Background work off the UI thread (Anki's CollectionOp/QueryOp, in small).

Database work runs on one serialised worker thread; results come back to the UI thread through
signals. A task is a plain function; the UI never touches the database directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

__all__ = ["TaskRunner"]


class _Relay(QObject):
    """Lives on the UI thread; the worker emits its signals, so the slots run on the UI thread."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, success: Callable[[Any], None], failure: Callable[[BaseException], None],
                 finished: Callable[[_Relay], None]):
        super().__init__()
        self._success, self._failure, self._finished = success, failure, finished
        self.succeeded.connect(self._on_success)
        self.failed.connect(self._on_failure)

    @Slot(object)
    def _on_success(self, value: Any) -> None:
        self._finished(self)
        self._success(value)

    @Slot(object)
    def _on_failure(self, exc: BaseException) -> None:
        self._finished(self)
        self._failure(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay):
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 — every failure goes back to the UI
            self.relay.failed.emit(exc)
        else:
            self.relay.succeeded.emit(result)


class TaskRunner(QObject):
    """One serialised database worker: tasks run one at a time, in the order given."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.pool.setExpiryTimeout(-1)  # one thread for good: the database connection lives on it
        self._live: set[_Relay] = set()

    def run(self, fn: Callable[[], Any], *, success: Callable[[Any], None],
            failure: Callable[[BaseException], None]) -> None:
        relay = _Relay(success, failure, self._live.discard)
        self._live.add(relay)  # keep the QObject alive until it has delivered
        self.pool.start(_Task(fn, relay))

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)
