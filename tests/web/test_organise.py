"""The organiser's page: the rooms of the day behind its own key, and starting a room."""

from __future__ import annotations

import re

import pytest

from classroom.live import actions


@pytest.fixture
def organiser_key(app) -> str:
    return app.extensions["classroom.organiser_key"].get()


@pytest.mark.parametrize("which", ["", "wrong", "library", "teacher"])
def test_the_organiser_page_needs_its_own_key(client, room, admin_key, which):
    key = {"": "", "wrong": "wrong", "library": admin_key, "teacher": room.teacher_key}[which]
    page = client.get(f"/organise?key={key}", headers={"Accept-Language": "en"})
    assert page.status_code == 403
    assert "The organiser page needs its secret key." in page.text


def test_it_lists_the_rooms_of_the_day_without_their_keys(client, rooms, organiser_key):
    running, ended = rooms.create("web-class", "en"), rooms.create("web-second", "fr")
    actions.next_step(running)
    actions.end(ended)
    page = client.get(f"/organise?key={organiser_key}", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    rows = re.findall(r"<tr><td class=\"room-code\">(\w+)</td><td>(.*?)</td><td>(\w+)</td>"
                      r"<td>[\d:]+</td><td>(.*?)</td></tr>", page.text)
    assert [(code, lang, phase) for code, _, lang, phase in rows] == [
        (running.code, "en", "running"), (ended.code, "fr", "ended")]
    for room in (running, ended):
        for secret in (room.teacher_key, room.screen_key, room.salt):
            assert secret not in page.text


def test_starting_a_room_opens_its_teacher_page(client, rooms, organiser_key):
    answer = client.post("/organise", data={"key": organiser_key, "lesson": "web-class",
                                            "lang": "en"})
    assert answer.status_code == 302
    code, key = re.fullmatch(r"/teach/(\w{6})\?key=(\S+)", answer.headers["Location"]).groups()
    assert client.get(answer.headers["Location"]).status_code == 200
    room = rooms.get(code)
    assert room.check_key(key) and room.lang == "en"
    assert code in client.get(f"/organise?key={organiser_key}").text


def test_a_lesson_not_in_the_list_is_refused_in_plain_words(client, organiser_key):
    answer = client.post("/organise", data={"key": organiser_key, "lesson": "nope"},
                         headers={"Accept-Language": "en"})
    assert answer.status_code == 400 and "Choose a lesson from the list." in answer.text
