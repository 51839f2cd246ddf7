"""One report table on screen: its title, a read-only view sized to its rows, its notes, and a
footnote for "<3" / "x" when the table has hidden cells."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.reports import Hidden, ReportTable
from ui.reports.table_model import ReportTableModel

__all__ = ["MAX_ROWS", "TableBlock"]

#: Taller tables (a kelurahan with 60 RTs) scroll inside their view.
MAX_ROWS = 20


class TableBlock(QWidget):
    def __init__(self, table: ReportTable, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"table_{table.key}")
        self.table = table
        self.title = QLabel(table.title(lang))
        self.title.setProperty("role", "section")
        self.title.setWordWrap(True)
        self.model = ReportTableModel(self)
        self.model.set_table(table, lang)
        self.view = QTableView()
        self.view.setObjectName(f"view_{table.key}")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(table.title(lang))
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.view.resizeRowsToContents()
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Never narrower than its widest cells: squeezed, the first column read "J…", "F…" and
        # a count "<" (the page scrolls sideways instead).
        self.view.setMinimumWidth(sum(
            max(self.view.sizeHintForColumn(c), header.sectionSizeHint(c))
            for c in range(self.model.columnCount())) + 2 * self.view.frameWidth() + 4)
        self._fit_height()

        notes = [note.text(lang) for note in table.notes]
        self.footnote = QLabel()
        self.footnote.setObjectName(f"footnote_{table.key}")
        self.footnote.setProperty("role", "hint")
        self.footnote.setWordWrap(True)
        threshold = next((v.threshold for row in table.rows for v in row.values
                          if isinstance(v, Hidden)), None)
        if threshold is not None:
            notes.append(self.tr("“<{0}”: 1 sampai {1} kasus, disembunyikan agar anak tidak "
                                 "dapat dikenali. “x”: disembunyikan agar angka “<{0}” tidak "
                                 "dapat dihitung dari jumlah.").format(threshold, threshold - 1))
        if not table.rows:
            notes.insert(0, self.tr("Tidak ada."))
        self.footnote.setText("\n".join(notes))
        self.footnote.setVisible(bool(notes))
        self.view.setVisible(bool(table.rows))  # "Tidak ada." says it

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view)
        layout.addWidget(self.footnote)

    def _fit_height(self) -> None:
        rows = self.model.rowCount()
        shown = min(rows, MAX_ROWS)
        row_height = self.view.verticalHeader().defaultSectionSize()
        if rows:
            row_height = max(self.view.rowHeight(0), 1)
        height = (self.view.horizontalHeader().sizeHint().height() + shown * row_height
                  + 2 * self.view.frameWidth() + 2)
        self.view.setFixedHeight(height)
        if rows <= MAX_ROWS:
            self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
