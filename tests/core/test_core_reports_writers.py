"""The XLSX and CSV exports read back (openpyxl, csv): every number as the report says, no
sensitive value anywhere in the files, suppression that the files cannot undo, and files that
appear whole or not at all."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import openpyxl
import pytest

from rt_desktop.errors import BadInput
from rt_desktop.reports import (
    Hidden,
    Report,
    atomic_output,
    csv_names,
    export_report,
    sheet_names,
    write_csv_zip,
    write_xlsx,
)
from tests.core import known_reports as K


def _sibling(name: str, filename: str) -> ModuleType:
    """A sibling test module (tests/ is not a package under --import-mode=importlib)."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(filename))
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


A = _sibling("rt_reports_attacker", "test_core_reports_suppression.py")


def cell(value: Any) -> Any:
    """A report cell as openpyxl reads it back."""
    if isinstance(value, Hidden):
        return value.text()
    return None if value in (None, "") else value


def read_xlsx(path: Path) -> dict[str, list[list[Any]]]:
    book = openpyxl.load_workbook(path)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book}


# --- XLSX ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("period", ["2026-10", "2026", "2026-09-15..2026-10-15"])
def test_xlsx_holds_every_table_and_number(known: Any, tmp_path: Path, period: str) -> None:
    report: Report = K.report_of(known.coordinator, period)
    path = write_xlsx(report, tmp_path / "laporan.xlsx")
    sheets = read_xlsx(path)
    assert list(sheets) == ["Info", *sheet_names(report)]
    for table, name in zip(report.tables, sheet_names(report), strict=True):
        rows = sheets[name]
        assert rows[0][0] == table.title("id")
        assert rows[2][: len(table.columns) + 1] == table.header("id")
        body = rows[3: 3 + len(table.rows)]
        expected = [[row.label("id"), *(cell(v) for v in row.values)] for row in table.rows]
        assert [r[: len(table.columns) + 1] for r in body] == expected, name
        notes = [r[0] for r in rows[3 + len(table.rows):] if r and r[0]]
        assert notes == [n.text("id") for n in table.notes]
    book = openpyxl.load_workbook(path)
    assert all(book[name].freeze_panes == "B4" for name in sheet_names(report))
    assert book["Info"].freeze_panes == "A4"


