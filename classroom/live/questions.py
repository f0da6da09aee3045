"""The question box: what a student does not dare to ask aloud, anonymous and moderated.

A phone asks; the text is cleaned, masked and flagged (textfilter.py) and waits for the teacher,
who reads it before anyone else can. Approved questions are listed on every phone, where other
phones add one "me too" each; the teacher edits the wording, marks a question answered, hides
it, or shows one large on the projector.

Who asked is never kept with a question. A phone's question key (ids.question_key: the room's
salt and the phone's own key, never its participant id) makes a token per question: `owner` for
the phone that asked, a "me too" token for each phone that joined in. One phone's tokens differ
from question to question and match no participant id, so the database cannot group them by
phone. Only this process's memory knows which participant asked what (to send each phone its
own questions), and it finds that again from the tokens when a phone comes back after a restart.
When the lesson ends, questions never approved are deleted and every token is forgotten.

"Me too" counts are published like answer counts (shown.py): the count the class sees moves
only once at least `min_group` phones joined in since it last moved, and only at the turn of a
slot of `every` seconds of the clock, with the "me too"s given before the slot began. So a count
never moves at the moment someone taps, and never by one phone's tap alone.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from classroom.store import Pending, QuestionRecord, StoreError

from .errors import LiveError
from .ids import new_question_id, question_key, question_token
from .room import ENDED, Room
from .textfilter import clean, is_flagged, mask

WAITING, APPROVED, ANSWERED, HIDDEN = "waiting", "approved", "answered", "hidden"
PUBLIC = (APPROVED, ANSWERED)  # what phones and the projector may see
MAX_LENGTH = 280  # characters of one question
MAX_WAITING = 5  # questions of one phone waiting for the teacher at once
MAX_QUESTIONS = 1000  # questions of one room
ME_TOO_EVERY = 15.0  # seconds: "me too" counts move only at the turn of these slots


@dataclasses.dataclass
class Asked:
    """One question in memory: its stored record, its "me too" tokens and published count."""

    record: QuestionRecord
    voters: set[str] = dataclasses.field(default_factory=set)
    published: int = 0  # the "me too" count every view shows
    counted: int = 0  # the count at the turn of the last slot: the next one to publish


class QuestionBox:
    """The question box of one room; its state is read and changed under the room's lock."""

    def __init__(self, room: Room, every: float = ME_TOO_EVERY) -> None:
        self.room = room
        self.every = every
        self.questions: dict[str, Asked] = {}
        self.own: dict[str, set[str]] = {}  # participant -> ids it asked (memory only)
        self.voted: dict[str, set[str]] = {}  # participant -> ids it said "me too" to
        self.known: set[str] = set()  # participants whose tokens were looked up
        self.seq = 0
        self.slot = self._slot()

    @property
    def enabled(self) -> bool:
        """Tell whether the lesson has the question box."""
        return self.room.lesson.questions

    @property
    def open(self) -> bool:
        """Tell whether phones can ask now (the lesson has the box and has not ended)."""
        return self.enabled and self.room.phase != ENDED

    def key_of(self, device: str) -> str:
        """Return the question key of a phone (kept by its socket, never stored)."""
        return question_key(self.room.salt, device)

    def _slot(self) -> int:
        return int(self.room.clock() // self.every) if self.every > 0 else 0

    # What a phone does.
    def ask(self, pid: str, key: str, text: object) -> dict[str, Any]:
        """Send a question to the teacher; return the phone's own questions once durable."""
        text = self.wording(text)
        with self.room.lock:
            self._check_running()
            mine = self.own.setdefault(pid, set())
            if sum(self.questions[q].record.status == WAITING for q in mine) >= MAX_WAITING:
                raise LiveError("too-many-questions", self.room.lang, count=str(MAX_WAITING))
            if len(self.questions) >= MAX_QUESTIONS:
                raise self.room.error("box-full")
            self.seq += 1
            qid = new_question_id()
            record = QuestionRecord(qid, self.seq, text, is_flagged(text), WAITING,
                                    question_token(key, "own", qid))
            self.questions[qid] = Asked(record)
            mine.add(qid)
            pending = self.room.store.save_question(self.room.code, record)
        self._durable([pending], lambda: self._drop(qid))
        return self.mine(pid)

    def withdraw(self, pid: str, key: str, qid: object) -> dict[str, Any]:
        """Take back one of this phone's own questions: it is deleted, wherever it was shown."""
        with self.room.lock:
            self._check_running()
            asked = self.questions.get(qid) if isinstance(qid, str) else None
            if asked is None or asked.record.owner != question_token(key, "own", asked.record.id):
                raise self.room.error("bad-value")  # the same for "not yours" and "no such"
            self.questions.pop(asked.record.id)
            pending = self.room.store.delete_question(self.room.code, asked.record.id)
        self._durable([pending], lambda: self.questions.setdefault(asked.record.id, asked), True)
        return self.mine(pid)

    def me_too(self, pid: str, key: str, qid: object) -> dict[str, Any]:
        """Say "me too" to an approved question of another phone, once."""
        with self.room.lock:
            self._check_running()
            asked = self.questions.get(qid) if isinstance(qid, str) else None
            if asked is None or asked.record.status != APPROVED:
                raise self.room.error("bad-value")  # unapproved questions do not exist for phones
            qid, voter = asked.record.id, question_token(key, "me-too", asked.record.id)
            if voter in asked.voters or asked.record.owner == question_token(key, "own", qid):
                raise self.room.error("me-too-once")
            asked.voters.add(voter)
            asked.record.me_too += 1
            self.voted.setdefault(pid, set()).add(qid)
            pending = self.room.store.add_me_too(self.room.code, qid, voter)

        def undo() -> None:
            asked.voters.discard(voter)
            asked.record.me_too -= 1
            self.voted[pid].discard(qid)

        self._durable([pending], undo)
        return self.mine(pid)

    def recognise(self, pid: str, key: str) -> None:
        """Find the questions a phone asked or joined in on (after a restart: from the tokens)."""
        with self.room.lock:
            if pid in self.known:
                return
            self.known.add(pid)
            for qid, asked in self.questions.items():
                if asked.record.owner == question_token(key, "own", qid):
                    self.own.setdefault(pid, set()).add(qid)
                if question_token(key, "me-too", qid) in asked.voters:
                    self.voted.setdefault(pid, set()).add(qid)

    # What the teacher does (question_actions.py), each under the lock and durable.
    def change(
        self, qid: str | None, change: Callable[[Asked], list[Asked]], scrub: bool = False
    ) -> None:
        """Apply a teacher's change to question `qid` (and any other it returns), durably.

        `qid` None names the question on the projector; with none there, nothing happens.
        """
        with self.room.lock:
            self._check_running()
            if qid is None and self.showing() is None:
                return
            asked = self.showing() if qid is None else self.questions.get(qid)
            if asked is None or asked.record.status == HIDDEN:
                raise self.room.error("bad-value")
            before = {key: dataclasses.replace(a.record) for key, a in self.questions.items()}
            changed = change(asked)
            writes = [self.room.store.save_question(self.room.code, a.record) for a in changed]

        def undo() -> None:
            for a in changed:
                a.record = before[a.record.id]

        self._durable(writes, undo, scrub)

    def showing(self) -> Asked | None:
        """Return the question on the projector, or None; under the lock."""
        return next((a for a in self.questions.values() if a.record.shown), None)

    # The end of the lesson, and a restart.
    def close(self) -> list[Callable[[], Pending]]:
        """Delete what was never approved and forget every token; return the writes (locked)."""
        code, store, writes = self.room.code, self.room.store, []
        for qid, asked in list(self.questions.items()):
            if asked.record.status not in PUBLIC:
                del self.questions[qid]
                writes.append(lambda qid=qid: store.delete_question(code, qid))
            else:
                asked.record.owner, asked.record.shown, asked.voters = "", False, set()
        self.own.clear()
        self.voted.clear()
        return [*writes, lambda: store.unlink_questions(code)]

    def restore(self, records: list[QuestionRecord], me_too: list[tuple[str, str]]) -> None:
        """Put back the questions and "me too" tokens the store kept (before any phone joins)."""
        for record in records:
            self.questions[record.id] = Asked(record)
            self.seq = max(self.seq, record.seq)
        for qid, voter in me_too:
            if qid in self.questions:
                self.questions[qid].voters.add(voter)

    def published(self) -> dict[str, int]:
        """Return the published "me too" count of every approved question (locked)."""
        return {qid: a.published for qid, a in self.questions.items() if a.record.status in PUBLIC}

    def keep_published(self, counts: dict[str, int]) -> None:
        """Put back the counts an ended room published (kept.py), so its report reads the same."""
        for qid, count in counts.items():
            if qid in self.questions:
                self.questions[qid].published = self.questions[qid].counted = count

    # Publishing "me too" counts.
    def publish(self) -> bool:
        """At the turn of a slot, publish the counts that may move; tell whether any did."""
        slot = self._slot()
        with self.room.lock:
            if slot == self.slot:
                return False
            self.slot, moved, group = slot, False, self.room.min_group
            for asked in self.questions.values():
                if asked.record.status in PUBLIC and asked.counted - asked.published >= group:
                    asked.published, moved = asked.counted, True
                asked.counted = asked.record.me_too
            return moved

    def due(self) -> bool:
        """Tell whether a later slot still has a count to take or to publish."""
        group = self.room.min_group
        return any(
            a.counted != a.record.me_too or a.counted - a.published >= group
            for a in list(self.questions.values())
            if a.record.status in PUBLIC
        )

    # Views: what each role may see; the caller holds the lock.
    def involves(self, pid: str) -> bool:
        """Tell whether a phone asked or said "me too" (then its state lists its own)."""
        return bool(self.own.get(pid) or self.voted.get(pid))

    def mine(self, pid: str) -> dict[str, Any]:
        """Return a phone's own questions (in the order asked) and the ids it said "me too" to."""
        # list(): a copy taken at once, as a phone may ask while its state is being sent
        found = [self.questions.get(q) for q in list(self.own.get(pid, ()))]
        own = sorted((a for a in found if a is not None), key=lambda a: a.record.seq)
        asked = [{"id": a.record.id, "text": a.record.text, "state": a.record.status} for a in own]
        voted = sorted(q for q in list(self.voted.get(pid, ())) if q in self.questions)
        return {"asked": asked, "me_too": voted}

    def listed(self, states: tuple[str, ...]) -> list[Asked]:
        """Return the questions in `states`: by state, most "me too" first, then as they came."""
        order = {state: n for n, state in enumerate(states)}
        found = [a for a in self.questions.values() if a.record.status in order]
        waiting = [a for a in found if a.record.status == WAITING]
        return sorted(waiting, key=lambda a: a.record.seq) + sorted(
            (a for a in found if a.record.status != WAITING),
            key=lambda a: (order[a.record.status], -a.published, a.record.seq),
        )

    # Checks and durability.
    def wording(self, text: object) -> str:
        """Return a question as anyone will read it: cleaned, then masked; else refuse it."""
        if not isinstance(text, str):
            raise self.room.error("bad-request")
        cleaned = clean(text)
        if not 1 <= len(cleaned) <= MAX_LENGTH:
            raise LiveError("question-length", self.room.lang, count=str(MAX_LENGTH))
        return mask(cleaned)

    def _check_running(self) -> None:
        if not self.enabled:
            raise self.room.error("questions-off")
        if self.room.phase == ENDED:
            raise self.room.error("room-ended")

    def _drop(self, qid: str) -> None:
        self.questions.pop(qid, None)

    def _durable(
        self, pendings: list[Pending], undo: Callable[[], None], scrub: bool = False
    ) -> None:
        """Wait for the writes; if one failed, undo the change in memory: nothing changed."""
        try:
            for pending in pendings:
                pending.wait()
        except StoreError:
            with self.room.lock:
                undo()
            raise self.room.error("not-saved") from None
        if scrub:  # a text was deleted or overwritten: leave no copy in the store's files
            self.room.store.scrub()
