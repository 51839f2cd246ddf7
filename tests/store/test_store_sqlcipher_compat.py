"""Every sqlite-utils call the project uses, on an encrypted (SQLCipher) connection.

sqlite-utils catches the standard library's sqlite3 exceptions; compat.ensure_sqlcipher points it at
sqlcipher3's. If an upgrade of either library breaks that, these tests say where.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
import sqlite_utils.db

from rt_desktop.store.compat import dbapi2, ensure_sqlcipher
from rt_desktop.store.connection import open_database


@pytest.fixture
def db(tmp_path: Path, key: bytes) -> Iterator[sqlite_utils.Database]:
    database = open_database(tmp_path / "compat.db", key, create=True)
    database.create_table("items", {"id": int, "name": str, "qty": int}, pk="id",
                          not_null=["name"], defaults={"qty": 0}, strict=True)
    yield database
    database.close()


def test_ensure_sqlcipher_is_idempotent_and_points_at_sqlcipher3() -> None:
    ensure_sqlcipher()
    ensure_sqlcipher()
    assert sqlite_utils.db.sqlite3 is dbapi2
    assert sqlite_utils.db.OperationalError is dbapi2.OperationalError


def test_connection_is_encrypted(db: sqlite_utils.Database) -> None:
    assert db.execute("PRAGMA cipher_version").fetchone()[0]
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_insert_upsert_update_delete(db: sqlite_utils.Database) -> None:
    items = db.table("items")
    items.insert({"id": 1, "name": "a"})
    items.insert_all([{"id": 2, "name": "b"}, {"id": 3, "name": "c", "qty": 3}])
    items.upsert({"id": 1, "name": "a2"}, pk="id")
    items.upsert_all([{"id": 4, "name": "d"}, {"id": 2, "name": "b2"}], pk="id")
    items.update(3, {"qty": 30})
    items.delete(4)
    items.delete_where("name = ?", ["b2"])
    assert list(items.rows_where(order_by="id")) == [
        {"id": 1, "name": "a2", "qty": 0}, {"id": 3, "name": "c", "qty": 30}]
    assert items.count_where("qty > ?", [1]) == 1
    assert items.get(3)["qty"] == 30
    assert [r["id"] for r in items.rows] == [1, 3]


def test_query_with_returning_inside_and_outside_a_transaction(
        db: sqlite_utils.Database) -> None:
    rows = list(db.query("INSERT INTO items (id, name) VALUES (10, 'x') RETURNING id, name"))
    assert rows == [{"id": 10, "name": "x"}]
    with db.atomic():
        rows = list(db.query("UPDATE items SET qty = 5 WHERE id = 10 RETURNING qty"))
    assert rows == [{"qty": 5}]
    assert db.table("items").get(10)["qty"] == 5


def test_query_refuses_a_statement_without_rows_and_rolls_it_back(
        db: sqlite_utils.Database) -> None:
    with pytest.raises(ValueError):
        db.query("UPDATE items SET qty = 1")
    db.table("items").insert({"id": 1, "name": "a"})
    with pytest.raises(ValueError):
        db.query("DELETE FROM items")
    assert db.table("items").count == 1


def test_execute_and_executescript(db: sqlite_utils.Database) -> None:
    db.execute("INSERT INTO items (id, name) VALUES (?, ?)", [1, "a"])
    db.executescript("INSERT INTO items (id, name) VALUES (2, 'b');"
                     "INSERT INTO items (id, name) VALUES (3, 'c');")
    assert db.execute("SELECT count(*) FROM items").fetchone()[0] == 3


def test_drop_ignore_and_table_introspection(db: sqlite_utils.Database) -> None:
    db.table("missing").drop(ignore=True)  # raised on sqlcipher3 without the compat fix
    db.create_table("gone", {"id": int}, pk="id")
    assert db.table("gone").exists()
    db.table("gone").drop()
    assert "gone" not in db.table_names()
    with pytest.raises(dbapi2.OperationalError):
        db.table("gone").drop()


def test_schema_changes(db: sqlite_utils.Database) -> None:
    db.create_table("pairs", {"a": str, "b": str, "c": int}, pk=("a", "b"), strict=True)
    db.table("pairs").create_index(["c"], find_unique_name=True)
    db.table("pairs").create_index(["b"], unique=True)
    db.table("pairs").add_column("note", str)
    db.table("pairs").insert({"a": "x", "b": "y", "c": 1, "note": "n"})
    db.table("pairs").transform(types={"c": str})
    assert db.table("pairs").columns_dict["c"] is str
    assert {tuple(i.columns) for i in db.table("pairs").indexes} >= {("c",), ("b",)}
    assert db.table("pairs").get(("x", "y"))["note"] == "n"


def test_strict_table_rejects_a_wrong_type(db: sqlite_utils.Database) -> None:
    with pytest.raises(dbapi2.IntegrityError):
        db.table("items").insert({"id": 1, "name": "a", "qty": "many"})


def test_nested_atomic_rolls_back_the_inner_block_only(db: sqlite_utils.Database) -> None:
    with db.atomic():
        db.table("items").insert({"id": 1, "name": "kept"})
        with pytest.raises(dbapi2.IntegrityError), db.atomic():
            db.table("items").insert({"id": 2, "name": "lost"})
            db.table("items").insert({"id": 2, "name": "duplicate"})
    assert [r["name"] for r in db.table("items").rows] == ["kept"]


def test_atomic_rolls_back_everything_on_error(db: sqlite_utils.Database) -> None:
    with pytest.raises(RuntimeError), db.atomic():
        db.table("items").insert({"id": 1, "name": "a"})
        raise RuntimeError("boom")
    assert db.table("items").count == 0
    assert not db.conn.in_transaction


def test_trigger_raise_aborts_the_write(db: sqlite_utils.Database) -> None:
    db.table("items").insert({"id": 1, "name": "a"})
    db.execute("CREATE TRIGGER no_delete BEFORE DELETE ON items "
               "BEGIN SELECT RAISE(ABORT, 'append-only'); END")
    with pytest.raises(dbapi2.IntegrityError, match="append-only"), db.atomic():
        db.table("items").delete(1)
    assert db.table("items").count == 1


def test_fts5_contentless_delete(db: sqlite_utils.Database) -> None:
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, content='', contentless_delete=1, "
               "tokenize='unicode61 remove_diacritics 2', prefix='2 3')")
    with db.atomic():
        db.execute("INSERT INTO docs (rowid, body) VALUES (1, 'Pengasuhan positif')")
        db.execute("INSERT INTO docs (rowid, body) VALUES (2, 'Kenakalan remaja')")
        db.execute("DELETE FROM docs WHERE rowid = 1")
    hits = db.execute("SELECT rowid FROM docs WHERE docs MATCH '\"rem\"*'").fetchall()
    assert hits == [(2,)]
    assert db.execute("SELECT rowid FROM docs WHERE docs MATCH 'pengasuhan'").fetchall() == []


def test_sqlite_utils_own_fts(db: sqlite_utils.Database) -> None:
    db.table("items").insert_all([{"id": 1, "name": "balai warga"}, {"id": 2, "name": "masjid"}])
    db.table("items").enable_fts(["name"], create_triggers=True)
    assert [r["id"] for r in db.table("items").search("balai")] == [1]
    db.table("items").disable_fts()


def test_migrations_apply_pending_and_applied(db: sqlite_utils.Database) -> None:
    migrations = sqlite_utils.Migrations("compat_test")

    @migrations()
    def m001(database: sqlite_utils.Database) -> None:
        database.create_table("m", {"id": int}, pk="id")

    @migrations()
    def m002(database: sqlite_utils.Database) -> None:
        database.table("m").add_column("x", str)

    migrations.apply(db, stop_before="m002")
    assert [m.name for m in migrations.pending(db)] == ["m002"]
    migrations.apply(db)
    assert [m.name for m in migrations.applied(db)] == ["m001", "m002"]
    assert "x" in db.table("m").columns_dict
    migrations.apply(db)  # nothing pending: nothing happens


def test_failing_migration_leaves_nothing(db: sqlite_utils.Database) -> None:
    migrations = sqlite_utils.Migrations("compat_fail")

    @migrations()
    def m001(database: sqlite_utils.Database) -> None:
        database.create_table("half", {"id": int}, pk="id")
        database.execute("SELECT * FROM no_such_table")

    with pytest.raises(dbapi2.OperationalError):
        migrations.apply(db)
    assert "half" not in db.table_names()
    assert [m.name for m in migrations.pending(db)] == ["m001"]


def test_vacuum_into_an_encrypted_copy(db: sqlite_utils.Database, tmp_path: Path,
                                       key: bytes) -> None:
    # backups.py copies the open database this way; the copy keeps the key.
    db.table("items").insert({"id": 1, "name": "a"})
    copy = tmp_path / "copy.db"
    db.execute("VACUUM INTO ?", [str(copy)])
    conn = dbapi2.connect(str(copy))
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert conn.execute("SELECT name FROM items").fetchall() == [("a",)]
    conn.close()
