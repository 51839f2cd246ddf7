"""The PostgreSQL fixture itself: without PostgreSQL's binaries the tests that need them FAIL
with the command to install them; there is no way to skip them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = "def test_needs_postgres(pg_url):\n    assert pg_url\n"


def run_probe(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_probe.py").write_text(PROBE)
    environ = dict(os.environ)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "tests.conftest_pg", "-q", "-p",
         "no:cacheprovider", "--rootdir", str(tmp_path), str(tmp_path / "test_probe.py")],
        cwd=ROOT, env={**environ, **env}, capture_output=True, text=True, timeout=120)


def test_missing_postgres_fails_with_the_install_command(tmp_path: Path) -> None:
    result = run_probe(tmp_path, RT_TEST_PG_BIN=str(tmp_path / "no-postgres"))
    assert result.returncode != 0, result.stdout
    assert "apt-get install -y postgresql" in result.stdout
    assert "1 error" in result.stdout or "1 failed" in result.stdout
