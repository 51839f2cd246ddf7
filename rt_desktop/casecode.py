"""Case codes: readable, pseudonymous, unique per RT without asking anyone.

``RT007-2026-K7QF-0012`` = RT, year, the device's tag, and that device's sequence for the year.
Devices of one RT never collide offline because each has its own tag (random, 32⁴ ≈ 1 million
values; the store keeps one per device) and counts on its own. The code says nothing about the
child.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

__all__ = [
    "CROCKFORD_ALPHABET",
    "CaseCode",
    "format_case_code",
    "new_device_tag",
    "parse_case_code",
]

# Crockford base32: no I, L, O, U, so a tag read aloud or copied by hand stays unambiguous.
CROCKFORD_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
TAG_LENGTH = 4
# Crockford's decoding rule: the letters people confuse with digits mean those digits.
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})

_TAG = re.compile(rf"[{CROCKFORD_ALPHABET}]{{{TAG_LENGTH}}}")
# Sequence: at least four digits, with no extra leading zero so each number has one spelling.
_CODE = re.compile(r"RT(\d{3})-([1-9]\d{3})-([0-9A-Z]{4})-(\d{4}|[1-9]\d{4,})", re.ASCII)


def new_device_tag() -> str:
    """A fresh random device tag: 4 Crockford base32 characters."""
    return "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(TAG_LENGTH))


@dataclass(frozen=True)
class CaseCode:
    rt: str
    year: int
    device_tag: str
    sequence: int

    def __str__(self) -> str:
        return format_case_code(self.rt, self.year, self.device_tag, self.sequence)


def format_case_code(rt: str, year: int, device_tag: str, sequence: int) -> str:
    """``format_case_code("007", 2026, "K7QF", 12)`` → ``"RT007-2026-K7QF-0012"``.

    :raises ValueError: if a part is out of range (RT 001–999, a four-digit year, a tag of 4
        Crockford characters, a sequence ≥ 1)
    """
    if not (isinstance(rt, str) and len(rt) == 3 and rt.isascii() and rt.isdigit()
            and rt != "000"):
        raise ValueError(f"RT must be three digits 001-999, not {rt!r}")
    if isinstance(year, bool) or not isinstance(year, int) or not 1000 <= year <= 9999:
        raise ValueError(f"year must have four digits, not {year!r}")
    if not isinstance(device_tag, str) or not _TAG.fullmatch(device_tag):
        raise ValueError(f"device tag must be 4 Crockford base32 characters, not {device_tag!r}")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 1:
        raise ValueError(f"sequence must be a whole number from 1, not {sequence!r}")
    return f"RT{rt}-{year:04d}-{device_tag}-{sequence:04d}"


def parse_case_code(text: str) -> CaseCode:
    """Read a case code; case and surrounding spaces do not matter, and in the tag O/I/L are
    read as 0/1/1 (Crockford).

    :raises ValueError: if ``text`` is not a case code
    """
    # ASCII first: str.upper() turns some other letters (ı, ſ) into ASCII ones.
    if not isinstance(text, str) or not text.isascii():
        raise ValueError(f"not a case code: {text!r}")
    match = _CODE.fullmatch(text.strip().upper())
    if not match:
        raise ValueError(f"not a case code: {text!r}")
    rt, year, tag, sequence = match.groups()
    tag = tag.translate(_CONFUSABLE)
    if rt == "000" or not _TAG.fullmatch(tag) or int(sequence) < 1:
        raise ValueError(f"not a case code: {text!r}")
    return CaseCode(rt, int(year), tag, int(sequence))
