"""A live room: one lesson run by one teacher for the phones that join it."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Callable
from typing import Any

from classroom.content.lessons import Lesson
from classroom.content.library import PlannedStep
from classroom.store import Pending, RoomRecord, Store, StoreError

from .admission import Waiting
from .answers import Answer, BadValue, answer_record, make_answer
from .errors import LiveError
from .ids import participant_id, same_secret, valid_device
from .presence import Presence
from .shown import Shown, group_size

LOBBY, STEP, ENDED = "lobby", "step", "ended"
MAX_TIMER = 3600


class Room:
    """Phases, participants, answers and the teacher's controls; no sockets, no Flask."""

    def __init__(
        self,
        record: RoomRecord,
        lesson: Lesson,
        plan: list[PlannedStep],
        store: Store,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.record = record
        # Kept apart from the record: the end of the lesson wipes the stored salt, while the
        # phones of this run can still come back to the thank-you and help page.
        self.salt = record.salt
        self.lesson = lesson
        self.plan = plan
        self.store = store
        self.clock = clock
        self.participants: set[str] = set()
        self.answers: dict[int, dict[str, Answer]] = {}
        self.presence = Presence()
        self.mod_seq = 0
        self.help_set: Any = None  # the lesson's help set, shown on every phone
        self.help_sets: dict[str, Any] = {}  # the help set of each language of the lesson
        self.shown = Shown(lambda: self.min_group)
        self.waiting = Waiting()
        self.questions: Any = None  # the question box (questions.py), given by the registry
        self._lock = threading.Lock()

    # What the pages and views read.
    code = property(lambda self: self.record.code)
    lang = property(lambda self: self.record.lang)
    teacher_key = property(lambda self: self.record.teacher_key)
    screen_key = property(lambda self: self.record.screen_key)
    phase = property(lambda self: self.record.phase)
    index = property(lambda self: self.record.step)
    locked = property(lambda self: self.record.locked)
    revealed = property(lambda self: self.record.revealed)
    deadline = property(lambda self: self.record.deadline)
    created = property(lambda self: self.record.created)

    @property
    def lock(self) -> threading.Lock:
        """Return the lock to hold while reading the room across several fields (views)."""
        return self._lock

    def key_of(self, role: str) -> str:
        """Return the key of `role`: "teach" (controls everything) or "screen" (only watches)."""
        return self.record.teacher_key if role == "teach" else self.record.screen_key

    def check_key(self, key: object, role: str = "teach") -> bool:
        """Tell whether `key` is this room's key for `role` (constant time)."""
        expected = self.key_of(role)
        return bool(expected) and same_secret(key, expected)

    @property
    def min_group(self) -> int:
        """Return the fewest participants any result (or step of a count) is made of."""
        return group_size(self.lesson.min_group)

    @property
    def expected(self) -> int | None:
        """Return the class size the teacher expects (the room's, else the lesson's), or None."""
        if self.record.expected is not None:
            return self.record.expected or None  # 0: the teacher lifted the lesson's limit
        return self.lesson.class_size

    @property
    def current(self) -> PlannedStep | None:
        """Return the step on show, or None in the lobby and after the end."""
        if self.record.phase != STEP or self.record.step is None:
            return None
        return self.plan[self.record.step]

    @property
    def question(self) -> Any:
        """Return the question on show, or None."""
        current = self.current
        return current.question if current is not None else None

    @property
    def voting_open(self) -> bool:
        """Tell whether answers are taken now (the server clock decides the deadline)."""
        deadline = self.record.deadline
        return self.record.voting_open and (deadline is None or self.clock() < deadline)

    def step_answers(self) -> dict[str, Answer]:
        """Return the answers to the current step, by participant."""
        return self.answers.get(self.record.step, {}) if self.current else {}

    def error(self, code: str) -> LiveError:
        """Return a domain error in this room's language."""
        return LiveError(code, self.lang)

    # Phones.
    def knows(self, device: object) -> bool:
        """Tell whether `device` already joined this room."""
        if not valid_device(device):
            return False
        return participant_id(self.salt, device) in self.participants

    def join(self, device: object) -> str:
        """Return the anonymous participant id of `device`, adding it if new and allowed."""
        if not valid_device(device):
            raise self.error("bad-device")
        pid = participant_id(self.salt, device)
        with self._lock:
            if pid in self.participants:
                return pid
            if self.record.phase == ENDED:
                raise self.error("room-ended")
            if self.record.locked:
                raise self.error("room-locked")
            self._check_room_for(pid)
            self.participants.add(pid)
            pending = self.store.add_participant(self.code, pid)
        try:
            pending.wait()
        except StoreError:
            # Forget it, so that the phone's retry writes it again: kept only in memory, it
            # would be lost on a restart, and a locked room would then refuse that phone.
            with self._lock:
                self.participants.discard(pid)
            raise self.error("not-saved") from None
        return pid

    def _check_room_for(self, pid: str) -> None:
        """Refuse a new phone beyond the expected class size: it waits for the teacher."""
        expected = self.expected
        if expected is None or len(self.participants) < expected or pid in self.waiting.admitted:
            return
        if pid in self.waiting.refused:
            raise self.error("not-admitted")
        label = self.waiting.ask(pid, self.clock())
        if label is None:
            raise self.error("room-full")
        raise LiveError("waiting", self.lang, label=label)

    def answer(
        self, pid: str, step: int, value: Any = None, passed: bool = False
    ) -> dict[str, Any]:
        """Record (or replace) `pid`'s answer to `step`; return `mine` once it is durable."""
        with self._lock:
            self._check_answer(pid, step)
            try:
                new = Answer(passed=True) if passed else make_answer(self.question, value)
            except BadValue:
                raise self.error("bad-value") from None
            if new.status is not None:
                self.mod_seq += 1
                new.mod_id = f"t{self.mod_seq}"
            answers = self.answers.setdefault(step, {})
            old = answers.get(pid)
            answers[pid] = new
            pending = self.store.save_answer(self.code, answer_record(step, pid, new))
        try:
            pending.wait()
        except StoreError:
            self._undo(step, pid, new, old)
            raise self.error("not-saved") from None
        return self.mine(pid)

    def _check_answer(self, pid: str, step: int) -> None:
        if pid not in self.participants:
            raise self.error("bad-device")
        if self.record.phase == ENDED:
            raise self.error("room-ended")
        if self.current is None or step != self.record.step:
            raise self.error("wrong-step")
        if self.question is None or not self.voting_open:
            raise self.error("not-voting")

    def _undo(self, step: int, pid: str, new: Answer, old: Answer | None) -> None:
        with self._lock:
            answers = self.answers.get(step, {})
            if answers.get(pid) is new:
                if old is None:
                    answers.pop(pid)
                else:
                    answers[pid] = old

    def mine(self, pid: str | None) -> dict[str, Any]:
        """Return this participant's own answer to the current step."""
        answer = self.step_answers().get(pid)
        if answer is None:
            return {"answered": False, "passed": False, "value": None}
        return {"answered": True, "passed": answer.passed, "value": answer.value}

    def save(self, *extra: Callable[[], Pending]) -> list[Pending]:
        """Queue the room's state (and `extra` writes) for the store; call under the lock."""
        return [make() for make in extra] + [self.store.save_room(self.record)]

    def change(
        self,
        mutate: Callable[[RoomRecord], list[Callable[[], Pending]] | None],
        scrub: bool = False,
    ) -> None:
        """Apply a teacher's change under the room's lock and wait until it is durable.

        With `scrub`, the change deleted something (answers, a text, the salt): once it is
        durable, the store also wipes the old copies from its files.
        """
        with self._lock:
            if self.record.phase == ENDED:
                raise self.error("room-ended")
            before = dataclasses.replace(self.record)
            extra = mutate(self.record) or []
            after = dataclasses.replace(self.record)
            pendings = self.save(*extra)
        try:
            for pending in pendings:
                pending.wait()
        except StoreError:
            # `not-saved` promises that nothing changed: a teacher who retries `next` must
            # move one step, not two. (Answers a reset dropped are not brought back.)
            with self._lock:
                if self.record == after:  # no later change was built on this one
                    self.record = before
            raise self.error("not-saved") from None
        if scrub:
            self.store.scrub()

    def expire(self) -> bool:
        """Close voting if its deadline has passed; tell whether anything changed."""
        with self._lock:
            deadline = self.record.deadline
            if deadline is None or self.clock() < deadline:
                return False
            self.record.voting_open, self.record.deadline = False, None
            self.save()
        return True
