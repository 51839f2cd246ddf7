"""The built Linux packages: their sizes and the frozen app's start-up time (prints only).

Targets (issue 6, DESIGN.md §8): bundle <= 200 MB unpacked, archive <= 80 MB, cold start of the
frozen app to the login screen < 1.5 s.

    packaging/build-linux.sh                      # first: dist/bundle/rt-desktop, .tar.gz, .deb
    python bench/package_bench.py [--runs 5]      # sizes, and start-up from --self-test
    python bench/package_bench.py --window        # also: exec to a visible window on $DISPLAY

Start-up, two ways:

* ``--self-test`` (offscreen, always): the frozen app prints the time from process start to the
  first rendered login screen (process start to main, the core modules, Qt and the login screen;
  the self-test's own database checks are not counted). The first run is *cold* when this runs
  as root and may drop the page cache (``/proc/sys/vm/drop_caches``), else "first run".
* ``--window`` (needs ``$DISPLAY`` — e.g. under ``xvfb-run -a`` — and ``xdotool``): the real
  ``rt-desktop`` on a data folder made with ``rt-desktop init``, timed from exec until a window
  titled "RT Desktop" (the login screen) is visible; polled every 10 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024


def tree_bytes(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def selftest_startup(exe: Path) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([str(exe), "--self-test"], capture_output=True, text=True, env=env,
                         timeout=120)
    if out.returncode != 0:
        raise SystemExit(f"the self-test failed:\n{out.stdout}{out.stderr}")
    found = re.search(r"^start-up: ([0-9.]+) s", out.stdout, flags=re.M)
    if not found:
        raise SystemExit(f"no start-up line in the self-test's output:\n{out.stdout}")
    return float(found.group(1))


def window_startup(exe: Path, data_dir: Path) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while True:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid",
                                    str(proc.pid), "--name", "^RT Desktop$"],
                                   capture_output=True)
            if found.returncode == 0:
                return time.perf_counter() - started
            if proc.poll() is not None:
                raise SystemExit(f"rt-desktop exited ({proc.returncode}) before showing a window")
            if time.perf_counter() - started > 30:
                raise SystemExit("no window after 30 s")
            time.sleep(0.01)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def describe(values: list[float]) -> str:
    return (f"median {statistics.median(values):.2f} s, min {min(values):.2f}, "
            f"max {max(values):.2f} ({len(values)} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="build-linux.sh's output folder (default dist/)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs (default 5)")
    parser.add_argument("--window", action="store_true",
                        help="also time exec to a visible window ($DISPLAY and xdotool)")
    args = parser.parse_args()

    bundle = args.dist / "bundle" / "rt-desktop"
    exe = bundle / ("rt-desktop.exe" if sys.platform == "win32" else "rt-desktop")
    if not exe.exists():
        raise SystemExit(f"{exe} not found: run packaging/build-linux.sh first")
    print(f"bundle (unpacked): {tree_bytes(bundle) / MB:7.1f} MiB  (target <= 200 MB)  {bundle}")
    for pattern, target in (("rt-desktop-*.tar.gz", " (target <= 80 MB)"),
                            ("rt-desktop_*.deb", "")):
        for path in sorted(args.dist.glob(pattern)):
            print(f"{path.name}: {path.stat().st_size / MB:.1f} MiB{target}")

    cold = drop_caches()
    first = selftest_startup(exe)
    warm = [selftest_startup(exe) for _ in range(args.runs)]
    print("start-up to the login screen (--self-test, offscreen), target < 1.5 s:")
    print(f"  {'cold (page cache dropped)' if cold else 'first run'}: {first:.2f} s")
    print(f"  warm: {describe(warm)}")

    if args.window:
        if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
            raise SystemExit("--window needs $DISPLAY (xvfb-run -a …) and xdotool")
        with tempfile.TemporaryDirectory(prefix="rt-desktop-bench-") as tmp:
            data = Path(tmp) / "data"
            subprocess.run([str(exe), "--data-dir", str(data), "init", "--kelurahan",
                            "64.71.03.1004", "--rt", "007", "--name", "Bench"], check=True,
                           capture_output=True, env=dict(os.environ,
                                                         RT_DESKTOP_PASSWORD="bench-sandi-123"))
            cold = drop_caches()
            first = window_startup(exe, data)
            warm = [window_startup(exe, data) for _ in range(args.runs)]
        print(f"exec to a visible login window on {os.environ['DISPLAY']}:")
        print(f"  {'cold (page cache dropped)' if cold else 'first run'}: {first:.2f} s")
        print(f"  warm: {describe(warm)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
