"""The three views of a room (student, screen, teach): full snapshots, privacy rules applied.

This is the one place that decides what each role may see. Students and the projector never
get individual answers, teacher notes, or (before the reveal) correct answers and flags.
Results and answer counts come from what the step last published (see shown.py), for every
role alike, so no two views can be subtracted to learn one participant's answer.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from classroom.content.builtin import LANGUAGES
from classroom.content.text import localise

from .answers import APPROVED, PENDING
from .phrases import phrases
from .present import help_view, notes_of, outline_entry, step_view
from .questions import MAX_LENGTH, PUBLIC, WAITING, Asked
from .room import ENDED, Room
from .tallies import tally


def results_view(room: Room, lang: str | None = None) -> dict[str, Any] | None:
    """Return the current question's aggregate, or None while the privacy rules hide it."""
    question = room.question
    if question is None or not (room.revealed or room.lesson.live_results):
        return None
    answers = room.shown.results(room.index, question, room.step_answers())
    if answers is None:
        return None
    return tally(question, answers, revealed=room.revealed, lang=lang or room.lang)


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


def _common(room: Room, base_url: str, lang: str | None = None) -> dict[str, Any]:
    current, lang = room.current, lang or room.lang
    return {
        "room": {
            "code": room.code,
            "lang": lang,
            "title": localise(room.lesson.title, lang),
            "phase": room.phase,
            "locked": room.locked,
            "join_url": join_url(room, base_url),
            "connected": room.presence.connected,
            "min_group": room.min_group,
        },
        "now": room.clock(),
        "step": step_view(current, len(room.plan), lang) if current else None,
        "voting": {"open": room.voting_open, "deadline": room.deadline, "revealed": room.revealed},
        "answers": _answers_view(room),
        "results": results_view(room, lang),
    }


def _help_set(room: Room, lang: str) -> dict[str, Any] | None:
    # The laptop's wall clock, as the opening hours are: what is open now comes first.
    now = dt.datetime.fromtimestamp(room.clock())
    return help_view(room.help_sets.get(lang) or room.help_set, now)


def showing_help(room: Room) -> bool:
    """Tell whether the step on show is the help notice, or the lesson has ended."""
    current = room.current
    if room.phase == ENDED:
        return True
    return current is not None and getattr(current.step, "notice", None) == "help"


def reading_language(room: Room, asked: object) -> str:
    """Return the language a phone asked for if the lesson and pages have it, else the room's."""
    return asked if asked in room.lesson.languages and asked in LANGUAGES else room.lang


# The question box, for each role: never who asked, never the count of "me too"s as it is now
# (only as published, see questions.py), and nothing unapproved but to the teacher.
def _listed(asked: Asked) -> dict[str, Any]:
    record = asked.record
    return {"id": record.id, "text": record.text, "state": record.status,
            "me_too": asked.published, "shown": record.shown}


def _phone_questions(room: Room) -> dict[str, Any] | None:
    box = room.questions
    if not box.enabled:
        return None
    listed = [_listed(a) for a in box.listed(PUBLIC)]
    return {"open": box.open, "max_length": MAX_LENGTH, "list": listed}


def _screen_questions(room: Room) -> dict[str, Any] | None:
    if not room.questions.enabled:
        return None
    shown = room.questions.showing() if room.phase != ENDED else None
    if shown is None:
        return {"shown": None}
    record = shown.record
    return {"shown": {"id": record.id, "text": record.text, "me_too": shown.published}}


def _teacher_questions(room: Room) -> dict[str, Any] | None:
    box = room.questions
    if not box.enabled:
        return None
    queue = [{**_listed(a), "flagged": a.record.flagged} for a in box.listed((WAITING, *PUBLIC))]
    waiting = sum(item["state"] == WAITING for item in queue)
    return {"open": box.open, "waiting": waiting, "queue": queue}


def student_view(
    room: Room, base_url: str, pid: str | None = None, lang: str | None = None
) -> dict[str, Any]:
    """Return what a phone sees in `lang` (the room's if None); with `pid`, its own answer."""
    lang = reading_language(room, lang)
    view = _common(room, base_url, lang)
    # Live counts stay off the phones: they do not need them, and leaving them out means a
    # vote or a reconnect changes nothing a phone sees, so thirty phones are not re-sent a state.
    view["room"]["connected"] = None
    view["answers"] = None
    view["help"] = _help_set(room, lang)
    view["questions"] = _phone_questions(room)
    if pid is not None:
        view["mine"] = room.mine(pid)
        view["my_questions"] = room.questions.mine(pid)
    return view


def screen_view(room: Room, base_url: str) -> dict[str, Any]:
    """Return what the projector shows; the help set on the help step and after the end."""
    view = _common(room, base_url)
    view["help"] = _help_set(room, room.lang) if showing_help(room) else None
    view["questions"] = _screen_questions(room)
    return view


def _pending(room: Room) -> list[dict[str, Any]]:
    answers = room.step_answers().values()
    return [
        {"id": a.mod_id, "text": a.value, "flagged": a.flagged}
        for a in answers
        if a.status == PENDING and not a.passed
    ]


def _projected(room: Room) -> list[dict[str, Any]] | None:
    """Return the phrases the projector shows of the approved answers (free text only)."""
    question = room.question
    if question is None or question.kind != "text":
        return None
    answers = room.step_answers().values()
    return phrases(a.value for a in answers if a.status == APPROVED and not a.passed)


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
    view["projected"] = _projected(room)
    view["timer"] = current.timer if current else None
    view["teacher_url"] = teacher_url(room, base_url)
    view["screen_url"] = screen_url(room, base_url)
    view["class"] = {
        "expected": room.expected,
        "joined": len(room.participants),
        "waiting": room.waiting.labels(room.clock()),
    }
    view["questions"] = _teacher_questions(room)
    return view


VIEWS = {"student": student_view, "screen": screen_view, "teach": teach_view}


def build(
    role: str, room: Room, base_url: str, pid: str | None = None, lang: str | None = None
) -> dict[str, Any]:
    """Return the view of `role`, read under the room's lock so that it is one moment's."""
    with room.lock:
        if role == "student":
            return student_view(room, base_url, pid, lang)
        return VIEWS[role](room, base_url)
