"""A real `rt-server` on a loopback port for the sync tests (no mocked HTTP), and devices
enrolled with it.

The server runs as a subprocess (`python -m sync.server.cli … serve`), so a test can kill it
with SIGKILL mid-push and start it again on the same database.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
SERVER_CMD = [sys.executable, "-m", "sync.server.cli"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ServerProcess:
    """One `rt-server serve` on 127.0.0.1. ``database_url`` None: SQLite in ``data_dir``."""

    def __init__(self, data_dir: Path, database_url: str | None = None,
                 env: dict[str, str] | None = None, *, workers: int | None = None):
        self.data_dir = data_dir
        self.database_url = database_url
        self.workers = workers  # None: rt-server's default for the database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "server.log"
        self.env = {
            **os.environ,
            "RT_SERVER_SECRET_KEY": base64.b64encode(b"k" * 32).decode(),
            # Tests run many syncs from one address in little time; the limits get a test of
            # their own.
            "RT_SERVER_RATE_PER_MINUTE": "1000000", "RT_SERVER_RATE_BURST": "1000000",
            "RT_SERVER_ENROL_PER_MINUTE": "1000000",
            **(env or {}),
        }
        data_dir.mkdir(parents=True, exist_ok=True)

    def _base(self) -> list[str]:
        args = [*SERVER_CMD, "--data-dir", str(self.data_dir)]
        if self.database_url:
            args += ["--database-url", self.database_url]
        return args

    def admin(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([*self._base(), "admin", *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=120)
        if check and result.returncode != 0:
            raise AssertionError(f"rt-server admin {args} failed: {result.stderr}")
        return result

    def issue_code(self, role: str = "volunteer", *, kelurahan: str | None = None,
                   rt: str | None = None, kecamatan: str | None = None) -> str:
        args = ["issue-code", "--role", role]
        for flag, value in (("--kelurahan", kelurahan), ("--rt", rt),
                            ("--kecamatan", kecamatan)):
            if value:
                args += [flag, value]
        return self.admin(*args).stdout.strip().splitlines()[-1].strip()

    def issue_codes(self, specs: list[dict[str, str | None]]) -> list[str]:
        """Several codes at once (each is its own admin process)."""
        with ThreadPoolExecutor(max_workers=4) as pool:
            return list(pool.map(lambda spec: self.issue_code(**spec), specs))  # type: ignore

    def start(self) -> ServerProcess:
        if self.proc is None:
            self.admin("init")
        log = open(self.log_path, "ab")  # noqa: SIM115 - closed with the process
        serve = ["serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.workers is not None:
            serve += ["--workers", str(self.workers)]
        # Its own process group: kill() and stop() reach the worker processes too.
        self.proc = subprocess.Popen([*self._base(), *serve], cwd=ROOT, env=self.env,
                                     stdout=log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"rt-server exited: {self.log_path.read_text()[-3000:]}")
            with contextlib.suppress(requests.RequestException):
                if requests.get(f"{self.url}/api/v1/health", timeout=1,
                                headers={"X-RT-Protocol": "1"}).status_code == 200:
                    return self
            time.sleep(0.05)
        raise AssertionError("rt-server did not start")

    def kill(self) -> None:
        """SIGKILL to the server and its workers: no shutdown handlers, no flushing — a power
        cut for the server."""
        if self.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            self._wait_group_gone()

    def _wait_group_gone(self) -> None:
        """Until no process of the server's group is left (a worker holding the port would
        answer for a restarted server)."""
        assert self.proc is not None
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.proc.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.02)

    def pids(self) -> list[int]:
        """The server process and its workers."""
        if self.proc is None:
            return []
        found = [self.proc.pid]
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.proc.pid:  # parent pid
                    found.append(int(stat.parent.name))
        return found

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the server, its workers added up (Linux)."""
        total = 0.0
        for pid in self.pids():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        total += int(line.split()[1]) / 1024
        return total

    def workers_text(self) -> str:
        """What the server said it runs: "one process" or "N worker processes"."""
        found = re.search(r"\((\d+) worker process", self.log())
        workers = int(found.group(1)) if found else 1
        return f"{workers} worker processes" if workers > 1 else "one process"

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        if self.proc is not None:
            self.kill()  # whatever of the group is left

    def restart(self) -> None:
        self.kill()
        self.start()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@contextlib.contextmanager
def running_server(data_dir: Path, database_url: str | None = None,
                   env: dict[str, str] | None = None) -> Iterator[ServerProcess]:
    server = ServerProcess(data_dir, database_url, env).start()
    try:
        yield server
    finally:
        server.stop()
