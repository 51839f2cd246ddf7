"""How a report cell reads on screen and in the PDF: numbers and dates in the reader's locale,
suppressed counts as their mark ("<3", "x") and never as a number.

Pure Qt Core (QLocale, QDate): used on the UI thread by the table model and on the database
worker by the PDF writer.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from rt_desktop.reports import Hidden, Value
from ui.i18n import locale_for

__all__ = ["is_numeric", "value_text"]


def is_numeric(value: Value) -> bool:
    """A count or a suppressed count: right-aligned, like every number in a table."""
    return isinstance(value, (int, Hidden)) and not isinstance(value, bool)


def value_text(value: Value, lang: str = "id") -> str:
    """``1.234``, ``<3``, ``x``, ``1 Agu 2026`` or ``""``."""
    if value is None or value == "":
        return ""
    if isinstance(value, Hidden):
        return value.text()
    if isinstance(value, int) and not isinstance(value, bool):
        return locale_for(lang).toString(value)
    text = str(value)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return text
    return locale_for(lang).toString(QDate(day.year, day.month, day.day), "d MMM yyyy")
