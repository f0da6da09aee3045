"""Shared fixtures: a factory of fresh test apps, one database each."""

from __future__ import annotations

import gc
import warnings
from collections.abc import Iterable
from pathlib import Path

import pytest

from classroom import create_app

PUBLIC_URL = "http://192.0.2.10:5000"  # a documentation address: never a real host


@pytest.fixture(autouse=True, scope="module")
def sweep_after_killed_servers(request):
    """After a module of multi-process tests, collect what its clients left, there and then.

    These tests kill servers on purpose (kill -9 a worker, restart Redis): client sockets whose
    peer was killed sit in reference cycles (a client's threads, its exceptions) and were found
    by the garbage collector minutes later, failing an unrelated test (test_datadir, in CI) as
    an "unclosed socket" warning. Product code is not swept: only modules marked slow.
    """
    yield
    if request.node.get_closest_marker("slow") is None:
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


@pytest.fixture(autouse=True)
def data_dir(tmp_path_factory, monkeypatch):
    """Keep every test (and the servers and commands it starts) out of the user's data folder."""
    folder = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CLASSROOM_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def make_app(tmp_path, data_dir):
    """Return `make(content_paths, **config)`: an app in threading mode; stores closed after."""
    made = []

    def make(content_paths: Iterable[Path] | None = None, **config):
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "test",
                "CLASSROOM_DB": str(tmp_path / f"app{len(made)}.sqlite3"),
                "CLASSROOM_DATA_DIR": str(data_dir),
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


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """Return one real redis-server for the session (skipped without it, outside CI)."""
    from redisserver import RedisServer

    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture
def redis_url(redis_server):
    """Return the URL of the session's redis-server, emptied for this test."""
    import redis

    with redis.Redis.from_url(redis_server.url) as conn:
        conn.flushall()
    return redis_server.url
