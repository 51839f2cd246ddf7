"""Beranda: what this RT did this month and what needs doing this week, and the two things a
volunteer comes to do ("Catat sesi baru", "Catat kasus baru").

The figures come from ``rt_desktop.store.queries.home_summary`` on the database worker; the page
refreshes when it is shown and after every write. Lists here never show a name: a follow-up is
named by its case code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from rt_desktop import wilayah
from rt_desktop.store import queries
from rt_desktop.store.sync_meta import enrolment_scope
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.i18n import locale_for
from ui.place import role_and_area

__all__ = ["HomePage", "load_summary"]

ROLE_INCIDENT_ID = Qt.ItemDataRole.UserRole + 1
ROLE_OVERDUE = Qt.ItemDataRole.UserRole + 2
OVERDUE = QColor("#b3261e")


def load_summary(store: Any, today: dt.date) -> dict[str, Any]:
    """The home figures plus what identifies the RT, or the area and role of a laptop that
    belongs to none (runs on the worker)."""
    summary = dict(queries.home_summary(store, today))
    summary["kelurahan_code"] = store.kelurahan_code
    summary["rt"] = store.rt
    summary["role"] = store.role
    summary["scope"] = enrolment_scope(store)
    return summary


class _Card(QFrame):
    """One figure with its caption (and a second line, e.g. the number of attendees)."""

    def __init__(self, name: str):
        super().__init__()
        self.setObjectName(name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setProperty("role", "card")
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.value = QLabel("–")
        self.value.setObjectName(name + "Value")
        self.value.setProperty("role", "figure")
        self.detail = QLabel()
        self.detail.setObjectName(name + "Detail")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch()
        # Never taller than its text: a Beranda without the follow-up list (UPTD PPA's) keeps
        # small cards at the top.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)


class HomePage(QWidget):
    new_record = Signal(str)  # record type
    open_record = Signal(str, str)  # record type, record id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("homePage")
        self.ctx = ctx
        self.summary: dict[str, Any] | None = None
        self.heading = QLabel()
        self.heading.setObjectName("homeHeading")
        self.heading.setProperty("role", "pagetitle")
        self.today_label = QLabel()
        self.today_label.setObjectName("homeToday")
        self.today_label.setWordWrap(True)

        self.new_session = QPushButton()
        self.new_session.setObjectName("newSessionButton")
        self.new_incident = QPushButton()
        self.new_incident.setObjectName("newIncidentButton")
        for button, kind in ((self.new_session, "parenting_session"),
                             (self.new_incident, "incident")):
            button.setProperty("role", "big")
            button.setMinimumHeight(56)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _=False, k=kind: self.new_record.emit(k))
        quick = QHBoxLayout()
        quick.addWidget(self.new_session)
        quick.addWidget(self.new_incident)

        self.sessions_card = _Card("sessionsCard")
        self.cases_card = _Card("casesCard")
        self.follow_card = _Card("followUpsCard")
        self.unsent_card = _Card("unsentCard")
        cards = QGridLayout()
        for column, card in enumerate((self.sessions_card, self.cases_card, self.follow_card,
                                       self.unsent_card)):
            cards.addWidget(card, 0, column)
            cards.setColumnStretch(column, 1)

        self.follow_title = QLabel()
        self.follow_title.setProperty("role", "section")
        self.follow_list = QListWidget()
        self.follow_list.setObjectName("followUpList")
        self.follow_list.itemActivated.connect(self._open_follow_up)
        self.follow_hint = QLabel()
        self.follow_hint.setProperty("role", "hint")
        self.follow_hint.setWordWrap(True)
        self.follow_empty = QLabel()
        self.follow_empty.setObjectName("followUpEmpty")
        self.follow_empty.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.today_label)
        layout.addSpacing(8)
        layout.addLayout(quick)
        layout.addSpacing(8)
        layout.addLayout(cards)
        layout.addSpacing(8)
        layout.addWidget(self.follow_title)
        layout.addWidget(self.follow_hint)
        layout.addWidget(self.follow_empty)
        layout.addWidget(self.follow_list, 1)
        layout.addStretch(0)  # the room the list leaves when it is hidden
        ctx.operation_done.connect(lambda _changes: self.refresh())
        self.retranslate()

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.new_session.setText(self.tr("Catat sesi baru"))
        self.new_session.setToolTip(self.tr("Catat Sesi Lautan RT yang baru diadakan"))
        self.new_incident.setText(self.tr("Catat kasus baru"))
        self.new_incident.setToolTip(
            self.tr("Catat laporan kekerasan terhadap perempuan atau anak"))
        self.sessions_card.caption.setText(self.tr("Sesi Lautan RT bulan ini"))
        self.cases_card.caption.setText(self.tr("Kasus terbuka"))
        self.follow_card.caption.setText(self.tr("Tindak lanjut minggu ini"))
        self.unsent_card.caption.setText(self.tr("Perubahan belum terkirim"))
        self.follow_title.setText(self.tr("Tindak lanjut yang jatuh tempo"))
        self.follow_empty.setText(self.tr("Tidak ada tindak lanjut yang jatuh tempo minggu ini."))
        self.follow_hint.setText(self.tr("Klik dua kali atau tekan Enter untuk membuka kasusnya."))
        self._show()

    def changeEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: Any) -> None:  # noqa: N802 — Qt's name
        super().showEvent(event)
        self.refresh()

    # --- data ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        if self.ctx.unlocked is None:
            return
        today = today_wita()
        self.ctx.run_db(lambda store: load_summary(store, today), success=self.set_summary)

    def set_summary(self, summary: dict[str, Any]) -> None:
        self.summary = summary
        self._show()

    def _locale(self) -> QLocale:
        return locale_for(self.ctx.lang)

    def _show(self) -> None:
        loc = self._locale()
        today = today_wita()
        self.heading.setText(self.tr("Selamat datang, {0}").format(self.ctx.user_name)
                             if self.ctx.user_name else self.tr("Beranda"))
        date_text = loc.toString(QDate(today.year, today.month, today.day),
                                 QLocale.FormatType.LongFormat)
        s = self.summary
        if s is None:
            self.today_label.setText(date_text)
            return
        if s["kelurahan_code"]:
            kel = wilayah.kelurahan(s["kelurahan_code"])
            self.today_label.setText(self.tr("{0} · Kelurahan {1} · RT {2}").format(
                date_text, kel.name, s["rt"]))
        else:  # a coordinator's or UPTD PPA laptop belongs to no RT: its area and role
            self.today_label.setText(self._role_line(date_text, s))
        # A coordinator's laptop sends nothing: a count of unsent changes would mean nothing.
        self.unsent_card.setVisible(s.get("role") != "coordinator")
        # An UPTD PPA laptop receives referred cases only: no sessions, no follow-up notes.
        rt_work = s.get("role") != "uptd"
        for widget in (self.sessions_card, self.follow_card, self.follow_title, self.follow_hint,
                       self.follow_list):
            widget.setVisible(rt_work)
        self.sessions_card.value.setText(loc.toString(int(s["sessions_this_month"])))
        self.sessions_card.detail.setText(self.tr("{0} peserta hadir").format(
            loc.toString(int(s["attendees_this_month"]))))
        self.cases_card.value.setText(loc.toString(int(s["open_cases"])))
        self.cases_card.detail.setText(self.tr("belum selesai ditangani"))
        overdue, due = int(s["follow_ups_overdue"]), int(s["follow_ups_due_this_week"])
        self.follow_card.value.setText(loc.toString(due))
        self.follow_card.detail.setText(
            self.tr("{0} sudah lewat waktunya").format(loc.toString(overdue)) if overdue
            else self.tr("tidak ada yang terlambat"))
        self.follow_card.setProperty("alert", bool(overdue))
        self.follow_card.style().unpolish(self.follow_card)
        self.follow_card.style().polish(self.follow_card)
        self.unsent_card.value.setText(loc.toString(int(s["unsent_changes"])))
        self.unsent_card.detail.setText(self.tr("tersimpan di laptop ini"))
        self._fill_follow_ups(
            [(c, True) for c in s["overdue_cases"]]
            + [(c, False) for c in s["due_this_week_cases"]], loc)
        if not rt_work:
            self.follow_empty.hide()

    def _role_line(self, date_text: str, s: dict[str, Any]) -> str:
        place = role_and_area(s.get("role") or "", s.get("scope"), self.ctx.lang)
        if s.get("role") == "coordinator":
            return self.tr("{0} · {1} · hanya melihat data").format(date_text, place)
        return self.tr("{0} · {1}").format(date_text, place)

    def _fill_follow_ups(self, cases: list[tuple[dict[str, Any], bool]], loc: QLocale) -> None:
        """Overdue first (in red), then the rest of this week, soonest first."""
        self.follow_list.clear()
        for case, overdue in cases:
            due: dt.date = case["next_follow_up_on"]
            when = loc.toString(QDate(due.year, due.month, due.day), "dddd, d MMMM yyyy")
            text = self.tr("{0} · {1}").format(case["case_code"] or "–", when)
            if overdue:
                text = self.tr("{0} — terlambat").format(text)
            row = QListWidgetItem(text)
            row.setData(ROLE_INCIDENT_ID, case["id"])
            row.setData(ROLE_OVERDUE, overdue)
            if overdue:
                row.setForeground(QBrush(OVERDUE))
                font = row.font()
                font.setBold(True)
                row.setFont(font)
            self.follow_list.addItem(row)
        self.follow_list.setVisible(bool(cases))
        self.follow_hint.setVisible(bool(cases))
        self.follow_empty.setVisible(not cases)

    def _open_follow_up(self, item: QListWidgetItem) -> None:
        incident_id = item.data(ROLE_INCIDENT_ID)
        if incident_id:
            self.open_record.emit("incident", incident_id)
