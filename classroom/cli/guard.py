"""The server's door: a deadline for request headers, a cap per address, the open-files budget.

gevent's WSGI server waits for a request's headers forever and accepts until `accept()`
fails: two laptops sending half a request each ~10,000 times filled the open-files limit,
and then no phone could join and the store could not open its file. See docs/scaling.md.
"""

from __future__ import annotations

import logging
import os
import resource
import secrets
import socket
import time
from collections.abc import Callable
from typing import Any

import gevent
from gevent import pywsgi

from ..live.limiter import address_key
from ..store.burstlog import BurstLog
from .serve import MARGIN, PER_CONNECTION, QuietHandler

log = logging.getLogger(__name__)
# A request that is not a WebSocket may wait this long for each read or write (a body
# trickling in, a long-polling answer no one reads).
REQUEST_IDLE = 60.0

FULL = (
    "503 Service Unavailable",
    "This lesson is full: the teacher's computer cannot take more phones right now.\n"
    "Deze les is vol: de computer van de leraar kan nu geen extra gsm's aan.\n"
    "Ce cours est complet : l'ordinateur de l'enseignant ne peut pas accueillir plus de "
    "téléphones pour l'instant.\n",
)
CROWDED = (
    "429 Too Many Requests",
    "Too many connections from your network. Wait a moment and try again.\n"
    "Te veel verbindingen vanaf je netwerk. Wacht even en probeer opnieuw.\n"
    "Trop de connexions depuis ton réseau. Attends un instant et réessaie.\n",
)


class HeaderTimeout(OSError):
    """The client sent no complete request line and headers in time."""


class FileBudget:
    """Tell, cheaply, whether a new connection would come within `margin` of the limit.

    Counting /proc/self/fd costs milliseconds with thousands open, so it is counted only
    when an upper estimate (the last count plus two for every connection since) comes near
    the limit, and then at most four times a second.
    """

    def __init__(self, margin: int = MARGIN, limit: int | None = None,
                 count: Callable[[], int | None] | None = None) -> None:
        self.limit = limit or resource.getrlimit(resource.RLIMIT_NOFILE)[0]
        self.margin = margin
        self._count = count or count_open_files
        self._counted, self._since, self._at = self._count() or 0, 0, time.monotonic()
        self._recent = 0  # connections let in since the last count

    def full(self) -> bool:
        """Count one more connection; tell whether it must be refused."""
        self._since += PER_CONNECTION
        if self._counted + self._since + self.margin >= self.limit:
            now = time.monotonic()
            if now - self._at >= 0.25:
                counted = self._count()
                if counted is None:  # no way to count here: let the system say no
                    return False
                # A connection let in since the last count may not hold its second descriptor
                # yet (the WebSocket's dup comes at the upgrade): a count taken while a class
                # joins at once saw one each, and let in ~10 phones too many (242 of 236).
                pending = self._recent * (PER_CONNECTION - 1)
                self._counted, self._since, self._at = counted, PER_CONNECTION + pending, now
                self._recent = 0
            if self._counted + self._since + self.margin >= self.limit:
                return True
        self._recent += 1
        return False

    @property
    def in_use(self) -> int:
        """Return the descriptors counted last."""
        return self._counted


def count_open_files() -> int | None:
    """Return how many descriptors this process holds, or None where it cannot be told."""
    for folder in ("/proc/self/fd", "/dev/fd"):
        try:
            return len(os.listdir(folder))
        except OSError:
            continue
    return None


class GuardedServer(pywsgi.WSGIServer):
    """gevent's WSGI server, refusing what would take the lesson down (see the module)."""

    def __init__(self, *args: Any, per_address: int = 0, header_timeout: float = 10.0,
                 budget: FileBudget | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.per_address = per_address  # 0: no cap (behind a reverse proxy, every phone is it)
        self.header_timeout = header_timeout
        self.budget = budget or FileBudget()
        self._open: dict[str, int] = {}  # keyed hash of an address -> its open connections
        self._salt = secrets.token_bytes(32)
        self.refused_full = BurstLog(log)
        self.refused_crowded = BurstLog(log)

    def handle(self, sock: Any, address: Any) -> None:
        """Serve one connection, or refuse it with a short answer and close it."""
        key = address_key(self._salt, address[0]) if isinstance(address, tuple) else "-"
        if self.per_address and self._open.get(key, 0) >= self.per_address:
            self.refused_crowded.failed(
                f"Refused connections from one address that already had {self.per_address} "
                "open. If the phones of a whole school come through one router, raise "
                "CLASSROOM_CONNECTIONS_PER_ADDRESS (docs/scaling.md).")
            return refuse(sock, CROWDED)
        if self.budget.full():
            self.refused_full.failed(
                f"Refused new connections: {self.budget.in_use} of the "
                f"{self.budget.limit} files this process may open are in use. Raise the "
                "limit before starting (ulimit -n 8192; docs/scaling.md).")
            return refuse(sock, FULL)
        self._open[key] = self._open.get(key, 0) + 1
        try:
            super().handle(sock, address)
        finally:
            left = self._open.pop(key) - 1
            if left:
                self._open[key] = left


def refuse(sock: Any, answer: tuple[str, str]) -> None:
    """Send a short plain-text answer and close the connection."""
    status, text = answer
    body = text.encode()
    head = (f"HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\nConnection: close\r\nRetry-After: 5\r\n\r\n")
    try:
        sock.sendall(head.encode() + body)
        sock.shutdown(socket.SHUT_WR)
        # Read the request for a moment: closing with it unread would reset the
        # connection, and the phone could lose the answer before reading it.
        sock.settimeout(0.25)
        for _ in range(16):
            if not sock.recv(4096):
                break
    except OSError:
        pass
    finally:
        sock.close()


class GuardedHandler(QuietHandler):
    """A request handler with a deadline for the request line and headers."""

    def handle_one_request(self) -> Any:
        """Handle one request; its line and headers must arrive within the deadline."""
        self._deadline = gevent.Timeout(self.server.header_timeout, HeaderTimeout())
        self._deadline.start()
        try:
            return super().handle_one_request()
        finally:
            self._deadline.close()

    def read_request(self, raw_requestline: str) -> Any:
        """Parse the headers, then lift the deadline: what follows has its own timeouts."""
        try:
            return super().read_request(raw_requestline)
        finally:
            self._deadline.cancel()
            # A WebSocket lives as long as the lesson; anything else may idle a minute.
            upgrade = getattr(self, "headers", None) is not None and (
                self._connection_upgrade_requested())
            self.socket.settimeout(None if upgrade else REQUEST_IDLE)
            if upgrade:
                # Once a WebSocket ends (a room moved to another worker, say), what the
                # phone still sends is frames: read as a next request they were logged as
                # binary "Invalid HTTP method" lines. Close the connection instead.
                self.close_connection = True

    def _handle_client_error(self, ex: BaseException) -> Any:
        # pywsgi's hook for a request it could not read: one that never finished is closed
        # without an answer (nobody is reading it) and without a log line per connection.
        if isinstance(ex, HeaderTimeout):
            return None
        return super()._handle_client_error(ex)
