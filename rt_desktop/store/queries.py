"""What the volunteer's lists and home screen read: paged, filtered, sorted queries (no Qt).

Lists never show a sensitive field (DESIGN.md §3). Every query here selects its columns by name,
and this module refuses to load if one of them is in :func:`rt_desktop.records.sensitive_fields`;
text search goes through the store's own FTS5 index (:mod:`rt_desktop.store.search`), which
holds non-sensitive text only.

Pages are keyset pages: :class:`Page` carries the sort key of its last row, and the next page
starts after it (:mod:`rt_desktop.store.list_sql` builds that SQL). The indexes these queries
rely on are those of migration m004: every column a list shows or filters on is inside them.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rt_desktop import enums
from rt_desktop.records import (
    FollowUp,
    Incident,
    ParentingSession,
    Record,
    field_from_row,
    sensitive_fields,
)
from rt_desktop.store.list_sql import (
    ATTENDEES_SQL,
    FTS_IDS,
    Page,
    fetch_page,
    is_broad_search,
    key_columns,
    next_follow_up,
    ordinal,
    overdue,
    paged_sql,
    search_count,
)
from rt_desktop.store.search import fts_query

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = [
    "ATTENDEES_SQL",
    "INCIDENT_COLUMNS",
    "INCIDENT_SORTS",
    "PAGE_SIZE",
    "PERIODS",
    "SESSION_COLUMNS",
    "SESSION_SORTS",
    "IncidentQuery",
    "Page",
    "SessionQuery",
    "home_summary",
    "incident_count",
    "incident_page",
    "period_range",
    "session_count",
    "session_page",
]

PAGE_SIZE = 200

#: The keys of a session row (``invalid`` only on a row whose stored values could not be read).
SESSION_COLUMNS = ("id", "session_date", "venue", "topics", "attendees", "sync_state")
#: The keys of an incident row.
INCIDENT_COLUMNS = ("id", "case_code", "reported_on", "violence_types", "risk_level", "status",
                    "next_follow_up_on", "overdue", "sync_state")

_FIELDS_READ: dict[type[Record], tuple[str, ...]] = {
    ParentingSession: ("session_date", "venue", "topics", *ParentingSession.ATTENDANCE_FIELDS),
    Incident: ("case_code", "reported_on", "violence_types", "risk_level", "status"),
    FollowUp: ("incident_id", "noted_on", "next_follow_up_on"),
}
for _cls, _names in _FIELDS_READ.items():
    # Fails at import, loudly, the day a listed field becomes sensitive in records.py.
    if _leak := set(_names) & sensitive_fields(_cls):
        raise RuntimeError(f"a list query reads sensitive fields of {_cls.__name__}: {_leak}")

# Sort orders of the session list: (key, runs against the order asked for). Each is served by
# one m004 index, read in either direction.
_SESSION_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "date": (("session_date", False), ("id", False)),
    # Within one venue the newest first (the oldest when the venues run Z–A: one index serves
    # both directions).
    "venue": (("venue COLLATE NOCASE", False), ("session_date", True), ("id", True)),
    "attendees": ((ATTENDEES_SQL, False), ("session_date", False), ("id", False)),
}
#: Sort orders of the session list (newest first by default).
SESSION_SORTS = tuple(_SESSION_KEYS)


_REPORTED = "coalesce(i.reported_on, '')"

#: Sort orders of the incident list. ``priority``: cases with an overdue follow-up first, then
#: the newest.
INCIDENT_SORTS = ("priority", "reported_on", "case_code", "risk_level", "status",
                  "next_follow_up_on")


def _incident_order(sort: str, descending: bool) -> tuple[list[str], bool]:
    """The keys of an incident sort (never NULL) and their one direction (True: descending).

    One direction for all keys makes "after this row" a single row-value comparison, which
    computes each key once (a key may cost a follow-up lookup); where a key must run against
    the others, it is a number and is negated.

    :raises KeyError: for an unknown sort
    """
    if sort == "priority":
        return [overdue("i"), _REPORTED, "i.id"], descending
    if sort == "reported_on":
        return [_REPORTED, "i.id"], descending
    if sort == "case_code":
        return ["coalesce(i.case_code, '')", "i.id"], descending
    if sort in ("risk_level", "status"):
        codes = (enums.RISK_LEVELS if sort == "risk_level" else enums.CASE_STATUSES).codes
        level = ordinal(f"i.{sort}", codes)
        # Within one level the newest first, whichever way the levels run.
        return [level if descending else f"-{level}", _REPORTED, "i.id"], True
    if sort == "next_follow_up_on":
        # Cases without a date come last, whichever way the dates run ('~' sorts after digits).
        missing = "''" if descending else "'~'"
        return [f"coalesce({next_follow_up('i')}, {missing})", "i.id"], descending
    raise KeyError(sort)


#: Periods of the session list's filter (a custom range sets the dates directly).
PERIODS = ("all", "this_month", "last_month", "this_year")


@dataclasses.dataclass(frozen=True)
class SessionQuery:
    """What the session list shows: filters (all optional) and the order."""

    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    topic: str | None = None
    sort: str = "date"
    descending: bool = True

    def filtered(self) -> bool:
        """Whether anything narrows the list (its order does not)."""
        return bool(fts_query(self.text) or self.date_from or self.date_to or self.topic)

    def searched_only(self) -> bool:
        """Whether the search text is the only thing that narrows the list."""
        return fts_query(self.text) is not None and not (
            self.date_from or self.date_to or self.topic)


@dataclasses.dataclass(frozen=True)
class IncidentQuery:
    """What the incident list shows. ``today`` decides what is overdue (``None``: the caller's
    today is not known here; overdue is then never true)."""

    text: str = ""
    status: str | None = None
    violence_type: str | None = None
    risk_level: str | None = None
    sort: str = "priority"
    descending: bool = True
    today: dt.date | None = None

    def filtered(self) -> bool:
        """Whether anything narrows the list (its order and today do not)."""
        return bool(fts_query(self.text) or self.status or self.violence_type or self.risk_level)

    def searched_only(self) -> bool:
        """Whether the search text is the only thing that narrows the list."""
        return fts_query(self.text) is not None and not (
            self.status or self.violence_type or self.risk_level)


# --- sessions ----------------------------------------------------------------------------------

_SESSION_SELECT = f"id, session_date, venue, topics, {ATTENDEES_SQL} AS attendees, sync_state"


def _session_where(query: SessionQuery, *, walk: bool = False) -> tuple[str, dict[str, Any]]:
    """The filters; ``walk``: test the search's matches while walking the sort's index (for a
    broad search) instead of looking each match up by id."""
    terms, params = ["deleted = 0"], {}
    if query.date_from is not None:
        terms.append("session_date >= :date_from")
        params["date_from"] = query.date_from.isoformat()
    if query.date_to is not None:
        terms.append("session_date <= :date_to")
        params["date_to"] = query.date_to.isoformat()
    if query.topic:
        # Topics are a JSON list of codes; a quoted code matches one whole element.
        terms.append("instr(topics, :topic) > 0")
        params["topic"] = json.dumps(query.topic)
    words = fts_query(query.text)
    if words is not None:
        terms.append(f"{'+id' if walk else 'id'} IN {FTS_IDS}")
        params.update(fts=words, record_type=ParentingSession.TYPE)
    return " AND ".join(terms), params


def session_page(store: Store, query: SessionQuery, *, after: Sequence[Any] | None = None,
                 limit: int = PAGE_SIZE) -> Page:
    """One page of the session list, starting after the row whose sort key is ``after``.

    :raises KeyError: for an unknown ``query.sort``
    """
    keys = [key for key, _ in _SESSION_KEYS[query.sort]]
    descending = [query.descending != against for _, against in _SESSION_KEYS[query.sort]]
    where, params = _session_where(query, walk=is_broad_search(store, query.text))
    # The keys are compared as the expressions themselves: that is what matches the index.
    sql = paged_sql(f"SELECT {_SESSION_SELECT}, {key_columns(keys)} FROM parenting_sessions",
                     where, keys, descending, after, params)
    return fetch_page(store, sql, params, len(keys), limit, _session_row)


def session_count(store: Store, query: SessionQuery) -> int:
    """How many live sessions match ``query``'s filters (its order does not matter)."""
    if query.searched_only():
        return search_count(store, query.text, ParentingSession)
    where, params = _session_where(query)
    return store.db.execute(f"SELECT count(*) FROM parenting_sessions WHERE {where}",
                            params).fetchone()[0]


