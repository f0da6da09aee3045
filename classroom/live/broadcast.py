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
from .views import build

log = logging.getLogger(__name__)
TIMER_TICK = 0.2  # how often deadlines are checked when there is no coalescing interval


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
        self._lock = threading.Lock()
        self._running = False

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
        self._send_students(room, every_phone)
        if room.deadline is not None or room.questions.due():
            self.start()

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
        # Each phone gets its own `mine` (a reconnecting page only draws its last state), but
        # most phones share it (all unanswered after `next`): one emit per distinct `mine`
        # encodes the state once for the whole group instead of once per phone.
        # Its own questions too: most phones asked none and share that as well.
        groups: dict[tuple[str | None, str], tuple[dict[str, Any], list[str]]] = {}
        for sid, pid in room.presence.sockets():
            own = {"mine": room.mine(pid), "my_questions": room.questions.mine(pid)}
            group = (langs.get(sid), json.dumps(own, sort_keys=True))
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

    def send_one(
        self, room: Room, role: str, sid: str, pid: str | None = None, lang: str | None = None
    ) -> None:
        """Send one socket (just connected) its role's view of `room` (a phone's in `lang`)."""
        view = build(role, room, self.base_url, pid, lang)
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
