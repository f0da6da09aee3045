"""A lesson as it was when a room started, kept with the room.

A room's answers are stored by step number. Lesson files change (a step added, a question
rewritten), so a room reloaded months later must be read against the lesson it ran, not the
file as it is now: otherwise last year's answers would land on this year's questions. The
snapshot is the lesson and the questions it asks, as JSON text; the store keeps it as it is.
"""

from __future__ import annotations

import json
from functools import lru_cache

from pydantic import ValidationError

from .lessons import AskStep, Lesson, Quiz
from .library import Library, PlannedStep

VERSION = 1


def take(library: Library, lesson: Lesson) -> str:
    """Return the snapshot of `lesson`: itself and every quiz question it asks."""
    asked: dict[str, set[str]] = {}
    for step in lesson.steps:
        if isinstance(step, AskStep):
            quiz_id, _, question_id = step.ask.partition("/")
            asked.setdefault(quiz_id, set()).add(question_id)
    quizzes = {}
    for quiz_id, ids in asked.items():
        quiz = library.quizzes.get(quiz_id)
        if quiz is None:
            continue
        questions = [q for q in quiz.questions if q.id in ids]
        if questions:
            quizzes[quiz_id] = quiz.model_copy(update={"questions": questions}).model_dump(
                mode="json", exclude_none=True, by_alias=True)
    # by alias: a step kind written with a dash (question-box) reads back only under that name
    lesson_data = lesson.model_dump(mode="json", exclude_none=True, by_alias=True)
    data = {"version": VERSION, "lesson": lesson_data, "quizzes": quizzes}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=32)
def restore(text: str) -> tuple[Lesson, list[PlannedStep]] | None:
    """Return the lesson of a snapshot and its plan, or None when it cannot be read back.

    Kept for the next room of the same lesson: rooms share it (models are frozen, and no room
    changes its plan), so a hall of rooms reloaded after a restart holds one copy per lesson.
    """
    if not text:
        return None
    try:
        data = json.loads(text)
        lesson = Lesson.model_validate(data["lesson"])
        quizzes = {qid: Quiz.model_validate(quiz) for qid, quiz in data["quizzes"].items()}
    except (ValueError, KeyError, TypeError, ValidationError):
        return None  # written by a version whose models this one no longer reads
    return lesson, Library(lessons={lesson.id: lesson}, quizzes=quizzes).plan(lesson)
