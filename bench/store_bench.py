"""The local store on a large fixture: save, list, search and open times, encrypted and plain.

DESIGN.md §8 budgets (2-core machine, 100,000 sessions + 20,000 incidents): save one record with
its outbox and audit rows p95 < 10 ms; open a list / filter / full-text search < 50 ms; open an
existing database < 0.5 s excluding key derivation (bench/kdf_bench.py times that step). The
encryption's cost is the same bench on a plain SQLite file, as a ratio (goal < 1.15×).

The fixture is built once per size under bench/out/ (bulk rows through the store's own row form
and search-index code, same schema) and copied before each run, so runs start alike. Saves go
through the real ``Store.save``. Prints figures; asserts nothing. Run:

    python bench/store_bench.py [--sessions 100000] [--incidents 20000] [--saves 500]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from rt_desktop import casecode, demo
from rt_desktop.hlc import HybridClock
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import (
    Incident,
    ParentingSession,
    Record,
    Referral,
    content_fields,
    to_row,
)
from rt_desktop.store import search
from rt_desktop.store.compat import dbapi2
from rt_desktop.store.connection import BUSY_TIMEOUT_MS, CACHE_KIB, DB_FILENAME
from rt_desktop.store.migrations import MIGRATIONS, unknown_migrations
from rt_desktop.store.store import Store
from rt_desktop.validation import today_wita

OUT = Path(__file__).resolve().parent / "out"
KELURAHAN, RT, USER = "64.71.03.1004", "007", "bench"
KEY = bytes.fromhex("5e" * 32)  # bench data only
QUERIES = ("disiplin", "pengasuhan positif", "gawai malam", "Musala", "posyandu melati",
           "peran ayah", "kekerasan fisik", "rumah tangga tinggi", "RT007-2026", "bidan")


# --- plain SQLite, same code otherwise --------------------------------------------------------

def open_plain(data_dir: Path, *, create: bool = False) -> Store:
    """A Store on an unencrypted file: sqlcipher3 without a key is plain SQLite, with the same
    SQLite build and the same pragmas as connection.open_database."""
    path = data_dir / DB_FILENAME
    import sqlite_utils

    conn = dbapi2.connect(f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}",
                          uri=True, check_same_thread=False)
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "foreign_keys = ON",
                   "temp_store = MEMORY", f"cache_size = -{CACHE_KIB}", "journal_mode = WAL",
                   "synchronous = FULL"):
        conn.execute(f"PRAGMA {pragma}")
    db = sqlite_utils.Database(conn, execute_plugins=False)
    if create:
        with db.atomic():
            MIGRATIONS.apply(db)
            device = new_id()
            for key, value in (("device_id", device), ("device_tag", casecode.new_device_tag()),
                               ("kelurahan_code", KELURAHAN), ("rt", RT),
                               ("hlc_last", HybridClock(device).tick())):
                db.table("meta").insert({"key": key, "value": value})
    else:
        assert not unknown_migrations(db) and not MIGRATIONS.pending(db)
    return Store(db, path)


def open_store(data_dir: Path, encrypted: bool, *, create: bool = False) -> Store:
    if encrypted:
        if create:
            return Store.create(data_dir, KEY, kelurahan_code=KELURAHAN, rt=RT)
        return Store.open(data_dir, KEY)
    return open_plain(data_dir, create=create)


# --- fixture ----------------------------------------------------------------------------------

def _enveloped(store: Store, record: Record, clock: HybridClock,
               rev: int) -> tuple[dict[str, Any], Record]:
    ts = clock.tick()
    now = utc_now_iso()
    record = dataclasses.replace(
        record, id=record.id or new_id(), kelurahan_code=KELURAHAN, rt=RT, created_at=now,
        updated_at=now, created_by=USER, device_id=store.device_id, rev=rev,
        hlc={name: ts for name in (*content_fields(type(record)), "deleted")})
    return {**to_row(record), "sync_state": "synced", "sync_error": None}, record


def _bulk(store: Store, records: Iterable[Record], clock: HybridClock) -> int:
    rows: dict[str, list[dict[str, Any]]] = {}
    count = 0
    with store.writing():
        for record in records:
            row, full = _enveloped(store, record, clock, rev=count + 1)
            rows.setdefault(full.TABLE, []).append(row)
            search.index_record(store.db, full)
            count += 1
        for table, table_rows in rows.items():
            store.db.table(table).insert_all(table_rows, batch_size=500)
        store.set_meta("hlc_last", clock.last)
    return count


def build_fixture(folder: Path, encrypted: bool, sessions: int, incidents: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    store = open_store(folder, encrypted, create=True)
    rng = random.Random(2026)
    today = today_wita()
    clock = HybridClock(store.device_id)
    for start in range(0, sessions, 10_000):
        _bulk(store, (demo.make_session(rng, today)
                      for _ in range(min(10_000, sessions - start))), clock)
    year_seq: dict[int, int] = {}

    def cases() -> Iterable[Record]:
        for n in range(1, incidents + 1):
            incident, referrals, follow_ups = demo.make_incident(rng, today, n)
            assert incident.reported_on is not None
            year = incident.reported_on.year
            year_seq[year] = year_seq.get(year, 0) + 1
            yield dataclasses.replace(incident, case_code=casecode.format_case_code(
                RT, year, store.device_tag, year_seq[year]))
            yield from referrals
            yield from follow_ups

    _bulk(store, cases(), clock)
    for year, sequence in year_seq.items():
        store.set_meta(f"case_seq:{year}", str(sequence))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("ANALYZE")
    store.close()
    (folder / "done").write_text(json.dumps({"sessions": sessions, "incidents": incidents}))


# --- measurements -----------------------------------------------------------------------------

def _ms(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def measure(folder: Path, encrypted: bool, saves: int) -> dict[str, float]:
    run = folder.parent / (folder.name + "-run")
    if run.exists():
        shutil.rmtree(run)
    shutil.copytree(folder, run)
    figures: dict[str, float] = {}
    opens = []
    for _ in range(5):
        start = time.perf_counter()
        store = open_store(run, encrypted)
        opens.append((time.perf_counter() - start) * 1000)
        store.close()
    figures["open_ms"] = statistics.median(opens)

    store = open_store(run, encrypted)
    rng = random.Random(7)
    today = today_wita()
    session_ids = [r[0] for r in store.db.execute(
        "SELECT id FROM parenting_sessions ORDER BY random() LIMIT ?", [saves])]
    times: dict[str, list[float]] = {"new session": [], "edit session": [], "new incident": []}

    def save(record: Record, referrals: Sequence[Referral] = ()) -> float:
        start = time.perf_counter()
        store.save(record, user=USER, referrals=referrals)
        return (time.perf_counter() - start) * 1000

    for n in range(saves):
        kind = ("new session", "edit session", "new session", "new incident")[n % 4]
        if kind == "new session":
            times[kind].append(save(demo.make_session(rng, today)))
        elif kind == "edit session":
            stored = store.get(ParentingSession, session_ids[n % len(session_ids)])
            assert stored is not None
            times[kind].append(save(dataclasses.replace(
                stored, fathers=(stored.fathers or 0) + 1,
                summary=(stored.summary or "") + " Catatan tambahan.")))
        else:
            incident, referrals, _ = demo.make_incident(rng, today, 90_000 + n)
            times[kind].append(save(dataclasses.replace(incident, id=""), [
                dataclasses.replace(r, incident_id="") for r in referrals]))
    every = [t for values in times.values() for t in values]
    figures["save_p50_ms"], figures["save_p95_ms"] = _pct(every, 50), _pct(every, 95)
    for kind, values in times.items():
        figures[f"{kind} p95_ms"] = _pct(values, 95)

    searches = [_ms(partial(store.search, q)) for _ in range(5) for q in QUERIES]
    figures["search_median_ms"] = statistics.median(searches)
    figures["search_max_ms"] = max(searches)
    since = (today - dt.timedelta(days=90)).isoformat()

    def session_list() -> None:
        store.list_records(ParentingSession, order_by="session_date DESC", limit=50)
        store.count(ParentingSession)

    def incident_filter() -> None:
        store.list_records(Incident, where="status = ? AND reported_on >= ?",
                           params=["dirujuk", since], order_by="reported_on DESC", limit=50)
        store.count(Incident, where="status = ?", params=["dirujuk"])

    lists = [_ms(step) for step in (session_list, incident_filter) for _ in range(10)]
    figures["list_median_ms"] = statistics.median(lists)
    store.close()
    figures["size_mb"] = (run / DB_FILENAME).stat().st_size / 2**20
    shutil.rmtree(run)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=20_000)
    parser.add_argument("--saves", type=int, default=500)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the fixture")
    args = parser.parse_args()
    print(f"{args.sessions} sessions + {args.incidents} incidents, {args.saves} saves, "
          f"{os.cpu_count()} CPUs")
    results = {}
    for encrypted in (True, False):
        name = "encrypted" if encrypted else "plain"
        folder = OUT / f"store-{name}-{args.sessions}s-{args.incidents}i"
        if args.rebuild or not (folder / "done").exists():
            built = _ms(partial(build_fixture, folder, encrypted, args.sessions,
                                args.incidents)) / 1000
            print(f"built the {name} fixture in {built:.0f} s")
        results[name] = measure(folder, encrypted, args.saves)

    enc, plain = results["encrypted"], results["plain"]
    budgets = {"save_p95_ms": 10, "search_median_ms": 50, "list_median_ms": 50, "open_ms": 500}
    print(f"{'':24}{'encrypted':>11}{'plain':>11}{'ratio':>8}  budget")
    for key in enc:
        ratio = enc[key] / plain[key] if plain[key] else float("nan")
        budget = f"< {budgets[key]}" if key in budgets else ""
        print(f"{key:24}{enc[key]:11.2f}{plain[key]:11.2f}{ratio:7.2f}×  {budget}")
    print("open excludes key derivation: see bench/kdf_bench.py")


if __name__ == "__main__":
    main()
