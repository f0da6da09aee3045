"""What the socket layer refuses: wrong turn, bad payloads, forged events, missing keys."""

import pytest
from socketkit import STEPS, device, last_state, refusal

from classroom.live.errors import MESSAGES

CHOICE = STEPS["choice"]


@pytest.fixture
def voting(phones):
    """Return (teacher, phone) with voting open on the choice question."""
    teach, phone = phones.teacher(), phones.student(1)
    teach.emit("go", {"step": CHOICE}, namespace="/teach", callback=True)
    teach.emit("open", {}, namespace="/teach", callback=True)
    return teach, phone


def ack_of(client, namespace, event, *args):
    return client.emit(event, *args, namespace=namespace, callback=True)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ("1", "bad-request"),
        ([CHOICE, 1], "bad-request"),
        (7, "bad-request"),
        (None, "bad-request"),
        ({}, "bad-request"),
        ({"step": CHOICE}, "bad-request"),
        ({"value": 1}, "bad-request"),
        ({"step": str(CHOICE), "value": 1}, "bad-request"),
        ({"step": CHOICE, "value": 1, "extra": True}, "bad-request"),
        ({"step": CHOICE, "value": 1, "pass": True}, "bad-request"),
        ({"step": CHOICE, "pass": False}, "bad-request"),
        ({"step": CHOICE, "pass": "yes"}, "bad-request"),
        ({"step": float(CHOICE), "value": 1}, "bad-request"),
        ({"step": CHOICE, "value": "1"}, "bad-value"),
        ({"step": CHOICE, "value": 3}, "bad-value"),
        ({"step": CHOICE, "value": None}, "bad-value"),
        ({"step": CHOICE, "value": "x" * 100_000}, "bad-value"),
        ({"step": CHOICE, "value": {"flag": "red"}}, "bad-value"),
        ({"step": STEPS["scale"], "value": 1}, "wrong-step"),
        ({"step": 999, "value": 1}, "wrong-step"),
    ],
)
def test_malformed_or_misplaced_answers_get_an_error_ack_and_change_nothing(
    voting, room, payload, code
):
    _, phone = voting
    ack = ack_of(phone, "/student", "answer", payload)
    assert ack == {"ok": False, "error": code, "message": MESSAGES[code]["en"]}
    assert room.step_answers() == {}


def test_an_answer_with_two_arguments_is_a_bad_request(voting, room):
    _, phone = voting
    assert ack_of(phone, "/student", "answer", {"step": CHOICE, "value": 1}, 2)["error"] == (
        "bad-request"
    )


@pytest.mark.parametrize(
    ("teacher_event", "code"),
    [("close", "not-voting"), ("reveal", "not-voting"), ("end", "room-ended")],
)
def test_answers_after_voting_closed_are_refused(voting, room, teacher_event, code):
    teach, phone = voting
    ack_of(teach, "/teach", teacher_event, {})
    assert ack_of(phone, "/student", "answer", {"step": CHOICE, "value": 1})["error"] == code
    assert room.step_answers() == {}


@pytest.mark.parametrize(
    "event",
    [
        "go",
        "next",
        "prev",
        "open",
        "close",
        "reveal",
        "hide",
        "reset",
        "timer",
        "lock",
        "moderate",
        "end",
        "answer_as_teacher",
        "connect_teacher",
    ],
)
def test_a_student_socket_can_never_run_a_teacher_event(voting, room, event):
    _, phone = voting
    before = (room.phase, room.index, room.voting_open, room.revealed, room.locked)
    payload = {"step": 0, "seconds": 5, "locked": True, "id": "t1", "approve": True}
    ack = ack_of(phone, "/student", event, payload)
    assert ack["ok"] is False and ack["error"] == "not-allowed"
    assert (room.phase, room.index, room.voting_open, room.revealed, room.locked) == before


def test_the_projector_has_no_events(phones, room):
    screen = phones.teacher("screen")
    assert ack_of(screen, "/screen", "next", {})["error"] == "not-allowed"
    assert room.phase == "lobby"


