"""What is wrong with a record, said in the words a volunteer uses (Bahasa Indonesia first).

A :class:`Problem` is a field name, a stable code and a few parameters; its sentence comes from
:data:`CATALOGUE`, the one place where the Indonesian and English texts of every code live.
Creating a problem with a code that is not in the catalogue fails at once (a programmer error),
so every code a user can ever see has both texts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

__all__ = ["CATALOGUE", "Problem", "Text", "ValidationResult", "placeholders", "problem_codes"]


@dataclass(frozen=True)
class Text:
    """A bilingual parameter, e.g. a field label: rendered in the message's language."""

    id: str
    en: str

    def __call__(self, lang: str = "id") -> str:
        return self.en if lang == "en" else self.id


_SEXUAL_BASIS_ID = "(UU 12/2022 tentang TPKS Pasal 4 dan 23)"
_SEXUAL_BASIS_EN = "(Law 12/2022 on Sexual Violence Crimes, Articles 4 and 23)"


def _say(text_id: str, text_en: str) -> tuple[str, str]:
    """One catalogue entry (a call, so that a missing comma between the two texts cannot
    silently join them)."""
    return text_id, text_en


# code -> (Bahasa Indonesia, English). Placeholders name the params a problem carries.
CATALOGUE: Mapping[str, tuple[str, str]] = MappingProxyType({
    # --- any field ------------------------------------------------------------------------
    "required": _say(
        "{label} wajib diisi.",
        "{label} is required."),
    "unknown_choice": _say(
        "Pilihan “{value}” tidak ada dalam daftar {label}.",
        "“{value}” is not one of the choices for {label}."),
    "too_long": _say(
        "{label} terlalu panjang: paling banyak {max} huruf, sekarang {length}.",
        "{label} is too long: at most {max} characters, now {length}."),
    "not_a_number": _say(
        "{label} harus diisi angka bulat.",
        "{label} must be a whole number."),
    "bad_date": _say(
        "{label} bukan tanggal yang bisa dibaca.",
        "{label} is not a date we can read."),
    "bad_time": _say(
        "{label} bukan jam yang bisa dibaca (contoh 09:30).",
        "{label} is not a time we can read (for example 09:30)."),
    "bad_value": _say(
        "Isian {label} tidak bisa dibaca. Isi ulang bagian ini.",
        "{label} could not be read. Please fill it in again."),
    "negative": _say(
        "{label} tidak boleh kurang dari nol.",
        "{label} cannot be less than zero."),
    "too_small": _say(
        "{label} tidak boleh kurang dari {min}.",
        "{label} cannot be less than {min}."),
    "too_large": _say(
        "{label} tidak boleh lebih dari {max}. Periksa lagi angkanya.",
        "{label} cannot be more than {max}. Please check the number."),
    "future_date": _say(
        "{label} tidak boleh setelah hari ini.",
        "{label} cannot be later than today."),
    "before_date": _say(
        "{label} tidak boleh sebelum {other}.",
        "{label} cannot be before {other}."),
    "after_date": _say(
        "{label} tidak boleh setelah {other}.",
        "{label} cannot be after {other}."),
    "other_needs_text": _say(
        "Karena “Lainnya” dipilih, isi juga {label}.",
        "Because “Other” is chosen, please fill in {label} too."),
    # --- envelope ---------------------------------------------------------------------------
    "bad_id": _say(
        "Kode pengenal data ini rusak, jadi data tidak bisa disimpan. Hubungi pengelola aplikasi.",
        "This record's identifier is damaged, so it cannot be saved. Please contact the app "
        "administrator."),
    "unknown_kelurahan": _say(
        "Kelurahan “{value}” tidak dikenal. Pilih salah satu dari 34 kelurahan di Kota Balikpapan.",
        "Kelurahan “{value}” is unknown. Choose one of the 34 kelurahan of Balikpapan."),
    "rt_format": _say(
        "Nomor RT harus tiga angka dari 001 sampai 999, misalnya 007.",
        "The RT number must be three digits from 001 to 999, for example 007."),
    "rt_not_configured": _say(
        "RT {rt} belum terdaftar untuk Kelurahan {kelurahan}. Minta admin menambahkannya di "
        "pengaturan.",
        "RT {rt} is not set up for Kelurahan {kelurahan}. Ask the admin to add it in the "
        "settings."),
    # --- sessions -----------------------------------------------------------------------------
    "end_before_start": _say(
        "Jam selesai harus setelah jam mulai.",
        "The end time must be after the start time."),
    "too_many_attendees": _say(
        "Jumlah {label} paling banyak {max} orang dalam satu sesi. Periksa lagi angkanya.",
        "{label}: at most {max} people in one session. Please check the number."),
    "total_too_large": _say(
        "Jumlah semua peserta ({total} orang) terlalu banyak untuk satu sesi: paling banyak {max}."
        " Periksa lagi angkanya.",
        "The total number of participants ({total}) is too high for one session: at most {max}. "
        "Please check the numbers."),
    # --- incidents ----------------------------------------------------------------------------
    "bad_case_code": _say(
        "Kode kasus “{value}” tidak sesuai bentuknya (contoh: RT007-2026-K7QF-0012).",
        "Case code “{value}” is not in the right form (for example RT007-2026-K7QF-0012)."),
    "case_code_other_rt": _say(
        "Kode kasus ini milik RT {code_rt}, bukan RT {rt}.",
        "This case code belongs to RT {code_rt}, not RT {rt}."),
    "date_needed_for_precision": _say(
        "Isi tanggal kejadian, atau ubah ketepatan tanggal menjadi “Tidak diketahui”.",
        "Fill in the date of the incident, or set its precision to “Unknown”."),
    "age_group_mismatch": _say(
        "Kelompok usia tidak cocok dengan usia korban ({age} tahun): seharusnya “{expected}”.",
        "The age group does not match the victim's age ({age}): it should be “{expected}”."),
    "victim_is_child": _say(
        "Korban berusia di bawah 18 tahun, jadi termasuk “Anak”.",
        "The victim is under 18, so choose “Child”."),
    "victim_not_child": _say(
        "Korban berusia 18 tahun atau lebih, jadi bukan “Anak”.",
        "The victim is 18 or older, so not a “Child”."),
    "adult_victim_female": _say(
        "Pilihan “Perempuan dewasa” hanya untuk korban perempuan. Periksa jenis kelamin korban.",
        "“Adult woman” is only for female victims. Please check the victim's sex."),
    "tick_choice": _say(
        "{detail} dipilih, jadi centang juga “{choice}” pada {label}.",
        "{detail} is given, so please also tick “{choice}” under {label}."),
    "closing_reason_required": _say(
        "Kasus yang sudah selesai perlu alasan ditutup.",
        "A closed case needs a reason for closing."),
    "closing_reason_not_closed": _say(
        "Alasan ditutup hanya diisi bila status kasus “Selesai”.",
        "A reason for closing is only given when the case status is “Closed”."),
    "referred_without_referral": _say(
        "Status “Dirujuk” perlu data rujukan. Tambahkan rujukan untuk kasus ini.",
        "The status “Referred” needs a referral. Please add one for this case."),
    # --- guardrails (DESIGN.md §3): each sentence names its basis -----------------------------
    "sexual_violence_mediation": _say(
        "Kekerasan seksual tidak boleh diselesaikan dengan mediasi di RT dan wajib dirujuk "
        f"{_SEXUAL_BASIS_ID}.",
        "Sexual violence must not be settled by mediation at the RT and must be referred "
        f"{_SEXUAL_BASIS_EN}."),
    "sexual_violence_rt_closing": _say(
        "Kasus kekerasan seksual tidak boleh ditutup sebagai selesai di RT; kasus ini wajib "
        f"dirujuk {_SEXUAL_BASIS_ID}.",
        "A case of sexual violence must not be closed as settled at the RT; it must be referred "
        f"{_SEXUAL_BASIS_EN}."),
    "sexual_violence_rt_status": _say(
        "Kasus kekerasan seksual tidak boleh hanya ditangani di RT; kasus ini wajib dirujuk "
        f"{_SEXUAL_BASIS_ID}.",
        "A case of sexual violence must not be handled at the RT alone; it must be referred "
        f"{_SEXUAL_BASIS_EN}."),
    "sexual_violence_needs_referral": _say(
        "Kasus kekerasan seksual wajib dirujuk: tambahkan rujukan sebelum status kasus diubah "
        f"{_SEXUAL_BASIS_ID}.",
        "A case of sexual violence must be referred: add a referral before changing the case "
        f"status {_SEXUAL_BASIS_EN}."),
    "sexual_violence_uptd_mediation": _say(
        "Kasus kekerasan seksual tidak boleh dirujuk untuk layanan mediasi; pilih layanan lain "
        f"{_SEXUAL_BASIS_ID}.",
        "A case of sexual violence must not be referred for mediation; choose another service "
        f"{_SEXUAL_BASIS_EN}."),
    "high_risk_needs_referral": _say(
        "Kasus dengan risiko tinggi atau darurat wajib dirujuk agar korban segera mendapat "
        "perlindungan: tambahkan rujukan (bila darurat, hubungi SAPA 129).",
        "A high-risk or emergency case must be referred so that the victim is protected at once: "
        "add a referral (in an emergency, call SAPA 129)."),
    "consent_missing": _say(
        "Catat siapa yang menyetujui rujukan (korban, orang tua, atau wali), atau tulis alasan "
        "merujuk tanpa persetujuan, karena rujukan membagikan data korban (UU 27/2022 tentang "
        "Pelindungan Data Pribadi Pasal 20 dan 25).",
        "Record who agreed to the referral (victim, parent or guardian), or write why it is made "
        "without consent, because a referral shares the victim's data (Law 27/2022 on Personal "
        "Data Protection, Articles 20 and 25)."),
    "consent_child_needs_guardian": _say(
        "Korban masih anak: rujukan perlu persetujuan orang tua atau wali, atau tulis alasan "
        "merujuk tanpa persetujuan mereka (misalnya orang tua adalah terlapor) (UU 27/2022 "
        "tentang Pelindungan Data Pribadi Pasal 25).",
        "The victim is a child: the referral needs a parent's or guardian's consent, or write why "
        "it is made without it (for example, a parent is the alleged perpetrator) (Law 27/2022 "
        "on Personal Data Protection, Article 25)."),
    "uptd_service_required": _say(
        "Pilih layanan UPTD PPA yang dibutuhkan.",
        "Choose the UPTD PPA service that is needed."),
    "uptd_service_only_uptd": _say(
        "Layanan UPTD PPA hanya diisi bila rujukan ke UPTD PPA.",
        "A UPTD PPA service is only given for a referral to UPTD PPA."),
})


