"""Separate capabilities: a projector key that only watches, new keys, and no room-code oracle."""

from __future__ import annotations

import pytest
from socketkit import EVENTS_OF_TEACHER, device, last_state, refusal, states

from classroom.live import guard
from classroom.live.errors import MESSAGES

PAYLOADS = {
    "go": {"step": 1}, "timer": {"seconds": 30}, "lock": {"locked": True},
    "moderate": {"id": "t1", "approve": True}, "expect": {"size": 3},
    "admit": {"label": "AAA", "allow": True}, "rotate": {"which": "teacher"},
}  # fmt: skip


def ack_of(client, namespace, event, payload=None):
    return client.emit(event, payload or {}, namespace=namespace, callback=True)


@pytest.mark.parametrize("event", EVENTS_OF_TEACHER)
def test_the_projector_key_is_refused_for_every_teacher_event(phones, room, event):
    # Not as a teacher: the projector key cannot even connect to /teach.
    data = refusal(phones, "/teach", {"code": room.code, "key": room.screen_key})
    assert data == {"error": "bad-key", "message": MESSAGES["bad-key"]["en"]}
    # And on its own namespace, a teacher event is not there.
    screen = phones.teacher("screen")
    ack = ack_of(screen, "/screen", event, PAYLOADS.get(event))
    assert ack == {"ok": False, "error": "not-allowed", "message": MESSAGES["not-allowed"]["en"]}
    assert (room.phase, room.locked, room.expected) == ("lobby", False, None)
    assert last_state(screen, "/screen")["room"]["phase"] == "lobby"


def test_the_projector_gets_the_class_view_and_never_a_key(phones, room):
    screen = phones.teacher("screen")
    view = last_state(screen, "/screen")
    text = str(view)
    assert room.teacher_key not in text and room.screen_key not in text
    assert "teacher_url" not in view and "pending" not in view and "notes" not in view


def test_the_teacher_key_is_refused_on_the_projector_namespace(phones, room):
    data = refusal(phones, "/screen", {"code": room.code, "key": room.teacher_key})
    assert data["error"] == "bad-key"


def test_a_new_teacher_key_keeps_the_teacher_who_asked_and_cuts_off_the_rest(phones, room):
    teach, other = phones.teacher(), phones.teacher()
    old = room.teacher_key
    assert ack_of(teach, "/teach", "rotate", {"which": "teacher"}) == {"ok": True}
    assert room.teacher_key != old
    assert not other.is_connected("/teach")  # a photo of the old link controls nothing
    assert teach.is_connected("/teach")
    state = last_state(teach, "/teach")
    assert state["teacher_url"].endswith(f"?key={room.teacher_key}")
    assert ack_of(teach, "/teach", "next") == {"ok": True}  # steering on, mid-lesson
    assert refusal(phones, "/teach", {"code": room.code, "key": old})["error"] == "bad-key"
    assert phones.teacher().is_connected("/teach")  # the new key opens it


