"""Two workers' registries on one Redis: a room moves to whichever worker its phones reach."""

from __future__ import annotations

import pytest
from livekit import STEPS, device, join, open_question

from classroom.live.errors import LiveError
from classroom.live.keeper import Keeper
from classroom.live.registry import Rooms
from classroom.store import StoreError
from classroom.store.redis_store import RedisStore


@pytest.fixture
def workers(library, clock, redis_url):
    stores = [RedisStore(redis_url, lease=1.0) for _ in range(2)]
    yield [Rooms(library, store, clock=clock) for store in stores]
    for store in stores:
        store.close()


def test_a_room_moves_to_the_worker_its_phones_reach_with_every_answer(workers):
    first, second = workers
    room = first.create("live-test", "en")
    pids = join(room, 6)
    open_question(room, "choice")
    for i, pid in enumerate(pids):
        room.answer(pid, STEPS["choice"], i % 3)
    let_go = []
    keeper = Keeper(first, let_go.append)
    with pytest.raises(LiveError, match="moving"):
        second.find(room.code, wait=0)  # the first runs it: asked to hand it over
    assert keeper.tick() == [room.code] and let_go == [room.code]
    assert first.get(room.code) is None
    moved = second.find(room.code, wait=0)
    assert {pid: a.value for pid, a in moved.step_answers().items()} == {
        pid: i % 3 for i, pid in enumerate(pids)}
    assert moved.check_key(room.teacher_key) and moved.voting_open
    assert moved.join(device(0)) == pids[0]  # the same phone, the same participant
    # The first worker's copy can no longer write: an answer there is "not saved".
    with pytest.raises(LiveError, match="not-saved"):
        room.answer(pids[0], STEPS["choice"], 2)
    assert moved.step_answers()[pids[0]].value == 0


def test_a_room_whose_worker_died_is_taken_over_once_its_lease_runs_out(workers, redis_url):
    first, second = workers
    room = first.create("live-test", "en")
    pids = join(room, 3)
    first.store.redis.close()  # killed: no renewal, no release
    first.store.held.clear()
    moved = second.find(room.code, wait=3)
    assert moved.participants == set(pids)


def test_an_unknown_code_is_no_room_on_any_worker(workers):
    assert workers[1].find("ZZZZZZ") is None


def test_an_ended_room_reloads_from_redis_on_another_worker_with_the_same_report(workers):
    from classroom.live import actions
    from classroom.live.report import build_report

    first, second = workers
    room = first.create("live-test", "en")
    pids = join(room, 6)
    open_question(room, "choice")
    for i, pid in enumerate(pids):
        room.answer(pid, STEPS["choice"], i % 2)
    actions.end(room)
    report = build_report(room)
    first.hand_off(room.code)
    moved = second.find(room.code, wait=1)
    assert moved is not room and moved.phase == "ended"
    assert build_report(moved) == report


def test_a_write_of_a_room_another_worker_runs_fails(workers):
    first, second = workers
    room = first.create("live-test", "en")
    first.hand_off(room.code)
    second.find(room.code)
    with pytest.raises(StoreError):
        first.store.add_participant(room.code, "x").wait()


def test_a_request_not_routed_by_the_code_never_moves_the_room(workers):
    first, second = workers
    room = first.create("live-test", "en")
    let_go = []
    keeper = Keeper(first, let_go.append)
    with pytest.raises(LiveError, match="moving"):
        second.find(room.code, wait=0, take_over=False)
    assert second.running(room.code)  # the join form knows it runs, elsewhere
    assert keeper.tick() == [] and let_go == []  # nobody asked for it: the first keeps it
    assert first.get(room.code) is room and second.get(room.code) is None
    assert not second.running("ZZZZZZ")
