"""What each step has shown so far, so that no later view can be subtracted from an earlier one.

A result shown with five answers and shown again with six tells the class the sixth answer.
So every audience (projector, phones, the teacher's page, the report and its exports) sees a
step's answers only as they were when they were last *published*, and a step publishes anew
only once at least `min_group` participants differ from what was published: added, changed,
passed, moderated or reset. The answer count follows the same rule with a coarser measure
(answered, passed or not yet), so it moves in steps of at least `min_group` phones too.

What was published lives in memory only: marks of the answers (to count what differs) and, for
the results, copies of the answers without any text the teacher has not approved.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Mapping

from .answers import APPROVED, Answer

MIN_GROUP_FLOOR = 3


def group_size(lesson_min_group: int) -> int:
    """Return the fewest participants any result or count step is made of (never below 3)."""
    return max(MIN_GROUP_FLOOR, lesson_min_group)


def answer_mark(answer: Answer) -> str:
    """Return a short fingerprint of everything in an answer that a result can show."""
    text = json.dumps([answer.value, answer.passed, answer.status], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def count_mark(answer: Answer) -> str:
    """Return what the answer count can show of an answer: given, or passed."""
    return "passed" if answer.passed else "given"


def differing(before: Mapping[str, str], now: Mapping[str, str]) -> int:
    """Return how many participants' marks differ between two publications."""
    return sum(before.get(pid) != now.get(pid) for pid in before.keys() | now.keys())


def _kept(answer: Answer) -> Answer:
    # A text the teacher has not approved never reaches a view: do not keep it here either.
    if answer.status is not None and answer.status != APPROVED:
        return dataclasses.replace(answer, value=None)
    return dataclasses.replace(answer)


@dataclasses.dataclass
class Publication:
    """One step's last publication: marks by participant and what the views show of it."""

    marks: dict[str, str] = dataclasses.field(default_factory=dict)
    answers: list[Answer] | None = None  # None: nothing to show (never published, or reset)
    counts: tuple[int, int] = (0, 0)  # (answered, passed)


class Shown:
    """Publications of one room, per step: results and counts kept apart."""

    def __init__(self, group: Callable[[], int]) -> None:
        self.group = group  # read at every publication: a lesson reloaded may raise it
        self._results: dict[int, Publication] = {}
        self._counts: dict[int, Publication] = {}

    def _advance(
        self, book: dict[int, Publication], step: int, answers: Mapping[str, Answer],
        mark: Callable[[Answer], str],
    ) -> tuple[Publication, bool]:
        shown = book.setdefault(step, Publication())
        now = {pid: mark(answer) for pid, answer in answers.items()}
        if differing(shown.marks, now) < self.group():
            return shown, False
        shown.marks = now
        return shown, True

    def results(self, step: int, answers: Mapping[str, Answer]) -> list[Answer] | None:
        """Return the answers a result may show now (publishing anew if enough differ)."""
        shown, moved = self._advance(self._results, step, answers, answer_mark)
        if moved:
            shown.answers = [_kept(answer) for answer in answers.values()]
        if shown.answers is None or sum(not a.passed for a in shown.answers) < self.group():
            return None
        return shown.answers

    def counts(self, step: int, answers: Mapping[str, Answer]) -> tuple[int, int]:
        """Return the (answered, passed) counts a view may show now."""
        shown, moved = self._advance(self._counts, step, answers, count_mark)
        if moved:
            shown.counts = (len(answers), sum(a.passed for a in answers.values()))
        return shown.counts

    def reset(self, step: int) -> None:
        """Hide what a step showed, but keep its marks: the same answers again are no news."""
        shown = self._results.get(step)
        if shown is not None:
            shown.answers = None
