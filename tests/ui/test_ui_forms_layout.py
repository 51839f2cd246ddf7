"""Both forms survive strings 40 % longer (the stretched pseudo-locale "xx") in the page area of
the RT post's 1366×768 laptop, with every banner, notice and message of the Kasus form shown."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QWidget

from rt_desktop import access
from rt_desktop.store.keyslots import KdfParams
from tests.ui.layout_check import clipped, settle
from ui.context import AppContext
from ui.forms.incident_form import IncidentForm
from ui.forms.session_form import SessionForm
from ui.i18n import Translations

FAST = KdfParams(n=2**10)
PAGE = QSize(1366 - 220, 768 - 90)  # the main window's page area, beside the navigation


@pytest.fixture
def ctx(tmp_path: Path, qapp) -> Iterator[AppContext]:
    translations = Translations(qapp)
    translations.apply("xx")
    unlocked, _ = access.initialise(tmp_path, kelurahan_code="64.71.03.1004", rt="7",
                                    name="Sari", password="sandi-uji-12", kdf=FAST)
    context = AppContext(tmp_path, lang="xx")
    context.unlocked = unlocked
    yield context
    context.tasks.wait()
    unlocked.store.close()
    translations.reset()


def show(qtbot, form: QWidget) -> None:
    qtbot.addWidget(form)
    form.resize(PAGE)
    form.show()
    qtbot.waitUntil(lambda: not form.is_loading)


def test_the_session_form_survives_longer_strings(qtbot, ctx) -> None:
    form = SessionForm(ctx)
    show(qtbot, form)
    assert form.save_button.text() != "Simpan"  # the pseudo-locale is on
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)  # every message shows
    settle()
    assert form.fields["venue"].messages()
    assert clipped(form) == []


def test_the_incident_form_survives_longer_strings(qtbot, ctx) -> None:
    form = IncidentForm(ctx)
    show(qtbot, form)
    f = form.fields
    f["risk_level"].set_value("darurat")
    check = f["violence_types"].boxes["seksual"]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(8, check.height() // 2))
    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    settle()
    assert form.banner.isVisible() and form.sexual_notice.isVisible()
    assert form.referrals.editors[0].fields["destination"].messages()
    assert clipped(form) == []
