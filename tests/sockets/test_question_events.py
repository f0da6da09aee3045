"""The question box over Socket.IO: what each phone, the teacher and the projector get."""

from __future__ import annotations

import json
import time

import pytest
from socketkit import last_state, states

from classroom.live.errors import MESSAGES


@pytest.fixture
def config():
    """Let the "me too" counts move every 0.2 s, so that a test sees them move."""
    return {"CLASSROOM_ME_TOO_EVERY": 0.2}


def emit(client, event, data=None, namespace="/student"):
    return client.emit(event, data if data is not None else {}, namespace=namespace, callback=True)


def teach(client, event, data=None):
    ack = emit(client, event, data, "/teach")
    assert ack == {"ok": True}, ack
    return last_state(client, "/teach")["questions"]["queue"]


def ask(phone, text: str) -> str:
    """Ask `text`; return the new question's id."""
    ack = emit(phone, "ask", {"text": text})
    assert ack["ok"], ack
    return ack["my_questions"]["asked"][-1]["id"]


def seen(client, namespace: str) -> str:
    """Return everything a client received since the last call, as one text."""
    return json.dumps(client.get_received(namespace), ensure_ascii=False)


def test_a_question_reaches_the_teacher_masked_and_no_one_else(phones):
    teacher, screen = phones.teacher(), phones.teacher("screen")
    author, other = phones.student(1), phones.student(2)
    for client, namespace in ((screen, "/screen"), (other, "/student")):
        client.get_received(namespace)
    ack = emit(author, "ask", {"text": "Mail me at sam@example.be, @sam_x or snapchat.com/add/s"})
    masked = "Mail me at •••, ••• or •••"
    assert ack["my_questions"]["asked"][0]["text"] == masked
    assert ack["my_questions"]["asked"][0]["state"] == "waiting"
    queue = last_state(teacher, "/teach")["questions"]["queue"]
    assert [q["text"] for q in queue] == [masked] and set(queue[0]) == {
        "id", "text", "flagged", "state", "me_too", "shown"}  # nothing about who asked
    assert "Mail me" not in seen(other, "/student") and "Mail me" not in seen(screen, "/screen")
    assert emit(other, "sync")["state"]["my_questions"] == {"asked": [], "me_too": []}
    assert emit(author, "sync")["state"]["my_questions"]["asked"][0]["text"] == masked


def test_a_phone_sends_a_few_questions_a_minute_also_from_a_second_tab(phones, app):
    per_minute = app.config["CLASSROOM_QUESTIONS_PER_MINUTE"]
    phone, tab, other = phones.student(1), phones.student(1), phones.student(2)
    for n in range(per_minute):
        ask(phone if n % 2 else tab, f"question {n}")
    for client in (phone, tab):
        ack = emit(client, "ask", {"text": "one too many"})
        assert ack == {"ok": False, "error": "ask-too-fast", "count": str(per_minute),
                       "message": MESSAGES["ask-too-fast"]["en"].format(count=per_minute)}
    assert ask(other, "another phone is not held back")


def test_a_phones_other_tab_shows_its_own_questions_at_once(phones):
    phone, tab, other = phones.student(1), phones.student(1), phones.student(2)
    qid = ask(phone, "Is het strafbaar om door te sturen?")
    assert last_state(tab, "/student")["my_questions"]["asked"][0]["id"] == qid
    assert last_state(other, "/student")["my_questions"]["asked"] == []
    assert emit(tab, "withdraw", {"id": qid})["ok"]
    assert last_state(phone, "/student")["my_questions"]["asked"] == []


def test_a_long_question_is_refused_with_a_clear_message(phones):
    ack = emit(phones.student(1), "ask", {"text": "x" * 281})
    assert ack["error"] == "question-length"
    assert ack["message"] == "A question can be 1 to 280 characters long. Make it a little shorter."


@pytest.mark.parametrize(("event", "data"), [
    ("question_approve", {"id": "x"}), ("question_edit", {"id": "x", "text": "y"}),
    ("question_hide", {"id": "x"}), ("question_answered", {"id": "x", "answered": True}),
    ("question_show", {"id": "x"}),
])
def test_a_phone_cannot_moderate(phones, event, data):
    phone, other = phones.student(1), phones.student(2)
    qid = ask(other, "Waiting for the teacher")
    data = {**data, "id": qid}
    assert emit(phone, event, data) == {
        "ok": False, "error": "not-allowed", "message": MESSAGES["not-allowed"]["en"]}
    assert phones.room.questions.questions[qid].record.status == "waiting"
    assert emit(phones.teacher("screen"), event, data, "/screen")["error"] == "not-allowed"


