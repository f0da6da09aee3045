"""Several rooms of one lesson side by side: two classes, two schools, this year and last.

Made from each room's own report (report.py), so every room keeps its own rules: a question a
room answered with fewer than its minimum group shows nothing for that room, whatever the
others show. Questions are matched by their key and round (the lesson may have changed between
the rooms: a room reads the lesson as it started), and answers by their `id`, which is the same
in every language (option number, scale point, flag), so a Dutch and a French class line up.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

MAX_ROOMS = 6  # what fits side by side on a page, and on A4 paper in landscape


class NotComparable(ValueError):
    """The rooms cannot be put side by side: `reason` is "few", "many" or "lessons"."""

    def __init__(self, reason: str, message: str, lessons: list[str] | None = None) -> None:
        super().__init__(message)
        self.reason = reason
        self.lessons = lessons or []


def _check(reports: list[dict[str, Any]]) -> None:
    if len(reports) < 2:
        raise NotComparable("few", "choose at least two rooms to compare")
    if len(reports) > MAX_ROOMS:
        raise NotComparable("many", f"choose at most {MAX_ROOMS} rooms to compare, "
                            f"got {len(reports)}")
    lessons = sorted({report["lesson"] for report in reports})
    if len(lessons) > 1:
        raise NotComparable("lessons", f"choose rooms of one lesson; these ran "
                            f"{', '.join(lessons)}", lessons)


def _room(report: dict[str, Any]) -> dict[str, Any]:
    names = ("code", "lang", "phase", "created", "ended", "min_group", "joined", "title")
    return {name: report[name] for name in names}


def _keyed(report: dict[str, Any]) -> dict[tuple, dict[str, Any]]:
    return {(q["key"], q["round"]): q for q in report["questions"]}


def _rows(asked: list[dict[str, Any] | None]) -> list[dict[str, Any]]:
    """Return one row per answer any room shows, with each room's item (None: not there)."""
    rows: dict[tuple, dict[str, Any]] = {}
    for place, question in enumerate(asked):
        for item in question["items"] if question else []:
            row = rows.setdefault((item["group"], item["id"]), {
                "group": item["group"], "id": item["id"], "label": item["label"],
                "cells": [None] * len(asked)})
            row["cells"][place] = item
    return list(rows.values())


def _result(question: dict[str, Any] | None) -> dict[str, Any]:
    if question is None:
        return {"asked": False, "step": None, "shown": False, "answers": None, "passed": None,
                "mean": None}
    names = ("step", "shown", "answers", "passed", "mean")
    return {"asked": True, **{name: question[name] for name in names}}


def compare(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the rooms' reports side by side: each question with each room's result."""
    _check(reports)
    keyed = [_keyed(report) for report in reports]
    order = list(dict.fromkeys(key for rooms in keyed for key in rooms))
    questions = []
    for key in order:
        asked = [rooms.get(key) for rooms in keyed]
        first = next(q for q in asked if q is not None)
        questions.append({
            "key": key[0], "round": key[1], "kind": first["kind"], "text": first["text"],
            "results": [_result(q) for q in asked], "rows": _rows(asked),
        })
    first = reports[0]
    return {"lesson": first["lesson"], "title": first["title"], "lang": first["lang"],
            "rooms": [_room(report) for report in reports], "questions": questions}


SHARED = ("question_key", "kind", "question", "round", "group", "item_id", "item")
PER_ROOM = ("step", "answers", "passed", "shown", "count", "percent", "correct", "place", "mean")


def columns(comparison: dict[str, Any]) -> list[str]:
    """Return the export's columns: the question and answer, then one set per room."""
    return [*SHARED, *(f"{room['code']} {name}" for room in comparison["rooms"]
                       for name in PER_ROOM)]


def _cells(kind: str, result: dict[str, Any], item: dict[str, Any] | None) -> dict[str, Any]:
    """Return one room's columns of one row (all empty where the room shows nothing)."""
    item = item or {}
    # A scale's mean goes with its points; a rank's mean position with its option.
    mean = item.get("score") if kind == "rank" else result["mean"] if item else None
    return {"step": result["step"], "answers": result["answers"], "passed": result["passed"],
            "shown": result["shown"] if result["asked"] else None, "count": item.get("count"),
            "percent": item.get("percent"), "correct": item.get("correct"),
            "place": item.get("place"), "mean": mean}


def export_rows(comparison: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield one row per question × answer (one row for a question no room shows)."""
    codes = [room["code"] for room in comparison["rooms"]]
    for question in comparison["questions"]:
        base = {"question_key": question["key"], "kind": question["kind"],
                "question": question["text"], "round": question["round"]}
        for row in question["rows"] or [None]:
            line = {**base, "group": row and row["group"], "item_id": row and row["id"],
                    "item": row and row["label"]}
            items = row["cells"] if row else [None] * len(codes)
            for code, result, item in zip(codes, question["results"], items, strict=True):
                cells = _cells(question["kind"], result, item)
                line.update({f"{code} {name}": cells[name] for name in PER_ROOM})
            yield line
