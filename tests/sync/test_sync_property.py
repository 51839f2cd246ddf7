"""Property test (issue 4): three devices of one RT make random offline creates, edits and
deletes and sync in random orders with random failures, against a real `rt-server`. At the
end every replica equals what the server gives a fresh device, and every value that was
overwritten by a device that had not seen it is kept in a conflict entry.

Profiles: the fixed CI profile (default) keeps it to a minute or so per backend;
``HYPOTHESIS_PROFILE=long`` runs many more and longer examples.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

from rt_desktop.records import ConflictEntry, Incident, ParentingSession, Record
from rt_desktop.store.store import Store
from sync.client import SyncError, run_sync
from tests.sync.faultproxy import FaultProxy
from tests.sync.helpers import (
    USER,
    Devices,
    make_incident,
    make_session,
    replica,
)

PROFILES = {
    "ci": settings(max_examples=6, stateful_step_count=25, deadline=None,
                   suppress_health_check=list(HealthCheck)),
    "long": settings(max_examples=150, stateful_step_count=60, deadline=None,
                     suppress_health_check=list(HealthCheck)),
}
PROFILE = PROFILES[os.environ.get("HYPOTHESIS_PROFILE", "ci")]

# The fields the devices write, per record type (values that never break a rule).
FIELDS = {ParentingSession: ("venue", "summary", "fathers"),
          Incident: ("victim_name", "chronology", "place")}
PLACES = ("rumah_tangga", "sekolah", "fasilitas_umum", "tempat_kerja", "daring", "lainnya")
FAULTS = ("none", "none", "none", "push_500", "push_drop", "settings_503", "pull_503")
_NAMES = itertools.count(1)  # store folders, unique across examples


@dataclass(frozen=True)
class Write:
    """One value one device wrote into one field; ``saw``: writes that device had seen."""

    n: int
    device: int
    record_id: str
    field: str
    value: Any  # row form
    saw: frozenset[int]


class SyncMachine(RuleBasedStateMachine):
    def __init__(self, devices: Devices, root: Path):
        super().__init__()
        self.devices_factory, self.root = devices, root
        self.numbers = itertools.count(1)
        self.writes: list[Write] = []
        self.records: dict[str, type[Record]] = {}
        self.server_known: set[int] = set()
        self.proxy: FaultProxy | None = None
        self.stores: list[Store] = []

    @initialize()
    def enrol_three_devices(self) -> None:
        self.proxy = FaultProxy(self.devices_factory.server.url)
        for i in range(3):
            store = self.devices_factory.volunteer(f"dev{i}-{next(_NAMES)}")
            store.set_meta("enrol_url", self.proxy.url)
            self.stores.append(store)
        self.seen: list[set[int]] = [set() for _ in self.stores]
        self.unacked: list[set[int]] = [set() for _ in self.stores]

    # --- local work (offline) -----------------------------------------------------------------

    def _write(self, device: int, record_id: str, field: str, value: Any) -> None:
        n = next(self.numbers)
        self.writes.append(Write(n, device, record_id, field, value,
                                 frozenset(self.seen[device])))
        self.seen[device].add(n)
        self.unacked[device].add(n)

    @rule(device=st.integers(0, 2), kind=st.sampled_from([ParentingSession, Incident]))
    def create(self, device: int, kind: type[Record]) -> None:
        n = next(self.numbers)
        record = (make_session(venue=f"venue-{n}", summary=f"summary-{n}", fathers=n % 400)
                  if kind is ParentingSession else
                  make_incident(victim_name=f"victim-{n}", chronology=f"chronology-{n}",
                                place=PLACES[n % len(PLACES)]))
        (change,) = self.stores[device].save(record, user=USER)
        self.records[change.record_id] = kind
        for field in FIELDS[kind]:
            self._write(device, change.record_id, field, getattr(record, field))
        self._write(device, change.record_id, "deleted", 0)

    def _live(self, device: int) -> list[tuple[type[Record], str]]:
        store = self.stores[device]
        return [(kind, r.id) for kind in FIELDS for r in store.list_records(kind)]

    @precondition(lambda self: bool(self.records))
    @rule(device=st.integers(0, 2), data=st.data())
    def edit(self, device: int, data: st.DataObject) -> None:
        live = self._live(device)
        if not live:
            return
        kind, record_id = data.draw(st.sampled_from(live))
        field = data.draw(st.sampled_from(FIELDS[kind]))
        n = next(self.numbers)
        value: Any = {"fathers": n % 400, "place": PLACES[n % len(PLACES)]}.get(field,
                                                                             f"{field}-{n}")
        store = self.stores[device]
        record = store.get(kind, record_id)
        if getattr(record, field) == value:
            return
        store.save(dataclasses.replace(record, **{field: value}), user=USER)  # type: ignore
        self._write(device, record_id, field, value)

    @precondition(lambda self: bool(self.records))
    @rule(device=st.integers(0, 2), data=st.data())
    def delete(self, device: int, data: st.DataObject) -> None:
        live = self._live(device)
        if not live:
            return
        kind, record_id = data.draw(st.sampled_from(live))
        self.stores[device].delete(kind, record_id, user=USER)
        self._write(device, record_id, "deleted", 1)

    # --- sync, sometimes failing -------------------------------------------------------------

    @rule(device=st.integers(0, 2), fault=st.sampled_from(FAULTS))
    def sync(self, device: int, fault: str) -> None:
        assert self.proxy is not None
        before = len(self.proxy.log)
        if fault == "push_500":
            self.proxy.inject("/api/v1/push", "status", status=500)
        elif fault == "push_drop":
            self.proxy.inject("/api/v1/push", "drop")
        elif fault == "settings_503":
            self.proxy.inject("/api/v1/settings", "status", status=503, retry_after=1)
        elif fault == "pull_503":  # pushed and answered; the sync stops before it pulls
            self.proxy.inject("/api/v1/pull", "status", status=503, times=-1)
        try:
            result = run_sync(self.stores[device])
        except SyncError as exc:
            assert exc.transient, exc
            if fault == "pull_503":  # what it wrote is on the server; it saw nothing new
                self.server_known |= self.unacked[device]
                self.unacked[device] = set()
            elif any(what.startswith("dropped") for _m, _p, what in self.proxy.log[before:]):
                self.server_known |= self.unacked[device]  # committed, answer lost
            return
        finally:
            self.proxy.clear()
        assert result.rejected == 0
        self.server_known |= self.unacked[device]
        self.unacked[device] = set()
        self.seen[device] |= self.server_known

    # --- the end ------------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if self.stores:
                self._check_convergence()
        finally:
            if self.proxy is not None:
                self.proxy.close()
            for store in self.stores:
                store.close()

    def _check_convergence(self) -> None:
        for _ in range(3):
            for store in self.stores:
                assert run_sync(store).rejected == 0
        observer = self.devices_factory.volunteer(f"observer-{next(_NAMES)}")
        try:
            run_sync(observer)
            expected = replica(observer)
            for store in self.stores:
                assert store.pending_count() == 0
                assert replica(store) == expected
            self._check_lost_values(observer, expected)
        finally:
            observer.close()

    def _check_lost_values(self, observer: Store, expected: dict[str, Any]) -> None:
        kept = {(e.parent_id, e.field, e.losing_value)
                for e in observer.list_records(ConflictEntry, include_deleted=True)}
        by_field: dict[tuple[str, str], list[Write]] = {}
        for write in self.writes:
            by_field.setdefault((write.record_id, write.field), []).append(write)
        for (record_id, field), writes in by_field.items():
            final = expected[self.records[record_id].TABLE][record_id][field]
            for write in writes:
                if write.value == final:
                    continue
                knowingly = any(write.n in later.saw for later in writes if later is not write)
                if knowingly:
                    continue
                assert (record_id, field, json.dumps(write.value)) in kept, (
                    f"{field} of {record_id}: {write.value!r} lost without a conflict entry "
                    f"(final {final!r})")


def test_devices_converge_and_keep_every_concurrently_overwritten_value(
        devices: Devices, tmp_path: Path) -> None:
    rts = itertools.count(900, -1)

    def machine() -> SyncMachine:
        # A fresh RT per example: the server's data for it starts empty.
        fresh = Devices(devices.server, devices.new_store, f"{next(rts):03d}")
        return SyncMachine(fresh, tmp_path)
    run_state_machine_as_test(machine, settings=PROFILE)

