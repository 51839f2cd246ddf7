"""The SQL the list queries are built of (rt_desktop/store/queries.py is the public side).

Keyset pages: a page is "the rows after this sort key", so page 500 costs what page 1 costs,
and a row saved meanwhile neither repeats nor hides a row at a page boundary. The expressions
here match migration m004's indexes; SQLite reads lists from those indexes alone (on an
encrypted file every table row read costs a page decryption).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rt_desktop.records import Record
from rt_desktop.store.search import fts_query

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["ATTENDEES_SQL", "FTS_IDS", "Page", "fetch_page", "is_broad_search", "key_columns",
           "next_follow_up", "ordinal", "overdue", "paged_sql", "search_count"]

#: Total attendance of a session. The same text as migration m004's index expression, so that
#: SQLite reads it from the index instead of adding up eight columns of every row.
ATTENDEES_SQL = (
    "(coalesce(fathers, 0) + coalesce(mothers, 0) + coalesce(other_caregivers_male, 0)"
    " + coalesce(other_caregivers_female, 0) + coalesce(teens_male, 0)"
    " + coalesce(teens_female, 0) + coalesce(children_male, 0) + coalesce(children_female, 0))")


@dataclasses.dataclass(frozen=True)
class Page:
    """Rows of one page and where the next one starts (``after=None``: this was the last)."""

    rows: list[dict[str, Any]]
    after: tuple[Any, ...] | None


def ordinal(column: str, codes: Sequence[str]) -> str:
    """``column``'s code as its position in ``codes`` (a vocabulary's order, not A–Z)."""
    cases = " ".join(f"WHEN '{code}' THEN {n}" for n, code in enumerate(codes))
    return f"(CASE {column} {cases} ELSE {len(codes)} END)"


def next_follow_up(case: str) -> str:
    """The next follow-up date of case ``case`` (a table alias): the one its latest note gives
    (by the note's date, then when it was written). m004's follow-up index answers it without
    reading the notes themselves."""
    return ("(SELECT f.next_follow_up_on FROM follow_ups AS f"
            f" WHERE f.deleted = 0 AND f.incident_id = {case}.id"
            " ORDER BY f.noted_on DESC, f.created_at DESC, f.id DESC LIMIT 1)")


def overdue(case: str) -> str:
    """1 for an open case whose next follow-up date is before :today ('' when unknown: never)."""
    return (f"(CASE WHEN coalesce({case}.status, '') = 'selesai' THEN 0"
            f" ELSE coalesce({next_follow_up(case)} < :today, 0) END)")


# The records whose search text matches. A narrow search then looks them up by id in m004's
# covering indexes (it costs what its matches cost, however long the list is).
FTS_MATCHES = ("search_fts JOIN search_docs AS d ON d.doc = search_fts.rowid"
               " WHERE search_fts MATCH :fts AND d.record_type = :record_type")
FTS_IDS = f"(SELECT d.record_id FROM {FTS_MATCHES})"


def is_broad_search(store: Store, text: str, *, at_least: int = 2_000) -> bool:
    """Whether ``text`` matches at least ``at_least`` search documents (of any type).

    A broad search is read best by walking a list's own index in its order and keeping the
    rows that match (the first page fills after a few hundred rows); a narrow one by looking
    up its few matches. Counting stops at ``at_least``, so asking costs well under 1 ms.
    """
    query = fts_query(text)
    if query is None:
        return False
    found = store.db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
        [query, at_least]).fetchone()[0]
    return found >= at_least


def search_count(store: Store, text: str, cls: type[Record]) -> int:
    """How many live records of ``cls`` have every word of ``text`` in their search text."""
    # The search index holds live records only (a deletion takes the record out of it, in the
    # same transaction), so its documents of a type are the live matches: counted without
    # looking up one record.
    return store.db.execute(
        f"SELECT count(*) FROM {FTS_MATCHES}",
        {"fts": fts_query(text), "record_type": cls.TYPE}).fetchone()[0]


# --- paging --------------------------------------------------------------------------------------

def key_columns(keys: Sequence[str]) -> str:
    """The sort keys as result columns ``_k0``, ``_k1``… (what :func:`fetch_page` reads)."""
    return ", ".join(f"{key} AS _k{n}" for n, key in enumerate(keys))


def paged_sql(select: str, where: str, keys: Sequence[str], descending: Sequence[bool],
              after: Sequence[Any] | None, params: dict[str, Any]) -> str:
    """``select WHERE where``, ordered by ``keys``, from the row after ``after``, ``LIMIT :limit``.

    "After this row" is spelled out key by key (directions may differ), with a leading range on
    the first key so that SQLite starts inside the index instead of at its top.
    """
    order = ", ".join(f"{key} {'DESC' if desc else 'ASC'}"
                      for key, desc in zip(keys, descending, strict=True))
    if after is not None:
        if len(after) != len(keys):
            raise ValueError("'after' does not belong to this sort order")
        ops = ["<" if desc else ">" for desc in descending]
        for n, value in enumerate(after):
            params[f"_a{n}"] = value
        alternatives = [" AND ".join([*(f"{keys[m]} = :_a{m}" for m in range(n)),
                                      f"{keys[n]} {ops[n]} :_a{n}"]) for n in range(len(keys))]
        where = f"{where} AND {keys[0]} {ops[0]}= :_a0 AND ({' OR '.join(alternatives)})"
    return f"{select} WHERE {where} ORDER BY {order} LIMIT :limit"


def fetch_page(store: Store, sql: str, params: dict[str, Any], key_count: int, limit: int,
               make_row: Callable[[Mapping[str, Any]], dict[str, Any]]) -> Page:
    """Run a :func:`paged_sql` query whose sort keys are the columns ``_k0``… and make a
    :class:`Page` of its rows (``make_row`` turns a row into what the list gets).

    :raises ValueError: for a ``limit`` below 1
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    # One row more than asked says whether another page exists without a second query.
    cursor = store.db.execute(sql, {**params, "limit": limit + 1})
    names = [d[0] for d in cursor.description]
    fetched = [dict(zip(names, values, strict=True)) for values in cursor.fetchall()]
    rows = [_readable(raw, make_row) for raw in fetched[:limit]]
    after = None
    if len(fetched) > limit:
        last = fetched[limit - 1]
        after = tuple(last[f"_k{n}"] for n in range(key_count))
    return Page(rows, after)


def _readable(raw: Mapping[str, Any], make_row: Callable[[Mapping[str, Any]], dict[str, Any]]
              ) -> dict[str, Any]:
    # A stored value this version cannot read (a damaged JSON list, a date in another form)
    # spoils its row only: the list shows it as a row that could not be loaded.
    try:
        return make_row(raw)
    except (TypeError, ValueError, KeyError):
        return {"id": raw.get("id"), "sync_state": raw.get("sync_state"), "invalid": True}


