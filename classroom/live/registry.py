"""The rooms of one server: several at once, created, found and resumed here."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from classroom.content import snapshot
from classroom.content.lessons import Lesson
from classroom.content.library import Library, PlannedStep
from classroom.store import RoomRecord, SavedRoom, Store

from . import content, kept
from .answers import Answer
from .errors import LiveError
from .ids import new_join_code, new_secret, normalise_code
from .questions import ME_TOO_EVERY, QuestionBox
from .room import ENDED, Room


def restore_room(room: Room, saved: SavedRoom) -> Room:
    """Put back a room's participants and answers from the store after a restart."""
    record = room.record
    if record.step is not None and record.step >= len(room.plan):
        record.step = len(room.plan) - 1  # the lesson file lost steps since
    if not record.screen_key:  # stored before the projector had a key of its own
        record.screen_key = new_secret()
        room.store.save_room(record)
    room.participants.update(saved.participants)
    for row in saved.answers:
        answer = Answer(row.value, row.passed, row.mod_id, row.flagged, row.status)
        room.answers.setdefault(row.step, {})[row.participant] = answer
        if row.mod_id:
            room.mod_seq = max(room.mod_seq, int(row.mod_id.lstrip("t")))
    room.questions.restore(saved.questions, saved.me_too)
    if saved.results:  # an ended room: its report shows what it showed when the lesson ended
        room.shown.freeze(kept.read(saved.results))
        room.questions.keep_published(kept.read_me_too(saved.results))
    return room


TAKE_OVER_WAIT = 4.0  # seconds to wait for a room's lease: longer than a dead worker's lasts
TAKE_OVER_POLL = 0.2


