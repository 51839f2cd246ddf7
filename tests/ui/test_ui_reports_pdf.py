"""The report PDF read back with pdftotext (poppler-utils): every number against the hand count
of tests/core/known_reports.py, "<3" for small counts, no sensitive value in the
text or the bytes, page numbers; and `rt-desktop export --format pdf` end to end."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop import access
from rt_desktop.records import RECORD_TYPES
from rt_desktop.reports import Report, export_report
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.store.sync_meta import ENROL_SCOPE
from tests.core import known_reports as K
from ui.reports.pdf import write_report_pdf

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "sandi-uji-12345"



# Sessions by hand from K.SESSIONS: (sessions, attendees) per RT, then the total.
SESSIONS = {
    "2026-10": [("RT 001", "2", "29"), ("RT 002", "1", "8"), ("RT 003", "0", "0"),
                ("RT 004", "0", "0"), ("Jumlah", "3", "37")],
    "2026": [("RT 001", "3", "34"), ("RT 002", "1", "8"), ("RT 003", "1", "7"),
             ("RT 004", "0", "0"), ("Jumlah", "5", "49")],
}


@pytest.fixture(scope="module")
def known(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    data = K.build_known(tmp_path_factory.mktemp("known"))
    yield data
    data.coordinator.close()
    data.volunteer.close()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def write(report: Report, folder: Path, lang: str = "id") -> tuple[Path, str]:
    path = folder / f"laporan-{lang}.pdf"
    write_report_pdf(report, path, lang=lang)
    return path, pdf_text(path)


def section(text: str, report: Report, key: str) -> list[str]:
    """The lines of one table: from its title to the next table's title."""
    titles = [t.title("id") for t in report.tables]
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == report.table(key).title())
    end = next((i for i, line in enumerate(lines) if i > start and line.strip() in titles),
               len(lines))
    return lines[start + 1:end]


def cells(lines: list[str], label: str, count: int) -> list[str]:
    """The last ``count`` cells of the row that starts with ``label``."""
    row = next(line.strip() for line in lines if re.match(rf"\s*{re.escape(label)}\s{{2,}}",
                                                          line))
    return row[len(label):].split()[-count:]


def check_text(shown: str, true: int) -> None:
    """As K.check_cell, for text: 0 is "0", 1..2 is "<3", more is itself or "x"."""
    if true == 0:
        assert shown == "0"
    elif true < 3:
        assert shown == "<3"
    else:
        assert shown in (str(true), "x"), (shown, true)


@pytest.mark.parametrize("period", ["2026-10", "2026"])
def test_every_number_in_the_pdf_is_the_hand_count(known: Any, tmp_path: Path,
                                                   period: str) -> None:
    report = K.report_of(known.coordinator, period)
    _, text = write(report, tmp_path)
    label = "Oktober 2026" if period == "2026-10" else "Tahun 2026"
    assert f"Kelurahan Muara Rapak · {label}" in text.splitlines()[0]  # the running header
    assert "Muara Rapak (64.71.03.1004)" in text and "Balikpapan Utara (64.71.03)" in text
    pages = int(re.search(r"Halaman 1 dari (\d+)", text).group(1))  # type: ignore[union-attr]
    assert f"Halaman {pages} dari {pages}" in text and text.count(" dari ") >= pages
    rows = section(text, report, "sessions_per_rt")
    for rt, sessions, attendees in SESSIONS[period]:
        assert cells(rows, rt, 2) == [sessions, attendees]
    for table, expected in K.EXPECTED[period].items():
        lines = section(text, report, table)
        for key, true in expected.items():
            trues = true if isinstance(true, tuple) else (true,)
            shown = cells(lines, report.table(table).row(key).label("id"), len(trues))
            for s, t in zip(shown, trues, strict=True):
                check_text(s, t)


def test_small_counts_show_as_lt3_in_the_tables_and_the_chart(known: Any,
                                                              tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-10")
    _, text = write(report, tmp_path)
    assert cells(section(text, report, "incidents_by_place"), "Daring (online)", 1) == ["<3"]
    assert cells(section(text, report, "incidents_by_violence"), "Kekerasan seksual", 1) == ["<3"]
    assert "“<3”: 1 sampai 2 kasus" in text
    # the chart: its three titles, and its legend for the dashed marks
    for title in ("Sesi Lautan RT", "Peserta hadir", "Kasus dilaporkan"):
        assert title in text
    assert "Kotak putus-putus “<3” atau “x”" in text


def _inflated(data: bytes) -> bytes:
    """Every stream of the PDF, decompressed where it is Flate."""
    out = [data]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(match.group(1)))
        except zlib.error:
            out.append(match.group(1))
    return b"\n".join(out)


