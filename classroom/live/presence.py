"""Which sockets are connected, and for which participant: to count phones, not to know them."""

from __future__ import annotations

import threading


class Presence:
    """Sockets per participant of one room (socket ids live only in memory)."""

    def __init__(self) -> None:
        self._sockets: dict[str, str] = {}  # socket id -> participant id
        self._lock = threading.Lock()

    def attach(self, sid: str, pid: str) -> None:
        """Remember that socket `sid` belongs to participant `pid`."""
        with self._lock:
            self._sockets[sid] = pid

    def detach(self, sid: str) -> None:
        """Forget socket `sid`."""
        with self._lock:
            self._sockets.pop(sid, None)

    def sockets(self) -> list[tuple[str, str]]:
        """Return (socket id, participant id) pairs."""
        with self._lock:
            return list(self._sockets.items())

    @property
    def connected(self) -> int:
        """Return the number of phones (participants) with at least one socket."""
        with self._lock:
            return len(set(self._sockets.values()))
