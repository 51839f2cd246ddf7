"""An incident and its referrals: saved together, validated together, guardrails kept on delete."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.errors import BadInput, ValidationFailed
from rt_desktop.records import Incident, Referral
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]


@pytest.fixture
def sexual_violence(make_incident: Factory) -> Incident:
    """A sexual-violence case already referred (past 'baru'): it must keep a referral."""
    return make_incident(violence_types=("seksual",), sexual_violence_forms=("pencabulan",),
                         status="dirujuk", rt_handling=("pendampingan",))


def _referral_ids(store: Store, incident_id: str) -> set[str]:
    return {r.id for r in store.list_records(Referral, where="incident_id = ?",
                                             params=[incident_id])}


def test_incident_and_referrals_are_saved_together(store: Store, sexual_violence: Incident,
                                                   make_referral: Factory) -> None:
    changes = store.save(sexual_violence, user=USER,
                         referrals=[make_referral(), make_referral(destination="puskesmas",
                                                                   uptd_service=None)])
    assert [(c.record_type, c.created) for c in changes] == [
        ("incident", True), ("referral", True), ("referral", True)]
    incident_id = changes[0].record_id
    assert _referral_ids(store, incident_id) == {c.record_id for c in changes[1:]}
    assert store.pending_count() == 3
    assert [e["action"] for e in store.audit_entries()] == ["create"] * 3


def test_a_sexual_violence_case_needs_its_referral(store: Store, sexual_violence: Incident,
                                                  snapshot: Callable[..., Any]) -> None:
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as raised:
        store.save(sexual_violence, user=USER)
    assert ("referral", "sexual_violence_needs_referral") in {
        (p.field, p.code) for p in raised.value.problems}
    assert snapshot(store) == before


def test_referral_problems_name_the_referral(store: Store, sexual_violence: Incident,
                                             make_referral: Factory,
                                             snapshot: Callable[..., Any]) -> None:
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as raised:
        store.save(sexual_violence, user=USER, referrals=[
            make_referral(), make_referral(consent_by=(), uptd_service="mediasi")])
    fields = {p.field for p in raised.value.problems}
    assert {"referrals.1.consent_by", "referrals.1.uptd_service"} <= fields
    assert snapshot(store) == before


def test_stored_referrals_count_for_the_incident(store: Store, make_incident: Factory,
                                                make_referral: Factory, load: Callable[..., Any]) -> None:
    # Saved as 'baru' with a referral, then moved on: the stored referral satisfies the rule.
    (incident, _) = store.save(make_incident(risk_level="tinggi"), user=USER,
                               referrals=[make_referral()])
    stored = load(store, Incident, incident.record_id)
    (change,) = store.save(dataclasses.replace(stored, status="dirujuk"), user=USER)
    assert change.fields == ("status",)


def test_a_referral_saved_alone_is_checked_against_its_incident(
        store: Store, sexual_violence: Incident, make_referral: Factory,
        snapshot: Callable[..., Any]) -> None:
    (incident, _) = store.save(sexual_violence, user=USER, referrals=[make_referral()])
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as raised:
        store.save(make_referral(incident_id=incident.record_id, uptd_service="mediasi"),
                   user=USER)
    assert "uptd_service" in {p.field for p in raised.value.problems}
    assert snapshot(store) == before


def test_deleting_the_only_referral_of_a_sexual_violence_case_is_refused(
        store: Store, sexual_violence: Incident, make_referral: Factory,
        snapshot: Callable[..., Any], load: Callable[..., Any]) -> None:
    (incident, referral) = store.save(sexual_violence, user=USER, referrals=[make_referral()])
    before = snapshot(store)
    with pytest.raises(ValidationFailed) as raised:
        store.delete(Referral, referral.record_id, user=USER)
    assert "sexual_violence_needs_referral" in {p.code for p in raised.value.problems}
    stored = load(store, Referral, referral.record_id)
    with pytest.raises(ValidationFailed):  # declining it is the same as removing it
        store.save(dataclasses.replace(stored, status="ditolak"), user=USER)
    with pytest.raises(ValidationFailed):  # and so is passing it deleted with the incident
        store.save(load(store, Incident, incident.record_id), user=USER,
                   referrals=[dataclasses.replace(stored, deleted=True)])
    assert snapshot(store) == before


def test_deleting_one_of_two_referrals_is_allowed(store: Store, sexual_violence: Incident,
                                                 make_referral: Factory) -> None:
    (incident, first, second) = store.save(sexual_violence, user=USER, referrals=[
        make_referral(), make_referral(destination="unit_ppa_polres", uptd_service=None)])
    change = store.delete(Referral, first.record_id, user=USER)
    assert change.deleted
    assert _referral_ids(store, incident.record_id) == {second.record_id}


def test_a_case_already_flagged_can_still_be_worked_on(
        store: Store, sexual_violence: Incident, make_referral: Factory, load: Callable[..., Any]) -> None:
    (incident, referral) = store.save(sexual_violence, user=USER, referrals=[make_referral()])
    with store.db.atomic():  # a pulled UPTD answer declined the only referral
        store.db.table("referrals").update(referral.record_id, {"status": "ditolak"})
    stored = load(store, Referral, referral.record_id)
    (change,) = store.save(dataclasses.replace(stored, response_note="Dicatat."), user=USER)
    assert change.fields == ("response_note",)
    (added,) = store.save(make_referral(incident_id=incident.record_id,
                                        destination="unit_ppa_polres", uptd_service=None),
                          user=USER)
    assert added.created


def test_a_referral_of_another_incident_is_refused(store: Store, make_incident: Factory,
                                                   make_referral: Factory) -> None:
    (first, _) = store.save(make_incident(), user=USER, referrals=[make_referral()])
    with pytest.raises(BadInput):
        store.save(make_incident(), user=USER,
                   referrals=[make_referral(incident_id=first.record_id)])


def test_deleting_an_incident_needs_no_validation(store: Store, sexual_violence: Incident,
                                                 make_referral: Factory) -> None:
    (incident, _) = store.save(sexual_violence, user=USER, referrals=[make_referral()])
    assert store.delete(Incident, incident.record_id, user=USER).deleted
