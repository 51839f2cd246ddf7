"""The kecamatan and kelurahan of Kota Balikpapan with their official codes, and RT numbers.

Facts from Kepmendagri No 300.2.2-2138 Tahun 2025, carried in the project's own seed data
(``rt_desktop/data/balikpapan_wilayah.csv``) so the app works offline. Pure: the server imports it.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from rt_desktop.errors import BadInput

__all__ = [
    "KOTA_CODE",
    "KOTA_NAME",
    "Kecamatan",
    "Kelurahan",
    "UnknownWilayah",
    "area_in_words",
    "find_kelurahan",
    "is_kelurahan",
    "kecamatan",
    "kecamatan_list",
    "kelurahan",
    "kelurahan_in_scope",
    "kelurahan_list",
    "normalise_rt",
]

KOTA_CODE = "64.71"
KOTA_NAME = "Kota Balikpapan"
_DATA_FILE = "balikpapan_wilayah.csv"


@dataclass(frozen=True)
class Kecamatan:
    code: str
    name: str


@dataclass(frozen=True)
class Kelurahan:
    code: str
    name: str
    kecamatan: Kecamatan


class UnknownWilayah(BadInput):
    """A kecamatan or kelurahan code (or name) that is not in Kota Balikpapan."""

    def __init__(self, code: str):
        super().__init__(f"Wilayah “{code}” tidak dikenal di Kota Balikpapan.",
                         f"“{code}” is not a known area of Balikpapan.")
        self.code = code


@dataclass(frozen=True)
class _Wilayah:
    kecamatan: tuple[Kecamatan, ...]
    kelurahan: tuple[Kelurahan, ...]


@functools.cache
def _load() -> _Wilayah:
    text = resources.files("rt_desktop").joinpath("data", _DATA_FILE).read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO("".join(
        line for line in text.splitlines(keepends=True) if not line.startswith("#"))))
    kecamatan: dict[str, Kecamatan] = {}
    kelurahan: list[Kelurahan] = []
    for row in rows:
        code, name, level = row["kode"].strip(), row["nama"].strip(), row["level"].strip()
        if level == "kecamatan":
            kecamatan[code] = Kecamatan(code, name)
        elif level == "kelurahan":
            # The file lists each kecamatan before its kelurahan.
            kelurahan.append(Kelurahan(code, name, kecamatan[code.rsplit(".", 1)[0]]))
    return _Wilayah(tuple(kecamatan.values()), tuple(kelurahan))


@functools.cache
def _kelurahan_by_code() -> dict[str, Kelurahan]:
    return {k.code: k for k in _load().kelurahan}


def kecamatan_list() -> tuple[Kecamatan, ...]:
    """The 6 kecamatan of Balikpapan, in code order."""
    return _load().kecamatan


def kelurahan_list() -> tuple[Kelurahan, ...]:
    """The 34 kelurahan of Balikpapan, in code order."""
    return _load().kelurahan


def is_kelurahan(code: str) -> bool:
    """Whether ``code`` is exactly the official code of a kelurahan of Balikpapan."""
    return code in _kelurahan_by_code()


def kecamatan(code: str) -> Kecamatan:
    """:raises UnknownWilayah: if ``code`` is not a kecamatan of Balikpapan"""
    for k in _load().kecamatan:
        if k.code == code.strip():
            return k
    raise UnknownWilayah(code)


def kelurahan(code: str) -> Kelurahan:
    """The kelurahan with official code ``code`` (e.g. ``"64.71.05.1010"``).

    :raises UnknownWilayah: if ``code`` is not a kelurahan of Balikpapan
    """
    found = _kelurahan_by_code().get(code.strip()) if isinstance(code, str) else None
    if found is None:
        raise UnknownWilayah(str(code))
    return found


def _squash(text: str) -> str:
    # People write "Sungai Nangka", "sungainangka", "Gunung-Sari Ulu": compare letters and
    # digits only.
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def find_kelurahan(text: str) -> list[Kelurahan]:
    """Kelurahan whose name contains ``text``, ignoring case, spaces and punctuation.

    Exact matches come first, then names that start with ``text``, then the rest; an empty
    query finds nothing. ``"Sungai Nangka"`` finds Sungainangka.
    """
    query = _squash(text)
    if not query:
        return []
    hits = [k for k in _load().kelurahan if query in _squash(k.name)]
    return sorted(hits, key=lambda k: (_squash(k.name) != query,
                                       not _squash(k.name).startswith(query), k.name))


def kelurahan_in_scope(code: str) -> tuple[Kelurahan, ...]:
    """The kelurahan inside a kota, kecamatan or kelurahan code.

    :raises UnknownWilayah: if ``code`` is none of these
    """
    code = code.strip()
    if code == KOTA_CODE:
        return kelurahan_list()
    if code in _kelurahan_by_code():
        return (_kelurahan_by_code()[code],)
    inside = tuple(k for k in kelurahan_list() if k.kecamatan.code == code)
    if not inside:
        raise UnknownWilayah(code)
    return inside


_RT_TEXT = re.compile(r"^(?:RT[\s.:/-]*)?(\d{1,3})$", re.IGNORECASE)


def normalise_rt(text: str | int) -> str:
    """An RT number as three digits: ``"7"``, ``7``, ``"07"`` and ``"RT 007"`` give ``"007"``.

    :raises BadInput: if it is not a whole number from 1 to 999
    """
    number: int | None = None
    if isinstance(text, int) and not isinstance(text, bool):
        number = text
    elif isinstance(text, str):
        match = _RT_TEXT.match(text.strip())
        # isdigit() alone would let other scripts' digits through; \d with ASCII digits only.
        if match and match.group(1).isascii():
            number = int(match.group(1))
    if number is None or not 1 <= number <= 999:
        raise BadInput(f"Nomor RT “{text}” tidak sah: isi angka 1 sampai 999, misalnya 007.",
                       f"RT number “{text}” is not valid: use a number from 1 to 999, e.g. 007.")
    return f"{number:03d}"


def area_in_words(scope: Mapping[str, Any]) -> tuple[str, str]:
    """An enrolment's area in words, Bahasa Indonesia and English: "RT 007, Kelurahan
    Muara Rapak (64.71.03.1004)" (``rt-desktop enrol`` and ``status``, the app's Beranda)."""
    code = str(scope.get("code") or "")
    level = scope.get("level")
    if level == "kota" or not code:
        return f"seluruh {KOTA_NAME}", f"all of {KOTA_NAME}"
    try:
        name = (kecamatan(code).name if level == "kecamatan"
                else kelurahan(code).name)
    except UnknownWilayah:
        name = ""
    kind = "Kecamatan" if level == "kecamatan" else "Kelurahan"
    place = f"{kind} {name} ({code})" if name else f"{kind} {code}"
    rt = f"RT {scope['rt']}, " if scope.get("rt") else ""
    return rt + place, rt + place