@pytest.mark.parametrize(
    ("event", "payload", "code"),
    [
        ("go", {"step": "3"}, "bad-request"),
        ("go", {"step": 3, "x": 1}, "bad-request"),
        ("go", [3], "bad-request"),
        ("go", {"step": 99}, "bad-value"),
        ("timer", {"seconds": 1.5}, "bad-request"),
        ("timer", {"seconds": 99999}, "bad-value"),
        ("lock", {"locked": "yes"}, "bad-request"),
        ("moderate", {"id": "t1"}, "bad-request"),
        ("moderate", {"id": "x" * 500, "approve": True}, "bad-request"),
        ("moderate", {"id": "t1", "approve": True}, "bad-value"),
        ("next", {"now": True}, "bad-request"),
        ("reveal", {}, "not-allowed"),
    ],
)
def test_bad_teacher_payloads_get_an_error_ack(phones, room, event, payload, code):
    teach = phones.teacher()
    assert ack_of(teach, "/teach", event, payload) == {
        "ok": False,
        "error": code,
        "message": MESSAGES[code]["en"],
    }
    assert (room.phase, room.locked) == ("lobby", False)


@pytest.mark.parametrize("role", ["teach", "screen"])
@pytest.mark.parametrize(
    ("auth", "code"),
    [
        (None, "bad-key"),
        ("a string", "bad-key"),
        ({"code": "{code}"}, "bad-key"),
        ({"code": "{code}", "key": "wrong"}, "bad-key"),
        ({"code": "{code}", "key": None}, "bad-key"),
        # No room-not-found: connecting must not tell which codes are rooms.
        ({"code": "ZZZZZZ", "key": "{key}"}, "bad-key"),
        ({"code": "{code}", "key": "{other}"}, "bad-key"),  # the other role's key
    ],
)
def test_the_projector_and_control_need_their_own_key(phones, room, role, auth, code):
    other = room.key_of("screen" if role == "teach" else "teach")
    if isinstance(auth, dict):
        auth = {
            k: v.format(code=room.code, key=room.key_of(role), other=other)
            if isinstance(v, str) else v
            for k, v in auth.items()
        }
    data = refusal(phones, f"/{role}", auth)
    assert data == {"error": code, "message": MESSAGES[code]["en"]}


def test_a_student_cannot_connect_to_the_teacher_namespace_with_a_device_key(phones, room):
    data = refusal(phones, "/teach", {"code": room.code, "device": device(1)})
    assert data["error"] == "bad-key"


@pytest.mark.parametrize(
    ("auth", "code"),
    [
        (None, "room-not-found"),
        ({"code": "{code}"}, "bad-device"),
        ({"code": "{code}", "device": "short"}, "bad-device"),
        ({"code": "{code}", "device": 12345678901234567890123}, "bad-device"),
        ({"code": "ZZZZZZ", "device": device(1)}, "room-not-found"),
        ({"code": None, "device": device(1)}, "room-not-found"),
    ],
)
def test_phones_are_refused_with_a_reason(phones, room, auth, code):
    if isinstance(auth, dict):
        auth = {k: v.format(code=room.code) if isinstance(v, str) else v for k, v in auth.items()}
    assert refusal(phones, "/student", auth)["error"] == code
    assert room.participants == set()


def test_a_locked_room_refuses_new_phones_but_lets_known_ones_back(phones, room):
    teach = phones.teacher()
    phones.student(1).disconnect(namespace="/student")
    ack_of(teach, "/teach", "lock", {"locked": True})
    assert refusal(phones, "/student", {"code": room.code, "device": device(2)}) == {
        "error": "room-locked",
        "message": MESSAGES["room-locked"]["en"],
    }
    assert phones.student(1).is_connected("/student")


def test_errors_speak_the_room_language(phones, rooms):
    dutch = rooms.create("live-test", "nl")
    phones.room = dutch
    phone = phones.student(1)
    ack = ack_of(phone, "/student", "answer", {"step": 0, "value": 1})
    assert ack["message"] == MESSAGES["wrong-step"]["nl"]
    assert ack_of(phone, "/student", "next", {})["message"] == MESSAGES["not-allowed"]["nl"]
    assert ack_of(phone, "/student", "answer", "x")["message"] == MESSAGES["bad-request"]["nl"]
    assert last_state(phone, "/student")["room"]["lang"] == "nl"


def test_an_unexpected_failure_at_connect_refuses_without_a_traceback(phones, room, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(type(room), "join", broken)
    data = refusal(phones, "/student", {"code": room.code, "device": device(1)})
    assert data == {"error": "bad-request", "message": MESSAGES["bad-request"]["en"]}


def test_an_unexpected_failure_in_a_handler_is_a_bad_request_ack(voting, room, monkeypatch):
    _, phone = voting

    def broken(*args, **kwargs):
        raise ZeroDivisionError("secret detail")

    monkeypatch.setattr(type(room), "answer", broken)
    ack = ack_of(phone, "/student", "answer", {"step": CHOICE, "value": 1})
    assert ack == {"ok": False, "error": "bad-request", "message": MESSAGES["bad-request"]["en"]}