@pytest.mark.parametrize("period", ["2026-10", "2026", "2026-09-15..2026-10-15"])
def test_no_sensitive_value_in_the_text_or_bytes(known: Any, tmp_path: Path,
                                                 period: str) -> None:
    path, text = write(K.report_of(known.coordinator, period), tmp_path)
    data = _inflated(path.read_bytes())
    for fragment in K.SECRET_FRAGMENTS:
        assert fragment not in text
        assert fragment.encode() not in data
        assert fragment.encode("utf-16-be") not in data  # how PDF metadata may hold text


def test_a_custom_range_pdf_has_sessions_only(known: Any, tmp_path: Path) -> None:
    _, text = write(K.report_of(known.coordinator, "2026-09-15..2026-10-15"), tmp_path)
    assert "Kelurahan Muara Rapak · 15 Sep–15 Okt 2026" in text
    assert "Rentang tanggal bebas hanya memuat sesi dan peserta" in text
    assert "Kasus menurut" not in text and "Kasus dilaporkan" not in text


def test_english_when_asked(known: Any, tmp_path: Path) -> None:
    _, text = write(K.report_of(known.coordinator, "2026-10"), tmp_path, lang="en")
    assert "Page 1 of" in text and "Lautan RT sessions per RT" in text
    assert "Halaman" not in text and "Cases reported" in text


def test_export_report_with_the_pdf_writer_is_whole_and_audited(known: Any,
                                                                 tmp_path: Path) -> None:
    report = K.report_of(known.coordinator, "2026-Q4")
    out = export_report(known.coordinator, report, tmp_path / "tw4.pdf", "pdf", user=K.USER,
                        writer=write_report_pdf)
    assert [p.name for p in tmp_path.iterdir()] == ["tw4.pdf"]
    assert out.read_bytes().startswith(b"%PDF-") and b"%%EOF" in out.read_bytes()[-1024:]
    entry = known.coordinator.audit_entries()[0]
    assert entry["action"] == "export" and entry["detail"].startswith("format pdf; period 2026-Q4")


# --- headless: `rt-desktop export --format pdf` ------------------------------------------------

@pytest.fixture(scope="module")
def coordinator_dir(tmp_path_factory: pytest.TempPathFactory, known: Any) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "koordinator"
    unlocked, _ = access.initialise(folder, name="Koordinator", password=PASSWORD,
                                    kdf=KdfParams(n=2**10), role="coordinator")
    store = unlocked.store
    with store.writing():
        for cls in RECORD_TYPES.values():
            rows = [dict(r) for r in known.coordinator.db.query(f"SELECT * FROM {cls.TABLE}")]
            if rows:
                store.db.table(cls.TABLE).insert_all(rows, replace=True)
    store.set_meta(ENROL_SCOPE, json.dumps({"level": "kelurahan", "code": K.KEL, "rt": None}))
    store.set_configured_rts(K.KEL, ["001", "002", "003", "004"])
    store.close()
    return folder


def rt_desktop(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RT_DESKTOP_PASSWORD": PASSWORD}
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):  # no screen at all
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "rt_desktop.cli", "--data-dir", str(data_dir),
                           "export", *args], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=120)


def test_rt_desktop_export_pdf_end_to_end(coordinator_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "laporan-oktober.pdf"
    done = rt_desktop(coordinator_dir, "--period", "2026-10", "--format", "pdf", "--out",
                      str(out))
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True)
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info.stdout)
    text = pdf_text(out)
    assert "Kelurahan Muara Rapak · Oktober 2026" in text and "Halaman 1 dari" in text
    assert re.search(r"RT 001\s{2,}2\s{2,}29", text)
    assert [p.name for p in tmp_path.iterdir()] == ["laporan-oktober.pdf"]
    unlocked = access.unlock(coordinator_dir, None, PASSWORD)
    try:
        entry = next(e for e in unlocked.store.audit_entries() if e["action"] == "export")
    finally:
        unlocked.store.close()
    assert (entry["action"], entry["user"]) == ("export", "Koordinator")
    assert entry["detail"].startswith("format pdf; period 2026-10")


def test_rt_desktop_export_pdf_to_a_missing_folder_fails_cleanly(coordinator_dir: Path,
                                                                 tmp_path: Path) -> None:
    done = rt_desktop(coordinator_dir, "--period", "2026-10", "--format", "pdf", "--out",
                      str(tmp_path / "tidak-ada" / "l.pdf"))
    assert done.returncode == 2
    assert "Tidak dapat menulis" in done.stderr
    assert list(tmp_path.iterdir()) == []
