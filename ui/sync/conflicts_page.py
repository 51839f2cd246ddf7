"""Konflik: when two laptops changed the same field before they talked to the server, the value
that lost is kept here until a person picks the one to keep (DESIGN.md §5).

Each entry shows the record (case code or session date), the field's label, the value the
record has now and the other value. A sensitive field's values stay masked until "Tampilkan",
which goes through ``store.reveal`` (so the audit log says who looked). Choosing a value is a
normal write (``resolve_conflict``) that goes to the server at the next sync.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.records import RECORD_TYPES, ConflictEntry, field_from_row, field_specs
from rt_desktop.store.conflicts import open_conflicts, resolve_conflict
from rt_desktop.store.store import Store
from ui.accounts import error_text
from ui.context import AppContext
from ui.sync.texts import record_label, value_text, yes_no

__all__ = ["ConflictsPage", "load_conflicts"]

MASK = "••••••"


def _field_label(cls: type, name: str, lang: str) -> str:
    spec = field_specs(cls).get(name)
    if spec is not None:
        return spec.label(lang)
    if name == "deleted":
        return QCoreApplication.translate("ConflictsPage", "Data dihapus")
    return name


def _texts(cls: type, name: str, current: Any, other_row: str | None,
           lang: str) -> tuple[str, str]:
    other = field_from_row(cls, name, json.loads(other_row) if other_row else None)
    if name == "deleted":  # not a form field: say it in words
        return yes_no(bool(current)), yes_no(bool(other))
    return value_text(cls, name, current, lang), value_text(cls, name, other, lang)


def load_conflicts(store: Store, lang: str) -> list[dict[str, Any]]:
    """Runs on the database worker: the open entries, sensitive values left out."""
    rows = []
    for entry in open_conflicts(store):
        cls = RECORD_TYPES.get(entry.parent_type or "")
        if cls is None:
            continue
        name = entry.field or ""
        spec = field_specs(cls).get(name)
        sensitive = bool(spec and spec.sensitive)
        parent = store.get(cls, entry.parent_id or "", include_deleted=True)
        row = {"id": entry.id, "record": record_label(store, cls.TYPE, entry.parent_id or "",
                                                      lang),
               "field": _field_label(cls, name, lang), "sensitive": sensitive,
               "current": None, "other": None,
               # Whose was the value that lost: this laptop's own, or another's.
               "other_mine": entry.losing_device_id == store.device_id}
        if not sensitive and parent is not None:
            row["current"], row["other"] = _texts(cls, name, getattr(parent, name, None),
                                                  entry.losing_value, lang)
            if entry.losing_value is None and store.role == "coordinator":
                # The server sends a coordinator no losing value: "(kosong)" would be a lie.
                row["other"] = QCoreApplication.translate(
                    "ConflictsPage", "(tidak dikirim ke laptop koordinator)")
        rows.append(row)
    return rows


def reveal_conflict(store: Store, conflict_id: str, user: str, lang: str) -> tuple[str, str]:
    """Both values of one entry; each read is written to the audit log."""
    entry = store.get(ConflictEntry, conflict_id)
    if entry is None:
        return "", ""
    cls = RECORD_TYPES[entry.parent_type or ""]
    name = entry.field or ""
    current = store.reveal(cls, entry.parent_id or "", [name], user=user)[name]
    losing = store.reveal(ConflictEntry, conflict_id, ["losing_value"], user=user)
    return _texts(cls, name, current, losing["losing_value"], lang)


class _ConflictCard(QFrame):
    def __init__(self, page: ConflictsPage, row: dict[str, Any]):
        super().__init__()
        self.setProperty("role", "card")
        self.setObjectName("conflictCard")
        self.row = row
        title = QLabel(page.tr("{0} · {1}").format(row["record"], row["field"]))
        title.setProperty("role", "section")
        self.current = QLabel(row["current"] if row["current"] is not None else MASK)
        self.other = QLabel(row["other"] if row["other"] is not None else MASK)
        for label in (self.current, self.other):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.keep_current = QPushButton(page.tr("Pakai nilai ini"))
        self.keep_current.setObjectName("keepCurrent")
        self.keep_other = QPushButton(page.tr("Pakai nilai ini"))
        self.keep_other.setObjectName("keepOther")
        self.keep_current.clicked.connect(lambda: page.resolve(row["id"], "current"))
        self.keep_other.clicked.connect(lambda: page.resolve(row["id"], "other"))
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.addWidget(QLabel(page.tr("Nilai yang dipakai sekarang")), 0, 0)
        grid.addWidget(self.current, 0, 1)
        grid.addWidget(self.keep_current, 0, 2)
        grid.addWidget(QLabel(page.tr("Nilai yang tertimpa, dari laptop ini") if row["other_mine"]
                              else page.tr("Nilai yang tertimpa, dari laptop lain")), 1, 0)
        grid.addWidget(self.other, 1, 1)
        grid.addWidget(self.keep_other, 1, 2)
        head = QHBoxLayout()
        head.addWidget(title, 1)
        self.reveal = QPushButton(page.tr("Tampilkan"))
        self.reveal.setObjectName("revealConflict")
        self.reveal.setToolTip(page.tr("Menampilkan isian rahasia; tercatat di log akses"))
        self.reveal.setVisible(row["sensitive"])
        self.reveal.clicked.connect(lambda: page.reveal(self))
        for keep in (self.keep_current, self.keep_other):  # never a value picked unseen
            keep.setEnabled(not row["sensitive"])
            if row["sensitive"]:
                keep.setToolTip(page.tr("Tekan “Tampilkan” dulu untuk melihat kedua nilai."))
        head.addWidget(self.reveal)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(grid)

    def show_values(self, values: tuple[str, str]) -> None:
        self.current.setText(values[0])
        self.other.setText(values[1])
        self.reveal.setVisible(False)
        for keep in (self.keep_current, self.keep_other):
            keep.setEnabled(True)
            keep.setToolTip("")


class ConflictsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 read_only: bool = False):
        super().__init__(parent)
        self.setObjectName("conflictsPage")
        self.ctx, self._read_only = ctx, read_only
        self.cards: list[_ConflictCard] = []
        self.title = QLabel(self.tr("Konflik"))
        self.title.setProperty("role", "pagetitle")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.message = QLabel()
        self.message.setObjectName("conflictMessage")
        self.message.setProperty("role", "message")
        self.message.setWordWrap(True)
        self.empty = QLabel(self.tr("Tidak ada konflik. Semua data sama dengan di server."))
        self.empty.setObjectName("conflictsEmpty")
        self.list_holder = QWidget()
        self.list_layout = QVBoxLayout(self.list_holder)
        self.list_layout.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.list_holder)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.message, self.empty):
            layout.addWidget(widget)
        layout.addWidget(scroll, 1)
        self.loaded = False
        self._show_hint()
        ctx.operation_done.connect(lambda _changes: self.refresh())

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        if self.ctx.unlocked is None or not self.isVisible():
            return
        lang = self.ctx.lang
        self.ctx.run_db(lambda s: load_conflicts(s, lang), success=self.set_rows,
                        failure=self._failed)

    @property
    def read_only(self) -> bool:
        """A laptop that may not resolve (a coordinator's, UPTD PPA's): conflicts are shown,
        no choice is offered."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        self._read_only = value
        self._show_hint()
        for card in self.cards:
            card.keep_current.setVisible(not value)
            card.keep_other.setVisible(not value)

    def _show_hint(self) -> None:
        self.hint.setText(self.tr(
            "Data ini diubah di dua laptop sebelum sempat terkirim. Relawan RT memilih nilai "
            "yang benar di laptop RT; di sini hanya terlihat.") if self.read_only else self.tr(
            "Data ini diubah di dua laptop sebelum sempat terkirim. Pilih nilai yang benar; "
            "pilihan Anda dikirim ke server dan ke laptop lain."))

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for row in rows:
            card = _ConflictCard(self, row)
            card.keep_current.setVisible(not self.read_only)
            card.keep_other.setVisible(not self.read_only)
            self.cards.append(card)
            self.list_layout.insertWidget(self.list_layout.count() - 1, card)
        self.empty.setVisible(not rows)
        self.loaded = True

    def reveal(self, card: _ConflictCard) -> None:
        conflict_id, user, lang = card.row["id"], self.ctx.user_name, self.ctx.lang
        self.ctx.run_db(lambda s: reveal_conflict(s, conflict_id, user, lang),
                        success=card.show_values, failure=self._failed)

    def resolve(self, conflict_id: str, keep: str) -> None:
        user = self.ctx.user_name
        self.message.setText("")
        self.ctx.write(lambda s: resolve_conflict(s, conflict_id, keep=keep,  # type: ignore
                                                  user=user),
                       failure=self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.message.setText(error_text(exc, self.ctx.lang))
