"""Answer rules: the value must fit the kind, the phase and the step; one answer each."""

import pytest
from livekit import STEPS, device, join, open_question

from classroom.live import actions
from classroom.live.errors import MESSAGES, LiveError

VALID = [
    ("choice", 0, 0),
    ("choice", 2, 2),
    ("check", 1, 1),
    ("multi", [2, 0], [0, 2]),
    ("multi", [1], [1]),
    ("scale", 1, 1),
    ("scale", 5, 5),
    ("flag", {"flag": "red", "criterion": "consent"}, {"flag": "red", "criterion": "consent"}),
    ("flag", {"flag": "green", "criterion": None}, {"flag": "green", "criterion": None}),
    ("flag", {"flag": "black"}, {"flag": "black", "criterion": None}),
    ("text", "  respect   each other ", "respect each other"),
    ("text", "x" * 40, "x" * 40),
    ("rank", [2, 0, 1], [2, 0, 1]),
]

INVALID = [
    ("choice", 3),
    ("choice", -1),
    ("choice", True),
    ("choice", "1"),
    ("choice", 1.0),
    ("choice", None),
    ("choice", [1]),
    ("check", 5),
    ("multi", []),
    ("multi", [0, 1, 2]),  # more than max (2)
    ("multi", [1, 1]),
    ("multi", [0, 7]),
    ("multi", 1),
    ("multi", [True]),
    ("scale", 0),
    ("scale", 6),
    ("scale", 2.5),
    ("scale", "3"),
    ("flag", "red"),
    ("flag", {"flag": "purple"}),
    ("flag", {"flag": "red", "criterion": "beauty"}),
    ("flag", {"flag": "red", "criterion": None, "extra": 1}),
    ("flag", {}),
    ("text", ""),
    ("text", "    "),
    ("text", "x" * 41),
    ("text", "x" * 100_000),
    ("text", 42),
    ("text", ["respect"]),
    ("rank", [0, 1]),
    ("rank", [0, 1, 1]),
    ("rank", [0, 1, 2, 3]),
    ("rank", [0, 1, 5]),
    ("rank", "0,1,2"),
]


@pytest.fixture
def pid(room):
    return room.join(device(1))


@pytest.mark.parametrize(("kind", "value", "stored"), VALID)
def test_valid_values_are_stored(room, pid, kind, value, stored):
    open_question(room, kind)
    mine = room.answer(pid, STEPS[kind], value)
    assert mine == {"answered": True, "passed": False, "value": stored}


@pytest.mark.parametrize(("kind", "value"), INVALID)
def test_values_that_do_not_fit_are_refused(room, pid, kind, value):
    open_question(room, kind)
    with pytest.raises(LiveError) as caught:
        room.answer(pid, STEPS[kind], value)
    assert caught.value.code == "bad-value"
    assert caught.value.message == MESSAGES["bad-value"]["en"]
    assert room.step_answers() == {}


def test_a_criterion_on_a_flag_question_without_one_is_refused(rooms, library):
    # The test lesson's flag question asks for the criterion; a question that does not must
    # refuse one, or a phone could fill in a tally nobody sees.
    from classroom.live.answers import BadValue, check_value

    question = library.question("live-test/situation").model_copy(update={"criterion": False})
    with pytest.raises(BadValue):
        check_value(question, {"flag": "red", "criterion": "consent"})


def test_answering_again_replaces_the_answer(room, pid):
    open_question(room, "choice")
    room.answer(pid, STEPS["choice"], 0)
    room.answer(pid, STEPS["choice"], 2)
    assert [a.value for a in room.step_answers().values()] == [2]


def test_a_pass_is_counted_apart_and_can_be_changed(room, pid):
    open_question(room, "choice")
    assert room.answer(pid, STEPS["choice"], passed=True) == {
        "answered": True,
        "passed": True,
        "value": None,
    }
    assert room.answer(pid, STEPS["choice"], 1)["passed"] is False
    assert len(room.step_answers()) == 1


@pytest.mark.parametrize(
    ("setup", "step", "code"),
    [
        ("lobby", STEPS["choice"], "wrong-step"),
        ("open", STEPS["scale"], "wrong-step"),
        ("open", -1, "wrong-step"),
        ("closed", STEPS["choice"], "not-voting"),
        ("revealed", STEPS["choice"], "not-voting"),
        ("slide", STEPS["slide"], "not-voting"),
        ("expired", STEPS["choice"], "not-voting"),
        ("ended", STEPS["choice"], "room-ended"),
    ],
)
def test_answers_out_of_turn_are_refused_and_change_nothing(room, pid, clock, setup, step, code):
    if setup != "lobby":
        open_question(room, "choice")
    if setup == "closed":
        actions.close_voting(room)
    if setup == "revealed":
        actions.reveal(room)
    if setup == "slide":
        actions.go(room, STEPS["slide"])
    if setup == "expired":
        actions.timer(room, 10)
        clock.advance(10)
    if setup == "ended":
        actions.end(room)
    with pytest.raises(LiveError) as caught:
        room.answer(pid, step, 1)
    assert caught.value.code == code
    assert all(not answers for answers in room.answers.values())


def test_a_participant_the_room_does_not_know_cannot_answer(room):
    open_question(room, "choice")
    with pytest.raises(LiveError) as caught:
        room.answer("not-a-participant", STEPS["choice"], 1)
    assert caught.value.code == "bad-device"


@pytest.mark.parametrize(
    "bad", [None, "", "short", "x" * 21, "x" * 65, "has space" * 4, 12345, "é" * 30]
)
def test_malformed_device_keys_are_refused(room, bad):
    with pytest.raises(LiveError) as caught:
        room.join(bad)
    assert caught.value.code == "bad-device"
    assert room.participants == set()


def test_the_same_device_is_the_same_participant(room):
    first = room.join(device(7))
    assert room.join(device(7)) == first and len(room.participants) == 1


def test_the_same_device_is_another_participant_in_another_room(rooms, room):
    other = rooms.create("live-test", "en")
    assert room.join(device(7)) != other.join(device(7))


def test_errors_speak_the_room_language(rooms):
    dutch = rooms.create("live-test", "nl")
    with pytest.raises(LiveError) as caught:
        dutch.join("bad")
    assert caught.value.message == MESSAGES["bad-device"]["nl"]


def test_free_text_is_masked_before_it_is_stored(room, pid):
    open_question(room, "text")
    mine = room.answer(pid, STEPS["text"], "mail me: a.b@c.be")
    assert mine["value"] == "mail me: •••"


def test_thirty_phones_answer_once_each(room):
    pids = join(room, 30)
    open_question(room, "choice")
    for n, pid in enumerate(pids):
        room.answer(pid, STEPS["choice"], n % 3)
    for pid in pids[:10]:
        room.answer(pid, STEPS["choice"], 0)
    values = [a.value for a in room.step_answers().values()]
    assert (len(values), values.count(0), values.count(1), values.count(2)) == (30, 16, 7, 7)
