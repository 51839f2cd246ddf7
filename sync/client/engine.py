"""One sync run: settings, push, pull (DESIGN.md §5) — the entry point the app and
``rt-desktop sync`` call.

The run's bookkeeping (last success, failures in a row, when the next automatic attempt is due,
the last error in plain words, clock skew) is kept in the store's meta
(:mod:`rt_desktop.store.sync_meta`), so the status bar and ``rt-desktop status`` show it and a
restarted app keeps backing off where it was.

Threads: every store access goes through ``db`` (default: the calling thread), so the app can
run the network part on a worker and the database part on its one database worker. ``cancel``
stops a run between batches and pages: what was applied stays applied, nothing is half-done.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from dataclasses import dataclass
from functools import partial

from pydantic import ValidationError

from rt_desktop import __version__
from rt_desktop.ids import utc_now_iso
from rt_desktop.store import sync_apply, sync_meta
from rt_desktop.store.store import Store
from sync import protocol
from sync.client.backoff import BackoffPolicy
from sync.client.enrol import connect, store_settings
from sync.client.errors import SyncError
from sync.client.http import DEFAULT_TIMEOUT, Connection, parse_server_time
from sync.client.pull import pull_records
from sync.client.push import DbRunner, direct, push_changes

__all__ = ["CLOCK_SKEW_LIMIT", "SyncResult", "newer_version", "next_attempt_at", "probe",
           "run_sync"]

CLOCK_SKEW_LIMIT = 5 * 60.0  # seconds (DESIGN.md §5)


@dataclass(frozen=True)
class SyncResult:
    pushed: int              # changes the server acknowledged
    merged: int              # of those, merged with another device's writes
    rejected: int            # changes the server rejected in this run (kept locally)
    pulled: int              # records received and applied
    conflicts: int           # open conflict entries on this device after the run
    new_conflicts: int       # open conflict entries received in this run
    duration: float          # seconds
    clock_skew_seconds: float | None  # server minus local; reported when above 5 minutes
    latest_app_version: str | None
    download_url: str | None
    cancelled: bool = False

    @property
    def clock_skew_reported(self) -> bool:
        return self.clock_skew_seconds is not None and abs(
            self.clock_skew_seconds) > CLOCK_SKEW_LIMIT

    @property
    def update_available(self) -> bool:
        return bool(self.latest_app_version) and newer_version(self.latest_app_version or "",
                                                                __version__)

    @property
    def exit_code(self) -> int:
        """0, or 5 (partly done) when changes were rejected (DESIGN.md §4)."""
        return 5 if self.rejected else 0


def newer_version(candidate: str, current: str) -> bool:
    """Whether version text ``candidate`` is above ``current`` (numeric parts compared)."""
    return protocol.app_version_parts(candidate) > protocol.app_version_parts(current)


def next_attempt_at(store: Store) -> dt.datetime | None:
    """When the next automatic run is due after failures (``None``: whenever the timer says)."""
    return parse_server_time(store.meta(sync_meta.SYNC_NEXT_ATTEMPT) or "")


def probe(store: Store, *, timeout: tuple[float, float] = (3.0, 5.0)) -> bool:
    """Whether this device's server answers its health check now (no token needed)."""
    try:
        with connect(store, timeout=timeout) as conn:
            protocol.Health.model_validate(conn.get("/health"))
        return True
    except (SyncError, ValidationError):
        return False


