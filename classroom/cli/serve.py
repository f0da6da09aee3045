"""Server plumbing for `classroom run`: an address-free access log and the open-files limit."""

from __future__ import annotations

import gc
import re
import resource
import time

from gevent import pywsgi

# What a request says about who sent it, or holds a key: never in a log line.
PRIVATE = ("REMOTE_ADDR", "REMOTE_PORT", "HTTP_USER_AGENT", "HTTP_X_FORWARDED_FOR",
           "HTTP_X_REAL_IP", "HTTP_FORWARDED", "HTTP_COOKIE", "HTTP_REFERER", "QUERY_STRING",
           "REQUEST_URI", "RAW_URI")
QUERY = re.compile(r"\?\S*")
# gevent names the client's (address, port) in "(from ...)"; both say who sent it.
CLIENT = re.compile(r"\s*\(from [^)]*\)?\)?")
# Bytes a client sent (a broken frame, a request cut off) are its own; never copied to the log.
RAW_BYTES = re.compile(r"""b(['"]).*?(?<!\\)\1""")
# Escape codes in a request line would repaint or retitle the teacher's terminal.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
LONGEST = 300  # characters of one error line


def printable(text: str) -> str:
    """Return `text` with control characters shown as \\xNN, so the terminal only prints it."""
    return CONTROL.sub(lambda found: f"\\x{ord(found.group()):02x}", text)


class QuietHandler(pywsgi.WSGIHandler):
    """Log requests without the client's address and without query strings (keys live there)."""

    def log_error(self, msg: str, *args: object) -> None:
        """Log a bad request or a server problem: no address, port, query string or raw bytes."""
        text = msg % args if args else msg
        address = self.client_address[0] if isinstance(self.client_address, tuple) else None
        text = CLIENT.sub("", text).strip()
        if address:
            text = text.replace(str(address), "-")
        text = printable(RAW_BYTES.sub("b'…'", QUERY.sub("?…", text)))
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        self.server.error_log.write(f"[{stamp}] {text[:LONGEST]}\n")

    def _log_error(self, t, v, tb) -> None:  # gevent prints the environ with the traceback
        environ = self.environ
        self.environ = {k: v for k, v in (environ or {}).items() if k not in PRIVATE}
        try:
            super()._log_error(t, v, tb)
        finally:
            self.environ = environ

    def format_request(self) -> str:
        """Return one access-log line: time, method, path, status, size, duration."""
        method, _, rest = (self.requestline or "- -").partition(" ")
        path = rest.split(" ")[0].split("?")[0]
        status = (self._orig_status or self.status or "000").split()[0]
        took = f"{self.time_finish - self.time_start:.3f}s" if self.time_finish else "-"
        stamp = time.strftime("%Y-%m-%d %H:%M:%S")
        line = f"{method} {path}"[:LONGEST]
        return f'[{stamp}] "{printable(line)}" {status} {self.response_length or "-"} {took}'


# Descriptors the server keeps free for what is not a phone (the store's reads, static
# files, logs); new connections are refused that far from the limit (cli/guard.py). The
# store's writer and its reserve (classroom/store/reserve.py) hold theirs already.
MARGIN = 64
# A WebSocket holds two descriptors under gevent (simple-websocket dup()s the socket).
PER_CONNECTION = 2
# What the process holds before the first phone: the listening socket, the store, logs.
BASE = 20


def raise_file_limit() -> int:
    """Raise the open-files limit to its maximum; return how many phones then fit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        target = 1 << 20 if hard == resource.RLIM_INFINITY else hard
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
            soft = target
        except (ValueError, OSError):
            pass  # some systems cap the soft limit lower; keep what we have
    return max(0, (soft - BASE - MARGIN) // PER_CONNECTION)


# Full collections wait for this many younger ones (Python's default: 10).
FULL_COLLECTION_AFTER = 1000


def spare_collector() -> None:
    """Make the cyclic GC's full collections rare; younger ones stay as they are.

    A hall of phones holds hundreds of thousands of long-lived objects (sockets, greenlets,
    rooms). Each full collection walks all of them, and while 2000 phones connect the heap
    grows fast enough to trigger one every few hundred joins: measured, 1.5 s of the 4.9 s
    of CPU it took 2000 phones to connect and answer. Reference counting still frees all
    that is not a cycle, and the younger collections still catch short-lived cycles.
    """
    young, middle, full = gc.get_threshold()
    gc.set_threshold(young, middle, max(full, FULL_COLLECTION_AFTER))
