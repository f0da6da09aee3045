"""Rooms that last, the store's part: held to the Store protocol's contracts on every store.

The lesson a room started with, the results kept at the end, one room loaded (running or
ended), every room listed. The `store` fixture (conftest.py) runs each on SQLite and Redis.
"""

from __future__ import annotations

from classroom.store import AnswerRecord, RoomRecord, RoomSummary


def record(code: str, created: float, **extra) -> RoomRecord:
    return RoomRecord(code, "live-test", "en", "salt", "teacher-key", created, **extra)


def test_a_store_keeps_a_rooms_lesson_and_results_and_loads_one_room(store):
    store.create_room(record("K7RM4P", 1.0), lesson='{"the": "lesson"}').wait()
    store.add_participant("K7RM4P", "p1").wait()
    store.save_results("K7RM4P", '{"2": null}').wait()
    store.save_results("K7RM4P", '{"2": []}').wait()  # replaces
    saved = store.load_room("K7RM4P")
    assert (saved.record.code, saved.record.teacher_key, saved.participants) == (
        "K7RM4P", "teacher-key", ["p1"])
    assert (saved.lesson, saved.results) == ('{"the": "lesson"}', '{"2": []}')
    assert store.load_room("ZZZZZZ") is None
    store.create_room(record("ABCDEF", 2.0)).wait()  # no lesson given: kept as ""
    assert (store.load_room("ABCDEF").lesson, store.load_room("ABCDEF").results) == ("", "")


def test_a_store_lists_every_room_newest_first_with_who_joined_and_answered(store):
    store.create_room(record("AAAAAA", 1.0)).wait()
    store.create_room(record("BBBBBB", 2.0, phase="ended", ended_at=3.0)).wait()
    for pid in ("p1", "p2", "p3"):
        store.add_participant("BBBBBB", pid).wait()
    store.save_answer("BBBBBB", AnswerRecord(2, "p1", 1)).wait()
    store.save_answer("BBBBBB", AnswerRecord(3, "p1", 0)).wait()
    store.save_answer("BBBBBB", AnswerRecord(2, "p2", None, passed=True)).wait()
    assert store.list_rooms() == [
        RoomSummary("BBBBBB", "live-test", "en", "ended", 2.0, 3.0, joined=3, answered=1),
        RoomSummary("AAAAAA", "live-test", "en", "lobby", 1.0, None, joined=0, answered=0),
    ]


def test_load_room_loads_an_ended_room_and_open_rooms_leaves_it_out(store):
    store.create_room(record("AAAAAA", 1.0)).wait()
    store.create_room(record("BBBBBB", 2.0)).wait()
    store.save_room(record("BBBBBB", 2.0, phase="ended", ended_at=5.0)).wait()
    assert [saved.record.code for saved in store.open_rooms()] == ["AAAAAA"]
    assert store.load_room("BBBBBB").record.phase == "ended"
