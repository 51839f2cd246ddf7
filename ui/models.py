"""Table models for the lists: a paged ``QAbstractTableModel`` (Vorta's models, paged in lazily).

A list holds the rows loaded so far; the view asks for more (``canFetchMore``/``fetchMore``) as
it scrolls, and the next page comes from the database worker (``ctx.run_db``) and is appended.
``data()`` never touches the database and never raises: a row whose values cannot be shown
renders disabled. Changing the query (filter, search, order) starts again from page 1; every
load carries the generation it was asked in, and a result of an older generation is dropped, so
a slow answer to an old search never overwrites a newer one.

Subclasses say which columns exist (``COL_*`` constants, ``COLUMN_COUNT``), how to load a page
and a count (plain functions of the store, run on the worker), and how a row looks
(:meth:`PagedTableModel.cells`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from rt_desktop.store import queries
from ui.context import AppContext
from ui.i18n import data_language, locale_for

__all__ = [
    "Cell",
    "PagedTableModel",
    "RecordIdRole",
    "SortRole",
    "SyncStateRole",
    "format_date",
]

log = logging.getLogger(__name__)

# The record's id (str) — what a list opens.
RecordIdRole = Qt.ItemDataRole.UserRole + 1
# The record's ``sync_state`` column ('pending', 'synced', 'conflict', 'rejected').
SyncStateRole = Qt.ItemDataRole.UserRole + 2
# A cell's raw value for ordering and tests (ISO date, number, code).
SortRole = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex
# load_page(store, query, *, after, limit): keyword arguments, as rt_desktop.store.queries has them
PageLoader = Callable[..., queries.Page]
CountLoader = Callable[..., int]  # load_count(store, query)


@dataclasses.dataclass(frozen=True)
class Cell:
    """How one cell looks. ``text`` is what a volunteer reads; ``sort`` the raw value."""

    text: str
    sort: Any = None
    tooltip: str | None = None
    icon: QIcon | None = None
    foreground: QColor | None = None
    background: QColor | None = None
    bold: bool = False
    align_right: bool = False


def format_date(value: dt.date | None, lang: str) -> str:
    """A date as a volunteer writes it: ``28 Nov 2026`` (month names in the UI language)."""
    if value is None:
        return "–"
    return locale_for(lang).toString(QDate(value.year, value.month, value.day), "d MMM yyyy")


class PagedTableModel(QAbstractTableModel):
    # rows per page asked of the database
    PAGE_SIZE: ClassVar[int] = queries.PAGE_SIZE
    # a refresh reloads the rows already shown, up to this many (so the list does not jump)
    RELOAD_LIMIT: ClassVar[int] = 2_000
    COLUMN_COUNT: ClassVar[int] = 0
    # the record type the rows are (for ``open_record``)
    RECORD_TYPE: ClassVar[str] = ""

    # how many rows match the query (for "N sesi"); emitted after each new query or refresh
    count_changed = Signal(int)
    # a load failed (the exception); the list keeps what it shows
    load_failed = Signal(object)
    # the first page of a query (or a refresh) arrived: the rows were replaced
    rows_replaced = Signal()
    # the next page arrived and was appended
    rows_appended = Signal()

    def __init__(self, ctx: AppContext, query: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._query = query
        self._rows: list[dict[str, Any]] = []
        self._cells: dict[int, list[Cell] | None] = {}
        self._after: Sequence[Any] | None = None
        self._more = False
        self._busy = False
        self._generation = 0
        self.total: int | None = None
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # --- what a subclass provides --------------------------------------------------------------

    # ``load_page(store, query, *, after, limit)`` — runs on the database worker
    load_page: ClassVar[PageLoader]
    # ``load_count(store, query)`` — runs on the database worker
    load_count: ClassVar[CountLoader]

    def header(self, column: int) -> str:
        raise NotImplementedError

    def cells(self, row: dict[str, Any]) -> list[Cell]:
        """How ``row`` looks, one :class:`Cell` per column. May raise: the row then renders
        disabled."""
        raise NotImplementedError

    def sorted_query(self, column: int, descending: bool) -> Any | None:
        """The current query ordered by ``column`` (None: the column does not sort)."""
        return None

    def default_query(self, query: Any) -> Any:
        """``query`` in the list's usual order."""
        return query

    # --- query and loading ---------------------------------------------------------------------

    @property
    def query(self) -> Any:
        return self._query

    @property
    def lang(self) -> str:
        return data_language(self.ctx.lang)

    def set_query(self, query: Any) -> None:
        """Show ``query``'s rows: page 1 and the count are asked for; older answers are dropped."""
        self._query = query
        self._load(self.PAGE_SIZE)

    def reload(self) -> None:
        """Ask again for what is shown (after a save), keeping as many rows as are loaded."""
        self._load(max(self.PAGE_SIZE, min(len(self._rows), self.RELOAD_LIMIT)))

    def is_loading(self) -> bool:
        return self._busy

    def _load(self, limit: int) -> None:
        self._generation += 1
        self._more = False  # the rows shown belong to the old query: never page on from them
        if self.ctx.unlocked is None:
            self._busy = False  # whatever was on its way is now an older generation's
            return
        generation, query = self._generation, self._query
        load_page, load_count = type(self).load_page, type(self).load_count
        self._busy = True
        self.ctx.run_db(lambda store: load_page(store, query, after=None, limit=limit),
                        success=self._guard(self._first_page, generation),
                        failure=self._guard(self._failed, generation))
        self.ctx.run_db(lambda store: load_count(store, query),
                        success=self._guard(self._counted, generation),
                        failure=self._guard(self._failed, generation))

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and self._more and not self._busy

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: N802, B008
        if not self.canFetchMore(parent):
            return
        generation, query, after = self._generation, self._query, self._after
        load_page, limit = type(self).load_page, self.PAGE_SIZE
        self._busy = True
        self.ctx.run_db(lambda store: load_page(store, query, after=after, limit=limit),
                        success=self._guard(self._next_page, generation),
                        failure=self._guard(self._failed, generation))

    def _guard(self, method: Callable[[int, Any], None], generation: int
               ) -> Callable[[Any], None]:
        # The answer may come after the list was closed: then there is nobody to tell.
        def deliver(value: Any) -> None:
            if shiboken6.isValid(self):
                method(generation, value)
        return deliver

    def _first_page(self, generation: int, page: queries.Page) -> None:
        if generation != self._generation:
            return
        self.set_rows(page.rows)
        self._after, self._more = page.after, page.after is not None
        self._busy = False
        self.rows_replaced.emit()

    def _next_page(self, generation: int, page: queries.Page) -> None:
        if generation != self._generation:
            return
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._after, self._more = page.after, page.after is not None
        self._busy = False
        self.rows_appended.emit()

    def _counted(self, generation: int, total: int) -> None:
        if generation == self._generation:
            self.total = total
            self.count_changed.emit(total)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        log.warning("a list could not be loaded: %s", type(exc).__name__)  # never the values
        self._more = False
        self._busy = False
        self.load_failed.emit(exc)

    def set_rows(self, rows: Sequence[dict[str, Any]]) -> None:
        """Replace every row (the view is told with a model reset)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._cells.clear()
        self.endResetModel()

    # --- reading -------------------------------------------------------------------------------

    def row_of(self, record_id: str) -> int:
        """The row showing ``record_id`` among the loaded ones, or -1."""
        return next((n for n, row in enumerate(self._rows) if row.get("id") == record_id), -1)

    def record_id(self, row: int) -> str | None:
        return self._rows[row].get("id") if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT
                and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)):
            return self.header(section)  # the tooltip: a narrow column elides its title
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid() or self._render(index.row()) is None:
            return Qt.ItemFlag.NoItemFlags  # a row that cannot be shown cannot be opened either
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        try:
            return self._data(index, role)
        except Exception as exc:  # noqa: BLE001 — a view must never see an exception
            log.warning("a list cell could not be shown: %s", type(exc).__name__)
            return None

    def _data(self, index: _Index, role: int) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == RecordIdRole:
            return row.get("id")
        if role == SyncStateRole:
            return row.get("sync_state")
        cells = self._render(index.row())
        if cells is None:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.tr("Data ini tidak bisa ditampilkan") if index.column() == 0 else ""
            return None
        cell = cells[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == SortRole:
            return cell.sort
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.DecorationRole:
            return cell.icon
        if role == Qt.ItemDataRole.ForegroundRole:
            return cell.foreground
        if role == Qt.ItemDataRole.BackgroundRole:
            return cell.background
        if role == Qt.ItemDataRole.FontRole and cell.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if cell.align_right:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return None

    def _render(self, row: int) -> list[Cell] | None:
        """The row's cells, made once (None: it cannot be shown)."""
        if row in self._cells:
            return self._cells[row]
        cells: list[Cell] | None = None
        values = self._rows[row] if 0 <= row < len(self._rows) else None
        if values is not None and not values.get("invalid"):
            try:
                cells = self.cells(values)
                if len(cells) != self.COLUMN_COUNT:
                    raise ValueError("wrong number of cells")
            except Exception as exc:  # noqa: BLE001 — shown disabled instead
                log.warning("a list row could not be shown: %s", type(exc).__name__)
                cells = None
        self._cells[row] = cells
        return cells

    # --- order and language --------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by ``column`` in SQL (every row, not only the loaded ones); a column that does
        not sort is ignored."""
        query = self.sorted_query(column, order == Qt.SortOrder.DescendingOrder)
        if query is None:
            return
        self._sort = (column, order)
        self.set_query(query)

    def reset_sort(self) -> None:
        """Back to the list's usual order."""
        self._sort = None
        self.set_query(self.default_query(self._query))

    def sort_state(self) -> tuple[int, Qt.SortOrder] | None:
        """The column and order asked for with :meth:`sort` (None: the usual order)."""
        return self._sort

    def retranslate(self) -> None:
        """Texts again in the current language (headers, labels, dates)."""
        self._cells.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, self.COLUMN_COUNT - 1))
