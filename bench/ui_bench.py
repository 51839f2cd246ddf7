"""The volunteer UI on the large fixture (100,000 sessions + 20,000 incidents), offscreen.

DESIGN.md §8 budgets (2-core machine): cold start to an interactive main window < 1.5 s with
RSS < 250 MB; filter/search in a list < 50 ms; opening a record < 100 ms.

Cold start runs in a fresh process each time (``--child``): from before the process is started
until the main window is shown, unlocked and Beranda shows its figures. The password is typed
by the script at once, so the figure includes the password's key derivation (the default scrypt
cost, as on a real laptop) but not a person's typing. The fixture is bench/store_bench.py's,
built with bulk inserts through the store's own row form and search index, plus a key file for
it (user "Bench"). Prints figures; asserts nothing. Run:

    python bench/ui_bench.py [--runs 5] [--sessions 100000] [--incidents 20000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

PASSWORD = "bench-sandi-123"
USER = "Bench"


# --- fixture -------------------------------------------------------------------------------

def ui_fixture(sessions: int, incidents: int) -> Path:
    """bench/out/ui-…: store_bench's encrypted fixture plus a key file that opens it."""
    import store_bench

    from rt_desktop.ids import new_id, utc_now_iso
    from rt_desktop.store.keyslots import DEFAULT_KDF, KEYS_FILENAME, KeySlots
    from rt_desktop.store.keywrap import (
        PASSWORD as PASSWORD_SLOT,
    )
    from rt_desktop.store.keywrap import (
        RECOVERY,
        key_id,
        new_recovery_code,
        normalise_recovery_code,
        wrap,
    )
    from rt_desktop.store.store import Store

    folder = BENCH / "out" / f"ui-{sessions}s-{incidents}i"
    if (folder / "done").exists():
        # Migrations added since the fixture was made run now, not in a measured start.
        Store.open(folder, store_bench.KEY).close()
        return folder
    source = BENCH / "out" / f"store-encrypted-{sessions}s-{incidents}i"
    if not (source / "done").exists():
        print(f"building the store fixture ({sessions} sessions, {incidents} incidents)…",
              flush=True)
        store_bench.build_fixture(source, True, sessions, incidents)
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(source, folder)
    (folder / "done").unlink()
    kid = key_id(store_bench.KEY)
    slots = [wrap(store_bench.KEY, kid, PASSWORD.encode(), DEFAULT_KDF, kind=PASSWORD_SLOT,
                  user_id=new_id(), display_name=USER),
             wrap(store_bench.KEY, kid, normalise_recovery_code(new_recovery_code()).encode(),
                  DEFAULT_KDF, kind=RECOVERY)]
    # The fixture's key is fixed (store_bench.KEY); KeySlots.create would make a new one, so
    # the file is written the way KeySlots writes it.
    KeySlots(folder / KEYS_FILENAME, kid, slots, created_at=utc_now_iso())._write(slots)
    Store.open(folder, store_bench.KEY).close()  # migrations (list indexes) before any timing
    (folder / "done").write_text(json.dumps({"sessions": sessions, "incidents": incidents}))
    return folder


# --- the child process ---------------------------------------------------------------------

def rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def wait_for(check: Callable[[], object], timeout: float = 120.0) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    if check():
        return
    loop, timer = QEventLoop(), QTimer()
    deadline = time.monotonic() + timeout
    timer.setInterval(1)

    def tick() -> None:
        if check() or time.monotonic() > deadline:
            loop.quit()

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    if not check():
        raise TimeoutError("the UI did not get there in time")


