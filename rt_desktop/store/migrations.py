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

RECORD_TABLES = ("parenting_sessions", "incidents", "follow_ups", "referrals", "conflicts")
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


# --- m003 ---------------------------------------------------------------------------------------
# Frozen once released, like m001's dicts.

_M003_CONFLICTS: dict[str, type] = {
    "parent_type": str, "parent_id": str, "field": str, "losing_value": str, "losing_hlc": str,
    "losing_device_id": str, "winning_hlc": str, "resolved": int, "resolved_by": str,
    "resolved_at": str,
}
_M003_RECORD_TABLES = ("parenting_sessions", "incidents", "follow_ups", "referrals")


@MIGRATIONS()
def m003_sync(db: sqlite_utils.Database) -> None:
    """What the sync engine needs beyond migration 1 (issue 4).

    - ``conflicts``: conflict entries (record type ``conflict``), synced like every record.
    - ``attention`` on every record table: the problem codes the server flagged after a merge
      broke a rule (JSON list; NULL when none).
    - ``outbox.state``: ``pending`` (sent at each sync, with backoff) or ``rejected`` (kept, never
      deleted, not retried until the record is edited again; the new change then carries it).
    """
    db.create_table(
        "conflicts", {**_M001_ENVELOPE, **_M003_CONFLICTS, **_M001_SYNC, "attention": str},
        pk="id", not_null=[*_M001_ENVELOPE, "sync_state", "resolved"],
        defaults={"rev": 0, "hlc": "{}", "deleted": 0, "sync_state": "pending", "resolved": 0},
        strict=True)
    db.table("conflicts").create_index(["parent_id"])
    db.table("conflicts").create_index(["deleted", "resolved"])
    db.table("conflicts").create_index(["sync_state"])
    for table in _M003_RECORD_TABLES:
        db.execute(f"ALTER TABLE {table} ADD COLUMN attention TEXT")
    db.execute("ALTER TABLE outbox ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'")
    db.table("outbox").create_index(["state", "seq"])


# --- m004 ---------------------------------------------------------------------------------------
# Frozen once released. rt_desktop/store/queries.py is written against these indexes (its
# ATTENDEES_SQL must stay the same text as _M004_ATTENDEES; tests/store/test_store_queries.py
# checks both that and that every list query's plan uses them).

_M004_ATTENDEES = (
    "(coalesce(fathers, 0) + coalesce(mothers, 0) + coalesce(other_caregivers_male, 0)"
    " + coalesce(other_caregivers_female, 0) + coalesce(teens_male, 0)"
    " + coalesce(teens_female, 0) + coalesce(children_male, 0) + coalesce(children_female, 0))")
_M004_INDEXES = {
    "idx_list_sessions_by_date": "parenting_sessions (deleted, session_date DESC, id DESC, venue,"
                                 f" topics, {_M004_ATTENDEES}, sync_state)",
    "idx_list_sessions_by_venue": "parenting_sessions (deleted, venue COLLATE NOCASE,"
                                  " session_date DESC, id DESC, topics,"
                                  f" {_M004_ATTENDEES}, sync_state)",
    "idx_list_sessions_by_attendees": f"parenting_sessions (deleted, {_M004_ATTENDEES},"
                                      " session_date, id, venue, topics, sync_state)",
    "idx_list_sessions_by_id": "parenting_sessions (id, deleted, session_date, venue, topics,"
                               f" {_M004_ATTENDEES}, sync_state)",
    "idx_list_incidents": "incidents (deleted, reported_on DESC, id DESC, case_code,"
                          " violence_types, risk_level, status, sync_state)",
    "idx_list_incidents_by_id": "incidents (id, deleted, reported_on, case_code, violence_types,"
                                " risk_level, status, sync_state)",
    "idx_list_follow_ups_latest": "follow_ups (deleted, incident_id, noted_on, created_at, id,"
                                  " next_follow_up_on)",
}


@MIGRATIONS()
def m004_list_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for the volunteer's lists and the home summary (issue 3).

    On an encrypted file every table row a query touches costs a page decryption, so a list
    that reads 100,000 rows (a count with a topic filter, a sort by venue) took 0.5 s; these
    indexes hold every column a list shows or filters on, so lists, counts and the next
    follow-up of each case are read from the indexes alone.
    """
    for name, target in _M004_INDEXES.items():
        db.execute(f"CREATE INDEX {name} ON {target}")
    if db["sqlite_stat1"].exists():
        # A database analysed before (the benchmark fixture) would otherwise plan with numbers
        # for the old indexes only and guess for the new ones.
        for name in _M004_INDEXES:
            db.execute(f"ANALYZE {name}")


# --- m005 ---------------------------------------------------------------------------------------
# Frozen once released, like the dicts above.

_M005_ATTENDANCE = ("fathers, mothers, other_caregivers_male, other_caregivers_female, teens_male,"
                    " teens_female, children_male, children_female")
_M005_INDEXES = {
    "idx_report_sessions": "parenting_sessions (kelurahan_code, deleted, session_date, topics,"
                           f" {_M005_ATTENDANCE})",
    "idx_report_sessions_rt": "parenting_sessions (kelurahan_code, deleted, rt, session_date,"
                              f" {_M005_ATTENDANCE})",
    "idx_report_incidents": "incidents (kelurahan_code, deleted, reported_on, rt,"
                            " victim_age_group, victim_sex, place, status, violence_types, id)",
    "idx_report_incidents_rt": "incidents (kelurahan_code, deleted, rt)",
    "idx_report_referrals": "referrals (incident_id, deleted, destination, uptd_service)",
}


@MIGRATIONS()
def m005_report_indexes(db: sqlite_utils.Database) -> None:
    """Covering indexes for the coordinator's reports (issue 5, rt_desktop/reports).

    A kelurahan's year read 100,000 session rows (each a page decryption on an encrypted
    file) in about a second per query; these hold every column a report reads, so summaries
    come from the indexes alone. The ``_rt`` indexes let "which RTs have data" seek once per RT.
    """
    for name, target in _M005_INDEXES.items():
        db.execute(f"CREATE INDEX {name} ON {target}")
    if db["sqlite_stat1"].exists():
        for name in _M005_INDEXES:
            db.execute(f"ANALYZE {name}")
