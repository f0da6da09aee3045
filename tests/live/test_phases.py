"""Every phase change a teacher can make, and what each leaves behind."""

import pytest
from livekit import STEPS, join, open_question

from classroom.live import actions
from classroom.live.errors import LiveError
from classroom.store import StoreError


def error_of(call, *args) -> str:
    with pytest.raises(LiveError) as caught:
        call(*args)
    return caught.value.code


def test_a_new_room_waits_in_the_lobby(room):
    assert (room.phase, room.index, room.current, room.voting_open) == ("lobby", None, None, False)


def test_next_from_the_lobby_starts_the_lesson(room):
    actions.next_step(room)
    assert (room.phase, room.index) == ("step", 0)


def test_next_and_prev_walk_the_steps(room):
    for _ in range(3):
        actions.next_step(room)
    actions.prev_step(room)
    assert room.index == 1


def test_prev_from_the_first_step_goes_back_to_the_lobby(room):
    actions.next_step(room)
    actions.prev_step(room)
    assert (room.phase, room.index) == ("lobby", None)


def test_go_shows_any_step(room):
    actions.go(room, STEPS["rank"])
    assert room.current.question.kind == "rank"


def test_leaving_a_step_closes_voting_and_hides_results(room):
    open_question(room, "choice")
    actions.reveal(room)
    actions.open_voting(room)
    actions.timer(room, 30)
    actions.next_step(room)
    assert (room.voting_open, room.revealed, room.deadline) == (False, False, None)


@pytest.mark.parametrize(
    ("setup", "action", "args", "code"),
    [
        ([], actions.prev_step, (), "not-allowed"),
        ([], actions.open_voting, (), "not-allowed"),
        ([], actions.reveal, (), "not-allowed"),
        ([("go", STEPS["slide"])], actions.open_voting, (), "not-allowed"),
        ([("go", STEPS["discuss"])], actions.reveal, (), "not-allowed"),
        ([("go", STEPS["notice"])], actions.reset, (), "not-allowed"),
        ([("go", STEPS["slide"])], actions.timer, (30,), "not-allowed"),
        ([("go", 10)], actions.next_step, (), "not-allowed"),
        ([], actions.go, (11,), "bad-value"),
        ([], actions.go, (-1,), "bad-value"),
        ([("go", STEPS["choice"])], actions.timer, (-5,), "bad-value"),
        ([("go", STEPS["choice"])], actions.timer, (3601,), "bad-value"),
        ([("go", STEPS["choice"])], actions.moderate, ("t99", True), "bad-value"),
        ([("end",)], actions.next_step, (), "room-ended"),
        ([("end",)], actions.go, (2,), "room-ended"),
        ([("end",)], actions.lock, (True,), "room-ended"),
        ([("end",)], actions.end, (), "room-ended"),
    ],
)
def test_refused_actions_change_nothing(room, setup, action, args, code):
    for name, *params in setup:
        getattr(actions, name)(room, *params)
    before = (room.phase, room.index, room.voting_open, room.revealed, room.deadline)
    assert error_of(action, room, *args) == code
    assert (room.phase, room.index, room.voting_open, room.revealed, room.deadline) == before


def test_open_and_close_voting(room):
    open_question(room, "choice")
    assert room.voting_open
    actions.close_voting(room)
    assert not room.voting_open


def test_reveal_closes_voting_and_hide_hides_again(room):
    open_question(room, "choice")
    actions.reveal(room)
    assert (room.voting_open, room.revealed) == (False, True)
    actions.hide(room)
    assert room.revealed is False


def test_opening_again_hides_the_results(room):
    open_question(room, "choice")
    actions.reveal(room)
    actions.open_voting(room)
    assert (room.voting_open, room.revealed) == (True, False)


def test_reset_forgets_the_answers_of_this_step_only(room):
    pids = join(room, 3)
    open_question(room, "choice")
    room.answer(pids[0], STEPS["choice"], 1)
    open_question(room, "scale")
    room.answer(pids[0], STEPS["scale"], 4)
    actions.reveal(room)
    actions.reset(room)
    assert room.step_answers() == {}
    assert (room.voting_open, room.revealed) == (False, False)
    assert list(room.answers[STEPS["choice"]]) == [pids[0]]


def test_timer_opens_voting_until_the_server_deadline(room, clock):
    open_question(room, "choice")
    actions.close_voting(room)
    actions.timer(room, 60)
    assert room.voting_open and room.deadline == clock.now + 60
    clock.advance(59.9)
    assert room.voting_open and not room.expire()
    clock.advance(0.2)
    assert not room.voting_open  # closed by the clock even before the expiry runs
    assert room.expire() and room.deadline is None and not room.expire()


def test_timer_zero_cancels_the_deadline_and_keeps_voting_open(room):
    open_question(room, "choice")
    actions.timer(room, 60)
    actions.timer(room, 0)
    assert (room.voting_open, room.deadline) == (True, None)


def test_lock_refuses_new_phones_but_not_known_ones(room):
    from livekit import device

    known = room.join(device(1))
    actions.lock(room, True)
    assert room.join(device(1)) == known
    assert error_of(room.join, device(2)) == "room-locked"
    actions.lock(room, False)
    room.join(device(2))
    assert len(room.participants) == 2


def test_end_closes_the_room_for_new_phones(room):
    from livekit import device

    known = room.join(device(1))
    open_question(room, "choice")
    actions.end(room)
    assert (room.phase, room.voting_open, room.current) == ("ended", False, None)
    assert room.record.ended_at is not None
    assert room.join(device(1)) == known  # a known phone still sees the help and thank-you
    assert error_of(room.join, device(2)) == "room-ended"


def test_a_step_change_that_cannot_be_stored_leaves_the_room_where_it_was(room, monkeypatch):
    class Failed:
        def wait(self, timeout=None):
            raise StoreError("disk full")

    actions.next_step(room)
    save_room = room.store.save_room
    monkeypatch.setattr(room.store, "save_room", lambda record: Failed())
    assert error_of(actions.next_step, room) == "not-saved"
    assert (room.phase, room.index) == ("step", 0)
    monkeypatch.setattr(room.store, "save_room", save_room)
    actions.next_step(room)  # the teacher's retry moves one step, not two
    assert room.index == 1
