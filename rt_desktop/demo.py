"""Realistic, clearly fake demo data: Lautan RT sessions and cases over the last twelve months.

Every name is marked "Contoh" and every phone number uses the unassigned 0800-000 range, so demo
data can never be mistaken for a real child's record. Everything goes through ``Store.save``, so
the demo is valid under every rule the app enforces.
"""

from __future__ import annotations

import datetime as dt
import random

from rt_desktop import enums, ids
from rt_desktop.records import FollowUp, Incident, ParentingSession, Referral
from rt_desktop.store.store import Store
from rt_desktop.validation import today_wita

__all__ = ["fill", "make_session", "make_incident"]

VENUES = ("Balai RT", "Rumah Ketua RT", "Musala Al-Ikhlas", "Posyandu Melati", "Pos Kamling",
          "Teras rumah Bu RT")
FACILITATORS = (("Kader PPATBM", "PPATBM Kelurahan"), ("Psikolog UPTD PPA", "UPTD PPA"),
                ("Bidan Puskesmas", "Puskesmas"), ("Ustazah Kampung", "Majelis Taklim"),
                ("Bhabinkamtibmas", "Polsek"), ("Fasilitator DP3AKB", "DP3AKB"))
SUMMARIES = (
    "Diskusi tentang cara menegur anak tanpa membentak; orang tua berbagi pengalaman.",
    "Simulasi komunikasi orang tua dan remaja tentang penggunaan gawai di malam hari.",
    "Pembahasan peran ayah dalam pengasuhan sehari-hari dan pembagian tugas di rumah.",
    "Pemutaran video tentang bahaya perkawinan anak dan tanya jawab dengan bidan.",
    "Kesepakatan warga untuk jam belajar malam dan pengawasan anak bermain di luar.",
)
FOLLOW_UPS = ("Sesi lanjutan bulan depan.", "Bagikan materi lewat grup WA RT.",
              "Undang lebih banyak ayah pada sesi berikutnya.", "")


def _past_date(rng: random.Random, today: dt.date, max_days: int = 364) -> dt.date:
    return today - dt.timedelta(days=rng.randint(0, max_days))


def make_session(rng: random.Random, today: dt.date) -> ParentingSession:
    topics = tuple(rng.sample([c for c in enums.TOPICS.codes if c != "lainnya"], rng.randint(1, 2)))
    start = dt.time(rng.choice((9, 10, 15, 16, 19)), rng.choice((0, 30)))
    facilitator, org = rng.choice(FACILITATORS)
    return ParentingSession(
        session_date=_past_date(rng, today),
        start_time=start,
        end_time=dt.time(start.hour + rng.choice((1, 2)), start.minute),
        venue=rng.choice(VENUES),
        topics=topics,
        facilitator=facilitator,
        facilitator_org=org,
        fathers=rng.randint(0, 8), mothers=rng.randint(3, 20),
        other_caregivers_male=rng.randint(0, 2), other_caregivers_female=rng.randint(0, 4),
        teens_male=rng.randint(0, 6), teens_female=rng.randint(0, 6),
        children_male=rng.randint(0, 5), children_female=rng.randint(0, 5),
        elements_present=tuple(sorted(rng.sample(enums.SESSION_ELEMENTS.codes, rng.randint(1, 4)))),
        summary=rng.choice(SUMMARIES),
        follow_up=rng.choice(FOLLOW_UPS) or None,
    )


def _victim(rng: random.Random, n: int) -> dict:
    is_child = rng.random() < 0.7
    age = rng.randint(2, 17) if is_child else rng.randint(18, 55)
    sex = rng.choice(enums.SEXES.codes) if is_child else "perempuan"
    label = "Anak" if is_child else "Ibu"
    return dict(
        victim_name=f"{label} Contoh {n:02d}",
        victim_contact=f"0800-000-{rng.randint(0, 9999):04d}",
        victim_address=(f"Jl. Contoh Gg. {rng.randint(1, 20)} No. {rng.randint(1, 99)} "
                        "(alamat palsu)"),
        victim_guardian_name=f"Wali Contoh {n:02d}" if is_child else None,
        victim_sex=sex,
        victim_age=age,
        victim_age_group=enums.age_group_for(age),
        victim_category="anak" if is_child else "perempuan_dewasa",
    )


