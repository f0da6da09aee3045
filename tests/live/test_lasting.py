"""Rooms that last: an ended room is loaded again after a restart and reads the same.

The store's contract for it (the lesson a room started with, the results kept at the end,
one room loaded, all listed) is in tests/store/test_conformance_lasting.py, on every store.
"""

from __future__ import annotations

import json
import sqlite3

import pytest
from livekit import STEPS, device, join, open_question

from classroom.content import snapshot
from classroom.live import actions, question_actions
from classroom.live.kept import dump, read
from classroom.live.questions import ME_TOO_EVERY
from classroom.live.registry import Rooms
from classroom.live.report import build_report, export_rows
from classroom.store import open_store


def restart(library, store, clock):
    """Close the store and open a new registry on the same file, as a restarted server does."""
    store.close()
    again = open_store(store.path)
    rooms = Rooms(library, again, clock=clock)
    rooms.restore()
    return rooms, again


@pytest.fixture
def finished(rooms, clock):
    """Return an ended room: a choice of 5, a scale of 2 (too few), texts approved and not."""
    room = rooms.create("live-test", "en")
    pids = join(room, 5)
    open_question(room, "choice")
    for pid, value in zip(pids, [0, 1, 1, 2, 1], strict=True):
        room.answer(pid, STEPS["choice"], value)
    open_question(room, "scale")
    room.answer(pids[0], STEPS["scale"], 4)
    room.answer(pids[1], STEPS["scale"], 5)
    open_question(room, "text")
    for pid, text in zip(pids, ["trust", "Trust", "ask first", "SECRET-UNAPPROVED", "respect"],
                         strict=True):
        room.answer(pid, STEPS["text"], text)
    approve = [a.mod_id for a in room.step_answers().values() if a.value != "SECRET-UNAPPROVED"]
    actions.moderate_many(room, approve, True)
    clock.advance(60)
    actions.end(room)
    return room


def test_an_ended_room_is_loaded_again_with_the_same_report(library, store, clock, finished):
    before = build_report(finished)
    rooms, again = restart(library, store, clock)
    try:
        assert [r.code for r in rooms.all()] == []  # not loaded until someone asks for it
        reloaded = rooms.get(finished.code.lower())
        assert reloaded is not None and reloaded.phase == "ended"
        assert rooms.get(finished.code) is reloaded  # loaded once
        after = build_report(reloaded)
        assert after == before
        assert list(export_rows(after)) == list(export_rows(before))
        choice = next(q for q in after["questions"] if q["step"] == STEPS["choice"] + 1)
        assert [i["count"] for i in choice["items"]] == [1, 3, 1]
        scale = next(q for q in after["questions"] if q["step"] == STEPS["scale"] + 1)
        assert (scale["shown"], scale["answers"], scale["items"]) == (False, None, [])
        text = next(q for q in after["questions"] if q["step"] == STEPS["text"] + 1)
        assert "SECRET-UNAPPROVED" not in json.dumps(after)
        assert {i["label"].casefold(): i["count"] for i in text["items"]}["trust"] == 2
        # Issue 8's rules hold for the reloaded room: its salt is gone, keys still work.
        assert reloaded.salt == "" and reloaded.check_key(finished.teacher_key)
    finally:
        again.close()


def test_a_phone_of_an_ended_room_that_comes_back_after_a_restart_hears_it_ended(
        library, store, clock, finished):
    rooms, again = restart(library, store, clock)
    try:
        with pytest.raises(Exception) as refused:
            rooms.get(finished.code).join(device(0))
        assert refused.value.code == "room-ended"
    finally:
        again.close()


def test_what_the_report_showed_holds_after_the_end_and_a_restart(library, store, clock, rooms):
    """Report with 3, a 4th answer, end, restart: the report still shows the 3 (no differencing)."""
    room = rooms.create("live-test", "en")
    pids = join(room, 4)
    open_question(room, "choice")
    for pid, value in zip(pids[:3], [0, 0, 1], strict=True):
        room.answer(pid, STEPS["choice"], value)
    first = build_report(room)
    room.answer(pids[3], STEPS["choice"], 2)  # one more: fewer than the group (3) differ
    actions.end(room)
    assert build_report(room)["questions"] == first["questions"]
    rooms2, again = restart(library, store, clock)
    try:
        assert build_report(rooms2.get(room.code))["questions"] == first["questions"]
    finally:
        again.close()