def test_a_new_projector_key_disconnects_the_old_projector(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    old = room.screen_key
    assert ack_of(teach, "/teach", "rotate", {"which": "projector"}) == {"ok": True}
    assert room.screen_key != old and not screen.is_connected("/screen")
    assert last_state(teach, "/teach")["screen_url"].endswith(f"#key={room.screen_key}")
    assert refusal(phones, "/screen", {"code": room.code, "key": old})["error"] == "bad-key"
    assert teach.is_connected("/teach")  # the teacher key did not change
    fresh = phones.teacher("screen")
    assert fresh.is_connected("/screen")


def test_a_socket_on_a_rotated_key_can_do_nothing_even_if_not_disconnected(phones, room):
    # Several workers (issue 11): a socket of another worker is not disconnected at once,
    # but it sits in the old key's channel and every teacher event checks the key again.
    teach = phones.teacher()
    guard.rotate(room, "teacher")  # as another worker's teacher did
    states(teach, "/teach")
    ack = ack_of(teach, "/teach", "next")
    assert ack["error"] == "bad-key" and room.phase == "lobby"
    phones.app.extensions["classroom.broadcaster"].send(room)
    assert states(teach, "/teach") == []  # no state reaches the old key's channel


@pytest.mark.parametrize("role", ["teach", "screen"])
def test_a_wrong_code_and_a_wrong_key_look_the_same(phones, room, role):
    wrong_code = refusal(phones, f"/{role}", {"code": "ZZZZZZ", "key": room.key_of(role)})
    wrong_key = refusal(phones, f"/{role}", {"code": room.code, "key": "wrong" * 6})
    assert wrong_code == wrong_key == {"error": "bad-key", "message": MESSAGES["bad-key"]["en"]}


def test_guessing_codes_on_the_teacher_namespace_is_slowed_and_the_teacher_still_gets_in(
    phones, room, app
):
    pauses = []
    app.extensions["classroom.web.strikes"].sleep = pauses.append
    found = [refusal(phones, "/teach", {"code": f"ZZZZZ{c}", "key": "x"})["error"]
             for c in "ABCDEFGHJKMNPQRSTUVWXYZ"]
    # Each refusal() connects twice (once more to read the refusal): 20 wrong tries in 10.
    assert found[:10] == ["bad-key"] * 10 and set(found[10:]) == {"rate-limited"}
    assert len(pauses) >= len(found) - 10 and min(pauses) >= 2
    assert phones.teacher().is_connected("/teach")  # the right code and key: at once


def test_joins_beyond_the_class_size_wait_for_the_teacher(phones, room):
    teach = phones.teacher()
    assert ack_of(teach, "/teach", "expect", {"size": 2}) == {"ok": True}
    first, second = phones.student(1), phones.student(2)
    assert first.is_connected("/student") and second.is_connected("/student")
    waiting = refusal(phones, "/student", {"code": room.code, "device": device(3)})
    label = waiting["label"]
    assert waiting["error"] == "waiting" and len(label) == 3
    assert label in waiting["message"]
    people = last_state(teach, "/teach")["class"]
    assert people == {"expected": 2, "joined": 2, "waiting": [label]}
    # The same phone asking again keeps its label; another phone gets its own.
    again = refusal(phones, "/student", {"code": room.code, "device": device(3)})
    assert again["label"] == label
    other = refusal(phones, "/student", {"code": room.code, "device": device(4)})
    assert other["label"] != label
    assert ack_of(teach, "/teach", "admit", {"label": label, "allow": True}) == {"ok": True}
    assert ack_of(teach, "/teach", "admit", {"label": other["label"], "allow": False}) == {
        "ok": True}
    assert phones.student(3).is_connected("/student")
    refused = refusal(phones, "/student", {"code": room.code, "device": device(4)})
    assert refused["error"] == "not-admitted"
    assert last_state(teach, "/teach")["class"] == {"expected": 2, "joined": 3, "waiting": []}
    assert ack_of(teach, "/teach", "admit", {"label": label, "allow": True})["error"] == (
        "bad-value")  # nobody waits with that label any more


# The room is English, its lesson English and Dutch: a phone reads what it asked for if the
# lesson has it; with no room, any language the pages have.
@pytest.mark.parametrize(
    ("asked", "in_room", "no_room"),
    [("nl", "nl", "nl"), ("fr", "en", "fr"), ("xx", "en", "en"), (None, "en", "en")],
)
def test_a_refused_phone_is_told_in_the_language_it_reads(phones, room, asked, in_room, no_room):
    room.lesson = room.lesson.model_copy(update={"class_size": 1})
    phones.student(1)
    auth = {"code": room.code, "device": device(2), "lang": asked}
    waiting = refusal(phones, "/student", auth)
    assert waiting["message"] == MESSAGES["waiting"][in_room].format(label=waiting["label"])
    assert refusal(phones, "/student", {**auth, "code": "ZZZZZZ"})["message"] == (
        MESSAGES["room-not-found"][no_room])


def test_phones_that_joined_are_never_made_to_wait(phones, room):
    teach = phones.teacher()
    class_ = [phones.student(n) for n in range(3)]
    ack_of(teach, "/teach", "expect", {"size": 1})  # set lower than the class already is
    for n, phone in enumerate(class_):
        phone.disconnect(namespace="/student")
        assert phones.student(n).is_connected("/student")
    assert last_state(teach, "/teach")["class"]["joined"] == 3


def test_the_lesson_may_set_the_class_size_and_the_teacher_lift_it(phones, room):
    room.lesson = room.lesson.model_copy(update={"class_size": 1})
    teach = phones.teacher()
    phones.student(1)
    assert refusal(phones, "/student", {"code": room.code, "device": device(2)})[
        "error"] == "waiting"
    assert ack_of(teach, "/teach", "expect", {"size": 0}) == {"ok": True}  # 0: no limit
    assert phones.student(2).is_connected("/student")
    assert last_state(teach, "/teach")["class"]["expected"] is None


@pytest.mark.parametrize("payload", [{"size": -1}, {"size": 2001}, {"size": "20"}, {}])
def test_a_class_size_out_of_range_is_refused(phones, room, payload):
    ack = ack_of(phones.teacher(), "/teach", "expect", payload)
    assert ack["ok"] is False and room.expected is None
