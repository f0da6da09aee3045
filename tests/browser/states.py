"""Every state of every bundled lesson, as the server would send it to each role.

The fit walk sets these states directly on an open page (no sockets, no phones), so that it
can look at hundreds of states in a few minutes. They are built by the real domain and views:
a room of the bundled lesson, thirty anonymous participants, and the teacher's actions.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from classroom.content.library import Library, load_library
from classroom.live import actions, guard, question_actions, views
from classroom.live.errors import LiveError
from classroom.live.registry import Rooms
from classroom.preview.samples import NullStore

BASE = "http://192.168.1.20:5000"
CLASS = 30  # phones in the room
EARLY = 7  # answers while voting is still open (fewer than any lesson's minimum group)

# Free text as a class writes it: long and short, some the same, negations kept whole.
TEXTS = [
    "Het is niet jouw schuld", "Je bent niet alleen", "Ce n'est pas ta faute",
    "Praat erover met iemand die je vertrouwt", "Niet doorsturen", "niet doorsturen!",
    "Vraag altijd eerst of het oké is voor de ander", "Respect", "It is never your fault",
    "Stuur nooit een foto van iemand anders door zonder te vragen",
    "Je mag altijd nee zeggen, ook als je eerst ja zei", "Zoek hulp bij Child Focus of Awel",
    "Don't forward it", "Delete it and tell someone you trust", "Niemand verdient dit",
    "Ne transfère jamais une photo", "Dat is geen grap", "Laat het verwijderen",
]


# Questions as a class asks them: short and long, one that names a classmate, one that may be
# about the one who asks (the teacher hides it and speaks to the whole class).
QUESTIONS = [
    "Is het strafbaar om een naaktfoto van jezelf door te sturen als je vijftien bent?",
    "Waarom?",
    "Wat kan je doen als iemand je foto al heeft doorgestuurd naar een groepschat en je wil "
    "dat iedereen hem verwijdert, ook wie je niet kent, zonder dat je ouders het meteen weten?",
    "Jonas is een loser, toch?",
    "Mijn ex dreigt mijn foto's te delen. Wat moet ik doen?",
    "Hoe weet je of iemand echt toestemming geeft?",
    "Mag een leerkracht je gsm afnemen en bekijken?",
    "Is sexting normaal op onze leeftijd?",
]



@dataclass
class Shot:
    """One moment of a lesson, as each role sees it."""

    lesson: str
    lang: str
    step: int | None
    phase: str  # lobby, waiting, shown, voting, too-few, revealed, help, end
    kind: str
    screen: dict[str, Any]
    student: dict[str, Any]  # a state, or a refusal's data (a phone waiting at the door)
    teach: dict[str, Any]

    @property
    def name(self) -> str:
        """Return a readable name for failure messages and screenshots."""
        where = "-" if self.step is None else f"step {self.step + 1}"
        return f"{self.lesson}/{self.lang} {where} {self.kind} {self.phase}"


def _value(question: Any, n: int) -> Any:
    kind = question.kind
    if kind in ("choice", "check"):
        return [0, 1, 1, 2, 1, 0, 3, 1][n % 8] % len(question.options)
    if kind == "multi":
        top = question.max or len(question.options)
        return sorted({n % len(question.options), (n * 3 + 1) % len(question.options)})[:top]
    if kind == "scale":
        return [4, 5, 3, 4, 2, 5, 4, 1][n % 8] % question.points + 1
    if kind == "flag":
        criterion = ["consent", "voluntary", "equality", "impact"][n % 4]
        return {"flag": ["red", "yellow", "red", "black", "green"][n % 5],
                "criterion": criterion if question.criterion else None}
    if kind == "rank":
        order = list(range(len(question.options)))
        return order[n % len(order):] + order[: n % len(order)]
    text = TEXTS[n % len(TEXTS)]
    return text[: question.max_length]


class Walk:
    """Build the states of one lesson in one language."""

    def __init__(self, library: Library, lesson: str, lang: str) -> None:
        self.rooms = Rooms(library, NullStore())
        self.room = self.rooms.create(lesson, lang)
        self.lesson, self.lang = lesson, lang
        self.pids = [self.room.join(f"walk-phone-{n:04d}-xxxxxxxxxxxx") for n in range(CLASS)]
        for n, pid in enumerate(self.pids):
            self.room.presence.attach(f"sid-{n}", pid, lang)

    def shot(self, phase: str, kind: str, me: int = CLASS - 1) -> Shot:
        """Return the three views now; the phone is participant `me`."""
        room = self.room
        return Shot(
            self.lesson, self.lang, room.index if room.phase == "step" else None, phase, kind,
            views.screen_view(room, BASE),
            views.student_view(room, BASE, self.pids[me], self.lang),
            views.teach_view(room, BASE),
        )

    def answer(self, first: int, last: int) -> None:
        """Let participants `first` to `last - 1` answer (one in ten passes)."""
        room, question = self.room, self.room.question
        for n in range(first, last):
            passed = n % 10 == 9
            room.answer(self.pids[n], room.index, None if passed else _value(question, n), passed)

    def question(self, kind: str) -> Iterator[Shot]:
        """Yield a question before voting, while voting, with too few answers and revealed."""
        room = self.room
        yield self.shot("shown", kind)
        actions.timer(room, 45)
        self.answer(0, EARLY)
        yield self.shot("voting", kind)
        actions.reveal(room)
        yield self.shot("too-few", kind)
        actions.open_voting(room)
        self.answer(EARLY, CLASS - 1)
        if kind == "text":
            pending = [a.mod_id for a in room.step_answers().values() if a.mod_id]
            actions.moderate_many(room, pending[:-3], True)
        actions.reveal(room)
        yield self.shot("revealed", kind)

    def waiting(self) -> Iterator[Shot]:
        """Yield the lobby with two phones beyond the class size waiting; let one in after."""
        room = self.room
        guard.expect(room, CLASS)
        late = [f"walk-late-{n:04d}-xxxxxxxxxxxxx" for n in range(2)]
        refusals = []
        for device in late:
            try:
                room.join(device)
            except LiveError as refusal:
                refusals.append(refusal)
        assert [refusal.code for refusal in refusals] == ["waiting", "waiting"]
        # The phone shows what the server sent with its refusal; the teacher page lists both.
        yield dataclasses.replace(self.shot("waiting", "lobby"), student=refusals[0].data())
        first, second = room.waiting.labels(room.clock())
        guard.admit(room, first, True)
        guard.admit(room, second, False)
        room.join(late[0])  # let in: its next try joins

    def ask(self) -> None:
        """Let the class ask: the phone on show asks two; the teacher approves, rewords, hides."""
        box, me = self.room.questions, CLASS - 1
        if not box.enabled:
            return
        askers = [me, 0, 1, 2, me, 3, 4, me]  # its own: approved, hidden and waiting
        ids = []
        for n, text in zip(askers, QUESTIONS, strict=True):
            device = f"walk-phone-{n:04d}-xxxxxxxxxxxx"
            pid, key = self.pids[n], box.key_of(device)
            box.recognise(pid, key)
            ids.append(box.ask(pid, key, text)["asked"][-1]["id"])
        first, why, long, named, disclosure, consent, teacher, _ = ids
        for qid in (first, long, consent, teacher):
            question_actions.approve(self.room, qid)
        question_actions.approve(self.room, named, "Wat als iemand je uitscheldt om een foto?")
        question_actions.hide(self.room, disclosure)
        question_actions.answered(self.room, teacher, True)
        for n in range(6, 6 + 12):  # enough "me too" for a count; two more stay "fewer than"
            device = f"walk-phone-{n:04d}-xxxxxxxxxxxx"
            box.recognise(self.pids[n], box.key_of(device))
            box.me_too(self.pids[n], box.key_of(device), long if n < 16 else consent)
        for _ in range(2):  # two turns of the slot: the counts the class sees move
            box.slot -= 1
            box.publish()
        self.shown_question = long

    def question_box(self) -> Iterator[Shot]:
        """Yield the question-box step, then with a long question large on the projector."""
        yield self.shot("shown", "question-box")
        question_actions.show(self.room, self.shown_question)
        yield self.shot("projected", "question-box")
        question_actions.show(self.room, None)

    def __iter__(self) -> Iterator[Shot]:
        room = self.room
        yield self.shot("lobby", "lobby")
        yield from self.waiting()
        self.ask()
        for index, planned in enumerate(room.plan):
            actions.go(room, index)
            if planned.question is not None:
                yield from self.question(planned.question.kind)
            elif getattr(planned.step, "notice", None) == "help":
                yield self.shot("help", "help")
            elif planned.kind == "question-box":
                yield from self.question_box()
            else:
                yield self.shot("shown", planned.kind)
        actions.end(room)
        yield self.shot("end", "end")


def every_state(langs: tuple[str, ...] | None = None) -> Iterator[Shot]:
    """Yield every state of every bundled lesson, in each of its languages (or those given)."""
    library = load_library()
    for lesson_id in sorted(library.lessons):
        lesson = library.lessons[lesson_id]
        chosen = [lang for lang in lesson.languages if langs is None or lang in langs]
        yield from itertools.chain.from_iterable(Walk(library, lesson_id, lang) for lang in chosen)
