"""Checks beyond one model: duplicate ids, `correct` marks, references, missing translations."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Issue, did_you_mean
from .lessons import AskStep, HelpSet, Lesson, NoticeStep, QuestionBoxStep, Quiz, SlideStep
from .library import Library
from .markdown import markup_warnings
from .questions import Option
from .yamlnodes import Document, Path, Spot


@dataclass
class Loaded:
    """One file as read: its data, where things are, and the model when it validated."""

    label: str
    kind: str | None = None  # "lesson", "quiz" or "help set"
    data: Any = None
    doc: Document | None = None
    model: Any = None
    failed: bool = False  # some error in the file: it is not in the library
    issues: list[Issue] = field(default_factory=list)  # placed by path once all files are read
    spots: list[tuple[Spot, Path | None, str]] = field(default_factory=list)  # placed already


def file_issues(kind: str | None, data: Any) -> list[Issue]:
    """Check one file's raw data for repeated question ids and misplaced `correct` marks."""
    if not isinstance(data, dict):
        return []
    found = list(_questions(kind, data))
    marks = [issue for path, q in found for issue in _correct_marks(path, q)]
    return _duplicate_ids(found) + marks


def _questions(kind: str | None, data: dict) -> Iterator[tuple[Path, dict]]:
    if kind == "quiz" and isinstance(data.get("questions"), list):
        for index, question in enumerate(data["questions"]):
            if isinstance(question, dict):
                yield ("questions", index), question
    if kind == "lesson" and isinstance(data.get("steps"), list):
        for index, step in enumerate(data["steps"]):
            if isinstance(step, dict) and isinstance(step.get("question"), dict):
                yield ("steps", index, "question"), step["question"]


def _duplicate_ids(questions: list[tuple[Path, dict]]) -> list[Issue]:
    seen: dict[str, str] = {}
    issues = []
    for number, (path, question) in enumerate(questions, start=1):
        qid = question.get("id")
        if not isinstance(qid, str):
            continue
        if qid in seen:
            issues.append(Issue((*path, "id"), f"expected an id no other question here uses, "
                                f"got '{qid}', which {seen[qid]} already has"))
        where = f"step {path[1] + 1}" if path[0] == "steps" else f"question {number}"
        seen.setdefault(qid, where)
    return issues


def _correct_marks(path: Path, question: dict) -> list[Issue]:
    kind, options = question.get("kind"), question.get("options")
    if not isinstance(options, list):
        return []
    if kind == "check":
        # Also checked by the model, but only once every field is valid; here it always is.
        try:
            marked = sum(Option.model_validate(option).correct for option in options)
        except ValidationError:
            return []  # a broken option has its own message; counting it would only confuse
        return [] if marked == 1 else [Issue((*path, "options"), CHECK_MESSAGE.format(marked))]
    return [Issue((*path, "options", index, "correct"), f"only a 'check' question marks a "
                  f"correct option, and this is a '{kind}' question: remove 'correct', or use "
                  "kind: check", key=True)
            for index, option in enumerate(options)
            if isinstance(option, dict) and "correct" in option]


CHECK_MESSAGE = "expected exactly 1 option with `correct: true`, got {}"


def reference_issues(lesson: Lesson, library: Library, context: Library,
                     failed: dict[str, str]) -> list[Issue]:
    """Check that a lesson's questions and help set exist, suggesting near names."""
    issues = []
    for index, step in enumerate(lesson.steps):
        if isinstance(step, AskStep):
            message = _ask_problem(step.ask, library, context, failed)
            if message:
                issues.append(Issue(("steps", index, "ask"), message))
        if isinstance(step, QuestionBoxStep) and not lesson.questions:
            issues.append(Issue(("steps", index, "question-box"), "this lesson turns the "
                                "question box off (questions: off): remove this step, or turn "
                                "questions on", key=True))
    help_sets = {**context.help_sets, **library.help_sets}
    if isinstance(lesson.help, str):
        named = {(): lesson.help}
    else:
        named = {(lang,): help_id for lang, help_id in lesson.help.items()}
    for where, help_id in named.items():
        if help_id not in help_sets:
            known = sorted(help_sets)
            hint = did_you_mean(help_id, known) or (f"; known: {', '.join(known)}" if known else "")
            issues.append(Issue(("help", *where), f"no help set has the id '{help_id}'{hint}"))
    return issues


def _ask_problem(ref: str, library: Library, context: Library, failed: dict[str, str]) -> str:
    quiz_id, _, question_id = ref.partition("/")
    quizzes = {**context.quizzes, **library.quizzes}
    quiz = quizzes.get(quiz_id)
    if quiz is None:
        if quiz_id in failed:
            return f"quiz '{quiz_id}' did not load ({failed[quiz_id]} has errors): fix those first"
        if quiz_id in library.help_sets or quiz_id in library.lessons:
            return f"expected a quiz id before '/', got '{quiz_id}', which is not a quiz"
        return f"no quiz has the id '{quiz_id}'{did_you_mean(quiz_id, sorted(quizzes))}"
    ids = [question.id for question in quiz.questions]
    if question_id not in ids:
        return f"quiz '{quiz_id}' has no question '{question_id}'{did_you_mean(question_id, ids)}"
    return ""


def help_issues(help_set: HelpSet) -> list[Issue]:
    """Warn about opening hours that do not say where they come from and when they were read."""
    return [Issue(("resources", index, "hours" if r.hours else "open"),
                  "say where these hours come from: add `sources` (url and the date you read "
                  "it, `checked`) to this service; hours change", severity="warning")
            for index, r in enumerate(help_set.resources)
            if (r.hours or r.open) and not r.sources]


def markup_issues(lesson: Lesson) -> list[Issue]:
    """Warn about Markdown in slides and notices that will not show as the author wrote it."""
    issues = []
    for index, step in enumerate(lesson.steps):
        key = "slide" if isinstance(step, SlideStep) else "text"
        text = getattr(step, key, None) if isinstance(step, (SlideStep, NoticeStep)) else None
        for lang, body in ({"": text} if isinstance(text, str) else text or {}).items():
            path = ("steps", index, key, lang) if lang else ("steps", index, key)
            issues.extend(Issue(path, message, severity="warning")
                          for message in markup_warnings(body))
    return issues


def texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, dict[str, str]]]:
    """Yield every text written per language in a model, with its path."""
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from texts(getattr(value, name), (*path, info.alias or name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from texts(item, (*path, index))
    elif isinstance(value, dict) and value and all(isinstance(v, str) for v in value.values()):
        yield path, value


def translation_issues(lesson: Lesson, quizzes: dict[str, Quiz]) -> Iterator[tuple[str, Path, str]]:
    """Yield (quiz id or '', path, language) for every text that misses a lesson language."""
    wanted = list(lesson.languages)
    for path, text in texts(lesson):
        yield from (("", path, lang) for lang in wanted if lang not in text)
    for step in lesson.steps:
        if not isinstance(step, AskStep):
            continue
        quiz_id, _, question_id = step.ask.partition("/")
        quiz = quizzes.get(quiz_id)
        for index, question in enumerate(quiz.questions if quiz else []):
            if question.id == question_id:
                for path, text in texts(question, ("questions", index)):
                    yield from ((quiz_id, path, lang) for lang in wanted if lang not in text)