class Rooms:
    """A registry of live rooms over one store and one content library."""

    def __init__(
        self,
        library: Library,
        store: Store,
        *,
        default_lang: str | None = None,
        school_contact: str | None = None,
        clock: Callable[[], float] = time.time,
        me_too_every: float = ME_TOO_EVERY,
    ) -> None:
        self.library = library
        self.store = store
        self.default_lang = default_lang
        self.school_contact = school_contact  # the teacher's `--school`: shown first on help
        self.clock = clock
        self.me_too_every = me_too_every  # seconds between moves of the "me too" counts
        self._rooms: dict[str, Room] = {}
        self._stored: set[str] = set()  # ended rooms in the store, loaded when first asked for
        self._lock = threading.Lock()

    def _lang(self, lesson_languages: list[str], lang: str | None) -> str:
        if lang is not None:
            if lang not in lesson_languages:
                raise ValueError(
                    f"lang: expected one of {', '.join(lesson_languages)}, got {lang!r}"
                )
            return lang
        if self.default_lang in lesson_languages:
            return self.default_lang
        return lesson_languages[0]

    def _lesson(self, lesson_id: str, kept_lesson: str) -> tuple[Lesson, list[PlannedStep]]:
        """Return the lesson a room runs: as it started, else (older rooms) as it is now."""
        restored = snapshot.restore(kept_lesson)
        if restored is not None:
            return restored
        lesson = self.library.lessons[lesson_id]  # KeyError: it no longer loads
        return lesson, self.library.plan(lesson)

    def _room(self, record: RoomRecord, saved: SavedRoom | None = None) -> Room:
        lesson, plan = self._lesson(record.lesson_id, saved.lesson if saved else "")
        room = Room(record, lesson, plan, self.store, self.clock)
        room.questions = QuestionBox(room, self.me_too_every)
        if saved is not None:
            restore_room(room, saved)
        room.help_sets = {lang: self._help_set(lesson, lang) for lang in lesson.languages}
        room.help_set = room.help_sets.get(room.lang)
        return room

    def _help_set(self, lesson, lang: str):
        """Return the lesson's help set for `lang`, with the school's contact filled in."""
        help_set = self.library.help_sets.get(lesson.help_for(lang))
        if help_set is not None:
            help_set = help_set.with_school_contact(self.school_contact, content.school_title(lang))
        return help_set

    def _free_code(self) -> str:
        while True:
            code = new_join_code()
            if code not in self._rooms and not self.store.has_room(code):
                return code

    def create(self, lesson_id: str, lang: str | None = None) -> Room:
        """Start a new room for `lesson_id` (KeyError if no such lesson, ValueError for `lang`)."""
        lesson = self.library.lessons.get(lesson_id)
        if lesson is None:
            raise KeyError(
                f"no lesson {lesson_id!r}; loaded: {', '.join(sorted(self.library.lessons))}"
            )
        record = RoomRecord(
            code="",
            lesson_id=lesson_id,
            lang=self._lang(lesson.languages, lang),
            salt=new_secret(),
            teacher_key=new_secret(),
            created=self.clock(),
            screen_key=new_secret(),
        )
        kept_lesson = snapshot.take(self.library, lesson)
        with self._lock:
            record.code = self._free_code()
            room = self._room(record)
            self._rooms[record.code] = room
        self.store.create_room(record, kept_lesson).wait()
        return room

    def get(self, code: object) -> Room | None:
        """Return the room with this join code (as typed), or None."""
        code = normalise_code(code)
        if not code:
            return None
        room = self._rooms.get(code)
        if room is None and code in self._stored:
            room = self.load(code)
        return room

    def load(self, code: str) -> Room | None:
        """Return a stored room, running or ended, loading it from the store if need be.

        None when it is not stored, or when it keeps no lesson and its lesson no longer loads.
        """
        room = self._rooms.get(code)
        if room is not None:
            return room
        saved = self.store.load_room(code)
        try:
            room = self._room(saved.record, saved) if saved is not None else None
        except KeyError:
            room = None
        with self._lock:
            self._stored.discard(code)
            return self._rooms.setdefault(code, room) if room is not None else None

    def find(
        self, code: object, wait: float = TAKE_OVER_WAIT, take_over: bool = True
    ) -> Room | None:
        """Return the room with this code, taking it over from the store if no process runs it.

        With a shared store, another worker may run the room: it is asked to hand it over and
        lets go within a second; a worker that died lets go when its lease runs out. Raise
        `moving` if that takes longer than `wait` seconds (the client tries again). Without
        `take_over` (a request the proxy did not route by this code), raise `moving` at once:
        a phone must not be able to pull a room to another worker and back, disconnecting
        its class each time.
        """
        code = normalise_code(code)
        room = self._rooms.get(code) if code else None
        if room is not None or not code or not self.store.has_room(code):
            return room
        if not take_over:
            raise LiveError("moving", self.default_lang)
        deadline = time.monotonic() + wait
        while not self.store.claim(code):
            if time.monotonic() >= deadline:
                raise LiveError("moving", self.default_lang)
            time.sleep(TAKE_OVER_POLL)  # cooperative under gevent (monkey-patched)
        saved = self.store.load_room(code)  # running or ended (its report, a phone back)
        try:
            room = self._room(saved.record, saved) if saved is not None else None
        except KeyError:  # kept no lesson, and its lesson no longer loads here
            room = None
        if room is None:
            self.store.release(code)
            return None
        with self._lock:
            self._stored.discard(code)
            return self._rooms.setdefault(code, room)

    def running(self, code: object) -> bool:
        """Tell whether a room with this code runs here or is stored (it may run elsewhere).

        For the join form, whose request any worker may get: asking never moves the room.
        """
        code = normalise_code(code)
        room = self._rooms.get(code) if code else None
        if room is not None:
            return room.phase != ENDED
        return bool(code) and self.store.has_room(code)

    def drop(self, code: str) -> Room | None:
        """Forget a room this process no longer runs (another worker took it); return it."""
        with self._lock:
            return self._rooms.pop(code, None)

    def hand_off(self, code: str) -> None:
        """Let go of a room this process runs, so that the worker the proxy picks takes it."""
        if self.drop(code) is not None:
            self.store.release(code)

    def codes(self) -> list[str]:
        """Return the codes of the rooms this process runs."""
        return list(self._rooms)

    def all(self) -> list[Room]:
        """Return every room of this server, oldest first."""
        return sorted(self._rooms.values(), key=lambda room: room.created)

    def resumable(self, lesson_id: str) -> Room | None:
        """Return the latest room of `lesson_id` that has not ended, or None."""
        running = [r for r in self.all() if r.record.lesson_id == lesson_id and r.phase != ENDED]
        return running[-1] if running else None

    def restore(self) -> list[str]:
        """Load back every unfinished room from the store; return the codes of those skipped.

        Ended rooms stay in the store until someone asks for one (its report, a phone that
        comes back): they are many, and most are never asked for again.
        """
        skipped = []
        for saved in self.store.open_rooms():
            try:
                self._rooms[saved.record.code] = self._room(saved.record, saved)
            except KeyError:  # kept no lesson, and its lesson no longer loads; keep it stored
                skipped.append(saved.record.code)
        self._stored = {r.code for r in self.store.list_rooms() if r.phase == ENDED}
        return skipped

    def purge(self, days: float) -> int:
        """Delete rooms finished (or untouched) more than `days` ago; return how many."""
        cutoff = self.clock() - days * 86400
        with self._lock:
            for code, room in list(self._rooms.items()):
                if room.phase == ENDED and (room.record.ended_at or 0) < cutoff:
                    del self._rooms[code]
            count = self.store.purge(cutoff)
            self._stored = {r.code for r in self.store.list_rooms() if r.phase == ENDED}
        return count
