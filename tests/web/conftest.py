"""A small fake room registry, so the pages can be tested without the live layer."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import pytest

from classroom.content.lessons import Lesson
from classroom.content.library import Library

LESSON = {
    "id": "sexting-delen",
    "title": {"nl": "Sexting: delen of niet?", "en": "Sexting: share or not?"},
    "summary": {"nl": "Over doorsturen.", "en": "About forwarding."},
    "audience": ["14-16"],
    "minutes": 50,
    "languages": ["nl", "en"],
    "help": "be-nl",
    "steps": [{"slide": {"nl": "Hallo", "en": "Hello"}}],
}
OTHER = dict(LESSON, id="flags", title={"fr": "Les drapeaux"}, languages=["fr"])


@dataclass
class FakeRoom:
    """The part of a live Room the pages use."""

    code: str
    teacher_key: str
    lesson: Lesson
    lang: str
    phase: str = "lobby"

    def check_key(self, key: object) -> bool:
        """Tell whether `key` is this room's teacher key."""
        return key == self.teacher_key


@dataclass
class FakeRooms:
    """The part of the live registry the pages use."""

    library: Library
    admin_key: str = "admin-secret-key"
    rooms: dict[str, FakeRoom] = field(default_factory=dict)
    codes: itertools.count = field(default_factory=lambda: itertools.count(2))

    def get(self, code: str) -> FakeRoom | None:
        """Return the room with this code, or None."""
        return self.rooms.get(code)

    def create(self, lesson_id: str, lang: str | None = None) -> FakeRoom:
        """Start a room for a lesson."""
        number = next(self.codes)
        code = f"ABC{number:03d}".replace("0", "Z").replace("1", "Y")
        lesson = self.library.lessons[lesson_id]
        room = FakeRoom(code, f"teacher-key-{number}", lesson, lang or lesson.languages[0])
        self.rooms[code] = room
        return room

    def all(self) -> list[FakeRoom]:
        """Return every room."""
        return list(self.rooms.values())

    def resumable(self, lesson_id: str) -> FakeRoom | None:
        """Return the latest unfinished room of a lesson."""
        return next((r for r in reversed(self.all()) if r.lesson.id == lesson_id), None)


@pytest.fixture
def rooms(app) -> FakeRooms:
    """Install a fake registry with two lessons and return it."""
    library = Library()
    for data in (LESSON, OTHER):
        lesson = Lesson.model_validate(data)
        library.lessons[lesson.id] = lesson
    registry = FakeRooms(library)
    app.extensions["classroom.rooms"] = registry
    return registry


@pytest.fixture
def room(rooms) -> FakeRoom:
    """Return a running Dutch room."""
    return rooms.create("sexting-delen", "nl")
