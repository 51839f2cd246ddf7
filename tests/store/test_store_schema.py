"""The migrated schema: a column for every field of records.py, the bookkeeping tables, and the
database-level guarantees (append-only audit log)."""

from __future__ import annotations

import pytest

from rt_desktop.records import ENVELOPE_FIELDS, RECORD_TYPES, Record, field_specs
from rt_desktop.store.compat import dbapi2
from rt_desktop.store.migrations import MIGRATIONS, RECORD_TABLES
from rt_desktop.store.store import Store

_COLUMN_TYPE = {"int": int, "bool": int}


@pytest.mark.parametrize("cls", RECORD_TYPES.values(), ids=RECORD_TYPES.keys())
def test_every_field_has_a_column(store: Store, cls: type[Record]) -> None:
    """A field added to records.py fails here until a new migration adds its column."""
    columns = store.db.table(cls.TABLE).columns_dict
    for name in ENVELOPE_FIELDS:
        assert name in columns, f"{cls.TABLE}.{name} missing"
    for name, spec in field_specs(cls).items():
        assert name in columns, f"{cls.TABLE}.{name} missing: add a migration"
        assert columns[name] is _COLUMN_TYPE.get(spec.kind, str), f"{cls.TABLE}.{name} type"
    assert {"sync_state", "sync_error"} <= set(columns)


def test_record_tables_are_the_record_types(store: Store) -> None:
    assert sorted(RECORD_TABLES) == sorted(cls.TABLE for cls in RECORD_TYPES.values())


def test_bookkeeping_tables_exist(store: Store) -> None:
    assert {"outbox", "sync_cursors", "meta", "audit_log", "rt_list", "drafts", "search_docs",
            "search_fts"} <= set(store.db.table_names())


@pytest.mark.parametrize(("table", "columns"), [
    ("parenting_sessions", ["deleted", "session_date"]),
    ("incidents", ["deleted", "reported_on"]),
    ("incidents", ["deleted", "status"]),
    ("follow_ups", ["incident_id", "noted_on"]),
    ("referrals", ["incident_id"]),
])
def test_list_filters_have_indexes(store: Store, table: str, columns: list[str]) -> None:
    assert columns in [index.columns for index in store.db.table(table).indexes]


def test_schema_version(store: Store) -> None:
    assert store.schema_version() == len(MIGRATIONS._migrations) >= 2
    assert MIGRATIONS.pending(store.db) == []


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET detail = 'rewritten'",
    "DELETE FROM audit_log",
])
def test_audit_log_is_append_only_in_the_database(store: Store, statement: str) -> None:
    store.audit("export", user="u", detail="csv")
    with pytest.raises(dbapi2.IntegrityError, match="append-only"), store.db.atomic():
        store.db.execute(statement)
    assert [e["detail"] for e in store.audit_entries()] == ["csv"]
