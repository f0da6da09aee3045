"""Joining is rate-limited per address; the address is not kept, reconnects are free."""

import pytest
from socketkit import device, refusal


@pytest.fixture
def config():
    return {"CLASSROOM_JOIN_BURST": 5, "CLASSROOM_JOIN_RATE": 0.001}


def test_joining_is_rate_limited_per_address_but_reconnects_are_not(phones, room):
    for n in range(3):
        phones.student(n)
    assert refusal(phones, "/student", {"code": "ZZZZZZ", "device": device(50)})["error"] == (
        "room-not-found"
    )
    data = refusal(phones, "/student", {"code": room.code, "device": device(99)})
    assert data["error"] == "rate-limited"
    for n in range(3):  # phones that joined before come back whatever the budget
        assert phones.student(n).is_connected("/student")
    assert len(room.participants) == 3


def test_one_phone_answers_at_most_a_few_a_second_and_others_are_not_limited(phones, app):
    from socketkit import STEPS

    from classroom.live import actions

    room = phones.room
    flooder, other = phones.student(1), phones.student(2)
    actions.go(room, STEPS["choice"])
    actions.open_voting(room)
    burst = app.config["CLASSROOM_ANSWER_BURST"]
    answer = {"step": STEPS["choice"], "value": 1}
    acks = [flooder.emit("answer", answer, namespace="/student", callback=True)
            for _ in range(burst + 5)]
    assert [a["ok"] for a in acks] == [True] * burst + [False] * 5
    assert acks[-1]["error"] == "rate-limited"
    assert acks[-1]["message"] == "Too many attempts. Wait a few seconds and try again."
    assert other.emit("answer", answer, namespace="/student", callback=True)["ok"] is True
