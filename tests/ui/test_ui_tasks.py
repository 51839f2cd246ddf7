"""The database worker: work runs off the UI thread, results come back on it."""

from __future__ import annotations

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from ui.tasks import TaskRunner


def test_tasks_deliver_results_on_the_ui_thread(qtbot) -> None:
    runner = TaskRunner()
    seen: dict[str, object] = {}
    failures_first: list[BaseException] = []

    def success(value: object) -> None:
        seen["value"] = value
        seen["ui_thread"] = QThread.currentThread() is QApplication.instance().thread()

    runner.run(lambda: QThread.currentThread(), success=success, failure=failures_first.append)
    qtbot.waitUntil(lambda: "value" in seen)
    assert seen["ui_thread"] is True
    assert failures_first == []
    assert seen["value"] is not QApplication.instance().thread()  # the work ran elsewhere

    failures: list[BaseException] = []
    runner.run(lambda: 1 / 0, success=seen.update, failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], ZeroDivisionError)
    runner.wait()
