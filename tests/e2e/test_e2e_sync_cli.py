"""`rt-desktop enrol`, `rt-desktop sync` and `rt-desktop status --json` as a script uses them,
against a real `rt-server` on loopback: output, exit codes of DESIGN.md §4, roles."""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from rt_desktop import access, cli, wilayah
from rt_desktop.errors import BadInput
from rt_desktop.records import ParentingSession
from rt_desktop.store.keyslots import KdfParams
from tests.sync.helpers import KELURAHAN, USER, make_session
from tests.sync.servers import ServerProcess, free_port

PASSWORD = "kata-sandi-uji-1"


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # The command line behaves the same on both backends; tests/sync runs the sync on both.
    server = ServerProcess(tmp_path_factory.mktemp("cli-server")).start()
    yield server
    server.stop()


_RTS = iter(range(301, 999))


@pytest.fixture
def rt_number() -> str:
    return f"{next(_RTS):03d}"


def run(data: Path, *args: str, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.setenv("RT_DESKTOP_PASSWORD", PASSWORD)
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(["--data-dir", str(data), "--lang", "en", *args], stdin=io.StringIO(),
                    stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def laptop(tmp_path: Path, name: str, rt: str, role: str = "volunteer") -> Path:
    """A set-up laptop (cheap key derivation; `init` itself is tested below)."""
    data = tmp_path / name
    unlocked, _ = access.initialise(data, kelurahan_code=KELURAHAN if role == "volunteer" else "",
                                    rt=rt if role == "volunteer" else "", name="Sari",
                                    password=PASSWORD, kdf=KdfParams(n=2 ** 10), role=role)
    unlocked.store.close()
    return data


def save(data: Path, *records: object) -> None:
    unlocked = access.unlock(data, None, PASSWORD)
    try:
        for record in records:
            unlocked.store.save(record, user=USER)  # type: ignore[arg-type]
    finally:
        unlocked.store.close()


def test_enrol_sync_and_status(srv: ServerProcess, tmp_path: Path, rt_number: str,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = laptop(tmp_path, "a", rt_number), laptop(tmp_path, "b", rt_number)
    for data in (a, b):
        code, out, err = run(data, "enrol", srv.url, srv.issue_code(
            "volunteer", kelurahan=KELURAHAN, rt=rt_number), monkeypatch=monkeypatch)
        assert code == 0, err
        place = f"Kelurahan {wilayah.kelurahan(KELURAHAN).name} ({KELURAHAN})"
        assert f"as volunteer, RT {rt_number}, {place}." in out, out
        assert "encrypted database" in out
    save(a, make_session(), make_session(venue="Pos Kamling"))
    code, out, err = run(a, "sync", monkeypatch=monkeypatch)
    assert code == 0, err
    # Its own two records are not downloaded back ("own", docs/protocol.md).
    assert out.splitlines() == ["pushed: 2", "pulled: 0", "conflicts: 0", "rejected: 0"]
    code, out, _ = run(b, "sync", "--json", monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["pulled"] == 2
    code, out, _ = run(b, "status", "--json", monkeypatch=monkeypatch)
    sync = json.loads(out)["sync"]
    assert sync["enrolment"]["server"] == srv.url and sync["enrolment"]["role"] == "volunteer"
    assert sync["enrolment"]["scope"] == {"level": "rt", "code": KELURAHAN, "rt": rt_number}
    assert sync["last_sync"] and sync["pending_changes"] == 0 and sync["conflicts"] == 0
    code, out, _ = run(b, "status", monkeypatch=monkeypatch)
    assert code == 0 and srv.url in out


def test_exit_codes_unreachable_revoked_rejected(srv: ServerProcess, tmp_path: Path,
                                                 rt_number: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    data = laptop(tmp_path, "a", rt_number)
    run(data, "enrol", srv.url, srv.issue_code("volunteer", kelurahan=KELURAHAN, rt=rt_number),
        monkeypatch=monkeypatch)
    save(data, make_session())
    # 5: the server rejected a change (a device with older rules let a bad value through).
    unlocked = access.unlock(data, None, PASSWORD)
    with unlocked.store.writing() as db:
        (pending,) = unlocked.store.pending_changes()
        db.execute("UPDATE outbox SET fields = ? WHERE seq = ?",
                   [json.dumps({**pending["fields"], "venue": None}), pending["seq"]])
    device_id = unlocked.store.device_id
    unlocked.store.close()
    code, out, err = run(data, "sync", monkeypatch=monkeypatch)
    assert code == 5 and "rejected: 1" in out and "parenting_session" in err
    # 3: the server cannot be reached.
    unlocked = access.unlock(data, None, PASSWORD)
    unlocked.store.set_meta("enrol_url", f"http://127.0.0.1:{free_port()}")
    unlocked.store.close()
    code, _, err = run(data, "sync", monkeypatch=monkeypatch)
    assert code == 3 and "cannot be reached" in err
    code, out, _ = run(data, "sync", "--json", monkeypatch=monkeypatch)  # a script's view
    assert code == 3 and json.loads(out)["error"] == "unreachable"
    assert json.loads(out)["exit_code"] == 3 and "cannot be reached" in json.loads(out)["message"]
    unlocked = access.unlock(data, None, PASSWORD)
    unlocked.store.set_meta("enrol_url", srv.url)
    unlocked.store.close()
    # 4: the device was revoked.
    srv.admin("revoke", device_id)
    code, _, err = run(data, "sync", monkeypatch=monkeypatch)
    assert code == 4 and "new code" in err


def test_plain_http_to_another_machine_needs_an_explicit_yes(tmp_path: Path, rt_number: str,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    data = laptop(tmp_path, "a", rt_number)
    code, _, err = run(data, "enrol", "http://192.0.2.10:8765", "AAAA-BBBB",
                       monkeypatch=monkeypatch)
    assert code == 2 and "--allow-insecure-http" in err


@pytest.mark.parametrize("args", [
    ("enrol", "http://127.0.0.1:8765", ""), ("enrol", "http://127.0.0.1:8765", "   "),
    ("enrol", "http://127.0.0.1:8765", "ab"), ("enrol", "http://127.0.0.1:8765", "K" * 100),
    ("enrol", "ftp://127.0.0.1:8765", "AAAA-BBBB-CCCC"),
    ("enrol", "127.0.0.1:8765", "AAAA-BBBB-CCCC"), ("enrol", "https://[::1", "AAAA-BBBB-CCCC"),
    ("sync", "--connect-timeout", "0"), ("sync", "--connect-timeout", "-1"),
    ("sync", "--connect-timeout", "nan"), ("sync", "--read-timeout", "inf"),
    ("sync", "--read-timeout", "0"), ("sync", "--read-timeout", "lama"),
])
def test_bad_input_is_said_plainly_with_exit_code_2(tmp_path: Path, rt_number: str, args,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    data = laptop(tmp_path, "a", rt_number)
    code, _, err = run(data, *args, monkeypatch=monkeypatch)
    err += capsys.readouterr().err  # argparse, which refuses an option's value, says it there
    assert code == 2, err
    assert "Traceback" not in err and "ValidationError" not in err
    assert ("enrolment code" in err or "server address" in err
            or "seconds above 0" in err), err


def test_init_of_a_coordinator_laptop_takes_no_rt(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run(tmp_path / "k", "init", "--role", "coordinator", "--kelurahan", KELURAHAN,
                       "--name", "K", monkeypatch=monkeypatch)
    assert code == 2 and "enrolment code" in err
    assert not access.is_initialised(tmp_path / "k")


def test_a_coordinator_laptop(srv: ServerProcess, tmp_path: Path, rt_number: str,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    coord = tmp_path / "coord"
    code, _, err = run(coord, "init", "--role", "coordinator", "--name", "Koordinator",
                       monkeypatch=monkeypatch)
    assert code == 0, err
    code, out, err = run(coord, "status", monkeypatch=monkeypatch)
    assert code == 0 and "Area: not enrolled yet" in out, (out, err)
    code, _, err = run(tmp_path / "vol", "init", "--name", "Sari", monkeypatch=monkeypatch)
    assert code == 2 and "--kelurahan" in err
    volunteer = laptop(tmp_path, "a", rt_number)
    run(volunteer, "enrol", srv.url, srv.issue_code("volunteer", kelurahan=KELURAHAN,
                                                    rt=rt_number), monkeypatch=monkeypatch)
    save(volunteer, make_session(venue="Balai koordinasi"))
    run(volunteer, "sync", monkeypatch=monkeypatch)
    code, out, err = run(coord, "enrol", srv.url, srv.issue_code(
        "coordinator", kelurahan=KELURAHAN), monkeypatch=monkeypatch)
    assert code == 0 and (f"as coordinator, Kelurahan {wilayah.kelurahan(KELURAHAN).name} "
                          f"({KELURAHAN})." in out), (out, err)
    code, out, err = run(coord, "sync", monkeypatch=monkeypatch)
    assert code == 0, err
    unlocked = access.unlock(coord, None, PASSWORD)
    try:
        venues = {s.venue for s in unlocked.store.list_records(ParentingSession)}
        assert "Balai koordinasi" in venues
        session = unlocked.store.list_records(ParentingSession)[0]
        with pytest.raises(BadInput, match="koordinator"):
            unlocked.store.save(dataclasses.replace(session, venue="x"), user="k")
    finally:
        unlocked.store.close()
    code, _, err = run(coord, "demo", monkeypatch=monkeypatch)
    assert code == 2 and "read-only" in err
    code, out, _ = run(coord, "status", monkeypatch=monkeypatch)
    assert f"Area: Kelurahan {wilayah.kelurahan(KELURAHAN).name} ({KELURAHAN})" in out, out
    code, out, _ = run(coord, "status", "--json", monkeypatch=monkeypatch)
    status = json.loads(out)
    assert status["sync"]["role"] == "coordinator" and status["rt"] == ""
