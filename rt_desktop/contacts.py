"""Who to call at once for a high-risk or emergency case (DESIGN.md §3). Pure: no Qt, no I/O.

SAPA 129 (the national line of the women's and children's protection ministry) is always known.
UPTD PPA Kota Balikpapan's number is never hard-coded: the city server sends it and the store
keeps it under the meta key :data:`UPTD_PPA_META_KEY`; until then the UI names the unit and points
to SAPA 129. The server may send a plain number or a JSON object
``{"phone": …, "whatsapp": …, "note": …}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

__all__ = [
    "Contact",
    "DEFAULT_CONTACTS",
    "SAPA_129",
    "UPTD_PPA",
    "UPTD_PPA_META_KEY",
    "emergency_contacts",
]

UPTD_PPA_META_KEY = "contact_uptd_ppa"


@dataclass(frozen=True)
class Contact:
    """A service to call. ``note`` is Bahasa Indonesia; ``note_en`` its English text."""

    name: str
    phone: str | None
    whatsapp: str | None
    note: str = ""
    note_en: str = ""

    def note_for(self, lang: str = "id") -> str:
        return (self.note_en or self.note) if lang == "en" else self.note


SAPA_129 = Contact(
    name="SAPA 129",
    phone="129",
    whatsapp="08111-129-129",
    note="Layanan pengaduan kekerasan terhadap perempuan dan anak (KemenPPPA).",
    note_en="Helpline for violence against women and children (Ministry of Women's "
            "Empowerment and Child Protection).",
)

UPTD_PPA = Contact(
    name="UPTD PPA Kota Balikpapan",
    phone=None,
    whatsapp=None,
    note="Nomor belum tersedia di laptop ini; hubungi lewat SAPA 129.",
    note_en="Its number is not on this laptop yet; reach it through SAPA 129.",
)

DEFAULT_CONTACTS: tuple[Contact, ...] = (SAPA_129, UPTD_PPA)


def _uptd_from_setting(value: str | None) -> Contact:
    text = (value or "").strip()
    if not text:
        return UPTD_PPA
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return UPTD_PPA  # a damaged setting must not hide the contact itself
        if not isinstance(data, dict):
            return UPTD_PPA
        phone = _clean(data.get("phone"))
        whatsapp = _clean(data.get("whatsapp"))
        if not phone and not whatsapp:
            return UPTD_PPA
        note = _clean(data.get("note")) or ""
        return replace(UPTD_PPA, phone=phone, whatsapp=whatsapp, note=note, note_en=note)
    return replace(UPTD_PPA, phone=text, note="", note_en="")


def _clean(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def emergency_contacts(meta: Callable[[str], str | None] | Any) -> list[Contact]:
    """SAPA 129 first, then UPTD PPA Kota Balikpapan with the number the server sent, if any.

    ``meta`` looks up a store setting: pass ``store.meta`` (a store itself is accepted too).
    """
    lookup = getattr(meta, "meta", meta)
    return [SAPA_129, _uptd_from_setting(lookup(UPTD_PPA_META_KEY))]
