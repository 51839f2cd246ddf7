"""What a report may read (never a sensitive column, never a write) and for whom: scope
checks per role, and periods that have not started."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.records import (
    RECORD_TYPES,
    sensitive_fields,
)
from rt_desktop.reports import (
    Period,
    build_report,
    resolve_scope,
)
from rt_desktop.store.store import Store
from tests.core.known_reports import NOW, Known, report_of

# --- what the report may read, and where ---------------------------------------------------

def test_reports_never_read_a_sensitive_column_nor_write(known: Known) -> None:
    import sqlcipher3.dbapi2 as sqlite

    sensitive = {(cls.TABLE, name) for cls in RECORD_TYPES.values()
                 for name in sensitive_fields(cls)}
    reads: set[tuple[str, str]] = set()
    writes: list[int] = []

    def authorizer(action: int, arg1: Any, arg2: Any, _db: Any, _source: Any) -> int:
        if action == sqlite.SQLITE_READ:
            reads.add((arg1, arg2))
        elif action in (sqlite.SQLITE_INSERT, sqlite.SQLITE_UPDATE, sqlite.SQLITE_DELETE):
            writes.append(action)
        return sqlite.SQLITE_OK

    conn = known.coordinator.db.conn
    conn.set_authorizer(authorizer)
    try:
        for period in ("2026-10", "2026-Q4", "2026", "2026-01-01..2026-10-31"):
            report_of(known.coordinator, period)
    finally:
        conn.set_authorizer(None)
    assert reads, "the authorizer saw nothing"
    assert not reads & sensitive
    assert ("incidents", "victim_age_group") in reads
    assert not writes


@pytest.mark.parametrize("kwargs, fragment", [
    ({"kelurahan": "64.71.01.1001"}, "di luar wilayah"),
    ({"rts": ["045"]}, "RT 045 di luar Kelurahan Muara Rapak"),
    ({"rts": ["abc"]}, "tidak sah"),
])
def test_a_coordinator_cannot_report_outside_its_area(known: Known, kwargs: dict[str, Any],
                                                      fragment: str) -> None:
    with pytest.raises(BadInput) as caught:
        resolve_scope(known.coordinator, **kwargs)
    assert fragment in caught.value.message_id


def test_a_volunteer_device_reports_its_own_rt_only(known: Known) -> None:
    with pytest.raises(BadInput, match="RT 001"):
        resolve_scope(known.volunteer, rts=["002"])
    with pytest.raises(BadInput, match="di luar wilayah"):
        resolve_scope(known.volunteer, kelurahan="64.71.03.1001")


def test_an_uptd_device_makes_no_summaries(tmp_path: Path) -> None:
    store = Store.create(tmp_path / "u", os.urandom(32), role="uptd")
    try:
        with pytest.raises(BadInput, match="tidak membuat laporan"):
            resolve_scope(store)
    finally:
        store.close()


def test_a_period_in_the_future_is_refused(known: Known) -> None:
    scope = resolve_scope(known.coordinator)
    with pytest.raises(BadInput, match="belum dimulai"):
        build_report(known.coordinator, Period.month(2026, 12), scope, now=NOW)
    report = build_report(known.coordinator, Period.month(2026, 11), scope, now=NOW)
    assert any("belum selesai" in n.id for n in report.notes)
