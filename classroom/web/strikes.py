"""Slow down guessing of join codes: wrong codes from one address, counted without keeping it."""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable

from ..live.limiter import address_key

PAUSE = 2.0  # seconds an address that guessed too often waits for each further wrong guess


class Strikes:
    """Failed lookups per address, forgiven at a steady rate; addresses only as keyed hashes.

    Only failures count, so hundreds of phones scanning the QR code behind one proxy are
    never slowed down; someone trying codes one after another is, after `limit` misses.
    A blocked address still gets the right code at once (a class shares one address behind
    some school networks and hotspots); each wrong guess of its waits `PAUSE` seconds first,
    so that the block still slows the guessing down.
    """

    def __init__(
        self,
        limit: int = 20,
        per_second: float = 0.5,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,  # cooperative under gevent's patching
    ) -> None:
        self.limit, self.per_second, self.clock, self.sleep = limit, per_second, clock, sleep
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

    def pause(self) -> None:
        """Wait before answering a wrong guess of a blocked address."""
        self.sleep(PAUSE)

    def strike(self, address: str | None) -> None:
        """Count one wrong code from this address."""
        now, key = self.clock(), address_key(self._salt, address)
        with self._lock:
            self._misses[key] = (self._current(key, now) + 1.0, now)
            if len(self._misses) > 10_000:  # forget the addresses that are forgiven already
                self._misses = {k: v for k, v in self._misses.items() if self._current(k, now)}
