"""The `rt-desktop` command as a script or a person uses it: real encrypted files, real key
derivation, exit codes of DESIGN.md §4."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rt_desktop import cli
from rt_desktop.access import FAILURES_FILENAME, KEYS_FILENAME
from rt_desktop.store.connection import DB_FILENAME

PASSWORD = "kata-sandi-uji-1"
KELURAHAN = "64.71.03.1004"


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


def rt(data_dir: Path, *args: str, password: str | None = PASSWORD, stdin: str = "",
       env: dict[str, str] | None = None, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Run the CLI in-process, as a script would (no terminal)."""
    monkeypatch.delenv("RT_DESKTOP_PASSWORD", raising=False)
    monkeypatch.delenv("RT_DESKTOP_NEW_PASSWORD", raising=False)
    if password is not None:
        monkeypatch.setenv("RT_DESKTOP_PASSWORD", password)
    for key, value in (env or {}).items():
        monkeypatch.setenv(key, value)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data_dir), *args], stdin=io.StringIO(stdin), stdout=out,
                    stderr=err)
    return Run(code, out.getvalue(), err.getvalue())


@pytest.fixture
def initialised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    result = rt(data, "init", "--kelurahan", KELURAHAN, "--rt", "7", "--name", "Sari",
                monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    return data


def status(data: Path, monkeypatch: pytest.MonkeyPatch, **kw) -> dict:
    result = rt(data, "status", "--json", monkeypatch=monkeypatch, **kw)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_init_creates_an_encrypted_database_and_prints_the_recovery_code(
        initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert (initialised / DB_FILENAME).exists()
    assert (initialised / KEYS_FILENAME).exists()
    st = status(initialised, monkeypatch)
    assert st["initialised"] is True
    assert st["kelurahan_code"] == KELURAHAN
    assert st["rt"] == "007"
    assert st["users"] == ["Sari"]
    assert st["pending_changes"] == 0
    assert st["schema_version"] >= 1
    assert st["data_dir"] == str(initialised)
    header = (initialised / DB_FILENAME).read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    # A shared laptop: other accounts can neither list the folder nor read the files.
    assert initialised.stat().st_mode & 0o777 == 0o700
    assert (initialised / DB_FILENAME).stat().st_mode & 0o777 == 0o600
    assert (initialised / KEYS_FILENAME).stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("args, fragment", [
    (["--kelurahan", "64.71.99.9999", "--rt", "001", "--name", "A"], "64.71.99.9999"),
    (["--kelurahan", KELURAHAN, "--rt", "1000", "--name", "A"], "RT"),
    (["--kelurahan", KELURAHAN, "--rt", "abc", "--name", "A"], "RT"),
    (["--kelurahan", KELURAHAN, "--rt", "001", "--name", "  "], "Nama"),
])
def test_init_rejects_bad_input_and_creates_nothing(tmp_path: Path, args: list[str], fragment: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    result = rt(data, "init", *args, monkeypatch=monkeypatch)
    assert result.code == 2
    assert fragment in result.err
    assert not (data / DB_FILENAME).exists()
    assert not (data / KEYS_FILENAME).exists()


def test_init_refuses_a_short_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = rt(tmp_path, "init", "--kelurahan", KELURAHAN, "--rt", "1", "--name", "A",
                password="pendek", monkeypatch=monkeypatch)
    assert result.code == 2
    assert "minimal 8" in result.err


def test_init_twice_never_overwrites(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = (initialised / DB_FILENAME).read_bytes()
    result = rt(initialised, "init", "--kelurahan", KELURAHAN, "--rt", "1", "--name", "B",
                monkeypatch=monkeypatch)
    assert result.code == 2
    assert "tidak ditimpa" in result.err
    assert (initialised / DB_FILENAME).read_bytes() == before


def test_wrong_password_exits_2_leaves_the_database_untouched_and_is_audited(
        initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = initialised / DB_FILENAME
    before = (db.read_bytes(), db.stat().st_mtime_ns)
    result = rt(initialised, "status", password="bukan-sandinya", monkeypatch=monkeypatch)
    assert result.code == 2
    assert "Kata sandi salah" in result.err
    assert (db.read_bytes(), db.stat().st_mtime_ns) == before
    assert (initialised / FAILURES_FILENAME).exists()

    from rt_desktop import access
    unlocked = access.unlock(initialised, "Sari", PASSWORD)
    try:
        actions = [e["action"] for e in unlocked.store.audit_entries()]
    finally:
        unlocked.store.close()
    assert "login_failed" in actions
    assert not (initialised / FAILURES_FILENAME).exists()


def test_password_from_stdin(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = rt(initialised, "status", "--json", "--password-stdin", password=None,
                stdin=PASSWORD + "\n", monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    assert json.loads(result.out)["rt"] == "007"


def test_no_terminal_and_no_password_fails_clearly_instead_of_waiting(
        initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = rt(initialised, "status", password=None, monkeypatch=monkeypatch)
    assert result.code == 2
    assert "RT_DESKTOP_PASSWORD" in result.err and "--password-stdin" in result.err


def test_no_command_line_option_takes_a_password() -> None:
    parser = cli.build_parser()
    helps = parser.format_help()
    for action in parser._subparsers._group_actions[0].choices.values():  # noqa: SLF001
        helps += action.format_help()
    assert "--password " not in helps and "--password=" not in helps


def test_status_of_an_empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = status(tmp_path / "nothing", monkeypatch, password=None)
    assert st == {"initialised": False, "data_dir": str(tmp_path / "nothing")}


def test_data_dir_from_the_environment(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RT_DESKTOP_DATA_DIR", str(initialised))
    monkeypatch.setenv("RT_DESKTOP_PASSWORD", PASSWORD)
    out = io.StringIO()
    code = cli.main(["status", "--json"], stdin=io.StringIO(), stdout=out, stderr=io.StringIO())
    assert code == 0
    assert json.loads(out.getvalue())["data_dir"] == str(initialised)


def test_demo_creates_valid_data_for_its_kelurahan(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "demo"
    result = rt(data, "demo", "--kelurahan", "64.71.05.1010", "--rt", "3", "--sessions", "30",
                "--incidents", "25", "--seed", "7", monkeypatch=monkeypatch)
    assert result.code == 0, result.err
    st = status(data, monkeypatch)
    assert st["kelurahan_code"] == "64.71.05.1010"
    assert st["records"]["parenting_session"] == 30
    assert st["records"]["incident"] == 25
    assert st["pending_changes"] > 55  # every record waits to be sent
    again = rt(data, "demo", "--sessions", "5", "--incidents", "5", monkeypatch=monkeypatch)
    assert again.code == 0, again.err
    assert status(data, monkeypatch)["records"]["incident"] == 30


def test_backup_list_and_restore(initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = rt(initialised, "backup", monkeypatch=monkeypatch)
    assert made.code == 0, made.err
    listed = rt(initialised, "backup", "--list", monkeypatch=monkeypatch, password=None)
    assert listed.code == 0 and listed.out.strip()
    backup_path = listed.out.splitlines()[0].split("\t")[0]
    rt(initialised, "demo", "--sessions", "3", "--incidents", "0", monkeypatch=monkeypatch)
    assert status(initialised, monkeypatch)["records"]["parenting_session"] == 3

    no_confirm = rt(initialised, "restore", backup_path, monkeypatch=monkeypatch)
    assert no_confirm.code == 2 and "--yes" in no_confirm.err
    restored = rt(initialised, "restore", backup_path, "--yes", monkeypatch=monkeypatch)
    assert restored.code == 0, restored.err
    assert "hilang" in restored.err  # the warning about unsynced changes
    assert status(initialised, monkeypatch)["records"]["parenting_session"] == 0


def test_a_backup_restores_on_a_new_laptop_with_its_password_or_recovery_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The stolen-or-broken-laptop case: the backup folder on a USB stick, an empty folder on
    another laptop (or one set up anew there, with another password)."""
    data = tmp_path / "data"
    init = rt(data, "init", "--kelurahan", KELURAHAN, "--rt", "7", "--name", "Sari",
              monkeypatch=monkeypatch)
    recovery = init.out.strip().splitlines()[-1]
    rt(data, "demo", "--sessions", "3", "--incidents", "2", monkeypatch=monkeypatch)
    assert rt(data, "backup", monkeypatch=monkeypatch).code == 0
    stick = tmp_path / "usb"
    shutil.copytree(rt(data, "backup", "--list", monkeypatch=monkeypatch, password=None
                       ).out.splitlines()[0].split("\t")[0], stick)

    fresh = tmp_path / "new-laptop"  # nothing there yet: the backup's own password opens it
    wrong = rt(fresh, "restore", str(stick), "--yes", password="bukan-sandinya", monkeypatch=monkeypatch)
    assert wrong.code == 2 and not (fresh / "rt-desktop.db").exists()
    restored = rt(fresh, "restore", str(stick), "--yes", monkeypatch=monkeypatch)
    assert restored.code == 0, restored.err
    records = status(fresh, monkeypatch)["records"]
    assert (records["parenting_session"], records["incident"]) == (3, 2)

    other = tmp_path / "set-up-again"  # set up anew there, then the old backup: its own key
    assert rt(other, "init", "--kelurahan", KELURAHAN, "--rt", "7", "--name", "Sari",
              password="sandi-baru-123", monkeypatch=monkeypatch).code == 0
    by_code = rt(other, "restore", str(stick), "--yes", "--recovery-code",
                 env={"RT_DESKTOP_RECOVERY_CODE": recovery}, monkeypatch=monkeypatch)
    assert by_code.code == 0, by_code.err
    assert status(other, monkeypatch)["records"]["incident"] == 2  # opens with the old password


def test_users_add_change_password_and_reset_with_the_recovery_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    init = rt(data, "init", "--kelurahan", KELURAHAN, "--rt", "7", "--name", "Sari",
              monkeypatch=monkeypatch)
    recovery = init.out.strip().splitlines()[-1]

    added = rt(data, "user", "add", "--name", "Budi", "--user", "Sari", monkeypatch=monkeypatch,
               env={"RT_DESKTOP_NEW_PASSWORD": "sandi-budi-1"})
    assert added.code == 0, added.err
    assert rt(data, "user", "list", monkeypatch=monkeypatch).out.split() == ["Sari", "Budi"]
    # No --user (a scheduled backup written before Budi came): the password says whose it is.
    for password in ("kata-sandi-uji-1", "sandi-budi-1"):
        assert rt(data, "backup", monkeypatch=monkeypatch, password=password).code == 0
    nobody = rt(data, "backup", monkeypatch=monkeypatch, password="bukan-sandi-siapa-pun")
    assert nobody.code == 2 and "bukan milik pengguna mana pun" in nobody.err

    budi = rt(data, "status", "--user", "Budi", monkeypatch=monkeypatch, password="sandi-budi-1")
    assert budi.code == 0, budi.err

    changed = rt(data, "user", "passwd", "--user", "Sari", monkeypatch=monkeypatch,
                 env={"RT_DESKTOP_NEW_PASSWORD": "sandi-baru-sari"})
    assert changed.code == 0, changed.err
    assert rt(data, "status", "--user", "Sari", monkeypatch=monkeypatch).code == 2
    assert rt(data, "status", "--user", "Sari", password="sandi-baru-sari",
              monkeypatch=monkeypatch).code == 0

    wrong = rt(data, "user", "reset", "--user", "Sari", "--password-stdin", password=None,
               stdin="AAAA-BBBB-CCCC\nsandi-ketiga-1\n", monkeypatch=monkeypatch)
    assert wrong.code == 2
    reset = rt(data, "user", "reset", "--user", "Sari", "--password-stdin", password=None,
               stdin=f"{recovery.lower()}\nsandi-ketiga-1\n", monkeypatch=monkeypatch)
    assert reset.code == 0, reset.err
    assert rt(data, "status", "--user", "Sari", password="sandi-ketiga-1",
              monkeypatch=monkeypatch).code == 0


def test_a_file_that_is_not_an_rt_desktop_database_is_named_and_left_alone(
        initialised: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = initialised / DB_FILENAME
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(os.urandom(8192))
    before = db.read_bytes()
    result = rt(initialised, "status", monkeypatch=monkeypatch)
    assert result.code == 2
    assert str(db) in result.err
    assert db.read_bytes() == before


def run_script(*args: str, env: dict[str, str], stdin: int | None = subprocess.DEVNULL
               ) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("RT_DESKTOP_")}
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "rt_desktop.cli", *args], env=full_env,
                          stdin=stdin, capture_output=True, text=True, timeout=120)


def test_the_real_command_exits_with_the_documented_codes(tmp_path: Path) -> None:
    version = run_script("--version", env={})
    assert version.returncode == 0 and version.stdout.startswith("rt-desktop ")
    missing = run_script("--data-dir", str(tmp_path), "status", env={})
    assert missing.returncode == 0
    made = run_script("--data-dir", str(tmp_path / "d"), "init", "--kelurahan", KELURAHAN,
                      "--rt", "7", "--name", "Sari", env={"RT_DESKTOP_PASSWORD": PASSWORD})
    assert made.returncode == 0, made.stderr
    no_password = run_script("--data-dir", str(tmp_path / "d"), "status", env={})
    assert no_password.returncode == 2
    assert "RT_DESKTOP_PASSWORD" in no_password.stderr
    assert made.stderr == ""  # SQLCipher's own logging is off
    bad = run_script("--data-dir", str(tmp_path / "d"), "frobnicate", env={})
    assert bad.returncode == 2


def _to_a_closed_pipe(*command: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` with its output going to a pipe whose reader has already gone, as in
    ``rt-desktop status --json | head`` once head has read enough."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(command, env=env, stdin=subprocess.DEVNULL, stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)


def test_output_to_a_reader_that_went_away_ends_quietly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("RT_DESKTOP_", "RT_SERVER_"))}
    desktop = _to_a_closed_pipe(sys.executable, "-m", "rt_desktop.cli", "--data-dir",
                                str(tmp_path / "laptop"), "status", "--json", env=env)
    server = [sys.executable, "-m", "sync.server.cli", "--data-dir", str(tmp_path / "server")]
    subprocess.run([*server, "admin", "init"], env=env, check=True, capture_output=True,
                   timeout=120)
    admin = _to_a_closed_pipe(*server, "admin", "status", "--json", env=env)
    for result in (desktop, admin):
        # Not a traceback: the output was cut short, which the exit code says.
        assert (result.returncode, result.stderr) == (1, "")
