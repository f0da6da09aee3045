"""Socket.IO namespaces, one per role: authorise at connect, parse, call the domain, ack.

Handlers stay thin: the domain decides, `Broadcaster.send` is the only sender of state, and
`RoleNamespace.error` is the only place an exception becomes an error ack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context, request, session
from flask_socketio import ConnectionRefusedError, Namespace, join_room

from . import actions, get_rooms
from .broadcast import Broadcaster, channel
from .errors import LiveError
from .payloads import AnswerIn, Empty, GoIn, LockIn, ModerateIn, Payload, TimerIn, parse
from .views import build

log = logging.getLogger(__name__)
LIFECYCLE = ("connect", "disconnect")
INTERNAL = ("unknown", "extra")  # dispatch targets, not events a client may name


def refuse(error: LiveError) -> ConnectionRefusedError:
    """Return the refusal whose `connect_error` data is `{"error", "message"}`."""
    return ConnectionRefusedError(error.message, {"error": error.code, "message": error.message})


class RoleNamespace(Namespace):
    """What the three namespaces share: finding the room, sending state, error acks."""

    role = ""

    def trigger_event(self, event: str, *args: Any) -> Any:
        """Dispatch an event; one this role does not have goes to `on_unknown`."""
        if event in LIFECYCLE:
            # The server runs these while a socket connects or leaves; a socket that is fully
            # connected can only be a client sending an event of that name, which must not
            # join it again or drop it from the count.
            if args and self.server.manager.is_connected(args[0], self.namespace):
                event = "unknown"
        elif event in INTERNAL or not hasattr(self, f"on_{event}"):
            event = "unknown"
        elif len(args) > 2:  # the socket id and more than one payload
            event = "extra"
        return super().trigger_event(event, *args)

    def on_unknown(self, *args: Any) -> None:
        """Any event this namespace does not have (e.g. a teacher event on `/student`)."""
        raise LiveError("not-allowed", self._lang())

    def on_extra(self, *args: Any) -> None:
        """An event sent with more than one payload."""
        raise LiveError("bad-request", self._lang())

    def error(self, exc: Exception) -> dict[str, Any]:
        """Turn any exception of a handler into an error ack; never send a traceback.

        Registered with `socketio.on_error(namespace)`, so it runs in the event's context.
        """
        if isinstance(exc, ConnectionRefusedError):
            raise exc
        if not isinstance(exc, LiveError):
            log.error("unexpected %s in a %s handler", type(exc).__name__, self.role, exc_info=exc)
            exc = LiveError("bad-request", self._lang())
        if has_request_context() and request.event["message"] == "connect":
            raise refuse(exc)  # returning an ack from connect would let the socket in
        return exc.ack()

    @property
    def broadcaster(self) -> Broadcaster:
        """Return the app's broadcaster."""
        return current_app.extensions["classroom.broadcaster"]

    def _lang(self) -> str | None:
        try:
            return self._member()[0].lang
        except (AttributeError, RuntimeError, KeyError):
            return None

    def _member(self) -> tuple[Any, str | None]:
        """Return (room or None, participant id or None) of this socket."""
        # Keyed by role: one connection may carry several namespaces, and shares one session.
        code, pid = session.get(self.role, (None, None))
        return get_rooms().get(code), pid

    def _seat(self) -> tuple[Any, str | None]:
        """Return (room, participant id or None) of this socket; raise if the room is gone."""
        room, pid = self._member()
        if room is None:
            raise LiveError("room-not-found")
        return room, pid

    def _room(self) -> Any:
        return self._seat()[0]

    def _authorise(self, auth: Any) -> Any:
        """Return the room a screen or teacher may connect to, else raise a LiveError."""
        if not isinstance(auth, dict):
            raise LiveError("bad-key")
        rooms = get_rooms()
        room = rooms.get(auth.get("code"))
        if room is None:
            raise LiveError("room-not-found", rooms.default_lang)
        if not room.check_key(auth.get("key")):
            raise LiveError("bad-key", room.lang)
        return room

    def _enter(self, room: Any) -> None:
        session[self.role] = (room.code, None)
        join_room(channel(room.code, self.role))
        self.broadcaster.send_one(room, self.role, request.sid)

    def on_connect(self, auth: Any = None) -> None:
        """Screen and teacher: `auth = {code, key}`; refused without the room's key."""
        try:
            self._enter(self._authorise(auth))
        except LiveError as error:
            raise refuse(error) from None


class ScreenNamespace(RoleNamespace):
    """`/screen`: the projector only receives `state`."""

    role = "screen"


def _action(
    do: Callable[..., None],
    model: type[Payload] = Empty,
    args: Callable[[Any], tuple] = lambda payload: (),
    every_phone: bool = True,
) -> Callable[..., dict]:
    def handler(self: TeachNamespace, data: Any = None) -> dict[str, Any]:
        room = self._room()
        do(room, *args(parse(model, data, room.lang)))
        self.broadcaster.send(room, every_phone)
        return {"ok": True}

    handler.__doc__ = do.__doc__
    return handler


