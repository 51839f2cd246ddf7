"""The legal guardrails, visible where they apply in the Kasus form (rules from guardrails.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from rt_desktop import guardrails
from rt_desktop.contacts import UPTD_PPA_META_KEY
from rt_desktop.problems import CATALOGUE
from rt_desktop.records import Incident, Referral
from rt_desktop.store.keyslots import KdfParams
from tests.ui.form_helpers import choose, show_form, tick
from ui.context import AppContext
from ui.forms.incident_form import IncidentForm

FAST = KdfParams(n=2**10)
WHY = guardrails.explain_sexual_violence_rule("id")







def open_form(qtbot, ctx: AppContext, record_id: str | None = None) -> IncidentForm:
    return show_form(qtbot, IncidentForm, ctx, record_id)


def fill_case(qtbot, form: IncidentForm, *, age: int, risk: tuple[str, str]) -> None:
    f = form.fields
    choose(qtbot, f["report_source"].editor, "Keluarga", "keluarga")
    choose(qtbot, f["report_channel"].editor, "Langsung", "langsung")
    qtbot.keyClicks(f["victim_name"].editor, "Inisial M")
    choose(qtbot, f["victim_sex"].editor, "Perempuan", "perempuan")
    f["victim_age"].editor.setFocus()
    qtbot.keyClicks(f["victim_age"].editor, str(age))
    tick(qtbot, f["violence_types"].boxes["fisik"])
    choose(qtbot, f["place"].editor, "Rumah", "rumah_tangga")
    choose(qtbot, f["risk_level"].editor, *risk)


def item_enabled(combo: QComboBox, code: str) -> bool:
    return combo.model().item(combo.findData(code)).isEnabled()


@pytest.mark.parametrize("mark", ["seksual", "pencabulan", "exploitation_sexual"])
def test_sexual_violence_disables_settling_at_the_rt_and_says_why(qtbot, ctx, mark) -> None:
    form = open_form(qtbot, ctx)
    f = form.fields
    mediation = f["rt_handling"].boxes["mediasi"]
    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    service = form.referrals.editors[0].fields["uptd_service"].editor
    choose(qtbot, form.referrals.editors[0].fields["destination"].editor, "UPTD", "uptd_ppa")
    assert mediation.isEnabled() and item_enabled(service, "mediasi")
    assert not form.sexual_notice.isVisible()

    if mark == "seksual":
        tick(qtbot, f["violence_types"].boxes["seksual"])
    elif mark == "pencabulan":
        tick(qtbot, f["sexual_violence_forms"].boxes["pencabulan"])
    else:
        tick(qtbot, f["exploitation_sexual"].editor)

    assert not mediation.isEnabled()
    assert mediation.toolTip() == WHY
    assert not item_enabled(f["status"].editor, "ditangani_rt")
    f["status"].set_value("selesai")  # closing reasons become choosable only for a closed case
    for reason in ("mediasi_rt", "pendampingan_rt"):
        assert not item_enabled(f["closing_reason"].editor, reason)
    assert item_enabled(f["closing_reason"].editor, "rujukan_selesai")
    assert not item_enabled(service, "mediasi")
    assert item_enabled(service, "pendampingan_klien")
    assert form.sexual_notice.isVisible()
    assert form.sexual_notice.text() == WHY  # one sentence, the guardrail's own
    assert form.boxes["rujukan"].title() == "Rujukan — wajib untuk kasus ini"
    # The disabled choice cannot be picked from the keyboard either.
    f["status"].set_value("baru")
    f["status"].editor.setFocus()
    qtbot.keyClicks(f["status"].editor, "Ditangani")
    assert f["status"].value() != "ditangani_rt"


def test_mediation_ticked_before_sexual_violence_is_flagged_not_hidden(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    f = form.fields
    tick(qtbot, f["rt_handling"].boxes["mediasi"])
    tick(qtbot, f["violence_types"].boxes["seksual"])
    # Still enabled so it can be unticked, and the rule is said next to it.
    assert f["rt_handling"].boxes["mediasi"].isEnabled()
    assert f["rt_handling"].messages() == [CATALOGUE["sexual_violence_mediation"][0]]
    tick(qtbot, f["rt_handling"].boxes["mediasi"])
    assert f["rt_handling"].messages() == []
    assert not f["rt_handling"].boxes["mediasi"].isEnabled()


@pytest.mark.parametrize("risk", [("Tinggi", "tinggi"), ("Darurat", "darurat")])
def test_high_risk_shows_sapa_129_at_once_and_needs_a_referral(qtbot, ctx, risk) -> None:
    form = open_form(qtbot, ctx)
    fill_case(qtbot, form, age=30, risk=("Sedang", "sedang"))
    assert not form.banner.isVisible()
    assert form.referrals.required_message.text() == ""

    choose(qtbot, form.fields["risk_level"].editor, *risk)

    assert form.banner.isVisible()  # at once: no save, no wait
    text = form.banner.text()
    assert "hubungi layanan ini sekarang, lalu catat rujukannya" in text  # the volunteer acts
    assert "SAPA 129" in text and "telepon 129" in text and "08111-129-129" in text
    assert "UPTD PPA Kota Balikpapan" in text
    assert form.boxes["rujukan"].title() == "Rujukan — wajib untuk kasus ini"
    high_risk = CATALOGUE["high_risk_needs_referral"][0]
    assert form.referrals.required_message.text() == high_risk

    choose(qtbot, form.fields["status"].editor, "Ditangani", "ditangani_rt")
    with qtbot.assertNotEmitted(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.referrals.required_message.isVisible()
    assert form.referrals.required_message.text() == high_risk
    ctx.tasks.wait()
    assert ctx.unlocked.store.count(Incident) == 0

    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    referral = form.referrals.editors[0]
    choose(qtbot, referral.fields["destination"].editor, "Unit", "unit_ppa_polres")
    tick(qtbot, referral.fields["consent_by"].boxes["korban"])
    assert form.referrals.required_message.text() == ""
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)


def test_uptd_ppa_number_from_the_server_is_shown(qtbot, ctx) -> None:
    ctx.unlocked.store.set_meta(UPTD_PPA_META_KEY, "0542-8800-129")
    form = open_form(qtbot, ctx)
    choose(qtbot, form.fields["risk_level"].editor, "Darurat", "darurat")
    qtbot.waitUntil(lambda: "0542-8800-129" in form.banner.text())
    assert "SAPA 129" in form.banner.text()


def test_a_referral_without_consent_asks_who_agreed_or_why(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    fill_case(qtbot, form, age=30, risk=("Rendah", "rendah"))
    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    referral = form.referrals.editors[0]
    choose(qtbot, referral.fields["destination"].editor, "Puskesmas", "puskesmas")
    with qtbot.assertNotEmitted(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    consent = referral.fields["consent_by"]
    assert consent.messages() == [CATALOGUE["consent_missing"][0]]
    assert consent.message.isVisible()
    assert referral.isAncestorOf(QApplication.focusWidget())  # the question gets the cursor
    ctx.tasks.wait()
    assert ctx.unlocked.store.count(Referral) == 0

    qtbot.keyClicks(referral.fields["consent_override_reason"].editor,
                    "Korban tidak sadar; dirujuk untuk perawatan segera")
    assert consent.messages() == []
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    ctx.tasks.wait()
    (stored,) = ctx.unlocked.store.list_records(Referral)
    assert stored.consent_by == () and stored.consent_override_reason.startswith("Korban")


def test_a_child_alone_cannot_consent_to_a_referral(qtbot, ctx) -> None:
    form = open_form(qtbot, ctx)
    fill_case(qtbot, form, age=12, risk=("Sedang", "sedang"))
    assert form.fields["victim_category"].value() == "anak"
    qtbot.mouseClick(form.referrals.add_button, Qt.MouseButton.LeftButton)
    referral = form.referrals.editors[0]
    choose(qtbot, referral.fields["destination"].editor, "Dinas", "dinas_sosial")
    tick(qtbot, referral.fields["consent_by"].boxes["korban"])
    with qtbot.assertNotEmitted(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert referral.fields["consent_by"].messages() == [
        CATALOGUE["consent_child_needs_guardian"][0]]
    tick(qtbot, referral.fields["consent_by"].boxes["wali"])
    assert referral.fields["consent_by"].messages() == []
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
