"""Exporting a report to a file, audited: the one entry point for the CLI and the screen."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from rt_desktop.errors import BadInput
from rt_desktop.reports.csvzip import write_csv_zip_file
from rt_desktop.reports.model import Report
from rt_desktop.reports.output import atomic_output
from rt_desktop.reports.xlsx import write_xlsx_file

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["FORMATS", "ReportWriter", "audit_detail", "export_report"]

FORMATS = ("xlsx", "csv", "pdf")
#: ``writer(report, path, lang="id")`` writes the whole file straight to ``path``.
ReportWriter = Callable[..., None]

_BUILT_IN: dict[str, ReportWriter] = {"xlsx": write_xlsx_file, "csv": write_csv_zip_file}


def audit_detail(report: Report, fmt: str) -> str:
    """What the audit log says about an export: codes only, never a value from a record."""
    rts = ",".join(report.scope.rts) if report.scope.rts else "all"
    return (f"format {fmt}; period {report.period.code}; kelurahan "
            f"{report.scope.kelurahan_code}; rt {rts}; "
            f"incidents {'yes' if report.incidents_included else 'no'}")


def export_report(store: Store, report: Report, path: str | os.PathLike[str], fmt: str, *,
                  user: str, lang: str = "id", writer: ReportWriter | None = None) -> Path:
    """Write ``report`` as ``fmt`` to ``path`` and record the export in the audit log.

    ``xlsx`` and ``csv`` (a zip of CSV files) are built in; ``pdf`` needs ``writer`` (the UI's
    ``ui.reports.pdf.write_report_pdf``: rt_desktop never loads Qt). A ``writer`` given for
    another format replaces the built-in one. The file appears whole or not at all, and the
    audit entry is written just before it appears.

    :raises BadInput: an unknown format, no PDF writer, or a path that cannot be written
    """
    if fmt not in FORMATS:
        raise BadInput(f"Format “{fmt}” tidak dikenal: pilih xlsx, csv atau pdf.",
                       f"Unknown format “{fmt}”: choose xlsx, csv or pdf.")
    write = writer or _BUILT_IN.get(fmt)
    if write is None:
        raise BadInput("Ekspor PDF belum tersedia di versi ini; pakai xlsx atau csv.",
                       "PDF export is not available in this version yet; use xlsx or csv.")
    detail = audit_detail(report, fmt)

    def audit() -> None:
        store.audit("export", user=user, detail=detail)

    with atomic_output(path, before_replace=audit) as temp:
        write(report, temp, lang=lang)
    return Path(path).expanduser()
