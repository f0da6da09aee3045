"""Settings from the environment, and trusting a reverse proxy's X-Forwarded-For."""

from __future__ import annotations

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from classroom import settings_from_env

from .conftest import CONTENT_PATHS


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"CLASSROOM_JOIN_BURST": "3000"}, {"CLASSROOM_JOIN_BURST": 3000}),
        ({"CLASSROOM_JOIN_RATE": "2.5"}, {"CLASSROOM_JOIN_RATE": 2.5}),
        ({"CLASSROOM_DB": "/tmp/x.db", "HOME": "/root"}, {"CLASSROOM_DB": "/tmp/x.db"}),
        ({"CLASSROOM_PROXIES": "1"}, {"CLASSROOM_PROXIES": 1}),
        ({"CLASSROOM_SCHOOL_CONTACT": "Ms Peeters, B12"},
         {"CLASSROOM_SCHOOL_CONTACT": "Ms Peeters, B12"}),
    ],
)
def test_settings_take_the_type_of_their_default(environ, expected):
    assert settings_from_env(environ) == expected


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"CLASSROOM_JOIN_BURST": "lots"},
         "CLASSROOM_JOIN_BURST: expected a whole number, got 'lots'"),
        ({"CLASSROOM_JOIN_RATE": "fast"}, "CLASSROOM_JOIN_RATE: expected a number, got 'fast'"),
        ({"CLASSROOM_PROXIES": "1.5"}, "CLASSROOM_PROXIES: expected a whole number, got '1.5'"),
    ],
)
def test_a_setting_that_is_not_a_number_is_named(environ, message):
    with pytest.raises(ValueError) as raised:
        settings_from_env(environ)
    assert str(raised.value) == message




def misses(client, forwarded: str) -> list[int]:
    """Guess a wrong code 25 times as the phone at `forwarded` behind the proxy."""
    headers = {"X-Forwarded-For": forwarded}
    return [client.get("/j/KKKKKK", headers=headers).status_code for _ in range(25)]


def test_behind_a_trusted_proxy_each_phone_has_its_own_address(make_app):
    app = make_app(CONTENT_PATHS, CLASSROOM_PROXIES=1)
    # Outermost, so that Socket.IO connections see the phone's address too.
    assert isinstance(app.wsgi_app, ProxyFix)
    inside = [type(app.wsgi_app.app).__name__, type(app.wsgi_app.app.app).__name__]
    assert inside == ["RefuseBigPolls", "_SocketIOMiddleware"]
    client = app.test_client()
    assert misses(client, "10.0.0.7")[-1] == 429  # the guesser is slowed down...
    assert client.get("/j/KKKKKK", headers={"X-Forwarded-For": "10.0.0.8"}).status_code == 404


def test_without_trusted_proxies_the_header_is_ignored(make_app):
    app = make_app(CONTENT_PATHS, CLASSROOM_PROXIES=0)
    assert not isinstance(app.wsgi_app, ProxyFix)
    client = app.test_client()
    assert misses(client, "10.0.0.7")[-1] == 429
    # A forged header does not make a new address: the same sender stays slowed down.
    assert client.get("/j/KKKKKK", headers={"X-Forwarded-For": "10.0.0.8"}).status_code == 429


def test_purge_names_a_setting_that_is_not_a_number(monkeypatch):
    from click.testing import CliRunner

    from classroom.cli import main

    monkeypatch.setenv("CLASSROOM_RETENTION_DAYS", "a month")
    result = CliRunner().invoke(main, ["purge"])
    assert result.exit_code == 1
    assert "CLASSROOM_RETENTION_DAYS: expected a whole number, got 'a month'" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
