"""Perubahan belum terkirim: what waits in the outbox, since when, how many attempts, and for a
change the server turned down, its reason (DESIGN.md §5). Never a field's value: a row names
its record by case code or session date only.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from rt_desktop.records import RECORD_TYPES, field_specs
from rt_desktop.store.store import Store
from rt_desktop.store.sync_apply import unsent_changes
from ui.context import AppContext
from ui.i18n import locale_for
from ui.sync.status import wita_text
from ui.sync.texts import record_label

__all__ = ["UnsentModel", "UnsentPage", "load_unsent"]

Index = QModelIndex | QPersistentModelIndex

ChangeIdRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2


def load_unsent(store: Store, lang: str) -> list[dict[str, Any]]:
    """Runs on the database worker."""
    labels: dict[tuple[str, str], str] = {}
    rows = []
    for change in unsent_changes(store):
        key = (change["record_type"], change["record_id"])
        if key not in labels:
            labels[key] = record_label(store, *key, lang)
        rows.append({**change, "label": labels[key],
                     "last_error": reason_text(change["record_type"], change["last_error"],
                                               lang)})
    return rows


def reason_text(record_type: str, stored: str | None, lang: str) -> str:
    """The server's answer as words: each problem with its field's label, else its reason
    (a rejection is kept as JSON; a failed attempt as a plain message)."""
    if not stored:
        return ""
    try:
        answer = json.loads(stored)
    except ValueError:
        return stored
    if not isinstance(answer, dict):
        return stored
    specs = field_specs(RECORD_TYPES[record_type]) if record_type in RECORD_TYPES else {}
    parts = []
    for problem in answer.get("problems") or ():
        spec = specs.get(problem.get("field") or "")
        text = problem.get("message_id") or problem.get("code") or ""
        parts.append(f"{spec.label(lang)}: {text}" if spec else text)
    return "; ".join(p for p in parts if p) or str(answer.get("reason") or "")


class UnsentModel(QAbstractTableModel):
    COL_RECORD, COL_STATE, COL_SINCE, COL_ATTEMPTS, COL_REASON, COL_NEXT = range(6)

    def __init__(self, lang: str = "id", parent: Any = None):
        super().__init__(parent)
        self.lang = lang
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (self.tr("Data"), self.tr("Keadaan"), self.tr("Sejak"), self.tr("Percobaan"),
                  self.tr("Alasan dari server"), self.tr("Dicoba lagi"))
        return titles[section] if 0 <= section < len(titles) else None

    def state_text(self, state: str) -> str:
        if state == "rejected":
            return self.tr("Ditolak server")
        return self.tr("Menunggu dikirim")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            if not index.isValid() or index.row() >= len(self.rows):
                return None
            row, col = self.rows[index.row()], index.column()
            if role == ChangeIdRole:
                return row["change_id"]
            if role == StateRole:
                return row["state"]
            if role == Qt.ItemDataRole.ForegroundRole and row["state"] == "rejected":
                return QColor("#b3261e")
            if role == Qt.ItemDataRole.TextAlignmentRole and col == self.COL_ATTEMPTS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            if col == self.COL_RECORD:
                return row["label"]
            if col == self.COL_STATE:
                return self.state_text(row["state"])
            if col == self.COL_SINCE:
                return wita_text(row["created_at"], self.lang)
            if col == self.COL_ATTEMPTS:
                return locale_for(self.lang).toString(int(row["attempts"] or 0))
            if col == self.COL_REASON:
                return row["last_error"] or ""
            if col == self.COL_NEXT:
                return "" if row["state"] == "rejected" else wita_text(
                    row["next_attempt_at"], self.lang)
        except Exception:  # noqa: BLE001 — data() never raises (house rule)
            return None
        return None


class UnsentPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("unsentPage")
        self.ctx = ctx
        self.title = QLabel(self.tr("Perubahan belum terkirim"))
        self.title.setProperty("role", "pagetitle")
        self.hint = QLabel(self.tr(
            "Perubahan ini aman di laptop ini dan dikirim otomatis saat server terjangkau. "
            "Yang ditolak server perlu diperbaiki di datanya."))
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.model = UnsentModel(ctx.lang, self)
        self.table = QTableView()
        self.table.setObjectName("unsentTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(UnsentModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self.tr("Semua perubahan sudah terkirim."))
        self.empty.setObjectName("unsentEmpty")
        layout = QVBoxLayout(self)
        for widget in (self.title, self.hint, self.empty):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        ctx.operation_done.connect(lambda _changes: self.refresh())

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        self.refresh()
        super().showEvent(event)

    def refresh(self) -> None:
        if self.ctx.unlocked is None or not self.isVisible():
            return
        lang = self.ctx.lang
        self.ctx.run_db(lambda s: load_unsent(s, lang), success=self.set_rows,
                        failure=lambda _exc: None)

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.model.lang = self.ctx.lang
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
