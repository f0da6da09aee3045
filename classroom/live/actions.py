"""The teacher's controls: each validates first, then changes the room in one step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classroom.store import Pending, RoomRecord

from . import kept
from .answers import APPROVED, PENDING, REJECTED, answer_record
from .room import ENDED, LOBBY, MAX_TIMER, STEP, Room

Mutation = Callable[[RoomRecord], list[Callable[[], Pending]] | None]


def _show(record: RoomRecord, step: int | None) -> None:
    # Voting closes and results hide on the step being left.
    record.phase = STEP if step is not None else LOBBY
    record.step = step
    record.voting_open, record.revealed, record.deadline = False, False, None


def _need_question(room: Room) -> None:
    if room.question is None:
        raise room.error("not-allowed")


def go(room: Room, step: int) -> None:
    """Show step `step`."""
    if not 0 <= step < len(room.plan):
        raise room.error("bad-value")
    room.change(lambda record: _show(record, step))


def next_step(room: Room) -> None:
    """Show the next step; from the lobby, start the lesson."""

    def mutate(record: RoomRecord) -> None:
        target = 0 if record.phase == LOBBY else (record.step or 0) + 1
        if target >= len(room.plan):
            raise room.error("not-allowed")
        _show(record, target)

    room.change(mutate)


def prev_step(room: Room) -> None:
    """Show the previous step; from the first step, go back to the lobby (the QR code)."""

    def mutate(record: RoomRecord) -> None:
        if record.phase == LOBBY:
            raise room.error("not-allowed")
        _show(record, record.step - 1 if record.step else None)

    room.change(mutate)


def _question_change(room: Room, mutate: Mutation, scrub: bool = False) -> None:
    def checked(record: RoomRecord) -> Any:
        _need_question(room)
        return mutate(record)

    room.change(checked, scrub)


def _set(**values: Any) -> Mutation:
    def mutate(record: RoomRecord) -> None:
        for name, value in values.items():
            setattr(record, name, value)

    return mutate


def open_voting(room: Room) -> None:
    """Open voting on the current question (results hide while it is open)."""
    _question_change(room, _set(voting_open=True, deadline=None, revealed=False))


def close_voting(room: Room) -> None:
    """Close voting on the current question."""
    _question_change(room, _set(voting_open=False, deadline=None))


def reveal(room: Room) -> None:
    """Show the results (and the correct answer); voting closes first."""
    _question_change(room, _set(voting_open=False, deadline=None, revealed=True))


def hide(room: Room) -> None:
    """Hide the results again."""
    _question_change(room, _set(revealed=False))


def reset(room: Room) -> None:
    """Forget every answer to the current question; voting closes, results hide."""

    def mutate(record: RoomRecord) -> list[Callable[[], Pending]]:
        step = record.step
        room.answers.pop(step, None)
        room.shown.reset(step)
        _set(voting_open=False, deadline=None, revealed=False)(record)
        return [lambda: room.store.delete_answers(room.code, step)]

    _question_change(room, mutate, scrub=True)


def timer(room: Room, seconds: int) -> None:
    """Open voting now and close it after `seconds`; 0 cancels the timer."""
    if not 0 <= seconds <= MAX_TIMER:
        raise room.error("bad-value")
    if seconds == 0:
        _question_change(room, _set(deadline=None))
        return
    deadline = room.clock() + seconds
    _question_change(room, _set(voting_open=True, deadline=deadline, revealed=False))


def lock(room: Room, locked: bool) -> None:
    """Refuse (or allow again) phones that have never joined this room."""
    room.change(_set(locked=locked))


def _moderation_ids(room: Room) -> dict[str, tuple[int, str, Any]]:
    """Return {moderation id: (step, participant, answer)} of texts still there; under the lock."""
    # Under the lock: a phone answering meanwhile adds to these dicts. A rejected text is
    # deleted (its value is None): it cannot be moderated again.
    return {
        answer.mod_id: (step, pid, answer)
        for step, answers in room.answers.items()
        for pid, answer in answers.items()
        if answer.mod_id and answer.value is not None
    }


def _moderate(room: Room, mod_ids: list[str], approve: bool, strict: bool) -> None:
    status = APPROVED if approve else REJECTED

    def mutate(record: RoomRecord) -> list[Callable[[], Pending]]:
        known = _moderation_ids(room)
        if strict and any(mod_id not in known for mod_id in mod_ids):
            raise room.error("bad-value")
        writes = []
        for mod_id in dict.fromkeys(mod_ids):
            if mod_id not in known:
                continue
            step, pid, answer = known[mod_id]
            answer.status = status
            if status == REJECTED:
                answer.value = None
            saved = answer_record(step, pid, answer)
            writes.append(lambda saved=saved: room.store.save_answer(room.code, saved))
        return writes

    room.change(mutate, scrub=not approve)


def _erase_unapproved(room: Room) -> list[Callable[[], Pending]]:
    """Delete every free text the teacher did not approve; return the writes."""
    writes = []
    for step, answers in room.answers.items():
        for pid, answer in answers.items():
            if answer.status in (PENDING, REJECTED) and answer.value is not None:
                answer.value, answer.status = None, REJECTED
                record = answer_record(step, pid, answer)
                writes.append(lambda record=record: room.store.save_answer(room.code, record))
    return writes


def moderate(room: Room, mod_id: str, approve: bool) -> None:
    """Approve or reject one free-text answer, found by its moderation id.

    A rejected text is deleted at once (the answer still counts as given); one that was
    rejected, or changed by its author meanwhile, cannot be moderated again (`bad-value`).
    """
    _moderate(room, [mod_id], approve, strict=True)


def moderate_many(room: Room, mod_ids: list[str], approve: bool) -> None:
    """Approve or reject the answers the teacher saw ("approve all"), in one change.

    An id no longer there (the phone changed its answer since) is skipped: its new text
    stays pending until the teacher has seen it.
    """
    _moderate(room, mod_ids, approve, strict=False)


def end(room: Room) -> None:
    """End the lesson: phones show the help page and a thank-you.

    Texts and questions the teacher did not approve are deleted, and so is the room's salt:
    without it no phone, even one that kept its key, can be matched to its answers any more.
    The question box forgets which phone asked or said "me too" to the questions it keeps.
    What the report shows is kept as it is now (kept.py), so it reads the same after a restart.
    """
    now = room.clock()
    final: list[str] = []

    def mutate(record: RoomRecord) -> list[Callable[[], Pending]]:
        _set(phase=ENDED, voting_open=False, deadline=None, ended_at=now, salt="")(record)
        room.waiting.clear()
        writes = _erase_unapproved(room) + room.questions.close()
        final.append(kept.dump(kept.final_results(room), room.questions.published()))
        return [*writes, lambda: room.store.save_results(room.code, final[-1])]

    room.change(mutate, scrub=True)
    # Read back as a restart will: the same answers in the same order, the same report.
    room.shown.freeze(kept.read(final[-1]))
