"""Socket fixtures: an app on the test lesson, and clients for the three roles."""

from __future__ import annotations

import pytest
from socketkit import BASE, CONTENT_PATHS, Phones


@pytest.fixture
def config():
    """Return config to add to the test app's (override in a module to change it)."""
    return {}


@pytest.fixture
def app(make_app, config):
    """Return an app on the test lesson; states are sent at once (no coalescing)."""
    defaults = {
        "CLASSROOM_PUBLIC_URL": BASE,
        "CLASSROOM_DEFAULT_LESSON": "live-test",
        "CLASSROOM_STATE_INTERVAL": 0,
        "CLASSROOM_JOIN_BURST": 100,
    }
    made = make_app(CONTENT_PATHS, **{**defaults, **config})
    # Wrong keys and codes are counted and, past a limit, answered after a pause: these tests
    # send many on purpose; tests/sockets/test_keys.py checks the pause itself.
    made.extensions["classroom.web.strikes"].sleep = lambda seconds: None
    return made


@pytest.fixture
def rooms(app):
    return app.extensions["classroom.rooms"]


@pytest.fixture
def room(rooms):
    return rooms.create("live-test", "en")


@pytest.fixture
def phones(app, room):
    return Phones(app, room)
