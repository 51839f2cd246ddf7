"""The home summary, and that no list ever returns, or finds by, a victim's identity; every
list query reads indexes (data: tests/store/list_data.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest

from rt_desktop.records import Incident, sensitive_fields
from rt_desktop.store import migrations, queries
from rt_desktop.store.queries import IncidentQuery, SessionQuery
from rt_desktop.store.store import Store
from tests.store.list_data import VICTIM, WORDS, Data, all_rows

# --- home ----------------------------------------------------------------------------------

def test_home_summary(store: Store, data: Data) -> None:
    summary = queries.home_summary(store, data.day)
    this_month = [n for n, (date, _, _) in data.sessions.items()
                  if (date.year, date.month) == (data.day.year, data.day.month)]
    assert summary["sessions_this_month"] == len(this_month)
    assert summary["attendees_this_month"] == sum(data.sessions[n][2] for n in this_month)
    # Open: everything but "closed" (and the deleted case).
    assert summary["open_cases"] == 7
    assert (summary["week_start"], summary["week_end"]) == (
        data.day - dt.timedelta(days=2), data.day + dt.timedelta(days=4))
    assert summary["follow_ups_overdue"] == 2
    assert [c["case_code"] for c in summary["overdue_cases"]] == [
        data.case_codes["overdue_old"], data.case_codes["overdue_new"]]  # most overdue first
    assert summary["follow_ups_due_this_week"] == 2
    assert summary["due_this_week_cases"] == [
        {"id": data.incident_ids[n], "case_code": data.case_codes[n],
         "next_follow_up_on": data.day + dt.timedelta(days=days)}
        for n, days in (("due_today", 0), ("due_soon", 3))]
    assert summary["unsent_changes"] == data.changes == store.pending_count()


def test_home_summary_lists_are_capped_but_counted(store: Store, data: Data) -> None:
    summary = queries.home_summary(store, data.day, limit=1)
    assert summary["follow_ups_overdue"] == 2
    assert [c["case_code"] for c in summary["overdue_cases"]] == [data.case_codes["overdue_old"]]


def test_home_summary_of_an_empty_store(store: Store, today: dt.date) -> None:
    summary = queries.home_summary(store, today)
    assert {k: summary[k] for k in ("sessions_this_month", "attendees_this_month", "open_cases",
                                    "follow_ups_overdue", "follow_ups_due_this_week",
                                    "unsent_changes")} == dict.fromkeys(
        ("sessions_this_month", "attendees_this_month", "open_cases", "follow_ups_overdue",
         "follow_ups_due_this_week", "unsent_changes"), 0)
    assert summary["overdue_cases"] == summary["due_this_week_cases"] == []


# --- privacy -------------------------------------------------------------------------------

def _every_list_result(store: Store, data: Data) -> Iterator[Any]:
    for sort in queries.SESSION_SORTS:
        yield all_rows(store, SessionQuery(sort=sort))
    for sort in queries.INCIDENT_SORTS:
        yield all_rows(store, IncidentQuery(sort=sort, today=data.day))
    yield queries.home_summary(store, data.day)


def test_no_list_returns_a_victims_identity(store: Store, data: Data) -> None:
    shown = repr(list(_every_list_result(store, data)))
    for value in VICTIM.values():
        assert value not in shown
    for word in WORDS:
        assert word.lower() not in shown.lower(), word
    for row in all_rows(store, IncidentQuery()):
        assert set(row) == set(queries.INCIDENT_COLUMNS)
        assert not set(row) & sensitive_fields(Incident)
    for row in all_rows(store, SessionQuery()):
        assert set(row) == set(queries.SESSION_COLUMNS)


@pytest.mark.parametrize("word", WORDS)
def test_no_list_finds_a_case_by_its_victims_identity(store: Store, data: Data,
                                                      word: str) -> None:
    assert all_rows(store, IncidentQuery(text=word)) == []
    assert queries.incident_count(store, IncidentQuery(text=word)) == 0
    assert all_rows(store, SessionQuery(text=word)) == []


def test_a_victims_full_name_finds_nothing(store: Store, data: Data) -> None:
    for query in (IncidentQuery(text=VICTIM["victim_name"]),
                  SessionQuery(text=VICTIM["victim_name"])):
        assert all_rows(store, query) == []


# --- robustness and speed ------------------------------------------------------------------

def test_a_row_that_cannot_be_read_spoils_only_itself(store: Store, data: Data) -> None:
    broken = data.session_ids["c"]
    store.db.execute("UPDATE parenting_sessions SET topics = 'bukan json' WHERE id = ?",
                     [broken])
    rows = all_rows(store, SessionQuery())
    assert len(rows) == 5
    (bad,) = [r for r in rows if r.get("invalid")]
    assert bad == {"id": broken, "sync_state": "pending", "invalid": True}


def test_the_attendance_sum_is_the_indexed_expression() -> None:
    # Same text, or SQLite adds eight columns of every row instead of reading the index.
    assert queries.ATTENDEES_SQL == migrations._M004_ATTENDEES


def test_every_list_query_reads_indexes_not_tables(store: Store, data: Data,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    statements: list[tuple[str, Any]] = []
    execute = store.db.execute

    def recording(sql: str, params: Any = None) -> Any:
        statements.append((sql, params))
        return execute(sql, params) if params is not None else execute(sql)

    monkeypatch.setattr(store.db, "execute", recording)
    month = queries.period_range("this_month", data.today)
    for broad in (True, False):
        monkeypatch.setattr(queries, "is_broad_search", lambda _store, _text, b=broad: b)
        for sort in queries.SESSION_SORTS:
            queries.session_page(store, SessionQuery(sort=sort, text="peran ayah"), limit=1)
    for sort in queries.SESSION_SORTS:
        for query in (SessionQuery(sort=sort), SessionQuery(sort=sort, topic="peran_ayah"),
                      SessionQuery(sort=sort, date_from=month[0], date_to=month[1]),
                      SessionQuery(sort=sort, text="gawai", date_from=month[0])):
            page = queries.session_page(store, query, limit=1)
            queries.session_page(store, query, after=page.after, limit=1)
            queries.session_count(store, query)
    for sort in queries.INCIDENT_SORTS:
        for query in (IncidentQuery(sort=sort, today=data.day),
                      IncidentQuery(sort=sort, status="baru", risk_level="rendah",
                                    violence_type="psikis", today=data.day),
                      IncidentQuery(sort=sort, text="kekerasan", status="baru", today=data.day)):
            page = queries.incident_page(store, query, limit=1)
            queries.incident_page(store, query, after=page.after, limit=1)
            queries.incident_count(store, query)
    queries.home_summary(store, data.day)
    monkeypatch.undo()
    plans = [row[3] for sql, params in statements if sql.lstrip().upper().startswith(("SELECT",
                                                                                    "WITH"))
             for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params or []).fetchall()]
    tables = r"(parenting_sessions|incidents|follow_ups|i|f)"
    scans = [p for p in plans if re.fullmatch(rf"SCAN {tables}", p)]
    assert scans == []
    reads = [p for p in plans if re.match(rf"(SEARCH|SCAN) {tables}\b", p)]
    assert reads
    assert [p for p in reads if "COVERING INDEX" not in p] == []
