"""Sync bookkeeping from day one: outbox, pull cursors, meta, RT list, status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.errors import BadInput
from rt_desktop.records import RECORD_TYPES
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]


def test_pending_changes_oldest_first(store: Store, make_session: Factory,
                                      make_incident: Factory) -> None:
    (a,) = store.save(make_session(), user=USER)
    (b,) = store.save(make_incident(), user=USER)
    assert store.pending_count() == 2
    assert [c["record_id"] for c in store.pending_changes()] == [a.record_id, b.record_id]
    assert [c["record_id"] for c in store.pending_changes(limit=1)] == [a.record_id]


def test_sync_cursors(store: Store) -> None:
    assert store.sync_cursor("incident") is None
    store.set_sync_cursor("incident", "120")
    store.set_sync_cursor("parenting_session", "7")
    store.set_sync_cursor("incident", "150")
    assert (store.sync_cursor("incident"), store.sync_cursor("parenting_session")) == ("150", "7")
    store.reset_sync_cursors()
    assert all(store.sync_cursor(name) is None for name in RECORD_TYPES)
    with pytest.raises(ValueError):
        store.set_sync_cursor("nope", "1")


def test_a_cursor_moves_with_the_callers_transaction(store: Store) -> None:
    with pytest.raises(RuntimeError), store.db.atomic():
        store.set_sync_cursor("incident", "99")
        raise RuntimeError("the pulled page failed to apply")
    assert store.sync_cursor("incident") is None


def test_meta(store: Store, key: bytes) -> None:
    assert store.meta("nothing") is None
    store.set_meta("server_url", "https://ppa.balikpapan.example")
    store.close()
    reopened = Store.open(store.data_dir, key)
    try:
        assert reopened.meta("server_url") == "https://ppa.balikpapan.example"
        assert len(reopened.device_tag) == 4
    finally:
        reopened.close()


def test_configured_rts(store: Store, make_session: Factory) -> None:
    assert store.configured_rts() == {}
    store.set_configured_rts(store.kelurahan_code, ["7", "008", "9"])
    assert store.configured_rts() == {store.kelurahan_code: frozenset({"007", "008", "009"})}
    store.set_configured_rts(store.kelurahan_code, ["007", "010"])  # 008, 009 frozen
    assert store.configured_rts() == {store.kelurahan_code: frozenset({"007", "010"})}
    assert store.db.table("rt_list").count == 4
    with pytest.raises(BadInput):
        store.set_configured_rts("64.71.99.9999", ["001"])
    with pytest.raises(BadInput):
        store.set_configured_rts(store.kelurahan_code, ["1000"])


def test_the_servers_rt_lists_replace_the_stored_ones(store: Store) -> None:
    here, other = store.kelurahan_code, "64.71.03.1001"
    store.set_configured_rts(other, ["001"])
    assert store.replace_rt_lists({here: {"001": True, "002": False, "003": True},
                                   "64.71.99.9999": {"001": True}})  # unknown here: skipped
    assert store.configured_rts() == {here: frozenset({"001", "003"})}
    assert store.listed_rts() == {here: frozenset({"001", "002", "003"})}
    assert not store.replace_rt_lists({here: {"001": True, "002": False, "003": True}})
    assert store.replace_rt_lists({here: {"003": False}})
    assert store.configured_rts() == {here: frozenset()}
    assert store.replace_rt_lists({})
    assert store.configured_rts() == {}


def test_validation_uses_the_rt_list(store: Store, make_session: Factory) -> None:
    store.set_configured_rts(store.kelurahan_code, ["001", "002"])  # not this device's 007
    with pytest.raises(BadInput) as raised:
        store.save(make_session(), user=USER)
    assert "rt" in {p.field for p in raised.value.problems}  # type: ignore[attr-defined]
    # Frozen by the admin: no new laptop for it, but its records stay valid (as on the server).
    store.replace_rt_lists({store.kelurahan_code: {"001": True, "007": False}})
    assert store.save(make_session(), user=USER)


def test_status(store: Store, make_session: Factory, make_incident: Factory) -> None:
    (session,) = store.save(make_session(), user=USER)
    store.save(make_session(), user=USER)
    store.save(make_incident(), user=USER)
    store.delete(type(make_session()), session.record_id, user=USER)
    assert store.status() == {
        "records": {"parenting_session": 1, "incident": 1, "follow_up": 0, "referral": 0},
        "pending_changes": 4, "schema_version": store.schema_version(),
        "data_dir": str(store.data_dir), "kelurahan_code": "64.71.03.1004", "rt": "007",
        "device_id": store.device_id}


def test_list_and_count_with_filters(store: Store, make_session: Factory) -> None:
    cls = type(make_session())
    for n in range(5):
        store.save(make_session(fathers=n), user=USER)
    assert store.count(cls, where="fathers >= ?", params=[3]) == 2
    rows = store.list_records(cls, where="fathers >= ?", params=[1], order_by="fathers DESC",
                              limit=2, offset=1)
    assert [r.fathers for r in rows] == [3, 2]