def _session_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "session_date": field_from_row(ParentingSession, "session_date", row["session_date"]),
        "venue": row["venue"],
        "topics": field_from_row(ParentingSession, "topics", row["topics"]),
        "attendees": int(row["attendees"]),
        "sync_state": row["sync_state"],
    }


# --- incidents ---------------------------------------------------------------------------------

def _incident_where(query: IncidentQuery) -> tuple[str, dict[str, Any]]:
    terms, params = ["i.deleted = 0"], {}
    # "+": never through migration 1's (deleted, status) / (deleted, risk_level) indexes, which
    # would read every matching case's table row; m004's covering indexes hold both columns.
    if query.status:
        terms.append("+i.status = :status")
        params["status"] = query.status
    if query.risk_level:
        terms.append("+i.risk_level = :risk_level")
        params["risk_level"] = query.risk_level
    if query.violence_type:
        terms.append("instr(i.violence_types, :violence_type) > 0")
        params["violence_type"] = json.dumps(query.violence_type)
    words = fts_query(query.text)
    if words is not None:
        terms.append(f"i.id IN {FTS_IDS}")
        params.update(fts=words, record_type=Incident.TYPE)
    return " AND ".join(terms), params


def incident_page(store: Store, query: IncidentQuery, *, after: Sequence[Any] | None = None,
                  limit: int = PAGE_SIZE) -> Page:
    """One page of the incident list, starting after the row whose sort key is ``after``.
    Rows carry the next follow-up date of the case and whether it is overdue (before
    ``query.today``, the case not ``selesai``).

    :raises KeyError: for an unknown ``query.sort``
    """
    keys, descending = _incident_order(query.sort, query.descending)
    where, params = _incident_where(query)
    params["today"] = query.today.isoformat() if query.today else ""
    if after is not None:
        if len(after) != len(keys):
            raise ValueError("'after' does not belong to this sort order")
        params.update({f"_a{n}": value for n, value in enumerate(after)})
        marks = ", ".join(f":_a{n}" for n in range(len(keys)))
        where += f" AND ({', '.join(keys)}) {'<' if descending else '>'} ({marks})"
    direction = "DESC" if descending else "ASC"
    order = ", ".join(f"_k{n} {direction}" for n in range(len(keys)))
    # Every matching case is sorted (a top-N sort: SQLite keeps only the page's rows); the
    # follow-up date shown is looked up for the page's rows only.
    sql = (f"WITH p AS (SELECT i.id, i.case_code, i.reported_on, i.violence_types,"
           f" i.risk_level, i.status, i.sync_state, {key_columns(keys)}"
           f" FROM incidents AS i WHERE {where} ORDER BY {order} LIMIT :limit)"
           f" SELECT p.*, {next_follow_up('p')} AS next_follow_up_on,"
           f" {overdue('p')} AS overdue FROM p ORDER BY {order}")
    return fetch_page(store, sql, params, len(keys), limit, _incident_row)


