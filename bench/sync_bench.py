"""Sync on loopback, client + a real `rt-server`, on both backends (DESIGN.md §8):

- push 10,000 changes from one device (budget < 3 s);
- pull and apply 100,000 records on a fresh device (< 8 s);
- a sync with nothing to do (< 30 ms);
- 200 devices syncing at once, 50 changes each (PostgreSQL: no errors, p95 per request < 1 s;
  the SQLite figure too), with the server's peak RSS.

Prints figures; asserts nothing. A fixed piece of CPU work is timed before and after (a shared
virtual machine's speed moves by a third from hour to hour; compare figures next to it).

The server runs as `python -m sync.server.cli serve` with its default worker processes
(PostgreSQL: one per CPU, at most 4; SQLite: one; `--workers N` to choose); PostgreSQL is a
throwaway cluster started like the tests' one (DESIGN.md §6) unless --database-url names one.
The crowd's 200 devices run in a few processes of threads on the same CPUs as the server and
the database, so their own work competes with the server's: the figure says how the CPU time
was shared. With `--backend both` each backend runs in a process of its own (in one process
the second backend's pull came out 1.3–1.8 s slower, with the same code). Run from the
repository root:

    .venv/bin/python bench/sync_bench.py [--backend sqlite|postgres|both] [--quick]
        [--only push,pull,idle,crowd] [--workers N] [--breakdown]
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sync_measure import (  # noqa: E402  (bench/ is the script's folder)
    cpu_check,
    cpu_seconds,
    cpu_used,
    fmt,
    percentile,
    postgres_pids,
    throwaway_postgres,
    waited_children_cpu,
)

from rt_desktop import wilayah  # noqa: E402
from rt_desktop.hlc import HybridClock  # noqa: E402
from rt_desktop.ids import new_id, utc_now_iso  # noqa: E402
from rt_desktop.records import to_row  # noqa: E402
from rt_desktop.store.store import Store  # noqa: E402
from sync.client import enrol, run_sync  # noqa: E402
from sync.client.backoff import BackoffPolicy  # noqa: E402
from sync.client.enrol import connect  # noqa: E402
from sync.client.errors import SyncError  # noqa: E402
from sync.client.http import Connection  # noqa: E402
from sync.client.push import direct, push_changes  # noqa: E402
from tests.sync.helpers import make_session  # noqa: E402
from tests.sync.servers import ServerProcess  # noqa: E402

KELURAHAN = "64.71.03.1004"
USER = "bench"


def issue(url: str, role: str, kelurahan: str, rt: str) -> str:
    import datetime as dt

    from sync.server import admin
    from sync.server.storage import open_storage

    storage = open_storage(url)
    try:
        return admin.issue(storage, role=role, kelurahan=kelurahan, kecamatan=None, rt=rt,
                           expires=dt.timedelta(days=1))["code"]
    finally:
        with contextlib.suppress(Exception):
            storage.close()  # type: ignore[attr-defined]


def device(root: Path, name: str, server: ServerProcess, url: str, *, kelurahan: str = KELURAHAN,
           rt: str = "007") -> tuple[Store, bytes]:
    key = os.urandom(32)
    store = Store.create(root / name, key, kelurahan_code=kelurahan, rt=rt)
    enrol(store, server.url, issue(url, "volunteer", kelurahan, rt))
    return store, key


# --- the figures --------------------------------------------------------------------------------

def seed_server(store: Store, n: int) -> None:
    """``n`` sessions on the server, pushed in batches as another device of the RT would."""
    clock = HybridClock(store.device_id)
    template = make_session()
    with connect(store) as conn:
        for start in range(0, n, 500):
            changes = []
            for i in range(start, min(n, start + 500)):
                now = utc_now_iso()
                record = dataclasses.replace(
                    template, id=new_id(), kelurahan_code=store.kelurahan_code, rt=store.rt,
                    created_at=now, updated_at=now, created_by=USER, device_id=store.device_id,
                    fathers=i % 40)
                row = to_row(record)
                fields = {k: v for k, v in row.items() if k not in (
                    "id", "kelurahan_code", "rt", "created_at", "updated_at", "created_by",
                    "device_id", "rev", "hlc")}
                ts = clock.tick()
                changes.append({"change_id": new_id(), "record_type": "parenting_session",
                                "record_id": record.id, "base_rev": 0,
                                "kelurahan_code": store.kelurahan_code, "rt": store.rt,
                                "fields": fields, "hlc": {k: ts for k in fields},
                                "created_at": now, "created_by": USER})
            conn.post("/push", {"changes": changes})


def bench_one_device(server: ServerProcess, url: str, root: Path, pushes: int,
                     pulls: int, only: set[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    pushed = 0
    if "push" in only:
        a, _ = device(root, "pusher", server, url)
        with a.writing():
            for i in range(pushes):
                a.save(make_session(fathers=i % 40), user=USER)
        with connect(a) as conn:
            before = (cpu_seconds(server.pids()), cpu_seconds(postgres_pids(url)),
                      time.process_time())
            started = time.perf_counter()
            stats = push_changes(conn, direct(a), policy=BackoffPolicy())
            out["push"] = (time.perf_counter() - started, stats.acknowledged)
            out["push_cpu"] = {"server": cpu_used(before[0], cpu_seconds(server.pids())),
                               "database": cpu_used(before[1],
                                                    cpu_seconds(postgres_pids(url))),
                               "client": time.process_time() - before[2]}
        pushed = stats.acknowledged
    if only & {"pull", "idle"}:
        seeder, _ = device(root, "seeder", server, url)
        started = time.perf_counter()
        seed_server(seeder, (pulls if "pull" in only else 1) - pushed)
        out["seed"] = time.perf_counter() - started
        fresh, _ = device(root, "fresh", server, url)
        before = (cpu_seconds(server.pids()), cpu_seconds(postgres_pids(url)),
                  time.process_time(), waited_children_cpu())
        started = time.perf_counter()
        result = run_sync(fresh)
        out["pull"] = (time.perf_counter() - started, result.pulled)
        out["pull_cpu"] = {"server": cpu_used(before[0], cpu_seconds(server.pids())),
                           "database": cpu_used(before[1], cpu_seconds(postgres_pids(url))),
                           "client": time.process_time() - before[2],
                           # the pull's child process (ended and waited for by now)
                           "child": waited_children_cpu() - before[3]}
    if "idle" in only:
        idle = []
        for _ in range(30):
            started = time.perf_counter()
            run_sync(fresh)
            idle.append(time.perf_counter() - started)
        idle.sort()
        out["idle"] = (statistics.median(idle), percentile(idle, 0.95))
    return out


Latencies = list[tuple[str, float]]  # (endpoint, seconds) per request


def _crowd_worker(job: tuple[list[tuple[str, str]], float, int]
                  ) -> tuple[Latencies, list[str], int, float]:
    """One process: its devices sync in threads, all starting at ``start_at``; also returns
    the CPU time it used from then on."""
    members, start_at, nice = job
    if nice:
        os.nice(nice)
    latencies: Latencies = []
    errors: list[str] = []
    pushed = 0
    lock = threading.Lock()
    original = Connection._send

    def timed(self: Connection, method: str, path: str, **kwargs: Any) -> Any:
        begun = time.perf_counter()
        try:
            return original(self, method, path, **kwargs)
        finally:
            with lock:
                latencies.append((f"{method} {path}", time.perf_counter() - begun))
    Connection._send = timed  # type: ignore[method-assign]

    def one(data_dir: str, key_hex: str) -> None:
        nonlocal pushed
        store = Store.open(Path(data_dir), bytes.fromhex(key_hex))
        try:
            time.sleep(max(0.0, start_at - time.time()))
            result = run_sync(store)
            with lock:
                pushed += result.pushed
        except SyncError as exc:
            with lock:
                errors.append(f"{exc.kind} {exc.status or ''}".strip())
        except Exception as exc:  # noqa: BLE001 - counted and named, not hidden
            with lock:
                errors.append(repr(exc))
        finally:
            store.close()
    threads = [threading.Thread(target=one, args=m) for m in members]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, start_at - time.time()))
    begun = time.process_time()
    for thread in threads:
        thread.join()
    return latencies, errors, pushed, time.process_time() - begun


def bench_crowd(server: ServerProcess, url: str, root: Path, count: int,
                changes: int, nice: int = 0) -> dict[str, Any]:
    places = wilayah.kelurahan_list()
    members: list[tuple[str, str]] = []
    for i in range(count):
        kel = places[i % len(places)].code
        store, key = device(root / "crowd", f"d{i}", server, url, kelurahan=kel,
                            rt=f"{i // len(places) + 1:03d}")
        with store.writing():
            for j in range(changes):
                store.save(make_session(fathers=j % 40), user=USER)
        members.append((str(store.data_dir), key.hex()))
        store.close()
    processes = min(8, os.cpu_count() or 2)
    start_at = time.time() + 3.0
    jobs = [(members[p::processes], start_at, nice) for p in range(processes)]
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        started = time.time()
        waiting = pool.map_async(_crowd_worker, jobs)
        time.sleep(max(0.0, start_at - time.time()))
        before = cpu_seconds(server.pids()), cpu_seconds(postgres_pids(url))
        results = waiting.get()
        wall = time.time() - max(started, start_at)
        cpu = {"server": cpu_used(before[0], cpu_seconds(server.pids())),
               "database": cpu_used(before[1], cpu_seconds(postgres_pids(url))),
               "clients": sum(r[3] for r in results)}
    timed = [x for lat, _e, _p, _c in results for x in lat]
    latencies = sorted(seconds for _path, seconds in timed) or [float("nan")]
    by_endpoint: dict[str, list[float]] = {}
    for path, seconds in timed:
        by_endpoint.setdefault(path, []).append(seconds)
    errors = [e for _l, errs, _p, _c in results for e in errs]
    return {"requests": len(latencies), "errors": len(errors),
            "error_kinds": sorted(set(errors)), "cpu": cpu, "client_processes": processes,
            "pushed": sum(p for _l, _e, p, _c in results), "wall": wall,
            "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
            "max": latencies[-1],
            "endpoints": {path: sorted(v) for path, v in sorted(by_endpoint.items())}}


def run_backend(backend: str, args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix=f"rt-sync-bench-{backend}-"))
    only: set[str] = args.only
    with contextlib.ExitStack() as stack:
        url = None
        if backend == "postgres":
            url = args.database_url or stack.enter_context(throwaway_postgres())
        server = ServerProcess(root / "server", url, workers=args.workers).start()
        stack.callback(server.stop)
        db_url = url or f"sqlite:///{(root / 'server' / 'rt-server.db').resolve()}"
        print(f"\n== {backend} (server: {server.workers_text()}) ==", flush=True)
        one = bench_one_device(server, db_url, root, args.pushes, args.pulls, only)
        if "push" in one:
            seconds, n = one["push"]
            print(f"push {n:,} changes from one device:     {fmt(seconds)}  (budget < 3 s)")
            if args.breakdown:
                cpu = one["push_cpu"]
                print(f"    CPU seconds meanwhile: client {cpu['client']:.1f}, server "
                      f"{cpu['server']:.1f}"
                      + (f", PostgreSQL {cpu['database']:.1f}" if backend == "postgres" else ""))
        if "pull" in one and "pull" in only:
            seconds, n = one["pull"]
            print(f"pull and apply {n:,} records (fresh):   {fmt(seconds)}  (budget < 8 s)")
            if args.breakdown:
                cpu = one["pull_cpu"]
                print(f"    CPU seconds meanwhile: client {cpu['client']:.1f} + its pull "
                      f"process {cpu['child']:.1f}, server "
                      f"{cpu['server']:.1f}"
                      + (f", PostgreSQL {cpu['database']:.1f}" if backend == "postgres" else ""))
        if "idle" in one:
            median, p95 = one["idle"]
            print(f"sync with nothing to do:              median {fmt(median)}, p95 {fmt(p95)}"
                  "  (budget < 30 ms)")
        if "crowd" in only:
            crowd = bench_crowd(server, db_url, root, args.devices, args.changes,
                                args.clients_nice)
            print(f"{args.devices} devices at once, {args.changes} changes each: "
                  f"{crowd['requests']} requests, errors {crowd['errors']}, pushed "
                  f"{crowd['pushed']:,}, p50 {fmt(crowd['p50'])}, p95 {fmt(crowd['p95'])} "
                  f"(budget < 1 s), max {fmt(crowd['max'])}, wall {fmt(crowd['wall'])}"
                  + (f", error kinds {crowd['error_kinds']}" if crowd["errors"] else ""))
            cpu = crowd["cpu"]
            if args.clients_nice:
                print(f"    (the device processes ran at nice {args.clients_nice})")
            print(f"    CPU seconds meanwhile: server {cpu['server']:.1f}"
                  + (f", PostgreSQL {cpu['database']:.1f}" if backend == "postgres" else "")
                  + f", the {args.devices} devices' clients {cpu['clients']:.1f} "
                  f"({crowd['client_processes']} processes) — all on this machine's "
                  f"{os.cpu_count()} CPUs")
            if args.breakdown:
                for path, values in crowd["endpoints"].items():
                    print(f"    {path:<14} {len(values):>5} requests, p50 "
                          f"{fmt(percentile(values, 0.5))}, p95 {fmt(percentile(values, 0.95))},"
                          f" max {fmt(values[-1])}")
        print(f"server peak RSS: {server.peak_rss_mb():.0f} MB", flush=True)
        if "crowd" in only and crowd["errors"]:
            kept = Path(tempfile.gettempdir()) / f"rt-sync-bench-{backend}-server.log"
            shutil.copy(server.log_path, kept)
            print(f"server log kept: {kept}")
    shutil.rmtree(root, ignore_errors=True)


FIGURES = ("push", "pull", "idle", "crowd")


def _figures(text: str) -> set[str]:
    chosen = {part.strip() for part in text.split(",") if part.strip()}
    if unknown := chosen - set(FIGURES):
        raise argparse.ArgumentTypeError(f"unknown figure(s) {sorted(unknown)}; "
                                         f"choose from {', '.join(FIGURES)}")
    return chosen


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--database-url", help="an existing PostgreSQL database to use")
    parser.add_argument("--pushes", type=int, default=10_000)
    parser.add_argument("--pulls", type=int, default=100_000)
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="a tenth of every size")
    parser.add_argument("--only", type=_figures, default=set(FIGURES),
                        help=f"comma-separated figures to run (default all: {','.join(FIGURES)})")
    parser.add_argument("--workers", type=int, default=None,
                        help="server worker processes (default: rt-server's own default)")
    parser.add_argument("--breakdown", action="store_true",
                        help="CPU split of the pull, per-endpoint latencies of the crowd")
    parser.add_argument("--clients-nice", type=int, default=0, metavar="N",
                        help="run the crowd's device processes at nice N: a look at the server "
                        "when the devices do not take its CPUs (real devices have their own); "
                        "the budget's figure is the default, 0")
    parser.add_argument("--no-machine-line", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.pushes, args.pulls, args.devices = args.pushes // 10, args.pulls // 10, 20
    if args.backend == "both":
        # Each backend in a process of its own, as when run alone: the first one's hundreds of
        # thousands of records, stores and files must not weigh on the second's figures.
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
              f"{cpu_check()}", flush=True)
        given = list(sys.argv[1:] if argv is None else argv)
        for backend in ("sqlite", "postgres"):
            subprocess.run([sys.executable, __file__, *given, "--backend", backend,
                            "--no-machine-line"], check=True)
        print(f"\nat the end: {cpu_check()}")
        return
    if not args.no_machine_line:
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}; "
              f"{cpu_check()}")
    run_backend(args.backend, args)
    if not args.no_machine_line:
        print(f"\nat the end: {cpu_check()}")


if __name__ == "__main__":
    main()
