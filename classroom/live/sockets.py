"""Socket.IO namespaces, one per role: authorise at connect, parse, call the domain, ack.

Handlers stay thin: the domain decides, `Broadcaster.send` is the only sender of state, and
`RoleNamespace.error` is the only place an exception becomes an error ack.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from flask import current_app, has_request_context, request, session
from flask_socketio import join_room

from classroom.content.builtin import LANGUAGES

from . import actions, get_rooms, guard
from . import question_actions as asked
from .broadcast import channel
from .errors import LiveError
from .namespace import RoleNamespace, refuse, routed
from .payloads import (
    AdmitIn,
    AnsweredIn,
    AnswerIn,
    ApproveIn,
    AskIn,
    EditIn,
    Empty,
    ExpectIn,
    GoIn,
    LockIn,
    ModerateIn,
    ModerateManyIn,
    Payload,
    QuestionIn,
    RotateIn,
    ShowIn,
    TimerIn,
    parse,
)
from .views import build, reading_language

log = logging.getLogger(__name__)
LANG = "student.lang"  # the session key of the language a phone reads
QUESTIONS = "student.questions"  # the session key of a phone's question key (questions.py)


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
        room = self._keyed_room()
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
    on_moderate_many = _action(
        actions.moderate_many, ModerateManyIn, lambda p: (p.ids, p.approve), False
    )
    on_end = _action(actions.end)
    on_expect = _action(guard.expect, ExpectIn, lambda p: (p.size,), False)
    on_admit = _action(guard.admit, AdmitIn, lambda p: (p.label, p.allow), False)
    # The question box (every phone: an edit changes what the phone that asked sees).
    on_question_approve = _action(asked.approve, ApproveIn, lambda p: (p.id, p.text))
    on_question_edit = _action(asked.edit, EditIn, lambda p: (p.id, p.text))
    on_question_hide = _action(asked.hide, QuestionIn, lambda p: (p.id,))
    on_question_answered = _action(asked.answered, AnsweredIn, lambda p: (p.id, p.answered))
    on_question_show = _action(asked.show, ShowIn, lambda p: (p.id,))

    def on_rotate(self, data: Any = None) -> dict[str, Any]:
        """`{"which": "teacher" | "projector"}`: a new key; whoever holds the old one is cut off.

        The teacher who asks keeps going under the new key (the next `state` holds the new
        links); every other socket that came with the old key is disconnected.
        """
        room = self._keyed_room()
        which = parse(RotateIn, data, room.lang).which
        role = "teach" if which == "teacher" else "screen"
        old = room.key_of(role)
        guard.rotate(room, which)
        if role == self.role:
            self._rekey(room, old)
        self.broadcaster.cut_off(room.code, role, old)
        self.broadcaster.send(room, every_phone=False)
        return {"ok": True}


class StudentNamespace(RoleNamespace):
    """`/student`: a phone joins with `{code, device}`, answers, and syncs."""

    role = "student"

    def on_connect(self, auth: Any = None) -> None:
        """Join the room as the anonymous participant of this device key."""
        auth = auth if isinstance(auth, dict) else {}
        try:
            room, pid = self._join(auth)
        except LiveError as error:
            room = get_rooms().get(auth.get("code"))
            if error.code == "waiting":  # the teacher's list of waiting phones changed
                self.broadcaster.mark(room)
            raise refuse(_in_phone_language(error, room, auth.get("lang"))) from None
        lang = reading_language(room, auth.get("lang"))
        session[self.role] = (room.code, pid)
        session[LANG] = lang
        session[QUESTIONS] = room.questions.key_of(auth["device"])  # never stored
        room.questions.recognise(pid, session[QUESTIONS])
        join_room(channel(room.code, self.role))
        room.presence.attach(request.sid, pid, lang)
        self.broadcaster.send_one(room, self.role, request.sid, pid, lang)
        self.broadcaster.mark(room)

    def _lang(self) -> str | None:
        """Return the language this phone reads (errors speak it too)."""
        return (session.get(LANG) if has_request_context() else None) or super()._lang()

    def _join(self, auth: dict) -> tuple[Any, str]:
        rooms = get_rooms()
        room = rooms.find(auth.get("code"), take_over=routed(auth.get("code")))
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
        return build("student", room, self.broadcaster.base_url, pid, session.get(LANG))

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

    def on_ask(self, data: Any = None) -> dict[str, Any]:
        """`{"text"}`: send the teacher a question; ack with `my_questions` once durable."""
        room, pid = self._seat()
        text = parse(AskIn, data, room.lang).text
        # Per phone, not per socket: a second tab must not double a phone's questions.
        limit = current_app.extensions["classroom.ask_limit"]
        if not limit.take((room.code, pid)):
            per_minute = current_app.config["CLASSROOM_QUESTIONS_PER_MINUTE"]
            raise LiveError("ask-too-fast", room.lang, count=str(per_minute))
        mine = room.questions.ask(pid, session[QUESTIONS], text)
        self.broadcaster.mark(room)
        self.broadcaster.send_own(room, pid)
        return {"ok": True, "my_questions": mine}

    def on_withdraw(self, data: Any = None) -> dict[str, Any]:
        """`{"id"}`: take back one of this phone's questions; ack with `my_questions`."""
        room, pid = self._seat()
        qid = parse(QuestionIn, data, room.lang).id
        mine = room.questions.withdraw(pid, session[QUESTIONS], qid)
        self.broadcaster.mark(room)
        self.broadcaster.send_own(room, pid)
        return {"ok": True, "my_questions": mine}

    def on_me_too(self, data: Any = None) -> dict[str, Any]:
        """`{"id"}`: "me too" to another phone's approved question; ack with `my_questions`."""
        room, pid = self._seat()
        qid = parse(QuestionIn, data, room.lang).id
        mine = room.questions.me_too(pid, session[QUESTIONS], qid)
        self.broadcaster.mark(room)  # the count moves later, at the turn of a slot
        self.broadcaster.send_own(room, pid)
        return {"ok": True, "my_questions": mine}

    def on_sync(self, data: Any = None) -> dict[str, Any]:
        """`{}`: return this phone's current view."""
        room, pid = self._seat()
        parse(Empty, data, room.lang)
        return {"ok": True, "state": self._state(room, pid)}


def _in_phone_language(error: LiveError, room: Any, asked: object) -> LiveError:
    """Return a refusal in the language the phone reads (the room's if it has not that one)."""
    if room is not None:
        lang = reading_language(room, asked)
    else:  # no room to ask: the language the phone asked for, if we have it at all
        lang = asked if asked in LANGUAGES else error.lang
    return LiveError(error.code, lang, **error.values)


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
