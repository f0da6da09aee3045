"""The loaded content: lessons, quizzes and help sets, with every problem found."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .lessons import AskStep, HelpSet, Lesson, QuestionStep, Quiz, step_kind
from .questions import Question
from .text import LocalText


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful) in one file, with where it is."""

    path: str
    line: int
    col: int
    where: str
    message: str
    severity: str = "error"  # "error" or "warning"

    def __str__(self) -> str:
        where = f"{self.where} › " if self.where else ""
        label = "warning: " if self.severity == "warning" else ""
        return f"{self.path}:{self.line}:{self.col}: {label}{where}{self.message}"


@dataclass(frozen=True)
class PlannedStep:
    """A lesson step with its question resolved: what the live room runs."""

    index: int
    kind: str  # notice | slide | question | discuss | question-box
    step: object
    question: Question | None = None
    key: str | None = None  # "quiz-id/question-id", or "lesson-id/question-id" when inline
    notes: tuple[LocalText, ...] = ()
    timer: int | None = None  # suggested voting time in seconds


@dataclass
class Library:
    """Everything that loaded, and everything that did not."""

    lessons: dict[str, Lesson] = field(default_factory=dict)
    quizzes: dict[str, Quiz] = field(default_factory=dict)
    help_sets: dict[str, HelpSet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)  # lesson id -> file it came from
    scanned: list[str] = field(default_factory=list)  # every file read, as named in problems

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that are errors (not warnings)."""
        return [p for p in self.problems if p.severity == "error"]

    def question(self, ref: str) -> Question | None:
        """Return the question `quiz-id/question-id`, or None."""
        quiz_id, _, question_id = ref.partition("/")
        quiz = self.quizzes.get(quiz_id)
        if quiz is None:
            return None
        return next((q for q in quiz.questions if q.id == question_id), None)

    def plan(self, lesson: Lesson) -> list[PlannedStep]:
        """Resolve a lesson's steps into what a live room runs, in order."""
        return [self._plan_step(index, lesson, step) for index, step in enumerate(lesson.steps)]

    def _plan_step(self, index: int, lesson: Lesson, step: object) -> PlannedStep:
        if isinstance(step, AskStep):
            question = self.question(step.ask)
            notes = tuple(n for n in (question.notes if question else None, step.notes) if n)
            timer = step.timer or (question.timer if question else None)
            return PlannedStep(index, "question", step, question, step.ask, notes, timer)
        if isinstance(step, QuestionStep):
            question = step.question
            key = f"{lesson.id}/{question.id}"
            notes = tuple(n for n in [question.notes] if n)
            return PlannedStep(index, "question", step, question, key, notes)
        kind = step_kind(step) or "slide"
        # A discussion and a question-box moment keep their notes beside their prompt.
        prompt = getattr(step, "discuss", None) or getattr(step, "question_box", None)
        notes = getattr(step, "notes", None) or getattr(prompt, "notes", None)
        return PlannedStep(index, kind, step, notes=tuple(n for n in [notes] if n))


def bundled_paths() -> list[Path]:
    """Return the folders of the bundled lessons and quizzes (checkout or installed wheel)."""
    package = Path(__file__).resolve().parent.parent
    for root in (package, package.parent):
        if (root / "lessons").is_dir() and (root / "quizzes").is_dir():
            return [root / "lessons", root / "quizzes"]
    return []


def load_library(paths: Iterable[Path] | None = None) -> Library:
    """Load every lesson, quiz and help set under `paths` (default: the bundled ones)."""
    from .loader import load_paths  # the loader imports Library; keep the cycle one-way at import

    return load_paths(list(paths) if paths is not None else bundled_paths())
