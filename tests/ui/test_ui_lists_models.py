"""The list models: Qt's model contract, pages loaded as the view asks, the newest query winning,
rows that cannot be shown, overdue follow-ups, sync-state icons — and no sensitive value in any
cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon

from rt_desktop.records import FollowUp, Incident, ParentingSession
from rt_desktop.store.keyslots import KdfParams
from rt_desktop.store.queries import IncidentQuery, SessionQuery
from rt_desktop.validation import today_wita
from ui.context import AppContext
from ui.incidents.list_view import IncidentListModel, OverdueRole
from ui.models import PagedTableModel, RecordIdRole, SortRole, SyncStateRole, format_date
from ui.sessions.list_view import SessionListModel
from ui.sync_state import SYNC_STATES, sync_state_icon, sync_state_label

FAST = KdfParams(n=2**10)
USER = "Sari"
TODAY = today_wita()
SECRETS = ("Zubaidah Kartikasari", "0812-5550-7788", "Gang Cempaka Rahasia", "Bapak Wiryawan",
           "Paman Sukarjo", "Kronologi rahasia", "Catatan Anggrek", "Kunjungan Kenanga")
ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, SortRole, RecordIdRole)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def save_sessions(ctx: AppContext, count: int) -> list[str]:
    """``count`` sessions, one a day back from today, 10 + n attendees each; ids newest first."""
    store = ctx.unlocked.store
    return [store.save(ParentingSession(
        session_date=days_ago(n), venue=f"Balai RT {n:02d}", topics=("peran_ayah",),
        mothers=10 + n), user=USER)[0].record_id for n in range(count)]


def incident(**changes: Any) -> Incident:
    fields: dict[str, Any] = dict(
        reported_on=days_ago(20), occurred_on=days_ago(20), occurred_precision="hari",
        report_source="tetangga", report_channel="langsung", victim_name=SECRETS[0],
        victim_contact=SECRETS[1], victim_address=SECRETS[2], victim_guardian_name=SECRETS[3],
        perpetrator_name=SECRETS[4], chronology=SECRETS[5], rt_handling_note=SECRETS[6],
        victim_sex="perempuan", victim_age=9, victim_age_group="6_12", victim_category="anak",
        violence_types=("psikis",), place="rumah_tangga", risk_level="rendah",
        consent_by=("orang_tua",), rt_handling=("kunjungan_rumah",), status="ditangani_rt")
    fields.update(changes)
    return Incident(**fields)


def save_cases(ctx: AppContext) -> dict[str, str]:
    store = ctx.unlocked.store
    late = store.save(incident(), user=USER)[0].record_id
    store.save(FollowUp(incident_id=late, noted_on=days_ago(10), author=USER, note=SECRETS[7],
                        next_follow_up_on=days_ago(3)), user=USER)
    fresh = store.save(incident(reported_on=days_ago(2), occurred_on=days_ago(2),
                                risk_level="darurat", status="baru", rt_handling=()),
                       user=USER)[0].record_id
    return {"late": late, "fresh": fresh}


def loaded(qtbot: Any, model: PagedTableModel, query: Any, rows: int) -> PagedTableModel:
    model.set_query(query)
    qtbot.waitUntil(lambda: model.rowCount() == rows and not model.is_loading()
                    and model.total is not None)
    return model


def every_text(model: PagedTableModel) -> str:
    return "\n".join(str(model.data(model.index(r, c), role))
                     for r in range(model.rowCount()) for c in range(model.columnCount())
                     for role in ROLES)


# --- the model contract --------------------------------------------------------------------

@pytest.mark.parametrize("page_size", [2, 200])
def test_session_model_keeps_the_qt_contract(qtbot, qtmodeltester, ctx, monkeypatch,
                                             page_size: int) -> None:
    monkeypatch.setattr(SessionListModel, "PAGE_SIZE", page_size)
    save_sessions(ctx, 5)
    model = loaded(qtbot, SessionListModel(ctx), SessionQuery(), min(5, page_size))
    qtmodeltester.check(model)
    qtbot.waitUntil(lambda: model.rowCount() == 5 or not model.is_loading())


def test_incident_model_keeps_the_qt_contract(qtbot, qtmodeltester, ctx) -> None:
    save_cases(ctx)
    model = loaded(qtbot, IncidentListModel(ctx), IncidentQuery(today=TODAY), 2)
    qtmodeltester.check(model)


# --- what a row shows ----------------------------------------------------------------------

def test_a_session_row(qtbot, ctx) -> None:
    (newest, *_) = save_sessions(ctx, 3)
    model = loaded(qtbot, SessionListModel(ctx), SessionQuery(), 3)
    cell = lambda col, role=Qt.ItemDataRole.DisplayRole: model.data(model.index(0, col), role)  # noqa: E731
    assert cell(model.COL_DATE) == format_date(TODAY, "id")
    assert cell(model.COL_DATE, SortRole) == TODAY.isoformat()
    assert cell(model.COL_VENUE) == "Balai RT 00"
    assert cell(model.COL_TOPICS) == "Peran ayah"
    assert cell(model.COL_ATTENDEES) == "10"
    alignment = cell(model.COL_ATTENDEES, Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert cell(model.COL_SYNC) == "Belum terkirim"
    assert isinstance(cell(model.COL_SYNC, Qt.ItemDataRole.DecorationRole), QIcon)
    assert cell(model.COL_SYNC, SyncStateRole) == "pending"
    assert cell(model.COL_VENUE, RecordIdRole) == newest
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
        "Tanggal", "Tempat", "Topik", "Jumlah peserta", "Status kirim"]
    assert model.total == 3


def test_dates_and_numbers_follow_the_indonesian_locale(ctx) -> None:
    assert format_date(dt.date(2026, 8, 17), "id") == "17 Agu 2026"
    assert format_date(dt.date(2026, 5, 2), "id") == "2 Mei 2026"
    assert format_date(dt.date(2026, 8, 17), "en") == "17 Aug 2026"
    model = SessionListModel(ctx)
    model.set_rows([{"id": "a", "session_date": TODAY, "venue": "Lapangan", "topics": (),
                     "attendees": 1234, "sync_state": "pending"}])
    assert model.data(model.index(0, model.COL_ATTENDEES)) == "1.234"


def test_an_incident_row_highlights_an_overdue_follow_up(qtbot, ctx) -> None:
    ids = save_cases(ctx)
    model = loaded(qtbot, IncidentListModel(ctx), IncidentQuery(today=TODAY), 2)
    late, fresh = model.row_of(ids["late"]), model.row_of(ids["fresh"])
    assert late == 0  # overdue first, although the other case is newer
    next_cell = model.index(late, model.COL_NEXT_FOLLOW_UP)
    assert next_cell.data() == f"{format_date(days_ago(3), 'id')} · terlambat"
    assert isinstance(next_cell.data(Qt.ItemDataRole.BackgroundRole), QColor)
    assert isinstance(next_cell.data(Qt.ItemDataRole.ForegroundRole), QColor)
    assert next_cell.data(OverdueRole) is True
    calm = model.index(fresh, model.COL_NEXT_FOLLOW_UP)
    assert calm.data() == "–" and calm.data(Qt.ItemDataRole.BackgroundRole) is None
    assert calm.data(OverdueRole) is False
    row = [model.data(model.index(fresh, c)) for c in range(model.columnCount())]
    assert row[1:6] == [format_date(days_ago(2), "id"), "Kekerasan psikis", "Darurat", "Baru",
                        "–"]
    assert row[0].startswith("RT007-")
    assert model.index(fresh, model.COL_RISK).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_no_cell_holds_a_sensitive_value(qtbot, ctx) -> None:
    save_cases(ctx)
    save_sessions(ctx, 2)
    cases = loaded(qtbot, IncidentListModel(ctx), IncidentQuery(today=TODAY), 2)
    sessions = loaded(qtbot, SessionListModel(ctx), SessionQuery(), 2)
    shown = every_text(cases) + every_text(sessions)
    assert "RT007-" in shown  # the texts were really read
    for secret in SECRETS:
        assert secret not in shown
        for word in secret.split():
            if len(word) > 5:
                assert word not in shown, word


# --- paging and queries --------------------------------------------------------------------

def test_fetch_more_appends_the_next_page(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(SessionListModel, "PAGE_SIZE", 5)
    ids = save_sessions(ctx, 12)
    model = loaded(qtbot, SessionListModel(ctx), SessionQuery(), 5)
    assert model.total == 12
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    for expected in (10, 12):
        assert model.canFetchMore()
        model.fetchMore()
        assert not model.canFetchMore()  # one page at a time
        qtbot.waitUntil(lambda expected=expected: model.rowCount() == expected)
    qtbot.waitUntil(lambda: not model.is_loading())
    assert not model.canFetchMore()
    assert inserted == [(5, 9), (10, 11)]
    assert [model.record_id(r) for r in range(12)] == ids  # newest first, each once


def test_the_newest_query_wins(qtbot, ctx) -> None:
    save_sessions(ctx, 6)
    model = SessionListModel(ctx)
    arrivals: list[str] = []
    model.rows_replaced.connect(lambda: arrivals.append("first page"))
    counts: list[int] = []
    model.count_changed.connect(counts.append)
    model.set_query(SessionQuery())                    # 6 rows…
    model.set_query(SessionQuery(text="Balai RT 03"))  # …asked for before the first answer came
    qtbot.waitUntil(lambda: counts == [1] and not model.is_loading())
    ctx.tasks.wait()
    assert arrivals == ["first page"] and counts == [1]  # the older answers were dropped
    assert model.rowCount() == 1
    assert model.data(model.index(0, model.COL_VENUE)) == "Balai RT 03"


def test_sort_asks_sql_for_every_row_not_only_the_loaded_ones(qtbot, ctx, monkeypatch) -> None:
    monkeypatch.setattr(SessionListModel, "PAGE_SIZE", 3)
    save_sessions(ctx, 8)
    model = loaded(qtbot, SessionListModel(ctx), SessionQuery(), 3)
    model.sort(model.COL_ATTENDEES, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: model.query.sort == "attendees" and not model.is_loading())
    # The most attended sessions are the oldest: none of them was loaded before.
    assert [model.data(model.index(r, model.COL_ATTENDEES)) for r in range(3)] == [
        "17", "16", "15"]
    assert model.sort_state() == (model.COL_ATTENDEES, Qt.SortOrder.DescendingOrder)
    model.sort(model.COL_TOPICS, Qt.SortOrder.AscendingOrder)  # does not sort: ignored
    assert model.query.sort == "attendees"
    model.reset_sort()
    qtbot.waitUntil(lambda: model.query.sort == "date" and not model.is_loading())
    assert model.data(model.index(0, model.COL_VENUE)) == "Balai RT 00"


def test_a_row_that_cannot_be_shown_renders_disabled(qtbot, ctx) -> None:
    model = SessionListModel(ctx)
    good = {"id": "a", "session_date": TODAY, "venue": "Balai", "topics": ("peran_ayah",),
            "attendees": 3, "sync_state": "synced"}
    model.set_rows([good, {"id": "b", "sync_state": "pending", "invalid": True},
                    {**good, "id": "c", "session_date": "bukan tanggal"}])
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEnabled
    for row in (1, 2):
        assert model.flags(model.index(row, 0)) == Qt.ItemFlag.NoItemFlags
        assert model.data(model.index(row, 0)) == "Data ini tidak bisa ditampilkan"
        assert model.data(model.index(row, 0), RecordIdRole) == "bc"[row - 1]
        for column in range(model.columnCount()):
            for role in (*ROLES, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole,
                         Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole):
                model.data(model.index(row, column), role)  # never raises
    assert model.data(model.index(0, model.COL_SYNC)) == "Terkirim"


def test_a_failed_load_is_reported_and_stops_paging(qtbot, ctx, monkeypatch) -> None:
    def broken(store: Any, query: Any, *, after: Any, limit: int) -> Any:
        raise OSError("disk")

    monkeypatch.setattr(SessionListModel, "load_page", staticmethod(broken))
    model = SessionListModel(ctx)
    with qtbot.waitSignal(model.load_failed) as failure:
        model.set_query(SessionQuery())
    assert isinstance(failure.args[0], OSError)
    qtbot.waitUntil(lambda: not model.is_loading())
    assert not model.canFetchMore()


def test_labels_switch_language(qtbot, ctx) -> None:
    save_sessions(ctx, 1)
    model = loaded(qtbot, SessionListModel(ctx), SessionQuery(), 1)
    with qtbot.waitSignal(model.headerDataChanged):
        ctx.lang = "en"
        model.retranslate()
    assert model.headerData(model.COL_DATE, Qt.Orientation.Horizontal) == "Date"
    assert model.data(model.index(0, model.COL_TOPICS)) == "The father's role"


# --- sync state ----------------------------------------------------------------------------

@pytest.mark.parametrize(("state", "label"), [
    ("pending", "Belum terkirim"), ("synced", "Terkirim"), ("conflict", "Konflik"),
    ("rejected", "Ditolak"), ("something-new", "Belum terkirim")])
def test_sync_state_words(qapp, state: str, label: str) -> None:
    assert sync_state_label(state) == label


def test_each_sync_state_has_its_own_drawn_icon(qapp) -> None:
    images = []
    for state in SYNC_STATES:
        icon = sync_state_icon(state)
        assert not icon.isNull()
        image = icon.pixmap(32, 32).toImage()
        assert image.width() == 32
        images.append(image)
    assert all(a != b for n, a in enumerate(images) for b in images[n + 1:])
