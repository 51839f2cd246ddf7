"""A report as an XLSX workbook (xlsxwriter): an "Info" sheet, then one sheet per table.

Counts are numbers (so a coordinator can add them up); hidden counts are the text ``<3`` or
``x``, right-aligned like the numbers around them. Each table sheet: title in row 1, the header
in row 3 (frozen with everything above it), the rows, then the table's notes.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import xlsxwriter

from rt_desktop.reports.model import Hidden, Report, ReportTable
from rt_desktop.reports.output import atomic_output

__all__ = ["HEADER_ROW", "INFO_SHEET", "sheet_names", "write_xlsx", "write_xlsx_file"]

INFO_SHEET = "Info"
#: 0-based row of each table sheet's header (row 3 in a spreadsheet program).
HEADER_ROW = 2
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_names(report: Report, lang: str = "id") -> list[str]:
    """The sheet name of each table, in order: unique, at most 31 characters."""
    names: list[str] = []
    taken = {INFO_SHEET.casefold()}
    for table in report.tables:
        base = _BAD_SHEET_CHARS.sub("-", table.short(lang))[:31]
        name, n = base, 2
        while name.casefold() in taken:
            suffix = f" {n}"
            name, n = base[:31 - len(suffix)] + suffix, n + 1
        taken.add(name.casefold())
        names.append(name)
    return names


def write_xlsx(report: Report, path: str | os.PathLike[str], *, lang: str = "id",
               before_replace=None) -> Path:
    """Write the workbook to ``path`` (whole or not at all); returns the path.

    :raises BadInput: the path cannot be written
    """
    with atomic_output(path, before_replace=before_replace) as temp:
        write_xlsx_file(report, temp, lang=lang)
    return Path(path)


def write_xlsx_file(report: Report, path: Path, *, lang: str = "id") -> None:
    """Write the workbook straight to ``path`` (the caller makes it atomic)."""
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": False})
    try:
        f = _Formats(workbook)
        _info_sheet(workbook, f, report, lang)
        for table, name in zip(report.tables, sheet_names(report, lang), strict=True):
            _table_sheet(workbook.add_worksheet(name), f, table, lang)
        workbook.set_properties({"title": _title(report, lang), "author": "RT Desktop",
                                 "comments": f"RT Desktop {report.app_version}"})
    finally:
        workbook.close()


def _title(report: Report, lang: str) -> str:
    word = "Report" if lang == "en" else "Laporan"
    return f"{word} {report.scope.kelurahan_name} — {report.period.label(lang)}"


class _Formats:
    def __init__(self, wb: xlsxwriter.Workbook):
        self.title = wb.add_format({"bold": True, "font_size": 13})
        self.header = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                     "text_wrap": True, "valign": "top"})
        self.header_num = wb.add_format({"bold": True, "bg_color": "#DCE6F1", "border": 1,
                                         "text_wrap": True, "valign": "top", "align": "right"})
        self.label = wb.add_format({"border": 1})
        self.number = wb.add_format({"num_format": "#,##0", "border": 1})
        self.hidden = wb.add_format({"align": "right", "border": 1, "font_color": "#7F3F00"})
        self.text = wb.add_format({"align": "right", "border": 1})
        self.total_label = wb.add_format({"bold": True, "border": 1, "top": 2})
        self.total_number = wb.add_format({"bold": True, "num_format": "#,##0", "border": 1,
                                           "top": 2})
        self.total_hidden = wb.add_format({"bold": True, "align": "right", "border": 1,
                                           "top": 2, "font_color": "#7F3F00"})
        self.note = wb.add_format({"italic": True, "text_wrap": False})
        self.key = wb.add_format({"bold": True, "valign": "top"})
        self.value = wb.add_format({"text_wrap": True, "valign": "top"})


def _info_sheet(wb: xlsxwriter.Workbook, f: _Formats, report: Report, lang: str) -> None:
    ws = wb.add_worksheet(INFO_SHEET)
    ws.write(0, 0, _title(report, lang), f.title)
    ws.write(2, 0, "Keterangan" if lang != "en" else "Item", f.header)
    ws.write(2, 1, "Isi" if lang != "en" else "Value", f.header)
    for i, (key, value) in enumerate(report.info(lang), start=3):
        ws.write_string(i, 0, key, f.key)
        ws.write_string(i, 1, value, f.value)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    ws.set_column(0, 0, 32)
    ws.set_column(1, 1, 100)


def _table_sheet(ws, f: _Formats, table: ReportTable, lang: str) -> None:
    ws.write(0, 0, table.title(lang), f.title)
    header = table.header(lang)
    for col, text in enumerate(header):
        ws.write_string(HEADER_ROW, col, text, f.header if col == 0 else f.header_num)
    widths = [len(text) for text in header]
    for r, row in enumerate(table.rows, start=HEADER_ROW + 1):
        label = row.label(lang)
        ws.write_string(r, 0, label, f.total_label if row.is_total else f.label)
        widths[0] = max(widths[0], len(label))
        for c, value in enumerate(row.values, start=1):
            if value is None or value == "" or isinstance(value, bool):
                ws.write_blank(r, c, None, f.total_number if row.is_total else f.number)
            elif isinstance(value, int):
                ws.write_number(r, c, value, f.total_number if row.is_total else f.number)
            elif isinstance(value, Hidden):
                ws.write_string(r, c, value.text(), f.total_hidden if row.is_total else f.hidden)
            else:
                ws.write_string(r, c, str(value), f.text)
            widths[c] = max(widths[c], len(str(value or "")))
    below = HEADER_ROW + len(table.rows) + 2
    for i, note in enumerate(table.notes):
        ws.write_string(below + i, 0, note.text(lang), f.note)
    ws.freeze_panes(HEADER_ROW + 1, 1)
    ws.set_column(0, 0, min(max(widths[0] + 2, 14), 60))
    for c in range(1, len(header)):
        ws.set_column(c, c, min(max(widths[c] + 2, 10), 30))
