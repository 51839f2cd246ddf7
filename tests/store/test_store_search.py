"""Full-text search finds non-sensitive text, and never a victim's name or the kronologi."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from rt_desktop.records import Incident, ParentingSession, sensitive_fields
from rt_desktop.store import search as search_module
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]


def test_no_sensitive_field_is_ever_indexed() -> None:
    for cls, fields in search_module.SEARCH_FIELDS.items():
        assert not set(fields) & sensitive_fields(cls)
    assert "case_code" in search_module.SEARCH_FIELDS[Incident]


def test_victim_identity_and_kronologi_cannot_be_found(
        store: Store, make_incident: Factory, make_follow_up: Factory) -> None:
    (incident,) = store.save(make_incident(
        victim_name="Zubaidah Kartikasari", chronology="Kronologi rahasia di dapur Wiryawan",
        victim_address="Gang Melati Tujuh", perpetrator_name="Paman Sukarjo",
        rt_handling_note="Catatan penanganan Anggrek"), user=USER)
    store.save(make_follow_up(incident.record_id, note="Catatan Kenanga"), user=USER)
    for text in ("Zubaidah", "Kartikasari", "Wiryawan", "dapur", "Melati", "Sukarjo",
                 "Anggrek", "Kenanga", "0812"):
        assert store.search(text) == [], text
    assert store.search("psikis") == [("incident", incident.record_id)]
    text = store.db.execute("SELECT group_concat(body) FROM search_fts").fetchone()[0]
    assert text is None  # contentless: the index keeps no text to read back


@pytest.mark.parametrize("query", [
    "disiplin", "DISIPLIN", "disip", "Pengasuhan positif", "Peran ayah", "Balai pertemuan",
    "Kader Posyandu", "PPATBM Gunung", "lanjutan bulan"])
def test_sessions_are_found_by_their_text_and_topic_labels(
        store: Store, make_session: Factory, query: str) -> None:
    (session,) = store.save(make_session(), user=USER)
    store.save(make_session(topics=("putus_sekolah",), venue="Musala", summary=None,
                            facilitator=None, facilitator_org=None, follow_up=None), user=USER)
    assert store.search(query) == [("parenting_session", session.record_id)]


@pytest.mark.parametrize("query", ["Kekerasan psikis", "Rumah tangga", "rendah", "Baru"])
def test_incidents_are_found_by_labels(store: Store, make_incident: Factory, query: str) -> None:
    (incident,) = store.save(make_incident(), user=USER)
    assert store.search(query, record_type="incident") == [("incident", incident.record_id)]


def test_an_incident_is_found_by_its_case_code(store: Store, make_incident: Factory, load: Callable[..., Any]) -> None:
    (incident,) = store.save(make_incident(), user=USER)
    code = load(store, Incident, incident.record_id).case_code
    assert store.search(code) == [("incident", incident.record_id)]
    assert store.search(code.lower()[:5]) == [("incident", incident.record_id)]


def test_the_index_follows_edits_and_deletes(store: Store, make_session: Factory, load: Callable[..., Any]) -> None:
    (session,) = store.save(make_session(venue="Pos ronda"), user=USER)
    record = load(store, ParentingSession, session.record_id)
    store.save(dataclasses.replace(record, venue="Lapangan voli"), user=USER)
    assert store.search("ronda") == []
    assert store.search("voli") == [("parenting_session", session.record_id)]
    store.delete(ParentingSession, session.record_id, user=USER)
    assert store.search("voli") == []


def test_results_are_newest_first_and_limited(store: Store, make_session: Factory) -> None:
    ids = [store.save(make_session(venue=f"Rumah warga {n}"), user=USER)[0].record_id
           for n in range(5)]
    assert [rid for _, rid in store.search("warga")] == ids[::-1]
    assert len(store.search("warga", limit=2)) == 2
    assert store.search("warga", record_type="incident") == []


@pytest.mark.parametrize("text", ['"', "AND", "NEAR(", "*", "a OR", "-", "   ", "'; DROP"])
def test_query_syntax_in_user_input_is_plain_text(store: Store, make_session: Factory,
                                                  text: str) -> None:
    store.save(make_session(), user=USER)
    assert isinstance(store.search(text), list)


def test_unknown_record_type_is_a_programmer_error(store: Store) -> None:
    with pytest.raises(ValueError):
        store.search("x", record_type="follow_up")


def test_rebuild_gives_the_same_results(store: Store, make_session: Factory,
                                        make_incident: Factory) -> None:
    store.save(make_session(), user=USER)
    store.save(make_incident(), user=USER)
    before = sorted(store.search("a")) + sorted(store.search("RT007"))
    assert store.rebuild_search_index() == 2
    assert sorted(store.search("a")) + sorted(store.search("RT007")) == before
