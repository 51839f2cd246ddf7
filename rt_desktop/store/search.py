"""Full-text search over non-sensitive text only (DESIGN.md §4).

What goes into the index is written here, in Python, field by field; every field is checked
against :func:`rt_desktop.records.sensitive_fields` first, so a field that becomes sensitive in
records.py drops out of the index without anyone touching this module. Victims' names, contacts,
the kronologi and every free-text field of a case are never indexed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import sqlite_utils

from rt_desktop.records import (
    Incident,
    ParentingSession,
    Record,
    field_from_row,
    field_specs,
    from_row,
    sensitive_fields,
)

__all__ = ["SEARCH_FIELDS", "document_text", "index_record", "rebuild_index",
           "row_document_text", "row_text", "search", "search_relevant"]

# Candidates for the index, per record type; labels of codes are the Indonesian ones.
_CANDIDATES: dict[type[Record], tuple[str, ...]] = {
    ParentingSession: ("topics", "topic_other", "venue", "facilitator", "facilitator_org",
                       "summary", "follow_up"),
    Incident: ("case_code", "violence_types", "place", "status", "risk_level"),
}
SEARCH_FIELDS: dict[type[Record], tuple[str, ...]] = {
    cls: tuple(name for name in names if name not in sensitive_fields(cls))
    for cls, names in _CANDIDATES.items()
}
_BY_TYPE = {cls.TYPE: cls for cls in SEARCH_FIELDS}
# Letters and digits only: FTS5 query syntax in user input is never interpreted.
_TOKEN = re.compile(r"[^\W_]+")


def search_relevant(cls: type[Record], changed: tuple[str, ...]) -> bool:
    """Whether a change of these fields alters the record's search document."""
    fields = SEARCH_FIELDS.get(cls)
    return fields is not None and ("deleted" in changed or any(f in fields for f in changed))


def document_text(record: Record) -> str:
    """The text indexed for ``record``: its non-sensitive search fields, codes as labels."""
    cls = type(record)
    return _text(cls, {name: getattr(record, name) for name in SEARCH_FIELDS.get(cls, ())})


# Text and single codes are the same in row form; only these kinds need converting.
_SAME_IN_ROW_FORM = frozenset({"text", "choice"})


def row_document_text(cls: type[Record], row: Mapping[str, Any]) -> str:
    """:func:`document_text` from row form (:func:`rt_desktop.records.to_row`; only the
    search fields are read, a missing one is empty), without building the record: what a
    pulled page indexes. For many rows, :func:`row_text` once and its function per row."""
    return _row_text(cls)(row)


def row_text(cls: type[Record]) -> Callable[[Mapping[str, Any]], str] | None:
    """A function giving :func:`row_document_text` of ``cls``'s rows, or ``None`` when ``cls``
    is not indexed. The field list is read once, when this is called (sensitive fields left
    out then too), and a row-form value seen before is not converted again: one function per
    batch of rows, not one for the program's life."""
    return _row_text(cls) if cls in SEARCH_FIELDS else None


def _row_text(cls: type[Record]) -> Callable[[Mapping[str, Any]], str]:
    specs = field_specs(cls)
    plan = [(name, specs[name]) for name in SEARCH_FIELDS.get(cls, ())
            if name not in sensitive_fields(cls)]
    seen: dict[tuple[str, Any], list[str]] = {}  # (field, row value): its parts of the text

    def convert(name: str, value: Any) -> list[str]:
        spec = specs[name]
        if spec.kind not in _SAME_IN_ROW_FORM:
            value = field_from_row(cls, name, value)
        return _parts(spec.kind, spec.vocabulary, value)

    def parts(name: str, value: Any) -> list[str]:
        if not isinstance(value, str):  # a number; a list from an odd server: not kept
            return convert(name, value)
        found = seen.get((name, value))
        if found is None:
            if len(seen) >= _SEEN_MAX:
                seen.clear()
            found = seen[name, value] = convert(name, value)
        return found

    def text(row: Mapping[str, Any]) -> str:
        out: list[str] = []
        for name, _spec in plan:
            value = row.get(name)
            if value is not None and value != "":
                out += parts(name, value)
        return "\n".join(out)

    return text


