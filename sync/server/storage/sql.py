"""The SQL both backends share: schema, queries, and :class:`SqlTx` over a DB-API connection.

Queries are written with ``?`` placeholders; a backend with another style rewrites them
(:attr:`SqlTx.paramstyle`). Only portable SQL is used (``ON CONFLICT … DO UPDATE``,
``RETURNING``), so SQLite ≥ 3.35 and PostgreSQL run the very same statements.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from rt_desktop.hlc import pack_clocks, unpack_clocks
from sync.server.storage.base import (
    Device,
    EnrolCode,
    PullFilter,
    RawRecord,
    SchemaTooNew,
    StorageConflict,
    StoredRecord,
    Tx,
)

__all__ = ["SCHEMA_VERSION", "SqlTx", "schema_statements"]

SCHEMA_VERSION = 2
#: What turns a database of the version before into this one (``admin init`` and ``serve`` run
#: them, once, in the transaction that checks the version).
_MIGRATIONS = {
    2: ["ALTER TABLE records ADD COLUMN echo_of TEXT",
        "ALTER TABLE records ADD COLUMN echo_seq {bigint}"],
}

_RECORD_COLUMNS = (
    "id", "record_type", "kelurahan_code", "kecamatan_code", "rt", "rev", "seq", "deleted",
    "created_at", "updated_at", "created_by", "device_id", "parent_id", "uptd",
    "coordinator_hidden", "fields", "secret", "hlc", "hlc_public", "state", "attention",
    "echo_of", "echo_seq")
_RAW_COLUMNS = RawRecord._fields
_DEVICE_COLUMNS = ("device_id", "role", "scope_level", "scope_code", "rt", "device_tag",
                   "app_version", "enrolled_at", "last_seen_at", "last_sync_at", "revoked_at")
_CODE_COLUMNS = ("code_hash", "role", "scope_level", "scope_code", "rt", "created_at",
                 "expires_at", "used_at")


def schema_statements(blob: str, bigint: str) -> list[str]:
    """The schema of a new database (:data:`SCHEMA_VERSION`), with the backend's names for
    binary and 64-bit columns; an older one is brought up to date by :meth:`SqlTx.migrate`."""
    return [
        "CREATE TABLE IF NOT EXISTS schema_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value {bigint} NOT NULL)",
        "INSERT INTO counters (name, value) VALUES ('seq', 0) ON CONFLICT (name) DO NOTHING",
        f"""CREATE TABLE IF NOT EXISTS records (
            id TEXT PRIMARY KEY, record_type TEXT NOT NULL, kelurahan_code TEXT NOT NULL,
            kecamatan_code TEXT NOT NULL, rt TEXT NOT NULL, rev {bigint} NOT NULL,
            seq {bigint} NOT NULL, deleted INTEGER NOT NULL, created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL, created_by TEXT NOT NULL, device_id TEXT NOT NULL,
            parent_id TEXT, uptd INTEGER NOT NULL DEFAULT 0,
            coordinator_hidden INTEGER NOT NULL DEFAULT 0, fields TEXT NOT NULL, secret {blob},
            hlc TEXT NOT NULL, hlc_public TEXT NOT NULL, state TEXT NOT NULL,
            attention TEXT NOT NULL DEFAULT '[]', echo_of TEXT, echo_seq {bigint})""",
        "CREATE UNIQUE INDEX IF NOT EXISTS records_seq ON records (seq)",
        "CREATE INDEX IF NOT EXISTS records_type_seq ON records (record_type, seq)",
        "CREATE INDEX IF NOT EXISTS records_rt_seq ON records (kelurahan_code, rt, record_type,"
        " seq)",
        "CREATE INDEX IF NOT EXISTS records_kecamatan_seq ON records (kecamatan_code,"
        " record_type, seq)",
        "CREATE INDEX IF NOT EXISTS records_parent ON records (parent_id)",
        """CREATE TABLE IF NOT EXISTS change_log (
            device_id TEXT NOT NULL, change_id TEXT NOT NULL, answer TEXT NOT NULL,
            at TEXT NOT NULL, PRIMARY KEY (device_id, change_id))""",
        """CREATE TABLE IF NOT EXISTS devices (
            device_id TEXT PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, role TEXT NOT NULL,
            scope_level TEXT NOT NULL, scope_code TEXT NOT NULL, rt TEXT,
            device_tag TEXT NOT NULL, app_version TEXT NOT NULL, enrolled_at TEXT NOT NULL,
            last_seen_at TEXT, last_sync_at TEXT, revoked_at TEXT)""",
        f"""CREATE TABLE IF NOT EXISTS device_cursors (
            device_id TEXT NOT NULL, record_type TEXT NOT NULL, cursor {bigint} NOT NULL,
            PRIMARY KEY (device_id, record_type))""",
        """CREATE TABLE IF NOT EXISTS enrol_codes (
            code_hash TEXT PRIMARY KEY, role TEXT NOT NULL, scope_level TEXT NOT NULL,
            scope_code TEXT NOT NULL, rt TEXT, created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL, used_at TEXT, used_by TEXT)""",
        "CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """CREATE TABLE IF NOT EXISTS rt_list (
            kelurahan_code TEXT NOT NULL, rt TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (kelurahan_code, rt))""",
        """CREATE TABLE IF NOT EXISTS wilayah (
            code TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL, parent TEXT)""",
        f"INSERT INTO schema_meta (key, value) VALUES ('schema_version', '{SCHEMA_VERSION}')"
        " ON CONFLICT (key) DO NOTHING",
    ]


def _record(row: Sequence[Any]) -> StoredRecord:
    r = dict(zip(_RECORD_COLUMNS, row, strict=True))
    return StoredRecord(
        record_type=r["record_type"], id=r["id"], kelurahan_code=r["kelurahan_code"],
        kecamatan_code=r["kecamatan_code"], rt=r["rt"], rev=r["rev"], seq=r["seq"],
        deleted=bool(r["deleted"]), created_at=r["created_at"], updated_at=r["updated_at"],
        created_by=r["created_by"], device_id=r["device_id"], fields=json.loads(r["fields"]),
        secret=bytes(r["secret"]) if r["secret"] is not None else None,
        hlc=unpack_clocks(r["hlc"]), hlc_public=unpack_clocks(r["hlc_public"]),
        state=_unpack_state(r["state"]), attention=json.loads(r["attention"]),
        parent_id=r["parent_id"], uptd=bool(r["uptd"]),
        coordinator_hidden=bool(r["coordinator_hidden"]), echo_of=r["echo_of"],
        echo_seq=r["echo_seq"])


# One encoder for every value (json.dumps with options builds a new encoder per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _json(value: Any) -> str:
    return _ENCODE(value)


def _pack_state(state: Mapping[str, Sequence[Any]]) -> str:
    """Each field's ``(rev, device)`` as stored: grouped,
    ``[[rev, "device", "field …"], …]`` (rev and device ascending, names sorted). The fields
    of one write share both, so a record is one group or a few, where the
    ``{"field": [rev, "device"]}`` map it replaces repeats the device id for every field: rows
    small enough for PostgreSQL to keep them uncompressed."""
    groups: dict[tuple[int, str], list[str]] = {}
    for name, (rev, device) in state.items():
        groups.setdefault((rev, device), []).append(name)
    return _ENCODE([[rev, device, " ".join(sorted(names))]
                    for (rev, device), names in sorted(groups.items())])


def _unpack_state(text: str) -> dict[str, list[Any]]:
    """:func:`_pack_state`'s map; also reads the map stored before it."""
    data = json.loads(text)
    if isinstance(data, dict):
        return data
    return {name: [rev, device] for rev, device, names in data for name in names.split()}


