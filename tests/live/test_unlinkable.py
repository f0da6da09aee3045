"""Unlinkable by design: what the database file holds, and what it no longer holds.

Read as someone with the laptop's database file (and perhaps a student's phone) would: the
rows, and the raw bytes of the file and its write-ahead log.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from livekit import STEPS, device, join, open_question

from classroom.live import actions, question_actions
from classroom.live.ids import participant_id
from classroom.live.registry import Rooms
from classroom.store import open_store


def db_path(store) -> Path:
    return Path(store.path)


def file_bytes(store) -> bytes:
    """Return the bytes of the database file and its write-ahead log, as a disk holds them."""
    path = db_path(store)
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def rows(store, sql: str, *args) -> list[tuple]:
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def room_values(store, code: str) -> set[str]:
    """Return every value the database keeps about one room (its rows, answers, participants)."""
    found = set()
    for table, column in (("rooms", "code"), ("participants", "room"), ("answers", "room")):
        for row in rows(store, f"SELECT * FROM {table} WHERE {column} = ?", code):
            found.update(str(value) for value in row)
    return found


def test_one_phone_in_two_rooms_leaves_no_common_value(rooms, store):
    first, second = rooms.create("live-test", "en"), rooms.create("live-test", "en")
    # The phone makes a new random key for every room (student.js); here, two keys.
    for room, key in ((first, device(1)), (second, device(2))):
        pid = room.join(key)
        others = join(room, 3, start=10)  # the same classmates in both rooms, with new keys too
        open_question(room, "choice")
        room.answer(pid, STEPS["choice"], 1)
        for other in others:
            room.answer(other, STEPS["choice"], 0)
    shared = room_values(store, first.code) & room_values(store, second.code)
    # What any two rooms of the same lesson share: lesson (and its text as they started),
    # language, phase, flags, steps, and the report's results not yet kept ("").
    (lesson,) = rows(store, "SELECT lesson FROM rooms WHERE code = ?", first.code)[0]
    generic = {"live-test", "en", "step", "0", "1", "None", "False", "True", str(STEPS["choice"]),
               lesson, ""}
    assert shared <= generic | {str(first.created)}, shared - generic


def test_a_phone_that_reuses_its_key_is_still_another_participant_in_each_room(rooms):
    first, second = rooms.create("live-test", "en"), rooms.create("live-test", "en")
    assert first.join(device(1)) != second.join(device(1))  # each room salts its own way


def test_the_end_of_the_lesson_wipes_the_salt_so_no_phone_can_be_matched(rooms, store):
    room = rooms.create("live-test", "en")
    pid = room.join(device(1))
    open_question(room, "choice")
    room.answer(pid, STEPS["choice"], 2)
    salt = room.salt
    assert rows(store, "SELECT salt FROM rooms WHERE code = ?", room.code) == [(salt,)]
    actions.end(room)
    # A phone that kept its key (it was off when the lesson ended) cannot be matched any more:
    # the file has the participant's hash, but not the salt it was made with.
    assert rows(store, "SELECT salt FROM rooms WHERE code = ?", room.code) == [("",)]
    assert salt.encode() not in file_bytes(store)
    stored = rows(store, "SELECT participant FROM answers WHERE room = ?", room.code)
    stored = {row[0] for row in stored}
    assert stored == {pid}
    assert participant_id("", device(1)) not in stored
    assert room.join(device(1)) == pid  # this run still knows it: thank-you and help page


@pytest.mark.parametrize("end", ["reset", "reject", "end"])
def test_deleted_text_is_gone_from_the_file_and_its_log(rooms, store, end):
    room = rooms.create("live-test", "en")
    pids = join(room, 3)
    open_question(room, "text")
    room.answer(pids[0], STEPS["text"], "SECRET-WORDS-OF-ONE")
    room.answer(pids[1], STEPS["text"], "kept and approved")
    room.answer(pids[2], STEPS["text"], "SECRET-WORDS-OF-TWO")
    store.scrub()  # as SQLite checkpoints now and then: the texts are in the file itself now
    assert b"SECRET-WORDS-OF-ONE" in db_path(store).read_bytes()  # seen while it is there
    texts = {pid: answer.mod_id for pid, answer in room.step_answers().items()}
    actions.moderate(room, texts[pids[1]], True)
    if end == "reset":
        actions.reset(room)
    elif end == "reject":
        actions.moderate(room, texts[pids[0]], False)
        actions.moderate(room, texts[pids[2]], False)
    else:  # never moderated: deleted when the lesson ends
        actions.end(room)
    found = file_bytes(store)
    assert b"SECRET-WORDS-OF-ONE" not in found and b"SECRET-WORDS-OF-TWO" not in found
    if end != "reset":
        assert b"kept and approved" in found  # approved text stays for the report


def test_nothing_deleted_comes_back_after_a_clean_stop(library, clock, tmp_path):
    store = open_store(str(tmp_path / "stop.sqlite3"))
    rooms = Rooms(library, store, clock=clock)
    room = rooms.create("live-test", "en")
    pids = join(room, 2)
    open_question(room, "text")
    room.answer(pids[0], STEPS["text"], "SECRET-BEFORE-RESET")
    store.scrub()  # in the database file itself, not only in its log
    actions.reset(room)
    store.close()
    path = tmp_path / "stop.sqlite3"
    assert b"SECRET-BEFORE-RESET" not in path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_a_rejected_text_cannot_be_approved_afterwards(rooms):
    room = rooms.create("live-test", "en")
    (pid,) = join(room, 1)
    open_question(room, "text")
    room.answer(pid, STEPS["text"], "gone")
    mod_id = room.step_answers()[pid].mod_id
    actions.moderate(room, mod_id, False)
    assert room.step_answers()[pid].value is None
    with pytest.raises(Exception, match="bad-value"):
        actions.moderate(room, mod_id, True)


def test_an_old_file_gets_a_projector_key_and_loses_its_library_key(library, clock, tmp_path):
    path = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript("""
        CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE rooms (
            code TEXT PRIMARY KEY, lesson_id TEXT NOT NULL, lang TEXT NOT NULL,
            salt TEXT NOT NULL, teacher_key TEXT NOT NULL, created REAL NOT NULL,
            phase TEXT NOT NULL, step INTEGER, voting_open INTEGER NOT NULL,
            revealed INTEGER NOT NULL, deadline REAL, locked INTEGER NOT NULL, ended_at REAL,
            updated REAL NOT NULL);
        INSERT INTO meta VALUES ('admin_key', 'OLD-LIBRARY-KEY-IN-THE-DATABASE');
        INSERT INTO rooms VALUES ('K7RM4P', 'live-test', 'en', 'salt', 'teacher-key-of-old',
            1.0, 'lobby', NULL, 0, 0, NULL, 0, NULL, 9e9);
    """)
    conn.close()
    store = open_store(str(path))
    try:
        rooms = Rooms(library, store, clock=clock)
        rooms.restore()
        room = rooms.get("K7RM4P")
        assert room.check_key("teacher-key-of-old")
        assert len(room.screen_key) >= 30 and room.check_key(room.screen_key, "screen")
        assert b"OLD-LIBRARY-KEY-IN-THE-DATABASE" not in file_bytes(store)
    finally:
        store.close()


def test_every_connection_overwrites_what_it_deletes(tmp_path, monkeypatch):
    """secure_delete: on by default in some SQLite builds (Debian's), off in others."""
    from classroom.store import sqlite as backend

    plain = sqlite3.connect

    def without_it(*args, **kwargs):
        conn = plain(*args, **kwargs)
        conn.execute("PRAGMA secure_delete=OFF")  # as a build without it would start
        return conn

    monkeypatch.setattr(backend.sqlite3, "connect", without_it)
    conn = backend.connect(str(tmp_path / "x.sqlite3"))
    try:
        assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)
    finally:
        conn.close()


