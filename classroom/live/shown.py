"""What each step has shown so far, so that no later view can be subtracted from an earlier one.

A result shown with five answers and shown again with six tells the class the sixth answer.
So a step's answers reach a view only as a *publication*: a copy taken when the view was built,
kept until a new one is taken. A new publication is taken only if, for every audience that saw
an earlier one, what it would show is either what that audience saw last, or comes from answers
that differ from the answers behind it in at least `min_group` participants (added, changed,
passed, moderated, or reset and given again).

An audience's baseline moves only when what it sees moves. Were it to move on every
publication, three students could swap answers (nothing new to see), swap back as a fourth
answers, and the next view would differ from the last one seen by that fourth answer alone.

The audiences: "class" (the projector, the phones and the teacher's page, which may well be
on the projector too) and "report" (the lesson report and its exports). Results and answer
counts are published apart: the count moves in steps of at least `min_group` phones as well.
All of it lives in memory only, and a text the teacher has not approved is not copied.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from .answers import APPROVED, Answer
from .tallies import tally

MIN_GROUP_FLOOR = 3
Marks = dict[str, tuple]


def group_size(lesson_min_group: int) -> int:
    """Return the fewest participants any result or count step is made of (never below 3)."""
    return max(MIN_GROUP_FLOOR, lesson_min_group)


def answer_mark(answer: Answer) -> tuple:
    """Return what a result can show of an answer (a text only as a fingerprint)."""
    value = answer.value
    if isinstance(value, str):
        value = hashlib.sha256(value.encode()).hexdigest()[:16]
    elif not isinstance(value, int | None):
        value = json.dumps(value, sort_keys=True)
    return value, answer.passed, answer.status


def count_mark(answer: Answer) -> tuple:
    """Return what the answer count can show of an answer: given, or passed."""
    return (answer.passed,)


def differing(before: Mapping[str, tuple], now: Mapping[str, tuple]) -> int:
    """Return how many participants' marks differ between two sets of answers."""
    return sum(before.get(pid) != now.get(pid) for pid in before.keys() | now.keys())


def _kept(answer: Answer) -> Answer:
    # A text the teacher has not approved never reaches a view: do not keep it here either.
    if answer.status is not None and answer.status != APPROVED:
        return dataclasses.replace(answer, value=None)
    return dataclasses.replace(answer)


@dataclasses.dataclass
class Publication:
    """One step's last publication, and what each audience saw last (and from which answers)."""

    marks: Marks = dataclasses.field(default_factory=dict)
    view: object = None  # what it shows: an aggregate, or counts (None: nothing)
    answers: list[Answer] | None = None  # the results' answers
    seen: dict[str, tuple[Marks, object]] = dataclasses.field(default_factory=dict)

    def safe_for_all(self, marks: Marks, view: object, group: int) -> bool:
        """Tell whether every audience may see `view`: nothing new, or new from enough people."""
        return all(
            view == last_view or differing(last_marks, marks) >= group
            for last_marks, last_view in self.seen.values()
        )

    def show_to(self, audience: str) -> None:
        """Note what `audience` sees now; its baseline moves only if that is new to it."""
        last = self.seen.get(audience)
        if self.view is not None and (last is None or last[1] != self.view):
            self.seen[audience] = (self.marks, self.view)


class Shown:
    """Publications of one room, per step: results and counts kept apart."""

    def __init__(self, group: Callable[[], int]) -> None:
        self.group = group  # read at every publication: a lesson reloaded may raise it
        self._results: dict[int, Publication] = {}
        self._counts: dict[int, Publication] = {}
        self._frozen: dict[int, list[Answer] | None] = {}  # steps whose results never move

    def freeze(self, results: Mapping[int, list[Answer] | None]) -> None:
        """Show each step's given answers from now on, whatever its answers (a lesson ended)."""
        self._frozen = dict(results)

    def _publish(
        self,
        book: dict[int, Publication],
        step: int,
        answers: Mapping[str, Answer],
        mark: Callable[[Answer], tuple],
        show: Callable[[list[Answer]], object],
        audience: str,
    ) -> Publication:
        shown = book.get(step)
        if shown is None:  # everyone starts from no answers: no result, a count of 0
            empty = show([])
            shown = book[step] = Publication(view=empty, answers=[], seen={"start": ({}, empty)})
        now = {pid: mark(answer) for pid, answer in answers.items()}
        if now != shown.marks:
            kept = [_kept(answer) for answer in answers.values()]
            view = show(kept)
            if view != shown.view and shown.safe_for_all(now, view, self.group()):
                shown.marks, shown.view, shown.answers = now, view, kept
        shown.show_to(audience)
        return shown

    def _aggregate(self, question: Any) -> Callable[[list[Answer]], object]:
        def show(answers: list[Answer]) -> object:
            if sum(not a.passed for a in answers) < self.group():
                return None
            return tally(question, answers, revealed=False, lang="en")

        return show

    def results(
        self, step: int, question: Any, answers: Mapping[str, Answer], audience: str = "class"
    ) -> list[Answer] | None:
        """Return the answers `audience` may see a result of now (None: none to show)."""
        if step in self._frozen:
            return self._frozen[step]
        shown = self._publish(
            self._results, step, answers, answer_mark, self._aggregate(question), audience
        )
        return shown.answers if shown.view is not None else None

    def counts(self, step: int, answers: Mapping[str, Answer]) -> tuple[int, int]:
        """Return the (answered, passed) counts the class may see now."""

        def show(kept: list[Answer]) -> tuple[int, int]:
            return len(kept), sum(a.passed for a in kept)

        shown = self._publish(self._counts, step, answers, count_mark, show, "class")
        return shown.view if shown.view is not None else (0, 0)

    def reset(self, step: int) -> None:
        """Hide what a step showed; what each audience saw stays its baseline."""
        shown = self._results.get(step)
        if shown is not None:
            shown.marks, shown.view, shown.answers = {}, None, None
