"""The question box in the domain: asking, moderation, "me too", the projector, the end."""

from __future__ import annotations

import pytest
from livekit import device, reopen

from classroom.live import actions, views
from classroom.live import question_actions as asked
from classroom.live.errors import LiveError
from classroom.live.questions import MAX_LENGTH, MAX_WAITING, ME_TOO_EVERY
from classroom.store import StoreError

BASE = "http://192.0.2.1"


class Phone:
    """A phone of the room: its participant id and its question key, as its socket keeps them."""

    def __init__(self, room, n: int) -> None:
        self.room, self.device = room, device(n)
        self.pid = room.join(self.device)
        self.key = room.questions.key_of(self.device)
        room.questions.recognise(self.pid, self.key)

    def ask(self, text: str) -> str:
        """Ask `text`; return the new question's id."""
        before = {q["id"] for q in self.own()}
        after = self.room.questions.ask(self.pid, self.key, text)["asked"]
        [new] = [q["id"] for q in after if q["id"] not in before]
        return new

    def own(self) -> list[dict]:
        return self.room.questions.mine(self.pid)["asked"]

    def me_too(self, qid: str) -> dict:
        return self.room.questions.me_too(self.pid, self.key, qid)

    def withdraw(self, qid: str) -> dict:
        return self.room.questions.withdraw(self.pid, self.key, qid)

    def view(self) -> dict:
        return views.student_view(self.room, BASE, self.pid)


@pytest.fixture
def phones(room):
    return [Phone(room, n) for n in range(8)]


def error_of(call) -> str:
    with pytest.raises(LiveError) as raised:
        call()
    return raised.value.code


def teacher(room) -> dict:
    return views.teach_view(room, BASE)["questions"]


def listed(phone) -> list[dict]:
    return phone.view()["questions"]["list"]


def test_a_question_is_masked_flagged_and_seen_by_the_teacher_alone(room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("  Jonas is een loser, bel hem op 0470 12 34 56  ")
    assert author.own() == [{"id": qid, "text": "Jonas is een loser, bel hem op •••",
                             "state": "waiting"}]
    [queued] = teacher(room)["queue"]
    assert queued == {"id": qid, "text": "Jonas is een loser, bel hem op •••", "flagged": True,
                      "state": "waiting", "me_too": 0, "shown": False}
    assert teacher(room)["waiting"] == 1
    assert listed(other) == [] and other.view()["my_questions"] == {"asked": [], "me_too": []}
    assert views.screen_view(room, BASE)["questions"] == {"shown": None}


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_LENGTH + 1)])
def test_an_empty_or_too_long_question_is_refused(room, phones, text):
    assert error_of(lambda: phones[0].ask(text)) == "question-length"
    assert teacher(room)["queue"] == []


def test_a_phone_has_a_few_questions_waiting_at_most(room, phones):
    ids = [phones[0].ask(f"question {n}") for n in range(MAX_WAITING)]
    with pytest.raises(LiveError) as raised:
        phones[0].ask("one more")
    assert raised.value.code == "too-many-questions"
    assert raised.value.message.startswith(f"{MAX_WAITING} of your questions are already")
    phones[1].ask("another phone can still ask")
    asked.approve(room, ids[0])
    phones[0].ask("one more, now that the teacher read one")