def test_me_too_once_and_never_on_its_own_question(phones):
    teacher = phones.teacher()
    author, other = phones.student(1), phones.student(2)
    qid = ask(author, "What if a picture is already everywhere?")
    assert emit(other, "me_too", {"id": qid})["error"] == "bad-value"  # not approved yet
    teach(teacher, "question_approve", {"id": qid})
    assert emit(author, "me_too", {"id": qid})["error"] == "me-too-once"
    assert emit(other, "me_too", {"id": qid}) == {
        "ok": True, "my_questions": {"asked": [], "me_too": [qid]}}
    again = emit(phones.student(2), "me_too", {"id": qid})  # the same phone, another tab
    assert again["error"] == "me-too-once"
    assert again["message"] == MESSAGES["me-too-once"]["en"]
    assert phones.room.questions.questions[qid].record.me_too == 1


def test_the_teachers_edit_replaces_the_text_everywhere(phones):
    teacher, screen = phones.teacher(), phones.teacher("screen")
    author, other = phones.student(1), phones.student(2)
    qid = ask(author, "Is it true that Jonas is een sukkel for sending it?")
    queue = teach(teacher, "question_approve", {"id": qid, "text": "Is it stupid to send it?"})
    assert queue[0]["text"] == "Is it stupid to send it?" and queue[0]["state"] == "approved"
    teach(teacher, "question_edit", {"id": qid, "text": "Is it wrong to send it?"})
    queue = teach(teacher, "question_show", {"id": qid})
    now = {
        "teacher": queue[0],
        "projector": last_state(screen, "/screen")["questions"]["shown"],
        "phones": last_state(other, "/student")["questions"]["list"][0],
        "author": last_state(author, "/student")["my_questions"]["asked"][0],
    }
    assert {who: item["text"] for who, item in now.items()} == dict.fromkeys(
        now, "Is it wrong to send it?")
    assert "sukkel" not in json.dumps(now)


def test_withdrawing_removes_it_from_every_screen(phones):
    teacher, screen = phones.teacher(), phones.teacher("screen")
    author, other = phones.student(1), phones.student(2)
    qid = ask(author, "Can I take it back?")
    teach(teacher, "question_approve", {"id": qid})
    teach(teacher, "question_show", {"id": qid})
    assert emit(other, "withdraw", {"id": qid})["error"] == "bad-value"  # not its question
    assert emit(author, "withdraw", {"id": qid}) == {
        "ok": True, "my_questions": {"asked": [], "me_too": []}}
    assert last_state(teacher, "/teach")["questions"]["queue"] == []
    assert last_state(screen, "/screen")["questions"] == {"shown": None}
    assert last_state(other, "/student")["questions"]["list"] == []


def test_the_projector_shows_an_approved_question_over_the_step_and_back(phones):
    teacher, screen = phones.teacher(), phones.teacher("screen")
    qid = ask(phones.student(1), "Why is it a crime?")
    assert emit(teacher, "question_show", {"id": qid}, "/teach")["error"] == "not-allowed"
    teach(teacher, "question_approve", {"id": qid})
    teach(teacher, "question_show", {"id": qid})
    assert last_state(screen, "/screen")["questions"]["shown"] == {
        "id": qid, "text": "Why is it a crime?", "me_too": 0}
    teach(teacher, "question_answered", {"id": qid, "answered": True})
    queue = teach(teacher, "question_show", {"id": None})
    assert last_state(screen, "/screen")["questions"]["shown"] is None
    assert queue[0]["state"] == "answered" and queue[0]["shown"] is False


def test_me_too_counts_reach_the_phones_later_by_a_group(phones, room):
    teacher = phones.teacher()
    author = phones.student(1)
    voters = [phones.student(n) for n in range(2, 2 + room.min_group)]
    qid = ask(author, "How do I delete a picture someone else has?")
    teach(teacher, "question_approve", {"id": qid})
    author.get_received("/student")
    for voter in voters:
        assert emit(voter, "me_too", {"id": qid})["ok"]
    assert last_state(teacher, "/teach")["questions"]["queue"][0]["me_too"] == 0  # not at a tap
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        counts = [s["questions"]["list"][0]["me_too"] for s in states(author, "/student")]
        if counts and counts[-1]:
            break
        time.sleep(0.05)
    assert counts[-1] == room.min_group
    assert last_state(teacher, "/teach")["questions"]["queue"][0]["me_too"] == room.min_group


def test_the_class_sees_no_unapproved_question_even_when_the_teacher_acts(phones):
    teacher = phones.teacher()
    author, other = phones.student(1), phones.student(2)
    secret = ask(author, "SECRET waiting question")
    shown = ask(author, "An approved one")
    other.get_received("/student")
    teach(teacher, "question_approve", {"id": shown})
    teach(teacher, "question_hide", {"id": secret})
    received = seen(other, "/student")
    assert "An approved one" in received and "SECRET" not in received and secret not in received
    assert last_state(author, "/student")["my_questions"]["asked"] == [
        {"id": secret, "text": None, "state": "hidden"},
        {"id": shown, "text": "An approved one", "state": "approved"},
    ]
