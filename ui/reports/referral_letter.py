"""Surat rujukan: the one document RT Desktop prints that carries a victim's identity.

It goes with a referral, from the volunteer's laptop (or an UPTD PPA device) to the receiving
service: the referral (to whom, which UPTD PPA service, when, who consented or why without
consent), the identity the service needs to receive the person, a summary of the case in
vocabulary terms — and, on every page, a confidentiality notice. The kronologi, the alleged
perpetrator's name and every note are left out: the accompanying volunteer tells the service
in person what it needs (data minimisation, UU 27/2022).

Never on a coordinator's device: a coordinator holds no identity, and must never be able to
print one. Every letter is audited (codes only). Runs on the database worker.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextDocument

from rt_desktop import enums, wilayah
from rt_desktop.errors import EXIT_NOT_AUTHORISED, NotFound, RTError
from rt_desktop.records import Incident, Referral, field_specs
from rt_desktop.reports import atomic_output
from rt_desktop.store.sync_meta import ENROL_ROLE
from rt_desktop.validation import today_wita
from ui.i18n import locale_for
from ui.reports.pdfdoc import document_font, mm, print_document

if TYPE_CHECKING:
    from rt_desktop.store.store import Store

__all__ = ["LetterNotAllowed", "letter_allowed", "write_referral_letter", "CONFIDENTIAL"]


class LetterNotAllowed(RTError):
    """This device may not print a document that identifies a victim."""

    exit_code = EXIT_NOT_AUTHORISED


CONFIDENTIAL = (
    "Surat ini memuat identitas korban yang wajib dirahasiakan: UU No. 35 Tahun 2014 "
    "tentang Perlindungan Anak Pasal 17 ayat (2) dan Pasal 64 huruf i; UU No. 11 Tahun 2012 "
    "tentang Sistem Peradilan Pidana Anak Pasal 19; UU No. 27 Tahun 2022 tentang Pelindungan "
    "Data Pribadi. Hanya untuk lembaga tujuan rujukan. Jangan digandakan, difoto, diunggah, "
    "atau diteruskan kepada pihak lain; serahkan langsung kepada petugas penerima.",
    "This letter identifies a victim whose identity must be kept confidential: "
    "Law 35/2014 on Child Protection, Art. 17(2) and 64(i); Law 11/2012 on the Juvenile Justice "
    "System, Art. 19; Law 27/2022 on Personal Data Protection. For the receiving service only. "
    "Do not copy, photograph, upload or pass it on; hand it to the receiving officer in person.")

_CSS = """
h1 { font-size: 15pt; margin-top: 8px; margin-bottom: 0; }
h2 { font-size: 10.5pt; margin-top: 8px; margin-bottom: 2px; }
p { margin-top: 3px; margin-bottom: 3px; }
td.label { color: #4b535c; }
"""


def letter_allowed(store: Store) -> bool:
    """False on a coordinator's device (by its store or by its enrolment)."""
    return store.role != "coordinator" and store.meta(ENROL_ROLE) != "coordinator"


def _t(lang: str, text_id: str, text_en: str) -> str:
    return text_en if lang == "en" else text_id


def _date(day: dt.date | None, lang: str) -> str:
    if day is None:
        return "–"
    return locale_for(lang).toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def write_referral_letter(store: Store, incident_id: str, referral_id: str,
                          path: str | os.PathLike[str], *, user: str, lang: str = "id") -> Path:
    """Write the surat rujukan of one referral as an A4 PDF, whole or not at all, audited.

    :raises LetterNotAllowed: on a coordinator's device (exit status 4)
    :raises NotFound: no such case, or the referral is not one of the case's
    :raises BadInput: the path cannot be written
    """
    if not letter_allowed(store):
        raise LetterNotAllowed(
            "Surat rujukan tidak dapat dicetak di perangkat koordinator: perangkat ini tidak "
            "menyimpan identitas korban. Surat dicetak di laptop relawan RT atau perangkat "
            "UPTD PPA.",
            "A referral letter cannot be printed on a coordinator's device: it holds no victim "
            "identity. Print it on the RT volunteer's laptop or an UPTD PPA device.")
    incident = store.get(Incident, incident_id)
    referral = store.get(Referral, referral_id)
    if incident is None or referral is None or referral.incident_id != incident_id:
        raise NotFound("Kasus atau rujukan itu tidak ada (mungkin sudah dihapus).",
                       "That case or referral does not exist (it may have been deleted).")
    # Ids only: the audit log never holds a name or a value from the case.
    detail = f"surat rujukan; referral {referral_id}; format pdf"

    def audit() -> None:
        store.audit("export", user=user, record_type=Incident.TYPE, record_id=incident_id,
                    detail=detail)

    with atomic_output(path, before_replace=audit) as temp:
        _write_pdf(incident, referral, temp, user=user, lang=lang, today=today_wita())
    return Path(path).expanduser()


def _rows(pairs: list[tuple[str, str]]) -> str:
    e = html.escape
    return ('<table width="100%" cellspacing="0" cellpadding="2">'
            + "".join(f'<tr><td class="label" width="38%">{e(k)}</td><td>{e(v)}</td></tr>'
                      for k, v in pairs) + "</table>")


def letter_html(incident: Incident, referral: Referral, *, user: str, lang: str,
                today: dt.date) -> str:
    e = html.escape
    spec = field_specs(Incident)
    ref_spec = field_specs(Referral)

    def label(name: str) -> str:
        return spec[name].label(lang)

    def choice(vocabulary: enums.Vocabulary, code: str | None) -> str:
        return vocabulary.label(code, lang) if code else "–"

    def choices(vocabulary: enums.Vocabulary, codes: tuple[str, ...]) -> str:
        return ", ".join(vocabulary.label(c, lang) for c in codes) or "–"

    kel = wilayah.kelurahan(incident.kelurahan_code) if incident.kelurahan_code else None
    place = (f"RT {incident.rt}, Kelurahan {kel.name}, Kecamatan {kel.kecamatan.name}, "
             "Kota Balikpapan") if kel else f"RT {incident.rt}"
    destination = choice(enums.REFERRAL_DESTINATIONS, referral.destination)
    to = [(ref_spec["destination"].label(lang), destination)]
    if referral.uptd_service:
        to.append((ref_spec["uptd_service"].label(lang),
                   choice(enums.UPTD_SERVICES, referral.uptd_service)))
    to += [(_t(lang, "Dari", "From"), _t(lang, "Relawan PPATBM ", "PPATBM volunteer, ") + place),
           (ref_spec["referred_on"].label(lang), _date(referral.referred_on, lang)),
           (ref_spec["status"].label(lang), choice(enums.REFERRAL_STATUSES, referral.status))]
    yes, no = _t(lang, "Ya", "Yes"), _t(lang, "Tidak", "No")
    identity = [
        (label("victim_name"), incident.victim_name or "–"),
        (label("victim_sex"), choice(enums.SEXES, incident.victim_sex)),
        (label("victim_age"), str(incident.victim_age) if incident.victim_age is not None
         else "–"),
        (label("victim_age_group"), choice(enums.AGE_GROUPS, incident.victim_age_group)),
        (label("victim_category"), choice(enums.VICTIM_CATEGORIES, incident.victim_category)),
        (label("victim_disability"), yes if incident.victim_disability else no),
    ]
    if incident.victim_disability and incident.victim_disability_note:
        identity.append((label("victim_disability_note"), incident.victim_disability_note))
    identity += [(label("victim_address"), incident.victim_address or "–"),
                 (label("victim_contact"), incident.victim_contact or "–"),
                 (label("victim_guardian_name"), incident.victim_guardian_name or "–")]
    occurred = _date(incident.occurred_on, lang) if incident.occurred_on else "–"
    if incident.occurred_on and incident.occurred_precision not in (None, "hari"):
        occurred += f" ({choice(enums.DATE_PRECISION, incident.occurred_precision)})"
    case = [(label("case_code"), incident.case_code or "–"),
            (label("reported_on"), _date(incident.reported_on, lang)),
            (label("occurred_on"), occurred),
            (label("violence_types"), choices(enums.VIOLENCE_TYPES, incident.violence_types))]
    if incident.sexual_violence_forms:
        case.append((label("sexual_violence_forms"),
                     choices(enums.SEXUAL_VIOLENCE_FORMS, incident.sexual_violence_forms)))
    case += [(label("place"), choice(enums.PLACES, incident.place)),
             (label("risk_level"), choice(enums.RISK_LEVELS, incident.risk_level)),
             (label("perpetrator_relationship"),
              choice(enums.RELATIONSHIPS, incident.perpetrator_relationship)),
             (label("rt_handling"), choices(enums.RT_HANDLING, incident.rt_handling))]
    if referral.consent_by:
        consent = [(ref_spec["consent_by"].label(lang),
                    choices(enums.CONSENT_BY, referral.consent_by))]
    else:
        consent = [(_t(lang, "Persetujuan", "Consent"),
                    _t(lang, "Dirujuk tanpa persetujuan", "Referred without consent")),
                   (ref_spec["consent_override_reason"].label(lang),
                    referral.consent_override_reason or "–")]
    service = (choice(enums.UPTD_SERVICES, referral.uptd_service) if referral.uptd_service
               else destination)
    sign = _t(lang, "Yang merujuk,", "Referred by,")
    received = _t(lang, "Diterima oleh,", "Received by,")
    return (
        '<table width="100%" cellspacing="0" cellpadding="8" border="2" '
        'style="border-collapse: collapse; border-style: solid; border-color: #b3261e;">'
        '<tr><td style="background-color: #fdecea;">'
        f'<p style="font-size: 14pt; font-weight: bold; color: #b3261e;">'
        f'{_t(lang, "RAHASIA", "CONFIDENTIAL")}</p>'
        f'<p style="color: #5c0f0a;">{e(_t(lang, *CONFIDENTIAL))}</p></td></tr></table>'
        f'<h1 align="center">{_t(lang, "SURAT RUJUKAN", "REFERRAL LETTER")}</h1>'
        f'<p align="center">{e(label("case_code"))}: {e(incident.case_code or "–")}</p>'
        f"{_rows(to)}"
        f"<p style=\"margin-top: 8px;\">{e(_t(lang, 'Dengan hormat,', 'Dear colleagues,'))}</p>"
        "<p>" + e(_t(lang, f"bersama surat ini kami merujuk korban di bawah ini untuk "
                           f"mendapatkan layanan {service}. Penanganan awal dilakukan di "
                           "tingkat RT oleh relawan PPATBM.",
                     f"with this letter we refer the victim below for {service}. First "
                     "support was given at RT level by PPATBM volunteers.")) + "</p>"
        f"<h2>A. {e(_t(lang, 'Identitas korban', 'The victim'))}</h2>{_rows(identity)}"
        f"<h2>B. {e(_t(lang, 'Ringkasan kasus', 'The case'))}</h2>{_rows(case)}"
        f"<h2>C. {e(_t(lang, 'Persetujuan', 'Consent'))}</h2>{_rows(consent)}"
        "<p><i>" + e(_t(lang, "Kronologi dan keterangan lain disampaikan langsung oleh "
                              "pendamping, tidak dituliskan di surat ini.",
                        "The account of what happened and any other details are given in "
                        "person by the accompanying volunteer, not written here.")) + "</i></p>"
        '<table width="100%" cellspacing="0" cellpadding="4" style="margin-top: 10px;"><tr>'
        f'<td width="50%">Balikpapan, {e(_date(today, lang))}<br/>{e(sign)}<br/><br/><br/>'
        f"({e(user)})<br/>{e(_t(lang, 'Relawan PPATBM', 'PPATBM volunteer'))}</td>"
        f'<td width="50%">{e(_t(lang, "Tanggal terima:", "Date received:"))} ..................'
        f"<br/>{e(received)}<br/><br/><br/>(..............................)<br/>"
        f"{e(destination)}</td></tr></table>")


def _write_pdf(incident: Incident, referral: Referral, path: Path, *, user: str, lang: str,
               today: dt.date) -> None:
    doc = QTextDocument()
    doc.setDefaultFont(document_font(9.5))
    doc.setDefaultStyleSheet(_CSS)
    doc.setHtml(letter_html(incident, referral, user=user, lang=lang, today=today))
    code = incident.case_code or ""
    head = _t(lang, "RAHASIA — SURAT RUJUKAN", "CONFIDENTIAL — REFERRAL LETTER")
    foot = _t(lang, "Rahasia: jangan digandakan atau disebarkan",
              "Confidential: do not copy or pass on")

    def decorate(painter: QPainter, page: int, pages: int, area: QRectF) -> Any:
        painter.save()
        bold = document_font(8.5)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(QColor("#b3261e"))
        top = QRectF(area.left(), area.top(), area.width(), mm(6))
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, head)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, code)
        painter.setPen(QPen(QColor("#b3261e"), mm(0.3)))
        painter.drawLine(top.bottomLeft(), top.bottomRight())
        bottom = QRectF(area.left(), area.bottom() - mm(6), area.width(), mm(6))
        painter.drawLine(bottom.topLeft(), bottom.topRight())
        painter.setFont(document_font(8))
        painter.setPen(QColor("#5c0f0a"))
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, foot)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                         _t(lang, f"Halaman {page} dari {pages}", f"Page {page} of {pages}"))
        painter.restore()

    # The file's own title is generic: a PDF's properties show in file managers and mail.
    print_document(path, doc, title=_t(lang, "Surat rujukan (rahasia)",
                                       "Referral letter (confidential)"), decorate=decorate)
