"""What a step and its question look like to every role: no correct answers, no notes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from classroom.content.hours import open_first
from classroom.content.library import PlannedStep
from classroom.content.questions import CRITERIA, FLAGS
from classroom.content.text import localise

from . import content

TITLE_LENGTH = 60
# What a help set says about itself, not to the people who need help.
HELP_BOOKKEEPING = {"id", "country", "language", "sources"}


def question_view(question: Any, key: str | None, lang: str) -> dict[str, Any]:
    """Return the public form of a question (what may be seen before the reveal)."""
    view: dict[str, Any] = {
        "key": key,
        "kind": question.kind,
        "text": localise(question.text, lang),
    }
    if question.kind in ("choice", "multi", "rank", "check"):
        view["options"] = [localise(option.text, lang) for option in question.options]
    if question.kind == "multi":
        view.update(min=question.min, max=question.max or len(question.options))
    if question.kind == "scale":
        low, high = content.scale_labels(question, lang)
        view.update(points=question.points, low=low, high=high)
        view["labels"] = content.point_labels(question, lang)
    if question.kind == "flag":
        view["flags"] = [
            {
                "id": flag,
                "label": content.flag_label(flag, lang),
                "meaning": content.flag_meaning(flag, lang),
            }
            for flag in FLAGS
        ]
        view["criteria"] = (
            [{"id": c, "label": content.criterion_label(c, lang)} for c in CRITERIA]
            if question.criterion
            else None
        )
    if question.kind == "text":
        view["max_length"] = question.max_length
    return view


def step_view(planned: PlannedStep, count: int, lang: str) -> dict[str, Any]:
    """Return the public form of a step: slide HTML, prompt or question."""
    view: dict[str, Any] = {
        "index": planned.index,
        "count": count,
        "kind": planned.kind,
        "title": step_title(planned, lang),
    }
    step: Any = planned.step
    if planned.kind == "notice":
        view["notice"] = step.notice
        extra = localise(step.text, lang) if step.text else ""
        view["html"] = content.markdown(content.notice_text(step.notice, lang) + "\n\n" + extra)
    elif planned.kind == "slide":
        view["html"] = content.markdown(localise(step.slide, lang))
    elif planned.kind == "discuss":
        view["prompt"] = localise(step.discuss.prompt, lang)
    elif planned.kind == "question-box":
        view["prompt"] = localise(step.question_box.prompt, lang)
    elif planned.question is not None:
        view["question"] = question_view(planned.question, planned.key, lang)
    return view


def _shorten(text: str) -> str:
    line = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip("# ").strip()), "")
    return line if len(line) <= TITLE_LENGTH else line[: TITLE_LENGTH - 1].rstrip() + "…"


def step_title(planned: PlannedStep, lang: str) -> str:
    """Return a short title for the teacher's outline of the lesson."""
    step: Any = planned.step
    if planned.kind == "notice":
        return content.notice_title(step.notice, lang)
    if planned.kind == "slide":
        return _shorten(localise(step.slide, lang))
    if planned.kind == "discuss":
        return _shorten(localise(step.discuss.prompt, lang))
    if planned.kind == "question-box":
        return _shorten(localise(step.question_box.prompt, lang))
    return (
        _shorten(localise(planned.question.text, lang)) if planned.question else planned.key or ""
    )


def outline_entry(planned: PlannedStep, lang: str) -> dict[str, Any]:
    """Return `{index, kind, title}` for the teacher's outline and next-step preview."""
    return {"index": planned.index, "kind": planned.kind, "title": step_title(planned, lang)}


def notes_of(planned: PlannedStep, lang: str) -> list[str]:
    """Return the teacher notes of a step, in the room's language."""
    return [localise(note, lang) for note in planned.notes]


def help_view(help_set: Any, now: dt.datetime) -> dict[str, Any] | None:
    """Return a help set as every page draws it: all its fields but the bookkeeping.

    Taken whole from the model, so a field or a kind of service added to help sets shows up
    on the phones and the projector without a change here. The school's contact comes
    first (its own field), then the services open at `now`, each marked `open_now`.
    """
    if help_set is None:
        return None
    view = help_set.model_dump(exclude=HELP_BOOKKEEPING, exclude_none=True)
    view["resources"] = [
        {**resource.model_dump(exclude={"sources"}, exclude_none=True), "open_now": is_open}
        for resource, is_open in open_first(help_set.resources, now)
    ]
    return view
