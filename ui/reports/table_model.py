"""One report table as a read-only Qt model (Vorta's table models, in small).

The report is built on the worker; the model only holds it. ``data()`` never queries anything
and never raises: a cell it cannot show is shown empty.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from rt_desktop.reports import Hidden, ReportTable, Value
from ui.reports.cells import is_numeric, value_text

__all__ = ["ReportTableModel"]

log = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_HIDDEN_COLOUR = QColor("#5f6368")


class ReportTableModel(QAbstractTableModel):
    COL_LABEL = 0  # the row's label (RT, topic, kind of violence…); counts follow
    ROLE_VALUE = Qt.ItemDataRole.UserRole + 1  # the cell as the report holds it (int, Hidden…)
    ROLE_HIDDEN = Qt.ItemDataRole.UserRole + 2  # True for a suppressed count
    ROLE_TOTAL = Qt.ItemDataRole.UserRole + 3  # True on a total row
    ROLE_KEY = Qt.ItemDataRole.UserRole + 4  # the row's stable key ("007", "fisik", "total")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.table: ReportTable | None = None
        self.lang = "id"
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: ReportTable | None, lang: str) -> None:
        self.beginResetModel()
        self.table, self.lang = table, lang
        self.endResetModel()

    def has_hidden(self) -> bool:
        return self.table is not None and any(
            isinstance(v, Hidden) for row in self.table.rows for v in row.values)

    # --- the model -------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 — Qt's API
        if parent.isValid() or self.table is None:
            return 0
        return len(self.table.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 — Qt's API
        if parent.isValid() or self.table is None:
            return 0
        return 1 + len(self.table.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 — Qt's API
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if self.table is None or orientation != Qt.Orientation.Horizontal:
            return None
        header = self.table.header(self.lang)
        if not 0 <= section < len(header):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return header[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_LEFT if section == self.COL_LABEL else _RIGHT)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception:  # noqa: BLE001 — data() never raises (a bad cell shows empty)
            log.exception("report cell %s,%s", index.row(), index.column())
            return None

    def _data(self, index: Index, role: int) -> Any:
        table = self.table
        if table is None or not index.isValid() or not 0 <= index.row() < len(table.rows):
            return None
        row = table.rows[index.row()]
        col = index.column()
        if not 0 <= col <= len(row.values):
            return None
        value: Value = row.label(self.lang) if col == self.COL_LABEL else row.values[col - 1]
        hidden = isinstance(value, Hidden)
        if role == Qt.ItemDataRole.DisplayRole:
            return value if col == self.COL_LABEL else value_text(value, self.lang)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_RIGHT if col != self.COL_LABEL and is_numeric(value) else _LEFT)
        if role == Qt.ItemDataRole.FontRole:
            return self._bold if row.is_total else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _HIDDEN_COLOUR if hidden else None
        if role == Qt.ItemDataRole.ToolTipRole and hidden:
            assert isinstance(value, Hidden)
            if value.reason == "small":
                return self.tr("Angka 1 sampai {0} disembunyikan agar anak tidak dapat "
                               "dikenali.").format(value.threshold - 1)
            return self.tr("Disembunyikan agar angka “<{0}” tidak dapat dihitung dari "
                           "jumlah.").format(value.threshold)
        if role == self.ROLE_VALUE:
            return None if col == self.COL_LABEL else value
        if role == self.ROLE_HIDDEN:
            return hidden
        if role == self.ROLE_TOTAL:
            return row.is_total
        if role == self.ROLE_KEY:
            return row.key
        return None
