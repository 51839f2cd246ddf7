"""A database made by migration 1 opens after every later migration, with all its data.

tests/store/fixtures/m001.db was made by fixtures/make_m001.py (migration 1 only) and is never
regenerated once committed: it stands for a laptop that has not been updated since.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rt_desktop.records import FollowUp, Incident, ParentingSession, Referral
from rt_desktop.store.connection import DB_FILENAME
from rt_desktop.store.migrations import MIGRATIONS
from rt_desktop.store.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
M001_KEY = bytes.fromhex((FIXTURES / "m001.key").read_text().strip())


@pytest.fixture
def migrated(tmp_path: Path) -> Iterator[Store]:
    shutil.copy(FIXTURES / "m001.db", tmp_path / DB_FILENAME)
    store = Store.open(tmp_path, M001_KEY)
    yield store
    store.close()


def test_the_fixture_is_at_migration_1_and_is_not_changed(
        tmp_path: Path, file_state: Callable[..., Any]) -> None:
    before = file_state(FIXTURES / "m001.db")
    shutil.copy(FIXTURES / "m001.db", tmp_path / DB_FILENAME)
    Store.open(tmp_path, M001_KEY).close()
    assert file_state(FIXTURES / "m001.db") == before
    assert len(MIGRATIONS._migrations) > 1, "no later migration to test the upgrade with"


def test_every_migration_is_applied(migrated: Store) -> None:
    assert migrated.schema_version() == len(MIGRATIONS._migrations)
    assert MIGRATIONS.pending(migrated.db) == []


@pytest.mark.parametrize(("cls", "count", "deleted"), [
    (ParentingSession, 2, 1), (Incident, 3, 0), (FollowUp, 2, 0), (Referral, 2, 0)])
def test_records_survive(migrated: Store, cls: type, count: int, deleted: int) -> None:
    assert migrated.count(cls) == count
    assert migrated.count(cls, include_deleted=True) == count + deleted


def test_record_values_survive(migrated: Store, load: Callable[..., Any]) -> None:
    incident = load(migrated, Incident, "0193f2a0-0000-7000-8000-0000000000b2")
    assert incident is not None
    assert incident.case_code == "RT007-2025-K7QF-0002"
    assert incident.victim_name == "Fiktif Dua"
    assert incident.sexual_violence_forms == ("pencabulan",)
    assert incident.status == "dirujuk"
    referrals = migrated.list_records(Referral, where="incident_id = ?", params=[incident.id])
    assert {r.destination for r in referrals} == {"uptd_ppa", "puskesmas"}
    session = load(migrated, ParentingSession, "0193f2a0-0000-7000-8000-0000000000a2")
    assert session is not None and session.topic_other == "Gizi anak balita"


def test_bookkeeping_survives(migrated: Store) -> None:
    assert migrated.device_tag == "K7QF"
    assert migrated.rt == "007"
    assert migrated.pending_count() == 1
    assert migrated.pending_changes()[0]["attempts"] == 2
    assert migrated.sync_cursor("incident") == "42"
    assert migrated.configured_rts() == {"64.71.03.1004": frozenset({"006", "007", "008"})}
    assert migrated.load_draft("relawan-1", "incident:new") == {"place": "sekolah"}
    assert [e["record_type"] for e in migrated.audit_entries()] == ["incident"]


def test_search_index_is_filled_for_old_records(migrated: Store) -> None:
    assert migrated.search("disiplin") == [
        ("parenting_session", "0193f2a0-0000-7000-8000-0000000000a1")]
    assert {rid for _, rid in migrated.search("RT007 2025")} == {
        "0193f2a0-0000-7000-8000-0000000000b1", "0193f2a0-0000-7000-8000-0000000000b2",
        "0193f2a0-0000-7000-8000-0000000000b3"}
    assert migrated.search("Dibatalkan") == []  # the tombstone is not indexed
    assert migrated.search("Fiktif") == []       # victims' names never are
    assert migrated.meta("rebuild_search_index") is None  # done once, not at every open


def test_work_goes_on_after_the_upgrade(migrated: Store, make_incident: Callable[..., Any],
                                        make_session: Callable[..., Any], load: Callable[..., Any]) -> None:
    incident = make_incident(reported_on=make_incident().reported_on)
    (change,) = migrated.save(incident, user="relawan-1")
    saved = load(migrated, Incident, change.record_id)
    assert saved is not None and saved.case_code.startswith("RT007-")
    (change,) = migrated.save(make_session(venue="Pos ronda"), user="relawan-1")
    assert migrated.search("ronda") == [("parenting_session", change.record_id)]
    assert migrated.hlc_last > "001736000000000-00000-"
