"""Helpers of the domain tests: the test lesson's paths and steps, a clock, phones."""

from __future__ import annotations

from pathlib import Path

from classroom.live import actions
from classroom.live.registry import Rooms
from classroom.store import open_store

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_PATHS = [FIXTURES / "lessons", FIXTURES / "quizzes"]
# Step indexes of tests/live/fixtures/lessons/live-test.yaml, by kind.
STEPS = {
    "notice": 0,
    "slide": 1,
    "choice": 2,
    "check": 3,
    "multi": 4,
    "scale": 5,
    "flag": 6,
    "text": 7,
    "rank": 8,
    "discuss": 9,
}


class Clock:
    """A clock that moves only when the test says so."""

    def __init__(self, now: float = 1_764_410_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        """Move the clock forward."""
        self.now += seconds


def device(n: int) -> str:
    """Return the device key of phone number `n` (valid: 22-64 characters)."""
    return f"phone-{n:04d}-" + "x" * 16


def open_question(room, kind: str) -> None:
    """Show the step of `kind` and open voting on it."""
    actions.go(room, STEPS[kind])
    actions.open_voting(room)


def join(room, count: int, start: int = 0) -> list[str]:
    """Join `count` phones; return their participant ids."""
    return [room.join(device(n)) for n in range(start, start + count)]


def reopen(library, store, clock, tmp_path):
    """Close the store and start a new registry on the same file, as after a restart."""
    store.close()
    again = open_store(str(tmp_path / "live.sqlite3"))
    rooms = Rooms(library, again, clock=clock)
    rooms.restore()
    return rooms, again
