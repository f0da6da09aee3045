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
