"""Rate limits: token buckets by key, and the join limit per address without the address."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Hashable


def address_key(salt: bytes, address: str | None) -> str:
    """Return the keyed hash an address is counted by; the address itself is never kept."""
    return hmac.new(salt, (address or "-").encode(), hashlib.sha256).hexdigest()


class Buckets:
    """A token bucket per key: `burst` at once, then `per_second`; full buckets are dropped."""

    def __init__(
        self, burst: float, per_second: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.clock = clock
        self._buckets: dict[Hashable, tuple[float, float]] = {}  # key -> (tokens, when)
        self._lock = threading.Lock()
        self._swept = clock()

    def take(self, key: Hashable) -> bool:
        """Spend one token of `key`; False when it has none left."""
        now = self.clock()
        with self._lock:
            tokens, when = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - when) * self.per_second)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            # Sweep every minute, or every second while many sockets hold a bucket.
            if now - self._swept > (1 if len(self._buckets) > 10_000 else 60):
                self._expire(now)
        return allowed

    def forget(self, key: Hashable) -> None:
        """Drop the bucket of `key` (its connection is gone)."""
        with self._lock:
            self._buckets.pop(key, None)

    def _expire(self, now: float) -> None:
        # A bucket that has refilled completely holds nothing worth remembering.
        self._swept = now
        full_after = self.burst / self.per_second if self.per_second > 0 else float("inf")
        for key, (_, when) in list(self._buckets.items()):
            if now - when >= full_after:
                del self._buckets[key]

    def __len__(self) -> int:
        return len(self._buckets)


class JoinLimiter(Buckets):
    """A token bucket per address; addresses are kept only as a keyed hash, in memory.

    The salt is random per process and never written anywhere, so the hashes cannot be
    linked back to an address after the process ends, nor across processes.
    """

    def __init__(
        self, burst: int = 30, per_second: float = 1.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(burst, per_second, clock)
        self._salt = secrets.token_bytes(32)

    def allow(self, address: str | None) -> bool:
        """Spend one join attempt of `address`; False when it has none left."""
        return self.take(address_key(self._salt, address))
