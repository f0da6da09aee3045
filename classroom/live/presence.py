"""Which sockets are connected, and for which participant: to count phones, not to know them."""

from __future__ import annotations

import threading


class Presence:
    """Sockets per participant of one room (socket ids live only in memory)."""

    def __init__(self) -> None:
        self._sockets: dict[str, str] = {}  # socket id -> participant id
        self._langs: dict[str, str | None] = {}  # socket id -> the language its page speaks
        # Sockets per participant, kept as we go: every view reads the count, and counting
        # the distinct participants of 2000 sockets on each connect made joining O(N²).
        self._per_pid: dict[str, int] = {}
        self._lock = threading.Lock()

    def attach(self, sid: str, pid: str, lang: str | None = None) -> None:
        """Remember that socket `sid` belongs to participant `pid` (and reads `lang`)."""
        with self._lock:
            if sid in self._sockets:
                self._forget(sid)
            self._sockets[sid] = pid
            self._langs[sid] = lang
            self._per_pid[pid] = self._per_pid.get(pid, 0) + 1

    def detach(self, sid: str) -> None:
        """Forget socket `sid`."""
        with self._lock:
            if sid in self._sockets:
                self._forget(sid)

    def _forget(self, sid: str) -> None:
        pid = self._sockets.pop(sid)
        self._langs.pop(sid, None)
        left = self._per_pid[pid] - 1
        if left:
            self._per_pid[pid] = left
        else:
            del self._per_pid[pid]

    def sockets(self) -> list[tuple[str, str]]:
        """Return (socket id, participant id) pairs."""
        with self._lock:
            return list(self._sockets.items())

    def languages(self) -> dict[str, str | None]:
        """Return the language of each socket (None: the room's)."""
        with self._lock:
            return dict(self._langs)

    @property
    def connected(self) -> int:
        """Return the number of phones (participants) with at least one socket."""
        return len(self._per_pid)
