"""The server's door (cli/guard.py): header deadline, cap per address, open-files budget."""

from __future__ import annotations

import gevent
import pytest
from gevent import socket

from classroom.cli.guard import FileBudget, GuardedHandler, GuardedServer


def hello(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", "5")])
    return [b"hello"]


@pytest.fixture
def serve():
    """Return `start(**options)`: a GuardedServer on a free loopback port, stopped after."""
    servers = []

    def start(**options):
        server = GuardedServer(("127.0.0.1", 0), hello, handler_class=GuardedHandler,
                               log=None, **options)
        server.start()
        servers.append(server)
        return server.server_port

    yield start
    for server in servers:
        server.stop(timeout=1)


def ask(port: int, request: bytes = b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", wait: float = 2):
    """Send `request`; return what the server answered before closing or `wait` passed."""
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(request)
    conn.settimeout(wait)
    try:
        return conn.recv(4096)
    except TimeoutError:
        return None
    finally:
        conn.close()


def test_a_request_whose_headers_never_end_is_closed_at_the_deadline(serve):
    port = serve(header_timeout=0.3)
    started = gevent.get_hub().loop.now()
    assert ask(port, b"GET / HTTP/1.1\r\nHost: x\r\n", wait=3) == b""  # closed, unanswered
    assert gevent.get_hub().loop.now() - started < 2
    assert ask(port).startswith(b"HTTP/1.1 200")  # a whole request is served as before


def test_a_connection_that_asked_for_a_websocket_is_never_read_as_http_again(serve):
    port = serve()
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
    conn.settimeout(2)
    answer = b""
    while not answer.endswith(b"hello"):
        answer += conn.recv(4096)
    conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")  # as if a frame came after the end
    assert conn.recv(4096) == b""  # closed: not answered as a second request
    conn.close()
    assert ask(port).startswith(b"HTTP/1.1 200")  # a plain request is served as before


def test_a_request_sent_a_byte_at_a_time_is_closed_too(serve):
    port = serve(header_timeout=0.5)
    conn = socket.create_connection(("127.0.0.1", port))
    closed = False
    for byte in b"GET / HTTP/1.1\r\nHost: trickle\r\nX-Slow: " + b"y" * 40:
        try:
            conn.sendall(bytes([byte]))
        except OSError:
            closed = True
            break
        gevent.sleep(0.05)
    conn.settimeout(1)
    assert closed or conn.recv(10) == b""
    conn.close()


def test_one_address_may_hold_so_many_connections_and_no_more(serve):
    port = serve(per_address=3, header_timeout=5)
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(3)]
    gevent.sleep(0.1)
    refused = ask(port)
    assert refused.startswith(b"HTTP/1.1 429 Too Many Requests")
    assert b"Too many connections from your network" in refused
    held.pop().close()
    gevent.sleep(0.1)
    assert ask(port).startswith(b"HTTP/1.1 200")  # a freed place is taken again
    for conn in held:
        conn.close()


def test_near_the_open_files_limit_new_connections_get_a_plain_refusal(serve):
    in_use = [90]
    port = serve(budget=FileBudget(margin=10, limit=100, count=lambda: in_use[0]))
    refused = ask(port)
    assert refused.startswith(b"HTTP/1.1 503 Service Unavailable")
    assert b"This lesson is full" in refused
    in_use[0] = 50
    gevent.sleep(0.3)  # the budget counts again at most four times a second
    assert ask(port).startswith(b"HTTP/1.1 200")


def test_the_budget_counts_only_near_the_limit():
    counts = []

    def count():
        counts.append(1)
        return 10

    budget = FileBudget(margin=10, limit=1000, count=count)
    assert not any(budget.full() for _ in range(400))  # far from it: no counting at all
    assert len(counts) == 1  # the count made when it was set up


def test_the_budget_keeps_room_for_the_second_descriptor_of_phones_still_joining(monkeypatch):
    """A WebSocket takes its second descriptor at the upgrade, after the count saw its first."""
    clock = [0.0]
    monkeypatch.setattr("classroom.cli.guard.time.monotonic", lambda: clock[0])
    admitted, upgraded = [0], [0]  # a phone holds one descriptor until its upgrade, then two
    budget = FileBudget(margin=10, limit=100, count=lambda: 20 + admitted[0] + upgraded[0])
    for _ in range(40):  # a class joins at once; the count comes a quarter second apart
        clock[0] += 0.3
        earlier = admitted[0]
        for attempt in range(10):
            if not budget.full():
                admitted[0] += 1
            if attempt == 0:  # the first attempt counted: the phones let in before it upgrade
                upgraded[0] = earlier
    assert admitted[0] > 25  # the budget let a class in
    assert 20 + 2 * admitted[0] <= 100 - 10 + 2  # and, once upgraded, they keep the margin
