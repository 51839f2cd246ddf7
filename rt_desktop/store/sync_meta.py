"""The sync bookkeeping kept in the store's ``meta`` table, and a summary of it.

Here, in the core, so that ``rt-desktop status`` and the app's status bar can show enrolment,
last sync, pending and conflict counts without loading the sync client (or ``requests``).
:mod:`sync.client` writes these keys.

Enrolment keys start with ``enrol``: a restore keeps them (rt_desktop/store/restore.py keeps
the device's own meta), so a restored laptop stays enrolled.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = [
    "ENROL_ALLOW_HTTP", "ENROL_AT", "ENROL_CA_BUNDLE", "ENROL_ROLE", "ENROL_SCOPE", "ENROL_TOKEN",
    "ENROL_TOKEN_STORE", "ENROL_URL", "SYNC_CLOCK_SKEW", "SYNC_DOWNLOAD_URL", "SYNC_FAILURES",
    "SYNC_LAST_ATTEMPT", "SYNC_LAST_ERROR", "SYNC_LAST_ERROR_KIND", "SYNC_LAST_SUCCESS",
    "SYNC_LATEST_VERSION", "SYNC_NEXT_ATTEMPT", "SYNC_SUPPRESSION", "CONTACT_SAPA_129",
    "CONTACT_UPTD_PPA", "enrolment_scope", "sync_status",
]

ENROL_URL = "enrol_url"
ENROL_ROLE = "enrol_role"
ENROL_SCOPE = "enrol_scope"                # JSON {"level", "code", "rt"}
ENROL_AT = "enrol_at"
ENROL_CA_BUNDLE = "enrol_ca_bundle"        # path of a custom CA bundle, "" for the system's
ENROL_ALLOW_HTTP = "enrol_allow_insecure_http"  # "1" when plain http was explicitly allowed
ENROL_TOKEN_STORE = "enrol_token_store"    # "keyring" or "database"
ENROL_TOKEN = "enrol_token"                # the token itself, only when no keyring works

SYNC_LAST_SUCCESS = "sync_last_success_at"
SYNC_LAST_ATTEMPT = "sync_last_attempt_at"
SYNC_LAST_ERROR = "sync_last_error"        # the message of the last failure, "" after a success
SYNC_LAST_ERROR_KIND = "sync_last_error_kind"
SYNC_FAILURES = "sync_failures"            # failed runs in a row (the backoff's exponent)
SYNC_NEXT_ATTEMPT = "sync_next_attempt_at"  # when the next automatic run is due
SYNC_CLOCK_SKEW = "sync_clock_skew_seconds"  # server time minus local time, last measured
SYNC_LATEST_VERSION = "sync_latest_app_version"
SYNC_DOWNLOAD_URL = "sync_download_url"
SYNC_SUPPRESSION = "sync_suppression_threshold"
# Read by rt_desktop/contacts.py (UPTD PPA's number comes from the server).
CONTACT_UPTD_PPA = "contact_uptd_ppa"
CONTACT_SAPA_129 = "contact_sapa_129"


def _json(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def enrolment_scope(store: Store) -> dict[str, Any] | None:
    """The area the enrolment code gave (``{"level", "code", "rt"}``), ``None`` before it."""
    scope = _json(store.meta(ENROL_SCOPE))
    return scope if isinstance(scope, dict) else None


def sync_status(store: Store) -> dict[str, Any]:
    """Enrolment, last sync and the counts a volunteer cares about, JSON-ready."""
    url = store.meta(ENROL_URL)
    enrolment = None
    if url:
        enrolment = {"server": url, "role": store.meta(ENROL_ROLE),
                     "scope": enrolment_scope(store),
                     "enrolled_at": store.meta(ENROL_AT),
                     "token_store": store.meta(ENROL_TOKEN_STORE)}
    db = store.db
    rejected = db.execute("SELECT count(*) FROM outbox WHERE state = 'rejected'").fetchone()[0]
    conflicts = db.execute(
        "SELECT count(*) FROM conflicts WHERE resolved = 0 AND deleted = 0").fetchone()[0]
    skew = store.meta(SYNC_CLOCK_SKEW)
    return {
        "enrolment": enrolment,
        "role": store.role,
        "last_sync": store.meta(SYNC_LAST_SUCCESS),
        "last_attempt": store.meta(SYNC_LAST_ATTEMPT),
        "last_error": store.meta(SYNC_LAST_ERROR) or None,
        "last_error_kind": store.meta(SYNC_LAST_ERROR_KIND) or None,
        "next_attempt_at": store.meta(SYNC_NEXT_ATTEMPT) or None,
        "pending_changes": store.pending_count(),
        "rejected_changes": rejected,
        "conflicts": conflicts,
        "clock_skew_seconds": float(skew) if skew else None,
        "latest_app_version": store.meta(SYNC_LATEST_VERSION) or None,
        "download_url": store.meta(SYNC_DOWNLOAD_URL) or None,
    }
