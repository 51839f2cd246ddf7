"""The SQL of the reports: counts and sums over the store's tables, read-only.

Only the columns listed here are ever read, each asked of :func:`_column` first, which refuses a
field that :func:`rt_desktop.records.sensitive_fields` names: a field that becomes sensitive in
records.py makes this module fail at import instead of leaking into a report. No query selects a
free-text field at all; deleted records (tombstones) are left out everywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rt_desktop.records import (
    ENVELOPE_FIELDS,
    Incident,
    ParentingSession,
    Record,
    Referral,
    content_fields,
    sensitive_fields,
)

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = [
    "ATTENDANCE", "READ_COLUMNS", "SessionCounts", "SessionSummary", "incident_counts",
    "last_session_before", "rts_with_data", "session_summary",
]

ATTENDANCE = ParentingSession.ATTENDANCE_FIELDS


def _readable(cls: type[Record], *names: str) -> tuple[str, ...]:
    allowed = (set(ENVELOPE_FIELDS) | set(content_fields(cls))) - sensitive_fields(cls)
    refused = [n for n in names if n not in allowed]
    if refused:
        raise RuntimeError(f"reports must not read {cls.__name__} fields {refused}")
    return names


#: Every column a report reads, per record class: derived from records.py minus the sensitive.
READ_COLUMNS: dict[type[Record], tuple[str, ...]] = {
    ParentingSession: _readable(ParentingSession, "id", "kelurahan_code", "rt", "deleted",
                                "session_date", "topics", *ATTENDANCE),
    Incident: _readable(Incident, "id", "kelurahan_code", "rt", "deleted", "reported_on",
                        "violence_types", "victim_age_group", "victim_sex", "place", "status"),
    Referral: _readable(Referral, "incident_id", "deleted", "destination", "uptd_service"),
}


def _column(cls: type[Record], name: str, alias: str = "") -> str:
    if name not in READ_COLUMNS[cls]:
        raise RuntimeError(f"{cls.__name__}.{name} is not a column reports may read")
    return f"{alias}.{name}" if alias else name


def _scope_sql(cls: type[Record], kelurahan: str, rts: Sequence[str], alias: str = ""
               ) -> tuple[str, dict[str, Any]]:
    params: dict[str, Any] = {"kel": kelurahan}
    sql = (f"{_column(cls, 'deleted', alias)} = 0 AND "
           f"{_column(cls, 'kelurahan_code', alias)} = :kel")
    if rts:
        names = [f"rt{i}" for i in range(len(rts))]
        params.update(zip(names, rts, strict=True))
        sql += f" AND {_column(cls, 'rt', alias)} IN ({', '.join(':' + n for n in names)})"
    return sql, params


def _rows(store: Store, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(store.db.execute(sql, params).fetchall())


# --- sessions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class SessionCounts:
    sessions: int
    attendance: tuple[int, ...]  # in the order of ATTENDANCE

    @property
    def attendees(self) -> int:
        return sum(self.attendance)


@dataclass(frozen=True)
class SessionSummary:
    per_rt: dict[str, SessionCounts]  # the period's sessions and attendance per RT
    topics: dict[str, int]  # the period's sessions per topic code
    per_month: dict[str, tuple[int, int]]  # "2026-11" -> (sessions, attendees), trend range


def session_summary(store: Store, kelurahan: str, rts: Sequence[str], first: dt.date,
                    start: dt.date, end: dt.date) -> SessionSummary:
    """Sessions dated ``first``..``end`` (the trend) and, among them, those of the months from
    ``start`` on (the period; ``first == start`` for a custom range), from the covering
    indexes of migration m005."""
    P = ParentingSession
    day = _column(P, "session_date")
    sums = ", ".join(f"sum({_column(P, name)})" for name in ATTENDANCE)
    # Per day, in the covering index's own order: SQLite streams the groups, no sorting.
    where, params = _scope_sql(P, kelurahan, rts)
    per_month: dict[str, tuple[int, int]] = {}
    for date, n, *attendance in _rows(store, (
            f"SELECT {day}, count(*), {sums} FROM parenting_sessions "
            f"WHERE {where} AND {day} BETWEEN :first AND :end GROUP BY 1"),
            {**params, "first": first.isoformat(), "end": end.isoformat()}):
        sessions, attendees = per_month.get(date[:7], (0, 0))
        per_month[date[:7]] = (sessions + n, attendees + sum(int(x or 0) for x in attendance))
    # Per RT: naming the RTs lets SQLite seek each one's dates in the RT index.
    period = {"start": max(first, start.replace(day=1)).isoformat(), "end": end.isoformat()}
    where, params = _scope_sql(P, kelurahan, rts or sorted(rts_with_data(store, kelurahan)))
    per_rt = {rt: SessionCounts(n, tuple(int(x or 0) for x in attendance))
              for rt, n, *attendance in _rows(store, (
                  f"SELECT {_column(P, 'rt')}, count(*), {sums} FROM parenting_sessions "
                  f"WHERE {where} AND {day} BETWEEN :start AND :end GROUP BY 1"),
                  {**params, **period})}
    where, params = _scope_sql(P, kelurahan, rts)
    topics: dict[str, int] = {}
    for topic_list, n in _rows(store, (
            f"SELECT {_column(P, 'topics')}, count(*) FROM parenting_sessions "
            f"WHERE {where} AND {day} BETWEEN :start AND :end GROUP BY 1"),
            {**params, **period}):
        for code in dict.fromkeys(json.loads(topic_list) if topic_list else ()):
            topics[str(code)] = topics.get(str(code), 0) + n
    return SessionSummary(per_rt, topics, per_month)


def last_session_before(store: Store, kelurahan: str, rts: Sequence[str],
                        day: dt.date) -> dict[str, str]:
    """The date of each RT's last session before ``day``."""
    P = ParentingSession
    where, params = _scope_sql(P, kelurahan, rts)
    sql = (f"SELECT {_column(P, 'rt')}, max({_column(P, 'session_date')}) "
           f"FROM parenting_sessions WHERE {where} AND {_column(P, 'session_date')} < :day "
           f"GROUP BY {_column(P, 'rt')}")
    return {rt: last for rt, last in _rows(store, sql, {**params, "day": day.isoformat()})}


