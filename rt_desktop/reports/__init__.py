"""Report data for coordinators and volunteers: summaries, small-cell suppression, and the
XLSX and CSV writers (DESIGN.md §2; issue 5). Never imports Qt: the Laporan screen, its chart
and the PDF live in ``ui`` and build on what is here.

Typical use (the CLI's ``export``, or the screen on its worker thread)::

    period = parse_period("2026-11", today=today_wita())
    scope = resolve_scope(store, kelurahan=None, rts=[])
    report = build_report(store, period, scope)
    export_report(store, report, "laporan.xlsx", "xlsx", user=name)
"""

from rt_desktop.reports.build import build_report, last_sync, suppression_threshold
from rt_desktop.reports.csvzip import csv_names, write_csv_zip
from rt_desktop.reports.export import FORMATS, ReportWriter, audit_detail, export_report
from rt_desktop.reports.model import (
    COMPLEMENT_MARK,
    Column,
    Hidden,
    Note,
    Report,
    ReportScope,
    ReportTable,
    Row,
    TrendPoint,
    Value,
    cell_text,
)
from rt_desktop.reports.output import atomic_output, check_output_path
from rt_desktop.reports.periods import Period, check_period, last_month, parse_period
from rt_desktop.reports.scope import allowed_kelurahan, known_rts, resolve_scope
from rt_desktop.reports.suppression import DEFAULT_THRESHOLD, MIN_THRESHOLD
from rt_desktop.reports.xlsx import sheet_names, write_xlsx

__all__ = [
    "COMPLEMENT_MARK", "DEFAULT_THRESHOLD", "FORMATS", "MIN_THRESHOLD",
    "Column", "Hidden", "Note", "Period", "Report", "ReportScope", "ReportTable", "ReportWriter",
    "Row", "TrendPoint", "Value",
    "allowed_kelurahan", "atomic_output", "audit_detail", "build_report", "cell_text",
    "check_output_path", "check_period", "csv_names", "export_report", "known_rts", "last_month",
    "last_sync", "parse_period", "resolve_scope", "sheet_names", "suppression_threshold",
    "write_csv_zip", "write_xlsx",
]
