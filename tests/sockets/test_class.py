"""A room of thirty phones through the Socket.IO test client: join, answer, change, pass."""

import json
import time

import pytest
from socketkit import STEPS, last_state, states

CHOICE = STEPS["choice"]


def teach_emit(teach, event, data=None):
    ack = teach.emit(event, data if data is not None else {}, namespace="/teach", callback=True)
    assert ack == {"ok": True}, ack
    return ack


def answer(phone, step, value=None, passed=False):
    data = {"step": step, "pass": True} if passed else {"step": step, "value": value}
    return phone.emit("answer", data, namespace="/student", callback=True)


def test_thirty_phones_answer_change_and_pass_and_the_tallies_are_exact(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(30)]
    assert last_state(screen, "/screen")["room"]["connected"] == 30
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    for n, phone in enumerate(class_[:25]):
        ack = answer(phone, CHOICE, n % 3)
        assert ack == {"ok": True, "mine": {"answered": True, "passed": False, "value": n % 3}}
    for phone in class_[25:]:
        assert answer(phone, CHOICE, passed=True)["mine"]["passed"] is True
    for phone in class_[:6]:  # six change their mind: 0,1,2,0,1,2 -> 2
        answer(phone, CHOICE, 2)
    seen = last_state(screen, "/screen")
    assert seen["answers"] == {"count": 30, "passed": 5, "group": 3} and seen["results"] is None
    teach_emit(teach, "reveal")
    results = last_state(screen, "/screen")["results"]
    assert results == {
        "kind": "choice",
        "counts": [7, 6, 12],
        "correct": None,
        "total": 25,
        "passed": 5,
    }
    assert all(last_state(p, "/student")["results"] == results for p in class_)
    assert len(room.participants) == 30


def test_a_reconnecting_phone_is_the_same_participant_with_its_answer(phones, room):
    teach = phones.teacher()
    phone = phones.student(1)
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    answer(phone, CHOICE, 2)
    phone.disconnect(namespace="/student")
    assert last_state(teach, "/teach")["room"]["connected"] == 0
    again = phones.student(1)  # a page reload: new socket, same device key
    state = last_state(again, "/student")
    assert state["step"]["index"] == CHOICE and state["voting"]["open"] is True
    assert state["mine"] == {"answered": True, "passed": False, "value": 2}
    answer(again, CHOICE, 0)
    assert len(room.participants) == 1 and len(room.step_answers()) == 1
    assert last_state(teach, "/teach")["room"]["connected"] == 1


def test_two_tabs_of_one_phone_count_as_one_phone(phones):
    screen = phones.teacher("screen")
    phones.student(1), phones.student(1)
    assert last_state(screen, "/screen")["room"]["connected"] == 1


def test_a_late_phone_lands_on_the_current_step(phones):
    teach = phones.teacher()
    teach_emit(teach, "go", {"step": STEPS["scale"]})
    teach_emit(teach, "open")
    late = phones.student(9)
    state = last_state(late, "/student")
    assert state["step"]["question"]["kind"] == "scale"
    assert state["mine"] == {"answered": False, "passed": False, "value": None}
    assert answer(late, STEPS["scale"], 4)["ok"] is True


def test_the_next_question_reaches_every_phone_by_itself(phones):
    teach = phones.teacher()
    class_ = [phones.student(n) for n in range(5)]
    for phone in class_:
        states(phone, "/student")
    teach_emit(teach, "next")
    teach_emit(teach, "next")
    for phone in class_:
        received = states(phone, "/student")
        assert [s["step"]["index"] for s in received] == [0, 1]
        assert received[-1]["step"]["html"].startswith("<h2>What is sexting?</h2>")
        assert "&lt;b&gt;" in received[-1]["step"]["html"]  # raw HTML is shown, never run


def test_sync_returns_the_phone_s_own_view(phones):
    teach, phone = phones.teacher(), phones.student(3)
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    answer(phone, CHOICE, passed=True)
    ack = phone.emit("sync", {}, namespace="/student", callback=True)
    assert ack["ok"] is True
    assert ack["state"]["mine"] == {"answered": True, "passed": True, "value": None}


