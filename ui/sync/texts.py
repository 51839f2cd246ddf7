"""How the sync views name a record and show a field's value. Runs on the database worker
(it reads the record) or on the UI thread (values only); no widgets.

A record is named by what a volunteer recognises and what is never sensitive: a case by its
case code, a session by its date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate

from rt_desktop.records import (
    RECORD_TYPES,
    FollowUp,
    Incident,
    ParentingSession,
    Referral,
    field_specs,
)
from rt_desktop.store.store import Store
from ui.i18n import locale_for

__all__ = ["record_label", "value_text", "yes_no"]

_CTX = "SyncTexts"


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def _date(day: Any, lang: str) -> str:
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return day
    if isinstance(day, dt.date):
        return locale_for(lang).toString(QDate(day.year, day.month, day.day), "d MMM yyyy")
    return ""


def record_label(store: Store, record_type: str, record_id: str, lang: str = "id") -> str:
    """``Kasus K-007-0012``, ``Sesi 3 Jan 2026``, ``Rujukan kasus K-…``; never a name."""
    cls = RECORD_TYPES.get(record_type)
    record = store.get(cls, record_id, include_deleted=True) if cls else None
    if isinstance(record, Incident):
        return _tr("Kasus {0}").format(record.case_code or "")
    if isinstance(record, ParentingSession):
        return _tr("Sesi {0}").format(_date(record.session_date, lang))
    if isinstance(record, (Referral, FollowUp)):
        parent = store.get(Incident, record.incident_id or "", include_deleted=True)
        code = parent.case_code if parent else ""
        if isinstance(record, Referral):
            return _tr("Rujukan kasus {0}").format(code)
        return _tr("Tindak lanjut kasus {0}").format(code)
    if record_type == "conflict":
        return _tr("Konflik")
    return _tr("Data yang sudah tidak ada di laptop ini")


def yes_no(value: bool) -> str:
    return _tr("Ya") if value else _tr("Tidak")


def value_text(cls: type, name: str, value: Any, lang: str = "id") -> str:
    """A field's value as the form would show it: labels of codes, dates in the locale."""
    spec = field_specs(cls).get(name)
    if value is None or value == "" or value == ():
        return _tr("(kosong)")
    if spec is None:
        return str(value)
    if spec.kind == "bool":
        return yes_no(bool(value))
    if spec.kind == "date":
        return _date(value, lang)
    if spec.vocabulary is not None:
        codes = value if isinstance(value, (tuple, list)) else (value,)
        return ", ".join(spec.vocabulary.label(str(code), lang) for code in codes)
    if isinstance(value, int) and not isinstance(value, bool):
        return locale_for(lang).toString(value)
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    return str(value)
