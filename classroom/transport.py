"""Below Socket.IO: what python-engineio and simple-websocket leave open, closed here.

Each work-around names the upstream code it works around; docs/upstream.md has the bug
reports. They go once the libraries are fixed (the tests in tests/reliability/ tell).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

import simple_websocket

from .live.limiter import Buckets
from .store.burstlog import BurstLog

log = logging.getLogger(__name__)


def install(app: Any, server: Any, config: Any) -> None:
    """Put every work-around and limit of this module in place for one app."""
    whole_frames(server.eio, config["CLASSROOM_ASYNC_MODE"])
    limit_messages(server, float(config["CLASSROOM_MESSAGE_BURST"]),
                   float(config["CLASSROOM_MESSAGE_RATE"]))
    app.wsgi_app = RefuseBigPolls(app.wsgi_app, int(config["CLASSROOM_MAX_MESSAGE"]))


# --- whole WebSocket frames ---------------------------------------------------------------


# What one WebSocket may send us: a burst, then a steady rate (bytes). A phone sends a few
# hundred bytes a minute, and the largest message accepted (CLASSROOM_MAX_MESSAGE, 16 KB)
# fits in the burst. Beyond it the server reads that socket more slowly, and TCP makes the
# sender wait: a flood then costs the server a few milliseconds a second, not a core.
READ_BURST = 64 * 1024
READ_RATE = 16 * 1024


class _SendAll:
    """A socket that sends whole frames and reads at a bounded rate, fairly.

    simple-websocket 1.1.0 writes every frame with `self.sock.send(out_data)` and ignores
    how much was sent (simple_websocket/ws.py: Base.send, Base.close, Base._thread and
    Base._handle_events). A blocking socket sends it all, but gevent's cooperative socket
    sends what fits when its buffer is nearly full, so a phone that reads slowly (bad
    Wi-Fi, or a flood it does not read) got a frame cut short, and then garbage.
    """

    def __init__(self, sock: Any, lock: Any, pause: Callable[[float], None]) -> None:
        self._sock = sock
        self._lock = lock  # the writer task and the reader's replies (pong, close) share it
        self._pause = pause
        self._tokens = float(READ_BURST)
        self._when = time.monotonic()

    def send(self, data: bytes) -> int:
        """Send all of `data` (a whole frame) before any other frame."""
        with self._lock:
            self._sock.sendall(data)
        return len(data)

    def recv(self, size: int) -> bytes:
        """Read, then wait for the read budget, and let the other tasks run at least once.

        Without the pause a flooding phone's reader would parse all the kernel holds before
        any other phone is served.
        """
        data = self._sock.recv(size)
        now = time.monotonic()
        self._tokens = min(READ_BURST, self._tokens + (now - self._when) * READ_RATE)
        self._tokens -= len(data)
        self._when = now
        self._pause(max(0.0, -self._tokens / READ_RATE))
        return data

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


def _whole_frame_server(lock: Callable[[], Any], pause: Callable[[float], None]) -> type:
    class WholeFrameServer(simple_websocket.Server):
        """simple-websocket's server on a socket that never sends part of a frame."""

        def handshake(self) -> None:
            # Base.__init__ set self.sock and calls this before anything is sent.
            self.sock = _SendAll(self.sock, lock(), pause)
            super().handshake()

    return WholeFrameServer


def whole_frames(eio: Any, async_mode: str) -> None:
    """Make this Engine.IO server's WebSockets send whole frames (see `_SendAll`)."""
    if async_mode == "gevent":
        import gevent
        import gevent.lock

        # At least a millisecond: gevent.sleep(0) may run this greenlet again before the
        # loop polls the other sockets (gevent's own docs say so).
        lock, pause = gevent.lock.RLock, lambda seconds: gevent.sleep(max(seconds, 0.001))
    else:
        lock, pause = threading.RLock, lambda seconds: seconds and time.sleep(seconds)
    websocket = eio._async["websocket"]  # the driver's class (engineio/async_drivers)
    if websocket is None:
        return
    server_class = _whole_frame_server(lock, pause)

    class WholeFrames(websocket):
        def __call__(self, environ: dict, start_response: Callable) -> Any:
            # engineio/async_drivers/_websocket_wsgi.py SimpleWebSocketWSGI.__call__, with
            # our server class instead of simple_websocket.Server.
            self.ws = server_class(environ, **self.server_args)
            result = self.app(self)
            if self.ws.mode == "gunicorn":
                raise StopIteration()
            if self.ws.mode == "werkzeug":
                raise ConnectionError()
            return result

    # A copy for this server only: the driver's dict is shared by every Engine.IO server.
    eio._async = {**eio._async, "websocket": WholeFrames}


# --- a budget of messages per connection ----------------------------------------------------


def limit_messages(server: Any, burst: float, per_second: float) -> None:
    """Drop a connection's Socket.IO messages beyond `burst`, then `per_second`.

    A phone sends a handful a minute; a script can send tens of thousands a second, and each
    one would become a task, a Flask context and an ack queued for a socket that may never
    read it. Dropped here, before python-socketio decodes it, a flood costs almost nothing.
    A phone never reaches the limit; one that did would see its ack time out and retry.
    The teacher's controls are not limited: a held arrow key on the projector repeats thirty
    times a second, and a /teach connection needs the room's key (a packet that only names
    /teach on another connection is decoded and ignored by python-socketio, and the read
    budget of `_SendAll` bounds how many come in).
    """
    budget = Buckets(burst, per_second)
    flood = BurstLog(log)
    handle = server.eio.handlers["message"]
    leave = server.eio.handlers["disconnect"]

    def limited(eio_sid: str, data: Any) -> Any:
        if (isinstance(data, str) and data[1:8] == "/teach,") or budget.take(eio_sid):
            return handle(eio_sid, data)
        flood.failed(f"Dropped Socket.IO messages from a connection that sent more than "
                     f"{per_second:g} a second (a flood?)")
        return None

    def forget(eio_sid: str, *args: Any) -> Any:
        budget.forget(eio_sid)
        return leave(eio_sid, *args)

    server.eio.on("message", limited)
    server.eio.on("disconnect", forget)


# --- long-polling POSTs over the size limit ------------------------------------------------


class RefuseBigPolls:
    """Answer a long-polling POST over the message size at once: 413, and close.

    python-engineio (socket.py, Socket.handle_post_request) raises ContentTooLongError,
    and server.py then calls `self.disconnect(sid)`, which closes the socket with
    `wait=True`: it waits for a long-polling GET to drain the queue. A client that sent one
    big POST and left never sends that GET, so the request never gets an answer and holds its
    descriptor (300 such POSTs held 312). Refused before Engine.IO sees it, the session just
    times out like any phone that left.
    """

    def __init__(self, app: Callable, limit: int) -> None:
        self.app = app
        self.limit = limit

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO", "").startswith(
            "/socket.io"
        ):
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = self.limit + 1
            if length > self.limit:
                body = b"Message too large.\n"
                start_response("413 Payload Too Large", [
                    ("Content-Type", "text/plain"), ("Content-Length", str(len(body))),
                    ("Connection", "close"),
                ])
                return [body]
        return self.app(environ, start_response)
