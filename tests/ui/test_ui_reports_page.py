"""The Laporan screen through its real widgets, on a coordinator's encrypted store holding the
known data of tests/core/known_reports.py: pick last month, Tampilkan, read the
tables, export XLSX and PDF (the file dialog's second half, ``export_to``)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QApplication

from rt_desktop import access
from rt_desktop.records import RECORD_TYPES
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.store.sync_meta import ENROL_SCOPE, SYNC_LAST_SUCCESS
from tests.core import known_reports as K
from ui.context import AppContext
from ui.reports.page import ReportPage
from ui.reports.table_model import ReportTableModel

FAST = KdfParams(n=2**10)
PASSWORD = "sandi-uji-12345"
ROOT = Path(__file__).resolve().parents[2]
TODAY = dt.date(2026, 11, 28)  # "last month" is October 2026, the month the fixture fills




def copy_rows(source: Any, target: Any) -> None:
    with target.writing():
        for cls in RECORD_TYPES.values():
            rows = [dict(r) for r in source.db.query(f"SELECT * FROM {cls.TABLE}")]
            if rows:
                target.db.table(cls.TABLE).insert_all(rows, replace=True)


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data = K.build_known(tmp_path_factory.mktemp("known"))
    yield data
    data.coordinator.close()
    data.volunteer.close()


def make_ctx(folder: Path, known: Any, role: str) -> AppContext:
    if role == "volunteer":
        unlocked, _ = access.initialise(folder, kelurahan_code=K.KEL, rt="001", name="Relawan",
                                        password=PASSWORD, kdf=FAST)
        copy_rows(known.volunteer, unlocked.store)
    else:
        unlocked, _ = access.initialise(folder, name="Koordinator", password=PASSWORD,
                                        kdf=FAST, role=role)
        if role == "coordinator":
            copy_rows(known.coordinator, unlocked.store)
            unlocked.store.set_meta(ENROL_SCOPE, json.dumps(
                {"level": "kecamatan", "code": "64.71.03", "rt": None}))
            unlocked.store.set_configured_rts(K.KEL, ["001", "002", "003", "004"])
            unlocked.store.set_meta(SYNC_LAST_SUCCESS, "2026-11-27T23:30:00Z")
    ctx = AppContext(folder)
    ctx.unlocked = unlocked
    return ctx


@pytest.fixture
def ctx(tmp_path: Path, known: Any) -> Iterator[AppContext]:
    context = make_ctx(tmp_path / "koordinator", known, "coordinator")
    yield context
    context.tasks.wait()
    assert context.unlocked is not None
    context.unlocked.store.close()


def open_page(qtbot: Any, ctx: AppContext) -> ReportPage:
    page = ReportPage(ctx, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    assert not any(b.isEnabled() for b in page.export_buttons.values())  # nothing to export
    with qtbot.waitSignals([page.rts_loaded, page.report_shown], timeout=10_000):
        page.show()  # last month appears at once
    kelurahan = page.filters.kelurahan
    if kelurahan.currentData() != K.KEL:  # a kecamatan coordinator: the first is another one
        with qtbot.waitSignal(page.rts_loaded, timeout=10_000):
            kelurahan.setCurrentIndex(kelurahan.findData(K.KEL))
    return page


def show(qtbot: Any, page: ReportPage) -> None:
    with qtbot.waitSignal(page.report_shown, timeout=10_000):
        qtbot.mouseClick(page.filters.show_button, Qt.MouseButton.LeftButton)


def rows(page: ReportPage, key: str) -> list[list[str]]:
    block = next(b for b in page.blocks if b.table.key == key)
    model = block.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def test_last_month_is_the_default_and_shows_every_table(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    f = page.filters
    assert f.kind.currentData() == "month"
    assert f.month.currentText() == "Oktober" and f.month_year.value() == 2026
    # a kecamatan coordinator: the kelurahan is a choice, Muara Rapak among them
    assert f.kelurahan.isEnabled() and f.kelurahan.count() > 1
    assert f.kelurahan.currentText() == "Muara Rapak (Balikpapan Utara)"
    assert [f.rts.item(i).text() for i in range(f.rts.count())] == [
        "RT 001", "RT 002", "RT 003", "RT 004"]
    assert page.report is not None and page.report.scope.kelurahan_code != K.KEL
    show(qtbot, page)
    assert page.report.scope.kelurahan_code == K.KEL

    assert page.heading.text() == "Laporan Oktober 2026"
    assert "Kelurahan Muara Rapak" in page.place.text()
    assert page.data_as_of.text() == "Data per 28 November 2026, 07.30 WITA"
    assert rows(page, "sessions_per_rt") == [["RT 001", "2", "29"], ["RT 002", "1", "8"],
                                             ["RT 003", "0", "0"], ["RT 004", "0", "0"],
                                             ["Jumlah", "3", "37"]]
    assert rows(page, "attendance")[-1] == ["Jumlah", "10", "27", "37"]
    assert rows(page, "silent_rts") == [["RT 003", "1 Agu 2026"], ["RT 004", ""]]
    place = {r[0]: r[1] for r in rows(page, "incidents_by_place")}
    assert place["Daring (online)"] == "<3"
    assert place["Rumah tangga"] in ("6", "x") and place["Fasilitas umum"] == "0"
    assert {b.table.key for b in page.blocks} >= {"incidents_by_violence", "incidents_by_status",
                                                  "incidents_by_uptd_service", "trend"}
    block = next(b for b in page.blocks if b.table.key == "incidents_by_place")
    assert not block.footnote.isHidden() and "“<3”: 1 sampai 2 kasus" in block.footnote.text()
    model = block.model
    daring = next(r for r in range(model.rowCount())
                  if model.data(model.index(r, 0)) == "Daring (online)")
    cell = model.index(daring, 1)
    assert model.data(cell, Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.data(cell, ReportTableModel.ROLE_HIDDEN) is True
    assert "Kerahasiaan" in page.notes.text()
    assert all(b.isEnabled() for b in page.export_buttons.values())
    # the chart: sessions, attendees and cases, October's case total never as a number
    assert [p.series for p in page.chart.layout_now()] == ["sessions", "attendees", "incidents"]
    october = page.chart.layout_now()[2].bars[9]
    assert october.month == "2026-10"
    assert october.text in ("x", "10") and (october.hidden == (october.text == "x"))


def test_no_table_cuts_its_cells_at_the_apps_own_size(qtbot: Any, ctx: AppContext) -> None:
    """At 1280×720 the monthly trend read "J…", "F…" and a count "<": a table is never narrower
    than its widest cells (the page scrolls sideways instead)."""
    page = open_page(qtbot, ctx)
    page.resize(1010, 640)  # the report area of the app's 1280×720 window
    show(qtbot, page)
    qtbot.wait(50)
    for block in page.blocks:
        view, header = block.view, block.view.horizontalHeader()
        for column in range(block.model.columnCount()):
            assert header.sectionSize(column) >= view.sizeHintForColumn(column) - 1, (
                block.table.key, column)


def test_every_table_model_keeps_the_qt_contract(qtbot: Any, qtmodeltester: Any,
                                                 ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    show(qtbot, page)
    for block in page.blocks:
        qtmodeltester.check(block.model)
    empty = ReportTableModel()
    qtmodeltester.check(empty)
    assert empty.rowCount() == 0 and empty.data(QModelIndex()) is None


def test_export_xlsx_and_pdf_from_the_screen(qtbot: Any, ctx: AppContext, tmp_path: Path) -> None:
    page = open_page(qtbot, ctx)
    show(qtbot, page)
    xlsx = tmp_path / "laporan.xlsx"
    with qtbot.waitSignal(page.export_done, timeout=10_000) as done:
        page.export_to("xlsx", xlsx)
    assert done.args == [str(xlsx)]
    assert page.message.text() == f"Tersimpan: {xlsx}" and page.message.isVisible()
    book = openpyxl.load_workbook(xlsx)
    assert [list(r) for r in book["Sesi per RT"].iter_rows(min_row=4, max_row=8,
                                                          values_only=True)] == [
        ["RT 001", 2, 29], ["RT 002", 1, 8], ["RT 003", 0, 0], ["RT 004", 0, 0],
        ["Jumlah", 3, 37]]

    pdf = tmp_path / "laporan.pdf"
    with qtbot.waitSignal(page.export_done, timeout=20_000):
        page.export_to("pdf", pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Kelurahan Muara Rapak · Oktober 2026" in text
    assert "Halaman 1 dari" in text
    assert ctx.unlocked is not None
    exports = [e for e in ctx.unlocked.store.audit_entries() if e["action"] == "export"]
    assert [e["detail"].split(";")[0] for e in exports] == ["format pdf", "format xlsx"]
    assert all(e["user"] == "Koordinator" for e in exports)


def test_an_unwritable_path_is_said_inline_and_leaves_nothing(qtbot: Any, ctx: AppContext,
                                                              tmp_path: Path) -> None:
    page = open_page(qtbot, ctx)
    show(qtbot, page)
    target = tmp_path / "tidak-ada" / "laporan.pdf"
    with qtbot.waitSignal(page.export_failed, timeout=10_000) as failed:
        page.export_to("pdf", target)
    assert "Tidak dapat menulis" in failed.args[0]
    assert page.message.text() == failed.args[0] and page.message.property("role") == "message"
    assert not target.parent.exists()
    assert page.export_buttons["pdf"].isEnabled()  # ready to try again


def test_a_custom_range_reports_sessions_only(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    f = page.filters
    f.kind.setCurrentIndex(f.kind.findData("custom"))
    assert "hanya sesi dan peserta" in f.rt_hint.text()
    f.start.setDate(f.start.date().fromString("2026-09-15", Qt.DateFormat.ISODate))
    f.end.setDate(f.end.date().fromString("2026-10-15", Qt.DateFormat.ISODate))
    show(qtbot, page)
    assert {b.table.key for b in page.blocks} == {"sessions_per_rt", "attendance", "topics",
                                                  "silent_rts", "trend"}
    assert rows(page, "sessions_per_rt")[-1] == ["Jumlah", "2", "27"]
    assert "Rentang tanggal bebas" in page.notes.text()
    assert [p.series for p in page.chart.layout_now()] == ["sessions", "attendees"]


def test_some_rts_report_sessions_only(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    f = page.filters
    qtbot.mouseClick(f.all_rts, Qt.MouseButton.LeftButton,
                     pos=QPoint(8, f.all_rts.height() // 2))
    assert not f.all_rts.isChecked() and f.rts.isEnabled()
    qtbot.mouseClick(f.show_button, Qt.MouseButton.LeftButton)
    assert "Pilih sedikitnya satu RT" in page.message.text()
    f.rts.item(0).setCheckState(Qt.CheckState.Checked)
    show(qtbot, page)
    assert rows(page, "sessions_per_rt") == [["RT 001", "2", "29"], ["Jumlah", "2", "29"]]
    assert "sebagian RT" in page.notes.text()


def test_a_range_that_ends_before_it_starts_is_refused_inline(qtbot: Any,
                                                              ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    f = page.filters
    f.kind.setCurrentIndex(f.kind.findData("custom"))
    f.start.setDate(f.start.date().fromString("2026-10-15", Qt.DateFormat.ISODate))
    f.end.setDate(f.end.date().fromString("2026-10-01", Qt.DateFormat.ISODate))
    qtbot.mouseClick(f.show_button, Qt.MouseButton.LeftButton)
    assert "sebelum awalnya" in page.message.text() and page.message.isVisible()
    assert page.report is not None and page.report.period.kind == "month"  # unchanged
    assert page.heading.text() == "Laporan Oktober 2026"


def test_new_data_marks_the_report_as_old(qtbot: Any, ctx: AppContext) -> None:
    page = open_page(qtbot, ctx)
    show(qtbot, page)
    assert page.stale.isHidden()
    ctx.operation_done.emit([])
    assert page.stale.isVisible()
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.filters.month.setFocus()
    with qtbot.waitSignal(page.report_shown, timeout=10_000):  # Enter in a field: Tampilkan
        qtbot.keyClick(page.filters.month, Qt.Key.Key_Return)
    assert page.stale.isHidden()


def test_a_volunteer_laptop_reports_its_own_rt(qtbot: Any, tmp_path: Path, known: Any) -> None:
    ctx = make_ctx(tmp_path / "rt001", known, "volunteer")
    try:
        page = open_page(qtbot, ctx)
        f = page.filters
        assert f.own_rt == "001" and f.kelurahan.isHidden()
        assert f.kelurahan_fixed.text() == "Muara Rapak (Balikpapan Utara)"
        assert f.rts.isHidden() and f.all_rts.isHidden()
        assert "RT 001" in f.rt_hint.text()
        assert page.report is not None  # shown on opening: last month, its own RT
        assert rows(page, "sessions_per_rt") == [["RT 001", "2", "29"], ["Jumlah", "2", "29"]]
        assert any(b.table.key == "incidents_by_place" for b in page.blocks)
        assert page.data_as_of.text() == ("Data hanya dari laptop ini: belum pernah terhubung ke "
                                          "server kota.")
    finally:
        ctx.tasks.wait()
        assert ctx.unlocked is not None
        ctx.unlocked.store.close()


def test_an_uptd_device_makes_no_reports(qtbot: Any, tmp_path: Path, known: Any) -> None:
    ctx = make_ctx(tmp_path / "uptd", known, "uptd")
    try:
        page = ReportPage(ctx, today=TODAY)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.choices is not None)
        assert not page.filters.show_button.isEnabled()
        assert "tidak membuat laporan ringkasan" in page.empty.text()
    finally:
        ctx.tasks.wait()
        assert ctx.unlocked is not None
        ctx.unlocked.store.close()
