"""How long the password step of a login takes with the default key-derivation parameters.

DESIGN.md §4 asks for 0.2–0.5 s on the reference laptop: slow enough that guessing passwords on a
stolen laptop is expensive, fast enough that a volunteer does not wait. Run:

    python bench/kdf_bench.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from rt_desktop.store.keyslots import DEFAULT_KDF, KEYS_FILENAME, KeySlots


def median_seconds(step: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    kdf = DEFAULT_KDF
    print(f"scrypt n=2**{kdf.n.bit_length() - 1} r={kdf.r} p={kdf.p} "
          f"({128 * kdf.n * kdf.r // 2**20} MiB), {os.cpu_count()} CPUs, median of {runs}")

    salt = secrets.token_bytes(16)
    med, low, high = median_seconds(lambda: kdf.derive(b"pelangi-senja-42", salt), runs)
    print(f"derive one key                {med:6.3f} s  (min {low:.3f}, max {high:.3f})")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / KEYS_FILENAME
        KeySlots.create(path, "Bench", "pelangi-senja-42")
        med, low, high = median_seconds(
            lambda: KeySlots.load(path).unlock("Bench", "pelangi-senja-42"), runs)
    print(f"open = load + derive + unwrap {med:6.3f} s  (min {low:.3f}, max {high:.3f})")
    verdict = "within" if 0.2 <= med <= 0.5 else "OUTSIDE"
    print(f"{verdict} the 0.2–0.5 s target of DESIGN.md §4")


if __name__ == "__main__":
    main()
