"""``rt-desktop --self-test``: does this installation work? (the installers' smoke test)

In a temporary data folder — never the volunteer's own — it creates an encrypted database with
the real scrypt cost, writes a Lautan RT session, checks that the file cannot be read without the
key, unlocks it again and reads the session back. Then it runs the checks the caller hands in:
``rt_desktop/cli.py`` passes those of ``ui/selftest.py`` (Qt starts, the translations load, the
login screen and the main window render offscreen). This module is core: it never imports Qt or
``ui`` (DESIGN.md §2).

It prints one line per check (``ok   name: detail`` or ``FAIL name: what went wrong``), the time
from process start to the login screen, and a last line ``self-test passed: N checks`` (exit 0)
or ``self-test FAILED: …`` (exit 1). Used by tests/e2e/test_e2e_packaging.py on the frozen
bundle, by packaging/build-linux.sh and by the Windows workflow.
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TextIO

__all__ = ["PASSWORD", "USER", "Check", "process_age", "run"]

#: (name, function returning a one-line detail); a check fails by raising
Check = tuple[str, Callable[[], str]]
#: the caller's extra checks: given the data folder, the password and a dict for timings
ExtraChecks = Callable[[Path, str, dict[str, float]], Iterable[Check]]

USER = "Relawan Uji"
PASSWORD = "uji-mandiri-2026"  # a throwaway database in a temporary folder
KELURAHAN = "64.71.03.1004"
RT = "007"


def process_age() -> float | None:
    """Seconds since this process started, from the operating system; None if unknown."""
    try:
        if sys.platform.startswith("linux"):
            stat = Path("/proc/self/stat").read_text()
            # Field 22 (starttime, clock ticks since boot) counted after the "(comm)" field.
            start_ticks = int(stat.rsplit(")", 1)[1].split()[19])
            uptime = float(Path("/proc/uptime").read_text().split()[0])
            return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), ctypes.byref(created),
                                            ctypes.byref(exited), ctypes.byref(kernel),
                                            ctypes.byref(user)):
                return None
            now = wintypes.FILETIME()
            kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

            def ticks(ft: Any) -> int:  # 100 ns units
                return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

            return max(0.0, (ticks(now) - ticks(created)) / 1e7)
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def _check_version() -> str:
    from rt_desktop import __version__

    if __version__.startswith("0.0.0"):
        raise RuntimeError(f"no package metadata for rt-desktop (version {__version__}); "
                           "the bundle must carry rt_desktop's dist-info")
    return f"rt-desktop {__version__}"


def _check_seed_data() -> str:
    from rt_desktop import wilayah

    kecamatan, kelurahan = wilayah.kecamatan_list(), wilayah.kelurahan_list()
    if (len(kecamatan), len(kelurahan)) != (6, 34):
        raise RuntimeError(f"expected 6 kecamatan and 34 kelurahan, found {len(kecamatan)} and "
                           f"{len(kelurahan)}")
    return f"{len(kecamatan)} kecamatan, {len(kelurahan)} kelurahan of Balikpapan"


def _check_sqlcipher() -> str:
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(":memory:")
    try:
        row = conn.execute("PRAGMA cipher_version").fetchone()
    finally:
        conn.close()
    if not row or not row[0]:
        raise RuntimeError("sqlcipher3 loaded, but without SQLCipher (no cipher_version)")
    return f"SQLCipher {row[0]} (sqlcipher3, SQLite {dbapi2.sqlite_version})"


class _Database:
    """The encrypted-database checks, sharing one temporary folder."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.record_id = ""
        self.saved: Any = None

    def create(self) -> str:
        import random

        from rt_desktop import access, demo
        from rt_desktop.store.connection import DB_FILENAME
        from rt_desktop.validation import today_wita

        started = time.perf_counter()
        unlocked, _recovery = access.initialise(self.data_dir, kelurahan_code=KELURAHAN, rt=RT,
                                                name=USER, password=PASSWORD)
        try:
            session = demo.make_session(random.Random(2026), today_wita())
            changes = unlocked.store.save(session, user=USER)
            self.record_id = changes[0].record_id
            self.saved = session
        finally:
            unlocked.store.close()
        elapsed = time.perf_counter() - started
        header = (self.data_dir / DB_FILENAME).read_bytes()[:16]
        if header.startswith(b"SQLite format 3"):
            raise RuntimeError("the database file is plain SQLite: it is not encrypted")
        from sqlcipher3 import dbapi2

        conn = dbapi2.connect(str(self.data_dir / DB_FILENAME))
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi2.DatabaseError:
            pass  # "file is not a database": what an encrypted file looks like without its key
        else:
            raise RuntimeError("the database opened without its key")
        finally:
            conn.close()
        return (f"created in {elapsed:.2f} s (scrypt key slot, SQLCipher); unreadable "
                "without the key")

    def read_back(self) -> str:
        from rt_desktop import access
        from rt_desktop.records import ParentingSession

        unlocked = access.unlock(self.data_dir, USER, PASSWORD)
        try:
            found = unlocked.store.get(ParentingSession, self.record_id)
            pending = unlocked.store.pending_count()
        finally:
            unlocked.store.close()
        if found is None:
            raise RuntimeError(f"session {self.record_id} not found after unlocking again")
        for field in ("session_date", "venue", "topics", "summary", "mothers"):
            if getattr(found, field) != getattr(self.saved, field):
                raise RuntimeError(f"session read back with a different {field}")
        return f"a Lautan RT session saved, read back after unlocking again ({pending} unsent)"


