"""The Qt binding must not leak references to None/True/False.

PySide6-Essentials 6.12.0 on CPython 3.11 dropped a reference to None on every void method call
and to True/None on every signal emit; after a few thousand calls — one long kronologi typed into
a form — the interpreter aborted with "none_dealloc". pyproject.toml excludes that release; this
test fails on any binding with the same bug.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox, QLabel

CALLS = 2_000


class _Emitter(QObject):
    fired = Signal(object)


def test_void_calls_emits_and_empty_item_data_keep_their_references(qtbot) -> None:
    label, combo, emitter = QLabel(), QComboBox(), _Emitter()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    combo.addItem("a")
    received: list[object] = []
    emitter.fired.connect(received.append)
    before = {name: sys.getrefcount(obj) for name, obj in
              (("None", None), ("True", True), ("False", False))}
    for _ in range(CALLS):
        label.setText("x")
        label.setVisible(True)
        emitter.fired.emit(None)
        combo.currentData()
    received.clear()
    after = {name: sys.getrefcount(obj) for name, obj in
             (("None", None), ("True", True), ("False", False))}
    # Other code may hold a few more or fewer references meanwhile; a leak loses thousands.
    for name in before:
        assert after[name] > before[name] - CALLS // 2, (name, before[name], after[name])
