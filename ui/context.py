"""What every screen shares: the unlocked store, the database worker, the language, and one
"operation did execute" signal (Anki's OpChanges) that views refresh from.

Screens never touch the store on the UI thread: they hand a function of the store to
:meth:`AppContext.run_db`, which runs it on the one serialised database worker and calls back on
the UI thread. A write goes through :meth:`AppContext.write`, which also announces what changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal

from rt_desktop import access
from rt_desktop.store.store import Change, Store
from ui.tasks import TaskRunner

__all__ = ["AppContext"]

T = TypeVar("T")


def _ignore(_: Any) -> None:
    return None


class AppContext(QObject):
    #: emitted on the UI thread after every write, with the list of ``Change`` it made
    operation_done = Signal(object)
    #: emitted when a user unlocks (with the display name) and when the UI locks ("")
    user_changed = Signal(str)
    #: a background task failed in a way no screen handled (an ``Exception``)
    task_failed = Signal(object)

    def __init__(self, data_dir: Any, *, lang: str = "id", parent: QObject | None = None):
        super().__init__(parent)
        self.data_dir = data_dir
        self.lang = lang
        self.tasks = TaskRunner(self)
        self.unlocked: access.Unlocked | None = None

    @property
    def user_name(self) -> str:
        return self.unlocked.user.display_name if self.unlocked else ""

    @property
    def user_id(self) -> str:
        return self.unlocked.user.user_id if self.unlocked else ""

    def run_db(self, fn: Callable[[Store], T], *, success: Callable[[T], None] = _ignore,
               failure: Callable[[BaseException], None] | None = None) -> None:
        """Run ``fn(store)`` on the database worker; callbacks run on the UI thread."""
        unlocked = self.unlocked
        if unlocked is None:
            raise RuntimeError("run_db() before unlock")
        self.tasks.run(lambda: fn(unlocked.store), success=success,
                       failure=failure or self.task_failed.emit)

    def write(self, fn: Callable[[Store], Sequence[Change] | Change], *,
              success: Callable[[list[Change]], None] = _ignore,
              failure: Callable[[BaseException], None] | None = None) -> None:
        """Like :meth:`run_db` for a write; announces its changes with ``operation_done``."""

        def done(result: Sequence[Change] | Change) -> None:
            changes = [result] if isinstance(result, Change) else list(result)
            success(changes)
            self.operation_done.emit(changes)

        self.run_db(fn, success=done, failure=failure)
