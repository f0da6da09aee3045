"""Answers pouring in reach the projector coalesced; teacher actions go out at once."""

import time

import pytest
from socketkit import STEPS, last_state, states


@pytest.fixture
def config():
    return {"CLASSROOM_STATE_INTERVAL": 0.2}


def test_thirty_answers_reach_the_projector_in_a_few_states(phones):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(30)]
    teach.emit("go", {"step": STEPS["choice"]}, namespace="/teach", callback=True)
    teach.emit("open", {}, namespace="/teach", callback=True)
    assert last_state(screen, "/screen")["voting"]["open"] is True  # at once, not coalesced
    for phone in class_:
        phone.emit(
            "answer", {"step": STEPS["choice"], "value": 0}, namespace="/student", callback=True
        )
    time.sleep(0.5)
    received = states(screen, "/screen")
    assert 1 <= len(received) <= 5
    assert received[-1]["answers"] == {"count": 30, "passed": 0}
    assert received[-1]["room"]["connected"] == 30
