"""Group commit: many writers enqueue, one writer commits them together and wakes them.

An answer is acknowledged only once it is durable, but one fsync per answer would make
thirty phones queue behind the disk. While one batch commits, the next one gathers.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any

from . import StoreError
from .burstlog import BurstLog

log = logging.getLogger(__name__)
Ops = list[tuple[str, tuple[Any, ...]]]
_STOP = object()
# Seconds without writes before the writer's task stops (the next write starts it again).
# Its connection stays open: see GroupCommit.
IDLE = 10.0


def _primitives(async_mode: str):
    """Return (spawn, event class, queue, empty exception, run_blocking) for the mode."""
    if async_mode == "gevent":
        import gevent
        import gevent.event
        import gevent.queue

        def run_blocking(fn: Callable[[], Any]) -> Any:
            # The SQL and its fsync run in gevent's thread pool, so sockets keep flowing.
            return gevent.get_hub().threadpool.apply(fn)

        return (
            gevent.spawn,
            gevent.event.Event,
            gevent.queue.Queue(),
            gevent.queue.Empty,
            run_blocking,
        )
    import queue
    import threading

    def spawn(fn: Callable[[], None]) -> None:
        threading.Thread(target=fn, name="classroom-writer", daemon=True).start()

    return spawn, threading.Event, queue.SimpleQueue(), queue.Empty, lambda fn: fn()


class Write:
    """One enqueued write; `wait()` returns once it is committed."""

    def __init__(self, ops: Ops, event: Any) -> None:
        self.ops = ops
        self.error: Exception | None = None
        self._done = event

    def finish(self, error: Exception | None = None) -> None:
        """Record the outcome and wake the waiter."""
        self.error = error
        self._done.set()

    def wait(self, timeout: float | None = 30.0) -> None:
        """Block until committed; raise StoreError if it failed or took too long."""
        if not self._done.wait(timeout):
            raise StoreError("the write was not committed in time")
        if self.error is not None:
            raise StoreError(str(self.error)) from self.error


class BatchWriter:
    """A queue of writes that one background task applies in batches (SQLite's and Redis's).

    While one batch is being written the next one gathers, so hundreds of answers share one
    commit and one fsync. A subclass says how a batch is written (`_run_batch`) and what
    stopping closes (`_stopped`).
    """

    def _start_batches(self, async_mode: str) -> None:
        self._spawn, self._event, self._queue, self._empty, self._run_blocking = _primitives(
            async_mode
        )
        self._started = self._closed = False
        self._start_lock = threading.Lock()

    def submit(self, ops: Ops) -> Write:
        """Enqueue `ops` to run in one savepoint of the next batch."""
        write = Write(ops, self._event())
        with self._start_lock:
            if self._closed:
                write.finish(StoreError("the store is closed"))
                return write
            if not self._started:
                self._started = True
                self._spawn(self._loop)
            # Under the lock, so an idle writer cannot stop between the check and the put.
            self._queue.put(write)
        return write

    def _stop_batches(self) -> bool | None:
        """Take no more writes and write what is queued; None if stopped before, else
        whether the loop was running (it then ran `_stopped`)."""
        with self._start_lock:
            if self._closed:
                return None
            self._closed = True
            running = self._started
            if running:
                done = Write([], self._event())
                self._queue.put(done)
                self._queue.put(_STOP)
        if running:
            done.wait(10)
        return running

    def _run_batch(self, batch: list[Write]) -> list[Exception | None]:
        """Write a batch; return each write's outcome (None when it is durable)."""
        raise NotImplementedError

    def _stopped(self) -> None:
        """Close what the writer holds, once its loop stops."""

    def _take_batch(self) -> tuple[list[Write], object]:
        """Return the writes queued now, and _STOP, "idle" or None."""
        batch: list[Write] = []
        try:
            item = self._queue.get(timeout=IDLE)
        except self._empty:
            with self._start_lock:
                if self._queue.empty():
                    self._started = False
                    return batch, "idle"
            item = self._queue.get_nowait()
        while item is not _STOP:
            batch.append(item)
            try:
                item = self._queue.get_nowait()
            except self._empty:
                return batch, None
        return batch, _STOP

    def _loop(self) -> None:
        while True:
            batch, end = self._take_batch()
            if batch:
                outcomes = self._run_batch(batch)
                # Wake the waiters here, not in the pool's thread: under gevent, setting an
                # event from a foreign thread costs a cross-thread wake-up (and a fight for
                # the GIL) per waiter, which made a burst of 2000 answers wait on each other.
                for write, outcome in zip(batch, outcomes, strict=True):
                    write.finish(outcome)
            if end is _STOP:
                self._stopped()
            if end is not None:
                return


