"""The schema of the local database, only ever through ``sqlite_utils.Migrations``.

A released migration is never edited: a later change is a new function at the end. Each one
lists its columns explicitly instead of reading records.py, because records.py moves on and an
old migration must keep making exactly the schema it made when it was released
(tests/store/test_store_schema.py checks that every field of records.py has a column, so a new
field forces a new migration).
"""

from __future__ import annotations

import sqlite_utils

from rt_desktop.store.connection import MIGRATION_SET

__all__ = ["MIGRATIONS", "REBUILD_SEARCH_INDEX", "RECORD_TABLES", "schema_version",
           "unknown_migrations"]

MIGRATIONS = sqlite_utils.Migrations(MIGRATION_SET)

RECORD_TABLES = ("parenting_sessions", "incidents", "follow_ups", "referrals")
# A meta key a migration sets when the search index must be rebuilt with the current code.
REBUILD_SEARCH_INDEX = "rebuild_search_index"


def schema_version(db: sqlite_utils.Database) -> int:
    """How many of our migrations have been applied (0 for a database without any)."""
    known = {m.name for m in MIGRATIONS._migrations}
    return sum(1 for m in MIGRATIONS.applied(db) if m.name in known)


def unknown_migrations(db: sqlite_utils.Database) -> list[str]:
    """Applied migrations of our set that this version does not know: a newer app made them."""
    known = {m.name for m in MIGRATIONS._migrations}
    return [m.name for m in MIGRATIONS.applied(db) if m.name not in known]


# --- m001 ---------------------------------------------------------------------------------------
# Frozen: these dicts are part of migration 1. Do not edit them; add a migration instead.

_M001_ENVELOPE: dict[str, type] = {
    "id": str, "kelurahan_code": str, "rt": str, "created_at": str, "updated_at": str,
    "created_by": str, "device_id": str, "rev": int, "hlc": str, "deleted": int,
}
_M001_SYNC: dict[str, type] = {"sync_state": str, "sync_error": str}

_M001_CONTENT: dict[str, dict[str, type]] = {
    "parenting_sessions": {
        "session_date": str, "start_time": str, "end_time": str, "venue": str, "topics": str,
        "topic_other": str, "facilitator": str, "facilitator_org": str, "fathers": int,
        "mothers": int, "other_caregivers_male": int, "other_caregivers_female": int,
        "teens_male": int, "teens_female": int, "children_male": int, "children_female": int,
        "elements_present": str, "summary": str, "follow_up": str,
    },
    "incidents": {
        "case_code": str, "reported_on": str, "occurred_on": str, "occurred_precision": str,
        "report_source": str, "report_channel": str, "victim_name": str, "victim_contact": str,
        "victim_address": str, "victim_guardian_name": str, "victim_sex": str, "victim_age": int,
        "victim_age_group": str, "victim_category": str, "victim_disability": int,
        "victim_disability_note": str, "perpetrator_relationship": str, "perpetrator_sex": str,
        "perpetrator_age_estimate": int, "perpetrator_name": str, "violence_types": str,
        "sexual_violence_forms": str, "exploitation_sexual": int, "trafficking_sexual": int,
        "violence_other": str, "place": str, "chronology": str, "risk_level": str,
        "consent_by": str, "rt_handling": str, "rt_handling_note": str, "status": str,
        "closing_reason": str, "closing_note": str,
    },
    "follow_ups": {
        "incident_id": str, "noted_on": str, "author": str, "note": str,
        "next_follow_up_on": str,
    },
    "referrals": {
        "incident_id": str, "destination": str, "uptd_service": str, "referred_on": str,
        "consent_by": str, "consent_override_reason": str, "status": str, "response_note": str,
        "status_updated_on": str,
    },
}

# Lists and filters of the UI: live records by date, by status; the sync attention list.
_M001_INDEXES: dict[str, list[list[str]]] = {
    "parenting_sessions": [["deleted", "session_date"], ["sync_state"]],
    "incidents": [["deleted", "reported_on"], ["deleted", "status"], ["deleted", "risk_level"],
                  ["case_code"], ["sync_state"]],
    "follow_ups": [["incident_id", "noted_on"], ["sync_state"]],
    "referrals": [["incident_id"], ["sync_state"]],
}


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    """Record tables, sync bookkeeping (outbox, cursors, meta), audit log, RT list, drafts."""
    for table, content in _M001_CONTENT.items():
        db.create_table(
            table, {**_M001_ENVELOPE, **content, **_M001_SYNC}, pk="id",
            not_null=[*_M001_ENVELOPE, "sync_state"],
            defaults={"rev": 0, "hlc": "{}", "deleted": 0, "sync_state": "pending"},
            strict=True)
        for columns in _M001_INDEXES[table]:
            db.table(table).create_index(columns, find_unique_name=True)

    db.create_table("outbox", {
        "seq": int, "change_id": str, "record_type": str, "record_id": str, "base_rev": int,
        "fields": str, "hlc": str, "created_at": str, "attempts": int, "last_error": str,
        "next_attempt_at": str,
    }, pk="seq", not_null=["change_id", "record_type", "record_id", "base_rev", "fields", "hlc",
                            "created_at", "attempts"],
        defaults={"attempts": 0}, strict=True)
    db.table("outbox").create_index(["change_id"], unique=True)
    db.table("outbox").create_index(["record_id"])

    db.create_table("sync_cursors", {"record_type": str, "cursor": str, "updated_at": str},
                    pk="record_type", not_null=["cursor"], strict=True)
    db.create_table("meta", {"key": str, "value": str}, pk="key", strict=True)

    db.create_table("audit_log", {
        "seq": int, "at": str, "user": str, "action": str, "record_type": str,
        "record_id": str, "detail": str,
    }, pk="seq", not_null=["at", "user", "action"], strict=True)
    db.table("audit_log").create_index(["record_type", "record_id"])
    # Append-only, enforced by the database itself rather than by the good manners of callers.
    for event in ("UPDATE", "DELETE"):
        db.execute(f"""
            CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log
            BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""")

    db.create_table("rt_list", {"kelurahan_code": str, "rt": str, "active": int},
                    pk=("kelurahan_code", "rt"), not_null=["active"], defaults={"active": 1},
                    strict=True)
    db.create_table("drafts", {
        "user_id": str, "form_key": str, "content": str, "updated_at": str,
    }, pk=("user_id", "form_key"), not_null=["content", "updated_at"], strict=True)


# --- m002 ---------------------------------------------------------------------------------------

@MIGRATIONS()
def m002_search_index(db: sqlite_utils.Database) -> None:
    """FTS5 over non-sensitive text (what goes in: rt_desktop/store/search.py).

    ``search_docs`` gives every indexed record a stable integer (the FTS rowid), so an update
    replaces one document by key instead of scanning the index. The FTS table is contentless:
    the text lives only in the index, not twice. The index is derived data: instead of filling it
    with code that will change (a migration must not), this asks the store to rebuild it once
    every migration has run (:data:`REBUILD_SEARCH_INDEX`).
    """
    db.create_table("search_docs", {"doc": int, "record_type": str, "record_id": str},
                    pk="doc", not_null=["record_type", "record_id"], strict=True)
    db.table("search_docs").create_index(["record_id"], unique=True)
    db.execute("""
        CREATE VIRTUAL TABLE search_fts USING fts5(
            body, content='', contentless_delete=1,
            tokenize='unicode61 remove_diacritics 2', prefix='2 3')""")
    db.table("meta").upsert({"key": REBUILD_SEARCH_INDEX, "value": "1"}, pk="key")
