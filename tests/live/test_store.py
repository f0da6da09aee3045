"""The store: durable answers, grouped commits, resume after a restart, purge."""

import threading

import pytest
from livekit import STEPS, device, join, open_question, reopen

from classroom.live import actions
from classroom.live.registry import Rooms
from classroom.store import AnswerRecord, RoomRecord, StoreError, open_store, purge_finished


def test_a_restart_resumes_the_room_where_it_was(library, store, clock, tmp_path, rooms):
    room = rooms.create("live-test", "en")
    pids = join(room, 4)
    open_question(room, "text")
    actions.timer(room, 90)
    for pid, text in zip(pids, ["trust", "respect", "ask", "listen"], strict=True):
        room.answer(pid, STEPS["text"], text)
    actions.moderate(room, room.step_answers()[pids[1]].mod_id, True)
    actions.lock(room, True)

    again, store2 = reopen(library, store, clock, tmp_path)
    resumed = again.get(room.code)
    try:
        assert (resumed.phase, resumed.index, resumed.voting_open) == ("step", STEPS["text"], True)
        assert (resumed.deadline, resumed.locked) == (room.deadline, True)
        assert resumed.check_key(room.teacher_key) and resumed.check_key(room.screen_key, "screen")
        assert resumed.participants == set(pids)
        assert {pid: a.value for pid, a in resumed.step_answers().items()} == {
            pids[0]: "trust",
            pids[1]: "respect",
            pids[2]: "ask",
            pids[3]: "listen",
        }
        assert resumed.step_answers()[pids[1]].status == "approved"
        # The same phone is the same participant after the restart, and moderation ids go on.
        assert resumed.join(device(0)) == pids[0]
        new = resumed.join(device(0))
        resumed.answer(new, STEPS["text"], "changed")
        assert resumed.step_answers()[new].mod_id == "t5"
    finally:
        store2.close()


def test_a_reset_and_a_replaced_answer_survive_a_restart(library, store, clock, tmp_path, rooms):
    room = rooms.create("live-test", "en")
    pids = join(room, 2)
    open_question(room, "choice")
    room.answer(pids[0], STEPS["choice"], 0)
    room.answer(pids[0], STEPS["choice"], 2)
    room.answer(pids[1], STEPS["choice"], passed=True)
    open_question(room, "scale")
    room.answer(pids[0], STEPS["scale"], 3)
    actions.reset(room)
    again, store2 = reopen(library, store, clock, tmp_path)
    resumed = again.get(room.code)
    try:
        choice = resumed.answers[STEPS["choice"]]
        assert (choice[pids[0]].value, choice[pids[1]].passed) == (2, True)
        assert resumed.answers.get(STEPS["scale"], {}) == {}
    finally:
        store2.close()


def test_ended_rooms_are_not_resumed(library, store, clock, tmp_path, rooms):
    ended, running = rooms.create("live-test", "en"), rooms.create("live-test", "en")
    actions.end(ended)
    again, store2 = reopen(library, store, clock, tmp_path)
    try:
        assert [r.code for r in again.all()] == [running.code]
    finally:
        store2.close()


def test_older_rooms_of_a_lesson_that_no_longer_loads_are_skipped_not_lost(library, store, clock):
    record = RoomRecord("K7RM4P", "live-test", "en", "salt", "key", clock())
    store.create_room(record).wait()  # as rooms were stored before they kept their lesson
    library_without = type(library)(quizzes=library.quizzes, help_sets=library.help_sets)
    later = Rooms(library_without, store, clock=clock)
    assert later.restore() == ["K7RM4P"] and later.all() == []
    assert store.has_room("K7RM4P") and later.get("K7RM4P") is None


def test_a_room_runs_the_lesson_as_it_started_even_once_the_file_changed(library, store, clock):
    room = Rooms(library, store, clock=clock).create("live-test", "en")
    plan = [(p.kind, p.key, p.question) for p in room.plan]
    library_without = type(library)(quizzes=library.quizzes, help_sets=library.help_sets)
    later = Rooms(library_without, store, clock=clock)
    assert later.restore() == []
    resumed = later.get(room.code)
    assert [(p.kind, p.key, p.question) for p in resumed.plan] == plan
    assert resumed.lesson == room.lesson