class GroupCommit(BatchWriter):
    """The one writer of a SQLite database.

    It opens its connection at once and keeps it until `close()`, idle or not. At the
    open-files limit, phones retrying to join take every descriptor the moment it is free:
    a writer that let go of its files while the class listened could not open them again,
    and every answer and teacher action after the pause was refused.
    """

    def __init__(
        self,
        connect: Callable[[], sqlite3.Connection],
        async_mode: str = "threading",
        where: str = "the database",
    ) -> None:
        self._connect = connect
        self._start_batches(async_mode)
        self.where = where
        self.failures = BurstLog(log)
        self._conn: sqlite3.Connection | None = connect()
        self.batches = 0  # how many commits: tests check that writes really are grouped

    def close(self) -> None:
        """Commit what is queued, then stop the writer (once)."""
        if self._stop_batches() is False:  # the loop closes the connection when it stops
            self._disconnect()

    def _run_batch(self, batch: list[Write]) -> list[Exception | None]:
        # Reconnect (after an error) here, not in the pool's thread: under gevent the hub
        # does not switch inside connect(), so no socket takes the descriptors the store's
        # reserve frees for it.
        refused = self._reconnect()
        outcomes = [refused] * len(batch) if refused else self._run_blocking(
            lambda: self._commit(batch)
        )
        self._report(outcomes)
        return outcomes

    def _stopped(self) -> None:
        self._disconnect()

    def _disconnect(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass  # a broken connection: its files are closed all the same

    def _reconnect(self) -> Exception | None:
        """Open the connection again if an error closed it; return the error if it cannot."""
        if self._conn is None:
            try:
                self._conn = self._connect()
            except sqlite3.Error as error:
                return error
        return None

    def _report(self, outcomes: list[Exception | None]) -> None:
        """Log a failed batch once per burst (SQLite's reason, never what was written)."""
        # A constraint refuses one write for what it holds (a taken room code): not the
        # store failing. A full disk, a read-only or damaged file refuse everything.
        failed = [e for e in outcomes if e and not isinstance(e, sqlite3.IntegrityError)]
        if None in outcomes:
            self.failures.recovered(f"Writing to {self.where} works again")
        if failed:
            self.failures.failed(
                f"Could not write to {self.where} ({failed[0]}): {len(failed)} change(s) "
                "refused, and the phones and the teacher were told it was not saved. "
                "Check the free disk space and that the file can be written.",
                len(failed),
            )

    def _commit(self, batch: list[Write]) -> list[Exception | None]:
        """Commit `batch` in one transaction; return each write's outcome."""
        try:
            if self._conn is None:
                raise sqlite3.OperationalError("the connection was lost")
            outcomes = self._apply_fast(batch)
            if outcomes is None:  # a write failed: again, each write in its own savepoint
                outcomes = self._apply(self._conn, batch)
            self._conn.execute("COMMIT")
            self.batches += 1
        except sqlite3.Error as error:
            self._rollback()
            return [error] * len(batch)
        return outcomes

    def _rollback(self) -> None:
        try:
            if self._conn is not None and self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            self._disconnect()  # a fresh connection for the next batch

    def _apply_fast(self, batch: list[Write]) -> list[Exception | None] | None:
        """Run the batch with one executemany per run of one statement; None if any fails.

        A savepoint per write costs three more statements per answer, and each statement
        hands the GIL back and forth with the hub: a burst of 2000 answers made 8000 hand-offs.
        Writes almost never fail, so try them all at once and fall back when one does.
        """
        conn = self._conn
        assert conn is not None
        conn.execute("BEGIN IMMEDIATE")
        try:
            ops = [op for write in batch for op in write.ops]
            for sql, run in itertools.groupby(ops, key=lambda op: op[0]):
                conn.executemany(sql, [params for _, params in run])
        except sqlite3.Error:
            self._rollback()
            if self._conn is None:  # the loop reconnects before the next batch
                raise
            return None
        return [None] * len(batch)

    @staticmethod
    def _apply(conn: sqlite3.Connection, batch: list[Write]) -> list[Exception | None]:
        conn.execute("BEGIN IMMEDIATE")
        outcomes: list[Exception | None] = []
        for write in batch:
            # A savepoint per write: one bad write fails alone, the batch still commits.
            conn.execute("SAVEPOINT write")
            try:
                for sql, params in write.ops:
                    conn.execute(sql, params)
                outcomes.append(None)
            except sqlite3.Error as error:
                conn.execute("ROLLBACK TO write")
                outcomes.append(error)
            conn.execute("RELEASE write")
        return outcomes

