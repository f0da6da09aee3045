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
    began = time.monotonic()
    for phone in class_:
        phone.emit(
            "answer", {"step": STEPS["choice"], "value": 0}, namespace="/student", callback=True
        )
    took = time.monotonic() - began
    received: list[dict] = []
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and (not received or received[-1]["answers"]["count"] < 30):
        time.sleep(0.05)
        received += states(screen, "/screen")
    assert received[-1]["answers"] == {"count": 30, "passed": 0, "group": 3}
    assert received[-1]["room"]["connected"] == 30
    # At most one state per interval (0.2 s) while the answers came in, plus the last flush.
    assert len(received) <= took / 0.2 + 2 < 30
