"""The Redis store shared by several workers: one runs a room at a time; Redis may restart."""

from __future__ import annotations

import time

import pytest
import redis
from redisserver import RedisServer

from classroom.store import AnswerRecord, RoomRecord, StoreError
from classroom.store.redis_store import RedisStore


def record(code="K7RM4P") -> RoomRecord:
    return RoomRecord(code=code, lesson_id="live-test", lang="en", salt="s", teacher_key="t",
                      created=1.0, screen_key="k")


@pytest.fixture
def workers(redis_url):
    made = [RedisStore(redis_url, lease=1.0), RedisStore(redis_url, lease=1.0)]
    yield made
    for store in made:
        store.close()


def test_a_room_is_run_by_one_worker_and_handed_over_when_another_asks(workers):
    first, second = workers
    first.create_room(record()).wait()
    assert not second.claim("K7RM4P")  # the first runs it: the second asks for it
    assert first.renew(["K7RM4P"]) == ["K7RM4P"]  # ...and the first lets go at its renewal
    assert second.claim("K7RM4P")
    second.save_answer("K7RM4P", AnswerRecord(1, "p1", 0)).wait()
    with pytest.raises(StoreError, match="another worker"):
        first.save_answer("K7RM4P", AnswerRecord(1, "p1", 2)).wait()
    assert second.load_room("K7RM4P").answers == [AnswerRecord(1, "p1", 0)]
    assert first.renew(["K7RM4P"]) == ["K7RM4P"]


def test_a_dead_workers_rooms_are_free_once_its_lease_runs_out(workers):
    first, second = workers
    first.create_room(record()).wait()
    first.redis.close()  # as if killed: it renews nothing more
    first.held.clear()
    deadline = time.monotonic() + 3
    while not second.claim("K7RM4P"):
        assert time.monotonic() < deadline, "the lease never ran out"
        time.sleep(0.1)


def test_a_worker_keeps_its_rooms_through_renewals(workers):
    first, second = workers
    first.create_room(record()).wait()
    for _ in range(3):
        assert first.renew(["K7RM4P"]) == []
    assert first.held == {"K7RM4P"}


def test_closing_a_worker_frees_its_rooms_at_once(workers):
    first, second = workers
    first.create_room(record()).wait()
    first.close()
    assert second.claim("K7RM4P")


@pytest.mark.parametrize("kill", [False, True], ids=["stopped", "killed"])
def test_acknowledged_answers_survive_a_redis_restart(tmp_path, kill):
    server = RedisServer(tmp_path / "redis").start()
    store = RedisStore(server.url)
    try:
        store.create_room(record()).wait()
        for i in range(200):
            store.save_answer("K7RM4P", AnswerRecord(1, f"p{i}", i % 4)).wait()
        server.restart(kill=kill)
        with pytest.raises(StoreError):  # while it is down: "not saved", never a false ack
            server.stop()
            store.save_answer("K7RM4P", AnswerRecord(1, "late", 0)).wait()
        server.start()
        store.save_answer("K7RM4P", AnswerRecord(1, "p200", 1)).wait()
        assert len(store.load_room("K7RM4P").answers) == 201
    finally:
        store.close()
        server.stop()


def test_a_wrong_redis_address_says_so_at_start():
    with pytest.raises(redis.ConnectionError):
        RedisStore("redis://127.0.0.1:1/0")
