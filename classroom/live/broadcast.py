"""The one function that sends state: each role its view, answers coalesced, timers run.

The loop that runs the timers also turns the slots of the "me too" counts (questions.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from typing import Any

from .room import Room
from .views import build, showing_help

log = logging.getLogger(__name__)
TIMER_TICK = 0.2  # how often deadlines are checked when there is no coalescing interval
# Phones get a teacher action's state this much later, so that actions that come together
# (the next question, then "open"; a remote's keys) reach every phone as one state: with
# thousands of phones, each state is thousands of messages. Only with a coalescing interval.
PHONE_WINDOW = 0.05


def fingerprint(key: str) -> str:
    """Return a short fingerprint of a key: what channels and sessions hold instead of it."""
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def channel(code: str, role: str, key: str = "") -> str:
    """Return the Socket.IO room name of one role in one live room.

    Projectors and teachers sit in a channel of the key they came with: once a key is
    rotated, nothing more is sent to whoever still holds the old one (on any worker).
    """
    return f"{code}/{role}/{fingerprint(key)}" if key else f"{code}/{role}"


class Broadcaster:
    """Send full states; at most one state per `interval` seconds per room for answers."""

    def __init__(self, socketio: Any, rooms: Any, config: Any, interval: float) -> None:
        self.socketio = socketio
        self.rooms = rooms
        self.config = config
        self.interval = interval
        self._dirty: set[str] = set()
        self._last_student: dict[str, dict[str, Any]] = {}
        self._last_help: dict[str, dict[str, Any]] = {}  # room -> language -> help sent
        self._lock = threading.Lock()
        self._running = False
        self._phones_soon: set[str] = set()  # rooms whose phones get a state in PHONE_WINDOW

    @property
    def base_url(self) -> str:
        """Return the public address phones use (read late: `classroom run` sets it after)."""
        return self.config.get("CLASSROOM_PUBLIC_URL") or ""

    def send(self, room: Room, every_phone: bool = True) -> None:
        """Send every role its view of `room` now (teacher actions, timers, flushes).

        With `every_phone` false (answers, connections), phones get a state only if what they
        see changed; a teacher action may change a phone's own answer (reset), so it sends.
        """
        with self._lock:
            self._dirty.discard(room.code)
        emit = self.socketio.emit
        emit(
            "state",
            build("screen", room, self.base_url),
            to=channel(room.code, "screen", room.screen_key),
            namespace="/screen",
        )
        emit(
            "state",
            build("teach", room, self.base_url),
            to=channel(room.code, "teach", room.teacher_key),
            namespace="/teach",
        )
        if every_phone and self.interval > 0:
            self._students_soon(room)
        else:
            self._send_students(room, every_phone)
        if room.deadline is not None or room.questions.due():
            self.start()

    def _students_soon(self, room: Room) -> None:
        """Send the phones their state after PHONE_WINDOW, once for every action meanwhile."""
        with self._lock:
            if room.code in self._phones_soon:
                return
            self._phones_soon.add(room.code)

        def later() -> None:
            self.socketio.sleep(PHONE_WINDOW)
            with self._lock:
                self._phones_soon.discard(room.code)
            try:
                self._send_students(room, True)
            except Exception:  # the next action or flush sends again
                log.exception("sending the phones their state failed")

        self.socketio.start_background_task(later)

    def _send_students(self, room: Room, every_phone: bool) -> None:
        langs = room.presence.languages()
        # One view per language the phones read (a phone may read another than the room's).
        bases = {
            lang: build("student", room, self.base_url, lang=lang)
            for lang in {room.lang, *langs.values()}
        }
        seen = {
            lang: {key: value for key, value in base.items() if key != "now"}
            for lang, base in bases.items()
        }
        with self._lock:
            if not every_phone and self._last_student.get(room.code) == seen:
                return  # nothing a phone sees has changed: spare every phone a message
            self._last_student[room.code] = seen
            sent = self._last_help.setdefault(room.code, {})
            for lang, base in bases.items():
                # The help set is most of a phone's state (3 of 4 KB) and rarely changes: a
                # phone gets it when it connects and keeps it, so a broadcast carries it only
                # when it changed, or when the phones show it (the help step, the end: then
                # with what is open now). With thousands of phones that is most of the bytes.
                if sent.get(lang) == base["help"] and not showing_help(room):
                    bases[lang] = {k: v for k, v in base.items() if k != "help"}
                else:
                    sent[lang] = base["help"]
        # Each phone gets its own `mine` (a reconnecting page only draws its last state), but
        # most phones share it (all unanswered after `next`): one emit per distinct `mine`
        # encodes the state once for the whole group instead of once per phone. Its own
        # questions too. Phones that have not answered this step and asked nothing (most of
        # them) share one group without a lookup of their answer.
        answered, box = room.step_answers(), room.questions
        shared = {"mine": room.mine(None), "my_questions": box.mine(None)}
        groups: dict[tuple[str | None, str], tuple[dict[str, Any], list[str]]] = {}
        for sid, pid in room.presence.sockets():
            lang = langs.get(sid)
            if pid in answered or box.involves(pid):
                own = {"mine": room.mine(pid), "my_questions": box.mine(pid)}
                group = (lang, json.dumps(own, sort_keys=True))
            else:
                own, group = shared, (lang, "")
            groups.setdefault(group, (own, []))[1].append(sid)
        for (lang, _), (own, sids) in groups.items():
            base = bases.get(lang, bases[room.lang])
            self.socketio.emit("state", {**base, **own}, to=sids, namespace="/student")

    def cut_off(self, code: str, role: str, old_key: str) -> None:
        """Disconnect the projectors or teachers (of this worker) still on a rotated key.

        Other workers' sockets on the old key get nothing more either: they sit in the old
        key's channel, and the teacher's events check the key again (`_keyed_room`).
        """
        name, namespace = channel(code, role, old_key), f"/{role}"
        server = self.socketio.server
        for sid, _ in list(server.manager.get_participants(namespace, name)):
            server.disconnect(sid, namespace=namespace)

    def let_go(self, code: str) -> None:
        """Disconnect every socket of a room this worker no longer runs, and forget its state.

        The pages reconnect by themselves, through the proxy, to the room's new worker.
        """
        with self._lock:
            self._dirty.discard(code)
            self._last_student.pop(code, None)
            self._last_help.pop(code, None)
        server = self.socketio.server
        for role in ("student", "screen", "teach"):
            namespace = f"/{role}"
            names = list(server.manager.rooms.get(namespace, {}))
            for name in names:
                if name is not None and name.startswith(f"{code}/"):
                    for sid, _ in list(server.manager.get_participants(namespace, name)):
                        server.disconnect(sid, namespace=namespace)

    def send_one(
        self, room: Room, role: str, sid: str, pid: str | None = None, lang: str | None = None
    ) -> None:
        """Send one socket (just connected) its role's view of `room` (a phone's in `lang`)."""
        view = build(role, room, self.base_url, pid, lang)
        if role == "student":  # this phone has the help set now (see _send_students)
            with self._lock:
                sent = self._last_help.setdefault(room.code, {})
                sent.setdefault(view["room"]["lang"], view["help"])
        self.socketio.emit("state", view, to=sid, namespace=f"/{role}")

    def send_own(self, room: Room, pid: str) -> None:
        """Send every socket of one phone its view: its own questions changed, seen by no other."""
        langs = room.presence.languages()
        for sid, other in room.presence.sockets():
            if other == pid:  # a second tab of the phone that asked, withdrew or said "me too"
                self.send_one(room, "student", sid, pid, langs.get(sid))

    def mark(self, room: Room) -> None:
        """Note that `room` changed by answers or connections; send soon, coalesced."""
        if self.interval <= 0:
            self.send(room, every_phone=False)
            return
        with self._lock:
            self._dirty.add(room.code)
            if self._running:  # the common case on the vote path: one lock, no more
                return
        self.start()

    def start(self) -> None:
        """Run the background loop (flushes and timers) unless it already runs."""
        with self._lock:
            if self._running:
                return
            self._running = True
        self.socketio.start_background_task(self._loop)

    def _busy(self) -> bool:
        return bool(self._dirty) or any(
            r.deadline is not None or r.questions.due() for r in self.rooms.all()
        )

    def _loop(self) -> None:
        while True:
            self.socketio.sleep(self.interval if self.interval > 0 else TIMER_TICK)
            try:
                self._tick()
            except Exception:  # a broken tick must not stop the timers of every room
                log.exception("broadcast tick failed")
            with self._lock:
                if not self._busy():
                    self._running = False
                    return

    def _tick(self) -> None:
        for room in self.rooms.all():
            # Both, every tick: a slot of the "me too" counts turns whatever else happens.
            expired, published = room.expire(), room.questions.publish()
            if expired or published or room.code in self._dirty:
                self.send(room, every_phone=False)
