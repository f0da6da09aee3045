"""What each role reads: a phone in its own language, the help set, approving many at once."""

from socketkit import STEPS, last_state, states

TEXT = STEPS["text"]


def teach_emit(teach, event, data=None):
    ack = teach.emit(event, data if data is not None else {}, namespace="/teach", callback=True)
    assert ack == {"ok": True}, ack
    return ack


def test_a_phone_reads_the_language_it_asked_for_and_the_projector_the_rooms(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    dutch, english = phones.student(1, lang="nl"), phones.student(2)
    unknown = phones.student(3, lang="de")
    # The help set comes with the first state (broadcasts leave it out while it is unchanged).
    assert states(dutch, "/student")[0]["help"]["title"] == "Need help?"  # one set for both
    teach_emit(teach, "go", {"step": STEPS["choice"]})
    seen = last_state(dutch, "/student")
    assert seen["step"]["question"]["options"][0] == "Doorsturen"
    assert seen["room"]["title"] == "Live testles"
    assert last_state(english, "/student")["step"]["question"]["options"][0] == "Forward it"
    assert last_state(unknown, "/student")["room"]["lang"] == "en"  # not in the lesson: the room's
    assert last_state(screen, "/screen")["step"]["question"]["options"][0] == "Forward it"


def test_a_phones_errors_speak_its_language(phones, room):
    dutch = phones.student(1, lang="nl")
    ack = dutch.emit("answer", {"step": 0, "value": 1}, namespace="/student", callback=True)
    assert ack["error"] == "wrong-step"
    assert ack["message"] == "Deze vraag is niet meer aan de beurt. Je ziet nu de huidige vraag."


def test_a_phone_gets_a_state_in_its_language_when_the_teacher_moves_on(phones, room):
    teach = phones.teacher()
    dutch, english = phones.student(1, lang="nl"), phones.student(2, lang="en")
    states(dutch, "/student"), states(english, "/student")
    teach_emit(teach, "go", {"step": STEPS["slide"]})
    assert "Wat is sexting?" in last_state(dutch, "/student")["step"]["html"]
    assert "What is sexting?" in last_state(english, "/student")["step"]["html"]


def test_the_projector_shows_the_help_set_on_the_help_step_and_after_the_end(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    assert last_state(screen, "/screen")["help"] is None  # the lobby
    teach_emit(teach, "go", {"step": len(room.plan) - 1})  # the help notice
    seen = last_state(screen, "/screen")
    assert seen["step"]["notice"] == "help"
    assert seen["help"]["resources"][0] == {
        "name": "Test line",
        "about": "A pretend helpline for tests.",
        "phone": "102",
        "url": "https://example.org/help",
        "chat": False,
        "crisis": False,
        "open_now": None,  # the test line gives no hours: neither open nor closed
    }
    assert "sources" not in seen["help"] and "id" not in seen["help"]
    teach_emit(teach, "end")
    assert last_state(screen, "/screen")["help"]["title"] == "Need help?"


def test_approve_all_approves_only_the_answers_the_teacher_saw(phones, room):
    teach, screen = phones.teacher(), phones.teacher("screen")
    class_ = [phones.student(n) for n in range(4)]
    teach_emit(teach, "go", {"step": TEXT})
    teach_emit(teach, "open")
    texts = ["Niet doorsturen", "niet doorsturen!", "Hulp"]
    for phone, text in zip(class_[:3], texts, strict=True):
        phone.emit("answer", {"step": TEXT, "value": text}, namespace="/student", callback=True)
    seen = [item["id"] for item in last_state(teach, "/teach")["pending"]]
    class_[3].emit("answer", {"step": TEXT, "value": "later"}, namespace="/student", callback=True)
    teach_emit(teach, "moderate_many", {"ids": seen, "approve": True})
    view = last_state(teach, "/teach")
    assert [item["text"] for item in view["pending"]] == ["later"]
    assert view["projected"] == [
        {"text": "Niet doorsturen", "count": 2},
        {"text": "Hulp", "count": 1},
    ]
    teach_emit(teach, "reveal")
    assert last_state(screen, "/screen")["results"]["phrases"] == view["projected"]


def test_approve_all_refuses_a_bad_payload(phones, room):
    teach = phones.teacher()
    for bad in ({"ids": [], "approve": True}, {"ids": ["x" * 21], "approve": True}, {"ids": "t1"}):
        ack = teach.emit("moderate_many", bad, namespace="/teach", callback=True)
        assert ack["error"] == "bad-request"