_SEEN_MAX = 4096  # row values kept converted per function: a page's topic lists repeat


def _parts(kind: str, vocabulary: Any, value: Any) -> list[str]:
    """The text one field adds: nothing when empty, codes as labels."""
    if not value:
        return []
    if vocabulary is not None and kind == "choices":
        return [vocabulary.label(code) for code in value]
    if vocabulary is not None:
        return [vocabulary.label(value)]
    return [str(value)]


def _text(cls: type[Record], values: Mapping[str, Any]) -> str:
    specs = field_specs(cls)
    parts: list[str] = []
    for name in SEARCH_FIELDS.get(cls, ()):
        if name in sensitive_fields(cls):  # asked again at the last moment, on purpose
            continue
        parts += _parts(specs[name].kind, specs[name].vocabulary, values[name])
    return "\n".join(parts)


def index_record(db: sqlite_utils.Database, record: Record) -> None:
    """Put ``record`` into the index, replacing what was there; a deleted record leaves it.

    Call inside the ``db.atomic()`` that writes the record.
    """
    cls = type(record)
    if cls not in SEARCH_FIELDS:
        return
    found = db.execute("SELECT doc FROM search_docs WHERE record_id = ?", [record.id]).fetchone()
    if found is not None:
        db.execute("DELETE FROM search_fts WHERE rowid = ?", [found[0]])
        if record.deleted:
            db.execute("DELETE FROM search_docs WHERE doc = ?", [found[0]])
            return
        doc = found[0]
    elif record.deleted:
        return
    else:
        doc = db.execute("INSERT INTO search_docs (record_type, record_id) VALUES (?, ?)",
                         [cls.TYPE, record.id]).lastrowid
    db.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", [doc, document_text(record)])


def rebuild_index(db: sqlite_utils.Database) -> int:
    """Empty the index and fill it again from the stored records; returns how many went in.

    Call inside a ``db.atomic()`` (a migration is one).
    """
    db.execute("DELETE FROM search_fts")
    db.execute("DELETE FROM search_docs")
    count = 0
    for cls in SEARCH_FIELDS:
        for row in db.table(cls.TABLE).rows_where("deleted = 0", order_by="rowid"):
            index_record(db, from_row(cls, row))
            count += 1
    return count


def fts_query(text: str) -> str | None:
    """An FTS5 query matching every word of ``text`` as a prefix, or ``None`` if it has no word.

    Each word is quoted, so ``AND``, ``NEAR``, ``*`` or quotes typed by a user are plain text.
    """
    words = _TOKEN.findall(text)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' for word in words)


def search(db: sqlite_utils.Database, text: str, *, record_type: str | None = None,
           limit: int = 100) -> list[tuple[str, str]]:
    """``(record_type, record_id)`` of live records whose indexed text has every word of
    ``text`` (as a word prefix), newest first.

    :raises ValueError: for a ``record_type`` that is not indexed
    """
    if record_type is not None and record_type not in _BY_TYPE:
        raise ValueError(f"not a searchable record type: {record_type!r}")
    query = fts_query(text)
    if query is None:
        return []
    return list(_matches(db, query, record_type, limit))


def _matches(db: sqlite_utils.Database, query: str, record_type: str | None,
             limit: int) -> Iterator[tuple[str, str]]:
    # Newest first by document number: FTS5 walks rowids in order and stops at the limit,
    # where ORDER BY rank would have to score every match first.
    sql = """
        SELECT d.record_type, d.record_id FROM search_fts
        JOIN search_docs AS d ON d.doc = search_fts.rowid
        WHERE search_fts MATCH ?{type_filter}
        ORDER BY search_fts.rowid DESC LIMIT ?"""
    params: list[object] = [query]
    type_filter = ""
    if record_type is not None:
        type_filter = " AND d.record_type = ?"
        params.append(record_type)
    params.append(limit)
    yield from db.execute(sql.format(type_filter=type_filter), params)
