"""`rt-desktop export` as a coordinator or a volunteer uses it: real encrypted files, real key
derivation, exit codes of DESIGN.md §4, no Qt for XLSX and CSV."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from rt_desktop import access, cli
from rt_desktop.records import RECORD_TYPES
from rt_desktop.store.sync_meta import ENROL_SCOPE
from tests.core import known_reports as K

PASSWORD = "kata-sandi-uji-1"
ROOT = Path(__file__).resolve().parents[2]




class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


def rt(data_dir: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("RT_DESKTOP_PASSWORD", PASSWORD)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(""), stdout=out,
                    stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="module")
def laptops(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A coordinator's laptop for Muara Rapak holding RT 001-003's rows, and RT 001's own."""
    base = tmp_path_factory.mktemp("laptops")
    known = K.build_known(base / "known")
    folders = {"coordinator": base / "koordinator", "volunteer": base / "rt001"}
    coordinator, _ = access.initialise(folders["coordinator"], kelurahan_code="", rt="",
                                       name="Koordinator", password=PASSWORD, role="coordinator")
    volunteer, _ = access.initialise(folders["volunteer"], kelurahan_code=K.KEL, rt="001",
                                     name="Relawan", password=PASSWORD)
    for unlocked, source in ((coordinator, known.coordinator), (volunteer, known.volunteer)):
        with unlocked.store.writing():
            for cls in RECORD_TYPES.values():
                rows = [dict(r) for r in source.db.query(f"SELECT * FROM {cls.TABLE}")]
                if rows:
                    unlocked.store.db.table(cls.TABLE).insert_all(rows, replace=True)
    coordinator.store.set_meta(ENROL_SCOPE, json.dumps({"level": "kecamatan",
                                                        "code": "64.71.03", "rt": None}))
    coordinator.store.set_configured_rts(K.KEL, ["001", "002", "003", "004"])
    for store in (coordinator.store, volunteer.store, known.coordinator, known.volunteer):
        store.close()
    yield folders


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_coordinator_exports_last_month_as_xlsx(laptops: dict[str, Path], tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "laporan-oktober.xlsx"
    result = rt(laptops["coordinator"], "export", "--period", "2026-10", "--format", "xlsx",
                "--out", str(out), "--kelurahan", K.KEL, monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    assert str(out) in result.out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == "Info"
    rows = [list(r) for r in book["Sesi per RT"].iter_rows(min_row=4, values_only=True)]
    assert rows[:5] == [["RT 001", 2, 29], ["RT 002", 1, 8], ["RT 003", 0, 0], ["RT 004", 0, 0],
                        ["Jumlah", 3, 37]]
    place = {r[0]: r[1] for r in book["Tempat kejadian"].iter_rows(min_row=4, values_only=True)
             if r[0]}
    assert place["Daring (online)"] == "<3"
    assert place["Rumah tangga"] in (6, "x")
    assert place["Jumlah kasus"] in (10, "x")


def test_every_export_is_audited(laptops: dict[str, Path], tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    result = rt(laptops["coordinator"], "export", "--period", "2026-Q3", "--format", "csv",
                "--out", str(tmp_path / "q3.zip"), "--kelurahan", K.KEL, monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    with zipfile.ZipFile(tmp_path / "q3.zip") as archive:
        assert archive.namelist()[0] == "info.csv"
    unlocked = access.unlock(laptops["coordinator"], None, PASSWORD)
    try:
        entry = next(e for e in unlocked.store.audit_entries() if e["action"] == "export")
    finally:
        unlocked.store.close()
    assert entry["user"] == "Koordinator"
    assert entry["detail"] == ("format csv; period 2026-Q3; kelurahan 64.71.03.1004; rt all; "
                               "incidents yes")


def test_a_custom_range_says_it_has_sessions_only(laptops: dict[str, Path], tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    result = rt(laptops["volunteer"], "export", "--period", "2026-01-01..2026-10-31",
                "--format", "xlsx", "--out", str(tmp_path / "c.xlsx"), monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    assert "hanya memuat sesi dan peserta" in result.out
    assert "Jenis kekerasan" not in openpyxl.load_workbook(tmp_path / "c.xlsx").sheetnames


def test_a_volunteer_export_holds_no_sensitive_value(laptops: dict[str, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    for fmt, name in (("xlsx", "r.xlsx"), ("csv", "r.zip")):
        result = rt(laptops["volunteer"], "export", "--period", "2026", "--format", fmt,
                    "--out", str(tmp_path / name), monkeypatch=monkeypatch)
        assert result.code == 0, result.err
        with zipfile.ZipFile(tmp_path / name) as archive:
            content = b"".join(archive.read(n) for n in archive.namelist())
        for fragment in K.SECRET_FRAGMENTS:
            assert fragment.encode() not in content


@pytest.mark.parametrize("who, args, fragment", [
    ("coordinator", ["--period", "", "--format", "xlsx"], "Periode belum diisi"),
    ("coordinator", ["--period", "2027-01", "--format", "xlsx"], "belum dimulai"),
    ("coordinator", ["--period", "2026-03-31..2026-01-01", "--format", "csv"], "sebelum awalnya"),
    ("coordinator", ["--period", "2026-10", "--format", "xlsx", "--rt", "045"],
     "RT 045 di luar Kelurahan Muara Rapak"),
    ("coordinator", ["--period", "2026-10", "--format", "xlsx", "--kelurahan", "64.71.01.1001"],
     "di luar wilayah"),
    ("coordinator", ["--period", "2026-10", "--format", "xlsx"], "Pilih kelurahan"),
    ("volunteer", ["--period", "2026-10", "--format", "xlsx", "--rt", "002"], "RT 001"),
])
def test_bad_input_exits_2_and_writes_nothing(laptops: dict[str, Path], tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch, who: str,
                                              args: list[str], fragment: str) -> None:
    if "--kelurahan" not in args and who == "coordinator" and "Pilih" not in fragment:
        args = [*args, "--kelurahan", K.KEL]
    result = rt(laptops[who], "export", *args, "--out", str(tmp_path / "laporan.xlsx"),
                monkeypatch=monkeypatch)
    assert result.code == 2
    assert fragment in result.err
    assert files_in(tmp_path) == []


@pytest.mark.parametrize("out", ["missing-folder/laporan.xlsx", "a-file/laporan.xlsx", "."])
def test_an_unwritable_output_exits_2(laptops: dict[str, Path], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch, out: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    result = rt(laptops["volunteer"], "export", "--period", "2026-10", "--format", "xlsx",
                "--out", str(tmp_path / out), monkeypatch=monkeypatch)
    assert result.code == 2
    assert "Tidak dapat menulis" in result.err
    assert files_in(tmp_path) == ["a-file"]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_xlsx_and_csv_never_load_qt(laptops: dict[str, Path], tmp_path: Path, fmt: str) -> None:
    script = (
        "import sys\n"
        "from rt_desktop import cli\n"
        "code = cli.main(sys.argv[1:])\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui'))\n"
        "print('QT', qt)\n"
        "sys.exit(code)\n")
    env = {**os.environ, "RT_DESKTOP_PASSWORD": PASSWORD}
    env.pop("QT_QPA_PLATFORM", None)
    done = subprocess.run(
        [sys.executable, "-c", script, "--data-dir", str(laptops["volunteer"]), "export",
         "--period", "2026-10", "--format", fmt, "--out", str(tmp_path / f"r.{fmt}")],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "QT []" in done.stdout
    assert (tmp_path / f"r.{fmt}").exists()
