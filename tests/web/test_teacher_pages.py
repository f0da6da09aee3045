"""The projector and control pages: only with the teacher key."""

from __future__ import annotations

import pytest

from tests.web.conftest import PUBLIC_URL


@pytest.mark.parametrize("page", ["screen", "teach"])
@pytest.mark.parametrize("query", ["", "?key=", "?key=wrong", "?key={admin}"])
def test_teacher_pages_need_the_teacher_key(client, room, admin_key, page, query):
    answer = client.get(f"/{page}/{room.code}{query.format(admin=admin_key)}")
    assert answer.status_code == 403
    assert "Geen toegang" in answer.text
    assert "geheime sleutel van de leraar" in answer.text
    assert room.teacher_key not in answer.text


@pytest.mark.parametrize("page", ["screen", "teach"])
def test_teacher_pages_for_an_unknown_room(client, page):
    answer = client.get(f"/{page}/KKKKKK?key=whatever")
    assert answer.status_code == 404
    assert "Er loopt geen les met de code KKKKKK." in answer.text


def test_projector_shows_how_to_join(client, room):
    page = client.get(f"/screen/{room.code}?key={room.teacher_key}")
    assert page.status_code == 200
    # The address to type is the start page, where the code goes: not a link that holds it.
    assert '<p class="join-url" id="join-url">192.0.2.10:5000</p>' in page.text
    assert f"{PUBLIC_URL}/j/" not in page.text
    assert f'src="/qr/{room.code}.svg"' in page.text
    assert f"{room.code[:3]} {room.code[3:]}" in page.text  # the code, large and split in two
    assert "Scan de code om mee te doen" in page.text
    assert "Druk op ? voor de toetsen" in page.text


def test_control_page_has_every_control(client, room):
    page = client.get(f"/teach/{room.code}?key={room.teacher_key}")
    assert page.status_code == 200
    for control in ("prev", "next", "voting", "reveal", "reset", "lock", "end", "timer-form"):
        assert f'id="{control}"' in page.text
    assert 'data-seconds="30"' in page.text and 'data-seconds="60"' in page.text
    assert f"{PUBLIC_URL}/j/{room.code}" in page.text
    assert f'href="/screen/{room.code}?key={room.teacher_key}"' in page.text
    assert "Les beëindigen" in page.text


def test_pages_with_a_key_are_never_cached(client, room):
    page = client.get(f"/teach/{room.code}?key={room.teacher_key}")
    assert page.headers["Cache-Control"] == "no-store"