def run(out: TextIO | None = None, *, extra_checks: ExtraChecks | None = None) -> int:
    """Run every check, print one line each; return 0 when all passed, else 1."""
    out = out or sys.stdout
    started = time.perf_counter()
    to_main = process_age()

    def say(text: str) -> None:
        print(text, file=out, flush=True)

    # The real app imports these before its first window; timed for the start-up figure. (A
    # failure here, e.g. a library missing from the bundle, is a traceback and exit status 1.)
    t0 = time.perf_counter()
    from rt_desktop import __version__, access, wilayah  # noqa: F401
    from rt_desktop.store import store  # noqa: F401

    core_import = time.perf_counter() - t0

    # Never the volunteer's keyring or settings: a test backend that stores nothing.
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring"
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    say(f"RT Desktop {__version__} self-test ({frozen}, {platform.system()} "
        f"{platform.machine()}, Python {platform.python_version()})")

    failures: list[str] = []
    passed = 0

    def attempt(name: str, fn: Callable[[], str]) -> None:
        nonlocal passed
        try:
            detail = fn()
        except BaseException as exc:  # noqa: BLE001 — every failure is reported, then exit 1
            if isinstance(exc, KeyboardInterrupt):
                raise
            failures.append(name)
            say(f"FAIL {name}: {type(exc).__name__}: {exc}")
            for line in traceback.format_exc().rstrip().splitlines()[-6:]:
                say(f"       {line}")
        else:
            passed += 1
            say(f"ok   {name}: {detail}")

    metrics: dict[str, float] = {}
    try:
        temporary = tempfile.TemporaryDirectory(prefix="rt-desktop-selftest-",
                                                ignore_cleanup_errors=True)
    except OSError as exc:
        say(f"FAIL temporary folder: {exc}")
        say("self-test FAILED: no temporary folder to work in (TMPDIR, TEMP)")
        return 1
    with temporary as tmp:
        data_dir = Path(tmp) / "data"
        database = _Database(data_dir)
        for name, fn in (("version", _check_version), ("seed data", _check_seed_data),
                         ("sqlcipher", _check_sqlcipher), ("encrypted database", database.create),
                         ("write and read", database.read_back)):
            attempt(name, fn)
        if extra_checks is not None:
            if "encrypted database" in failures:
                failures.append("ui")
                say("FAIL ui: not tried, there is no database to show")
            else:
                try:
                    for name, fn in extra_checks(data_dir, PASSWORD, metrics):
                        attempt(name, fn)
                except Exception as exc:  # noqa: BLE001 — e.g. the ui package cannot be imported
                    failures.append("ui")
                    say(f"FAIL ui: {type(exc).__name__}: {exc}")

    if "login_s" in metrics:
        parts = [f"core modules {core_import:.2f} s",
                 f"Qt and the login screen {metrics['login_s']:.2f} s"]
        total = core_import + metrics["login_s"]
        if to_main is not None:
            parts.insert(0, f"process start to main {to_main:.2f} s")
            total += to_main
        say(f"start-up: {total:.2f} s to the login screen ({', '.join(parts)})")
    say(f"time: {time.perf_counter() - started:.2f} s")
    if failures:
        say(f"self-test FAILED: {len(failures)} failed ({', '.join(failures)}), {passed} passed")
        return 1
    say(f"self-test passed: {passed} checks")
    return 0
