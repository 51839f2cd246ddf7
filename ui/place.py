"""Where a laptop belongs, in words, for a laptop of no RT: a coordinator's or UPTD PPA's, by
its role and the area its enrolment code gave (Beranda, Pengaturan)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from rt_desktop import wilayah
from ui.i18n import data_language

__all__ = ["role_and_area"]


def role_and_area(role: str, scope: Mapping[str, Any] | None, lang: str) -> str:
    """"Koordinator, Kelurahan Muara Rapak (64.71.03.1004)", "UPTD PPA, seluruh Kota
    Balikpapan"; before the enrolment, that it has none yet."""
    if scope:
        in_id, in_en = wilayah.area_in_words(scope)
        area = in_en if data_language(lang) == "en" else in_id
    else:
        area = QCoreApplication.translate("Place", "belum terdaftar ke server kota")
    if role == "coordinator":
        return QCoreApplication.translate("Place", "Koordinator, {0}").format(area)
    if role == "uptd":
        return QCoreApplication.translate("Place", "UPTD PPA, {0}").format(area)
    return area
