"""Shared fixtures: a factory of fresh test apps, one database each."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from classroom import create_app

PUBLIC_URL = "http://192.0.2.10:5000"  # a documentation address: never a real host


@pytest.fixture
def make_app(tmp_path):
    """Return `make(content_paths, **config)`: an app in threading mode; stores closed after."""
    made = []

    def make(content_paths: Iterable[Path] | None = None, **config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test",
                "CLASSROOM_DB": str(tmp_path / f"app{len(made)}.sqlite3"),
                "CLASSROOM_ASYNC_MODE": "threading",
                "CLASSROOM_PUBLIC_URL": PUBLIC_URL,
                "CLASSROOM_CONTENT_PATHS": [str(p) for p in content_paths or []] or None,
                **config,
            }
        )
        made.append(app)
        return app

    yield make
    for app in made:
        app.extensions["classroom.store"].close()


@pytest.fixture
def client(app):
    """Return a Flask test client of the folder's `app`."""
    return app.test_client()
