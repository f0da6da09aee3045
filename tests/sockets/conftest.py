"""Socket fixtures: an app on the test lesson, and clients for the three roles."""

from __future__ import annotations

import pytest
from socketkit import BASE, CONTENT_PATHS, Phones

from classroom import create_app


@pytest.fixture
def config():
    """Return config to add to the test app's (override in a module to change it)."""
    return {}


@pytest.fixture
def app(tmp_path, config):
    """Return an app on the test lesson; states are sent at once (no coalescing)."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "CLASSROOM_DB": str(tmp_path / "sockets.sqlite3"),
            "CLASSROOM_ASYNC_MODE": "threading",
            "CLASSROOM_PUBLIC_URL": BASE,
            "CLASSROOM_CONTENT_PATHS": [str(p) for p in CONTENT_PATHS],
            "CLASSROOM_DEFAULT_LESSON": "live-test",
            "CLASSROOM_STATE_INTERVAL": 0,
            "CLASSROOM_JOIN_BURST": 100,
            **config,
        }
    )
    yield app
    app.extensions["classroom.store"].close()


@pytest.fixture
def rooms(app):
    return app.extensions["classroom.rooms"]


@pytest.fixture
def room(rooms):
    return rooms.create("live-test", "en")


@pytest.fixture
def phones(app, room):
    return Phones(app, room)
