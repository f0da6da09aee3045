"""The question box in Redis: one hash of questions per room, one set of "me too" per question.

Kept apart from redis_store.py as questions.py is from sqlite.py. The writes run in the
store's one script per batch (redis_scripts.WRITE: `question`, `unask`, `metoo`, `unlink`),
behind the same lease check as every other write of a room.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from . import Pending, QuestionRecord


class RedisQuestions:
    """The Store protocol's question methods, for the Redis store."""

    redis: Any  # the store's connection, `_key` and `_write` (redis_store.py)
    _key: Callable[..., str]
    _write: Callable[..., Pending]

    def save_question(self, code: str, question: QuestionRecord) -> Pending:
        """Record a new question of the question box, or update its text, state and count."""
        return self._write(["question", code, question.id, json.dumps(asdict(question))])

    def delete_question(self, code: str, question: str) -> Pending:
        """Forget one question of the question box and every "me too" it had."""
        return self._write(["unask", code, question])

    def add_me_too(self, code: str, question: str, voter: str) -> Pending:
        """Record one "me too" (a token of one phone for this question only) and count it."""
        return self._write(["metoo", code, question, voter])

    def unlink_questions(self, code: str) -> Pending:
        """Forget which phone asked or said "me too" to any question; texts and counts stay."""
        return self._write(["unlink", code])

    def _questions(self, code: str) -> tuple[list[QuestionRecord], list[tuple[str, str]]]:
        """Return a room's questions (in the order they came) and its (question, voter) pairs."""
        rows = self.redis.hgetall(self._key("questions", code))
        questions = sorted((QuestionRecord(**json.loads(row)) for row in rows.values()),
                           key=lambda question: question.seq)
        pairs = [(question.id, voter.decode()) for question in questions
                 for voter in self.redis.smembers(self._key("metoo", code, question.id))]
        return questions, pairs

    def _question_keys(self, code: str) -> list[str]:
        """Return the keys of a room's question box (for purge)."""
        ids = self.redis.hkeys(self._key("questions", code))
        return [self._key("questions", code)] + [
            self._key("metoo", code, qid.decode()) for qid in ids]
