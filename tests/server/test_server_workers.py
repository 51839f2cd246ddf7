"""`rt-server serve --workers N`: several uvicorn processes on PostgreSQL (the default there),
one on SQLite; the worker processes answer and go when the server is stopped or killed."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import requests

from sync.server.cli import _parser, default_workers, main
from tests.sync.servers import ServerProcess


@pytest.mark.parametrize(("text", "workers"), [("1", 1), ("3", 3), ("64", 64)])
def test_workers_option(text: str, workers: int) -> None:
    assert _parser().parse_args(["serve", "--workers", text]).workers == workers


@pytest.mark.parametrize("text", ["0", "65", "two", "-1", "١"])
def test_workers_option_refuses(text: str) -> None:
    with pytest.raises(SystemExit):
        _parser().parse_args(["serve", "--workers", text])


@pytest.mark.parametrize(("url", "cpus", "workers"), [
    ("postgresql://rt@db/rt", 2, 2), ("postgresql://rt@db/rt", 16, 4),
    ("postgres://rt@db/rt", 1, 1), ("sqlite:////srv/rt-server.db", 16, 1),
    ("/srv/rt-server.db", 8, 1),
])
def test_default_workers(url: str, cpus: int, workers: int) -> None:
    assert default_workers(url, cpus) == workers


def test_sqlite_refuses_several_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("RT_SERVER_SECRET_KEY", base64.b64encode(b"k" * 32).decode())
    code = main(["--data-dir", str(tmp_path), "serve", "--workers", "2"])
    assert code == 2 and "needs PostgreSQL" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["99999", "0", "-1", "http", "65536"])
def test_serve_refuses_a_port_that_is_no_port(tmp_path: Path, port: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """Refused by the command line itself (exit 2), before anything starts: 99999 used to be
    served on 34463 while the server said 99999."""
    with pytest.raises(SystemExit) as stopped:
        main(["--data-dir", str(tmp_path), "serve", "--port", port])
    assert stopped.value.code == 2 and "1 to 65535" in capsys.readouterr().err


def _alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (a zombie waiting to be reaped is not)."""
    alive = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.append(pid)
    return alive


@pytest.mark.parametrize("end", ["stop", "kill"])
def test_worker_processes_serve_and_end_with_the_server(pg_url: str, tmp_path: Path,
                                                        end: str) -> None:
    server = ServerProcess(tmp_path / "srv", pg_url, workers=2).start()
    try:
        assert server.workers_text() == "2 worker processes"
        pids = server.pids()
        assert len(pids) >= 3  # the supervisor and its two workers
        with requests.Session() as http:
            for _ in range(20):  # kept-alive connections, each served by one worker
                answer = http.get(f"{server.url}/api/v1/health", timeout=10)
                assert answer.status_code == 200 and answer.json()["status"] == "ok"
    finally:
        server.stop() if end == "stop" else server.kill()
    assert _alive(pids) == []