_SEQ = _RECORD_COLUMNS.index("seq")
_ECHO_SEQ = _RECORD_COLUMNS.index("echo_seq")


def _record_params(r: StoredRecord) -> list[Any]:
    # Clocks grouped by timestamp (rt_desktop.hlc.pack_clocks), as the devices store them.
    hlc = pack_clocks(r.hlc)
    public = hlc if r.hlc_public is r.hlc else pack_clocks(r.hlc_public)
    return [r.id, r.record_type, r.kelurahan_code, r.kecamatan_code, r.rt, r.rev, r.seq,
            int(r.deleted), r.created_at, r.updated_at, r.created_by, r.device_id, r.parent_id,
            int(r.uptd), int(r.coordinator_hidden), _json(r.fields), r.secret, hlc, public,
            _pack_state(r.state), _json(r.attention), r.echo_of, r.echo_seq]


_SELECT_RECORDS = f"SELECT {', '.join(_RECORD_COLUMNS)} FROM records"
_UPSERT_RECORD = (
    f"INSERT INTO records ({', '.join(_RECORD_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _RECORD_COLUMNS)}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in _RECORD_COLUMNS if c != "id"))


class SqlTx(Tx):
    """:class:`Tx` over one DB-API connection (the backend opens and commits it)."""

    paramstyle = "qmark"
    integrity_errors: tuple[type[BaseException], ...] = ()
    row_locks = False  # SELECT … FOR UPDATE
    #: Up to how many values one ``IN (…)`` list carries; None: all in one array parameter
    #: (:meth:`_in_list`).
    in_chunk: int | None = 500

    def __init__(self, conn: Any):
        self.conn = conn

    # --- plumbing -----------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.paramstyle == "format" else sql

    def migrate(self, bigint: str) -> None:
        """Bring a database made by an older version up to :data:`SCHEMA_VERSION` (after
        :func:`schema_statements`, in the same transaction).

        :raises SchemaTooNew: the database was made by a newer rt-server
        """
        (found,) = self._one("SELECT value FROM schema_meta WHERE key = 'schema_version'")
        if int(found) > SCHEMA_VERSION:
            raise SchemaTooNew(int(found), SCHEMA_VERSION)
        for version in range(int(found) + 1, SCHEMA_VERSION + 1):
            for statement in _MIGRATIONS[version]:
                self.execute(statement.format(bigint=bigint))
            self.execute("UPDATE schema_meta SET value = ? WHERE key = 'schema_version'",
                         [str(version)])

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.conn.cursor().executemany(self._sql(sql), [tuple(r) for r in rows])

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.execute(sql, params).fetchall())

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()

    @staticmethod
    def _marks(n: int) -> str:
        return ", ".join("?" for _ in range(n))

    def _in_list(self, values: Sequence[str]) -> list[tuple[str, list[Any]]]:
        """``(sql, params)`` pieces that test a column against ``values``: ``IN (?, …)`` in
        chunks, or on PostgreSQL one ``= ANY(?)`` with an array (a short statement psycopg
        prepares once, where 500 placeholders are parsed again on every call)."""
        unique = sorted(set(values))
        if self.in_chunk is None:
            return [("= ANY(?)", [unique])] if unique else []
        return [(f"IN ({self._marks(len(chunk))})", list(chunk))
                for chunk in (unique[i:i + self.in_chunk]
                              for i in range(0, len(unique), self.in_chunk))]

    # --- records ------------------------------------------------------------------------------
    def records(self, ids: Sequence[str], *, lock: bool = False) -> dict[str, StoredRecord]:
        out: dict[str, StoredRecord] = {}
        for test, params in self._in_list(ids):
            for row in self._all(f"{_SELECT_RECORDS} WHERE id {test} ORDER BY id"
                                 f"{self._for_update(lock)}", params):
                rec = _record(row)
                out[rec.id] = rec
        return out

    def children(self, parent_ids: Sequence[str], record_type: str, *,
                 lock: bool = False) -> list[StoredRecord]:
        out: list[StoredRecord] = []
        for test, params in self._in_list(parent_ids):
            out += [_record(row) for row in self._all(
                f"{_SELECT_RECORDS} WHERE record_type = ? AND parent_id {test} ORDER BY id"
                f"{self._for_update(lock)}", [record_type, *params])]
        return out

    def _for_update(self, lock: bool) -> str:
        """Row locks where the backend has them (SQLite's write transaction locks the file)."""
        return " FOR UPDATE" if lock and self.row_locks else ""

    def allocate_seqs(self, count: int) -> int:
        if count < 1:
            raise ValueError("allocate at least one sequence number")
        (last,) = self._one("UPDATE counters SET value = value + ? WHERE name = 'seq'"
                            " RETURNING value", [count])
        return int(last) - count + 1

    def save_records(self, rows: Sequence[StoredRecord]) -> None:
        self._many(_UPSERT_RECORD, [_record_params(r) for r in rows])

    def write_records(self, rows: Sequence[StoredRecord], *, new: Collection[str]) -> None:
        if not rows:
            return
        params = [_record_params(r) for r in rows]  # encoded before the sequence lock
        first = self.allocate_seqs(len(rows))
        for k, (row, values) in enumerate(zip(rows, params, strict=True)):
            row.seq = values[_SEQ] = first + k
            if row.echo_of is not None:  # the mark holds for this very write only
                row.echo_seq = values[_ECHO_SEQ] = row.seq
        try:
            self._insert("records", _RECORD_COLUMNS,
                         [v for r, v in zip(rows, params, strict=True) if r.id in new])
        except self.integrity_errors as exc:
            raise StorageConflict("a record was made twice at once") from exc
        self._many(_UPSERT_RECORD, [v for r, v in zip(rows, params, strict=True)
                                    if r.id not in new])

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        """Plain inserts (a backend may bulk-load them instead)."""
        self._many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
                   f"({self._marks(len(columns))})", rows)

    def pull(self, record_type: str, since: int, limit: int,
             where: PullFilter) -> list[RawRecord]:
        sql = f"SELECT {', '.join(_RAW_COLUMNS)} FROM records WHERE record_type = ? AND seq > ?"
        params: list[Any] = [record_type, since]
        if where.kelurahan_code is not None:
            sql += " AND kelurahan_code = ?"
            params.append(where.kelurahan_code)
        if where.kecamatan_code is not None:
            sql += " AND kecamatan_code = ?"
            params.append(where.kecamatan_code)
        if where.rt is not None:
            sql += " AND rt = ?"
            params.append(where.rt)
        if where.uptd_only:
            sql += " AND uptd = 1"
        if where.coordinator:
            sql += " AND coordinator_hidden = 0"
        sql += " ORDER BY seq LIMIT ?"
        params.append(limit)
        return [RawRecord(*row) for row in self._all(sql, params)]

    def record_counts(self) -> list[tuple[str, str, str, int, int]]:
        rows = self._all(
            "SELECT kelurahan_code, rt, record_type, SUM(1 - deleted), SUM(deleted) FROM records"
            " GROUP BY kelurahan_code, rt, record_type ORDER BY kelurahan_code, rt, record_type")
        return [(k, rt, t, int(live), int(gone)) for k, rt, t, live, gone in rows]

    # --- answers and cursors ------------------------------------------------------------------
    def answers(self, device_id: str, change_ids: Sequence[str]) -> dict[str, str]:
        out: dict[str, str] = {}
        for test, params in self._in_list(change_ids):
            out.update(self._all(f"SELECT change_id, answer FROM change_log WHERE device_id = ?"
                                 f" AND change_id {test}", [device_id, *params]))
        return out

    def save_answers(self, device_id: str, answers: Sequence[tuple[str, str]],
                     at: str) -> None:
        try:
            self._insert("change_log", ("device_id", "change_id", "answer", "at"),
                         [(device_id, c, a, at) for c, a in answers])
        except self.integrity_errors as exc:
            raise StorageConflict("a change was stored twice at once") from exc

    def device_cursors(self, device_id: str) -> dict[str, int]:
        return {t: int(c) for t, c in self._all(
            "SELECT record_type, cursor FROM device_cursors WHERE device_id = ?", [device_id])}

    def set_device_cursor(self, device_id: str, record_type: str, cursor: int) -> None:
        self.execute("INSERT INTO device_cursors (device_id, record_type, cursor) VALUES (?, ?, ?)"
                     " ON CONFLICT (device_id, record_type) DO UPDATE SET cursor = excluded.cursor",
                     [device_id, record_type, cursor])

    # --- devices and codes --------------------------------------------------------------------
    def _devices(self, where: str, params: Sequence[Any]) -> list[Device]:
        return [Device(*row) for row in self._all(
            f"SELECT {', '.join(_DEVICE_COLUMNS)} FROM devices {where}", params)]

    def device_by_token(self, token_hash: str) -> Device | None:
        found = self._devices("WHERE token_hash = ?", [token_hash])
        return found[0] if found else None

    def device(self, device_id: str) -> Device | None:
        found = self._devices("WHERE device_id = ?", [device_id])
        return found[0] if found else None

    def devices(self) -> list[Device]:
        return self._devices("ORDER BY enrolled_at, device_id", [])

    def devices_with_tag(self, kelurahan_code: str, rt: str, device_tag: str) -> list[str]:
        return [r[0] for r in self._all(
            "SELECT device_id FROM devices WHERE role = 'volunteer' AND scope_code = ?"
            " AND rt = ? AND device_tag = ?", [kelurahan_code, rt, device_tag])]

    def save_device(self, device: Device, token_hash: str) -> None:
        cols = (*_DEVICE_COLUMNS, "token_hash")
        self.execute(
            f"INSERT INTO devices ({', '.join(cols)}) VALUES ({self._marks(len(cols))})"
            " ON CONFLICT (device_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in cols if c != "device_id"),
            [getattr(device, c) for c in _DEVICE_COLUMNS] + [token_hash])

    def touch_device(self, device_id: str, at: str, *, synced: bool) -> None:
        sql = "UPDATE devices SET last_seen_at = ?" + (", last_sync_at = ?" if synced else "")
        self.execute(sql + " WHERE device_id = ?",
                     [at, at, device_id] if synced else [at, device_id])

    def revoke_device(self, device_id: str, at: str) -> bool:
        cur = self.execute("UPDATE devices SET revoked_at = ? WHERE device_id = ?"
                           " AND revoked_at IS NULL", [at, device_id])
        return cur.rowcount > 0

    def add_code(self, code: EnrolCode) -> None:
        self.execute(f"INSERT INTO enrol_codes ({', '.join(_CODE_COLUMNS)}) VALUES "
                     f"({self._marks(len(_CODE_COLUMNS))})",
                     [getattr(code, c) for c in _CODE_COLUMNS])

    def code(self, code_hash: str) -> EnrolCode | None:
        row = self._one(f"SELECT {', '.join(_CODE_COLUMNS)} FROM enrol_codes"
                        " WHERE code_hash = ?", [code_hash])
        return EnrolCode(*row) if row else None

    def use_code(self, code_hash: str, device_id: str, at: str) -> bool:
        cur = self.execute("UPDATE enrol_codes SET used_at = ?, used_by = ? WHERE code_hash = ?"
                           " AND used_at IS NULL", [at, device_id, code_hash])
        return cur.rowcount == 1

    def sealed_sample(self) -> tuple[str, str, bytes] | None:
        row = self._one("SELECT record_type, id, secret FROM records WHERE secret IS NOT NULL"
                        " LIMIT 1")
        return (row[0], row[1], bytes(row[2])) if row else None

    # --- settings, RT list, wilayah -------------------------------------------------------------
    def settings(self) -> dict[str, str]:
        return dict(self._all("SELECT key, value FROM settings"))

    def set_setting(self, key: str, value: str) -> None:
        self.execute("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key)"
                     " DO UPDATE SET value = excluded.value", [key, value])

    def rts(self, kelurahan_code: str | None = None) -> list[tuple[str, str, bool]]:
        if kelurahan_code is None:
            rows = self._all("SELECT kelurahan_code, rt, active FROM rt_list"
                             " ORDER BY kelurahan_code, rt")
        else:
            rows = self._all("SELECT kelurahan_code, rt, active FROM rt_list"
                             " WHERE kelurahan_code = ? ORDER BY rt", [kelurahan_code])
        return [(k, rt, bool(a)) for k, rt, a in rows]

    def rts_of(self, kelurahan_codes: Sequence[str]) -> list[tuple[str, str, bool]]:
        rows: list[Any] = []
        for test, params in self._in_list(kelurahan_codes):  # one piece: 34 kelurahan at most
            rows += self._all("SELECT kelurahan_code, rt, active FROM rt_list"
                              f" WHERE kelurahan_code {test} ORDER BY kelurahan_code, rt", params)
        return [(k, rt, bool(a)) for k, rt, a in rows]

    def set_rt(self, kelurahan_code: str, rt: str, active: bool) -> None:
        self.execute("INSERT INTO rt_list (kelurahan_code, rt, active) VALUES (?, ?, ?)"
                     " ON CONFLICT (kelurahan_code, rt) DO UPDATE SET active = excluded.active",
                     [kelurahan_code, rt, int(active)])

    def save_wilayah(self, rows: Sequence[tuple[str, str, str, str | None]]) -> None:
        self._many("INSERT INTO wilayah (code, name, level, parent) VALUES (?, ?, ?, ?)"
                   " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                   " level = excluded.level, parent = excluded.parent", rows)
