"""What an ended room keeps for its report: each question step's last publication.

When a lesson ends, what the report may show is settled for good: no answer can change any
more. It is kept with the room, so that the report reads the same after a restart as before
it. Without it, a room reloaded from its answers would publish afresh, and a report seen
before the restart could then be subtracted from one seen after (shown.py says why that
matters). Only what a result is made of is kept, without participants and in no particular
order: values, passes, and the status of free text (the teacher approved it, or it is gone).
"""

from __future__ import annotations

import json
from typing import Any

from .answers import Answer
from .room import Room

Results = dict[int, list[Answer] | None]
ME_TOO = "me_too"  # the key of the question box's counts, beside the step numbers


def final_results(room: Room) -> Results:
    """Return, for every question step, the answers its report shows (None: nothing); locked."""
    return {
        planned.index: room.shown.results(
            planned.index, planned.question, room.answers.get(planned.index, {}), "report")
        for planned in room.plan
        if planned.question is not None
    }


def _row(answer: Answer) -> list[Any]:
    return [answer.value, answer.passed, answer.status]


def dump(results: Results, me_too: dict[str, int] | None = None) -> str:
    """Return the results as JSON text, each step's answers sorted (their order says nothing).

    `me_too` holds the question box's published "me too" counts by question id: kept too, so
    the report's counts read the same after a restart (questions.py publishes them in steps).
    """
    data: dict[str, Any] = {
        str(step): None if answers is None else sorted(
            (_row(a) for a in answers), key=lambda row: json.dumps(row, sort_keys=True))
        for step, answers in results.items()
    }
    if me_too:
        data[ME_TOO] = me_too
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def read(text: str) -> Results:
    """Return the results kept as `text` by `dump`."""
    return {
        int(step): None if rows is None else [Answer(value, passed, status=status)
                                              for value, passed, status in rows]
        for step, rows in json.loads(text).items()
        if step != ME_TOO
    }


def read_me_too(text: str) -> dict[str, int]:
    """Return the published "me too" counts kept as `text` by `dump` (question id: count)."""
    return json.loads(text).get(ME_TOO, {})
