"""A throwaway PostgreSQL cluster for the tests (DESIGN.md §6), shared by every test that needs one.

``pg_cluster`` (session scope) runs Debian's ``initdb`` and ``pg_ctl`` — as the ``postgres`` user
when the tests run as root, since ``initdb`` refuses root — in a temporary directory, on a free
loopback port with its own socket directory, with fsync off (a test cluster needs no
durability). It stops and removes the cluster at the end. ``pg_url`` gives each test a fresh,
empty database (a shared database whose schema is made anew for each test); a module-scoped
fixture makes its own with ``pg_cluster.create_database()``.

When the PostgreSQL binaries are missing, every test that asks for them FAILS with the command to
install them — a skipped backend would look like a pass, so there is no way to skip them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = ["PgCluster", "pg_bin_dir", "pg_cluster", "pg_url"]

INSTALL_HINT = ("PostgreSQL is needed for the server tests (both backends run the same suite): "
                "install it with `sudo apt-get install -y postgresql` (./scripts/test.sh does "
                "it when run as root).")


def pg_bin_dir() -> Path | None:
    """The directory of initdb/pg_ctl: ``RT_TEST_PG_BIN`` if set, else Debian's newest
    /usr/lib/postgresql/N/bin, else PATH."""
    chosen = os.environ.get("RT_TEST_PG_BIN")
    if chosen:
        found = Path(chosen)
        return found if (found / "initdb").exists() and (found / "pg_ctl").exists() else None
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                        else 0, reverse=True)
    for directory in candidates:
        if (Path(directory) / "initdb").exists() and (Path(directory) / "pg_ctl").exists():
            return Path(directory)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgCluster:
    bin_dir: Path
    data_dir: Path
    socket_dir: Path
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def run_sql(self, sql: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def create_database(self) -> str:
        name = f"t_{uuid.uuid4().hex[:16]}"
        self.run_sql(f"CREATE DATABASE {name}")
        return name

    def drop_database(self, name: str) -> None:
        self.run_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def tool(self, name: str) -> str:
        return str(self.bin_dir / name)


def _as_cluster_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    root = Path(tempfile.mkdtemp(prefix="rt-test-pg-"))
    data_dir, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    user = "postgres"
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail("running as root, but there is no `postgres` user to run initdb as: "
                        + INSTALL_HINT, pytrace=False)
        for path in (root, socket_dir):
            os.chown(path, owner.pw_uid, owner.pw_gid)
        root.chmod(0o700)
    else:
        user = pwd.getpwuid(os.geteuid()).pw_name
    port = _free_port()
    log = root / "server.log"
    initdb = subprocess.run(
        _as_cluster_owner([str(bin_dir / "initdb"), "-D", str(data_dir), "-U", user,
                           "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]),
        capture_output=True, text=True, check=False, timeout=120)
    if initdb.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"initdb failed: {initdb.stderr[-2000:]}", pytrace=False)
    options = (f"-p {port} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
    start = subprocess.run(
        _as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-o", options,
                           "-l", str(log), "-w", "-t", "60", "start"]),
        capture_output=True, text=True, check=False, timeout=90)
    if start.returncode != 0:
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else start.stderr
        shutil.rmtree(root, ignore_errors=True)
        pytest.fail(f"PostgreSQL did not start: {detail}", pytrace=False)
    cluster = PgCluster(bin_dir, data_dir, socket_dir, port, user)
    try:
        yield cluster
    finally:
        subprocess.run(_as_cluster_owner([str(bin_dir / "pg_ctl"), "-D", str(data_dir),
                                          "-m", "immediate", "-w", "stop"]),
                       capture_output=True, check=False, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def _pg_shared_database(pg_cluster: PgCluster) -> str:
    return pg_cluster.create_database()


@pytest.fixture
def pg_url(pg_cluster: PgCluster, _pg_shared_database: str) -> str:
    """An empty database for one test: one database for the session whose ``public`` schema is
    dropped and made again before each test (CREATE DATABASE costs half a second; this costs
    ten milliseconds). Connections a previous test left open are ended first. A module-scoped
    fixture (a live server for a whole module) uses ``pg_cluster.create_database()`` instead."""
    import psycopg

    name = _pg_shared_database
    with psycopg.connect(pg_cluster.url(name), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE datname = current_database() AND pid <> pg_backend_pid()")
        conn.execute("DROP SCHEMA IF EXISTS public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return pg_cluster.url(name)
