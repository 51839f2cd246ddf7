"""The session tables (Sesi Lautan RT): counts of sessions and people, never suppressed."""

from __future__ import annotations

import datetime as dt

from rt_desktop import enums
from rt_desktop.reports.model import Column, Note, ReportTable, Row
from rt_desktop.reports.queries import ATTENDANCE, SessionCounts

__all__ = ["attendance_table", "sessions_per_rt_table", "silent_rts_table", "topics_table"]

_SESSIONS = Column("sessions", "Jumlah sesi", "Sessions")
_ATTENDEES = Column("attendees", "Jumlah peserta", "Attendees")
_MALE = Column("male", "Laki-laki", "Male")
_FEMALE = Column("female", "Perempuan", "Female")
_TOTAL = Column("total", "Jumlah", "Total")

# Attendance groups: (key, label id, label en, male column, female column)
_GROUPS = (
    ("fathers_mothers", "Ayah / ibu", "Fathers / mothers", "fathers", "mothers"),
    ("other_caregivers", "Pengasuh lain", "Other caregivers", "other_caregivers_male",
     "other_caregivers_female"),
    ("teens", "Remaja", "Teenagers", "teens_male", "teens_female"),
    ("children", "Anak", "Children", "children_male", "children_female"),
)


def sessions_per_rt_table(per_rt: dict[str, SessionCounts], rts: list[str]) -> ReportTable:
    """Sessions and attendees per RT; ``rts`` are every RT to list (zero rows included)."""
    rows = []
    for rt in rts:
        counts = per_rt.get(rt, SessionCounts(0, (0,) * len(ATTENDANCE)))
        rows.append(Row(rt, f"RT {rt}", f"RT {rt}", (counts.sessions, counts.attendees)))
    rows.append(Row("total", "Jumlah", "Total",
                    (sum(c.sessions for c in per_rt.values()),
                     sum(c.attendees for c in per_rt.values())), is_total=True))
    return ReportTable("sessions_per_rt", "sessions", "Sesi Lautan RT per RT",
                       "Lautan RT sessions per RT", "Sesi per RT", "Sessions per RT", "RT", "RT",
                       (_SESSIONS, _ATTENDEES), tuple(rows))


def attendance_table(per_rt: dict[str, SessionCounts]) -> ReportTable:
    """Attendees of all sessions by group and sex (the eight attendance counts)."""
    sums = {name: sum(c.attendance[i] for c in per_rt.values())
            for i, name in enumerate(ATTENDANCE)}
    rows = [Row(key, label_id, label_en, (sums[male], sums[female], sums[male] + sums[female]))
            for key, label_id, label_en, male, female in _GROUPS]
    male = sum(sums[g[3]] for g in _GROUPS)
    female = sum(sums[g[4]] for g in _GROUPS)
    rows.append(Row("total", "Jumlah", "Total", (male, female, male + female), is_total=True))
    return ReportTable(
        "attendance", "sessions", "Peserta menurut kelompok dan jenis kelamin",
        "Attendees by group and sex", "Peserta", "Attendees", "Kelompok", "Group",
        (_MALE, _FEMALE, _TOTAL), tuple(rows),
        (Note("Jumlah kehadiran: orang yang hadir di beberapa sesi terhitung di setiap sesi. "
              "Ayah dihitung laki-laki, ibu perempuan.",
              "Attendances: a person who came to several sessions is counted at each. "
              "Fathers count as male, mothers as female."),))


def topics_table(topics: dict[str, int], sessions: int) -> ReportTable:
    codes = [*enums.TOPICS.codes, *sorted(set(topics) - set(enums.TOPICS.codes))]
    rows = [Row(code, enums.TOPICS.label(code, "id"), enums.TOPICS.label(code, "en"),
                (topics.get(code, 0),)) for code in codes]
    rows.append(Row("total", "Jumlah sesi", "Sessions", (sessions,), is_total=True))
    return ReportTable(
        "topics", "sessions", "Topik yang dibahas", "Topics covered", "Topik", "Topics",
        "Topik", "Topic", (_SESSIONS,), tuple(rows),
        (Note("Satu sesi dapat membahas lebih dari satu topik.",
              "One session may cover several topics."),))


def silent_rts_table(silent: list[str], last_before: dict[str, str], *, configured: bool,
                     start: dt.date) -> ReportTable:
    """RTs without a session in the period, with the date of their last session before it."""
    rows = [Row(rt, f"RT {rt}", f"RT {rt}", (last_before.get(rt, ""),)) for rt in silent]
    notes = [Note(f"Kolom terakhir: tanggal sesi terakhir sebelum {start.isoformat()}; "
                  "kosong bila belum pernah ada sesi.",
                  f"Last column: the date of the last session before {start.isoformat()}; "
                  "empty when there has never been one.")]
    if not configured:
        notes.append(Note(
            "Daftar RT kelurahan ini belum diatur oleh admin: hanya RT yang pernah mencatat "
            "data yang dikenal, jadi RT yang belum pernah mencatat apa pun tidak muncul di sini.",
            "This kelurahan's RT list is not set up by the admin: only RTs that have recorded "
            "data are known, so an RT that never recorded anything does not show here."))
    return ReportTable(
        "silent_rts", "sessions", "RT tanpa sesi dalam periode ini", "RTs with no session",
        "RT tanpa sesi", "RTs with no session", "RT", "RT",
        (Column("last_session", "Sesi terakhir", "Last session"),), tuple(rows), tuple(notes))