def test_concurrent_answers_are_committed_in_groups(room, store):
    pids = join(room, 30)
    open_question(room, "choice")
    before = store.writer.batches
    start = threading.Barrier(30)

    def vote(pid: str) -> None:
        start.wait()
        room.answer(pid, STEPS["choice"], 1)

    threads = [threading.Thread(target=vote, args=(pid,)) for pid in pids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(room.step_answers()) == 30
    assert store.writer.batches - before < 30  # some answers shared a commit


def test_a_failed_write_fails_alone(store):
    record = RoomRecord("AAAAAA", "live-test", "en", "salt", "key", 1.0)
    store.create_room(record).wait()
    duplicate = store.create_room(record)
    answer = store.save_answer("AAAAAA", AnswerRecord(0, "p1", 1))
    with pytest.raises(StoreError):
        duplicate.wait()
    answer.wait()
    assert [a.value for a in store.open_rooms()[0].answers] == [1]


class Failed:
    """A write that never becomes durable."""

    def wait(self, timeout=None):
        raise StoreError("disk full")


def test_a_join_that_cannot_be_stored_is_written_again_on_the_retry(room, store, monkeypatch):
    add = store.add_participant
    monkeypatch.setattr(store, "add_participant", lambda code, pid: Failed())
    with pytest.raises(Exception) as caught:
        room.join(device(1))
    assert caught.value.code == "not-saved" and not room.participants
    written = []

    def record(code, pid):
        written.append(pid)
        return add(code, pid)

    monkeypatch.setattr(store, "add_participant", record)
    pid = room.join(device(1))
    assert written == [pid] and room.participants == {pid}


def test_an_answer_that_cannot_be_stored_is_not_counted(room, store, monkeypatch):
    pid = room.join(device(1))
    open_question(room, "choice")
    room.answer(pid, STEPS["choice"], 0)
    monkeypatch.setattr(store, "save_answer", lambda code, answer: Failed())
    with pytest.raises(Exception) as caught:
        room.answer(pid, STEPS["choice"], 2)
    assert caught.value.code == "not-saved"
    assert room.step_answers()[pid].value == 0


def test_purge_deletes_rooms_finished_before_the_retention_period(rooms, store, clock, tmp_path):
    old, recent, running = (rooms.create("live-test", "en") for _ in range(3))
    actions.end(old)
    clock.advance(20 * 86400)
    actions.end(recent)
    assert rooms.purge(10) == 1
    assert [r.code for r in rooms.all()] == [recent.code, running.code]
    assert not store.has_room(old.code) and store.has_room(recent.code)


def test_purge_now_from_the_command_line(rooms, store, tmp_path):
    actions.end(rooms.create("live-test", "en"))
    store.close()
    assert purge_finished(str(tmp_path / "live.sqlite3"), days=0, now=2e9) == 1


def test_group_commit_under_gevent(library, clock, tmp_path):
    gevent = pytest.importorskip("gevent")
    store = open_store(str(tmp_path / "gevent.sqlite3"), "gevent")
    try:
        room = Rooms(library, store, clock=clock).create("live-test", "en")
        pids = join(room, 30)
        open_question(room, "choice")
        before = store.writer.batches
        votes = [gevent.spawn(room.answer, pid, STEPS["choice"], 2) for pid in pids]
        gevent.joinall(votes, timeout=10, raise_error=True)
        assert [v.value["value"] for v in votes] == [2] * 30
        assert store.writer.batches - before < 30
    finally:
        store.close()


def test_an_idle_writer_stops_and_the_next_write_starts_it(store, monkeypatch):
    import time

    from classroom.store import writer

    monkeypatch.setattr(writer, "IDLE", 0.1)
    store.set_meta("first", "1").wait()
    deadline = time.monotonic() + 5
    while store.writer._started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not store.writer._started
    store.set_meta("second", "2").wait()
    assert (store.get_meta("first"), store.get_meta("second")) == ("1", "2")


@pytest.mark.parametrize("bad_at", [0, 1, 2])
def test_one_bad_write_in_a_batch_fails_alone_and_the_others_commit(tmp_path, bad_at):
    from classroom.store.sqlite import connect
    from classroom.store.writer import GroupCommit, Write

    path = str(tmp_path / "batch.sqlite3")
    setup = connect(path)
    setup.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    setup.execute("INSERT INTO t VALUES (1, 'there')")
    writer = GroupCommit(lambda: connect(path))
    insert = "INSERT INTO t VALUES (?, ?)"
    ids = [10, 11, 12]
    ids[bad_at] = 1  # already there: this write must fail, and only this one
    batch = [Write([(insert, (i, "new"))], threading.Event()) for i in ids]
    outcomes = writer._commit(batch)
    assert [o is not None for o in outcomes] == [n == bad_at for n in range(3)]
    rows = sorted(setup.execute("SELECT id, v FROM t").fetchall())
    assert rows == sorted([(1, "there")] + [(i, "new") for i in ids if i != 1])
    setup.close()
    writer._disconnect()


def test_a_burst_of_answers_touches_its_room_once(rooms, store, monkeypatch):
    room = rooms.create("live-test", "en")
    pids = join(room, 5)
    open_question(room, "choice")
    submitted = []
    submit = store.writer.submit
    monkeypatch.setattr(store.writer, "submit", lambda ops: submitted.append(ops) or submit(ops))
    for pid in pids:
        room.answer(pid, STEPS["choice"], 0)
    touches = [sql for ops in submitted for sql, _ in ops if sql.startswith("UPDATE rooms")]
    assert len(submitted) == 5 and len(touches) == 1
    # That one touch is the first answer's: the room counts as used from then on.
    assert submitted[0][-1][0].startswith("UPDATE rooms")
