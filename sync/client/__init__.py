"""The sync client: enrolment and one sync run against the city server (DESIGN.md §5).

What the app and the command line call::

    enrol(store, url, code, *, ca_bundle=None, allow_insecure_http=False) -> Enrolment
    run_sync(store, *, db=None, cancel=None, user=None) -> SyncResult   # raises SyncError
    probe(store) -> bool                    # health check (connectivity confirmation)
    next_attempt_at(store) -> datetime|None  # backoff: when the next automatic run is due
    enrolment(store) -> Enrolment | None

Status for the UI without the network: :func:`rt_desktop.store.sync_meta.sync_status`;
the "unsent changes" list: :func:`rt_desktop.store.sync_apply.unsent_changes`; conflicts:
:mod:`rt_desktop.store.conflicts`.
"""

from sync.client.backoff import BackoffPolicy
from sync.client.engine import CLOCK_SKEW_LIMIT, SyncResult, next_attempt_at, probe, run_sync
from sync.client.enrol import Enrolment, enrol, enrolment
from sync.client.errors import KINDS, SyncError

__all__ = ["BackoffPolicy", "CLOCK_SKEW_LIMIT", "Enrolment", "KINDS", "SyncError", "SyncResult",
           "enrol", "enrolment", "next_attempt_at", "probe", "run_sync"]
