"""Slow down guessing of join codes: wrong codes from one address, counted without keeping it."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

from ..live.limiter import address_key


class Strikes:
    """Failed lookups per address, forgiven at a steady rate; addresses only as keyed hashes.

    Only failures count, so hundreds of phones scanning the QR code behind one proxy are
    never slowed down; someone trying codes one after another is, after `limit` misses.
    """

    def __init__(
        self, limit: int = 20, per_second: float = 0.5, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit, self.per_second, self.clock = limit, per_second, clock
        self._salt = secrets.token_bytes(32)  # per process, never written: hashes stay unlinkable
        self._misses: dict[str, tuple[float, float]] = {}  # key -> (misses, when)
        self._lock = threading.Lock()

    def _current(self, key: str, now: float) -> float:
        misses, when = self._misses.get(key, (0.0, now))
        return max(0.0, misses - (now - when) * self.per_second)

    def blocked(self, address: str | None) -> bool:
        """Tell whether this address missed too often lately."""
        with self._lock:
            return self._current(address_key(self._salt, address), self.clock()) >= self.limit

    def strike(self, address: str | None) -> None:
        """Count one wrong code from this address."""
        now, key = self.clock(), address_key(self._salt, address)
        with self._lock:
            self._misses[key] = (self._current(key, now) + 1.0, now)
            if len(self._misses) > 10_000:  # forget the addresses that are forgiven already
                self._misses = {k: v for k, v in self._misses.items() if self._current(k, now)}
