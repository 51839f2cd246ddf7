"""Stable codes and their Indonesian and English labels — the one place they live.

A code is what is stored, synced and exported; it never changes once released. Labels may be
reworded freely. Every screen, export and message asks this module for a label.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "Choice",
    "Vocabulary",
    "LANGUAGES",
    "TOPICS",
    "SESSION_ELEMENTS",
    "DATE_PRECISION",
    "REPORT_SOURCES",
    "REPORT_CHANNELS",
    "SEXES",
    "AGE_GROUPS",
    "VICTIM_CATEGORIES",
    "RELATIONSHIPS",
    "VIOLENCE_TYPES",
    "SEXUAL_VIOLENCE_FORMS",
    "PLACES",
    "RISK_LEVELS",
    "CONSENT_BY",
    "RT_HANDLING",
    "REFERRAL_DESTINATIONS",
    "UPTD_SERVICES",
    "REFERRAL_STATUSES",
    "CASE_STATUSES",
    "CLOSING_REASONS",
    "age_group_for",
]

LANGUAGES = ("id", "en")


@dataclass(frozen=True)
class Choice:
    code: str
    id: str
    en: str

    def label(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


class Vocabulary:
    """An ordered list of choices, looked up by code."""

    def __init__(self, name: str, choices: list[tuple[str, str, str]]):
        self.name = name
        self.choices = tuple(Choice(code, label_id, label_en)
                             for code, label_id, label_en in choices)
        self._by_code = {c.code: c for c in self.choices}
        if len(self._by_code) != len(self.choices):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Choice]:
        return iter(self.choices)

    def __len__(self) -> int:
        return len(self.choices)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.choices)

    def label(self, code: str, lang: str = "id") -> str:
        """The label of ``code``; an unknown code is shown as itself rather than raising."""
        choice = self._by_code.get(code)
        return choice.label(lang) if choice else code

    def __repr__(self) -> str:
        return f"Vocabulary({self.name!r}, {len(self.choices)} choices)"


TOPICS = Vocabulary("topics", [
    ("pengasuhan_positif", "Pengasuhan positif", "Positive parenting"),
    ("komunikasi_ortu_anak", "Komunikasi orang tua–anak", "Parent–child communication"),
    ("disiplin_tanpa_kekerasan", "Disiplin tanpa kekerasan", "Discipline without violence"),
    ("peran_ayah", "Peran ayah", "The father's role"),
    ("keamanan_digital", "Bahaya gawai / keamanan digital", "Gadget risks / digital safety"),
    ("pencegahan_perkawinan_anak", "Pencegahan perkawinan anak", "Preventing child marriage"),
    ("kenakalan_remaja", "Kenakalan remaja", "Juvenile delinquency"),
    ("putus_sekolah", "Putus sekolah", "School drop-out"),
    ("lainnya", "Lainnya", "Other"),
])

SESSION_ELEMENTS = Vocabulary("session_elements", [
    ("pengurus_rt", "Pengurus RT", "RT officials"),
    ("kelurahan", "Kelurahan", "Kelurahan office"),
    ("ppatbm", "PPATBM", "PPATBM"),
    ("babinsa", "Babinsa", "Babinsa (army village officer)"),
    ("bhabinkamtibmas", "Bhabinkamtibmas", "Bhabinkamtibmas (community police)"),
    ("tokoh_agama_masyarakat", "Tokoh agama / masyarakat", "Religious / community leaders"),
    ("kader_posyandu", "Kader posyandu", "Posyandu health volunteers"),
])

DATE_PRECISION = Vocabulary("date_precision", [
    ("hari", "Tanggal pasti", "Exact day"),
    ("bulan", "Bulan saja", "Month only"),
    ("tahun", "Tahun saja", "Year only"),
    ("tidak_diketahui", "Tidak diketahui", "Unknown"),
])

REPORT_SOURCES = Vocabulary("report_sources", [
    ("korban", "Korban sendiri", "The victim"),
    ("keluarga", "Keluarga", "Family"),
    ("tetangga", "Tetangga", "Neighbour"),
    ("sekolah", "Sekolah", "School"),
    ("tokoh_masyarakat", "Tokoh masyarakat / pengurus RT", "Community leader / RT official"),
    ("petugas", "Petugas (kelurahan, puskesmas, polisi)", "Official (kelurahan, clinic, police)"),
    ("lainnya", "Lainnya", "Other"),
])

REPORT_CHANNELS = Vocabulary("report_channels", [
    ("langsung", "Langsung", "In person"),
    ("telepon_wa", "Telepon / WhatsApp", "Phone / WhatsApp"),
    ("lapor_pak", "Lapor Pak!", "Lapor Pak!"),
    ("sapa_129", "SAPA 129", "SAPA 129"),
])

SEXES = Vocabulary("sexes", [
    ("laki_laki", "Laki-laki", "Male"),
    ("perempuan", "Perempuan", "Female"),
])

AGE_GROUPS = Vocabulary("age_groups", [
    ("0_5", "0–5 tahun", "0–5 years"),
    ("6_12", "6–12 tahun", "6–12 years"),
    ("13_17", "13–17 tahun", "13–17 years"),
    ("18_24", "18–24 tahun", "18–24 years"),
    ("25_44", "25–44 tahun", "25–44 years"),
    ("45_59", "45–59 tahun", "45–59 years"),
    ("60_plus", "60 tahun ke atas", "60 years and over"),
])

_AGE_GROUP_BOUNDS = ((5, "0_5"), (12, "6_12"), (17, "13_17"), (24, "18_24"), (44, "25_44"),
                     (59, "45_59"))


def age_group_for(age: int) -> str:
    """The age-group code for an age in whole years (``age`` must be ≥ 0)."""
    if age < 0:
        raise ValueError("age must not be negative")
    for upper, code in _AGE_GROUP_BOUNDS:
        if age <= upper:
            return code
    return "60_plus"


VICTIM_CATEGORIES = Vocabulary("victim_categories", [
    ("anak", "Anak (di bawah 18 tahun)", "Child (under 18)"),
    ("perempuan_dewasa", "Perempuan dewasa", "Adult woman"),
])

RELATIONSHIPS = Vocabulary("relationships", [
    ("orang_tua", "Orang tua kandung", "Parent"),
    ("orang_tua_tiri", "Orang tua tiri / angkat", "Step- or adoptive parent"),
    ("saudara", "Saudara kandung", "Sibling"),
    ("kerabat", "Kerabat lain", "Other relative"),
    ("pasangan", "Suami / istri / pacar", "Spouse / partner"),
    ("mantan_pasangan", "Mantan pasangan", "Former partner"),
    ("tetangga", "Tetangga", "Neighbour"),
    ("teman", "Teman", "Friend"),
    ("guru_pengasuh", "Guru / pengasuh", "Teacher / carer"),
    ("majikan", "Majikan / atasan", "Employer"),
    ("tidak_dikenal", "Orang tidak dikenal", "Stranger"),
    ("lainnya", "Lainnya", "Other"),
])

VIOLENCE_TYPES = Vocabulary("violence_types", [
    ("fisik", "Kekerasan fisik", "Physical violence"),
    ("psikis", "Kekerasan psikis", "Psychological violence"),
    ("seksual", "Kekerasan seksual", "Sexual violence"),
    ("eksploitasi", "Eksploitasi", "Exploitation"),
    ("tppo", "Perdagangan orang (TPPO)", "Trafficking in persons"),
    ("penelantaran", "Penelantaran", "Neglect"),
    ("lainnya", "Lainnya", "Other"),
])

# The forms of sexual violence of UU 12/2022 (TPKS) Pasal 4 that reach an RT.
SEXUAL_VIOLENCE_FORMS = Vocabulary("sexual_violence_forms", [
    ("pelecehan_fisik", "Pelecehan seksual fisik", "Physical sexual harassment"),
    ("pelecehan_nonfisik", "Pelecehan seksual nonfisik", "Non-physical sexual harassment"),
    ("perkosaan_persetubuhan", "Perkosaan / persetubuhan", "Rape / intercourse with a child"),
    ("pencabulan", "Pencabulan", "Sexual abuse (indecent acts)"),
    ("eksploitasi_seksual", "Eksploitasi seksual", "Sexual exploitation"),
    ("pemaksaan_perkawinan", "Pemaksaan perkawinan", "Forced marriage"),
    ("kbge", "Kekerasan seksual berbasis elektronik", "Technology-facilitated sexual violence"),
])

PLACES = Vocabulary("places", [
    ("rumah_tangga", "Rumah tangga", "Household"),
    ("sekolah", "Sekolah", "School"),
    ("fasilitas_umum", "Fasilitas umum", "Public place"),
    ("tempat_kerja", "Tempat kerja", "Workplace"),
    ("daring", "Daring (online)", "Online"),
    ("lainnya", "Lainnya", "Other"),
])

RISK_LEVELS = Vocabulary("risk_levels", [
    ("rendah", "Rendah", "Low"),
    ("sedang", "Sedang", "Medium"),
    ("tinggi", "Tinggi", "High"),
    ("darurat", "Darurat", "Emergency"),
])

CONSENT_BY = Vocabulary("consent_by", [
    ("korban", "Korban", "The victim"),
    ("orang_tua", "Orang tua", "Parent"),
    ("wali", "Wali", "Guardian"),
])

RT_HANDLING = Vocabulary("rt_handling", [
    ("kunjungan_rumah", "Kunjungan rumah", "Home visit"),
    ("pendampingan", "Pendampingan korban", "Accompanying the victim"),
    ("konseling_keluarga", "Konseling keluarga", "Family counselling"),
    ("mediasi", "Mediasi di RT", "Mediation at the RT"),
    ("edukasi", "Edukasi / teguran", "Education / warning"),
    ("lainnya", "Lainnya", "Other"),
])

REFERRAL_DESTINATIONS = Vocabulary("referral_destinations", [
    ("uptd_ppa", "UPTD PPA Kota Balikpapan", "UPTD PPA Balikpapan"),
    ("puskesmas", "Puskesmas", "Community health centre"),
    ("unit_ppa_polres", "Unit PPA Polres", "Police women and children unit"),
    ("pengadilan_agama", "Pengadilan Agama", "Religious court"),
    ("lpsk", "LPSK", "Witness and victim protection agency (LPSK)"),
    ("dinas_sosial", "Dinas Sosial", "Social affairs office"),
])

# The six free services of UPTD PPA.
UPTD_SERVICES = Vocabulary("uptd_services", [
    ("pengaduan_masyarakat", "Pengaduan masyarakat", "Public complaints"),
    ("penjangkauan_klien", "Penjangkauan klien", "Client outreach"),
    ("pengelolaan_kasus", "Pengelolaan kasus", "Case management"),
    ("penampungan_sementara", "Penampungan sementara (rumah perlindungan)",
     "Temporary shelter (safe house)"),
    ("mediasi", "Mediasi", "Mediation"),
    ("pendampingan_klien", "Pendampingan klien", "Client accompaniment"),
])

REFERRAL_STATUSES = Vocabulary("referral_statuses", [
    ("dikirim", "Dikirim", "Sent"),
    ("diterima", "Diterima", "Accepted"),
    ("ditolak", "Ditolak", "Declined"),
    ("selesai", "Selesai", "Completed"),
])

CASE_STATUSES = Vocabulary("case_statuses", [
    ("baru", "Baru", "New"),
    ("ditangani_rt", "Ditangani di RT", "Handled at the RT"),
    ("dirujuk", "Dirujuk", "Referred"),
    ("selesai", "Selesai", "Closed"),
])

CLOSING_REASONS = Vocabulary("closing_reasons", [
    ("mediasi_rt", "Selesai dengan mediasi di RT", "Settled by mediation at the RT"),
    ("pendampingan_rt", "Selesai dengan pendampingan di RT", "Resolved with support at the RT"),
    ("rujukan_selesai", "Layanan rujukan selesai", "Referral services completed"),
    ("korban_pindah", "Korban pindah domisili", "Victim moved away"),
    ("lainnya", "Lainnya", "Other"),
])
