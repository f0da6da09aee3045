"""The teacher's controls: each validates first, then changes the room in one step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from classroom.store import Pending, RoomRecord

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


def moderate(room: Room, mod_id: str, approve: bool) -> None:
    """Approve or reject one free-text answer, found by its moderation id.

    A rejected text is deleted at once (the answer still counts as given); one that was
    rejected, or changed by its author meanwhile, cannot be moderated again (`bad-value`).
    """
    status = APPROVED if approve else REJECTED

    def mutate(record: RoomRecord) -> list[Callable[[], Pending]]:
        # Searched under the room's lock: a phone answering meanwhile adds to these dicts.
        found = next(
            (
                (step, pid, answer)
                for step, answers in room.answers.items()
                for pid, answer in answers.items()
                if answer.mod_id == mod_id
            ),
            None,
        )
        if found is None or found[2].value is None:
            raise room.error("bad-value")
        step, pid, answer = found
        answer.status = status
        if status == REJECTED:
            answer.value = None
        return [lambda: room.store.save_answer(room.code, answer_record(step, pid, answer))]

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


def end(room: Room) -> None:
    """End the lesson: phones show the help page and a thank-you.

    Texts the teacher did not approve are deleted, and so is the room's salt: without it no
    phone, even one that kept its key, can be matched to its answers any more.
    """
    now = room.clock()

    def mutate(record: RoomRecord) -> list[Callable[[], Pending]]:
        _set(phase=ENDED, voting_open=False, deadline=None, ended_at=now, salt="")(record)
        room.waiting.clear()
        return _erase_unapproved(room)

    room.change(mutate, scrub=True)
