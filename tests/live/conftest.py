"""Domain fixtures: the test lesson, a store in a temporary folder, a clock the test moves."""

from __future__ import annotations

from pathlib import Path

import pytest

from classroom.content.library import load_library
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


@pytest.fixture(scope="session")
def library():
    """Return the test content, checked to load without problems."""
    loaded = load_library(CONTENT_PATHS)
    assert loaded.problems == []
    return loaded


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path):
    opened = open_store(str(tmp_path / "live.sqlite3"))
    yield opened
    opened.close()


@pytest.fixture
def rooms(library, store, clock):
    return Rooms(library, store, clock=clock)


@pytest.fixture
def room(rooms):
    """Return a fresh room of the test lesson, in English."""
    return rooms.create("live-test", "en")


def open_question(room, kind: str) -> None:
    """Show the step of `kind` and open voting on it."""
    actions.go(room, STEPS[kind])
    actions.open_voting(room)


def join(room, count: int, start: int = 0) -> list[str]:
    """Join `count` phones; return their participant ids."""
    return [room.join(device(n)) for n in range(start, start + count)]
