"""Helpers of the socket tests: the test lesson, phones and the teacher as test clients."""

from __future__ import annotations

from pathlib import Path

from socketio.packet import CONNECT_ERROR

from classroom.extensions import socketio
from classroom.live.sockets import TeachNamespace

BASE = "http://192.0.2.10:5000"
FIXTURES = Path(__file__).parent.parent / "live" / "fixtures"
CONTENT_PATHS = [FIXTURES / "lessons", FIXTURES / "quizzes"]
# Step indexes of tests/live/fixtures/lessons/live-test.yaml, by kind.
STEPS = {
    "notice": 0, "slide": 1, "choice": 2, "check": 3, "multi": 4, "scale": 5, "flag": 6,
    "text": 7, "rank": 8, "discuss": 9,
}  # fmt: skip

# Every event of the teacher's namespace (go, next, ..., rotate, expect, admit).
EVENTS_OF_TEACHER = sorted(
    name[3:] for name in dir(TeachNamespace)
    if name.startswith("on_") and name not in ("on_connect", "on_disconnect", "on_unknown",
                                               "on_extra")
)


def device(n: int) -> str:
    """Return the device key of phone number `n` (valid: 22-64 characters)."""
    return f"phone-{n:04d}-" + "x" * 16


class Phones:
    """Make Socket.IO test clients for one app."""

    def __init__(self, app, room) -> None:
        self.app = app
        self.room = room
        self.http = app.test_client()

    def student(self, n: int, code: str | None = None, **auth):
        """Connect phone number `n` to the student namespace."""
        auth = {"code": code or self.room.code, "device": device(n), **auth}
        return socketio.test_client(
            self.app, namespace="/student", auth=auth, flask_test_client=self.http
        )

    def teacher(self, role: str = "teach", key: str | None = None):
        """Connect the teacher's control page (or the projector, with its own key, as 'screen')."""
        auth = {"code": self.room.code, "key": self.room.key_of(role) if key is None else key}
        return socketio.test_client(
            self.app, namespace=f"/{role}", auth=auth, flask_test_client=self.http
        )


def states(client, namespace: str) -> list[dict]:
    """Return the `state` payloads a client received since the last call."""
    return [m["args"][0] for m in client.get_received(namespace) if m["name"] == "state"]


def last_state(client, namespace: str) -> dict:
    """Return the last `state` a client received (there must be one)."""
    received = states(client, namespace)
    assert received, f"no state received on {namespace}"
    return received[-1]


def connect(phones, namespace: str, auth):
    """Connect a client with `auth`; return it and the `connect_error` data, if refused."""
    client = socketio.test_client(
        phones.app, namespace=namespace, auth=auth, flask_test_client=phones.http
    )
    if client.is_connected(namespace):
        return client, None
    # The test client puts its own sender in place when it is made: spy on a second try.
    sent = []
    original = socketio.server._send_packet

    def spy(eio_sid, pkt):
        sent.append(pkt)
        original(eio_sid, pkt)

    socketio.server._send_packet = spy
    try:
        client.connect(namespace=namespace, auth=auth)
    finally:
        socketio.server._send_packet = original
    assert not client.is_connected(namespace)
    return client, next(p.data for p in sent if p.packet_type == CONNECT_ERROR)["data"]


def refusal(phones, namespace: str, auth) -> dict:
    """Return the `data` of the `connect_error` a connection with `auth` gets."""
    client, data = connect(phones, namespace, auth)
    assert data is not None, "the connection was let in"
    return data
