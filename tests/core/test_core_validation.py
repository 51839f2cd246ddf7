"""Validation: what a volunteer is told when a form is wrong, in Bahasa Indonesia and English."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest

from rt_desktop.problems import CATALOGUE, Problem, Text, ValidationResult, placeholders
from rt_desktop.records import FollowUp, Incident, ParentingSession, Record, Referral
from rt_desktop.validation import ValidationContext, today_wita, validate_record

TODAY = dt.date(2026, 5, 10)
SUNGAINANGKA = "64.71.05.1010"
INCIDENT_ID = "019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c71"
CTX = ValidationContext(today=TODAY, configured_rts={SUNGAINANGKA: frozenset({"007", "008"})})


def session(**changes: Any) -> ParentingSession:
    base = ParentingSession(
        id="019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c72", kelurahan_code=SUNGAINANGKA, rt="007",
        session_date=dt.date(2026, 5, 3), start_time=dt.time(19, 30), end_time=dt.time(21, 0),
        venue="Balai RT 07", topics=("pengasuhan_positif",), fathers=6, mothers=11,
        teens_female=3, elements_present=("pengurus_rt", "ppatbm"))
    return dataclasses.replace(base, **changes)


def incident(**changes: Any) -> Incident:
    base = Incident(
        id=INCIDENT_ID, kelurahan_code=SUNGAINANGKA, rt="007", case_code="RT007-2026-K7QF-0012",
        reported_on=dt.date(2026, 5, 2), occurred_on=dt.date(2026, 4, 30),
        occurred_precision="hari", report_source="tetangga", report_channel="langsung",
        victim_name="Melati (samaran)", victim_sex="perempuan", victim_age=9,
        victim_age_group="6_12", victim_category="anak", violence_types=("psikis",),
        place="rumah_tangga", risk_level="sedang", status="baru")
    return dataclasses.replace(base, **changes)


def follow_up(**changes: Any) -> FollowUp:
    base = FollowUp(id="019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c73", kelurahan_code=SUNGAINANGKA,
                    rt="007", incident_id=INCIDENT_ID, noted_on=dt.date(2026, 5, 4),
                    author="Bu Sari", note="Kunjungan rumah, anak sudah bersekolah lagi.",
                    next_follow_up_on=dt.date(2026, 5, 18))
    return dataclasses.replace(base, **changes)


def referral(**changes: Any) -> Referral:
    base = Referral(id="019a7f3c-2b1d-7c4e-9a10-5f2e8d3b6c74", kelurahan_code=SUNGAINANGKA,
                    rt="007", incident_id=INCIDENT_ID, destination="uptd_ppa",
                    uptd_service="pendampingan_klien", referred_on=dt.date(2026, 5, 5),
                    consent_by=("orang_tua",), status="dikirim")
    return dataclasses.replace(base, **changes)


BUILDERS = {"session": session, "incident": incident, "follow_up": follow_up,
            "referral": referral}
SEXUAL = {"violence_types": ("seksual",), "sexual_violence_forms": ("pencabulan",)}
TOMORROW = TODAY + dt.timedelta(days=1)

# (record, changes, context changes, field, code): each line one mistake a volunteer can make.
BAD = [
    # required fields, from FieldSpec.required
    ("session", {"venue": ""}, {}, "venue", "required"),
    ("session", {"venue": "   "}, {}, "venue", "required"),
    ("session", {"topics": ()}, {}, "topics", "required"),
    ("session", {"session_date": None}, {}, "session_date", "required"),
    ("incident", {"victim_name": None}, {}, "victim_name", "required"),
    ("incident", {"risk_level": None}, {}, "risk_level", "required"),
    ("incident", {"case_code": None}, {}, "case_code", "required"),
    ("follow_up", {"note": ""}, {}, "note", "required"),
    ("referral", {"destination": None, "uptd_service": None}, {}, "destination", "required"),
    ("session", {"rt": ""}, {}, "rt", "required"),
    ("session", {"kelurahan_code": ""}, {}, "kelurahan_code", "required"),
    # unknown codes
    ("session", {"topics": ("pengasuhan_positif", "dongeng")}, {}, "topics", "unknown_choice"),
    ("incident", {"occurred_precision": "kira_kira"}, {}, "occurred_precision",
     "unknown_choice"),
    ("incident", {"risk_level": "Tinggi"}, {}, "risk_level", "unknown_choice"),
    ("referral", {"destination": "rumah_sakit", "uptd_service": None}, {}, "destination",
     "unknown_choice"),
    # values of the wrong kind (a damaged draft or a bad push)
    ("session", {"fathers": "12"}, {}, "fathers", "not_a_number"),
    ("session", {"fathers": True}, {}, "fathers", "not_a_number"),
    ("session", {"session_date": "2026-05-03"}, {}, "session_date", "bad_date"),
    ("session", {"session_date": dt.datetime(2026, 5, 3, 19)}, {}, "session_date", "bad_date"),
    ("session", {"start_time": "19:30"}, {}, "start_time", "bad_time"),
    ("incident", {"victim_disability": 1}, {}, "victim_disability", "bad_value"),
    ("referral", {"consent_by": "orang_tua"}, {}, "consent_by", "bad_value"),
    # too long
    ("session", {"venue": "x" * 201}, {}, "venue", "too_long"),
    ("incident", {"chronology": "x" * 10_001}, {}, "chronology", "too_long"),
    # dates
    ("session", {"session_date": TOMORROW}, {}, "session_date", "future_date"),
    ("incident", {"reported_on": TOMORROW}, {}, "reported_on", "future_date"),
    ("incident", {"occurred_on": TOMORROW}, {}, "occurred_on", "future_date"),
    ("incident", {"occurred_on": dt.date(2026, 5, 3)}, {}, "occurred_on", "after_date"),
    ("incident", {"occurred_on": None}, {}, "occurred_on", "date_needed_for_precision"),
    ("incident", {"occurred_on": None, "occurred_precision": "bulan"}, {}, "occurred_on",
     "date_needed_for_precision"),
    ("follow_up", {"noted_on": TOMORROW, "next_follow_up_on": None}, {}, "noted_on",
     "future_date"),
    ("follow_up", {"next_follow_up_on": dt.date(2026, 5, 1)}, {}, "next_follow_up_on",
     "before_date"),
    ("referral", {"referred_on": TOMORROW}, {}, "referred_on", "future_date"),
    ("referral", {"status_updated_on": dt.date(2026, 5, 4)}, {}, "status_updated_on",
     "before_date"),
    # times
    ("session", {"end_time": dt.time(19, 0)}, {}, "end_time", "end_before_start"),
    ("session", {"end_time": dt.time(19, 30)}, {}, "end_time", "end_before_start"),
    # counts and ages
    ("session", {"fathers": -1}, {}, "fathers", "negative"),
    ("session", {"mothers": 501}, {}, "mothers", "too_many_attendees"),
    ("session", {"fathers": 400, "mothers": 400, "teens_male": 300}, {}, "", "total_too_large"),
    ("incident", {"victim_age": -1}, {}, "victim_age", "negative"),
    ("incident", {"victim_age": 121, "victim_age_group": "60_plus",
                  "victim_category": "perempuan_dewasa"}, {}, "victim_age", "too_large"),
    ("incident", {"perpetrator_age_estimate": 2}, {}, "perpetrator_age_estimate", "too_small"),
    ("incident", {"perpetrator_age_estimate": 130}, {}, "perpetrator_age_estimate",
     "too_large"),
    ("incident", {"victim_age": 15}, {}, "victim_age_group", "age_group_mismatch"),
    ("incident", {"victim_age": 25, "victim_age_group": "25_44"}, {}, "victim_category",
     "victim_not_child"),
    ("incident", {"victim_age": None, "victim_age_group": "13_17",
                  "victim_category": "perempuan_dewasa"}, {}, "victim_category",
     "victim_is_child"),
    ("incident", {"victim_age": 30, "victim_age_group": "25_44",
                  "victim_category": "perempuan_dewasa", "victim_sex": "laki_laki"}, {},
     "victim_sex", "adult_victim_female"),
    # "lainnya" needs words; details need their tick
    ("session", {"topics": ("lainnya",)}, {}, "topic_other", "other_needs_text"),
    ("incident", {"violence_types": ("fisik", "lainnya")}, {}, "violence_other",
     "other_needs_text"),
    ("incident", {"sexual_violence_forms": ("kbge",)}, {}, "violence_types", "tick_choice"),
    ("incident", {"exploitation_sexual": True}, {}, "violence_types", "tick_choice"),
    ("incident", {"trafficking_sexual": True}, {}, "violence_types", "tick_choice"),
    # closing
    ("incident", {"status": "selesai"}, {}, "closing_reason", "closing_reason_required"),
    ("incident", {"closing_reason": "korban_pindah"}, {}, "closing_reason",
     "closing_reason_not_closed"),
    # envelope
    ("session", {"id": "sesi-1"}, {}, "id", "bad_id"),
    ("session", {"id": INCIDENT_ID.upper()}, {}, "id", "bad_id"),
    ("session", {"id": "{" + INCIDENT_ID + "}"}, {}, "id", "bad_id"),
    ("session", {"id": INCIDENT_ID.replace("-", "")}, {}, "id", "bad_id"),
    ("session", {"id": INCIDENT_ID + "\n"}, {}, "id", "bad_id"),
    ("follow_up", {"incident_id": "kasus-12"}, {}, "incident_id", "bad_id"),
    ("session", {"rt": "7"}, {}, "rt", "rt_format"),
    ("session", {"rt": "000"}, {}, "rt", "rt_format"),
    ("session", {"rt": "0007"}, {}, "rt", "rt_format"),
    ("session", {"rt": "٠٠٧"}, {}, "rt", "rt_format"),
    ("session", {"rt": 7}, {}, "rt", "rt_format"),
    ("session", {"rt": "009"}, {}, "rt", "rt_not_configured"),
    ("session", {"kelurahan_code": "64.71.05.1001"}, {}, "kelurahan_code", "unknown_kelurahan"),
    ("session", {"kelurahan_code": "Sungainangka"}, {}, "kelurahan_code", "unknown_kelurahan"),
    ("incident", {"case_code": "RT7-2026-12"}, {}, "case_code", "bad_case_code"),
    ("incident", {"case_code": "RT008-2026-K7QF-0001"}, {}, "case_code", "case_code_other_rt"),
    # guardrails, reached through validate_record
    ("incident", {**SEXUAL, "rt_handling": ("mediasi",)}, {}, "rt_handling",
     "sexual_violence_mediation"),
    ("incident", {**SEXUAL, "status": "selesai", "closing_reason": "pendampingan_rt"},
     {"referrals": (referral(status="selesai"),)}, "closing_reason",
     "sexual_violence_rt_closing"),
    ("incident", {**SEXUAL, "status": "ditangani_rt"}, {}, "status",
     "sexual_violence_rt_status"),
    ("incident", {**SEXUAL, "status": "dirujuk"}, {}, "referral",
     "sexual_violence_needs_referral"),
    ("incident", {"risk_level": "darurat", "status": "ditangani_rt"}, {}, "referral",
     "high_risk_needs_referral"),
    ("incident", {"status": "dirujuk"}, {}, "referral", "referred_without_referral"),
    ("referral", {"consent_by": ()}, {}, "consent_by", "consent_missing"),
    ("referral", {"consent_by": (), "consent_override_reason": "  "}, {}, "consent_by",
     "consent_missing"),
    ("referral", {"consent_by": ("korban",)}, {"incident": incident()}, "consent_by",
     "consent_child_needs_guardian"),
    ("referral", {"uptd_service": None}, {}, "uptd_service", "uptd_service_required"),
    ("referral", {"destination": "puskesmas"}, {}, "uptd_service", "uptd_service_only_uptd"),
    ("referral", {"uptd_service": "mediasi"}, {"incident": incident(**SEXUAL)}, "uptd_service",
     "sexual_violence_uptd_mediation"),
]


def _case_id(case: tuple) -> str:
    return f"{case[0]}-{case[3] or 'record'}-{case[4]}"


def _validate(kind: str, changes: dict, ctx_changes: dict) -> ValidationResult:
    return validate_record(BUILDERS[kind](**changes), dataclasses.replace(CTX, **ctx_changes))


@pytest.mark.parametrize("kind", BUILDERS)
def test_a_well_filled_form_has_no_problems(kind: str) -> None:
    result = validate_record(BUILDERS[kind](), CTX)
    assert result.ok, result.messages()
    assert result.messages() == {}


@pytest.mark.parametrize(("kind", "changes", "ctx_changes", "field", "code"), BAD,
                         ids=[_case_id(c) for c in BAD])
def test_each_mistake_is_reported_on_its_field(kind: str, changes: dict, ctx_changes: dict,
                                               field: str, code: str) -> None:
    result = _validate(kind, changes, ctx_changes)
    assert not result.ok
    assert code in {p.code for p in result.for_field(field)}, result.messages("en")
    assert result.messages()[field], "the field has a message to show"


@pytest.mark.parametrize(("kind", "changes", "ctx_changes", "field", "code"), BAD,
                         ids=[_case_id(c) for c in BAD])
def test_every_message_reads_as_a_plain_sentence(kind: str, changes: dict, ctx_changes: dict,
                                                 field: str, code: str) -> None:
    for problem in _validate(kind, changes, ctx_changes).problems:
        for lang in ("id", "en"):
            text = problem.message(lang)
            assert text[0].isupper() or text[0] == "“", text
            assert text.endswith("."), text
            assert "{" not in text and "}" not in text, text
            # No developer words, no code names leaking into what a volunteer reads.
            assert not re.search(r"\b(None|null|True|False|uuid|UUID|int|str|enum|regex)\b",
                                 text), text
            # (Only the value that was given, shown in quotes, may look like a code.)
            assert "_" not in re.sub(r"“[^”]*”", "", text), text


def test_messages_say_which_field_in_the_volunteers_words() -> None:
    result = validate_record(incident(victim_name="", reported_on=TOMORROW), CTX)
    assert result.messages()["victim_name"] == ["Nama / inisial korban wajib diisi."]
    assert result.messages("en")["victim_name"] == ["Victim's name / initials is required."]
    assert result.messages()["reported_on"] == ["Tanggal lapor tidak boleh setelah hari ini."]


def test_a_form_can_be_saved_on_the_day_itself_and_follow_up_planned_ahead() -> None:
    assert validate_record(session(session_date=TODAY), CTX).ok
    assert validate_record(follow_up(noted_on=TODAY,
                                     next_follow_up_on=TODAY + dt.timedelta(days=14)), CTX).ok
    assert validate_record(follow_up(next_follow_up_on=dt.date(2026, 5, 4)), CTX).ok


@pytest.mark.parametrize(("kind", "changes"), [
    ("incident", {"occurred_on": None, "occurred_precision": "tidak_diketahui"}),
    ("incident", {"victim_age": None, "victim_age_group": "45_59",
                  "victim_category": "perempuan_dewasa"}),
    ("incident", {"victim_age": 17, "victim_age_group": "13_17"}),
    ("incident", {"victim_age": 0, "victim_age_group": "0_5"}),
    ("incident", {"violence_types": ("lainnya",), "violence_other": "Perundungan di sekolah"}),
    ("incident", {"violence_types": ("eksploitasi",), "exploitation_sexual": False}),
    ("incident", {"status": "selesai", "closing_reason": "pendampingan_rt"}),
    ("incident", {"status": "ditangani_rt", "rt_handling": ("mediasi",)}),
    ("session", {"topics": ("lainnya",), "topic_other": "Gizi anak"}),
    ("session", {"fathers": 500, "mothers": 500, "teens_female": 0}),
    ("session", {"start_time": None}),
    ("session", {"rt": "008"}),
    ("referral", {"consent_by": (), "consent_override_reason": "Anak dalam bahaya malam ini."}),
    ("referral", {"destination": "puskesmas", "uptd_service": None}),
    ("referral", {"uptd_service": "mediasi"}),
], ids=lambda v: v if isinstance(v, str) else "-".join(v))
def test_good_values_near_the_rules_are_accepted(kind: str, changes: dict) -> None:
    result = validate_record(BUILDERS[kind](**changes), CTX)
    assert result.ok, result.messages("en")


@pytest.mark.parametrize("configured", [None, {}, {"64.71.01.1001": frozenset({"001"})},
                                        {SUNGAINANGKA: frozenset()}])
def test_any_rt_is_fine_where_none_are_configured(configured: dict | None) -> None:
    ctx = dataclasses.replace(CTX, configured_rts=configured)
    assert validate_record(session(rt="123"), ctx).ok


def test_a_new_record_gets_its_id_and_case_code_from_the_store() -> None:
    new = incident(id="", kelurahan_code="", rt="", case_code=None)
    assert validate_record(new, CTX).ok


def test_a_deleted_record_is_checked_for_its_envelope_only() -> None:
    assert validate_record(incident(deleted=True, victim_name="", status="dirujuk"), CTX).ok
    assert not validate_record(incident(deleted=True, id="x"), CTX).ok


def test_one_slip_in_attendance_gives_one_message() -> None:
    result = validate_record(session(fathers=900, mothers=200), CTX)
    assert result.codes() == {("fathers", "too_many_attendees")}


def test_the_not_configured_message_names_rt_and_kelurahan() -> None:
    (problem,) = validate_record(session(rt="009"), CTX).problems
    assert problem.message() == ("RT 009 belum terdaftar untuk Kelurahan Sungainangka. "
                                 "Minta admin menambahkannya di pengaturan.")


def test_validate_record_refuses_what_is_not_a_record() -> None:
    with pytest.raises(TypeError):
        validate_record(Record(), CTX)  # type: ignore[arg-type]


def test_today_is_a_date_in_balikpapan() -> None:
    today = today_wita()
    assert type(today) is dt.date
    utc_today = dt.datetime.now(dt.UTC).date()
    assert today - utc_today in (dt.timedelta(0), dt.timedelta(days=1))


# --- the catalogue of problems ---------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_every_problem_code_has_an_indonesian_and_an_english_sentence(code: str) -> None:
    text_id, text_en = CATALOGUE[code]
    assert text_id.strip() and text_en.strip() and text_id != text_en
    assert placeholders(text_id) == placeholders(text_en)
    params = {name: Text(f"<{name}-id>", f"<{name}-en>") for name in placeholders(text_id)}
    problem = Problem("field", code, params)
    assert "-en>" not in problem.message("id") and "-id>" not in problem.message("en")


def test_every_problem_code_is_exercised_by_the_table_above() -> None:
    assert {case[4] for case in BAD} == set(CATALOGUE)


def test_a_code_without_sentences_cannot_be_used() -> None:
    with pytest.raises(ValueError):
        Problem("venue", "no_such_code")


def test_problems_are_values() -> None:
    params = {"label": Text("Tempat", "Venue")}
    a, b = Problem("venue", "required", params), Problem("venue", "required", dict(params))
    params["label"] = Text("x", "x")
    assert a == b and hash(a) == hash(b)
    assert a.message() == "Tempat wajib diisi."
    with pytest.raises(TypeError):
        a.params["label"] = Text("y", "y")  # type: ignore[index]
    assert ValidationResult.of([a, b]).problems == (a,)