def incident_count(store: Store, query: IncidentQuery) -> int:
    """How many live incidents match ``query``'s filters."""
    if query.searched_only():
        return search_count(store, query.text, Incident)
    where, params = _incident_where(query)
    return store.db.execute(f"SELECT count(*) FROM incidents AS i WHERE {where}",
                            params).fetchone()[0]


def _incident_row(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "case_code": row["case_code"],
        "reported_on": field_from_row(Incident, "reported_on", row["reported_on"]),
        "violence_types": field_from_row(Incident, "violence_types", row["violence_types"]),
        "risk_level": row["risk_level"],
        "status": row["status"],
        "next_follow_up_on": field_from_row(FollowUp, "next_follow_up_on",
                                            row["next_follow_up_on"]),
        "overdue": bool(row["overdue"]),
        "sync_state": row["sync_state"],
    }


# --- periods and the home summary ---------------------------------------------------------------

def _month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def period_range(period: str, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """First and last day of a period of :data:`PERIODS` around ``today`` (``all``: no bounds).

    :raises ValueError: for an unknown period
    """
    if period == "all":
        return None, None
    if period == "this_month":
        return today.replace(day=1), _month_end(today)
    if period == "last_month":
        last = today.replace(day=1) - dt.timedelta(days=1)
        return last.replace(day=1), last
    if period == "this_year":
        return dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    raise ValueError(f"unknown period: {period!r}")


_DUE = {"overdue": "next_on < :today", "week": "next_on >= :today AND next_on <= :week_end"}


def home_summary(store: Store, today: dt.date, *, limit: int = 20) -> dict[str, Any]:
    """The numbers of the home screen, for ``today`` (WITA).

    Keys: ``month_start``/``month_end`` (this calendar month), ``sessions_this_month``,
    ``attendees_this_month``, ``open_cases`` (status not ``selesai``), ``week_start``/
    ``week_end`` (Monday–Sunday around today), ``follow_ups_overdue`` and
    ``follow_ups_due_this_week`` (open cases whose next follow-up is before today / from today
    to Sunday), ``overdue_cases`` and ``due_this_week_cases`` (up to ``limit`` each, soonest
    date first: dicts of ``id``, ``case_code``, ``next_follow_up_on``), ``unsent_changes``.
    Nothing in it is sensitive.
    """
    month_start, month_end = period_range("this_month", today)
    assert month_start is not None and month_end is not None
    sessions, attendees = store.db.execute(
        f"SELECT count(*), coalesce(sum({ATTENDEES_SQL}), 0) FROM parenting_sessions"
        " WHERE deleted = 0 AND session_date >= ? AND session_date <= ?",
        [month_start.isoformat(), month_end.isoformat()]).fetchone()
    open_cases = store.db.execute(
        "SELECT count(*) FROM incidents WHERE deleted = 0 AND coalesce(status, '') != 'selesai'"
    ).fetchone()[0]
    week_start = today - dt.timedelta(days=today.weekday())
    week_end = week_start + dt.timedelta(days=6)
    # The open cases' next dates are looked up once (MATERIALIZED), then counted and listed.
    rows = store.db.execute(
        f"WITH open_cases AS MATERIALIZED ("
        f" SELECT i.id, i.case_code, {next_follow_up('i')} AS next_on FROM incidents AS i"
        f" WHERE i.deleted = 0 AND coalesce(i.status, '') != 'selesai')"
        f" SELECT 'overdue', count(*), NULL, NULL FROM open_cases WHERE {_DUE['overdue']}"
        f" UNION ALL SELECT 'week', count(*), NULL, NULL FROM open_cases WHERE {_DUE['week']}"
        + "".join(f" UNION ALL SELECT * FROM (SELECT '{kind}', id, case_code, next_on"
                  f" FROM open_cases WHERE {condition}"
                  f" ORDER BY next_on, case_code, id LIMIT :limit)"
                  for kind, condition in _DUE.items()),
        {"today": today.isoformat(), "week_end": week_end.isoformat(), "limit": limit}
    ).fetchall()
    totals = {kind: count for kind, count, _, _ in rows[:2]}
    cases: dict[str, list[dict[str, Any]]] = {kind: [] for kind in _DUE}
    for kind, record_id, case_code, next_on in rows[2:]:
        cases[kind].append({"id": record_id, "case_code": case_code, "next_follow_up_on":
                            field_from_row(FollowUp, "next_follow_up_on", next_on)})
    return {
        "today": today,
        "month_start": month_start,
        "month_end": month_end,
        "sessions_this_month": sessions,
        "attendees_this_month": attendees,
        "open_cases": open_cases,
        "week_start": week_start,
        "week_end": week_end,
        "follow_ups_overdue": totals["overdue"],
        "follow_ups_due_this_week": totals["week"],
        "overdue_cases": cases["overdue"],
        "due_this_week_cases": cases["week"],
        "unsent_changes": store.pending_count(),
    }
