"""The stores under test: every contract test runs once on SQLite and once on Redis."""

from __future__ import annotations

from pathlib import Path

import pytest

from classroom.store.redis_store import RedisStore
from classroom.store.sqlite import SQLiteStore


class Backing:
    """Where a store keeps its data: open one store (or another process's) on it."""

    def __init__(self, kind: str, tmp_path: Path, redis_server=None, redis_url=None) -> None:
        self.kind, self.tmp_path = kind, tmp_path
        self.redis_server, self.redis_url = redis_server, redis_url
        self.opened: list = []

    def open(self):
        """Open a store on this backing (as a new process would)."""
        if self.kind == "sqlite":
            store = SQLiteStore(str(self.tmp_path / "store.sqlite3"))
        else:
            store = RedisStore(self.redis_url)
        self.opened.append(store)
        return store

    def files(self) -> bytes:
        """Return every byte the store keeps on disk."""
        folder = self.tmp_path if self.kind == "sqlite" else self.redis_server.folder
        return b"".join(p.read_bytes() for p in Path(folder).rglob("*") if p.is_file())


@pytest.fixture(params=["sqlite", "redis"])
def backing(request, tmp_path):
    if request.param == "redis":
        made = Backing("redis", tmp_path, request.getfixturevalue("redis_server"),
                       request.getfixturevalue("redis_url"))
    else:
        made = Backing("sqlite", tmp_path)
    yield made
    for store in made.opened:
        store.close()


@pytest.fixture
def store(backing):
    return backing.open()