def make_incident(rng: random.Random, today: dt.date, n: int
                  ) -> tuple[Incident, list[Referral], list[FollowUp]]:
    """One fake case with the referral and follow-ups the rules ask of it."""
    reported = _past_date(rng, today)
    occurred = reported - dt.timedelta(days=rng.randint(0, 20))
    sexual = rng.random() < 0.2
    violence = ("seksual",) if sexual else tuple(sorted(rng.sample(
        ("fisik", "psikis", "penelantaran"), rng.randint(1, 2))))
    risk = rng.choices(enums.RISK_LEVELS.codes, weights=(5, 4, 2, 1))[0]
    must_refer = sexual or risk in ("tinggi", "darurat")
    if must_refer:
        status = rng.choice(("baru", "dirujuk", "dirujuk", "selesai"))
    else:
        status = rng.choice(("baru", "ditangani_rt", "ditangani_rt", "dirujuk", "selesai"))
    referred = status == "dirujuk" or (must_refer and status != "baru")
    victim = _victim(rng, n)
    consent = ("korban",) if victim["victim_category"] == "perempuan_dewasa" else ("orang_tua",)
    incident = Incident(
        id=ids.new_id(),
        reported_on=reported,
        occurred_on=occurred,
        occurred_precision="hari",
        report_source=rng.choice(enums.REPORT_SOURCES.codes),
        report_channel=rng.choice(enums.REPORT_CHANNELS.codes),
        **victim,
        perpetrator_relationship=rng.choice(enums.RELATIONSHIPS.codes[:-1]),
        perpetrator_sex=rng.choice(enums.SEXES.codes),
        perpetrator_age_estimate=rng.randint(16, 60),
        perpetrator_name=f"Terlapor Contoh {n:02d}",
        violence_types=violence,
        sexual_violence_forms=(rng.choice(enums.SEXUAL_VIOLENCE_FORMS.codes),) if sexual else (),
        place=rng.choice(enums.PLACES.codes[:-1]),
        chronology="Kronologi contoh: cerita palsu untuk latihan, bukan kejadian nyata.",
        risk_level=risk,
        consent_by=consent,
        rt_handling=("kunjungan_rumah", "pendampingan") if status != "baru" else (),
        rt_handling_note="Catatan contoh." if status != "baru" else None,
        status=status,
    )
    if status == "selesai":
        incident.closing_reason = "rujukan_selesai" if referred else "pendampingan_rt"
    referrals = []
    if referred:
        to_uptd = must_refer or rng.random() < 0.6
        referrals.append(Referral(
            incident_id=incident.id,
            destination="uptd_ppa" if to_uptd else rng.choice(("puskesmas", "dinas_sosial")),
            uptd_service=rng.choice(("pengelolaan_kasus", "pendampingan_klien",
                                     "penjangkauan_klien")) if to_uptd else None,
            referred_on=min(today, reported + dt.timedelta(days=rng.randint(0, 3))),
            consent_by=consent,
            status="selesai" if status == "selesai" else rng.choice(("dikirim", "diterima")),
        ))
    follow_ups = []
    if status != "baru":
        noted = min(today, reported + dt.timedelta(days=rng.randint(1, 14)))
        follow_ups.append(FollowUp(
            incident_id=incident.id, noted_on=noted, author="Relawan Demo",
            note="Kunjungan lanjutan (contoh): kondisi korban dipantau.",
            next_follow_up_on=noted + dt.timedelta(days=14) if status != "selesai" else None))
    return incident, referrals, follow_ups


def fill(store: Store, *, user: str, sessions: int = 48, incidents: int = 18,
         seed: int | None = None) -> dict[str, int]:
    """Add ``sessions`` sessions and ``incidents`` cases (with referrals and follow-ups).

    :raises ValidationFailed: never for data made here — a failure is a bug in this module
    """
    rng = random.Random(seed)
    today = today_wita()
    first = store.count(Incident, include_deleted=True) + 1
    for _ in range(sessions):
        store.save(make_session(rng, today), user=user)
    for n in range(first, first + incidents):
        incident, referrals, follow_ups = make_incident(rng, today, n)
        store.save(incident, user=user, referrals=referrals)
        for follow_up in follow_ups:
            store.save(follow_up, user=user)
    return {"sessions": sessions, "incidents": incidents}
