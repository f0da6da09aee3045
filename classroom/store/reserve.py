"""A few file descriptors held back for the store, for when the process runs out of them.

At the open-files limit every descriptor a socket frees is taken by the next phone that
retries, so a store that must open a file then (a reader, a writer reconnecting after an
error) would fail, and with it every answer and teacher action. The store holds a few
descriptors of /dev/null and hands them back just before it opens its own files.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Three for an SQLite connection in WAL mode (database, -wal, -shm), and one spare.
DEFAULT = 4


class Reserve:
    """Descriptors held until the store needs to open files."""

    def __init__(self, count: int = DEFAULT) -> None:
        self.count = count
        self._held: list[int] = []
        self._lock = threading.Lock()
        self._fill()

    def _fill(self) -> None:
        while len(self._held) < self.count:
            try:
                self._held.append(os.open(os.devnull, os.O_RDONLY | os.O_CLOEXEC))
            except OSError:
                return  # at the limit already: hold fewer, and try again after the next open

    @property
    def held(self) -> int:
        """Return how many descriptors are held now."""
        return len(self._held)

    @contextmanager
    def opening(self) -> Iterator[None]:
        """Free the held descriptors for the files opened in the block, then hold again.

        Call it where nothing else runs meanwhile (the gevent hub does not switch inside
        `sqlite3.connect`), so no socket takes the freed descriptors first.
        """
        with self._lock:
            for fd in self._held:
                os.close(fd)
            self._held.clear()
            try:
                yield
            finally:
                self._fill()

    def close(self) -> None:
        """Give every held descriptor back."""
        with self._lock:
            for fd in self._held:
                os.close(fd)
            self._held.clear()
            self.count = 0
