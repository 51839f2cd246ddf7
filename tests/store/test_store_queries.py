"""The list queries and the home summary: filters, orders, keyset pages, search, overdue cases —
and that no list ever returns, or finds by, a victim's identity."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from rt_desktop.records import Incident, ParentingSession, sensitive_fields
from rt_desktop.store import migrations, queries
from rt_desktop.store.list_sql import is_broad_search
from rt_desktop.store.queries import IncidentQuery, SessionQuery
from rt_desktop.store.store import Store

USER = "relawan-1"
Factory = Callable[..., Any]
VICTIM = {
    "victim_name": "Zubaidah Kartikasari", "victim_contact": "0812-5550-7788",
    "victim_address": "Gang Cempaka Rahasia 9", "victim_guardian_name": "Bapak Wiryawan",
    "perpetrator_name": "Paman Sukarjo", "chronology": "Kronologi di dapur keluarga Wiryawan",
    "rt_handling_note": "Catatan penanganan Anggrek",
}
WORDS = sorted({w for value in VICTIM.values() for w in re.findall(r"[A-Za-z]{5,}", value)}
               - {"Kronologi", "Catatan", "penanganan", "keluarga"})


def _wednesday(today: dt.date) -> dt.date:
    """The day the summary is asked for: a Wednesday (today or soon), so "this week" runs from
    two days before it to four days after it whatever day the tests run on."""
    return today + dt.timedelta(days=(2 - today.weekday()) % 7)


@dataclasses.dataclass
class Data:
    today: dt.date
    day: dt.date  # the summary's and the overdue check's "today"
    sessions: dict[str, tuple[dt.date, str, int]]  # name -> (date, venue, attendees)
    session_ids: dict[str, str]
    incident_ids: dict[str, str]
    case_codes: dict[str, str]
    changes: int  # outbox rows written


@pytest.fixture
def data(store: Store, today: dt.date, make_session: Factory, make_incident: Factory,
         make_follow_up: Factory, make_referral: Factory) -> Data:
    changes = 0

    def save(record: Any, **kwargs: Any) -> str:
        nonlocal changes
        saved = store.save(record, user=USER, **kwargs)
        changes += len(saved)
        return saved[0].record_id

    month_start = today.replace(day=1)
    last_month_end = month_start - dt.timedelta(days=1)
    sessions = {
        "a": (today, "balai RT", 12, ("pengasuhan_positif",), "Diskusi tentang gawai di rumah."),
        "b": (month_start, "Musala Al-Ikhlas", 30, ("peran_ayah", "keamanan_digital"), None),
        "c": (last_month_end, "Pos Kamling", 7, ("peran_ayah",), None),
        "d": (last_month_end.replace(day=1), "Balai RT", 20, ("disiplin_tanpa_kekerasan",),
              None),
        "e": (today - dt.timedelta(days=400), "Teras rumah", 5, ("peran_ayah",), None),
    }
    session_ids = {}
    for name, (date, venue, attendees, topics, summary) in sessions.items():
        session_ids[name] = save(make_session(
            session_date=date, venue=venue, topics=topics, summary=summary, follow_up=None,
            facilitator=None, facilitator_org=None, fathers=0, mothers=attendees,
            teens_female=0))
    gone = save(make_session(session_date=today, venue="Balai RT", topics=("peran_ayah",)))
    changes += 1
    store.delete(ParentingSession, gone, user=USER)

    day = _wednesday(today)
    ago = lambda n: today - dt.timedelta(days=n)  # noqa: E731 — reads like the dates it makes
    at = lambda n: day + dt.timedelta(days=n)  # noqa: E731
    incidents: dict[str, tuple[dict[str, Any], list[tuple[int, int]]]] = {
        # name: (incident fields, follow-ups as (noted days ago, next relative to day))
        "overdue_old": ({"reported_on": ago(30), "violence_types": ("fisik", "psikis"),
                         **VICTIM}, [(20, -6)]),
        "due_soon": ({"reported_on": ago(5), "risk_level": "sedang"}, [(2, 3)]),
        "closed": ({"reported_on": ago(40), "status": "selesai",
                    "closing_reason": "pendampingan_rt"}, [(30, -10)]),
        "no_follow_up": ({"reported_on": ago(1)}, []),
        "later_note": ({"reported_on": ago(60), "status": "ditangani_rt"}, [(50, -45), (10, 20)]),
        "overdue_new": ({"reported_on": ago(10), "status": "ditangani_rt"}, [(9, -1)]),
        "due_today": ({"reported_on": ago(3)}, [(3, 0)]),
        "next_week": ({"reported_on": ago(4)}, [(4, 5)]),
    }
    incident_ids, case_codes = {}, {}
    for name, (fields, follow_ups) in incidents.items():
        incident_ids[name] = save(make_incident(occurred_on=fields["reported_on"], **fields))
        case_codes[name] = store.get(Incident, incident_ids[name]).case_code
        for noted, next_on in follow_ups:
            save(make_follow_up(incident_ids[name], noted_on=ago(noted),
                                next_follow_up_on=at(next_on)))
    deleted = save(make_incident(reported_on=ago(2), occurred_on=ago(2)))
    save(make_follow_up(deleted, noted_on=ago(2), next_follow_up_on=at(-1)))
    changes += 1
    store.delete(Incident, deleted, user=USER)
    return Data(today, day, {n: s[:3] for n, s in sessions.items()}, session_ids, incident_ids,
                case_codes, changes)


def _all(store: Store, query: Any, limit: int = 1000) -> list[dict[str, Any]]:
    """Every row of a list, page by page."""
    page_of = queries.session_page if isinstance(query, SessionQuery) else queries.incident_page
    rows: list[dict[str, Any]] = []
    after = None
    while True:
        page = page_of(store, query, after=after, limit=limit)
        rows += page.rows
        if page.after is None:
            return rows
        after = page.after


def _sessions(store: Store, data: Data, query: SessionQuery) -> list[str]:
    names = {v: k for k, v in data.session_ids.items()}
    return [names[row["id"]] for row in _all(store, query)]


def _incidents(store: Store, data: Data, query: IncidentQuery) -> list[str]:
    names = {v: k for k, v in data.incident_ids.items()}
    return [names[row["id"]] for row in _all(store, query)]


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
    assert _sessions(store, data, SessionQuery(sort=sort, descending=descending)) == expected


def test_sessions_newest_first_by_default_and_deleted_ones_never_show(
        store: Store, data: Data) -> None:
    by_date = sorted(data.sessions, key=lambda n: (data.sessions[n][0], data.session_ids[n]),
                     reverse=True)
    assert _sessions(store, data, SessionQuery()) == by_date
    assert _sessions(store, data, SessionQuery(descending=False)) == by_date[::-1]
    assert queries.session_count(store, SessionQuery()) == 5


def test_a_session_row_holds_what_the_list_shows(store: Store, data: Data) -> None:
    (row,) = [r for r in _all(store, SessionQuery()) if r["id"] == data.session_ids["b"]]
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
    assert set(_sessions(store, data, query)) == expected
    assert queries.session_count(store, query) == len(expected)


def test_custom_date_range_and_topic(store: Store, data: Data) -> None:
    assert _sessions(store, data, SessionQuery(topic="peran_ayah")) == ["b", "c", "e"]
    one_day = data.sessions["c"][0]
    query = SessionQuery(date_from=one_day, date_to=one_day, topic="peran_ayah")
    assert _sessions(store, data, query) == ["c"]
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
    assert set(_sessions(store, data, query)) == expected
    assert queries.session_count(store, query) == len(expected)


@pytest.mark.parametrize("broad", [True, False])
@pytest.mark.parametrize("sort", queries.SESSION_SORTS)
def test_broad_and_narrow_searches_read_the_same_rows(
        store: Store, data: Data, monkeypatch: pytest.MonkeyPatch, sort: str,
        broad: bool) -> None:
    # A broad search walks the list's index, a narrow one looks its matches up: same rows.
    query = SessionQuery(text="peran", sort=sort)
    expected = _all(store, query)
    monkeypatch.setattr(queries, "is_broad_search", lambda _store, _text: broad)
    assert _all(store, query, limit=1) == expected
    assert [r["id"] for r in expected] == [
        data.session_ids[n] for n in _sessions(store, data, SessionQuery(sort=sort))
        if n in ("b", "c", "e")]


def test_a_search_is_broad_from_so_many_matches(store: Store, data: Data) -> None:
    assert is_broad_search(store, "peran", at_least=3)  # b, c, e
    assert not is_broad_search(store, "peran", at_least=4)
    assert not is_broad_search(store, "   ")


def test_search_combines_with_filters(store: Store, data: Data) -> None:
    month = queries.period_range("this_month", data.today)
    query = SessionQuery(text="gawai", date_from=month[0], date_to=month[1],
                         topic="keamanan_digital")
    assert _sessions(store, data, query) == ["b"]
    assert queries.session_count(store, query) == 1


@pytest.mark.parametrize("sort", queries.SESSION_SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_session_pages_continue_where_the_last_one_ended(
        store: Store, data: Data, sort: str, descending: bool) -> None:
    query = SessionQuery(sort=sort, descending=descending)
    whole = queries.session_page(store, query, limit=100)
    assert whole.after is None
    for limit in (1, 2, 3):
        assert _all(store, query, limit=limit) == whole.rows


# --- incidents -----------------------------------------------------------------------------

def test_overdue_cases_come_first_then_the_newest(store: Store, data: Data) -> None:
    rows = _all(store, IncidentQuery(today=data.day))
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
    assert not any(row["overdue"] for row in _all(store, IncidentQuery()))


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
    assert _incidents(store, data, query) == expected
    assert queries.incident_count(store, query) == len(expected)


def test_a_case_is_found_by_its_code(store: Store, data: Data) -> None:
    code = data.case_codes["due_soon"]
    assert _incidents(store, data, IncidentQuery(text=code)) == ["due_soon"]
    assert _incidents(store, data, IncidentQuery(text=code.lower())) == ["due_soon"]
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
    assert _incidents(store, data, query) == expected


@pytest.mark.parametrize("sort", queries.INCIDENT_SORTS)
@pytest.mark.parametrize("descending", [True, False])
def test_incident_pages_continue_where_the_last_one_ended(
        store: Store, data: Data, sort: str, descending: bool) -> None:
    query = IncidentQuery(sort=sort, descending=descending, today=data.day)
    whole = queries.incident_page(store, query, limit=100)
    assert len(whole.rows) == 8 and whole.after is None
    for limit in (1, 3):
        assert _all(store, query, limit=limit) == whole.rows


def test_unknown_sorts_and_foreign_cursors_are_programmer_errors(store: Store) -> None:
    with pytest.raises(KeyError):
        queries.session_page(store, SessionQuery(sort="warna"))
    with pytest.raises(KeyError):
        queries.incident_page(store, IncidentQuery(sort="warna"))
    with pytest.raises(ValueError, match="after"):
        queries.session_page(store, SessionQuery(), after=("2026-01-01",))


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
        yield _all(store, SessionQuery(sort=sort))
    for sort in queries.INCIDENT_SORTS:
        yield _all(store, IncidentQuery(sort=sort, today=data.day))
    yield queries.home_summary(store, data.day)


def test_no_list_returns_a_victims_identity(store: Store, data: Data) -> None:
    shown = repr(list(_every_list_result(store, data)))
    for value in VICTIM.values():
        assert value not in shown
    for word in WORDS:
        assert word.lower() not in shown.lower(), word
    for row in _all(store, IncidentQuery()):
        assert set(row) == set(queries.INCIDENT_COLUMNS)
        assert not set(row) & sensitive_fields(Incident)
    for row in _all(store, SessionQuery()):
        assert set(row) == set(queries.SESSION_COLUMNS)


@pytest.mark.parametrize("word", WORDS)
def test_no_list_finds_a_case_by_its_victims_identity(store: Store, data: Data,
                                                      word: str) -> None:
    assert _all(store, IncidentQuery(text=word)) == []
    assert queries.incident_count(store, IncidentQuery(text=word)) == 0
    assert _all(store, SessionQuery(text=word)) == []


def test_a_victims_full_name_finds_nothing(store: Store, data: Data) -> None:
    for query in (IncidentQuery(text=VICTIM["victim_name"]),
                  SessionQuery(text=VICTIM["victim_name"])):
        assert _all(store, query) == []


# --- robustness and speed ------------------------------------------------------------------

def test_a_row_that_cannot_be_read_spoils_only_itself(store: Store, data: Data) -> None:
    broken = data.session_ids["c"]
    store.db.execute("UPDATE parenting_sessions SET topics = 'bukan json' WHERE id = ?",
                     [broken])
    rows = _all(store, SessionQuery())
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
