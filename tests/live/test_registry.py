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


def monday(hour: int) -> float:
    """Return the laptop's clock on Monday 30 November 2026 at `hour`:00, local time."""
    import datetime as dt

    return dt.datetime(2026, 11, 30, hour).timestamp()


def help_on_phone(rooms, lang: str) -> dict:
    from classroom.live.views import student_view

    return student_view(rooms.create("sexting-delen", lang), "http://192.0.2.1")["help"]


def test_help_leads_with_the_lines_open_now(store, clock):
    from classroom.content.library import load_library
    from classroom.live.registry import Rooms

    rooms = Rooms(load_library(), store, clock=clock)
    clock.now = monday(10)  # during school: the evening chat is closed
    morning = help_on_phone(rooms, "fr")["resources"]
    states = [r["open_now"] for r in morning]
    assert states == sorted(states, key=lambda s: {True: 0, None: 1, False: 2}[s])
    assert [r["name"] for r in morning[:3]] == [
        "Child Focus", "Centre de Prévention du Suicide",
        "Centres de prise en charge des violences sexuelles (CPVS)"]
    assert (morning[-1]["name"], morning[-1]["open_now"]) == ("Maintenant j'en parle", False)
    assert morning[1]["crisis"] is True and morning[1]["hours"] == "jour et nuit, gratuit"
    assert all("sources" not in r for r in morning)  # phones get what to call, not citations
    clock.now = monday(19)
    evening = [r["name"] for r in help_on_phone(rooms, "fr")["resources"] if r["open_now"]]
    assert evening == ["Child Focus", "Centre de Prévention du Suicide", "Maintenant j'en parle",
                       "Centres de prise en charge des violences sexuelles (CPVS)"]


def test_the_schools_contact_comes_first_as_the_teacher_typed_it(store, clock):
    from classroom.content.library import load_library
    from classroom.live.registry import Rooms

    library = load_library()
    plain = help_on_phone(Rooms(library, store, clock=clock), "nl")["school"]
    # No contact typed: the block still says where to go in school (empty fields are left out).
    assert plain == {"title": "Op school", "about": library.help_sets["be-nl"].school.about}
    contact = "Mevr. Peeters (vertrouwenspersoon), lokaal B12, elke middag"
    rooms = Rooms(library, store, school_contact=contact, clock=clock)
    assert help_on_phone(rooms, "nl")["school"]["contact"] == contact
    assert help_on_phone(rooms, "fr")["school"]["title"] == "À l'école"


def test_a_help_set_without_a_school_block_still_shows_the_teachers_contact(library, store):
    from classroom.live.registry import Rooms
    from classroom.live.views import student_view

    rooms = Rooms(library, store, school_contact="Mr Janssens, room 4")
    shown = student_view(rooms.create("live-test", "en"), "http://192.0.2.1")["help"]["school"]
    assert shown == {"title": "At school", "contact": "Mr Janssens, room 4"}
