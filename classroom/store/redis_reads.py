"""Reading rooms back from Redis: one room, the open ones, a summary of each, settings.

Kept apart from redis_store.py (its writes and batching) as a mixin of RedisStore.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from . import AnswerRecord, QuestionRecord, RoomRecord, RoomSummary, SavedRoom


def _record(text: str) -> RoomRecord:
    data = json.loads(text)
    data.pop("updated", None)
    return RoomRecord(**data)


class RedisReads:
    """The Store protocol's reads, for the Redis store."""

    redis: Any  # the store's connection and `_key` (redis_store.py)
    _key: Callable[..., str]
    _questions: Callable[[str], tuple[list[QuestionRecord], list[tuple[str, str]]]]

    def has_room(self, code: str) -> bool:
        """Tell whether a room with this code is stored (running or finished)."""
        return bool(self.redis.exists(self._key("room", code)))

    def load_room(self, code: str) -> SavedRoom | None:
        """Load one room, running or ended, with all it keeps; None when it is not stored."""
        text = self.redis.get(self._key("room", code))
        if text is None:
            return None
        record = _record(text)
        people = sorted(p.decode() for p in self.redis.smembers(self._key("people", code)))
        answers = []
        for step in sorted(int(s) for s in self.redis.smembers(self._key("steps", code))):
            rows = self.redis.hgetall(self._key("answers", code, step))
            for pid, row in rows.items():
                value, passed, mod_id, flagged, status = json.loads(row)
                answers.append(AnswerRecord(step, pid.decode(), value, passed, mod_id, flagged,
                                            status))
        questions, me_too = self._questions(code)
        lesson, results = (value.decode() if value is not None else "" for value in self.redis.mget(
            self._key("lesson", code), self._key("results", code)))
        return SavedRoom(record, people, answers, questions, me_too, lesson, results)

    def open_rooms(self) -> list[SavedRoom]:
        """Load every room that has not ended, with its participants and answers."""
        codes = [c.decode() for c in self.redis.zrange(self._key("codes"), 0, -1)]
        loaded = (self.load_room(code) for code in codes)
        return [saved for saved in loaded if saved is not None and saved.record.phase != "ended"]

    def list_rooms(self) -> list[RoomSummary]:
        """Return a summary of every stored room, newest first."""
        codes = [c.decode() for c in self.redis.zrevrange(self._key("codes"), 0, -1)]
        texts = self.redis.mget([self._key("room", c) for c in codes]) if codes else []
        summaries = []
        for code, text in zip(codes, texts, strict=True):
            if text is None:
                continue
            record = _record(text)
            answered = set()
            for step in self.redis.smembers(self._key("steps", code)):
                rows = self.redis.hgetall(self._key("answers", code, step.decode()))
                answered |= {pid for pid, row in rows.items() if not json.loads(row)[1]}
            summaries.append(RoomSummary(
                code, record.lesson_id, record.lang, record.phase, record.created,
                record.ended_at, self.redis.scard(self._key("people", code)), len(answered)))
        return summaries

    def rooms_since(self, since: float) -> list[RoomRecord]:
        """Return every room created at or after `since` (running or ended), oldest first."""
        codes = self.redis.zrangebyscore(self._key("codes"), since, "+inf")
        texts = self.redis.mget([self._key("room", c.decode()) for c in codes]) if codes else []
        return [_record(text) for text in texts if text is not None]

    def get_meta(self, name: str) -> str | None:
        """Return a stored setting, or None."""
        value = self.redis.hget(self._key("meta"), name)
        return value.decode() if value is not None else None
