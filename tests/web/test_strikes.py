"""Guessing join codes is slowed down; scanning the right one never is."""

from __future__ import annotations

from classroom.web.strikes import Strikes


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_misses_block_an_address_and_are_forgiven_in_time():
    clock = Clock()
    strikes = Strikes(limit=3, per_second=0.5, clock=clock)
    for _ in range(3):
        assert not strikes.blocked("192.0.2.7")
        strikes.strike("192.0.2.7")
    assert strikes.blocked("192.0.2.7")
    assert not strikes.blocked("192.0.2.8")
    clock.now += 2.0  # one miss forgiven
    assert not strikes.blocked("192.0.2.7")


def test_addresses_are_not_kept():
    strikes = Strikes()
    strikes.strike("192.0.2.7")
    assert "192.0.2.7" not in repr(strikes._misses)


def test_guessing_codes_gets_a_wait_page_but_never_locks_out_the_class(app, client, room):
    pauses = []
    app.extensions["classroom.web.strikes"].sleep = pauses.append
    misses = [client.get("/j/KKKKKK").status_code for _ in range(25)]
    assert misses[:20] == [404] * 20 and misses[-1] == 429  # 20 misses, forgiven at 0.5 a second
    assert pauses and all(seconds >= 2 for seconds in pauses)  # each further guess waits
    assert client.post("/", data={"code": "KKKKKK"}).status_code == 429
    # The rest of the class behind the same address still joins the real room at once.
    waited = len(pauses)
    page = client.get(f"/j/{room.code}")
    assert page.status_code == 200
    assert client.post("/", data={"code": room.code}).status_code == 302
    assert len(pauses) == waited
    blocked = client.get("/j/KKKKKK")
    assert blocked.status_code == 429 and "Te veel verkeerde codes" in blocked.text
    other = client.get("/j/KKKKKK", environ_base={"REMOTE_ADDR": "192.0.2.99"})
    assert other.status_code == 404


def test_scanning_the_right_code_is_never_slowed_down(client, room):
    for _ in range(60):
        assert client.get(f"/j/{room.code}").status_code == 200
