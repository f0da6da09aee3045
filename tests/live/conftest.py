"""Domain fixtures: the test lesson, a store in a temporary folder, a clock the test moves."""

from __future__ import annotations

import pytest
from livekit import CONTENT_PATHS, Clock

from classroom.content.library import load_library
from classroom.live.registry import Rooms
from classroom.store import open_store


@pytest.fixture(scope="session")
def library():
    """Return the test content, checked to load without problems."""
    loaded = load_library(CONTENT_PATHS)
    assert loaded.errors == []  # warnings are fine: one slide holds raw HTML on purpose
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
