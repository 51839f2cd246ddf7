"""What bench/sync_bench.py measures with, apart from the sync itself: a throwaway PostgreSQL
cluster, the CPU time of processes (Linux ``/proc``), a fixed piece of CPU work to compare
machines and hours by, and the way figures are printed."""

from __future__ import annotations

import contextlib
import json
import math
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["cpu_check", "cpu_seconds", "cpu_used", "fmt", "percentile", "postgres_pids",
           "throwaway_postgres", "waited_children_cpu"]


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A private PostgreSQL cluster on a free loopback port (as tests/conftest_pg.py does)."""
    from tests.conftest_pg import _as_cluster_owner, _free_port, pg_bin_dir

    bin_dir = pg_bin_dir()
    if bin_dir is None:
        raise SystemExit("PostgreSQL is not installed (sudo apt-get install -y postgresql)")
    root = Path(tempfile.mkdtemp(prefix="rt-bench-pg-"))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    user = "postgres" if os.geteuid() == 0 else os.environ.get("USER", "postgres")
    if os.geteuid() == 0:
        import pwd

        owner = pwd.getpwnam("postgres")
        for path in (root, sock):
            os.chown(path, owner.pw_uid, owner.pw_gid)
    port = _free_port()
    subprocess.run(_as_cluster_owner([str(bin_dir / "initdb"), "-D", str(data), "-U", user,
                                      "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]),
                   check=True, capture_output=True)
    # Durable settings (fsync on): the figures should be those of a real server.
    options = f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c max_connections=300"
    subprocess.run(_as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options,
                                      "-l", str(root / "log"), "-w", "start"]),
                   check=True, capture_output=True)
    try:
        yield f"postgresql://{user}@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data), "-m",
                                          "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """User + system CPU time of each of these processes so far (Linux)."""
    out: dict[int, float] = {}
    for pid in pids:
        with contextlib.suppress(OSError, IndexError, ValueError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            out[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return out


def waited_children_cpu() -> float:
    times = os.times()
    return times.children_user + times.children_system


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU time used between two :func:`cpu_seconds` (processes started meanwhile count
    from zero)."""
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def postgres_pids(url: str | None) -> list[int]:
    """The processes of the PostgreSQL cluster listening on ``url``'s port on this machine."""
    port = (url or "").rsplit(":", 1)[-1].split("/", 1)[0]
    if not port.isdigit():
        return []
    found: list[int] = []
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError):
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if b"postgres" in args[0] and b"-p" in args and port.encode() in args:
                found.append(int(proc.name))
    for proc in Path("/proc").glob("[0-9]*"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            parent = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if parent in found[:1]:
                found.append(int(proc.name))
    return found


def percentile(ordered: list[float], q: float) -> float:
    """The ``q`` quantile of sorted values (nearest rank)."""
    return ordered[max(0, min(len(ordered) - 1, math.ceil(len(ordered) * q) - 1))]


def cpu_check() -> str:
    """The time of a fixed piece of Python work (JSON in and out, as sync does), best of 5: on
    a shared virtual machine the CPU's speed moves from hour to hour, and figures taken at
    different times compare only next to this."""
    data = [{"id": f"{i:036d}", "n": i, "topics": ["a", "b"], "venue": "Balai RT"}
            for i in range(20_000)]
    best = math.inf
    for _ in range(5):
        started = time.perf_counter()
        json.loads(json.dumps(data))
        best = min(best, time.perf_counter() - started)
    return f"CPU check (fixed JSON work): {best * 1000:.0f} ms"
