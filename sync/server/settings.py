"""Server settings the devices receive at enrolment and at every sync (``GET /api/v1/settings``),
set by the admin with ``rt-server admin settings set KEY VALUE``."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from rt_desktop import __version__ as APP_VERSION
from sync.protocol import Settings, app_version_parts

__all__ = ["DEFAULTS", "KEYS", "check_setting", "settings_model"]

DEFAULTS: dict[str, str] = {
    "contact.sapa_129": "129",
    # Never a made-up number: until the admin sets it the app points to SAPA 129.
    "contact.uptd_ppa": "",
    "suppression_threshold": "3",
    "latest_app_version": APP_VERSION,
    "download_url": "",
}
KEYS = tuple(DEFAULTS)
_PHONE = re.compile(r"\+?[0-9 ()-]+", re.ASCII)


def check_setting(key: str, value: str) -> str:
    """The value to store for ``key``.

    :raises ValueError: for an unknown key or a value the key cannot take
    """
    if key not in DEFAULTS:
        raise ValueError(f"unknown setting {key!r}; known: {', '.join(KEYS)}")
    value = value.strip()
    if key == "suppression_threshold":
        # Imported here, not at the top: the reports package brings the laptop's store and
        # xlsxwriter with it, which the serving process has no use for.
        from rt_desktop.reports.suppression import MIN_THRESHOLD

        if (not value.isascii() or not value.isdigit()
                or not MIN_THRESHOLD <= int(value) <= 100):
            raise ValueError(f"suppression_threshold must be a whole number from {MIN_THRESHOLD}"
                             f" to 100 (laptops never suppress below {MIN_THRESHOLD})")
        return str(int(value))
    if key == "contact.sapa_129" and not _phone_number(value):
        raise ValueError("contact.sapa_129 must be a phone number — digits, spaces, +, - and "
                         "parentheses — like 129")
    if key == "contact.uptd_ppa" and value and not _uptd_contact(value):
        raise ValueError(
            "contact.uptd_ppa must be a phone number — digits, spaces, +, - and parentheses — "
            'like 0542-123456, or {"phone": …, "whatsapp": …, "note": …} with a phone number in '
            "phone or whatsapp; or empty while there is none (laptops then point to SAPA 129)")
    if key == "latest_app_version" and value and not _comparable_version(value):
        raise ValueError("latest_app_version must be a version like 0.2.0 — numbers separated "
                         "by dots — that laptops compare with their own (or empty: no notice)")
    if key == "download_url" and value and not _https_url(value):
        # Unlike the app's own server address, no exception for loopback: every laptop shows
        # this address, and http://localhost would name each laptop itself.
        raise ValueError("download_url must be an https:// address, like "
                         "https://rt.balikpapan.go.id/unduh (or empty: none)")
    if len(value) > 500:
        raise ValueError(f"{key} is too long (at most 500 characters)")
    return value


def _phone_number(text: str) -> bool:
    """3 to 15 digits (E.164 has at most 15), with spaces, dashes, parentheses and a leading +."""
    digits = sum(ch.isdigit() for ch in text)
    return bool(_PHONE.fullmatch(text)) and 3 <= digits <= 15


def _uptd_contact(text: str) -> bool:
    """A phone number, or the object laptops read too (rt_desktop/contacts.py): phone and/or
    WhatsApp numbers and a note."""
    if not text.startswith("{"):
        return _phone_number(text)
    try:
        data = json.loads(text)
    except ValueError:
        return False
    if not isinstance(data, dict) or not data.keys() <= {"phone", "whatsapp", "note"}:
        return False
    numbers = [data[k] for k in ("phone", "whatsapp") if k in data]
    return (bool(numbers) and all(isinstance(n, str) and _phone_number(n) for n in numbers)
            and isinstance(data.get("note", ""), str))


def _comparable_version(text: str) -> bool:
    """Whether a laptop reads ``text`` as written: its parser turns "banana" into 0 and
    "1.0.0rc1" into 1.0.1, so only numbers between dots compare as the admin meant."""
    numbers = ".".join(str(n) for n in app_version_parts(text))
    return numbers == text.removeprefix("v")


def _https_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:  # "https://[::1"
        return False
    return parts.scheme == "https" and bool(parts.hostname) and not any(
        ch.isspace() for ch in text)


def settings_model(stored: Mapping[str, str],
                   rts: Iterable[tuple[str, str, bool]] | None = None) -> Settings:
    """The settings a device receives; ``rts`` (``(kelurahan_code, rt, active)`` of its area,
    :meth:`Tx.rts_of`) become ``rt_lists``, None leaves them out."""
    values = {**DEFAULTS, **stored}
    rt_lists: dict[str, dict[str, bool]] | None = None
    if rts is not None:
        rt_lists = {}
        for kelurahan_code, rt, active in rts:
            rt_lists.setdefault(kelurahan_code, {})[rt] = active
    return Settings(
        contacts={"sapa_129": values["contact.sapa_129"],
                  "uptd_ppa": values["contact.uptd_ppa"]},
        suppression_threshold=int(values["suppression_threshold"]),
        latest_app_version=values["latest_app_version"],
        download_url=values["download_url"], rt_lists=rt_lists)
