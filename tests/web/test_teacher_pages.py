"""The control page needs the teacher key; the projector page holds no key at all."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.web.conftest import PUBLIC_URL


@pytest.mark.parametrize("query", ["", "?key=", "?key=wrong", "?key={admin}", "?key={projector}"])
def test_the_control_page_needs_the_teacher_key(client, room, admin_key, query):
    query = query.format(admin=admin_key, projector=room.screen_key)
    answer = client.get(f"/teach/{room.code}{query}")
    assert answer.status_code == 403
    assert "Geen toegang" in answer.text
    assert "geheime sleutel van de leraar" in answer.text
    assert room.teacher_key not in answer.text and room.screen_key not in answer.text


@pytest.mark.parametrize("page", ["screen", "teach"])
def test_teacher_pages_for_an_unknown_room(client, page):
    answer = client.get(f"/{page}/KKKKKK?key=whatever")
    assert answer.status_code == 404
    assert "Er loopt geen les met de code KKKKKK." in answer.text


def test_projector_shows_how_to_join_and_holds_no_key(client, room):
    # The projector's key travels after # in its link, which the browser never sends: the
    # page (what a photo of the screen or a look at its source shows) holds no key at all.
    page = client.get(f"/screen/{room.code}")
    assert page.status_code == 200
    # The address to type is the start page, where the code goes: not a link that holds it.
    assert '<p class="join-url" id="join-url">192.0.2.10:5000</p>' in page.text
    assert f"{PUBLIC_URL}/j/" not in page.text
    assert f'src="/qr/{room.code}.svg"' in page.text
    assert f"{room.code[:3]} {room.code[3:]}" in page.text  # the code, large and split in two
    assert "Scan de code om mee te doen" in page.text
    assert "Druk op ? voor de toetsen" in page.text
    assert "key" not in page.text.split("<body", 1)[1].split("<script", 1)[0].lower().replace(
        "keys", "")
    for secret in (room.teacher_key, room.screen_key, room.salt):
        assert secret not in page.text


@pytest.mark.parametrize("key", ["{teacher}", "{projector}", "wrong"])
def test_an_old_projector_link_with_a_key_in_its_address_is_refused(client, room, key):
    # Projector links once held the teacher key in ?key=: never show such a page on screen.
    answer = client.get(f"/screen/{room.code}?key="
                        + key.format(teacher=room.teacher_key, projector=room.screen_key))
    assert answer.status_code == 403
    assert "Open de projector vanaf de leraarspagina." in answer.text
    assert room.teacher_key not in answer.text and room.screen_key not in answer.text


def test_control_page_has_every_control(client, room):
    page = client.get(f"/teach/{room.code}?key={room.teacher_key}")
    assert page.status_code == 200
    for control in ("prev", "next", "voting", "reveal", "reset", "lock", "end", "timer-form",
                    "expect-form", "waiting", "rotate-teacher", "rotate-projector"):
        assert f'id="{control}"' in page.text
    assert 'data-seconds="30"' in page.text and 'data-seconds="60"' in page.text
    assert f"{PUBLIC_URL}/j/{room.code}" in page.text
    # The projector opens with its own key, never the teacher's.
    assert f'href="/screen/{room.code}#key={quote(room.screen_key)}"' in page.text
    assert f"/screen/{room.code}?key=" not in page.text
    assert "Les beëindigen" in page.text


def test_pages_with_a_key_are_never_cached(client, room):
    page = client.get(f"/teach/{room.code}?key={room.teacher_key}")
    assert page.headers["Cache-Control"] == "no-store"
