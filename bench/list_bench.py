"""The volunteer's lists on the large fixture: open, filter, search, scroll — in the queries and
through the Qt models.

DESIGN.md §8 budget: open a list / filter / full-text search < 50 ms (2-core machine, 100,000
sessions + 20,000 incidents). Uses bench/store_bench.py's encrypted fixture (built there if
missing), copied once to bench/out/list-… and migrated (the list indexes of migration m004 take
a few seconds to build the first time). Prints figures; asserts nothing. Run:

    python bench/list_bench.py [--sessions 100000] [--incidents 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from store_bench import KEY, OUT, build_fixture  # noqa: E402 — bench/ is the script's folder

from rt_desktop import access  # noqa: E402
from rt_desktop.store import queries  # noqa: E402
from rt_desktop.store.queries import IncidentQuery, SessionQuery  # noqa: E402
from rt_desktop.store.store import Store  # noqa: E402
from rt_desktop.validation import today_wita  # noqa: E402

SEARCHES = ("disiplin", "peran ayah", "musala", "bidan puskesmas")


def fixture(sessions: int, incidents: int) -> Path:
    source = OUT / f"store-encrypted-{sessions}s-{incidents}i"
    if not (source / "done").exists():
        seconds = timed(lambda: build_fixture(source, True, sessions, incidents)) / 1000
        print(f"built the store fixture in {seconds:.0f} s")
    folder = OUT / f"list-encrypted-{sessions}s-{incidents}i"
    if not (folder / "done").exists() or (folder / "done").stat().st_mtime < (
            source / "done").stat().st_mtime:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(source, folder)
        seconds = timed(lambda: Store.open(folder, KEY).close()) / 1000
        print(f"migrated a copy of it (list indexes) in {seconds:.1f} s")
    return folder


def timed(step: Callable[[], Any]) -> float:
    start = time.perf_counter()
    step()
    return (time.perf_counter() - start) * 1000


def figures(step: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    """First run, median and worst of ``repeat`` runs, in ms."""
    runs = [timed(step) for _ in range(repeat)]
    return runs[0], statistics.median(runs), max(runs)


def show(name: str, values: tuple[float, float, float]) -> None:
    first, median, worst = values
    print(f"  {name:44}{first:9.1f}{median:9.1f}{worst:9.1f}")


def scroll(store: Store, page_of: Callable[..., queries.Page], query: Any, rows: int) -> int:
    """Page after page, as the view asks while scrolling, until ``rows`` rows are loaded."""
    loaded, after = 0, None
    while loaded < rows:
        page = page_of(store, query, after=after)
        loaded += len(page.rows)
        if page.after is None:
            break
        after = page.after
    return loaded


def sessions_both(store: Store, query: SessionQuery) -> None:
    queries.session_page(store, query)
    queries.session_count(store, query)


def cases_both(store: Store, query: IncidentQuery) -> None:
    queries.incident_page(store, query)
    queries.incident_count(store, query)


def query_figures(store: Store, repeat: int) -> None:
    today = today_wita()
    month = queries.period_range("this_month", today)
    print(f"queries (ms){'':34}{'first':>9}{'median':>9}{'worst':>9}")
    show("sessions: open (page 1 + count)",
         figures(partial(sessions_both, store, SessionQuery()), repeat))
    for label, query in (("filter: this month + topic", SessionQuery(
            date_from=month[0], date_to=month[1], topic="peran_ayah")),
            ("filter: topic, by venue", SessionQuery(topic="putus_sekolah", sort="venue")),
            ("sort: by attendees", SessionQuery(sort="attendees"))):
        show(f"sessions: {label}", figures(partial(sessions_both, store, query), repeat))
    for text in SEARCHES:
        search = SessionQuery(text=text)
        show(f"sessions: search {text!r} page 1",
             figures(partial(queries.session_page, store, search), repeat))
        show(f"sessions: search {text!r} count",
             figures(partial(queries.session_count, store, search), repeat))
    show("sessions: scroll to row 50,000 (250 pages)", figures(
        lambda: scroll(store, queries.session_page, SessionQuery(), 50_000), 1))
    cases = IncidentQuery(today=today)
    show("cases: open (overdue first; page 1 + count)",
         figures(partial(cases_both, store, cases), repeat))
    filtered = IncidentQuery(status="dirujuk", violence_type="fisik", risk_level="sedang",
                             today=today)
    show("cases: filter status + jenis + risk", figures(partial(cases_both, store, filtered),
                                                         repeat))
    code = queries.incident_page(store, cases, limit=1).rows[0]["case_code"]
    for text in (code, code[:10], "kekerasan seksual"):
        show(f"cases: search {text!r}", figures(
            partial(cases_both, store, IncidentQuery(text=text, today=today)), repeat))
    show("cases: scroll to the last row (20,000)", figures(
        lambda: scroll(store, queries.incident_page, cases, 20_000), 1))
    show("home summary", figures(lambda: queries.home_summary(store, today), repeat))


def model_figures(folder: Path, store: Store, repeat: int) -> None:
    """The same through the real list pages: the database worker, the signal back, the model,
    the table view."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.incidents.list_view import IncidentListPage
    from ui.sessions.list_view import SessionListPage

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = AppContext(folder)
    ctx.unlocked = access.Unlocked(store=store, slots=None, user=None, key=KEY)  # type: ignore

    def wait(done: Callable[[], bool]) -> None:
        # Woken by the models' own signals (a poll would take the worker's CPU and add its
        # period to every figure); the timer is only a safety net.
        if done():
            return
        loop = QEventLoop()

        def check(*_: Any) -> None:
            if done():
                loop.quit()

        models = [page.model for page in pages]
        for model in models:
            for signal in (model.rows_replaced, model.rows_appended, model.count_changed,
                           model.load_failed):
                signal.connect(check)
        timer = QTimer()
        timer.timeout.connect(check)
        timer.start(50)
        loop.exec()
        timer.stop()
        for model in models:
            for signal in (model.rows_replaced, model.rows_appended, model.count_changed,
                           model.load_failed):
                signal.disconnect(check)

    def apply(page: Any, change: Callable[[], Any]) -> tuple[float, float]:
        """ms until the rows show, and until the count shows."""
        page.model.total = None
        start = time.perf_counter()
        change()
        page.apply_filters()  # what the search field does after its pause
        wait(lambda: not page.model.is_loading())
        rows = (time.perf_counter() - start) * 1000
        wait(lambda: page.model.total is not None)
        return rows, (time.perf_counter() - start) * 1000

    def measure(name: str, page: Any, change: Callable[[], Any]) -> None:
        runs = [apply(page, change) for _ in range(repeat)]
        rows, counts = [r for r, _ in runs], [c for _, c in runs]
        print(f"  {name:44}{rows[0]:9.1f}{statistics.median(rows):9.1f}"
              f"{counts[0]:9.1f}{statistics.median(counts):9.1f}")

    print(f"\nthrough the list pages (ms){'':19}{'rows:':>9}{'':9}{'count:':>9}")
    print(f"{'':46}{'first':>9}{'median':>9}{'first':>9}{'median':>9}")
    pages: list[Any] = []
    sessions = SessionListPage(ctx)
    pages.append(sessions)
    sessions.resize(1100, 700)
    sessions.show()
    measure("sessions: open", sessions, lambda: None)
    measure("sessions: filter this month", sessions, lambda: sessions.period.setCurrentIndex(1))
    def search_sessions() -> None:
        sessions.period.setCurrentIndex(0)
        sessions.search.setText("peran ayah")

    measure("sessions: search 'peran ayah'", sessions, search_sessions)

    def scroll_to(page: Any, row: int) -> None:
        apply(page, page.search.clear)  # the whole list, newest first
        model = page.model
        while model.rowCount() <= row and model.canFetchMore():
            page.table.scrollToBottom()  # the view asks for the next page itself
            wait(lambda: not model.is_loading())
            app.processEvents()
        page.table.scrollTo(model.index(row, 0))
        app.processEvents()

    scrolled = timed(lambda: scroll_to(sessions, 49_999))
    print(f"  {'sessions: scroll to row 50,000 (250 pages)':44}{scrolled:9.1f}")
    sessions.close()
    cases = IncidentListPage(ctx)
    pages[:] = [cases]
    cases.resize(1100, 700)
    cases.show()
    measure("cases: open (overdue first)", cases, lambda: None)
    measure("cases: filter status 'dirujuk'", cases, lambda: cases.status.setCurrentIndex(
        cases.status.findData("dirujuk")))
    def search_cases() -> None:
        cases.status.setCurrentIndex(0)
        cases.search.setText("kekerasan seksual")

    measure("cases: search 'kekerasan seksual'", cases, search_cases)
    cases.close()
    ctx.tasks.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = fixture(args.sessions, args.incidents)
    print(f"{args.sessions} sessions + {args.incidents} incidents, encrypted, "
          f"{os.cpu_count()} CPUs, {dt.date.today()}")
    opened = time.perf_counter()
    store = Store.open(folder, KEY)
    print(f"opened in {(time.perf_counter() - opened) * 1000:.0f} ms (no key derivation)\n")
    try:
        query_figures(store, args.repeat)
        model_figures(folder, store, args.repeat)
    finally:
        store.close()
    print("\nbudget (DESIGN.md §8): open a list / filter / full-text search < 50 ms")


if __name__ == "__main__":
    main()
