"""The legal guardrails (DESIGN.md §3): sexual violence is never settled at RT level, high risk
is referred, a referral has consent. Checked directly and through validate_record."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from rt_desktop import guardrails
from rt_desktop.guardrails import (
    check_incident,
    check_referral,
    explain_sexual_violence_rule,
    forbidden_closing_reasons,
    forbidden_rt_handling,
    forbidden_statuses,
    forbidden_uptd_services,
    is_sexual_violence,
    requires_referral,
)
from rt_desktop.problems import CATALOGUE
from rt_desktop.records import Incident, Referral
from rt_desktop.validation import ValidationContext, validate_record

INCIDENT_ID = "019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c71"
OTHER_INCIDENT_ID = "019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c99"
CTX = ValidationContext(today=dt.date(2026, 5, 10))


def incident(**changes: Any) -> Incident:
    base = Incident(
        id=INCIDENT_ID, kelurahan_code="64.71.03.1004", rt="012",
        case_code="RT012-2026-ABCD-0003", reported_on=dt.date(2026, 5, 2),
        occurred_precision="tidak_diketahui", report_source="keluarga",
        report_channel="telepon_wa", victim_name="A.", victim_sex="perempuan",
        victim_age_group="13_17", victim_category="anak", violence_types=("fisik",),
        place="rumah_tangga", risk_level="rendah", status="baru")
    return dataclasses.replace(base, **changes)


def referral(**changes: Any) -> Referral:
    base = Referral(id="019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c74", kelurahan_code="64.71.03.1004",
                    rt="012", incident_id=INCIDENT_ID, destination="uptd_ppa",
                    uptd_service="pengelolaan_kasus", referred_on=dt.date(2026, 5, 3),
                    consent_by=("orang_tua",), status="dikirim")
    return dataclasses.replace(base, **changes)


# Every way an incident can be sexual violence (UU 12/2022 Pasal 4, and DESIGN.md §3).
SEXUAL_FORMS = {
    "seksual ticked": {"violence_types": ("fisik", "seksual")},
    "a form of it": {"violence_types": ("seksual",),
                     "sexual_violence_forms": ("pelecehan_nonfisik",)},
    "exploitation for sexual purposes": {"violence_types": ("eksploitasi",),
                                         "exploitation_sexual": True},
    "trafficking for sexual purposes": {"violence_types": ("tppo",),
                                        "trafficking_sexual": True},
    # A forgotten tick must not open the way to mediation (validation asks for the tick).
    "a form without the tick": {"sexual_violence_forms": ("kbge",)},
    "sexual exploitation without the tick": {"exploitation_sexual": True},
}
NOT_SEXUAL = {
    "physical": {"violence_types": ("fisik",)},
    "exploitation, not sexual": {"violence_types": ("eksploitasi",)},
    "trafficking, not sexual": {"violence_types": ("tppo",)},
    "neglect and psychological": {"violence_types": ("penelantaran", "psikis")},
}


@pytest.mark.parametrize("changes", SEXUAL_FORMS.values(), ids=SEXUAL_FORMS)
def test_sexual_violence_in_any_form_is_recognised(changes: dict) -> None:
    case = incident(**changes)
    assert is_sexual_violence(case) and requires_referral(case)
    assert forbidden_closing_reasons(case) == {"mediasi_rt", "pendampingan_rt"}
    assert forbidden_rt_handling(case) == {"mediasi"}
    assert forbidden_statuses(case) == {"ditangani_rt"}
    assert forbidden_uptd_services(case) == {"mediasi"}


@pytest.mark.parametrize("changes", NOT_SEXUAL.values(), ids=NOT_SEXUAL)
def test_other_violence_may_be_handled_at_the_rt(changes: dict) -> None:
    case = incident(**changes)
    assert not is_sexual_violence(case) and not requires_referral(case)
    assert not (forbidden_closing_reasons(case) or forbidden_rt_handling(case)
                or forbidden_statuses(case) or forbidden_uptd_services(case))
    settled = dataclasses.replace(case, rt_handling=("mediasi",), status="selesai",
                                  closing_reason="mediasi_rt")
    assert check_incident(settled, []) == []


# (changes on a sexual-violence case, referrals, field, code)
SEXUAL_REFUSALS = [
    ({"rt_handling": ("kunjungan_rumah", "mediasi")}, [], "rt_handling",
     "sexual_violence_mediation"),
    ({"status": "selesai", "closing_reason": "mediasi_rt"}, [referral(status="selesai")],
     "closing_reason", "sexual_violence_mediation"),
    ({"status": "selesai", "closing_reason": "pendampingan_rt"}, [referral(status="selesai")],
     "closing_reason", "sexual_violence_rt_closing"),
    ({"status": "ditangani_rt"}, [referral()], "status", "sexual_violence_rt_status"),
    ({"status": "dirujuk"}, [], "referral", "sexual_violence_needs_referral"),
    ({"status": "selesai", "closing_reason": "rujukan_selesai"}, [], "referral",
     "sexual_violence_needs_referral"),
]


@pytest.mark.parametrize("form", SEXUAL_FORMS.values(), ids=SEXUAL_FORMS)
@pytest.mark.parametrize(("changes", "referrals", "field", "code"), SEXUAL_REFUSALS,
                         ids=[f"{c[2]}-{c[3]}" for c in SEXUAL_REFUSALS])
def test_sexual_violence_is_never_settled_at_the_rt(form: dict, changes: dict, referrals: list,
                                                    field: str, code: str) -> None:
    problems = check_incident(incident(**form, **changes), referrals)
    assert (field, code) in {(p.field, p.code) for p in problems}
    message = next(p for p in problems if p.code == code).message()
    assert "UU 12/2022 tentang TPKS Pasal 4 dan 23" in message


@pytest.mark.parametrize("form", SEXUAL_FORMS.values(), ids=SEXUAL_FORMS)
def test_a_referred_sexual_violence_case_passes(form: dict) -> None:
    referred = incident(**form, status="dirujuk", rt_handling=("pendampingan",))
    assert check_incident(referred, [referral()]) == []
    closed = dataclasses.replace(referred, status="selesai", closing_reason="rujukan_selesai")
    assert check_incident(closed, [referral(status="selesai")]) == []
    assert check_incident(incident(**form), []) == [], "a new report may wait for its referral"


@pytest.mark.parametrize(("changes", "counts"), [
    ({}, True),
    ({"status": "diterima"}, True),
    ({"status": "selesai"}, True),
    ({"incident_id": None}, True),          # being saved together with a new case
    ({"status": "ditolak"}, False),         # declined: the case still needs somewhere to go
    ({"deleted": True}, False),
    ({"incident_id": OTHER_INCIDENT_ID}, False),
], ids=["sent", "accepted", "completed", "new", "declined", "deleted", "other case"])
def test_which_referrals_count(changes: dict, counts: bool) -> None:
    case = incident(violence_types=("seksual",), status="dirujuk")
    problems = check_incident(case, [referral(**changes)])
    assert (problems == []) is counts
    assert bool(guardrails.active_referrals(case, [referral(**changes)])) is counts


@pytest.mark.parametrize("risk", ["tinggi", "darurat"])
@pytest.mark.parametrize("status", ["ditangani_rt", "dirujuk", "selesai"])
def test_high_risk_needs_a_referral_once_past_new(risk: str, status: str) -> None:
    closing = "pendampingan_rt" if status == "selesai" else None
    case = incident(risk_level=risk, status=status, closing_reason=closing)
    assert requires_referral(case)
    assert [(p.field, p.code) for p in check_incident(case, [])] == [
        ("referral", "high_risk_needs_referral")]
    assert check_incident(case, [referral()]) == []
    assert check_incident(dataclasses.replace(case, status="baru", closing_reason=None), []) == []


def test_a_deleted_case_has_no_guardrail_problems() -> None:
    assert check_incident(incident(violence_types=("seksual",), status="dirujuk",
                                   deleted=True), []) == []


@pytest.mark.parametrize(("changes", "case", "expected"), [
    ({}, None, []),
    ({"consent_by": ()}, None, [("consent_by", "consent_missing")]),
    ({"consent_by": (), "consent_override_reason": "Anak dalam bahaya, orang tua terlapor."},
     None, []),
    ({"consent_by": ("korban",)}, incident(),
     [("consent_by", "consent_child_needs_guardian")]),
    ({"consent_by": ("korban", "wali")}, incident(), []),
    ({"consent_by": ("korban",)}, incident(victim_category="perempuan_dewasa",
                                          victim_age_group="25_44"), []),
    ({"consent_by": ("korban",), "consent_override_reason": "Ayah korban adalah terlapor."},
     incident(), []),
    ({"uptd_service": None}, None, [("uptd_service", "uptd_service_required")]),
    ({"destination": "unit_ppa_polres"}, None, [("uptd_service", "uptd_service_only_uptd")]),
    ({"destination": "unit_ppa_polres", "uptd_service": None}, None, []),
    ({"uptd_service": "mediasi"}, incident(), []),
    ({"uptd_service": "mediasi"}, None, []),
    ({"uptd_service": "mediasi"}, incident(violence_types=("seksual",)),
     [("uptd_service", "sexual_violence_uptd_mediation")]),
    ({"uptd_service": "mediasi"}, incident(trafficking_sexual=True, violence_types=("tppo",)),
     [("uptd_service", "sexual_violence_uptd_mediation")]),
    ({"consent_by": (), "deleted": True}, None, []),
], ids=["fine", "no consent", "override reason", "child alone", "child and guardian",
        "adult alone", "child, override", "no uptd service", "service elsewhere",
        "police", "mediation, physical", "mediation, case unknown", "mediation, sexual",
        "mediation, trafficking", "deleted"])
def test_referral_rules(changes: dict, case: Incident | None, expected: list) -> None:
    assert [(p.field, p.code) for p in check_referral(referral(**changes), case)] == expected


def test_validate_record_applies_the_guardrails_with_its_context() -> None:
    case = incident(violence_types=("seksual",), status="dirujuk")
    assert validate_record(case, CTX).codes() == {("referral", "sexual_violence_needs_referral")}
    with_referral = dataclasses.replace(CTX, referrals=(referral(),))
    assert validate_record(case, with_referral).ok
    declined = dataclasses.replace(CTX, referrals=(referral(status="ditolak"),))
    assert not validate_record(case, declined).ok

    mediation = referral(uptd_service="mediasi")
    assert validate_record(mediation, CTX).ok, "without its case the referral is judged alone"
    assert validate_record(mediation, dataclasses.replace(CTX, incident=case)).codes() == {
        ("uptd_service", "sexual_violence_uptd_mediation")}


def test_the_rule_is_explained_in_one_sentence_with_its_basis() -> None:
    text_id, text_en = explain_sexual_violence_rule(), explain_sexual_violence_rule("en")
    assert text_id == ("Kekerasan seksual tidak boleh diselesaikan dengan mediasi di RT dan wajib "
                       "dirujuk (UU 12/2022 tentang TPKS Pasal 4 dan 23).")
    assert "Law 12/2022" in text_en and "mediation" in text_en
    for text in (text_id, text_en):
        assert text.endswith(".") and text.count(".") == 1, "one sentence"


@pytest.mark.parametrize("code", [c for c in CATALOGUE if c.startswith("sexual_violence")])
def test_every_sexual_violence_message_names_the_law(code: str) -> None:
    text_id, text_en = CATALOGUE[code]
    assert "(UU 12/2022 tentang TPKS Pasal 4 dan 23)" in text_id
    assert "(Law 12/2022 on Sexual Violence Crimes, Articles 4 and 23)" in text_en


def test_the_consent_message_names_the_data_protection_law() -> None:
    assert "UU 27/2022" in CATALOGUE["consent_missing"][0]
