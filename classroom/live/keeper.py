"""Keep this worker's rooms: renew their leases, and let go of those another worker took.

Only with a shared store (several workers). A room runs in one worker at a time: the one the
proxy sends its phones to. When the proxy sends a room's phones elsewhere (its worker died,
or came back), the new worker asks for the room; the old one lets go here, within a second,
and disconnects that room's sockets so that they reconnect through the proxy.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from classroom.store.burstlog import BurstLog

log = logging.getLogger(__name__)
EVERY = 1.0  # seconds between renewals; a lease lasts three times as long


class Keeper:
    """Renew the leases of the rooms in `rooms`; call `let_go(code)` for each one lost."""

    def __init__(self, rooms: Any, let_go: Callable[[str], None], every: float = EVERY) -> None:
        self.rooms = rooms
        self.let_go = let_go
        self.every = every
        self.failures = BurstLog(log)

    def tick(self) -> list[str]:
        """Renew once; drop and return the rooms this worker must let go."""
        try:
            lost = self.rooms.store.renew(self.rooms.codes())
        except Exception as error:  # Redis restarting: keep the rooms, try again next tick
            self.failures.failed(f"Could not renew this worker's rooms in the store ({error})")
            return []
        self.failures.recovered("Renewing this worker's rooms works again")
        for code in lost:
            if self.rooms.drop(code) is not None:
                log.info("room handed over to another worker")
                self.let_go(code)
        return lost

    def run(self, sleep: Callable[[float], None]) -> None:
        """Renew every `every` seconds, for as long as the process runs."""
        while True:
            sleep(self.every)
            try:
                self.tick()
            except Exception:  # a broken tick must not stop the renewals of every room
                log.exception("renewing rooms failed")
