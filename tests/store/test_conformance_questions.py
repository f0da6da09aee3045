"""The Store protocol's question methods, held to their one-line contracts on every store.

Written against the protocol only (a room record, then the four methods, `open_rooms` and
`load_room`); the `store` fixture (conftest.py) runs each test on SQLite and on Redis.
"""

from __future__ import annotations

import pytest

from classroom.store import QuestionRecord, RoomRecord, StoreError


@pytest.fixture
def code(store) -> str:
    record = RoomRecord("K7RM4P", "live-test", "en", "salt", "teacher", 1.0, phase="step", step=0)
    store.create_room(record).wait()
    return record.code


def saved(store, code: str):
    [room] = [saved for saved in store.open_rooms() if saved.record.code == code]
    assert store.load_room(code) == room  # one room loads as all of them do
    return room


def asked(n: int, **changes) -> QuestionRecord:
    return QuestionRecord(**{"id": f"q{n}", "seq": n, "text": f"question {n}",
                             "owner": f"owner-{n}", **changes})


def test_a_saved_question_comes_back_as_it_was_saved(store, code):
    store.save_question(code, asked(2, flagged=True)).wait()
    store.save_question(code, asked(1)).wait()
    assert saved(store, code).questions == [asked(1), asked(2, flagged=True)]  # in order of seq


def test_saving_again_updates_text_state_and_keeps_every_me_too(store, code):
    store.save_question(code, asked(1)).wait()
    store.add_me_too(code, "q1", "voter-a").wait()
    store.add_me_too(code, "q1", "voter-b").wait()
    changed = asked(1, text="edited", status="approved", me_too=2, shown=True)
    store.save_question(code, changed).wait()
    room = saved(store, code)
    assert room.questions == [changed]
    assert sorted(room.me_too) == [("q1", "voter-a"), ("q1", "voter-b")]


def test_a_me_too_is_counted_once_per_token(store, code):
    store.save_question(code, asked(1)).wait()
    store.add_me_too(code, "q1", "voter-a").wait()
    with pytest.raises(StoreError):
        store.add_me_too(code, "q1", "voter-a").wait()
    room = saved(store, code)
    assert room.questions[0].me_too == 1 and room.me_too == [("q1", "voter-a")]


def test_deleting_a_question_forgets_its_me_toos(store, code):
    for n in (1, 2):
        store.save_question(code, asked(n)).wait()
        store.add_me_too(code, f"q{n}", f"voter-{n}").wait()
    store.delete_question(code, "q1").wait()
    room = saved(store, code)
    assert [q.id for q in room.questions] == ["q2"] and room.me_too == [("q2", "voter-2")]


def test_unlinking_forgets_owners_and_voters_and_keeps_texts_and_counts(store, code):
    store.save_question(code, asked(1, status="approved")).wait()
    store.add_me_too(code, "q1", "voter-a").wait()
    store.unlink_questions(code).wait()
    room = saved(store, code)
    assert room.questions == [asked(1, status="approved", owner="", me_too=1)]
    assert room.me_too == []


def test_questions_go_with_their_room_when_it_is_purged(store, code):
    store.save_question(code, asked(1)).wait()
    store.add_me_too(code, "q1", "voter-a").wait()
    assert store.purge(before=float("inf")) == 1
    assert store.open_rooms() == []
    assert not store.has_room(code)
