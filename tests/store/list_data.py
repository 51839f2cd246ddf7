"""Known list data for the list-query tests (tests/store/test_store_queries*.py): sessions and
cases named by their role in a test, a victim's identity to look for, and list readers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from rt_desktop.records import Incident, ParentingSession
from rt_desktop.store import queries
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


def wednesday(today: dt.date) -> dt.date:
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


def fill(store: Store, today: dt.date, make_session: Factory, make_incident: Factory,
         make_follow_up: Factory) -> Data:
    """Sessions and cases whose list positions the tests know by name (fixture ``data``)."""
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

    day = wednesday(today)
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


def all_rows(store: Store, query: Any, limit: int = 1000) -> list[dict[str, Any]]:
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


def session_names(store: Store, data: Data, query: SessionQuery) -> list[str]:
    names = {v: k for k, v in data.session_ids.items()}
    return [names[row["id"]] for row in all_rows(store, query)]


def incident_names(store: Store, data: Data, query: IncidentQuery) -> list[str]:
    names = {v: k for k, v in data.incident_ids.items()}
    return [names[row["id"]] for row in all_rows(store, query)]
