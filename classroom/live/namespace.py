"""What the three Socket.IO namespaces share: finding the room, authorising, error acks."""

from __future__ import annotations

import logging
from typing import Any

from flask import current_app, has_request_context, request, session
from flask_socketio import ConnectionRefusedError, Namespace, join_room, leave_room

from classroom.content.builtin import LANGUAGES

from . import get_rooms
from .broadcast import Broadcaster, channel, fingerprint
from .errors import LiveError
from .ids import normalise_code, same_secret

log = logging.getLogger(__name__)
LIFECYCLE = ("connect", "disconnect")
INTERNAL = ("unknown", "extra")  # dispatch targets, not events a client may name


def refuse(error: LiveError) -> ConnectionRefusedError:
    """Return the refusal whose `connect_error` data is `{"error", "message"}` (and values)."""
    return ConnectionRefusedError(error.message, error.data())


def routed(code: object) -> bool:
    """Tell whether the proxy sent this connection by room `code` (Socket.IO's `?room=`).

    Only then may this worker take the room over from another (docs/scaling.md): a page
    always sends it; a script that sends another code reaches a worker that does not run
    the room, and is told `moving` instead of pulling the room away from its class.
    """
    return isinstance(code, str) and request.args.get("room") == normalise_code(code)


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
        else:  # the domain speaks the room's language; a phone may read another
            exc = LiveError(exc.code, self._lang() or exc.lang, **exc.values)
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
        """Return the room a screen or teacher may connect to, else raise a LiveError.

        A wrong code and a wrong key get the same `bad-key`, in the same language, so that
        connecting is no way to find out which rooms exist; failures count as wrong guesses
        of the address (the same count as wrong codes on the pages), and an address that
        guessed too often gets `rate-limited` after a pause. The right code and key always
        get in: a guesser on the school's network does not lock the teacher out.
        """
        rooms = get_rooms()
        code = auth.get("code") if isinstance(auth, dict) else None
        room = rooms.find(code, take_over=routed(code)) if code is not None else None
        if room is not None and room.check_key(auth.get("key"), self.role):
            return room
        # The visitor's language, never the room's: that would say the room exists.
        lang = request.accept_languages.best_match(LANGUAGES) or rooms.default_lang
        strikes = current_app.extensions["classroom.web.strikes"]
        if strikes.blocked(request.remote_addr):
            strikes.pause()
            raise LiveError("rate-limited", lang)
        strikes.strike(request.remote_addr)
        raise LiveError("bad-key", lang)

    def _enter(self, room: Any) -> None:
        """Seat this socket in its role's channel, under the key it came with."""
        key = room.key_of(self.role)
        session[self.role] = (room.code, None)
        session[f"{self.role}.key"] = fingerprint(key)
        join_room(channel(room.code, self.role, key))
        self.broadcaster.send_one(room, self.role, request.sid)

    def _rekey(self, room: Any, old_key: str) -> None:
        """Move this socket over to its role's new key (the teacher who rotated it)."""
        leave_room(channel(room.code, self.role, old_key))
        key = room.key_of(self.role)
        session[f"{self.role}.key"] = fingerprint(key)
        join_room(channel(room.code, self.role, key))

    def _keyed_room(self) -> Any:
        """Return this socket's room if the key it came with is still the room's key."""
        room = self._room()
        if not same_secret(session.get(f"{self.role}.key"), fingerprint(room.key_of(self.role))):
            raise LiveError("bad-key", room.lang)  # the key was rotated since it connected
        return room

    def on_connect(self, auth: Any = None) -> None:
        """Screen and teacher: `auth = {code, key}` with the role's key; refused without it."""
        try:
            self._enter(self._authorise(auth))
        except LiveError as error:
            raise refuse(error) from None
