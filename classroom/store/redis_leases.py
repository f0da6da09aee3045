"""Which worker runs which room (leases in Redis), and the upkeep of old rooms.

Kept apart from redis_store.py as a mixin of RedisStore. The lease scripts are in
redis_scripts.py; every write of a room checks the lease in the same script.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

import redis

log = logging.getLogger(__name__)
SCRUB_WAIT = 10.0  # seconds to wait for a rewrite already running before asking for ours


class RedisLeases:
    """Claiming, renewing and releasing rooms; purging and scrubbing, for the Redis store."""

    redis: Any  # the store's connection, scripts and names (redis_store.py)
    owner: str
    lease_ms: str
    prefix: str
    held: set[str]
    _key: Callable[..., str]
    _claim_script: Callable[..., Any]
    _renew_script: Callable[..., Any]
    _release_script: Callable[..., Any]
    _question_keys: Callable[[str], list[str]]

    def claim(self, code: str) -> bool:
        """Run room `code` in this process; False (and ask for it) while another runs it."""
        keys = [self._key("owner", code), self._key("wanted", code)]
        if self._claim_script(keys=keys, args=[self.owner, self.lease_ms]):
            self.held.add(code)
            return True
        return False

    def renew(self, codes: list[str]) -> list[str]:
        """Keep running `codes`; return those this process must let go (taken or asked for)."""
        if not codes:
            return []
        lost = [c.decode() for c in self._renew_script(
            args=[self.owner, self.lease_ms, self.prefix, *codes])]
        self.held.difference_update(lost)
        return lost

    def release(self, code: str) -> None:
        """Stop running room `code`, so that another process may take it at once."""
        self.held.discard(code)
        self._release_script(keys=[self._key("owner", code)], args=[self.owner])

    # Upkeep.
    def purge(self, before: float) -> int:
        """Delete rooms that ended, or were last touched, before `before`; return how many."""
        old = set(self.redis.zrangebyscore(self._key("updated"), "-inf", f"({before}"))
        old |= set(self.redis.zrangebyscore(self._key("ended"), "-inf", f"({before}"))
        for raw in old:
            code = raw.decode()
            steps = self.redis.smembers(self._key("steps", code))
            keys = [self._key(kind, code)
                    for kind in ("room", "people", "steps", "owner", "lesson", "results")]
            keys += [self._key("answers", code, s.decode()) for s in steps]
            keys += self._question_keys(code)
            pipe = self.redis.pipeline()
            pipe.delete(*keys)
            for index in ("codes", "updated", "ended"):
                pipe.zrem(self._key(index), code)
            pipe.execute()
        if old:
            self.scrub()
        return len(old)

    def scrub(self) -> None:
        """Rewrite Redis's append-only file, so that deleted values leave no copy in it."""
        try:
            # A rewrite already running copies the data as it was when it began, perhaps
            # with what was just deleted, and Redis refuses a second one meanwhile: wait.
            deadline = time.monotonic() + SCRUB_WAIT
            while (self.redis.info("persistence").get("aof_rewrite_in_progress")
                   and time.monotonic() < deadline):
                time.sleep(0.1)
            self.redis.bgrewriteaof()
        except redis.ResponseError:
            pass  # a rewrite already runs; Redis schedules the next one itself
        except redis.RedisError as error:
            log.warning("could not rewrite Redis's append-only file: %s", error)
