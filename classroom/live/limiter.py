"""Join rate limiting per address, without keeping the address."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable


def address_key(salt: bytes, address: str | None) -> str:
    """Return the keyed hash an address is counted by; the address itself is never kept."""
    return hmac.new(salt, (address or "-").encode(), hashlib.sha256).hexdigest()


class JoinLimiter:
    """A token bucket per address; addresses are kept only as a keyed hash, in memory.

    The salt is random per process and never written anywhere, so the hashes cannot be
    linked back to an address after the process ends, nor across processes.
    """

    def __init__(
        self, burst: int = 30, per_second: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.clock = clock
        self._salt = secrets.token_bytes(32)
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, when)
        self._lock = threading.Lock()
        self._swept = clock()

    def allow(self, address: str | None) -> bool:
        """Spend one join attempt of `address`; False when it has none left."""
        now = self.clock()
        key = address_key(self._salt, address)
        with self._lock:
            tokens, when = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.per_second)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if now - self._swept > 60 or len(self._buckets) > 10_000:
                self._expire(now)
        return allowed

    def _expire(self, now: float) -> None:
        # A bucket that has refilled completely holds nothing worth remembering.
        self._swept = now
        full_after = self.burst / self.per_second if self.per_second > 0 else float("inf")
        for key, (_, when) in list(self._buckets.items()):
            if now - when >= full_after:
                del self._buckets[key]

    def __len__(self) -> int:
        return len(self._buckets)