# --- incidents ------------------------------------------------------------------------------

def incident_counts(store: Store, kelurahan: str, rts: Sequence[str], year: int
                    ) -> dict[str, dict[tuple[int, Any], int]]:
    """Counts of the cases reported in ``year``, per month (1..12) and code, per dimension:

    ``age_sex`` (code: ``(age_group, sex)``), ``violence`` (one count per kind a case has),
    ``place``, ``status``, ``referral`` (cases per destination, ``"*"``: cases referred at all)
    and ``service`` (cases referred to UPTD PPA, per service asked for). A missing code is
    ``""``.
    """
    Inc, R = Incident, Referral
    where, params = _scope_sql(Inc, kelurahan, rts, "i")
    params.update(start=f"{year:04d}-01-01", end=f"{year:04d}-12-31")
    base = (f"FROM incidents i WHERE {where} "
            f"AND {_column(Inc, 'reported_on', 'i')} BETWEEN :start AND :end")
    out: dict[str, dict[tuple[int, Any], int]] = {
        name: {} for name in ("age_sex", "place", "status", "violence")}

    def add(name: str, key: tuple[int, Any], n: int) -> None:
        out[name][key] = out[name].get(key, 0) + n

    day = _column(Inc, "reported_on", "i")
    month = f"substr({day}, 6, 2)"
    single = ", ".join(_column(Inc, name, "i") for name in (
        "victim_age_group", "victim_sex", "place", "status"))
    for m, age, sex, place, status, n in _rows(store, (
            f"SELECT {month}, {single}, count(*) {base} GROUP BY 1, 2, 3, 4, 5"), params):
        add("age_sex", (int(m), (age or "", sex or "")), n)
        add("place", (int(m), place or ""), n)
        add("status", (int(m), status or ""), n)
    for m, kinds, n in _rows(store, (
            f"SELECT {month}, {_column(Inc, 'violence_types', 'i')}, count(*) {base} "
            "GROUP BY 1, 2"), params):
        for kind in dict.fromkeys(json.loads(kinds) if kinds else ()):
            add("violence", (int(m), str(kind)), n)

    # The period's cases first (their index), then each one's referrals; distinct cases
    # are counted here.
    referred: dict[str, set[tuple[int, str, str]]] = {"referral": set(), "service": set()}
    for date, case, destination, service in _rows(store, (
            f"SELECT {day}, {_column(Inc, 'id', 'i')}, {_column(R, 'destination', 'r')}, "
            f"{_column(R, 'uptd_service', 'r')} FROM incidents i CROSS JOIN referrals r "
            f"ON {_column(R, 'incident_id', 'r')} = {_column(Inc, 'id', 'i')} "
            f"AND {_column(R, 'deleted', 'r')} = 0 WHERE {where} "
            f"AND {day} BETWEEN :start AND :end"), params):
        m = int(date[5:7])
        referred["referral"].update({(m, case, destination or ""), (m, case, "*")})
        if destination == "uptd_ppa":
            referred["service"].add((m, case, service or ""))
    for name, seen in referred.items():
        out[name] = {}
        for m, _case, code in seen:
            add(name, (m, code), 1)
    return out


def rts_with_data(store: Store, kelurahan: str) -> set[str]:
    """RTs of a kelurahan that have a (live) session or case: a skip scan, one index seek per
    RT, instead of reading every record."""
    found: set[str] = set()
    for cls, table in ((ParentingSession, "parenting_sessions"), (Incident, "incidents")):
        rt, kel, deleted = (_column(cls, n) for n in ("rt", "kelurahan_code", "deleted"))
        step = f"SELECT min({rt}) FROM {table} WHERE {kel} = :kel AND {deleted} = 0"
        sql = (f"WITH RECURSIVE seen(rt) AS ({step} UNION ALL SELECT ({step} AND {rt} > seen.rt)"
               " FROM seen WHERE seen.rt IS NOT NULL) SELECT rt FROM seen WHERE rt IS NOT NULL")
        found.update(r for (r,) in _rows(store, sql, {"kel": kelurahan}))
    return found
