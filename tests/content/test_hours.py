"""Opening hours: reading `open`, telling whether a line answers now, and open lines first."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from classroom.content.hours import check_open, is_open, open_first, parse_window

# 30 November 2026 is a Monday.
MONDAY = dt.date(2026, 11, 30)


def at(day_offset: int, hour: int, minute: int = 0) -> dt.datetime:
    """Return a wall-clock time `day_offset` days after Monday 30 November 2026."""
    return dt.datetime.combine(MONDAY + dt.timedelta(days=day_offset), dt.time(hour, minute))


@pytest.mark.parametrize(
    ("opening", "when", "expected"),
    [
        ("24/7", at(6, 3), True),
        (None, at(0, 10), None),
        (["mon-fri 18:00-21:00"], at(0, 10), False),  # a Monday morning, during school
        (["mon-fri 18:00-21:00"], at(0, 18), True),
        (["mon-fri 18:00-21:00"], at(0, 20, 59), True),
        (["mon-fri 18:00-21:00"], at(0, 21), False),  # closes at 21:00 sharp
        (["mon-fri 18:00-21:00"], at(5, 19), False),  # Saturday
        (["mon-fri 10:00-16:00", "sat 10:00-12:00"], at(5, 11), True),
        (["fri 18:00-02:00"], at(4, 23), True),  # past midnight...
        (["fri 18:00-02:00"], at(5, 1, 30), True),  # ...into Saturday
        (["fri 18:00-02:00"], at(5, 2), False),
        (["fri 18:00-02:00"], at(3, 1), False),  # not into Friday from Thursday
        (["sat-mon 09:00-24:00"], at(6, 23, 59), True),  # a span across the week's end
        (["sat-mon 09:00-24:00"], at(0, 9), True),
        (["sat-mon 09:00-24:00"], at(1, 9), False),  # Tuesday
    ],
)
def test_whether_a_line_answers_at_a_given_time(opening, when, expected):
    assert is_open(opening, when) is expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("24/8", "expected '24/7' or windows like 'mon-fri 18:00-21:00' (a list: "
                 "[mon-fri 18:00-21:00]), got '24/8'"),
        (["mon-fri 18:00-25:00"], "got 'mon-fri 18:00-25:00'"),
        (["monday 18:00-21:00"], "got 'monday 18:00-21:00'"),
        (["mon-fri 6:00-9:00"], "got 'mon-fri 6:00-9:00'"),
        (["mon-fri 18:00-18:00"], "expected a window that opens and closes at different times"),
        ([], "(a list: [mon-fri 18:00-21:00]), got an empty list"),
        ([18], "got 18 in the list"),
        (7, "got 7"),
    ],
)
def test_a_wrong_opening_says_what_was_expected(value, message):
    with pytest.raises(ValueError, match="expected") as error:
        check_open(value)
    assert message in str(error.value)


def test_a_window_reads_its_days_and_minutes():
    window = parse_window("fri-mon 18:30-02:00")
    assert (sorted(window.days), window.start, window.end) == ([0, 4, 5, 6], 18 * 60 + 30, 120)


def line(name: str, opening):
    return SimpleNamespace(name=name, open=opening)


def test_open_lines_come_first_then_unknown_then_closed_in_the_authors_order():
    lines = [line("evening chat", ["mon-fri 18:00-21:00"]), line("unknown", None),
             line("day and night", "24/7"), line("school hours", ["mon-fri 09:00-16:00"]),
             line("also always", "24/7")]
    morning = [(r.name, state) for r, state in open_first(lines, at(0, 10))]
    assert morning == [("day and night", True), ("school hours", True), ("also always", True),
                       ("unknown", None), ("evening chat", False)]
    evening = [r.name for r, _ in open_first(lines, at(0, 19))]
    assert evening == ["evening chat", "day and night", "also always", "unknown", "school hours"]
