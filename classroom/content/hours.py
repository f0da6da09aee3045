"""Opening hours of help services: when a line answers, and which ones to show first now.

A help set's resource says when it answers with `open`: "24/7", or weekly windows such as
"mon-fri 18:00-21:00" or "sat 10:00-02:00" (a window that ends before it starts runs past
midnight). The phone's help panel and the end of a lesson lead with what is open at that
moment, so a pupil at 10:00 is not first shown a line that only answers in the evening.
Times are the wall-clock time of the laptop that runs the lesson.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ALWAYS = "24/7"
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY = "(?:" + "|".join(DAYS) + ")"
_TIME = r"(?:[01]\d|2[0-3]):[0-5]\d"
WINDOW_PATTERN = rf"^{_DAY}(?:-{_DAY})? {_TIME}-(?:{_TIME}|24:00)$"
WINDOW_HELP = "expected '24/7' or windows like 'mon-fri 18:00-21:00'"


@dataclass(frozen=True)
class Window:
    """One weekly opening: the days it starts on, and from when to when (minutes of the day)."""

    days: frozenset[int]
    start: int
    end: int  # <= start: the window runs past midnight into the next day

    def covers(self, when: dt.datetime) -> bool:
        """Tell whether the line answers at `when` under this window."""
        minute = when.hour * 60 + when.minute
        today, yesterday = when.weekday(), (when.weekday() - 1) % 7
        if self.end > self.start:
            return today in self.days and self.start <= minute < self.end
        return (today in self.days and minute >= self.start) or (
            yesterday in self.days and minute < self.end
        )


def parse_window(text: str) -> Window:
    """Read 'mon-fri 18:00-21:00' into a Window (ValueError naming what is wrong)."""
    if not re.match(WINDOW_PATTERN, text):
        raise ValueError(f"{WINDOW_HELP}, got {text!r}")
    days, _, times = text.partition(" ")
    first, _, last = days.partition("-")
    start, end = (_minutes(part) for part in times.split("-"))
    if start == end:
        raise ValueError(f"expected a window that opens and closes at different times, "
                         f"got {text!r}")
    begin, stop = DAYS.index(first), DAYS.index(last or first)
    span = range(begin, stop + 1) if stop >= begin else [*range(begin, 7), *range(0, stop + 1)]
    return Window(frozenset(span), start, end)


def _minutes(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def check_open(value: Any) -> str | list[str] | None:
    """Validate an `open` value: None, '24/7' or a list of windows (ValueError saying what)."""
    if value is None or value == ALWAYS:
        return value
    if not isinstance(value, list) or not value:
        shown = "an empty list" if value == [] else _shown(value)
        raise ValueError(f"{WINDOW_HELP} (a list: [mon-fri 18:00-21:00]), got {shown}")
    for text in value:
        if not isinstance(text, str):
            raise ValueError(f"{WINDOW_HELP}, got {_shown(text)} in the list")
        parse_window(text)
    return list(value)


def _shown(value: Any) -> str:
    # errors.found says this better, but errors imports the models, which import this module.
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return repr(value) if isinstance(value, str) else str(value)
    return {dict: "a mapping", bool: "true or false"}.get(type(value), "another kind of value")


def is_open(opening: str | Sequence[str] | None, when: dt.datetime) -> bool | None:
    """Tell whether a line with this `open` value answers at `when`; None when unknown."""
    if opening is None:
        return None
    if opening == ALWAYS:
        return True
    return any(parse_window(text).covers(when) for text in opening)


def open_first(resources: Iterable[Any], when: dt.datetime) -> list[tuple[Any, bool | None]]:
    """Return (resource, open now?) with the open ones first, then unknown, then closed.

    Within each group the author's order stays: it says which service matters most.
    """
    rank = {True: 0, None: 1, False: 2}
    marked = [(resource, is_open(resource.open, when)) for resource in resources]
    return sorted(marked, key=lambda pair: rank[pair[1]])
