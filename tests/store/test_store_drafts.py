"""Drafts: an open form's content, per user; a user never sees another user's drafts."""

from __future__ import annotations

import datetime as dt

import pytest

from rt_desktop.store.store import Store


def test_save_load_replace_delete(store: Store) -> None:
    assert store.load_draft("u1", "incident:new") is None
    store.save_draft("u1", "incident:new", {"victim_name": "Rahasia", "risk_level": "sedang"})
    store.save_draft("u1", "incident:new", {"victim_name": "Rahasia", "risk_level": "tinggi"})
    assert store.load_draft("u1", "incident:new") == {"victim_name": "Rahasia",
                                                      "risk_level": "tinggi"}
    store.delete_draft("u1", "incident:new")
    assert store.load_draft("u1", "incident:new") is None
    store.delete_draft("u1", "incident:new")  # nothing there: nothing happens


def test_users_only_see_their_own_drafts(store: Store) -> None:
    store.save_draft("u1", "session:new", {"venue": "Balai"})
    store.save_draft("u1", "incident:new", {"place": "sekolah"})
    store.save_draft("u2", "session:new", {"venue": "Musala"})
    assert sorted(d["form_key"] for d in store.drafts("u1")) == ["incident:new", "session:new"]
    assert [d["content"] for d in store.drafts("u2")] == [{"venue": "Musala"}]
    assert store.load_draft("u2", "incident:new") is None
    assert store.drafts("u3") == []


def test_dates_and_choices_are_kept_as_json(store: Store) -> None:
    store.save_draft("u1", "session:new", {"session_date": dt.date(2026, 3, 1),
                                           "start_time": dt.time(19, 30),
                                           "topics": ("peran_ayah",)})
    assert store.load_draft("u1", "session:new") == {
        "session_date": "2026-03-01", "start_time": "19:30:00", "topics": ["peran_ayah"]}


def test_content_that_is_not_json_is_refused(store: Store) -> None:
    with pytest.raises(TypeError):
        store.save_draft("u1", "x", {"bad": object()})
    assert store.drafts("u1") == []


def test_drafts_are_not_audited_or_queued(store: Store) -> None:
    store.save_draft("u1", "session:new", {"venue": "Balai"})
    assert store.audit_entries() == [] and store.pending_count() == 0
