"""One file as the preview shows it: its steps, each with the problems that concern it.

A lesson shows its steps; a quiz shows each of its questions as a step; a help set shows the
help step. A problem is shown at the step it is about (a quiz question's problem at every step
that asks it); what is about no step is shown above them all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from classroom.content.lessons import AskStep, Lesson, NoticeStep
from classroom.content.library import Library, PlannedStep, Problem

from .outline import item_of
from .sources import TOP_ID, Reading

DEFAULT_LANG = "nl"


@dataclass
class Step:
    """One step of the file: what it is, and what is wrong with it."""

    index: int
    kind: str  # notice, slide, question, discuss ("" when cut out)
    key: str | None
    planned: PlannedStep | None  # None: cut out, its problems say why
    problems: list[Problem] = field(default_factory=list)


@dataclass
class Document:
    """A file's steps, ready to show, and the problems that belong to no step."""

    label: str
    kind: str | None
    languages: list[str] = field(default_factory=list)
    lesson: Lesson | None = None
    library: Library | None = None  # what the lesson's questions and help set come from
    steps: list[Step] = field(default_factory=list)
    head: list[Problem] = field(default_factory=list)
    stale_since: float | None = None  # the file does not load now: this is how it last loaded


def _file_id(text: str) -> str | None:
    found = TOP_ID.search(text)
    return found.group(1) if found else None


def _quiz_lesson(reading: Reading, quiz_id: str) -> Lesson | None:
    """Return a quiz as a lesson that asks each of its questions in turn."""
    quiz = reading.library.quizzes.get(quiz_id)
    if quiz is None:
        return None
    written = [quiz.title, *(q.text for q in quiz.questions)]  # the title's order first
    langs = list(dict.fromkeys(lang for text in written if isinstance(text, dict) for lang in text))
    langs = langs or [DEFAULT_LANG]
    steps = [AskStep(ask=f"{quiz.id}/{q.id}") for q in quiz.questions]
    return _as_lesson(reading, f"preview-{quiz.id}", quiz.title, langs, steps)


def _help_lesson(reading: Reading, help_id: str) -> Lesson | None:
    """Return a help set as a lesson of one step: the help screen."""
    help_set = reading.library.help_sets.get(help_id)
    if help_set is None:
        return None
    return _as_lesson(reading, f"preview-{help_id}", help_set.title, [help_set.language],
                      [NoticeStep(notice="help")], help_id)


def _as_lesson(reading: Reading, lesson_id: str, title: object, langs: list[str],
               steps: list, help_id: str | None = None) -> Lesson:
    if help_id is None:  # any help set in the lesson's language will do for a look
        sets = reading.library.help_sets.values()
        chosen = next((h.id for h in sets if h.language in langs), None)
        help_id = chosen or next((h.id for h in sets), "none")
    return Lesson(id=lesson_id, title=title, audience=["all"], minutes=5, languages=langs,
                  help=help_id, steps=steps)


def _lesson_of(reading: Reading, kind: str | None, file_id: str | None) -> Lesson | None:
    if file_id is None:
        return None
    if kind == "lesson":
        return reading.library.lessons.get(file_id)
    if kind == "quiz":
        return _quiz_lesson(reading, file_id)
    if kind == "help set":
        return _help_lesson(reading, file_id)
    return None


def _place(reading: Reading, document: Document, source_label: str) -> None:
    """Put every problem of the document's own file, and of the quizzes it asks, at its step."""
    source = reading.sources[source_label]
    by_key: dict[str, list[Step]] = {}
    for step in document.steps:
        if step.key:
            by_key.setdefault(step.key, []).append(step)
    for problem in reading.problems:
        if problem.path == source_label:
            kind = "question" if source.kind == "quiz" else "step"
            index = item_of(problem, source.items, kind)
            if index is not None and index < len(document.steps):
                document.steps[index].problems.append(problem)
            else:
                document.head.append(problem)
        elif reading.sources.get(problem.path) and reading.sources[problem.path].kind == "quiz":
            _place_quiz_problem(reading, problem, by_key)


def _place_quiz_problem(reading: Reading, problem: Problem, by_key: dict[str, list[Step]]) -> None:
    """Show a problem of a quiz at every step that asks the question it is about."""
    quiz = reading.sources[problem.path]
    index = item_of(problem, quiz.items, "question")
    quiz_id = _file_id(quiz.text)
    if index is None or quiz_id is None:
        return
    for step in by_key.get(f"{quiz_id}/{quiz.items[index].ident}", []):
        step.problems.append(problem)


def build(reading: Reading, label: str, last_good: dict[str, tuple[float, Document]]) -> Document:
    """Return the document of the file `label`: its steps and their problems."""
    source = reading.sources[label]
    document = Document(label, source.kind)
    lesson = _lesson_of(reading, source.kind, _file_id(source.text))
    if lesson is None:  # it does not load, even with its broken steps cut out
        document.head = [p for p in reading.problems if p.path == label]
        if label in last_good:
            since, good = last_good[label]
            return Document(label, source.kind, good.languages, good.lesson, good.library,
                            good.steps, document.head, since)
        return document
    library = Library(lessons={lesson.id: lesson}, quizzes=reading.library.quizzes,
                      help_sets=reading.library.help_sets)
    cut = reading.cuts.get(label, set())
    document.languages = list(lesson.languages)
    document.lesson, document.library = lesson, library
    document.steps = [
        Step(p.index, p.kind, p.key, None if p.index in cut else p) for p in library.plan(lesson)
    ]
    for step in document.steps:  # a step that asks a question that was cut out is cut too
        if step.planned and step.key and step.planned.question is None:
            step.planned = None
        if step.planned is None:  # the placeholder's kind says nothing; what it asked does
            step.kind = ""
            step.key = source.asks(step.index) if step.index < len(source.items) else None
    _place(reading, document, label)
    if not cut and not any(p.severity == "error" for p in document.head):
        last_good[label] = (time.time(), document)
    return document