def _ask(room, n: int, text: str) -> tuple[str, str]:
    """Let phone `n` ask `text`; return (question id, participant id)."""
    pid = room.join(device(n))
    key = room.questions.key_of(device(n))
    room.questions.recognise(pid, key)
    [new] = room.questions.ask(pid, key, text)["asked"][-1:]
    return new["id"], pid


@pytest.mark.parametrize("how", ["hide", "withdraw"])
def test_a_hidden_or_withdrawn_question_is_gone_from_the_file_at_once(rooms, store, how):
    room = rooms.create("live-test", "en")
    qid, pid = _ask(room, 1, "SECRET-QUESTION-OF-ONE")
    store.scrub()
    assert b"SECRET-QUESTION-OF-ONE" in db_path(store).read_bytes()  # seen while it is there
    if how == "hide":
        question_actions.hide(room, qid)
    else:
        room.questions.withdraw(pid, room.questions.key_of(device(1)), qid)
    assert b"SECRET-QUESTION-OF-ONE" not in file_bytes(store)


def test_after_the_lesson_only_approved_questions_stay_and_nothing_ties_them_to_a_phone(
    rooms, store
):
    room = rooms.create("live-test", "en")
    waiting, _ = _ask(room, 1, "SECRET-NEVER-READ")
    hidden, _ = _ask(room, 2, "SECRET-HIDDEN")
    kept, asker = _ask(room, 3, "An approved question")
    again, _ = _ask(room, 3, "Another approved one, from the same phone")
    for qid in (kept, again):
        question_actions.approve(room, qid)
    question_actions.hide(room, hidden)
    voters = [room.join(device(n)) for n in (4, 5)]
    for n, pid in zip((4, 5), voters, strict=True):
        room.questions.me_too(pid, room.questions.key_of(device(n)), kept)
    owners = dict(rows(store, "SELECT id, owner FROM questions WHERE room = ?", room.code))
    tokens = set(owners.values()) | {row[0] for row in rows(store, "SELECT voter FROM me_too")}
    # While the lesson runs: one token per question and phone, none a participant id, so the
    # file cannot group a phone's questions, nor tie them to its answers.
    assert len(tokens) == 6 and owners[kept] != owners[again]
    participants = {row[0] for row in rows(store, "SELECT id FROM participants")}
    assert tokens.isdisjoint(participants) and asker in participants
    actions.end(room)
    assert sorted(rows(store, "SELECT text, status, owner, me_too FROM questions")) == [
        ("An approved question", "approved", "", 2),
        ("Another approved one, from the same phone", "approved", "", 0),
    ]
    assert rows(store, "SELECT * FROM me_too") == []
    found = file_bytes(store)
    assert b"SECRET-NEVER-READ" not in found and b"SECRET-HIDDEN" not in found
    assert not any(token.encode() in found for token in tokens)
    assert waiting not in {row[0] for row in rows(store, "SELECT id FROM questions")}
