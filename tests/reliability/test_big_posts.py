"""A long-polling POST over the size limit is refused at once and holds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "live" / "fixtures"


@pytest.fixture
def app(make_app):
    return make_app([FIXTURES / "lessons", FIXTURES / "quizzes"])


def polling_sid(client) -> str:
    opened = client.get("/socket.io/?EIO=4&transport=polling")
    body = opened.get_data(as_text=True)
    return body[body.index('"sid":"') + 7:].split('"', 1)[0]


def test_an_oversized_polling_post_is_answered_413_and_closed(app):
    client = app.test_client()
    sid = polling_sid(client)
    limit = app.config["CLASSROOM_MAX_MESSAGE"]
    refused = client.post(f"/socket.io/?EIO=4&transport=polling&sid={sid}",
                          data=b"4" + b"x" * limit, content_type="text/plain")
    assert refused.status_code == 413
    assert refused.headers["Connection"] == "close"
    # The session itself is untouched: a message of the allowed size still goes through.
    fits = client.post(f"/socket.io/?EIO=4&transport=polling&sid={sid}", data=b"40/student,",
                       content_type="text/plain")
    assert fits.status_code == 200 and fits.get_data() == b"OK"


def test_a_socket_io_post_without_a_readable_length_is_refused(app):
    environ = {"REQUEST_METHOD": "POST", "PATH_INFO": "/socket.io/", "CONTENT_LENGTH": "a lot"}
    statuses = []
    body = app.wsgi_app(environ, lambda status, headers: statuses.append(status))
    assert statuses == ["413 Payload Too Large"] and b"".join(body) == b"Message too large.\n"


@pytest.mark.slow
def test_300_oversized_posts_hold_no_descriptor_and_phones_still_join(scenario):
    figures = scenario("bigpost", posts=300)
    assert figures["answers"] == {"HTTP/1.1 413 Payload Too Large": 300}, figures
    assert figures["fds_held_after"] <= 5, figures  # before: 298
    assert figures["phone_joined_during"] and figures["phone_joined_after"], figures
