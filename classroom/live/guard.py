"""The teacher's say over who may watch and who may join: keys, class size, waiting phones."""

from __future__ import annotations

from classroom.store import RoomRecord

from .ids import new_secret
from .room import Room

MAX_CLASS = 2000
KEYS = {"teacher": "teacher_key", "projector": "screen_key"}


def rotate(room: Room, which: str) -> None:
    """Give the teacher ("teacher") or the projector ("projector") link a new key.

    Whoever holds the old key is shut out; the socket layer moves the teacher who asked over
    to the new key, so a teacher who rotates is never locked out mid-lesson.
    """
    field = KEYS.get(which)
    if field is None:
        raise room.error("bad-value")

    def mutate(record: RoomRecord) -> None:
        setattr(record, field, new_secret())

    room.change(mutate)


def expect(room: Room, size: int) -> None:
    """Set the class size: phones beyond it wait for the teacher (0: no limit)."""
    if not 0 <= size <= MAX_CLASS:
        raise room.error("bad-value")

    def mutate(record: RoomRecord) -> None:
        record.expected = size

    room.change(mutate)


def admit(room: Room, label: str, allow: bool) -> None:
    """Let the waiting phone with `label` join (its next try gets in), or turn it away."""

    def mutate(record: RoomRecord) -> None:
        if not room.waiting.decide(label, allow):
            raise room.error("bad-value")

    room.change(mutate)