def problem_codes() -> tuple[str, ...]:
    """Every problem code a user can see."""
    return tuple(CATALOGUE)


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a message template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def _render(value: Any, lang: str) -> str:
    if isinstance(value, Text):
        return value(lang)
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a record.

    ``field`` is a field name; ``""`` means the record as a whole and ``"referral"`` a referral
    the case still needs.

    :raises ValueError: if ``code`` is not in :data:`CATALOGUE`
    """

    field: str
    code: str
    # (dataclasses.field: the name `field` is taken by the attribute above)
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.code not in CATALOGUE:
            raise ValueError(f"problem code {self.code!r} has no message in the catalogue")
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def __hash__(self) -> int:
        return hash((self.field, self.code, tuple(sorted((k, repr(v))
                                                          for k, v in self.params.items()))))

    def message(self, lang: str = "id") -> str:
        """The sentence to show, in ``"id"`` (default) or ``"en"``.

        :raises KeyError: if the template needs a parameter the problem does not carry
        """
        template = CATALOGUE[self.code][1 if lang == "en" else 0]
        return template.format_map({k: _render(v, lang) for k, v in self.params.items()})


@dataclass(frozen=True)
class ValidationResult:
    """The problems found in one record; no problems means it may be saved."""

    problems: tuple[Problem, ...] = ()

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> ValidationResult:
        """A result without duplicate problems, in the order they were found."""
        return cls(tuple(dict.fromkeys(problems)))

    @property
    def ok(self) -> bool:
        return not self.problems

    def messages(self, lang: str = "id") -> dict[str, list[str]]:
        """Field name -> the sentences to show beside that field."""
        out: dict[str, list[str]] = {}
        for problem in self.problems:
            out.setdefault(problem.field, []).append(problem.message(lang))
        return out

    def for_field(self, name: str) -> list[Problem]:
        return [p for p in self.problems if p.field == name]

    def codes(self) -> set[tuple[str, str]]:
        """``{(field, code), …}``: handy for callers and tests that only need what, not how."""
        return {(p.field, p.code) for p in self.problems}
