"""Log a recurring problem once per burst, not once per phone.

A full disk refuses every answer of a hall, and a flood of connections is refused one by
one: a line for each would bury the log the organiser reads to find out what happened.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable


class BurstLog:
    """The first failure of a burst is logged at once, then a count at most every `every` s."""

    def __init__(
        self, log: logging.Logger, every: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.log = log
        self.every = every
        self.clock = clock
        self.failures = 0  # in this burst, all told
        self._unlogged = 0
        self._logged_at: float | None = None  # None: no burst going on
        self._lock = threading.Lock()

    def failed(self, message: str, count: int = 1) -> None:
        """Record `count` failures described by `message` (never a phone's content)."""
        now = self.clock()
        with self._lock:
            self.failures += count
            if self._logged_at is not None and now - self._logged_at < self.every:
                self._unlogged += count
                return
            again, self._unlogged, self._logged_at = self._unlogged, 0, now
        if again:
            message = f"{message} (and {again} more since the last message)"
        self.log.error(message)

    def recovered(self, message: str) -> None:
        """End the burst, if there was one, with `message` and the count."""
        with self._lock:
            if self._logged_at is None:
                return
            failures, self.failures, self._unlogged, self._logged_at = self.failures, 0, 0, None
        self.log.warning(f"{message} ({failures} refused in all)")