def run_sync(store: Store, *, db: DbRunner | None = None, cancel: threading.Event | None = None,
             policy: BackoffPolicy | None = None, timeout: tuple[float, float] = DEFAULT_TIMEOUT,
             user: str | None = None, pull_limit: int = protocol.MAX_PULL_LIMIT,
             push_batch: int = protocol.MAX_PUSH_CHANGES) -> SyncResult:
    """One sync: refresh the server's settings, push the outbox, pull every record type.

    :param db: runs a function of the store where the store may be used (default: here)
    :param cancel: set it to stop between batches and pages
    :param user: the local user, for the audit log
    :raises SyncError: the run stopped (unreachable, auth, update_required, server_error,
        rate_limited, …); what was done before stays done, and the next attempt time is set
    """
    run_db = db or direct(store)
    policy = policy or BackoffPolicy()
    started = time.monotonic()
    attempt = utc_now_iso()
    push_done = False
    conn: Connection | None = None
    try:
        conn = run_db(lambda s: connect(s, timeout=timeout))
        try:
            settings = protocol.Settings.model_validate(conn.get("/settings"))
        except ValidationError as exc:
            raise SyncError("protocol", "Pengaturan dari server tidak dikenali.",
                            "The server's settings were not understood.") from exc
        run_db(lambda s: store_settings(s, settings))
        pushed = push_changes(conn, run_db, policy=policy, batch_size=push_batch, cancel=cancel)
        push_done = True
        pulled = pull_records(conn, run_db, limit=pull_limit, cancel=cancel, own=pushed.own)
    except SyncError as exc:
        run_db(partial(_record_failure, error=exc, policy=policy, conn=conn, attempt=attempt,
                       count_attempt=not push_done and exc.kind != "not_enrolled"))
        raise
    finally:
        if conn is not None:
            conn.close()
    skew = conn.clock_skew
    result = SyncResult(
        pushed=pushed.acknowledged, merged=pushed.merged, rejected=pushed.rejected,
        pulled=pulled.pulled, conflicts=run_db(sync_apply.open_conflict_count),
        new_conflicts=pulled.new_conflicts, duration=time.monotonic() - started,
        clock_skew_seconds=skew, latest_app_version=settings.latest_app_version or None,
        download_url=settings.download_url or None,
        cancelled=bool(cancel and cancel.is_set()))
    if not result.cancelled:  # a run stopped half-way is neither a success nor a failure
        run_db(lambda s: _record_success(s, result, user, attempt))
    return result


def _record_success(store: Store, result: SyncResult, user: str | None, attempt: str) -> None:
    with store.writing():
        for key, value in ((sync_meta.SYNC_LAST_SUCCESS, utc_now_iso()),
                           (sync_meta.SYNC_LAST_ATTEMPT, attempt),
                           (sync_meta.SYNC_FAILURES, "0"), (sync_meta.SYNC_NEXT_ATTEMPT, ""),
                           (sync_meta.SYNC_LAST_ERROR, ""), (sync_meta.SYNC_LAST_ERROR_KIND, ""),
                           (sync_meta.SYNC_CLOCK_SKEW, "" if result.clock_skew_seconds is None
                            else f"{result.clock_skew_seconds:.3f}")):
            store.set_meta(key, value)
        if user:
            store.audit("sync", user=user,
                        detail=f"pushed {result.pushed}, pulled {result.pulled}, "
                               f"rejected {result.rejected}, conflicts {result.conflicts}")


def _record_failure(store: Store, error: SyncError, policy: BackoffPolicy,
                    conn: Connection | None, attempt: str, count_attempt: bool) -> None:
    if count_attempt:  # every change still waiting missed this run
        sync_apply.mark_push_failed(store, error.message_id,
                                    lambda n: sync_apply.retry_time(policy.delay(n)))
    failures = int(store.meta(sync_meta.SYNC_FAILURES) or 0) + 1
    due = sync_apply.retry_time(policy.delay(failures, error.retry_after))
    with store.writing():
        store.set_meta(sync_meta.SYNC_FAILURES, str(failures))
        store.set_meta(sync_meta.SYNC_LAST_ATTEMPT, attempt)
        store.set_meta(sync_meta.SYNC_NEXT_ATTEMPT, due)
        store.set_meta(sync_meta.SYNC_LAST_ERROR, error.message_id)
        store.set_meta(sync_meta.SYNC_LAST_ERROR_KIND, error.kind)
        if conn is not None and conn.clock_skew is not None:
            store.set_meta(sync_meta.SYNC_CLOCK_SKEW, f"{conn.clock_skew:.3f}")
