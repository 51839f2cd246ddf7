"""The list queries: filters, orders, keyset pages, search and overdue cases (data:
tests/store/list_data.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from rt_desktop.store import queries
from rt_desktop.store.list_sql import is_broad_search
from rt_desktop.store.queries import IncidentQuery, SessionQuery
from rt_desktop.store.store import Store
from tests.store.list_data import Data, all_rows, incident_names, session_names

# --- sessions ------------------------------------------------------------------------------

@pytest.mark.parametrize(("sort", "descending", "expected"), [
    ("attendees", True, ["b", "d", "a", "c", "e"]),
    ("attendees", False, ["e", "c", "a", "d", "b"]),
    # Venues ignore case ("balai RT" = "Balai RT"); within one venue the newest first.
    ("venue", False, ["a", "d", "b", "c", "e"]),
    ("venue", True, ["e", "c", "b", "d", "a"]),
])
def test_session_orders(store: Store, data: Data, sort: str, descending: bool,
                        expected: list[str]) -> None:
    assert session_names(store, data, SessionQuery(sort=sort, descending=descending)) == expected


def test_sessions_newest_first_by_default_and_deleted_ones_never_show(
        store: Store, data: Data) -> None:
    by_date = sorted(data.sessions, key=lambda n: (data.sessions[n][0], data.session_ids[n]),
                     reverse=True)
    assert session_names(store, data, SessionQuery()) == by_date
    assert session_names(store, data, SessionQuery(descending=False)) == by_date[::-1]
    assert queries.session_count(store, SessionQuery()) == 5


def test_a_session_row_holds_what_the_list_shows(store: Store, data: Data) -> None:
    (row,) = [r for r in all_rows(store, SessionQuery()) if r["id"] == data.session_ids["b"]]
    assert row == {"id": data.session_ids["b"], "session_date": data.sessions["b"][0],
                   "venue": "Musala Al-Ikhlas", "topics": ("peran_ayah", "keamanan_digital"),
                   "attendees": 30, "sync_state": "pending"}


@pytest.mark.parametrize(("period", "today", "expected"), [
    ("all", dt.date(2026, 3, 15), (None, None)),
    ("this_month", dt.date(2026, 2, 10), (dt.date(2026, 2, 1), dt.date(2026, 2, 28))),
    ("last_month", dt.date(2026, 1, 31), (dt.date(2025, 12, 1), dt.date(2025, 12, 31))),
    ("last_month", dt.date(2024, 3, 1), (dt.date(2024, 2, 1), dt.date(2024, 2, 29))),
    ("this_year", dt.date(2026, 7, 4), (dt.date(2026, 1, 1), dt.date(2026, 12, 31))),
])
def test_periods(period: str, today: dt.date, expected: tuple[Any, Any]) -> None:
    assert queries.period_range(period, today) == expected


def test_an_unknown_period_is_a_programmer_error() -> None:
    with pytest.raises(ValueError, match="period"):
        queries.period_range("kemarin", dt.date(2026, 1, 1))


@pytest.mark.parametrize("period", queries.PERIODS)
def test_session_periods_filter_and_count(store: Store, data: Data, period: str) -> None:
    start, end = queries.period_range(period, data.today)
    query = SessionQuery(date_from=start, date_to=end)
    expected = {n for n, (date, _, _) in data.sessions.items()
                if (start is None or date >= start) and (end is None or date <= end)}
    assert set(session_names(store, data, query)) == expected
    assert queries.session_count(store, query) == len(expected)


def test_custom_date_range_and_topic(store: Store, data: Data) -> None:
    assert session_names(store, data, SessionQuery(topic="peran_ayah")) == ["b", "c", "e"]
    one_day = data.sessions["c"][0]
    query = SessionQuery(date_from=one_day, date_to=one_day, topic="peran_ayah")
    assert session_names(store, data, query) == ["c"]
    assert queries.session_count(store, query) == 1
    assert queries.session_count(store, SessionQuery(topic="lainnya")) == 0


@pytest.mark.parametrize(("text", "expected"), [
    ("musala", {"b"}),
    ("gawai", {"a", "b"}),  # a's summary, and b's topic "Bahaya gawai / keamanan digital"
    ("Peran Ayah", {"b", "c", "e"}),
    ("teras rum", {"e"}),  # every word as a prefix
    ("", {"a", "b", "c", "d", "e"}),  # no words: no text filter
    ('"); DROP TABLE', set()),
])
def test_session_search(store: Store, data: Data, text: str, expected: set[str]) -> None:
    query = SessionQuery(text=text)
    assert set(session_names(store, data, query)) == expected
    assert queries.session_count(store, query) == len(expected)


@pytest.mark.parametrize("broad", [True, False])
@pytest.mark.parametrize("sort", queries.SESSION_SORTS)
def test_broad_and_narrow_searches_read_the_same_rows(
        store: Store, data: Data, monkeypatch: pytest.MonkeyPatch, sort: str,
        broad: bool) -> None:
    # A broad search walks the list's index, a narrow one looks its matches up: same rows.
    query = SessionQuery(text="peran", sort=sort)
    expected = all_rows(store, query)
    monkeypatch.setattr(queries, "is_broad_search", lambda _store, _text: broad)
    assert all_rows(store, query, limit=1) == expected
    assert [r["id"] for r in expected] == [
        data.session_ids[n] for n in session_names(store, data, SessionQuery(sort=sort))
        if n in ("b", "c", "e")]


def test_a_search_is_broad_from_so_many_matches(store: Store, data: Data) -> None:
    assert is_broad_search(store, "peran", at_least=3)  # b, c, e
    assert not is_broad_search(store, "peran", at_least=4)
    assert not is_broad_search(store, "   ")


def test_search_combines_with_filters(store: Store, data: Data) -> None:
    month = queries.period_range("this_month", data.today)
    query = SessionQuery(text="gawai", date_from=month[0], date_to=month[1],
                         topic="keamanan_digital")
    assert session_names(store, data, query) == ["b"]
    assert queries.session_count(store, query) == 1


@pytest.mark.parametrize("sort", queries.SESSION_SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_session_pages_continue_where_the_last_one_ended(
        store: Store, data: Data, sort: str, descending: bool) -> None:
    query = SessionQuery(sort=sort, descending=descending)
    whole = queries.session_page(store, query, limit=100)
    assert whole.after is None
    for limit in (1, 2, 3):
        assert all_rows(store, query, limit=limit) == whole.rows


# --- incidents -----------------------------------------------------------------------------

def test_overdue_cases_come_first_then_the_newest(store: Store, data: Data) -> None:
    rows = all_rows(store, IncidentQuery(today=data.day))
    names = {v: k for k, v in data.incident_ids.items()}
    assert [names[r["id"]] for r in rows] == [
        "overdue_new", "overdue_old",  # overdue, newest first
        "no_follow_up", "due_today", "next_week", "due_soon", "closed", "later_note"]
    overdue = {names[r["id"]] for r in rows if r["overdue"]}
    # closed: its date passed but the case is selesai; later_note: an older note's date passed,
    # but the latest note moved the next follow-up into the future.
    assert overdue == {"overdue_new", "overdue_old"}
    nexts = {names[r["id"]]: r["next_follow_up_on"] for r in rows}
    assert nexts["later_note"] == data.day + dt.timedelta(days=20)
    assert nexts["no_follow_up"] is None


def test_without_a_today_nothing_is_overdue(store: Store, data: Data) -> None:
    assert not any(row["overdue"] for row in all_rows(store, IncidentQuery()))


@pytest.mark.parametrize(("query", "expected"), [
    (IncidentQuery(status="ditangani_rt"), ["overdue_new", "later_note"]),
    (IncidentQuery(risk_level="sedang"), ["due_soon"]),
    (IncidentQuery(violence_type="fisik"), ["overdue_old"]),
    (IncidentQuery(violence_type="psikis", status="selesai"), ["closed"]),
    (IncidentQuery(status="dirujuk"), []),
    (IncidentQuery(text="kekerasan fisik"), ["overdue_old"]),
])
def test_incident_filters(store: Store, data: Data, query: IncidentQuery,
                          expected: list[str]) -> None:
    query = dataclasses.replace(query, today=data.day)
    assert incident_names(store, data, query) == expected
    assert queries.incident_count(store, query) == len(expected)


def test_a_case_is_found_by_its_code(store: Store, data: Data) -> None:
    code = data.case_codes["due_soon"]
    assert incident_names(store, data, IncidentQuery(text=code)) == ["due_soon"]
    assert incident_names(store, data, IncidentQuery(text=code.lower())) == ["due_soon"]
    same_year = [n for n, c in data.case_codes.items() if c.startswith(code[:10])]
    assert queries.incident_count(store, IncidentQuery(text=code[:10])) == len(same_year) > 0


@pytest.mark.parametrize(("sort", "descending", "expected"), [
    ("reported_on", False, ["later_note", "closed", "overdue_old", "overdue_new", "due_soon",
                            "next_week", "due_today", "no_follow_up"]),
    ("next_follow_up_on", False, ["closed", "overdue_old", "overdue_new", "due_today",
                                  "due_soon", "next_week", "later_note", "no_follow_up"]),
    # Cases without a next date stay last both ways.
    ("next_follow_up_on", True, ["later_note", "next_week", "due_soon", "due_today",
                                 "overdue_new", "overdue_old", "closed", "no_follow_up"]),
    ("risk_level", True, ["due_soon", "no_follow_up", "due_today", "next_week", "overdue_new",
                          "overdue_old", "closed", "later_note"]),
    ("status", False, ["no_follow_up", "due_today", "next_week", "due_soon", "overdue_old",
                       "overdue_new", "later_note", "closed"]),
])
def test_incident_orders(store: Store, data: Data, sort: str, descending: bool,
                         expected: list[str]) -> None:
    query = IncidentQuery(sort=sort, descending=descending, today=data.day)
    assert incident_names(store, data, query) == expected


@pytest.mark.parametrize("sort", queries.INCIDENT_SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_incident_pages_continue_where_the_last_one_ended(
        store: Store, data: Data, sort: str, descending: bool) -> None:
    query = IncidentQuery(sort=sort, descending=descending, today=data.day)
    whole = queries.incident_page(store, query, limit=100)
    assert len(whole.rows) == 8 and whole.after is None
    for limit in (1, 3):
        assert all_rows(store, query, limit=limit) == whole.rows


def test_unknown_sorts_and_foreign_cursors_are_programmer_errors(store: Store) -> None:
    with pytest.raises(KeyError):
        queries.session_page(store, SessionQuery(sort="warna"))
    with pytest.raises(KeyError):
        queries.incident_page(store, IncidentQuery(sort="warna"))
    with pytest.raises(ValueError, match="after"):
        queries.session_page(store, SessionQuery(), after=("2026-01-01",))
