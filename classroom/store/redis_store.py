"""The shared store: rooms, participants and answers in Redis, for several worker processes.

Each worker runs the rooms whose lease it holds (see redis_scripts.py); this store is their
durable record and the way a room moves to another worker when its own dies. Writes are
grouped like SQLite's: while one batch is in Redis the next one gathers, and one script call
applies a whole batch atomically. With `appendfsync always` Redis writes the batch to its
append-only file and fsyncs it before it answers, so an acknowledged answer survives a Redis
restart, and a power cut (docs/deploy.md). Its reads are in redis_reads.py, the leases and
upkeep in redis_leases.py, the question box in redis_questions.py.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import time
from dataclasses import asdict
from typing import Any

import redis

from . import AnswerRecord, Pending, RoomRecord, StoreError
from .burstlog import BurstLog
from .redis_leases import RedisLeases
from .redis_questions import RedisQuestions
from .redis_reads import RedisReads
from .redis_scripts import CLAIM, RELEASE, RENEW, WRITE
from .writer import BatchWriter, Write

log = logging.getLogger(__name__)
LEASE = 3.0  # seconds a worker's hold on a room lasts unless renewed (renewed every second)
TOUCH_EVERY = 60.0  # as in the SQLite store: retention counts in days
PREFIX = "classroom:"


def worker_id() -> str:
    """Return a name for this process that no other process (now or later) has."""
    return f"{os.uname().nodename}:{os.getpid()}:{secrets.token_hex(4)}"


class RedisStore(BatchWriter, RedisReads, RedisLeases, RedisQuestions):
    """Rooms, anonymous participants and answers in one Redis database."""

    def __init__(
        self, url: str, async_mode: str = "threading", owner: str | None = None,
        prefix: str = PREFIX, lease: float = LEASE,
    ) -> None:
        self.url = url
        self.owner = owner or worker_id()
        self.prefix = prefix
        self.lease_ms = str(int(lease * 1000))
        self.redis = redis.Redis.from_url(url, socket_timeout=10, socket_connect_timeout=5,
                                          health_check_interval=5)
        self._write_script = self.redis.register_script(WRITE)
        self._claim_script = self.redis.register_script(CLAIM)
        self._renew_script = self.redis.register_script(RENEW)
        self._release_script = self.redis.register_script(RELEASE)
        self._start_batches(async_mode)
        self._touched: dict[str, float] = {}
        self.held: set[str] = set()  # the rooms this worker claimed or created
        self.failures = BurstLog(log)
        self.batches = 0
        self.redis.ping()  # a wrong URL is one plain message at start, not a failed lesson

    def _key(self, *parts: object) -> str:
        return self.prefix + ":".join(str(part) for part in parts)

    # Writes: queued, grouped, applied by one script call per batch.
    def _write(self, *ops: list[str]) -> Pending:
        return self.submit([tuple(op) for op in ops])  # type: ignore[misc]

    def create_room(self, record: RoomRecord, lesson: str = "") -> Pending:
        """Insert a new room with its lesson's snapshot, kept as is (fails if the code exists).

        This worker runs it.
        """
        self.held.add(record.code)
        return self._write(["create", record.code, json.dumps(asdict(record)),
                            repr(record.created), repr(time.time()), lesson])

    def save_results(self, code: str, results: str) -> Pending:
        """Keep what an ended room's report may show (text kept as is; replaces the last)."""
        return self._write(["results", code, results])

    def save_room(self, record: RoomRecord) -> Pending:
        """Update a room's phase, step, voting state, lock, keys, salt and class size."""
        ended = "" if record.ended_at is None else repr(record.ended_at)
        return self._write(
            ["room", record.code, json.dumps(asdict(record)), repr(time.time()), ended]
        )

    def add_participant(self, code: str, participant: str) -> Pending:
        """Record an anonymous participant (a salted hash, nothing else)."""
        return self._write(["person", code, participant])

    def save_answer(self, code: str, answer: AnswerRecord) -> Pending:
        """Record or replace a participant's answer to a step."""
        row = json.dumps([answer.value, answer.passed, answer.mod_id, answer.flagged,
                          answer.status])
        now = time.time()
        touch = ""
        if now - self._touched.get(code, 0.0) >= TOUCH_EVERY:
            self._touched[code], touch = now, repr(now)
        return self._write(["answer", code, str(answer.step), answer.participant, row, touch])

    def delete_answers(self, code: str, step: int) -> Pending:
        """Forget every answer to one step."""
        return self._write(["forget", code, str(step)])

    def set_meta(self, name: str, value: str) -> Pending:
        """Store a setting."""
        return self._write(["meta", name, value])

    def _run_batch(self, batch: list[Write]) -> list[Exception | None]:
        """Run a batch in one script call; return each write's outcome."""
        ops = [op for write in batch for op in write.ops]
        if not ops:
            return [None] * len(batch)
        try:
            results = self._write_script(
                args=[self.owner, self.lease_ms, self.prefix, json.dumps(ops)]
            )
        except redis.RedisError as error:
            self.failures.failed(
                f"Could not write to Redis at {self._where()} ({error}): the phones and the "
                "teacher were told it was not saved, and try again.", len(batch))
            return [error] * len(batch)
        self.failures.recovered(f"Writing to Redis at {self._where()} works again")
        self.batches += 1
        outcomes: list[Exception | None] = []
        at = 0
        for write in batch:
            end = at + len(write.ops)
            mine = [r.decode() if isinstance(r, bytes) else r for r in results[at:end]]
            at = end
            problem = next((r for r in mine if r), None)
            outcomes.append(StoreError(_PROBLEMS[problem]) if problem else None)
        return outcomes

    def _where(self) -> str:
        pool = self.redis.connection_pool.connection_kwargs
        return f"{pool.get('host', '?')}:{pool.get('port', '?')}"

    def close(self) -> None:
        """Write what is queued, let go of this worker's rooms, and stop writing."""
        if self._stop_batches() is None:
            return
        for code in list(self.held):
            try:
                self.release(code)
            except redis.RedisError:
                break  # Redis is gone: the leases run out by themselves
        self.redis.close()


_PROBLEMS: dict[str, Any] = {
    "taken": "another worker runs this room now",
    "exists": "a room with this code exists",
    "missing": "no such question in this room",
    "counted": "this phone said \"me too\" to this question already",
}
