"""Half-sent requests from a few addresses cannot fill the server; phones still join."""

from __future__ import annotations

import pytest

from classroom import DEFAULTS

pytestmark = pytest.mark.slow


def test_half_sent_requests_are_capped_per_address_and_dropped_after_the_deadline(scenario):
    # Two addresses try 1500 half-sent requests each against a server that may open 2048
    # files: before, they filled it and no phone could join until they let go.
    wait = DEFAULTS["CLASSROOM_HEADER_TIMEOUT"] + 1
    figures = scenario("slowloris", open_files=2048, connections=3000, wait=wait)
    cap = DEFAULTS["CLASSROOM_CONNECTIONS_PER_ADDRESS"]
    assert figures["fds_during"] <= figures["fds_before"] + 2 * cap + 10, figures
    assert figures["phone_joined_during"], figures
    assert figures["still_held_by_server"] == 0, figures
    assert figures["phone_joined_after"], figures
    assert "Refused connections from one address that already had 500 open" in (
        figures["log"])
