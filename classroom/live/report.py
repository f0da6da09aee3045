"""The teacher's lesson report: every question's aggregate, the shift, and the export rows.

Aggregates only, like the projector: counts per option, never who answered what. A question's
aggregate (and its number of answers) is left out until at least `min_group` participants gave
a real answer, and free text counts only once the teacher approved it (tallies.tally sees to
that). Like every view, the report reads what each step published (shown.py): two reports, or
a report and the projector, never differ by fewer than `min_group` participants.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from classroom.content.library import PlannedStep
from classroom.content.questions import CRITERIA, FLAGS
from classroom.content.text import localise

from . import content
from .answers import Answer
from .questions import ANSWERED, PUBLIC
from .room import Room
from .tallies import tally

# Kinds whose items pair up option by option between two rounds (free text does not).
PAIRED = ("choice", "check", "multi", "scale", "flag", "rank")


def _answers_at(room: Room, planned: PlannedStep) -> list[Answer] | None:
    """Return the answers of a step as published to the report (None: none to show)."""
    # The one place that reads a room's answers by step, should their storage change shape.
    answers = room.answers.get(planned.index, {})
    return room.shown.results(planned.index, planned.question, answers, "report")


def _percent(count: int, given: int) -> int:
    return round(100 * count / given) if given else 0


def _item(
    group: str, ident: Any, label: str, count: int | None, given: int, **extra: Any
) -> dict[str, Any]:
    percent = _percent(count, given) if count is not None else None
    # `id` stays the same in every language (option index, point, flag): for comparing classes.
    item = {"group": group, "id": ident, "label": label, "count": count, "percent": percent}
    item.update({"correct": False, "place": None, "score": None}, **extra)
    return item


def _point_label(question: Any, point: int, lang: str) -> str:
    low, high = content.scale_labels(question, lang)
    named = content.point_labels(question, lang) or []
    if named:
        return f"{point} = {named[point - 1]}"
    end = low if point == 1 else high if point == question.points else ""
    return f"{point} = {end}" if end else str(point)


def _items(question: Any, result: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    kind, given = question.kind, result["total"]
    if kind in ("choice", "check", "multi"):
        correct = result.get("correct")
        marked = set(correct if isinstance(correct, list) else [correct])
        return [
            _item("option", i, localise(o.text, lang), n, given, correct=i in marked)
            for i, (o, n) in enumerate(zip(question.options, result["counts"], strict=True))
        ]
    if kind == "scale":
        return [
            _item("point", p, _point_label(question, p, lang), n, given)
            for p, n in enumerate(result["counts"], start=1)
        ]
    if kind == "flag":
        flags = [
            _item("flag", f, content.flag_label(f, lang), result["counts"][f], given,
                  correct=f == result.get("expected"))
            for f in FLAGS
        ]
        criteria = result["criteria"] or {}
        return flags + [
            _item("criterion", c, content.criterion_label(c, lang), criteria[c], given)
            for c in CRITERIA
            if criteria
        ]
    if kind == "rank":
        return [
            _item("rank", i, localise(question.options[i].text, lang), None, given,
                  place=place, score=result["scores"][i])
            for place, i in enumerate(result["order"], start=1)
        ]
    return [_item("phrase", p["text"], p["text"], p["count"], given) for p in result["phrases"]]


def _rounds(plan: list[PlannedStep]) -> dict[int, int]:
    """Return the round (1, 2, ...) of every question step whose key is asked more than once."""
    seen: dict[str, list[int]] = {}
    for planned in plan:
        if planned.question is not None and planned.key:
            seen.setdefault(planned.key, []).append(planned.index)
    return {
        index: number
        for indexes in seen.values()
        if len(indexes) > 1
        for number, index in enumerate(indexes, start=1)
    }


def _question(room: Room, planned: PlannedStep, round_: int | None) -> dict[str, Any]:
    question, lang = planned.question, room.lang
    answers = _answers_at(room, planned)
    shown = answers is not None
    # revealed=True: the teacher's report marks the correct answer, voted or not.
    result = tally(question, answers or [], revealed=True, lang=lang)
    if not shown:  # not even how many: a count that moves by one gives a phone away
        result.update(total=None, passed=None)
    return {
        "step": planned.index + 1,
        "key": planned.key,
        "kind": question.kind,
        "text": localise(question.text, lang),
        "round": round_,
        "answers": result["total"],
        "passed": result["passed"],
        "shown": shown,
        "items": _items(question, result, lang) if shown else [],
        "mean": result.get("mean") if shown else None,
        "explanation": result.get("explanation") if shown else None,
    }


def _pair_rows(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    later = {(i["group"], i["label"]): i for i in after["items"]}
    return [
        {"group": i["group"], "label": i["label"], "correct": i["correct"],
         "before": i, "after": later[(i["group"], i["label"])]}
        for i in before["items"]
        if (i["group"], i["label"]) in later
    ]


def _shifts(questions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pair the first and the last round of every question asked more than once."""
    by_key: dict[str, list[dict[str, Any]]] = {}
    for question in questions:
        if question["round"] is not None and question["kind"] in PAIRED:
            by_key.setdefault(question["key"], []).append(question)
    shifts = []
    for rounds in by_key.values():
        before, after = rounds[0], rounds[-1]
        shown = before["shown"] and after["shown"]
        shifts.append({
            "key": before["key"],
            "kind": before["kind"],
            "text": before["text"],
            "steps": [before["step"], after["step"]],
            "answers": [before["answers"], after["answers"]],
            "shown": shown,
            "means": [before["mean"], after["mean"]] if shown else [None, None],
            "rows": _pair_rows(before, after) if shown else [],
        })
    return shifts


