"""Every store keeps the `Store` protocol's contracts: the same tests, on SQLite and on Redis.

A method added to the protocol gets its test here (or in another test_conformance_*.py file,
with the `store` fixture of conftest.py), once, and both stores must pass it.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from classroom.store import AnswerRecord, RoomRecord, StoreError

SECRET_TEXT = "meet-me-behind-the-gym-1234"


def record(code="K7RM4P", **changes) -> RoomRecord:
    base = RoomRecord(code=code, lesson_id="live-test", lang="en", salt="salt-" + code,
                      teacher_key="teach-" + code, created=1000.0, screen_key="screen-" + code)
    return replace(base, **changes)


def test_create_room_then_it_is_stored_and_loads_back(store):
    store.create_room(record()).wait()
    assert store.has_room("K7RM4P") and not store.has_room("AAAAAA")
    saved = store.load_room("K7RM4P")
    assert saved.record == record()
    assert (saved.participants, saved.answers) == ([], [])


def test_create_room_refuses_a_code_that_exists(store):
    store.create_room(record()).wait()
    with pytest.raises(StoreError):
        store.create_room(record(lang="nl")).wait()
    assert store.load_room("K7RM4P").record.lang == "en"


def test_save_room_keeps_every_field_a_teacher_can_change(store):
    store.create_room(record()).wait()
    changed = record(phase="step", step=3, voting_open=True, revealed=True, deadline=1090.5,
                     locked=True, teacher_key="new-teach", screen_key="new-screen", expected=28)
    store.save_room(changed).wait()
    assert store.load_room("K7RM4P").record == changed


def test_add_participant_keeps_each_one_once(store):
    store.create_room(record()).wait()
    for pid in ["p1", "p2", "p1"]:
        store.add_participant("K7RM4P", pid).wait()
    assert sorted(store.load_room("K7RM4P").participants) == ["p1", "p2"]


@pytest.mark.parametrize("value", [2, [0, 3], {"flag": "red", "criterion": None}, "trust", None])
def test_save_answer_replaces_the_participants_earlier_answer(store, value):
    store.create_room(record()).wait()
    store.save_answer("K7RM4P", AnswerRecord(4, "p1", "first")).wait()
    store.save_answer("K7RM4P", AnswerRecord(4, "p1", value, passed=value is None)).wait()
    store.save_answer("K7RM4P", AnswerRecord(5, "p1", "other step", mod_id="t2", flagged=True,
                                             status="pending")).wait()
    answers = sorted(store.load_room("K7RM4P").answers, key=lambda a: a.step)
    assert answers == [
        AnswerRecord(4, "p1", value, passed=value is None),
        AnswerRecord(5, "p1", "other step", mod_id="t2", flagged=True, status="pending"),
    ]


def test_delete_answers_forgets_one_step_only(store):
    store.create_room(record()).wait()
    for step, pid in [(4, "p1"), (4, "p2"), (5, "p1")]:
        store.save_answer("K7RM4P", AnswerRecord(step, pid, 1)).wait()
    store.delete_answers("K7RM4P", 4).wait()
    assert store.load_room("K7RM4P").answers == [AnswerRecord(5, "p1", 1)]


def test_rooms_since_lists_running_and_ended_rooms_oldest_first(store):
    for code, created in [("CCCCCC", 30.0), ("AAAAAA", 10.0), ("BBBBBB", 20.0)]:
        store.create_room(record(code, created=created)).wait()
    store.save_room(record("CCCCCC", created=30.0, phase="ended", ended_at=40.0)).wait()
    assert [r.code for r in store.rooms_since(15.0)] == ["BBBBBB", "CCCCCC"]
    assert store.rooms_since(15.0)[1].phase == "ended"


def test_meta_keeps_a_setting(store):
    assert store.get_meta("color") is None
    store.set_meta("color", "blue").wait()
    store.set_meta("color", "green").wait()
    assert store.get_meta("color") == "green"


def test_purge_deletes_rooms_ended_before_the_cutoff_with_their_answers(store):
    store.create_room(record("AAAAAA")).wait()
    store.create_room(record("BBBBBB")).wait()
    store.add_participant("BBBBBB", "p1").wait()
    store.save_answer("BBBBBB", AnswerRecord(1, "p1", 2)).wait()
    store.save_room(record("BBBBBB", phase="ended", ended_at=100.0)).wait()
    assert store.purge(before=200.0) == 1
    assert store.has_room("AAAAAA") and not store.has_room("BBBBBB")
    assert store.purge(before=time.time() + 10) == 1  # untouched since: gone as well
    assert not store.has_room("AAAAAA")


def test_a_process_runs_the_rooms_it_claims_until_it_releases_them(store):
    store.create_room(record()).wait()
    assert store.claim("K7RM4P")
    assert store.renew(["K7RM4P"]) == []
    store.release("K7RM4P")
    assert store.claim("K7RM4P")
    store.save_answer("K7RM4P", AnswerRecord(1, "p1", 0)).wait()


def test_scrub_leaves_no_copy_of_a_deleted_answer_in_the_files(store, backing):
    store.create_room(record()).wait()
    store.save_answer("K7RM4P", AnswerRecord(1, "p1", SECRET_TEXT)).wait()
    store.delete_answers("K7RM4P", 1).wait()
    store.scrub()
    deadline = time.monotonic() + 10  # Redis rewrites its file in the background
    while SECRET_TEXT.encode() in backing.files() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert SECRET_TEXT.encode() not in backing.files()


def test_close_writes_what_is_queued_and_another_process_reads_it(store, backing):
    store.create_room(record()).wait()
    pending = [store.save_answer("K7RM4P", AnswerRecord(1, f"p{i}", i)) for i in range(50)]
    store.close()
    for write in pending:
        write.wait()
    again = backing.open()
    assert len(again.load_room("K7RM4P").answers) == 50
