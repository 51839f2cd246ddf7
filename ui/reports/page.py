"""Laporan: a coordinator (or a volunteer, for their RT) picks a period and RTs, presses
"Tampilkan", reads the tables and the trend, and exports XLSX, CSV (ZIP) or PDF.

Every report is built and every file written on the database worker (``ctx.run_db``); the page
shows what came back. Exports write the report on screen — the same object — so the file says
exactly what the coordinator saw.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QSize, Qt, QTime, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from rt_desktop.errors import BadInput, RTError
from rt_desktop.reports import (
    Report,
    allowed_kelurahan,
    build_report,
    export_report,
    known_rts,
    resolve_scope,
)
from rt_desktop.store.store import Store
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.i18n import data_language, is_language_change, locale_for
from ui.reports.chart import TrendChart
from ui.reports.filters import ReportFilters
from ui.reports.pdf import write_report_pdf
from ui.reports.table_view import TableBlock

__all__ = ["FORMATS", "ReportPage", "load_choices"]

FORMATS = ("xlsx", "csv", "pdf")
_SUFFIX = {"xlsx": ".xlsx", "csv": ".zip", "pdf": ".pdf"}


def load_choices(store: Store) -> dict[str, Any]:
    """What this device may report on (runs on the worker)."""
    return {"role": store.role, "rt": store.rt,
            "kelurahan": [(k.code, f"{k.name} ({k.kecamatan.name})")
                          for k in allowed_kelurahan(store)]}


class ReportPage(QWidget):
    report_shown = Signal(object)  # Report
    export_done = Signal(str)  # the path written
    export_failed = Signal(str)  # the message shown
    rts_loaded = Signal()  # the RT list of the chosen kelurahan is in

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 today: dt.date | None = None):
        super().__init__(parent)
        self.setObjectName("reportPage")
        self.ctx = ctx
        self.today = today or today_wita()
        self.report: Report | None = None
        self.choices: dict[str, Any] | None = None
        self._rt_request = 0
        self.busy_now = False  # a report or an export is on the worker
        self._first = True  # the first RT list in: show last month at once
        self._last_dir: Path | None = None
        self.blocks: list[TableBlock] = []

        self.filters = ReportFilters(ctx.lang, self.today)
        self.filters.setFixedWidth(260)
        self.filters.show_requested.connect(self.show_report)
        self.filters.kelurahan.currentIndexChanged.connect(self._kelurahan_changed)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.filters)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.show_report)

        self.heading = QLabel()
        self.heading.setObjectName("reportHeading")
        self.heading.setProperty("role", "pagetitle")
        self.busy = QProgressBar()
        self.busy.setObjectName("reportBusy")
        self.busy.setRange(0, 0)  # "working", with no end known
        self.busy.setMaximumWidth(140)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.busy_label = QLabel()
        self.busy_label.setProperty("role", "hint")
        self.busy_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.busy_label)
        top.addWidget(self.busy)

        self.place = QLabel()
        self.place.setObjectName("reportPlace")
        self.place.setWordWrap(True)
        self.data_as_of = QLabel()
        self.data_as_of.setObjectName("reportDataAsOf")
        self.data_as_of.setStyleSheet("font-weight: bold;")
        self.stale = QLabel()
        self.stale.setObjectName("reportStale")
        self.stale.setProperty("role", "hint")
        self.stale.setWordWrap(True)
        self.stale.hide()
        self.notes = QLabel()
        self.notes.setObjectName("reportNotes")
        self.notes.setProperty("role", "note")
        self.notes.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()

        self.export_buttons: dict[str, QPushButton] = {}
        exports = QHBoxLayout()
        for fmt in FORMATS:
            button = QPushButton()
            button.setObjectName(f"export_{fmt}")
            button.setEnabled(False)
            button.clicked.connect(lambda _=False, f=fmt: self.export(f))
            self.export_buttons[fmt] = button
            exports.addWidget(button)
        exports.addStretch(1)

        self.chart_title = QLabel()
        self.chart_title.setProperty("role", "section")
        self.chart = TrendChart()
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(18)
        self.grid.setVerticalSpacing(12)

        self.body = QWidget()
        self.body.setObjectName("reportBody")
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 8, 0)
        for widget in (self.place, self.data_as_of, self.stale, self.notes):
            body.addWidget(widget)
        body.addSpacing(4)
        body.addWidget(self.chart_title)
        body.addWidget(self.chart)
        body.addLayout(self.grid)
        body.addStretch(1)
        self.empty = QLabel()
        self.empty.setObjectName("reportEmpty")
        self.empty.setProperty("role", "hint")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.body)
        self.body.hide()

        right = QVBoxLayout()
        right.addLayout(top)
        right.addLayout(exports)
        right.addWidget(self.message)
        right.addWidget(self.empty)
        right.addWidget(self.scroll_area, 1)
        layout = QHBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addSpacing(12)
        layout.addLayout(right, 1)
        ctx.operation_done.connect(self._data_changed)
        self.retranslate()

    # --- texts --------------------------------------------------------------------------------

    @property
    def lang(self) -> str:
        return data_language(self.ctx.lang)

    def retranslate(self) -> None:
        self.filters.retranslate(self.ctx.lang)
        self.export_buttons["xlsx"].setText(self.tr("Ekspor Excel (XLSX)"))
        self.export_buttons["csv"].setText(self.tr("Ekspor CSV (ZIP)"))
        self.export_buttons["pdf"].setText(self.tr("Ekspor PDF"))
        self.stale.setText(self.tr("Ada data baru sejak laporan ini disusun. Tekan Tampilkan "
                                   "untuk memperbarui."))
        if self.choices is not None and not self.choices["kelurahan"]:
            self.empty.setText(self.tr("Perangkat ini tidak membuat laporan ringkasan: laporan "
                                       "dibuat di laptop relawan dan koordinator."))
        else:
            self.empty.setText(self.tr("Pilih periode dan RT, lalu tekan Tampilkan. Laporan "
                                       "hanya berisi angka: tidak ada nama atau cerita kasus."))
        if self.report is not None:
            self._show(self.report)
        else:
            self.heading.setText(self.tr("Laporan"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if is_language_change(event):
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        if self.choices is None:
            self.refresh()

    def sizeHint(self) -> QSize:  # noqa: N802 — Qt's name
        return QSize(1100, 700)

    # --- choices ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load what this device may report on (the kelurahan list, then its RTs)."""
        if self.ctx.unlocked is not None:
            self.ctx.run_db(load_choices, success=self._got_choices, failure=self._failed)

    def _got_choices(self, choices: dict[str, Any]) -> None:
        self.choices = choices
        self.filters.show_button.setEnabled(bool(choices["kelurahan"]))
        self.retranslate()
        self.filters.set_kelurahan_choices(choices["kelurahan"])

    def _kelurahan_changed(self, _row: int) -> None:
        code = self.filters.kelurahan_code()
        # The choices can arrive after the app locked (an answer to a request made before):
        # nothing to ask the database then.
        if code is None or self.choices is None or self.ctx.unlocked is None:
            return
        self._rt_request += 1
        request = self._rt_request
        own = self.choices["rt"] if self.choices["role"] == "volunteer" else None
        self.ctx.run_db(lambda store: known_rts(store, code)[0],
                        success=lambda rts: self._got_rts(request, rts, own),
                        failure=self._failed)

    def _got_rts(self, request: int, rts: tuple[str, ...], own: str | None) -> None:
        if request == self._rt_request:  # an answer for a kelurahan no longer chosen is dropped
            self.filters.set_rts([own] if own else rts, own_rt=own)
            self.rts_loaded.emit()
            if self._first and self.report is None:
                # Opening Laporan shows last month straight away (a few aggregate queries):
                # what a coordinator comes for each month, with no empty page first.
                self._first = False
                self.show_report()

    # --- the report ---------------------------------------------------------------------------

    def show_report(self) -> None:
        """Build the report the filters describe, on the worker ("Tampilkan")."""
        if self.ctx.unlocked is None or self.busy_now:
            return
        try:
            period = self.filters.period()
        except BadInput as exc:
            self._say(exc.message(self.lang), error=True)
            return
        kelurahan, rts = self.filters.kelurahan_code(), self.filters.selected_rts()
        if not rts and self.filters.own_rt is None and not self.filters.all_rts.isChecked():
            self._say(self.tr("Pilih sedikitnya satu RT, atau centang “Semua RT”."), error=True)
            return

        def work(store: Store) -> Report:
            scope = resolve_scope(store, kelurahan=kelurahan, rts=rts)
            return build_report(store, period, scope)

        self._say("")
        self._set_busy(self.tr("Menyusun laporan…"))
        self.ctx.run_db(work, success=self._got_report, failure=self._failed)

    def _got_report(self, report: Report) -> None:
        self._set_busy(None)
        self.report = report
        self.stale.hide()
        self._show(report)
        self.report_shown.emit(report)

    def _show(self, report: Report) -> None:
        lang = self.lang
        s = report.scope
        self.heading.setText(self.tr("Laporan {0}").format(report.period.label(lang)))
        loc = locale_for(self.ctx.lang)
        first, last = report.period.start, report.period.end
        dates = " – ".join(loc.toString(QDate(d.year, d.month, d.day), "d MMM yyyy")
                           for d in (first, last))
        self.place.setText(self.tr("Kelurahan {0} · Kecamatan {1} · {2} · {3}").format(
            s.kelurahan_name, s.kecamatan_name, s.rt_label(lang), dates))
        self.data_as_of.setText(
            self.tr("Data hanya dari laptop ini: belum pernah terhubung ke server kota.")
            if report.data_as_of is None else self.tr("Data per {0}").format(self._as_of(report)))
        self.notes.setText("\n\n".join(n.text(lang) for n in report.notes))
        self.notes.setVisible(bool(report.notes))
        trend = report.table("trend")
        self.chart_title.setText(trend.title(lang))
        self.chart.set_trend(report.trend, lang)
        for block in self.blocks:
            self.grid.removeWidget(block)
            block.deleteLater()
        self.blocks = []
        for i, table in enumerate(report.tables):
            block = TableBlock(table, lang)
            self.grid.addWidget(block, i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
            self.blocks.append(block)
        for column in (0, 1):
            self.grid.setColumnStretch(column, 1)
        self.empty.hide()
        self.body.show()
        for button in self.export_buttons.values():
            button.setEnabled(True)

    def _as_of(self, report: Report) -> str:
        at = report.data_as_of  # already in WITA (rt_desktop.reports.last_sync)
        assert at is not None  # _show words a report of a laptop never synced itself
        moment = QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute))
        return locale_for(self.ctx.lang).toString(moment, "d MMMM yyyy, HH.mm") + " WITA"

    def _data_changed(self, _changes: Any) -> None:
        if self.report is not None:
            self.stale.show()

    # --- exports ------------------------------------------------------------------------------

    def export(self, fmt: str) -> None:
        """Ask where to save (a non-native dialog, the same on every system), then export."""
        if self.report is None:
            return
        names = {"xlsx": self.tr("Buku kerja Excel (*.xlsx)"),
                 "csv": self.tr("Arsip ZIP berisi CSV (*.zip)"),
                 "pdf": self.tr("Dokumen PDF (*.pdf)")}
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan"), str(self._default_path(fmt)), names[fmt],
            options=QFileDialog.Option.DontUseNativeDialog)
        if path:
            if not path.lower().endswith(_SUFFIX[fmt]):
                path += _SUFFIX[fmt]
            self.export_to(fmt, path)

    def _default_path(self, fmt: str) -> Path:
        assert self.report is not None
        folder = self._last_dir or next(
            (p for p in (Path.home() / "Documents", Path.home() / "Dokumen") if p.is_dir()),
            Path.home())
        slug = re.sub(r"[^a-z0-9]+", "-", self.report.scope.kelurahan_name.lower()).strip("-")
        code = self.report.period.code.replace("..", "_sd_")
        return folder / f"laporan-{slug}-{code}{_SUFFIX[fmt]}"

    def export_to(self, fmt: str, path: str | Path) -> None:
        """Write the report on screen to ``path`` on the worker (the file dialog's second half;
        tests call it directly)."""
        report = self.report
        if report is None or self.busy_now:
            return
        user, lang = self.ctx.user_name, self.lang
        writer = write_report_pdf if fmt == "pdf" else None
        self._last_dir = Path(path).expanduser().parent
        self._say("")
        self._set_busy(self.tr("Menyimpan…"))
        self.ctx.run_db(lambda store: export_report(store, report, path, fmt, user=user,
                                                    lang=lang, writer=writer),
                        success=self._exported, failure=self._export_failed)

    def _exported(self, path: Path) -> None:
        self._set_busy(None)
        self._say(self.tr("Tersimpan: {0}").format(path))
        self.export_done.emit(str(path))

    def _export_failed(self, exc: BaseException) -> None:
        self._failed(exc)
        self.export_failed.emit(self.message.text())

    # --- state --------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(None)
        if isinstance(exc, RTError):
            self._say(exc.message(self.lang), error=True)
        else:
            self._say(self.tr("Terjadi kesalahan: {0}").format(exc), error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("role", "message" if error else "hint")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.setVisible(bool(text))

    def _set_busy(self, text: str | None) -> None:
        busy = self.busy_now = text is not None
        self.busy_label.setText(text or "")
        self.busy_label.setVisible(busy)
        self.busy.setVisible(busy)
        self.filters.show_button.setEnabled(not busy and bool(
            self.choices and self.choices["kelurahan"]))
        for button in self.export_buttons.values():
            button.setEnabled(not busy and self.report is not None)
