"""The durable record of rooms, answers and the question box.

Two stores implement one small interface: SQLite (embedded, one process: `classroom run`) and
Redis (shared by several worker processes: `classroom serve --redis URL`). Every write returns
a `Pending`; whoever needs durability (an answer's ack) waits on it, and the store is free to
batch the writes. tests/store/test_conformance.py holds both to every contract below.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


class StoreError(Exception):
    """A write could not be made durable."""


class StoreUnreadable(StoreError):
    """The store's file cannot be opened at start-up: damaged, or not reachable."""

    def __init__(self, path: str, reason: str, damaged: bool) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
        self.damaged = damaged


class Pending(Protocol):
    """A write in flight."""

    def wait(self, timeout: float | None = None) -> None:
        """Block until the write is durable; raise StoreError if it failed."""


@dataclass
class RoomRecord:
    """What a restart needs to resume a room (answers and participants apart)."""

    code: str
    lesson_id: str
    lang: str
    salt: str
    teacher_key: str
    created: float
    phase: str = "lobby"
    step: int | None = None
    voting_open: bool = False
    revealed: bool = False
    deadline: float | None = None
    locked: bool = False
    ended_at: float | None = None
    # The projector's own key: it may watch, never steer ("" in rooms stored before it existed).
    screen_key: str = ""
    expected: int | None = None  # the class size the teacher expects; None: no limit


@dataclass
class AnswerRecord:
    """One participant's answer to one step (participant is the anonymous hash)."""

    step: int
    participant: str
    value: Any
    passed: bool = False
    mod_id: str | None = None
    flagged: bool = False
    status: str | None = None


@dataclass
class QuestionRecord:
    """One question of the question box: what it says and where it stands, never who asked.

    `owner` is a token made from the asking phone's key for this question only: it lets that
    phone withdraw its question, and matches no participant id and no other question's token.
    """

    id: str
    seq: int  # the order questions came in
    text: str | None  # None once hidden: the text is deleted, the asking phone is told
    flagged: bool = False
    status: str = "waiting"  # waiting, approved, answered or hidden
    owner: str = ""  # "" once the lesson ended
    me_too: int = 0
    shown: bool = False  # on the projector now


@dataclass
class SavedRoom:
    """A room as loaded back from the store."""

    record: RoomRecord
    participants: list[str] = field(default_factory=list)
    answers: list[AnswerRecord] = field(default_factory=list)
    questions: list[QuestionRecord] = field(default_factory=list)
    me_too: list[tuple[str, str]] = field(default_factory=list)  # (question id, voter token)
    lesson: str = ""  # the lesson as the room started (content/snapshot.py); "" in older rooms
    results: str = ""  # what the report may show, kept when the lesson ended (live/kept.py)


@dataclass
class RoomSummary:
    """One stored room as a list of rooms shows it: no keys, no salt, no answers."""

    code: str
    lesson_id: str
    lang: str
    phase: str
    created: float
    ended_at: float | None
    joined: int  # participants
    answered: int  # participants who gave at least one answer (not only passes)


class Store(Protocol):
    """The store interface the live rooms use."""

    def create_room(self, record: RoomRecord, lesson: str = "") -> Pending:
        """Insert a new room with its lesson's snapshot, kept as is (fails if the code exists)."""

    def save_room(self, record: RoomRecord) -> Pending:
        """Update a room's phase, step, voting state, lock, keys, salt and class size."""

    def add_participant(self, code: str, participant: str) -> Pending:
        """Record an anonymous participant (a salted hash, nothing else)."""

    def save_answer(self, code: str, answer: AnswerRecord) -> Pending:
        """Record or replace a participant's answer to a step."""

    def delete_answers(self, code: str, step: int) -> Pending:
        """Forget every answer to one step."""

    def save_question(self, code: str, question: QuestionRecord) -> Pending:
        """Record a new question of the question box, or update its text, state and count."""

    def delete_question(self, code: str, question: str) -> Pending:
        """Forget one question of the question box and every "me too" it had."""

    def add_me_too(self, code: str, question: str, voter: str) -> Pending:
        """Record one "me too" (a token of one phone for this question only) and count it."""

    def unlink_questions(self, code: str) -> Pending:
        """Forget which phone asked or said "me too" to any question; texts and counts stay."""

    def has_room(self, code: str) -> bool:
        """Tell whether a room with this code is stored (running or finished)."""

    def open_rooms(self) -> list[SavedRoom]:
        """Load every room that has not ended, with its participants, answers and questions."""

    def load_room(self, code: str) -> SavedRoom | None:
        """Load one room, running or ended, with all it keeps; None when it is not stored."""

    def list_rooms(self) -> list[RoomSummary]:
        """Return a summary of every stored room, newest first."""

    def save_results(self, code: str, results: str) -> Pending:
        """Keep what an ended room's report may show (text kept as is; replaces the last)."""

    def rooms_since(self, since: float) -> list[RoomRecord]:
        """Return every room created at or after `since` (running or ended), oldest first."""

    def claim(self, code: str) -> bool:
        """Run room `code` in this process; False (and ask for it) while another runs it."""

    def renew(self, codes: list[str]) -> list[str]:
        """Keep running `codes`; return those this process must let go (taken or asked for)."""

    def release(self, code: str) -> None:
        """Stop running room `code`, so that another process may take it at once."""

    def get_meta(self, name: str) -> str | None:
        """Return a stored setting, or None."""

    def set_meta(self, name: str, value: str) -> Pending:
        """Store a setting."""

    def purge(self, before: float) -> int:
        """Delete rooms that ended, or were last touched, before `before`; return how many."""

    def scrub(self) -> None:
        """Make what was deleted or overwritten so far unreadable in the store's files."""

    def close(self) -> None:
        """Commit what is queued, scrub, and stop writing."""


def open_store(path: str, async_mode: str = "threading", redis_url: str | None = None) -> Store:
    """Open the Redis store at `redis_url` if given, else the SQLite store at `path`.

    Writes are batched with `async_mode`'s primitives.
    """
    if redis_url:
        from .redis_store import RedisStore

        return RedisStore(redis_url, async_mode)
    from .sqlite import SQLiteStore

    return SQLiteStore(path, async_mode)


def purge_finished(path: str, days: float, now: float | None = None) -> int:
    """Delete rooms finished (or untouched) more than `days` ago; return how many."""
    import time

    from .sqlite import SQLiteStore

    cutoff = (time.time() if now is None else now) - days * 86400
    return SQLiteStore.purge_file(path, cutoff)
