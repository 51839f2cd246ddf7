"""Device tokens and enrolment codes: made here, stored only as SHA-256 hashes.

A token is 32 random bytes (URL-safe base64); the server keeps its hash, so a database dump gives
no working token. An enrolment code is 60 random bits written as three groups of four Crockford
base32 characters (``K7QF-9XJ2-M3PA``) so it can be read over the phone; it is one-time and
expires.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets

from rt_desktop.casecode import CROCKFORD_ALPHABET

__all__ = ["hash_secret", "new_code", "new_token", "normalise_code", "parse_duration"]

_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DURATION = re.compile(r"^\s*(\d{1,5})\s*([mhdw])\s*$", re.ASCII)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CROCKFORD_ALPHABET) for _ in range(12))
    return "-".join(raw[i:i + 4] for i in range(0, 12, 4))


def normalise_code(text: str) -> str:
    """A code as typed (any case, spaces or dashes, O for 0) in its one canonical form."""
    squashed = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)
    return "-".join(squashed[i:i + 4] for i in range(0, len(squashed), 4))


def parse_duration(text: str) -> dt.timedelta:
    """``"7d"``, ``"12h"``, ``"30m"``, ``"2w"``.

    :raises ValueError: for anything else, or a zero duration
    """
    match = _DURATION.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"not a duration like 7d, 12h, 30m or 2w: {text!r}")
    return dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
