"""The library: every lesson, running rooms, and starting a room."""

from __future__ import annotations

import re

import pytest


@pytest.mark.parametrize("query", ["", "?key=", "?key=wrong"])
def test_library_needs_its_key(client, query):
    page = client.get(f"/library{query}")
    assert page.status_code == 403
    assert "De bibliotheek heeft haar geheime sleutel nodig." in page.text


def test_library_lists_every_lesson(client, admin_key):
    page = client.get(f"/library?key={admin_key}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    assert "Share or not?" in page.text and "A second lesson" in page.text
    assert "A short lesson to test the pages." in page.text
    assert "Ages 14-16" in page.text and "20 minutes" in page.text
    assert "NL, EN, FR" in page.text
    assert "No room is running." in page.text


def test_starting_a_room_opens_its_control_page(client, rooms, admin_key):
    answer = client.post("/library", data={"key": admin_key, "lesson": "web-class", "lang": "en"})
    assert answer.status_code == 302
    code, key = re.fullmatch(r"/teach/(\w{6})\?key=(\S+)", answer.headers["Location"]).groups()
    room = rooms.get(code)
    assert room.teacher_key == key and room.lang == "en"
    assert client.get(answer.headers["Location"]).status_code == 200


def test_a_second_room_runs_at_the_same_time(client, rooms, room, admin_key):
    client.post("/library", data={"key": admin_key, "lesson": "web-second", "lang": "fr"})
    page = client.get(f"/library?key={admin_key}")
    assert len([r for r in rooms.all() if r.phase != "ended"]) == 2
    assert room.code in page.text
    assert "Une deuxième leçon" in page.text or "A second lesson" in page.text


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"lesson": "nope", "lang": "nl"}, "Kies een les uit de lijst."),
        ({"lang": "nl"}, "Kies een les uit de lijst."),
        ({"lesson": "web-second", "lang": "nl"}, "Deze les bestaat niet in die taal."),
    ],
)
def test_starting_with_a_bad_form_says_why(client, rooms, admin_key, form, message):
    page = client.post("/library", data={"key": admin_key, **form})
    assert page.status_code == 400
    assert message in page.text
    assert rooms.all() == []


def test_starting_needs_the_key(client, rooms):
    page = client.post("/library", data={"key": "wrong", "lesson": "web-class", "lang": "nl"})
    assert page.status_code == 403
    assert rooms.all() == []


def test_the_library_lists_running_rooms_without_their_keys(client, rooms, room, admin_key):
    # The library is often on the projector while a lesson is started.
    second = rooms.create("web-second", "fr")
    page = client.get(f"/library?key={admin_key}")
    assert room.code in page.text and second.code in page.text
    for running in (room, second):
        assert running.teacher_key not in page.text and running.screen_key not in page.text
        assert running.salt not in page.text
    assert "/teach/" not in page.text and "/screen/" not in page.text


def test_taking_a_room_over_gives_it_a_new_teacher_link(client, room, admin_key):
    old = room.teacher_key
    answer = client.post("/library/take", data={"key": admin_key, "code": room.code})
    assert answer.status_code == 302
    assert answer.headers["Location"] == f"/teach/{room.code}?key={room.teacher_key}"
    assert room.teacher_key != old
    assert client.get(f"/teach/{room.code}?key={old}").status_code == 403
    assert client.get(answer.headers["Location"]).status_code == 200


@pytest.mark.parametrize(("key", "code", "status"), [
    ("wrong", "{code}", 403), ("{admin}", "ZZZZZZ", 404), ("{admin}", "", 404)])
def test_taking_over_needs_the_library_key_and_a_running_room(
    client, room, admin_key, key, code, status
):
    old = room.teacher_key
    form = {"key": key.format(admin=admin_key), "code": code.format(code=room.code)}
    assert client.post("/library/take", data=form).status_code == status
    assert room.teacher_key == old


def test_a_new_library_link_retires_the_old_one(app, client, admin_key, data_dir):
    answer = client.post("/library/rotate", data={"key": admin_key})
    assert answer.status_code == 302
    new = re.fullmatch(r"/library\?key=(\S+)", answer.headers["Location"]).group(1)
    assert new != admin_key
    assert client.get(f"/library?key={admin_key}").status_code == 403
    assert client.get(f"/library?key={new}").status_code == 200
    assert (data_dir / "library-key").read_text().strip() == new
    assert client.post("/library/rotate", data={"key": admin_key}).status_code == 403
