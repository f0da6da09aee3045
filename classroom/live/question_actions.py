"""The teacher and the question box: approve, edit, hide, mark answered, project.

Each checks first, then changes the question (and, to show one, the one it replaces) in one
durable step (QuestionBox.change). Every change is sent to every phone: an edit changes what
the phone that asked sees, even while the question waits.
"""

from __future__ import annotations

from .questions import ANSWERED, APPROVED, HIDDEN, PUBLIC, WAITING, Asked
from .room import Room
from .textfilter import is_flagged


def _reword(asked: Asked, wording: str | None) -> None:
    if wording is not None:
        asked.record.text, asked.record.flagged = wording, is_flagged(wording)


def approve(room: Room, qid: str, text: str | None = None) -> None:
    """Approve a waiting question, in the teacher's wording if given: every phone lists it."""
    wording = None if text is None else room.questions.wording(text)

    def change(asked: Asked) -> list[Asked]:
        if asked.record.status != WAITING:
            raise room.error("not-allowed")
        _reword(asked, wording)
        asked.record.status = APPROVED
        return [asked]

    room.questions.change(qid, change, scrub=wording is not None)


def edit(room: Room, qid: str, text: str) -> None:
    """Change the wording of a question (a typo, a name): it changes wherever it shows."""
    wording = room.questions.wording(text)

    def change(asked: Asked) -> list[Asked]:
        _reword(asked, wording)
        return [asked]

    room.questions.change(qid, change, scrub=True)  # the old wording leaves no copy behind


def hide(room: Room, qid: str) -> None:
    """Hide a question: its text is deleted at once; the phone that asked sees it was not put up."""

    def change(asked: Asked) -> list[Asked]:
        record = asked.record
        record.text, record.flagged, record.status, record.shown = None, False, HIDDEN, False
        return [asked]

    room.questions.change(qid, change, scrub=True)


def answered(room: Room, qid: str, done: bool) -> None:
    """Mark an approved question answered (or not answered after all)."""

    def change(asked: Asked) -> list[Asked]:
        if asked.record.status not in PUBLIC:
            raise room.error("not-allowed")  # a question is answered in front of the class
        asked.record.status = ANSWERED if done else APPROVED
        return [asked]

    room.questions.change(qid, change)


def show(room: Room, qid: str | None) -> None:
    """Show an approved question large on the projector, over the step; None takes it off."""

    def change(asked: Asked) -> list[Asked]:
        if qid is None:
            asked.record.shown = False
            return [asked]
        if asked.record.status not in PUBLIC:
            raise room.error("not-allowed")  # nothing reaches the projector unapproved
        before = room.questions.showing()
        asked.record.shown = True
        if before is None or before is asked:
            return [asked]
        before.record.shown = False
        return [before, asked]

    room.questions.change(qid, change)
