"""Small pieces the record forms share: what the UI may hold of a stored record, building the
record to save on the database worker, and the inline confirmation bar."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from rt_desktop.errors import NotFound, RTError
from rt_desktop.records import Record, sensitive_fields
from rt_desktop.store.store import Store

__all__ = ["ConfirmBar", "build_record", "not_found", "same", "stripped", "sync_state_of"]


def stripped(record: Record) -> Record:
    """The record without its sensitive values: what the UI thread may hold before a reveal."""
    return dataclasses.replace(record, **{n: None for n in sensitive_fields(type(record))})


def sync_state_of(store: Store, cls: type[Record], record_id: str) -> str | None:
    row = store.db.execute(f"SELECT sync_state FROM [{cls.TABLE}] WHERE id = ?",
                           [record_id]).fetchone()
    return row[0] if row else None


def _empty(value: Any) -> Any:
    return None if value in ("", ()) else value


def same(a: Any, b: Any) -> bool:
    return _empty(a) == _empty(b)


class ConfirmBar(QFrame):
    """A question asked inside the form (no modal box): a sentence and two buttons."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("confirmBar")
        self.setStyleSheet("#confirmBar { background: #fff4e5; border: 1px solid #e0a040;"
                           " border-radius: 4px; }")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.yes = QPushButton()
        self.no = QPushButton()
        row = QHBoxLayout(self)
        row.addWidget(self.text, 1)
        row.addWidget(self.yes)
        row.addWidget(self.no)
        self.no.clicked.connect(self.hide)
        self._action: Callable[[], None] | None = None
        self.yes.clicked.connect(self._confirm)
        self.hide()

    def ask(self, text: str, yes: str, no: str, action: Callable[[], None]) -> None:
        self.text.setText(text)
        self.yes.setText(yes)
        self.no.setText(no)
        self._action = action
        self.show()
        self.no.setFocus()  # the safe answer is the one Enter picks

    def _confirm(self) -> None:
        self.hide()
        if self._action is not None:
            self._action()


def build_record(store: Store, cls: type[Record], record_id: str | None,
                 values: dict[str, Any]) -> Record:
    """On the worker: the stored record with the changed ``values`` applied (a new record:
    just the values). Unchanged fields — an unrevealed sensitive value too — keep what is
    stored."""
    if record_id is None:
        return cls(**values)
    stored = store.get(cls, record_id)
    if stored is None:
        raise not_found()
    return dataclasses.replace(stored, **values)


def not_found() -> RTError:
    return NotFound("Data ini tidak ditemukan; mungkin sudah dihapus.",
                    "This record was not found; it may have been deleted.")
