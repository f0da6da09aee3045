"""Answer values: check one against its question's kind and return it in stored form."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from classroom.content.questions import CRITERIA, FLAGS
from classroom.store import AnswerRecord

from .textfilter import clean, is_flagged, mask

PENDING, APPROVED, REJECTED = "pending", "approved", "rejected"


@dataclass
class Answer:
    """One participant's answer to one step: a value, or a pass."""

    value: Any = None
    passed: bool = False
    mod_id: str | None = None  # free text only: the id the teacher moderates it by
    flagged: bool = False
    status: str | None = None  # free text only: pending, approved or rejected


class BadValue(ValueError):
    """The value does not fit the question."""


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _index(value: Any, count: int) -> int:
    if not _is_int(value) or not 0 <= value < count:
        raise BadValue(f"expected an option index from 0 to {count - 1}, got {value!r}")
    return value


def _indexes(value: Any, count: int) -> list[int]:
    if not isinstance(value, list):
        raise BadValue(f"expected a list of option indexes, got {type(value).__name__}")
    picked = [_index(item, count) for item in value]
    if len(set(picked)) != len(picked):
        raise BadValue("expected distinct option indexes")
    return picked


def _multi(question: Any, value: Any) -> list[int]:
    picked = _indexes(value, len(question.options))
    top = question.max or len(question.options)
    if not question.min <= len(picked) <= top:
        raise BadValue(f"expected {question.min} to {top} options, got {len(picked)}")
    return sorted(picked)


def _scale(question: Any, value: Any) -> int:
    if not _is_int(value) or not 1 <= value <= question.points:
        raise BadValue(f"expected a whole number from 1 to {question.points}, got {value!r}")
    return value


def _flag(question: Any, value: Any) -> dict[str, str | None]:
    if not isinstance(value, dict) or not set(value) <= {"flag", "criterion"}:
        raise BadValue("expected {flag, criterion}")
    flag, criterion = value.get("flag"), value.get("criterion")
    if flag not in FLAGS:
        raise BadValue(f"flag: expected one of {', '.join(FLAGS)}, got {flag!r}")
    if criterion is not None and (not question.criterion or criterion not in CRITERIA):
        raise BadValue(f"criterion: expected one of {', '.join(CRITERIA)} or null")
    return {"flag": flag, "criterion": criterion}


def _text(question: Any, value: Any) -> str:
    if not isinstance(value, str):
        raise BadValue(f"expected a text, got {type(value).__name__}")
    text = clean(value)
    if not 1 <= len(text) <= question.max_length:
        raise BadValue(f"expected 1 to {question.max_length} characters, got {len(text)}")
    return mask(text)


def _rank(question: Any, value: Any) -> list[int]:
    order = _indexes(value, len(question.options))
    if len(order) != len(question.options):
        raise BadValue(f"expected all {len(question.options)} option indexes in order")
    return order


_CHECKS = {
    "choice": lambda q, v: _index(v, len(q.options)),
    "check": lambda q, v: _index(v, len(q.options)),
    "multi": _multi,
    "scale": _scale,
    "flag": _flag,
    "text": _text,
    "rank": _rank,
}


def check_value(question: Any, value: Any) -> Any:
    """Return `value` in stored form if it fits `question`, else raise BadValue."""
    return _CHECKS[question.kind](question, value)


def make_answer(question: Any, value: Any) -> Answer:
    """Return the Answer for a checked value; free text is masked, flagged and pending."""
    stored = check_value(question, value)
    if question.kind != "text":
        return Answer(stored)
    return Answer(stored, flagged=is_flagged(stored), status=PENDING)


def answer_record(step: int, pid: str, answer: Answer) -> AnswerRecord:
    """Return the store's record of one participant's answer to one step."""
    return AnswerRecord(
        step, pid, answer.value, answer.passed, answer.mod_id, answer.flagged, answer.status
    )
