"""The embedded store: SQLite in the user's data folder, WAL mode, writes grouped.

What is deleted must be gone from the files, not only from the tables: `secure_delete`
overwrites freed content with zeros, and `scrub` checkpoints the write-ahead log into the
database and truncates it, so old copies of a deleted text do not linger in `-wal` either.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import astuple, fields

from . import AnswerRecord, Pending, RoomRecord, RoomSummary, SavedRoom, StoreUnreadable
from . import questions as question_rows
from .reserve import Reserve
from .writer import GroupCommit

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rooms (
    code TEXT PRIMARY KEY, lesson_id TEXT NOT NULL, lang TEXT NOT NULL, salt TEXT NOT NULL,
    teacher_key TEXT NOT NULL, created REAL NOT NULL, phase TEXT NOT NULL, step INTEGER,
    voting_open INTEGER NOT NULL, revealed INTEGER NOT NULL, deadline REAL,
    locked INTEGER NOT NULL, ended_at REAL, updated REAL NOT NULL,
    screen_key TEXT NOT NULL DEFAULT '', expected INTEGER,
    lesson TEXT NOT NULL DEFAULT '', results TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS participants (
    room TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
    id TEXT NOT NULL,
    PRIMARY KEY (room, id)
);
CREATE TABLE IF NOT EXISTS answers (
    room TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
    step INTEGER NOT NULL, participant TEXT NOT NULL, value TEXT, passed INTEGER NOT NULL,
    mod_id TEXT, flagged INTEGER NOT NULL, status TEXT,
    PRIMARY KEY (room, step, participant)
);
"""
ROOM_COLUMNS = [f.name for f in fields(RoomRecord)]
# Retention counts in days, so an answer need not rewrite its room's row: touching it at most
# this often (seconds) keeps one statement per answer, and the group commit's executemany
# then covers a whole burst instead of alternating answer, room, answer, room.
TOUCH_EVERY = 60.0
ANSWER_COLUMNS = [f.name for f in fields(AnswerRecord)]
LOADED = ", ".join([*ROOM_COLUMNS, "lesson", "results"])
# A room as a list shows it: who joined, and who gave at least one answer that is not a pass.
SUMMARY = """
SELECT code, lesson_id, lang, phase, created, ended_at,
    (SELECT COUNT(*) FROM participants WHERE room = code),
    (SELECT COUNT(DISTINCT participant) FROM answers WHERE room = code AND passed = 0)
FROM rooms ORDER BY created DESC
"""
# Columns added since the first release, for files made before them.
ADDED = {"screen_key": "TEXT NOT NULL DEFAULT ''", "expected": "INTEGER",
         "lesson": "TEXT NOT NULL DEFAULT ''", "results": "TEXT NOT NULL DEFAULT ''"}
# What save_room writes: everything a teacher's action or the end of a lesson can change.
SAVED_COLUMNS = ("phase", "step", "voting_open", "revealed", "deadline", "locked", "ended_at",
                 "salt", "teacher_key", "screen_key", "expected")


def connect(path: str) -> sqlite3.Connection:
    """Open a connection: autocommit (transactions are explicit), WAL, full sync."""
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
    conn.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed batch survives a power cut, not only a killed process.
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    # Freed content is overwritten with zeros: a deleted free text is not left in a free page.
    conn.execute("PRAGMA secure_delete=ON")
    # Sorts and big statements in memory: a temporary file needs a descriptor, and at the
    # open-files limit there is none to spare.
    conn.execute("PRAGMA temp_store=MEMORY")
    return conn


def create_private(path: str) -> None:
    """Create the database file readable by its user only (SQLite gives -wal the same mode)."""
    if path != ":memory:" and not os.path.exists(path):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))


def prepare(conn: sqlite3.Connection) -> None:
    """Create the tables, add the columns an older file lacks, drop what is no longer kept."""
    conn.executescript(SCHEMA + question_rows.SCHEMA)
    have = {row[1] for row in conn.execute("PRAGMA table_info(rooms)")}
    for name, kind in ADDED.items():
        if name not in have:
            conn.execute(f"ALTER TABLE rooms ADD COLUMN {name} {kind}")
    # The library key lived here once; it is kept in the user's data folder now.
    conn.execute("DELETE FROM meta WHERE name = 'admin_key'")


def checkpoint(opener: Callable[[], sqlite3.Connection]) -> None:
    """Copy the write-ahead log into the database file and truncate the log to nothing."""
    conn = opener()
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _off_the_hub(async_mode: str, work: Callable[[], None]) -> None:
    """Run blocking file work in gevent's thread pool, so sockets keep flowing meanwhile."""
    if async_mode == "gevent":
        import gevent

        gevent.get_hub().threadpool.apply(work)
    else:
        work()


