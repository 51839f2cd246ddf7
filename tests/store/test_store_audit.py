"""The audit log: who, when, what — with field names, never values; reveal is audited."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.errors import NotFound
from rt_desktop.records import Incident
from rt_desktop.store.audit import ACTIONS
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]


@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_every_action_can_be_logged(store: Store, action: str) -> None:
    store.audit(action, user=USER, record_type="incident", record_id="x", detail="d")
    (entry,) = store.audit_entries()
    assert {k: entry[k] for k in ("user", "action", "record_type", "record_id", "detail")} == {
        "user": USER, "action": action, "record_type": "incident", "record_id": "x",
        "detail": "d"}
    assert entry["at"].endswith("Z")


@pytest.mark.parametrize(("action", "user"), [("hack", USER), ("login_ok", "")])
def test_unknown_action_or_no_user_is_a_programmer_error(store: Store, action: str,
                                                         user: str) -> None:
    with pytest.raises(ValueError):
        store.audit(action, user=user)
    assert store.audit_entries() == []


def test_entries_are_newest_first(store: Store) -> None:
    for action in ("login_ok", "export", "sync"):
        store.audit(action, user=USER)
    assert [e["action"] for e in store.audit_entries()] == ["sync", "export", "login_ok"]
    assert [e["action"] for e in store.audit_entries(limit=1)] == ["sync"]


def test_audit_of_writes_holds_no_values(store: Store, make_incident: Factory, load: Callable[..., Any]) -> None:
    incident = make_incident()
    (created,) = store.save(incident, user=USER)
    stored = load(store, Incident, created.record_id)
    store.save(dataclasses.replace(stored, victim_name="Nama Baru Rahasia",
                                   chronology="Isi baru rahasia"), user=USER)
    store.delete(Incident, created.record_id, user=USER)
    text = repr(store.audit_entries())
    for value in (incident.victim_name, incident.chronology, incident.victim_address,
                  incident.victim_guardian_name, "Nama Baru Rahasia", "Isi baru rahasia"):
        assert value not in text
    assert [e["action"] for e in store.audit_entries()] == ["delete", "update", "create"]
    assert store.audit_entries()[1]["detail"] == "fields: victim_name, chronology"


def test_reveal_returns_the_values_and_audits_the_field_names(
        store: Store, make_incident: Factory) -> None:
    incident = make_incident()
    (created,) = store.save(incident, user=USER)
    values = store.reveal(Incident, created.record_id, ["victim_name", "chronology"],
                          user="koordinator-rt")
    assert values == {"victim_name": incident.victim_name, "chronology": incident.chronology}
    entry = store.audit_entries(limit=1)[0]
    assert (entry["action"], entry["user"], entry["record_id"], entry["detail"]) == (
        "reveal", "koordinator-rt", created.record_id, "fields: victim_name, chronology")
    assert incident.victim_name not in repr(entry)


def test_reveal_of_something_unknown(store: Store, make_incident: Factory) -> None:
    (created,) = store.save(make_incident(), user=USER)
    with pytest.raises(ValueError):
        store.reveal(Incident, created.record_id, ["no_such_field"], user=USER)
    with pytest.raises(NotFound):
        store.reveal(Incident, "0193f2a0-0000-7000-8000-000000000000", ["victim_name"],
                     user=USER)
    assert [e["action"] for e in store.audit_entries()] == ["create"]
