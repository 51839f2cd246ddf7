"""Idle auto-lock: the laptop at the RT post is shared and often left open mid-work.

An application-wide event filter restarts a single-shot timer on every keyboard, mouse or touch
input; when the timer runs out, :attr:`IdleLock.timed_out` fires and the main window shows the
login screen. Locking is the UI only: the key stays in memory and background work goes on.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal

__all__ = ["DEFAULT_MINUTES", "MAX_MINUTES", "MIN_MINUTES", "IdleLock"]

DEFAULT_MINUTES = 5
MIN_MINUTES, MAX_MINUTES = 1, 60

# What counts as "someone is working": input, not paints or timers.
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.InputMethod,
})


class IdleLock(QObject):
    """Fires :attr:`timed_out` after ``timeout_ms`` without input while :meth:`arm`-ed."""

    timed_out = Signal()

    def __init__(self, timeout_ms: int = DEFAULT_MINUTES * 60_000, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._expire)
        self._armed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    def set_timeout_ms(self, msecs: int) -> None:
        self._timer.setInterval(max(1, msecs))
        if self._armed:
            self._timer.start()

    def set_minutes(self, minutes: int) -> None:
        self.set_timeout_ms(max(MIN_MINUTES, min(MAX_MINUTES, minutes)) * 60_000)

    @property
    def armed(self) -> bool:
        return self._armed

    def arm(self) -> None:
        """Start counting (after a user unlocks)."""
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        """Stop counting (while locked: there is nothing left to lock)."""
        self._armed = False
        self._timer.stop()

    def _expire(self) -> None:
        if self._armed:
            self.disarm()
            self.timed_out.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if self._armed and event.type() in _ACTIVITY:
            self._timer.start()  # restarts from zero
        return False  # never swallow input

    def detach(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.disarm()
