"""Web fixtures: an app on two small test lessons, with a room running."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_PATHS = [FIXTURES / "lessons", FIXTURES / "quizzes"]
PUBLIC_URL = "http://192.0.2.10:5000"


@pytest.fixture
def app(make_app):
    """Return an app on the web test lessons (nothing bundled)."""
    return make_app(CONTENT_PATHS, CLASSROOM_PUBLIC_URL=PUBLIC_URL,
                    CLASSROOM_DEFAULT_LESSON="web-class")


@pytest.fixture
def rooms(app):
    """Return the app's room registry."""
    return app.extensions["classroom.rooms"]


@pytest.fixture
def room(rooms):
    """Return a running Dutch room of the web test lesson."""
    return rooms.create("web-class", "nl")


@pytest.fixture
def admin_key(app) -> str:
    """Return the library's secret key."""
    return app.extensions["classroom.library_key"].get()
