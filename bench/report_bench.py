"""Report data and exports on a large fixture: a kelurahan year over 100,000 sessions and 20,000
cases (with their referrals), on an encrypted coordinator store.

DESIGN.md §8 budgets (2-core machine): kelurahan year summary < 0.5 s; XLSX export < 2 s.
The fixture (40 RTs of one kelurahan, every record in the last full calendar year) is built
once under bench/out/ from the demo generator's records, written as rows in bulk, and reused.
Prints figures; asserts nothing. Run:

    python bench/report_bench.py [--sessions 100000] [--incidents 20000] [--rebuild]
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
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rt_desktop import casecode, demo
from rt_desktop.hlc import HybridClock
from rt_desktop.ids import new_id, utc_now_iso
from rt_desktop.records import Record, content_fields, to_row
from rt_desktop.reports import build_report, export_report, parse_period, resolve_scope
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import ENROL_SCOPE
from rt_desktop.validation import today_wita

OUT = Path(__file__).resolve().parent / "out"
KELURAHAN = "64.71.03.1004"
RTS = [f"{n:03d}" for n in range(1, 41)]
KEY = bytes.fromhex("6c" * 32)  # bench data only


def _rows(store: Store, records: Iterable[Record], clock: HybridClock, rng: random.Random,
          year: int) -> dict[str, list[dict[str, Any]]]:
    """Row form of ``records`` moved into ``year`` and spread over the RTs (a case keeps its
    referrals and follow-ups in its RT and month)."""
    out: dict[str, list[dict[str, Any]]] = {}
    place: tuple[str, int] = (RTS[0], 0)
    for record in records:
        if not getattr(record, "incident_id", None):
            place = (rng.choice(RTS), rng.randint(0, 364))
        rt, day = place
        changes: dict[str, Any] = {}
        for name in ("session_date", "reported_on", "occurred_on", "referred_on", "noted_on"):
            if getattr(record, name, None) is not None:
                changes[name] = dt.date(year, 1, 1) + dt.timedelta(days=day)
        if getattr(record, "next_follow_up_on", None) is not None:
            changes["next_follow_up_on"] = changes["noted_on"] + dt.timedelta(days=14)
        ts, now = clock.tick(), utc_now_iso()
        record = dataclasses.replace(
            record, **changes, id=record.id or new_id(), kelurahan_code=KELURAHAN, rt=rt,
            created_at=now, updated_at=now, created_by="bench", device_id=store.device_id,
            rev=1, hlc={name: ts for name in (*content_fields(type(record)), "deleted")})
        row = {**to_row(record), "sync_state": "synced", "sync_error": None}
        out.setdefault(record.TABLE, []).append(row)
    return out


def build_fixture(folder: Path, sessions: int, incidents: int, year: int) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    store = Store.create(folder, KEY, role="coordinator")
    store.set_meta(ENROL_SCOPE, json.dumps({"level": "kelurahan", "code": KELURAHAN,
                                            "rt": None}))
    store.set_configured_rts(KELURAHAN, RTS + ["041", "042"])  # two silent RTs
    rng = random.Random(2026)
    today = today_wita()
    clock = HybridClock(store.device_id)

    def cases() -> Iterable[Record]:
        for n in range(1, incidents + 1):
            incident, referrals, follow_ups = demo.make_incident(rng, today, n)
            yield dataclasses.replace(incident, case_code=casecode.format_case_code(
                "001", year, store.device_tag, n))
            yield from referrals
            yield from follow_ups

    batches = [(demo.make_session(rng, today) for _ in range(min(10_000, sessions - start)))
               for start in range(0, sessions, 10_000)] + [cases()]
    for batch in batches:
        with store.writing():
            for table, rows in _rows(store, batch, clock, rng, year).items():
                store.db.table(table).insert_all(rows, batch_size=500)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.db.execute("ANALYZE")
    store.close()
    (folder / "done").write_text(json.dumps({"sessions": sessions, "incidents": incidents,
                                             "year": year}))


def _seconds(step: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the fixture")
    args = parser.parse_args()
    year = today_wita().year - 1
    folder = OUT / f"report-encrypted-{args.sessions}s-{args.incidents}i"
    if args.rebuild or not (folder / "done").exists():
        built = _seconds(lambda: build_fixture(folder, args.sessions, args.incidents, year), 1)
        print(f"built the fixture in {built[0]:.0f} s")
    year = json.loads((folder / "done").read_text())["year"]
    print(f"{args.sessions} sessions + {args.incidents} cases, {len(RTS)} RTs, year {year}, "
          f"{os.cpu_count()} CPUs, encrypted")

    store = Store.open(folder, KEY)
    try:
        scope = resolve_scope(store)
        figures: dict[str, tuple[list[float], float | None]] = {}
        for label, period in (("year summary", str(year)), ("quarter summary", f"{year}-Q4"),
                              ("month summary", f"{year}-11"),
                              ("custom range summary", f"{year}-01-01..{year}-06-30")):
            chosen = parse_period(period)
            figures[label] = (_seconds(lambda p=chosen: build_report(store, p, scope),
                                       args.runs), 0.5 if label == "year summary" else None)
        report = build_report(store, parse_period(str(year)), scope)
        with tempfile.TemporaryDirectory() as out:
            for fmt, name, budget in (("xlsx", "r.xlsx", 2.0), ("csv", "r.zip", None)):
                target = Path(out) / name

                def export(fmt: str = fmt, target: Path = target) -> None:
                    export_report(store, build_report(store, parse_period(str(year)), scope),
                                  target, fmt, user="bench")

                figures[f"{fmt} export (year, summary included)"] = (
                    _seconds(export, args.runs), budget)
        hidden = sum(1 for t in report.tables for r in t.rows for v in r.values
                     if type(v).__name__ == "Hidden")
    finally:
        store.close()
    print(f"{'':42}{'median s':>10}{'max s':>9}  budget")
    for label, (times, budget) in figures.items():
        note = f"< {budget:g} s" if budget else ""
        print(f"{label:42}{statistics.median(times):10.3f}{max(times):9.3f}  {note}")
    print(f"hidden cells in the year report: {hidden}")


if __name__ == "__main__":
    main()