# SQLite's codes for a file that is not (or no longer) a database it can read.
DAMAGED = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def open_checked(path: str) -> sqlite3.Connection:
    """Open the store file with its tables, or raise StoreUnreadable saying why."""
    try:
        conn = connect(path)
    except sqlite3.Error as error:
        raise _unreadable(path, error) from None
    try:
        # A quick check reads every page once (a few ms for a term of lessons): a damaged
        # page found now is one plain message, not a traceback in the middle of a lesson.
        problem = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
        if problem != "ok":
            raise StoreUnreadable(path, " ".join(problem.split()), damaged=True)
        prepare(conn)
    except sqlite3.Error as error:
        conn.close()
        raise _unreadable(path, error) from None
    except StoreUnreadable:
        conn.close()
        raise
    return conn


def _unreadable(path: str, error: sqlite3.Error) -> StoreUnreadable:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return StoreUnreadable(path, str(error), damaged=code in DAMAGED)


class SQLiteStore(question_rows.QuestionRows):
    """Rooms, anonymous participants and answers in one SQLite file."""

    def __init__(self, path: str, async_mode: str = "threading") -> None:
        self.path = path
        self.async_mode = async_mode
        self.reserve = Reserve()  # descriptors kept for opening the file at the limit
        create_private(path)
        with self.reserve.opening():
            open_checked(path).close()  # creates the tables and migrates an older file
        checkpoint(self._connect)  # a library key dropped by `prepare` is gone from the log too
        self.writer = GroupCommit(self._connect, async_mode, where=path)
        self._touched: dict[str, float] = {}  # room code -> when an answer last set `updated`

    def _connect(self) -> sqlite3.Connection:
        with self.reserve.opening():
            return connect(self.path)

    def _reader(self) -> sqlite3.Connection:
        return _Closing(self._connect())

    def _write(self, *ops: tuple[str, tuple]) -> Pending:
        return self.writer.submit(list(ops))

    def create_room(self, record: RoomRecord, lesson: str = "") -> Pending:
        """Insert a new room with its lesson's snapshot, kept as is (fails if the code exists)."""
        names = ", ".join([*ROOM_COLUMNS, "updated", "lesson"])
        marks = ", ".join("?" * (len(ROOM_COLUMNS) + 2))
        return self._write(
            (f"INSERT INTO rooms ({names}) VALUES ({marks})",
             (*astuple(record), time.time(), lesson))
        )

    def save_results(self, code: str, results: str) -> Pending:
        """Keep what an ended room's report may show (text kept as is; replaces the last)."""
        return self._write(("UPDATE rooms SET results = ? WHERE code = ?", (results, code)))

    def save_room(self, record: RoomRecord) -> Pending:
        """Update a room's phase, step, voting state, lock, keys, salt and class size."""
        sets = ", ".join(f"{c} = ?" for c in SAVED_COLUMNS)
        values = tuple(getattr(record, c) for c in SAVED_COLUMNS)
        return self._write(
            (
                f"UPDATE rooms SET {sets}, updated = ? WHERE code = ?",
                (*values, time.time(), record.code),
            )
        )

    def add_participant(self, code: str, participant: str) -> Pending:
        """Record an anonymous participant (a salted hash of a device key, nothing else)."""
        return self._write(
            ("INSERT OR IGNORE INTO participants (room, id) VALUES (?, ?)", (code, participant))
        )

    def save_answer(self, code: str, answer: AnswerRecord) -> Pending:
        """Record or replace a participant's answer to a step."""
        row = (
            code,
            answer.step,
            answer.participant,
            json.dumps(answer.value),
            answer.passed,
            answer.mod_id,
            answer.flagged,
            answer.status,
        )
        sql = (
            "INSERT OR REPLACE INTO answers (room, step, participant, value, passed, mod_id,"
            " flagged, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        )
        return self._write((sql, row), *self._touch(code))

    def _touch(self, code: str) -> list[tuple[str, tuple]]:
        now = time.time()
        if now - self._touched.get(code, 0.0) < TOUCH_EVERY:
            return []
        self._touched[code] = now
        return [("UPDATE rooms SET updated = ? WHERE code = ?", (now, code))]

    def delete_answers(self, code: str, step: int) -> Pending:
        """Forget every answer to one step."""
        return self._write(("DELETE FROM answers WHERE room = ? AND step = ?", (code, step)))

    def has_room(self, code: str) -> bool:
        """Tell whether a room with this code is stored (running or finished)."""
        with self._reader() as conn:
            return (
                conn.execute("SELECT 1 FROM rooms WHERE code = ?", (code,)).fetchone() is not None
            )

    def open_rooms(self) -> list[SavedRoom]:
        """Load every room that has not ended, with its participants, answers and questions."""
        with self._reader() as conn:
            rows = conn.execute(
                f"SELECT {LOADED} FROM rooms WHERE phase != 'ended' ORDER BY created"
            ).fetchall()
            return [self._load(conn, row) for row in rows]

    def load_room(self, code: str) -> SavedRoom | None:
        """Load one room, running or ended, with all it keeps; None when it is not stored."""
        with self._reader() as conn:
            row = conn.execute(f"SELECT {LOADED} FROM rooms WHERE code = ?", (code,)).fetchone()
            return self._load(conn, row) if row else None

    def list_rooms(self) -> list[RoomSummary]:
        """Return a summary of every stored room, newest first."""
        with self._reader() as conn:
            rows = conn.execute(SUMMARY).fetchall()
        return [RoomSummary(*row) for row in rows]

    def rooms_since(self, since: float) -> list[RoomRecord]:
        """Return every room created at or after `since` (running or ended), oldest first."""
        with self._reader() as conn:
            rows = conn.execute(
                f"SELECT {', '.join(ROOM_COLUMNS)} FROM rooms WHERE created >= ? ORDER BY created",
                (since,),
            ).fetchall()
        return [self._load_record(RoomRecord(*row)) for row in rows]

    # One process runs every room of its file: there is no other to hand a room to.
    def claim(self, code: str) -> bool:
        """Run room `code` in this process (always: no other process shares the file)."""
        return True

    def renew(self, codes: list[str]) -> list[str]:
        """Keep running `codes`: none is ever lost to another process."""
        return []

    def release(self, code: str) -> None:
        """Stop running room `code` (nothing to free: no other process shares the file)."""

    @staticmethod
    def _load_record(record: RoomRecord) -> RoomRecord:
        record.voting_open, record.revealed, record.locked = (
            bool(record.voting_open),
            bool(record.revealed),
            bool(record.locked),
        )
        return record

    @staticmethod
    def _load(conn: sqlite3.Connection, row: tuple) -> SavedRoom:
        record, (lesson, results) = SQLiteStore._load_record(RoomRecord(*row[:-2])), row[-2:]
        people = [
            r[0] for r in conn.execute("SELECT id FROM participants WHERE room = ?", (record.code,))
        ]
        rows = conn.execute(
            f"SELECT {', '.join(ANSWER_COLUMNS)} FROM answers WHERE room = ?", (record.code,)
        )
        answers = [
            AnswerRecord(step, who, json.loads(value), bool(passed), mod_id, bool(flagged), status)
            for step, who, value, passed, mod_id, flagged, status in rows
        ]
        questions, me_too = question_rows.load(conn, record.code)
        return SavedRoom(record, people, answers, questions, me_too, lesson, results)

    def get_meta(self, name: str) -> str | None:
        """Return a stored setting, or None."""
        with self._reader() as conn:
            row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> Pending:
        """Store a setting."""
        return self._write(
            ("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (name, value))
        )

    def purge(self, before: float) -> int:
        """Delete rooms that ended, or were last touched, before `before`; return how many."""
        return self.purge_file(self.path, before)

    @staticmethod
    def purge_file(path: str, before: float) -> int:
        """Purge the store file at `path` (also usable while a server runs on it)."""
        conn = open_checked(path)
        try:
            where = "(ended_at IS NOT NULL AND ended_at < ?) OR updated < ?"
            count = conn.execute(f"DELETE FROM rooms WHERE {where}", (before, before)).rowcount
        finally:
            conn.close()
        checkpoint(lambda: connect(path))
        return count

    def scrub(self) -> None:
        """Checkpoint and truncate the write-ahead log: deleted rows leave no copy in `-wal`."""
        try:
            _off_the_hub(self.async_mode, lambda: checkpoint(self._connect))
        except sqlite3.Error as error:
            # The change itself is durable; the next scrub (or a clean stop) truncates the log.
            log.warning("could not truncate the write-ahead log of %s: %s", self.path, error)

    def close(self) -> None:
        """Commit what is queued, close the writer and scrub the log."""
        self.writer.close()
        checkpoint(self._connect)
        self.reserve.close()


class _Closing:
    """A connection used in a `with` block and closed at its end."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()