def test_free_text_is_moderated_before_the_projector_shows_it(phones):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(3)]
    teach_emit(teach, "go", {"step": STEPS["text"]})
    teach_emit(teach, "open")
    for phone, text in zip(class_, ["trust", "mail x@y.be", "fuck"], strict=True):
        answer(phone, STEPS["text"], text)
    pending = last_state(teach, "/teach")["pending"]
    assert [(p["text"], p["flagged"]) for p in pending] == [
        ("trust", False),
        ("mail •••", False),
        ("fuck", True),
    ]
    teach_emit(teach, "reveal")
    teach_emit(teach, "moderate", {"id": pending[0]["id"], "approve": True})
    # One approval alone is not shown: its text would be one student's, at the moment it
    # was approved. The phrases move once the group (3) of answers changed.
    assert last_state(screen, "/screen")["results"]["phrases"] == []
    teach_emit(teach, "moderate", {"id": pending[2]["id"], "approve": False})
    teach_emit(teach, "moderate", {"id": pending[1]["id"], "approve": True})
    assert last_state(screen, "/screen")["results"]["phrases"] == [
        {"text": "mail •••", "count": 1}, {"text": "trust", "count": 1}]
    assert last_state(teach, "/teach")["pending"] == []


def test_the_timer_closes_voting_at_the_server_deadline(phones):
    teach, phone = phones.teacher(), phones.student(1)
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "timer", {"seconds": 1})
    state = last_state(phone, "/student")
    assert state["voting"]["open"] is True
    assert 0.9 < state["voting"]["deadline"] - state["now"] <= 1.0
    closed = None
    for _ in range(50):  # the server closes voting by itself, within a tick of the deadline
        time.sleep(0.1)
        closed = next((s for s in states(phone, "/student") if not s["voting"]["open"]), closed)
        if closed:
            break
    assert closed["voting"] == {"open": False, "deadline": None, "revealed": False}
    assert closed["now"] >= state["voting"]["deadline"]
    assert answer(phone, CHOICE, 1)["error"] == "not-voting"


def test_teacher_actions_reach_all_three_roles_at_once(phones):
    teach, screen, phone = phones.teacher(), phones.teacher("screen"), phones.student(1)
    for client, ns in ((teach, "/teach"), (screen, "/screen"), (phone, "/student")):
        states(client, ns)
    teach_emit(teach, "lock", {"locked": True})
    for client, ns in ((teach, "/teach"), (screen, "/screen"), (phone, "/student")):
        assert last_state(client, ns)["room"]["locked"] is True


def test_ending_the_lesson_shows_the_help_on_every_phone(phones):
    teach, phone = phones.teacher(), phones.student(1)
    teach_emit(teach, "end")
    state = last_state(phone, "/student")
    assert state["room"]["phase"] == "ended" and state["step"] is None
    assert state["help"]["resources"][0]["phone"] == "102"


@pytest.mark.parametrize("config", [{"CLASSROOM_SCHOOL_CONTACT": "Ms Peeters, room B12"}])
def test_the_phones_help_starts_with_the_school_contact_the_teacher_gave(phones):
    phone = phones.student(1)
    # The help set comes with the first state (broadcasts leave it out while it is unchanged).
    school = states(phone, "/student")[0]["help"]["school"]
    assert school == {"title": "At school", "contact": "Ms Peeters, room B12"}


def test_a_whole_lesson_never_sends_notes_answers_or_early_solutions(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(6)]
    values = {
        "choice": 1,
        "check": 0,
        "multi": [0],
        "scale": 3,
        "flag": {"flag": "red", "criterion": "impact"},
        "text": "my own words",
        "rank": [2, 1, 0],
    }
    sent = {"/student": [], "/screen": []}
    for step in range(len(room.plan)):
        teach_emit(teach, "go", {"step": step})
        kind = next((k for k, i in STEPS.items() if i == step), None)
        if kind in values:
            teach_emit(teach, "open")
            for phone in class_:
                answer(phone, step, values[kind])
            sent["/screen"] += states(screen, "/screen")
            sent["/student"] += [s for p in class_ for s in states(p, "/student")]
            teach_emit(teach, "reveal")
            for client, namespace in ((screen, "/screen"), *((p, "/student") for p in class_)):
                states(client, namespace)  # after the reveal, solutions may be shown
    for namespace, payloads in sent.items():
        text = json.dumps(payloads)
        assert payloads, namespace
        for secret in ("SECRET", "GEHEIME", '"correct"', '"expected"', '"explanation"', '"notes"'):
            assert secret not in text, (namespace, secret)
        assert not any(pid in text for pid in room.participants)


