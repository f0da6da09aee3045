"""Aggregates for every kind: exact counts, passes apart, reveal-only fields after the reveal."""

import pytest
from livekit import STEPS, join, open_question

from classroom.live import actions
from classroom.live.views import results_view


def answered(room, kind, values, passes=0):
    """Join phones, let them answer `values` (and pass), then reveal; return the results."""
    pids = join(room, len(values) + passes)
    open_question(room, kind)
    for pid, value in zip(pids, values, strict=False):
        room.answer(pid, STEPS[kind], value)
    for pid in pids[len(values) :]:
        room.answer(pid, STEPS[kind], passed=True)
    actions.reveal(room)
    return results_view(room)


def test_choice(room):
    assert answered(room, "choice", [0, 1, 1, 2, 1], passes=2) == {
        "kind": "choice",
        "counts": [1, 3, 1],
        "correct": None,
        "total": 5,
        "passed": 2,
    }


def test_check_marks_the_correct_option_and_explains(room):
    assert answered(room, "check", [1, 1, 0, 2]) == {
        "kind": "check",
        "counts": [1, 2, 1],
        "correct": 1,
        "explanation": "SECRET-EXPLANATION: 16, since 2022.",
        "total": 4,
        "passed": 0,
    }


def test_multi_counts_each_picked_option(room):
    assert answered(room, "multi", [[0], [0, 2], [2, 1]], passes=1) == {
        "kind": "multi",
        "counts": [2, 1, 2],
        "correct": [],
        "total": 3,
        "passed": 1,
    }


def test_scale_gives_a_distribution_and_a_mean(room):
    assert answered(room, "scale", [1, 5, 5, 4]) == {
        "kind": "scale",
        "counts": [1, 0, 0, 1, 2],
        "mean": 3.8,
        "total": 4,
        "passed": 0,
    }


def test_flag_counts_flags_and_criteria_and_names_the_expected_flag(room):
    values = [
        {"flag": "red", "criterion": "consent"},
        {"flag": "red", "criterion": "impact"},
        {"flag": "black", "criterion": "consent"},
        {"flag": "yellow"},
    ]
    assert answered(room, "flag", values) == {
        "kind": "flag",
        "counts": {"green": 0, "yellow": 1, "red": 2, "black": 1},
        "criteria": {
            "consent": 2,
            "voluntary": 0,
            "equality": 0,
            "development": 0,
            "context": 0,
            "impact": 1,
        },
        "expected": "red",
        "total": 4,
        "passed": 0,
    }


def test_rank_orders_by_mean_position(room):
    # Option 2 is ranked first twice, option 0 always second.
    assert answered(room, "rank", [[2, 0, 1], [2, 0, 1], [1, 0, 2]]) == {
        "kind": "rank",
        "order": [2, 0, 1],
        "scores": [2.0, 2.3, 1.7],
        "total": 3,
        "passed": 0,
    }


def test_text_counts_whole_approved_answers_only(room):
    pids = join(room, 4)
    open_question(room, "text")
    texts = ["Respect!", "respect", "fuck off", "ask first"]
    for pid, text in zip(pids, texts, strict=True):
        room.answer(pid, STEPS["text"], text)
    pending = {a.value: a.mod_id for a in room.step_answers().values()}
    for text in ("Respect!", "respect"):
        actions.moderate(room, pending[text], True)
    actions.moderate(room, pending["fuck off"], False)
    actions.reveal(room)
    assert results_view(room) == {
        "kind": "text",
        "phrases": [{"text": "Respect!", "count": 2}],
        "total": 4,
        "passed": 0,
    }


@pytest.mark.parametrize("kind", ["choice", "check", "multi", "scale", "flag", "rank", "text"])
def test_passes_only_never_show_a_distribution(room, kind):
    assert answered(room, kind, [], passes=6) is None
