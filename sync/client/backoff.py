"""When to try again: exponential backoff with full jitter, honouring ``Retry-After``, never
giving up (DESIGN.md §5).

Full jitter (a uniform delay between 0 and the exponential ceiling) spreads 1,700 laptops that
lost the server at the same moment, so they do not all come back in the same second. A floor of
one second keeps a retry from hammering a server that just answered 503.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["BackoffPolicy"]


@dataclass
class BackoffPolicy:
    base: float = 5.0        # seconds: the ceiling after the first failure
    cap: float = 15 * 60.0   # the ceiling never grows past this
    floor: float = 1.0
    rng: random.Random = field(default_factory=random.Random)

    def ceiling(self, failures: int) -> float:
        """The largest delay after ``failures`` failures in a row (1 = the first)."""
        if failures <= 0:
            return 0.0
        # min() before the power would overflow for a laptop that failed for months.
        return min(self.cap, self.base * 2 ** min(failures - 1, 32))

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        """Seconds to wait before the next attempt. ``retry_after`` (the server's word) wins
        when it asks for longer; there is no number of failures after which we stop."""
        if failures <= 0:
            return 0.0
        wait = max(self.floor, self.rng.uniform(0, self.ceiling(failures)))
        if retry_after is not None:
            wait = max(wait, retry_after)
        return wait
