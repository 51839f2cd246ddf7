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

__all__ = ["ChangedElsewhere", "ConfirmBar", "build_record", "not_found", "same", "stripped",
           "sync_state_of"]


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


class ChangedElsewhere(RTError):
    """A field the user changed was changed meanwhile on another laptop (a sync brought it in
    while the form was open): saving would overwrite a value nobody here has seen.

    :ivar stored: field name → the value now stored, for each such field
    """

    def __init__(self, stored: dict[str, Any]):
        super().__init__("Sementara formulir ini terbuka, isian ini diubah di laptop lain.",
                         "While this form was open, these fields were changed on another "
                         "laptop.")
        self.stored = stored


def build_record(store: Store, cls: type[Record], record_id: str | None,
                 values: dict[str, Any], baseline: dict[str, Any] | None = None) -> Record:
    """On the worker: the stored record with the changed ``values`` applied (a new record:
    just the values). Unchanged fields — an unrevealed sensitive value too — keep what is
    stored, so what a sync brought in meanwhile stays.

    :param baseline: what the form showed of each field when it was loaded
    :raises ChangedElsewhere: when a changed field is no longer stored as the form loaded it
    """
    if record_id is None:
        return cls(**values)
    stored = store.get(cls, record_id)
    if stored is None:
        raise not_found()
    moved = {name: getattr(stored, name) for name in values
             if baseline is not None and name in baseline
             and not same(getattr(stored, name), baseline[name])}
    if moved:
        raise ChangedElsewhere(moved)
    return dataclasses.replace(stored, **values)


def not_found() -> RTError:
    return NotFound("Data ini tidak ditemukan; mungkin sudah dihapus.",
                    "This record was not found; it may have been deleted.")
