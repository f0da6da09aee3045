"""Presence counts phones (participants with a socket), not sockets."""

import pytest

from classroom.live.presence import Presence


@pytest.mark.parametrize(
    ("events", "connected"),
    [
        ([("attach", "s1", "p1")], 1),
        ([("attach", "s1", "p1"), ("attach", "s2", "p1")], 1),  # two tabs of one phone
        ([("attach", "s1", "p1"), ("attach", "s2", "p2")], 2),
        ([("attach", "s1", "p1"), ("attach", "s2", "p1"), ("detach", "s1", None)], 1),
        ([("attach", "s1", "p1"), ("detach", "s1", None)], 0),
        ([("detach", "s9", None)], 0),  # a socket that never joined
        ([("attach", "s1", "p1"), ("detach", "s1", None), ("detach", "s1", None)], 0),
        ([("attach", "s1", "p1"), ("attach", "s1", "p2")], 1),  # a socket re-attached
    ],
)
def test_connected_counts_each_phone_once(events, connected):
    presence = Presence()
    for kind, sid, pid in events:
        presence.attach(sid, pid) if kind == "attach" else presence.detach(sid)
    assert presence.connected == connected


def test_sockets_lists_what_is_attached():
    presence = Presence()
    presence.attach("s1", "p1")
    presence.attach("s2", "p1")
    presence.detach("s1")
    assert presence.sockets() == [("s2", "p1")]
