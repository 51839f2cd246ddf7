"""Record ids (UUIDv7, RFC 9562) and timestamps, made on the device without coordination."""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
import uuid

__all__ = ["new_id", "utc_now", "utc_now_iso"]

_lock = threading.Lock()
_last_ms = 0
_last_counter = 0


def new_id() -> str:
    """A new UUIDv7 as text. Ids made in one process sort in the order they were made."""
    global _last_ms, _last_counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_ms:
            # Same (or an earlier, after a clock step back) millisecond: keep order with the
            # 12-bit counter field (rand_a), moving the timestamp on if the counter overflows.
            ms = _last_ms
            _last_counter += 1
            if _last_counter > 0xFFF:
                ms += 1
                _last_counter = 0
        else:
            _last_counter = int.from_bytes(os.urandom(2), "big") & 0x3FF  # leave room to count
        _last_ms = ms
        counter = _last_counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def utc_now_iso() -> str:
    """Now in UTC as ISO-8601 with milliseconds and a ``Z``, e.g. ``2026-11-28T07:10:04.123Z``."""
    return utc_now().isoformat(timespec="milliseconds").replace("+00:00", "Z")