def _asked(room: Room) -> list[dict[str, Any]] | None:
    """Return the class's approved questions (not answered first, most "me too" first), or None.

    None when the lesson has no question box. Never a question the teacher did not approve;
    "me too" counts as published (None below a group, where phones say "fewer than 5"): the
    report is no way to learn who added one.
    """
    box = room.questions
    if not box.enabled:
        return None
    return [
        {"text": a.record.text, "answered": a.record.status == ANSWERED,
         "me_too": a.published if a.published >= room.min_group else None}
        for a in box.listed(PUBLIC)
    ]


def build_report(room: Room) -> dict[str, Any]:
    """Return the lesson report of `room`: aggregates per question in lesson order, and shifts."""
    with room.lock:  # one moment's answers, as the views read them
        rounds = _rounds(room.plan)
        questions = [
            _question(room, planned, rounds.get(planned.index))
            for planned in room.plan
            if planned.question is not None
        ]
        asked = _asked(room)
        head = {
            "lesson": room.lesson.id,
            "title": localise(room.lesson.title, room.lang),
            "code": room.code,
            "lang": room.lang,
            "phase": room.phase,
            "created": room.created,
            "ended": room.record.ended_at,
            "min_group": room.min_group,
            "joined": len(room.participants),
        }
    return {**head, "questions": questions, "shifts": _shifts(questions), "asked": asked}


COLUMNS = (
    "step", "question_key", "kind", "question", "round", "answers", "passed", "shown",
    "group", "item_id", "item", "count", "percent", "correct", "place", "mean",
)


def export_rows(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield one row per question step × item (one row for a question not shown), COLUMNS wide.

    Then one row per approved question of the class: kind `asked`, its text as `question`, its
    "me too" count as `count` (empty below the group), `item_id` answered or approved.
    """
    yield from _step_rows(report)
    for asked in report["asked"] or []:
        yield {
            **dict.fromkeys(COLUMNS), "kind": "asked", "question": asked["text"],
            "shown": asked["me_too"] is not None, "group": "me_too",
            "item_id": "answered" if asked["answered"] else "approved", "count": asked["me_too"],
        }


def _step_rows(report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for question in report["questions"]:
        base = {
            "step": question["step"], "question_key": question["key"],
            "kind": question["kind"], "question": question["text"], "round": question["round"],
            "answers": question["answers"], "passed": question["passed"],
            "shown": question["shown"],
        }
        if not question["items"]:
            yield {**dict.fromkeys(COLUMNS), **base}
            continue
        for item in question["items"]:
            # A scale's mean goes with its points; a rank's mean position with its option.
            mean = item["score"] if question["kind"] == "rank" else question["mean"]
            yield {
                **base, "group": item["group"], "item_id": item["id"], "item": item["label"],
                "count": item["count"], "percent": item["percent"], "correct": item["correct"],
                "place": item["place"], "mean": mean,
            }
