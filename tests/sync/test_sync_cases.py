"""A case (incident) and its referrals through a real `rt-server` on loopback, per backend: a
save of a case with its referrals travels in one push batch and is checked together; later
saves are checked each on their own; a case a refused change leaves without its referral is
flagged. The batching itself is in test_sync_apply.py, 413s in
tests/e2e/test_e2e_sync_too_large.py."""

from __future__ import annotations

import dataclasses
import json

from rt_desktop.records import Incident, Referral
from rt_desktop.store.store import Store
from sync.client import run_sync
from tests.sync.helpers import (
    USER,
    Devices,
    assert_converged,
    edit,
    make_incident,
    make_referral,
    make_session,
    referral_of,
    save_referred_case,
)


def replace_the_referral_of_a_synced_case(a: Store) -> str:
    """A high-risk case with its referral, synced; then one save declines the referral and adds
    the one replacing it (the case itself unchanged). Returns the case's id."""
    case_id = save_referred_case(a)
    assert run_sync(a).rejected == 0
    a.save(a.get(Incident, case_id), user=USER, referrals=[
        dataclasses.replace(referral_of(a, case_id), status="ditolak"),
        make_referral(destination="puskesmas", uptd_service=None)])
    return case_id


def test_more_changes_than_one_push_carries_never_part_a_case_from_its_referral(
        devices: Devices) -> None:
    """A push carries at most 500 changes; the server checks a case with its referrals as one
    batch leaves them, so a high-risk case sent without its referral would be rejected."""
    a = devices.volunteer("a")
    for n in range(2):
        a.save(make_session(venue=f"Balai {n}"), user=USER)
    save_referred_case(a)
    a.save(make_session(venue="Balai 2"), user=USER)
    result = run_sync(a, push_batch=3)  # [session, session], [case, referral, session]
    assert (result.pushed, result.rejected, result.exit_code) == (5, 0, 0)
    assert_converged(devices, a)


def test_a_referral_withdrawn_after_the_risk_was_lowered_leaves_earlier_changes_valid(
        devices: Devices) -> None:
    """A referred case raised to high risk, lowered again, then its referral withdrawn — all
    offline, pushed in one batch or in batches of one: nothing is rejected (the withdrawal
    belongs with the lowering, not with the raising)."""
    for push_batch in (500, 1):
        a = devices.volunteer(f"a{push_batch}")
        case_id = a.save(make_incident(), user=USER, referrals=[make_referral()])[0].record_id
        assert run_sync(a).rejected == 0
        referral = referral_of(a, case_id)
        edit(a, Incident, case_id, risk_level="tinggi", status="ditangani_rt")
        edit(a, Incident, case_id, risk_level="rendah")
        a.delete(Referral, referral.id, user=USER)
        result = run_sync(a, push_batch=push_batch)
        assert (result.pushed, result.rejected, result.exit_code) == (3, 0, 0), push_batch
        assert_converged(devices, a)


def test_a_referral_made_and_changed_before_a_sync_counts_for_its_case(
        devices: Devices) -> None:
    """A case saved with a declined referral, then raised to high risk with that referral
    accepted after all — one batch: the server follows the referral's second change to its
    case although that change names no case."""
    a = devices.volunteer("a")
    case_id = a.save(make_incident(), user=USER,
                     referrals=[make_referral(status="ditolak")])[0].record_id
    referral = referral_of(a, case_id)
    raised = dataclasses.replace(a.get(Incident, case_id), risk_level="tinggi",
                                 status="ditangani_rt")
    a.save(raised, user=USER, referrals=[dataclasses.replace(referral, status="diterima")])
    result = run_sync(a)
    assert (result.pushed, result.rejected, result.exit_code) == (4, 0, 0)
    assert_converged(devices, a)


def test_a_referral_replaced_in_one_save_is_accepted(devices: Devices) -> None:
    """A referred high-risk case whose referral was declined: one save marks it declined and
    adds the referral that replaces it (the case itself unchanged)."""
    a = devices.volunteer("a")
    replace_the_referral_of_a_synced_case(a)
    result = run_sync(a)
    assert (result.pushed, result.rejected, result.exit_code) == (2, 0, 0)
    assert_converged(devices, a)


def test_saves_of_referrals_are_each_checked_as_they_were_made(devices: Devices) -> None:
    """A referred high-risk case with two active referrals: one save declines the first (the
    second still stands), a later one takes the first back and declines the second. Each
    save was valid; in one batch neither may be judged by the other."""
    a = devices.volunteer("a")
    case_id = a.save(make_incident(risk_level="tinggi", status="dirujuk"), user=USER,
                     referrals=[make_referral(),
                                make_referral(destination="puskesmas", uptd_service=None)])[0]
    assert run_sync(a).rejected == 0
    first, second = sorted((r for r in a.list_records(Referral)
                            if r.incident_id == case_id.record_id),
                           key=lambda r: r.destination != "uptd_ppa")
    case = a.get(Incident, case_id.record_id)
    a.save(case, user=USER, referrals=[dataclasses.replace(first, status="ditolak")])
    a.save(case, user=USER, referrals=[
        dataclasses.replace(a.get(Referral, first.id), status="diterima"),
        dataclasses.replace(second, status="ditolak")])
    result = run_sync(a)
    assert (result.pushed, result.rejected, result.exit_code) == (3, 0, 0)
    assert_converged(devices, a)


def test_a_case_left_without_its_referral_by_a_refused_change_is_flagged(
        devices: Devices) -> None:
    """One save declines a high-risk case's referral and adds its replacement; the server
    refuses the replacement (a laptop with older rules let it through without consent): the
    decline stands, and the case says it now needs a referral."""
    a = devices.volunteer("a")
    case_id = replace_the_referral_of_a_synced_case(a)
    replacement = a.pending_changes()[-1]
    assert replacement["record_type"] == "referral"
    with a.writing():
        a.db.execute("UPDATE outbox SET fields = ? WHERE seq = ?",
                     [json.dumps({**replacement["fields"], "consent_by": "[]"}),
                      replacement["seq"]])
    result = run_sync(a)
    assert (result.pushed, result.rejected) == (1, 1)  # the decline, the replacement
    observer = devices.volunteer("observer")
    run_sync(observer)
    row = next(observer.db.query("SELECT attention FROM incidents WHERE id = ?", [case_id]))
    assert "high_risk_needs_referral" in json.loads(row["attention"] or "[]")
