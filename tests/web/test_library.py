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