def test_the_store_keeps_no_device_key_address_or_browser(phones, app, room):
    import sqlite3

    teach = phones.teacher()
    class_ = [phones.student(n) for n in range(3)]
    teach_emit(teach, "go", {"step": STEPS["text"]})
    teach_emit(teach, "open")
    for phone in class_:
        answer(phone, STEPS["text"], "ask first")
    with sqlite3.connect(app.config["CLASSROOM_DB"]) as conn:
        dump = "\n".join(conn.iterdump())
    assert dump.count("ask first") == 3
    for trace in ("phone-0", "127.0.0.1", "localhost", "werkzeug", "Werkzeug"):
        assert trace not in dump


def test_after_the_end_known_phones_come_back_and_new_ones_are_told(phones, room):
    from socketkit import device, refusal

    teach = phones.teacher()
    phones.student(1).disconnect(namespace="/student")
    teach_emit(teach, "end")
    assert last_state(phones.student(1), "/student")["room"]["phase"] == "ended"
    assert refusal(phones, "/student", {"code": room.code, "device": device(2)})["error"] == (
        "room-ended"
    )



def test_links_use_the_public_address_set_after_the_app_was_made(phones, app, room):
    app.config["CLASSROOM_PUBLIC_URL"] = "http://10.0.0.5:5000/"  # as `classroom run` does
    state = last_state(phones.teacher(), "/teach")
    assert state["room"]["join_url"] == f"http://10.0.0.5:5000/j/{room.code}"
    assert state["teacher_url"] == f"http://10.0.0.5:5000/teach/{room.code}?key={room.teacher_key}"
    assert state["screen_url"] == f"http://10.0.0.5:5000/screen/{room.code}#key={room.screen_key}"


def test_a_reset_clears_every_phone_s_own_answer(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(4)]
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    for phone in class_:
        answer(phone, CHOICE, 1)
    teach_emit(teach, "reset")
    for phone in class_:
        assert last_state(phone, "/student")["mine"] == {
            "answered": False, "passed": False, "value": None,
        }
    assert last_state(screen, "/screen")["answers"] == {"count": 0, "passed": 0, "group": 3}
    teach_emit(teach, "open")
    assert answer(class_[0], CHOICE, 2)["ok"] is True
    assert len(room.step_answers()) == 1


def test_a_reset_after_voting_closed_still_clears_the_phones(phones):
    teach = phones.teacher()
    phone = phones.student(1)
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    answer(phone, CHOICE, 1)
    teach_emit(teach, "close")
    teach_emit(teach, "reset")  # nothing else a phone sees changes: only its own answer
    assert last_state(phone, "/student")["mine"]["answered"] is False


def test_a_phone_gets_the_help_set_once_and_keeps_it_through_broadcasts(phones):
    teach, phone = phones.teacher(), phones.student(0)
    first = states(phone, "/student")
    assert first[0]["help"]["title"]  # on connect: the whole help set
    assert all("help" not in s for s in first[1:])
    teach_emit(teach, "go", {"step": CHOICE})
    teach_emit(teach, "open")
    sent = states(phone, "/student")
    assert [s["step"]["index"] for s in sent] == [CHOICE, CHOICE]
    assert all("help" not in s for s in sent)  # unchanged: not sent again (3 of 4 KB)
    sync = phone.emit("sync", {}, namespace="/student", callback=True)
    assert sync["state"]["help"] == first[0]["help"]  # asked for, it is there
    late = phones.student(1)
    assert states(late, "/student")[0]["help"] == first[0]["help"]