def test_the_teachers_edit_replaces_the_text_everywhere(room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("Is it normal that Emma from 3B feels pressured?")
    asked.approve(room, qid, "Is it normal to feel pressured?")
    expected = "Is it normal to feel pressured?"
    assert [q["text"] for q in listed(other)] == [expected]
    assert author.own()[0] == {"id": qid, "text": expected, "state": "approved"}
    assert teacher(room)["queue"][0]["text"] == expected
    assert teacher(room)["queue"][0]["flagged"] is False  # the name is gone, so is the flag
    asked.edit(room, qid, "Is it normal to feel pressured by a partner?")
    asked.show(room, qid)
    assert views.screen_view(room, BASE)["questions"]["shown"]["text"] == (
        "Is it normal to feel pressured by a partner?")
    assert room.store.open_rooms()[0].questions[0].text == (
        "Is it normal to feel pressured by a partner?")


def test_me_too_once_per_phone_never_on_its_own_or_an_unapproved_question(room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("What does the law say about forwarding?")
    assert error_of(lambda: other.me_too(qid)) == "bad-value"  # not approved: no such question
    asked.approve(room, qid)
    assert error_of(lambda: author.me_too(qid)) == "me-too-once"
    assert other.me_too(qid) == {"asked": [], "me_too": [qid]}
    assert error_of(lambda: other.me_too(qid)) == "me-too-once"
    assert error_of(lambda: other.me_too("no-such-id")) == "bad-value"
    asked.answered(room, qid, True)
    assert error_of(lambda: phones[2].me_too(qid)) == "bad-value"  # answered: nothing to add
    assert room.questions.questions[qid].record.me_too == 1


def test_me_too_counts_move_by_a_group_and_only_at_the_turn_of_a_slot(room, phones, clock):
    """A count never moves when someone taps, nor by one tap: so nobody learns who tapped."""
    group = room.min_group
    qid = phones[0].ask("Can a screenshot be deleted everywhere?")
    asked.approve(room, qid)
    box = room.questions

    def shown() -> int:
        [item] = listed(phones[7])
        assert item["me_too"] == teacher(room)["queue"][0]["me_too"]  # every audience alike
        return item["me_too"]

    for phone in phones[1:1 + group]:
        phone.me_too(qid)
    assert (box.publish(), shown()) == (False, 0)  # the same slot: nothing moves
    clock.advance(ME_TOO_EVERY)
    assert (box.publish(), shown()) == (False, 0)  # taken at this turn, published at the next
    clock.advance(ME_TOO_EVERY)
    assert (box.publish(), shown()) == (True, group)
    phones[1 + group].me_too(qid)  # one more: less than a group since the count last moved
    for _ in range(3):
        clock.advance(ME_TOO_EVERY)
        box.publish()
        assert shown() == group
    assert not box.due()


def test_withdrawing_removes_the_question_everywhere(room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("Why do people forward pictures?")
    asked.approve(room, qid)
    other.me_too(qid)
    asked.show(room, qid)
    assert error_of(lambda: other.withdraw(qid)) == "bad-value"  # not its question
    assert author.withdraw(qid) == {"asked": [], "me_too": []}
    assert listed(other) == [] and other.view()["my_questions"]["me_too"] == []
    assert teacher(room)["queue"] == []
    assert views.screen_view(room, BASE)["questions"] == {"shown": None}
    assert room.store.open_rooms()[0].questions == []


def test_hiding_deletes_the_text_and_tells_only_the_phone_that_asked(room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("A question the teacher will not put up")
    asked.hide(room, qid)
    assert author.own() == [{"id": qid, "text": None, "state": "hidden"}]
    assert teacher(room)["queue"] == [] and listed(other) == []
    assert room.store.open_rooms()[0].questions[0].text is None
    assert error_of(lambda: asked.approve(room, qid)) == "bad-value"
    assert error_of(lambda: asked.show(room, qid)) == "bad-value"


def test_one_approved_question_at_a_time_on_the_projector(room, phones):
    first, second = phones[0].ask("First?"), phones[1].ask("Second?")
    assert error_of(lambda: asked.show(room, first)) == "not-allowed"  # not approved yet
    asked.approve(room, first)
    asked.approve(room, second)
    asked.show(room, first)
    asked.show(room, second)
    assert views.screen_view(room, BASE)["questions"]["shown"] == {
        "id": second, "text": "Second?", "me_too": 0}
    assert [q["shown"] for q in teacher(room)["queue"]] == [False, True]
    asked.show(room, None)
    asked.show(room, None)  # nothing on the projector: nothing to take off
    assert views.screen_view(room, BASE)["questions"]["shown"] is None


def test_the_queue_puts_waiting_first_then_the_most_me_too(room, phones, clock):
    ids = [phones[n].ask(f"Question {n}") for n in range(4)]
    for qid in ids[:3]:
        asked.approve(room, qid)
    asked.answered(room, ids[0], True)
    for phone in phones[4:8]:
        phone.me_too(ids[2])
    for _ in range(2):
        clock.advance(ME_TOO_EVERY)
        room.questions.publish()
    assert [q["id"] for q in teacher(room)["queue"]] == [ids[3], ids[2], ids[1], ids[0]]
    assert [q["id"] for q in listed(phones[0])] == [ids[2], ids[1], ids[0]]


def test_the_end_deletes_what_was_not_approved_and_forgets_who_asked(room, phones):
    waiting, hidden, kept = (phones[n].ask(f"Question {n}") for n in range(3))
    asked.hide(room, hidden)
    asked.approve(room, kept)
    phones[5].me_too(kept)
    asked.show(room, kept)
    actions.end(room)
    assert set(room.questions.questions) == {kept}
    record = room.questions.questions[kept].record
    assert (record.owner, record.shown, record.me_too) == ("", False, 1)
    assert phones[2].view()["my_questions"] == {"asked": [], "me_too": []}
    assert views.screen_view(room, BASE)["questions"] == {"shown": None}
    assert error_of(lambda: phones[1].ask("after the end")) == "room-ended"
    assert teacher(room)["open"] is False and listed(phones[0])[0]["id"] == kept


def test_a_restart_gives_each_phone_back_its_own_questions(library, store, clock, tmp_path,
                                                           rooms, room, phones):
    author, other = phones[0], phones[1]
    qid = author.ask("Is sexting legal at 16?")
    waiting = author.ask("And at 15?")
    asked.approve(room, qid)
    other.me_too(qid)
    again, store2 = reopen(library, store, clock, tmp_path)
    try:
        resumed = again.get(room.code)
        author2, other2 = Phone(resumed, 0), Phone(resumed, 1)
        assert [q["id"] for q in author2.own()] == [qid, waiting]
        assert resumed.questions.mine(other2.pid) == {"asked": [], "me_too": [qid]}
        assert error_of(lambda: other2.me_too(qid)) == "me-too-once"
        assert error_of(lambda: author2.me_too(qid)) == "me-too-once"
        author2.withdraw(waiting)
        assert Phone(resumed, 2).ask("A new one") not in (qid, waiting)
    finally:
        store2.close()


def test_a_lesson_without_the_question_box_has_none(rooms):
    room = rooms.create("live-quiet", "en")
    phone = Phone(room, 1)
    assert error_of(lambda: phone.ask("Anyone?")) == "questions-off"
    assert views.teach_view(room, BASE)["questions"] is None
    assert phone.view()["questions"] is None
    assert views.screen_view(room, BASE)["questions"] is None


def test_a_question_that_cannot_be_stored_is_not_kept(room, phones, monkeypatch):
    class Failed:
        def wait(self, timeout=None):
            raise StoreError("disk full")

    monkeypatch.setattr(room.store, "save_question", lambda code, record: Failed())
    assert error_of(lambda: phones[0].ask("Lost?")) == "not-saved"
    assert phones[0].own() == [] and room.questions.questions == {}


def test_a_question_box_step_shows_its_prompt_to_every_role(rooms):
    room = rooms.create("live-box", "en")
    actions.go(room, 1)
    step = Phone(room, 1).view()["step"]
    assert (step["kind"], step["prompt"]) == ("question-box", "What else do you want to know?")
    assert views.screen_view(room, BASE)["step"]["prompt"] == step["prompt"]
    outline = views.teach_view(room, BASE)["steps"][1]
    assert outline == {"index": 1, "kind": "question-box",
                       "title": "What else do you want to know?"}


def test_phones_can_ask_in_the_lobby_and_on_every_step(room, phones):
    phones[0].ask("In the lobby?")
    for index in range(len(room.plan)):
        actions.go(room, index)
        assert phones[0].view()["questions"]["open"] is True
    assert len(teacher(room)["queue"]) == 1