def test_xlsx_numbers_match_the_hand_count(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    sheets = read_xlsx(write_xlsx(report, tmp_path / "oktober.xlsx"))
    by_key = dict(zip((t.key for t in report.tables), sheet_names(report), strict=True))
    sessions = sheets[by_key["sessions_per_rt"]]
    assert sessions[3:8] == [["RT 001", 2, 29], ["RT 002", 1, 8], ["RT 003", 0, 0],
                             ["RT 004", 0, 0], ["Jumlah", 3, 37]]
    assert sheets[by_key["attendance"]][7] == ["Jumlah", 10, 27, 37]
    for table, expected in K.EXPECTED["2026-10"].items():
        rows = {r[0]: r[1:] for r in sheets[by_key[table]][3:] if r and r[0]}
        labels = {row.key: row.label("id") for row in report.table(table).rows}
        for key, true in expected.items():
            shown = rows[labels[key]]
            for got, value in zip(shown, true if isinstance(true, tuple) else (true,),
                                  strict=False):
                if value == 0:
                    assert got == 0
                elif value < 3:
                    assert got == "<3"
                else:
                    assert got in (value, "x")


def test_info_sheet_says_where_when_and_how(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    info = {r[0]: r[1] for r in read_xlsx(write_xlsx(report, tmp_path / "i.xlsx"))["Info"][3:]
            if r[0]}
    assert info["Kelurahan"] == "Muara Rapak (64.71.03.1004)"
    assert info["Kecamatan"].startswith("Balikpapan Utara")
    assert info["RT"] == "Semua RT"
    assert info["Periode"] == "Oktober 2026"
    assert info["Dibuat pada"] == "2026-11-28 18:00 WITA"
    assert "Data per (sinkronisasi terakhir)" in info
    assert info["Versi aplikasi"] == report.app_version
    assert "“<3”" in info["Catatan"]


def test_english_headers_when_asked(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    sheets = read_xlsx(write_xlsx(report, tmp_path / "en.xlsx", lang="en"))
    assert "Sessions per RT" in sheets
    assert sheets["Sessions per RT"][2] == ["RT", "Sessions", "Attendees"]


# --- CSV ----------------------------------------------------------------------------------------

def test_csv_zip_has_info_and_one_file_per_table(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    path = write_csv_zip(report, tmp_path / "laporan.zip")
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["info.csv", *csv_names(report)]
        for name, table in zip(csv_names(report), report.tables, strict=True):
            raw = archive.read(name)
            assert raw.startswith(b"\xef\xbb\xbf")  # so that Excel reads UTF-8
            rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert rows == [table.header("id"), *table.text_rows("id")]
        info = list(csv.reader(io.StringIO(archive.read("info.csv").decode("utf-8-sig"))))
    assert ["Periode", "Oktober 2026"] in info
    assert csv_names(report)[0] == "01_sesi_per_rt.csv"
    rows = list(csv.reader(io.StringIO(zipfile.ZipFile(path).read(
        csv_names(report)[0]).decode("utf-8-sig"))))
    assert rows[-1] == ["Jumlah", "3", "37"]


# --- no sensitive value, anywhere ---------------------------------------------------------------

def _unzipped(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return b"\n".join(archive.read(name) for name in archive.namelist())


@pytest.mark.parametrize("which", ["coordinator", "volunteer"])
@pytest.mark.parametrize("period", ["2026-10", "2026-Q4", "2026", "2026-01-01..2026-11-28"])
def test_no_export_contains_a_sensitive_value(known: Any, tmp_path: Path, which: str,
                                              period: str) -> None:
    store = getattr(known, which)
    # The store does hold them (else this test would prove nothing).
    stored = b"".join(str(r).encode() for r in store.db.query(
        "SELECT victim_name, chronology FROM incidents"))
    assert b"Zubaidah" in stored and b"Kronologi rahasia" in stored
    report = K.report_of(store, period)
    for fmt, name in (("xlsx", "r.xlsx"), ("csv", "r.zip")):
        path = export_report(store, report, tmp_path / name, fmt, user=K.USER)
        content = path.read_bytes() + _unzipped(path)
        for fragment in K.SECRET_FRAGMENTS:
            assert fragment.encode("utf-8") not in content, (fmt, fragment)
        for n in range(1, len(K.INCIDENTS) + 2):
            for value in K.secrets_of(n).values():
                assert value.encode("utf-8") not in content


# --- the files cannot undo the suppression ----------------------------------------------------

def _grid_from_exports(known: Any, tmp_path: Path) -> tuple[dict[Any, Any], list[Any]]:
    """Read the place and status tables and the trend of all 17 reports of 2026 back from
    their XLSX files, keyed like the year grid; and what a reader knows links them."""
    published: dict[Any, Any] = {}
    periods = [f"2026-{m:02d}" for m in range(1, 12)] + ["2026-Q1", "2026-Q2", "2026-Q3"]
    nodes = {f"2026-{m:02d}": f"m{m:02d}" for m in range(1, 13)}
    nodes.update({f"2026-Q{q}": f"q{q}" for q in range(1, 5)})
    for period in periods:
        report = K.report_of(known.coordinator, period)
        sheets = read_xlsx(write_xlsx(report, tmp_path / f"{period}.xlsx"))
        for key, name in zip((t.key for t in report.tables), sheet_names(report), strict=True):
            table = report.table(key)
            if key in ("incidents_by_place", "incidents_by_status"):
                dim = key.rsplit("_", 1)[1]
                for row, values in zip(table.rows, sheets[name][3:], strict=False):
                    code = "*" if row.is_total else row.key
                    published[(dim if code != "*" else "all", code, nodes[period])] = values[1]
    # Q4 and the year are still running: nothing later than November is reported.
    relations: list[Any] = []
    for dim, codes in (("place", ["rumah_tangga", "sekolah", "fasilitas_umum", "tempat_kerja",
                                  "daring", "lainnya"]),
                       ("status", ["baru", "ditangani_rt", "dirujuk", "selesai"])):
        for node in {k[2] for k in published}:
            relations.append((("all", "*", node), [(dim, c, node) for c in codes]))
        for code in [*codes, "*"]:
            d = "all" if code == "*" else dim
            for q in (1, 2, 3):
                relations.append(((d, code, f"q{q}"),
                                  [(d, code, f"m{m:02d}") for m in range(3 * q - 2, 3 * q + 1)]))
    as_numbers = {k: (v if isinstance(v, int) else None) for k, v in published.items()}
    return as_numbers, relations


def test_the_exported_reports_of_a_year_cannot_be_subtracted(known: Any, tmp_path: Path) -> None:
    published, relations = _grid_from_exports(known, tmp_path)
    assert any(v is None for v in published.values()), "the fixture must hide something"
    assert A.subtract(published, relations) == {}


# --- whole or nothing ---------------------------------------------------------------------------

def test_a_failing_writer_leaves_nothing_behind(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    target = tmp_path / "laporan.xlsx"
    target.write_bytes(b"the previous report")

    def broken(report: Report, path: Path, lang: str = "id") -> None:
        path.write_bytes(b"half a file")
        raise RuntimeError("disk trouble")

    before = len(known.coordinator.audit_entries())
    with pytest.raises(RuntimeError):
        export_report(known.coordinator, report, target, "xlsx", user=K.USER, writer=broken)
    assert target.read_bytes() == b"the previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.xlsx"]
    assert len(known.coordinator.audit_entries()) == before


@pytest.mark.parametrize("name", ["missing-folder/laporan.xlsx", "a-file/laporan.xlsx", "."])
def test_an_unwritable_path_is_bad_input(tmp_path: Path, name: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(BadInput) as caught, atomic_output(tmp_path / name):
        pass
    assert caught.value.exit_code == 2
    assert "Tidak dapat menulis" in caught.value.message("id")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def test_every_export_is_audited_without_personal_data(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-Q4")
    export_report(known.coordinator, report, tmp_path / "q4.zip", "csv", user=K.USER)
    entry = known.coordinator.audit_entries(limit=1)[0]
    assert entry["action"] == "export" and entry["user"] == K.USER
    assert entry["detail"] == ("format csv; period 2026-Q4; kelurahan 64.71.03.1004; rt all; "
                               "incidents yes")


def test_pdf_needs_the_ui_writer(known: Any, tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    with pytest.raises(BadInput, match="PDF belum tersedia"):
        export_report(known.coordinator, report, tmp_path / "l.pdf", "pdf", user=K.USER)
    assert not list(tmp_path.iterdir())
