"""Web fixtures: an app on two small test lessons, with a room running."""

from __future__ import annotations

from pathlib import Path

import pytest

from classroom import create_app

FIXTURES = Path(__file__).parent / "fixtures"
CONTENT_PATHS = [FIXTURES / "lessons", FIXTURES / "quizzes"]
PUBLIC_URL = "http://192.0.2.10:5000"


@pytest.fixture
def app(tmp_path):
    """Return an app on the web test lessons (nothing bundled)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "CLASSROOM_DB": str(tmp_path / "web.sqlite3"),
            "CLASSROOM_ASYNC_MODE": "threading",
            "CLASSROOM_PUBLIC_URL": PUBLIC_URL,
            "CLASSROOM_CONTENT_PATHS": [str(p) for p in CONTENT_PATHS],
            "CLASSROOM_DEFAULT_LESSON": "web-class",
        }
    )
    yield app
    app.extensions["classroom.store"].close()


@pytest.fixture
def rooms(app):
    """Return the app's room registry."""
    return app.extensions["classroom.rooms"]


@pytest.fixture
def room(rooms):
    """Return a running Dutch room of the web test lesson."""
    return rooms.create("web-class", "nl")


@pytest.fixture
def admin_key(rooms) -> str:
    """Return the library's secret key."""
    return rooms.admin_key
