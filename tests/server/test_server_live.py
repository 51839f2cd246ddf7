"""The real thing on both backends: `rt-server admin …` and `rt-server serve` as subprocesses,
uvicorn on a loopback port, HTTP over a socket. The server's log after a full sync of sensitive
records holds no name and no chronology; the admin commands do what docs/admin-server.md says."""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from rt_desktop.hlc import HybridClock
from rt_desktop.ids import new_id
from sync.protocol import PULL_ORDER
from sync.server.cli import main
from tests.server.conftest import (
    CHRONOLOGY,
    KELURAHAN,
    RT,
    VICTIM_NAME,
    Device,
    new_follow_up,
    new_incident,
    new_referral,
    new_session,
)

CLI = [sys.executable, "-m", "sync.server.cli"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclasses.dataclass
class LiveServer:
    url: str
    env: dict[str, str]
    log: Path
    process: subprocess.Popen[bytes]

    def cli(self, *args: str, check: bool = True,
            subprocess_: bool = False) -> subprocess.CompletedProcess[str]:
        """Run `rt-server ARGS` with the server's environment: in this process (fast), or as
        a real subprocess."""
        if subprocess_:
            result = subprocess.run([*CLI, *args], env=self.env, capture_output=True,
                                    text=True, timeout=60, check=False)
        else:
            out, err = io.StringIO(), io.StringIO()
            saved = dict(os.environ)
            os.environ.update(self.env)
            try:
                with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                    code = main(list(args))
            finally:
                os.environ.clear()
                os.environ.update(saved)
            result = subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        return self.log.read_text(encoding="utf-8", errors="replace")


@pytest.fixture
def live(db_url: str, tmp_path: Path) -> Iterator[LiveServer]:
    env = {**os.environ, "RT_SERVER_DATA_DIR": str(tmp_path / "srv"),
           "RT_SERVER_DATABASE_URL": db_url}
    env.pop("RT_SERVER_SECRET_KEY", None)
    port = _free_port()
    log = tmp_path / "server.log"
    server = LiveServer(f"http://127.0.0.1:{port}", env, log, None)  # type: ignore[arg-type]
    server.cli("admin", "init", subprocess_=True)
    server.cli("admin", "rt", "add", KELURAHAN, "1-10")
    with log.open("wb") as out:
        server.process = subprocess.Popen([*CLI, "serve", "--port", str(port)], env=env,
                                          stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while True:
        try:
            if httpx.get(f"{server.url}/api/v1/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert server.process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    yield server
    server.stop()


class _Http:
    """Just enough of TestClient's interface for tests.server.conftest.Device."""

    def __init__(self, base: str):
        self.http = httpx.Client(base_url=base, headers={"X-RT-Protocol": "1"}, timeout=30)

    def post(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.post(path, **kw)

    def get(self, path: str, **kw: Any) -> httpx.Response:
        return self.http.get(path, **kw)


def enrol(server: LiveServer, role: str, *options: str, kelurahan: str = "",
          rt: str = "") -> Device:
    issued = server.cli("admin", "issue-code", "--role", role, *options)
    code = issued.stdout.strip().splitlines()[-1]
    device_id = new_id()
    client = _Http(server.url)
    response = client.post("/api/v1/enrol", json={
        "code": code, "device_id": device_id, "device_tag": "K7QF", "app_version": "0.1.0",
        "kelurahan_code": kelurahan, "rt": rt})
    assert response.status_code == 200, response.text
    return Device(client, device_id, response.json()["token"], role, kelurahan, rt,  # type: ignore
                  HybridClock(device_id))


def test_the_log_after_a_full_sync_holds_no_personal_data(live: LiveServer) -> None:
    a = enrol(live, "volunteer", "--kelurahan", KELURAHAN, "--rt", RT, kelurahan=KELURAHAN,
              rt=RT)
    b = enrol(live, "volunteer", "--kelurahan", KELURAHAN, "--rt", "7", kelurahan=KELURAHAN,
              rt=RT)
    coordinator = enrol(live, "coordinator", "--kelurahan", KELURAHAN)
    uptd = enrol(live, "uptd")
    incidents = [new_incident() for _ in range(3)]
    changes = [a.change(i) for i in incidents]
    changes += [a.change(new_referral(incidents[0])), a.change(new_follow_up(incidents[0]))]
    changes += [a.change(new_session())]
    assert {r["status"] for r in a.push(*changes)} == {"applied"}
    # A conflict on a name, a rejected change carrying a name, and a malformed request.
    a.push(a.change(dataclasses.replace(incidents[1], victim_name="Siti Rahmawati Loser"),
                    base_rev=1, names=("victim_name",)))
    b.push(b.change(dataclasses.replace(incidents[1], victim_name="Nur Aisyah Winner"),
                    base_rev=1, names=("victim_name",)))
    [rejected] = a.push(a.change(dataclasses.replace(
        incidents[2], victim_name="Nama Terlalu Panjang " * 20), base_rev=1,
        names=("victim_name",)))
    assert rejected["status"] == "rejected"
    bad = a.change(incidents[2], base_rev=1, names=("chronology",))
    bad["fields"]["victim_secret"] = "Nama Rahasia Sekali"
    a.client.post("/api/v1/push", json={"changes": [bad], "note": VICTIM_NAME},
                  headers=a.headers)
    for device in (a, b, coordinator, uptd):
        for record_type in ("parenting_session", "incident", "referral", "follow_up",
                            "conflict"):
            device.pull_all(record_type)
    log = live.stop()
    assert "POST /api/v1/push" in log and "GET /api/v1/pull?record_type=incident" in log
    assert "push device=" in log
    for secret in (VICTIM_NAME, CHRONOLOGY, "Kronologi", "Siti Rahmawati", "Nur Aisyah",
                   "Nama Terlalu Panjang", "Nama Rahasia", "Wiryawan", "0812-0000-0000",
                   "Rahasia No. 9", "keluarga kooperatif"):
        assert secret not in log, secret


def test_admin_commands_against_a_running_server(live: LiveServer) -> None:
    result = live.cli("admin", "issue-code", "--role", "volunteer", "--kelurahan", KELURAHAN,
                      "--rt", RT, "--expires", "2h", subprocess_=True)
    code = result.stdout.strip().splitlines()[-1]
    assert len(code) == 14 and code.count("-") == 2
    laptop = enrol(live, "volunteer", "--kelurahan", KELURAHAN, "--rt", RT, kelurahan=KELURAHAN,
                   rt=RT)
    laptop.push(laptop.change(new_session()), laptop.change(new_session()),
                laptop.change(new_incident()))
    for record_type in PULL_ORDER:  # a sync ends with its pulls
        laptop.pull_all(record_type)
    status = json.loads(live.cli("admin", "status", "--json").stdout)
    counts = {(r["kelurahan_code"], r["rt"], r["record_type"]): r["count"]
              for r in status["records"]}
    assert counts == {(KELURAHAN, RT, "parenting_session"): 2, (KELURAHAN, RT, "incident"): 1}
    [device] = status["devices"]
    assert device["device_id"] == laptop.device_id and device["last_sync_at"]
    assert "password" not in json.dumps(status) and status["rts"]["listed"] == 10
    devices = json.loads(live.cli("admin", "devices", "--json").stdout)
    assert [d["device_id"] for d in devices] == [laptop.device_id]
    assert laptop.client.get("/api/v1/settings", headers=laptop.headers).status_code == 200
    live.cli("admin", "revoke", laptop.device_id)
    assert laptop.client.get("/api/v1/settings", headers=laptop.headers).status_code == 401
    live.cli("admin", "settings", "set", "contact.uptd_ppa", "0542-000000")
    uptd = enrol(live, "uptd")
    settings = uptd.client.get("/api/v1/settings", headers=uptd.headers).json()
    assert settings["contacts"]["uptd_ppa"] == "0542-000000"
    bad = live.cli("admin", "settings", "set", "suppression_threshold", "many", check=False)
    assert bad.returncode == 2 and "whole number" in bad.stderr
    wrong = live.cli("admin", "issue-code", "--role", "volunteer", check=False)
    assert wrong.returncode == 2 and "--kelurahan" in wrong.stderr
    live.cli("admin", "rt", "deactivate", KELURAHAN, "3")
    listed = json.loads(live.cli("admin", "rt", "list", "--kelurahan", KELURAHAN,
                                 "--json").stdout)
    assert {r["rt"]: r["active"] for r in listed}["003"] is False
    frozen = live.cli("admin", "issue-code", "--role", "volunteer", "--kelurahan", KELURAHAN,
                      "--rt", "3", check=False)
    assert frozen.returncode == 2 and "not active" in frozen.stderr
    assert "secret key" in live.cli("admin", "init").stdout  # a second init is harmless
