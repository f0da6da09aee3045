"""Shared fixtures: a fresh app per test."""

import pytest

from classroom import create_app


@pytest.fixture
def app(tmp_path):
    """Return an app with its own instance folder and the threading async mode."""
    return create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "CLASSROOM_DB": str(tmp_path / "test.sqlite3"),
            "CLASSROOM_ASYNC_MODE": "threading",
            "CLASSROOM_PUBLIC_URL": "http://192.0.2.10:5000",
        }
    )


@pytest.fixture
def client(app):
    """Return a Flask test client."""
    return app.test_client()
