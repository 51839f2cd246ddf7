"""Storage on both backends: the change sequence never lets a cursor skip a late commit, a
database dump holds no identity, sensitive fields are sealed to their record, and the
projection of conflict entries follows their parent."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import threading
import time
from pathlib import Path

import pytest

from rt_desktop.ids import utc_now_iso
from sync.server.crypto import FieldCipher
from sync.server.storage import (
    PullFilter,
    SchemaTooNew,
    Storage,
    StorageConflict,
    StoredRecord,
    open_storage,
)
from sync.server.storage.sql import SCHEMA_VERSION
from sync.server.storage.sqlite import sqlite_path
from tests.server.conftest import CHRONOLOGY, KELURAHAN, RT, VICTIM_NAME


def row(record_id: str, seq: int) -> StoredRecord:
    now = utc_now_iso()
    return StoredRecord("parenting_session", record_id, KELURAHAN, "64.71.03", RT, 1, seq, False,
                        now, now, "t", "d", {"venue": "x"}, None, {}, {}, {})


def test_a_late_commit_is_never_skipped_by_a_cursor(storage: Storage, db_url: str) -> None:
    """Writer 1 takes the lock and a sequence number and commits late; writer 2, on another
    connection, must wait for it — so whatever a reader saw, its cursor cannot have passed a
    number that commits afterwards."""
    second = open_storage(db_url)
    first_in = threading.Event()
    release = threading.Event()
    events: list[str] = []

    def writer_one() -> None:
        with storage.transaction(write=True) as tx:
            seq = tx.allocate_seqs(1)
            tx.save_records([row("00000000-0000-7000-8000-000000000001", seq)])
            first_in.set()
            release.wait(10)
            events.append("one commits")

    def writer_two() -> None:
        first_in.wait(10)
        with second.transaction(write=True) as tx:
            events.append("two has the lock")
            seq = tx.allocate_seqs(1)
            tx.save_records([row("00000000-0000-7000-8000-000000000002", seq)])

    threads = [threading.Thread(target=writer_one), threading.Thread(target=writer_two)]
    for t in threads:
        t.start()
    first_in.wait(10)
    time.sleep(0.3)
    with second.transaction() as tx:  # a reader while writer 1 is open
        assert tx.pull("parenting_session", 0, 10, PullFilter()) == []
    assert events == []  # writer 2 is still waiting for writer 1
    release.set()
    for t in threads:
        t.join(20)
    assert events == ["one commits", "two has the lock"]
    with second.transaction() as tx:
        rows = tx.pull("parenting_session", 0, 10, PullFilter())
    assert [r.id[-1] for r in rows] == ["1", "2"] and rows[0].seq < rows[1].seq
    second.close()


def test_sequence_numbers_are_handed_out_in_order(storage: Storage) -> None:
    with storage.transaction(write=True) as tx:
        a = tx.allocate_seqs(3)
        b = tx.allocate_seqs(1)
    assert b == a + 3


def _dump(storage: Storage, db_url: str, pg_cluster: object | None) -> bytes:
    if db_url.startswith("sqlite"):
        storage.close()  # checkpoint the WAL into the file
        path = sqlite_path(db_url)
        return b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert pg_cluster is not None
    result = subprocess.run([pg_cluster.tool("pg_dump"), "--no-owner", db_url],  # type: ignore
                            capture_output=True, check=True, timeout=60)
    return result.stdout


def test_a_database_dump_holds_no_identity(enrol, storage, db_url, make_incident,
                                           make_follow_up, make_session, request) -> None:
    a, b = enrol(), enrol()
    incident = make_incident()
    a.push(a.change(incident), a.change(make_follow_up(incident)), a.change(make_session()))
    # A concurrent edit of a sensitive field leaves the losing name in a conflict entry.
    a.push(a.change(dataclasses.replace(incident, victim_name="Siti Rahmawati Loser"),
                    base_rev=1, names=("victim_name",)))
    b.push(b.change(dataclasses.replace(incident, victim_name="Nur Aisyah Winner"), base_rev=1,
                    names=("victim_name",)))
    assert len(a.pull_all("conflict")) == 1
    cluster = request.getfixturevalue("pg_cluster") if db_url.startswith("postgres") else None
    dump = _dump(storage, db_url, cluster)
    assert b"Balai pertemuan RT 007" in dump or b"venue" in dump  # the dump is real
    for secret in (VICTIM_NAME, CHRONOLOGY, "Siti Rahmawati", "Nur Aisyah", "Wiryawan",
                   "0812-0000-0000", "Gg. Rahasia", "keluarga kooperatif"):
        assert secret.encode() not in dump, secret
        assert secret.encode("utf-16-le") not in dump, secret


def test_sealed_fields_only_open_for_their_own_record() -> None:
    cipher = FieldCipher(b"k" * 32)
    blob = cipher.seal("incident", "a", {"victim_name": VICTIM_NAME})
    assert cipher.open("incident", "a", blob) == {"victim_name": VICTIM_NAME}
    with pytest.raises(ValueError):
        cipher.open("incident", "b", blob)
    with pytest.raises(ValueError):
        FieldCipher(b"j" * 32).open("incident", "a", blob)


def test_conflict_entries_are_projected_like_their_parent(enrol, make_incident,
                                                          make_referral) -> None:
    a, b = enrol(), enrol()
    coordinator, uptd = enrol("coordinator", kelurahan=KELURAHAN), enrol("uptd")
    plain, referred = make_incident(), make_incident()
    a.push(a.change(plain), a.change(referred), a.change(make_referral(referred)))
    for incident in (plain, referred):
        a.push(a.change(dataclasses.replace(incident, victim_name="Nama Kalah", place="sekolah"),
                        base_rev=1, names=("victim_name", "place")))
        b.push(b.change(dataclasses.replace(incident, victim_name="Nama Menang",
                                            place="daring"), base_rev=1,
                        names=("victim_name", "place")))
    everything = a.pull_all("conflict")
    assert {(c["fields"]["parent_id"], c["fields"]["field"]) for c in everything.values()} == {
        (i.id, f) for i in (plain, referred) for f in ("victim_name", "place")}
    seen_by_coordinator = coordinator.pull_all("conflict")
    assert {c["fields"]["field"] for c in seen_by_coordinator.values()} == {"place"}
    assert all("losing_value" not in c["fields"] for c in seen_by_coordinator.values())
    seen_by_uptd = uptd.pull_all("conflict")
    assert {c["fields"]["parent_id"] for c in seen_by_uptd.values()} == {referred.id}
    assert any(c["fields"]["losing_value"] == '"Nama Kalah"' for c in seen_by_uptd.values())


def test_the_sqlite_file_is_private(tmp_path: Path) -> None:
    with open_storage(f"sqlite:///{tmp_path / 'rt-server.db'}") as sqlite:
        sqlite.init_schema()
    assert (tmp_path / "rt-server.db").stat().st_mode & 0o077 == 0


def test_clocks_and_write_state_are_stored_grouped_and_old_maps_still_read(
        storage: Storage) -> None:
    """A record's clocks and per-field ``[rev, device]`` are stored grouped (one entry per
    save, not per field); rows holding the earlier per-field maps read back the same."""
    record = row("00000000-0000-7000-8000-000000000003", 0)
    ts_a, ts_b = "001795862841971-00000-dev-a", "001795862841999-00000-dev-b"
    record.hlc = {"venue": ts_a, "fathers": ts_a, "deleted": ts_b}
    record.hlc_public = record.hlc
    record.state = {"venue": [1, "dev-a"], "fathers": [1, "dev-a"], "deleted": [2, "dev-b"]}
    with storage.transaction(write=True) as tx:
        tx.write_records([record], new={record.id})
        columns = tx.execute("SELECT hlc, state FROM records WHERE id = ?",  # type: ignore
                             [record.id]).fetchone()
    assert json.loads(columns[0]) == [[ts_a, "fathers venue"], [ts_b, "deleted"]]
    assert json.loads(columns[1]) == [[1, "dev-a", "fathers venue"], [2, "dev-b", "deleted"]]
    with storage.transaction(write=True) as tx:
        assert (tx.records([record.id])[record.id].hlc, tx.records([record.id])[record.id].state
                ) == (record.hlc, record.state)
        tx.execute("UPDATE records SET hlc = ?, hlc_public = ?, state = ? WHERE id = ?",  # type: ignore
                   [json.dumps(record.hlc), json.dumps(record.hlc), json.dumps(record.state),
                    record.id])
        again = tx.records([record.id])[record.id]
    assert (again.hlc, again.hlc_public, again.state) == (record.hlc, record.hlc, record.state)


def test_a_new_record_made_meanwhile_fails_the_insert(storage: Storage, db_url: str) -> None:
    """write_records inserts what the batch believed new: if a racing transaction made it
    first, the batch fails (and is retried) instead of overwriting it."""
    record = row("00000000-0000-7000-8000-000000000004", 0)
    with storage.transaction(write=True) as tx:
        tx.write_records([record], new={record.id})
    with pytest.raises(StorageConflict), storage.transaction(write=True, lock_late=True) as tx:
        tx.write_records([row(record.id, 0)], new={record.id})
    with storage.transaction() as tx:
        assert len(tx.pull("parenting_session", 0, 10, PullFilter())) == 1


def test_a_database_of_the_first_version_is_brought_up_to_date(storage: Storage) -> None:
    """`admin init` (and `serve`) on a database made by the first version adds what came
    since — the records' `echo_of` and `echo_seq` — and keeps every record; twice is
    harmless. A database of a newer version is refused, not written without its columns."""
    record = row("00000000-0000-7000-8000-000000000005", 0)
    with storage.transaction(write=True) as tx:
        tx.write_records([record], new={record.id})
        for column in ("echo_of", "echo_seq"):
            tx.execute(f"ALTER TABLE records DROP COLUMN {column}")  # type: ignore[attr-defined]
        tx.execute("UPDATE schema_meta SET value = '1'"  # type: ignore[attr-defined]
                   " WHERE key = 'schema_version'")
    storage.init_schema()
    storage.init_schema()
    with storage.transaction() as tx:
        version = tx.execute("SELECT value FROM schema_meta"  # type: ignore[attr-defined]
                             " WHERE key = 'schema_version'").fetchone()[0]
        (kept,) = tx.pull("parenting_session", 0, 10, PullFilter())
    assert (version, SCHEMA_VERSION) == ("2", 2)
    assert (kept.id, kept.echo_of, kept.echo_seq) == (record.id, None, None)
    with storage.transaction(write=True) as tx:
        tx.execute("UPDATE schema_meta SET value = '3'"  # type: ignore[attr-defined]
                   " WHERE key = 'schema_version'")
    with pytest.raises(SchemaTooNew, match="newer rt-server"):
        storage.init_schema()


def test_the_serving_app_keeps_connections_ready(pg_url: str, tmp_path: Path) -> None:
    """A burst of laptops finds connections open: the pool grows one connection at a time
    while requests wait, so the server's app keeps READY_CONNECTIONS open even when idle; the
    admin commands (and everything else that opens storage) keep one."""
    import os

    import psycopg

    from sync.server.app import READY_CONNECTIONS, create_app
    from sync.server.config import ServerConfig

    def open_connections() -> int:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            found = conn.execute("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                                 " current_database() AND pid <> pg_backend_pid()").fetchone()
        return int(found[0]) if found else 0

    admin_storage = open_storage(pg_url)
    try:
        assert open_connections() == 1
    finally:
        admin_storage.close()
    app = create_app(ServerConfig(database_url=pg_url, data_dir=tmp_path / "server",
                                  secret_key=os.urandom(32)))
    try:
        assert READY_CONNECTIONS > 1
        assert open_connections() == READY_CONNECTIONS
    finally:
        app.state.storage.close()
