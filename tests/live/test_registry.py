"""The registry: several rooms at once, found by code, resumed by lesson."""

import pytest

from classroom.live import actions


def test_rooms_are_created_found_and_listed(rooms):
    first, second = rooms.create("live-test", "en"), rooms.create("live-test", "nl")
    assert first.code != second.code and first.teacher_key != second.teacher_key
    assert rooms.get(first.code.lower()) is first and rooms.get("ZZZZZZ") is None
    assert rooms.all() == [first, second]
    assert (first.lang, second.lang, first.lesson.id) == ("en", "nl", "live-test")


@pytest.mark.parametrize(
    ("default", "asked", "lang"),
    [(None, None, "en"), ("nl", None, "nl"), ("fr", None, "en"), ("nl", "en", "en")],
)
def test_the_room_language(library, store, default, asked, lang):
    from classroom.live.registry import Rooms

    assert Rooms(library, store, default_lang=default).create("live-test", asked).lang == lang


def test_unknown_lessons_and_languages_are_refused(rooms):
    with pytest.raises(KeyError, match="no lesson 'nope'"):
        rooms.create("nope")
    with pytest.raises(ValueError, match="lang: expected one of en, nl, got 'fr'"):
        rooms.create("live-test", "fr")


def test_resumable_is_the_latest_unfinished_room_of_the_lesson(rooms, clock):
    assert rooms.resumable("live-test") is None
    older = rooms.create("live-test", "en")
    clock.advance(1)
    newer = rooms.create("live-test", "en")
    rooms.create("live-live")
    assert rooms.resumable("live-test") is newer
    actions.end(newer)
    assert rooms.resumable("live-test") is older


def test_the_teacher_key_is_checked(room):
    assert room.check_key(room.teacher_key)
    assert not room.check_key(room.teacher_key[:-1]) and not room.check_key(None)


def test_the_projector_key_only_opens_the_projector(room):
    assert room.screen_key != room.teacher_key and len(room.screen_key) >= 30
    assert room.check_key(room.screen_key, "screen")
    assert not room.check_key(room.screen_key, "teach")
    assert not room.check_key(room.teacher_key, "screen")


@pytest.mark.parametrize(("lang", "help_id"), [("nl", "be-nl"), ("en", "be-en"), ("fr", "be-fr")])
def test_phones_get_the_help_set_of_the_room_language(store, lang, help_id):
    from classroom.content.library import load_library
    from classroom.live.registry import Rooms

    room = Rooms(load_library(), store).create("sexting-delen", lang)
    assert (room.help_set.id, room.help_set.language) == (help_id, lang)


def test_the_teacher_view_suggests_the_step_timer(room):
    from classroom.live.views import teach_view

    law = next(p.index for p in room.plan if p.key == "live-test/law")
    actions.go(room, law)
    assert teach_view(room, "http://192.0.2.1")["timer"] == 45
    actions.go(room, law - 1)
    assert teach_view(room, "http://192.0.2.1")["timer"] is None
