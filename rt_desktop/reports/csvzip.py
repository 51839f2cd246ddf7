"""A report as CSV files in one ``.zip``: ``info.csv``, then one file per table.

UTF-8 with a byte-order mark, so Excel opens Indonesian text correctly; comma-separated; hidden
counts are the text ``<3`` or ``x``. Notes go to ``info.csv`` only, so that each table file
is a plain grid a program can read.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path

from rt_desktop.reports.model import Report
from rt_desktop.reports.output import atomic_output

__all__ = ["INFO_FILE", "csv_names", "write_csv_zip", "write_csv_zip_file"]

INFO_FILE = "info.csv"
_BOM = "\ufeff"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "tabel"


def csv_names(report: Report, lang: str = "id") -> list[str]:
    """The file name of each table inside the zip, in order: ``01_sesi_per_rt.csv``, …"""
    return [f"{i:02d}_{_slug(t.short(lang))}.csv" for i, t in enumerate(report.tables, start=1)]


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    buffer.write(_BOM)
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def write_csv_zip(report: Report, path: str | os.PathLike[str], *, lang: str = "id",
                  before_replace=None) -> Path:
    """Write the zip to ``path`` (whole or not at all); returns the path.

    :raises BadInput: the path cannot be written
    """
    with atomic_output(path, before_replace=before_replace) as temp:
        write_csv_zip_file(report, temp, lang=lang)
    return Path(path)


def write_csv_zip_file(report: Report, path: Path, *, lang: str = "id") -> None:
    """Write the zip straight to ``path`` (the caller makes it atomic)."""
    en = lang == "en"
    info: list[list[str]] = [["Item" if en else "Keterangan", "Value" if en else "Isi"]]
    info += [[key, value] for key, value in report.info(lang)]
    names = csv_names(report, lang)
    for name, table in zip(names, report.tables, strict=True):
        info.append([("File" if en else "Berkas"), f"{name}: {table.title(lang)}"])
        info += [[("Note" if en else "Catatan") + f" ({name})", note.text(lang)]
                 for note in table.notes]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(INFO_FILE, _csv(info))
        for name, table in zip(names, report.tables, strict=True):
            archive.writestr(name, _csv([table.header(lang), *table.text_rows(lang)]))