def child(data_dir: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.app import Shell, apply_style
    from ui.context import AppContext
    from ui.i18n import Translations, data_language
    from ui.settings_page import DeviceSettings

    app = QApplication(sys.argv[:1])
    apply_style(app)
    device = DeviceSettings.load(data_dir)
    translations = Translations(app)
    translations.apply(device.language)
    ctx = AppContext(data_dir, lang=data_language(device.language))
    shell = Shell(ctx, device, translations)
    shell.start()
    window = shell.window
    assert window is not None
    login = window.login.login
    wait_for(lambda: login.users.count() > 0)
    login_ready = time.perf_counter()
    login.password.setText(PASSWORD)
    login.submit()
    wait_for(lambda: not window.locked and window.home.summary is not None)
    ready = time.perf_counter()
    figures: dict[str, Any] = {"unlocked_at": ready, "login_at": login_ready,
                               "rss_mb": rss_mb()}
    figures.update(interactions(window))
    figures["rss_after_mb"] = rss_mb()
    print("FIGURES " + json.dumps(figures), flush=True)
    window.shutdown()
    window.close()
    sys.stdout.flush()
    os._exit(0)  # figures are out; skip tearing down 100k-row models at interpreter exit


def _median_ms(step: Callable[[], Callable[[], object]], runs: int = 7) -> float:
    """``step()`` starts something and returns the check that says it is done."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        wait_for(step())
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def interactions(window: Any) -> dict[str, float]:
    """Opening a record, once the forms exist (lists: see list_figures)."""
    figures: dict[str, float] = {}
    ids: list[Any] = []
    window.ctx.run_db(lambda s: [r[0] for r in s.db.execute(
        "SELECT id FROM parenting_sessions ORDER BY random() LIMIT 7")], success=ids.append)
    wait_for(lambda: ids)
    if "parenting_session" in window.form_factories:
        pending = list(ids[0])

        def open_one() -> Callable[[], object]:
            record_id = pending.pop()
            window.open_record("parenting_session", record_id)
            form = window.pages.currentWidget()
            done: list[bool] = []
            form.ready.connect(lambda: done.append(True))
            return lambda: done or not getattr(form, "_loading", False)

        figures["open_session_ms"] = _median_ms(open_one)
    figures.update(list_figures(window))
    return figures


SEARCHES = ("posyandu", "gawai malam", "peran ayah", "Musala", "bidan", "disiplin", "kamling")


def list_figures(window: Any) -> dict[str, float]:
    """Filter and search in the two lists: from the change to the first page on screen. The
    search field's typing pause (the list waits for the volunteer to stop typing) is skipped."""
    figures: dict[str, float] = {}
    for key, combo_names in (("sessions", ("topic", "period")),
                             ("incidents", ("status", "risk", "violence"))):
        page = window.page_widgets.get(key)
        if page is not None and hasattr(page, "model"):
            window.show_page(key)
            model = page.model
            wait_for(lambda: model.rowCount() > 0)  # noqa: B023 — used at once, in this loop
            figures.update(_page_figures(key, page, [getattr(page, n) for n in combo_names]))
    return figures


def _page_figures(key: str, page: Any, combos: list[Any]) -> dict[str, float]:
    loaded: list[bool] = []
    page.model.rows_replaced.connect(lambda: loaded.append(True))  # the first page is in

    def timed(change: Callable[[], object]) -> Callable[[], object]:
        loaded.clear()
        change()
        return lambda: loaded

    choices = [(c, i) for c in combos for i in range(1, min(c.count(), 4))]
    steps = iter(choices * 3)

    def filter_once() -> Callable[[], object]:
        combo, index = next(steps)
        for other in combos:  # one filter at a time
            if other is not combo:
                other.blockSignals(True)
                other.setCurrentIndex(0)
                other.blockSignals(False)
        return timed(lambda: (combo.setCurrentIndex(index), page.apply_filters()))

    words = iter(SEARCHES * 2)

    def search_once() -> Callable[[], object]:
        text = next(words)
        return timed(lambda: (page.search.setText(text), page.apply_filters()))

    figures = {f"{key}_filter_ms": _median_ms(filter_once, runs=min(9, len(choices) * 3))}
    for combo in combos:
        combo.setCurrentIndex(0)
    figures[f"{key}_search_ms"] = _median_ms(search_once, runs=len(SEARCHES))
    page.search.clear()
    page.apply_filters()
    return figures


# --- the parent ----------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--incidents", type=int, default=20_000)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    folder = ui_fixture(args.sessions, args.incidents)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    runs = []
    for _ in range(args.runs):
        start = time.perf_counter()
        # perf_counter is CLOCK_MONOTONIC on Linux: comparable across the two processes.
        out = subprocess.run([sys.executable, __file__, "--child", str(folder)], env=env,
                             capture_output=True, text=True, check=True).stdout
        line = next(x for x in out.splitlines() if x.startswith("FIGURES "))
        figures = json.loads(line.removeprefix("FIGURES "))
        figures["cold_start_s"] = figures.pop("unlocked_at") - start
        figures["login_screen_s"] = figures.pop("login_at") - start
        runs.append(figures)
    print(f"{args.sessions} sessions + {args.incidents} incidents, {args.runs} cold starts, "
          f"{os.cpu_count()} CPUs, offscreen")
    budgets = {"cold_start_s": "< 1.5", "rss_mb": "< 250", "open_session_ms": "< 100",
               "sessions_filter_ms": "< 50", "sessions_search_ms": "< 50",
               "incidents_filter_ms": "< 50", "incidents_search_ms": "< 50"}
    for key in runs[0]:
        values = [r[key] for r in runs]
        print(f"{key:24}{statistics.median(values):10.3f}  (min {min(values):.3f}, "
              f"max {max(values):.3f})  {budgets.get(key, '')}")
    print("cold_start_s includes the password's key derivation (bench/kdf_bench.py); "
          "login_screen_s: from the start to the login screen listing the users")


if __name__ == "__main__":
    main()
