"""The three views of a room (student, screen, teach): full snapshots, privacy rules applied.

This is the one place that decides what each role may see. Students and the projector never
get individual answers, teacher notes, or (before the reveal) correct answers and flags.
Results and answer counts come from what the step last published (see shown.py), for every
role alike, so no two views can be subtracted to learn one participant's answer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from classroom.content.text import localise

from .answers import PENDING
from .present import notes_of, outline_entry, step_view
from .room import Room
from .tallies import tally


def results_view(room: Room) -> dict[str, Any] | None:
    """Return the current question's aggregate, or None while the privacy rules hide it."""
    question = room.question
    if question is None or not (room.revealed or room.lesson.live_results):
        return None
    answers = room.shown.results(room.index, question, room.step_answers())
    if answers is None:
        return None
    return tally(question, answers, revealed=room.revealed, lang=room.lang)


def _answers_view(room: Room) -> dict[str, int]:
    if room.question is None:
        return {"count": 0, "passed": 0, "group": room.min_group}
    count, passed = room.shown.counts(room.index, room.step_answers())
    # `group`: counts move in steps of at least this many phones, so pages can say so.
    return {"count": count, "passed": passed, "group": room.min_group}


def join_url(room: Room, base_url: str) -> str:
    """Return the address phones open to join this room."""
    return f"{base_url.rstrip('/')}/j/{room.code}"


def teacher_url(room: Room, base_url: str) -> str:
    """Return the teacher's secret control link."""
    return f"{base_url.rstrip('/')}/teach/{room.code}?key={quote(room.teacher_key)}"


def screen_url(room: Room, base_url: str) -> str:
    """Return the projector's link: its key (which can only watch) after #, never sent to us."""
    return f"{base_url.rstrip('/')}/screen/{room.code}#key={quote(room.screen_key)}"


def _common(room: Room, base_url: str) -> dict[str, Any]:
    current = room.current
    return {
        "room": {
            "code": room.code,
            "lang": room.lang,
            "title": localise(room.lesson.title, room.lang),
            "phase": room.phase,
            "locked": room.locked,
            "join_url": join_url(room, base_url),
            "connected": room.presence.connected,
        },
        "now": room.clock(),
        "step": step_view(current, len(room.plan), room.lang) if current else None,
        "voting": {"open": room.voting_open, "deadline": room.deadline, "revealed": room.revealed},
        "answers": _answers_view(room),
        "results": results_view(room),
    }


def _help_view(room: Room) -> dict[str, Any] | None:
    help_set = room.help_set
    if help_set is None:
        return None
    return {
        "title": help_set.title,
        "intro": help_set.intro,
        "emergency": help_set.emergency,
        "resources": [resource.model_dump() for resource in help_set.resources],
    }


def student_view(room: Room, base_url: str, pid: str | None = None) -> dict[str, Any]:
    """Return what a phone sees; with `pid`, include that phone's own answer as `mine`."""
    view = _common(room, base_url)
    # Live counts stay off the phones: they do not need them, and leaving them out means a
    # vote or a reconnect changes nothing a phone sees, so thirty phones are not re-sent a state.
    view["room"]["connected"] = None
    view["answers"] = None
    view["help"] = _help_view(room)
    if pid is not None:
        view["mine"] = room.mine(pid)
    return view


def screen_view(room: Room, base_url: str) -> dict[str, Any]:
    """Return what the projector shows."""
    return _common(room, base_url)


def _pending(room: Room) -> list[dict[str, Any]]:
    answers = room.step_answers().values()
    return [
        {"id": a.mod_id, "text": a.value, "flagged": a.flagged}
        for a in answers
        if a.status == PENDING and not a.passed
    ]


def teach_view(room: Room, base_url: str) -> dict[str, Any]:
    """Return the teacher's control view: notes, outline, next step, moderation queue."""
    view = _common(room, base_url)
    current = room.current
    following = 0 if room.phase == "lobby" else (room.index + 1 if current else None)
    view["notes"] = notes_of(current, room.lang) if current else []
    view["next"] = (
        outline_entry(room.plan[following], room.lang)
        if following is not None and following < len(room.plan) and room.phase != "ended"
        else None
    )
    view["steps"] = [outline_entry(planned, room.lang) for planned in room.plan]
    view["pending"] = _pending(room)
    view["timer"] = current.timer if current else None
    view["teacher_url"] = teacher_url(room, base_url)
    view["screen_url"] = screen_url(room, base_url)
    view["class"] = {
        "expected": room.expected,
        "joined": len(room.participants),
        "waiting": room.waiting.labels(room.clock()),
    }
    return view


VIEWS = {"student": student_view, "screen": screen_view, "teach": teach_view}


def build(role: str, room: Room, base_url: str, pid: str | None = None) -> dict[str, Any]:
    """Return the view of `role`, read under the room's lock so that it is one moment's."""
    with room.lock:
        if role == "student":
            return student_view(room, base_url, pid)
        return VIEWS[role](room, base_url)
