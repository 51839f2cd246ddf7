"""The RT lists the admin sets on the server reach the laptops with every sync (protocol 1.2),
per backend: a coordinator's report lists the RTs without a session, a volunteer's laptop gets
its own kelurahan's list. Kelurahan of Balikpapan Tengah, Kota and Sepinggan: no other sync
test lists RTs or records there."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from rt_desktop.reports import build_report, parse_period, resolve_scope
from rt_desktop.store.store import Store
from sync.client import enrol, run_sync
from tests.sync.helpers import USER, make_session, today

KARANG_REJO, MEKAR_SARI, TENGAH = "64.71.04.1003", "64.71.04.1005", "64.71.04"
PRAPATAN, TELAGA_SARI = "64.71.06.1001", "64.71.06.1002"
SEPINGGAN = "64.71.05.1002"


def volunteer(server: Any, new_store: Callable[..., Store], kelurahan: str, rt: str) -> Store:
    store = new_store(f"relawan-{kelurahan}-{rt}", kelurahan_code=kelurahan, rt=rt)
    enrol(store, server.url, server.issue_code("volunteer", kelurahan=kelurahan, rt=rt))
    return store


def rts(*numbers: int) -> frozenset[str]:
    return frozenset(f"{n:03d}" for n in numbers)


def test_a_coordinator_sees_the_rts_without_a_session(server: Any,
                                                       new_store: Callable[..., Store]) -> None:
    server.admin("rt", "add", KARANG_REJO, "1-10")
    server.admin("rt", "deactivate", KARANG_REJO, "5")
    server.admin("rt", "add", MEKAR_SARI, "1-3")
    rt002 = volunteer(server, new_store, KARANG_REJO, "002")
    rt002.save(make_session(), user=USER)
    run_sync(rt002)
    coordinator = new_store("koordinator-tengah", role="coordinator")
    enrol(coordinator, server.url, server.issue_code("coordinator", kecamatan=TENGAH))
    assert coordinator.configured_rts() == {}  # the lists come with the sync

    run_sync(coordinator)
    active = rts(1, 2, 3, 4, 6, 7, 8, 9, 10)
    assert coordinator.configured_rts() == {KARANG_REJO: active, MEKAR_SARI: rts(1, 2, 3)}
    week = today() - dt.timedelta(days=7)  # the session was three days ago
    period = parse_period(f"{week.isoformat()}..{today().isoformat()}", today=today())
    report = build_report(coordinator, period, resolve_scope(coordinator, kelurahan=KARANG_REJO))
    silent = report.table("silent_rts")
    assert [row.key for row in silent.rows] == sorted(active - {"002"})
    assert "belum diatur" not in " ".join(note.id for note in silent.notes)

    # The admin freezes another RT: the next sync takes it off the laptop's list.
    server.admin("rt", "deactivate", KARANG_REJO, "10")
    run_sync(coordinator)
    assert coordinator.configured_rts()[KARANG_REJO] == active - {"010"}


def test_a_volunteer_laptop_gets_its_own_kelurahans_list(server: Any,
                                                        new_store: Callable[..., Store]) -> None:
    server.admin("rt", "add", PRAPATAN, "1-5")
    server.admin("rt", "add", TELAGA_SARI, "1-2")
    laptop = volunteer(server, new_store, PRAPATAN, "003")
    run_sync(laptop)
    assert laptop.configured_rts() == {PRAPATAN: rts(1, 2, 3, 4, 5)}


def test_settings_without_rt_lists_keep_the_stored_ones(store: Store) -> None:
    """A server before 1.2, or a UPTD PPA device's answer: nothing to replace them with."""
    from sync.client.enrol import store_settings
    from sync.protocol import Settings

    store.set_configured_rts(store.kelurahan_code, ["001", "007"])
    store_settings(store, Settings(contacts={"sapa_129": "129"}))
    assert store.configured_rts() == {store.kelurahan_code: rts(1, 7)}
    store_settings(store, Settings(contacts={"sapa_129": "129"},
                                   rt_lists={store.kelurahan_code: {"007": True}}))
    assert store.configured_rts() == {store.kelurahan_code: rts(7)}


def test_a_frozen_rt_keeps_recording(server: Any, new_store: Callable[..., Store]) -> None:
    """The admin freezes an RT so that no new laptop is enrolled for it; its laptop's records
    stay valid, as the server takes them (docs/admin-server.md)."""
    server.admin("rt", "add", SEPINGGAN, "1-4")
    laptop = volunteer(server, new_store, SEPINGGAN, "004")
    server.admin("rt", "deactivate", SEPINGGAN, "4")
    run_sync(laptop)
    assert laptop.configured_rts() == {SEPINGGAN: rts(1, 2, 3)}
    laptop.save(make_session(), user=USER)
    run_sync(laptop)
    assert laptop.pending_count() == 0