def test_a_room_ended_before_rooms_kept_their_results_publishes_once_from_its_answers(
        library, store, clock, rooms):
    room = rooms.create("live-test", "en")
    pids = join(room, 3)
    open_question(room, "choice")
    for pid in pids:
        room.answer(pid, STEPS["choice"], 1)
    actions.end(room)
    store.save_results(room.code, "").wait()  # as rooms ended before this was kept
    rooms2, again = restart(library, store, clock)
    try:
        report = build_report(rooms2.get(room.code))
        choice = next(q for q in report["questions"] if q["step"] == STEPS["choice"] + 1)
        assert [i["count"] for i in choice["items"]] == [0, 3, 0]
    finally:
        again.close()


def test_kept_results_hold_no_participant_and_no_order(finished, store):
    (text,) = sqlite3.connect(store.path).execute(
        "SELECT results FROM rooms WHERE code = ?", (finished.code,)).fetchone()
    kept = json.loads(text)
    assert set(kept) == {str(s) for s in (2, 3, 4, 5, 6, 7, 8)}  # every question step
    assert kept[str(STEPS["scale"])] is None  # too few: nothing kept to show
    assert kept[str(STEPS["choice"])] == [[0, False, None], [1, False, None], [1, False, None],
                                         [1, False, None], [2, False, None]]
    for pid in finished.participants:
        assert pid not in text
    assert "SECRET-UNAPPROVED" not in text
    assert read(dump(read(text))) == read(text)


def test_purge_forgets_ended_rooms_not_yet_loaded(library, store, clock, finished):
    rooms, again = restart(library, store, clock)
    try:
        clock.advance(31 * 86400)
        assert rooms.purge(30) == 1
        assert rooms.get(finished.code) is None
    finally:
        again.close()


# The store's contract for lasting rooms.


def test_an_older_store_file_gains_the_new_columns(tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE rooms (code TEXT PRIMARY KEY, lesson_id TEXT NOT NULL, lang TEXT NOT NULL,
            salt TEXT NOT NULL, teacher_key TEXT NOT NULL, created REAL NOT NULL,
            phase TEXT NOT NULL, step INTEGER, voting_open INTEGER NOT NULL,
            revealed INTEGER NOT NULL, deadline REAL, locked INTEGER NOT NULL, ended_at REAL,
            updated REAL NOT NULL);
        INSERT INTO rooms VALUES ('K7RM4P', 'live-test', 'en', '', 'k', 1.0, 'ended', NULL,
            0, 0, NULL, 0, 2.0, 2.0);
    """)
    conn.close()
    opened = open_store(str(path))
    try:
        saved = opened.load_room("K7RM4P")
        assert (saved.record.phase, saved.lesson, saved.results) == ("ended", "", "")
    finally:
        opened.close()


def test_every_bundled_lesson_reads_back_from_its_snapshot():
    from classroom.content.library import load_library

    library = load_library()
    for lesson in library.lessons.values():
        lesson_back, plan = snapshot.restore(snapshot.take(library, lesson))
        assert lesson_back == lesson
        assert plan == library.plan(lesson)


@pytest.mark.parametrize("text", ["", "not json", '{"version": 1}', '{"lesson": {"id": 3}}'])
def test_a_snapshot_that_cannot_be_read_back_is_none(text):
    assert snapshot.restore(text) is None


def test_the_class_questions_and_their_me_too_read_the_same_after_a_restart(
        library, store, clock, rooms):
    room = rooms.create("live-test", "en")
    box, group = room.questions, room.min_group
    phones = []
    for n in range(group + 2):
        pid, key = room.join(device(n)), box.key_of(device(n))
        box.recognise(pid, key)
        phones.append((pid, key))
    [asked] = box.ask(*phones[0], "Can a screenshot be deleted everywhere?")["asked"]
    question_actions.approve(room, asked["id"])
    for pid, key in phones[1:1 + group]:
        box.me_too(pid, key, asked["id"])
    for _ in range(2):  # taken at the turn of one slot, published at the next
        clock.advance(ME_TOO_EVERY)
        box.publish()
    box.me_too(*phones[1 + group], asked["id"])  # one more, never published: fewer than a group
    actions.end(room)
    before = build_report(room)["asked"]
    assert before == [{"text": "Can a screenshot be deleted everywhere?", "answered": False,
                       "me_too": group}]
    restarted, again = restart(library, store, clock)
    try:
        assert build_report(restarted.get(room.code))["asked"] == before
    finally:
        again.close()
