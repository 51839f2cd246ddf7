"""A store with KNOWN report data, for the report tests (tests/core/test_core_reports_*.py).

Sessions and cases are saved with ``Store.save`` on the volunteer laptops of RT 001, 002 and
003 of one kelurahan (so every record passed validation), then the rows are copied into a
coordinator's store, as a sync would. The copy keeps the sensitive fields on purpose — worse
than a real coordinator store — so that a report that read one would show it. The fixture
``known`` (tests/core/conftest.py) builds it once per module.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

from rt_desktop.records import (
    RECORD_TYPES,
    Incident,
    ParentingSession,
    Referral,
)
from rt_desktop.reports import (
    Hidden,
    Report,
    build_report,
    parse_period,
    resolve_scope,
)
from rt_desktop.store.store import Store
from rt_desktop.store.sync_meta import ENROL_SCOPE

KEL = "64.71.03.1004"  # Muara Rapak
KEY = bytes.fromhex("4b" * 32)
USER = "relawan-uji"
NOW = dt.datetime(2026, 11, 28, 10, 0, tzinfo=dt.UTC)

# --- the data -----------------------------------------------------------------------------------

# (rt, date, fathers, mothers, oc_m, oc_f, teens_m, teens_f, children_m, children_f, topics)
SESSIONS = [
    ("001", "2026-10-05", 4, 6, 0, 1, 2, 3, 1, 2, ("pengasuhan_positif", "peran_ayah")),
    ("001", "2026-10-19", 2, 8, 0, 0, 0, 0, 0, 0, ("disiplin_tanpa_kekerasan",)),
    ("001", "2026-09-10", 0, 5, 0, 0, 0, 0, 0, 0, ("pengasuhan_positif",)),
    ("002", "2026-10-12", 1, 3, 0, 0, 0, 4, 0, 0, ("keamanan_digital", "pengasuhan_positif")),
    ("003", "2026-08-01", 0, 7, 0, 0, 0, 0, 0, 0, ("peran_ayah",)),
]
DELETED_SESSION = ("002", "2026-10-20", 50, 50, 0, 0, 0, 0, 0, 0, ("lainnya",))

# (rt, reported_on, sex, age, violence, place, status, risk, referral (destination, service))
INCIDENTS = [
    ("001", "2026-10-02", "perempuan", 8, ("fisik",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-10-03", "perempuan", 9, ("psikis",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-10-05", "laki_laki", 10, ("fisik", "psikis"), "rumah_tangga", "baru", "sedang",
     None),
    ("001", "2026-10-07", "perempuan", 14, ("psikis",), "sekolah", "baru", "rendah", None),
    ("001", "2026-10-09", "laki_laki", 4, ("penelantaran",), "rumah_tangga", "baru", "sedang",
     None),
    ("001", "2026-10-11", "perempuan", 11, ("fisik",), "sekolah", "dirujuk", "sedang",
     ("uptd_ppa", "pendampingan_klien")),
    ("002", "2026-10-13", "perempuan", 15, ("psikis",), "sekolah", "ditangani_rt", "rendah", None),
    ("002", "2026-10-15", "laki_laki", 7, ("fisik",), "rumah_tangga", "baru", "rendah", None),
    ("002", "2026-10-17", "perempuan", 30, ("psikis",), "rumah_tangga", "dirujuk", "sedang",
     ("uptd_ppa", "pengelolaan_kasus")),
    ("003", "2026-10-20", "perempuan", 8, ("seksual",), "daring", "dirujuk", "tinggi",
     ("uptd_ppa", "pendampingan_klien")),
    ("001", "2026-03-03", "perempuan", 9, ("fisik",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-03-10", "laki_laki", 10, ("psikis",), "rumah_tangga", "ditangani_rt", "rendah",
     None),
    ("001", "2026-03-15", "perempuan", 13, ("psikis",), "sekolah", "baru", "rendah", None),
    ("001", "2026-03-20", "perempuan", 6, ("fisik",), "rumah_tangga", "baru", "rendah", None),
]
DELETED_INCIDENT = ("002", "2026-10-21", "perempuan", 5, ("fisik",), "rumah_tangga", "baru",
                    "rendah", None)

# Made-up identities: never a real person. None of these may appear in any export.
def secrets_of(n: int) -> dict[str, str]:
    return {
        "victim_name": f"Zubaidah Kartikasari {n:02d}",
        "victim_contact": f"0812-7777-{n:04d}",
        "victim_address": f"Jl. Rahasia Gg. Melati No. {n} Balikpapan",
        "victim_guardian_name": f"Bapak Wiryawan Santoso {n:02d}",
        "perpetrator_name": f"Terlapor Rahasiawan {n:02d}",
        "chronology": f"Kronologi rahasia nomor {n:02d}: kejadian di dapur keluarga Wiryawan.",
    }


SECRET_FRAGMENTS = ("Zubaidah", "Kartikasari", "0812-7777", "Jl. Rahasia", "Wiryawan",
                    "Terlapor Rahasiawan", "Kronologi rahasia", "Catatan penanganan rahasia",
                    "Balai Warga Kenanga")  # the last: a session venue — free text never leaves


def _session(row: tuple[Any, ...]) -> ParentingSession:
    _, day, f, m, ocm, ocf, tm, tf, cm, cf, topics = row
    return ParentingSession(
        session_date=dt.date.fromisoformat(day), venue="Balai Warga Kenanga", topics=topics,
        fathers=f, mothers=m, other_caregivers_male=ocm, other_caregivers_female=ocf,
        teens_male=tm, teens_female=tf, children_male=cm, children_female=cf,
        topic_other="Topik tambahan" if "lainnya" in topics else None, summary="Ringkasan sesi.")


def _incident(row: tuple[Any, ...], n: int) -> tuple[Incident, list[Referral]]:
    _, day, sex, age, violence, place, status, risk, referral = row
    from rt_desktop.enums import age_group_for

    reported = dt.date.fromisoformat(day)
    adult = age >= 18
    incident = Incident(
        reported_on=reported, occurred_on=reported - dt.timedelta(days=1),
        occurred_precision="hari", report_source="tetangga", report_channel="langsung",
        victim_sex=sex, victim_age=age, victim_age_group=age_group_for(age),
        victim_category="perempuan_dewasa" if adult else "anak", violence_types=violence,
        sexual_violence_forms=("pencabulan",) if "seksual" in violence else (),
        place=place, risk_level=risk, consent_by=("korban",) if adult else ("orang_tua",),
        rt_handling=("kunjungan_rumah",) if status != "baru" else (),
        rt_handling_note=f"Catatan penanganan rahasia {n:02d}" if status != "baru" else None,
        status=status, **secrets_of(n))
    referrals = []
    if referral:
        destination, service = referral
        referrals.append(Referral(destination=destination, uptd_service=service,
                                  referred_on=reported, consent_by=incident.consent_by,
                                  status="dikirim"))
    return incident, referrals


@dataclasses.dataclass
class Known:
    coordinator: Store
    volunteer: Store  # RT 001's own laptop
    folder: Path


def build_known(folder: Path) -> Known:
    """The volunteer stores of RT 001-003 filled with Store.save, and a coordinator store
    holding all their rows."""
    stores = {rt: Store.create(folder / f"rt{rt}", KEY, kelurahan_code=KEL, rt=rt)
              for rt in ("001", "002", "003")}
    for row in SESSIONS:
        stores[row[0]].save(_session(row), user=USER)
    (change,) = stores["002"].save(_session(DELETED_SESSION), user=USER)
    stores["002"].delete(ParentingSession, change.record_id, user=USER)
    for n, row in enumerate([*INCIDENTS, DELETED_INCIDENT], start=1):
        incident, referrals = _incident(row, n)
        changes = stores[row[0]].save(incident, user=USER, referrals=referrals)
        if row is DELETED_INCIDENT:
            stores[row[0]].delete(Incident, changes[0].record_id, user=USER)

    coordinator = Store.create(folder / "koordinator", KEY, role="coordinator")
    coordinator.set_meta(ENROL_SCOPE, json.dumps({"level": "kelurahan", "code": KEL,
                                                  "rt": None}))
    with coordinator.writing():
        for store in stores.values():
            for cls in RECORD_TYPES.values():
                rows = [dict(r) for r in store.db.query(f"SELECT * FROM {cls.TABLE}")]
                if rows:
                    coordinator.db.table(cls.TABLE).insert_all(rows)
    coordinator.set_configured_rts(KEL, ["001", "002", "003", "004"])
    for rt, store in stores.items():
        if rt != "001":
            store.close()
    return Known(coordinator, stores["001"], folder)


def report_of(store: Store, period: str, **scope: Any) -> Report:
    return build_report(store, parse_period(period), resolve_scope(store, **scope), now=NOW)


def values(report: Report, table: str) -> dict[str, tuple[Any, ...]]:
    return {row.key: row.values for row in report.table(table).rows}


# --- the hand count ------------------------------------------------------------------------

# October 2026 and the year 2026, by hand from INCIDENTS (the deleted case left out).
EXPECTED = {
    "2026-10": {
        "incidents_by_violence": {"fisik": 4, "psikis": 5, "seksual": 1, "eksploitasi": 0,
                                  "tppo": 0, "penelantaran": 1, "lainnya": 0, "total": 10},
        "incidents_by_place": {"rumah_tangga": 6, "sekolah": 3, "fasilitas_umum": 0,
                               "tempat_kerja": 0, "daring": 1, "lainnya": 0, "total": 10},
        "incidents_by_status": {"baru": 4, "ditangani_rt": 3, "dirujuk": 3, "selesai": 0,
                                "total": 10},
        "incidents_by_referral": {"uptd_ppa": 3, "puskesmas": 0, "unit_ppa_polres": 0,
                                  "pengadilan_agama": 0, "lpsk": 0, "dinas_sosial": 0,
                                  "total": 3},
        "incidents_by_uptd_service": {"pengaduan_masyarakat": 0, "penjangkauan_klien": 0,
                                      "pengelolaan_kasus": 1, "penampungan_sementara": 0,
                                      "mediasi": 0, "pendampingan_klien": 2, "total": 3},
        # (laki_laki, perempuan, total)
        "incidents_by_age_sex": {"0_5": (1, 0, 1), "6_12": (2, 4, 6), "13_17": (0, 2, 2),
                                 "18_24": (0, 0, 0), "25_44": (0, 1, 1), "45_59": (0, 0, 0),
                                 "60_plus": (0, 0, 0), "total": (3, 7, 10)},
    },
    "2026": {
        "incidents_by_violence": {"fisik": 6, "psikis": 7, "seksual": 1, "eksploitasi": 0,
                                  "tppo": 0, "penelantaran": 1, "lainnya": 0, "total": 14},
        "incidents_by_place": {"rumah_tangga": 9, "sekolah": 4, "fasilitas_umum": 0,
                               "tempat_kerja": 0, "daring": 1, "lainnya": 0, "total": 14},
        "incidents_by_status": {"baru": 6, "ditangani_rt": 5, "dirujuk": 3, "selesai": 0,
                                "total": 14},
        "incidents_by_referral": {"uptd_ppa": 3, "puskesmas": 0, "unit_ppa_polres": 0,
                                  "pengadilan_agama": 0, "lpsk": 0, "dinas_sosial": 0,
                                  "total": 3},
        "incidents_by_uptd_service": {"pengaduan_masyarakat": 0, "penjangkauan_klien": 0,
                                      "pengelolaan_kasus": 1, "penampungan_sementara": 0,
                                      "mediasi": 0, "pendampingan_klien": 2, "total": 3},
        "incidents_by_age_sex": {"0_5": (1, 0, 1), "6_12": (3, 6, 9), "13_17": (0, 3, 3),
                                 "18_24": (0, 0, 0), "25_44": (0, 1, 1), "45_59": (0, 0, 0),
                                 "60_plus": (0, 0, 0), "total": (4, 10, 14)},
    },
}


def check_cell(shown: Any, true: int, threshold: int = 3) -> None:
    """A shown cell agrees with the true count: 0 is 0, 1..t-1 is "<t", more is itself or "x"."""
    if true == 0:
        assert shown == 0
    elif true < threshold:
        assert isinstance(shown, Hidden) and shown.reason == "small" and str(shown) == "<3"
    else:
        assert shown == true or (isinstance(shown, Hidden) and shown.reason == "complement"
                                 and str(shown) == "x"), (shown, true)
