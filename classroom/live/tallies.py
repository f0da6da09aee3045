"""Aggregate results per question kind: counts only, never who answered what."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from classroom.content.questions import CRITERIA, FLAGS
from classroom.content.text import localise

from .answers import APPROVED, Answer
from .phrases import phrases


def _counts(real: Sequence[Answer], size: int) -> list[int]:
    counts = [0] * size
    for answer in real:
        counts[answer.value] += 1
    return counts


def _choice(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    result: dict[str, Any] = {"counts": _counts(real, len(q.options))}
    if revealed:
        marked = [i for i, option in enumerate(q.options) if option.correct]
        result["correct"] = marked[0] if marked else None
        if q.kind == "check":
            result["explanation"] = localise(q.explanation, lang)
    return result


def _multi(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    counts = [0] * len(q.options)
    for answer in real:
        for index in answer.value:
            counts[index] += 1
    result: dict[str, Any] = {"counts": counts}
    if revealed:
        result["correct"] = [i for i, option in enumerate(q.options) if option.correct]
    return result


def _scale(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    counts = [0] * q.points
    for answer in real:
        counts[answer.value - 1] += 1
    mean = sum(a.value for a in real) / len(real) if real else None
    return {"counts": counts, "mean": round(mean, 1) if mean is not None else None}


def _flag(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    flags = Counter(a.value["flag"] for a in real)
    result: dict[str, Any] = {"counts": {flag: flags[flag] for flag in FLAGS}}
    if q.criterion:
        named = Counter(a.value["criterion"] for a in real if a.value["criterion"])
        result["criteria"] = {criterion: named[criterion] for criterion in CRITERIA}
    else:
        result["criteria"] = None
    if revealed:
        result["expected"] = q.expected
    return result


def _rank(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    size = len(q.options)
    totals = [0] * size
    for answer in real:
        for position, index in enumerate(answer.value, start=1):
            totals[index] += position
    # The mean position, 1 = ranked first: the lowest score leads the order.
    scores = [round(total / len(real), 1) if real else 0.0 for total in totals]
    order = sorted(range(size), key=lambda i: (totals[i], i))
    return {"order": order, "scores": scores}


def _text(q: Any, real: Sequence[Answer], revealed: bool, lang: str) -> dict[str, Any]:
    # Whole answers, never words cut out of them (see phrases.py), and only approved ones.
    return {"phrases": phrases(a.value for a in real if a.status == APPROVED)}


_TALLIES = {
    "choice": _choice,
    "check": _choice,
    "multi": _multi,
    "scale": _scale,
    "flag": _flag,
    "rank": _rank,
    "text": _text,
}


def tally(question: Any, answers: Sequence[Answer], *, revealed: bool, lang: str) -> dict[str, Any]:
    """Return the aggregate of `answers` to `question`, with the reveal-only fields if revealed."""
    real = [a for a in answers if not a.passed]
    result = {"kind": question.kind}
    result.update(_TALLIES[question.kind](question, real, revealed, lang))
    result.update(total=len(real), passed=len(answers) - len(real))
    return result
