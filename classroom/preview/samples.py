"""What each step looks like, built by the real rooms and views with a made-up class.

No sockets, no store: a room of the lesson in memory, sample phones that join, and the
teacher's own actions (show the step, open voting, reveal). The answers are made up, drawn the
same way at every reload (seeded by the question), and the preview page says so. The projector
and the phone pages draw these states with their own scripts, as they draw the server's.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from classroom.content.lessons import Lesson
from classroom.content.library import Library, PlannedStep
from classroom.content.questions import CRITERIA, FLAGS
from classroom.live import actions, views
from classroom.live.registry import Rooms
from classroom.store import SavedRoom

BASE = "http://192.168.1.20:5000"  # an address a classroom laptop could have
CLASS = 24  # sample phones, more if the lesson's minimum group asks for more
TEXTS = {  # sample free text: plainly examples, in the page's language
    "nl": ["Een voorbeeld van een antwoord", "Voorbeeld", "Nog een voorbeeld",
           "Een langer voorbeeld van wat een leerling zou kunnen schrijven", "Voorbeeldtekst"],
    "en": ["A sample answer", "Sample", "Another sample",
           "A longer sample of what a student might write", "Sample text"],
    "fr": ["Un exemple de réponse", "Exemple", "Encore un exemple",
           "Un exemple plus long de ce qu'un élève pourrait écrire", "Texte d'exemple"],
}


class Done:
    """A write that is already durable."""

    def wait(self, timeout: float | None = None) -> None:
        """Return at once."""


class NullStore:
    """A store that keeps nothing: a preview (or a test's walk) needs no disk."""

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: Done()  # every write: done, nothing kept

    def has_room(self, code: str) -> bool:
        """No room is stored."""
        return False

    def open_rooms(self) -> list[SavedRoom]:
        """Nothing to resume."""
        return []

    def load_room(self, code: str) -> SavedRoom | None:
        """Nothing to load."""
        return None

    def list_rooms(self) -> list:
        """Nothing kept."""
        return []

    def get_meta(self, name: str) -> str | None:
        """No settings."""
        return None




def sample_value(question: Any, rng: random.Random, weights: list[float], lang: str) -> Any:
    """Return a made-up answer to `question`, drawn with `weights` over its choices."""
    kind, pick = question.kind, lambda: rng.choices(range(len(weights)), weights)[0]
    if kind in ("choice", "check", "scale"):
        return pick() + (1 if kind == "scale" else 0)
    if kind == "multi":
        top = question.max or len(question.options)
        wanted = rng.randint(question.min, top)
        return sorted(set(rng.choices(range(len(weights)), weights, k=wanted * 2)))[:wanted] \
            or [pick()]
    if kind == "flag":
        flag = FLAGS[pick()]
        return {"flag": flag, "criterion": rng.choice(CRITERIA) if question.criterion else None}
    if kind == "rank":
        return sorted(range(len(weights)), key=lambda n: -weights[n] * rng.random())
    texts = TEXTS.get(lang, TEXTS["en"])
    return texts[pick() % len(texts)][: question.max_length]


def weights_for(question: Any, rng: random.Random) -> list[float]:
    """Return how much a sample class favours each thing an answer picks from (made up)."""
    count, favour = _choices(question)
    return [(rng.random() + 0.15) ** 1.5 * (3 if n in favour else 1) for n in range(count)]


def _choices(question: Any) -> tuple[int, set[int]]:
    """Return how many things an answer picks from, and which a sample class favours."""
    kind = question.kind
    if kind in ("choice", "check", "multi", "rank"):
        return len(question.options), {n for n, o in enumerate(question.options)
                                       if getattr(o, "correct", False)}
    if kind == "scale":
        return question.points, set()
    if kind == "flag":
        return len(FLAGS), {FLAGS.index(question.expected)} if question.expected else set()
    return len(TEXTS["en"]), set()


@dataclass
class StepLook:
    """One step as every role sees it: phase -> {"screen": state, "student": state}."""

    index: int
    phases: dict[str, dict[str, Any]]
    notes: list[str]
    timer: int | None


class SampleClass:
    """A room of one lesson in one language, with sample phones, that shows any step."""

    def __init__(self, lesson: Lesson, library: Library, lang: str) -> None:
        self.room = Rooms(library, NullStore()).create(lesson.id, lang)
        self.lang = lang
        size = max(CLASS, self.room.min_group + 6)
        self.pids = [self.room.join(f"preview-phone-{n:04d}-abcdefghijkl") for n in range(size)]
        for n, pid in enumerate(self.pids):
            self.room.presence.attach(f"preview-{n}", pid, lang)

    def _shot(self) -> dict[str, Any]:
        return {"screen": views.screen_view(self.room, BASE),
                "student": views.student_view(self.room, BASE, self.pids[0], self.lang)}

    def _answer(self, planned: PlannedStep) -> None:
        rng = random.Random(f"{planned.key}:{planned.index}")
        question = planned.question
        weights = weights_for(question, rng)
        for n, pid in enumerate(self.pids):
            passed = n % 12 == 11  # a few would rather not answer (never the phone shown)
            value = None if passed else sample_value(question, rng, weights, self.lang)
            self.room.answer(pid, planned.index, value, passed)
        if question.kind == "text":
            texts = [a.mod_id for a in self.room.step_answers().values() if a.mod_id]
            actions.moderate_many(self.room, texts, True)

    def look(self, planned: PlannedStep) -> StepLook:
        """Return the step as shown; a question while voting, and revealed with sample answers."""
        room = self.room
        actions.go(room, planned.index)
        teach = views.teach_view(room, BASE)
        phases = {}
        if planned.question is None:
            phases["show"] = self._shot()
        else:
            actions.open_voting(room)
            phases["vote"] = self._shot()
            self._answer(planned)
            actions.reveal(room)
            phases["reveal"] = self._shot()
        return StepLook(planned.index, phases, teach["notes"], teach["timer"])
