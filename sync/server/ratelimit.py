"""Per-key token buckets (per device, per client address for enrolment).

In memory, per server process: with several worker processes each keeps its own buckets, so the
effective limit is the limit times the number of workers (docs/protocol.md says so). Enough to
stop a runaway client or a code-guessing loop; not an accounting system.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable

__all__ = ["RateLimiter"]


class RateLimiter:
    def __init__(self, per_minute: int, burst: int,
                 clock: Callable[[], float] = time.monotonic):
        self.rate = per_minute / 60.0
        self.burst = float(max(burst, 1))
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str) -> float | None:
        """Take one request from ``key``'s bucket: None if allowed, else the seconds to wait
        (whole seconds, at least 1, for a Retry-After header)."""
        now = self._clock()
        with self._lock:
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > 100_000:
                    self._prune(now)
                return None
            self._buckets[key] = (tokens, now)
            if self.rate <= 0:
                return 3600.0
            return float(max(1, math.ceil((1.0 - tokens) / self.rate)))

    def _prune(self, now: float) -> None:
        full = self.burst / self.rate if self.rate > 0 else math.inf
        for key, (_, last) in list(self._buckets.items()):
            if now - last > full:
                del self._buckets[key]