class TeachNamespace(RoleNamespace):
    """`/teach`: the teacher's controls; every action is broadcast at once."""

    role = "teach"
    on_go = _action(actions.go, GoIn, lambda p: (p.step,))
    on_next = _action(actions.next_step)
    on_prev = _action(actions.prev_step)
    on_open = _action(actions.open_voting)
    on_close = _action(actions.close_voting)
    on_reveal = _action(actions.reveal)
    on_hide = _action(actions.hide)
    on_reset = _action(actions.reset)
    on_timer = _action(actions.timer, TimerIn, lambda p: (p.seconds,))
    on_lock = _action(actions.lock, LockIn, lambda p: (p.locked,))
    # Moderating a hundred texts must not send a hundred states to every phone in a hall.
    on_moderate = _action(actions.moderate, ModerateIn, lambda p: (p.id, p.approve), False)
    on_end = _action(actions.end)


class StudentNamespace(RoleNamespace):
    """`/student`: a phone joins with `{code, device}`, answers, and syncs."""

    role = "student"

    def on_connect(self, auth: Any = None) -> None:
        """Join the room as the anonymous participant of this device key."""
        try:
            room, pid = self._join(auth if isinstance(auth, dict) else {})
        except LiveError as error:
            raise refuse(error) from None
        session[self.role] = (room.code, pid)
        join_room(channel(room.code, self.role))
        room.presence.attach(request.sid, pid)
        self.broadcaster.send_one(room, self.role, request.sid, pid)
        self.broadcaster.mark(room)

    def _join(self, auth: dict) -> tuple[Any, str]:
        rooms = get_rooms()
        room = rooms.get(auth.get("code"))
        known = room is not None and room.knows(auth.get("device"))
        # Only unknown phones spend the address's budget: a class reconnecting after a
        # Wi-Fi drop is never rate-limited. The address itself is not kept (see limiter).
        if not known and not current_app.extensions["classroom.limiter"].allow(request.remote_addr):
            raise LiveError("rate-limited", room.lang if room else rooms.default_lang)
        if room is None:
            raise LiveError("room-not-found", rooms.default_lang)
        return room, room.join(auth.get("device"))

    def on_disconnect(self, reason: Any = None) -> None:
        """Forget this socket (the participant and its answers stay)."""
        room = self._member()[0]
        if room is not None:
            room.presence.detach(request.sid)
            self.broadcaster.mark(room)

    def _state(self, room: Any, pid: str) -> dict[str, Any]:
        return build("student", room, self.broadcaster.base_url, pid)

    def on_answer(self, data: Any = None) -> dict[str, Any]:
        """`{step, value}` or `{step, pass: true}`: record it; ack with `mine` once durable."""
        # Per socket, before any work: a phone sends a few a second, a script thousands.
        if not current_app.extensions["classroom.answer_limit"].take(request.sid):
            raise LiveError("rate-limited", self._lang())
        room, pid = self._seat()
        answer = parse(AnswerIn, data, room.lang)
        mine = room.answer(pid, answer.step, answer.value, answer.passed is True)
        self.broadcaster.mark(room)
        return {"ok": True, "mine": mine}

    def on_sync(self, data: Any = None) -> dict[str, Any]:
        """`{}`: return this phone's current view."""
        room, pid = self._seat()
        parse(Empty, data, room.lang)
        return {"ok": True, "state": self._state(room, pid)}


NAMESPACES = {"/student": StudentNamespace, "/screen": ScreenNamespace, "/teach": TeachNamespace}


def init_sockets(app: Any, socketio: Any) -> None:
    """Register the three namespaces on the app's Socket.IO server."""
    for name, namespace in NAMESPACES.items():
        handler = namespace(name)
        socketio.on_namespace(handler)
        socketio.on_error(name)(handler.error)
    guard_packets(socketio.server)


# What python-socketio raises while decoding a hand-made packet that no browser sends
# (`2/student,1[]`, cut-off JSON, arrays nested thousands deep).
MALFORMED = (ValueError, TypeError, KeyError, IndexError, RecursionError)


def guard_packets(server: Any) -> None:
    """Drop a malformed Socket.IO packet with one log line, not an Engine.IO traceback.

    The packet is decoded before any of our handlers run (they run in their own task), so
    only the decoding is guarded: nothing changes and the connection stays open.
    """
    handle = server._handle_eio_message  # registered with Engine.IO in the server's __init__

    def guarded(eio_sid: str, data: Any) -> None:
        try:
            handle(eio_sid, data)
        except MALFORMED as exc:
            log.warning("dropped a malformed Socket.IO packet (%s)", type(exc).__name__)

    server.eio.on("message", guarded)
