"""What the session and case lists share: a search field and filters, a "new" button, the table,
the count, the keyboard (Ctrl+F search, Ctrl+N new, Enter opens), and refreshing after writes.

The table sorts through the model, in SQL, over every row (never a proxy model over the rows
loaded so far). Clicking a column header orders by it; clicking it again reverses the order; a
third click goes back to the list's usual order.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import QEvent, QLocale, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.store.store import Change
from ui.context import AppContext
from ui.i18n import data_language, is_language_change, locale_for
from ui.models import PagedTableModel, RecordIdRole

__all__ = ["ListPage", "fill_combo"]


class ListPage(QWidget):
    open_record = Signal(str, str)  # record type, record id
    new_record = Signal(str)  # record type

    # typing in the search field filters after this pause
    SEARCH_DELAY_MS: ClassVar[int] = 250
    # the record types whose changes this list shows
    SHOWS: ClassVar[frozenset[str]] = frozenset()
    # the column that takes the spare width
    STRETCH_COLUMN: ClassVar[int] = 0
    # columns never narrowed in a narrow window (what tells the rows apart)
    WHOLE_COLUMNS: ClassVar[tuple[int, ...]] = ()

    def __init__(self, ctx: AppContext, model: PagedTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.model = model
        self._stale = True
        self._selected: str | None = None

        self.search = QLineEdit()
        self.search.setObjectName("listSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_later)
        self.search.returnPressed.connect(self._search_now)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(self.SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filters)
        self.new_button = QPushButton()
        self.new_button.setObjectName("newRecord")
        self.new_button.clicked.connect(self.request_new)
        self.count_label = QLabel()
        self.count_label.setObjectName("listCount")

        self.table = QTableView()
        self.table.setObjectName("listTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, as everywhere else
        self.table.setShowGrid(False)
        rows = self.table.verticalHeader()
        rows.hide()
        # One fixed height for every row: the view never measures 100,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(self.STRETCH_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.sectionClicked.connect(self._header_clicked)
        self.table.activated.connect(self._activated)
        self.setFocusProxy(self.table)

        self.filters = QHBoxLayout()
        self.filters.setSpacing(8)
        # Search and "new" on one line, the filters and the count on the next: room for
        # translations 40 % longer than the Indonesian.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        second = QHBoxLayout()
        second.addLayout(self.filters)
        second.addStretch(1)
        second.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.table, 1)
        self.table.viewport().installEventFilter(self)

        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        self.find_shortcut.activated.connect(self.focus_search)
        self.new_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        self.new_shortcut.activated.connect(self.request_new)

        model.count_changed.connect(self._show_count)
        model.load_failed.connect(self._show_failure)
        model.rows_replaced.connect(self._rows_replaced)
        ctx.operation_done.connect(self._operation_done)
        ctx.user_changed.connect(self._user_changed)

    # --- what a subclass provides ----------------------------------------------------------------

    def current_query(self) -> Any:
        """The model's query from the search field and filters (order kept)."""
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Every text of the page again (after a language switch and at start)."""
        self.model.retranslate()
        self.size_columns()

    def column_samples(self) -> dict[int, str]:
        """A typical long text per column, to size the columns without measuring every row."""
        return {}

    # --- behaviour -------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return data_language(self.ctx.lang)

    def ui_locale(self) -> QLocale:
        """Dates and numbers in the UI language (id_ID for Bahasa Indonesia)."""
        return locale_for(self.ctx.lang)

    def refresh(self) -> None:
        """Load the list again with the current filters (keeps the selected record)."""
        if self.ctx.unlocked is None:
            self._stale = True
            return
        self._stale = False
        self._selected = self.selected_id()
        if self.model.rowCount() and self.model.query == self.current_query():
            self.model.reload()
        else:
            self.model.set_query(self.current_query())

    def apply_filters(self) -> None:
        """The search field's and filters' values, now (from page 1)."""
        self._search_timer.stop()
        if self.ctx.unlocked is None:
            self._stale = True
            return
        self._stale = False
        self.model.set_query(self.current_query())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def request_new(self) -> None:
        self.new_record.emit(self.model.RECORD_TYPE)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def add_filter(self, combo: QComboBox) -> None:
        combo.currentIndexChanged.connect(self.apply_filters)
        self.filters.addWidget(combo)

    def size_columns(self) -> None:
        """Column widths from the titles and a typical value (never by measuring the rows);
        when the window is narrow every column gives up width so that the wide column keeps a
        fifth of the table."""
        metrics = self.table.fontMetrics()
        bold = self.table.font()
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        samples = self.column_samples()
        wanted: dict[int, int] = {}
        for column in range(self.model.COLUMN_COUNT):
            if column == self.STRETCH_COLUMN:
                continue
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            # Room for the sort arrow beside the title, and for an icon beside the sample.
            wanted[column] = max(metrics.horizontalAdvance(title) + 36,
                                 bold_metrics.horizontalAdvance(samples.get(column, "")) + 40)
        # What names a row (the case code) keeps its width: cut short, every row reads alike.
        whole = sum(wanted.get(c, 0) for c in self.WHOLE_COLUMNS)
        room = self.table.viewport().width() - whole
        keep = max(160, room // 5)
        total = sum(w for c, w in wanted.items() if c not in self.WHOLE_COLUMNS)
        scale = 1.0 if total + keep <= room or not total else max(0.6, (room - keep) / total)
        header = self.table.horizontalHeader()
        for column, width in wanted.items():
            header.resizeSection(column, width if column in self.WHOLE_COLUMNS
                                 else int(width * scale))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 — Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self.size_columns()
        return super().eventFilter(watched, event)

    def _search_later(self) -> None:
        self._search_timer.start()

    def _search_now(self) -> None:
        self.apply_filters()
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _activated(self, index: QModelIndex) -> None:
        record_id = index.data(RecordIdRole)
        if record_id and self.model.flags(index) & Qt.ItemFlag.ItemIsEnabled:
            self.open_record.emit(self.model.RECORD_TYPE, record_id)

    def _header_clicked(self, column: int) -> None:
        state = self.model.sort_state()
        natural = self._natural_order(column)
        if self.model.sorted_query(column, True) is None:
            pass  # this column does not sort
        elif state is None or state[0] != column:
            self.model.sort(column, natural)
        elif state[1] == natural:
            self.model.sort(column, _reverse(natural))
        else:
            self.model.reset_sort()
        self._show_sort()

    def _natural_order(self, column: int) -> Qt.SortOrder:
        return Qt.SortOrder.DescendingOrder

    def _show_sort(self) -> None:
        header = self.table.horizontalHeader()
        state = self.model.sort_state() or self.usual_sort()
        header.blockSignals(True)
        if state is None:
            header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        else:
            header.setSortIndicator(*state)
        header.blockSignals(False)

    def usual_sort(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order the usual order looks like (None: not one column's)."""
        return None

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.count_text(total))

    def _show_failure(self, _exc: BaseException) -> None:
        # Enter in the search field, or coming back to the page, tries again.
        self.count_label.setText(self.tr("Daftar tidak bisa dimuat. Coba lagi sebentar lagi."))
        self._stale = True

    def _rows_replaced(self) -> None:
        row = self.model.row_of(self._selected) if self._selected else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        self._selected = None

    def _operation_done(self, changes: list[Change]) -> None:
        if not any(change.record_type in self.SHOWS for change in changes):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # hidden lists catch up when shown, not after every keystroke

    def _user_changed(self, name: str) -> None:
        if name:
            self._stale = True
            if self.isVisible():
                self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 — Qt's name
        super().changeEvent(event)
        if is_language_change(event):
            self.retranslate()


def _reverse(order: Qt.SortOrder) -> Qt.SortOrder:
    if order == Qt.SortOrder.AscendingOrder:
        return Qt.SortOrder.DescendingOrder
    return Qt.SortOrder.AscendingOrder


def fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace a filter's choices (``(code, text)``; code "" for "all"), keeping the choice."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for code, text in items:
        combo.addItem(text, code)
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    combo.blockSignals(False)
