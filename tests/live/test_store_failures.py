"""A store that cannot write (disk full, read-only) refuses, says so once, and recovers."""

from __future__ import annotations

import logging
import sqlite3

import pytest
from livekit import STEPS, join, open_question

from classroom.live.errors import LiveError
from classroom.store.burstlog import BurstLog
from classroom.store.sqlite import connect

SECRET = "my-own-words-nobody-else-should-read"


class FullDisk(sqlite3.Connection):
    """A connection on a full disk: SQLite refuses every write with SQLITE_FULL."""

    full = True

    def executemany(self, sql, rows):
        if self.full:
            raise sqlite3.OperationalError("database or disk is full")
        return super().executemany(sql, rows)

    def execute(self, sql, *args):
        if self.full and sql.split()[0] in ("INSERT", "UPDATE", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)


def fill_the_disk(store) -> None:
    """Give the store's writer a connection on a full disk."""
    store.writer._disconnect()
    store.writer._connect = lambda: sqlite3.connect(
        store.path, isolation_level=None, check_same_thread=False, factory=FullDisk
    )


def store_errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "classroom.store.writer"]


def answer_on_a_full_disk(room, store, caplog, phones: int, kind: str, value) -> list[str]:
    """Fill the disk, let `phones` phones answer; check each is refused; return their ids."""
    pids = join(room, phones)
    open_question(room, kind)
    fill_the_disk(store)
    caplog.set_level(logging.WARNING)
    for pid in pids:
        with pytest.raises(LiveError) as refused:
            room.answer(pid, STEPS[kind], value)
        assert refused.value.code == "not-saved"
    return pids


def test_a_full_disk_refuses_every_answer_and_logs_one_line_without_content(room, store, caplog):
    answer_on_a_full_disk(room, store, caplog, 30, "text", SECRET)
    assert room.step_answers() == {}  # nothing kept in memory that the disk did not take
    lines = store_errors(caplog)
    assert len(lines) == 1, lines
    assert "database or disk is full" in lines[0] and store.path in lines[0]
    assert SECRET not in caplog.text


def test_once_the_disk_has_room_again_answers_are_saved_and_the_log_says_so(room, store, caplog):
    pids = answer_on_a_full_disk(room, store, caplog, 3, "choice", 1)
    store.writer._conn.full = False  # space again
    assert room.answer(pids[0], STEPS["choice"], 1)["value"] == 1
    lines = store_errors(caplog)
    assert len(lines) == 2 and "works again (3 refused in all)" in lines[1], lines


def test_a_read_only_file_refuses_teacher_actions_with_one_line(rooms, store, caplog, tmp_path):
    room = rooms.create("live-test", "en")
    store.writer._disconnect()
    path = store.path
    store.writer._connect = lambda: sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                                    isolation_level=None,
                                                    check_same_thread=False)
    caplog.set_level(logging.WARNING)
    for _ in range(5):
        with pytest.raises(LiveError) as refused:
            open_question(room, "choice")
        assert refused.value.code == "not-saved"
    lines = store_errors(caplog)
    assert len(lines) == 1 and "readonly database" in lines[0], lines
    assert connect(path).execute("SELECT phase FROM rooms").fetchone() == ("lobby",)


def test_a_burst_log_counts_what_it_did_not_log_and_says_when_it_is_over(caplog):
    now = [0.0]
    burst = BurstLog(logging.getLogger("burst"), every=60, clock=lambda: now[0])
    caplog.set_level(logging.WARNING)
    for second in range(0, 130, 10):
        now[0] = second
        burst.failed("the disk is full")
    burst.recovered("writing works again")
    burst.recovered("writing works again")  # no burst going on: nothing to say
    assert [r.getMessage() for r in caplog.records] == [
        "the disk is full",
        "the disk is full (and 5 more since the last message)",
        "the disk is full (and 5 more since the last message)",
        "writing works again (13 refused in all)",
    ]
