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

__all__ = ["MAX_CODE_VALIDITY", "hash_secret", "new_code", "new_token", "normalise_code",
           "parse_duration"]

#: The longest an enrolment code stays valid. A code is read over the phone and used once, when
#: the laptop is set up; one that stays valid for months is a working secret left on paper.
MAX_CODE_VALIDITY = dt.timedelta(days=90)

_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})
_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.ASCII)
_UNIT_SECONDS = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}


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


def parse_duration(text: str, *, longest: dt.timedelta) -> dt.timedelta:
    """``"7d"``, ``"12h"``, ``"30m"``, ``"2w"``, up to ``longest``.

    :raises ValueError: for anything else, a zero duration, or one longer than ``longest``
    """
    match = _DURATION.match(text)
    if not match or int(match.group(1)) == 0:
        raise ValueError(f"not a duration like 7d, 12h, 30m or 2w: {text!r}")
    # Compared in whole seconds first: 10000000000d is too long, not too big for a timedelta.
    seconds = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    if seconds > longest.total_seconds():
        raise ValueError(f"{text.strip()!r} is too long: at most {_as_duration(longest)}")
    return dt.timedelta(seconds=seconds)


def _as_duration(span: dt.timedelta) -> str:
    """``span`` the way it is typed: 90 days → ``"90d"``, 2 weeks → ``"2w"``."""
    seconds = int(span.total_seconds())
    unit, size = next((u, n) for u, n in _UNIT_SECONDS.items() if seconds % n == 0)
    return f"{seconds // size}{unit}"
