"""The question box in SQLite: one row per question, one row per "me too" (a token, no phone).

Kept apart from sqlite.py, which holds the rooms, participants and answers: the SQL of one
capability in one place. `QuestionRows` gives the SQLite store its four question methods.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import fields

from . import Pending, QuestionRecord

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    room TEXT NOT NULL REFERENCES rooms(code) ON DELETE CASCADE,
    id TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT, flagged INTEGER NOT NULL,
    status TEXT NOT NULL, owner TEXT NOT NULL, me_too INTEGER NOT NULL, shown INTEGER NOT NULL,
    PRIMARY KEY (room, id)
);
CREATE TABLE IF NOT EXISTS me_too (
    room TEXT NOT NULL, question TEXT NOT NULL, voter TEXT NOT NULL,
    PRIMARY KEY (room, question, voter),
    FOREIGN KEY (room, question) REFERENCES questions(room, id) ON DELETE CASCADE
);
"""
COLUMNS = [f.name for f in fields(QuestionRecord)]
Ops = list[tuple[str, tuple]]

# An upsert, not INSERT OR REPLACE: a replaced row is deleted first, and the delete would take
# the question's "me too" rows with it (ON DELETE CASCADE).
_SAVE = (
    f"INSERT INTO questions (room, {', '.join(COLUMNS)})"
    f" VALUES ({', '.join('?' * (len(COLUMNS) + 1))})"
    " ON CONFLICT (room, id) DO UPDATE SET text = excluded.text, flagged = excluded.flagged,"
    " status = excluded.status, owner = excluded.owner, me_too = excluded.me_too,"
    " shown = excluded.shown"
)


def save(code: str, question: QuestionRecord) -> Ops:
    """Return the statements that record a question, or update it."""
    values = tuple(getattr(question, column) for column in COLUMNS)
    return [(_SAVE, (code, *values))]


def delete(code: str, question: str) -> Ops:
    """Return the statements that forget a question (its "me too" rows go with it)."""
    return [("DELETE FROM questions WHERE room = ? AND id = ?", (code, question))]


def me_too(code: str, question: str, voter: str) -> Ops:
    """Return the statements that record one "me too" and count it."""
    return [
        ("INSERT INTO me_too (room, question, voter) VALUES (?, ?, ?)", (code, question, voter)),
        ("UPDATE questions SET me_too = me_too + 1 WHERE room = ? AND id = ?", (code, question)),
    ]


def unlink(code: str) -> Ops:
    """Return the statements that forget who asked and who said "me too" in a room."""
    return [
        ("DELETE FROM me_too WHERE room = ?", (code,)),
        ("UPDATE questions SET owner = '' WHERE room = ?", (code,)),
    ]


def load(conn: sqlite3.Connection, code: str) -> tuple[list[QuestionRecord], list[tuple[str, str]]]:
    """Return a room's questions (in the order they came) and its (question, voter) pairs."""
    rows = conn.execute(
        f"SELECT {', '.join(COLUMNS)} FROM questions WHERE room = ? ORDER BY seq", (code,)
    )
    questions = [
        QuestionRecord(qid, seq, text, bool(flagged), status, owner, count, bool(shown))
        for qid, seq, text, flagged, status, owner, count, shown in rows
    ]
    pairs = conn.execute("SELECT question, voter FROM me_too WHERE room = ?", (code,)).fetchall()
    return questions, [(question, voter) for question, voter in pairs]


class QuestionRows:
    """The Store protocol's question methods, for a store whose `_write` runs one write."""

    _write: Callable[..., Pending]

    def save_question(self, code: str, question: QuestionRecord) -> Pending:
        """Record a new question of the question box, or update its text, state and count."""
        return self._write(*save(code, question))

    def delete_question(self, code: str, question: str) -> Pending:
        """Forget one question of the question box and every "me too" it had."""
        return self._write(*delete(code, question))

    def add_me_too(self, code: str, question: str, voter: str) -> Pending:
        """Record one "me too" (a token of one phone for this question only) and count it."""
        return self._write(*me_too(code, question, voter))

    def unlink_questions(self, code: str) -> Pending:
        """Forget which phone asked or said "me too" to any question; texts and counts stay."""
        return self._write(*unlink(code))
